"""Error replies through the client over real sockets: CometAPI's envelope for a validation error and for
a malformed request answered with 500, wrong keys at both providers, and the pause a reply asks for."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from client_sim_helpers import (
    KEY,
    PROVIDERS,
    RecordingSleep,
    assert_no_key,
    make_client,
    routes,
    small_request,
)

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.client import RetryPolicy
from fluxdesk.api.errors import AuthError, InvalidRequest, ProviderUnavailable, RateLimited
from fluxdesk.api.replies import Reply, field_errors, status_failure
from fluxdesk.api.request import GenerationRequest
from fluxdesk.sim.server import SimConfig, SimServer


@pytest.fixture
def server() -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.2)) as sim:
        yield sim


def _forced(**params: object) -> GenerationRequest:
    """A request the client's validation would refuse, built by hand so the provider sees it."""
    return GenerationRequest("flux-pro-1.1", "a cat", {"seed": 1, **params})


# ---- validation errors ----------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
async def test_every_refused_field_reaches_invalid_request_with_its_name(
    server: SimServer, provider: str
) -> None:
    sleep = RecordingSleep()
    async with make_client(server, provider, sleep=sleep) as client:
        with pytest.raises(InvalidRequest) as caught:
            await client.submit(_forced(width=1000, height=250))
    error = caught.value
    assert [e.field for e in error.errors] == ["width", "height"], error.errors
    assert "multiple of 32" in " ".join(error.for_field("width"))
    assert "256" in " ".join(error.for_field("height")) and "32" not in " ".join(error.for_field("height"))
    assert all(e.message.endswith(".") and "request id" not in e.message for e in error.errors)
    assert error.reached_provider is True and not error.retryable
    assert len(routes(server, "submit")) == 1 and sleep.delays == []
    assert_no_key(error)


@pytest.mark.asyncio
async def test_cometapi_keeps_its_request_id_in_the_details(server: SimServer) -> None:
    async with make_client(server, COMETAPI) as client:
        with pytest.raises(InvalidRequest) as caught:
            await client.submit(_forced(width=1000))
    assert [e.field for e in caught.value.errors] == ["width"]
    assert "request id" in (caught.value.details or "")  # what CometAPI's support asks for


@pytest.mark.asyncio
@pytest.mark.parametrize("route", ["submit", "poll"])
async def test_cometapi_500_that_says_invalid_request_is_not_an_outage(server: SimServer, route: str) -> None:
    sleep = RecordingSleep()
    async with make_client(server, COMETAPI, sleep=sleep) as client:
        task = await client.submit(small_request()) if route == "poll" else None
        server.clear_received()
        server.set_faults(f"{route}500:3:errcode=invalid_request")
        with pytest.raises(InvalidRequest) as caught:
            if task is None:
                await client.submit(small_request())
            else:
                await client.get_result(task)
    assert not isinstance(caught.value, ProviderUnavailable) and not caught.value.retryable
    assert "HTTP 500" in str(caught.value) or caught.value.errors
    assert len(routes(server, route)) == 1 and sleep.delays == []  # not retried
    assert_no_key(caught.value)


@pytest.mark.asyncio
async def test_a_plain_cometapi_500_on_a_poll_is_an_outage_and_retried(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, COMETAPI, sleep=sleep) as client:
        task = await client.submit(small_request())
        server.set_faults("poll500:2")
        status = await client.get_result(task)
    assert status.status in ("Pending", "Ready") and len(sleep.delays) == 2


# ---- wrong keys -----------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(("provider", "code"), [(BFL, 403), (COMETAPI, 401)])
async def test_a_wrong_key_is_an_auth_error_with_the_providers_status(provider: str, code: int) -> None:
    sleep = RecordingSleep()
    with SimServer(SimConfig(latency=0.1, valid_keys=frozenset({"the-right-one"}))) as sim:
        async with make_client(sim, provider, sleep=sleep) as client:
            with pytest.raises(AuthError) as caught:
                await client.submit(small_request(provider))
            calls = [caught.value]
            if provider == BFL:
                with pytest.raises(AuthError) as balance:
                    await client.credits()
                calls.append(balance.value)
    for error in calls:
        text = str(error)
        assert f"HTTP {code}" in text and "key" in text.lower() and text.endswith(".")
        assert error.reached_provider is True and not error.retryable
        assert_no_key(error)
    assert sleep.delays == [] and len(sim.received) == len(calls)  # nothing retried


