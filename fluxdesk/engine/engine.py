"""The job engine: submit -> poll -> download -> record, concurrently, without ever paying twice.

Rules it keeps:
- every state change is recorded in the library before the next step, so a crash can be resumed; the
  job then holds the row the library returned (a `Job` is a view of its row, not a copy of it). A
  confirmed task id is written before anything else can fail; when the library cannot take it, it is
  kept in the spool and written with the next change;
- each job has an owner, the engine that drives it (`library/owners.py`): an engine drives only its own
  jobs, writes only while it still owns them, and takes over (resume, retry) only jobs whose owner is gone;
- a submit that may have reached the provider is never sent again by itself: it ends INTERRUPTED, and
  only an explicit resend sends it again. A submit that surely never left (`NeverSent`), or that the
  provider refused with 429, costs nothing: it is sent again later (UNSENT: at the next start);
- a confirmed task is followed until its image is saved or the provider says it is gone: failing polls,
  failing and damaged downloads are retried with capped, jittered backoff for as long as the result can
  still be fetched (`LINK_LIFETIME` from Ready); only then does the job fail, keeping its task id;
- on Ready the image is downloaded at once, verified, written atomically and recorded; only then is the
  job DONE. An image that cannot be written (full disk...) is kept in the spool: UNSAVED, saved by a
  retry or a resume once writing works again;
- the provider's active-task limits are found and respected (`limits.py`: a window per model that
  grows while submits are accepted and halves on 429, under the user's ceiling); a 429 on submit puts
  the job back to wait, never fails it; the slot is released at Ready so downloads never hold up new
  submits;
- only jobs in flight are held; a finished job is dropped (the library has it; `load` reads it back).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from fluxdesk.api.attempts import OnRetry
from fluxdesk.api.catalog import Catalog
from fluxdesk.api.errors import (
    ContentModerated,
    CorruptImage,
    FluxError,
    InvalidResponse,
    NetworkError,
    NeverSent,
    ProviderUnavailable,
    RateLimited,
    RequestModerated,
    ResultExpired,
    TaskNotFound,
    Timeout,
)
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.refs import has_library_refs
from fluxdesk.api.request import GenerationRequest
from fluxdesk.api.retry import LINK_LIFETIME, PollPolicy, RetryPolicy, backoff_delay
from fluxdesk.api.types import DownloadedImage, SubmittedTask, TaskStatus
from fluxdesk.engine.job import Job
from fluxdesk.engine.limits import ConcurrencyLimits, Slot
from fluxdesk.engine.rules import MaybeSent, RetryAction, RetryPlan, RetryRefused, retry_plan
from fluxdesk.engine.spool import Spool
from fluxdesk.i18n import N_, _
from fluxdesk.library.changes import Listeners
from fluxdesk.library.errors import LibraryError
from fluxdesk.library.owners import DEFAULT_LEASE, NotOwner, Owner
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import TakeOver

log = logging.getLogger(__name__)

Listener = Callable[[Job], None]

#: failures of a submit after which the provider may have the task (and charge for it)
AMBIGUOUS_SUBMIT = (NetworkError, Timeout, InvalidResponse, ProviderUnavailable)
#: how long a job the provider refuses with 429 keeps trying before it waits for the next start
SEND_PATIENCE = 600.0
#: finished jobs kept for a late `wait()` (the library has every one of them)
RECENT_JOBS = 64
#: how long `aclose` waits for a submit on the wire to answer (its task id must be recorded)
CLOSE_TIMEOUT = 60.0

#: data (N_): said with _() where used
STOPPED_WHILE_SENDING = N_(
    "fluxdesk stopped while sending this job; it may have reached the provider, so it was not sent again."
)
TAKEN_OVER = N_("Another fluxdesk process took this job over.")


class Client(Protocol):
    """What the engine needs of `fluxdesk.api.client.FluxClient` (a protocol keeps tests honest)."""

    @property
    def config(self) -> ProviderConfig: ...

    @property
    def retry(self) -> RetryPolicy: ...

    @property
    def poll(self) -> PollPolicy: ...

    async def submit(
        self,
        request: GenerationRequest,
        *,
        on_retry: OnRetry | None = None,
        retry_rate_limited: bool = True,
    ) -> SubmittedTask: ...

    async def wait_ready(
        self,
        task: SubmittedTask,
        *,
        on_status: Callable[[TaskStatus], None] | None = None,
        deadline: float | None = None,
        poll_now: bool = False,
        on_retry: OnRetry | None = None,
        retry_until: float | None = None,
    ) -> TaskStatus: ...

    async def download(
        self,
        url: str,
        *,
        expected_size: tuple[int, int] | None = None,
        on_retry: OnRetry | None = None,
        retry_until: float | None = None,
    ) -> DownloadedImage: ...


class Store(Protocol):
    """What the engine needs of `fluxdesk.library.library.Library`."""

    async def add_job(self, record: GenerationRecord) -> GenerationRecord: ...

    async def update_job(
        self, job_id: str, *, as_owner: str | None = None, **fields: Any
    ) -> GenerationRecord: ...

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
        as_owner: str | None = None,
    ) -> GenerationRecord: ...

    async def get(self, job_id: str) -> GenerationRecord | None: ...

    async def resolve_inputs(self, request: GenerationRequest) -> GenerationRequest: ...

    async def register_owner(self, owner: Owner, *, lease: float) -> None: ...

    async def renew_owner(self, token: str, *, lease: float) -> bool: ...

    async def release_owner(self, token: str) -> int: ...

    async def take_over(self, token: str, *, ids: Iterable[str] | None = None) -> TakeOver: ...


@dataclass(eq=False)
class _Flight:
    """A job the engine drives now: its task, and the event its waiters wait for."""

    job: Job
    done: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


def _transient(exc: FluxError) -> bool:
    """Trouble of the way there (outage, 5xx, reset, malformed reply), not the provider's word on the task."""
    return exc.retryable or isinstance(exc, InvalidResponse)


