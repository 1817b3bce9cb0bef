"""The async Flux client: submit, poll, download, balance. The only module of fluxdesk that imports httpx.

Why it is built the way it is:

- One `httpx.AsyncClient` per `FluxClient`, HTTP/1.1, pooled, explicit timeouts; it carries no auth
  headers. The key is checked (`keys.check_key`) and added per request, and only to URLs
  `ProviderConfig.may_receive_key` accepts, so a delivery host or a foreign polling_url never
  receives it (not even through a redirect: API calls do not follow redirects).
- A submit costs money. Its POST is retried only when it surely never reached the server (no
  connection was made) or was refused with 429; after anything else it raises. Its errors say which:
  `NeverSent` ("nothing was charged") or an error whose text says the request may have reached the
  provider. GETs (poll, download, balance) are retried on 429, 5xx/524, connection trouble, read
  timeouts and malformed 200 replies, inside the retry loop (`attempts.py`), each retry announced to
  `on_retry(reason, wait)`; `retry_until` lets them go on until a time instead of a count.
- Every failure leaves as a `FluxError` subclass with one plain sentence; every text built from a
  server reply or an httpx exception passes `scrub()` so the key never shows up in it. Reading the
  replies is `replies.py`'s job (no httpx there).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from concurrent.futures import BrokenExecutor, Executor, ThreadPoolExecutor
from urllib.parse import quote, urljoin, urlsplit

import anyio._backends._asyncio  # noqa: F401  (see below)
import httpx

from fluxdesk.api.attempts import Failed, OnRetry, RetryLoop
from fluxdesk.api.catalog import COMETAPI
from fluxdesk.api.errors import (
    CorruptImage,
    InvalidResponse,
    NetworkError,
    NeverSent,
    NotSupported,
    Timeout,
    UnsafeUrl,
)
from fluxdesk.api.imagecheck import inspect_image, verify_image
from fluxdesk.api.keys import scrub
from fluxdesk.api.polling import KNOWN_STATUSES, PollSchedule, parse_status, terminal_error
from fluxdesk.api.providers import ProviderConfig, base_url_problem
from fluxdesk.api.replies import (
    Reply,
    delivery_failure,
    field_errors,
    json_object,
    parse_credits,
    parse_submitted,
    status_failure,
    unexpected,
)
from fluxdesk.api.request import GenerationRequest
from fluxdesk.api.retry import LINK_LIFETIME, PollPolicy, RetryPolicy
from fluxdesk.api.types import Credits, DownloadedImage, SubmittedTask, TaskStatus
from fluxdesk.i18n import N_, _

# httpx's transport imports anyio's asyncio backend lazily, inside the first request: ~25 ms of imports
# that would block the GUI thread at the first Generate. Importing it here moves that to start-up.

__all__ = [
    "LINK_LIFETIME",
    "FluxClient",
    "OnRetry",
    "PollPolicy",
    "RetryPolicy",
    "field_errors",
    "scrub",
    "transport_failure",
    "verify_image",
]

log = logging.getLogger(__name__)

USER_AGENT = "fluxdesk/0.1"
_COMETAPI_BALANCE = (
    "CometAPI gives its balance only through a separate query service that takes the key in the web "
    "address, which fluxdesk does not do; see the balance in your CometAPI dashboard."
)


def _describe(exc: BaseException) -> str:
    """An httpx exception as short text: its message (URLs are fine there), else its type name."""
    return str(exc).strip() or type(exc).__name__


def _place(url: str) -> str:
    """scheme://host/path of a URL, for log lines: a signed query string is nobody's business."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def transport_failure(exc: httpx.HTTPError, host: str, *, what: str, clean: Callable[[str], str]) -> Failed:
    """An httpx exception as a typed error. `unsent` (and `NeverSent`) only when no connection was
    made, so the request surely never left; a submit that may have been written says so."""
    details = clean(f"{type(exc).__name__}: {_describe(exc)}")
    reason = clean(_describe(exc))
    submit = what == "submit"
    nothing_sent = _("; the request was not sent, so nothing was charged.") if submit else "."
    maybe_sent = _("; the request may have reached the provider.") if submit else "."
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        text = _("Could not connect to {host} in time{nothing_sent}").format(
            host=host, nothing_sent=nothing_sent)
        return Failed(NeverSent(text, details=details), unsent=True)
    if isinstance(exc, httpx.ConnectError):
        text = _("Could not connect to {host} ({reason}){nothing_sent}").format(
            host=host, reason=reason, nothing_sent=nothing_sent)
        return Failed(NeverSent(text, details=details), unsent=True)
    if isinstance(exc, httpx.LocalProtocolError):  # refused by httpx itself, before anything was written
        text = _("fluxdesk could not build the request to {host}{nothing_sent}").format(
            host=host, nothing_sent=nothing_sent)
        refused = NeverSent(text, details=details)
        refused.retryable = False  # the same request is refused the same way
        return Failed(refused)
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        text = _("The provider gave an address fluxdesk cannot use.")
        return Failed(InvalidResponse(text, details=details, reached_provider=False))
    if isinstance(exc, httpx.TimeoutException):
        text = _("{host} took too long to answer{maybe_sent}").format(host=host, maybe_sent=maybe_sent)
        return Failed(Timeout(text, details=details, reached_provider=True))
    if isinstance(exc, httpx.TooManyRedirects):
        text = _("{host} redirected too many times.").format(host=host)
        return Failed(InvalidResponse(text, details=details, reached_provider=True))
    if isinstance(exc, httpx.DecodingError):
        text = _("{host} sent a reply that could not be decoded.").format(host=host)
        return Failed(InvalidResponse(text, details=details, reached_provider=True))
    text = _("The connection to {host} failed ({reason}){maybe_sent}").format(
        host=host, reason=reason, maybe_sent=maybe_sent)
    return Failed(NetworkError(text, details=details, reached_provider=True))


