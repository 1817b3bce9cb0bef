"""The `fluxdesk` command: the window with no arguments, the command line otherwise."""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    # a frozen build re-enters here in the window's image-decoding worker process: let it do its job
    multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from fluxdesk.ui.app import run_app

        return run_app()
    from fluxdesk.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
