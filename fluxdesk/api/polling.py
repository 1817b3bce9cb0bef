"""Reading get_result replies: the status, the progress, and which typed error a terminal status means.

No httpx here: these functions take the decoded JSON, so every rule about statuses
(docs/providers.md, "Task states") can be tested without a socket. Every provider text put into an
error goes through `scrub`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fluxdesk.api.errors import (
    ContentModerated,
    FluxError,
    GenerationFailed,
    InvalidResponse,
    RequestModerated,
    TaskNotFound,
)
from fluxdesk.api.retry import PollPolicy
from fluxdesk.api.types import Status, TaskStatus
from fluxdesk.i18n import _

#: statuses spelled differently by some relays, folded onto the documented spelling
_BY_LOWER = {s.value.lower(): s.value for s in Status}
KNOWN_STATUSES = frozenset(s.value for s in Status)


def normalise_status(value: str) -> str:
    """'ready' or 'Ready ' -> 'Ready'; an unknown status is kept as sent (it still counts as running)."""
    text = value.strip()
    return _BY_LOWER.get(text.lower(), text)


def normalise_progress(value: Any) -> float | None:
    """Progress as 0..1: providers send 0..1, 0..100, or nothing."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    if number != number:  # NaN
        return None
    if number > 1.0:
        number /= 100.0
    return min(max(number, 0.0), 1.0)


def parse_status(task_id: str, data: Any) -> TaskStatus:
    """A get_result reply as a `TaskStatus`; `InvalidResponse` when it lacks what the app needs."""
    if not isinstance(data, Mapping):
        raise InvalidResponse(_("The provider's status reply was not a JSON object."))
    raw_status = data.get("status")
    if not isinstance(raw_status, str) or not raw_status.strip():
        raise InvalidResponse(_("The provider's status reply had no status."))
    status = normalise_status(raw_status)
    result = data.get("result")
    result = dict(result) if isinstance(result, Mapping) else {}
    sample = result.get("sample")
    sample_url = sample if isinstance(sample, str) and sample else None
    if status == Status.READY and sample_url is None:
        raise InvalidResponse(_("The provider said the image is ready but gave no link to it."))
    reply_id = data.get("id")
    return TaskStatus(
        id=str(reply_id) if isinstance(reply_id, str | int) and str(reply_id) else task_id,
        status=status,
        progress=1.0 if status == Status.READY else normalise_progress(data.get("progress")),
        sample_url=sample_url,
        result=result,
        details=data.get("details"),
    )


def details_text(details: Any, scrub: Callable[[str], str], limit: int = 300) -> str:
    """The provider's `details` as one short line (it may be a string, a dict or a list)."""
    if details is None or details == "" or details == {} or details == []:
        return ""
    if isinstance(details, Mapping):
        parts = [f"{k}: {v}" for k, v in details.items() if v not in (None, "", [], {})]
        text = "; ".join(str(p) for p in parts)
    elif isinstance(details, list | tuple):
        text = "; ".join(str(p) for p in details if p not in (None, ""))
    else:
        text = str(details)
    text = " ".join(scrub(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _with_details(sentence: str, text: str) -> str:
    if not text:
        return sentence
    end = "" if text.endswith((".", "!", "?", "…")) else "."
    return f"{sentence[:-1]}: {text}{end}" if sentence.endswith(".") else f"{sentence}: {text}{end}"


def terminal_error(status: TaskStatus, scrub: Callable[[str], str]) -> FluxError | None:
    """The typed error a terminal, non-Ready status means; None while running or when Ready."""
    text = details_text(status.details, scrub)
    details = text or None
    if status.status == Status.REQUEST_MODERATED:
        return RequestModerated(
            _with_details(_("The prompt or input image was refused by moderation (not charged)."), text),
            details=details,
        )
    if status.status == Status.CONTENT_MODERATED:
        return ContentModerated(
            _with_details(_("The generated image was withheld by moderation (not charged)."), text),
            details=details,
        )
    if status.status in (Status.ERROR, Status.FAILED):
        return GenerationFailed(
            _with_details(_("The provider failed to generate the image."), text), details=details
        )
    if status.status == Status.TASK_NOT_FOUND:
        return TaskNotFound(
            _("The provider no longer knows task {task}; it may have aged out.").format(
                task=status.id), details=details
        )
    return None


class PollSchedule:
    """The waits between polls: `interval` until `steady` seconds have passed, then growing by `backoff` up
    to `max_interval`, within a deadline.

    Elapsed time is the larger of the clock and the sum of waits, so an injected fake sleep still
    reaches the deadline in tests.
    """

    def __init__(self, policy: PollPolicy, deadline: float, clock: Callable[[], float]) -> None:
        self._policy = policy
        self.deadline = deadline
        self._clock = clock
        self._start = clock()
        self._waited = 0.0
        self._interval = max(policy.interval, 0.0)

    @property
    def elapsed(self) -> float:
        return max(self._clock() - self._start, self._waited)

    def next_wait(self) -> float | None:
        """The wait before the next poll, or None when the deadline has passed."""
        remaining = self.deadline - self.elapsed
        if remaining <= 0:
            return None
        wait = min(self._interval, remaining)
        if self._waited + wait >= self._policy.steady:
            self._interval = min(self._policy.max_interval, self._interval * max(self._policy.backoff, 1.0))
        self._waited += wait
        return wait
