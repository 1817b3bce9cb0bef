"""Money and what the provider used: cost and megapixels in the submit reply, balances going down, 402
when they run out, moderated tasks not charged; result.prompt and result.seed as the provider reports."""

from __future__ import annotations

import httpx
import pytest
from sim_helpers import BFL_KEY, COMET_KEY, png_b64, terminal

from fluxdesk.sim.money import cost
from fluxdesk.sim.server import SimConfig, SimServer
from fluxdesk.sim.spec import BFL, ProviderSpec
from fluxdesk.sim.tasks import CONTENT_MODERATED, READY, Task


def submit(c: httpx.Client, model: str, key: str = "k-sim", **body: object) -> httpx.Response:
    body.setdefault("prompt", "a red fox")
    return c.post(f"/v1/{model}", json=body, headers={"x-key": key})


@pytest.mark.parametrize(
    ("model", "body", "expected"),
    [
        ("flux-pro-1.1", {"width": 1024, "height": 1024}, (4.0, 0.0, 1.0)),
        ("flux-pro-1.1-ultra", {"raw": True}, (6.0, 0.0, 4.03)),
        ("flux-dev", {}, (2.5, 0.0, 0.75)),
        ("flux-kontext-pro", {}, (4.0, 0.0, 1.0)),
        ("flux-kontext-max", {"input_image": png_b64((1024, 1024))}, (8.0, 1.0, 1.0)),
        ("flux-pro-1.0-fill", {"image": png_b64((512, 512))}, (5.0, 0.25, 0.25)),
        ("flux-2-pro", {"width": 1024, "height": 1024}, (3.0, 0.0, 1.0)),  # as a real reply said
        ("flux-2-pro", {"width": 1440, "height": 1440}, (4.5, 0.0, 1.98)),  # as a real reply said
        (
            "flux-2-pro",
            {"width": 1024, "height": 1024, "input_image": png_b64((1024, 1024))},
            (4.5, 1.0, 1.0),
        ),
        ("flux-2-max", {"width": 2048, "height": 2048}, (16.0, 0.0, 4.0)),
        ("flux-2-klein-4b", {"width": 1024, "height": 1024}, (1.4, 0.0, 1.0)),
    ],
)
def test_submit_reply_carries_cost_and_megapixels(
    model: str, body: dict[str, object], expected: tuple[float, float, float]
) -> None:
    with SimServer(SimConfig(latency=0.05)) as sim, httpx.Client(base_url=sim.base_url) as c:
        reply = submit(c, model, **body).json()
    assert (reply["cost"], reply["input_mp"], reply["output_mp"]) == expected


def test_cost_table_covers_every_model() -> None:
    for endpoint in ProviderSpec():
        assert cost(endpoint, 1.0, 0.0) > 0, endpoint.id


def test_balance_goes_down_and_402_when_spent() -> None:
    with SimServer(SimConfig(latency=0.05, credits=10.0)) as sim, httpx.Client(base_url=sim.base_url) as c:
        assert c.get("/v1/credits", headers=BFL_KEY).json() == {"credits": 10.0}
        assert submit(c, "flux-pro-1.1").status_code == 200
        assert submit(c, "flux-pro-1.1").status_code == 200
        assert c.get("/v1/credits", headers=BFL_KEY).json() == {"credits": 2.0}
        broke = submit(c, "flux-pro-1.1")
        assert broke.status_code == 402 and "Insufficient credits" in broke.json()["detail"]
        assert submit(c, "flux-dev").status_code == 402  # 2.5 credits do not fit in 2
        assert submit(c, "flux-2-klein-4b").status_code == 200  # 1.4 do
    assert sim.balance("k-sim") == pytest.approx(0.6)


def test_out_of_credits_refuses_before_anything_runs() -> None:
    with SimServer(SimConfig(latency=0.05, credits=3.0)) as sim, httpx.Client(base_url=sim.base_url) as c:
        broke = submit(c, "flux-pro-1.1")
        assert broke.status_code == 402
        comet = c.post("/flux/v1/flux-pro-1.1", json={"prompt": "x"}, headers=COMET_KEY)
        assert comet.status_code == 402 and comet.json()["error"]["type"] == "comet_api_error"
        assert sim.tasks() == {}
        assert submit(c, "flux-2-klein-4b").status_code == 200  # 1.4 credits still fit
        assert sim.balance("k-sim") == pytest.approx(1.6)


