"""Jobs: submit -> poll -> download -> record; owners, concurrency, retries, cancel, resume.

The names below are loaded when first used (PEP 562): the window imports `engine.rules` and
`engine.job` before it shows, and `engine.engine` (the engine itself, with the client under it) is
not needed until it connects.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fluxdesk.engine.engine import Engine
    from fluxdesk.engine.job import Job, state_text
    from fluxdesk.engine.rules import MaybeSent, RetryAction, RetryPlan, RetryRefused, retry_plan
    from fluxdesk.engine.spool import Spool

_WHERE = {
    "Engine": "engine",
    "Job": "job",
    "state_text": "job",
    "MaybeSent": "rules",
    "RetryAction": "rules",
    "RetryPlan": "rules",
    "RetryRefused": "rules",
    "retry_plan": "rules",
    "Spool": "spool",
}

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


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'fluxdesk.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"fluxdesk.engine.{where}"), name)
    globals()[name] = value
    return value
