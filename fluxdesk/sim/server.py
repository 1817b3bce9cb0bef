"""A Flux-compatible HTTP server on 127.0.0.1 that stands for BFL's API and CometAPI's relay of it.

It speaks both providers' shapes from its root (see `fluxdesk.sim.routes`), validates every submit
against its own table of the providers' published specifications (`fluxdesk.sim.spec`, independent of
the client's catalogue), answers as each provider does (`fluxdesk.sim.replies`), charges credits
(`fluxdesk.sim.money`), calls webhooks (`fluxdesk.sim.webhooks`), and renders images derived from the
request (`fluxdesk.sim.render`). Tasks go Pending (progress rising 0..1) to their outcome after
`SimConfig.latency` seconds, computed from the clock; with `SimConfig.state_path` they survive a restart.

Moderation triggers: a prompt containing ``[moderate-request]`` ends "Request Moderated" at once;
``[moderate-content]`` ends "Content Moderated" after the latency. Faults come from a spec string
(`SimConfig.faults`, `SimServer.set_faults`; grammar in `fluxdesk.sim.faults`). Every request is
recorded in `SimServer.received` with its headers, so tests can prove where the key went.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from fluxdesk.sim import state
from fluxdesk.sim.delivery import Delivery
from fluxdesk.sim.faults import FaultPlan
from fluxdesk.sim.money import DEFAULT_CREDITS, Ledger
from fluxdesk.sim.replies import Reply
from fluxdesk.sim.routes import OTHER, Api, headers_of, route_of
from fluxdesk.sim.sockets import SimHTTPServer
from fluxdesk.sim.spec import ProviderSpec
from fluxdesk.sim.tasks import TaskStore
from fluxdesk.sim.webhooks import WebhookCall, WebhookSender

DEMO_KEY = "demo"
SAVE_INTERVAL = 0.25  # seconds between state writes while tasks change


@dataclass
class SimConfig:
    latency: float = 3.0  # seconds from submit to Ready
    url_ttl: float = 600.0  # delivery links die this long after Ready (403 afterwards)
    faults: str = ""  # fault spec, see fluxdesk/sim/faults.py docstring
    max_active: int = 24  # per key; kontext-max: 6 (from the sim's spec)
    require_key: bool = True  # any non-empty key is accepted unless valid_keys is set
    valid_keys: frozenset[str] | None = None
    comet_pending_every: int = 0  # every Nth CometAPI submit answers {"id", "status": "Pending"} (0: never)
    fault_seed: int = 0  # seeds the RNG of probability faults
    retry_after: float = 1.0  # Retry-After of the 429 past the active-task limit
    render_cache_bytes: int = 256 << 20  # rendered images kept in memory (re-rendered identically if evicted)
    prerender: bool = True  # render while the task is pending, as a provider does, not at download
    task_retention: float = 3600.0  # a task is forgotten this long after Ready ("Task not found" after)
    delivery_rejects_auth: bool = True  # a delivery request that carries an API key gets a 400
    credits: float = DEFAULT_CREDITS  # every key's starting balance (BFL credits; 402 once spent)
    polling_base: str | None = None  # base of BFL polling URLs, e.g. "http://localhost:{port}" (default: own)
    state_path: Path | None = None  # JSON file: tasks, balances and timing survive a restart
    unknown_fields: str = "reject"  # "reject": 422 extra_forbidden; "ignore": as most BFL endpoints do
    webhook_retry_delays: tuple[float, ...] = (1.0, 5.0, 30.0)
    #: the time (epoch seconds) the simulator reads for task timing, link expiry, retention and outages;
    #: a test passes a clock it moves itself, so time passes without waiting (webhooks still wait in
    #: real time)
    clock: Callable[[], float] = time.time


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str  # with its query string
    route: str  # "submit" | "poll" | "delivery" | "credits" | "other"
    headers: dict[str, str]  # names in lower case; lookups are case-insensitive
    body: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class TaskView:
    """A snapshot of one simulated task, for tests."""

    id: str
    provider: str
    model: str
    prompt: str  # as sent
    seed: int  # as the provider reports it
    width: int
    height: int
    format: str
    status: str
    progress: float | None
    submitted_at: float
    ready_at: float
    params: dict[str, Any]
    result_prompt: str = ""
    cost: float = 0.0
    input_mp: float = 0.0
    output_mp: float = 0.0
    ignored: tuple[str, ...] = ()
    webhook_url: str | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


class SimServer:
    """A ThreadingHTTPServer in its own daemon thread; see the module docstring."""

    def __init__(
        self,
        config: SimConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        spec: ProviderSpec | None = None,
    ) -> None:
        self.config = config or SimConfig()
        self.spec = spec or ProviderSpec()
        self.host = host
        self.port = port
        self.base_url = ""
        self._faults = FaultPlan(self.config.faults, seed=self.config.fault_seed, clock=self.config.clock)
        self._lock = threading.Lock()
        self._received: list[ReceivedRequest] = []
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        saved = state.load(self.config.state_path) if self.config.state_path else state.SavedState()
        self._ledger = Ledger(self.config.credits)
        self._ledger.restore(saved.accounts)
        retention = max(self.config.task_retention, self.config.url_ttl)
        self.store = TaskStore(self._ledger, retention=retention, clock=self.config.clock)
        self.store.restore(saved.tasks)
        self._delivery = Delivery(
            self.spec,
            self.store,
            saved.secret or secrets.token_bytes(32),
            ttl=self.config.url_ttl,
            cache_bytes=self.config.render_cache_bytes,
            rejects_auth=self.config.delivery_rejects_auth,
            clock=self.config.clock,
        )
        self._webhooks = WebhookSender(
            lambda task_id: self._api.webhook_payload(task_id),
            self.config.webhook_retry_delays,
            delivered=self.store.mark_webhook_sent,
        )
        self._api = Api(
            self.config,
            self.spec,
            self.store,
            self._delivery,
            self._faults,
            self._webhooks,
            self._stopping,
            lambda: self.base_url,
            self._polling_base,
        )
        self._httpd: SimHTTPServer | None = None
        self._threads: list[threading.Thread] = []

    # ---- lifecycle --------------------------------------------------------------------------------

    def start(self) -> str:
        if self._httpd is not None:
            return self.base_url
        self._stopping.clear()
        self._httpd = SimHTTPServer((self.host, self.port), self._handle, self._track)
        port = self._httpd.server_address[1]
        shown = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        self.base_url = f"http://{shown}:{port}"
        self._delivery.start()
        self._webhooks.start()
        now = self.config.clock()
        for task in self.store.all():  # hooks of tasks that ended while the server was down, or will end
            if task.webhook_url and not task.webhook_sent and task.ready_at >= now - self.config.url_ttl:
                self._webhooks.schedule(task.id, task.ready_at)
        serve = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"fluxdesk-sim-{port}",
            daemon=True,
        )
        self._threads = [serve]
        if self.config.state_path is not None:
            self._threads.append(
                threading.Thread(target=self._save_loop, name="fluxdesk-sim-state", daemon=True)
            )
        for thread in self._threads:
            thread.start()
        return self.base_url

    def stop(self) -> None:
        httpd = self._httpd
        if httpd is None:
            return
        self._stopping.set()
        self.store.changed.set()
        self._delivery.stop()
        self._webhooks.stop()
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # wake handler threads parked on idle keep-alive connections
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []
        self._httpd = None
        self.save_state()

    def __enter__(self) -> SimServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _polling_base(self) -> str:
        base = self.config.polling_base
        if not base:
            return self.base_url
        port = self.base_url.rsplit(":", 1)[-1] if self.base_url else str(self.port)
        return base.replace("{port}", port).rstrip("/")

    # ---- state ------------------------------------------------------------------------------------

    def save_state(self) -> None:
        """Write the state file now (also done in the background as tasks change, and at stop)."""
        path = self.config.state_path
        if path is None:
            return
        self.store.forget_old()
        state.save(path, self.store.snapshot(), self._ledger.snapshot(), self._delivery.secret)

    def _save_loop(self) -> None:
        while not self._stopping.is_set():
            self.store.changed.wait()
            if self._stopping.is_set():
                return
            self.store.changed.clear()
            self.save_state()
            self._stopping.wait(SAVE_INTERVAL)

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

    @property
    def webhook_calls(self) -> list[WebhookCall]:
        """Every webhook call attempted so far, in order."""
        return self._webhooks.calls

    def balance(self, key: str) -> float:
        """The key's credits now (what ``GET /v1/credits`` answers)."""
        return self.store.balance(key)

    def nodelay(self) -> list[bool]:
        """TCP_NODELAY on each connection open now (the sockets the server accepted)."""
        with self._lock:
            connections = list(self._connections)
        out = []
        for conn in connections:
            try:
                out.append(bool(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))
            except OSError:
                continue
        return out

    def tasks(self) -> dict[str, TaskView]:
        now = self.config.clock()
        out: dict[str, TaskView] = {}
        for t in self.store.all():
            status, progress = t.status(now)
            out[t.id] = TaskView(
                t.id,
                t.provider,
                t.model,
                t.prompt,
                t.seed,
                t.width,
                t.height,
                t.fmt,
                status,
                progress,
                t.submitted_at,
                t.ready_at,
                dict(t.params),
                t.result_prompt,
                t.cost,
                t.input_mp,
                t.output_mp,
                t.ignored,
                t.webhook_url,
            )
        return out

    def image_bytes(self, task_id: str) -> bytes:
        """The image a Ready task delivers (rendered on demand)."""
        task = self.store.get(task_id)
        if task is None:
            raise KeyError(task_id)
        return self._delivery.render(task)

    # ---- request handling (called on handler threads) -----------------------------------------------

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _handle(
        self, method: str, target: str, header_items: Iterable[tuple[str, str]], body: bytes
    ) -> Reply | None:
        headers = headers_of(header_items)
        route, model = route_of(method, target.split("?", 1)[0])
        with self._lock:
            self._received.append(ReceivedRequest(method, target, route, headers, body))
        return self._api.handle(method, target, headers, body, route if route != OTHER else OTHER, model)
