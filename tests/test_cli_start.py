"""A command loads what it runs, not every command's modules (each one costs the start of every
`fluxdesk` call; the throughput benchmark times `fluxdesk generate` from its own process)."""

from __future__ import annotations

import subprocess
import sys

from fluxdesk.cli import COMMANDS, build_parser, command_of


def test_the_command_is_the_first_word_when_it_is_ours() -> None:
    assert command_of(["generate", "--count", "2", "a cat"]) == "generate"
    assert command_of(["--version"]) is None  # an option first: the whole parser
    assert command_of(["genrate", "a cat"]) is None  # misspelt: the whole parser says what exists
    assert command_of([]) is None


def test_a_parser_for_one_command_reads_it_as_the_whole_one_does() -> None:
    argv = ["generate", "--model", "flux-dev", "--count", "3", "a lighthouse"]
    whole, one = build_parser().parse_args(argv), build_parser("generate").parse_args(argv)
    assert vars(whole).keys() == vars(one).keys()
    assert {k: v for k, v in vars(whole).items() if k != "func"} == {
        k: v for k, v in vars(one).items() if k != "func"}
    assert set(build_parser()._subparsers._group_actions[0].choices) == set(COMMANDS)  # type: ignore[union-attr]


def test_generate_does_not_load_the_simulator_or_the_other_commands() -> None:
    code = (
        "import sys\n"
        "from fluxdesk.cli import main\n"
        "try:\n"
        "    main(['generate', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('fluxdesk.sim.server', 'fluxdesk.cli.export', 'fluxdesk.cli.history',\n"
        "          'fluxdesk.cli.inspect', 'fluxdesk.library.export') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in done.stderr, done.stderr[-2000:]
