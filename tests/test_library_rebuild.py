"""`fluxdesk library rebuild` and `check`: the history back from the images folder, the old database
kept aside, nothing paid for forgotten."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from fault_helpers import damage_page, saved_library, table_leaf_pages
from library_helpers import image_bytes

from fluxdesk.cli import main
from fluxdesk.library.errors import LibraryLocked, LibraryUnavailable
from fluxdesk.library.files import sidecar_path
from fluxdesk.library.library import Library
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.rebuild import rebuild_library
from fluxdesk.library.records import JobState
from fluxdesk.library.store import LibraryStore


def _rows(home: Path) -> dict[str, object]:
    store = LibraryStore(home / "library.sqlite3")
    try:
        return {r.id: r for r in store.query(HistoryQuery(only_done=False, include_trashed=True), limit=1000)}
    finally:
        store.close()


@pytest.mark.asyncio
async def test_rebuild_from_sidecars_alone_brings_every_saved_image_back(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = await saved_library(home, 3)
    for name in ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    report = await asyncio.to_thread(rebuild_library, home)
    assert report.from_sidecars == 3 and report.from_database == 0 and report.from_files == 0
    rows = _rows(home)
    for record in saved:
        back = rows[record.id]
        assert back.status is JobState.DONE and back.file == record.file and back.sha256 == record.sha256
        assert back.prompt == record.prompt and back.seed == record.seed and back.task_id == record.task_id
    async with await Library.open(home) as lib:
        assert (await lib.check()).ok
        assert [r.id for r in await lib.query(HistoryQuery(text="kite"))] == [r.id for r in reversed(saved)]


@pytest.mark.asyncio
async def test_rebuild_keeps_what_the_old_database_knows_and_keeps_it_aside(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = await saved_library(home, 3)
    async with await Library.open(home) as lib:
        await lib.set_favorite(saved[1].id, True)
        await lib.trash(saved[2].id)
    report = await asyncio.to_thread(rebuild_library, home)
    assert report.from_database == 4 and report.from_sidecars == 0
    assert report.kept_aside is not None and report.kept_aside.exists()
    rows = _rows(home)
    assert rows[saved[1].id].favorite and rows[saved[2].id].is_trashed
    (pending,) = [r for r in rows.values() if r.status is JobState.PENDING]
    assert pending.task_id == "task-pending", "a task in flight is never forgotten: it is money"


@pytest.mark.asyncio
async def test_rebuild_of_a_damaged_database_reads_what_it_can_and_takes_the_rest_from_sidecars(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    saved = await saved_library(home, 40, prompt="a long prompt " + "y" * 300)
    db = home / "library.sqlite3"
    leaves = table_leaf_pages(db)
    damage_page(db, leaves[1])
    report = await asyncio.to_thread(rebuild_library, home)
    rows = _rows(home)
    assert {r.id for r in saved} <= set(rows), "every saved image is back"
    assert report.from_sidecars >= 1 and report.from_database >= 1
    assert [p.name for p in home.glob("library.sqlite3.before-rebuild-*")], "the damaged file is kept"


@pytest.mark.asyncio
async def test_an_image_without_sidecar_or_row_is_recorded_from_its_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "images" / "2024" / "05").mkdir(parents=True)
    image = home / "images" / "2024" / "05" / "a-fox-in-snow-777-0badcafe.png"
    image.write_bytes(image_bytes(40, 30))
    report = await asyncio.to_thread(rebuild_library, home)
    assert report.from_files == 1
    (record,) = _rows(home).values()
    assert record.id.startswith("0badcafe") and record.seed == 777 and record.prompt == "a fox in snow"
    assert (record.width, record.height, record.format, record.model) == (40, 30, "png", "unknown")
    assert record.file == "2024/05/a-fox-in-snow-777-0badcafe.png"


@pytest.mark.asyncio
async def test_a_second_rebuild_does_not_bring_back_what_was_deleted_since(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = await saved_library(home, 2)
    (home / "library.sqlite3").write_bytes(b"garbage " * 1000)
    with pytest.raises(LibraryUnavailable):
        await Library.open(home)  # kept aside as damaged
    await asyncio.to_thread(rebuild_library, home)
    assert list(home.glob("library.sqlite3.damaged-*-salvaged")), "the salvaged file is marked"
    async with await Library.open(home) as lib:
        await lib.trash(saved[0].id)
        await lib.empty_trash()
    await asyncio.to_thread(rebuild_library, home)
    assert saved[0].id not in _rows(home)


def test_rebuild_refuses_while_another_program_has_the_library_open(tmp_path: Path) -> None:
    home = tmp_path / "home"
    asyncio.run(saved_library(home, 1))
    other = sqlite3.connect(home / "library.sqlite3")
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("SELECT count(*) FROM generations").fetchone()
    try:
        with pytest.raises(LibraryLocked, match="open in another fluxdesk"):
            rebuild_library(home, lock_timeout=0.2)
    finally:
        other.close()
    assert not list(home.glob("library.sqlite3.*-*")), "nothing was moved"


@pytest.mark.asyncio
async def test_rebuild_in_place_while_the_library_stays_open(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = await saved_library(home, 2)
    async with await Library.open(home) as lib:
        report = await lib.rebuild()
        assert report.from_database == 3
        assert (await lib.get(saved[0].id)) is not None
        record = await lib.add_job(saved[0].evolve(id="f" * 32, status=JobState.QUEUED, file=None))
        assert (await lib.get(record.id)) is not None, "the library goes on with the new database"


# ---- check ---------------------------------------------------------------------------------------------


def test_check_reports_missing_stray_changed_and_sidecarless_files(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = asyncio.run(saved_library(_isolated_home, 4))
    images = _isolated_home / "images"
    (images / (saved[0].file or "")).unlink()
    (images / (saved[1].file or "")).write_bytes(image_bytes(64, 48, color=(1, 2, 3)))
    sidecar_path(images / (saved[2].file or "")).unlink()
    (images / "stray.png").write_bytes(image_bytes(8, 8))
    assert main(["library", "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["missing_files"] == [saved[0].file]
    assert report["hash_mismatches"] == [saved[1].file]
    assert report["missing_sidecars"] == [saved[2].file]
    assert "stray.png" in report["stray_files"]
    orphan = sidecar_path(images / (saved[0].file or "")).relative_to(images).as_posix()
    assert orphan in report["stray_files"], "a sidecar whose image is gone"
    assert main(["library", "check"]) == 1
    captured = capsys.readouterr()
    assert "gone" in captured.out and "fluxdesk library rebuild" in captured.err


def test_cli_rebuild_after_damage_then_history_works_again(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = asyncio.run(saved_library(_isolated_home, 2))
    (_isolated_home / "library.sqlite3").write_bytes(b"\x00garbage" * 1000)
    assert main(["history"]) == 1
    capsys.readouterr()
    assert main(["library", "rebuild"]) == 0
    out = capsys.readouterr().out
    assert "rebuilt" in out and "2 record(s)" in out
    assert main(["history", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in found} == {r.id for r in saved}
    assert main(["library", "check"]) == 0


@pytest.mark.asyncio
async def test_rebuild_gives_images_saved_without_a_sidecar_one_so_ids_stay_stable(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = await saved_library(home, 2)
    images = home / "images"
    for record in saved:  # as an older fluxdesk left them
        sidecar_path(images / (record.file or "")).unlink()
    stray = images / "2024" / "01" / "lone-5-deadbeef.png"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(image_bytes(10, 10))
    report = await asyncio.to_thread(rebuild_library, home)
    assert report.sidecars_written == 3
    assert all(sidecar_path(images / (r.file or "")).is_file() for r in saved)
    first = {r.file: r.id for r in _rows(home).values() if r.file}
    for name in ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    again = await asyncio.to_thread(rebuild_library, home)
    assert again.from_sidecars == 3 and again.from_files == 0
    assert {r.file: r.id for r in _rows(home).values() if r.file} == first, "the same ids, every time"
