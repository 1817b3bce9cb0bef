"""Long outages through the client over real sockets, followed with `retry_until` instead of a count of
tries. The simulator's outages run on its clock (`SimConfig.clock`), and every wait of the client moves
that clock on by as much (`ClockSleep`): minutes of outage pass in milliseconds, and no test waits."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator

import httpx
import pytest
from client_sim_helpers import ClockSleep, assert_no_key, make_client, routes, small_request
from sim_helpers import BFL_KEY, SimClock

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.client import LINK_LIFETIME, FluxClient, PollPolicy, RetryPolicy
from fluxdesk.api.errors import NetworkError, ProviderUnavailable, ResultExpired
from fluxdesk.api.retry import backoff_delay
from fluxdesk.sim.server import SimConfig, SimServer

SEED = 20240601
POLICY = RetryPolicy(attempts=3, base_delay=0.5, max_delay=5.0, jitter=0.5)


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def server(clock: SimClock) -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.5, clock=clock)) as sim:
        yield sim


def _client(sim: SimServer, clock: SimClock, provider: str = BFL) -> FluxClient:
    return make_client(
        sim,
        provider,
        sleep=ClockSleep(clock),
        retry=POLICY,
        rng=random.Random(SEED),
        poll=PollPolicy(interval=0.25, max_interval=1.0, deadline=1200.0),
    )


class Waits:
    """The waits `on_retry` announced, in order."""

    def __init__(self) -> None:
        self.seen: list[float] = []

    def __call__(self, reason: str, wait: float) -> None:
        assert reason.endswith(".") and "\n" not in reason
        self.seen.append(wait)


def _expected(count: int) -> list[float]:
    """The waits of `count` failures in a row: the policy's backoff with the same seeded jitter."""
    rng = random.Random(SEED)
    return [backoff_delay(POLICY, failures, rng) for failures in range(1, count + 1)]


def _capped_and_jittered(waits: list[float]) -> None:
    assert waits == pytest.approx(_expected(len(waits)))  # deterministic with a seeded rng
    assert all(0.0 < w <= POLICY.max_delay for w in waits)
    capped = [w for w in waits if w > POLICY.max_delay * (1 - POLICY.jitter) - 1e-9]
    assert len(capped) > 3 and len(set(capped)) > 1  # at the cap, and not in lockstep


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", [BFL, COMETAPI])
@pytest.mark.parametrize("code", ["503", "reset"])
async def test_a_poll_outage_within_retry_until_ends_ready_and_downloaded(
    server: SimServer, clock: SimClock, provider: str, code: str
) -> None:
    waits = Waits()
    async with _client(server, clock, provider) as client:
        task = await client.submit(small_request(provider))
        server.set_faults(f"polloutage:secs=60:code={code}")
        loop = asyncio.get_running_loop()
        status = await client.wait_ready(task, on_retry=waits, retry_until=loop.time() + 180)
        image = await client.download(status.sample_url or "", retry_until=loop.time() + LINK_LIFETIME)
    assert status.is_ready and image.data == server.image_bytes(task.id)
    assert len(waits.seen) > POLICY.attempts  # far past the count of tries a poll gets without it
    assert sum(waits.seen) >= 60
    _capped_and_jittered(waits.seen)
    assert len(routes(server, "submit")) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(("code", "error"), [("503", ProviderUnavailable), ("reset", NetworkError)])
async def test_a_poll_outage_past_retry_until_is_the_typed_error(
    server: SimServer, clock: SimClock, code: str, error: type
) -> None:
    waits = Waits()
    async with _client(server, clock) as client:
        task = await client.submit(small_request(BFL))
        server.set_faults(f"polloutage:secs=600:code={code}")
        loop = asyncio.get_running_loop()
        until = loop.time() + 90
        with pytest.raises(error) as caught:
            await client.wait_ready(task, on_retry=waits, retry_until=until)
    assert sum(waits.seen) <= 90 + 1.0  # stopped at the time given, not after it
    assert sum(waits.seen) + POLICY.max_delay > 90 - POLICY.max_delay  # and not long before it
    _capped_and_jittered(waits.seen)
    assert caught.value.retryable and caught.value.reached_provider is not False
    assert_no_key(caught.value)


@pytest.mark.asyncio
@pytest.mark.parametrize("code", ["503", "reset"])
async def test_a_delivery_outage_within_the_links_life_ends_downloaded(
    server: SimServer, clock: SimClock, code: str
) -> None:
    waits = Waits()
    async with _client(server, clock) as client:
        task = await client.submit(small_request(BFL))
        status = await client.wait_ready(task)
        server.set_faults(f"deliveryoutage:secs=120:code={code}")
        loop = asyncio.get_running_loop()
        image = await client.download(
            status.sample_url or "", on_retry=waits, retry_until=loop.time() + LINK_LIFETIME
        )
    assert image.data == server.image_bytes(task.id) and image.size == (256, 256)
    assert len(waits.seen) > POLICY.attempts and sum(waits.seen) >= 120
    _capped_and_jittered(waits.seen)


@pytest.mark.asyncio
async def test_a_delivery_outage_past_retry_until_is_the_typed_error(
    server: SimServer, clock: SimClock
) -> None:
    waits = Waits()
    async with _client(server, clock) as client:
        status = await client.wait_ready(await client.submit(small_request(BFL)))
        server.set_faults("deliveryoutage:secs=900")
        loop = asyncio.get_running_loop()
        with pytest.raises(ProviderUnavailable, match="image host") as caught:
            await client.download(status.sample_url or "", on_retry=waits, retry_until=loop.time() + 100)
    assert 100 - 2 * POLICY.max_delay < sum(waits.seen) <= 100 + 1.0
    _capped_and_jittered(waits.seen)
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_an_outage_that_outlives_the_link_ends_in_result_expired(
    server: SimServer, clock: SimClock
) -> None:
    """Past the outage the link is dead: the expiry is said plainly, not retried."""
    async with _client(server, clock) as client:
        status = await client.wait_ready(await client.submit(small_request(BFL)))
        server.set_faults("deliveryoutage:secs=620")
        loop = asyncio.get_running_loop()
        with pytest.raises(ResultExpired):
            await client.download(status.sample_url or "", retry_until=loop.time() + 900)
    assert routes(server, "delivery")


def test_an_outage_runs_on_the_simulators_clock() -> None:
    """Frozen, the clock holds an outage however long real time runs; moved on, it ends."""
    clock = SimClock(frozen=True)
    with SimServer(SimConfig(latency=0.1, clock=clock)) as sim, httpx.Client(base_url=sim.base_url) as c:
        sim.set_faults("polloutage:secs=5")

        def poll() -> int:
            return c.get("/v1/get_result", params={"id": "x"}, headers=BFL_KEY).status_code

        assert [poll() for _ in range(3)] == [503, 503, 503]
        clock.advance(4.9)
        assert poll() == 503
        clock.advance(0.2)
        assert poll() == 200
