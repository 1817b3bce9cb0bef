"""Parameters through the client over real sockets, where the client's catalogue and the simulator's
specification (written apart from the same documentation) must agree: reference counts, output
formats per provider, and what the provider reports it used (the prompt and the seed)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from client_sim_helpers import PROVIDERS, make_client, request_for, routes
from PIL import Image
from sim_helpers import png_b64

from fluxdesk.api.catalog import BFL, COMETAPI, default_catalog
from fluxdesk.api.errors import InvalidRequest
from fluxdesk.api.request import GenerationRequest
from fluxdesk.sim.server import SimConfig, SimServer

PROMPT = "a lighthouse on a cliff"


@pytest.fixture
def server() -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.2)) as sim:
        yield sim


def _references(count: int) -> dict[str, str]:
    colours = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (200, 200, 30), (30, 200, 200), (90, 90, 90)]
    return {
        ("input_image" if i == 1 else f"input_image_{i}"): png_b64((64, 64), colours[i - 1])
        for i in range(1, count + 1)
    }


# ---- reference counts -----------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("model", ["flux-2-klein-4b", "flux-2-klein-9b"])
async def test_klein_with_five_references_is_refused_before_and_by_the_provider(
    server: SimServer, model: str
) -> None:
    with pytest.raises(InvalidRequest) as before:
        request_for(BFL, model, PROMPT, seed=1, **_references(5))
    assert [e.field for e in before.value.errors] == ["input_image_5"]
    assert server.received == []  # refused by the client's validation: nothing was built to send
    forced = GenerationRequest(model, PROMPT, {"seed": 1, **_references(5)})
    async with make_client(server, BFL) as client:
        with pytest.raises(InvalidRequest) as after:
            await client.submit(forced)
    assert [e.field for e in after.value.errors] == ["input_image_5"]
    assert len(routes(server, "submit")) == 1 and server.tasks() == {}
    four = request_for(BFL, model, PROMPT, seed=1, **_references(4))  # the most both sides take
    async with make_client(server, BFL) as client:
        task = await client.submit(four)
    assert set(_references(4)) <= set(server.tasks()[task.id].params)


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_kontext_takes_four_references_at_both_providers(server: SimServer, provider: str) -> None:
    request = request_for(provider, "flux-kontext-pro", "the four of them together", seed=5, **_references(4))
    async with make_client(server, provider) as client:
        task = await client.submit(request)
        status = await client.wait_ready(task)
        image = await client.download(status.sample_url or "")
    sent = json.loads(routes(server, "submit")[0].body)
    assert {"input_image", "input_image_2", "input_image_3", "input_image_4"} <= set(sent)
    assert image.data == server.image_bytes(task.id) and image.format == "png"  # Kontext's default


# ---- output formats -------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "model", [m.id for m in default_catalog().for_provider(BFL) if m.id.startswith("flux-2-")]
)
async def test_webp_at_bfl_is_delivered_as_webp(server: SimServer, model: str) -> None:
    request = request_for(BFL, model, PROMPT, seed=2, width=256, height=192, output_format="webp")
    async with make_client(server, BFL) as client:
        task = await client.submit(request)
        status = await client.wait_ready(task)
        image = await client.download(status.sample_url or "", expected_size=(256, 192))
    assert image.format == "webp" and image.content_type == "image/webp"
    with Image.open(io.BytesIO(image.data)) as decoded:
        decoded.load()
        assert decoded.format == "WEBP" and decoded.size == (256, 192)
    assert image.data == server.image_bytes(task.id)


@pytest.mark.asyncio
async def test_webp_at_cometapi_is_refused_before_sending(server: SimServer) -> None:
    with pytest.raises(InvalidRequest) as before:
        request_for(COMETAPI, "flux-2-pro", PROMPT, seed=2, output_format="webp")
    assert [e.field for e in before.value.errors] == ["output_format"]
    assert "jpeg, png" in str(before.value) and server.received == []
    # and CometAPI's stand-in refuses it too, were it sent anyway
    forced = GenerationRequest("flux-2-pro", PROMPT, {"seed": 2, "output_format": "webp"})
    async with make_client(server, COMETAPI) as client:
        with pytest.raises(InvalidRequest) as after:
            await client.submit(forced)
    assert [e.field for e in after.value.errors] == ["output_format"]


# ---- what the provider used -------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("provider", "model", "params", "rewritten"),
    [
        (BFL, "flux-pro-1.1", {"prompt_upsampling": True, "width": 256, "height": 256}, True),
        (COMETAPI, "flux-dev", {"prompt_upsampling": True, "width": 256, "height": 256}, True),
        (BFL, "flux-pro-1.1", {"width": 256, "height": 256}, False),
        (BFL, "flux-2-pro", {"width": 256, "height": 256}, True),  # rewrites unless told not to
        (COMETAPI, "flux-2-max", {"width": 256, "height": 256}, True),
        (BFL, "flux-2-flex", {"width": 256, "height": 256}, True),  # prompt_upsampling on by default
        (BFL, "flux-2-flex", {"width": 256, "height": 256, "prompt_upsampling": False}, False),
        (BFL, "flux-2-klein-4b", {"width": 256, "height": 256}, False),  # [klein] never rewrites
    ],
)
async def test_the_result_says_the_prompt_and_seed_the_provider_used(
    server: SimServer, provider: str, model: str, params: dict[str, object], rewritten: bool
) -> None:
    request = request_for(provider, model, PROMPT, seed=4242, **params)
    async with make_client(server, provider) as client:
        task = await client.submit(request)
        status = await client.wait_ready(task)
    used = server.tasks()[task.id]
    assert status.result_seed == used.seed == 4242
    assert status.result_prompt == used.result_prompt
    assert (status.result_prompt != request.prompt) is rewritten
    if rewritten:
        assert (status.result_prompt or "").startswith(PROMPT)
    sent = json.loads(routes(server, "submit")[0].body)
    assert "disable_pup" not in sent  # fluxdesk sends neither switch to FLUX.2 [pro]/[max]/[klein]


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_kontext_seed_0_comes_back_as_the_seed_the_provider_drew(
    server: SimServer, provider: str
) -> None:
    async with make_client(server, provider) as client:
        zero = await client.submit(request_for(provider, "flux-kontext-pro", PROMPT, seed=0))
        drawn = await client.wait_ready(zero)
        unset = request_for(provider, "flux-kontext-max", PROMPT)  # left open: the client picks one
        picked = await client.wait_ready(await client.submit(unset))
    assert json.loads(routes(server, "submit")[0].body)["seed"] == 0
    assert drawn.result_seed is not None and drawn.result_seed != 0
    assert drawn.result_seed == server.tasks()[zero.id].seed
    assert unset.seed is not None and unset.seed >= 1 and picked.result_seed == unset.seed
