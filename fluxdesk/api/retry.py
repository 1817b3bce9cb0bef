"""Retry arithmetic: how long to wait before trying an HTTP call again.

Kept free of httpx so the rules can be read and tested on their own; `client.py` decides *whether*
a call may be retried (a submit that may have reached the server never is), this module decides *how long*.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

#: a delivery link lives about ten minutes from Ready: how long a download is worth retrying
LINK_LIFETIME = 600.0


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter. `attempts` counts every try, the first included
    (when a call is given `retry_until`, the time bounds the tries instead of `attempts`)."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 20.0
    jitter: float = 0.5  # fraction of a delay that may be shaved off at random, so clients do not stampede


@dataclass(frozen=True)
class PollPolicy:
    """Poll every `interval` seconds for the first `steady` seconds, then growing gently by `backoff` up
    to `max_interval`, for `deadline` s.

    Many tasks are ready within a few seconds (BFL's own examples poll every 0.5 s), and a task found
    ready half an interval late is half an interval lost; some take ~100 s, hence the backoff after the
    steady start and a deadline of minutes, not seconds.
    """

    interval: float = 0.5
    max_interval: float = 2.0
    backoff: float = 1.15
    deadline: float = 600.0
    steady: float = 2.0


def backoff_delay(policy: RetryPolicy, failures: int, rng: random.Random) -> float:
    """The wait after the `failures`-th failed try: base * 2**(failures-1), capped, minus some jitter.

    Jitter only shortens a delay, so `max_delay` is a true bound and the growth stays exponential.
    """
    exponent = min(max(failures - 1, 0), 32)  # no float overflow however many tries
    delay = min(policy.max_delay, policy.base_delay * (2.0**exponent))
    jitter = min(max(policy.jitter, 0.0), 1.0)
    return max(0.0, delay * (1.0 - jitter * rng.random()))


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date; None when unreadable."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN or infinite
        return None
    return max(0.0, seconds)


def retry_wait(
    policy: RetryPolicy, failures: int, rng: random.Random, retry_after: float | None
) -> float | None:
    """How long to wait before the next try, or None when the server asks for longer than `max_delay`.

    A server's Retry-After is a floor (waiting less only earns another refusal); one longer than the
    policy allows is not waited out here, so the caller can fail now and let the user or engine decide.
    """
    delay = backoff_delay(policy, failures, rng)
    if retry_after is None:
        return delay
    if retry_after > policy.max_delay:
        return None
    return max(delay, retry_after)
