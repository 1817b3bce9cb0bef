"""Shared pieces of the client-against-simulator tests: a client on the simulator, recorded waits, a
sleep that moves the simulator's clock, and the one check that no text carries the key."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from typing import Any, TypeVar

from sim_helpers import SimClock

from fluxdesk.api.catalog import BFL, COMETAPI, default_catalog
from fluxdesk.api.client import FluxClient, PollPolicy
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.sim.server import ReceivedRequest, SimServer

KEY = "sk-sim-SECRET-5d4c3b2a19f8e7d6"
PROVIDERS = [COMETAPI, BFL]
T = TypeVar("T")


class RecordingSleep:
    """Records every wait; sleeps for real only a sliver of it (`scale`, at most `cap`)."""

    def __init__(self, scale: float = 0.0, cap: float = 0.05) -> None:
        self.delays: list[float] = []
        self.scale = scale
        self.cap = cap

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(min(seconds * self.scale, self.cap) if self.scale else 0)


class ClockSleep(RecordingSleep):
    """Every wait moves the simulator's clock on by as much, and yields without waiting: minutes of
    retries pass in milliseconds, on both sides' clocks (the client counts its waits as time passed)."""

    def __init__(self, clock: SimClock) -> None:
        super().__init__()
        self.clock = clock

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.clock.advance(seconds)
        await asyncio.sleep(0)


class NoJitter(random.Random):
    def random(self) -> float:
        return 0.0


def make_client(
    sim: SimServer,
    provider: str = COMETAPI,
    *,
    key: str = KEY,
    sleep: RecordingSleep | None = None,
    base_url: str | None = None,
    **kw: Any,
) -> FluxClient:
    kw.setdefault("poll", PollPolicy(interval=0.05, max_interval=0.1, deadline=20.0))
    kw.setdefault("rng", NoJitter())
    return FluxClient(
        ProviderConfig(provider, key, base_url or sim.base_url),
        sleep=sleep or RecordingSleep(scale=1.0, cap=0.1),
        **kw,
    )


def request_for(
    provider: str, model: str, prompt: str = "a red fox in snow", **params: Any
) -> GenerationRequest:
    """A request validated as the fronts validate it: against that provider's view of the catalogue."""
    return build_request(default_catalog().for_provider(provider), model, prompt, params)


def small_request(
    provider: str = COMETAPI, prompt: str = "a red fox in snow", **params: Any
) -> GenerationRequest:
    values = {"width": 256, "height": 256, "seed": 7, "output_format": "png", **params}
    return request_for(provider, "flux-pro-1.1", prompt, **values)


def routes(sim: SimServer, route: str) -> list[ReceivedRequest]:
    return [r for r in sim.received if r.route == route]


def assert_no_key(exc: BaseException, key: str = KEY) -> None:
    """Neither the sentence, nor the details, nor a field message holds the key; one line."""
    texts = [str(exc), repr(exc), str(getattr(exc, "details", "") or ""), repr(exc.args)]
    texts.extend(field.message for field in getattr(exc, "errors", []) or [])
    assert not any(key in t for t in texts), texts
    assert "\n" not in str(exc)


async def eventually(condition: Callable[[], T | None], timeout: float = 5.0, step: float = 0.02) -> T:
    """The first truthy value of `condition()`, polled without blocking the loop; fails after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = condition()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(step)
