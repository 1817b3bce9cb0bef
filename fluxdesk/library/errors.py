"""What can go wrong in the library, each as one plain sentence for the user.

Every failure of SQLite or of the disk that reaches a caller of the library is one of these (never a
bare `sqlite3.Error` or `OSError`); `library_error_from` is the one place that tells them apart:

- `LibraryDiskFull`, `LibraryNotWritable` (both `LibraryWriteError`): nothing was written, the
  library is as it was, and the same call may be made again once the disk has room or the folder may
  be written.
- `LibraryLocked`: another program held the database past the bounded wait; try again later.
- `LibraryDamaged`: SQLite found the database malformed; `fluxdesk library rebuild` recreates it.
- `LibraryUnavailable`: the database could not be opened at all (it was kept aside when damaged).

`needs_rebuild` says whether the answer is a rebuild; `retryable` whether the same call may succeed
later without one.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from fluxdesk.api.errors import FluxError
from fluxdesk.i18n import N_, _

#: data (N_): said with _() where it is used
REBUILD_HINT = N_("run `fluxdesk library rebuild` (or Rebuild library in the window) to recreate the history")

# SQLite's primary result codes (the low byte of an extended code)
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class LibraryError(FluxError):
    """The library could not do what was asked (unknown id, a newer schema, a failing disk...)."""

    code = "library_error"
    #: True when the database itself is unusable and `fluxdesk library rebuild` is the way out
    needs_rebuild = False


class LibraryWriteError(LibraryError):
    """An image or its row could not be written; the library is left as it was."""

    code = "library_write_failed"


class LibraryDiskFull(LibraryWriteError):
    code = "disk_full"
    retryable = True


class LibraryNotWritable(LibraryWriteError):
    """Permission denied, or a read-only disk."""

    code = "library_not_writable"


class LibraryLocked(LibraryError):
    """Another connection held the database's lock for longer than the library waits."""

    code = "library_locked"
    retryable = True


class LibraryDamaged(LibraryError):
    code = "library_damaged"
    needs_rebuild = True


class LibraryUnavailable(LibraryError):
    """The database could not be opened; `kept_aside` is where it was moved when it was damaged."""

    code = "library_unavailable"
    needs_rebuild = True

    def __init__(self, message: str, *, kept_aside: Path | None = None, details: str | None = None) -> None:
        super().__init__(message, details=details)
        self.kept_aside = kept_aside


class UnknownJob(LibraryError):
    code = "unknown_job"


class ImageRefused(LibraryError):
    """A file that cannot become a library image (not a whole PNG, JPEG or WebP, too big, unreadable)."""

    code = "image_refused"


class InputMissing(LibraryError):
    """A request names a library image that is gone (deleted for good, or its file lost)."""

    code = "input_missing"


def write_error_from(exc: OSError, folder: Path, what: str = N_("the image")) -> LibraryWriteError:
    """Turn an OSError from writing `what` into a sentence that says what to do."""
    err = exc.errno
    if err in (errno.ENOSPC, errno.EDQUOT):
        return LibraryDiskFull(
            _("The disk is full: {what} could not be saved (free some space, then try "
              "again).").format(what=_(what)),
            details=repr(exc),
        )
    if err in (errno.EACCES, errno.EPERM):
        return LibraryNotWritable(
            _("fluxdesk may not write to {folder}: {what} could not be saved (check the folder's "
              "permissions).").format(folder=folder, what=_(what)),
            details=repr(exc),
        )
    if err == errno.EROFS:
        return LibraryNotWritable(
            _("{folder} is on a read-only disk: {what} could not be "
              "saved.").format(folder=folder, what=_(what)), details=repr(exc)
        )
    reason = exc.strerror or type(exc).__name__
    return LibraryWriteError(
        _("{What} could not be saved to {folder} ({reason}).").format(
            What=_(what)[:1].upper() + _(what)[1:], folder=folder, reason=reason), details=repr(exc)
    )


def sqlite_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an exception (None when Python did not attach one)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return int(code) & 0xFF if isinstance(code, int) else None


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLite says the file is not a database, or a malformed one."""
    code = sqlite_code(exc)
    text = str(exc).lower()
    return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text


def library_error_from(exc: BaseException, folder: Path, *, what: str = N_("the change")) -> LibraryError:
    """The typed error for a failure of SQLite or of the disk under `folder` (the library's home).

    `what` names what could not be done ("the image", "the change") for the sentence.
    """
    if isinstance(exc, LibraryError):
        return exc
    if isinstance(exc, OSError):
        return write_error_from(exc, folder, what)
    if not isinstance(exc, sqlite3.Error):
        return LibraryError(_("The library failed "
                              "({value}).").format(value=type(exc).__name__), details=repr(exc))
    code = sqlite_code(exc)
    text = str(exc).lower()
    details = repr(exc)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return LibraryLocked(
            _("Another program (another fluxdesk?) kept the library database locked for too long, so {what} "
              "could not be recorded; close that program and try again.").format(what=_(what)),
            details=details,
        )
    if code == _SQLITE_FULL or "disk is full" in text:
        return LibraryDiskFull(
            _("The disk is full: {what} could not be recorded in the library (free some space, then try "
              "again).").format(what=_(what)),
            details=details,
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN) or "readonly" in text:
        return LibraryNotWritable(
            _("fluxdesk may not write the library database in {folder}: {what} could not be recorded (check "
              "the folder's permissions).").format(folder=folder, what=_(what)),
            details=details,
        )
    if is_damage(exc):
        return LibraryDamaged(
            _("The library database is damaged (SQLite: {exc}); "
              "{hint}.").format(exc=exc, hint=_(REBUILD_HINT)), details=details
        )
    if code == _SQLITE_IOERR:
        return LibraryWriteError(
            _("The disk failed while the library database was used ({exc}): {what} could not be "
              "recorded.").format(exc=exc, what=_(what)),
            details=details,
        )
    return LibraryError(_("The library database failed ({exc}).").format(exc=exc), details=details)
