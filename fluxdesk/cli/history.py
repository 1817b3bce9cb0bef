"""`fluxdesk history`: list, search, show, delete (to the trash), restore and empty the trash; `--family
ID` lists an image with what it was made from and what was made from it, `show` names both.

Runs the synchronous `LibraryStore` directly: a one-shot command has no GUI thread to keep free.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fluxdesk.cli.terminal import display_width, dumps, pad, printable
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.library import library_paths, remove_library_files
from fluxdesk.library.opening import opened_store
from fluxdesk.library.query import HistoryQuery, parse_when
from fluxdesk.library.records import GenerationRecord
from fluxdesk.library.store import LibraryStore
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.settings import Settings

_SECRET_KEY = re.compile(r"key|secret|token|auth|password", re.IGNORECASE)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("history", help=_("list, search and manage what was made"),
                       description=_("List and search the library; show, delete or restore generations."))
    p.add_argument("--search", metavar="Q", default="",
                   help=_("words in the prompt, each also found inside longer words"))
    p.add_argument("--model", metavar="M", help=_("only this model"))
    p.add_argument("--favorites", action="store_true", help=_("only favorites"))
    p.add_argument("--since", metavar=_("WHEN"),
                   help=_("made since: 2026-11-23, 2026-11-23T14:30, today, 7d"))
    p.add_argument("--until", metavar=_("WHEN"),
                   help=_("made until: a date (that day included), or 12h (ago)"))
    p.add_argument("--sort", choices=("newest", "oldest", "prompt"), default="newest")
    p.add_argument("--trash", action="store_true", help=_("list what is in the trash"))
    p.add_argument("--family", metavar="ID",
                   help=_("only this image, what it was made from and what was made from it (id or prefix)"))
    p.add_argument("--all", action="store_true", help=_("also jobs that did not finish (failed, pending...)"))
    p.add_argument("--limit", metavar="N", type=int, default=50, help=_("at most N rows (default 50)"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array"))
    p.set_defaults(func=run_list)
    hsub = p.add_subparsers(dest="history_command", metavar=_("ACTION"))

    show = hsub.add_parser("show", help=_("every detail of one generation"))
    show.add_argument("id", help=_("a generation id, or a unique prefix of one"))
    show.add_argument("--json", action="store_true", help=_("print a JSON object"))
    show.set_defaults(func=run_show)

    delete = hsub.add_parser("delete", help=_("move generations to the trash (undo: restore)"))
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.set_defaults(func=run_delete)

    restore = hsub.add_parser("restore", help=_("take generations back out of the trash"))
    restore.add_argument("ids", nargs="+", metavar="ID")
    restore.set_defaults(func=run_restore)

    empty = hsub.add_parser("empty-trash", help=_("delete the trashed generations and their files for good"))
    empty.set_defaults(func=run_empty_trash)


def _settings() -> Settings:
    return Settings.load()


@contextmanager
def _open_store() -> Iterator[tuple[LibraryStore, Path]]:
    """The library's store (typed LibraryErrors, one sentence each, for every SQLite failure)."""
    home = _settings().paths.library_dir
    with opened_store(home) as store:
        yield store, library_paths(home)[1]


def record_json(record: GenerationRecord, images_dir: Path) -> dict[str, Any]:
    """A record as plain JSON for scripts (never a key or a provider link)."""
    return {
        "id": record.id,
        "status": record.status.value,
        "model": record.model,
        "prompt": record.prompt,
        "seed": record.seed,
        "params": dict(record.request.params),
        "width": record.width,
        "height": record.height,
        "format": record.format,
        "bytes": record.bytes,
        "sha256": record.sha256,
        "path": str(images_dir / record.file) if record.file else None,
        "file": record.file,
        "favorite": record.favorite,
        "created_at": record.created_at,
        "submitted_at": record.submitted_at,
        "ready_at": record.ready_at,
        "saved_at": record.saved_at,
        "duration": record.duration,
        "deleted_at": record.deleted_at,
        "provider": record.provider,
        "task_id": record.task_id,
        "error_code": record.error_code,
        "error": record.error,
        "cost": record.cost,  # credits, as the provider charged them (None: it did not say)
        "input_mp": record.input_mp,
        "output_mp": record.output_mp,
        "result_prompt": record.result_prompt,
        "result_seed": record.result_seed,
        "extra": {k: v for k, v in record.extra.items() if not _SECRET_KEY.search(k)},
        "parents": list(record.parents),  # library ids of its input images, in input order
    }


