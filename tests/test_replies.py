"""Reading replies without a socket: submit shapes, balances, Retry-After, what a failure says."""

from __future__ import annotations

import httpx
import pytest

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.client import transport_failure
from fluxdesk.api.errors import (
    InvalidRequest,
    InvalidResponse,
    NetworkError,
    NeverSent,
    NotSupported,
    ProviderUnavailable,
    RateLimited,
    RequestModerated,
    Timeout,
)
from fluxdesk.api.keys import scrub
from fluxdesk.api.replies import Reply, parse_credits, parse_submitted, retry_after_of, status_failure
from fluxdesk.api.types import TaskStatus

KEY = "sk-replies-SECRET-55aa66bb77cc"


def _clean(text: str) -> str:
    return scrub(text, KEY)


# ---- submit replies ------------------------------------------------------------------------------


def test_bfl_submit_reply_carries_cost_and_megapixels() -> None:
    task = parse_submitted(
        {"id": "t1", "polling_url": "https://api.eu2.bfl.ai/v1/get_result?id=t1", "cost": 4.5,
         "input_mp": 0.0, "output_mp": 1.98},
        BFL,
        _clean,
    )
    assert (task.cost, task.input_mp, task.output_mp) == (4.5, 0.0, 1.98)
    assert task.polling_url == "https://api.eu2.bfl.ai/v1/get_result?id=t1"


def test_webhook_and_pending_replies_have_no_polling_url() -> None:
    hooked = parse_submitted(
        {"id": "t2", "status": "Pending", "webhook_url": "https://h.example/x", "cost": 3, "output_mp": 1},
        BFL,
        _clean,
    )
    assert hooked.polling_url is None and hooked.cost == 3.0 and hooked.output_mp == 1.0
    comet = parse_submitted({"id": 77, "status": "Pending"}, COMETAPI, _clean)
    assert comet.id == "77" and comet.polling_url is None and comet.cost is None


@pytest.mark.parametrize("data", [{}, {"id": ""}, {"id": True}, {"id": None, "polling_url": "x"}])
def test_a_submit_reply_without_id_is_invalid(data: dict) -> None:
    with pytest.raises(InvalidResponse, match="no task id"):
        parse_submitted(data, BFL, _clean)


def test_an_immediate_refusal_in_the_submit_reply_is_its_typed_error() -> None:
    with pytest.raises(RequestModerated):
        parse_submitted({"id": "t3", "status": "Request Moderated", "details": {"r": "x"}}, BFL, _clean)


def test_costs_that_are_not_numbers_are_none() -> None:
    task = parse_submitted({"id": "t", "cost": "4", "input_mp": True, "output_mp": float("nan")}, BFL, _clean)
    assert (task.cost, task.input_mp, task.output_mp) == (None, None, None)


def test_the_result_says_what_the_provider_used() -> None:
    status = TaskStatus("t", "Ready", result={"prompt": "a red fox, in English", "seed": 4242.0})
    assert status.result_prompt == "a red fox, in English" and status.result_seed == 4242
    assert TaskStatus("t", "Ready", result={"seed": "17"}).result_seed == 17
    assert TaskStatus("t", "Ready", result={"seed": True, "prompt": 3}).result_seed is None
    assert TaskStatus("t", "Ready").result_prompt is None


def test_credits_reply() -> None:
    assert parse_credits({"credits": 123.5}).credits == 123.5
    assert parse_credits({"credits": 250}).usd == 2.5
    with pytest.raises(InvalidResponse, match="no credits"):
        parse_credits({"balance": 3})


# ---- error replies -------------------------------------------------------------------------------


def test_retry_after_from_the_header_or_the_body() -> None:
    assert retry_after_of(Reply(429, {"retry-after": "3"})) == 3.0
    assert retry_after_of(Reply(429, {}, b'{"retry_after": 7}')) == 7.0
    assert retry_after_of(Reply(429, {}, b'{"error": {"retry_after": "2.5"}}')) == 2.5
    assert retry_after_of(Reply(429, {"retry-after": "1"}, b'{"retry_after": 4}')) == 4.0
    assert retry_after_of(Reply(429, {}, b'{"retry_after": "soon"}')) is None


