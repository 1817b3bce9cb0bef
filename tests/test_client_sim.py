"""The client against the simulator over real sockets: happy paths, every failure, retries, the key's path."""

from __future__ import annotations

import asyncio
import logging
import random
import socket
from collections.abc import Iterator

import pytest
from sim_helpers import SimClock

from fluxdesk.api.catalog import BFL, COMETAPI, default_catalog
from fluxdesk.api.client import FluxClient, PollPolicy, RetryPolicy
from fluxdesk.api.errors import (
    AuthError,
    ContentModerated,
    CorruptImage,
    FluxError,
    GenerationFailed,
    InvalidKey,
    InvalidRequest,
    InvalidResponse,
    NetworkError,
    NeverSent,
    ProviderUnavailable,
    RateLimited,
    RequestModerated,
    ResultExpired,
    TaskNotFound,
    Timeout,
    UnsafeUrl,
)
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.api.types import SubmittedTask, TaskStatus
from fluxdesk.sim.server import SimConfig, SimServer

KEY = "sk-sim-SECRET-9f8e7d6c5b4a3921"
PROVIDERS = [COMETAPI, BFL]


class RecordingSleep:
    """Records every wait; really sleeps only a sliver (scaled) so the simulator's clock can move on."""

    def __init__(self, scale: float = 0.0, cap: float = 0.05) -> None:
        self.delays: list[float] = []
        self.scale = scale
        self.cap = cap

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(min(seconds * self.scale, self.cap) if self.scale else 0)


class NoJitter(random.Random):
    def random(self) -> float:
        return 0.0


@pytest.fixture
def server() -> Iterator[SimServer]:
    sim = SimServer(SimConfig(latency=0.2, retry_after=0.2))
    sim.start()
    try:
        yield sim
    finally:
        sim.stop()


def make_client(
    sim: SimServer,
    provider: str = COMETAPI,
    *,
    key: str = KEY,
    sleep: RecordingSleep | None = None,
    **kw: object,
) -> FluxClient:
    kw.setdefault("poll", PollPolicy(interval=0.05, max_interval=0.1, deadline=20.0))
    return FluxClient(
        ProviderConfig(provider, key, sim.base_url),
        sleep=sleep or RecordingSleep(scale=1.0, cap=0.1),
        rng=NoJitter(),
        **kw,  # type: ignore[arg-type]
    )


def small_request(prompt: str = "a red fox in snow", **params: object) -> GenerationRequest:
    values = {"width": 256, "height": 256, "seed": 7, "output_format": "png", **params}
    return build_request(default_catalog(), "flux-pro-1.1", prompt, values)


def routes(sim: SimServer, route: str) -> list:
    return [r for r in sim.received if r.route == route]


def assert_no_key(exc: BaseException) -> None:
    texts = [str(exc), repr(exc), str(getattr(exc, "details", "") or ""), repr(exc.args)]
    for field in getattr(exc, "errors", []) or []:
        texts.append(field.message)
    assert not any(KEY in t for t in texts), texts
    assert "\n" not in str(exc)


async def generate(client: FluxClient, request: GenerationRequest | None = None, **kw: object):
    task = await client.submit(request or small_request())
    status = await client.wait_ready(task, **kw)  # type: ignore[arg-type]
    return task, status


