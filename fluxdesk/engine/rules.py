"""The one rule for trying a job again, used by the window's Retry and `fluxdesk retry` alike.

- A job whose task the provider confirmed is fetched again (polled, downloaded), never sent again.
- A job whose image was downloaded but not written is written again (from the spool), else re-fetched.
- A job that surely never reached the provider, or that the provider refused (moderation, an invalid
  request, a wrong key, no credits), is sent again: that costs at most the one image it never had.
- A job whose submit may have reached the provider (interrupted) is sent again only when asked, after
  saying that it may be billed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fluxdesk.api.errors import FluxError
from fluxdesk.i18n import N_, _
from fluxdesk.library.records import GenerationRecord, JobState


class RetryAction(StrEnum):
    REFETCH = "refetch"  # the provider has the task: poll and download it again
    SAVE = "save"  # downloaded, not saved: write the kept bytes, else re-fetch
    SEND = "send"  # never reached the provider, or refused by it: send it (once)
    RESEND = "resend"  # may have reached the provider: send again only when asked (may bill twice)
    NONE = "none"  # nothing to retry


#: data (N_): said with _() where used
MAY_BILL_TWICE = N_("It may have reached the provider, so sending it again may bill it twice.")


@dataclass(frozen=True)
class RetryPlan:
    action: RetryAction
    reason: str = ""  # one sentence: why nothing is done, or the warning of a resend

    @property
    def possible(self) -> bool:
        return self.action is not RetryAction.NONE


class RetryRefused(FluxError):
    """A retry the rule does not allow (or, for `MaybeSent`, allows only when asked)."""

    code = "retry_refused"
    reached_provider = False


class MaybeSent(RetryRefused):
    """The job may have reached the provider: `retry(..., resend=True)` sends it anyway."""

    code = "maybe_sent"


def retry_plan(record: GenerationRecord, provider: str) -> RetryPlan:
    """What a retry of `record` does with the engine of `provider` (a pure function of the row)."""
    state = record.status
    if state is JobState.DONE:
        return RetryPlan(RetryAction.NONE, _("This image is saved already."))
    if not state.is_final:
        return RetryPlan(RetryAction.NONE, _("This job is still running."))
    if record.task_id and record.provider != provider:
        return RetryPlan(
            RetryAction.NONE,
            _("This job was sent to {provider}; switch back to that provider to fetch "
              "it.").format(provider=record.provider),
        )
    if state is JobState.UNSAVED:
        return RetryPlan(RetryAction.SAVE)
    if record.task_id:
        return RetryPlan(RetryAction.REFETCH)
    if state is JobState.INTERRUPTED:
        return RetryPlan(RetryAction.RESEND, _(MAY_BILL_TWICE))
    return RetryPlan(RetryAction.SEND)


#: what `fluxdesk retry --all` picks: jobs that can still come to an image without the user deciding
#: again (not cancelled, moderated or expired on purpose or by the provider's word)
RETRY_ALL_STATES = frozenset({JobState.FAILED, JobState.INTERRUPTED, JobState.UNSENT, JobState.UNSAVED})
