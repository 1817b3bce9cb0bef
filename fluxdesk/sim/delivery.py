"""Result images: rendered once per task (while it is pending, as a provider does), cached, and served
behind signed links that expire.

Links look like a blob store's: ``/delivery/<token>/<id>.<ext>?se=<expiry>&sig=<hmac>``, no auth; a
request that carries an API key is refused with 400 (as a blob store refuses foreign auth), an expired
or forged link answers 403 with the store's XML error. The signing secret is kept in the saved state,
so links handed out before a restart still work until they expire.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

from fluxdesk.sim.faults import Fault
from fluxdesk.sim.render import render_edit, render_image
from fluxdesk.sim.replies import Reply, xml_error
from fluxdesk.sim.spec import T2I, ULTRA, ProviderSpec
from fluxdesk.sim.tasks import READY, Task, TaskStore


def _image_bytes(value: Any) -> bytes | None:
    if not isinstance(value, str) or value.startswith(("http://", "https://")):
        return None
    data = value.split(",", 1)[1] if value.startswith("data:") and "," in value else value
    try:
        return base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None


def render_task(spec: ProviderSpec, task: Task) -> bytes:
    """The task's image, a pure function of the task (so a restart re-renders the same bytes)."""
    endpoint = next((e for e in spec if e.id == task.model), None)
    if endpoint is None or endpoint.family in (T2I, ULTRA) or not endpoint.image_fields:
        return render_image(task.model, task.result_prompt, task.seed, task.width, task.height, task.fmt)
    images = {name: _image_bytes(task.params.get(name)) for name in endpoint.image_fields}
    sides: Mapping[str, int] = {s: int(task.params.get(s) or 0) for s in ("top", "bottom", "left", "right")}
    return render_edit(
        endpoint.family,
        task.model,
        task.result_prompt,
        task.seed,
        (task.width, task.height),
        task.fmt,
        images,
        sides,
    )


class Delivery:
    """Signs links, renders and caches images, serves downloads (with delivery faults applied)."""

    def __init__(
        self,
        spec: ProviderSpec,
        store: TaskStore,
        secret: bytes,
        *,
        ttl: float,
        cache_bytes: int,
        rejects_auth: bool,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.spec = spec
        self.clock = clock
        self.store = store
        self.secret = secret
        self.ttl = ttl
        self.rejects_auth = rejects_auth
        self._cache_bytes = cache_bytes
        self._lock = threading.Lock()
        self._renders: OrderedDict[str, bytes] = OrderedDict()
        self._render_locks: dict[str, threading.Lock] = {}
        self._bytes = 0
        self._pool: ThreadPoolExecutor | None = None

    def start(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fluxdesk-sim-render")

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def prerender(self, task: Task) -> None:
        if self._pool is not None:
            self._pool.submit(self.render, task)

    def _signature(self, name: str, expiry: str) -> str:
        return hmac.new(self.secret, f"{name}\n{expiry}".encode(), hashlib.sha256).hexdigest()[:32]

    def sample_url(self, base_url: str, task: Task) -> str:
        expires = task.ready_at + (0.0 if task.link_expired else self.ttl)
        expiry = f"{expires:.3f}"
        name = f"{task.token}/{task.id}.{task.ext}"
        return f"{base_url}/delivery/{name}?se={quote(expiry)}&sig={self._signature(name, expiry)}"

    def render(self, task: Task) -> bytes:
        with self._lock:
            cached = self._renders.get(task.id)
            if cached is not None:
                self._renders.move_to_end(task.id)
                return cached
            lock = self._render_locks.setdefault(task.id, threading.Lock())
        with lock:  # one render per task; other tasks render in parallel
            with self._lock:
                cached = self._renders.get(task.id)
            if cached is not None:
                return cached
            data = render_task(self.spec, task)
            with self._lock:
                self._renders[task.id] = data
                self._render_locks.pop(task.id, None)
                self._bytes += len(data)
                while self._bytes > self._cache_bytes and len(self._renders) > 1:
                    _, old = self._renders.popitem(last=False)
                    self._bytes -= len(old)
            return data

    def serve(
        self, path: str, headers: Mapping[str, str], query: Mapping[str, str], fault: Fault | None
    ) -> Reply:
        if self.rejects_auth and ("authorization" in headers or "x-key" in headers):
            return xml_error(
                400,
                "InvalidAuthenticationInfo",
                "Authentication information is not given in the correct format.",
            )
        name = path[len("/delivery/") :]
        expiry, sig = query.get("se", ""), query.get("sig", "")
        if not expiry or not hmac.compare_digest(sig, self._signature(name, expiry)):
            return xml_error(
                403,
                "AuthenticationFailed",
                "Server failed to authenticate the request. Make sure "
                "the value of the signature is formed correctly.",
            )
        try:
            expires = float(expiry)
        except ValueError:
            expires = 0.0
        if self.clock() > expires:
            stamp = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(expires))
            return xml_error(
                403,
                "AuthenticationFailed",
                "Server failed to authenticate the request. Signed "
                f"expiry time [{stamp}] must be after signed start time / current time.",
            )
        task = self.store.get(name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if task is None or task.outcome != READY:
            return xml_error(404, "BlobNotFound", "The specified blob does not exist.")
        data = self.render(task)
        content_type = f"image/{task.fmt}"
        reply = Reply(200, data, content_type, {"Cache-Control": "private, max-age=600"})
        if fault is not None:
            if fault.kind == "truncated":
                reply.body = data[: len(data) // 2]
            elif fault.kind == "corrupt":
                reply.body = bytes(64) + data[64:]
            elif fault.kind == "cutoff":
                reply.cutoff = True
        return reply
