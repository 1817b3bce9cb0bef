"""Library: jobs, saving results atomically, resume, and what a failed write leaves behind."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from pathlib import Path

import pytest
import pytest_asyncio
from library_helpers import image_bytes, make_record

from fluxdesk.api.errors import CorruptImage
from fluxdesk.library import files as files_module
from fluxdesk.library.errors import LibraryWriteError, UnknownJob
from fluxdesk.library.library import Library
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import JobState
from fluxdesk.library.store import LibraryStore


@pytest_asyncio.fixture
async def library(tmp_path: Path):
    lib = await Library.open(tmp_path / "home")
    try:
        yield lib
    finally:
        await lib.close()


@pytest.mark.asyncio
async def test_open_creates_database_and_images_dir(tmp_path: Path) -> None:
    lib = await Library.open(tmp_path / "home")
    try:
        assert (tmp_path / "home" / "library.sqlite3").is_file()
        assert (tmp_path / "home" / "images").is_dir()
        assert lib.images_dir == tmp_path / "home" / "images"
        assert await lib.integrity_check() == "ok"
    finally:
        await lib.close()
    store = LibraryStore(tmp_path / "home" / "library.sqlite3")
    try:
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    finally:
        store.close()


@pytest.mark.asyncio
async def test_add_get_update_roundtrip(library: Library) -> None:
    record = make_record(cost=4.5, input_mp=1.0, output_mp=1.98, result_prompt="a kite", result_seed=1,
                         extra={"asked_format": "png"})
    await library.add_job(record)
    got = await library.get(record.id)
    assert got == record
    assert got.extra == {"asked_format": "png"} and got.cost == 4.5 and got.output_mp == 1.98
    assert got.request.params["seed"] == 42 and got.prompt == record.prompt
    updated = await library.update_job(record.id, status=JobState.PENDING, task_id="t-1", submitted_at=10.0,
                                       progress=0.5)
    assert updated.status is JobState.PENDING and updated.task_id == "t-1" and updated.progress == 0.5
    assert await library.get(record.id) == updated
    assert await library.get("nope") is None
    with pytest.raises(UnknownJob):
        await library.update_job("nope", status=JobState.FAILED)
    with pytest.raises(TypeError):
        await library.update_job(record.id, colour="red")


@pytest.mark.asyncio
async def test_database_work_runs_on_one_thread_not_the_callers(library: Library) -> None:
    seen: set[int] = set()
    store = library._store
    original = store.get

    def spy(job_id: str):
        seen.add(threading.get_ident())
        return original(job_id)

    store.get = spy  # type: ignore[method-assign]
    for _ in range(5):
        await library.get("x")
    assert len(seen) == 1 and threading.get_ident() not in seen


@pytest.mark.asyncio
async def test_unfinished_jobs_are_the_non_final_ones(library: Library) -> None:
    states = [JobState.QUEUED, JobState.SUBMITTING, JobState.PENDING, JobState.DOWNLOADING, JobState.DONE,
              JobState.FAILED, JobState.INTERRUPTED, JobState.EXPIRED]
    records = [make_record(f"p{i}", status=s, created_at=100.0 + i) for i, s in enumerate(states)]
    for r in records:
        await library.add_job(r)
    unfinished = await library.unfinished_jobs()
    assert [r.status for r in unfinished] == states[:4]


@pytest.mark.asyncio
async def test_save_result_writes_bytes_unchanged_and_records_the_row(library: Library) -> None:
    record = make_record("A kite: red & blue / über", seed=7, width=64, height=48)
    await library.add_job(record)
    data = image_bytes(64, 48, "PNG") + b""  # exact bytes must survive
    saved = await library.save_result(record.id, data, width=64, height=48, fmt="png", ready_at=123.0)
    assert saved.status is JobState.DONE and saved.ready_at == 123.0 and saved.saved_at
    assert saved.width == 64 and saved.height == 48 and saved.format == "png" and saved.bytes == len(data)
    path = library.path_of(saved)
    assert path is not None and path.read_bytes() == data
    assert saved.file.endswith(f"a-kite-red-blue-über-7-{record.id[:8]}.png")  # the prompt's own letters
    parts = saved.file.split("/")
    assert len(parts) == 3 and len(parts[0]) == 4 and len(parts[1]) == 2
    import hashlib

    assert saved.sha256 == hashlib.sha256(data).hexdigest()
    assert await library.get(record.id) == saved
    assert not list(library.images_dir.rglob("*.part"))
    check = await library.check()
    assert check.ok, check


@pytest.mark.asyncio
async def test_save_result_keeps_jpeg_when_png_was_asked(library: Library) -> None:
    record = make_record(width=64, height=48)
    await library.add_job(record)
    saved = await library.save_result(record.id, image_bytes(64, 48, "JPEG"), width=64, height=48, fmt="png")
    assert saved.format == "jpeg" and saved.file.endswith(".jpg")
    assert saved.extra.get("asked_format") == "png"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda d: d[: len(d) // 2], "damaged or incomplete"),
        (lambda d: b"<html>expired</html>", "damaged or incomplete"),
        (lambda d: b"", "empty"),
        (lambda d: d[:40] + bytes(200) + d[240:], "damaged or incomplete"),
    ],
)
async def test_corrupt_or_truncated_bytes_are_refused(library: Library, mangle, message: str) -> None:
    record = make_record(width=64, height=48)
    await library.add_job(record)
    data = mangle(image_bytes(64, 48, "PNG"))
    with pytest.raises(CorruptImage) as info:
        await library.save_result(record.id, data, width=64, height=48, fmt="png")
    text = str(info.value)
    assert message in text and text.endswith(".") and "\n" not in text
    assert (await library.get(record.id)) == record
    assert not [p for p in library.images_dir.rglob("*") if p.is_file()]


@pytest.mark.asyncio
async def test_bytes_the_client_decoded_are_still_checked_for_kind_and_size(library: Library) -> None:
    """decoded=True skips the second full decode, not the rule: same verify_image as the client's."""
    record = make_record(width=64, height=48)
    await library.add_job(record)
    with pytest.raises(CorruptImage, match="is 32x32, not the 64x48"):
        await library.save_result(record.id, image_bytes(32, 32), width=64, height=48, decoded=True)
    with pytest.raises(CorruptImage, match="GIF"):
        await library.save_result(record.id, image_bytes(64, 48, "GIF"), width=64, height=48, decoded=True)
    saved = await library.save_result(record.id, image_bytes(64, 48), width=64, height=48, decoded=True)
    assert saved.status is JobState.DONE and saved.format == "png"


