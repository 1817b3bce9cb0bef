"""Editing models over real sockets: results derived from their inputs, at the sizes the API returns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image
from sim_helpers import BFL_KEY, decode, image_b64, png_b64, ready_image

from fluxdesk.sim.server import SimConfig, SimServer

RED = (220, 20, 20)
GREEN = (20, 200, 40)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with SimServer(SimConfig(latency=0.02, max_active=1000)) as sim, httpx.Client(base_url=sim.base_url) as c:
        yield c


def result(c: httpx.Client, model: str, **body: Any) -> Image.Image:
    body.setdefault("output_format", "png")
    reply = c.post(f"/v1/{model}", json=body, headers=BFL_KEY)
    assert reply.status_code == 200, reply.text
    _, data = ready_image(c, reply.json()["polling_url"], BFL_KEY)
    return decode(data).convert("RGB")


def reddish(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel
    return r > g + 40 and r > b + 40


def test_kontext_derives_from_the_first_input_at_about_1_mp(client: httpx.Client) -> None:
    image = result(client, "flux-kontext-pro", prompt="make it night", input_image=png_b64((300, 200), RED))
    assert image.size == (1248, 832)  # ~1 MP at the input's 3:2
    assert reddish(image.getpixel((624, 500)))  # the input, tinted
    assert max(image.getpixel((2, 2))) < 60  # the instruction's band across the top
    square = result(
        client, "flux-kontext-max", prompt="x", aspect_ratio="1:1", input_image=png_b64((300, 200))
    )
    assert square.size == (1024, 1024)


def test_flux2_edits_keep_the_first_inputs_size(client: httpx.Client) -> None:
    image = result(
        client,
        "flux-2-pro",
        prompt="add snow",
        input_image=png_b64((640, 360), RED),
        input_image_2=png_b64((64, 64), GREEN),
    )
    assert image.size == (640, 352)
    assert reddish(image.getpixel((100, 200)))
    assert result(client, "flux-2-klein-4b", prompt="x", input_image=png_b64((300, 300), RED)).size == (
        288,
        288,
    )
    made = result(
        client, "flux-2-pro", prompt="x", width=512, height=256, input_image=png_b64((300, 300), RED)
    )
    assert made.size == (512, 256)


def test_fill_paints_the_white_of_the_mask_and_keeps_the_rest(client: httpx.Client) -> None:
    mask = Image.new("L", (256, 256), 0)
    mask.paste(255, (0, 0, 128, 256))
    image = result(
        client,
        "flux-pro-1.0-fill",
        prompt="a window",
        image=png_b64((256, 256), GREEN),
        mask=image_b64(mask),
    )
    assert image.size == (256, 256)
    assert all(image.getpixel((x, y)) == GREEN for x in range(130, 256, 17) for y in range(0, 256, 17))
    assert all(image.getpixel((x, y)) != GREEN for x in range(0, 126, 17) for y in range(0, 256, 17))


def test_fill_without_a_mask_repaints_the_transparent_part(client: httpx.Client) -> None:
    rgba = Image.new("RGBA", (200, 200), (*GREEN, 255))
    rgba.paste((0, 0, 0, 0), (0, 0, 200, 100))
    image = result(client, "flux-pro-1.0-fill", image=image_b64(rgba))
    assert image.getpixel((50, 150)) == GREEN and image.getpixel((50, 50)) != GREEN


def test_expand_pads_the_image(client: httpx.Client) -> None:
    image = result(client, "flux-pro-1.0-expand", image=png_b64((200, 100), GREEN), left=16, top=8, right=4)
    assert image.size == (220, 108)
    assert image.getpixel((16, 8)) == GREEN and image.getpixel((215, 107)) == GREEN
    assert image.getpixel((5, 50)) != GREEN and image.getpixel((100, 3)) != GREEN


def test_control_models_follow_the_control_image(client: httpx.Client) -> None:
    assert result(client, "flux-pro-1.0-canny", prompt="x", control_image=png_b64((320, 256))).size == (
        320,
        256,
    )
    assert result(client, "flux-pro-1.0-depth", prompt="x", control_image=png_b64((256, 320))).size == (
        256,
        320,
    )


def test_same_inputs_and_seed_give_the_same_bytes(client: httpx.Client) -> None:
    body = {"prompt": "warmer", "input_image": png_b64((300, 200), RED), "seed": 11, "output_format": "jpeg"}

    def bytes_of(**over: Any) -> bytes:
        reply = client.post("/v1/flux-kontext-pro", json={**body, **over}, headers=BFL_KEY).json()
        return ready_image(client, reply["polling_url"], BFL_KEY)[1]

    first = bytes_of()
    assert bytes_of() == first
    assert bytes_of(seed=12) != first
    assert bytes_of(input_image=png_b64((300, 200), GREEN)) != first


def test_a_link_input_cannot_be_fetched_so_the_result_is_made_from_the_prompt(client: httpx.Client) -> None:
    image = result(client, "flux-kontext-pro", prompt="x", input_image="https://example.com/in.png")
    assert image.size == (1024, 1024)