# ---- happy paths ---------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_happy_path(server: SimServer, provider: str) -> None:
    seen: list[TaskStatus] = []
    async with make_client(server, provider) as client:
        task, status = await generate(client, on_status=seen.append)
        image = await client.download(status.sample_url or "", expected_size=(256, 256))
    assert task.provider == provider and task.id
    assert image.size == (256, 256) and image.format == "png"
    assert image.data == server.image_bytes(task.id)  # byte for byte
    assert seen[-1].is_ready and all(s.progress is None or 0.0 <= s.progress <= 1.0 for s in seen)
    assert status.result["seed"] == 7
    if provider == BFL:
        assert task.polling_url and task.cost is not None
    assert client.request_count == len(server.received)
    prefix = "/flux/v1/" if provider == COMETAPI else "/v1/"
    assert routes(server, "submit")[0].path == prefix + "flux-pro-1.1"
    assert all(r.path.startswith(prefix + "get_result?id=") for r in routes(server, "poll"))


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_key_goes_to_the_api_only(provider: str) -> None:
    # a delivery host that would accept a key: had the client sent one, it would be seen here below
    # (the default simulator refuses such a download, so the check on its headers would never run)
    server = SimServer(SimConfig(latency=0.2, delivery_rejects_auth=False))
    server.start()
    try:
        async with make_client(server, provider) as client:
            _, status = await generate(client)
            await client.download(status.sample_url or "")
    finally:
        server.stop()
    header = "authorization" if provider == COMETAPI else "x-key"
    api = routes(server, "submit") + routes(server, "poll")
    assert api and all(KEY in r.headers.get(header, "") for r in api)
    delivery = routes(server, "delivery")
    assert len(delivery) == 1
    for r in delivery:
        assert "authorization" not in r.headers and "x-key" not in r.headers
        assert not any(KEY in v for v in r.headers.values())


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_submit_without_polling_url_polls_the_own_host(server: SimServer, provider: str) -> None:
    server.set_faults("nopolling")
    async with make_client(server, provider) as client:
        task, status = await generate(client)
    assert task.polling_url is None and status.is_ready


@pytest.mark.asyncio
async def test_comet_pending_submit_reply_is_accepted() -> None:
    with SimServer(SimConfig(latency=0.1, comet_pending_every=1)) as sim:
        async with make_client(sim) as client:
            task, status = await generate(client)
    assert task.raw.get("status") == "Pending" and status.is_ready


@pytest.mark.asyncio
async def test_works_on_one_client_for_many_concurrent_tasks(server: SimServer) -> None:
    async with make_client(server) as client:
        results = await asyncio.gather(*(generate(client, small_request(seed=i)) for i in range(12)))
    assert len({task.id for task, _ in results}) == 12 and all(s.is_ready for _, s in results)


# ---- polling rules and the key -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_bfl_foreign_polling_url_is_refused_and_gets_nothing(server: SimServer) -> None:
    server.set_faults("foreign")
    async with make_client(server, BFL) as client:
        task = await client.submit(small_request())
        assert task.polling_url and "evil.example.invalid" in task.polling_url
        with pytest.raises(UnsafeUrl) as caught:
            await client.wait_ready(task)
    assert "evil.example.invalid" in str(caught.value)
    assert_no_key(caught.value)
    assert routes(server, "poll") == []
    assert client.request_count == 1


@pytest.mark.asyncio
async def test_cometapi_ignores_its_polling_url(server: SimServer) -> None:
    server.set_faults("foreign")
    async with make_client(server, COMETAPI) as client:
        task, status = await generate(client)
    assert "evil" in (task.polling_url or "") and status.is_ready
    assert all(r.path.startswith("/flux/v1/get_result") for r in routes(server, "poll"))


@pytest.mark.asyncio
async def test_unknown_statuses_count_as_running(server: SimServer, caplog: pytest.LogCaptureFixture) -> None:
    server.set_faults("unknown")
    seen: list[str] = []
    caplog.set_level(logging.DEBUG, logger="fluxdesk.api.client")
    async with make_client(server) as client:
        _, status = await generate(client, on_status=lambda s: seen.append(s.status))
    assert status.is_ready and {"Reasoning", "Generating"} & set(seen)
    unknown_lines = [r for r in caplog.records if "unknown task status" in r.getMessage()]
    assert len(unknown_lines) == len({s for s in seen if s in ("Reasoning", "Generating")})


@pytest.mark.asyncio
async def test_deadline_gives_a_timeout_that_says_the_task_may_finish() -> None:
    with SimServer(SimConfig(latency=30.0)) as sim:
        async with make_client(sim) as client:
            task = await client.submit(small_request())
            with pytest.raises(Timeout, match="may still finish"):
                await client.wait_ready(task, deadline=0.3)


