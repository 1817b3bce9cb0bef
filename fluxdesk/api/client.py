"""The async Flux client: submit, poll, download. The only module of fluxdesk that imports httpx.

Why it is built the way it is:

- One `httpx.AsyncClient` per `FluxClient`, HTTP/1.1, pooled, explicit timeouts; it carries no auth
  headers. The key is added per request, and only to URLs `ProviderConfig.may_receive_key` accepts, so
  a delivery host or a foreign polling_url can never receive it (not even through a redirect: API
  calls do not follow redirects).
- A submit costs money. Its POST is retried only when it surely never reached the server (connect
  error, connect timeout, pool timeout) or was refused with 429; after anything else it raises.
  GETs (poll, download) are retried on 429, 5xx/524, connection trouble and read timeouts.
- Every failure leaves as a `FluxError` subclass with one plain sentence; every text built from a
  server reply or an httpx exception passes `scrub()` so the key never shows up in it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import BrokenExecutor, Executor, ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import anyio._backends._asyncio  # noqa: F401  (see below)
import httpx

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.errors import (
    AuthError,
    CorruptImage,
    FieldError,
    FluxError,
    InvalidRequest,
    InvalidResponse,
    NetworkError,
    OutOfCredits,
    ProviderUnavailable,
    RateLimited,
    ResultExpired,
    TaskNotFound,
    Timeout,
    UnsafeUrl,
)
from fluxdesk.api.imagecheck import inspect_image, verify_image
from fluxdesk.api.polling import KNOWN_STATUSES, PollSchedule, normalise_status, parse_status, terminal_error
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest
from fluxdesk.api.retry import PollPolicy, RetryPolicy, parse_retry_after, retry_wait
from fluxdesk.api.types import DownloadedImage, SubmittedTask, TaskStatus

# httpx's transport imports anyio's asyncio backend lazily, inside the first request: ~25 ms of imports
# that would block the GUI thread at the first Generate. Importing it here moves that to start-up.

__all__ = ["FluxClient", "PollPolicy", "RetryPolicy", "scrub", "verify_image"]

log = logging.getLogger(__name__)

T = TypeVar("T")

USER_AGENT = "fluxdesk/0.1"
_EXPIRED_STATUSES = frozenset({403, 404, 410})
_RETRYABLE_SERVER = frozenset({500, 502, 503, 504, 520, 521, 522, 523, 524, 529})
_MAX_TEXT = 300
_REDACTED = "[redacted]"
_AUTH_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[^\s\"',;]+"),
    re.compile(r"(?i)(x-key[\"']?\s*[:=]\s*[\"']?)[^\s\"',;]+"),
)


# ---- text ------------------------------------------------------------------------------------------


def scrub(text: str, secret: str | None) -> str:
    """`text` without the key (as is, URL-encoded, or after 'Bearer'/'x-key'), on one line, short.

    Used on every text built from a server reply or an httpx exception before it reaches an error.
    """
    out = str(text)
    if secret:
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            out = out.replace(form, _REDACTED)
    for pattern in _AUTH_PATTERNS:
        out = pattern.sub(lambda m: m.group(1) + _REDACTED, out)
    out = " ".join(out.split())
    return out if len(out) <= _MAX_TEXT else out[: _MAX_TEXT - 1].rstrip() + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    if text and not text.endswith((".", "!", "?", "…")):
        text += "."
    return text


def _describe(exc: BaseException) -> str:
    """An httpx exception as short text: its message (URLs are fine there), else its type name."""
    return str(exc).strip() or type(exc).__name__


def _place(url: str) -> str:
    """scheme://host/path of a URL, for log lines: a signed query string is nobody's business."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


# ---- one failed try --------------------------------------------------------------------------------


