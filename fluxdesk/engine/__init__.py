"""Jobs: submit -> poll -> download -> record; owners, concurrency, retries, cancel, resume."""

from fluxdesk.engine.engine import Engine
from fluxdesk.engine.job import Job, state_text
from fluxdesk.engine.rules import MaybeSent, RetryAction, RetryPlan, RetryRefused, retry_plan
from fluxdesk.engine.spool import Spool

__all__ = [
    "Engine",
    "Job",
    "MaybeSent",
    "RetryAction",
    "RetryPlan",
    "RetryRefused",
    "Spool",
    "retry_plan",
    "state_text",
]
