"""The job engine: submit -> poll -> download -> record, concurrently, without ever paying twice.

Rules it keeps:
- every state change is recorded in the library before the next step, so a crash can be resumed; the
  job then holds the row the library returned (a `Job` is a view of its row, not a copy of it);
- a submit that may have reached the provider is never sent again by itself: an ambiguous failure
  leaves the job INTERRUPTED, and `retry()` re-follows a known task id instead of paying again;
- on Ready the image is downloaded at once (links die ~10 minutes later), verified, written
  atomically and recorded; only then is the job DONE;
- the provider's active-task limits are found and respected (`limits.py`: a window per model that
  grows while submits are accepted and halves on 429, under the user's ceiling); a 429 on submit puts
  the job back to wait, never fails it; the slot is released at Ready so downloads never hold up
  new submits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping
from typing import Any, Protocol

from fluxdesk.api.catalog import Catalog
from fluxdesk.api.errors import (
    ContentModerated,
    CorruptImage,
    FluxError,
    InvalidResponse,
    NetworkError,
    ProviderUnavailable,
    RateLimited,
    RequestModerated,
    ResultExpired,
    TaskNotFound,
    Timeout,
)
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest
from fluxdesk.api.types import DownloadedImage, SubmittedTask, TaskStatus
from fluxdesk.engine.job import Job
from fluxdesk.engine.limits import ConcurrencyLimits, Slot
from fluxdesk.library.changes import Listeners
from fluxdesk.library.records import GenerationRecord, JobState

log = logging.getLogger(__name__)

Listener = Callable[[Job], None]

#: failures of a submit after which the provider may have the task (and charge for it)
AMBIGUOUS_SUBMIT = (NetworkError, Timeout, InvalidResponse, ProviderUnavailable)
DOWNLOAD_ATTEMPTS = 3


class Client(Protocol):
    """What the engine needs of `fluxdesk.api.client.FluxClient` (a protocol keeps tests honest)."""

    @property
    def config(self) -> ProviderConfig: ...

    async def submit(
        self, request: GenerationRequest, *, retry_rate_limited: bool = True
    ) -> SubmittedTask: ...

    async def wait_ready(
        self,
        task: SubmittedTask,
        *,
        on_status: Callable[[TaskStatus], None] | None = None,
        deadline: float | None = None,
        poll_now: bool = False,
    ) -> TaskStatus: ...

    async def download(
        self, url: str, *, expected_size: tuple[int, int] | None = None
    ) -> DownloadedImage: ...


class Store(Protocol):
    """What the engine needs of `fluxdesk.library.library.Library`."""

    async def add_job(self, record: GenerationRecord) -> GenerationRecord: ...

    async def update_job(self, job_id: str, **fields: object) -> GenerationRecord: ...

    async def save_result(
        self,
        job_id: str,
        data: bytes,
        *,
        width: int,
        height: int,
        fmt: str,
        ready_at: float | None = None,
        decoded: bool = False,
    ) -> GenerationRecord: ...

    async def unfinished_jobs(self) -> list[GenerationRecord]: ...


class Engine:
    def __init__(
        self,
        client: Client,
        library: Store,
        *,
        max_concurrent: int = 4,
        catalog: Catalog | None = None,
        clock: Callable[[], float] = time.time,
        limits: ConcurrencyLimits | None = None,
    ) -> None:
        """`limits`: the account's windows and what earlier runs learned (`ConcurrencyLimits.load`);
        by default fresh ones under `max_concurrent`, remembered nowhere."""
        self.client = client
        self.library = library
        self.max_concurrent = max(1, max_concurrent)
        self.limits = limits or ConcurrencyLimits(
            client.config.provider, ceiling=self.max_concurrent, catalog=catalog
        )
        self._catalog = catalog
        self._clock = clock
        self._jobs: dict[str, Job] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._done: dict[str, asyncio.Event] = {}
        self._cancel_requested: set[str] = set()
        self._listeners: Listeners[Job] = Listeners("job")
        self._closed = False

    # ---- observing ---------------------------------------------------------------------------

    @property
    def jobs(self) -> Mapping[str, Job]:
        return self._jobs

    @property
    def provider(self) -> str:
        return self.client.config.provider

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """`listener(job)` runs on the loop after every change of any job; returns an unsubscribe."""
        return self._listeners.subscribe(listener)

    def _notify(self, job: Job) -> None:
        self._listeners.notify(job)  # a broken view is logged; it never breaks a job

    # ---- commands ----------------------------------------------------------------------------

    def enqueue(self, request: GenerationRequest) -> Job:
        """Start a job for a validated request; returns at once. Call on the running loop."""
        if self._closed:
            raise RuntimeError("the engine is closed")
        record = GenerationRecord(
            id=uuid.uuid4().hex,
            provider=self.provider,
            model=request.model,
            request=request,
            status=JobState.QUEUED,
            created_at=self._clock(),
        )
        job = Job(record, clock=self._clock)
        self._start(job, self._run_new(job))
        return job

    def enqueue_many(self, requests: Iterable[GenerationRequest]) -> list[Job]:
        return [self.enqueue(r) for r in requests]

    async def generate(self, request: GenerationRequest) -> Job:
        return await self.wait(self.enqueue(request).id)

    async def wait(self, job_id: str) -> Job:
        await self._done[job_id].wait()
        return self._jobs[job_id]

    async def wait_all(self, job_ids: Iterable[str] | None = None) -> list[Job]:
        ids = list(self._jobs) if job_ids is None else list(job_ids)
        return [await self.wait(i) for i in ids]

    def cancel(self, job_id: str) -> None:
        """Stop a job. Before the submit nothing is sent; after it, the provider may still charge."""
        task = self._tasks.get(job_id)
        job = self._jobs.get(job_id)
        if task is None or task.done() or job is None or job.is_final:
            return
        self._cancel_requested.add(job_id)
        task.cancel()

    def retry(self, job_id: str) -> Job:
        """Try a finished job again: re-fetch a task the provider has, else a new job for the same request."""
        old = self._jobs[job_id]
        if old.can_refetch and self._task_is_ours(old):
            self._reset_for_refetch(old)
            self._start(old, self._run_follow(old))
            return old
        return self.enqueue(old.request)

    async def resume(self) -> list[Job]:
        """Pick up what an earlier run left in flight: follow confirmed tasks, never resend the others."""
        resumed: list[Job] = []
        for record in await self.library.unfinished_jobs():
            if record.id in self._jobs:
                continue
            job = Job(record, clock=self._clock)
            self._jobs[job.id] = job
            self._done[job.id] = asyncio.Event()
            resumed.append(job)
            if record.task_id and record.status in {JobState.PENDING, JobState.DOWNLOADING}:
                if record.provider != self.provider:
                    await self._finish(
                        job,
                        JobState.INTERRUPTED,
                        "interrupted",
                        f"This job was sent to {record.provider}; switch back to that provider to fetch it.",
                    )
                    continue
                self._start(job, self._run_follow(job), fresh=False)
            elif record.status is JobState.QUEUED:
                await self._finish(
                    job,
                    JobState.INTERRUPTED,
                    "interrupted",
                    "fluxdesk stopped before this job was sent; nothing was charged. Retry to send it.",
                )
            else:
                await self._finish(
                    job,
                    JobState.INTERRUPTED,
                    "interrupted",
                    "fluxdesk stopped while sending this job; it may have reached the provider, so it was "
                    "not sent again. Retry to send it anyway.",
                )
        for job in resumed:
            self._settle(job)
        return resumed

    async def aclose(self) -> None:
        """Stop following jobs (they stay recorded as in flight and resume next start)."""
        self._closed = True
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=5)

    # ---- the work ----------------------------------------------------------------------------

    def _start(self, job: Job, coro: Coroutine[Any, Any, None], *, fresh: bool = True) -> None:
        self._jobs[job.id] = job
        event = self._done.get(job.id)
        if event is None or event.is_set():
            self._done[job.id] = asyncio.Event()
        task = asyncio.get_running_loop().create_task(coro, name=f"job-{job.id[:8]}")
        self._tasks[job.id] = task
        if fresh:
            self._notify(job)

    async def _run_new(self, job: Job) -> None:
        await self._guarded(job, self._new_steps(job))

    async def _run_follow(self, job: Job) -> None:
        """Follow a task the provider already has (resume, or a retry after a failed download)."""
        await self._guarded(job, self._follow_steps(job))

    async def _new_steps(self, job: Job) -> None:
        # what goes on the wire: the row keeps no webhook (unrecorded), so the request is taken now
        wire = job.request
        job.adopt(await self.library.add_job(job.current))
        async with self._slot(job) as slot:
            task = await self._submit(job, slot, wire)
            if task is None:
                return
            status = await self._follow(job, task)
        await self._download(job, status)

    async def _follow_steps(self, job: Job) -> None:
        task = SubmittedTask(job.task_id or "", job.provider, job.polling_url)
        await self._set(job, JobState.PENDING, error_code=None, error=None)
        async with self._slot(job):
            status = await self._follow(job, task, poll_now=True)
        await self._download(job, status)

    async def _guarded(self, job: Job, steps: Coroutine[Any, Any, None]) -> None:
        """Run a job's steps; whatever happens, the job ends with a state and one sentence."""
        try:
            await steps
        except asyncio.CancelledError:
            await self._on_cancel(job)
            raise
        except FluxError as exc:
            await self._fail(job, exc)
        except Exception as exc:  # a bug must still end the job with a sentence, and be logged
            log.exception("job %s crashed", job.id)
            await self._fail(job, FluxError(f"Something went wrong: {type(exc).__name__}."))
        finally:
            self._settle(job)

    async def _submit(self, job: Job, slot: Slot, wire: GenerationRequest) -> SubmittedTask | None:
        while True:
            await self._set(job, JobState.SUBMITTING)
            try:
                task = await self._send(job, wire)
            except RateLimited as exc:
                # a 429 is a refusal, not a task: nothing was charged. The window shrinks and the job
                # waits for a place again, as a queued job does; it never fails for it
                slot.refused(exc.retry_after)
                await self._set(job, JobState.QUEUED)
                await slot.again(lambda reason: self._waiting(job, reason))
                job.waiting_for = None
                continue
            if task is not None:
                slot.accepted()
            return task

    async def _send(self, job: Job, wire: GenerationRequest) -> SubmittedTask | None:
        # the engine's window answers a 429 (above), so the client does not retry one by itself
        submit = asyncio.ensure_future(self.client.submit(wire, retry_rate_limited=False))
        # once the POST may be on the wire, cancelling must not lose the task id it may return
        try:
            task = await asyncio.shield(submit)
        except asyncio.CancelledError:
            with contextlib.suppress(BaseException):
                task = await submit
                await self._record(job, task_id=task.id, polling_url=task.polling_url)
            raise
        except AMBIGUOUS_SUBMIT as exc:
            await self._finish(
                job,
                JobState.INTERRUPTED,
                exc.code,
                f"{exc} The request may have reached the provider, so it was not sent again "
                "(retry to send it anyway).",
            )
            return None
        await self._set(
            job,
            JobState.PENDING,
            task_id=task.id,
            polling_url=task.polling_url,
            submitted_at=self._clock(),
            cost=task.cost,
            input_mp=task.input_mp,
            output_mp=task.output_mp,
        )
        return task

    async def _follow(self, job: Job, task: SubmittedTask, *, poll_now: bool = False) -> TaskStatus:
        def on_status(status: TaskStatus) -> None:
            changed = status.progress != job.progress or status.status != job.provider_status
            job.progress, job.provider_status = status.progress, status.status
            if changed:
                self._notify(job)

        return await self.client.wait_ready(task, on_status=on_status, poll_now=poll_now)

    async def _download(self, job: Job, status: TaskStatus) -> None:
        ready_at = self._clock()
        await self._set(
            job,
            JobState.DOWNLOADING,
            ready_at=ready_at,
            result_prompt=status.result_prompt,
            result_seed=status.result_seed,
        )
        url = status.sample_url or ""
        image: DownloadedImage | None = None
        for attempt in range(1, DOWNLOAD_ATTEMPTS + 1):
            try:
                image = await self.client.download(url, expected_size=job.request.size)
                break
            except CorruptImage:
                # the link still lives: a damaged transfer is worth fetching again, a few times
                if attempt == DOWNLOAD_ATTEMPTS:
                    raise
        assert image is not None
        record = await self.library.save_result(
            job.id,
            image.data,
            width=image.width,
            height=image.height,
            fmt=image.format,
            ready_at=ready_at,
            decoded=True,  # the client decoded every pixel on download; no second full decode
        )
        job.adopt(record)
        job.progress = 1.0
        job.finished_at = self._clock()
        self._notify(job)

    # ---- endings -----------------------------------------------------------------------------

    async def _fail(self, job: Job, exc: FluxError) -> None:
        if isinstance(exc, RequestModerated | ContentModerated):
            state = JobState.MODERATED
        elif isinstance(exc, ResultExpired | TaskNotFound) and job.task_id:
            state = JobState.EXPIRED
        else:
            state = JobState.FAILED
        await self._finish(job, state, exc.code, str(exc))

    async def _on_cancel(self, job: Job) -> None:
        if job.id not in self._cancel_requested:
            return  # shutting down: the job stays recorded as in flight and resumes next start
        self._cancel_requested.discard(job.id)
        note = "Cancelled."
        if job.task_id:
            note = "Cancelled; the provider may still charge for a task it had already started."
        with contextlib.suppress(Exception):
            await asyncio.shield(self._finish(job, JobState.CANCELLED, "cancelled", note))

    async def _finish(self, job: Job, state: JobState, code: str | None, message: str | None) -> None:
        job.finished_at = self._clock()
        job.waiting_for = None
        try:
            await self._record(job, status=state, error_code=code, error=message)
        except Exception:  # the library is failing too: the job still ends, in memory, with its sentence
            log.exception("could not record the end of job %s", job.id)
        finally:
            self._notify(job)

    def _settle(self, job: Job) -> None:
        event = self._done.get(job.id)
        if event is not None and job.is_final:
            event.set()

    # ---- helpers -----------------------------------------------------------------------------

    async def _set(self, job: Job, state: JobState, **fields: object) -> None:
        await self._record(job, status=state, **fields)
        self._notify(job)

    async def _record(self, job: Job, **fields: object) -> None:
        """Write a change to the job's row; the job then holds the row the library returns.

        If the write fails, the change still happened (a task id, an ending): the job's row evolves
        in memory so what it shows stays true, and the error goes on to end the job with a sentence.
        """
        try:
            # shielded: a cancel (user or shutdown) must not drop a write already decided, such as the
            # task id of a confirmed submit; the library runs writes in order on its one DB thread
            record = await asyncio.shield(self.library.update_job(job.id, **fields))
        except Exception:
            job.adopt(job.current.evolve(**fields))
            raise
        job.adopt(record)

    def _task_is_ours(self, job: Job) -> bool:
        return job.provider == self.provider

    def _reset_for_refetch(self, job: Job) -> None:
        # the row's error stays until the library records the new attempt (the first step does)
        job.finished_at, job.progress, job.provider_status = None, None, None

    @contextlib.asynccontextmanager
    async def _slot(self, job: Job) -> AsyncIterator[Slot]:
        """A running task's place: its model's window (what the provider accepts), then the ceiling
        across models (Settings); `job.waiting_for` says why while it waits."""
        async with self.limits.slot(job.request.model, lambda reason: self._waiting(job, reason)) as slot:
            job.waiting_for = None
            yield slot

    def _waiting(self, job: Job, reason: str) -> None:
        if reason != job.waiting_for:
            job.waiting_for = reason
            self._notify(job)
