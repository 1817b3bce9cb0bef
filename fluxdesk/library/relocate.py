"""A library moved or copied to another folder (Settings -> Library folder), whole and verified.

`refusal(old, new)` says in one sentence why a folder cannot take the library (it is the same folder,
inside the library, not empty, a file, or not writable), or nothing. `relocate_library(old, new, move=)`
copies every file of the library (database, images, sidecars; not the window's lock) into a hidden
folder beside the target, reads every copy back and compares it with its original (size and SHA-256),
and only then renames it into place; a move then removes the old files. Until the copy is verified the
old library is not touched, and a failure or a cancel removes the half-made copy. It runs with the
library closed (the window restarts around it) and on a worker thread: it reads and writes every byte.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.i18n import _, ngettext
from fluxdesk.library.opening import WINDOW_LOCK

log = logging.getLogger(__name__)

CHUNK = 1 << 20
#: what is not copied: the lock belongs to the folder it is in
NOT_COPIED = frozenset({WINDOW_LOCK})


class RelocationError(Exception):
    """The library could not be moved or copied; str() is one sentence, and the old library is intact."""


class RelocationCancelled(RelocationError):
    pass


@dataclass(frozen=True)
class RelocationReport:
    new: Path
    files: int
    bytes: int
    moved: bool
    #: files of the old library a move could not remove (the new one is complete all the same)
    left_behind: int = 0

    def summary(self) -> str:
        files = ngettext("{n} file", "{n} files", self.files).format(n=self.files)
        if not self.moved:
            return _("The library was copied to {folder} ({files}, checked).").format(
                folder=self.new, files=files)
        text = _("The library was moved to {folder} ({files}, checked).").format(folder=self.new, files=files)
        if self.left_behind:
            text += " " + ngettext(
                "{n} old file could not be removed from the old folder.",
                "{n} old files could not be removed from the old folder.", self.left_behind,
            ).format(n=self.left_behind)
        return text


def _resolved(path: Path) -> Path:
    return path.expanduser().resolve(strict=False)


def refusal(old: Path, new: Path) -> str | None:
    """Why the library in `old` cannot go to `new`, in one sentence; None when it can."""
    old, new = _resolved(old), _resolved(new)
    if new == old:
        return _("The library is already in {folder}.").format(folder=new)
    if new.is_relative_to(old):
        return _("{folder} is inside the library's own folder; choose a folder outside it.").format(
            folder=new)
    if new.exists() and not new.is_dir():
        return _("{folder} is a file, not a folder.").format(folder=new)
    if new.is_dir() and any(new.iterdir()):
        return _("{folder} is not empty; choose an empty or a new folder.").format(folder=new)
    parent = new
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        return _("fluxdesk cannot write in {folder}.").format(folder=parent)
    return None


def library_files(old: Path) -> list[Path]:
    """Every file of the library in `old`, relative to it, the lock left out."""
    return sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file() and p.name not in NOT_COPIED)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def relocate_library(
    old: Path, new: Path, *, move: bool, progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> RelocationReport:
    """Copy (and, with `move`, then remove) the library in `old` to `new`; blocking. `progress(done,
    total)` in bytes, twice each byte (written, then read back); `cancel` set: stop before the next file."""
    reason = refusal(old, new)
    if reason is not None:
        raise RelocationError(reason)
    old, new = _resolved(old), _resolved(new)
    files = library_files(old)
    sizes = {rel: (old / rel).stat().st_size for rel in files}
    total = 2 * sum(sizes.values())
    done = 0
    staging = new.parent / f".{new.name}.fluxdesk-copy-{os.getpid()}"

    def step(n: int) -> None:
        nonlocal done
        if cancel is not None and cancel.is_set():
            raise RelocationCancelled(_("Cancelled: the library stays in {folder}.").format(folder=old))
        done += n
        if progress is not None:
            progress(done, total)

    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for rel in files:
            step(0)
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(old / rel, target)
            step(sizes[rel])
        for rel in files:  # every byte read back: what is removed next must be safe elsewhere first
            step(0)
            copy = staging / rel
            if copy.stat().st_size != sizes[rel] or _digest(copy) != _digest(old / rel):
                raise RelocationError(_("The copy of {file} differs from the original; nothing was changed.")
                                      .format(file=rel))
            step(sizes[rel])
        if new.exists():
            new.rmdir()  # empty, as refusal() checked
        staging.rename(new)
    except RelocationError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        log.warning("relocating the library from %s to %s failed", old, new, exc_info=exc)
        reason = _("The library could not be copied to {folder} ({reason}); nothing was changed.")
        raise RelocationError(reason.format(folder=new, reason=exc.strerror or type(exc).__name__)) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    left = _remove_old(old, files) if move else 0
    log.info("library %s from %s to %s: %d files", "moved" if move else "copied", old, new, len(files))
    return RelocationReport(new, len(files), sum(sizes.values()), move, left)


def _remove_old(old: Path, files: list[Path]) -> int:
    """The old library's files gone (the verified copy has them), then its empty folders; the count left."""
    left = 0
    for rel in [*files, *(Path(name) for name in NOT_COPIED)]:
        try:
            (old / rel).unlink(missing_ok=True)
        except OSError:
            left += 1
    for folder in sorted((p for p in old.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass
    try:
        old.rmdir()
    except OSError:
        pass  # something else lives there: left as it is
    return left
