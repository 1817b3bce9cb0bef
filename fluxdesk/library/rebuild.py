"""`fluxdesk library rebuild`: a fresh database recreated from the images folder, the old one kept aside.

What goes into the new database, in this order of trust:

1. every row that can still be read from the old database (the current one, or, when it was already
   kept aside because it could not be opened, the newest kept-aside one): jobs still in flight keep
   their task ids, favorites, the trash and what each was made from (its lineage) are kept;
2. for each image, its sidecar (its record as saved, its parents included) when the old row is gone or
   never said "done";
3. an image with neither becomes a record of what the file itself says (size, format, sha256, the seed
   and words of its name), under model "unknown".

Afterwards every saved image that lacks a sidecar (one saved by a fluxdesk that wrote none) gets one,
so the next rebuild needs no database at all.

The new database is built beside the old one and renamed into place only when complete, so a crash
midway leaves the old state. The old database is never deleted: the one in place is renamed with the
date (`library.sqlite3.before-rebuild-2026-12-01T1030`); one the library had already kept aside because
it could not be opened (`library.sqlite3.damaged-...`) gets `-salvaged` appended once read, so a second
rebuild does not bring back rows deleted since. Blocking: run it off the GUI thread.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from fluxdesk.api.imagecheck import IMAGE_FORMATS
from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import N_, _, ngettext
from fluxdesk.library.check import file_sha256
from fluxdesk.library.errors import LibraryError, LibraryLocked, is_damage, library_error_from
from fluxdesk.library.files import IMAGE_SUFFIXES, image_files, sidecar_path, write_atomic
from fluxdesk.library.lineage import insert_lineage
from fluxdesk.library.opening import keep_aside, kept_aside_files, library_paths
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.sidecars import MAX_SIDECAR_BYTES, SidecarError, record_from_sidecar, sidecar_bytes
from fluxdesk.library.store import LibraryStore, record_to_row

log = logging.getLogger(__name__)

SALVAGED_SUFFIX = "-salvaged"
#: the database a rebuild replaced (it opened, so it is not called damaged; never a salvage candidate)
REPLACED_INFIX = ".before-rebuild-"
UNKNOWN_MODEL = "unknown"
_CHUNK_ROWS = 500
_NAME = re.compile(r"^(?P<slug>.*?)-(?P<seed>\d+|noseed)-(?P<short>[0-9a-f]{8})(?:-[0-9a-f]+)?$")


@dataclass
class RebuildReport:
    records: int = 0  # rows in the new database
    from_database: int = 0  # rows read back from the old database
    from_sidecars: int = 0  # records recreated from their sidecars
    from_files: int = 0  # images with neither, recorded with what the file says
    unreadable_rows: int = 0  # rows of the old database that could not be read
    sidecars_written: int = 0  # saved images that had none (an older fluxdesk's) and have one now
    skipped: list[str] = field(default_factory=list)  # files that could not be used, with why
    kept_aside: Path | None = None  # where the old database now is
    salvaged_from: Path | None = None

    def summary(self) -> str:
        parts = [ngettext(
            "The history was rebuilt: {records} record(s)",
            "The history was rebuilt: {records} record(s)",
            self.records).format(records=self.records)]
        found = []
        if self.from_database:
            found.append(_("{from_database} read back from the old "
                           "database").format(from_database=self.from_database))
        if self.from_sidecars:
            found.append(_("{from_sidecars} from their sidecar "
                           "files").format(from_sidecars=self.from_sidecars))
        if self.from_files:
            found.append(_("{from_files} from image files alone (no prompt or model "
                           "known)").format(from_files=self.from_files))
        if found:
            parts.append(" (" + ", ".join(found) + ")")
        text = "".join(parts) + "."
        if self.unreadable_rows:
            text += ngettext(
                " {unreadable_rows} row(s) of the old database could not be read.",
                " {unreadable_rows} row(s) of the old database could not be read.",
                self.unreadable_rows).format(unreadable_rows=self.unreadable_rows)
        if self.skipped:
            text += ngettext(
                " {n} file(s) could not be used.",
                " {n} file(s) could not be used.",
                len(self.skipped)).format(n=len(self.skipped))
        if self.sidecars_written:
            text += ngettext(
                " {sidecars_written} image(s) got the sidecar they lacked.",
                " {sidecars_written} image(s) got the sidecar they lacked.",
                self.sidecars_written).format(sidecars_written=self.sidecars_written)
        if self.kept_aside is not None:
            text += _(" The old database was kept as {name}.").format(name=self.kept_aside.name)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "from_database": self.from_database,
            "from_sidecars": self.from_sidecars,
            "from_files": self.from_files,
            "unreadable_rows": self.unreadable_rows,
            "sidecars_written": self.sidecars_written,
            "skipped": list(self.skipped),
            "kept_aside": str(self.kept_aside) if self.kept_aside else None,
        }


# ---- reading what the old database still holds ------------------------------------------------------


def _connect_alone(path: Path, lock_timeout: float) -> sqlite3.Connection:
    """A connection to `path` that no other connection shares (LibraryLocked if one is open).

    Exclusive locking mode in WAL: the lock is only granted when no other connection has the database
    open, and it is held until close, so nobody writes into a database about to be replaced.
    """
    conn = sqlite3.connect(path, isolation_level=None, timeout=lock_timeout)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if is_damage(exc):
            return conn  # damaged: nothing can use it anyway; read what can be read
        conn.close()
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise LibraryLocked(
                _("The library is open in another fluxdesk (the window, or a command still running): "
                "close it, then rebuild."),
                details=repr(exc),
            ) from exc
        raise
    except sqlite3.DatabaseError:
        return conn
    return conn


def _row_record(row: sqlite3.Row) -> GenerationRecord:
    """A record from a row of any schema version (columns an older one lacks get their defaults)."""
    data = dict(zip(row.keys(), tuple(row), strict=True))
    request = GenerationRequest.from_json(data["request"])
    extra = json.loads(data.get("extra") or "{}")
    values: dict[str, Any] = {
        "id": str(data["id"]),
        "provider": str(data.get("provider") or "unknown"),
        "model": str(data.get("model") or request.model),
        "request": request,
        "status": JobState(data["status"]),
        "favorite": bool(data.get("favorite")),
        "extra": extra if isinstance(extra, dict) else {},
    }
    for name in GenerationRecord.__dataclass_fields__:
        if name not in values and name in data and name not in ("prompt", "seed"):
            values[name] = data[name]
    values["created_at"] = float(values.get("created_at") or 0.0)
    return GenerationRecord(**values)


def _readable_rows(conn: sqlite3.Connection) -> tuple[list[GenerationRecord], int]:
    """Every row that can be read, each with the parents that can be read, and how many rows could not."""
    rows, lost = _generation_rows(conn)
    parents = _readable_lineage(conn)
    return [r.evolve(parents=parents.get(r.id, ())) for r in rows], lost


def _readable_lineage(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """What the old database says each row was made from (nothing when it has no lineage, or that part
    is damaged: sidecars say it too)."""
    found: dict[str, list[str]] = {}
    try:
        for child, parent in conn.execute("SELECT child, parent FROM lineage ORDER BY child, position"):
            found.setdefault(str(child), []).append(str(parent))
    except sqlite3.DatabaseError:
        log.warning("rebuild: the lineage of the old database could not be read", exc_info=True)
        return {}
    return {child: tuple(parents) for child, parents in found.items()}


def _generation_rows(conn: sqlite3.Connection) -> tuple[list[GenerationRecord], int]:
    try:
        return [_row_record(r) for r in conn.execute("SELECT * FROM generations ORDER BY seq")], 0
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
        pass
    try:
        top = int(conn.execute("SELECT max(seq) FROM generations").fetchone()[0] or 0)
    except sqlite3.DatabaseError:
        return [], 0
    found: list[GenerationRecord] = []
    lost = 0
    for start in range(1, top + 1, _CHUNK_ROWS):
        end = start + _CHUNK_ROWS - 1
        try:
            sql = "SELECT * FROM generations WHERE seq BETWEEN ? AND ?"
            rows = conn.execute(sql, (start, end)).fetchall()
            found.extend(_row_record(r) for r in rows)
            continue
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
            pass
        for seq in range(start, end + 1):  # the chunk holds a damaged page: row by row
            try:
                row = conn.execute("SELECT * FROM generations WHERE seq = ?", (seq,)).fetchone()
                if row is not None:
                    found.append(_row_record(row))
            except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
                lost += 1
    return found, lost


def salvage(path: Path, *, lock_timeout: float = 2.0) -> tuple[list[GenerationRecord], int]:
    """(rows readable from the database at `path`, rows lost); ([], 0) when nothing can be read."""
    try:
        conn = _connect_alone(path, lock_timeout)
    except LibraryLocked:
        raise
    except sqlite3.Error:
        log.warning("nothing could be read from %s", path, exc_info=True)
        return [], 0
    try:
        return _readable_rows(conn)
    finally:
        try:
            conn.close()
        except sqlite3.Error:
            pass


# ---- what an image file says by itself --------------------------------------------------------------


def _facts(path: Path) -> tuple[str, int, int]:
    """(format, width, height) from the header only (never decodes pixels)."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    with Image.open(io.BytesIO(head), formats=list(IMAGE_FORMATS)) as probe:
        fmt = IMAGE_FORMATS[probe.format or ""]
        width, height = probe.size
    return fmt, int(width), int(height)


