"""Plain values that cross the client's boundary (no httpx types ever leave `fluxdesk.api.client`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """get_result statuses. Unknown strings are kept as text and count as still running."""

    PENDING = "Pending"
    READY = "Ready"
    REQUEST_MODERATED = "Request Moderated"
    CONTENT_MODERATED = "Content Moderated"
    ERROR = "Error"
    FAILED = "Failed"
    TASK_NOT_FOUND = "Task not found"


TERMINAL_STATUSES = frozenset(
    {Status.READY, Status.REQUEST_MODERATED, Status.CONTENT_MODERATED, Status.ERROR, Status.FAILED,
     Status.TASK_NOT_FOUND}
)


@dataclass(frozen=True)
class SubmittedTask:
    """What the provider said when it accepted a task. Enough to poll it again after a restart.

    `polling_url` None (a webhook reply, CometAPI's {"id", "status"}) means: poll by id on the API host.
    `cost` (credits), `input_mp` and `output_mp` are what BFL says it charged and measured; None when
    the provider did not say (CometAPI).
    """

    id: str
    provider: str
    polling_url: str | None = None  # BFL: used as is (checked against allowed hosts); CometAPI: ignored
    cost: float | None = None
    input_mp: float | None = None
    output_mp: float | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class TaskStatus:
    id: str
    status: str  # a Status value, or a newer string the provider invented
    progress: float | None = None  # 0..1 when the provider says
    sample_url: str | None = None  # on Ready: the short-lived delivery link
    result: dict[str, Any] = field(default_factory=dict, repr=False)  # prompt, seed, start/end time...
    details: Any = None

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == Status.READY

    @property
    def result_prompt(self) -> str | None:
        """The prompt the provider actually used (FLUX.2 and prompt upsampling rewrite prompts)."""
        prompt = self.result.get("prompt")
        return prompt if isinstance(prompt, str) else None

    @property
    def result_seed(self) -> int | None:
        """The seed the provider actually used (a Kontext seed of 0 asked it to pick one)."""
        seed = self.result.get("seed")
        if isinstance(seed, bool):
            return None
        if isinstance(seed, int):
            return seed
        if isinstance(seed, float) and seed.is_integer():
            return int(seed)
        if isinstance(seed, str) and seed.strip().isdigit():
            return int(seed.strip())
        return None


@dataclass(frozen=True)
class DownloadedImage:
    """The delivered bytes, unchanged, and what Pillow read from them."""

    data: bytes = field(repr=False)
    width: int
    height: int
    format: str  # "png" | "jpeg" | "webp"
    content_type: str | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


@dataclass(frozen=True)
class Credits:
    """An account balance in the provider's credits (BFL: one credit is one US cent)."""

    credits: float

    @property
    def usd(self) -> float:
        return self.credits / 100.0
