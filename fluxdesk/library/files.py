"""Image files in the library: names, what is recorded of verified bytes, atomic durable writes, removal."""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.api.imagecheck import verify_image
from fluxdesk.library.errors import write_error_from
from fluxdesk.library.naming import prompt_slug, safe_name

_EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}


@dataclass(frozen=True)
class VerifiedImage:
    width: int
    height: int
    format: str  # "png" | "jpeg" | "webp": what the bytes are, whatever was asked
    bytes: int
    sha256: str

    @property
    def extension(self) -> str:
        return _EXTENSIONS.get(self.format, self.format)


def image_relpath(
    prompt: str, seed: int | None, job_id: str, extension: str, when: float | None = None
) -> str:
    """`YYYY/MM/<prompt's words>-<seed>-<shortid>.<ext>`, relative to the images dir (always '/').

    The words keep the prompt's script (`naming.prompt_slug`: the one file-name rule exports use too).
    """
    stamp = time.localtime(time.time() if when is None else when)
    seed_part = str(seed) if seed is not None else "noseed"
    stem = safe_name(f"{prompt_slug(prompt)}-{seed_part}-{job_id[:8]}")
    return f"{stamp.tm_year:04d}/{stamp.tm_mon:02d}/{stem}.{extension}"


def verified_image(
    data: bytes, expected_size: tuple[int, int] | None, *, decode: bool = True
) -> VerifiedImage:
    """What the library records of image bytes, once they pass `verify_image` (the one rule for whether
    bytes are a whole image of the size asked for; the client checks downloads with it too).

    Raises `CorruptImage` (one sentence). `decode=False` is for bytes a caller has just decoded pixel by
    pixel (the API client does, on download): header, format and size are still checked.
    """
    image = verify_image(data, expected_size, decode=decode)
    return VerifiedImage(image.width, image.height, image.format, len(data), hashlib.sha256(data).hexdigest())


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` all or nothing: temp file in the same dir, fsync, rename, fsync the dir.

    On failure the temp file is removed, `target` is as it was, and `LibraryWriteError` is raised.
    """
    folder = target.parent
    tmp = folder / f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        remove_quietly(tmp)
        raise write_error_from(exc, folder) from exc
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(folder)


def remove_quietly(path: Path) -> bool:
    """Remove a file if it is there; True if it was removed."""
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
        os.remove(path)
        return True
    return False


def stray_temp_files(images_dir: Path) -> list[Path]:
    """Temp files a crash left behind mid-write (safe to delete)."""
    return sorted(images_dir.rglob(".*.part")) if images_dir.exists() else []
