"""Which hosts may receive the key, and what happens when a reply points elsewhere (no socket needed)."""

from __future__ import annotations

import asyncio

import pytest

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.client import FluxClient
from fluxdesk.api.errors import InvalidKey, NotSupported, UnsafeUrl
from fluxdesk.api.providers import ProviderConfig, base_url_problem, is_bfl_api_host
from fluxdesk.api.request import GenerationRequest
from fluxdesk.api.types import SubmittedTask

KEY = "sk-hosts-SECRET-1029384756"


@pytest.mark.parametrize(
    "host",
    ["api.bfl.ai", "api.eu.bfl.ai", "api.us.bfl.ai", "api.eu1.bfl.ai", "api.eu2.bfl.ai", "api.us3.bfl.ai",
     "api.us14.bfl.ai", "API.EU4.BFL.AI"],
)
def test_bfl_regional_api_hosts(host: str) -> None:
    assert is_bfl_api_host(host)
    assert ProviderConfig(BFL, KEY).may_receive_key(f"https://{host}/v1/get_result?id=1")


@pytest.mark.parametrize(
    "url",
    [
        "http://api.eu2.bfl.ai/v1/get_result?id=1",  # plain http
        "https://api.eu2.bfl.ai:8443/v1/get_result?id=1",  # another port
        "https://api.asia.bfl.ai/v1/get_result?id=1",
        "https://api.eu.bfl.ai.evil.example/v1/get_result",
        "https://evil.example/api.bfl.ai",
        "https://delivery-eu1.bfl.ai/results/x.png",
        "https://api.bfl.ai@evil.example/v1",
        "https://user:pw@api.bfl.ai/v1",
        "https://apiXbfl.ai/v1",
        "not a url",
    ],
)
def test_anything_else_gets_no_key(url: str) -> None:
    assert not ProviderConfig(BFL, KEY).may_receive_key(url)


def test_cometapi_keys_go_to_the_cometapi_host_only() -> None:
    config = ProviderConfig(COMETAPI, KEY)
    assert config.may_receive_key("https://api.cometapi.com/flux/v1/get_result?id=1")
    assert not config.may_receive_key("https://api.bfl.ai/v1/get_result?id=1")
    assert not config.may_receive_key("http://api.cometapi.com/flux/v1/get_result?id=1")


def test_the_configured_base_host_may_be_plain_http_on_this_computer_only() -> None:
    local = ProviderConfig(BFL, KEY, "http://127.0.0.1:8123")
    assert local.may_receive_key("http://127.0.0.1:8123/v1/get_result?id=1")
    assert not local.may_receive_key("http://127.0.0.1:9999/v1/get_result?id=1")  # another port
    assert not local.may_receive_key("https://127.0.0.1:8123/v1/get_result?id=1")  # another scheme
    assert ProviderConfig(BFL, KEY, "http://localhost:8123").may_receive_key("http://localhost:8123/v1/x")
    assert not ProviderConfig(COMETAPI, KEY, "http://relay.example").may_receive_key("http://relay.example/x")
    assert ProviderConfig(COMETAPI, KEY, "https://relay.example/").may_receive_key("https://relay.example/x")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://api.bfl.ai", None),
        ("http://127.0.0.1:9", None),
        ("http://[::1]:9", None),
        ("http://relay.example", "must use https"),
        ("ftp://relay.example", "must look like"),
        ("https://me:pw@relay.example", "user name"),
    ],
)
def test_base_url_problems(url: str, problem: str | None) -> None:
    found = base_url_problem(url)
    assert found is None if problem is None else (found is not None and problem in found)


def _run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


async def _refused_poll(config: ProviderConfig, polling_url: str) -> UnsafeUrl:
    async with FluxClient(config) as client:
        task = SubmittedTask("task-42", config.provider, polling_url=polling_url)
        with pytest.raises(UnsafeUrl) as caught:
            await client.wait_ready(task, poll_now=True)
        assert client.request_count == 0
        return caught.value


def test_a_foreign_polling_url_is_refused_in_one_sentence_keeping_the_task_id() -> None:
    error = _run(_refused_poll(ProviderConfig(BFL, KEY), "https://api.eu2.bfl.ai.evil.example/v1/get_result?id=1"))
    text = str(error)
    assert "api.eu2.bfl.ai.evil.example" in text and "task-42" in text and text.count(". ") == 0
    assert error.reached_provider is False and KEY not in text


def test_plain_http_polling_on_a_bfl_host_is_refused() -> None:
    error = _run(_refused_poll(ProviderConfig(BFL, KEY), "http://api.eu2.bfl.ai/v1/get_result?id=1"))
    assert "api.eu2.bfl.ai" in str(error)


async def _submit(config: ProviderConfig) -> Exception:
    async with FluxClient(config) as client:
        try:
            await client.submit(GenerationRequest("flux-dev", "a kite", {"seed": 1}))
        except Exception as exc:
            assert client.request_count == 0  # refused before anything was built or sent
            return exc
    raise AssertionError("the submit should have been refused")


@pytest.mark.parametrize("key", ["sk-abc\ndef-123456", "sk-abc def-123456", "sk-ключ-123456"])
def test_a_bad_key_is_refused_before_any_request(key: str) -> None:
    error = _run(_submit(ProviderConfig(BFL, key, "http://127.0.0.1:9")))
    assert isinstance(error, InvalidKey) and error.reached_provider is False
    assert key not in str(error) and "header" not in str(error).lower()


def test_an_http_base_on_another_computer_sends_nothing() -> None:
    error = _run(_submit(ProviderConfig(COMETAPI, KEY, "http://relay.example")))
    assert isinstance(error, UnsafeUrl) and "https" in str(error) and error.reached_provider is False


def test_cometapi_has_no_balance_fluxdesk_may_use() -> None:
    async def ask() -> None:
        async with FluxClient(ProviderConfig(COMETAPI, KEY)) as client:
            with pytest.raises(NotSupported) as caught:
                await client.credits()
            assert client.request_count == 0
            assert "dashboard" in str(caught.value) and caught.value.reached_provider is False

    _run(ask())
