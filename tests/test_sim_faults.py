"""The faults the trust work needs, over real sockets: outages that last, damaged downloads in a row,
malformed status replies, 400/402/403 and 429 with a body retry_after."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from sim_helpers import BFL_KEY, COMET_KEY, terminal, wait_until

from fluxdesk.sim.faults import parse_faults
from fluxdesk.sim.server import SimConfig, SimServer


@pytest.fixture
def sim() -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.05)) as server:
        yield server


@pytest.fixture
def client(sim: SimServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=5) as c:
        yield c


def poll(c: httpx.Client, task_id: str = "x") -> httpx.Response:
    return c.get("/v1/get_result", params={"id": task_id}, headers=BFL_KEY)


def test_the_grammar_of_the_new_faults() -> None:
    outage, body429, status = parse_faults(
        "polloutage:secs=2:code=502, submit429:1:retry=4:where=body, submit403"
    )
    assert (outage.route, outage.kind, outage.outage_code, outage.remaining) == (
        "poll",
        "outage",
        "502",
        None,
    )
    assert outage.until is not None and outage.until > time.monotonic()
    assert body429.options == {"retry": "4", "where": "body"} and status.kind == "403"
    assert parse_faults("deliveryoutage:code=reset")[0].outage_code == "reset"
    with pytest.raises(ValueError):
        parse_faults("polloutage:code=teapot")


def test_an_outage_lasts_until_its_seconds_have_passed(sim: SimServer, client: httpx.Client) -> None:
    task = client.post("/v1/flux-dev", json={"prompt": "x"}, headers=BFL_KEY).json()
    sim.set_faults("polloutage:secs=0.4")
    started = time.monotonic()
    assert [poll(client, task["id"]).status_code for _ in range(3)] == [503, 503, 503]
    wait_until(lambda: poll(client, task["id"]).status_code == 200, timeout=3)
    assert time.monotonic() - started >= 0.4
    assert client.post("/v1/flux-dev", json={"prompt": "x"}, headers=BFL_KEY).status_code == 200


def test_an_outage_can_drop_connections(sim: SimServer, client: httpx.Client) -> None:
    sim.set_faults("submitoutage:secs=0.3:code=reset")
    with pytest.raises(httpx.TransportError):
        client.post("/v1/flux-dev", json={"prompt": "x"}, headers=BFL_KEY)
    wait_until(lambda: _submits(client), timeout=3)


def _submits(c: httpx.Client) -> bool:
    try:
        return c.post("/v1/flux-dev", json={"prompt": "x"}, headers=BFL_KEY).status_code == 200
    except httpx.TransportError:
        return False


def test_damaged_downloads_in_a_row(sim: SimServer, client: httpx.Client) -> None:
    task = client.post("/v1/flux-dev", json={"prompt": "x", "seed": 1}, headers=BFL_KEY).json()
    url = terminal(client, task["polling_url"], BFL_KEY)["result"]["sample"]
    whole = httpx.get(url).content
    sim.set_faults("corrupt:3")
    damaged = [httpx.get(url).content for _ in range(3)]
    assert all(d != whole and len(d) == len(whole) for d in damaged)
    assert httpx.get(url).content == whole


def test_malformed_status_replies(sim: SimServer, client: httpx.Client) -> None:
    sim.set_faults("pollbadjson, pollhtml:1:code=200, pollnostatus, pollempty")
    cut = poll(client)
    assert cut.status_code == 200
    with pytest.raises(ValueError):
        cut.json()
    page = poll(client)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "status" not in poll(client).json()
    empty = poll(client)
    assert empty.status_code == 200 and empty.content == b""


@pytest.mark.parametrize("code", [400, 402, 403])
def test_client_error_faults_in_each_shape(sim: SimServer, client: httpx.Client, code: int) -> None:
    sim.set_faults(f"submit{code}:2")
    bfl = client.post("/v1/flux-dev", json={"prompt": "x"}, headers=BFL_KEY)
    assert bfl.status_code == code and isinstance(bfl.json()["detail"], str)
    comet = client.post("/flux/v1/flux-dev", json={"prompt": "x"}, headers=COMET_KEY)
    assert comet.status_code == code and comet.json()["error"]["type"] == "comet_api_error"
    assert client.post("/v1/flux-dev", json={"prompt": "x"}, headers=BFL_KEY).status_code == 200


def test_429_with_retry_after_in_the_body(sim: SimServer, client: httpx.Client) -> None:
    sim.set_faults("poll429:1:retry=7:where=body, poll429:1:retry=2:where=both")
    body_only = poll(client)
    assert body_only.status_code == 429 and "retry-after" not in body_only.headers
    assert body_only.json()["retry_after"] == 7.0
    both = poll(client)
    assert both.headers["retry-after"] == "2" and both.json()["retry_after"] == 2.0
