"""The catalogue and request validation: one plain sentence per bad field, only the model's own params."""

from __future__ import annotations

import base64
import io
import random
from typing import Any

import pytest
from PIL import Image

from fluxdesk.api.catalog import BFL, COMETAPI, GROUP_ORDER, Catalog, Group, Kind, parse_aspect_ratio
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


def test_an_expansion_by_nothing_is_refused(catalog: Catalog) -> None:
    errors = _errors(catalog, "flux-pro-1.0-expand", image=_tiny_png())
    assert errors["top"] == "Add at least one side to expand the image by."
    request = build_request(catalog, "flux-pro-1.0-expand", "", {"image": _tiny_png(), "right": 8})
    assert request.params["right"] == 8


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
        "flux-2-klein-4b",
        "flux-2-klein-9b",
    }
    assert set(catalog.ids) == expected
    assert catalog.get("flux-kontext-max").max_active_tasks == 6
    assert catalog.get("flux-pro-1.1").max_active_tasks == 24


def test_each_model_validates_with_its_defaults(catalog: Catalog) -> None:
    image = _tiny_png()
    for spec in catalog:
        params = {p.name: image for p in spec.params if p.kind is Kind.IMAGE and p.required}
        if spec.takes("top"):
            params["top"] = 64  # expand needs one side; all four at their default 0 is refused
        request = build_request(catalog, spec.id, "a kite", params, rng=random.Random(1))
        assert set(request.params) <= set(spec.param_names)
        assert request.seed is not None
        assert request.params == {**spec.defaults(params), **params, "seed": request.seed}


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


# ---- the catalogue as the specifications have it ------------------------------------------------------


def test_klein_is_flux2_with_four_references(catalog: Catalog) -> None:
    for model in ("flux-2-klein-4b", "flux-2-klein-9b"):
        spec = catalog.get(model)
        assert spec.max_input_images == 4 and spec.max_megapixels == 4.0
        assert spec.param("width").multiple_of == 16 and spec.param("safety_tolerance").maximum == 5
        assert "does not take 'input_image_5'" in _errors(catalog, model, input_image_5=_tiny_png())[
            "input_image_5"
        ]
    assert catalog.get("flux-2-pro").max_input_images == 8


def test_flux2_pro_max_klein_take_no_prompt_upsampling_but_flex_does(catalog: Catalog) -> None:
    for model in ("flux-2-pro", "flux-2-max", "flux-2-klein-4b", "flux-2-klein-9b"):
        assert not catalog.get(model).takes("prompt_upsampling")
    assert catalog.get("flux-2-flex").param("prompt_upsampling").default is True


def test_kontext_takes_experimental_references_and_seed_zero(catalog: Catalog) -> None:
    spec = catalog.get("flux-kontext-pro")
    assert {"input_image", "input_image_2", "input_image_3", "input_image_4"} <= set(spec.param_names)
    assert "experimental" in spec.param("input_image_2").help
    assert spec.param("seed").zero_means_random and "random" in spec.param("seed").describe()
    assert build_request(catalog, "flux-kontext-pro", "a cat", {"seed": 0}).seed == 0
    assert not catalog.get("flux-pro-1.1").param("seed").zero_means_random


def test_flux2_edit_sends_no_size_of_its_own(catalog: Catalog) -> None:
    image = _tiny_png()
    edit = build_request(catalog, "flux-2-pro", "make it blue", {"input_image": image})
    assert "width" not in edit.payload() and "height" not in edit.payload() and edit.size is None
    zero = build_request(catalog, "flux-2-pro", "x", {"input_image": image, "width": 0, "height": "0"})
    assert zero.size is None  # the API's own "0 = match the input image"
    sized = build_request(catalog, "flux-2-pro", "x", {"input_image": image, "width": 512, "height": 256})
    assert sized.size == (512, 256)
    assert build_request(catalog, "flux-2-pro", "x", {}).size == (1024, 1024)  # text-to-image: the default
    spec = catalog.get("flux-2-pro")
    width = spec.param("width")
    assert width.matches_input == "input_image" and "match the input" in width.help
    assert "width" not in spec.defaults({"input_image": image}) and spec.defaults()["width"] == 1024


def test_flux2_size_rules_for_edits(catalog: Catalog) -> None:
    image = _tiny_png()
    assert "no input image" in _errors(catalog, "flux-2-pro", width=0, height=0)["width"]
    assert "both width and height" in _errors(catalog, "flux-2-pro", input_image=image, width=512)["height"]
    odd = _errors(catalog, "flux-2-pro", input_image=image, width=500, height=512)
    assert "multiple of 16" in odd["width"]


def test_output_formats_per_provider(catalog: Catalog) -> None:
    bfl, comet = catalog.for_provider(BFL), catalog.for_provider(COMETAPI)
    assert isinstance(bfl, Catalog) and bfl.provider == BFL and comet.get("flux-2-pro").provider == COMETAPI
    assert bfl.get("flux-2-pro").param("output_format").choices == ("jpeg", "png", "webp")
    assert comet.get("flux-2-pro").param("output_format").choices == ("jpeg", "png")
    assert build_request(bfl, "flux-2-pro", "x", {"output_format": "webp"}).output_format == "webp"
    refused = _errors(comet, "flux-2-pro", output_format="webp")["output_format"]
    assert "one of jpeg, png, not 'webp'" in refused
    assert "webp" not in bfl.get("flux-pro-1.1").param("output_format").choices
    with pytest.raises(ValueError, match="Unknown provider"):
        catalog.for_provider("elsewhere")