class Engine:
    def __init__(
        self,
        client: Client,
        library: Store,
        *,
        max_concurrent: int = 4,
        catalog: Catalog | None = None,
        clock: Callable[[], float] = time.time,
        spool: Spool | None = None,
        lease: float = DEFAULT_LEASE,
        label: str = "",
        rng: random.Random | None = None,
        link_lifetime: float = LINK_LIFETIME,
        limits: ConcurrencyLimits | None = None,
    ) -> None:
        """`spool`: where images and task ids the library cannot take are kept (default: memory only).
        `lease`: seconds another process waits before taking over this engine's jobs if it stops
        renewing (it renews every quarter of that). `label` names the front ("window", "cli").
        `link_lifetime`: how long a result can be fetched after Ready (the providers': ~10 minutes).
        `limits`: the account's concurrency windows and what earlier runs learned
        (`ConcurrencyLimits.load`); by default fresh ones under `max_concurrent`, remembered nowhere."""
        self.client = client
        self.library = library
        self.max_concurrent = max(1, max_concurrent)
        self.owner = Owner.of_this_process(label)
        self.spool = spool or Spool()
        self.limits = limits or ConcurrencyLimits(
            client.config.provider, ceiling=self.max_concurrent, catalog=catalog
        )
        self._catalog = catalog
        self._clock = clock
        self._lease = max(1.0, lease)
        self._rng = rng or random.Random()
        self.link_lifetime = link_lifetime
        self._flights: dict[str, _Flight] = {}
        self._recent: OrderedDict[str, Job] = OrderedDict()
        self._unsent: dict[str, Job] = {}  # jobs of this engine that ended UNSENT (sent at the next start)
        self._unwritten: dict[str, dict[str, Any]] = {}  # per job: changes the library could not take yet
        self._cancel_requested: set[str] = set()
        self._maybe_sent: dict[str, FluxError] = {}  # a cancelled submit's ambiguous failure
        self._listeners: Listeners[Job] = Listeners("job")
        self._registered = False
        self._owner_lock: asyncio.Lock | None = None
        self._lease_task: asyncio.Task[None] | None = None
        self._closed = False

    # ---- observing ---------------------------------------------------------------------------

    @property
    def jobs(self) -> Mapping[str, Job]:
        """The jobs this engine drives now (finished ones are dropped: the library has them)."""
        return {job_id: flight.job for job_id, flight in self._flights.items()}

    @property
    def provider(self) -> str:
        return self.client.config.provider

    def job(self, job_id: str) -> Job | None:
        """The job if this engine drives it (or finished it a moment ago), else None."""
        flight = self._flights.get(job_id)
        return flight.job if flight is not None else self._recent.get(job_id)

    async def load(self, job_id: str) -> Job | None:
        """The job as the engine sees it: in flight, else a view of its row in the library (None: no row)."""
        known = self.job(job_id)
        if known is not None:
            return known
        record = await self.library.get(job_id)
        return Job(record, clock=self._clock) if record is not None else None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """`listener(job)` runs on the loop after every change of any job; returns an unsubscribe."""
        return self._listeners.subscribe(listener)

    def _notify(self, job: Job) -> None:
        self._listeners.notify(job)  # a broken view is logged; it never breaks a job

    def never_sent(self) -> list[Job]:
        """This engine's jobs that never reached the provider: queued, or not sent (UNSENT). They are sent
        at the next start (the window says so at quit)."""
        found = [f.job for f in self._flights.values() if f.job.state is JobState.QUEUED]
        found += [j for i, j in self._unsent.items() if j.state is JobState.UNSENT and i not in self._flights]
        return found

    def retry_plan(self, record: GenerationRecord) -> RetryPlan:
        """What `retry` would do with this row (the one rule: `engine/rules.py`)."""
        flight = self._flights.get(record.id)
        if flight is not None and not flight.job.is_final:
            return RetryPlan(RetryAction.NONE, _("This job is still running."))
        return retry_plan(record, self.provider)

    # ---- commands ----------------------------------------------------------------------------

    def enqueue(self, request: GenerationRequest, *, parents: Sequence[str] = ()) -> Job:
        """Start a job for a validated request; returns at once. Call on the running loop.

        `parents`: the library ids of its input images, in input order (`Draft.parents()`), recorded
        on its row; the row keeps those inputs as references, and this process sends the request as
        given."""
        if self._closed:
            raise RuntimeError("the engine is closed")
        record = GenerationRecord(
            id=uuid.uuid4().hex,
            provider=self.provider,
            model=request.model,
            request=request,
            status=JobState.QUEUED,
            created_at=self._clock(),
            owner=self.owner.token,
            parents=tuple(parents),
        )
        job = Job(record, clock=self._clock)
        job.wire_request = request
        self._launch(job, self._new_steps(job))
        return job

    def enqueue_many(
        self, requests: Iterable[GenerationRequest], *, parents: Sequence[str] = ()
    ) -> list[Job]:
        """A batch (the same inputs, so the same parents for each)."""
        return [self.enqueue(r, parents=parents) for r in requests]

    async def generate(self, request: GenerationRequest) -> Job:
        return await self.wait(self.enqueue(request).id)

    async def wait(self, job_id: str) -> Job:
        """The job once this engine stops driving it (ended, taken over, or left for the next start)."""
        flight = self._flights.get(job_id)
        if flight is None:
            job = await self.load(job_id)
            if job is None:
                raise KeyError(job_id)
            return job
        await flight.done.wait()
        return flight.job

    async def wait_all(self, job_ids: Iterable[str] | None = None) -> list[Job]:
        ids = list(self._flights) if job_ids is None else list(job_ids)
        return [await self.wait(i) for i in ids]

    def cancel(self, job_id: str) -> None:
        """Stop a job. Before the submit nothing is sent; after it, the provider may still charge."""
        flight = self._flights.get(job_id)
        if flight is None or flight.task is None or flight.task.done() or flight.job.is_final:
            return
        self._cancel_requested.add(job_id)
        flight.task.cancel()

    async def discard(self, job_ids: Iterable[str]) -> int:
        """Cancel jobs that were never sent (quit: "discard them"), in flight or left UNSENT; returns how
        many. A job already on its way to the provider is left alone."""
        count = 0
        waiting: list[str] = []
        for job_id in job_ids:
            flight = self._flights.get(job_id)
            if flight is not None:
                if flight.job.state is JobState.QUEUED:
                    self.cancel(job_id)
                    waiting.append(job_id)
                continue
            job = self._unsent.get(job_id)
            if job is None or job.state is not JobState.UNSENT:
                continue
            took = await self.library.take_over(self.owner.token, ids=[job_id])
            if not took.taken or took.taken[0].status is not JobState.UNSENT:
                continue
            job.adopt(took.taken[0])
            await self._finish(job, JobState.CANCELLED, "cancelled", _("Discarded; it was never sent."))
            self._unsent.pop(job_id, None)
            count += 1
        for job_id in waiting:
            job = await self.wait(job_id)
            count += job.state is JobState.CANCELLED
        return count

    async def retry(self, job_id: str, *, resend: bool = False) -> Job:
        """Try a job that ended without an image again, by the one rule (`engine/rules.py`): re-fetch a
        task the provider has, save an image kept unsaved, send what never reached the provider. A job
        that may have reached the provider is sent again only with `resend=True` (else `MaybeSent`).

        Works for any job of the library, not only this engine's; a job another live process drives is
        refused (`RetryRefused`, one sentence)."""
        if self._closed:
            raise RuntimeError("the engine is closed")
        flight = self._flights.get(job_id)
        if flight is not None:
            if not flight.job.is_final:
                raise RetryRefused(_("This job is still running."))
            await flight.done.wait()  # it has just ended: let it land first
        record = await self.library.get(job_id)
        if record is None:
            raise RetryRefused(_("There is no job {job_id} in the library.").format(job_id=job_id))
        if record.status.is_final:  # refused before anything is claimed
            self._check_plan(retry_plan(record, self.provider), resend)
        await self._ensure_owner()
        took = await self.library.take_over(self.owner.token, ids=[job_id])
        if not took.taken:
            running = _("This job is running in "
                        "{value}.").format(value=took.elsewhere[0][1].describe()) if took.elsewhere else ""
            raise RetryRefused(running or _("This job could not be taken over; try again."))
        record = took.taken[0]
        if job_id in self._flights:  # a resume started it meanwhile
            raise RetryRefused(_("This job is still running."))
        job = self._recent.pop(job_id, None) or Job(record, clock=self._clock)
        job.adopt(record)
        job.finished_at = job.progress = job.provider_status = job.retrying = job.elsewhere = None
        if not record.status.is_final:  # its owner is gone mid-way: carry on from where it was
            self._launch(job, self._resume_steps(job))
            return job
        plan = retry_plan(record, self.provider)
        try:
            self._check_plan(plan, resend)
        except RetryRefused:
            with contextlib.suppress(Exception):  # not ours to keep after all
                job.adopt(await self.library.update_job(job_id, as_owner=self.owner.token, owner=None))
            raise
        self._unsent.pop(job_id, None)
        if plan.action is RetryAction.REFETCH:
            self._launch(job, self._refetch_steps(job))
        elif plan.action is RetryAction.SAVE:
            self._launch(job, self._save_kept_steps(job))
        else:
            self._launch(job, self._resend_steps(job))
        return job

    @staticmethod
    def _check_plan(plan: RetryPlan, resend: bool) -> None:
        if plan.action is RetryAction.NONE:
            raise RetryRefused(plan.reason)
        if plan.action is RetryAction.RESEND and not resend:
            raise MaybeSent(plan.reason)

    async def resume(self) -> list[Job]:
        """Take over the jobs whose owner is gone (an earlier run, a crashed process, an engine replaced by
        Settings -> Apply) and finish them: send what was never sent, follow confirmed tasks, save what
        was downloaded but not saved; a submit that may have reached the provider ends INTERRUPTED, never
        resent. Jobs another live process drives come back too, with `elsewhere` saying so, untouched."""
        if self._closed:
            raise RuntimeError("the engine is closed")
        await self._ensure_owner()
        took = await self.library.take_over(self.owner.token)
        jobs: list[Job] = []
        for record in took.taken:
            if record.id in self._flights:
                continue  # this engine drives it already
            job = Job(record, clock=self._clock)
            jobs.append(job)
            self._launch(job, self._resume_steps(job))
        for record, owner in took.elsewhere:
            job = Job(record, clock=self._clock)
            job.elsewhere = _("running in {value}.").format(value=owner.describe())
            jobs.append(job)
            self._notify(job)
        return jobs

    async def aclose(self) -> None:
        """Stop following jobs: they stay recorded as they are, nobody's, and resume next start."""
        self._closed = True
        if self._lease_task is not None:
            self._lease_task.cancel()
        tasks = [f.task for f in self._flights.values() if f.task is not None and not f.task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            # a submit on the wire is shielded: its task id is recorded when its answer comes
            await asyncio.wait(tasks, timeout=CLOSE_TIMEOUT)
        if self._lease_task is not None:
            with contextlib.suppress(BaseException):
                await self._lease_task
        if self._registered:
            try:
                await self.library.release_owner(self.owner.token)
            except Exception:  # the next start takes them over once this process is gone, all the same
                log.warning("could not release this process's jobs", exc_info=True)

    # ---- ownership ---------------------------------------------------------------------------

    async def _ensure_owner(self) -> None:
        """Register this engine as an owner (once) and keep its lease while it runs."""
        if self._registered:
            return
        if self._owner_lock is None:
            self._owner_lock = asyncio.Lock()
        async with self._owner_lock:
            if self._registered:
                return
            await self.library.register_owner(self.owner, lease=self._lease)
            self._registered = True
            self._lease_task = asyncio.get_running_loop().create_task(self._keep_lease(), name="job lease")

    async def _keep_lease(self) -> None:
        while not self._closed:
            await asyncio.sleep(self._lease / 4)
            try:
                if not await self.library.renew_owner(self.owner.token, lease=self._lease):
                    await self.library.register_owner(self.owner, lease=self._lease)
            except Exception:  # a busy or failing library: try again at the next beat
                log.warning("could not renew the lease on this process's jobs", exc_info=True)

    # ---- the work ----------------------------------------------------------------------------

    def _launch(self, job: Job, steps: Coroutine[Any, Any, None]) -> None:
        self._unsent.pop(job.id, None)
        flight = _Flight(job)
        self._flights[job.id] = flight
        run = self._run(flight, steps)
        flight.task = asyncio.get_running_loop().create_task(run, name=f"job-{job.id[:8]}")
        self._notify(job)

    async def _run(self, flight: _Flight, steps: Coroutine[Any, Any, None]) -> None:
        """Run a job's steps; whatever happens, the job ends with a state and one sentence."""
        job = flight.job
        try:
            await steps
        except asyncio.CancelledError:
            await self._on_cancel(job)
            raise
        except NotOwner:
            job.elsewhere = _(TAKEN_OVER)
            self._notify(job)
        except FluxError as exc:
            await self._fail(job, exc)
        except Exception as exc:  # a bug must still end the job with a sentence, and be logged
            log.exception("job %s crashed", job.id)
            await self._fail(job, FluxError(_("Something went wrong: "
                                              "{value}.").format(value=type(exc).__name__)))
        finally:
            self._land(flight)

    def _land(self, flight: _Flight) -> None:
        """The engine stops driving the job: drop it from the maps, wake its waiters."""
        job = flight.job
        if self._flights.get(job.id) is flight:
            del self._flights[job.id]
        self._unwritten.pop(job.id, None)
        self._cancel_requested.discard(job.id)
        self._maybe_sent.pop(job.id, None)
        job.waiting_for = job.retrying = None
        if job.state is JobState.UNSENT:
            self._unsent[job.id] = job
        self._recent[job.id] = job
        self._recent.move_to_end(job.id)
        while len(self._recent) > RECENT_JOBS:
            self._recent.popitem(last=False)
        flight.done.set()

    async def _new_steps(self, job: Job) -> None:
        await self._ensure_owner()
        job.adopt(await self.library.add_job(job.current))
        await self._send(job)

    async def _resend_steps(self, job: Job) -> None:
        """Send a finished job's request again, as the same job (a retry of what never reached the provider,
        or an asked-for resend)."""
        await self._record(
            job, status=JobState.QUEUED, task_id=None, polling_url=None, submitted_at=None, ready_at=None,
            error_code=None, error=None, progress=None, cost=None, input_mp=None, output_mp=None,
        )
        self._notify(job)
        await self._send(job)

    async def _refetch_steps(self, job: Job) -> None:
        """Follow a task the provider already has (a retry, a resume): poll, download, save."""
        await self._set(job, JobState.PENDING, error_code=None, error=None)
        task = SubmittedTask(job.task_id or "", job.provider, job.polling_url)
        async with self._slot(job):
            status = await self._follow(job, task, poll_now=True)
        await self._fetch_and_save(job, status)

    async def _save_kept_steps(self, job: Job) -> None:
        """Downloaded, not saved: write the kept bytes; without them (or if they do not pass), re-fetch."""
        data = await self.spool.image(job.id)
        if data is not None:
            try:
                record = await self.library.save_result(
                    job.id, data, width=0, height=0, fmt="", ready_at=job.current.ready_at,
                    as_owner=self.owner.token,
                )
            except CorruptImage:
                log.warning("the kept image of job %s is damaged; fetching it again", job.id)
            except (NotOwner, asyncio.CancelledError):
                raise
            except Exception as exc:
                await self._unsaved(job, exc, data, kept=True)
                return
            else:
                await self._saved(job, record)
                return
        if not job.task_id:
            await self._finish(job, JobState.FAILED, "unsaved", job.error or _("The downloaded image was "
                                                                               "lost."))
            return
        await self._refetch_steps(job)

    async def _resume_steps(self, job: Job) -> None:
        """Carry on a job taken over from a gone owner, from where its row says it was."""
        record = job.current
        state = record.status
        if record.task_id is None and state in (JobState.SUBMITTING, JobState.INTERRUPTED):
            noted = await self.spool.task(job.id)  # the id a failing library could not take
            if noted is not None and noted.get("provider", record.provider) == record.provider:
                await self._record(
                    job, status=JobState.PENDING, task_id=noted["task_id"],
                    polling_url=noted.get("polling_url"), submitted_at=noted.get("submitted_at"),
                )
                record, state = job.current, job.current.status
        if state in (JobState.QUEUED, JobState.UNSENT):
            await self._set(job, JobState.QUEUED, error_code=None, error=None)
            await self._send(job)
        elif record.task_id and record.provider != self.provider:
            await self._finish(
                job, JobState.INTERRUPTED, "interrupted",
                _("This job was sent to {provider}; switch back to that provider to fetch "
                  "it.").format(provider=record.provider),
            )
        elif record.task_id or state is JobState.UNSAVED:
            await self._save_kept_steps(job)  # the image an earlier run kept, else fetched again
        elif state is JobState.INTERRUPTED:
            await self._finish(job, JobState.INTERRUPTED, record.error_code, record.error)
        else:  # SUBMITTING without a task id: the POST may have reached the provider
            await self._finish(job, JobState.INTERRUPTED, "interrupted", _(STOPPED_WHILE_SENDING))
        if job.state is not JobState.UNSAVED and job.id not in self._unwritten:
            await self.spool.forget(job.id, on_disk=True)  # what an earlier run kept is in the row now

    async def _send(self, job: Job) -> None:
        """Submit, follow to Ready, download and save. A 429 refusal (nothing charged) shrinks the model's
        window and puts the job back to wait for a place, as a queued job does; after `SEND_PATIENCE` of
        refusals it waits for the next start instead (UNSENT), never failing for it."""
        loop = asyncio.get_running_loop()
        first_refusal: float | None = None
        async with self._slot(job) as slot:
            while True:
                sent = await self._submit(job)
                if sent is None:
                    return
                if isinstance(sent, SubmittedTask):
                    slot.accepted()
                    status = await self._follow(job, sent)
                    break
                now = loop.time()
                first_refusal = now if first_refusal is None else first_refusal
                self._rate_limited(job, sent)
                slot.refused(sent.retry_after)
                if now - first_refusal > SEND_PATIENCE:
                    await self._finish(job, JobState.UNSENT, sent.code, str(sent))
                    return
                await self._set(job, JobState.QUEUED)
                self._retrying(job)(str(sent), sent.retry_after or 0.0)  # says why it waits again
                await slot.again(lambda reason: self._waiting(job, reason))
                job.waiting_for = None
        await self._fetch_and_save(job, status)

    def _rate_limited(self, job: Job, exc: RateLimited) -> None:
        """The provider refused a submit with 429 after the client's own tries (a hook for the limits)."""
        log.info("job %s: the provider refused the submit with 429; trying again later", job.id[:8])

    async def _submit(self, job: Job) -> SubmittedTask | RateLimited | None:
        """The task, or a 429 refusal to try again later, or None when the job ended here."""
        # the request is the one the user made (`wire`: the row keeps no webhook, which is never
        # recorded); one read back from its row (a restart, a retry) or made from another row's (a
        # variation of an edit) names library images by reference: their files are read now
        wire = job.wire_request or job.request
        if has_library_refs(wire.params):
            try:
                wire = await self.library.resolve_inputs(wire)
            except LibraryError as exc:  # nothing was sent: say why, in the library's sentence
                await self._finish(job, JobState.FAILED, exc.code, str(exc))
                return None
        job.wire_request = wire
        await self._set(job, JobState.SUBMITTING, error_code=None, error=None)
        # once the POST may be on the wire, cancelling must not lose the task id it may return
        # the engine's window answers a 429 (see _send), so the client does not retry one by itself
        submit = asyncio.ensure_future(
            self.client.submit(wire, on_retry=self._retrying(job), retry_rate_limited=False)
        )
        try:
            task = await asyncio.shield(submit)
        except asyncio.CancelledError:
            try:
                task = await submit
            except FluxError as exc:
                if exc.reached_provider is not False and isinstance(exc, AMBIGUOUS_SUBMIT):
                    self._maybe_sent[job.id] = exc
            except BaseException:
                pass
            else:
                with contextlib.suppress(Exception):
                    await self._record_task(job, task)
            raise
        except NeverSent as exc:
            # surely never left this computer: nothing was charged, and it is sent again later
            await self._finish(job, JobState.UNSENT, exc.code, str(exc))
            return None
        except RateLimited as exc:
            return exc
        except AMBIGUOUS_SUBMIT as exc:
            if exc.reached_provider is False:
                await self._finish(job, JobState.UNSENT, exc.code, str(exc))
            else:  # the client's sentence says that it may have reached the provider
                await self._finish(job, JobState.INTERRUPTED, exc.code, str(exc))
            return None
        await self._record_task(job, task)
        return task

    async def _record_task(self, job: Job, task: SubmittedTask) -> None:
        """The confirmed task id, first of all; kept in the spool too when the library cannot take it."""
        fields: dict[str, Any] = {
            "status": JobState.PENDING,
            "task_id": task.id,
            "polling_url": task.polling_url,
            "submitted_at": self._clock(),
            "cost": task.cost,
            "input_mp": task.input_mp,
            "output_mp": task.output_mp,
        }
        if not await self._record(job, **fields):
            note = {"task_id": task.id, "polling_url": task.polling_url, "provider": task.provider,
                    "submitted_at": fields["submitted_at"]}
            await self.spool.note_task(job.id, note)
        self._notify(job)

    async def _follow(self, job: Job, task: SubmittedTask, *, poll_now: bool = False) -> TaskStatus:
        """Poll until Ready. Trouble on the way (outages, 5xx, resets, malformed replies) is retried for
        as long as the result may still be fetched: until `link_lifetime` after the last poll that saw
        the task, since it cannot have been Ready before that."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        deadline = self.client.poll.deadline
        last_seen = start
        failures = 0

        def on_status(status: TaskStatus) -> None:
            nonlocal last_seen, failures
            last_seen, failures = loop.time(), 0
            changed = (status.progress != job.progress or status.status != job.provider_status
                       or job.retrying is not None)
            job.progress, job.provider_status, job.retrying = status.progress, status.status, None
            if changed:
                self._notify(job)

        while True:
            try:
                return await self.client.wait_ready(
                    task,
                    on_status=on_status,
                    deadline=max(0.0, deadline - (loop.time() - start)),
                    poll_now=poll_now,
                    on_retry=self._retrying(job),
                    retry_until=last_seen + self.link_lifetime,
                )
            except FluxError as exc:
                now = loop.time()
                if not _transient(exc) or now - start >= deadline:
                    raise
                failures += 1
                wait = max(backoff_delay(self.client.retry, failures, self._rng),
                           getattr(exc, "retry_after", None) or 0.0)
                if now + wait > last_seen + self.link_lifetime:
                    raise
                # the client gave up on a limit set before the last poll that worked: go on
                self._retrying(job)(str(exc), wait)
                await asyncio.sleep(wait)
                poll_now = True

    async def _fetch_and_save(self, job: Job, status: TaskStatus) -> None:
        ready_at = job.current.ready_at or self._clock()
        await self._set(
            job,
            JobState.DOWNLOADING,
            ready_at=ready_at,
            result_prompt=status.result_prompt,
            result_seed=status.result_seed,
        )
        # the link lives `link_lifetime` from Ready: retry while it may still answer
        until = asyncio.get_running_loop().time() + max(0.0, ready_at + self.link_lifetime - self._clock())
        image = await self._download(job, status.sample_url or "", until)
        await self._save(job, image)

    async def _download(self, job: Job, url: str, until: float) -> DownloadedImage:
        """Download and verify; a damaged transfer is fetched again, with backoff, while the link lives."""
        loop = asyncio.get_running_loop()
        failures = 0
        while True:
            try:
                image = await self.client.download(
                    url, expected_size=job.request.size, on_retry=self._retrying(job), retry_until=until
                )
            except CorruptImage as exc:
                failures += 1
                wait = backoff_delay(self.client.retry, failures, self._rng)
                if loop.time() + wait > until:
                    raise
                self._retrying(job)(str(exc), wait)
                await asyncio.sleep(wait)
                continue
            if job.retrying is not None:
                job.retrying = None
                self._notify(job)
            return image

    async def _save(self, job: Job, image: DownloadedImage) -> None:
        try:
            record = await self.library.save_result(
                job.id,
                image.data,
                width=image.width,
                height=image.height,
                fmt=image.format,
                ready_at=job.current.ready_at,
                decoded=True,  # the client decoded every pixel on download; no second full decode
                as_owner=self.owner.token,
            )
        except (NotOwner, CorruptImage, asyncio.CancelledError):
            raise
        except Exception as exc:  # the library cannot write (full disk, permission, locked, damaged)
            await self._unsaved(job, exc, image.data, kept=False)
            return
        await self._saved(job, record)

    async def _saved(self, job: Job, record: GenerationRecord) -> None:
        job.adopt(record)
        # changes an earlier write could not make (the row is DONE now: not its state)
        leftover = self._unwritten.pop(job.id, {})
        leftover = {k: v for k, v in leftover.items() if k not in ("status", "error", "error_code", "owner")}
        if leftover:
            await self._record(job, **leftover)
        job.progress = 1.0
        job.finished_at = self._clock()
        await self.spool.forget(job.id)
        self._notify(job)

    async def _unsaved(self, job: Job, exc: Exception, data: bytes, *, kept: bool) -> None:
        """Downloaded, not saved: keep the bytes (spool on disk, else memory) and say why, in one sentence."""
        if not isinstance(exc, FluxError):
            log.error("job %s: the image could not be saved", job.id, exc_info=exc)
        where = "disk" if kept else await self.spool.keep_image(job.id, data)
        if not where:
            log.warning("job %s: the image could not be kept; a retry fetches it again", job.id)
        reason = str(exc) if isinstance(exc, FluxError) else _("The image could not be written "
                                                               "({exc}).").format(exc=exc)
        code = exc.code if isinstance(exc, FluxError) else "unsaved"
        await self._finish(job, JobState.UNSAVED, code, reason)

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
        ambiguous = self._maybe_sent.pop(job.id, None)
        if ambiguous is not None:  # cancelled while sending, and it may have reached the provider
            state, code, note = JobState.INTERRUPTED, ambiguous.code, str(ambiguous)
        elif job.task_id:
            state, code = JobState.CANCELLED, "cancelled"
            note = _("Cancelled; the provider may still charge for a task it had already started.")
        else:
            state, code, note = JobState.CANCELLED, "cancelled", _("Cancelled.")
        with contextlib.suppress(Exception):
            await asyncio.shield(self._finish(job, state, code, note))

    async def _finish(self, job: Job, state: JobState, code: str | None, message: str | None) -> None:
        """End the job (for now): its state and sentence recorded, and nobody's any more."""
        job.finished_at = self._clock()
        job.waiting_for = job.retrying = None
        try:
            await self._record(job, status=state, error_code=code, error=message, owner=None)
        except NotOwner:
            job.elsewhere = _(TAKEN_OVER)
        finally:
            self._notify(job)

    # ---- helpers -----------------------------------------------------------------------------

    def _retrying(self, job: Job) -> OnRetry:
        """The client's `on_retry`: the job says what it retries through until the next good answer."""

        def announce(reason: str, wait: float) -> None:
            job.retrying = reason
            self._notify(job)

        return announce

    async def _set(self, job: Job, state: JobState, **fields: object) -> None:
        job.retrying = None
        await self._record(job, status=state, **fields)
        self._notify(job)

    async def _record(self, job: Job, **fields: Any) -> bool:
        """Write a change to the job's row as its owner; the job then holds the row the library returns.

        When the library fails, the change still happened (a task id, an ending): the job's row evolves
        in memory so what it shows stays true, the change is written with the next one, and the job goes
        on (returns False). A row another process took over raises `NotOwner`: the job is not ours.
        """
        pending = {**self._unwritten.pop(job.id, {}), **fields}
        try:
            # shielded: a cancel (user or shutdown) must not drop a write already decided, such as the
            # task id of a confirmed submit; the library runs writes in order on its one DB thread
            record = await asyncio.shield(
                self.library.update_job(job.id, as_owner=self.owner.token, **pending)
            )
        except NotOwner:
            raise
        except Exception:
            log.warning("could not record a change of job %s; it is kept for the next write", job.id,
                        exc_info=True)
            job.adopt(job.current.evolve(**fields))
            self._unwritten[job.id] = pending
            return False
        job.adopt(record)
        return True

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
