"""Shell completions and the man page: generated from the parser, complete, current, and working in the
shells themselves."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fluxdesk.cli import build_parser
from fluxdesk.cli import main as cli_main
from fluxdesk.cli.docs import OUTPUTS, render

RESOURCES = Path(__file__).resolve().parents[1] / "fluxdesk" / "resources"


def parser_names(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """Every subcommand name and every option string the parser knows (walked here, independently of
    the generator)."""
    commands: set[str] = set()
    options: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands.add(name)
                more_commands, more_options = parser_names(sub)
                commands |= more_commands
                options |= more_options
        else:
            options.update(action.option_strings)
    return commands, options


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return {what: render(what) for what in OUTPUTS}


def test_every_subcommand_and_flag_is_in_each_completion_and_the_man_page(outputs) -> None:
    commands, options = parser_names(build_parser())
    assert {"generate", "history", "show", "empty-trash", "library", "rebuild", "sim"} <= commands
    assert {"--model", "-m", "--no-upsample", "--print-completion", "--no-hashes"} <= options
    for what, text in outputs.items():
        if what == "man":
            text = text.replace("\\-", "-")
        if what == "fish":  # fish names options without their dashes: -l json, -s m
            text = re.sub(r"-s (\S+)", r"-\1", re.sub(r"-l (\S+)", r"--\1", text))
        missing = sorted(n for n in commands | options if n not in text)
        assert missing == [], f"{what} lacks {missing}"


def test_the_shipped_copies_are_current(outputs) -> None:
    for what, relative in OUTPUTS.items():
        shipped = (RESOURCES / relative).read_text(encoding="utf-8")
        assert shipped == outputs[what], f"{relative} is stale: run `python -m fluxdesk.cli.docs`"


def test_print_completion_prints_the_script_and_exits_0(capsys, outputs) -> None:
    for shell in ("bash", "zsh", "fish"):
        with pytest.raises(SystemExit) as stop:
            cli_main(["--print-completion", shell])
        assert stop.value.code == 0
        assert capsys.readouterr().out == outputs[shell]
    with pytest.raises(SystemExit) as stop:
        cli_main(["--print-completion", "tcsh"])
    assert stop.value.code == 2


BASH_CASES = {
    "fluxdesk gen": ["generate"],
    "fluxdesk generate --mo": ["--model"],
    "fluxdesk generate --model flux-d": ["flux-dev"],
    "fluxdesk generate -m flux-dev --st": ["--steps"],  # the value after -m is skipped, not a command
    "fluxdesk generate --format ": ["jpeg", "png", "jpg"],
    "fluxdesk history s": ["show"],
    "fluxdesk history show --j": ["--json"],
    "fluxdesk library ": ["check", "rebuild"],
    "fluxdesk --print-completion ": ["bash", "zsh", "fish"],
    "fluxdesk export --format w": ["webp"],
    "fluxdesk library check --no": ["--no-hashes"],
}


def _bash_complete(script: Path, line: str, cwd: Path) -> list[str]:
    words = line.split(" ")
    program = (f"source {script}\nCOMP_WORDS=({' '.join(repr(w) for w in words)})\n"
               f"COMP_CWORD={len(words) - 1}\n_fluxdesk\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True,
                            cwd=cwd, timeout=30, check=True)
    return [w for w in result.stdout.splitlines() if w]


def test_bash_completes_commands_flags_and_values(tmp_path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash here")
    script = RESOURCES / OUTPUTS["bash"]
    for line, expected in BASH_CASES.items():
        assert sorted(_bash_complete(script, line, tmp_path)) == sorted(expected), line
    (tmp_path / "kite.png").touch()
    (tmp_path / "notes.txt").touch()
    (tmp_path / "shots").mkdir()
    assert sorted(_bash_complete(script, "fluxdesk k", tmp_path)) == ["kite.png"]  # Open with: images
    assert _bash_complete(script, "fluxdesk n", tmp_path) == []
    assert sorted(_bash_complete(script, "fluxdesk inspect n", tmp_path)) == ["notes.txt"]


def test_fish_completes_commands_flags_and_values(tmp_path) -> None:
    fish = shutil.which("fish")
    if fish is None:
        pytest.skip("fish is not installed (Debian package fish; `make test` installs it as root)")
    script = RESOURCES / OUTPUTS["fish"]
    syntax = subprocess.run([fish, "--no-execute", str(script)], capture_output=True, timeout=30, check=False)
    assert syntax.returncode == 0, syntax.stderr
    (tmp_path / "kite.png").touch()
    (tmp_path / "notes.txt").touch()
    cases = {**BASH_CASES, "fluxdesk k": ["kite.png"], "fluxdesk inspect n": ["notes.txt"]}
    for line, expected in cases.items():
        result = subprocess.run([fish, "--no-config", "-c", f"source {script}; complete -C '{line}'"],
                                capture_output=True, text=True, cwd=tmp_path, timeout=30, check=True)
        got = [row.split("\t")[0] for row in result.stdout.splitlines() if row]
        assert sorted(got) == sorted(expected), line


def test_zsh_reads_the_completion_and_registers_it(tmp_path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed (Debian package zsh; `make test` installs it as root)")
    folder = tmp_path / "functions"
    folder.mkdir()
    shutil.copy(RESOURCES / OUTPUTS["zsh"], folder / "_fluxdesk")
    script = folder / "_fluxdesk"
    syntax = subprocess.run([zsh, "-n", str(script)], capture_output=True, timeout=30, check=False)
    assert syntax.returncode == 0, syntax.stderr
    program = (f"fpath=({folder} $fpath); autoload -U compinit; compinit -u -d {tmp_path}/zcompdump; "
               "print -r -- $_comps[fluxdesk]")
    result = subprocess.run([zsh, "-f", "-c", program], capture_output=True, text=True, timeout=60,
                            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)
    assert result.stdout.strip() == "_fluxdesk", result.stderr


def test_the_man_page_renders_without_warnings(outputs) -> None:
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff is not installed (Debian package groff-base)")
    result = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z"], input=outputs["man"], capture_output=True,
                            text=True, timeout=30, check=False)
    assert result.returncode == 0 and result.stderr == ""
    text = subprocess.run([groff, "-man", "-Tascii", "-P-cbou"], input=outputs["man"], capture_output=True,
                          text=True, timeout=30, check=True).stdout
    assert "fluxdesk generate" in text and "FLUXDESK_HOME" in text and "EXIT STATUS" in text
