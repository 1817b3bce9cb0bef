"""Reading the providers' replies: typed errors from error replies, and the fields of good ones.

No httpx here: the client hands over a `Reply` (status, headers, body), so every rule about what a
reply means can be tested without a socket. Every text taken from a reply passes `clean` (the
client's `scrub`) before it goes into an error.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fluxdesk.api.attempts import Failed
from fluxdesk.api.errors import (
    AuthError,
    FieldError,
    FluxError,
    InvalidRequest,
    InvalidResponse,
    NotSupported,
    OutOfCredits,
    ProviderUnavailable,
    RateLimited,
    ResultExpired,
    TaskNotFound,
    Timeout,
)
from fluxdesk.api.polling import normalise_status, terminal_error
from fluxdesk.api.retry import parse_retry_after
from fluxdesk.api.types import Credits, SubmittedTask, TaskStatus
from fluxdesk.i18n import _

Clean = Callable[[str], str]

_EXPIRED_STATUSES = frozenset({403, 404, 410})
_INVALID_REQUEST = frozenset({"invalid_request", "invalid_request_error"})
_REQUEST_ID = re.compile(r"\s*\(request id: [^)]*\)\s*\.?\s*$", re.IGNORECASE)
_NAMED = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*): (?P<text>\S.*)$")
_RETRYABLE_SERVER = frozenset({500, 502, 503, 504, 520, 521, 522, 523, 524, 529})


@dataclass(frozen=True)
class Reply:
    """One HTTP reply, as plain values. `headers` keys are lower case."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


def sentence(text: str) -> str:
    text = text.strip()
    if text and not text.endswith((".", "!", "?", "…")):
        text += "."
    return text


def json_or_none(content: bytes) -> Any:
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None


def looks_like_html(reply: Reply) -> bool:
    ctype = reply.headers.get("content-type", "").lower()
    return "html" in ctype or reply.content.lstrip()[:1] == b"<"


def _field_of(loc: Any) -> str:
    """BFL's `loc` (["body", "width"]) -> "width"; "" when it names the whole request."""
    if isinstance(loc, list | tuple):
        names = [str(p) for p in loc if isinstance(p, str) and p not in ("body", "query", "path")]
        return names[-1] if names else ""
    return str(loc) if isinstance(loc, str) and loc not in ("body", "query") else ""


def _field_message(name: str, message: str) -> FieldError:
    message = sentence(message)
    if name and name.lower() not in message.lower():
        message = f"{name}: {message}"
    return FieldError(name, message)


def _envelope_errors(param: str, message: str) -> list[FieldError]:
    """CometAPI's one `message` (and one `param`) as field errors. Its documentation shows one message
    per reply and leaves open how a request with several bad fields is told; a message that lists
    them ("width: ...; height: ...") gives one error per field, each under its own name. The request
    id CometAPI appends is for its support (kept in the error's details), not for a field."""
    text = _REQUEST_ID.sub("", message).strip()
    parts = [p.strip() for p in text.split("; ")]
    listed = [_NAMED.match(p) for p in parts]
    if len(parts) > 1 and all(listed):
        return [_field_message(m["name"], m["text"]) for m in listed if m is not None]
    return [_field_message(param, text or message)]


def field_errors(body: Any, clean: Clean) -> list[FieldError]:
    """Field messages from both providers' error shapes; [] when the body says nothing usable.

    CometAPI: {"error": {"message", "type", "param", "code"}} (its `comet_api_error` envelope);
    BFL: {"detail": [{"loc", "msg", "type"}]} or {"detail": "text"}.
    """
    if not isinstance(body, Mapping):
        return []
    errors: list[FieldError] = []
    error = body.get("error")
    if isinstance(error, Mapping) and error.get("message"):
        param = error.get("param")
        name = str(param) if isinstance(param, str) else ""
        errors.extend(_envelope_errors(name, clean(str(error["message"]))))
    elif isinstance(error, str) and error.strip():
        errors.append(_field_message("", clean(error)))
    detail = body.get("detail")
    if isinstance(detail, list):
        for item in detail:
            if isinstance(item, Mapping) and item.get("msg"):
                errors.append(_field_message(_field_of(item.get("loc")), clean(str(item["msg"]))))
            elif isinstance(item, str) and item.strip():
                errors.append(_field_message("", clean(item)))
    elif isinstance(detail, str) and detail.strip():
        errors.append(_field_message("", clean(detail)))
    if not errors and isinstance(body.get("message"), str) and body["message"].strip():
        errors.append(_field_message("", clean(body["message"])))
    return errors