def record_from_file(path: Path, rel: str) -> GenerationRecord:
    """A record of an image with no row and no sidecar: what its file and its name say."""
    fmt, width, height = _facts(path)
    info = path.stat()
    m = _NAME.match(path.stem)
    short = m.group("short") if m else None
    job_id = (short + uuid.uuid4().hex[8:]) if short else uuid.uuid4().hex
    seed = int(m.group("seed")) if m and m.group("seed") != "noseed" else None
    words = m.group("slug").replace("-", " ").strip() if m else ""
    params: dict[str, Any] = {"seed": seed} if seed is not None else {}
    return GenerationRecord(
        id=job_id,
        provider="unknown",
        model=UNKNOWN_MODEL,
        request=GenerationRequest(UNKNOWN_MODEL, words if words != "image" else "", params),
        status=JobState.DONE,
        created_at=info.st_mtime,
        saved_at=info.st_mtime,
        file=rel,
        width=width,
        height=height,
        format=fmt,
        bytes=info.st_size,
        sha256=file_sha256(path),
        progress=1.0,
        extra={"rebuilt_from": "file"},
    )


def _from_sidecar(path: Path, rel: str) -> GenerationRecord | None:
    side = sidecar_path(path)
    try:
        if side.stat().st_size > MAX_SIDECAR_BYTES:
            raise SidecarError(_("The sidecar is too large to be one of fluxdesk's."))
        record = record_from_sidecar(side.read_bytes(), rel)
    except FileNotFoundError:
        return None
    size = path.stat().st_size
    if record.bytes != size or not record.sha256:  # the file changed since: say what it is now
        fmt, width, height = _facts(path)
        record = record.evolve(bytes=size, sha256=file_sha256(path), format=fmt, width=width, height=height)
    return record


