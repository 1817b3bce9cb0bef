"""Money through the client over real sockets: BFL's balance (GET /v1/credits), what a task is charged,
CometAPI's missing balance, and the estimate (api/pricing.py) against what the simulator charges.

The simulator's price table (sim/money.py) and the client's (api/pricing.py) were written apart from
the same public prices, so a difference between them means one of them is wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from client_sim_helpers import KEY, assert_no_key, make_client, request_for, routes
from sim_helpers import SimClock, png_b64

from fluxdesk.api.catalog import BFL, COMETAPI, default_catalog
from fluxdesk.api.errors import ContentModerated, NotSupported, RequestModerated
from fluxdesk.api.pricing import estimate
from fluxdesk.sim.server import SimConfig, SimServer

START = 500.0
DOCS = Path(__file__).resolve().parents[1] / "docs" / "providers.md"


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def server(clock: SimClock) -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.2, credits=START, clock=clock)) as sim:
        yield sim


# ---- BFL's balance ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_bfl_balance_is_read_with_the_key_and_goes_down_by_the_charged_cost(server: SimServer) -> None:
    async with make_client(server, BFL) as client:
        before = await client.credits()
        task = await client.submit(request_for(BFL, "flux-pro-1.1", width=512, height=512, seed=3))
        await client.wait_ready(task)
        after = await client.credits()
    assert before.credits == START and before.usd == START / 100
    assert task.cost == 4.0 and after.credits == pytest.approx(START - task.cost)
    balance = routes(server, "credits")
    assert [r.path for r in balance] == ["/v1/credits", "/v1/credits"]
    assert all(r.method == "GET" and r.headers.get("x-key") == KEY for r in balance)
    assert all("authorization" not in r.headers for r in balance)


@pytest.mark.asyncio
async def test_a_moderated_task_is_not_charged(server: SimServer, clock: SimClock) -> None:
    async with make_client(server, BFL) as client:
        refused = await client.submit(request_for(BFL, "flux-dev", "a [moderate-request] cat", seed=1))
        with pytest.raises(RequestModerated):
            await client.wait_ready(refused)
        assert (await client.credits()).credits == START
        flagged = await client.submit(request_for(BFL, "flux-dev", "a [moderate-content] cat", seed=1))
        assert (await client.credits()).credits == START - 2.5  # held while it runs
        clock.advance(1.0)  # past the latency: the task ends withheld, and the hold is given back
        with pytest.raises(ContentModerated):
            await client.wait_ready(flagged, poll_now=True)
        assert (await client.credits()).credits == START


@pytest.mark.asyncio
async def test_cometapi_has_no_balance_and_nothing_is_sent(server: SimServer) -> None:
    async with make_client(server, COMETAPI) as client:
        with pytest.raises(NotSupported) as caught:
            await client.credits()
    assert str(caught.value).count(".") == 1 and "CometAPI" in str(caught.value)
    assert caught.value.reached_provider is False
    assert server.received == [] and client.request_count == 0
    assert_no_key(caught.value)


# ---- the estimate against the charge --------------------------------------------------------------

#: requests that make every model at BFL deliver, at a few sizes (FLUX.2: one, several and four
#: output megapixels, edits that match their input or set their own size)
_FLAT_SIZES = ({"width": 1024, "height": 768}, {"width": 1440, "height": 1440}, {"width": 256, "height": 256})
_FLUX2_SIZES: tuple[dict[str, Any], ...] = (
    {"width": 1024, "height": 1024},
    {"width": 1440, "height": 1440},  # 1.98 MP: as a published reply, 3 + 1 x 1.5 at [pro]
    {"width": 2048, "height": 2048},
    {"width": 512, "height": 512},
    {"width": 1536, "height": 1024},
    {"input_image": "1024x1024"},  # an edit left open: the input's size
    {"input_image": "512x512", "width": 1024, "height": 1024},
    {"input_image": "1024x512", "input_image_2": "512x512", "width": 2048, "height": 1024},
)


def _with_images(params: dict[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for name, value in params.items():
        if isinstance(value, str) and re.fullmatch(r"\d+x\d+", value):
            w, h = (int(v) for v in value.split("x"))
            out[name] = png_b64((w, h))
    return out


def _cases() -> Iterator[tuple[str, dict[str, Any]]]:
    for spec in default_catalog().for_provider(BFL):
        if spec.id.startswith("flux-2-"):
            variants: tuple[dict[str, Any], ...] = _FLUX2_SIZES
        elif spec.has_free_size:
            variants = _FLAT_SIZES
        elif spec.id == "flux-pro-1.1-ultra":
            variants = ({"aspect_ratio": "16:9"}, {"aspect_ratio": "1:1", "raw": True})
        elif spec.id.startswith("flux-kontext"):
            variants = ({}, {"input_image": "1024x1024", "aspect_ratio": "4:3"})
        elif spec.id.endswith("-fill"):
            variants = ({"image": "512x512"}, {"image": "1024x1024"})
        elif spec.id.endswith("-expand"):
            variants = ({"image": "512x512", "top": 256},)
        else:  # canny, depth
            variants = ({"control_image": "512x512"},)
        for params in variants:
            yield spec.id, params


def _unknown_in_the_docs() -> set[str]:
    """The models docs/providers.md says have no published price (its Money table names them by id,
    or by the suffix after flux-pro-1.0)."""
    row = next(line for line in DOCS.read_text().splitlines() if "no published price found" in line)
    names = re.findall(r"`([^`]+)`", row.split("|")[1])
    ids = default_catalog().ids
    found = {name for name in names if name in ids}
    found |= {i for name in names if name.startswith("-") for i in ids if i.endswith(name)}
    assert len(found) == len(names), (names, found)
    return found


@pytest.mark.asyncio
async def test_the_estimate_is_what_the_simulator_charges() -> None:
    catalog = default_catalog().for_provider(BFL)
    unknown = _unknown_in_the_docs()
    seen: set[str] = set()
    with SimServer(SimConfig(latency=30.0, max_active=100)) as sim:
        async with make_client(sim, BFL) as client:
            for model, params in _cases():
                request = request_for(BFL, model, "a lighthouse", seed=11, **_with_images(params))
                task = await client.submit(request)
                price = estimate([request], BFL).per_request[0]
                seen.add(model)
                assert task.cost is not None, (model, params)
                if model in unknown:
                    assert price is None, (model, params)
                    continue
                assert price is not None, f"{model}: no estimate, but docs/providers.md gives a price"
                assert price == pytest.approx(task.cost, abs=0.011), (model, params, task.raw)
    assert seen == set(catalog.ids)


@pytest.mark.asyncio
async def test_an_output_just_over_a_megapixel_is_never_estimated_below_the_charge() -> None:
    """Whether BFL counts a started megapixel from the exact pixels or from its two-decimal output_mp
    is open (docs/providers.md); 656x1600 is 1.001 MP, where the two readings part. The estimate takes
    the dearer one, so a budget is never passed by surprise."""
    request = request_for(BFL, "flux-2-pro", "a lighthouse", seed=11, width=656, height=1600)
    with SimServer(SimConfig(latency=30.0)) as sim:
        async with make_client(sim, BFL) as client:
            task = await client.submit(request)
    price = estimate([request], BFL).per_request[0]
    assert task.cost is not None and price is not None and price >= task.cost
    assert price in (3.0, 4.5) and task.cost in (3.0, 4.5)
