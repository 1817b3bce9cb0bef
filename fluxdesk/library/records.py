"""What the library records: one row per job, from queued to saved (or to why it was not)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import N_, _


class JobState(StrEnum):
    QUEUED = "queued"  # recorded, not yet sent
    SUBMITTING = "submitting"  # the POST is on its way: it may or may not have reached the provider
    PENDING = "pending"  # the provider has the task (task_id known)
    DOWNLOADING = "downloading"  # Ready: fetching the image
    DONE = "done"  # the file is written, verified and recorded
    MODERATED = "moderated"  # refused by moderation (not charged)
    FAILED = "failed"
    EXPIRED = "expired"  # Ready, but the link died before it could be fetched
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"  # the submit may have reached the provider; never resent by itself
    UNSENT = "unsent"  # surely never reached the provider (nothing charged): sent at the next start
    UNSAVED = "unsaved"  # downloaded, but the image could not be written: saved by retry or resume

    @property
    def is_final(self) -> bool:
        """No engine works on a job in this state by itself (until a retry or a resume)."""
        return self in _FINAL

    @property
    def is_active(self) -> bool:
        return not self.is_final

    @property
    def is_resumable(self) -> bool:
        """What a resume picks up once the job's owner is gone: work in flight, plus what was never sent
        and what was downloaded but not saved (both cost nothing more to finish)."""
        return self.is_active or self in (JobState.UNSENT, JobState.UNSAVED)

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_FINAL = frozenset(
    {
        JobState.DONE,
        JobState.MODERATED,
        JobState.FAILED,
        JobState.EXPIRED,
        JobState.CANCELLED,
        JobState.INTERRUPTED,
        JobState.UNSENT,
        JobState.UNSAVED,
    }
)
_LABELS = {
    JobState.QUEUED: N_("Queued"),
    JobState.SUBMITTING: N_("Submitting"),
    JobState.PENDING: N_("Pending"),
    JobState.DOWNLOADING: N_("Downloading"),
    JobState.DONE: N_("Done"),
    JobState.MODERATED: N_("Moderated"),
    JobState.FAILED: N_("Failed"),
    JobState.EXPIRED: N_("Expired"),
    JobState.CANCELLED: N_("Cancelled"),
    JobState.INTERRUPTED: N_("Interrupted"),
    JobState.UNSENT: N_("Not sent"),
    JobState.UNSAVED: N_("Downloaded, not saved"),
}


@dataclass(frozen=True)
class GenerationRecord:
    id: str  # the job id (uuid4 hex), fluxdesk's own
    provider: str
    model: str
    request: GenerationRequest
    status: JobState = JobState.QUEUED
    task_id: str | None = None  # the provider's id, once the submit was confirmed
    polling_url: str | None = None
    error_code: str | None = None
    error: str | None = None  # one plain sentence
    created_at: float = 0.0
    submitted_at: float | None = None
    ready_at: float | None = None
    saved_at: float | None = None
    file: str | None = None  # relative to the library's images dir
    width: int | None = None
    height: int | None = None
    format: str | None = None  # "png" | "jpeg" | "webp"
    bytes: int | None = None
    sha256: str | None = None
    favorite: bool = False
    deleted_at: float | None = None
    progress: float | None = None
    # what the provider reported: the charge in credits, megapixels in and out (its submit reply), and
    # the prompt and seed it actually used (its Ready reply; FLUX.2 and upsampling rewrite prompts)
    cost: float | None = None
    input_mp: float | None = None
    output_mp: float | None = None
    result_prompt: str | None = None
    result_seed: int | None = None
    # the token of the process driving the job (`library.owners`); None when no process does
    owner: str | None = None
    # the library ids of the images it was made from, in input order (an edit's input image, then its
    # references; the mask is no parent): kept in the `lineage` table, loaded with every record
    parents: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # other provider fields

    @property
    def prompt(self) -> str:
        return self.request.prompt

    @property
    def seed(self) -> int | None:
        return self.request.seed

    @property
    def rewritten_prompt(self) -> str | None:
        """The provider's prompt when it differs from the user's (None when it used the user's own)."""
        if self.result_prompt is None or self.result_prompt.strip() == self.prompt.strip():
            return None
        return self.result_prompt

    @property
    def provider_seed(self) -> int | None:
        """The seed the provider reports when it differs from the one sent (Kontext's 0 = random)."""
        if self.result_seed is None or self.result_seed == self.seed:
            return None
        return self.result_seed

    @property
    def duration(self) -> float | None:
        """Seconds from the confirmed submit to Ready: what the provider took."""
        if self.submitted_at is None or self.ready_at is None:
            return None
        return max(0.0, self.ready_at - self.submitted_at)

    @property
    def is_trashed(self) -> bool:
        return self.deleted_at is not None

    def evolve(self, **changes: Any) -> GenerationRecord:
        return replace(self, **changes)

    @classmethod
    def from_fields(cls, values: dict[str, Any]) -> GenerationRecord:
        """The record with these values, one for every field (a row of the library has them all); its
        request may be a `StoredRequest`, decoded when first read.

        The same record as `GenerationRecord(**values)`, made without the generated __init__: a frozen
        dataclass sets each of its 33 fields with object.__setattr__, which was a third of what a
        gallery page of 200 records cost to build. The class has no __post_init__ to miss (a test
        keeps it so); a missing or unknown field raises TypeError, as __init__ would.
        """
        if values.keys() != _FIELD_NAMES:
            missing = sorted(_FIELD_NAMES - values.keys())
            unknown = sorted(values.keys() - _FIELD_NAMES)
            raise TypeError(f"GenerationRecord fields: missing {missing}, unknown {unknown}")
        record = object.__new__(cls)
        record.__dict__.update(values)
        return record


_FIELD_NAMES = frozenset(f.name for f in fields(GenerationRecord))


@dataclass(frozen=True)
class StoredRequest:
    """A request as the library keeps it (`GenerationRequest.to_json`), not decoded yet: what a record
    read from the library holds in `request` until that is first read (`_DecodedOnRead`)."""

    json: str


class _DecodedOnRead:
    """`GenerationRecord.request`: a `StoredRequest` placed there (by `from_fields`) is decoded the first
    time the field is read, and the request kept in its place. Decoding is most of what building a record
    from a row costs, and a gallery page builds 200 records whose requests it never reads (it shows
    images, favorites and states); the details, a re-use or an export read the one they need.

    A data descriptor installed on the class after @dataclass made it, so that the field stays what it
    is for the dataclass, its __init__ and type checkers: a `GenerationRequest`, stored in the instance's
    __dict__ under its own name. Frozen still holds: __setattr__ refuses before this is asked.
    """

    def __get__(self, record: GenerationRecord | None, owner: type | None = None) -> Any:
        if record is None:
            return self
        value = record.__dict__["request"]
        if isinstance(value, StoredRequest):
            value = GenerationRequest.from_json(value.json)
            record.__dict__["request"] = value
        return value

    def __set__(self, record: GenerationRecord, value: GenerationRequest | StoredRequest) -> None:
        record.__dict__["request"] = value


setattr(GenerationRecord, "request", _DecodedOnRead())  # noqa: B010  (see _DecodedOnRead)
