"""Where requests go, through the client over real sockets: a submit with a webhook (polled by id; the
simulator calls a small local receiver, never with the key), and polling URLs on other hosts."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest
from client_sim_helpers import KEY, PROVIDERS, assert_no_key, eventually, make_client, routes, small_request
from sim_helpers import hook_receiver

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.errors import UnsafeUrl
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.sim.server import SimConfig, SimServer

SECRET = "whsec-client-test-0b1c2d"


# ---- webhooks -------------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_a_webhook_submit_is_polled_by_id_and_the_hook_never_sees_the_key(provider: str) -> None:
    with hook_receiver() as hooks, SimServer(SimConfig(latency=0.2)) as sim:
        request = small_request(provider, webhook_url=f"{hooks.url}/done", webhook_secret=SECRET)
        async with make_client(sim, provider) as client:
            task = await client.submit(request)
            status = await client.wait_ready(task)
            image = await client.download(status.sample_url or "")
            call = (await eventually(hooks.received))[0]
    # the reply's shape: no polling_url, so the task is polled by id on the API host
    assert task.polling_url is None and task.raw["status"] == "Pending"
    assert task.raw["webhook_url"] == f"{hooks.url}/done"
    prefix = "/v1/get_result" if provider == BFL else "/flux/v1/get_result"
    polls = routes(sim, "poll")
    assert polls and all(r.path == f"{prefix}?id={task.id}" for r in polls)
    if provider == BFL:  # the cost is kept though the reply has no polling_url
        assert task.cost == 4.0 and task.output_mp is not None
    assert status.is_ready and image.size == (256, 256)
    # the hook: the finished task, with the secret as the simulator sends it, and never the key
    payload = json.loads(call.body)
    assert call.path == "/done" and payload["id"] == task.id and payload["status"] == "Ready"
    assert call.headers["x-webhook-secret"] == SECRET
    signature = hmac.new(SECRET.encode(), call.body, hashlib.sha256).hexdigest()
    assert call.headers["x-bfl-signature"] == f"sha256={signature}"
    assert "x-key" not in call.headers and "authorization" not in call.headers
    assert not any(KEY in v for v in call.headers.values()) and KEY.encode() not in call.body
    # the submit carried both fields, and only the API host ever received the key
    sent = json.loads(routes(sim, "submit")[0].body)
    assert sent["webhook_url"] == f"{hooks.url}/done" and sent["webhook_secret"] == SECRET
    assert all(not any(KEY in v for v in r.headers.values()) for r in routes(sim, "delivery"))


@pytest.mark.asyncio
async def test_a_hook_that_fails_does_not_stop_the_image_being_saved() -> None:
    with hook_receiver(fail_first=10) as hooks, SimServer(SimConfig(latency=0.1)) as sim:
        async with make_client(sim, BFL) as client:
            task = await client.submit(small_request(BFL, webhook_url=hooks.url))
            status = await client.wait_ready(task)
            image = await client.download(status.sample_url or "")
            calls = await eventually(lambda: sim.webhook_calls)
    assert image.data == sim.image_bytes(task.id)
    assert calls[0].status == 500 and "x-webhook-secret" not in calls[0].headers  # no secret given


# ---- polling URLs on other hosts ------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("base", "polling"),
    [
        ("http://127.0.0.1:{port}", "http://localhost:{port}"),
        ("http://localhost:{port}", "http://127.0.0.1:{port}"),
    ],
)
async def test_a_polling_url_on_another_loopback_name_gets_nothing(base: str, polling: str) -> None:
    """The same computer under another name is another host: the key goes to the configured one only."""
    with SimServer(SimConfig(latency=0.1, polling_base=polling)) as sim:
        port = sim.base_url.rsplit(":", 1)[1]
        async with make_client(sim, BFL, base_url=base.format(port=port)) as client:
            task = await client.submit(small_request(BFL))
            with pytest.raises(UnsafeUrl) as caught:
                await client.wait_ready(task)
    other = polling.format(port=port).split("//", 1)[1]
    text = str(caught.value)
    assert task.polling_url and task.polling_url.startswith(polling.format(port=port))
    assert other in text and task.id in text and "nothing was sent" in text
    assert text.endswith(".") and text.count(". ") == 0 and "\n" not in text  # one sentence
    assert caught.value.reached_provider is False
    assert routes(sim, "poll") == [] and client.request_count == 1
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_a_polling_url_on_the_configured_host_is_followed_with_the_key() -> None:
    with SimServer(SimConfig(latency=0.1, polling_base="http://127.0.0.1:{port}/")) as sim:
        async with make_client(sim, BFL) as client:
            task = await client.submit(small_request(BFL))
            status = await client.wait_ready(task)
    assert task.polling_url == f"{sim.base_url}/v1/get_result?id={task.id}" and status.is_ready
    assert all(r.headers.get("x-key") == KEY for r in routes(sim, "poll"))


class RegionToSimulator(httpx.AsyncBaseTransport):
    """Sends what is addressed to BFL's eu2 region to the simulator instead (nothing here can reach the
    real host), and refuses every other host but the simulator's."""

    def __init__(self, base_url: str) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._base = httpx.URL(base_url)
        self.regional: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.eu2.bfl.ai":
            self.regional.append(request)
            request.url = request.url.copy_with(scheme="http", host=self._base.host, port=self._base.port)
        elif request.url.host != self._base.host:
            raise httpx.ConnectError(f"{request.url.host} is not the simulator", request=request)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.mark.asyncio
async def test_a_polling_url_in_a_numbered_bfl_region_is_followed_with_the_key() -> None:
    with SimServer(SimConfig(latency=0.1, polling_base="https://api.eu2.bfl.ai")) as sim:
        config = ProviderConfig(BFL, KEY, sim.base_url)
        transport = RegionToSimulator(sim.base_url)
        async with make_client(sim, BFL, transport=transport) as client:
            task = await client.submit(small_request(BFL))
            assert task.polling_url == f"https://api.eu2.bfl.ai/v1/get_result?id={task.id}"
            assert config.may_receive_key(task.polling_url)  # the host rule, on its own
            status = await client.wait_ready(task)
    assert status.is_ready and transport.regional
    assert all(r.headers.get("x-key") == KEY for r in transport.regional)
    assert routes(sim, "poll") and all(r.headers.get("x-key") == KEY for r in routes(sim, "poll"))


def test_the_region_rule_is_bfls_alone() -> None:
    regional = "https://api.eu2.bfl.ai/v1/get_result?id=t"
    assert ProviderConfig(BFL, KEY, "http://127.0.0.1:9").may_receive_key(regional)
    assert not ProviderConfig(COMETAPI, KEY, "http://127.0.0.1:9").may_receive_key(regional)
    assert not ProviderConfig(BFL, KEY).may_receive_key("http://api.eu2.bfl.ai/v1/get_result?id=t")
