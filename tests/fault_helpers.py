"""Real faults for the library tests: a small tmpfs that fills up, a read-only disk, damaged files, and
saved images to build libraries from."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from library_helpers import image_bytes, make_record

from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState


def _run(*cmd: str) -> bool:
    try:
        return subprocess.run(list(cmd), capture_output=True, timeout=20, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str = "2m") -> Iterator[Path | None]:
    """A tmpfs of `size` mounted on `folder` (None when this machine does not allow mounting)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        yield None
        return
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def remount_read_only(folder: Path) -> bool:
    return _run("mount", "-o", "remount,ro", str(folder))


def fill_disk(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = folder / "filler.bin"
    chunk = b"\0" * (64 << 10)
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                os.write(fd, chunk)
            except OSError:
                break
        small = b"\0" * 512
        while True:  # the last few blocks too
            try:
                os.write(fd, small)
            except OSError:
                break
    finally:
        os.close(fd)
    return filler


def damage_page(db_path: Path, page: int, *, page_size: int = 4096) -> None:
    """Overwrite one page (numbered from 1, as SQLite does) of a database file with garbage."""
    with open(db_path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xa5" * page_size)


def table_leaf_pages(db_path: Path, table: str = "generations") -> list[int]:
    """The leaf pages holding a table's rows (SQLite's dbstat), in the order of their rows: a page's
    path in the b-tree, not its number (pages freed by the indexes are reused as the table grows, so a
    low-numbered page may hold the newest rows)."""
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path", (table,)
        ).fetchall()
    finally:
        conn.close()
    return [int(r[0]) for r in rows]


async def saved_library(home: Path, count: int = 3, *, prompt: str = "a red kite") -> list[GenerationRecord]:
    """A library in `home` with `count` saved images (sidecars and all) and one pending job last."""
    saved = []
    async with await Library.open(home) as lib:
        for i in range(count):
            record = make_record(f"{prompt} number {i}", seed=100 + i, width=64, height=48,
                                 created_at=1_000.0 + i, status=JobState.DOWNLOADING, task_id=f"task-{i}")
            await lib.add_job(record)
            saved.append(await lib.save_result(record.id, image_bytes(64, 48, color=(i * 40 % 256, 9, 9)),
                                               width=64, height=48, fmt="png"))
        await lib.add_job(make_record("still pending", status=JobState.PENDING, task_id="task-pending",
                                      created_at=2_000.0))
    return saved


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
