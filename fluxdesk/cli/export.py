"""`fluxdesk export ID... --to DIR`: copy or convert images out of the library, with or without metadata.

IDs may be unique prefixes. Progress goes to stderr (for more than a few files); the result to stdout,
as text or, with --json, one JSON object.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from fluxdesk.cli.terminal import dumps, printable
from fluxdesk.i18n import _
from fluxdesk.library.export import (
    DEFAULT_QUALITY,
    ExportFormat,
    ExportOptions,
    ExportOptionsError,
    ExportResult,
    export_records,
)
from fluxdesk.library.library import library_paths
from fluxdesk.library.metadata import MetadataMode
from fluxdesk.library.naming import DEFAULT_TEMPLATE, TEMPLATE_FIELDS, NameTemplateError
from fluxdesk.library.opening import opened_store
from fluxdesk.library.records import GenerationRecord
from fluxdesk.library.store import LibraryStore
from fluxdesk.settings import Settings

PROGRESS_FROM = 5  # files; fewer finish before a progress line would help


class LookupProblem(Exception):
    """An id that names no record, or more than one; str() is one plain sentence."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        help=_("export images from the library"),
        description=_("Export images from the library to a folder. Existing files are never overwritten. "
                      "'original' copies the delivered file byte for byte (metadata and size options do not "
                      "apply)."),
    )
    p.add_argument("ids", nargs="+", metavar="ID", help=_("generation ids (a unique prefix is enough)"))
    p.add_argument("--to", required=True, type=Path, metavar=_("DIR"), help=_("the folder to write to"))
    p.add_argument("--format", default="original", choices=[f.value for f in ExportFormat] + ["jpg"])
    p.add_argument(
        "--quality", type=int, default=DEFAULT_QUALITY, metavar="Q", help=_("jpeg/webp quality 1..100")
    )
    p.add_argument("--lossless", action="store_true", help=_("lossless webp"))
    p.add_argument("--max-size", type=int, metavar="PX",
                   help=_("scale the longest side down to PX (never up)"))
    fields = " ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
    p.add_argument(
        "--name", default=DEFAULT_TEMPLATE, metavar=_("TEMPLATE"),
        help=_("file names; fields: {fields}").format(fields=fields),
    )
    p.add_argument(
        "--metadata",
        default=MetadataMode.FULL.value,
        choices=[m.value for m in MetadataMode],
        help=_("full: prompt and every parameter; minimal: only the AI-generated label; none: nothing"),
    )
    p.add_argument(
        "--sidecar",
        action="store_true",
        help=_("also write NAME.json (the full request and parameters) beside each image"),
    )
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(func=run)


def find_records(store: LibraryStore, ids: Sequence[str]) -> list[GenerationRecord]:
    """The records named by `ids` (full ids or unique prefixes), in the order given, without repeats."""
    out: list[GenerationRecord] = []
    seen: set[str] = set()
    for given in ids:
        record = store.get(given.strip().lower())
        if record is None:
            matches = store.resolve(given)
            if not matches:
                raise LookupProblem(_("No generation in the library has the id {id}.").format(id=given))
            if len(matches) > 1:
                raise LookupProblem(
                    _("The id {id} is ambiguous ({matches}...); give more characters.").format(
                        id=given, matches=", ".join(m[:12] for m in matches[:5]))
                )
            record = store.get(matches[0])
        if record is not None and record.id not in seen:
            seen.add(record.id)
            out.append(record)
    return out


def load_records(home: Path, ids: Sequence[str]) -> tuple[list[GenerationRecord], Path]:
    """Records from the library in `home` and its images dir (the one place export touches the store)."""
    db_path, images_dir = library_paths(home)
    if not db_path.exists() and not images_dir.is_dir():
        raise LookupProblem(_("There is no library in {folder} yet.").format(folder=home))
    with opened_store(home) as store:
        return find_records(store, ids), images_dir


def _progress_printer(stream: TextIO) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        stream.write("\r" + _("Exporting {done}/{total}").format(done=done, total=total) + end)
        stream.flush()

    return show


def _known_secret(settings: Settings) -> tuple[str, ...]:
    try:
        key = settings.api_key()
    except Exception:  # a broken keychain must not stop an export; the env vars are scrubbed anyway
        return ()
    return (key,) if key else ()


def run(args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    settings = Settings.load()
    try:
        records, images_dir = load_records(settings.paths.library_dir, args.ids)
        options = ExportOptions(
            to=args.to,
            format=args.format,
            quality=args.quality,
            lossless=args.lossless,
            max_size=args.max_size,
            name=args.name,
            metadata=args.metadata,
            sidecar=args.sidecar,
            secrets=_known_secret(settings),
        ).checked()
    except (LookupProblem, ExportOptionsError, NameTemplateError) as exc:
        print(_("fluxdesk export: {error}").format(error=printable(exc)), file=err)
        return 2
    if options.format is ExportFormat.ORIGINAL and options.metadata is not MetadataMode.FULL:
        print(
            _("Note: 'original' keeps the delivered file unchanged; use --format png|jpeg|webp to strip "
              "metadata."),
            file=err,
        )
    show = _progress_printer(err) if len(records) >= PROGRESS_FROM and err.isatty() else None
    try:
        result = export_records(records, images_dir, options, on_progress=show, cancel=threading.Event())
    except (ExportOptionsError, NameTemplateError) as exc:
        print(_("fluxdesk export: {error}").format(error=printable(exc)), file=err)
        return 2
    report(
result, out, err, as_json=args.json)
    return 0 if result.ok else 1


def report(result: ExportResult, out: TextIO, err: TextIO, *, as_json: bool) -> None:
    if as_json:
        doc = {
            "total": result.total,
            "written": [
                {"id": w.record_id, "path": str(w.path), "sidecar": str(w.sidecar) if w.sidecar else None}
                for w in result.written
            ],
            "errors": [{"id": e.record_id, "message": e.message} for e in result.errors],
            "cancelled": result.cancelled,
        }
        out.write(dumps(doc) + "\n")
        return
    for w in result.written:
        out.write(f"{printable(w.path)}\n")
    for e in result.errors:
        err.write(f"{printable(e.message)}\n")
    err.write(printable(result.summary()) + "\n")
