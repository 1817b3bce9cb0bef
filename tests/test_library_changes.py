"""Placement (where a row is in a query's results, by the library's one rule) and change announcements."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_fakes import until
from library_helpers import image_bytes, make_record

from fluxdesk.library.changes import RecordChange
from fluxdesk.library.library import Library
from fluxdesk.library.query import SORT_KEYS, SORTS, HistoryQuery, order_clause
from fluxdesk.library.records import JobState
from fluxdesk.library.store import LibraryStore

PROMPTS = ["a red kite", "A Red Kite", "a red kite", "apple", "Zebra at dawn", "zebra at dawn", "café noir",
           "CAFE noir", "b", "B"]


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    s = LibraryStore(tmp_path / "lib.sqlite3")
    # ties everywhere: equal times, prompts equal but for case, so only seq can break them
    times = itertools.cycle([10.0, 10.0, 20.0])
    for i, (prompt, created) in enumerate(zip(PROMPTS * 2, times, strict=False)):
        record = make_record(prompt, seed=i, status=JobState.DONE, created_at=created,
                             model="flux-dev" if i % 3 else "flux-pro-1.1")
        s.add(record)
        if i % 4 == 0:
            s.set_favorite([record.id], True)
        if i % 7 == 3:
            s.trash([record.id])
        if i % 9 == 5:
            s.update(record.id, status=JobState.FAILED)
    yield s
    s.close()


QUERIES = [
    HistoryQuery(sort=sort, **extra)
    for sort in SORTS
    for extra in (
        {}, {"text": "red kite"}, {"text": "kit*"}, {"text": "cafe"}, {"favorites": True},
        {"model": "flux-dev"},
        {"only_trashed": True}, {"include_trashed": True, "only_done": False}, {"since": 15.0},
        {"until": 15.0, "text": "zebra"},
    )
]


@pytest.mark.parametrize("q", QUERIES, ids=lambda q: f"{q.sort}-{q.text or ''}-{q.favorites}-{q.model}")
def test_placement_agrees_with_the_query_for_every_row(store: LibraryStore, q: HistoryQuery) -> None:
    every = [r.id for r in store.query(HistoryQuery(include_trashed=True, only_done=False), limit=1000)]
    order = [r.id for r in store.query(q, limit=1000)]
    where = store.placements(q, every)
    assert where == {i: (order.index(i) if i in order else None) for i in every}
    assert store.placement(q, "no-such-row") is None


def test_every_sort_is_total_and_its_order_by_comes_from_its_keys() -> None:
    for sort, keys in SORT_KEYS.items():
        assert keys[-1].column == "seq"  # unique: nothing is left to chance
        assert order_clause(HistoryQuery(sort=sort)).count(",") == len(keys) - 1


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "home")
    yield lib
    await lib.close()


@pytest.mark.asyncio
async def test_the_library_announces_every_row_it_adds_saves_or_changes(library: Library) -> None:
    heard: list[RecordChange] = []
    library.subscribe(heard.append)

    def last() -> tuple[JobState, bool, bool, bool]:
        (record,) = heard[-1].records
        return record.status, record.favorite, record.is_trashed, heard[-1].removed

    record = make_record(width=64, height=48)
    await library.add_job(record)
    assert last() == (JobState.QUEUED, False, False, False)
    await library.update_job(record.id, status=JobState.PENDING, task_id="t-1")
    assert last() == (JobState.PENDING, False, False, False)
    saved = await library.save_result(record.id, image_bytes(64, 48), width=64, height=48, fmt="png")
    assert heard[-1].records == (saved,) and last()[0] is JobState.DONE
    await library.set_favorite(record.id, True)
    assert last() == (JobState.DONE, True, False, False)
    await library.trash(record.id)
    assert last() == (JobState.DONE, True, True, False)
    await library.restore(record.id)
    assert last() == (JobState.DONE, True, False, False)
    await library.trash(record.id)
    assert await library.empty_trash() == 1
    assert last()[3] is True and heard[-1].records[0].id == record.id  # gone for good, as it was
    assert len(heard) == 8


@pytest.mark.asyncio
async def test_a_write_whose_caller_was_cancelled_is_still_announced(library: Library) -> None:
    heard: list[RecordChange] = []
    library.subscribe(heard.append)
    record = make_record()
    await library.add_job(record)
    task = asyncio.ensure_future(library.update_job(record.id, status=JobState.SUBMITTING))
    await asyncio.sleep(0)  # the write is queued on the DB thread
    task.cancel()
    await until(lambda: len(heard) == 2, what="the announcement of the write")
    assert heard[-1].records[0].status is JobState.SUBMITTING
    assert (await library.get(record.id)).status is JobState.SUBMITTING  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_broken_listener_breaks_neither_the_write_nor_the_others(library: Library) -> None:
    heard: list[RecordChange] = []

    def broken(_change: RecordChange) -> None:
        raise RuntimeError("view bug")

    library.subscribe(broken)
    unsubscribe = library.subscribe(heard.append)
    record = await library.add_job(make_record())
    assert heard and heard[0].records == (record,)
    unsubscribe()
    unsubscribe()  # twice is fine
    await library.update_job(record.id, status=JobState.PENDING)
    assert len(heard) == 1
