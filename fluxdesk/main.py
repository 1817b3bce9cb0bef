"""The `fluxdesk` command: the window with no arguments (or with image files, or only Qt's own options
such as `-style Fusion`), the command line otherwise."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from fluxdesk.identity import IMAGE_SUFFIXES


def image_files(args: Sequence[str]) -> list[Path] | None:
    """`fluxdesk a.png b.webp` (a file manager's "Open with"): the files, when every argument is an
    existing image file; None otherwise (a command, an option, a typo: the command line says what)."""
    if not args:
        return None
    paths = [Path(a) for a in args]
    if any(a.startswith("-") for a in args):
        return None
    if all(p.suffix.lower() in IMAGE_SUFFIXES and p.is_file() for p in paths):
        return paths
    return None


def start_language() -> str:
    """Both fronts speak the language the user chose in Settings, else the system's (i18n.languages)."""
    from fluxdesk.i18n.languages import start_language as activate_language
    from fluxdesk.settings import Settings

    return activate_language(Settings.load().prefs.language)


def main(argv: list[str] | None = None) -> int:
    # a frozen build re-enters here in the window's image-decoding worker process: let it do its job
    if getattr(sys, "frozen", False):  # freeze_support does nothing elsewhere; importing it costs ~20 ms
        import multiprocessing

        multiprocessing.freeze_support()
    # the imports and the window's construction make objects that live on: collecting them again and
    # again only delays the start (the window's start freezes them, ui/app.py; a command runs with it on)
    gc.disable()
    try:
        start_language()
        args = sys.argv[1:] if argv is None else argv
        from fluxdesk.ui.qt_options import split_qt_options

        # Qt's own options (-style Fusion, -reverse...) go to QApplication with the window, not to the CLI
        qt_args, rest = split_qt_options(args)
        files = image_files(rest)
        if not rest or files is not None:
            from fluxdesk.ui.app import run_app

            program = sys.argv[0] if sys.argv and sys.argv[0] else "fluxdesk"
            return run_app([program, *qt_args], open_files=files or ())
    finally:
        gc.enable()
    from fluxdesk.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