# ---- terminal statuses ---------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        ("reqmod", RequestModerated, "Simulated: the prompt asked for moderation"),
        ("contentmod", ContentModerated, "withheld by moderation"),
        ("error", GenerationFailed, "Simulated generation failure (Error)"),
        ("failed", GenerationFailed, "Simulated generation failure (Failed)"),
        ("notfound", TaskNotFound, "no longer knows"),
    ],
)
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_terminal_statuses(
    server: SimServer, provider: str, fault: str, error: type, words: str
) -> None:
    server.set_faults(fault)
    async with make_client(server, provider) as client:
        with pytest.raises(error) as caught:
            await generate(client)
    assert words in str(caught.value)
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_moderation_trigger_in_the_prompt(server: SimServer) -> None:
    async with make_client(server) as client:
        with pytest.raises(RequestModerated):
            await generate(client, small_request("a cat [moderate-request]"))


# ---- HTTP errors ----------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_422_field_messages_surface(server: SimServer, provider: str) -> None:
    bad = GenerationRequest("flux-pro-1.1", "a cat", {"width": 1000, "height": 256, "seed": 1})
    async with make_client(server, provider) as client:
        with pytest.raises(InvalidRequest) as caught:
            await client.submit(bad)
    assert caught.value.for_field("width"), caught.value.errors
    assert "32" in str(caught.value)
    assert len(routes(server, "submit")) == 1
    assert_no_key(caught.value)


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_unknown_model_404(server: SimServer, provider: str) -> None:
    async with make_client(server, provider) as client:
        with pytest.raises(InvalidRequest, match="does not offer model flux-imaginary"):
            await client.submit(GenerationRequest("flux-imaginary", "a cat", {}))


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_wrong_key_is_an_auth_error_without_the_key(provider: str) -> None:
    with SimServer(SimConfig(latency=0.1, valid_keys=frozenset({"the-right-one"}))) as sim:
        async with make_client(sim, provider) as client:
            with pytest.raises(AuthError) as caught:
                await client.submit(small_request())
    assert "key" in str(caught.value).lower()
    assert_no_key(caught.value)
    assert len(routes(sim, "submit")) == 1


@pytest.mark.asyncio
async def test_html_and_bad_json_replies(server: SimServer) -> None:
    async with make_client(server) as client:
        server.set_faults("submitbadjson")
        with pytest.raises(InvalidResponse):
            await client.submit(small_request())
        server.set_faults("submithtml:1:code=200")
        with pytest.raises(InvalidResponse, match="web page"):
            await client.submit(small_request())
        server.set_faults("submithtml")  # a 502 page from a proxy: provider trouble, not retried on submit
        with pytest.raises(ProviderUnavailable) as caught:
            await client.submit(small_request())
    assert "<" not in str(caught.value)
    assert len(routes(server, "submit")) == 3


# ---- retries -------------------------------------------------------------------------------------


async def _submitted(client: FluxClient) -> SubmittedTask:
    return await client.submit(small_request())


@pytest.mark.asyncio
async def test_poll_retries_with_exponential_backoff(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep, retry=RetryPolicy(attempts=5, base_delay=0.5)) as client:
        task = await _submitted(client)
        server.set_faults("poll500:1 poll502:1 poll524:1")
        status = await client.get_result(task)
    assert status.status in ("Pending", "Ready")
    assert sleep.delays == [0.5, 1.0, 2.0]
    assert len(routes(server, "poll")) == 4


@pytest.mark.asyncio
async def test_poll_retries_are_bounded(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep, retry=RetryPolicy(attempts=3, max_delay=0.75)) as client:
        task = await _submitted(client)
        server.set_faults("poll503:10")
        with pytest.raises(ProviderUnavailable, match="503") as caught:
            await client.get_result(task)
    assert sleep.delays == [0.5, 0.75]  # capped by max_delay
    assert len(routes(server, "poll")) == 3
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_retry_after_is_honoured(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep) as client:
        task = await _submitted(client)
        server.set_faults("poll429:2:retry=3")
        await client.get_result(task)
    assert sleep.delays == [3.0, 3.0]


