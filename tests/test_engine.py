"""The engine against the simulator (real sockets) and a real library in a temp dir."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_fakes import until

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import build_request
from fluxdesk.api.retry import PollPolicy, RetryPolicy
from fluxdesk.engine import Engine, Job
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.sim.server import SimConfig, SimServer

KEY = "sk-engine-test-key"


def _client(base_url: str) -> FluxClient:
    return FluxClient(
        ProviderConfig("cometapi", KEY, base_url),
        retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05),
        poll=PollPolicy(interval=0.05, max_interval=0.1, deadline=20),
        timeout=5,
    )


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


@pytest_asyncio.fixture
async def server() -> AsyncIterator[SimServer]:
    sim = SimServer(SimConfig(latency=0.2))
    sim.start()
    yield sim
    sim.stop()


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib")
    yield lib
    await lib.close()


@pytest_asyncio.fixture
async def engine(server: SimServer, library: Library, cat: Catalog) -> AsyncIterator[Engine]:
    client = _client(server.base_url)
    eng = Engine(client, library, max_concurrent=8, catalog=cat)
    yield eng
    await eng.aclose()
    await client.aclose()


def _request(cat: Catalog, prompt: str = "a red kite", **params: object):
    params.setdefault("seed", 42)
    params.setdefault("width", 512)
    params.setdefault("height", 384)
    return build_request(cat, "flux-pro-1.1", prompt, params)


@pytest.mark.asyncio
async def test_generation_is_downloaded_verified_and_recorded(engine: Engine, library: Library, cat) -> None:
    seen: list[JobState] = []
    engine.subscribe(lambda job: seen.append(job.state))
    job = await engine.generate(_request(cat))
    assert job.state is JobState.DONE, job.error
    record = await library.get(job.id)
    assert record is not None and record.status is JobState.DONE
    path = library.path_of(record)
    assert path is not None and path.is_file()
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == record.sha256
    assert (record.width, record.height) == (512, 384)
    assert record.task_id == job.task_id and record.submitted_at and record.ready_at
    # every step was announced, in order
    order = [s for i, s in enumerate(seen) if i == 0 or seen[i - 1] is not s]
    assert order[:2] == [JobState.QUEUED, JobState.SUBMITTING]
    assert order[-2:] == [JobState.DOWNLOADING, JobState.DONE]


@pytest.mark.asyncio
async def test_many_jobs_run_at_once_within_the_cap(engine: Engine, server: SimServer, cat) -> None:
    jobs = engine.enqueue_many(_request(cat, seed=s) for s in range(12))
    done = await engine.wait_all(j.id for j in jobs)
    assert all(j.state is JobState.DONE for j in done)
    assert len({j.record.sha256 for j in done if j.record}) == 12  # different seeds, different images
    submits = [r for r in server.received if r.route == "submit"]
    assert len(submits) == 12


@pytest.mark.asyncio
async def test_moderated_prompt_ends_moderated_with_a_sentence(engine: Engine, library: Library, cat) -> None:
    job = await engine.generate(_request(cat, "a kite [moderate-request]"))
    assert job.state is JobState.MODERATED
    assert "moderation" in (job.error or "").lower()
    record = await library.get(job.id)
    assert record is not None and record.status is JobState.MODERATED and record.file is None


@pytest.mark.asyncio
async def test_ambiguous_submit_is_never_resent(
    engine: Engine, server: SimServer, library: Library, cat
) -> None:
    server.set_faults("submit500:5")
    job = await engine.generate(_request(cat))
    assert job.state is JobState.INTERRUPTED
    # the client's own sentence, and no second one
    assert job.error == "CometAPI is having trouble right now (HTTP 500); try again in a minute."
    assert sum(1 for r in server.received if r.route == "submit") == 1
    record = await library.get(job.id)
    assert record is not None and record.status is JobState.INTERRUPTED


@pytest.mark.asyncio
async def test_invalid_request_from_provider_fails_plainly(engine: Engine, cat) -> None:
    request = _request(cat).replace(width=1000)  # slipped past local validation on purpose
    job = await engine.generate(request)
    assert job.state is JobState.FAILED
    assert "32" in (job.error or "")


@pytest.mark.asyncio
async def test_cancel_while_pending(engine: Engine, server: SimServer, library: Library, cat) -> None:
    server.config.latency = 5.0
    job = engine.enqueue(_request(cat))
    await until(lambda: job.state is JobState.PENDING, timeout=10, what="the submit to be confirmed")
    engine.cancel(job.id)
    job = await engine.wait(job.id)
    assert job.state is JobState.CANCELLED
    record = await library.get(job.id)
    assert record is not None and record.status is JobState.CANCELLED and record.task_id == job.task_id


@pytest.mark.asyncio
async def test_expired_link_is_marked_expired(engine: Engine, server: SimServer, cat) -> None:
    server.set_faults("expired")
    job = await engine.generate(_request(cat))
    assert job.state is JobState.EXPIRED
    assert "expired" in (job.error or "").lower()


@pytest.mark.asyncio
async def test_corrupt_download_is_fetched_again(engine: Engine, server: SimServer, cat) -> None:
    server.set_faults("corrupt:1")
    job = await engine.generate(_request(cat))
    assert job.state is JobState.DONE
    assert sum(1 for r in server.received if r.route == "delivery") >= 2


@pytest.mark.asyncio
async def test_three_damaged_downloads_in_a_row_are_fetched_again(
    engine: Engine, server: SimServer, cat
) -> None:
    server.set_faults("corrupt:3")
    seen: list[str] = []
    engine.subscribe(lambda job: seen.append(job.retrying or ""))
    job = await engine.generate(_request(cat))
    assert job.state is JobState.DONE, job.error
    assert sum(1 for r in server.received if r.route == "delivery") == 4
    assert any("damaged" in text for text in seen)  # the job said what it was retrying through


@pytest.mark.asyncio
async def test_a_download_damaged_until_the_link_dies_fails_keeps_its_task_and_retry_refetches(
    server: SimServer,
    library: Library,
    cat,
) -> None:
    client = _client(server.base_url)
    engine = Engine(client, library, catalog=cat, link_lifetime=0.6)
    try:
        server.set_faults("corrupt:1000")  # every download, for as long as the link lives
        job = await engine.generate(_request(cat))
        assert job.state is JobState.FAILED
        assert "damaged" in (job.error or "") or "incomplete" in (job.error or "")
        assert job.task_id and sum(1 for r in server.received if r.route == "delivery") >= 3
        record = await library.get(job.id)
        assert record is not None and record.file is None and record.task_id == job.task_id
        assert not any(library.images_dir.rglob("*.jpg"))
        # the provider still has the task: retry fetches it again without paying twice
        server.set_faults("")
        submits = sum(1 for r in server.received if r.route == "submit")
        again = await engine.retry(job.id)
        assert again.id == job.id
        job = await engine.wait(job.id)
        assert job.state is JobState.DONE, job.error
        assert sum(1 for r in server.received if r.route == "submit") == submits
    finally:
        await engine.aclose()
        await client.aclose()


@pytest.mark.asyncio
async def test_resume_follows_confirmed_tasks_and_never_resends_the_rest(
    server: SimServer,
    library: Library,
    cat,
) -> None:
    client = _client(server.base_url)
    # an earlier run: one confirmed task, one cut off mid-submit, one never sent
    task = await client.submit(_request(cat, seed=7))
    confirmed = GenerationRecord(
        id="a" * 32,
        provider="cometapi",
        model="flux-pro-1.1",
        request=_request(cat, seed=7),
        created_at=1.0,
    )
    sending = GenerationRecord(
        id="b" * 32, provider="cometapi", model="flux-pro-1.1", request=_request(cat, seed=8), created_at=2.0
    )
    queued = GenerationRecord(
        id="c" * 32, provider="cometapi", model="flux-pro-1.1", request=_request(cat, seed=9), created_at=3.0
    )
    for rec in (confirmed, sending, queued):
        await library.add_job(rec)
    await library.update_job(confirmed.id, status=JobState.PENDING, task_id=task.id, submitted_at=1.5)
    await library.update_job(sending.id, status=JobState.SUBMITTING)
    submits_before = sum(1 for r in server.received if r.route == "submit")

    engine = Engine(client, library, catalog=cat)
    try:
        jobs = {j.id: j for j in await engine.resume()}
        assert set(jobs) == {confirmed.id, sending.id, queued.id}
        done = await engine.wait(confirmed.id)
        assert done.state is JobState.DONE and done.record is not None
        interrupted = await engine.wait(sending.id)
        assert interrupted.state is JobState.INTERRUPTED and "may have reached" in (interrupted.error or "")
        # never sent: sent now, once
        sent = await engine.wait(queued.id)
        assert sent.state is JobState.DONE, sent.error
        assert sum(1 for r in server.received if r.route == "submit") == submits_before + 1
        assert await library.unfinished_jobs() == []
    finally:
        await engine.aclose()
        await client.aclose()


@pytest.mark.asyncio
async def test_resume_of_a_task_the_provider_lost_marks_it_expired(
    server: SimServer, library: Library, cat
) -> None:
    client = _client(server.base_url)
    rec = GenerationRecord(
        id="d" * 32, provider="cometapi", model="flux-pro-1.1", request=_request(cat), created_at=1.0
    )
    await library.add_job(rec)
    await library.update_job(rec.id, status=JobState.PENDING, task_id="no-such-task", submitted_at=1.0)
    engine = Engine(client, library, catalog=cat)
    try:
        (job,) = await engine.resume()
        job = await engine.wait(job.id)
        assert job.state is JobState.EXPIRED
        assert job.error
    finally:
        await engine.aclose()
        await client.aclose()


@pytest.mark.asyncio
async def test_shutdown_leaves_jobs_in_flight_for_the_next_start(
    server: SimServer, library: Library, cat
) -> None:
    server.config.latency = 5.0
    client = _client(server.base_url)
    engine = Engine(client, library, catalog=cat)
    job = engine.enqueue(_request(cat))
    await until(lambda: job.state is JobState.PENDING, timeout=10, what="the submit to be confirmed")
    await engine.aclose()
    await client.aclose()
    (left,) = await library.unfinished_jobs()
    assert left.id == job.id and left.status is JobState.PENDING and left.task_id


@pytest.mark.asyncio
async def test_listener_errors_do_not_break_jobs(engine: Engine, cat) -> None:
    def broken(_: Job) -> None:
        raise RuntimeError("view bug")

    engine.subscribe(broken)
    job = await engine.generate(_request(cat))
    assert job.state is JobState.DONE


@pytest.mark.asyncio
async def test_what_the_provider_charged_and_used_is_recorded(
    server: SimServer, library: Library, cat: Catalog
) -> None:
    """BFL says the cost and megapixels at submit, the prompt and seed it used at Ready: all are kept."""
    client = FluxClient(
        ProviderConfig("bfl", KEY, server.base_url),
        poll=PollPolicy(interval=0.05, max_interval=0.1, deadline=20),
        timeout=5,
    )
    engine = Engine(client, library, catalog=cat)
    try:
        params = {"seed": 7, "width": 1024, "height": 1024, "prompt_upsampling": True}
        flex = build_request(cat, "flux-2-flex", "一只猫", params)
        job = await engine.generate(flex)
    finally:
        await engine.aclose()
        await client.aclose()
    assert job.state is JobState.DONE, job.error
    record = await library.get(job.id)
    assert record is not None
    task = server.tasks()[job.task_id or ""]
    assert record.cost is not None and record.cost > 0 and record.output_mp == 1.0
    assert record.input_mp == 0.0
    assert record.result_prompt and record.rewritten_prompt == record.result_prompt != "一只猫"
    assert record.result_seed == task.seed == 7 and record.provider_seed is None
    assert "cost" not in record.extra
