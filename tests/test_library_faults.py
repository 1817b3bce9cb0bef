"""The library's faults, over real files: a full disk, a held lock, damage, a database that cannot be
opened, a read-only folder. Each is a typed error with one sentence; nothing is lost or half-written."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest
from fault_helpers import (
    damage_page,
    files_under,
    fill_disk,
    remount_read_only,
    saved_library,
    small_tmpfs,
    table_leaf_pages,
)
from library_helpers import image_bytes, make_record

from fluxdesk.cli import main
from fluxdesk.library import files as files_module
from fluxdesk.library.errors import (
    LibraryDamaged,
    LibraryDiskFull,
    LibraryError,
    LibraryLocked,
    LibraryNotWritable,
    LibraryUnavailable,
)
from fluxdesk.library.files import sidecar_path
from fluxdesk.library.library import Library
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import JobState

PNG = image_bytes(64, 48)


def _one_sentence(error: BaseException) -> str:
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text and "OperationalError" not in text
    return text


async def _downloading(lib: Library, **changes: object):
    record = make_record(width=64, height=48, status=JobState.DOWNLOADING, task_id="t-1", **changes)
    await lib.add_job(record)
    return record


# ---- a full disk -------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_full_disk_saves_nothing_half_and_the_same_save_works_once_there_is_room(
    tmp_path: Path,
) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        if disk is None:
            pytest.skip("mounting a tmpfs is not allowed here (the injected ENOSPC tests still run)")
        async with await Library.open(disk / "home") as lib:
            record = await _downloading(lib)
            filler = fill_disk(disk)
            with pytest.raises(LibraryDiskFull) as caught:
                await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
            assert "disk is full" in _one_sentence(caught.value)
            assert caught.value.retryable
            assert await lib.get(record.id) == record, "the row is as it was"
            assert files_under(lib.images_dir) == [], "no half image, no temp file, no sidecar"
            filler.unlink()  # space comes back: the very same call now saves it
            saved = await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
            assert saved.status is JobState.DONE
            assert (lib.images_dir / (saved.file or "")).read_bytes() == PNG
            assert sidecar_path(lib.images_dir / (saved.file or "")).is_file()
            assert (await lib.check()).ok


@pytest.mark.asyncio
@pytest.mark.parametrize("call", ["write", "replace"])
async def test_an_injected_enospc_on_the_image_or_its_sidecar_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    async with await Library.open(tmp_path / "home") as lib:
        record = await _downloading(lib)
        real = getattr(os, call)
        calls = {"n": 0}

        def second_fails(*args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] >= 2:  # the sidecar is written, then the image fails
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(*args, **kwargs)

        monkeypatch.setattr(files_module.os, call, second_fails)
        with pytest.raises(LibraryDiskFull):
            await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
        monkeypatch.undo()
        assert files_under(lib.images_dir) == []
        assert (await lib.get(record.id)) == record
        assert (await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")).status is JobState.DONE


@pytest.mark.asyncio
async def test_a_database_full_while_recording_removes_the_files_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with await Library.open(tmp_path / "home") as lib:
        record = await _downloading(lib)
        original = lib._store.update

        def full(job_id: str, **changes: object):
            if changes.get("status") is JobState.DONE:
                exc = sqlite3.OperationalError("database or disk is full")
                exc.sqlite_errorcode = 13  # type: ignore[attr-defined]
                raise exc
            return original(job_id, **changes)

        monkeypatch.setattr(lib._store, "update", full)
        with pytest.raises(LibraryDiskFull) as caught:
            await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
        assert "could not be recorded" in _one_sentence(caught.value)
        assert files_under(lib.images_dir) == [], "no file without a row"


@pytest.mark.asyncio
async def test_saving_the_same_bytes_again_changes_nothing(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "home") as lib:
        record = await _downloading(lib)
        first = await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
        before = files_under(lib.images_dir)
        again = await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
        assert again == first and files_under(lib.images_dir) == before


# ---- a lock held by another program --------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_lock_held_past_the_bounded_wait_is_library_locked_and_the_loop_runs_meanwhile(
    tmp_path: Path,
) -> None:
    async with await Library.open(tmp_path / "home", lock_timeout=0.3) as lib:
        record = await _downloading(lib)
        other = sqlite3.connect(lib.db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program's write lock
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        task = asyncio.create_task(ticker())
        try:
            with pytest.raises(LibraryLocked) as caught:
                await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
            assert "locked" in _one_sentence(caught.value) and caught.value.retryable
            with pytest.raises(LibraryLocked):
                await lib.update_job(record.id, progress=0.5)
        finally:
            stop.set()
            await task
            other.execute("ROLLBACK")
            other.close()
        assert ticks >= 5, "the wait happened on the DB thread, never on the loop"
        assert files_under(lib.images_dir) == []
        saved = await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
        assert saved.status is JobState.DONE


# ---- damage --------------------------------------------------------------------------------------------


async def _many(home: Path, n: int = 400) -> None:
    async with await Library.open(home) as lib:
        for i in range(n):
            record = make_record(f"prompt {i} " + "x" * 200, status=JobState.DONE, created_at=float(i))
            await lib.add_job(record)


@pytest.mark.asyncio
async def test_a_damaged_page_found_mid_session_is_library_damaged_and_heard_by_the_views(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    await _many(home)
    db = home / "library.sqlite3"
    leaves = table_leaf_pages(db)
    assert len(leaves) > 10
    damage_page(db, leaves[len(leaves) // 3])  # rows of the table's middle: not the schema, not the newest
    heard: list[LibraryError] = []
    async with await Library.open(home) as lib:
        lib.subscribe_problems(heard.append)
        with pytest.raises(LibraryDamaged) as caught:
            await lib.query(HistoryQuery(), limit=10_000)
        text = _one_sentence(caught.value)
        assert "damaged" in text and "fluxdesk library rebuild" in text
        assert heard and heard[0] is caught.value and heard[0].needs_rebuild


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda db: db.write_bytes(b"no database at all, only text\n" * 200), "not a SQLite database"),
        (lambda db: db.write_bytes(db.read_bytes()[: 4096 * 2]), "cut short"),
    ],
    ids=["garbage-header", "truncated"],
)
def test_a_database_that_cannot_be_opened_is_kept_aside_and_every_command_says_so(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str], spoil, reason: str
) -> None:
    saved = asyncio.run(saved_library(_isolated_home, 3))
    db = _isolated_home / "library.sqlite3"
    spoil(db)
    spoiled = db.read_bytes()
    first_err = ""
    for argv in (["history"], ["history", "--json"], ["export", saved[0].id, "--to", "out"],
                 ["library", "check"], ["generate", "a fox", "--model", "flux-dev"], ["resume"]):
        code = main(argv)
        err = capsys.readouterr().err
        first_err = first_err or err
        assert code != 0, argv
        assert "Traceback" not in err and "Error:" not in err, err
        assert "fluxdesk library rebuild" in err, err
    assert reason in first_err
    aside = sorted(_isolated_home.glob("library.sqlite3.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == spoiled, "kept aside as it was, once"
    assert not db.exists(), "never replaced by an empty one"
    assert len([p for p in (_isolated_home / "images").rglob("*.png")]) == 3, "no image was touched"


@pytest.mark.asyncio
async def test_an_unopenable_database_through_library_open_says_where_it_went(tmp_path: Path) -> None:
    home = tmp_path / "home"
    await saved_library(home, 2)
    (home / "library.sqlite3").write_bytes(b"\x00" * 8192)
    with pytest.raises(LibraryUnavailable) as caught:
        await Library.open(home)
    aside = caught.value.kept_aside
    assert aside is not None and aside.exists() and aside.name in str(caught.value)
    assert caught.value.needs_rebuild


@pytest.mark.asyncio
async def test_a_zero_length_database_beside_images_is_kept_aside_not_replaced(tmp_path: Path) -> None:
    home = tmp_path / "home"
    await saved_library(home, 2)
    (home / "library.sqlite3").write_bytes(b"")
    for name in ("library.sqlite3-wal", "library.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    with pytest.raises(LibraryUnavailable) as caught:
        await Library.open(home)
    assert "0 bytes" in _one_sentence(caught.value)
    assert caught.value.kept_aside is not None and caught.value.kept_aside.stat().st_size == 0
    with pytest.raises(LibraryUnavailable, match="missing"):  # and it stays so until a rebuild
        await Library.open(home)


@pytest.mark.asyncio
async def test_a_fresh_library_still_opens_from_nothing_and_from_an_empty_file(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "new"):
        pass
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "library.sqlite3").write_bytes(b"")
    async with await Library.open(tmp_path / "empty") as lib:
        assert await lib.count(HistoryQuery()) == 0
    assert not list((tmp_path / "empty").glob("*.damaged-*"))


@pytest.mark.asyncio
async def test_a_missing_database_beside_images_asks_for_a_rebuild(tmp_path: Path) -> None:
    home = tmp_path / "home"
    await saved_library(home, 1)
    for name in ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    with pytest.raises(LibraryUnavailable) as caught:
        await Library.open(home)
    assert "missing" in _one_sentence(caught.value) and caught.value.kept_aside is None
    assert not (home / "library.sqlite3").exists()


# ---- a read-only folder ----------------------------------------------------------------------------------


def test_a_read_only_library_folder_is_one_sentence_for_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_tmpfs(tmp_path / "disk", "8m") as disk:
        if disk is None:
            if os.geteuid() == 0:
                pytest.skip("root ignores permissions and mounting is not allowed here")
            disk = tmp_path / "disk"
        home = disk / "home"
        asyncio.run(saved_library(home, 1))
        monkeypatch.setenv("FLUXDESK_HOME", str(home))
        made_read_only = remount_read_only(disk) if os.geteuid() == 0 else False
        if not made_read_only:
            os.chmod(home, 0o500)
        try:
            with pytest.raises(LibraryError) as caught:
                asyncio.run(Library.open(home))
            assert isinstance(caught.value, LibraryNotWritable | LibraryUnavailable), caught.value
            text = _one_sentence(caught.value)
            assert "read-only" in text or "may not write" in text, text
            assert main(["history"]) == 1
            err = capsys.readouterr().err
            assert "Traceback" not in err and err.count("\n") == 1, err
        finally:
            if not made_read_only:
                os.chmod(home, 0o700)


# ---- the sidecar -----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_sidecar_holds_the_record_and_no_key_path_or_input_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "sk-sidecar-0123456789abcdefSECRET"
    monkeypatch.setenv("COMETAPI_KEY", key)
    home = tmp_path / "home"
    async with await Library.open(home) as lib:
        big_input = "iVBORw0KGgo" + "A" * 5000
        record = await _downloading(lib, extra={"api_key": key, "note": f"Bearer {key}"})
        record = record.evolve(request=record.request.replace(input_image=big_input))
        await lib.update_job(record.id, request=record.request)
        saved = await lib.save_result(record.id, PNG, width=64, height=48, fmt="png")
        text = sidecar_path(lib.images_dir / (saved.file or "")).read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["format"] == "fluxdesk.record/1" and doc["record"]["id"] == saved.id
    assert doc["record"]["sha256"] == saved.sha256 and doc["record"]["file"] == saved.file
    assert doc["request"]["prompt"] == saved.prompt
    assert doc["request"]["params"]["input_image"].startswith("<image sha256:")
    assert key not in text and big_input not in text
    assert str(tmp_path) not in text and "polling_url" not in text


# ---- copies out of the library (generate --out) --------------------------------------------------------


def test_a_folder_that_cannot_take_copies_is_known_before_anything_is_paid(tmp_path: Path) -> None:
    files_module.check_writable_folder(tmp_path / "new" / "out")
    assert (tmp_path / "new" / "out").is_dir() and not list((tmp_path / "new" / "out").iterdir())
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(LibraryError) as caught:
        files_module.check_writable_folder(blocker)
    assert "could not be saved" in _one_sentence(caught.value)
    with small_tmpfs(tmp_path / "disk", "1m") as disk:
        if disk is None:
            return
        fill_disk(disk)
        with pytest.raises(LibraryDiskFull):
            files_module.place_copy(_write(tmp_path / "img.png", PNG), disk)
        assert [p.name for p in disk.iterdir()] == ["filler.bin"], "nothing half-written"
        assert remount_read_only(disk)
        with pytest.raises(LibraryNotWritable, match="read-only"):
            files_module.check_writable_folder(disk)


def test_a_copy_never_overwrites(tmp_path: Path) -> None:
    source = _write(tmp_path / "kite.png", PNG)
    out = tmp_path / "out"
    first = files_module.place_copy(source, out)
    second = files_module.place_copy(source, out)
    assert (first.name, second.name) == ("kite.png", "kite (2).png")
    assert first.read_bytes() == second.read_bytes() == PNG


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
