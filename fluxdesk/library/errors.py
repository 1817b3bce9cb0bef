"""What can go wrong in the library, each as one plain sentence for the user."""

from __future__ import annotations

import errno
from pathlib import Path

from fluxdesk.api.errors import FluxError


class LibraryError(FluxError):
    """The library could not do what was asked (unknown id, a newer schema, ...)."""

    code = "library_error"


class LibraryWriteError(LibraryError):
    """An image or its row could not be written; the library is left as it was."""

    code = "library_write_failed"


class UnknownJob(LibraryError):
    code = "unknown_job"


def write_error_from(exc: OSError, folder: Path) -> LibraryWriteError:
    """Turn an OSError from writing an image into a sentence that says what to do."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        text = "The disk is full: the image could not be saved (free some space and retry)."
    elif exc.errno in (errno.EACCES, errno.EPERM):
        text = (
            f"fluxdesk may not write to {folder}: the image could not be saved "
            "(check the folder's permissions)."
        )
    elif exc.errno == errno.EROFS:
        text = f"{folder} is on a read-only disk: the image could not be saved."
    else:
        reason = exc.strerror or type(exc).__name__
        text = f"The image could not be saved to {folder} ({reason})."
    return LibraryWriteError(text, details=repr(exc))