# ---- the rebuild --------------------------------------------------------------------------------------


def _images(images_dir: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(image_files(images_dir)):
        if path.suffix.lower() in IMAGE_SUFFIXES:
            yield path, path.relative_to(images_dir).as_posix()


def merge(
    rows: list[GenerationRecord], images_dir: Path, report: RebuildReport
) -> list[GenerationRecord]:
    """The records of the new database: the old rows, completed by the images folder."""
    by_id = {r.id: r for r in rows}
    by_file = {r.file: r for r in rows if r.file and r.status is JobState.DONE}
    report.from_database = len(by_id)
    for path, rel in _images(images_dir):
        if rel in by_file:
            continue  # the old row says it all (favorite, trash included)
        try:
            record = _from_sidecar(path, rel)
            if record is not None:
                old = by_id.get(record.id)
                if old is not None:  # the row never got to "done" (a crash between file and row)
                    parents = record.parents or old.parents
                    record = record.evolve(favorite=old.favorite, deleted_at=old.deleted_at, parents=parents)
                    report.from_database -= 1
                report.from_sidecars += 1
            else:
                record = record_from_file(path, rel)
                report.from_files += 1
        except (OSError, ValueError, SyntaxError, KeyError, Image.DecompressionBombError) as exc:
            report.skipped.append(f"{rel}: {exc}")
            log.warning("rebuild: %s could not be used", rel, exc_info=True)
            continue
        by_id[record.id] = record
        by_file[rel] = record
    return sorted(by_id.values(), key=lambda r: (r.created_at, r.id))


def _write_database(path: Path, records: list[GenerationRecord]) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    store = LibraryStore(path)
    try:
        conn = store.connection
        with store.transaction(durable=True):
            for record in records:
                row = record_to_row(record)
                names = ", ".join(row)
                marks = ", ".join(f":{n}" for n in row)
                conn.execute(f"INSERT INTO generations ({names}) VALUES ({marks})", row)
            for record in records:  # every child's row first: lineage rows name one
                insert_lineage(conn, record.id, record.parents)
        # one self-contained file to rename into place; the library turns WAL on again when it opens it
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        store.close()


def write_missing_sidecars(records: list[GenerationRecord], images_dir: Path) -> int:
    """Give every saved image that has none its sidecar (images saved before sidecars existed, and those
    just recorded from their file, whose ids then stay the same at the next rebuild)."""
    written = 0
    for record in records:
        if record.status is not JobState.DONE or not record.file:
            continue
        image = images_dir / record.file
        side = sidecar_path(image)
        if side.exists() or not image.is_file():
            continue
        try:
            write_atomic(side, sidecar_bytes(record), what=N_("a sidecar"))
            written += 1
        except LibraryError:
            log.warning("rebuild: no sidecar could be written for %s", record.file, exc_info=True)
    return written


def _mark_salvaged(aside: Path) -> Path:
    target = aside.with_name(aside.name + SALVAGED_SUFFIX)
    os.replace(aside, target)
    for suffix in ("-wal", "-shm"):
        companion = aside.with_name(aside.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def rebuild_library(home: Path, *, lock_timeout: float = 2.0) -> RebuildReport:
    """Recreate the database of the library in `home` from what can be read of the old one and from
    the images folder; the old database is kept aside. Raises a typed LibraryError (LibraryLocked when
    the library is open elsewhere, LibraryWriteError when the new one cannot be written)."""
    home = Path(home)
    db_path, images_dir = library_paths(home)
    report = RebuildReport()
    current = db_path if db_path.exists() and db_path.stat().st_size > 0 else None
    source = current
    if source is None:
        candidates = [p for p in kept_aside_files(home) if not p.name.endswith(SALVAGED_SUFFIX)]
        source = candidates[-1] if candidates else None
    rows: list[GenerationRecord] = []
    if source is not None:
        rows, report.unreadable_rows = salvage(source, lock_timeout=lock_timeout)
        report.salvaged_from = source
    records = merge(rows, images_dir, report)
    temp = home / f".{db_path.name}.rebuilding-{os.getpid()}-{time.monotonic_ns()}"
    try:
        _write_database(temp, records)
        if db_path.exists():
            report.kept_aside = keep_aside(db_path, infix=REPLACED_INFIX)
        elif source is not None:
            report.kept_aside = _mark_salvaged(source)
        os.replace(temp, db_path)
        report.sidecars_written = write_missing_sidecars(records, images_dir)
    except (OSError, sqlite3.Error) as exc:
        log.warning("rebuild failed", exc_info=True)
        raise library_error_from(exc, home, what=_("the rebuilt history")) from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            temp.with_name(temp.name + suffix).unlink(missing_ok=True)
    report.records = len(records)
    log.info("library rebuilt in %s: %s", home, report.summary())
    return report
