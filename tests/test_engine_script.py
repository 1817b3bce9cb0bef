"""The engine against a scripted client and a fake clock: caps, concurrency and cancel ordering, decided
by the test step by step (no network, no sleeps), over a real library in a temp dir."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_fakes import FakeClock, ScriptedClient, ended, finish, turns, until

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.errors import GenerationFailed
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.api.types import SubmittedTask
from fluxdesk.engine import Engine
from fluxdesk.engine.engine import Client
from fluxdesk.library.library import Library
from fluxdesk.library.records import JobState

pytestmark = pytest.mark.asyncio


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib")
    yield lib
    await lib.close()


def kontext(cat: Catalog, seed: int) -> GenerationRequest:
    return build_request(cat, "flux-kontext-max", f"a kite, take {seed}", {"seed": seed})


def dev(cat: Catalog, seed: int) -> GenerationRequest:
    return build_request(cat, "flux-dev", f"a fox, take {seed}", {"seed": seed, "width": 256, "height": 256})


def engine_for(client: Client, library: Library, cat: Catalog, clock: FakeClock, **kw: int) -> Engine:
    return Engine(client, library, catalog=cat, clock=clock, **kw)


async def test_kontext_max_never_has_more_than_six_tasks_running_while_a_seventh_waits(
    library: Library, cat: Catalog, clock: FakeClock
) -> None:
    assert cat.get("flux-kontext-max").max_active_tasks == 6
    client = ScriptedClient(hold={"wait_ready"})
    engine = engine_for(client, library, cat, clock, max_concurrent=10)
    try:
        first = [engine.enqueue(kontext(cat, seed)) for seed in range(6)]
        await until(lambda: len(client.pending("wait_ready")) == 6, what="six kontext-max tasks running")
        seventh = engine.enqueue(kontext(cat, 6))
        other = engine.enqueue(dev(cat, 7))  # another model: kontext-max's cap is not its business
        await until(lambda: seventh.waiting_for is not None or client.submitted(seventh.request),
                    what="the seventh to wait or be sent")
        assert not client.submitted(seventh.request)
        assert seventh.state is JobState.QUEUED and "flux-kontext-max" in (seventh.waiting_for or "")
        await until(lambda: client.submitted(other.request), what="the flux-dev job to be sent")

        client.pending("wait_ready")[0].ready()  # one kontext-max task is Ready: its slot is free
        await until(lambda: client.submitted(seventh.request), what="the seventh to be sent")
        assert seventh.waiting_for is None
        await finish(client, [*first, seventh, other])
        done = await engine.wait_all(j.id for j in [*first, seventh, other])
        assert [j.state for j in done] == [JobState.DONE] * 8
        assert client.most_running["flux-kontext-max"] == 6
    finally:
        await engine.aclose()


async def test_the_global_cap_on_running_tasks_holds_across_models(
    library: Library, cat: Catalog, clock: FakeClock
) -> None:
    client = ScriptedClient(hold={"wait_ready"})
    engine = engine_for(client, library, cat, clock, max_concurrent=2)
    try:
        a = engine.enqueue(dev(cat, 1))
        b = engine.enqueue(kontext(cat, 2))
        await until(lambda: len(client.pending("wait_ready")) == 2, what="two tasks running")
        c = engine.enqueue(dev(cat, 3))
        await until(lambda: c.waiting_for is not None or client.submitted(c.request),
                    what="the third to wait or be sent")
        assert not client.submitted(c.request)
        assert c.state is JobState.QUEUED and "Settings" in (c.waiting_for or "")

        next(call for call in client.pending("wait_ready") if call.model == "flux-kontext-max").ready()
        await until(lambda: client.submitted(c.request), what="the third to be sent")
        await finish(client, [a, b, c])
        done = await engine.wait_all([a.id, b.id, c.id])
        assert [j.state for j in done] == [JobState.DONE] * 3
        assert client.most_running_total == 2
    finally:
        await engine.aclose()


@pytest.mark.parametrize("rounds_before_reply", [0, 5])
async def test_a_cancel_during_submit_still_records_the_task_id_the_late_reply_brings(
    library: Library, cat: Catalog, clock: FakeClock, rounds_before_reply: int
) -> None:
    client = ScriptedClient(hold={"submit"})
    engine = engine_for(client, library, cat, clock)
    try:
        job = engine.enqueue(dev(cat, 1))
        await until(lambda: bool(client.pending("submit")), what="the submit to be on its way")
        (submit,) = client.pending("submit")
        engine.cancel(job.id)
        await turns(rounds_before_reply)
        submit.reply(SubmittedTask("task-late", "cometapi"))  # the provider did take it
        job = await ended(engine, job.id)
        assert job.state is JobState.CANCELLED
        assert job.task_id == "task-late"
        assert "may still charge" in (job.error or "")
        record = await library.get(job.id)
        assert record is not None and record.task_id == "task-late" and record.status is JobState.CANCELLED
        assert client.made("wait_ready") == []  # cancelled: not followed any further
    finally:
        await engine.aclose()


async def test_a_job_is_a_view_of_its_library_row(library: Library, cat: Catalog, clock: FakeClock) -> None:
    client = ScriptedClient(hold={"submit", "wait_ready"})
    engine = engine_for(client, library, cat, clock)
    seen: list[tuple[JobState, JobState | None]] = []

    async def row_state(job_id: str) -> JobState | None:
        record = await library.get(job_id)
        return record.status if record else None

    try:
        job = engine.enqueue(dev(cat, 1))
        engine.subscribe(lambda j: seen.append((j.state, j.current.status)))
        await until(lambda: bool(client.pending("submit")))
        assert job.current == await library.get(job.id)  # SUBMITTING, as recorded
        clock.advance(2.0)
        client.pending("submit")[0].reply(SubmittedTask("task-1", "cometapi"))
        await until(lambda: bool(client.pending("wait_ready")))
        assert job.started_at == clock.now and job.current == await library.get(job.id)
        client.pending("wait_ready")[0].progress(0.5)
        assert job.progress == 0.5 and await row_state(job.id) is JobState.PENDING  # progress: never stored
        clock.advance(3.0)
        client.pending("wait_ready")[0].ready()
        job = await ended(engine, job.id)
        assert job.state is JobState.DONE and job.record == await library.get(job.id)
        assert job.finished_at == clock.now and job.elapsed == 5.0
        assert all(state is status for state, status in seen)
    finally:
        await engine.aclose()


async def test_a_failing_library_still_ends_the_job_with_its_sentence(
    library: Library, cat: Catalog, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ScriptedClient(hold={"wait_ready"})
    engine = engine_for(client, library, cat, clock)
    try:
        job = engine.enqueue(dev(cat, 1))
        await until(lambda: bool(client.pending("wait_ready")))

        async def broken(job_id: str, **fields: object) -> None:
            raise OSError("the disk went away")

        monkeypatch.setattr(library, "update_job", broken)
        client.pending("wait_ready")[0].fail(GenerationFailed("The provider could not make this image."))
        job = await ended(engine, job.id)
        assert job.state is JobState.FAILED and job.error == "The provider could not make this image."
        monkeypatch.undo()
        record = await library.get(job.id)
        assert record is not None and record.status is JobState.PENDING  # what the library could keep
    finally:
        await engine.aclose()


async def test_the_confirmed_task_id_is_the_first_thing_written_after_the_submit(
    library: Library, cat: Catalog, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ScriptedClient(hold={"submit"})
    writes: list[dict[str, object]] = []
    real = library.update_job

    async def spy(job_id: str, **fields: object) -> object:
        writes.append(fields)
        return await real(job_id, **fields)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "update_job", spy)
    engine = engine_for(client, library, cat, clock)
    try:
        job = engine.enqueue(dev(cat, 1))
        await until(lambda: bool(client.pending("submit")))
        before = len(writes)
        client.pending("submit")[0].reply(SubmittedTask("task-first", "cometapi"))
        await ended(engine, job.id)
        assert writes[before]["task_id"] == "task-first" and writes[before]["status"] is JobState.PENDING
    finally:
        await engine.aclose()


async def test_a_cancel_while_sending_whose_submit_may_have_arrived_ends_interrupted(
    library: Library, cat: Catalog, clock: FakeClock
) -> None:
    from fluxdesk.api.errors import Timeout

    client = ScriptedClient(hold={"submit"})
    engine = engine_for(client, library, cat, clock)
    try:
        job = engine.enqueue(dev(cat, 1))
        await until(lambda: bool(client.pending("submit")))
        engine.cancel(job.id)
        client.pending("submit")[0].fail(
            Timeout("provider.invalid took too long to answer; the request may have reached the provider.",
                    reached_provider=True))
        job = await ended(engine, job.id)
        # not "cancelled": a retry must not send it again without saying it may be billed twice
        assert job.state is JobState.INTERRUPTED and "may have reached" in (job.error or "")
    finally:
        await engine.aclose()


async def test_finished_jobs_are_dropped_and_read_back_from_the_library(
    library: Library, cat: Catalog, clock: FakeClock
) -> None:
    from fluxdesk.engine.engine import RECENT_JOBS

    client = ScriptedClient()
    engine = engine_for(client, library, cat, clock, max_concurrent=8)
    try:
        jobs = engine.enqueue_many(dev(cat, seed) for seed in range(RECENT_JOBS + 20))
        await engine.wait_all(j.id for j in jobs)
        assert engine.jobs == {}  # nothing in flight is held
        first = jobs[0].id
        assert engine.job(first) is None  # dropped, not kept forever
        again = await engine.wait(first)  # still answered, from the library
        assert again.state is JobState.DONE and again is not jobs[0]
        assert again.current == await library.get(first)
    finally:
        await engine.aclose()


async def test_never_sent_jobs_are_listed_for_the_quit_and_can_be_discarded(
    library: Library, cat: Catalog, clock: FakeClock
) -> None:
    client = ScriptedClient(hold={"wait_ready"})
    engine = engine_for(client, library, cat, clock, max_concurrent=1)
    try:
        running = engine.enqueue(dev(cat, 1))
        await until(lambda: bool(client.pending("wait_ready")))
        queued = [engine.enqueue(dev(cat, s)) for s in (2, 3)]
        await until(lambda: all(j.waiting_for for j in queued))
        assert {j.id for j in engine.never_sent()} == {j.id for j in queued}
        assert await engine.discard([j.id for j in queued] + [running.id]) == 2
        for job in queued:
            record = await library.get(job.id)
            assert record is not None and record.status is JobState.CANCELLED
        assert not any(client.submitted(j.request) for j in queued)
        assert not running.is_final  # on its way already: left alone
        await finish(client, [running])
    finally:
        await engine.aclose()