@pytest.mark.asyncio
async def test_retry_after_beyond_the_policy_fails_at_once(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep, retry=RetryPolicy(max_delay=5.0)) as client:
        task = await _submitted(client)
        server.set_faults("poll429:1:retry=120")
        with pytest.raises(RateLimited) as caught:
            await client.get_result(task)
    assert caught.value.retry_after == 120.0 and sleep.delays == []


@pytest.mark.asyncio
async def test_poll_survives_resets_and_stalls(server: SimServer) -> None:
    async with make_client(server, timeout=0.5) as client:
        task = await _submitted(client)
        server.set_faults("pollreset:1 pollstall:1:secs=2")
        status = await client.get_result(task)
    assert status.status in ("Pending", "Ready")
    assert len(routes(server, "poll")) == 3


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("submit500", ProviderUnavailable),
        ("submit524", ProviderUnavailable),
        ("submitreset", NetworkError),
        ("submitstall:1:secs=2", Timeout),
    ],
)
async def test_submit_is_never_resent_once_it_may_have_arrived(
    server: SimServer, fault: str, error: type
) -> None:
    server.set_faults(fault)
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep, timeout=0.5) as client:
        with pytest.raises(error) as caught:
            await client.submit(small_request())
    assert len(routes(server, "submit")) == 1
    assert sleep.delays == []
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_submit_429_is_retried_honouring_retry_after(server: SimServer) -> None:
    server.set_faults("submit429:2:retry=1.5")
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep) as client:
        task = await client.submit(small_request())
    assert task.id and len(routes(server, "submit")) == 3
    assert sleep.delays == [1.5, 1.5]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.asyncio
async def test_submit_is_retried_after_a_connect_error() -> None:
    """Nothing listens at first (a refused connection); the simulator comes up during the backoff."""
    port = _free_port()
    sim = SimServer(SimConfig(latency=0.1), port=port)
    delays: list[float] = []

    async def sleep_then_start(seconds: float) -> None:
        delays.append(seconds)
        if len(delays) == 1:
            sim.start()

    config = ProviderConfig(COMETAPI, KEY, f"http://127.0.0.1:{port}")
    try:
        async with FluxClient(config, sleep=sleep_then_start, rng=NoJitter()) as client:
            task = await client.submit(small_request())
            assert client.request_count == 2
    finally:
        sim.stop()
    assert task.id and delays == [0.5]
    assert len(routes(sim, "submit")) == 1


@pytest.mark.asyncio
async def test_connect_errors_give_a_network_error_after_bounded_tries() -> None:
    port = _free_port()
    sleep = RecordingSleep()
    config = ProviderConfig(BFL, KEY, f"http://127.0.0.1:{port}")
    async with FluxClient(config, sleep=sleep, rng=NoJitter(), retry=RetryPolicy(attempts=3)) as client:
        with pytest.raises(NetworkError) as caught:
            await client.submit(small_request())
    assert sleep.delays == [0.5, 1.0] and client.request_count == 3
    assert f"127.0.0.1:{port}" in str(caught.value)
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_429_storm_succeeds_through_backoff() -> None:
    """More submits than active slots: the refused ones wait (Retry-After) and get in later."""
    with SimServer(SimConfig(latency=0.3, max_active=3, retry_after=0.2)) as sim:
        sleep = RecordingSleep(scale=1.0, cap=0.5)
        policy = RetryPolicy(attempts=30, base_delay=0.1, max_delay=0.5)
        async with make_client(sim, sleep=sleep, retry=policy) as client:
            tasks = await asyncio.gather(*(client.submit(small_request(seed=i)) for i in range(10)))
        refused = [r for r in sim.received if r.route == "submit"]
    assert len({t.id for t in tasks}) == 10
    assert len(refused) > 10  # some were refused with 429 and sent again
    assert sleep.delays and min(sleep.delays) >= 0.2  # never sooner than Retry-After


