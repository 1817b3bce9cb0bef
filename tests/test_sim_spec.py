"""The simulator's own table of what each provider accepts, over real sockets: fields, types, ranges,
defaults, which models each provider offers, and the provider's wording when it refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sim_helpers import BFL_KEY, COMET_KEY, png_b64

from fluxdesk.sim.server import SimConfig, SimServer
from fluxdesk.sim.spec import BFL, COMETAPI, CONTROL, EXPAND, FILL, ProviderSpec

SPEC = ProviderSpec()
IMAGE = png_b64((256, 256))


@pytest.fixture(scope="module")
def sim() -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.05, max_active=10_000)) as server:
        yield server


@pytest.fixture(scope="module")
def client(sim: SimServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=10) as c:
        yield c


def post(c: httpx.Client, provider: str, model: str, body: dict[str, Any]) -> httpx.Response:
    if provider == COMETAPI:
        return c.post(f"/flux/v1/{model}", json=body, headers=COMET_KEY)
    return c.post(f"/v1/{model}", json=body, headers=BFL_KEY)


def minimal(model: str) -> dict[str, Any]:
    endpoint = SPEC.get(model, BFL)
    assert endpoint is not None
    body: dict[str, Any] = {"prompt": "a lighthouse"}
    if endpoint.family in (FILL, EXPAND):
        body["image"] = IMAGE
    if endpoint.family == EXPAND:
        body["top"] = 32
    if endpoint.family == CONTROL:
        body["control_image"] = IMAGE
    return body


def problems(reply: httpx.Response) -> dict[str, dict[str, Any]]:
    assert reply.status_code == 422, reply.text
    return {str(d["loc"][-1]): d for d in reply.json()["detail"]}


OFFERED = [(e.id, p) for e in SPEC for p in (BFL, COMETAPI) if p in e.providers]


@pytest.mark.parametrize(("model", "provider"), OFFERED)
def test_every_model_takes_its_minimal_request_and_the_webhook_fields(
    client: httpx.Client, model: str, provider: str
) -> None:
    body = {**minimal(model), "webhook_url": "https://hooks.example/done", "webhook_secret": "s3"}
    reply = post(client, provider, model, body)
    assert reply.status_code == 200, reply.text
    assert reply.json()["webhook_url"] == "https://hooks.example/done"


def test_which_models_each_provider_offers(client: httpx.Client) -> None:
    assert set(SPEC.offered(BFL)) == set(SPEC.ids)
    assert "flux-2-klein-4b" not in SPEC.offered(COMETAPI)  # CometAPI documents no [klein] endpoint
    assert post(client, BFL, "flux-2-klein-9b", {"prompt": "x"}).status_code == 200
    refused = post(client, COMETAPI, "flux-2-klein-9b", {"prompt": "x"})
    assert refused.status_code == 404 and "flux-2-klein-9b" in refused.json()["error"]["message"]
    assert post(client, BFL, "flux-nope", {"prompt": "x"}).json() == {"detail": "Not Found"}


def test_ranges_and_multiples_in_pydantics_words(client: httpx.Client) -> None:
    found = problems(post(client, BFL, "flux-pro-1.1", {"prompt": "x", "width": 2048, "height": 250}))
    assert found["width"]["msg"] == "Input should be less than or equal to 1440"
    assert found["width"]["ctx"] == {"le": 1440}
    assert found["height"]["msg"] == "Input should be greater than or equal to 256"
    found = problems(post(client, BFL, "flux-dev", {"prompt": "x", "steps": 51, "guidance": 1.4}))
    assert found["steps"]["type"] == "less_than_equal" and found["guidance"]["type"] == "greater_than_equal"
    found = problems(post(client, BFL, "flux-2-pro", {"prompt": "x", "safety_tolerance": 6}))
    assert found["safety_tolerance"]["msg"] == "Input should be less than or equal to 5"  # FLUX.2: 0..5
    assert post(client, BFL, "flux-pro-1.1", {"prompt": "x", "safety_tolerance": 6}).status_code == 200


def test_types_are_coerced_as_pydantic_does(client: httpx.Client, sim: SimServer) -> None:
    ok = post(
        client,
        BFL,
        "flux-dev",
        {"prompt": "x", "width": "512", "height": 512.0, "seed": "7", "prompt_upsampling": "false"},
    )
    assert ok.status_code == 200, ok.text
    task = sim.tasks()[ok.json()["id"]]
    assert task.size == (512, 512) and task.seed == 7 and task.params["prompt_upsampling"] is False
    found = problems(
        post(
            client,
            BFL,
            "flux-dev",
            {
                "prompt": "x",
                "seed": "seven",
                "width": 512.5,
                "prompt_upsampling": "maybe",
                "guidance": "high",
            },
        )
    )
    assert found["seed"]["type"] == "int_parsing"
    assert found["width"]["type"] == "int_from_float"
    assert found["prompt_upsampling"]["type"] == "bool_parsing"
    assert found["guidance"]["type"] == "float_parsing"
    assert problems(post(client, BFL, "flux-kontext-pro", {"prompt": 5}))["prompt"]["type"] == "string_type"


def test_required_prompt_and_the_image_prompt_rule(client: httpx.Client) -> None:
    for model in ("flux-kontext-pro", "flux-2-pro", "flux-2-klein-4b", "flux-pro-1.0-canny"):
        body = {k: v for k, v in minimal(model).items() if k != "prompt"}
        missing = problems(post(client, BFL, model, body))["prompt"]
        assert (missing["msg"], missing["type"]) == ("Field required", "missing"), model
    refused = post(client, BFL, "flux-pro-1.1", {})
    assert refused.json()["detail"][0]["msg"] == "Value error, Either prompt or image_prompt must be provided"
    assert refused.json()["detail"][0]["loc"] == ["body"]
    assert post(client, BFL, "flux-pro-1.1", {"image_prompt": IMAGE}).status_code == 200
    assert post(client, BFL, "flux-pro-1.1-ultra", {"image_prompt": IMAGE}).status_code == 200
    assert post(client, BFL, "flux-pro-1.0-fill", {"image": IMAGE}).status_code == 200  # prompt optional


def test_output_formats_per_provider(client: httpx.Client, sim: SimServer) -> None:
    for model in ("flux-pro-1.1", "flux-2-pro", "flux-kontext-max"):
        reply = post(client, BFL, model, {"prompt": "x", "output_format": "webp"})
        assert reply.status_code == 200, (model, reply.text)
        assert sim.tasks()[reply.json()["id"]].format == "webp"
    refused = post(client, COMETAPI, "flux-pro-1.1", {"prompt": "x", "output_format": "webp"})
    assert refused.status_code == 400
    assert "Input should be 'jpeg' or 'png'" in refused.json()["error"]["message"]
    assert (
        problems(post(client, BFL, "flux-dev", {"prompt": "x", "output_format": "jpg"}))["output_format"][
            "msg"
        ]
        == "Input should be 'jpeg', 'png' or 'webp'"
    )
    kontext = post(client, BFL, "flux-kontext-pro", {"prompt": "x"})
    assert sim.tasks()[kontext.json()["id"]].format == "png"  # Kontext's own default


def test_flux2_sizes_are_optional_and_at_least_64(client: httpx.Client, sim: SimServer) -> None:
    found = problems(post(client, BFL, "flux-2-pro", {"prompt": "x", "width": 0, "height": 0}))
    assert found["width"]["msg"] == "Input should be greater than or equal to 64"  # leave it out instead
    reply = post(client, BFL, "flux-2-pro", {"prompt": "x", "width": 1080, "height": 1920})
    assert sim.tasks()[reply.json()["id"]].size == (1072, 1920)  # snapped down to multiples of 16
    big = post(client, BFL, "flux-2-flex", {"prompt": "x", "width": 4096, "height": 4096})
    assert sim.tasks()[big.json()["id"]].size == (2048, 2048)  # over 4 MP: scaled down
    edit = post(client, BFL, "flux-2-max", {"prompt": "x", "input_image": png_b64((640, 360))})
    assert sim.tasks()[edit.json()["id"]].size == (640, 352)


def test_prompt_upsampling_controls_differ_by_flux2_model(client: httpx.Client) -> None:
    assert post(client, BFL, "flux-2-pro", {"prompt": "x", "disable_pup": True}).status_code == 200
    extra = problems(post(client, BFL, "flux-2-pro", {"prompt": "x", "prompt_upsampling": False}))
    assert extra["prompt_upsampling"]["msg"] == "Extra inputs are not permitted"
    assert (
        post(
            client,
            BFL,
            "flux-2-flex",
            {"prompt": "x", "prompt_upsampling": False, "steps": 20, "guidance": 9.5},
        ).status_code
        == 200
    )
    klein = problems(post(client, BFL, "flux-2-klein-4b", {"prompt": "x", "disable_pup": True, "steps": 4}))
    assert set(klein) == {"disable_pup", "steps"}


def test_reference_image_slots(client: httpx.Client) -> None:
    four = {f"input_image_{i}": IMAGE for i in range(2, 5)}
    for model in ("flux-kontext-max", "flux-2-klein-9b"):
        assert post(client, BFL, model, {"prompt": "x", "input_image": IMAGE, **four}).status_code == 200
        assert set(problems(post(client, BFL, model, {"prompt": "x", "input_image_5": IMAGE}))) == {
            "input_image_5"
        }
    eight = {f"input_image_{i}": IMAGE for i in range(2, 9)}
    assert post(client, BFL, "flux-2-pro", {"prompt": "x", "input_image": IMAGE, **eight}).status_code == 200
    bad = problems(post(client, BFL, "flux-2-pro", {"prompt": "x", "input_image": "not an image!"}))
    assert bad["input_image"]["type"] == "value_error"
    assert (
        post(
            client, BFL, "flux-2-pro", {"prompt": "x", "input_image": "https://example.com/a.png"}
        ).status_code
        == 200
    )


def test_aspect_ratios_between_21_9_and_9_21(client: httpx.Client, sim: SimServer) -> None:
    for model in ("flux-pro-1.1-ultra", "flux-kontext-pro"):
        wide = post(client, BFL, model, {"prompt": "x", "aspect_ratio": "22:9"})
        assert wide.status_code == 422, model
        assert "between 21:9 and 9:21" in wide.json()["detail"][0]["msg"]
        assert problems(post(client, BFL, model, {"prompt": "x", "aspect_ratio": "wide"}))
    ok = post(client, BFL, "flux-kontext-pro", {"prompt": "x", "aspect_ratio": "21:9"})
    assert sim.tasks()[ok.json()["id"]].size == (1568, 672)


def test_webhook_url_is_a_uri_of_at_most_2083_characters(client: httpx.Client) -> None:
    long_url = "https://hooks.example/" + "a" * (2084 - len("https://hooks.example/"))
    assert (
        problems(post(client, BFL, "flux-dev", {"prompt": "x", "webhook_url": long_url}))["webhook_url"][
            "type"
        ]
        == "url_too_long"
    )
    assert (
        problems(post(client, BFL, "flux-dev", {"prompt": "x", "webhook_url": "ftp://x/y"}))["webhook_url"][
            "type"
        ]
        == "url_scheme"
    )
    assert post(client, BFL, "flux-dev", {"prompt": "x", "webhook_url": long_url[:-1]}).status_code == 200


def test_tool_rules_across_fields(client: httpx.Client) -> None:
    mask = png_b64((128, 128), (255, 255, 255))
    mismatch = post(client, BFL, "flux-pro-1.0-fill", {"image": IMAGE, "mask": mask})
    assert "do not match" in mismatch.json()["detail"][0]["msg"]
    nothing = post(client, BFL, "flux-pro-1.0-expand", {"image": IMAGE})
    assert "At least one side" in nothing.json()["detail"][0]["msg"]
    no_control = post(client, BFL, "flux-pro-1.0-depth", {"prompt": "x"})
    assert "control_image" in no_control.json()["detail"][0]["msg"]
    sides = problems(post(client, BFL, "flux-pro-1.0-expand", {"image": IMAGE, "left": 2049}))
    assert sides["left"]["msg"] == "Input should be less than or equal to 2048"


def test_a_broken_body_is_refused_in_each_shape(client: httpx.Client) -> None:
    bfl = client.post("/v1/flux-pro-1.1", content=b"{not json", headers=BFL_KEY)
    assert bfl.status_code == 422 and bfl.json()["detail"][0]["type"] == "json_invalid"
    comet = client.post("/flux/v1/flux-pro-1.1", content=b"{not json", headers=COMET_KEY)
    assert comet.status_code == 400 and comet.json()["error"]["type"] == "comet_api_error"
    listed = post(client, BFL, "flux-pro-1.1", [1, 2])  # type: ignore[arg-type]
    assert listed.json()["detail"][0]["type"] == "model_attributes_type"


def test_unknown_fields_can_be_ignored_as_most_bfl_endpoints_do() -> None:
    with (
        SimServer(SimConfig(latency=0.05, unknown_fields="ignore")) as sim,
        httpx.Client(base_url=sim.base_url) as c,
    ):
        reply = post(c, BFL, "flux-2-pro", {"prompt": "x", "prompt_upsampling": False, "steps": 9})
        assert reply.status_code == 200
        assert sim.tasks()[reply.json()["id"]].ignored == ("prompt_upsampling", "steps")
