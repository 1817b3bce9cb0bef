"""A paid image the library cannot write (full disk, a locked or damaged database) is not lost: the job
is kept as "downloaded, not saved" with the reason, its bytes in the spool (on disk, else in memory), and
retry or resume saves it once writing works again; a task id the library could not record is kept too."""

from __future__ import annotations

import errno
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from engine_sim import count, fast_client, kite, tasks_for

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.engine import Engine
from fluxdesk.engine.job import state_text
from fluxdesk.engine.spool import Spool
from fluxdesk.library import library as library_module
from fluxdesk.library.errors import LibraryWriteError, write_error_from
from fluxdesk.library.library import Library
from fluxdesk.library.records import JobState
from fluxdesk.sim.server import SimConfig, SimServer

pytestmark = pytest.mark.asyncio
#: the library's own sentence for a full disk, shown word for word after "Downloaded, not saved:"
DISK_FULL = str(write_error_from(OSError(errno.ENOSPC, "No space left on device"), Path("/")))


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimServer]:
    server = SimServer(SimConfig(latency=0.15))
    server.start()
    yield server
    server.stop()


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib")
    yield lib
    await lib.close()


@pytest_asyncio.fixture
async def client(sim: SimServer) -> AsyncIterator[FluxClient]:
    c = fast_client(sim.base_url)
    yield c
    await c.aclose()


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Image writes fail as on a full disk (the library's own sentence) until `.undo()`."""

    def full(target: Path, data: bytes) -> None:
        raise write_error_from(OSError(errno.ENOSPC, "No space left on device"), target.parent)

    monkeypatch.setattr(library_module, "write_atomic", full)
    return monkeypatch


async def test_an_image_that_cannot_be_written_is_kept_and_a_retry_saves_it_without_fetching_again(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog, tmp_path: Path, disk_full: Any
) -> None:
    spool = tmp_path / "cache" / "spool"
    engine = Engine(client, library, catalog=cat, spool=Spool(spool))
    try:
        job = await engine.generate(kite(cat, 1))
        assert job.state is JobState.UNSAVED and job.error == DISK_FULL
        assert state_text(job) == f"Downloaded, not saved: {DISK_FULL}"
        record = await library.get(job.id)
        assert record is not None and record.status is JobState.UNSAVED and record.task_id == job.task_id
        assert (spool / f"{job.id}.image").is_file()  # the bytes survive a restart
        assert [r.id for r in await library.unfinished_jobs()] == [job.id]

        disk_full.undo()  # space was freed
        deliveries = count(sim, "delivery")
        await engine.retry(job.id)
        job = await engine.wait(job.id)
        assert job.state is JobState.DONE, job.error
        assert count(sim, "delivery") == deliveries  # saved from the spool, not fetched again
        assert not (spool / f"{job.id}.image").exists()
        record = await library.get(job.id)
        assert record is not None and library.path_of(record).is_file()  # type: ignore[union-attr]
    finally:
        await engine.aclose()


async def test_the_next_start_saves_an_image_a_full_disk_kept_out(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog, tmp_path: Path, disk_full: Any
) -> None:
    spool = tmp_path / "cache" / "spool"
    first = Engine(client, library, catalog=cat, spool=Spool(spool))
    try:
        job = await first.generate(kite(cat, 2))
        assert job.state is JobState.UNSAVED
    finally:
        await first.aclose()
    disk_full.undo()
    deliveries = count(sim, "delivery")
    second = Engine(client, library, catalog=cat, spool=Spool(spool))  # a new process, the same spool
    try:
        (resumed,) = await second.resume()
        done = await second.wait(resumed.id)
        assert done.state is JobState.DONE, done.error
        assert count(sim, "delivery") == deliveries and count(sim, "submit") == 1
        assert list(spool.iterdir()) == []
    finally:
        await second.aclose()


async def test_when_the_spool_folder_fails_too_the_image_is_kept_in_memory(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog, tmp_path: Path, disk_full: Any
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the spool folder would be")
    engine = Engine(client, library, catalog=cat, spool=Spool(blocked / "spool"))
    try:
        job = await engine.generate(kite(cat, 3))
        assert job.state is JobState.UNSAVED
        disk_full.undo()
        deliveries = count(sim, "delivery")
        await engine.retry(job.id)
        done = await engine.wait(job.id)
        assert done.state is JobState.DONE and count(sim, "delivery") == deliveries
    finally:
        await engine.aclose()


async def test_when_nothing_can_keep_the_bytes_a_retry_fetches_them_again_while_the_link_lives(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog, tmp_path: Path, disk_full: Any
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    engine = Engine(client, library, catalog=cat, spool=Spool(blocked / "spool", memory_budget=0))
    try:
        request = kite(cat, 4)
        job = await engine.generate(request)
        assert job.state is JobState.UNSAVED and job.task_id
        disk_full.undo()
        deliveries = count(sim, "delivery")
        await engine.retry(job.id)
        done = await engine.wait(job.id)
        assert done.state is JobState.DONE, done.error
        assert count(sim, "delivery") == deliveries + 1 and len(tasks_for(sim, request)) == 1
    finally:
        await engine.aclose()


async def test_a_task_id_the_library_could_not_record_is_written_with_the_next_change(
    client: FluxClient, library: Library, cat: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = library.update_job
    refused: list[dict[str, Any]] = []

    async def once_full(job_id: str, **fields: Any) -> Any:
        if "task_id" in fields and not refused:
            refused.append(fields)
            raise LibraryWriteError("The library database is full.")
        return await real(job_id, **fields)

    monkeypatch.setattr(library, "update_job", once_full)
    engine = Engine(client, library, catalog=cat)
    try:
        job = await engine.generate(kite(cat, 5))
    finally:
        await engine.aclose()
    assert refused, "the task id write was never tried"
    assert job.state is JobState.DONE, job.error
    record = await library.get(job.id)
    assert record is not None and record.task_id == job.task_id == refused[0]["task_id"]


async def test_a_task_id_kept_only_in_the_spool_is_followed_at_the_next_start(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The database stops taking writes right after the submit (a full disk): the paid task id is kept
    in the spool, and the next start follows it instead of calling the job interrupted."""
    spool = tmp_path / "cache" / "spool"
    real = library.update_job

    async def full_after_submit(job_id: str, **fields: Any) -> Any:
        if "task_id" in fields or full:
            full.append(True)
            raise LibraryWriteError("The library database is full.")
        return await real(job_id, **fields)

    def no_room(target: Path, data: bytes) -> None:
        raise LibraryWriteError("The disk is full.")

    full: list[bool] = []
    monkeypatch.setattr(library, "update_job", full_after_submit)
    monkeypatch.setattr(library_module, "write_atomic", no_room)
    request = kite(cat, 6)
    first = Engine(client, library, catalog=cat, spool=Spool(spool))
    try:
        job = await first.generate(request)
        assert job.task_id and job.state is JobState.UNSAVED  # in memory: the library took nothing
    finally:
        await first.aclose()
    row = await library.get(job.id)
    assert row is not None and row.status is JobState.SUBMITTING and row.task_id is None
    assert (spool / f"{job.id}.task.json").is_file()
    monkeypatch.undo()  # the disk has room again
    second = Engine(client, library, catalog=cat, spool=Spool(spool))
    try:
        (resumed,) = await second.resume()
        done = await second.wait(resumed.id)
        assert done.state is JobState.DONE, done.error
        assert done.task_id == job.task_id and len(tasks_for(sim, request)) == 1
        assert list(spool.iterdir()) == []
    finally:
        await second.aclose()