@pytest.mark.asyncio
async def test_wrong_size_is_refused(library: Library) -> None:
    record = make_record(width=64, height=48)
    await library.add_job(record)
    with pytest.raises(CorruptImage, match="is 32x32, not the 64x48"):
        await library.save_result(record.id, image_bytes(32, 32), width=64, height=48, fmt="png")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("target", "err", "sentence"),
    [
        ("fsync", errno.ENOSPC, "The disk is full: the image could not be saved (free some space, then try"),
        ("write", errno.ENOSPC, "The disk is full"),
        ("replace", errno.EACCES, "may not write to"),
        ("open", errno.EROFS, "read-only disk"),
        ("write", errno.EIO, "could not be saved to"),
    ],
)
async def test_file_write_failure_leaves_no_file_and_the_row_unchanged(
    library: Library, monkeypatch: pytest.MonkeyPatch, target: str, err: int, sentence: str
) -> None:
    record = make_record(width=64, height=48, status=JobState.DOWNLOADING, task_id="t")
    await library.add_job(record)

    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(files_module.os, target, fail)
    with pytest.raises(LibraryWriteError) as info:
        await library.save_result(record.id, image_bytes(64, 48), width=64, height=48, fmt="png")
    monkeypatch.undo()
    assert sentence in str(info.value)
    assert str(info.value).count(".") >= 1 and "\n" not in str(info.value)
    assert await library.get(record.id) == record
    assert not [p for p in library.images_dir.rglob("*") if p.is_file()], "no half file, no temp file"
    # and it works once the disk is fine again
    saved = await library.save_result(record.id, image_bytes(64, 48), width=64, height=48, fmt="png")
    assert saved.status is JobState.DONE
    assert (await library.check()).ok


