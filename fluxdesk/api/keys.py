"""The API key's two rules: what a key may look like (`check_key`) and how it is kept out of text (`scrub`).

A key goes into an HTTP header, so a line break in it would split the header (httpx refuses it, and
its message quotes the key) and a non-ASCII character cannot be encoded at all. Both providers issue
keys of printable ASCII without spaces, so anything else is refused with one sentence before any
request is built. `scrub` removes the key from any text in every form it may take there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, quote_plus

from fluxdesk.api.errors import InvalidKey
from fluxdesk.i18n import _

REDACTED = "[redacted]"
MAX_TEXT = 300
#: both providers' keys are well under 100 characters; a pasted page or file is not a key
MAX_KEY_LENGTH = 512
#: shorter pieces of a key (split by a line break) are not worth a redaction that may hit plain words
_MIN_PIECE = 6
_AUTH_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[^\s\"',;]+"),
    re.compile(r"(?i)(x-key[\"']?\s*[:=]\s*[\"']?)[^\s\"',;]+"),
)


def check_key(text: str) -> str:
    """The key without the surrounding whitespace a paste brings; `InvalidKey` when it cannot be a key.

    The sentence never quotes the key.
    """
    key = text.strip()
    if not key:
        raise InvalidKey(_("The API key is empty; enter it in Settings."))
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidKey(
            _("The API key is {n} characters long, far more than any key; paste only the key.").format(
                n=len(key))
        )
    for ch in key:
        if ch in "\r\n":
            raise InvalidKey(_("The API key has a line break in it; paste it again on one line."))
        if ch.isspace():
            raise InvalidKey(_("The API key has a space in it; paste it again without spaces."))
        if not ch.isascii():
            raise InvalidKey(
                _("The API key has a character no key has (outside plain ASCII); paste it again."))
        if not ch.isprintable():
            raise InvalidKey(_("The API key has an invisible control character in it; paste it again."))
    return key


def _forms(secret: str) -> set[str]:
    """The ways `secret` may be written in a text: as is, URL-encoded, JSON-escaped, repr'd, in bytes."""
    forms = {secret, secret.strip()}
    for encoded in (quote(secret, safe=""), quote(secret), quote_plus(secret)):
        forms.add(encoded)
        forms.add(re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded))
    forms.add(json.dumps(secret)[1:-1])
    forms.add(json.dumps(secret, ensure_ascii=False)[1:-1])
    forms.add(repr(secret)[1:-1])
    forms.add(repr(secret.encode("utf-8", "backslashreplace"))[2:-1])
    forms.add(secret.encode("unicode_escape").decode("ascii"))
    pieces = re.split(r"[\r\n]+", secret)
    if len(pieces) > 1:  # a key with a line break in it: each line may show on its own
        forms.update(p for p in (piece.strip() for piece in pieces) if len(p) >= _MIN_PIECE)
    return {f for f in forms if f}


def _pattern(form: str) -> re.Pattern[str]:
    """`form`, also when a line break or wrap puts whitespace between its characters."""
    return re.compile(r"\s*".join(re.escape(c) for c in form if not c.isspace()))


@lru_cache(maxsize=8)
def _patterns(secret: str) -> tuple[re.Pattern[str], ...]:
    forms = sorted((f for f in _forms(secret) if f.strip()), key=len, reverse=True)
    return tuple(_pattern(f) for f in forms)


def redact(text: str, secrets: str | Iterable[str] | None) -> str:
    """`text` without the keys (in every form, and after 'Bearer'/'x-key'), its lines and length kept.

    For texts that are more than a sentence: log records and their tracebacks.
    """
    out = str(text)
    for secret in [secrets] if isinstance(secrets, str) else list(secrets or ()):
        if secret and secret.strip():
            for pattern in _patterns(secret):
                out = pattern.sub(REDACTED, out)
    for pattern in _AUTH_PATTERNS:
        out = pattern.sub(lambda m: m.group(1) + REDACTED, out)
    return out


def scrub(text: str, secret: str | None) -> str:
    """`text` without the key (in every form, and after 'Bearer'/'x-key'), on one line, short.

    Used on every text built from a server reply or an httpx exception before it reaches an error.
    """
    out = " ".join(redact(text, secret).split())
    return out if len(out) <= MAX_TEXT else out[: MAX_TEXT - 1].rstrip() + "…"
