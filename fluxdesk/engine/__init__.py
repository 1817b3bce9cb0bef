"""Jobs: submit -> poll -> download -> record; concurrency, retries, cancel, resume."""

from fluxdesk.engine.engine import Engine
from fluxdesk.engine.job import Job

__all__ = ["Engine", "Job"]
