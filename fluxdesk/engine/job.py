"""A job as the engine and its listeners see it: one generation from queued to saved.

A `Job` is a view of the generation's library row (`GenerationRecord`), never a second copy of it:
every state change is written to the library first and the row it returns replaces the job's. The
job itself only holds what is never stored: the provider's last progress and status string, why it
waits for a slot, what trouble it is retrying through, whether another process drives it, and when it
ended.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import _
from fluxdesk.library.records import GenerationRecord, JobState


class Job:
    def __init__(self, record: GenerationRecord, *, clock: Callable[[], float] = time.time) -> None:
        self._record = record
        self._clock = clock
        self.progress: float | None = None  # 0..1 as the provider last said
        #: the provider's last status string ("Pending", "Reasoning"...)
        self.provider_status: str | None = None
        #: one sentence while the job waits for a free slot (a cap on running tasks), else None
        self.waiting_for: str | None = None
        #: one sentence while the engine retries through trouble (an outage, a damaged download), else None
        self.retrying: str | None = None
        #: one sentence when another fluxdesk process drives this job (this one leaves it alone), else None
        self.elsewhere: str | None = None
        self.finished_at: float | None = None
        #: the request as the user made it, for the submit: the row drops what is never recorded
        #: (webhook fields), so a job sent from this process sends this one; after a restart, the row's
        self.wire_request: GenerationRequest | None = None
        if record.status.is_final:
            self.finished_at = record.saved_at or record.ready_at or record.submitted_at

    def adopt(self, record: GenerationRecord) -> None:
        """The engine's: the job's row as the library (or, when the library fails, the engine) now has it."""
        if record.id != self._record.id:
            raise ValueError(f"record {record.id} is not job {self._record.id}")
        self._record = record

    # -- the row ------------------------------------------------------------------------------------

    @property
    def current(self) -> GenerationRecord:
        """The job's row as last recorded, whatever its state."""
        return self._record

    @property
    def record(self) -> GenerationRecord | None:
        """The saved generation, once DONE (None before)."""
        return self._record if self._record.status is JobState.DONE else None

    @property
    def id(self) -> str:
        return self._record.id

    @property
    def request(self) -> GenerationRequest:
        return self._record.request

    @property
    def provider(self) -> str:
        return self._record.provider

    @property
    def state(self) -> JobState:
        return self._record.status

    @property
    def task_id(self) -> str | None:
        return self._record.task_id

    @property
    def polling_url(self) -> str | None:
        return self._record.polling_url

    @property
    def error(self) -> str | None:
        """One plain sentence, when the job did not end with an image."""
        return self._record.error

    @property
    def error_code(self) -> str | None:
        return self._record.error_code

    @property
    def created_at(self) -> float:
        return self._record.created_at

    @property
    def started_at(self) -> float | None:
        """When the provider confirmed the submit."""
        return self._record.submitted_at

    # -- derived ------------------------------------------------------------------------------------

    @property
    def elapsed(self) -> float:
        end = self.finished_at if self.finished_at is not None else self._clock()
        return max(0.0, end - self.created_at)

    @property
    def generating(self) -> float | None:
        """Seconds the provider has been making the image: from its confirmation of the submit to the
        job's end (or now). None before: a job waiting for a free slot, or being sent, is not generating."""
        start = self.started_at
        if start is None:
            return None
        end = self.finished_at if self.finished_at is not None else self._clock()
        return max(0.0, end - start)

    @property
    def is_final(self) -> bool:
        return self.state.is_final

    @property
    def can_refetch(self) -> bool:
        """The provider has the task: a retry fetches it again instead of paying for a new one."""
        return self.task_id is not None and self.is_final and self.state is not JobState.DONE

    def __repr__(self) -> str:
        return f"Job({self.id[:8]}, {self.request.model}, {self.state.value})"


def state_text(job: Any) -> str:
    """A job's state in plain words, for every front: its label, progress, why it waits, what it retries
    through, who else drives it, or why it ended without an image. (Duck-typed: views' stand-ins work.)"""
    state: JobState = job.state
    text = state.label
    elsewhere = getattr(job, "elsewhere", None)
    if elsewhere:
        return f"{text}: {elsewhere}"
    progress = getattr(job, "progress", None)
    if state is JobState.PENDING and progress is not None:
        text = f"{text} {round(progress * 100 if progress <= 1 else progress)}%"
    if state.is_final:
        if job.error and state is not JobState.DONE and state is not JobState.CANCELLED:
            text = f"{text}: {job.error}"
        return text
    retrying = getattr(job, "retrying", None)
    waiting = getattr(job, "waiting_for", None)
    if retrying:
        text = _("{text}, retrying: {retrying}").format(text=text, retrying=retrying)
    elif waiting:
        text = _("{state}: waiting, {why}").format(state=text, why=waiting[0].lower() + waiting[1:])
    return text