@pytest.mark.asyncio
async def test_row_write_failure_removes_the_file(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    record = make_record(width=64, height=48, status=JobState.DOWNLOADING)
    await library.add_job(record)
    store = library._store
    original = store.update

    def failing_update(job_id: str, **changes):
        if changes.get("status") is JobState.DONE:
            raise sqlite3.OperationalError("database or disk is full")
        return original(job_id, **changes)

    monkeypatch.setattr(store, "update", failing_update)
    with pytest.raises(LibraryWriteError, match="could not be recorded"):
        await library.save_result(record.id, image_bytes(64, 48), width=64, height=48, fmt="png")
    assert await library.get(record.id) == record
    assert not [p for p in library.images_dir.rglob("*") if p.is_file()]
    check = await library.check()
    assert check.ok, check


@pytest.mark.asyncio
async def test_save_result_for_unknown_job_writes_nothing(library: Library) -> None:
    with pytest.raises(UnknownJob):
        await library.save_result("missing", image_bytes(), width=64, height=48, fmt="png")
    assert not [p for p in library.images_dir.rglob("*") if p.is_file()]


@pytest.mark.asyncio
async def test_library_survives_reopen(tmp_path: Path) -> None:
    lib = await Library.open(tmp_path / "h")
    record = make_record(width=64, height=48)
    await lib.add_job(record)
    saved = await lib.save_result(record.id, image_bytes(), width=64, height=48, fmt="png")
    await lib.close()
    lib2 = await Library.open(tmp_path / "h")
    try:
        assert await lib2.get(record.id) == saved
        assert (await lib2.check()).ok
    finally:
        await lib2.close()


class _Crash(BaseException):
    """The process dying at this point: nothing after it runs, no cleanup either."""


@pytest.mark.parametrize("where", ["mid_write", "before_rename"])
def test_atomic_write_a_crash_leaves_no_partial_file_under_the_final_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    folder = tmp_path / "images" / "2024" / "01"
    folder.mkdir(parents=True)
    target = folder / "a-kite-7-0123abcd.png"
    target.write_bytes(b"the image that was there before")
    data = image_bytes(64, 48)
    real_write = os.write

    def half_then_crash(fd: int, view: bytes) -> int:
        real_write(fd, bytes(view[: len(view) // 2]))
        raise _Crash

    def crash(*_args: object, **_kwargs: object) -> None:
        raise _Crash

    if where == "mid_write":
        monkeypatch.setattr(files_module.os, "write", half_then_crash)
    else:
        monkeypatch.setattr(files_module.os, "replace", crash)
    monkeypatch.setattr(files_module, "remove_quietly", lambda _path: False)  # a dead process cleans nothing
    with pytest.raises(_Crash):
        files_module.write_atomic(target, data)
    monkeypatch.undo()
    assert target.read_bytes() == b"the image that was there before"  # never a half image under its name
    # what the crash left is a temp file the library knows to be stray (and safe to delete)
    (left,) = files_module.stray_temp_files(tmp_path / "images")
    assert left.parent == folder and left.name.startswith(f".{target.name}.")


def test_atomic_write_fsyncs_the_temp_file_before_renaming_it_over_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kite.png"
    data = image_bytes(64, 48)
    events: list[tuple[str, str]] = []
    paths: dict[int, str] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def spy_open(path: object, flags: int, *args: object) -> int:
        fd = real_open(path, flags, *args)  # type: ignore[arg-type]
        paths[fd] = str(path)
        return fd

    def spy_fsync(fd: int) -> None:
        events.append(("fsync", paths.get(fd, "?")))
        real_fsync(fd)

    def spy_replace(src: object, dst: object) -> None:
        events.append(("replace", f"{src} -> {dst}"))
        assert Path(str(src)).read_bytes() == data  # the whole image is in the temp file already
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(files_module.os, "open", spy_open)
    monkeypatch.setattr(files_module.os, "fsync", spy_fsync)
    monkeypatch.setattr(files_module.os, "replace", spy_replace)
    files_module.write_atomic(target, data)
    monkeypatch.undo()
    kinds = [kind for kind, _ in events]
    assert kinds == ["fsync", "replace", "fsync"], events
    temp = events[0][1]
    assert Path(temp).parent == tmp_path and temp != str(target)
    assert events[1][1] == f"{temp} -> {target}"
    assert events[2][1] == str(tmp_path)  # the folder, so the rename itself survives a power cut
    assert target.read_bytes() == data and not files_module.stray_temp_files(tmp_path)


# -- records as the store builds them ------------------------------------------------------------------


def test_a_record_from_its_fields_is_the_record_init_makes(tmp_path: Path) -> None:
    import dataclasses

    from fluxdesk.library.records import GenerationRecord

    record = make_record("a fox", status=JobState.DONE, favorite=True, extra={"k": 1}, parents=("p",))
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(GenerationRecord)}
    made = GenerationRecord.from_fields(values)
    assert made == record and repr(made) == repr(record) and made.extra == {"k": 1}
    # nothing runs after the fields are set: from_fields would skip it
    assert not hasattr(GenerationRecord, "__post_init__")
    with pytest.raises(TypeError, match="missing \\['width'\\]"):
        GenerationRecord.from_fields({k: v for k, v in values.items() if k != "width"})
    with pytest.raises(TypeError, match="unknown \\['colour'\\]"):
        GenerationRecord.from_fields({**values, "colour": "red"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.width = 3  # type: ignore[misc]


def test_a_stored_request_is_decoded_when_first_read_and_the_record_is_the_same(tmp_path: Path) -> None:
    import pickle

    from fluxdesk.api.request import GenerationRequest
    from fluxdesk.library.records import StoredRequest

    store = LibraryStore(tmp_path / "lib.sqlite3")
    try:
        original = make_record("a fox in snow", status=JobState.DONE, seed=7)
        store.add(original)
        (page_record,) = store.query(HistoryQuery(text="fox"))
        assert isinstance(vars(page_record)["request"], StoredRequest), "a page decodes no request"
        assert page_record.prompt == "a fox in snow" and page_record.seed == 7
        assert isinstance(vars(page_record)["request"], GenerationRequest), "decoded once, then kept"
        (again,) = store.query(HistoryQuery(text="fox"))
        assert again == original and again.evolve(favorite=True).request == original.request
        assert pickle.loads(pickle.dumps(store.query(HistoryQuery())[0])) == original
        with pytest.raises(AttributeError):
            again.request = original.request  # type: ignore[misc]
    finally:
        store.close()
