"""A job as the engine and its listeners see it: one generation from queued to saved."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.records import GenerationRecord, JobState


@dataclass(eq=False)
class Job:
    id: str
    request: GenerationRequest
    provider: str
    state: JobState = JobState.QUEUED
    progress: float | None = None
    task_id: str | None = None
    polling_url: str | None = None
    error: str | None = None  # one plain sentence
    error_code: str | None = None
    created_at: float = field(default_factory=time.time)
    started_at: float | None = None  # submit confirmed
    finished_at: float | None = None
    record: GenerationRecord | None = None  # the saved generation, once DONE
    provider_status: str | None = None  # the provider's last status string ("Pending", "Reasoning"...)

    @property
    def elapsed(self) -> float:
        end = self.finished_at if self.finished_at is not None else time.time()
        return max(0.0, end - self.created_at)

    @property
    def is_final(self) -> bool:
        return self.state.is_final

    @property
    def can_refetch(self) -> bool:
        """The provider has the task: a retry can fetch it again instead of paying for a new one."""
        return self.task_id is not None and self.state in {JobState.FAILED, JobState.INTERRUPTED}
