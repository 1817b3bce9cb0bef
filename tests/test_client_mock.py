"""Reply shapes the simulator cannot produce (it serves one loopback host, no TLS): httpx's MockTransport.

Everything else is tested against the simulator over real sockets (test_client_sim.py).
"""

from __future__ import annotations

import asyncio
import json
import random

import httpx
import pytest

from fluxdesk.api.catalog import BFL
from fluxdesk.api.client import FluxClient, PollPolicy, RetryPolicy
from fluxdesk.api.errors import InvalidResponse
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest

KEY = "sk-mock-SECRET-a1b2c3d4e5f6"
REGIONAL = "https://api.eu2.bfl.ai/v1/get_result?id=t-9"


class NoJitter(random.Random):
    def random(self) -> float:
        return 0.0


def _client(handler, waits: list[float]) -> FluxClient:  # type: ignore[no-untyped-def]
    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    return FluxClient(
        ProviderConfig(BFL, KEY),
        transport=httpx.MockTransport(handler),
        sleep=sleep,
        rng=NoJitter(),
        poll=PollPolicy(interval=0.01, max_interval=0.01, deadline=5.0),
        retry=RetryPolicy(max_delay=10.0),
    )


def test_a_polling_url_on_a_numbered_region_is_followed_with_the_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "POST":
            return httpx.Response(200, json={"id": "t-9", "polling_url": REGIONAL, "cost": 3.0,
                                             "input_mp": 0.0, "output_mp": 1.0})
        return httpx.Response(200, json={"id": "t-9", "status": "Ready",
                                         "result": {"sample": "https://delivery-eu.bfl.ai/x.png", "seed": 5}})

    async def run() -> None:
        waits: list[float] = []
        async with _client(handler, waits) as client:
            task = await client.submit(GenerationRequest("flux-2-pro", "a kite", {"seed": 5}))
            status = await client.wait_ready(task)
        assert status.result_seed == 5 and task.cost == 3.0

    asyncio.run(run())
    poll = [r for r in seen if r.method == "GET"]
    assert poll and all(str(r.url) == REGIONAL and r.headers.get("x-key") == KEY for r in poll)
    assert seen[0].url.host == "api.bfl.ai"


def test_a_pause_asked_for_in_the_body_only_is_honoured() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(429, content=json.dumps({"detail": "busy", "retry_after": 4}).encode())
        return httpx.Response(200, json={"id": "t-1"})

    async def run() -> list[float]:
        waits: list[float] = []
        async with _client(handler, waits) as client:
            task = await client.submit(GenerationRequest("flux-dev", "a kite", {"seed": 1}))
        assert task.polling_url is None
        return waits

    assert asyncio.run(run()) == [4.0]


@pytest.mark.parametrize("target", ["https://api.us3.bfl.ai/v1/get_result?id=t", "https://api.bfl.ai/v1/get_result?id=t"])
def test_no_redirect_is_followed_with_the_key(target: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "POST":
            return httpx.Response(200, json={"id": "t", "polling_url": target})
        return httpx.Response(302, headers={"location": "https://evil.example/steal"})

    async def run() -> None:
        waits: list[float] = []
        async with _client(handler, waits) as client:
            task = await client.submit(GenerationRequest("flux-dev", "a kite", {"seed": 1}))
            with pytest.raises(InvalidResponse, match="redirect"):
                await client.wait_ready(task, poll_now=True)

    asyncio.run(run())
    assert all(r.url.host != "evil.example" for r in seen)


def test_at_most_downloads_at_once_delivery_links_are_fetched_together() -> None:
    """A batch's images come one handful at a time: the loop is not flooded by every body at once."""
    in_flight, most = 0, 0
    release = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        try:
            if in_flight >= 3:
                release.set()
            await release.wait()
            return httpx.Response(404, text="gone")  # what the bodies are does not matter here
        finally:
            in_flight -= 1

    async def run() -> None:
        client = FluxClient(ProviderConfig(BFL, KEY), transport=httpx.MockTransport(handler),
                            downloads_at_once=3, retry=RetryPolicy(attempts=1))
        async with client:
            results = await asyncio.gather(
                *(client.download(f"https://delivery-eu.bfl.ai/{i}.png") for i in range(9)),
                return_exceptions=True,
            )
        assert len(results) == 9 and all(isinstance(r, Exception) for r in results)

    asyncio.run(run())
    assert most == 3