def test_a_429_body_pause_is_kept_on_the_error() -> None:
    failed = status_failure(Reply(429, {}, b'{"detail": "busy", "retry_after": 6}'),
                            label="Black Forest Labs", what="submit", model="m", clean=_clean)
    assert isinstance(failed.error, RateLimited) and failed.retry_after == 6.0 == failed.error.retry_after


def test_every_http_reply_came_from_the_provider() -> None:
    for code in (302, 400, 401, 402, 404, 408, 418, 429, 503):
        reply = Reply(code, {}, b"{}")
        failed = status_failure(reply, label="CometAPI", what="submit", model="m", clean=_clean)
        assert failed.error.reached_provider is True, code
    redirect = status_failure(Reply(302, {"location": "https://x"}), label="CometAPI", what="poll", model="",
                              clean=_clean)
    assert "redirect (HTTP 302)" in str(redirect.error) and isinstance(redirect.error, InvalidResponse)


# ---- transport failures: never sent, or maybe sent ------------------------------------------------


def _request() -> httpx.Request:
    return httpx.Request("POST", "https://api.bfl.ai/v1/flux-2-pro")


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("[Errno -2] Name or service not known"),
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.ConnectTimeout("timed out"),
        httpx.PoolTimeout("no connection available"),
    ],
)
def test_a_submit_that_never_connected_says_nothing_was_charged(exc: httpx.HTTPError) -> None:
    exc.request = _request()
    failed = transport_failure(exc, "api.bfl.ai", what="submit", clean=_clean)
    assert isinstance(failed.error, NeverSent) and isinstance(failed.error, NetworkError)
    assert failed.unsent and failed.error.reached_provider is False
    assert "nothing was charged" in str(failed.error)
    assert "may have reached" not in str(failed.error)


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (httpx.ReadTimeout("read timed out"), Timeout),
        (httpx.WriteTimeout("write timed out"), Timeout),
        (httpx.ReadError("connection reset by peer"), NetworkError),
        (httpx.WriteError("broken pipe"), NetworkError),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), NetworkError),
    ],
)
def test_a_submit_that_may_have_been_written_says_so(exc: httpx.HTTPError, kind: type) -> None:
    failed = transport_failure(exc, "api.bfl.ai", what="submit", clean=_clean)
    assert isinstance(failed.error, kind) and not isinstance(failed.error, NeverSent)
    assert not failed.unsent and failed.error.reached_provider is True
    assert str(failed.error).endswith("the request may have reached the provider.")


def test_poll_failures_say_nothing_about_charges() -> None:
    refused = transport_failure(httpx.ConnectError("refused"), "api.bfl.ai", what="poll", clean=_clean)
    reset = transport_failure(httpx.ReadError("reset"), "api.bfl.ai", what="poll", clean=_clean)
    assert str(refused.error) == "Could not connect to api.bfl.ai (refused)."
    assert str(reset.error) == "The connection to api.bfl.ai failed (reset)."


def test_transport_texts_are_scrubbed() -> None:
    failed = transport_failure(httpx.LocalProtocolError(f"Illegal header value b'{KEY}'"), "h", what="submit",
                               clean=_clean)
    assert KEY not in str(failed.error) and KEY not in (failed.error.details or "")
    assert isinstance(failed.error, NeverSent) and not failed.error.retryable


def test_cometapi_500_that_says_invalid_request_is_an_invalid_request() -> None:
    body = (
        b'{"error": {"message": "width must be a multiple of 32", "type": "comet_api_error",'
        b' "code": "invalid_request"}}'
    )
    failed = status_failure(Reply(500, {}, body), label="CometAPI", what="submit", model="m", clean=_clean)
    assert isinstance(failed.error, InvalidRequest) and "multiple of 32" in str(failed.error)
    other = status_failure(Reply(500, {}, b'{"error": {"message": "x", "code": ""}}'), label="CometAPI",
                           what="submit", model="m", clean=_clean)
    assert isinstance(other.error, ProviderUnavailable)


def test_a_missing_balance_endpoint_is_not_supported_not_an_invalid_request() -> None:
    failed = status_failure(Reply(404, {}, b'{"detail": "Not Found"}'), label="Black Forest Labs",
                            what="credits", model="", clean=_clean)
    assert isinstance(failed.error, NotSupported) and "balance" in str(failed.error)