def test_moderated_tasks_are_not_charged() -> None:
    with SimServer(SimConfig(latency=0.1, credits=20.0)) as sim, httpx.Client(base_url=sim.base_url) as c:
        submit(c, "flux-pro-1.1", prompt="a [moderate-request] cat")
        assert sim.balance("k-sim") == 20.0
        flagged = submit(c, "flux-pro-1.1", prompt="a [moderate-content] cat").json()
        assert sim.balance("k-sim") == 16.0  # held while it runs
        assert terminal(c, flagged["polling_url"], BFL_KEY)["status"] == CONTENT_MODERATED
        assert c.get("/v1/credits", headers=BFL_KEY).json() == {"credits": 20.0}  # given back


def test_each_key_has_its_own_balance() -> None:
    with SimServer(SimConfig(latency=0.05, credits=5.0)) as sim, httpx.Client(base_url=sim.base_url) as c:
        submit(c, "flux-pro-1.1", key="a")
        assert sim.balance("a") == 1.0 and sim.balance("b") == 5.0
        assert c.get("/v1/credits", headers={"x-key": "b"}).json() == {"credits": 5.0}
        assert c.get("/v1/credits").status_code == 403


def test_cometapi_balance_is_its_quota_route_in_dollars() -> None:
    with SimServer(SimConfig(latency=0.05, credits=1000.0)) as sim, httpx.Client(base_url=sim.base_url) as c:
        c.post("/flux/v1/flux-kontext-max", json={"prompt": "x"}, headers=COMET_KEY)
        quota = c.get("/user/quota", params={"key": "k-sim"}).json()
        assert quota["total_quota"] == pytest.approx(9.92) and quota["total_used_quota"] == pytest.approx(
            0.08
        )
        assert quota["request_count"] == 1 and quota["keys"][0]["remain_quota"] == pytest.approx(9.92)
        assert c.get("/flux/v1/credits", headers=COMET_KEY).status_code == 404  # no such route at CometAPI


def test_result_reports_the_prompt_and_seed_used() -> None:
    with SimServer(SimConfig(latency=0.05)) as sim, httpx.Client(base_url=sim.base_url) as c:
        plain = submit(c, "flux-pro-1.1", seed=42).json()
        done = terminal(c, plain["polling_url"], BFL_KEY)
        assert (
            done["status"] == READY
            and done["result"]["prompt"] == "a red fox"
            and done["result"]["seed"] == 42
        )
        upsampled = terminal(
            c, submit(c, "flux-pro-1.1", prompt_upsampling=True).json()["polling_url"], BFL_KEY
        )
        rewritten = upsampled["result"]["prompt"]
        assert rewritten.startswith("a red fox, ") and rewritten != "a red fox"
        again = terminal(c, submit(c, "flux-dev", prompt_upsampling=True).json()["polling_url"], BFL_KEY)
        assert again["result"]["prompt"] == rewritten  # deterministic
        flux2 = terminal(
            c, submit(c, "flux-2-pro").json()["polling_url"], BFL_KEY
        )  # FLUX.2 rewrites by default
        assert flux2["result"]["prompt"] == rewritten
        exact = terminal(c, submit(c, "flux-2-pro", disable_pup=True).json()["polling_url"], BFL_KEY)
        assert exact["result"]["prompt"] == "a red fox"
        klein = terminal(c, submit(c, "flux-2-klein-4b").json()["polling_url"], BFL_KEY)
        assert klein["result"]["prompt"] == "a red fox"  # [klein] does not upsample


def test_kontext_seed_0_and_a_missing_seed_get_a_drawn_seed() -> None:
    with SimServer(SimConfig(latency=0.05)) as sim, httpx.Client(base_url=sim.base_url) as c:
        zero = submit(c, "flux-kontext-pro", seed=0).json()
        drawn = terminal(c, zero["polling_url"], BFL_KEY)["result"]["seed"]
        assert drawn != 0 and sim.tasks()[zero["id"]].seed == drawn
        other = terminal(c, submit(c, "flux-kontext-pro", seed=0).json()["polling_url"], BFL_KEY)
        assert other["result"]["seed"] != drawn  # a new draw per task
        kept = terminal(c, submit(c, "flux-pro-1.1", seed=0).json()["polling_url"], BFL_KEY)
        assert kept["result"]["seed"] == 0  # 0 is a seed like any other outside Kontext
        unset = terminal(c, submit(c, "flux-dev").json()["polling_url"], BFL_KEY)
        assert isinstance(unset["result"]["seed"], int)


def test_charge_is_held_then_returned_for_content_moderation() -> None:
    task = Task(
        "t", BFL, "k", "flux-pro-1.1", "p", "p", 1, 8, 8, "jpeg", {}, 0.0, 10.0, CONTENT_MODERATED, cost=4.0
    )
    assert task.charge(5.0) == 4.0 and task.charge(10.0) == 0.0
