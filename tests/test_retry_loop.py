"""The retry loop on its own: what is tried again, how often, for how long, and who is told."""

from __future__ import annotations

import asyncio
import random

import pytest

from fluxdesk.api.attempts import Failed, RetryLoop
from fluxdesk.api.errors import InvalidRequest, InvalidResponse, NeverSent, ProviderUnavailable, RateLimited
from fluxdesk.api.retry import RetryPolicy


class NoJitter(random.Random):
    def random(self) -> float:
        return 0.0


class FakeTime:
    """A clock that moves only when the loop sleeps: no real waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def _loop(time: FakeTime, **policy: float) -> RetryLoop:
    return RetryLoop(RetryPolicy(**policy), sleep=time.sleep, clock=time.clock, rng=NoJitter())  # type: ignore[arg-type]


def _failing(*failures: Failed, then: str = "ok"):  # type: ignore[no-untyped-def]
    queue = list(failures)
    calls: list[int] = []

    async def attempt() -> str:
        calls.append(1)
        if queue:
            raise queue.pop(0)
        return then

    return attempt, calls


def _busy() -> Failed:
    text = "Black Forest Labs is having trouble right now (HTTP 503)."
    return Failed(ProviderUnavailable(text, status=503))


def test_each_retry_is_announced_with_its_reason_and_wait() -> None:
    time = FakeTime()
    seen: list[tuple[str, float]] = []
    attempt, _ = _failing(_busy(), Failed(InvalidResponse("The provider sent a web page."), transient=True))
    loop = _loop(time)
    result = asyncio.run(
        loop.run(attempt, idempotent=True, what="poll", on_retry=lambda r, w: seen.append((r, w)))
    )
    assert result == "ok"
    assert seen == [("Black Forest Labs is having trouble right now (HTTP 503).", 0.5),
                    ("The provider sent a web page.", 1.0)]


def test_a_malformed_reply_is_retried_only_where_it_is_safe() -> None:
    time = FakeTime()
    attempt, calls = _failing(Failed(InvalidResponse("bad"), transient=True))
    assert asyncio.run(_loop(time).run(attempt, idempotent=True, what="poll")) == "ok" and len(calls) == 2
    attempt, calls = _failing(Failed(InvalidResponse("bad")))  # not marked transient: final
    with pytest.raises(InvalidResponse):
        asyncio.run(_loop(time).run(attempt, idempotent=True, what="poll"))
    assert len(calls) == 1


def test_a_submit_is_retried_only_when_unsent_or_refused() -> None:
    time = FakeTime()
    attempt, calls = _failing(_busy())
    with pytest.raises(ProviderUnavailable):
        asyncio.run(_loop(time).run(attempt, idempotent=False, what="submit", retry_until=time.now + 600))
    assert len(calls) == 1
    attempt, calls = _failing(Failed(NeverSent("Could not connect."), unsent=True), Failed(RateLimited()))
    assert asyncio.run(_loop(time).run(attempt, idempotent=False, what="submit")) == "ok" and len(calls) == 3
    attempt, calls = _failing(Failed(InvalidRequest("no")))
    with pytest.raises(InvalidRequest):
        asyncio.run(_loop(time).run(attempt, idempotent=True, what="poll"))


def test_retry_until_replaces_the_count_with_a_time() -> None:
    time = FakeTime()
    attempt, calls = _failing(*(_busy() for _ in range(12)))
    start = time.now
    result = asyncio.run(
        _loop(time, attempts=3, max_delay=4.0).run(
            attempt, idempotent=True, what="poll", retry_until=start + 60
        )
    )
    assert result == "ok" and len(calls) == 13 and max(time.waits) == 4.0


def test_retry_until_gives_up_when_the_next_wait_would_pass_it() -> None:
    time = FakeTime()
    attempt, _ = _failing(*(_busy() for _ in range(50)))
    start = time.now
    with pytest.raises(ProviderUnavailable):
        asyncio.run(
            _loop(time, max_delay=4.0).run(attempt, idempotent=True, what="download", retry_until=start + 20)
        )
    assert time.now <= start + 20 and sum(time.waits) <= 20
    assert time.now + 4.0 > start + 20  # it stopped only because another wait would not fit


def test_a_long_retry_after_is_waited_out_within_the_deadline_only() -> None:
    time = FakeTime()
    attempt, _ = _failing(Failed(RateLimited(retry_after=45.0), retry_after=45.0))
    assert asyncio.run(
        _loop(time, max_delay=5.0).run(attempt, idempotent=True, what="poll", retry_until=time.now + 120)
    ) == "ok"
    assert time.waits == [45.0]
    time = FakeTime()
    attempt, _ = _failing(Failed(RateLimited(retry_after=45.0), retry_after=45.0))
    with pytest.raises(RateLimited):  # without a deadline, beyond the policy: the caller decides
        asyncio.run(_loop(time, max_delay=5.0).run(attempt, idempotent=True, what="poll"))
    assert time.waits == []


def test_a_broken_listener_does_not_end_the_retries() -> None:
    time = FakeTime()
    attempt, _ = _failing(_busy())

    def listener(reason: str, wait: float) -> None:
        raise RuntimeError("listener bug")

    assert asyncio.run(_loop(time).run(attempt, idempotent=True, what="poll", on_retry=listener)) == "ok"


def test_fake_sleep_without_a_moving_clock_still_reaches_the_deadline() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    loop = RetryLoop(RetryPolicy(max_delay=2.0), sleep=sleep, clock=lambda: 0.0, rng=NoJitter())
    attempt, _ = _failing(*(_busy() for _ in range(100)))
    with pytest.raises(ProviderUnavailable):
        asyncio.run(loop.run(attempt, idempotent=True, what="poll", retry_until=10.0))
    assert sum(waits) <= 10.0
