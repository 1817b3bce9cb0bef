"""Opening the library's database, the one way both fronts do it, and never replacing one silently.

`open_store(home)` opens (creating and migrating as needed) `home/library.sqlite3`, or raises a typed
`LibraryError` with one sentence. A database that cannot be opened because it is damaged (a garbage
header, a file cut short, SQLite's "malformed" or "not a database") is moved aside under a dated name,
`library.sqlite3.damaged-2026-12-01T1030` (its -wal and -shm files with it), and the sentence says so
and what to do: `fluxdesk library rebuild`. A database that is missing or empty while the images
folder holds images is not quietly started afresh either (the images would drop out of the history):
the user is told to rebuild. A fresh library (no database, no images) is simply created.
"""

from __future__ import annotations

import datetime
import logging
import os
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fluxdesk.i18n import _
from fluxdesk.library.errors import (
    REBUILD_HINT,
    LibraryDamaged,
    LibraryDiskFull,
    LibraryError,
    LibraryLocked,
    LibraryNotWritable,
    LibraryUnavailable,
    is_damage,
    library_error_from,
)
from fluxdesk.library.files import holds_images
from fluxdesk.library.store import LibraryStore

log = logging.getLogger(__name__)

DB_FILENAME = "library.sqlite3"
IMAGES_DIRNAME = "images"
#: the window's lock on the library (runtime.LibraryLock): the OS's, meaningful only in its own folder
WINDOW_LOCK = "window.lock"
#: how long a write waits for another connection's lock before it gives up (the DB thread waits, never
#: the GUI thread)
LOCK_TIMEOUT = 10.0
KEPT_ASIDE_INFIX = ".damaged-"
_HEADER = b"SQLite format 3\x00"
_WAL_HEADER_BYTES = 32


def library_paths(home: Path) -> tuple[Path, Path]:
    """(database file, images dir) of the library in `home`."""
    return home / DB_FILENAME, home / IMAGES_DIRNAME


def header_problem(db_path: Path) -> str | None:
    """Why the file cannot be a whole SQLite database, from its header and size; None when it may be.

    A file shorter than the page count its header states is cut short, unless a write-ahead log holds
    the newer pages (then SQLite's own reads have the last word).
    """
    try:
        with open(db_path, "rb") as fh:
            head = fh.read(100)
        size = os.stat(db_path).st_size
    except OSError:
        return None  # unreadable: SQLite's own error says why
    if len(head) < 100 or not head.startswith(_HEADER):
        return _("it is not a SQLite database")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    if page_size < 512 or page_size & (page_size - 1):
        return _("its header is damaged")
    if valid_for != change_counter or page_count == 0:
        return None  # an old-style header: the size is not recorded there
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        wal_has_pages = wal.stat().st_size > _WAL_HEADER_BYTES
    except OSError:
        wal_has_pages = False
    if size < page_count * page_size and not wal_has_pages:
        return _("the file is cut short, {size} of {value} "
                 "bytes").format(size=size, value=page_count * page_size)
    return None


def keep_aside(
    db_path: Path, now: datetime.datetime | None = None, *, infix: str = KEPT_ASIDE_INFIX
) -> Path:
    """Move a database that cannot be used (and its -wal and -shm) to a dated name beside it."""
    stamp = (now or datetime.datetime.now()).strftime("%Y-%m-%dT%H%M")
    target = db_path.with_name(f"{db_path.name}{infix}{stamp}")
    n = 2
    while target.exists():
        target = db_path.with_name(f"{db_path.name}{infix}{stamp}-{n}")
        n += 1
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            try:
                os.replace(companion, target.with_name(target.name + suffix))
            except OSError:
                log.warning("could not move %s aside", companion, exc_info=True)
    log.warning("kept the library database aside as %s", target)
    return target


def kept_aside_files(home: Path) -> list[Path]:
    """Databases kept aside in `home`, oldest first."""
    if not home.is_dir():
        return []
    found = [
        p for p in home.iterdir()
        if p.name.startswith(DB_FILENAME + KEPT_ASIDE_INFIX) and not p.name.endswith(("-wal", "-shm"))
    ]
    return sorted(found, key=lambda p: p.name)


