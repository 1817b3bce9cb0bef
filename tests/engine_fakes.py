"""A scriptable provider client, a fake clock and a bounded wait, for engine tests without the network.

`ScriptedClient` implements `fluxdesk.engine.engine.Client`. Every call the engine makes becomes a
`Call` whose future the test answers (`reply`, `ready`, `fail`), or the client answers at once for
the kinds it is not told to hold. It counts the tasks running per model (from the submit call until
wait_ready ends) and the most that ever ran at once, which is what the provider's caps are about.

(No tests here.)
"""

from __future__ import annotations

import asyncio
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from PIL import Image

from fluxdesk.api.client import OnRetry, PollPolicy, RetryPolicy
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest
from fluxdesk.api.types import DownloadedImage, Status, SubmittedTask, TaskStatus

FAKE_KEY = "fake-key-3Jq8Rw2Lm5Tz9Xc4Vb7N"


async def until(condition: Callable[[], bool], *, timeout: float = 5.0, what: str = "") -> None:
    """Wait until `condition()` holds, polling the loop; fail after `timeout` seconds (never hangs)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await asyncio.sleep(0.001)


async def turns(n: int) -> None:
    """Let the loop run `n` rounds of ready callbacks (no time passes)."""
    for _ in range(n):
        await asyncio.sleep(0)


async def finish(client: ScriptedClient, jobs: Iterable[Any], *, timeout: float = 5.0) -> None:
    """Answer every held wait_ready with Ready until all `jobs` have ended (bounded, like `until`)."""
    jobs = list(jobs)

    def step() -> bool:
        for call in client.pending("wait_ready"):
            call.ready()
        return all(job.is_final for job in jobs)

    await until(step, timeout=timeout, what="every job to end")


async def ended(engine: Any, job_id: str, *, timeout: float = 5.0) -> Any:
    """`engine.wait(job_id)`, bounded."""
    return await asyncio.wait_for(engine.wait(job_id), timeout)


class FakeClock:
    """A clock moved by the test (`advance`), or by the code under test sleeping on it (`sleep`)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        """A blocking sleep that only moves the clock (and notes how long it was asked for)."""
        self.slept.append(seconds)
        self.now += seconds


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 200)).save(out, "PNG")
    return out.getvalue()


class Call:
    """One call the engine made, waiting for its answer."""

    def __init__(self, kind: str, arg: Any, model: str, on_status: Callable[[TaskStatus], None] | None = None
                 ) -> None:
        self.kind = kind
        self.arg = arg  # the request (submit), the task (wait_ready) or the url (download)
        self.model = model
        self.on_status = on_status
        self.future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    @property
    def answered(self) -> bool:
        return self.future.done()

    def reply(self, value: Any) -> None:
        if not self.future.done():
            self.future.set_result(value)

    def fail(self, exc: BaseException) -> None:
        if not self.future.done():
            self.future.set_exception(exc)

    def ready(self) -> None:
        """wait_ready: the task is Ready, with a delivery link."""
        task: SubmittedTask = self.arg
        self.reply(TaskStatus(task.id, Status.READY, 1.0, f"https://delivery.invalid/{task.id}.png"))

    def progress(self, value: float) -> None:
        """wait_ready: a poll saw the task still running at `value`."""
        assert self.on_status is not None
        self.on_status(TaskStatus(self.arg.id, Status.PENDING, value))


class ScriptedClient:
    def __init__(self, *, hold: Iterable[str] = (), provider: str = "cometapi") -> None:
        self.config = ProviderConfig(provider, FAKE_KEY, "https://provider.invalid")
        # the engine backs off by these between its own tries: short, so tests never wait long
        self.retry = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005)
        self.poll = PollPolicy()
        self.hold = set(hold)
        self.calls: list[Call] = []
        self.running: Counter[str] = Counter()
        self.most_running: Counter[str] = Counter()
        self.most_running_total = 0
        self._model_of: dict[str, str] = {}
        self._count = 0
        #: what each submit was told about retrying a 429 itself
        self.retries_429: list[bool] = []

    # -- what the test looks at ---------------------------------------------------------------------

    def made(self, kind: str) -> list[Call]:
        return [c for c in self.calls if c.kind == kind]

    def pending(self, kind: str) -> list[Call]:
        return [c for c in self.made(kind) if not c.answered]

    def submitted(self, request: GenerationRequest) -> bool:
        return any(c.arg == request for c in self.made("submit"))

    # -- the Client protocol -------------------------------------------------------------------------

    async def submit(
        self, request: GenerationRequest, *, on_retry: OnRetry | None = None, retry_rate_limited: bool = True
    ) -> SubmittedTask:
        self.retries_429.append(retry_rate_limited)
        self._start(request.model)
        call = self._call("submit", request, request.model)
        if "submit" not in self.hold:
            self._count += 1
            call.reply(SubmittedTask(f"task-{self._count}", self.config.provider))
        try:
            task: SubmittedTask = await call.future
        except BaseException:
            self._end(request.model)  # no task was made
            raise
        self._model_of[task.id] = request.model
        return task

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
        model = self._model_of.get(task.id)
        if model is None:  # a task of an earlier run (resume)
            model = self._model_of[task.id] = "?"
            self._start(model)
        call = self._call("wait_ready", task, model, on_status)
        if "wait_ready" not in self.hold:
            call.ready()
        try:
            status: TaskStatus = await call.future
            return status
        finally:
            self._end(model)  # Ready, failed or given up: the provider's slot is free again

    async def download(
        self,
        url: str,
        *,
        expected_size: tuple[int, int] | None = None,
        on_retry: OnRetry | None = None,
        retry_until: float | None = None,
    ) -> DownloadedImage:
        call = self._call("download", url, "")
        if "download" not in self.hold:
            width, height = expected_size or (64, 48)
            call.reply(DownloadedImage(png(width, height), width, height, "png", "image/png"))
        image: DownloadedImage = await call.future
        return image

    # -- bookkeeping ----------------------------------------------------------------------------------

    def _call(self, kind: str, arg: Any, model: str, on_status: Callable[[TaskStatus], None] | None = None
              ) -> Call:
        call = Call(kind, arg, model, on_status)
        self.calls.append(call)
        return call

    def _start(self, model: str) -> None:
        self.running[model] += 1
        self.most_running[model] = max(self.most_running[model], self.running[model])
        self.most_running_total = max(self.most_running_total, sum(self.running.values()))

    def _end(self, model: str) -> None:
        self.running[model] -= 1
