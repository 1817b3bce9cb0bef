"""A Flux-compatible HTTP server on 127.0.0.1: demo mode, tests and benchmarks.

It speaks both providers' shapes from its root, so an unmodified client aimed at its base URL works:

- CometAPI: ``POST /flux/v1/{model}`` (``Authorization: Bearer <key>``), ``GET /flux/v1/get_result?id=``;
  errors as ``{"error": {"message", "type", "param", "code"}}``.
- BFL: ``POST /v1/{model}`` (``x-key: <key>``), ``GET /v1/get_result?id=`` (the absolute ``polling_url``
  of the submit reply); errors as ``{"detail": [{"loc", "msg", "type"}]}`` (422) or ``{"detail": "text"}``.
- Delivery: ``GET /delivery/<token>/<id>.<ext>?se=<expiry>&sig=<hmac>``, no auth (a request that carries
  an API key is refused with 400, as a blob store would); 403 with an XML body once expired or forged.

Requests are validated against the catalogue (unknown model 404, bad key 401, bad or foreign
parameters 422 with one message per field, 429 with Retry-After past the active-task limit).
Tasks go Pending (progress rising 0..1) to Ready after `SimConfig.latency` seconds, computed on poll.
Images come from `fluxdesk.sim.render.render_image`, rendered once per task and cached.

Moderation triggers: a prompt containing ``[moderate-request]`` ends "Request Moderated" (at once,
with `details`); ``[moderate-content]`` ends "Content Moderated" after the latency.

Faults are injected from a spec string (`SimConfig.faults`, `SimServer.set_faults`); the grammar is in
`fluxdesk.sim.faults`. Every request is recorded in `SimServer.received` with its headers, so tests can
prove where the key went.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import secrets
import socket
import struct
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from fluxdesk.api.catalog import BFL, COMETAPI, Catalog, ModelSpec, UnknownModel, default_catalog
from fluxdesk.api.errors import FieldError, InvalidRequest
from fluxdesk.api.request import build_request
from fluxdesk.sim.faults import MAX_STALL, Fault, FaultPlan
from fluxdesk.sim.render import decode_image_size, output_size, render_image

DEMO_KEY = "demo"
FOREIGN_HOST = "evil.example.invalid"
MODERATE_REQUEST = "[moderate-request]"
MODERATE_CONTENT = "[moderate-content]"
UNKNOWN_STATUSES = ("Reasoning", "Generating")

SUBMIT, POLL, DELIVERY, OTHER = "submit", "poll", "delivery", "other"

PENDING = "Pending"
READY = "Ready"
REQUEST_MODERATED = "Request Moderated"
CONTENT_MODERATED = "Content Moderated"
TASK_NOT_FOUND = "Task not found"
ERROR = "Error"
FAILED = "Failed"

_ACCOUNT_DEFAULT = 24  # BFL's active tasks per account; a catalogue limit below it is the model's own
_COST_PER_MP = {"flux-pro-1.1-ultra": 1.5, "flux-kontext-max": 8.0, "flux-dev": 2.5, "flux-2-max": 7.0}


@dataclass
class SimConfig:
    latency: float = 3.0  # seconds from submit to Ready
    url_ttl: float = 600.0  # delivery links die this long after Ready (403 afterwards)
    faults: str = ""  # fault spec, see fluxdesk/sim/faults.py docstring
    max_active: int = 24  # per key; kontext-max: 6 (from the catalogue)
    require_key: bool = True  # any non-empty key is accepted unless valid_keys is set
    valid_keys: frozenset[str] | None = None
    comet_pending_every: int = 0  # every Nth CometAPI submit answers {"id", "status": "Pending"} (0: never)
    fault_seed: int = 0  # seeds the RNG of probability faults
    retry_after: float = 1.0  # Retry-After of the 429 past the active-task limit
    render_cache_bytes: int = 256 << 20  # rendered images kept in memory (re-rendered identically if evicted)
    prerender: bool = True  # render while the task is pending, as a provider does, not at download
    task_retention: float = 3600.0  # a task is forgotten this long after Ready ("Task not found" after)
    delivery_rejects_auth: bool = True  # a delivery request that carries an API key gets a 400


class _Headers(dict[str, str]):
    """A plain dict of header names (lower case) to values, looked up case-insensitively."""

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.lower() if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str  # with its query string
    route: str  # "submit" | "poll" | "delivery" | "other"
    headers: dict[str, str]  # names in lower case; lookups are case-insensitive
    body: bytes = field(default=b"", repr=False)


@dataclass
class _Task:
    id: str
    provider: str
    key: str
    model: str
    prompt: str
    seed: int
    width: int
    height: int
    fmt: str
    params: dict[str, Any]
    submitted_at: float
    ready_at: float
    outcome: str  # the terminal status
    pending_names: tuple[str, ...] = (PENDING,)
    link_expired: bool = False
    token: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    render_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def ext(self) -> str:
        return "jpg" if self.fmt == "jpeg" else self.fmt


@dataclass(frozen=True)
class TaskView:
    """A snapshot of one simulated task, for tests."""

    id: str
    provider: str
    model: str
    prompt: str
    seed: int
    width: int
    height: int
    format: str
    status: str
    progress: float | None
    submitted_at: float
    ready_at: float
    params: dict[str, Any]

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    cutoff: bool = False  # announce the full length, send half, then drop the connection


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> _Reply:
    return _Reply(status, json.dumps(data).encode(), "application/json", headers or {})


def _xml_error(status: int, code: str, message: str) -> _Reply:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Error><Code>'
        f"{code}</Code><Message>{message}\nRequestId:{uuid.uuid4()}\nTime:{stamp}</Message></Error>"
    )
    return _Reply(status, body.encode(), "application/xml")


def _error(
    provider: str, status: int, message: str, *, kind: str = "invalid_request_error",
    param: str | None = None, code: str | None = None, headers: dict[str, str] | None = None,
) -> _Reply:
    if provider == COMETAPI:
        error = {"message": message, "type": kind, "param": param, "code": code}
        return _json(status, {"error": error}, headers)
    return _json(status, {"detail": message}, headers)


def _validation_error(provider: str, errors: list[FieldError]) -> _Reply:
    if provider == COMETAPI:
        first = errors[0] if errors else FieldError("", "Invalid request.")
        message = " ".join(e.message for e in errors) or first.message
        return _json(422, {"error": {"message": message, "type": "invalid_request_error",
                                     "param": first.field or None, "code": "invalid_parameter"}})
    detail = [{"loc": ["body", e.field] if e.field else ["body"], "msg": e.message, "type": "value_error"}
              for e in errors]
    return _json(422, {"detail": detail})


_HTML_PAGE = (
    "<html>\r\n<head><title>{code} Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>{code} Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
    "</body>\r\n</html>\r\n"
)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sim: SimServer) -> None:
        self.sim = sim
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer
    timeout = 120  # an idle keep-alive connection is dropped after this long

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.server.sim._track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.sim._track(self.connection, False)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        try:
            reply = self.server.sim._handle(self.command, self.path, self.headers.items(), body)
        except Exception as exc:  # a simulator bug must still answer, not hang the client
            reply = _json(500, {"detail": f"Simulator error: {type(exc).__name__}: {exc}"})
        if reply is None:  # a reset: drop the connection without a word
            self._reset()
            return
        self._send(reply)

    def _send(self, reply: _Reply) -> None:
        body = reply.body
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.cutoff:
            self.send_header("Connection", "close")
        self.end_headers()
        if reply.cutoff:
            self.wfile.write(body[: len(body) // 2])
            self._reset()
            return
        self.wfile.write(body)

    def _reset(self) -> None:
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass


class SimServer:
    """A ThreadingHTTPServer in its own daemon thread; see the module docstring."""

    def __init__(self, config: SimConfig | None = None, *, host: str = "127.0.0.1", port: int = 0,
                 catalog: Catalog | None = None) -> None:
        self.config = config or SimConfig()
        self.catalog = catalog or default_catalog()
        self.host = host
        self.port = port
        self.base_url = ""
        self._faults = FaultPlan(self.config.faults, seed=self.config.fault_seed)
        self._lock = threading.Lock()
        self._tasks: dict[str, _Task] = {}
        self._active: dict[str, list[tuple[float, str]]] = {}  # key -> (ready_at, model) of active tasks
        self._received: list[ReceivedRequest] = []
        self._renders: OrderedDict[str, bytes] = OrderedDict()
        self._render_bytes = 0
        self._comet_submits = 0
        self._connections: set[socket.socket] = set()
        self._secret = secrets.token_bytes(32)
        self._rng = random.Random()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._prerenderer: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle --------------------------------------------------------------------------------

    def start(self) -> str:
        if self._httpd is not None:
            return self.base_url
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), self)
        self._prerenderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fluxdesk-sim-render")
        port = self._httpd.server_address[1]
        shown = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        self.base_url = f"http://{shown}:{port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name=f"fluxdesk-sim-{port}",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()
        if self._prerenderer is not None:
            self._prerenderer.shutdown(wait=False, cancel_futures=True)
            self._prerenderer = None
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # wake handler threads parked on idle keep-alive connections
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> SimServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # ---- for tests --------------------------------------------------------------------------------

    @property
    def received(self) -> list[ReceivedRequest]:
        """Every request so far, in arrival order (a snapshot)."""
        with self._lock:
            return list(self._received)

    def clear_received(self) -> None:
        with self._lock:
            self._received.clear()

    def set_faults(self, spec: str) -> None:
        """Replace the pending faults with `spec` (see fluxdesk.sim.faults); ValueError if malformed."""
        self._faults.set(spec)

    def _forget_old_tasks(self, now: float) -> None:
        """Age tasks out as providers do, so a long demo session does not grow without bound (lock held)."""
        horizon = now - max(self.config.task_retention, self.config.url_ttl)
        if len(self._tasks) < 1024 and not any(t.ready_at < horizon for t in self._tasks.values()):
            return
        for task_id in [t.id for t in self._tasks.values() if t.ready_at < horizon]:
            del self._tasks[task_id]

    def tasks(self) -> dict[str, TaskView]:
        now = time.time()
        with self._lock:
            tasks = list(self._tasks.values())
        out: dict[str, TaskView] = {}
        for t in tasks:
            status, progress = self._status(t, now)
            out[t.id] = TaskView(
                t.id, t.provider, t.model, t.prompt, t.seed, t.width, t.height, t.fmt, status, progress,
                t.submitted_at, t.ready_at, dict(t.params),
            )
        return out

    def image_bytes(self, task_id: str) -> bytes:
        """The image a Ready task delivers (rendered on demand)."""
        with self._lock:
            task = self._tasks[task_id]
        return self._render(task)

    # ---- request handling (called on handler threads) -----------------------------------------------

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _handle(self, method: str, target: str, header_items: Any, body: bytes) -> _Reply | None:
        headers = _Headers((k.lower(), v) for k, v in header_items)
        url = urlsplit(target)
        path = url.path
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        provider = COMETAPI if path.startswith("/flux/") else BFL
        route, model = self._route(method, path)
        with self._lock:
            self._received.append(ReceivedRequest(method, target, route, headers, body))
        fault = self._faults.take_request_fault(route) if route != OTHER else None
        if fault is not None:
            if fault.kind == "reset":
                return None
            if fault.kind == "stall":
                self._stopping.wait(min(max(fault.option_float("secs", 5.0), 0.0), MAX_STALL))
            elif fault.kind not in ("truncated", "cutoff", "corrupt"):
                return self._fault_reply(fault, provider)
        if route == SUBMIT:
            return self._submit(provider, model, headers, body)
        if route == POLL:
            return self._poll(provider, headers, query)
        if route == DELIVERY:
            return self._deliver(path, headers, query, fault)
        if provider == COMETAPI:
            return _error(COMETAPI, 404, f"No route for {method} {path}.", code="not_found")
        return _json(404, {"detail": "Not Found"})

    @staticmethod
    def _route(method: str, path: str) -> tuple[str, str]:
        if path.startswith("/delivery/") and method == "GET":
            return DELIVERY, ""
        for prefix in ("/flux/v1/", "/v1/"):
            if path.startswith(prefix):
                name = path[len(prefix):]
                if not name or "/" in name:
                    return OTHER, ""
                if name == "get_result":
                    return (POLL, "") if method == "GET" else (OTHER, "")
                return (SUBMIT, name) if method == "POST" else (OTHER, "")
        return OTHER, ""

    def _fault_reply(self, fault: Fault, provider: str) -> _Reply:
        if fault.kind == "429":
            retry = f"{fault.option_float('retry', 1.0):g}"
            return _error(
                provider, 429, "Rate limit exceeded (simulated); retry later.", kind="rate_limit_error",
                code="rate_limit_exceeded", headers={"Retry-After": retry},
            )
        if fault.kind == "html":
            code = int(fault.option_float("code", 502))
            return _Reply(code, _HTML_PAGE.format(code=code).encode(), "text/html; charset=utf-8")
        if fault.kind == "badjson":
            return _Reply(200, b'{"id": "x", "status": "Pen', "application/json")
        status = int(fault.kind)
        message = f"The upstream service failed (simulated {status})."
        return _error(provider, status, message, kind="server_error", code=str(status))

    def _key(self, provider: str, headers: _Headers) -> tuple[str, _Reply | None]:
        if provider == COMETAPI:
            auth = headers.get("authorization") or ""
            key = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        else:
            key = (headers.get("x-key") or "").strip()
        if not self.config.require_key:
            return key, None
        valid = self.config.valid_keys
        if not key or (valid is not None and key not in valid):
            if provider == COMETAPI:
                return key, _error(COMETAPI, 401, "Invalid API key: check the Authorization header.",
                                   kind="authentication_error", code="invalid_api_key")
            return key, _json(401, {"detail": "Not authenticated - Invalid Authentication"})
        return key, None

    def _submit(self, provider: str, model: str, headers: _Headers, body: bytes) -> _Reply:
        try:
            spec = self.catalog.get(model)
        except UnknownModel as exc:
            return _error(provider, 404, str(exc), code="model_not_found")
        key, refused = self._key(provider, headers)
        if refused is not None:
            return refused
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return _validation_error(provider, [FieldError("", "The body is not valid JSON.")])
        if not isinstance(data, dict):
            return _validation_error(provider, [FieldError("", "The body must be a JSON object.")])
        prompt = data.pop("prompt", "")
        if prompt is None:
            prompt = ""
        if not isinstance(prompt, str):
            return _validation_error(provider, [FieldError("prompt", "Prompt must be text.")])
        sent = {k: v for k, v in data.items() if v is not None}
        if spec.id.startswith("flux-2") and sent.get("width") == 0 and sent.get("height") == 0:
            sent.pop("width")
            sent.pop("height")  # 0 = match the input image
        try:
            request = build_request(self.catalog, spec.id, prompt, sent, rng=self._rng)
        except InvalidRequest as exc:
            return _validation_error(provider, exc.errors)
        sized = dict(request.params)
        if spec.has_free_size and not (sent.get("width") and sent.get("height")):
            sized.pop("width", None)
            sized.pop("height", None)
        width, height = output_size(spec, sized)
        return self._accept(provider, spec, key, request.prompt, dict(request.params), width, height)

    def _accept(self, provider: str, spec: ModelSpec, key: str, prompt: str, params: dict[str, Any],
                width: int, height: int) -> _Reply:
        task_faults = {f.kind: f for f in self._faults.take_task_faults()}
        now = time.time()
        latency = max(0.0, self.config.latency)
        outcome = READY
        if MODERATE_REQUEST in prompt or "reqmod" in task_faults:
            outcome = REQUEST_MODERATED
        elif MODERATE_CONTENT in prompt or "contentmod" in task_faults:
            outcome = CONTENT_MODERATED
        elif "notfound" in task_faults:
            outcome = TASK_NOT_FOUND
        elif "error" in task_faults:
            outcome = ERROR
        elif "failed" in task_faults:
            outcome = FAILED
        ready_at = now if outcome in (REQUEST_MODERATED, TASK_NOT_FOUND) else now + latency
        pending_names: tuple[str, ...] = (PENDING,)
        if "unknown" in task_faults:
            name = task_faults["unknown"].options.get("name")
            pending_names = (name,) if name else UNKNOWN_STATUSES
        task = _Task(
            id=str(uuid.uuid4()), provider=provider, key=key, model=spec.id, prompt=prompt,
            seed=int(params.get("seed") or 0), width=width, height=height,
            fmt=str(params.get("output_format") or "jpeg"), params=params, submitted_at=now,
            ready_at=ready_at, outcome=outcome, pending_names=pending_names,
            link_expired="expired" in task_faults,
        )
        comet_pending = False
        limit = 0
        account_limit = max(1, self.config.max_active)
        # a model's own, stricter limit (kontext-max: 6) holds whatever the account limit is set to
        own = spec.max_active_tasks if spec.max_active_tasks < _ACCOUNT_DEFAULT else account_limit
        model_limit = min(account_limit, own)
        with self._lock:
            active = [(t, m) for t, m in self._active.get(key, []) if t > now]
            same_model = sum(1 for _, m in active if m == spec.id)
            if len(active) >= account_limit or same_model >= model_limit:
                self._active[key] = active
                limit = account_limit if len(active) >= account_limit else model_limit
                refused = True
            else:
                if ready_at > now:
                    active.append((ready_at, spec.id))
                self._active[key] = active
                self._forget_old_tasks(now)
                self._tasks[task.id] = task
                refused = False
                if provider == COMETAPI:
                    self._comet_submits += 1
                    every = self.config.comet_pending_every
                    comet_pending = every > 0 and self._comet_submits % every == 0
        if refused:
            message = f"You have reached the limit of {limit} active tasks for {spec.id}; retry later."
            return _error(provider, 429, message, kind="rate_limit_error", code="too_many_active_tasks",
                          headers={"Retry-After": f"{self.config.retry_after:g}"})
        if self.config.prerender and task.outcome == READY and self._prerenderer is not None:
            self._prerenderer.submit(self._render, task)
        base = self.base_url
        if "foreign" in task_faults:
            base = "http://" + task_faults["foreign"].options.get("host", FOREIGN_HOST)
        path = "/flux/v1/get_result" if provider == COMETAPI else "/v1/get_result"
        polling_url = f"{base}{path}?id={task.id}"
        if provider == COMETAPI:
            if "nopolling" in task_faults or comet_pending:
                return _json(200, {"id": task.id, "status": PENDING})
            return _json(200, {"id": task.id, "polling_url": polling_url})
        input_mp = 0.0
        for name, value in params.items():
            if "image" in name and isinstance(value, str):
                w, h = decode_image_size(value) or (0, 0)
                input_mp += w * h / 1e6
        output_mp = round(width * height / 1e6, 2)
        reply: dict[str, Any] = {
            "id": task.id, "polling_url": polling_url,
            "cost": round(max(1.0, output_mp) * _COST_PER_MP.get(spec.id, 4.0), 2),
            "input_mp": round(input_mp, 2), "output_mp": output_mp,
        }
        if "nopolling" in task_faults:
            reply.pop("polling_url")
        return _json(200, reply)

    def _status(self, task: _Task, now: float) -> tuple[str, float | None]:
        if task.outcome == TASK_NOT_FOUND:
            return TASK_NOT_FOUND, None
        if now < task.ready_at:
            span = max(task.ready_at - task.submitted_at, 1e-9)
            fraction = min(max((now - task.submitted_at) / span, 0.0), 0.99)
            names = task.pending_names
            return names[min(int(fraction * len(names)), len(names) - 1)], round(fraction, 3)
        return task.outcome, 1.0 if task.outcome == READY else None

    def _poll(self, provider: str, headers: _Headers, query: dict[str, str]) -> _Reply:
        key, refused = self._key(provider, headers)
        if refused is not None:
            return refused
        task_id = query.get("id", "")
        if not task_id:
            return _validation_error(provider, [FieldError("id", "Field required: id.")])
        with self._lock:
            task = self._tasks.get(task_id)
        empty = {"id": task_id, "result": None, "progress": None, "details": None, "preview": None}
        if task is None or (self.config.require_key and task.key != key):
            return _json(200, {**empty, "status": TASK_NOT_FOUND})
        status, progress = self._status(task, time.time())
        reply: dict[str, Any] = {**empty, "status": status, "progress": progress}
        if status == READY:
            reply["result"] = {
                "sample": self._sample_url(task), "prompt": task.prompt, "seed": task.seed,
                "start_time": task.submitted_at, "end_time": task.ready_at,
                "duration": round(task.ready_at - task.submitted_at, 3),
            }
        elif status == REQUEST_MODERATED:
            reply["details"] = {"Moderation Reasons": ["Simulated: the prompt asked for moderation."]}
        elif status == CONTENT_MODERATED:
            reply["details"] = {"Moderation Reasons": ["Simulated: the output was flagged."]}
        elif status in (ERROR, FAILED):
            reply["details"] = {"error": f"Simulated generation failure ({status})."}
        return _json(200, reply)

    # ---- delivery -----------------------------------------------------------------------------------

    def _signature(self, name: str, expiry: str) -> str:
        return hmac.new(self._secret, f"{name}\n{expiry}".encode(), hashlib.sha256).hexdigest()[:32]

    def _sample_url(self, task: _Task) -> str:
        expires = task.ready_at + (0.0 if task.link_expired else self.config.url_ttl)
        expiry = f"{expires:.3f}"
        name = f"{task.token}/{task.id}.{task.ext}"
        return f"{self.base_url}/delivery/{name}?se={quote(expiry)}&sig={self._signature(name, expiry)}"

    def _deliver(self, path: str, headers: _Headers, query: dict[str, str], fault: Fault | None) -> _Reply:
        if self.config.delivery_rejects_auth and ("authorization" in headers or "x-key" in headers):
            return _xml_error(400, "InvalidAuthenticationInfo",
                              "Authentication information is not given in the correct format.")
        name = path[len("/delivery/"):]
        expiry, sig = query.get("se", ""), query.get("sig", "")
        if not expiry or not hmac.compare_digest(sig, self._signature(name, expiry)):
            return _xml_error(403, "AuthenticationFailed",
                              "Server failed to authenticate the request. Make sure the value of the "
                              "signature is formed correctly.")
        try:
            expires = float(expiry)
        except ValueError:
            expires = 0.0
        if time.time() > expires:
            return _xml_error(403, "AuthenticationFailed",
                              "Server failed to authenticate the request. Signed expiry time "
                              f"[{time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime(expires))}] "
                              "must be after signed start time / current time.")
        task_id = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        with self._lock:
            task = self._tasks.get(task_id)
        if task is None or task.outcome != READY:
            return _xml_error(404, "BlobNotFound", "The specified blob does not exist.")
        data = self._render(task)
        content_type = "image/png" if task.fmt == "png" else f"image/{task.fmt}"
        reply = _Reply(200, data, content_type, {"Cache-Control": "private, max-age=600"})
        if fault is not None:
            if fault.kind == "truncated":
                reply.body = data[: len(data) // 2]
            elif fault.kind == "corrupt":
                reply.body = bytes(64) + data[64:]
            elif fault.kind == "cutoff":
                reply.cutoff = True
        return reply

    def _render(self, task: _Task) -> bytes:
        with self._lock:
            cached = self._renders.get(task.id)
            if cached is not None:
                self._renders.move_to_end(task.id)
                return cached
        with task.render_lock:  # one render per task; other tasks render in parallel
            with self._lock:
                cached = self._renders.get(task.id)
            if cached is not None:
                return cached
            data = render_image(task.model, task.prompt, task.seed, task.width, task.height, task.fmt)
            with self._lock:
                self._renders[task.id] = data
                self._render_bytes += len(data)
                while self._render_bytes > self.config.render_cache_bytes and len(self._renders) > 1:
                    _, old = self._renders.popitem(last=False)
                    self._render_bytes -= len(old)
            return data
