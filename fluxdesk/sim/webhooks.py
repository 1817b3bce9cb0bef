"""Webhook calls: when a task submitted with ``webhook_url`` ends, the simulator POSTs its result there.

What BFL documents (its API reference and its own integration guide and Python client):

- With ``webhook_url`` the submit reply is ``{"id", "status", "webhook_url", "cost", "input_mp",
  "output_mp"}`` (AsyncWebhookResponse: no polling_url); ``GET /v1/get_result?id=`` still answers.
- The call is a JSON POST of the finished task: ``{"id", "status", "result": {"sample", "prompt",
  "seed", ...}, "progress", "details", "preview"}`` plus a ``timestamp`` (when the task ended, ISO 8601
  UTC: the same on every retry).
- ``webhook_secret`` comes back in the header ``X-Webhook-Secret`` verbatim (BFL's Python client,
  ``verify_webhook``); BFL's integration guide instead describes ``X-BFL-Signature: sha256=<hex>``,
  an HMAC-SHA256 of the body with the secret. The two sources disagree, so both headers are sent.
- Failed calls are retried after 1, 5 and 30 seconds (`SimConfig.webhook_retry_delays`), then dropped.

The API key is never sent to the hook. Only loopback hosts are called (127.0.0.0/8, ::1, localhost):
any other address is recorded as not called, so a test can never make the simulator reach outside.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import ipaddress
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

SECRET_HEADER = "X-Webhook-Secret"
SIGNATURE_HEADER = "X-BFL-Signature"
USER_AGENT = "fluxdesk-sim-webhook/1"


@dataclass(frozen=True)
class WebhookCall:
    """One attempt, for tests: where, what was sent, and how it went (status None: no answer)."""

    task_id: str
    url: str
    attempt: int
    headers: dict[str, str]
    body: bytes = field(repr=False)
    status: int | None
    error: str = ""


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def signed_headers(body: bytes, secret: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    if secret:
        headers[SECRET_HEADER] = secret
        digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers[SIGNATURE_HEADER] = f"sha256={digest}"
    return headers


class WebhookSender:
    """Calls hooks on one daemon thread, each at its task's end, retrying on failure."""

    def __init__(
        self,
        payload: Callable[[str], tuple[str, str | None, dict[str, Any]] | float | None],
        retry_delays: tuple[float, ...],
        timeout: float = 10.0,
        delivered: Callable[[str], None] = lambda task_id: None,
    ) -> None:
        self._delivered = delivered
        # task id -> (url, secret, payload); a time to look again while unfinished; None once forgotten
        self._payload = payload
        self._delays = retry_delays
        self._timeout = timeout
        self._lock = threading.Condition()
        self._queue: list[tuple[float, int, str, int]] = []  # (due, order, task id, attempt)
        self._order = 0
        self._calls: list[WebhookCall] = []
        self._stopping = False
        self._thread: threading.Thread | None = None

    @property
    def calls(self) -> list[WebhookCall]:
        with self._lock:
            return list(self._calls)

    def schedule(self, task_id: str, due: float, attempt: int = 0) -> None:
        with self._lock:
            self._order += 1
            heapq.heappush(self._queue, (due, self._order, task_id, attempt))
            self._lock.notify()

    def start(self) -> None:
        with self._lock:
            self._stopping = False
        self._thread = threading.Thread(target=self._run, name="fluxdesk-sim-webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._stopping and (not self._queue or self._queue[0][0] > time.time()):
                    wait = self._queue[0][0] - time.time() if self._queue else None
                    self._lock.wait(timeout=wait)
                if self._stopping:
                    return
                _, _, task_id, attempt = heapq.heappop(self._queue)
            found = self._payload(task_id)
            if found is None:
                continue
            if isinstance(found, float):
                self.schedule(task_id, found, attempt)
                continue
            url, secret, payload = found
            self._call(task_id, url, secret, payload, attempt)

    def _call(
        self, task_id: str, url: str, secret: str | None, payload: dict[str, Any], attempt: int
    ) -> None:
        body = json.dumps(payload).encode()
        headers = signed_headers(body, secret)
        status: int | None = None
        error = ""
        if not is_loopback(url):
            error = "not called: the simulator only calls loopback hosts"
        else:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status, error = exc.code, f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                error = f"{type(exc).__name__}: {exc}"
        with self._lock:
            self._calls.append(WebhookCall(task_id, url, attempt, headers, body, status, error))
        failed = status is None or not 200 <= status < 300
        if not failed:
            self._delivered(task_id)
        if failed and is_loopback(url) and attempt < len(self._delays):
            self.schedule(task_id, time.time() + self._delays[attempt], attempt + 1)
