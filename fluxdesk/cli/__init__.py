"""The command line front: `fluxdesk generate|history|resume|retry|export|inspect|sim ...`; no Qt."""

from __future__ import annotations

import argparse
import os
import sys

from fluxdesk import __version__
from fluxdesk.cli import export, generate, history, inspect, resume, retry, sim


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fluxdesk",
        description="Make images with the Flux models. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"fluxdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (generate, history, resume, retry, export, inspect, sim):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # the reader went away (`fluxdesk history | head`): stop quietly, as Unix tools do, and keep
        # Python from complaining again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("Interrupted: jobs already submitted will be picked up by `fluxdesk resume`.", file=sys.stderr)
        return 130
