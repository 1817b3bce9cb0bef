"""Simulated tasks: their timing and outcome, the per-key limits, ageing out, and charges.

A task's status is a pure function of the clock (Pending with rising progress until `ready_at`, then
its outcome), so nothing runs per task and the state survives a restart as plain data. Times are
wall-clock seconds, so a task submitted before a stop is Ready at the same moment after the start.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from fluxdesk.sim.money import Ledger

PENDING = "Pending"
READY = "Ready"
REQUEST_MODERATED = "Request Moderated"
CONTENT_MODERATED = "Content Moderated"
TASK_NOT_FOUND = "Task not found"
ERROR = "Error"
FAILED = "Failed"
UNKNOWN_STATUSES = ("Reasoning", "Generating")
TERMINAL = frozenset({READY, REQUEST_MODERATED, CONTENT_MODERATED, TASK_NOT_FOUND, ERROR, FAILED})
NOT_CHARGED = frozenset({REQUEST_MODERATED, CONTENT_MODERATED})
MAX_TASKS = 1024  # past this many, aged tasks are dropped at once


@dataclass
class Task:
    id: str
    provider: str
    key: str
    model: str
    prompt: str  # as sent
    result_prompt: str  # as the provider reports it used
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
    cost: float = 0.0
    input_mp: float = 0.0
    output_mp: float = 0.0
    webhook_url: str | None = None
    webhook_secret: str | None = None
    ignored: tuple[str, ...] = ()
    webhook_sent: bool = False  # the hook answered 2xx (a restart does not call it again)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(12))

    @property
    def ext(self) -> str:
        return "jpg" if self.fmt == "jpeg" else self.fmt

    def status(self, now: float) -> tuple[str, float | None]:
        if self.outcome == TASK_NOT_FOUND:
            return TASK_NOT_FOUND, None
        if now < self.ready_at:
            span = max(self.ready_at - self.submitted_at, 1e-9)
            fraction = min(max((now - self.submitted_at) / span, 0.0), 0.99)
            names = self.pending_names
            return names[min(int(fraction * len(names)), len(names) - 1)], round(fraction, 3)
        return self.outcome, 1.0 if self.outcome == READY else None

    def charge(self, now: float) -> float:
        """What the task costs its key at `now`: held at submit, given back once it ends moderated."""
        if self.outcome == REQUEST_MODERATED or (self.outcome in NOT_CHARGED and now >= self.ready_at):
            return 0.0
        return self.cost

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["pending_names"] = list(self.pending_names)
        data["ignored"] = list(self.ignored)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Task:
        data = dict(data)
        data["pending_names"] = tuple(data.get("pending_names") or (PENDING,))
        data["ignored"] = tuple(data.get("ignored") or ())
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


class TaskStore:
    """Every task by id, thread-safe; counts active tasks per key and keeps the money straight."""

    def __init__(self, ledger: Ledger, *, retention: float, clock: Callable[[], float] = time.time) -> None:
        self.ledger = ledger
        self.clock = clock
        self.retention = retention
        self.lock = threading.Lock()
        self._tasks: dict[str, Task] = {}
        self.changed = threading.Event()  # set on every change: the state saver writes then

    def get(self, task_id: str) -> Task | None:
        with self.lock:
            return self._tasks.get(task_id)

    def all(self) -> list[Task]:
        with self.lock:
            return list(self._tasks.values())

    def balance(self, key: str, now: float | None = None) -> float:
        now = self.clock() if now is None else now
        with self.lock:
            held = sum(t.charge(now) for t in self._tasks.values() if t.key == key)
        return round(self.ledger.start - self.ledger.account(key).spent - held, 4)

    def admit(self, task: Task, *, account_limit: int, model_limit: int) -> tuple[str, int] | None:
        """Add `task` unless a limit refuses it: ("active", limit) or ("credits", 0); None when added."""
        now = task.submitted_at
        with self.lock:
            active = [
                t
                for t in self._tasks.values()
                if t.key == task.key
                and t.ready_at > now
                and t.outcome not in (REQUEST_MODERATED, TASK_NOT_FOUND)
            ]
            if len(active) >= account_limit:
                return "active", account_limit
            if sum(1 for t in active if t.model == task.model) >= model_limit:
                return "active", model_limit
            held = sum(t.charge(now) for t in self._tasks.values() if t.key == task.key)
            balance = self.ledger.start - self.ledger.account(task.key).spent - held
            if task.charge(now) > balance + 1e-9:
                return "credits", 0
            self._forget_old(now)
            self._tasks[task.id] = task
        self.ledger.count_request(task.key)
        self.changed.set()
        return None

    def _forget_old(self, now: float) -> None:
        """Age tasks out as providers do (lock held); their charge is settled on the key first."""
        horizon = now - self.retention
        if len(self._tasks) < MAX_TASKS and not any(t.ready_at < horizon for t in self._tasks.values()):
            return
        for task in [t for t in self._tasks.values() if t.ready_at < horizon]:
            self.ledger.settle(task.key, task.charge(now))
            del self._tasks[task.id]

    def forget_old(self, now: float | None = None) -> None:
        with self.lock:
            self._forget_old(self.clock() if now is None else now)

    def mark_webhook_sent(self, task_id: str) -> None:
        with self.lock:
            task = self._tasks.get(task_id)
            if task is not None:
                task.webhook_sent = True
        self.changed.set()

    def snapshot(self) -> list[dict[str, Any]]:
        with self.lock:
            return [t.to_json() for t in self._tasks.values()]

    def restore(self, tasks: list[Task]) -> None:
        with self.lock:
            self._tasks = {t.id: t for t in tasks}
