"""A file from disk becomes a library image ("imported"), so that every input of an edit has an id.

The file is read without blocking on anything that is not a regular file, verified by the library's
one image rule (`files.verified_image`: a whole PNG, JPEG or WebP), and kept byte for byte, with its
sidecar, as a row that is DONE from the start: model `imported`, provider `local`, its own id, no
prompt, its original file name (never its path) in `extra["imported_from"]`. The same bytes imported
twice are the same item (by sha256). Blocking helpers here; `Library.import_file` runs them off the loop.
"""

from __future__ import annotations

import base64
import hashlib
import time
from pathlib import Path

from fluxdesk.api.errors import CorruptImage
from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import _
from fluxdesk.library.errors import ImageRefused, InputMissing
from fluxdesk.library.files import (
    NotARegularFile,
    VerifiedImage,
    image_relpath,
    read_regular_file,
    verified_image,
)
from fluxdesk.library.records import GenerationRecord, JobState

IMPORTED_MODEL = "imported"
LOCAL_PROVIDER = "local"
#: the largest file imported (what the client downloads at most; inputs the providers take are smaller)
MAX_IMPORT_BYTES = 64 << 20
#: the largest library image read back as an input when a job is sent
MAX_INPUT_BYTES = 64 << 20


def read_import(path: Path) -> tuple[bytes, VerifiedImage]:
    """The bytes of an image file to import and what the library records of them.

    Raises `ImageRefused` with one sentence (a folder or a pipe, too big, unreadable, not an image)."""
    name = path.name or str(path)
    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except NotARegularFile as exc:
        raise ImageRefused(_("{name} is {reason}; it was not "
                             "imported.").format(name=name, reason=exc.strerror)) from None
    except ValueError:
        raise ImageRefused(
            _("{name} is too big to import (at most {value} "
              "MB).").format(name=name, value=MAX_IMPORT_BYTES >> 20)
        ) from None
    except OSError as exc:
        raise ImageRefused(
            _("{name} cannot be read ({value}); it was not "
              "imported.").format(name=name, value=exc.strerror or type(exc).__name__)
        ) from None
    try:
        verified = verified_image(data, None)
    except CorruptImage as exc:
        raise ImageRefused(
            _("{name} is not a whole PNG, JPEG or WebP image, so it was not "
              "imported.").format(name=name), details=str(exc)
        ) from None
    return data, verified


def imported_record(verified: VerifiedImage, name: str, *, now: float | None = None) -> GenerationRecord:
    """The row of a newly imported image (its file name made from the original's)."""
    stamp = time.time() if now is None else now
    import uuid  # with `platform` ~5 ms: at the first file imported, not when the library opens

    record_id = uuid.uuid4().hex
    stem = Path(name).stem or "imported"
    return GenerationRecord(
        id=record_id,
        provider=LOCAL_PROVIDER,
        model=IMPORTED_MODEL,
        request=GenerationRequest(IMPORTED_MODEL, "", {}),
        status=JobState.DONE,
        created_at=stamp,
        saved_at=stamp,
        file=image_relpath(stem, None, record_id, verified.extension, when=stamp),
        width=verified.width,
        height=verified.height,
        format=verified.format,
        bytes=verified.bytes,
        sha256=verified.sha256,
        progress=1.0,
        extra={"imported_from": name},
    )


def is_imported(record: GenerationRecord) -> bool:
    return record.model == IMPORTED_MODEL


def read_input(path: Path, record: GenerationRecord) -> str:
    """The base64 of a library image about to be sent as an input (blocking). Raises `InputMissing`
    when its file is gone, unreadable or no longer the bytes saved: nothing else may be sent instead."""
    short = record.id[:8]
    try:
        data = read_regular_file(path, MAX_INPUT_BYTES)
    except (OSError, ValueError):
        raise InputMissing(
            _("The input image {short} cannot be read from the library, so the job was not "
              "sent.").format(short=short)
        ) from None
    if record.sha256 and hashlib.sha256(data).hexdigest() != record.sha256:
        raise InputMissing(
            _("The file of the input image {short} has changed since it was saved, so the job was not "
              "sent.").format(short=short)
        )
    return base64.b64encode(data).decode("ascii")