def test_an_image_prompt_may_carry_the_request(catalog: Catalog) -> None:
    image = _tiny_png()
    for model in ("flux-pro-1.1", "flux-dev", "flux-pro", "flux-pro-1.1-ultra"):
        request = build_request(catalog, model, "  ", {"image_prompt": image})
        assert request.prompt == "" and "prompt" not in request.payload()
        assert _errors(catalog, model, "")["prompt"] == "Write a prompt first, or give an image prompt."
    assert _errors(catalog, "flux-2-pro", "")["prompt"] == "Write a prompt first."


def test_a_parameter_without_its_partner_is_neither_sent_nor_kept(catalog: Catalog) -> None:
    image = _tiny_png()
    alone = build_request(catalog, "flux-pro-1.1-ultra", "x", {"image_prompt_strength": 0.6})
    assert "image_prompt_strength" not in alone.params
    assert "image_prompt_strength" not in alone.to_dict()["params"]
    both = {"image_prompt": image, "image_prompt_strength": 0.6}
    paired = build_request(catalog, "flux-pro-1.1-ultra", "x", both)
    assert paired.params["image_prompt_strength"] == 0.6
    defaulted = build_request(catalog, "flux-pro-1.1-ultra", "x", {"image_prompt": image})
    assert defaulted.params["image_prompt_strength"] == 0.1
    assert catalog.get("flux-pro-1.1-ultra").param("image_prompt_strength").requires == "image_prompt"


def test_webhooks_on_every_model_advanced_off_and_never_recorded(catalog: Catalog) -> None:
    for spec in catalog:
        url, secret = spec.param("webhook_url"), spec.param("webhook_secret")
        assert url.group is Group.ADVANCED and secret.advanced and not url.required and url.default is None
        assert "webhook_url" not in {p.name for p in spec.params}  # not in the panel's own list
        assert "webhook_url" not in build_request(catalog, spec.id, "x", _required_images(spec)).params
    assert GROUP_ORDER[-1] is Group.ADVANCED and "webhook_url" in catalog.all_params()
    hook = {"webhook_url": "https://hooks.example.com/flux", "webhook_secret": "s3cr3t-hook"}
    request = build_request(catalog, "flux-pro-1.1", "a kite", hook)
    assert request.payload()["webhook_url"] == hook["webhook_url"] and request.payload()["webhook_secret"]
    assert "webhook" not in request.to_json() and "s3cr3t-hook" not in repr(request)
    assert GenerationRequest.from_json(request.to_json()).params.get("webhook_url") is None


def test_webhook_address_rules(catalog: Catalog) -> None:
    ok = build_request(catalog, "flux-dev", "x", {"webhook_url": "http://127.0.0.1:8765/hook"})
    assert ok.params["webhook_url"] == "http://127.0.0.1:8765/hook"
    assert "https" in _errors(catalog, "flux-dev", webhook_url="http://hooks.example.com/x")["webhook_url"]
    assert "web address" in _errors(catalog, "flux-dev", webhook_url="ftp://hooks.example.com/x")["webhook_url"]
    assert "web address" in _errors(catalog, "flux-dev", webhook_url="not a url")["webhook_url"]
    long = "https://hooks.example.com/" + "a" * 2100
    assert "at most 2083" in _errors(catalog, "flux-dev", webhook_url=long)["webhook_url"]
    lonely = build_request(catalog, "flux-dev", "x", {"webhook_secret": "s"})
    assert "webhook_secret" not in lonely.params  # a secret without an address means nothing


def test_describe_param_gives_each_models_own_range(catalog: Catalog) -> None:
    width = catalog.describe_param("width")
    assert "256..1440, a multiple of 32, default 1024 (flux-pro-1.1, flux-dev, flux-pro)" in width
    assert "64..4096, a multiple of 16" in width and "flux-2-klein-9b" in width
    assert catalog.describe_param("webhook_url").endswith("(all models)")
    assert "jpeg, png, webp" in catalog.for_provider(BFL).describe_param("output_format")
    assert "webp" not in catalog.for_provider(COMETAPI).describe_param("output_format")
    assert catalog.describe_param("no_such_thing") == ""


def _required_images(spec) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What a model needs besides its defaults: its required images, and one side to expand by."""
    values: dict[str, Any] = {p.name: _tiny_png() for p in spec.params if p.kind is Kind.IMAGE and p.required}
    if spec.takes("top") and spec.takes("left"):
        values["top"] = 64
    return values


def test_a_seed_picked_for_kontext_is_never_the_random_marker(catalog: Catalog) -> None:
    class Lowest(random.Random):
        def randint(self, a: int, b: int) -> int:
            return a

    assert build_request(catalog, "flux-kontext-pro", "x", {}, rng=Lowest()).seed == 1
    assert build_request(catalog, "flux-pro-1.1", "x", {}, rng=Lowest()).seed == 0
