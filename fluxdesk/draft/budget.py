"""The money rules for a batch, one place for both fronts: checked before anything is sent.

- a daily budget refuses a batch that would take today's spend (what the provider reported charging,
  from the library, plus what is queued and not yet charged) plus the batch's estimate over it;
- "ask before a batch over X credits" asks the user first (the window asks without blocking; the
  command line has `--max-cost` instead, which refuses);
- `--max-cost` refuses a batch whose estimate is over it, or whose price is not known at all.

The amounts are BFL credits (1 credit = 1 US cent), the unit of `api.pricing`'s estimates. Where no
price is known (CometAPI sets its own), the budget cannot be checked and says so rather than refusing.
Each refusal is one sentence ending in "nothing was sent".
"""

from __future__ import annotations

import datetime as _dt
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from fluxdesk.api.pricing import Estimate, estimate
from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import _, ngettext


def batch_estimate(requests: Sequence[GenerationRequest], provider: str) -> Estimate:
    """The estimate of a batch. A draft's batch differs only by seed, so its first request is priced once
    for all (reading the input images' sizes once, not once per image: the window redoes this on every
    change of model, parameters, batch or inputs)."""
    if not requests:
        return estimate([], provider)
    first = requests[0]

    def unseeded(r: GenerationRequest) -> dict[str, object]:
        return {k: v for k, v in r.params.items() if k != "seed"}

    base = unseeded(first)
    same = all(r.model == first.model and unseeded(r) == base for r in requests[1:])
    if not same:
        return estimate(requests, provider)
    one = estimate([first], provider)
    return Estimate(provider=provider, per_request=one.per_request * len(requests), notes=one.notes)


def credits_text(amount: float) -> str:
    """12 -> '12', 2.5 -> '2.5', 7.456 -> '7.46'."""
    return f"{round(amount, 2):g}"


def _positive(value: object) -> float | None:
    """A limit from settings or a flag: a positive finite number, else None (no limit)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


@dataclass(frozen=True)
class SpendLimits:
    """None: no such limit. `ask_above` and `daily` come from Settings, `max_cost` from one command."""

    ask_above: float | None = None
    daily: float | None = None
    max_cost: float | None = None

    @classmethod
    def of(cls, *, ask_above: object = None, daily: object = None, max_cost: object = None) -> SpendLimits:
        """From settings values (0, empty or nonsense: no limit)."""
        return cls(_positive(ask_above), _positive(daily), _positive(max_cost))


@dataclass(frozen=True)
class BatchCheck:
    """What the rules say about one batch. `refusal`: one sentence, the batch must not be sent.
    `question`: one sentence to ask the user before sending. `notes`: worth saying, never blocking."""

    estimate: Estimate
    refusal: str | None = None
    question: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def _amount(estimate: Estimate) -> str:
    credits = estimate.credits
    if credits is not None:
        return _("about {value} credits").format(value=credits_text(credits))
    return _("at least {value} credits").format(value=credits_text(estimate.known))


def check_batch(estimate: Estimate, limits: SpendLimits, *, spent_today: float = 0.0) -> BatchCheck:
    """The rules for a batch estimated at `estimate`, with `spent_today` credits spent (or queued) today."""
    notes: list[str] = []
    known = estimate.known
    priced = estimate.credits is not None or known > 0
    if limits.max_cost is not None:
        if estimate.credits is None and not known:
            return BatchCheck(estimate, refusal=(
                _("No price is known for this batch, so --max-cost cannot be checked; nothing was sent.")))
        if known > limits.max_cost + 1e-9 or estimate.credits is None:
            reason = _("over") if known > limits.max_cost + 1e-9 else _("not surely under")
            return BatchCheck(estimate, refusal=(
                _("This batch would cost {value}, {reason} the {value2} credits of --max-cost; nothing was "
                  "sent.").format(
                    value=_amount(estimate), reason=reason, value2=credits_text(limits.max_cost))))
    if limits.daily is not None:
        if not priced:
            notes.append(_("No price is known for this batch, so the daily budget cannot be checked."))
        elif spent_today + known > limits.daily + 1e-9:
            after = spent_today + known
            return BatchCheck(estimate, refusal=(
                _("This batch ({cost}) would take today's spend from {spent} to {after} credits, over the "
                  "daily budget of {budget}; nothing was sent.").format(
                    cost=_amount(estimate), spent=credits_text(spent_today), after=credits_text(after),
                    budget=credits_text(limits.daily))))
    question = None
    if limits.ask_above is not None and priced and known > limits.ask_above + 1e-9:
        usd = f" (${known / 100:.2f})" if estimate.usd is not None else ""
        count = len(estimate.per_request)
        question = ngettext("This image will cost {value}{usd}, an estimate. Send it?",
                            "These {n} images will cost {value}{usd}, an estimate. Send them?",
                            count).format(n=count, value=_amount(estimate), usd=usd)
    return BatchCheck(estimate, question=question, notes=tuple(notes))


def day_start(now: float | None = None) -> float:
    """Local midnight of today (of `now`), as a timestamp: where "today's spend" begins."""
    moment = _dt.datetime.fromtimestamp(time.time() if now is None else now)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def month_start(now: float | None = None) -> float:
    """Local midnight of the first of this month."""
    moment = _dt.datetime.fromtimestamp(time.time() if now is None else now)
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0).timestamp()
