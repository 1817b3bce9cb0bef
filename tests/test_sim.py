"""The simulator over real sockets: both provider shapes, validation, limits, delivery, faults, the CLI."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from sim_helpers import SimClock

from fluxdesk.sim.faults import FaultPlan, parse_faults
from fluxdesk.sim.render import render_image
from fluxdesk.sim.server import DEMO_KEY, SimConfig, SimServer
from fluxdesk.sim.sizes import size_from_ratio

COMET = {"Authorization": f"Bearer {DEMO_KEY}"}
BFL = {"x-key": DEMO_KEY}
FAST = 0.1


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def server(clock: SimClock) -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=FAST, clock=clock)) as sim:
        yield sim


@pytest.fixture
def client(server: SimServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=5) as c:
        yield c


@pytest.fixture
def bare() -> Iterator[httpx.Client]:
    """A client with no base URL and no auth, as a downloader is."""
    with httpx.Client(timeout=5) as c:
        yield c


def submit_comet(c: httpx.Client, model: str = "flux-pro-1.1", **body: Any) -> httpx.Response:
    body.setdefault("prompt", "a red fox")
    return c.post(f"/flux/v1/{model}", json=body, headers=COMET)


def submit_bfl(c: httpx.Client, model: str = "flux-pro-1.1", **body: Any) -> httpx.Response:
    body.setdefault("prompt", "a red fox")
    return c.post(f"/v1/{model}", json=body, headers=BFL)


def poll_comet(c: httpx.Client, task_id: str) -> httpx.Response:
    return c.get("/flux/v1/get_result", params={"id": task_id}, headers=COMET)


def wait_terminal(c: httpx.Client, task_id: str, *, bfl: bool = False, limit: float = 3.0) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        if bfl:
            reply = c.get("/v1/get_result", params={"id": task_id}, headers=BFL).json()
        else:
            reply = poll_comet(c, task_id).json()
        if reply["status"] not in ("Pending", "Reasoning", "Generating") or time.monotonic() > deadline:
            return reply
        time.sleep(0.03)


def png_b64(size: tuple[int, int]) -> str:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


# ---- happy paths ------------------------------------------------------------------------------------


def test_cometapi_submit_poll_deliver(server: SimServer, client: httpx.Client) -> None:
    reply = submit_comet(client, seed=7)
    assert reply.status_code == 200
    task_id = reply.json()["id"]
    assert reply.json()["polling_url"].endswith(f"/flux/v1/get_result?id={task_id}")
    first = poll_comet(client, task_id).json()
    assert first["status"] == "Pending"
    assert 0.0 <= first["progress"] < 1.0
    assert set(first) >= {"id", "status", "result", "progress", "details", "preview"}
    done = wait_terminal(client, task_id)
    assert done["status"] == "Ready"
    result = done["result"]
    assert result["prompt"] == "a red fox" and result["seed"] == 7
    assert result["end_time"] >= result["start_time"] and result["duration"] == pytest.approx(FAST, abs=0.01)
    with httpx.Client(timeout=5) as plain:
        image = plain.get(result["sample"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert int(image.headers["content-length"]) == len(image.content)
    assert Image.open(io.BytesIO(image.content)).size == (1024, 768)
    assert server.tasks()[task_id].status == "Ready"


def test_bfl_submit_reply_and_absolute_polling_url(
    server: SimServer, client: httpx.Client, clock: SimClock
) -> None:
    reply = submit_bfl(client, "flux-pro-1.1-ultra", aspect_ratio="16:9")
    assert reply.status_code == 200
    data = reply.json()
    assert set(data) == {"id", "polling_url", "cost", "input_mp", "output_mp"}
    assert data["polling_url"] == f"{server.base_url}/v1/get_result?id={data['id']}"
    assert data["output_mp"] == pytest.approx(2752 * 1536 / 2**20, abs=0.01)  # BFL counts 2**20 pixels
    clock.advance(FAST)
    done = client.get(data["polling_url"], headers=BFL).json()
    assert done["status"] == "Ready"
    assert server.tasks()[data["id"]].size == (2752, 1536)


def test_sizes_from_ratio_input_images_and_defaults(server: SimServer, client: httpx.Client) -> None:
    assert size_from_ratio("16:9", 2048 * 2048) == (2752, 1536)
    assert size_from_ratio("9:16", 2048 * 2048) == (1536, 2752)
    cases = [
        ("flux-2-pro", {}, (1024, 1024)),
        ("flux-2-pro", {"input_image": png_b64((320, 208))}, (320, 208)),
        ("flux-2-pro", {"input_image": png_b64((320, 200))}, (320, 192)),  # snapped down to 16s
        ("flux-kontext-pro", {"input_image": png_b64((300, 400))}, (880, 1184)),  # ~1 MP at its aspect
        ("flux-kontext-pro", {}, (1024, 1024)),
        ("flux-pro-1.0-expand", {"image": png_b64((200, 100)), "left": 16, "top": 8}, (216, 108)),
        ("flux-pro-1.0-fill", {"image": "https://example.com/in.png"}, (1024, 1024)),
    ]
    for model, body, size in cases:
        reply = submit_bfl(client, model, **body)
        assert reply.status_code == 200, (model, reply.text)
        assert server.tasks()[reply.json()["id"]].size == size, model


def test_comet_pending_every_other_submit() -> None:
    with SimServer(SimConfig(latency=FAST, comet_pending_every=2)) as sim, \
            httpx.Client(base_url=sim.base_url) as c:
        first, second = submit_comet(c).json(), submit_comet(c).json()
    assert "polling_url" in first
    assert set(second) == {"id", "status"} and second["status"] == "Pending"


# ---- validation, auth, limits -----------------------------------------------------------------------


def test_validation_in_both_shapes(client: httpx.Client) -> None:
    comet = submit_comet(client, width=1000)
    assert comet.status_code == 400  # CometAPI: 400 with its own envelope
    error = comet.json()["error"]
    assert error["type"] == "comet_api_error" and error["code"] == "invalid_request"
    assert error["param"] == "width" and "multiple of 32" in error["message"]
    bfl = submit_bfl(client, width=1000, raw=True)
    assert bfl.status_code == 422  # BFL: FastAPI's 422 with pydantic's messages
    by_field = {d["loc"][-1]: d for d in bfl.json()["detail"]}
    assert by_field["width"]["msg"] == "Input should be a multiple of 32"
    assert by_field["width"]["type"] == "multiple_of" and by_field["width"]["input"] == 1000
    assert by_field["raw"]["msg"] == "Extra inputs are not permitted"
    assert submit_bfl(client, steps=99).status_code == 422  # flux-pro-1.1 takes no steps
    assert submit_bfl(client, "flux-dev", steps=99).json()["detail"][0]["loc"] == ["body", "steps"]
    assert client.post("/v1/flux-pro-1.1", content=b"{not json", headers=BFL).status_code == 422


def test_unknown_model_is_404(client: httpx.Client) -> None:
    assert submit_bfl(client, "flux-nope").status_code == 404
    reply = submit_comet(client, "flux-nope")
    assert reply.status_code == 404 and "flux-nope" in reply.json()["error"]["message"]


def test_wrong_key_403_at_bfl_401_at_cometapi() -> None:
    with SimServer(SimConfig(latency=FAST, valid_keys=frozenset({"good"}))) as sim, \
            httpx.Client(base_url=sim.base_url) as c:
        assert c.post("/v1/flux-pro-1.1", json={"prompt": "x"}).status_code == 403
        assert c.post("/v1/flux-pro-1.1", json={"prompt": "x"}, headers={"x-key": "bad"}).status_code == 403
        # the key must come in the provider's own header
        assert c.post("/v1/flux-pro-1.1", json={"prompt": "x"},
                      headers={"Authorization": "Bearer good"}).status_code == 403
        reply = c.post("/flux/v1/flux-pro-1.1", json={"prompt": "x"}, headers={"Authorization": "Bearer bad"})
        assert reply.status_code == 401 and reply.json()["error"]["type"] == "comet_api_error"
        assert c.post("/v1/flux-pro-1.1", json={"prompt": "x"}, headers={"x-key": "good"}).status_code == 200
        assert c.get("/v1/get_result", params={"id": "x"}).status_code == 403


def test_429_past_active_limit_with_retry_after(clock: SimClock) -> None:
    with SimServer(SimConfig(latency=0.4, max_active=2, retry_after=2, clock=clock)) as sim, \
            httpx.Client(base_url=sim.base_url) as c:
        assert submit_bfl(c).status_code == 200
        assert submit_bfl(c).status_code == 200
        refused = submit_bfl(c)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "2"
        # another key is another account
        assert c.post("/v1/flux-pro-1.1", json={"prompt": "x"}, headers={"x-key": "other"}).status_code == 200
        clock.advance(0.45)  # the first two have ended
        assert submit_bfl(c).status_code == 200


def test_kontext_max_limit_comes_from_the_catalogue() -> None:
    with SimServer(SimConfig(latency=2.0)) as sim, httpx.Client(base_url=sim.base_url) as c:
        codes = [submit_comet(c, "flux-kontext-max").status_code for _ in range(7)]
        assert codes == [200] * 6 + [429]
        assert submit_comet(c, "flux-kontext-pro").status_code == 200


def test_many_concurrent_connections() -> None:
    results: list[int] = []
    lock = threading.Lock()
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    with SimServer(SimConfig(latency=FAST, max_active=1000)) as sim, \
            httpx.Client(base_url=sim.base_url, timeout=10, limits=limits) as c:

        def one() -> None:
            code = submit_bfl(c).status_code
            with lock:
                results.append(code)

        threads = [threading.Thread(target=one) for _ in range(60)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [200] * 60


# ---- images, determinism, delivery ------------------------------------------------------------------


def test_render_is_deterministic_and_varies() -> None:
    a = render_image("flux-pro-1.1", "a red fox", 1, 256, 192, "jpeg")
    assert a == render_image("flux-pro-1.1", "a red fox", 1, 256, 192, "jpeg")
    assert a != render_image("flux-pro-1.1", "a red fox", 2, 256, 192, "jpeg")
    assert a != render_image("flux-pro-1.1", "a blue fox", 1, 256, 192, "jpeg")
    png = render_image("flux-dev", "x", 1, 320, 160, "png")
    assert Image.open(io.BytesIO(png)).format == "PNG" and Image.open(io.BytesIO(png)).size == (320, 160)


def test_render_is_fast() -> None:
    render_image("flux-pro-1.1", "warm up", 0, 1024, 768, "jpeg")
    start = time.perf_counter()
    for seed in range(5):
        render_image("flux-pro-1.1", "a quick benchmark", seed, 1024, 768, "jpeg")
    assert (time.perf_counter() - start) / 5 < 0.1  # generous: ~10 ms on a laptop


def _deliver(c: httpx.Client, bare: httpx.Client, task_id: str) -> httpx.Response:
    done = wait_terminal(c, task_id)
    assert done["status"] == "Ready", done
    return bare.get(done["result"]["sample"])


def test_same_inputs_same_bytes_over_http(client: httpx.Client, bare: httpx.Client) -> None:
    one = _deliver(client, bare, submit_comet(client, seed=5, output_format="png").json()["id"])
    two = _deliver(client, bare, submit_comet(client, seed=5, output_format="png").json()["id"])
    other = _deliver(client, bare, submit_comet(client, seed=6, output_format="png").json()["id"])
    assert one.content == two.content != other.content
    assert one.headers["content-type"] == "image/png"


def test_link_expires_after_ttl(bare: httpx.Client, clock: SimClock) -> None:
    config = SimConfig(latency=FAST, url_ttl=0.3, clock=clock)
    with SimServer(config) as sim, httpx.Client(base_url=sim.base_url) as c:
        task_id = submit_comet(c).json()["id"]
        done = wait_terminal(c, task_id)
        url = done["result"]["sample"]
        assert bare.get(url).status_code == 200
        assert bare.get(url.replace("sig=", "sig=0")).status_code == 403  # forged
        clock.advance(0.35)
        expired = bare.get(url)
        assert expired.status_code == 403
        assert "AuthenticationFailed" in expired.text and "expiry" in expired.text


def test_delivery_refuses_an_api_key(client: httpx.Client, bare: httpx.Client) -> None:
    done = wait_terminal(client, submit_comet(client).json()["id"])
    assert bare.get(done["result"]["sample"], headers=COMET).status_code == 400


def test_received_records_routes_and_headers(
    server: SimServer, client: httpx.Client, bare: httpx.Client
) -> None:
    server.clear_received()
    task_id = submit_comet(client).json()["id"]
    done = wait_terminal(client, task_id)
    bare.get(done["result"]["sample"])
    client.get("/nowhere")
    seen = server.received
    routes = [r.route for r in seen]
    assert routes[0] == "submit" and "poll" in routes and routes[-2:] == ["delivery", "other"]
    submit = seen[0]
    assert submit.method == "POST" and submit.path == "/flux/v1/flux-pro-1.1"
    assert submit.headers["Authorization"] == f"Bearer {DEMO_KEY}"  # case-insensitive lookup
    assert submit.headers.get("authorization") == f"Bearer {DEMO_KEY}"
    delivery = seen[-2]
    assert "authorization" not in delivery.headers and "x-key" not in delivery.headers
    server.clear_received()
    assert server.received == []


def test_poll_with_another_key_or_unknown_id_is_task_not_found(client: httpx.Client) -> None:
    task_id = submit_comet(client).json()["id"]
    other = client.get("/flux/v1/get_result", params={"id": task_id}, headers={"Authorization": "Bearer zz"})
    assert other.json()["status"] == "Task not found"
    assert poll_comet(client, "no-such-id").json()["status"] == "Task not found"


# ---- moderation ---------------------------------------------------------------------------------------


def test_moderation_triggers(client: httpx.Client) -> None:
    refused = submit_comet(client, prompt="please [moderate-request] me").json()["id"]
    reply = poll_comet(client, refused).json()
    assert reply["status"] == "Request Moderated" and reply["details"]
    flagged = submit_bfl(client, prompt="[moderate-content] here").json()["id"]
    assert wait_terminal(client, flagged, bfl=True)["status"] == "Content Moderated"


# ---- faults ---------------------------------------------------------------------------------------------


def test_fault_spec_parsing() -> None:
    faults = parse_faults("poll500:3, submit429:2:retry=1; stall:1:secs=5 poll503@0.2 truncated nopolling:2")
    kinds = [(f.route, f.kind, f.remaining, f.probability) for f in faults]
    assert kinds == [
        ("poll", "500", 3, None), ("submit", "429", 2, None), (None, "stall", 1, None),
        ("poll", "503", None, 0.2), ("delivery", "truncated", 1, None), (None, "nopolling", 2, None),
    ]
    assert faults[1].options == {"retry": "1"}
    (prob,) = parse_faults("submit429@0.1:retry=2")
    assert (prob.route, prob.kind, prob.probability, prob.options) == ("submit", "429", 0.1, {"retry": "2"})
    for bad in ("poll999", "pollfoo:2", "poll500@2", "submitnotfound", "poll500:x"):
        with pytest.raises(ValueError):
            parse_faults(bad)


def test_probability_faults_are_seeded() -> None:
    def run(seed: int) -> list[bool]:
        plan = FaultPlan("poll500@0.5", seed=seed)
        return [plan.take_request_fault("poll") is not None for _ in range(40)]

    assert run(1) == run(1)
    assert 5 < sum(run(1)) < 35
    assert FaultPlan("poll500@0.5").take_request_fault("submit") is None


def test_counting_5xx_bursts_on_poll_and_submit(server: SimServer, client: httpx.Client) -> None:
    task_id = submit_comet(client).json()["id"]
    server.set_faults("poll500:2")
    assert [poll_comet(client, task_id).status_code for _ in range(3)] == [500, 500, 200]
    server.set_faults("submit502,submit503,submit504,submit524")
    codes = [submit_bfl(client).status_code for _ in range(5)]
    assert codes == [502, 503, 504, 524, 200]
    server.set_faults("submit500")
    error = submit_comet(client)
    assert error.status_code == 500 and error.json()["error"]["code"] == "500"
    server.set_faults("poll503")
    assert client.get("/v1/get_result", params={"id": task_id}, headers=BFL).json()["detail"]


def test_429_faults_carry_retry_after(server: SimServer, client: httpx.Client) -> None:
    server.set_faults("poll429:2:retry=3,submit429:1")
    task_id = "whatever"
    first = poll_comet(client, task_id)
    assert first.status_code == 429 and first.headers["retry-after"] == "3"
    assert poll_comet(client, task_id).status_code == 429
    assert poll_comet(client, task_id).status_code == 200
    refused = submit_comet(client)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
    assert submit_comet(client).status_code == 200


def test_reset_closes_without_answer(server: SimServer, client: httpx.Client) -> None:
    server.set_faults("submitreset")
    with pytest.raises(httpx.TransportError):
        submit_comet(client)
    assert submit_comet(client).status_code == 200  # the client reconnects
    assert [r.route for r in server.received] == ["submit", "submit"]


def test_stall_is_bounded_and_outlasts_a_short_timeout(server: SimServer) -> None:
    server.set_faults("pollstall:1:secs=0.6")
    with httpx.Client(base_url=server.base_url, timeout=0.2) as c, pytest.raises(httpx.ReadTimeout):
        poll_comet(c, "x")
    with httpx.Client(base_url=server.base_url, timeout=2) as c:
        assert poll_comet(c, "x").status_code == 200


def test_html_page_and_malformed_json(server: SimServer, client: httpx.Client) -> None:
    server.set_faults("pollhtml,pollbadjson")
    page = poll_comet(client, "x")
    assert page.status_code == 502 and page.headers["content-type"].startswith("text/html")
    assert "<html>" in page.text
    bad = poll_comet(client, "x")
    assert bad.status_code == 200
    with pytest.raises(ValueError):
        bad.json()


def test_delivery_faults_truncated_corrupt_cutoff(
    server: SimServer, client: httpx.Client, bare: httpx.Client
) -> None:
    task_id = submit_comet(client, seed=3).json()["id"]
    done = wait_terminal(client, task_id)
    url = done["result"]["sample"]
    whole = bare.get(url).content
    server.set_faults("truncated,corrupt,cutoff")
    short = bare.get(url)
    assert short.status_code == 200 and len(short.content) == len(whole) // 2
    broken = bare.get(url).content
    assert len(broken) == len(whole) and broken != whole
    for data in (short.content, broken):
        with pytest.raises(OSError):
            Image.open(io.BytesIO(data)).load()
    with pytest.raises(httpx.TransportError):
        bare.get(url)
    assert bare.get(url).content == whole


def test_task_faults_statuses(server: SimServer, client: httpx.Client) -> None:
    server.set_faults("notfound")
    assert poll_comet(client, submit_comet(client).json()["id"]).json()["status"] == "Task not found"
    server.set_faults("error")
    failed = wait_terminal(client, submit_comet(client).json()["id"])
    assert failed["status"] == "Error" and failed["details"]
    server.set_faults("failed")
    assert wait_terminal(client, submit_comet(client).json()["id"])["status"] == "Failed"
    server.set_faults("contentmod,reqmod")
    assert poll_comet(client, submit_comet(client).json()["id"]).json()["status"] == "Request Moderated"


def test_unknown_statuses_before_ready() -> None:
    clock = SimClock(frozen=True)  # every step of the progress is seen, however slow the machine
    config = SimConfig(latency=0.4, faults="unknown", clock=clock)
    with SimServer(config) as sim, httpx.Client(base_url=sim.base_url) as c:
        task_id = submit_comet(c).json()["id"]
        seen = []
        for _ in range(20):  # 0.05 s a step: Ready after about 8
            seen.append(poll_comet(c, task_id).json()["status"])
            if seen[-1] == "Ready":
                break
            clock.advance(0.05)
    assert seen[-1] == "Ready"
    assert "Pending" not in seen
    assert {"Reasoning", "Generating"} <= set(seen)


def test_submit_without_polling_url(server: SimServer, client: httpx.Client) -> None:
    server.set_faults("nopolling:2")
    assert submit_comet(client).json().keys() == {"id", "status"}
    assert "polling_url" not in submit_bfl(client).json()
    assert "polling_url" in submit_bfl(client).json()


def test_foreign_polling_url(server: SimServer, client: httpx.Client) -> None:
    server.set_faults("foreign")
    reply = submit_bfl(client).json()
    assert reply["polling_url"] == f"http://evil.example.invalid/v1/get_result?id={reply['id']}"


def test_expired_link_fault(server: SimServer, client: httpx.Client, bare: httpx.Client) -> None:
    server.set_faults("expired")
    done = wait_terminal(client, submit_comet(client).json()["id"])
    assert bare.get(done["result"]["sample"]).status_code == 403


def test_faults_from_config_and_bad_spec() -> None:
    config = SimConfig(latency=FAST, faults="submit503")
    with SimServer(config) as sim, httpx.Client(base_url=sim.base_url) as c:
        assert submit_bfl(c).status_code == 503
        with pytest.raises(ValueError):
            sim.set_faults("explode")
    with pytest.raises(ValueError):
        SimServer(SimConfig(faults="poll500:many"))


# ---- the command line -----------------------------------------------------------------------------------


def test_cli_prints_base_url_first() -> None:
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "fluxdesk", "sim", "--port", "0", "--latency", "0.1"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:")
        reply = httpx.post(f"{line}/v1/flux-dev", json={"prompt": "x"}, headers=BFL, timeout=5)
        assert reply.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_tasks_age_out_after_retention(clock: SimClock) -> None:
    import httpx

    with SimServer(SimConfig(latency=0.0, url_ttl=0.05, task_retention=0.05, clock=clock)) as server:
        headers = {"Authorization": "Bearer k"}
        submit = f"{server.base_url}/flux/v1/flux-pro-1.1"
        first = httpx.post(submit, json={"prompt": "a", "seed": 1}, headers=headers).json()["id"]
        clock.advance(0.2)
        httpx.post(submit, json={"prompt": "b", "seed": 2}, headers=headers)
        poll = f"{server.base_url}/flux/v1/get_result"
        status = httpx.get(poll, params={"id": first}, headers=headers).json()
        assert status["status"] == "Task not found"
        assert first not in server.tasks()
