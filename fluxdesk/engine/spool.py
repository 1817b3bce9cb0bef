"""What the library could not take yet: downloaded images and confirmed task ids, kept until it can.

A paid result must outlive a full disk, a locked database or a folder that became read-only: the image
bytes go to a spool folder (in the cache folder, on another path than the library's images, written
atomically so a crash leaves either the whole file or none), and to memory when even that fails; a task
id the library could not record goes there too, so a resume in a later run still knows what to follow.
`retry` and `resume` save from here once writing works again. Nothing here is needed once the job's row
says what happened, so the engine forgets a job's entries as soon as the library has them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

IMAGE_SUFFIX = ".image"
TASK_SUFFIX = ".task.json"
#: images kept in memory when the spool folder cannot take them; past this only the task id is kept
MEMORY_BUDGET = 256 << 20


def _write_atomic(path: Path, data: bytes) -> None:
    """Temp file beside `path`, fsync, rename: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.remove(path)


class Spool:
    """Per job id: image bytes and a task note, on disk in `folder` (None: memory only)."""

    def __init__(self, folder: Path | None = None, *, memory_budget: int = MEMORY_BUDGET) -> None:
        self.folder = folder
        self.memory_budget = memory_budget
        self._images: dict[str, bytes] = {}
        self._tasks: dict[str, dict[str, Any]] = {}
        self._written: set[str] = set()  # ids with files this process wrote

    def _path(self, job_id: str, suffix: str) -> Path | None:
        if self.folder is None or not job_id.isalnum():  # ids are uuid hex: never a path of their own
            return None
        return self.folder / f"{job_id}{suffix}"

    async def keep_image(self, job_id: str, data: bytes) -> str:
        """Keep a downloaded image; returns where: "disk", "memory", or "" when it could not be kept."""
        path = self._path(job_id, IMAGE_SUFFIX)
        if path is not None:
            try:
                await asyncio.to_thread(_write_atomic, path, data)
                self._images.pop(job_id, None)
                self._written.add(job_id)
                return "disk"
            except OSError as exc:
                log.warning("could not spool the image of job %s to %s: %s", job_id, path.parent, exc)
        used = sum(len(v) for k, v in self._images.items() if k != job_id)
        if used + len(data) > self.memory_budget:
            return ""
        self._images[job_id] = data
        return "memory"

    async def image(self, job_id: str) -> bytes | None:
        if job_id in self._images:
            return self._images[job_id]
        path = self._path(job_id, IMAGE_SUFFIX)
        return None if path is None else await asyncio.to_thread(_read, path)

    async def note_task(self, job_id: str, task: dict[str, Any]) -> None:
        """Keep a confirmed task (id, polling_url, provider...) the library could not record."""
        self._tasks[job_id] = dict(task)
        path = self._path(job_id, TASK_SUFFIX)
        if path is not None:
            try:
                await asyncio.to_thread(_write_atomic, path, json.dumps(task).encode())
                self._written.add(job_id)
            except OSError as exc:
                log.warning("could not note task %s of job %s on disk: %s", task.get("task_id"), job_id, exc)

    async def task(self, job_id: str) -> dict[str, Any] | None:
        if job_id in self._tasks:
            return dict(self._tasks[job_id])
        path = self._path(job_id, TASK_SUFFIX)
        raw = None if path is None else await asyncio.to_thread(_read, path)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        return data if isinstance(data, dict) and isinstance(data.get("task_id"), str) else None

    def holds(self, job_id: str) -> bool:
        """Whether this process kept anything of `job_id` (an earlier run's files: ask `image`/`task`)."""
        return job_id in self._images or job_id in self._tasks or job_id in self._written

    async def forget(self, job_id: str, *, on_disk: bool = False) -> None:
        """The library has what happened: drop the job's entries. `on_disk`: also files an earlier run
        may have left (a resumed job); otherwise only what this process kept is looked for."""
        if not (on_disk or self.holds(job_id)):
            return
        self._images.pop(job_id, None)
        self._tasks.pop(job_id, None)
        self._written.discard(job_id)
        image, task = self._path(job_id, IMAGE_SUFFIX), self._path(job_id, TASK_SUFFIX)
        paths = [p for p in (image, task) if p is not None]
        if paths:
            await asyncio.to_thread(_remove, *paths)
