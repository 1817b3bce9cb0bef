"""The retry loop: run one HTTP exchange until it succeeds, may not be retried, or time runs out.

No httpx here: an attempt raises `Failed` (a typed error plus what is known about the try), and the
loop decides whether to try again. `retry.py` says how long to wait; this module says whether:

- a submit (not idempotent) is tried again only when it surely never left (`unsent`) or was refused
  with 429; anything else might have created a task and been charged;
- a poll, a download or a balance query is tried again on any transient failure, a malformed reply
  included (a 200 with an HTML page or broken JSON is the network's fault, not the task's);
- by default the tries are counted (`RetryPolicy.attempts`); with `retry_until` (a time on the running
  loop's clock) they go on until then instead, which is how a confirmed task is followed while its
  delivery link lives. A server's Retry-After (header or body) is a floor for the wait.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from fluxdesk.api.errors import FluxError, RateLimited
from fluxdesk.api.retry import RetryPolicy, backoff_delay, retry_wait

log = logging.getLogger("fluxdesk.api.client")

T = TypeVar("T")

#: called before each wait with the reason (one plain sentence) and the wait in seconds
OnRetry = Callable[[str, float], None]


class Failed(Exception):
    """A try that failed with `error`.

    `unsent`: the request surely never reached the server. `transient`: worth trying again even though
    the error itself is not retryable in general (a malformed reply to a GET). `retry_after`: the
    server's own pause, in seconds.
    """

    def __init__(
        self,
        error: FluxError,
        *,
        unsent: bool = False,
        transient: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.unsent = unsent
        self.transient = transient
        self.retry_after = retry_after


class RetryLoop:
    """The loop, with its policy and injected time (`sleep`, `clock`) so tests run without waiting."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        sleep: Callable[[float], Awaitable[None]],
        clock: Callable[[], float],
        rng: random.Random,
    ) -> None:
        self.policy = policy
        self._sleep = sleep
        self._clock = clock
        self._rng = rng

    def may_retry(self, failed: Failed, *, idempotent: bool, retry_rate_limited: bool = True) -> bool:
        error = failed.error
        if not (error.retryable or failed.transient):
            return False
        if isinstance(error, RateLimited):
            return retry_rate_limited
        return idempotent or failed.unsent

    def _wait(self, failures: int, failed: Failed, now: float, retry_until: float | None) -> float | None:
        """The wait before the next try, or None to give up now."""
        if retry_until is None:
            if failures >= self.policy.attempts:
                return None
            # a Retry-After beyond the policy is not waited out here: the caller decides
            return retry_wait(self.policy, failures, self._rng, failed.retry_after)
        wait = backoff_delay(self.policy, failures, self._rng)
        if failed.retry_after is not None:
            wait = max(wait, failed.retry_after)
        return wait if now + wait <= retry_until else None

    async def run(
        self,
        attempt: Callable[[], Awaitable[T]],
        *,
        idempotent: bool,
        what: str,
        on_retry: OnRetry | None = None,
        retry_until: float | None = None,
        retry_rate_limited: bool = True,
    ) -> T:
        """`retry_rate_limited=False`: a 429 is raised at once, for a caller that paces itself."""
        failures = 0
        start = self._clock()
        waited = 0.0
        while True:
            try:
                return await attempt()
            except Failed as failed:
                failures += 1
                if not self.may_retry(failed, idempotent=idempotent, retry_rate_limited=retry_rate_limited):
                    raise failed.error from None
                # the larger of the clock and the waits so far, so an injected fake sleep still ends
                now = max(self._clock(), start + waited)
                wait = self._wait(failures, failed, now, retry_until)
                if wait is None:
                    raise failed.error from None
                log.debug("%s failed (%s); try %d in %.2f s", what, failed.error.code, failures + 1, wait)
                if on_retry is not None:
                    try:
                        on_retry(str(failed.error), wait)
                    except Exception:  # a listener's bug must not end a paid task's retries
                        log.exception("on_retry callback failed")
                waited += wait
                await self._sleep(wait)