def run_list(args: argparse.Namespace) -> int:
    try:
        since = parse_when(args.since) if args.since else None
        until = parse_when(args.until, end_of_day=True) if args.until else None
    except ValueError as exc:
        print(_("error: {message}").format(message=printable(exc)), file=sys.stderr)
        return 2
    with _open_store() as (store, images_dir):
        family = None
        if args.family:
            family = _resolve(store, args.family)
            if family is None:
                return 1
        q = HistoryQuery(
            text=args.search, model=args.model, favorites=args.favorites, sort=args.sort,
            only_done=not (args.all or args.trash), only_trashed=args.trash, since=since, until=until,
            family=family,
        )
        records = store.query(q, limit=max(0, args.limit))
        total = store.count(q)
    if args.json:
        print(dumps([record_json(r, images_dir) for r in records], indent=1))
        return 0
    if not records:
        filtered = args.search or args.model or args.favorites or args.since or args.until or args.family
        print(_("Nothing found.") if filtered else _("The library is empty."), file=sys.stderr)
        return 0
    print(_table(records, images_dir))
    if total > len(records):
        print(ngettext("{shown} of {n} shown (use --limit).", "{shown} of {n} shown (use --limit).", total)
              .format(shown=len(records), n=total), file=sys.stderr)
    return 0


def _table(records: list[GenerationRecord], images_dir: Path) -> str:
    # column headers (translated); cells padded by terminal columns: Hangul and CJK take two each
    rows = [(_("ID"), _("DATE"), _("MODEL"), _("SEED"), _("SIZE"), _("PROMPT"), _("PATH"))]
    for r in records:
        size = f"{r.width}x{r.height}" if r.width and r.height else "-"
        prompt = " ".join(r.prompt.split())
        snippet = printable(prompt if len(prompt) <= 40 else prompt[:39] + "…")
        path = printable(images_dir / r.file) if r.file else f"({r.status.label.lower()})"
        rows.append((r.id[:8], time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created_at)),
                     printable(r.model), str(r.seed if r.seed is not None else "-"), size, snippet, path))
    widths = [max(display_width(row[i]) for row in rows) for i in range(6)]
    return "\n".join("  ".join(pad(cell, widths[i]) for i, cell in enumerate(row[:6])) + "  " + row[6]
                     for row in rows)


def _resolve(store: LibraryStore, given: str) -> str | None:
    matches = store.resolve(given)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        print(_("No generation has an id starting with '{given}'.").format(given=printable(given)),
              file=sys.stderr)
    else:
        print(ngettext("'{given}' matches {n} generation; give more of the id.",
                       "'{given}' matches {n} generations; give more of the id.",
                       len(matches)).format(given=printable(given), n=len(matches)),
              file=sys.stderr)
    return None


def run_show(args: argparse.Namespace) -> int:
    with _open_store() as (store, images_dir):
        job_id = _resolve(store, args.id)
        record = store.get(job_id) if job_id else None
        children = store.children(record.id) if record is not None else []
    if record is None:
        return 1
    data = record_json(record, images_dir)
    data["children"] = [c.id for c in children]  # what was made from it, oldest first
    if args.json:
        print(dumps(data, indent=1))
        return 0
    for key, value in data.items():
        if key == "params":
            value = ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
        elif key in ("parents", "children"):
            value = " ".join(value)
        elif key.endswith("_at") and isinstance(value, float):
            value = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(value))
        elif key == "duration" and value is not None:
            value = f"{value:.1f} s"
        if value in (None, {}, ""):
            continue
        print(f"{key:>12}: {printable(value)}")
    return 0


def _change(args: argparse.Namespace, *, trash: bool) -> int:
    failed = 0
    with _open_store() as (store, _images):
        ids = []
        for given in args.ids:
            job_id = _resolve(store, given)
            if job_id is None:
                failed += 1
            else:
                ids.append(job_id)
        changed = store.trash(ids) if trash else store.restore(ids)
    if trash:
        # the English stays "generation(s)" (scripts and tests read it); the forms are for other languages
        print(ngettext("{n} generation(s) moved to the trash (undo: fluxdesk history restore ID).",
                       "{n} generation(s) moved to the trash (undo: fluxdesk history restore ID).",
                       changed).format(n=changed), file=sys.stderr)
    else:
        print(ngettext("{n} generation(s) restored.", "{n} generation(s) restored.", changed)
              .format(n=changed),
              file=sys.stderr)
    return 1 if failed else 0


def run_delete(args: argparse.Namespace) -> int:
    return _change(args, trash=True)


def run_restore(args: argparse.Namespace) -> int:
    return _change(args, trash=False)


def run_empty_trash(args: argparse.Namespace) -> int:
    settings = _settings()
    with _open_store() as (store, images_dir):
        count, files, unused_shas = store.take_trash()
    remove_library_files(images_dir, files)
    thumbs = ThumbnailCache(settings.paths.thumbnails_dir)
    for sha in unused_shas:
        thumbs.remove(sha)
    print(ngettext("{n} generation(s) deleted for good.", "{n} generation(s) deleted for good.", count)
          .format(n=count), file=sys.stderr)

    return 0
