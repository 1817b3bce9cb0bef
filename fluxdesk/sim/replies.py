"""HTTP replies in each provider's own shape.

- BFL (FastAPI): validation 422 ``{"detail": [{"type", "loc", "msg", "input", "ctx"}]}``; other errors
  ``{"detail": "text"}``; a missing or wrong ``x-key`` 403 (BFL answers a wrong key with 403); out of
  credits 402; unknown route 404 ``{"detail": "Not Found"}``.
- CometAPI (a relay with its own gateway): ``{"error": {"message", "type": "comet_api_error", "param",
  "code"}}`` with the request id in the message, as its error guide shows; validation errors 400
  (code "invalid_request", param naming the first field); a wrong key 401.
- Delivery (a blob store): XML errors, 403 once a link is expired or forged.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fluxdesk.sim.spec import COMETAPI
from fluxdesk.sim.validate import Problem

COMET_ERROR = "comet_api_error"


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    cutoff: bool = False  # announce the full length, send half, then drop the connection


def json_reply(status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(data).encode(), "application/json", headers or {})


def request_id() -> str:
    return uuid.uuid4().hex[:24]


def comet_error(
    status: int, message: str, *, code: str = "", param: str = "", headers: dict[str, str] | None = None
) -> Reply:
    error = {
        "message": f"{message} (request id: {request_id()})",
        "type": COMET_ERROR,
        "param": param,
        "code": code,
    }
    return json_reply(status, {"error": error}, headers)


def error(
    provider: str,
    status: int,
    message: str,
    *,
    code: str = "",
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Reply:
    """A plain error in the provider's shape (`extra` adds top-level fields, e.g. a body retry_after)."""
    if provider == COMETAPI:
        reply = comet_error(status, message, code=code, headers=headers)
    else:
        reply = json_reply(status, {"detail": message}, headers)
    if extra:
        data = json.loads(reply.body)
        data.update(extra)
        reply.body = json.dumps(data).encode()
    return reply


def validation(provider: str, problems: Sequence[Problem]) -> Reply:
    if provider == COMETAPI:
        first = problems[0]
        text = "; ".join(f"{p.field}: {p.msg}" if p.field else p.msg for p in problems)
        return comet_error(400, text, code="invalid_request", param=first.field)
    return json_reply(422, {"detail": [p.as_detail() for p in problems]})


def bad_json(provider: str, error_text: str, position: int) -> Reply:
    if provider == COMETAPI:
        return comet_error(400, f"invalid request body: {error_text}", code="invalid_request")
    return json_reply(
        422,
        {
            "detail": [
                {
                    "type": "json_invalid",
                    "loc": ["body", position],
                    "msg": "JSON decode error",
                    "input": {},
                    "ctx": {"error": error_text},
                }
            ]
        },
    )


def unauthorized(provider: str, missing: bool) -> Reply:
    if provider == COMETAPI:
        return comet_error(401, "Invalid token", code="")
    return json_reply(
        403, {"detail": "Not authenticated" if missing else "Not authenticated - Invalid API key"}
    )


def out_of_credits(provider: str, cost: float, balance: float) -> Reply:
    if provider == COMETAPI:
        return comet_error(402, "insufficient user quota", code="insufficient_user_quota")
    return json_reply(
        402,
        {
            "detail": f"Insufficient credits: this task costs {cost:g} credits and the balance "
            f"is {max(balance, 0.0):g}."
        },
    )


def not_offered(provider: str, model: str) -> Reply:
    if provider == COMETAPI:
        return comet_error(404, f"model {model} is not available", code="model_not_found")
    return json_reply(404, {"detail": "Not Found"})


def xml_error(status: int, code: str, message: str) -> Reply:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Error><Code>'
        f"{code}</Code><Message>{message}\nRequestId:{uuid.uuid4()}\nTime:{stamp}</Message></Error>"
    )
    return Reply(status, body.encode(), "application/xml")


HTML_PAGE = (
    "<html>\r\n<head><title>{code} Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>{code} Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
    "</body>\r\n</html>\r\n"
)


def html(code: int) -> Reply:
    return Reply(code, HTML_PAGE.format(code=code).encode(), "text/html; charset=utf-8")
