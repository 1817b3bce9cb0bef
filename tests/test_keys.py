"""The key's rules: what a key may look like, and that it never shows in text, in any form."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

import pytest

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.errors import InvalidKey
from fluxdesk.api.keys import check_key, scrub
from fluxdesk.api.providers import ProviderConfig

KEY = "sk-unit-SECRET-0123456789abcdef"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sk-abc\ndef123456", "line break"),
        ("sk-abc\r\ndef123456", "line break"),
        ("sk-abc def123456", "space"),
        ("sk-abc\tdef123456", "space"),
        ("sk-clé-123456", "ASCII"),
        ("sk-abc\x00def", "control character"),
        ("sk-abc\x7fdef", "control character"),
        ("   ", "empty"),
    ],
)
def test_a_key_no_provider_issues_is_refused_without_quoting_it(text: str, words: str) -> None:
    with pytest.raises(InvalidKey) as caught:
        check_key(text)
    assert words in str(caught.value)
    assert (not text.strip() or text.strip() not in str(caught.value)) and "\n" not in str(caught.value)
    assert caught.value.reached_provider is False


def test_a_pasted_key_loses_its_surrounding_whitespace() -> None:
    assert check_key(f"  {KEY}\n") == KEY
    assert check_key("bfl_AbC-123.xyz_~") == "bfl_AbC-123.xyz_~"


@pytest.mark.parametrize("provider", [COMETAPI, BFL])
@pytest.mark.parametrize("bad", ["sk-abc\ndef123456", "sk-ключ-123456"])
def test_a_bad_key_never_reaches_a_header(provider: str, bad: str) -> None:
    config = ProviderConfig(provider, bad)
    with pytest.raises(InvalidKey) as caught:
        config.auth_headers()
    assert bad not in str(caught.value) and bad not in repr(config)


def test_auth_headers_carry_the_clean_key() -> None:
    assert ProviderConfig(BFL, f" {KEY} ").auth_headers() == {"x-key": KEY}
    assert ProviderConfig(COMETAPI, KEY).auth_headers() == {"Authorization": f"Bearer {KEY}"}
    assert ProviderConfig(COMETAPI, "").auth_headers() == {}


@pytest.mark.parametrize(
    "form",
    [
        KEY,
        quote(KEY, safe=""),
        json.dumps(KEY),
        repr(KEY),
        repr(KEY.encode()),
        f"'{KEY}'",
        f'"{KEY}"',
        KEY[:12] + "\n" + KEY[12:],  # wrapped by a line break
        KEY[:12] + "\r\n   " + KEY[12:],
    ],
)
def test_scrub_removes_the_key_in_every_form(form: str) -> None:
    out = scrub(f"refused: {form} (see logs)", KEY)
    assert KEY[:12] not in out and KEY[12:] not in out, out
    assert "[redacted]" in out and "\n" not in out


def test_scrub_handles_keys_with_line_breaks_and_non_ascii() -> None:
    broken = "sk-first-half\nsecond-half-77"
    text = (
        f"Illegal header value {broken.encode()!r}; json {json.dumps(broken)}; "
        f"url {quote(broken)}; plus {quote_plus(broken)}; raw {broken}"
    )
    out = scrub(text, broken)
    assert "first-half" not in out and "second-half" not in out, out
    accented = "clé-ünïcode-123456"
    url = quote(accented)
    forms = [accented, json.dumps(accented), repr(accented.encode()), url.lower(), url]
    text = " ".join(forms)
    out = scrub(text, accented)
    assert "123456" not in out and "%C3" not in out.upper().replace("[REDACTED]", ""), out


def test_scrub_also_removes_bearer_and_x_key_values_and_stays_short() -> None:
    out = scrub(f"Authorization: Bearer abc.def x-key: {KEY}x", None)
    assert "abc.def" not in out and KEY not in out
    assert len(scrub("x" * 5000, KEY)) <= 300
    assert scrub("nothing secret here", KEY) == "nothing secret here"