def _reply(response: httpx.Response) -> Reply:
    return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content)


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
        downloads_at_once: int = 6,
        decode_executor: Executor | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """`decode_executor`: where downloads are decoded to verify them; the window passes a process
        pool (decoding in its own threads would stall repaints), the CLI keeps the default thread.
        `downloads_at_once`: delivery links fetched at the same time, as a browser limits itself per
        host. A batch's images are all ready within moments; fetched all at once, their bodies arrive
        in one burst of socket reads that the loop (the GUI thread, in the window) handles in one go
        (measured: a 24-image batch of 2 MP PNGs). The total time is the link's bandwidth either way.
        `transport`: httpx's, for tests of reply shapes the simulator cannot produce."""
        self.config = config
        self.retry = retry
        self.poll = poll
        self.timeout = timeout
        self.max_download_bytes = max_download_bytes
        self.request_count = 0
        self._sleep = sleep
        self._loop = RetryLoop(retry, sleep=sleep, clock=self._now, rng=rng or random.Random())
        self._unknown_logged: set[str] = set()
        # one decoder at a time: 24 downloads decoding at once on a 2-core machine would starve the GUI
        # thread of the GIL and the CPU (measured: 40+ ms stalls)
        self._decode_executor = decode_executor
        self._verify_pool: ThreadPoolExecutor | None = None
        self._downloading = asyncio.Semaphore(max(1, downloads_at_once))
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
            transport=transport,
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

    @staticmethod
    def _now() -> float:
        """The running loop's clock: the clock of `retry_until`."""
        return asyncio.get_running_loop().time()

    def _verifier(self) -> Executor:
        if self._decode_executor is not None:
            return self._decode_executor
        if self._verify_pool is None:
            self._verify_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fluxdesk-verify")
        return self._verify_pool

    # ---- public calls ----------------------------------------------------------------------------

    async def submit(
        self,
        request: GenerationRequest,
        *,
        on_retry: OnRetry | None = None,
        retry_rate_limited: bool = True,
    ) -> SubmittedTask:
        """Send one generation; the task's id, polling_url and what it cost. Never sent twice unless
        surely unsent; a failure says whether the request may have reached the provider.

        `retry_rate_limited=False`: a 429 is raised at once (`RateLimited`) instead of being retried
        here, for a caller that paces its submits itself (the engine's windows)."""
        self._check_base()
        url = self.config.base_url + self.config.submit_path(request.model)
        body = request.payload()

        async def attempt() -> SubmittedTask:
            reply = await self._api_call("POST", url, what="submit", model=request.model, json=body)
            # a 2xx reply that cannot be read may still be a paid task: not retried, said as it is
            try:
                data = json_object(reply, what=N_("submit"))
            except InvalidResponse as exc:
                exc.reached_provider = True
                raise
            return parse_submitted(data, self.config.provider, self._scrub)

        return await self._loop.run(
            attempt, idempotent=False, what="submit", on_retry=on_retry, retry_rate_limited=retry_rate_limited
        )

    async def get_result(
        self, task: SubmittedTask, *, on_retry: OnRetry | None = None, retry_until: float | None = None
    ) -> TaskStatus:
        """One poll of the task's status; transient trouble (a malformed reply included) is retried."""
        url = self._poll_url(task)

        async def attempt() -> TaskStatus:
            reply = await self._api_call("GET", url, what="poll")
            try:
                return parse_status(task.id, json_object(reply, what=N_("status")))
            except InvalidResponse as exc:
                raise unexpected(exc) from None

        return await self._loop.run(
            attempt, idempotent=True, what="poll", on_retry=on_retry, retry_until=retry_until
        )

    async def wait_ready(
        self,
        task: SubmittedTask,
        *,
        on_status: Callable[[TaskStatus], None] | None = None,
        deadline: float | None = None,
        poll_now: bool = False,
        on_retry: OnRetry | None = None,
        retry_until: float | None = None,
    ) -> TaskStatus:
        """Poll until Ready (returned) or a terminal status (its typed error) or the deadline (Timeout).

        `deadline`: seconds to wait for Ready (default `PollPolicy.deadline`). `retry_until`: a time on
        the running loop's clock until which a failing poll is retried (default: `RetryPolicy.attempts`
        tries per poll). A task just submitted is never ready at once, so the first poll waits one
        interval; pass `poll_now=True` for a task that may have finished already (resume, re-fetch).
        """
        limit = self.poll.deadline if deadline is None else deadline
        schedule = PollSchedule(self.poll, limit, self._now)
        if not poll_now:
            first = schedule.next_wait()
            if first:
                await self._sleep(first)
        while True:
            status = await self.get_result(task, on_retry=on_retry, retry_until=retry_until)
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
                    _("The task was not ready after {limit:g} seconds; it may still finish on the provider's "
                      "side.").format(limit=limit)
                )
            await self._sleep(wait)

    async def download(
        self,
        url: str,
        *,
        expected_size: tuple[int, int] | None = None,
        on_retry: OnRetry | None = None,
        retry_until: float | None = None,
    ) -> DownloadedImage:
        """Fetch a delivery link without any auth header, capped in size, then verify it with Pillow.

        Pass `retry_until` = Ready + `LINK_LIFETIME` (loop clock) to keep trying while the link lives.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UnsafeUrl(
                _("The provider's result link is not an http(s) address; nothing was downloaded."))

        async def attempt() -> tuple[bytes, str | None]:
            return await self._fetch(url)

        data, content_type = await self._loop.run(
            attempt, idempotent=True, what="download", on_retry=on_retry, retry_until=retry_until
        )
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

    async def credits(self, *, on_retry: OnRetry | None = None) -> Credits:
        """The account's balance. BFL: GET /v1/credits on the API host (key sent, same host rules).
        CometAPI: `NotSupported`, since its only balance service wants the key in the URL."""
        path = self.config.credits_path()
        if path is None:
            raise NotSupported(_COMETAPI_BALANCE)
        self._check_base()
        url = self.config.base_url + path

        async def attempt() -> Credits:
            reply = await self._api_call("GET", url, what="credits")
            try:
                return parse_credits(json_object(reply, what=N_("balance")))
            except InvalidResponse as exc:
                raise unexpected(exc) from None

        return await self._loop.run(attempt, idempotent=True, what="credits", on_retry=on_retry)

    # ---- HTTP --------------------------------------------------------------------------------------

    def _check_base(self) -> None:
        problem = base_url_problem(self.config.base_url)
        if problem is not None:
            raise UnsafeUrl(_("{problem} Nothing was sent.").format(problem=problem), reached_provider=False)

    def _key_headers(self, url: str) -> dict[str, str]:
        """The auth header for `url` (`InvalidKey` for a key that cannot be sent), or nothing when that
        host may not see the key."""
        return self.config.auth_headers() if self.config.may_receive_key(url) else {}

    async def _api_call(
        self, method: str, url: str, *, what: str, model: str = "", json: object = None
    ) -> Reply:
        """One API request; a non-2xx reply or an httpx exception becomes `Failed`."""
        headers = {"Accept": "application/json", **self._key_headers(url)}
        self.request_count += 1
        log.debug("%s %s", method, _place(url))
        try:
            response = await self._http.request(method, url, headers=headers, json=json)
        except httpx.HTTPError as exc:
            raise transport_failure(exc, self._host(url), what=what, clean=self._scrub) from None
        reply = _reply(response)
        if response.is_success:
            return reply
        raise status_failure(reply, label=self.config.label, what=what, model=model, clean=self._scrub)

    async def _fetch(self, url: str) -> tuple[bytes, str | None]:
        """Stream a delivery link into memory, no auth, at most `max_download_bytes`."""
        async with self._downloading:
            return await self._fetch_now(url)

    async def _fetch_now(self, url: str) -> tuple[bytes, str | None]:
        self.request_count += 1
        log.debug("GET %s (delivery)", _place(url))
        try:
            async with self._http.stream("GET", url, follow_redirects=True) as response:
                if not response.is_success:
                    await response.aread()
                    raise delivery_failure(_reply(response))
                return await self._read_capped(response), response.headers.get("content-type")
        except httpx.HTTPError as exc:
            raise transport_failure(exc, self._host(url), what="download", clean=self._scrub) from None

    async def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.max_download_bytes
        too_big = CorruptImage(
            _("The downloaded image is larger than the {megabytes} MB limit; it was not kept.").format(
                megabytes=cap >> 20)
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise Failed(too_big)  # not retryable: the same link gives the same size
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise Failed(too_big)
            chunks.append(chunk)
        return b"".join(chunks)

    # ---- helpers -----------------------------------------------------------------------------------

    def _scrub(self, text: str) -> str:
        return scrub(text, self.config.api_key)

    @staticmethod
    def _host(url: str) -> str:
        return urlsplit(url).netloc or _("the provider")

    def _poll_url(self, task: SubmittedTask) -> str:
        """Where to poll: CometAPI's own get_result always, as does a task without a polling_url; BFL's
        polling_url as returned (it names the task's region), only on a host that may get the key."""
        own = f"{self.config.base_url}{self.config.result_path()}?id={quote(task.id, safe='')}"
        if self.config.provider == COMETAPI or not task.polling_url:
            return own
        url = urljoin(self.config.base_url + "/", task.polling_url)
        if not self.config.may_receive_key(url):
            host = urlsplit(url).netloc or _("an unknown host")
            raise UnsafeUrl(
                _("The provider asked fluxdesk to poll {host}, which is not an API host of {label}, so "
                  "nothing was sent there; task {id} is kept.").format(
                    host=host, label=self.config.label, id=task.id),
                reached_provider=False,
            )
        return url

    def _note_unknown(self, status: str) -> None:
        """Newer in-progress statuses count as running; say so once per status, for whoever debugs."""
        if status not in KNOWN_STATUSES and status not in self._unknown_logged:
            self._unknown_logged.add(status)
            log.debug("unknown task status %r: treated as still running", status)
