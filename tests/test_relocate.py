"""Moving or copying a library: every file copied and read back before the old one is touched; refused
into itself or into a folder that is not empty; a failure or a cancel leaves the old one as it was."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from fluxdesk.library.relocate import (
    RelocationCancelled,
    RelocationError,
    library_files,
    refusal,
    relocate_library,
)


def _library(root: Path) -> dict[str, str]:
    """A library folder: database, images in subfolders, a sidecar, the window's lock."""
    files = {"library.sqlite3": b"SQLite format 3\x00" + b"x" * 5000,
             "images/2026/01/a.png": b"\x89PNG" + b"a" * 300_000,
             "images/2026/01/a.json": b'{"prompt": "a kite"}',
             "images/2026/02/b.webp": b"RIFF" + b"b" * 120_000}
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / "window.lock").write_text("4242\n")
    return {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}


def _old_library(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """`tmp_path/old` made a library (its files' digests), and `tmp_path/new` where it is to go."""
    old = tmp_path / "old"
    old.mkdir()
    return old, tmp_path / "new", _library(old)


def _patch_copy(
    monkeypatch: pytest.MonkeyPatch,
    *,
    before: Callable[[int], None] | None = None,
    after: Callable[[Path], None] | None = None,
) -> None:
    """Relocation's file copy, with `before(n)` ahead of the n-th copy and `after(copied file)`."""
    real = shutil.copy2
    calls = 0

    def copy(src: object, dst: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if before is not None:
            before(calls)
        out = real(src, dst)  # type: ignore[arg-type]
        if after is not None:
            after(Path(str(dst)))
        return out

    monkeypatch.setattr("fluxdesk.library.relocate.shutil.copy2", copy)


def _digests(root: Path) -> dict[str, str]:
    return {str(rel): hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in library_files(root)}


def test_copy_keeps_the_old_library_and_reports_progress(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "elsewhere" / "new"
    old.mkdir()
    made = _library(old)
    seen: list[tuple[int, int]] = []
    report = relocate_library(old, new, move=False, progress=lambda d, t: seen.append((d, t)))
    assert _digests(new) == made == _digests(old)
    assert not (new / "window.lock").exists() and (old / "window.lock").exists()
    assert report.files == 4 and not report.moved and "copied" in report.summary()
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and seen[-1][0] == seen[-1][1] == 2 * report.bytes
    assert [p.name for p in new.parent.iterdir()] == ["new"]  # no staging left beside it


def test_move_removes_the_old_files_once_the_copy_is_checked(tmp_path: Path) -> None:
    old, new, made = _old_library(tmp_path)
    new.mkdir()  # an empty folder is fine
    report = relocate_library(old, new, move=True)
    assert _digests(new) == made
    assert not old.exists() and report.moved and report.left_behind == 0


@pytest.mark.parametrize(("target", "words"), [
    (lambda old: old, "already in"),
    (lambda old: old / "images" / "inner", "inside the library"),
    (lambda old: old.parent / "busy", "not empty"),
    (lambda old: old.parent / "a-file", "is a file"),
])
def test_refused_targets_say_why_and_change_nothing(tmp_path: Path, target, words: str) -> None:
    old = tmp_path / "old"
    old.mkdir()
    made = _library(old)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    (tmp_path / "a-file").write_text("x")
    where = target(old)
    assert words in (refusal(old, where) or "")
    with pytest.raises(RelocationError, match=words):
        relocate_library(old, where, move=True)
    assert _digests(old) == made


def test_a_failed_copy_leaves_the_old_library_and_no_half_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new, made = _old_library(tmp_path)
    def disk_full_at_the_third(n: int) -> None:
        if n == 3:
            raise OSError(28, "No space left on device")

    _patch_copy(monkeypatch, before=disk_full_at_the_third)
    with pytest.raises(RelocationError, match="No space left on device"):
        relocate_library(old, new, move=True)
    assert _digests(old) == made and not new.exists()
    assert list(tmp_path.iterdir()) == [old]


def test_a_copy_that_reads_back_different_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new, made = _old_library(tmp_path)
    def corrupting(copied: Path) -> None:
        if copied.name == "a.png":
            data = bytearray(copied.read_bytes())
            data[100] ^= 0xFF  # one flipped byte, same size
            copied.write_bytes(bytes(data))

    _patch_copy(monkeypatch, after=corrupting)
    with pytest.raises(RelocationError, match="differs"):
        relocate_library(old, new, move=True)
    assert _digests(old) == made and not new.exists()


def test_cancel_stops_and_cleans_up(tmp_path: Path) -> None:
    old, new, made = _old_library(tmp_path)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(RelocationCancelled):
        relocate_library(old, new, move=True, progress=progress, cancel=cancel)
    assert _digests(old) == made and not new.exists() and list(tmp_path.iterdir()) == [old]
