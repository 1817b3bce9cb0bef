"""`fluxdesk library check|rebuild`: is the library sound, and recreating its history from the images.

`check` reports records whose file is gone, files no record names, files whose bytes are not the ones
saved and SQLite's own verdict (exit 0 only when all is well). `rebuild` builds a fresh database from
what can be read of the old one and from the images folder (each image's sidecar), keeping the old
database aside; it refuses while the library is open in another fluxdesk.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from fluxdesk.cli.terminal import dumps, printable
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.check import check_library
from fluxdesk.library.errors import LibraryError
from fluxdesk.library.opening import library_paths, opened_store
from fluxdesk.library.rebuild import rebuild_library
from fluxdesk.settings import Settings

LISTED = 10  # names shown per kind of problem (all of them with --json)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("library", help=_("check the library, or rebuild its history from the images"),
                       description=_("Check the library's database and images, or rebuild the history."))
    lsub = p.add_subparsers(dest="library_command", metavar=_("ACTION"), required=True)
    check = lsub.add_parser("check",
                            help=_("report records without files, files without records, bad hashes"))
    check.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    check.add_argument("--no-hashes", action="store_true", help=_("skip reading every image to hash it"))
    check.set_defaults(func=run_check)
    rebuild = lsub.add_parser(
        "rebuild", help=_("recreate the history from the images folder (the old database is kept aside)")
    )
    rebuild.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    rebuild.set_defaults(func=run_rebuild)


def run_check(args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    home = Settings.load().paths.library_dir
    images_dir = library_paths(home)[1]
    with opened_store(home) as store:
        result = check_library(store.connection, images_dir, hashes=not args.no_hashes)
    if args.json:
        out.write(dumps(result.to_dict(), indent=1) + "\n")
        return 0 if result.ok else 1
    for sentence in result.sentences():
        out.write(printable(sentence) + "\n")
    for title, names in (
        (_("Records without a file:"), result.missing_files),
        (_("Files without a record:"), result.stray_files),
        (_("Files whose bytes changed:"), result.hash_mismatches),
    ):
        if names:
            out.write(f"{title}\n")
            out.writelines(f"  {printable(images_dir / n)}\n" for n in names[:LISTED])
            if len(names) > LISTED:
                more = len(names) - LISTED
                out.write("  " + ngettext("... and {n} more (--json lists them all)",
                                          "... and {n} more (--json lists them all)", more)
                          .format(n=more) + "\n")
    if not result.ok:
        err.write(_("Run `fluxdesk library rebuild` to make the history match the images folder.") + "\n")
    return 0 if result.ok else 1


def run_rebuild(
    args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    home = Settings.load().paths.library_dir
    try:
        report = rebuild_library(home)
    except LibraryError as exc:
        err.write(_("fluxdesk library rebuild: {error}").format(error=printable(exc)) + "\n")
        return 1
    if args.json:
        out.write(dumps(report.to_dict(), indent=1) + "\n")
    else:
        out.write(printable(report.summary()) + "\n")
        for line in report.skipped[:LISTED]:
            err.write("  " + _("could not use {what}").format(what=printable(line)) + "\n")

    return 0