def open_store(home: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> LibraryStore:
    """The library's store in `home`, open and migrated; or a typed `LibraryError` (one sentence).

    Blocking: call it on the thread that will use the store (the library's DB thread, or the CLI's).
    """
    home = Path(home)
    db_path, images_dir = library_paths(home)
    try:
        images_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise opening_error(exc, home) from exc
    try:
        size: int | None = db_path.stat().st_size
    except FileNotFoundError:
        size = None
    except OSError as exc:
        raise opening_error(exc, home) from exc
    if not size and holds_images(images_dir):
        if size is None:
            raise LibraryUnavailable(
                _("The library database is missing, but {images_dir} holds images: {hint} from "
                  "them.").format(images_dir=images_dir, hint=_(REBUILD_HINT))
            )
        aside = _keep_aside_or_say_why(db_path, _("it is empty (0 bytes)"))
        raise LibraryUnavailable(
            _("The library database was empty (0 bytes) although {images_dir} holds images; it was kept "
              "aside as {name}: {hint} from the images.").format(
                images_dir=images_dir, name=aside.name, hint=_(REBUILD_HINT)),
            kept_aside=aside,
        )
    problem = header_problem(db_path) if size else None
    if problem is not None:
        raise _unopenable(db_path, problem)
    try:
        store = LibraryStore(db_path, timeout=lock_timeout)
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise _unopenable(db_path, f"SQLite: {exc}", exc) from exc
        log.warning("could not open %s", db_path, exc_info=True)
        raise opening_error(exc, home) from exc
    except OSError as exc:
        raise opening_error(exc, home) from exc
    try:
        store.verify_readable()
    except sqlite3.Error as exc:
        store.close()
        if is_damage(exc):
            raise _unopenable(db_path, f"SQLite: {exc}", exc) from exc
        raise opening_error(exc, home) from exc
    return store


def opening_error(exc: BaseException, home: Path) -> LibraryError:
    """What stopped the library in `home` from opening, as one sentence that says what to do."""
    error = library_error_from(exc, home, what=_("the library"))
    details = repr(exc)
    if isinstance(error, LibraryLocked):
        return LibraryLocked(
            _("Another program (another fluxdesk?) keeps the library database in {home} locked; close it and "
              "try again.").format(home=home),
            details=details,
        )
    if isinstance(error, LibraryNotWritable):
        return LibraryNotWritable(
            _("fluxdesk may not write to {home}, where the library is kept, so it cannot be opened: check "
              "the folder's permissions, or choose another library folder in Settings.").format(home=home),
            details=details,
        )
    if isinstance(error, LibraryDiskFull):
        return LibraryDiskFull(
            _("The disk holding {home} is full, so the library cannot be opened: free some space, then try "
              "again.").format(home=home),
            details=details,
        )
    if isinstance(error, LibraryDamaged):
        return error
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    return LibraryError(_("The library in {home} could not be opened "
                          "({reason}).").format(home=home, reason=reason), details=details)


@contextmanager
def opened_store(home: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> Iterator[LibraryStore]:
    """`open_store` for a one-shot command (the CLI): closed afterwards, and a SQLite failure while it
    is used becomes a typed `LibraryError` too (LibraryLocked, LibraryDamaged...)."""
    store = open_store(home, lock_timeout=lock_timeout)
    try:
        yield store
    except sqlite3.Error as exc:
        log.warning("library failure in %s", home, exc_info=True)
        raise library_error_from(exc, Path(home)) from exc
    finally:
        store.close()


def _unopenable(db_path: Path, reason: str, exc: BaseException | None = None) -> LibraryUnavailable:
    log.warning("the library database %s cannot be opened: %s", db_path, reason, exc_info=exc)
    aside = _keep_aside_or_say_why(db_path, reason)
    return LibraryUnavailable(
        _("The library database could not be opened ({reason}); it was kept aside as {name} and no image was "
          "touched: {hint} from the images.").format(reason=reason, name=aside.name, hint=_(REBUILD_HINT)),
        kept_aside=aside,
        details=repr(exc) if exc is not None else reason,
    )


def _keep_aside_or_say_why(db_path: Path, reason: str) -> Path:
    try:
        return keep_aside(db_path)
    except OSError as exc:
        log.warning("could not keep %s aside", db_path, exc_info=True)
        raise LibraryDamaged(
            _("The library database cannot be used ({reason}) and could not be moved aside ({why}): move "
              "{db_path} away yourself, then {hint}.").format(
                reason=reason, why=exc.strerror or type(exc).__name__, db_path=db_path,
                hint=_(REBUILD_HINT)),
            details=repr(exc),
        ) from exc


__all__ = [
    "DB_FILENAME",
    "IMAGES_DIRNAME",
    "LOCK_TIMEOUT",
    "LibraryError",
    "header_problem",
    "keep_aside",
    "kept_aside_files",
    "library_paths",
    "open_store",
    "opened_store",
]
