"""How many tasks to keep running at once: found from the provider's own answers, remembered per account.

A provider caps the tasks an account may have running (BFL documents 24, and 6 for Kontext [max];
CometAPI publishes no number) and refuses one more with 429. Each model of each account gets a
window, which starts at the documented limit (or cautiously, at 4, where none is published, or at what
an earlier run learned), grows while submits are accepted and halves on a 429:

- growth happens only when the window was full, so a limit the provider never saw is not taken as
  accepted; until the first 429 the window grows by one per accepted submit (a quick probe, as TCP's
  slow start), afterwards by one per window of accepted submits (additive increase);
- a 429 halves the window once per burst: submits sent before the last halving do not halve it again,
  so 16 refusals of one burst make one halving, not sixteen (multiplicative decrease). It never halves
  below the number of our tasks the provider accepted and is running at that moment: it has just shown
  it takes that many, and a smaller window would only leave places idle while they finish;
- after a 429 no submit of that window goes out before the provider's Retry-After (or a pause that
  doubles with each refusal in a row, 1 s to 60 s), so a refusing provider is never hammered;
- the user's "Concurrent jobs" setting and the documented limit are ceilings; the window never grows
  past them.

`Aimd` is the rule (no clock of its own, no asyncio: tested with a fake clock). `Window` is one model's
window as an async slot; `ConcurrencyLimits` holds the windows of one account and what they learned,
which `LimitStore` keeps in a small JSON file in the config folder under a hash of provider and key
(never the key), written off the caller's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import math
import os
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fluxdesk.api.catalog import BFL, Catalog, UnknownModel
from fluxdesk.i18n import _, ngettext

log = logging.getLogger(__name__)

#: where nothing is published: start here and let the provider's answers move the window
CAUTIOUS_START = 4
#: BFL's documented limit of active tasks per account (a model may document a lower one)
ACCOUNT_LIMIT = 24
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0
LIMITS_FILE = "limits.json"
_VERSION = 1


@dataclass
class Aimd:
    """One window's rule. `limit` may be fractional (additive increase adds 1/window per accept); the
    window is its whole part, between 1 and `cap`. `probing`: no 429 seen yet (grow by one per accept).
    `epoch` counts halvings; a submit carries the epoch it started in. `resume_at`: no submit before."""

    limit: float
    cap: int
    probing: bool = True
    epoch: int = 0
    refusals: int = 0  # in a row, for the pause when the provider gives no Retry-After
    resume_at: float = 0.0

    def __post_init__(self) -> None:
        self.cap = max(1, int(self.cap))
        self.limit = min(float(self.cap), max(1.0, float(self.limit)))

    @property
    def window(self) -> int:
        return max(1, min(self.cap, math.floor(self.limit + 1e-9)))

    def accepted(self, in_flight: int) -> bool:
        """A submit was accepted while `in_flight` tasks (itself included) held the window. True: it grew."""
        self.refusals = 0
        if in_flight < self.window or self.window >= self.cap:
            return False
        self.limit = min(float(self.cap), self.limit + (1.0 if self.probing else 1.0 / self.window))
        return True

    def refused(self, epoch: int, now: float, retry_after: float | None = None, running: int = 0) -> bool:
        """A submit that started in `epoch` got a 429 at `now`, while `running` of our tasks were accepted
        and still running. True: the window was halved (but not below `running`).

        The pause is the provider's Retry-After when it gives one, else 1 s doubling with each burst
        refused in a row; the refusals of one burst count once."""
        fresh = epoch == self.epoch
        if fresh:
            self.refusals += 1
        pause = FIRST_PAUSE * 2 ** min(max(self.refusals - 1, 0), 16)
        if retry_after is not None and retry_after > 0:
            pause = retry_after
        self.resume_at = max(self.resume_at, now + min(pause, LONGEST_PAUSE))
        if not fresh:
            return False  # this burst was answered already
        self.probing = False
        self.epoch += 1
        self.limit = max(1.0, self.window / 2, float(min(running, self.window)))
        return True

    def wait(self, now: float) -> float:
        """Seconds until a submit may go (0: now)."""
        return max(0.0, self.resume_at - now)


def documented_limit(provider: str, catalog: Catalog | None, model: str) -> tuple[int, bool]:
    """(the model's documented limit, whether it is published for `provider`). BFL publishes its limits;
    the catalogue's per-model number (`ModelSpec.max_active_tasks`) is BFL's."""
    cap = ACCOUNT_LIMIT
    if catalog is not None:
        with contextlib.suppress(UnknownModel):
            cap = catalog.get(model).max_active_tasks
    return cap, provider == BFL


def account_id(provider: str, api_key: str) -> str:
    """The name an account's limits are kept under: a hash of provider and key, never the key itself."""
    return hashlib.sha256(f"fluxdesk-limits\0{provider}\0{api_key}".encode()).hexdigest()[:32]


class LimitStore:
    """The learned limits of one account in `path` (JSON, shared by every account). Blocking: call from
    a worker thread."""

    def __init__(self, path: Path, account: str) -> None:
        self.path = path
        self.account = account

    def _read_all(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            return {}
        return data

    def read(self) -> dict[str, dict[str, Any]]:
        """model -> {"limit": float, "probing": bool} as an earlier run left them."""
        accounts = self._read_all().get("accounts")
        mine = accounts.get(self.account) if isinstance(accounts, dict) else None
        if not isinstance(mine, dict):
            return {}
        out: dict[str, dict[str, Any]] = {}
        for model, entry in mine.items():
            if isinstance(entry, dict) and isinstance(entry.get("limit"), int | float):
                out[str(model)] = {"limit": float(entry["limit"]), "probing": bool(entry.get("probing"))}
        return out

    def write(self, learned: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace this account's entry, keep the others; atomic (temporary file, then rename)."""
        data = self._read_all()
        accounts = data.get("accounts") if isinstance(data.get("accounts"), dict) else {}
        assert isinstance(accounts, dict)
        accounts[self.account] = {m: dict(v) for m, v in learned.items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".limits-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": _VERSION, "accounts": accounts}, fh, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class Room:
    """Places for at most `capacity()` holders; waiters are woken in the order they came."""

    def __init__(self, capacity: Callable[[], int]) -> None:
        self.capacity = capacity
        self.in_flight = 0
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def free(self) -> bool:
        return self.in_flight < self.capacity()

    async def wait_for_room(self) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        try:
            await future
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(future)

    def take(self) -> None:
        self.in_flight += 1

    def release(self) -> None:
        """Synchronous, so a `finally` of a cancelled job gives its place back for certain."""
        self.in_flight = max(0, self.in_flight - 1)
        self.wake()

    def wake(self) -> None:
        for future in list(self._waiters):
            if not future.done():
                future.set_result(None)


class Window(Room):
    """One model's window: `acquire` waits for room and for any pause after a 429."""

    def __init__(
        self,
        model: str,
        rule: Aimd,
        *,
        published: bool,
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(lambda: self.rule.window)
        self.running = 0  # places whose submit the provider accepted, until Ready
        self.model = model
        self.rule = rule
        self.published = published  # the cap is the provider's documented limit
        self._clock = clock
        self._sleep = sleep
        self._changed = changed

    def full_reason(self) -> str:
        n = self.rule.window
        if self.published and n >= self.rule.cap:
            return ngettext("{n} {model} job is already running (the provider's limit for it).",
                            "{n} {model} jobs are already running (the provider's limit for it).",
                            n).format(n=n, model=self.model)
        return ngettext("{n} {model} job is already running (as many as the provider accepts now).",
                        "{n} {model} jobs are already running (as many as the provider accepts now).",
                        n).format(n=n, model=self.model)

    def pause_reason(self, wait: float) -> str:
        return _("The provider refused more {model} tasks for now; sending again in {seconds} s.").format(
            model=self.model, seconds=max(1, math.ceil(wait)))

    async def acquire(self, on_wait: Callable[[str], None]) -> int:
        """Take a place; returns the epoch the submit starts in."""
        while True:
            wait = self.rule.wait(self._clock())
            if wait > 0:
                on_wait(self.pause_reason(wait))
                await self._sleep(wait)
                continue
            if self.free:
                self.take()
                return self.rule.epoch
            on_wait(self.full_reason())
            await self.wait_for_room()

    def accepted(self) -> None:
        self.running += 1
        if self.rule.accepted(self.in_flight):
            self._changed()
            self.wake()

    def refused(self, epoch: int, retry_after: float | None) -> None:
        if self.rule.refused(epoch, self._clock(), retry_after, running=self.running):
            log.info("%s: the provider refused a task; at most %d at once now", self.model, self.rule.window)
            self._changed()


class ConcurrencyLimits:
    """The windows of one account, per model, under a ceiling across models (the user's "Concurrent
    jobs"). A job takes its model's window first, so one waiting for it holds no place of the ceiling
    another model could use."""

    def __init__(
        self,
        provider: str,
        *,
        ceiling: int,
        catalog: Catalog | None = None,
        learned: Mapping[str, Mapping[str, Any]] | None = None,
        store: LimitStore | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.provider = provider
        self.ceiling = max(1, int(ceiling))
        self.catalog = catalog
        self._learned = {m: dict(v) for m, v in (learned or {}).items()}
        self._store = store
        self._clock = clock
        self._sleep = sleep
        self._windows: dict[str, Window] = {}
        self._all = Room(lambda: self.ceiling)
        self._dirty = False
        self._saving: asyncio.Task[None] | None = None

    @classmethod
    def load(
        cls, path: Path, provider: str, api_key: str, *, ceiling: int, catalog: Catalog | None = None
    ) -> ConcurrencyLimits:
        """Blocking (reads a small file): call from a worker thread."""
        store = LimitStore(path, account_id(provider, api_key))
        return cls(provider, ceiling=ceiling, catalog=catalog, learned=store.read(), store=store)

    def window(self, model: str) -> Window:
        found = self._windows.get(model)
        if found is None:
            documented, published = documented_limit(self.provider, self.catalog, model)
            cap = min(documented, self.ceiling)
            start = float(documented if published else min(CAUTIOUS_START, documented))
            probing = True
            before = self._learned.get(model)
            if before is not None:
                start, probing = float(before["limit"]), bool(before.get("probing"))
            rule = Aimd(limit=start, cap=cap, probing=probing)
            found = Window(model, rule, published=published, clock=self._clock, sleep=self._sleep,
                           changed=self._note_change)
            self._windows[model] = found
        return found

    @property
    def running(self) -> int:
        """Places held across models."""
        return self._all.in_flight

    def ceiling_reason(self) -> str:
        n = self.ceiling
        return ngettext("{n} job is already running (the limit set in Settings).",
                        "{n} jobs are already running (the limit set in Settings).", n).format(n=n)

    async def _take(self, window: Window, on_wait: Callable[[str], None]) -> int:
        epoch = await window.acquire(on_wait)
        try:
            while not self._all.free:
                on_wait(self.ceiling_reason())
                await self._all.wait_for_room()
            self._all.take()
        except BaseException:
            window.release()
            raise
        return epoch

    def _give_back(self, window: Window) -> None:
        self._all.release()
        window.release()
        # a place of the ceiling may serve another model's waiter
        for other in self._windows.values():
            if other is not window:
                other.wake()

    @contextlib.asynccontextmanager
    async def slot(self, model: str, on_wait: Callable[[str], None]) -> AsyncIterator[Slot]:
        """A place for one task of `model` for as long as it runs; `on_wait(reason)` while it waits."""
        window = self.window(model)
        slot = Slot(self, window, await self._take(window, on_wait))
        try:
            yield slot
        finally:
            if slot.running:
                window.running = max(0, window.running - 1)
            if slot.held:
                self._give_back(window)

    def learned(self) -> dict[str, dict[str, Any]]:
        """What to remember: every window's limit and probing state, and what earlier runs learned of
        models not used this time."""
        out = {m: dict(v) for m, v in self._learned.items()}
        for model, window in self._windows.items():
            out[model] = {"limit": round(window.rule.limit, 3), "probing": window.rule.probing}
        return out

    def _note_change(self) -> None:
        if self._store is None:
            return
        self._dirty = True
        if self._saving is None or self._saving.done():
            with contextlib.suppress(RuntimeError):  # no running loop: flush() writes it
                self._saving = asyncio.get_running_loop().create_task(self._save(), name="save limits")

    async def _save(self) -> None:
        store = self._store
        while self._dirty and store is not None:
            self._dirty = False
            try:
                await asyncio.to_thread(store.write, self.learned())
            except OSError as exc:
                log.warning("could not remember the provider's limits (%s)", exc)
                return

    async def flush(self) -> None:
        """Wait until what was learned is written (at close)."""
        if self._saving is not None and not self._saving.done():
            await asyncio.shield(self._saving)
        if self._dirty:
            await self._save()


class Slot:
    """A job's place: the engine says how its submit went."""

    def __init__(self, limits: ConcurrencyLimits, window: Window, epoch: int) -> None:
        self._limits = limits
        self.window = window
        self.epoch = epoch
        self.held = True
        self.running = False  # the provider accepted this place's task

    def accepted(self) -> None:
        self.running = True
        self.window.accepted()

    def refused(self, retry_after: float | None) -> None:
        self.window.refused(self.epoch, retry_after)

    async def again(self, on_wait: Callable[[str], None]) -> None:
        """After a 429: give the place back and wait for one again, as a queued job does."""
        self._limits._give_back(self.window)
        self.held = False
        self.epoch = await self._limits._take(self.window, on_wait)
        self.held = True
