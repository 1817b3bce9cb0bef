"""The client's catalogue against the simulator's own spec, through the real FluxClient over sockets.

A catalogue mistake (a range wider than the provider's) must come back as the provider's refusal; and
every default, minimum, maximum and choice the real catalogue allows must be accepted. Where today's
catalogue allows something the providers' specifications refuse, the case is an expected failure
naming the catalogue fix it needs (strict: it turns red once the catalogue is fixed, so the mark goes).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import io
import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from fluxdesk.api.catalog import BFL, COMETAPI, Catalog, Kind, ModelSpec, default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.api.errors import InvalidRequest
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import build_request
from fluxdesk.sim.server import SimConfig, SimServer
from fluxdesk.sim.spec import ProviderSpec

KEY = "sk-catalogue-check"
SPEC = ProviderSpec()


def _png(size: tuple[int, int] = (256, 256)) -> str:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 60, 30)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


IMAGE = _png()

# Today's gaps: (model, provider or None for both) -> the catalogue fix each needs (none left).
KNOWN_GAPS: dict[tuple[str, str | None], str] = {}
# Gaps the catalogue may grow into: (param, value, provider) -> the fix; reported as xfail, not hidden.
ANTICIPATED = {
    ("output_format", "webp", COMETAPI): "catalogue offers webp on CometAPI, which documents jpeg/png"
}


@pytest.fixture(scope="module")
def sim() -> Iterator[SimServer]:
    config = SimConfig(latency=0.0, max_active=1_000_000, prerender=False, retry_after=0.01)
    with SimServer(config) as server:
        yield server


def _client(sim: SimServer, provider: str) -> FluxClient:
    return FluxClient(ProviderConfig(provider, KEY, sim.base_url), rng=random.Random(0))


def _base(model: ModelSpec, skip: str = "") -> dict[str, Any]:
    """What the model needs besides the catalogue's defaults: its required images (and one expand side)."""
    values: dict[str, Any] = {p.name: IMAGE for p in model.params if p.kind is Kind.IMAGE and p.required}
    if model.id == "flux-pro-1.0-expand":
        values["bottom" if skip == "top" else "top"] = 64
    return values


def _cases(model: ModelSpec) -> list[tuple[str, dict[str, Any]]]:
    """The defaults, then every minimum, maximum and choice, one parameter at a time."""
    cases: list[tuple[str, dict[str, Any]]] = [("defaults", _base(model))]
    for p in model.params:
        if p.name in ("prompt", "seed"):
            continue
        values: list[Any] = []
        if p.kind in (Kind.INT, Kind.FLOAT):
            values = [v for v in (p.minimum, p.maximum) if v is not None]
            values = [int(v) if p.kind is Kind.INT else v for v in values]
        elif p.kind in (Kind.CHOICE, Kind.ASPECT_RATIO):
            values = list(p.choices)
        elif p.kind is Kind.BOOL:
            values = [True, False]
        elif p.kind is Kind.IMAGE and not p.required:
            values = [IMAGE]
        for value in values:
            cases.append((f"{p.name}={value}", {**_base(model, skip=p.name), p.name: value}))
    return cases


async def _refusals(sim: SimServer, provider: str, model: ModelSpec, catalog: Catalog) -> list[str]:
    refused = []
    async with _client(sim, provider) as client:
        for name, params in _cases(model):
            try:
                request = build_request(catalog, model.id, f"a test of {name}", params)
            except InvalidRequest:  # the catalogue itself refuses the combination: nothing to send
                continue
            try:
                await client.submit(request)
            except InvalidRequest as exc:
                refused.append(f"{name}: {exc}")
    return refused


def _params() -> list[Any]:
    out = []
    for model in default_catalog():
        for provider in sorted(model.providers):  # only where the catalogue says the provider sells it
            reason = KNOWN_GAPS.get((model.id, provider)) or KNOWN_GAPS.get((model.id, None))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(model.id, provider, id=f"{model.id}-{provider}", marks=marks))
    return out


@pytest.mark.parametrize(("model_id", "provider"), _params())
def test_every_catalogue_default_and_bound_is_accepted(sim: SimServer, model_id: str, provider: str) -> None:
    # what the client validates against for this provider: its own choices (CometAPI: no webp)
    catalog = default_catalog().for_provider(provider)
    model = catalog.get(model_id)
    if model_id not in SPEC:
        pytest.skip(f"the simulator's spec does not know {model_id} yet")
    if SPEC.get(model_id, provider) is None:
        pytest.xfail(f"catalogue offers {model_id} on {provider}, which documents no such endpoint")
    refused = asyncio.run(_refusals(sim, provider, model, catalog))
    anticipated = [
        r
        for (param, value, where), r in ANTICIPATED.items()
        if where == provider and any(x.startswith(f"{param}={value}:") for x in refused)
    ]
    unexplained = [
        x for x in refused if not any(x.startswith(f"{p}={v}:") for (p, v, w) in ANTICIPATED if w == provider)
    ]
    assert not unexplained, unexplained
    if anticipated:
        pytest.xfail("; ".join(anticipated))


def _with_wider_width(catalog: Catalog) -> Catalog:
    models = []
    for model in catalog:
        if model.id == "flux-pro-1.1":
            params = tuple(
                dataclasses.replace(p, maximum=2048) if p.name == "width" else p for p in model.params
            )
            model = dataclasses.replace(model, params=params)
        models.append(model)
    return Catalog(models)


@pytest.mark.parametrize("provider", [COMETAPI, BFL])
def test_a_catalogue_mistake_is_caught_with_the_providers_words(sim: SimServer, provider: str) -> None:
    wrong = _with_wider_width(default_catalog())
    request = build_request(wrong, "flux-pro-1.1", "a wide panorama", {"width": 2048, "height": 768})

    async def send() -> InvalidRequest:
        async with _client(sim, provider) as client:
            with pytest.raises(InvalidRequest) as caught:
                await client.submit(request)
            return caught.value

    error = asyncio.run(send())
    assert error.for_field("width"), error.errors
    assert "Input should be less than or equal to 1440" in str(error)
    sent = [json.loads(r.body) for r in sim.received if r.route == "submit" and b"a wide panorama" in r.body]
    assert sent and all(body["width"] == 2048 for body in sent)  # the bad value did go out


def test_an_expansion_by_nothing_is_refused_before_sending(sim: SimServer) -> None:
    """The provider needs one side > 0; the catalogue's defaults are all 0, so validation says so first."""
    catalog = default_catalog()
    with pytest.raises(InvalidRequest) as caught:
        build_request(catalog, "flux-pro-1.0-expand", "", {"image": IMAGE})
    assert caught.value.for_field("top")
    request = build_request(catalog, "flux-pro-1.0-expand", "", {"image": IMAGE, "left": 64})

    async def send() -> None:
        async with _client(sim, BFL) as client:
            await client.submit(request)

    asyncio.run(send())
