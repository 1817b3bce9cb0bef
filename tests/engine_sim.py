"""Shared pieces of the engine's tests against the simulator: a fast client, requests, request counts.

(No tests here.)
"""

from __future__ import annotations

from typing import Any

from fluxdesk.api.catalog import Catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.api.retry import PollPolicy, RetryPolicy

KEY = "sk-engine-test-key-4Fh8Qz2Lw7"


def fast_client(base_url: str, *, provider: str = "cometapi", attempts: int = 3) -> FluxClient:
    """A client with short backoff and polling, so outages of a few hundred tries take a second."""
    return FluxClient(
        ProviderConfig(provider, KEY, base_url),
        retry=RetryPolicy(attempts=attempts, base_delay=0.01, max_delay=0.05),
        poll=PollPolicy(interval=0.05, max_interval=0.1, deadline=30),
        timeout=5,
    )


def kite(cat: Catalog, seed: int = 42, prompt: str = "a red kite", **params: Any) -> GenerationRequest:
    params.setdefault("width", 256)
    params.setdefault("height", 256)
    return build_request(cat, "flux-pro-1.1", prompt, {"seed": seed, **params})


def count(sim: Any, route: str) -> int:
    return sum(1 for r in sim.received if r.route == route)


def tasks_for(sim: Any, request: GenerationRequest) -> list[Any]:
    """The simulator's tasks made for this prompt and seed (more than one: it was paid twice)."""
    return [t for t in sim.tasks().values() if t.prompt == request.prompt and t.seed == request.seed]
