"""The command line front: `fluxdesk generate|edit|credits|history|resume|retry|export|inspect|library|sim`.
Same engine as the window, no Qt.

`main` sets up the log file for the process (`fluxdesk.logs`) and is the last word on failures: a
`FluxError` (a library that cannot be opened, a key that cannot be used...) is its one sentence on
stderr, anything unexpected one sentence pointing at the log, which keeps the traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from fluxdesk import __version__
from fluxdesk.api.errors import FluxError
from fluxdesk.cli import credits, edit, export, generate, history, inspect, library, resume, retry, sim
from fluxdesk.cli.terminal import printable
from fluxdesk.i18n import _
from fluxdesk.logs import LogSetup, install_excepthooks, setup_logging, unexpected_sentence
from fluxdesk.settings import Settings

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    # here, not at the top: `python -m fluxdesk.cli.docs` must be the first to import that module
    from fluxdesk.cli.docs import SHELLS, PrintCompletion

    parser = argparse.ArgumentParser(
        prog="fluxdesk",
        description=_("Make images with the Flux models. With no command, opens the window."),
    )
    parser.add_argument("--version", action="version", version=f"fluxdesk {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--print-completion", choices=SHELLS, metavar=_("SHELL"), action=PrintCompletion,
                        help=_("print the completion script for bash, zsh or fish, and exit"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in (generate, edit, credits, history, resume, retry, export, inspect, library, sim):
        module.register(sub)
    return parser


def _to_stderr(text: str) -> None:
    print(printable(text), file=sys.stderr, flush=True)


def _start_logging() -> LogSetup:
    try:
        folder = Settings.load().paths.logs_dir
    except Exception:  # unreadable settings must not stop the command; the default folder will do
        from fluxdesk.logs import default_log_dir

        folder = default_log_dir()
    setup = setup_logging(folder, notices=_to_stderr)
    install_excepthooks(setup, _to_stderr)
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logs = _start_logging()
    command = args.command or "?"
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # the reader went away (`fluxdesk history | head`): stop quietly, as Unix tools do, and keep
        # Python from complaining again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print(_("Interrupted: jobs already submitted will be picked up by `fluxdesk resume`."),
              file=sys.stderr)
        return 130
    except FluxError as exc:
        log.warning("fluxdesk %s: %s", command, exc, exc_info=exc)
        print(_("fluxdesk {command}: {error}").format(command=command, error=printable(exc)), file=sys.stderr)

        return 1
    except Exception as exc:
        log.error("fluxdesk %s stopped on an unexpected error", command, exc_info=exc)
        print(unexpected_sentence(exc, logs.where), file=sys.stderr)
        return 1
    finally:
        logs.close()
