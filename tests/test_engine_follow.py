"""A confirmed task is followed through trouble until it is saved, over real sockets to the simulator:
outages, 5xx, resets, malformed replies, damaged downloads, 429s. Only when the result can no longer be
fetched does the job fail, keeping its task id, and Retry then re-fetches it without paying again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_sim import count, fast_client, kite, tasks_for

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.engine import Engine, Job
from fluxdesk.library.library import Library
from fluxdesk.library.records import JobState
from fluxdesk.sim.server import SimConfig, SimServer

pytestmark = pytest.mark.asyncio


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimServer]:
    server = SimServer(SimConfig(latency=0.2))
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


@pytest_asyncio.fixture
async def engine(client: FluxClient, library: Library, cat: Catalog) -> AsyncIterator[Engine]:
    eng = Engine(client, library, catalog=cat)
    yield eng
    await eng.aclose()


def said(engine: Engine) -> list[str]:
    """Every `retrying` sentence the engine's jobs showed, in order."""
    seen: list[str] = []

    def note(job: Job) -> None:
        if job.retrying and (not seen or seen[-1] != job.retrying):
            seen.append(job.retrying)

    engine.subscribe(note)
    return seen


@pytest.mark.parametrize(
    "faults",
    [
        "poll502:10",  # the poll outage that failed paid tasks
        "polloutage:secs=1.5:code=502",
        "poll503:4, pollreset:4, pollhtml:3, pollbadjson:3, pollnostatus:3, pollempty:2",
        "delivery500:10",  # the delivery outage that failed paid tasks
        "deliveryoutage:secs=1.5:code=reset",
        "truncated:3",
        "cutoff:3",
        "corrupt:4",
        "delivery429:4:retry=0.05",
    ],
)
async def test_a_confirmed_task_is_followed_through_trouble_until_it_is_saved(
    engine: Engine, sim: SimServer, library: Library, cat: Catalog, faults: str
) -> None:
    retrying = said(engine)
    request = kite(cat)
    job = engine.enqueue(request)
    sim.set_faults(faults)  # every one on the polls or the downloads: after the task is confirmed
    job = await engine.wait(job.id)
    assert job.state is JobState.DONE, job.error
    record = await library.get(job.id)
    assert record is not None and record.file and library.path_of(record).is_file()  # type: ignore[union-attr]
    assert retrying, "the job never said what it was retrying through"
    assert len(tasks_for(sim, request)) == 1 and count(sim, "submit") == 1  # never paid twice


async def test_429_refusals_of_the_submit_are_tried_again_and_paid_once(
    engine: Engine, sim: SimServer, cat: Catalog
) -> None:
    """429 is a refusal (no task made): past the client's own tries the engine keeps it queued and tries
    again, saying why."""
    sim.set_faults("submit429:6:retry=0.02")
    retrying = said(engine)
    states: list[JobState] = []
    engine.subscribe(lambda j: states.append(j.state))
    request = kite(cat, 5)
    job = await engine.generate(request)
    assert job.state is JobState.DONE, job.error
    assert count(sim, "submit") == 7 and len(tasks_for(sim, request)) == 1
    assert any("busy" in text or "too many" in text for text in retrying)
    assert JobState.QUEUED in states[states.index(JobState.SUBMITTING):]  # back in the queue meanwhile


async def test_a_poll_outage_past_the_link_lifetime_fails_with_the_task_id_and_retry_refetches(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    engine = Engine(client, library, catalog=cat, link_lifetime=0.5)
    try:
        job = engine.enqueue(kite(cat, 9))
        sim.set_faults("poll502:100000")
        job = await engine.wait(job.id)
        assert job.state is JobState.FAILED and job.task_id
        assert "502" in (job.error or "")
        record = await library.get(job.id)
        assert record is not None and record.task_id == job.task_id and record.owner is None
        sim.set_faults("")  # the outage is over
        submits = count(sim, "submit")
        again = await engine.retry(job.id)
        assert again.id == job.id and again.task_id == job.task_id
        job = await engine.wait(job.id)
        assert job.state is JobState.DONE, job.error
        assert count(sim, "submit") == submits  # re-fetched, never re-submitted
    finally:
        await engine.aclose()


async def test_a_submit_that_never_connected_is_unsent_and_sent_at_the_next_start(
    sim: SimServer, library: Library, cat: Catalog
) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    offline = fast_client(dead)
    first = Engine(offline, library, catalog=cat)
    request = kite(cat, 11)
    try:
        job = await first.generate(request)
    finally:
        await first.aclose()
        await offline.aclose()
    assert job.state is JobState.UNSENT
    # the client's sentence says it was never sent; the engine adds none of its own
    assert job.error and job.error.endswith("; the request was not sent, so nothing was charged.")
    assert ". " not in job.error  # one sentence
    assert [r.id for r in await library.unfinished_jobs()] == [job.id]
    online = fast_client(sim.base_url)
    second = Engine(online, library, catalog=cat)
    try:
        (resumed,) = await second.resume()
        done = await second.wait(resumed.id)
        assert done.state is JobState.DONE, done.error
        assert len(tasks_for(sim, request)) == 1
    finally:
        await second.aclose()
        await online.aclose()


async def test_an_expired_link_ends_expired_without_a_second_submit(
    engine: Engine, sim: SimServer, cat
) -> None:
    sim.set_faults("expired")
    job = await engine.generate(kite(cat, 3))
    assert job.state is JobState.EXPIRED and job.task_id
    assert count(sim, "submit") == 1


async def test_a_task_the_provider_lost_ends_expired(engine: Engine, sim: SimServer, cat) -> None:
    sim.set_faults("notfound")
    job = await engine.generate(kite(cat, 4))
    assert job.state is JobState.EXPIRED and job.task_id


async def test_bfl_polling_urls_are_followed_through_an_outage(sim: SimServer, library: Library, cat) -> None:
    client = FluxClient(
        ProviderConfig("bfl", "bfl-key-8Jd2Kq5Lx9", sim.base_url),
        retry=fast_client(sim.base_url).retry,
        poll=fast_client(sim.base_url).poll,
    )
    engine = Engine(client, library, catalog=cat)
    try:
        job = engine.enqueue(kite(cat, 6))
        sim.set_faults("poll500:8")
        job = await engine.wait(job.id)
        assert job.state is JobState.DONE, job.error
    finally:
        await engine.aclose()
        await client.aclose()