# ---- the pause a reply asks for -------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("where", ["body", "both"])
async def test_a_retry_after_in_the_body_is_a_floor_for_polls_and_downloads(
    server: SimServer, provider: str, status: int, where: str
) -> None:
    sleep = RecordingSleep()
    async with make_client(server, provider, sleep=sleep, retry=RetryPolicy(max_delay=10.0)) as client:
        task = await client.submit(small_request(provider))
        server.set_faults(f"poll{status}:2:retry=3.5:where={where}")
        await client.get_result(task)
        polled = list(sleep.delays)
        ready = await client.wait_ready(task, poll_now=True)
        sleep.delays.clear()
        server.set_faults(f"delivery{status}:2:retry=2.5:where={where}")
        image = await client.download(ready.sample_url or "")
        fetched = list(sleep.delays)
    assert len(polled) == 2 and min(polled) >= 3.5
    assert len(fetched) == 2 and min(fetched) >= 2.5
    assert image.size == (256, 256)


@pytest.mark.asyncio
async def test_a_body_retry_after_on_a_submits_429(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, BFL, sleep=sleep) as client:
        server.set_faults("submit429:2:retry=1.5:where=body")
        task = await client.submit(small_request(BFL))
    assert task.id and len(routes(server, "submit")) == 3
    assert len(sleep.delays) == 2 and min(sleep.delays) >= 1.5


@pytest.mark.asyncio
async def test_a_503_asking_for_longer_than_the_policy_fails_at_once(server: SimServer) -> None:
    sleep = RecordingSleep()
    async with make_client(server, BFL, sleep=sleep, retry=RetryPolicy(max_delay=5.0)) as client:
        task = await client.submit(small_request(BFL))
        server.set_faults("poll503:1:retry=90:where=body")
        with pytest.raises(ProviderUnavailable, match="503"):
            await client.get_result(task)
        server.set_faults("poll429:1:retry=90:where=body")
        with pytest.raises(RateLimited) as caught:
            await client.get_result(task)
    assert caught.value.retry_after == 90.0 and sleep.delays == []
    assert KEY not in str(caught.value)


# ---- the same rules without a socket -------------------------------------------------------------


def test_a_cometapi_message_is_split_only_when_it_lists_fields() -> None:
    listed = {"error": {"message": "width: too wide; height: too tall (request id: 1a2b)", "param": "width"}}
    assert [(e.field, e.message) for e in field_errors(listed, str)] == [
        ("width", "width: too wide."),
        ("height", "height: too tall."),
    ]
    prose = {"error": {"message": "Invalid value; try again (request id: 1a2b)", "param": ""}}
    assert [(e.field, e.message) for e in field_errors(prose, str)] == [("", "Invalid value; try again.")]
    one = {"error": {"message": "must be a multiple of 32", "param": "width", "type": "comet_api_error"}}
    assert [(e.field, e.message) for e in field_errors(one, str)] == [
        ("width", "width: must be a multiple of 32.")
    ]


@pytest.mark.parametrize(
    "error",
    [
        {"message": "bad body", "type": "comet_api_error", "code": "invalid_request"},
        {"message": "bad body", "type": "invalid_request_error", "code": ""},
        {"message": "bad body", "type": "invalid_request", "code": None},
    ],
)
def test_a_500_naming_an_invalid_request_in_code_or_type_is_an_invalid_request(
    error: dict[str, object],
) -> None:
    reply = Reply(500, {}, json.dumps({"error": error}).encode())
    failed = status_failure(reply, label="CometAPI", what="poll", model="m", clean=str)
    assert isinstance(failed.error, InvalidRequest) and "bad body" in str(failed.error)