class _Failed(Exception):
    """A try that failed with `error`. `unsent`: the request surely never reached the server."""

    def __init__(self, error: FluxError, *, unsent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.unsent = unsent
        self.retry_after = retry_after


# ---- reading error replies ---------------------------------------------------------------------------


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


def _field_of(loc: Any) -> str:
    """BFL's `loc` (["body", "width"]) -> "width"; "" when it names the whole request."""
    if isinstance(loc, list | tuple):
        names = [str(p) for p in loc if isinstance(p, str) and p not in ("body", "query", "path")]
        return names[-1] if names else ""
    return str(loc) if isinstance(loc, str) and loc not in ("body", "query") else ""


def _field_message(field: str, message: str) -> FieldError:
    message = _sentence(message)
    if field and field.lower() not in message.lower():
        message = f"{field}: {message}"
    return FieldError(field, message)


def field_errors(body: Any, clean: Callable[[str], str]) -> list[FieldError]:
    """Field messages from both providers' error shapes; [] when the body says nothing usable.

    CometAPI: {"error": {"message", "param"}}; BFL: {"detail": [{"loc", "msg"}]} or {"detail": "text"}.
    """
    if not isinstance(body, Mapping):
        return []
    errors: list[FieldError] = []
    error = body.get("error")
    if isinstance(error, Mapping) and error.get("message"):
        param = error.get("param")
        errors.append(
            _field_message(str(param) if isinstance(param, str) else "", clean(str(error["message"])))
        )
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


def _provider_text(response: httpx.Response, clean: Callable[[str], str]) -> str:
    """The provider's own words from an error reply (one line), or "" for HTML pages and empty bodies."""
    body = _json_or_none(response)
    found = field_errors(body, clean)
    if found:
        return " ".join(e.message for e in found)
    text = response.text.strip() if body is None else ""
    if not text or text.startswith("<"):
        return ""
    return _sentence(clean(text))


def _looks_like_html(response: httpx.Response) -> bool:
    ctype = response.headers.get("content-type", "").lower()
    return "html" in ctype or response.content.lstrip()[:1] == b"<"


# ---- the client ------------------------------------------------------------------------------------


class FluxClient:
    """Talks to one provider. Build one per provider configuration, share it, close it with `aclose()`."""

    def __init__(
        self,
        config: ProviderConfig,
        *,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen, so a shared default is safe
        poll: PollPolicy = PollPolicy(),  # noqa: B008
        timeout: float = 30.0,
        max_download_bytes: int = 64 << 20,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        max_connections: int = 32,
        decode_executor: Executor | None = None,
    ) -> None:
        """`decode_executor`: where downloads are decoded to verify them; the window passes a process
        pool (decoding in its own threads would stall repaints), the CLI keeps the default thread."""
        self.config = config
        self.retry = retry
        self.poll = poll
        self.timeout = timeout
        self.max_download_bytes = max_download_bytes
        self.request_count = 0
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._unknown_logged: set[str] = set()
        # one decoder at a time: 24 downloads decoding at once on a 2-core machine would starve the GUI
        # thread of the GIL and the CPU (measured: 40+ ms stalls)
        self._decode_executor = decode_executor
        self._verify_pool: ThreadPoolExecutor | None = None
        self._http = httpx.AsyncClient(
            http1=True,
            http2=False,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0), pool=timeout),
            limits=httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=max_connections,
                keepalive_expiry=30.0,
            ),
            headers={"User-Agent": USER_AGENT},  # never auth: see the module docstring
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"FluxClient({self.config!r}, requests={self.request_count})"

    async def __aenter__(self) -> FluxClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._verify_pool is not None:
            self._verify_pool.shutdown(wait=False, cancel_futures=True)
            self._verify_pool = None

    def _verifier(self) -> Executor:
        if self._decode_executor is not None:
            return self._decode_executor
        if self._verify_pool is None:
            self._verify_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fluxdesk-verify")
        return self._verify_pool

    # ---- public calls ----------------------------------------------------------------------------

    async def submit(self, request: GenerationRequest) -> SubmittedTask:
        """Send one generation; the task's id and polling_url. Never sent twice unless surely unsent."""
        url = self.config.base_url + self.config.submit_path(request.model)
        body = request.payload()

        async def attempt() -> httpx.Response:
            return await self._api_call("POST", url, what="submit", model=request.model, json=body)

        response = await self._with_retries(attempt, idempotent=False, what="submit")
        return self._parse_submitted(response)

    async def get_result(self, task: SubmittedTask) -> TaskStatus:
        """One poll of the task's status (the GET is retried on transient trouble)."""
        url = self._poll_url(task)

        async def attempt() -> httpx.Response:
            return await self._api_call("GET", url, what="poll")

        response = await self._with_retries(attempt, idempotent=True, what="poll")
        data = self._json(response, what="status")
        return parse_status(task.id, data)

    async def wait_ready(
        self,
        task: SubmittedTask,
        *,
        on_status: Callable[[TaskStatus], None] | None = None,
        deadline: float | None = None,
        poll_now: bool = False,
    ) -> TaskStatus:
        """Poll until Ready (returned) or a terminal status (its typed error) or the deadline (Timeout).

        A task just submitted is never ready at once, so the first poll waits one interval; pass
        `poll_now=True` for a task that may have finished already (resume, re-fetch).
        """
        limit = self.poll.deadline if deadline is None else deadline
        schedule = PollSchedule(self.poll, limit, asyncio.get_running_loop().time)
        if not poll_now:
            first = schedule.next_wait()
            if first:
                await self._sleep(first)
        while True:
            status = await self.get_result(task)
            if on_status is not None:
                on_status(status)
            if status.is_ready:
                return status
            error = terminal_error(status, self._scrub)
            if error is not None:
                raise error
            self._note_unknown(status.status)
            wait = schedule.next_wait()
            if wait is None:
                raise Timeout(
                    f"The task was not ready after {limit:g} seconds; "
                    "it may still finish on the provider's side."
                )
            await self._sleep(wait)

    async def download(self, url: str, *, expected_size: tuple[int, int] | None = None) -> DownloadedImage:
        """Fetch a delivery link without any auth header, capped in size, then verify it with Pillow."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UnsafeUrl("The provider's result link is not an http(s) address; nothing was downloaded.")

        async def attempt() -> tuple[bytes, str | None]:
            return await self._fetch(url)

        data, content_type = await self._with_retries(attempt, idempotent=True, what="download")
        loop = asyncio.get_running_loop()
        size = (int(expected_size[0]), int(expected_size[1])) if expected_size is not None else None
        try:
            fmt, width, height = await loop.run_in_executor(self._verifier(), inspect_image, data, size)
        except BrokenExecutor:
            # the decoding process died (killed, out of memory): decode here from now on, lose nothing
            log.warning("the image-decoding process stopped; decoding in a thread from now on")
            self._decode_executor = None
            fmt, width, height = await loop.run_in_executor(self._verifier(), inspect_image, data, size)
        return DownloadedImage(data=data, width=width, height=height, format=fmt, content_type=content_type)

    # ---- retries ---------------------------------------------------------------------------------

    async def _with_retries(self, attempt: Callable[[], Awaitable[T]], *, idempotent: bool, what: str) -> T:
        """Run `attempt` until it succeeds, a failure may not be retried, or the tries run out.

        A 429 is a refusal, so even a submit may be retried after it; anything else is retried on a
        submit only when the request surely never left (`unsent`), never risking a second charge.
        """
        failures = 0
        while True:
            try:
                return await attempt()
            except _Failed as failed:
                failures += 1
                may_retry = failed.error.retryable and (
                    idempotent or failed.unsent or isinstance(failed.error, RateLimited)
                )
                if not may_retry or failures >= self.retry.attempts:
                    raise failed.error from None
                wait = retry_wait(self.retry, failures, self._rng, failed.retry_after)
                if wait is None:  # the server wants a longer pause than the policy allows
                    raise failed.error from None
                log.debug(
                    "%s failed (%s); try %d of %d in %.2f s",
                    what,
                    failed.error.code,
                    failures + 1,
                    self.retry.attempts,
                    wait,
                )
                await self._sleep(wait)

    # ---- HTTP --------------------------------------------------------------------------------------

    def _key_headers(self, url: str) -> dict[str, str]:
        """The auth header for `url`, or nothing when that host may not see the key."""
        return self.config.auth_headers() if self.config.may_receive_key(url) else {}

    async def _api_call(
        self, method: str, url: str, *, what: str, model: str = "", json: Any = None
    ) -> httpx.Response:
        """One API request; a non-2xx reply or an httpx exception becomes `_Failed`."""
        headers = {"Accept": "application/json", **self._key_headers(url)}
        self.request_count += 1
        log.debug("%s %s", method, _place(url))
        try:
            response = await self._http.request(method, url, headers=headers, json=json)
        except httpx.HTTPError as exc:
            raise self._transport_failure(exc, url) from None
        if response.is_success:
            return response
        raise self._status_failure(response, what=what, model=model)

    async def _fetch(self, url: str) -> tuple[bytes, str | None]:
        """Stream a delivery link into memory, no auth, at most `max_download_bytes`."""
        self.request_count += 1
        log.debug("GET %s (delivery)", _place(url))
        try:
            async with self._http.stream("GET", url, follow_redirects=True) as response:
                if not response.is_success:
                    await response.aread()
                    raise self._delivery_failure(response)
                return await self._read_capped(response), response.headers.get("content-type")
        except httpx.HTTPError as exc:
            raise self._transport_failure(exc, url) from None

    async def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.max_download_bytes
        too_big = CorruptImage(
            f"The downloaded image is larger than the {cap >> 20} MB limit; it was not kept."
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise _Failed(too_big)  # not retryable: the same link gives the same size
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise _Failed(too_big)
            chunks.append(chunk)
        return b"".join(chunks)

    # ---- turning failures into typed errors ------------------------------------------------------------

    def _scrub(self, text: str) -> str:
        return scrub(text, self.config.api_key)

    def _transport_failure(self, exc: httpx.HTTPError, url: str) -> _Failed:
        """An httpx exception as a typed error; `unsent` only when the request surely never left."""
        host = urlsplit(url).netloc or "the provider"
        details = self._scrub(f"{type(exc).__name__}: {_describe(exc)}")
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            return _Failed(Timeout(f"Could not connect to {host} in time.", details=details), unsent=True)
        if isinstance(exc, httpx.TimeoutException):
            return _Failed(Timeout(f"{host} took too long to answer.", details=details))
        if isinstance(exc, httpx.ConnectError):
            reason = self._scrub(_describe(exc))
            return _Failed(
                NetworkError(f"Could not connect to {host} ({reason}).", details=details), unsent=True
            )
        if isinstance(exc, httpx.TooManyRedirects):
            return _Failed(InvalidResponse(f"{host} redirected too many times.", details=details))
        if isinstance(exc, httpx.DecodingError):
            return _Failed(
                InvalidResponse(f"{host} sent a reply that could not be decoded.", details=details)
            )
        if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
            return _Failed(
                InvalidResponse("The provider gave an address fluxdesk cannot use.", details=details)
            )
        reason = self._scrub(_describe(exc))
        return _Failed(NetworkError(f"The connection to {host} failed ({reason}).", details=details))

    def _status_failure(self, response: httpx.Response, *, what: str, model: str) -> _Failed:
        """A non-2xx API reply as a typed error, with the provider's own (scrubbed) words when useful."""
        code = response.status_code
        said = _provider_text(response, self._scrub)
        details = said or None
        if code in (400, 422):
            found = field_errors(_json_or_none(response), self._scrub)
            return _Failed(
                InvalidRequest(
                    found or f"The provider refused the request as invalid (HTTP {code}).", details=details
                )
            )
        if code in (401, 403):
            return _Failed(
                AuthError(
                    _joined(
                        f"The {self.config.label} API key was refused (HTTP {code}); check it in Settings.",
                        said,
                    ),
                    details=details,
                )
            )
        if code == 402:
            return _Failed(OutOfCredits(details=details))
        if code == 404 and what == "submit":
            return _Failed(
                InvalidRequest(
                    [FieldError("model", f"The provider does not offer model {model}.")], details=details
                )
            )
        if code in (404, 410) and what == "poll":
            return _Failed(
                TaskNotFound(
                    _joined("The provider no longer knows this task; it may have aged out.", said),
                    details=details,
                )
            )
        if code == 429:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            return _Failed(RateLimited(retry_after=retry_after, details=details), retry_after=retry_after)
        if code in _RETRYABLE_SERVER or code >= 500:
            return _Failed(
                ProviderUnavailable(
                    f"{self.config.label} is having trouble right now (HTTP {code}); try again in a minute.",
                    status=code,
                    details=details,
                ),
                # a 503 may say when to come back; a pause is then a floor, as for 429
                retry_after=parse_retry_after(response.headers.get("retry-after")),
            )
        if code == 408:
            return _Failed(
                Timeout(f"{self.config.label} gave up waiting for the request (HTTP 408).", details=details)
            )
        if 400 <= code < 500:
            return _Failed(
                InvalidRequest(
                    _joined(f"The provider refused the request (HTTP {code}).", said), details=details
                )
            )
        return _Failed(
            InvalidResponse(f"The provider answered with an unexpected HTTP {code}.", details=details)
        )

    def _delivery_failure(self, response: httpx.Response) -> _Failed:
        code = response.status_code
        if code in _EXPIRED_STATUSES:
            return _Failed(
                ResultExpired(
                    f"The result link has expired (HTTP {code}); the image can no longer be downloaded."
                )
            )
        if code == 429:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            return _Failed(
                RateLimited("The image host is busy; try again shortly.", retry_after=retry_after),
                retry_after=retry_after,
            )
        if code >= 500:
            return _Failed(
                ProviderUnavailable(f"The image host is having trouble (HTTP {code}).", status=code)
            )
        return _Failed(InvalidResponse(f"The image host refused the download (HTTP {code})."))

    # ---- reading replies --------------------------------------------------------------------------------

    def _json(self, response: httpx.Response, *, what: str) -> Mapping[str, Any]:
        """The reply as a JSON object, or `InvalidResponse` (an HTML error page, a broken body...)."""
        data = _json_or_none(response)
        if isinstance(data, Mapping):
            return data
        if data is None and _looks_like_html(response):
            raise InvalidResponse(
                f"The provider sent a web page instead of a {what} reply (HTTP {response.status_code})."
            )
        raise InvalidResponse(f"The provider's {what} reply could not be read (HTTP {response.status_code}).")

    def _parse_submitted(self, response: httpx.Response) -> SubmittedTask:
        data = self._json(response, what="submit")
        task_id = data.get("id")
        if not isinstance(task_id, str | int) or isinstance(task_id, bool) or not str(task_id).strip():
            raise InvalidResponse("The provider accepted the request but sent no task id.")
        polling_url = data.get("polling_url")
        cost = data.get("cost")
        task = SubmittedTask(
            id=str(task_id),
            provider=self.config.provider,
            polling_url=polling_url if isinstance(polling_url, str) and polling_url.strip() else None,
            cost=float(cost) if isinstance(cost, int | float) and not isinstance(cost, bool) else None,
            raw=dict(data),
        )
        status = data.get("status")
        if isinstance(status, str):  # some relays answer an immediate refusal in the submit reply
            error = terminal_error(
                TaskStatus(task.id, normalise_status(status), details=data.get("details")), self._scrub
            )
            if error is not None:
                raise error
        return task

    def _poll_url(self, task: SubmittedTask) -> str:
        """Where to poll: CometAPI's own get_result always; BFL's polling_url as is, if it may get the key."""
        own = f"{self.config.base_url}{self.config.result_path()}?id={quote(task.id, safe='')}"
        if self.config.provider == COMETAPI or not task.polling_url:
            return own
        if self.config.provider == BFL and not self.config.may_receive_key(task.polling_url):
            host = urlsplit(task.polling_url).netloc or "an unknown host"
            raise UnsafeUrl(
                f"The provider asked to poll {host}, which is not an allowed API host; the key was not sent."
            )
        return task.polling_url

    def _note_unknown(self, status: str) -> None:
        """Newer in-progress statuses count as running; say so once per status, for whoever debugs."""
        if status not in KNOWN_STATUSES and status not in self._unknown_logged:
            self._unknown_logged.add(status)
            log.debug("unknown task status %r: treated as still running", status)


def _joined(sentence: str, said: str) -> str:
    """The sentence, followed by the provider's own words when it gave any."""
    return f"{sentence} The provider said: {said}" if said else sentence
