"""Persistent state, regional polling hosts and the socket options, over real sockets."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx
from sim_helpers import BFL_KEY, COMET_KEY, hook_receiver, png_b64, terminal, wait_until

from fluxdesk.sim.server import SimConfig, SimServer
from fluxdesk.sim.sockets import REQUEST_QUEUE_SIZE, SimHTTPServer


def test_tasks_balances_and_timing_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "sim.json"
    config = SimConfig(latency=0.6, credits=100.0, state_path=path)
    image = png_b64((300, 200))
    with SimServer(config) as first, httpx.Client(base_url=first.base_url) as c:
        done = c.post("/flux/v1/flux-pro-1.1", json={"prompt": "fox", "seed": 1}, headers=COMET_KEY).json()
        terminal(c, f"/flux/v1/get_result?id={done['id']}", COMET_KEY)
        edit = c.post(
            "/v1/flux-kontext-pro", json={"prompt": "blue", "input_image": image, "seed": 5}, headers=BFL_KEY
        ).json()
        before = {t.id: t for t in first.tasks().values()}
        assert first.tasks()[edit["id"]].status == "Pending"  # still in flight at the stop
        image_before = first.image_bytes(done["id"])
        link = c.get(f"/flux/v1/get_result?id={done['id']}", headers=COMET_KEY).json()["result"]["sample"]
    saved = json.loads(path.read_text())
    assert len(saved["tasks"]) == 2 and all(len(json.dumps(t)) < 4000 for t in saved["tasks"])  # images aside
    with SimServer(config) as second, httpx.Client(base_url=second.base_url) as c:
        assert {t.id: (t.ready_at, t.seed, t.size) for t in second.tasks().values()} == {
            t.id: (t.ready_at, t.seed, t.size) for t in before.values()
        }
        assert second.balance("k-sim") == 100.0 - 8.0
        finished = terminal(c, f"/v1/get_result?id={edit['id']}", BFL_KEY)  # found, and it finishes
        assert finished["status"] == "Ready" and finished["result"]["seed"] == 5
        assert second.image_bytes(done["id"]) == image_before  # re-rendered, byte for byte
        old_link = link.replace(link.split("/delivery/")[0], second.base_url)
        assert httpx.get(old_link).content == image_before  # links signed before the restart still work


def test_aged_tasks_are_dropped_from_the_state(tmp_path: Path) -> None:
    path = tmp_path / "sim.json"
    config = SimConfig(latency=0.0, url_ttl=0.05, task_retention=0.05, state_path=path)
    with SimServer(config) as sim, httpx.Client(base_url=sim.base_url) as c:
        first = c.post("/v1/flux-dev", json={"prompt": "a"}, headers=BFL_KEY).json()["id"]
        wait_until(lambda: not sim.store.forget_old() and first not in sim.tasks(), timeout=3)
    assert first not in path.read_text()
    with SimServer(config) as again:
        assert again.tasks() == {} and again.balance("k-sim") == config.credits - 2.5  # spent stays spent


def test_a_broken_state_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "sim.json"
    path.write_text("{not json")
    with SimServer(SimConfig(state_path=path)) as sim:
        assert sim.tasks() == {}
    assert (tmp_path / "sim.json.broken").exists()


def test_polling_url_on_another_host_form() -> None:
    with (
        SimServer(SimConfig(latency=0.05, polling_base="http://localhost:{port}")) as sim,
        httpx.Client() as c,
    ):
        reply = c.post(f"{sim.base_url}/v1/flux-pro-1.1", json={"prompt": "x"}, headers=BFL_KEY).json()
        port = sim.base_url.rsplit(":", 1)[1]
        assert reply["polling_url"] == f"http://localhost:{port}/v1/get_result?id={reply['id']}"
        assert terminal(c, reply["polling_url"], BFL_KEY)["status"] == "Ready"
        comet = c.post(f"{sim.base_url}/flux/v1/flux-pro-1.1", json={"prompt": "x"}, headers=COMET_KEY).json()
    assert comet["polling_url"].startswith(sim.base_url)  # CometAPI's own get_result
    hosts = {r.headers["host"] for r in sim.received if r.route == "poll"}
    assert hosts == {f"localhost:{port}"}


def test_accepted_sockets_have_nodelay_and_the_queue_is_deep() -> None:
    assert SimHTTPServer.request_queue_size == REQUEST_QUEUE_SIZE >= 1024
    with SimServer(SimConfig(latency=0.05)) as sim, httpx.Client(base_url=sim.base_url) as c:
        c.get("/v1/credits", headers=BFL_KEY)
        assert wait_until(sim.nodelay) == [True]
        # a burst of connections opened at once is accepted, none refused
        host, port = sim.base_url[len("http://") :].split(":")
        sockets = [socket.create_connection((host, int(port)), timeout=5) for _ in range(200)]
        try:
            for s in sockets[:50]:
                s.sendall(b"GET /v1/credits HTTP/1.1\r\nHost: x\r\nx-key: k\r\n\r\n")
            answers = [s.recv(64) for s in sockets[:50]]
        finally:
            for s in sockets:
                s.close()
    assert all(a.startswith(b"HTTP/1.1 200") for a in answers)


def test_webhooks_of_tasks_in_flight_at_a_stop_are_called_after_the_start(tmp_path: Path) -> None:
    config = SimConfig(latency=0.5, state_path=tmp_path / "sim.json")
    with hook_receiver() as hooks:
        with SimServer(config) as first, httpx.Client(base_url=first.base_url) as c:
            c.post("/v1/flux-dev", json={"prompt": "x", "webhook_url": hooks.url}, headers=BFL_KEY)
        assert hooks.received() == []
        with SimServer(config) as second:
            wait_until(hooks.received)
            wait_until(
                lambda: all(t["webhook_sent"] for t in json.loads(config.state_path.read_text())["tasks"])
            )
        with SimServer(config) as third:
            assert third.webhook_calls == [] and third._webhooks._queue == []  # delivered once, not again
    assert json.loads(hooks.received()[0].body)["status"] == "Ready" and len(hooks.received()) == 1
    assert second.webhook_calls[0].status == 200