@pytest.mark.asyncio
async def test_429_storm_fails_cleanly_when_tries_run_out() -> None:
    with SimServer(SimConfig(latency=30.0, max_active=2, retry_after=0.1)) as sim:
        async with make_client(sim, retry=RetryPolicy(attempts=2)) as client:
            results = await asyncio.gather(
                *(client.submit(small_request(seed=i)) for i in range(6)), return_exceptions=True
            )
    accepted = [r for r in results if isinstance(r, SubmittedTask)]
    refused = [r for r in results if isinstance(r, FluxError)]
    assert len(accepted) == 2 and len(refused) == 4
    assert all(isinstance(r, RateLimited) and r.retry_after == 0.1 for r in refused)
    assert len(routes(sim, "submit")) == 2 + 4 * 2


# ---- downloads -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_expired_link_is_result_expired(server: SimServer) -> None:
    server.set_faults("expired")
    async with make_client(server) as client:
        _, status = await generate(client)
        with pytest.raises(ResultExpired, match="403"):
            await client.download(status.sample_url or "")
    assert len(routes(server, "delivery")) == 1  # an expired link is not retried


@pytest.mark.asyncio
async def test_link_dies_after_its_ttl() -> None:
    clock = SimClock()
    with SimServer(SimConfig(latency=0.05, url_ttl=0.2, clock=clock)) as sim:
        async with make_client(sim) as client:
            _, status = await generate(client)
            clock.advance(0.4)  # past the link's life, without waiting for it
            with pytest.raises(ResultExpired):
                await client.download(status.sample_url or "")


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", ["truncated", "corrupt"])
async def test_damaged_images_are_corrupt(server: SimServer, fault: str) -> None:
    async with make_client(server) as client:
        _, status = await generate(client)
        server.set_faults(fault)
        with pytest.raises(CorruptImage) as caught:
            await client.download(status.sample_url or "")
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_connection_cut_mid_image_is_retried(server: SimServer) -> None:
    async with make_client(server) as client:
        task, status = await generate(client)
        server.set_faults("cutoff")
        image = await client.download(status.sample_url or "", expected_size=(256, 256))
    assert image.data == server.image_bytes(task.id)
    assert len(routes(server, "delivery")) == 2


@pytest.mark.asyncio
async def test_delivery_5xx_is_retried(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, sleep=sleep) as client:
        _, status = await generate(client)
        sleep.delays.clear()
        server.set_faults("delivery503:2")
        image = await client.download(status.sample_url or "")
    assert image.size == (256, 256) and sleep.delays == [0.5, 1.0]


@pytest.mark.asyncio
async def test_wrong_size_is_corrupt(server: SimServer) -> None:
    async with make_client(server) as client:
        _, status = await generate(client)
        with pytest.raises(CorruptImage, match="256x256, not the 512x512"):
            await client.download(status.sample_url or "", expected_size=(512, 512))


@pytest.mark.asyncio
async def test_download_size_cap(server: SimServer) -> None:
    async with make_client(server, max_download_bytes=100) as client:
        _, status = await generate(client)
        with pytest.raises(CorruptImage, match="limit"):
            await client.download(status.sample_url or "")


@pytest.mark.asyncio
async def test_download_refuses_non_http_links(server: SimServer) -> None:
    async with make_client(server) as client:
        with pytest.raises(UnsafeUrl):
            await client.download("file:///etc/passwd")
    assert client.request_count == 0


# ---- the key never shows -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_key_never_in_repr_or_logs(server: SimServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server.set_faults("poll500:1 pollreset:1")
    async with make_client(server, BFL) as client:
        task, status = await generate(client)
        assert KEY not in repr(client) and KEY not in repr(client.config)
        assert KEY not in repr(task) and KEY not in repr(status)
    assert all(KEY not in r.getMessage() for r in caplog.records)


# ---- what the provider used and charged ------------------------------------------------------------


@pytest.mark.asyncio
async def test_bfl_submit_says_cost_and_megapixels_and_ready_says_prompt_and_seed(server: SimServer) -> None:
    async with make_client(server, BFL) as client:
        task, status = await generate(client, small_request("a red fox in snow", seed=7))
    assert task.cost is not None and task.output_mp is not None and task.input_mp is not None
    assert status.result_seed == 7 and status.result_prompt == "a red fox in snow"


