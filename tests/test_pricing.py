"""Estimates from the published prices: flat FLUX.1 prices, FLUX.2 by the megapixel, honest gaps."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from fluxdesk.api.catalog import BFL, COMETAPI, Catalog
from fluxdesk.api.pricing import BFL_PRICES, estimate, image_size
from fluxdesk.api.request import build_request


def _b64(size: tuple[int, int], fmt: str = "PNG") -> str:
    buf = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buf, fmt)
    return base64.b64encode(buf.getvalue()).decode()


def test_flux1_prices_are_per_image(catalog: Catalog) -> None:
    models = ("flux-pro-1.1", "flux-pro-1.1-ultra", "flux-kontext-max")
    requests = [build_request(catalog, m, "x", {}) for m in models]
    found = estimate(requests, BFL)
    assert found.per_request == (4.0, 6.0, 8.0) and found.credits == 18.0 and found.usd == 0.18
    assert found.summary() == "About 18 credits ($0.18) for 3 images, an estimate."
    assert any("estimate" in note for note in found.notes)


@pytest.mark.parametrize(
    ("model", "text_to_image", "one_mp_edit"),
    [("flux-2-klein-4b", 1.4, 1.5), ("flux-2-klein-9b", 1.5, 1.7), ("flux-2-pro", 3.0, 4.5),
     ("flux-2-max", 7.0, 10.0), ("flux-2-flex", 5.0, 10.0)],
)
def test_flux2_first_megapixel_and_inputs(
    catalog: Catalog, model: str, text_to_image: float, one_mp_edit: float
) -> None:
    t2i = build_request(catalog, model, "x", {"width": 1024, "height": 1024})
    edit = build_request(catalog, model, "x", {"input_image": _b64((1024, 1024))})  # output matches the input
    assert estimate([t2i], BFL).per_request == (text_to_image,)
    assert estimate([edit], BFL).per_request == (one_mp_edit,)


def test_each_further_output_megapixel_started_is_charged(catalog: Catalog) -> None:
    small = build_request(catalog, "flux-2-pro", "x", {"width": 1024, "height": 768})  # 0.75 MP
    two = build_request(catalog, "flux-2-pro", "x", {"width": 1440, "height": 1440})  # 1.98 MP
    four = build_request(catalog, "flux-2-pro", "x", {"width": 2048, "height": 2048})
    assert [estimate([r], BFL).per_request[0] for r in (small, two, four)] == [3.0, 4.5, 7.5]


def test_links_and_unknown_prices_are_said_not_guessed(catalog: Catalog) -> None:
    linked = build_request(catalog, "flux-2-pro", "x", {"input_image": "https://example.com/a.png"})
    found = estimate([linked], BFL)
    assert found.per_request == (3.0,)
    assert any("links are not counted" in n for n in found.notes)
    assert any("1 megapixel" in n for n in found.notes)
    unpriced = [build_request(catalog, "flux-pro", "x", {}), build_request(catalog, "flux-dev", "x", {})]
    legacy = estimate(unpriced, BFL)
    assert legacy.credits is None and legacy.known == 2.5
    assert any("flux-pro" in n for n in legacy.notes) and any("flux-dev" in n for n in legacy.notes)
    assert legacy.summary().startswith("At least 2.5 credits")


def test_cometapi_prices_are_not_invented(catalog: Catalog) -> None:
    found = estimate([build_request(catalog, "flux-pro-1.1", "x", {})], COMETAPI)
    assert found.credits is None and found.usd is None and found.per_request == (None,)
    assert any("CometAPI" in n for n in found.notes) and found.summary() == "No price known for 1 image."


def test_every_priced_model_is_in_the_catalogue(catalog: Catalog) -> None:
    assert set(BFL_PRICES) <= set(catalog.ids)


def test_image_size_reads_headers_only() -> None:
    assert image_size(_b64((640, 480))) == (640, 480)
    assert image_size("data:image/jpeg;base64," + _b64((300, 200), "JPEG")) == (300, 200)
    assert image_size("https://example.com/x.png") is None and image_size("not base64 at all!") is None
    assert image_size(None) is None
