"""BFL's official Python client (the `blackforest` package, unmodified) against the simulator.

Its published version (0.1.3) is synchronous; "sync" is its ClientConfig(sync=True) mode (it polls
until Ready), "async" its default mode (submit returns id + polling_url, then `get_polling_result`).
It knows FLUX.1, Kontext [pro] and the tools, and refuses FLUX.2 and Kontext [max] by itself, before
sending anything: that is checked too. The package pins Pillow 10.4.0, so the Makefile installs it
without dependencies (pydantic and requests come with the test extras).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from sim_helpers import png_b64

from fluxdesk.sim.server import SimConfig, SimServer

blackforest = pytest.importorskip(
    "blackforest", reason="BFL's official client (pip package blackforest) is absent"
)
from blackforest.types.general.client_config import ClientConfig  # noqa: E402

KEY = "bfl-official-client-key"
IMAGE = png_b64((256, 256))
CASES: dict[str, tuple[dict[str, Any], tuple[int, int]]] = {
    "flux-pro-1.1": ({"prompt": "a red fox", "width": 512, "height": 384, "seed": 1}, (512, 384)),
    "flux-pro-1.1-ultra": ({"prompt": "a red fox", "aspect_ratio": "1:1", "raw": True}, (2048, 2048)),
    "flux-dev": ({"prompt": "a red fox", "steps": 20, "guidance": 3.5}, (1024, 768)),
    "flux-pro": ({"prompt": "a red fox", "interval": 2.5}, (1024, 768)),
    "flux-kontext-pro": ({"prompt": "make it snow", "input_image": IMAGE}, (1024, 1024)),
    "flux-pro-1.0-fill": (
        {"prompt": "a window", "image": IMAGE, "mask": png_b64((256, 256), (255, 255, 255))},
        (256, 256),
    ),
    "flux-pro-1.0-expand": ({"prompt": "more sky", "image": IMAGE, "top": 64}, (256, 320)),
    "flux-pro-1.0-canny": ({"prompt": "a house", "control_image": IMAGE}, (256, 256)),
    "flux-pro-1.0-depth": ({"prompt": "a house", "control_image": IMAGE}, (256, 256)),
}


@pytest.fixture(scope="module")
def sim() -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.15, max_active=1000, valid_keys=frozenset({KEY}))) as server:
        yield server


def _size(url: str) -> tuple[int, int]:
    import httpx

    with Image.open(io.BytesIO(httpx.get(url, timeout=10).content)) as image:
        return image.size


def test_the_client_knows_what_the_table_expects() -> None:
    known = set(blackforest.BFLClient.model_input_registry)
    assert known == set(CASES), known ^ set(CASES)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("model", sorted(CASES))
def test_the_official_client_runs_unmodified(sim: SimServer, model: str, mode: str) -> None:
    inputs, size = CASES[model]
    sim.clear_received()  # the module's simulator: only this test's requests (tests run in random order)
    client = blackforest.BFLClient(api_key=KEY, base_url=sim.base_url, timeout=10)
    config = ClientConfig(sync=mode == "sync", polling_interval=0.1, max_retries=200, timeout=20)
    response = client.generate(model, dict(inputs), config)
    if mode == "sync":
        result = response.result
    else:
        assert response.polling_url.startswith(f"{sim.base_url}/v1/get_result?id=")
        result = client.get_polling_result(response.id, config)
    assert _size(result["sample"]) == size
    task = sim.tasks()[response.id]
    assert task.model == model and task.status == "Ready"
    # this test's own submit (the last to this model: another test may have sent a wrong key before)
    submit = [r for r in sim.received if r.route == "submit" and r.path == f"/v1/{model}"][-1]
    assert submit.headers["x-key"] == KEY


def test_it_refuses_flux2_and_kontext_max_before_sending(sim: SimServer) -> None:
    client = blackforest.BFLClient(api_key=KEY, base_url=sim.base_url)
    before = len(sim.received)
    for model in ("flux-2-pro", "flux-2-klein-4b", "flux-kontext-max"):
        with pytest.raises(blackforest.BFLError, match="not supported"):
            client.generate(model, {"prompt": "x"})
    assert len(sim.received) == before


def test_a_wrong_key_is_an_error_from_the_provider(sim: SimServer) -> None:
    client = blackforest.BFLClient(api_key="wrong", base_url=sim.base_url)
    with pytest.raises(blackforest.BFLError, match="403"):
        client.generate("flux-dev", {"prompt": "x"})