# ---- malformed replies and long outages while a task is confirmed ------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", ["pollbadjson:2", "pollhtml:2:code=200"])
async def test_a_malformed_status_reply_is_retried_not_fatal(server: SimServer, fault: str) -> None:
    seen: list[tuple[str, float]] = []
    async with make_client(server) as client:
        task = await _submitted(client)
        server.set_faults(fault)
        status = await client.wait_ready(task, on_retry=lambda reason, wait: seen.append((reason, wait)))
    assert status.is_ready and len(seen) == 2
    assert all(reason.endswith(".") and "<" not in reason and wait > 0 for reason, wait in seen)


@pytest.mark.asyncio
async def test_retry_until_follows_a_task_through_an_outage_longer_than_the_tries(server: SimServer) -> None:
    reasons: list[str] = []
    async with make_client(server, retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)) as client:
        task = await _submitted(client)
        server.set_faults("poll503:6")
        loop = asyncio.get_running_loop()
        status = await client.wait_ready(
            task, on_retry=lambda reason, _wait: reasons.append(reason), retry_until=loop.time() + 60
        )
    assert status.is_ready and len(reasons) == 6 and all("503" in r for r in reasons)


# ---- never sent, or maybe sent ------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_submit_that_never_connected_is_never_sent() -> None:
    port = _free_port()
    config = ProviderConfig(BFL, KEY, f"http://127.0.0.1:{port}")
    retry = RetryPolicy(attempts=2)
    async with FluxClient(config, sleep=RecordingSleep(), rng=NoJitter(), retry=retry) as client:
        with pytest.raises(NeverSent) as caught:
            await client.submit(small_request())
    assert caught.value.reached_provider is False and "nothing was charged" in str(caught.value)
    assert "may have reached" not in str(caught.value)
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_a_submit_cut_after_writing_may_have_reached_the_provider(server: SimServer) -> None:
    server.set_faults("submitreset")
    async with make_client(server, timeout=0.5) as client:
        with pytest.raises(NetworkError) as caught:
            await client.submit(small_request())
    assert not isinstance(caught.value, NeverSent) and caught.value.reached_provider is True
    assert str(caught.value).endswith("the request may have reached the provider.")
    assert len(routes(server, "submit")) == 1


# ---- keys and webhooks -------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("bad", ["sk-line\nbreak-123456", "sk-ünïcode-123456"])
async def test_a_bad_key_sends_nothing(server: SimServer, provider: str, bad: str) -> None:
    async with make_client(server, provider, key=bad) as client:
        with pytest.raises(InvalidKey) as caught:
            await client.submit(small_request())
    assert server.received == [] and bad not in str(caught.value)


@pytest.mark.asyncio
async def test_webhook_fields_go_with_the_submit_and_the_image_is_still_polled(server: SimServer) -> None:
    request = small_request(webhook_url="http://127.0.0.1:9/hook", webhook_secret="hook-secret-123")
    assert request.payload()["webhook_secret"] == "hook-secret-123" and "hook" not in request.to_json()
    async with make_client(server, BFL) as client:
        _, status = await generate(client, request)
    assert status.is_ready


class _ImportAttempts:
    """A finder first on sys.meta_path: every module search Python starts, by name (found or not)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        self.names.append(name)
        return None


@pytest.mark.asyncio
async def test_a_request_searches_for_no_module(server: SimServer) -> None:
    """Once warm, the client imports nothing per request: a failed import (httpcore looks for sniffio
    each time it makes a lock) searches the whole sys.path, on the GUI thread in the window."""
    import sys

    async with make_client(server) as client:
        _task, status = await generate(client, small_request(seed=1))
        await client.download(status.sample_url or "", expected_size=(256, 256))
        attempts = _ImportAttempts()
        sys.meta_path.insert(0, attempts)
        try:
            _task, status = await generate(client, small_request(seed=2))
            await client.download(status.sample_url or "", expected_size=(256, 256))
        finally:
            sys.meta_path.remove(attempts)
    assert status.is_ready
    assert attempts.names == []
