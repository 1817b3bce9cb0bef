"""Image files in the library: names, what is recorded of verified bytes, atomic durable writes, removal,
and reading a file someone named without ever blocking on something that is not a regular file."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.i18n import N_, _
from fluxdesk.library.errors import LibraryWriteError, write_error_from

_EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
#: what the images folder holds besides images: each original's sidecar (its record as JSON)
SIDECAR_SUFFIX = ".json"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})


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
    from fluxdesk.library.naming import prompt_slug, safe_name  # regex: imported when a file is named

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
    from fluxdesk.api.imagecheck import verify_image  # Pillow: imported when an image is checked

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


def write_atomic(target: Path, data: bytes, *, what: str = N_("the image")) -> None:
    """Write `data` to `target` all or nothing: temp file in the same dir, fsync, rename, fsync the dir.

    On failure the temp file is removed, `target` is as it was, and `LibraryWriteError` (a
    `LibraryDiskFull` or `LibraryNotWritable` where that is the reason) is raised; `what` names the
    file in its sentence.
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
        raise write_error_from(exc, folder, what) from exc
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(folder)


def remove_quietly(path: Path) -> bool:
    """Remove a file if it is there; True if it was removed. Never raises: it is cleanup (a read-only
    disk says EROFS even for a file that is not there)."""
    with contextlib.suppress(OSError):
        os.remove(path)
        return True
    return False


def stray_temp_files(images_dir: Path) -> list[Path]:
    """Temp files a crash left behind mid-write (safe to delete)."""
    return sorted(images_dir.rglob(".*.part")) if images_dir.exists() else []


def sidecar_path(image: Path) -> Path:
    """Where an original's sidecar lives: beside it, `<stem>.json` (as an export's --sidecar)."""
    return image.with_suffix(SIDECAR_SUFFIX)


def is_image_name(name: str) -> bool:
    """A name the library gives images (not a temp file, not a sidecar)."""
    return not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES


def image_files(images_dir: Path) -> Iterator[Path]:
    """Every image file under `images_dir` (temp files and sidecars left out), in no set order."""
    if not images_dir.is_dir():
        return
    for folder, dirs, names in os.walk(images_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if is_image_name(name):
                yield Path(folder) / name


def holds_images(images_dir: Path) -> bool:
    """True as soon as one image file is found (cheap on a big folder: it stops at the first)."""
    return next(image_files(images_dir), None) is not None


class NotARegularFile(OSError):
    """A path that names a FIFO, a device, a socket or a folder: never opened, never waited on."""


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, read without blocking on anything else.

    Raises `NotARegularFile` for a FIFO, device, socket or folder (checked before opening, and again
    on the open file, which is opened non-blocking so that a FIFO swapped in meanwhile cannot hang),
    `ValueError` when the file is larger than `max_bytes`, and `OSError` when it cannot be read.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(errno.EINVAL, _("{value}, not a regular "
                                              "file").format(value=kind_of(info.st_mode)), str(path))
    if info.st_size > max_bytes:
        raise ValueError(_("{st_size} bytes, more than "
                           "{max_bytes}").format(st_size=info.st_size, max_bytes=max_bytes))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(errno.EINVAL, _("{value}, not a regular "
                                                  "file").format(value=kind_of(info.st_mode)), str(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise ValueError(_("more than {max_bytes} bytes").format(max_bytes=max_bytes))
        return b"".join(chunks)
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("a special file")


def check_writable_folder(folder: Path, what: str = N_("the copies")) -> None:
    """Raise the typed `LibraryWriteError` (`LibraryNotWritable`, `LibraryDiskFull`...) now, before
    anything is paid for, when `folder` cannot take files: it is created if missing, and a probe file
    is written, synced and removed there."""
    if folder.exists() and not folder.is_dir():
        raise LibraryWriteError(_("{folder} is a file, not a folder: {what} could not be saved "
                                  "there.").format(folder=folder, what=_(what)))
    probe = folder / f".fluxdesk-probe-{os.getpid()}-{time.monotonic_ns()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"fluxdesk")
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise write_error_from(exc, folder, what) from exc
    finally:
        remove_quietly(probe)


def place_copy(source: Path, folder: Path, *, what: str = N_("the copy")) -> Path:
    """Copy `source` into `folder` under its own name, never over an existing file (`name (2).png`...),
    durably; returns the new path. Raises a typed `LibraryWriteError` (nothing half-written is left)."""
    data = read_regular_file(source, 1 << 31)
    for n in range(1, 10_000):
        target = folder / (source.name if n == 1 else f"{source.stem} ({n}){source.suffix}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            continue
        except OSError as exc:
            raise write_error_from(exc, folder, what) from exc
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            remove_quietly(target)
            raise write_error_from(exc, folder, what) from exc
        fsync_dir(folder)
        return target
    raise write_error_from(OSError(errno.EEXIST, _("every name is taken")), folder, what)
