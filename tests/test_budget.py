"""The money rules (draft/budget.py) and the spend they read from the library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fluxdesk.api.catalog import BFL, COMETAPI, default_catalog
from fluxdesk.api.pricing import estimate
from fluxdesk.api.request import build_request
from fluxdesk.draft.budget import SpendLimits, check_batch, day_start, month_start
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState


def pro_batch(count: int) -> list:
    cat = default_catalog()
    return [build_request(cat, "flux-pro-1.1", "a kite", {"seed": i}) for i in range(count)]


def test_a_batch_over_the_daily_budget_is_refused_in_one_sentence() -> None:
    batch = estimate(pro_batch(4), BFL)  # 4 x 4 credits
    check = check_batch(batch, SpendLimits.of(daily=100), spent_today=90)
    assert not check.allowed
    assert check.refusal == (
        "This batch (about 16 credits) would take today's spend from 90 to 106 credits, over the daily "
        "budget of 100; nothing was sent."
    )
    assert check_batch(batch, SpendLimits.of(daily=100), spent_today=84).allowed  # 100 exactly is fine


def test_ask_before_a_batch_over_the_threshold() -> None:
    batch = estimate(pro_batch(4), BFL)
    check = check_batch(batch, SpendLimits.of(ask_above=10))
    assert check.allowed and check.question == (
        "These 4 images will cost about 16 credits ($0.16), an estimate. Send them?"
    )
    assert check_batch(batch, SpendLimits.of(ask_above=16)).question is None
    one = check_batch(estimate(pro_batch(1), BFL), SpendLimits.of(ask_above=1))
    assert one.question == "This image will cost about 4 credits ($0.04), an estimate. Send it?"


def test_max_cost_refuses_a_batch_over_it_or_with_no_known_price() -> None:
    batch = estimate(pro_batch(3), BFL)
    assert check_batch(batch, SpendLimits.of(max_cost=12)).allowed
    over = check_batch(batch, SpendLimits.of(max_cost=10))
    assert over.refusal == (
        "This batch would cost about 12 credits, over the 10 credits of --max-cost; nothing was sent."
    )
    unknown = check_batch(estimate(pro_batch(3), COMETAPI), SpendLimits.of(max_cost=100))
    assert unknown.refusal == (
        "No price is known for this batch, so --max-cost cannot be checked; nothing was sent."
    )


def test_where_no_price_is_known_the_budget_says_so_and_does_not_refuse() -> None:
    check = check_batch(estimate(pro_batch(2), COMETAPI), SpendLimits.of(daily=1, ask_above=1), spent_today=5)
    assert check.allowed and check.question is None
    assert check.notes == ("No price is known for this batch, so the daily budget cannot be checked.",)


@pytest.mark.parametrize("value", [0, -3, "", "abc", None, float("nan"), float("inf"), True])
def test_no_limit_for_zero_empty_or_nonsense(value: object) -> None:
    assert SpendLimits.of(ask_above=value, daily=value, max_cost=value) == SpendLimits()


def test_today_and_this_month_start_at_local_midnight() -> None:
    now = dt.datetime(2025, 3, 14, 15, 9, 26).timestamp()
    assert dt.datetime.fromtimestamp(day_start(now)) == dt.datetime(2025, 3, 14)
    assert dt.datetime.fromtimestamp(month_start(now)) == dt.datetime(2025, 3, 1)


@pytest.mark.asyncio
async def test_the_library_spend_counts_reported_costs_since_a_time(tmp_path: Path) -> None:
    cat = default_catalog()
    request = build_request(cat, "flux-pro-1.1", "a kite", {"seed": 1})
    library = await Library.open(tmp_path / "lib")
    try:
        rows = [
            ("old", 100.0, 4.0, JobState.DONE),
            ("a", 2000.0, 4.0, JobState.DONE),
            ("b", 2001.0, 2.5, JobState.PENDING),  # charged at submit, still running
            ("c", 2002.0, 6.0, JobState.MODERATED),  # not charged
            ("d", 2003.0, None, JobState.DONE),  # the provider said nothing (CometAPI)
        ]
        for rid, created, cost, status in rows:
            await library.add_job(GenerationRecord(id=rid, provider=BFL, model=request.model, request=request,
                                                   created_at=created))
            await library.update_job(rid, status=status, cost=cost)
        await library.trash(["a"])  # money spent stays spent
        assert await library.spend(1000.0) == 6.5
        assert await library.spend(0.0) == 10.5
        assert await library.spend(3000.0) == 0.0
    finally:
        await library.close()


def test_a_batch_is_priced_from_its_first_request_with_the_same_result() -> None:
    from sim_helpers import png_b64

    from fluxdesk.draft.budget import batch_estimate

    cat = default_catalog()
    image = png_b64((1024, 1024))
    batch = [build_request(cat, "flux-2-pro", "a kite", {"seed": i, "input_image": image}) for i in range(5)]
    assert batch_estimate(batch, BFL) == estimate(batch, BFL)  # 3 + 1.5 for the input, each
    assert batch_estimate(batch, BFL).credits == 22.5
    mixed = [*batch[:2], build_request(cat, "flux-pro-1.1", "a kite", {"seed": 9})]
    assert batch_estimate(mixed, BFL) == estimate(mixed, BFL)
