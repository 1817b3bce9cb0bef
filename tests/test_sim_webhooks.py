"""Webhooks over real sockets: the submit reply without a polling_url, the POST when the task ends (with
the secret, never the key), retries, polling by id still working, and no calls off loopback."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
from sim_helpers import BFL_KEY, COMET_KEY, hook_receiver, terminal, wait_until

from fluxdesk.sim.server import SimConfig, SimServer

SECRET = "whsec-for-tests"
KEY = "sk-ONLY-FOR-THE-API-7f3a"


def test_webhook_submit_reply_payload_and_secret_headers() -> None:
    with (
        hook_receiver() as hooks,
        SimServer(SimConfig(latency=0.1)) as sim,
        httpx.Client(base_url=sim.base_url) as c,
    ):
        url = f"{hooks.url}/bfl/done"
        reply = c.post(
            "/v1/flux-2-pro",
            json={"prompt": "a kite", "seed": 3, "webhook_url": url, "webhook_secret": SECRET},
            headers={"x-key": KEY},
        ).json()
        assert set(reply) == {"id", "status", "webhook_url", "cost", "input_mp", "output_mp"}
        assert reply["status"] == "Pending" and reply["webhook_url"] == url
        call = wait_until(hooks.received)[0]
        polled = terminal(c, f"/v1/get_result?id={reply['id']}", {"x-key": KEY})  # polling by id still works
    assert call.path == "/bfl/done" and call.headers["content-type"] == "application/json"
    payload = json.loads(call.body)
    assert payload["id"] == reply["id"] and payload["status"] == "Ready"
    assert payload["result"]["seed"] == 3 and payload["result"]["sample"].startswith(sim.base_url)
    assert payload["result"]["prompt"] == polled["result"]["prompt"] and payload["timestamp"].endswith("Z")
    assert call.headers["x-webhook-secret"] == SECRET
    expected = hmac.new(SECRET.encode(), call.body, hashlib.sha256).hexdigest()
    assert call.headers["x-bfl-signature"] == f"sha256={expected}"
    assert "x-key" not in call.headers and "authorization" not in call.headers
    assert not any(KEY in v for v in call.headers.values())
    assert sim.webhook_calls[0].status == 200


def test_webhook_without_secret_and_for_a_moderated_task() -> None:
    with (
        hook_receiver() as hooks,
        SimServer(SimConfig(latency=0.05)) as sim,
        httpx.Client(base_url=sim.base_url) as c,
    ):
        c.post(
            "/flux/v1/flux-dev",
            json={"prompt": "[moderate-request] x", "webhook_url": hooks.url},
            headers=COMET_KEY,
        )
        call = wait_until(hooks.received)[0]
    assert json.loads(call.body)["status"] == "Request Moderated"
    assert "x-webhook-secret" not in call.headers and "x-bfl-signature" not in call.headers


def test_failed_webhook_calls_are_retried() -> None:
    config = SimConfig(latency=0.05, webhook_retry_delays=(0.05, 0.05, 0.05))
    with (
        hook_receiver(fail_first=2) as hooks,
        SimServer(config) as sim,
        httpx.Client(base_url=sim.base_url) as c,
    ):
        c.post("/v1/flux-pro-1.1", json={"prompt": "x", "webhook_url": hooks.url}, headers=BFL_KEY)
        calls = wait_until(lambda: len(hooks.received()) >= 3 and hooks.received())
        assert [
            call.status for call in wait_until(lambda: len(sim.webhook_calls) >= 3 and sim.webhook_calls)
        ] == [500, 500, 200]
    assert len({c.body for c in calls}) == 1  # the same payload each time
    assert [c.attempt for c in sim.webhook_calls] == [0, 1, 2]


def test_only_loopback_hooks_are_called() -> None:
    with SimServer(SimConfig(latency=0.05)) as sim, httpx.Client(base_url=sim.base_url) as c:
        reply = c.post(
            "/v1/flux-dev",
            json={"prompt": "x", "webhook_url": "https://hooks.example.com/x"},
            headers=BFL_KEY,
        )
        assert reply.status_code == 200
        call = wait_until(lambda: sim.webhook_calls)[0]
    assert call.status is None and "loopback" in call.error