def provider_text(reply: Reply, clean: Clean) -> str:
    """The provider's own words from an error reply (one line), or "" for HTML pages and empty bodies."""
    body = json_or_none(reply.content)
    error = body.get("error") if isinstance(body, Mapping) else None
    if isinstance(error, Mapping) and isinstance(error.get("message"), str) and error["message"].strip():
        # CometAPI's message as sent: its request id is what its support asks for
        return sentence(" ".join(clean(error["message"]).split()))
    found = field_errors(body, clean)
    if found:
        return " ".join(e.message for e in found)
    text = reply.text.strip() if body is None else ""
    if not text or text.startswith("<"):
        return ""
    return sentence(clean(text))


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        return parse_retry_after(value)
    else:
        return None
    return max(0.0, number) if math.isfinite(number) else None


def retry_after_of(reply: Reply) -> float | None:
    """The pause the server asks for: its Retry-After header or a `retry_after` in its JSON body
    (the longer when both are given)."""
    header = parse_retry_after(reply.headers.get("retry-after"))
    body = json_or_none(reply.content)
    found: float | None = None
    if isinstance(body, Mapping):
        found = _seconds(body.get("retry_after"))
        error = body.get("error")
        if found is None and isinstance(error, Mapping):
            found = _seconds(error.get("retry_after"))
    values = [v for v in (header, found) if v is not None]
    return max(values) if values else None


def _says_invalid_request(body: Any) -> bool:
    """CometAPI's envelope names a malformed request: `error.code` "invalid_request", as its error guide
    shows; the guide's envelope keeps `type` for "comet_api_error", but relays of the same family put
    "invalid_request(_error)" there, so either field is read."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        return False
    said = (error.get("code"), error.get("type"))
    return any(isinstance(v, str) and v.strip().lower() in _INVALID_REQUEST for v in said)


def _joined(text: str, said: str) -> str:
    """The sentence, followed by the provider's own words when it gave any."""
    return _("{text} The provider said: {said}").format(text=text, said=said) if said else text


def status_failure(reply: Reply, *, label: str, what: str, model: str, clean: Clean) -> Failed:
    """A non-2xx API reply as a typed error, with the provider's own (scrubbed) words when useful.

    Every such reply came from the provider (`reached_provider=True`); a 429 is a refusal, not a task.
    """
    failed = _status_failure(reply, label=label, what=what, model=model, clean=clean)
    failed.error.reached_provider = True
    return failed


def _status_failure(reply: Reply, *, label: str, what: str, model: str, clean: Clean) -> Failed:
    code = reply.status
    said = provider_text(reply, clean)
    details = said or None
    if 300 <= code < 400:
        return Failed(
            InvalidResponse(
                _("{label} answered with a redirect (HTTP {code}), which fluxdesk does not follow.").format(
                    label=label, code=code),
                details=details,
            )
        )
    body = json_or_none(reply.content)
    if code in (400, 422) or (code >= 500 and _says_invalid_request(body)):
        # CometAPI may answer a malformed request with a 500 whose envelope says invalid_request
        found = field_errors(body, clean)
        return Failed(
            InvalidRequest(
                found or _("The provider refused the request as invalid (HTTP {code}).").format(
                    code=code), details=details
            )
        )
    if code in (401, 403):
        return Failed(
            AuthError(
                _joined(_("The {label} API key was refused (HTTP {code}); check it in Settings.").format(
                    label=label, code=code), said),
                details=details,
            )
        )
    if code == 402:
        return Failed(OutOfCredits(details=details))
    if code == 404 and what == "submit":
        return Failed(
            InvalidRequest(
                [FieldError("model", _("The provider does not offer model {model}.").format(
                    model=model))], details=details
            )
        )
    if code == 404 and what == "credits":
        text = _("{label} has no balance to show at this address (HTTP 404).").format(label=label)
        return Failed(NotSupported(text, details=details))
    if code in (404, 410) and what == "poll":
        return Failed(
            TaskNotFound(
                _joined(_("The provider no longer knows this task; it may have aged out."), said),
                details=details,
            )
        )
    if code == 429:
        retry_after = retry_after_of(reply)
        return Failed(RateLimited(retry_after=retry_after, details=details), retry_after=retry_after)
    if code in _RETRYABLE_SERVER or code >= 500:
        # a gateway's 5xx may come after the provider took the task: a submit says it may be paid for
        after = (
            _("; the request may have reached the provider, so it was not sent again.")
            if what == "submit" else _("; try again in a minute.")
        )
        return Failed(
            ProviderUnavailable(
                _("{label} is having trouble right now (HTTP {code}){after}").format(
                    label=label, code=code, after=after),
                status=code,
                details=details,
                reached_provider=True if what == "submit" else None,
            ),
            # a 503 may say when to come back; a pause is then a floor, as for 429
            retry_after=retry_after_of(reply),
        )
    if code == 408:
        return Failed(Timeout(_("{label} gave up waiting for the request (HTTP 408).").format(
            label=label), details=details))
    if 400 <= code < 500:
        return Failed(
            InvalidRequest(_joined(_("The provider refused the request (HTTP {code}).").format(
                code=code), said), details=details)
        )
    return Failed(InvalidResponse(_("The provider answered with an unexpected HTTP {code}.").format(
        code=code), details=details))


