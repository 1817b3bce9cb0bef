"""The catalogue and request validation: one plain sentence per bad field, only the model's own params."""

from __future__ import annotations

import base64
import io
import random

import pytest
from PIL import Image

from fluxdesk.api.catalog import Catalog, Kind, parse_aspect_ratio
from fluxdesk.api.errors import InvalidRequest
from fluxdesk.api.request import GenerationRequest, build_request, check_fields


def _errors(cat: Catalog, model: str, prompt: str = "a kite", **params: object) -> dict[str, str]:
    with pytest.raises(InvalidRequest) as info:
        build_request(cat, model, prompt, params)
    return {e.field: e.message for e in info.value.errors}


def _tiny_png() -> str:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return base64.b64encode(buf.getvalue()).decode()


def test_every_model_of_the_brief_is_in_the_catalogue(catalog: Catalog) -> None:
    expected = {
        "flux-pro-1.1",
        "flux-dev",
        "flux-pro",
        "flux-pro-1.1-ultra",
        "flux-kontext-pro",
        "flux-kontext-max",
        "flux-pro-1.0-fill",
        "flux-pro-1.0-expand",
        "flux-pro-1.0-canny",
        "flux-pro-1.0-depth",
        "flux-2-pro",
        "flux-2-max",
        "flux-2-flex",
    }
    assert set(catalog.ids) == expected
    assert catalog.get("flux-kontext-max").max_active_tasks == 6
    assert catalog.get("flux-pro-1.1").max_active_tasks == 24


def test_each_model_validates_with_its_defaults(catalog: Catalog) -> None:
    image = _tiny_png()
    for spec in catalog:
        params = {p.name: image for p in spec.params if p.kind is Kind.IMAGE and p.required}
        request = build_request(catalog, spec.id, "a kite", params, rng=random.Random(1))
        assert set(request.params) <= set(spec.param_names)
        assert request.seed is not None
        for p in spec.params:
            if p.default is not None and p.name != "prompt":
                assert request.params[p.name] == p.default


def test_width_not_a_multiple_of_32(catalog: Catalog) -> None:
    errs = _errors(catalog, "flux-pro-1.1", width=1000)
    assert errs == {"width": "Width must be a multiple of 32 (try 992 or 1024), not 1000."}


def test_width_out_of_range(catalog: Catalog) -> None:
    assert _errors(catalog, "flux-pro-1.1", width=2048) == {
        "width": "Width must be between 256 and 1440, not 2048."
    }
    assert "between 256 and 1440" in _errors(catalog, "flux-dev", height=128)["height"]


def test_unknown_model(catalog: Catalog) -> None:
    message = _errors(catalog, "flux-ultra-9000")["model"]
    assert message.startswith("Unknown model 'flux-ultra-9000'.")
    assert "flux-pro-1.1" in message


def test_parameter_the_model_does_not_take(catalog: Catalog) -> None:
    assert _errors(catalog, "flux-pro-1.1", steps=20) == {"steps": "flux-pro-1.1 does not take 'steps'."}
    assert "does not take 'width'" in _errors(catalog, "flux-pro-1.1-ultra", width=1024)["width"]


def test_every_bad_field_is_reported_at_once(catalog: Catalog) -> None:
    errs = _errors(catalog, "flux-dev", "", width=1000, steps=99, guidance="lots")
    assert set(errs) == {"prompt", "width", "steps", "guidance"}
    assert errs["guidance"] == "Guidance must be a number, not 'lots'."


def test_only_the_models_own_parameters_go_on_the_wire(catalog: Catalog) -> None:
    request = build_request(catalog, "flux-pro-1.1", "a kite", {"seed": 5})
    assert set(request.payload()) == {
        "prompt",
        "width",
        "height",
        "seed",
        "safety_tolerance",
        "output_format",
        "prompt_upsampling",
    }
    assert "image_prompt" not in request.payload()  # not set, so not sent


def test_open_seed_is_chosen_and_known(catalog: Catalog) -> None:
    a = build_request(catalog, "flux-pro-1.1", "a kite", {}, rng=random.Random(1))
    b = build_request(catalog, "flux-pro-1.1", "a kite", {"seed": None}, rng=random.Random(2))
    assert a.seed is not None and b.seed is not None and a.seed != b.seed
    assert a.payload()["seed"] == a.seed


def test_aspect_ratio_limits(catalog: Catalog) -> None:
    assert (
        build_request(catalog, "flux-pro-1.1-ultra", "x", {"aspect_ratio": "21:9"}).params["aspect_ratio"]
        == "21:9"
    )
    assert "too wide" in _errors(catalog, "flux-pro-1.1-ultra", aspect_ratio="3:1")["aspect_ratio"]
    assert "too tall" in _errors(catalog, "flux-pro-1.1-ultra", aspect_ratio="1:3")["aspect_ratio"]
    assert "look like 16:9" in _errors(catalog, "flux-pro-1.1-ultra", aspect_ratio="wide")["aspect_ratio"]
    assert parse_aspect_ratio("16:9") == (16, 9) and parse_aspect_ratio("0:9") is None


def test_flux2_megapixel_cap_and_16_multiple(catalog: Catalog) -> None:
    assert build_request(catalog, "flux-2-pro", "x", {"width": 2048, "height": 2048}).size == (2048, 2048)
    assert "at most 4 MP" in _errors(catalog, "flux-2-pro", width=4096, height=2048)["width"]
    assert "multiple of 16" in _errors(catalog, "flux-2-pro", width=1000)["width"]


def test_required_image_and_safety_range(catalog: Catalog) -> None:
    assert _errors(catalog, "flux-pro-1.0-fill")["image"] == "Image is required for flux-pro-1.0-fill."
    assert "between 0 and 5" in _errors(catalog, "flux-2-pro", safety_tolerance=6)["safety_tolerance"]
    assert "an image" in _errors(catalog, "flux-kontext-pro", input_image="not an image")["input_image"]


def test_cli_strings_are_coerced(catalog: Catalog) -> None:
    request = build_request(
        catalog,
        "flux-dev",
        "x",
        {"steps": "20", "guidance": "3.5", "prompt_upsampling": "yes", "output_format": "jpg"},
    )
    assert request.params["steps"] == 20 and request.params["guidance"] == 3.5
    assert request.params["prompt_upsampling"] is True and request.params["output_format"] == "jpeg"
    assert "whole number" in _errors(catalog, "flux-dev", steps="2.5")["steps"]


def test_request_round_trips_through_json(catalog: Catalog) -> None:
    request = build_request(catalog, "flux-pro", "a kite", {"interval": 3.0, "seed": 9})
    assert GenerationRequest.from_json(request.to_json()) == request
    assert request.replace(seed=10).seed == 10 and request.seed == 9


def test_check_fields_never_raises(catalog: Catalog) -> None:
    assert check_fields(catalog, "flux-dev", "ok", {"steps": 20}) == []
    assert [e.field for e in check_fields(catalog, "flux-dev", "ok", {"width": 1000})] == ["width"]
    assert [e.field for e in check_fields(catalog, "nope", "ok", {})] == ["model"]