def delivery_failure(reply: Reply) -> Failed:
    """A refused download: an expired link (never retried), a busy or failing image host (retried)."""
    code = reply.status
    if code in _EXPIRED_STATUSES:
        return Failed(
            ResultExpired(
                _("The result link has expired (HTTP {code}); the image can no longer be downloaded.").format(
                    code=code)
            )
        )
    if code == 429:
        retry_after = retry_after_of(reply)
        return Failed(
            RateLimited(_("The image host is busy; try again shortly."), retry_after=retry_after),
            retry_after=retry_after,
        )
    if code >= 500:
        # a busy image host may say when to come back, as an API host does: a floor for the wait
        return Failed(
            ProviderUnavailable(_("The image host is having trouble (HTTP {code}).").format(
                code=code), status=code),
            retry_after=retry_after_of(reply),
        )
    return Failed(InvalidResponse(_("The image host refused the download (HTTP {code}).").format(code=code)))


def json_object(reply: Reply, *, what: str) -> Mapping[str, Any]:
    """The reply as a JSON object, or `InvalidResponse` (an HTML error page, a broken body...)."""
    data = json_or_none(reply.content)
    if isinstance(data, Mapping):
        return data
    if data is None and looks_like_html(reply):
        raise InvalidResponse(
            _("The provider sent a web page instead of a {what} reply (HTTP {status}).").format(
                what=_(what), status=reply.status)
        )
    raise InvalidResponse(_("The provider's {what} reply could not be read (HTTP {status}).").format(
        what=_(what), status=reply.status))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def parse_submitted(data: Mapping[str, Any], provider: str, clean: Clean) -> SubmittedTask:
    """A submit reply as a `SubmittedTask`. Accepts every shape seen: BFL's {"id", "polling_url",
    "cost", "input_mp", "output_mp"}, its webhook reply {"id", "status", "webhook_url", "cost", ...}
    and CometAPI's {"id", "polling_url"} or {"id", "status": "Pending"}. Without a polling_url the task
    is polled by id. A status that already says the task failed raises its typed error."""
    task_id = data.get("id")
    if not isinstance(task_id, str | int) or isinstance(task_id, bool) or not str(task_id).strip():
        raise InvalidResponse(_("The provider accepted the request but sent no task id."))
    polling_url = data.get("polling_url")
    task = SubmittedTask(
        id=str(task_id).strip(),
        provider=provider,
        polling_url=polling_url.strip() if isinstance(polling_url, str) and polling_url.strip() else None,
        cost=_number(data.get("cost")),
        input_mp=_number(data.get("input_mp")),
        output_mp=_number(data.get("output_mp")),
        raw=dict(data),
    )
    status = data.get("status")
    if isinstance(status, str) and status.strip():  # some relays answer an immediate refusal here
        early = TaskStatus(task.id, normalise_status(status), details=data.get("details"))
        error = terminal_error(early, clean)
        if error is not None:
            raise error
    return task


def parse_credits(data: Mapping[str, Any]) -> Credits:
    """BFL's GET /v1/credits reply, {"credits": n}."""
    credits = _number(data.get("credits"))
    if credits is None:
        raise InvalidResponse(_("The provider's balance reply had no credits in it."))
    return Credits(credits=credits)


def unexpected(error: FluxError) -> Failed:
    """A 2xx reply that could not be read: worth another try for a GET (see `attempts.py`)."""
    return Failed(error, transient=True)
