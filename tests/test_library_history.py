"""History operations: full-text search, filters, sort, paging, favorites, trash, reuse, recent prompts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import pytest_asyncio
from library_helpers import image_bytes, make_record

from fluxdesk.api.errors import InvalidRequest
from fluxdesk.library.library import Library
from fluxdesk.library.query import HistoryQuery, text_search
from fluxdesk.library.records import JobState
from fluxdesk.library.store import LibraryStore
from fluxdesk.library.thumbs import ThumbnailCache

PROMPTS = [
    "a red kite over the sea",
    "kites at dusk, sci-fi city",
    "portrait of a cat with a \"top hat\"",
    "Café au lait on a wooden table",
    "東京の夜景 neon night",
    "a dog -- running on the beach *wide shot*",
    "abstract shapes NEAR the AND OR NOT words",
]


@pytest.fixture
def store(tmp_path: Path):
    s = LibraryStore(tmp_path / "lib.sqlite3")
    for i, prompt in enumerate(PROMPTS):
        s.add(make_record(prompt, status=JobState.DONE, created_at=1000.0 + i,
                          model="flux-dev" if i % 2 else "flux-pro-1.1", seed=i))
    yield s
    s.close()


def texts(records) -> list[str]:
    return [r.prompt for r in records]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kite", ["kites at dusk, sci-fi city", "a red kite over the sea"]),  # and the plural
        ("kit*", ["kites at dusk, sci-fi city", "a red kite over the sea"]),
        ("KITE sea", ["a red kite over the sea"]),
        ("sci-fi", ["kites at dusk, sci-fi city"]),
        ('"top hat"', ['portrait of a cat with a "top hat"']),
        ('hat"', ['portrait of a cat with a "top hat"']),
        ("cafe", ["Café au lait on a wooden table"]),
        ("café", ["Café au lait on a wooden table"]),
        ("東京の夜景", ["東京の夜景 neon night"]),
        ("NEAR", ["abstract shapes NEAR the AND OR NOT words"]),
        ("AND OR", ["abstract shapes NEAR the AND OR NOT words"]),
        ("*wide", ["a dog -- running on the beach *wide shot*"]),
        ("-dog", ["a dog -- running on the beach *wide shot*"]),
        ("zebra", []),
        ("afe", ["Café au lait on a wooden table"]),  # inside a word
        ("ites", ["kites at dusk, sci-fi city"]),
        ("(kite sea", ["a red kite over the sea"]),
        ("sea:", ["a red kite over the sea"]),
    ],
)
def test_full_text_search_takes_any_user_text(store: LibraryStore, text: str, expected: list[str]) -> None:
    assert texts(store.query(HistoryQuery(text=text))) == expected


@pytest.mark.parametrize("text", ["", "   ", "*", "-", '"', '""', "--", "* * *", "'", "\\", "%", "()"])
def test_text_without_words_does_not_filter(store: LibraryStore, text: str) -> None:
    assert text_search(text) is None
    assert store.count(HistoryQuery(text=text)) == len(PROMPTS)


def test_every_word_is_one_quoted_phrase_and_short_ones_are_scanned() -> None:
    search = text_search('kit* say "hi SCI-FI 猫 kit')
    assert search is not None
    assert search.match == '"kit" AND "say" AND "sci fi"'
    assert search.scanned == ("hi", "猫")


def test_search_follows_prompt_updates_and_deletes(store: LibraryStore) -> None:
    rec = store.query(HistoryQuery(text="kite sea"))[0]
    store.update(rec.id, request=rec.request.__class__(rec.model, "a blue balloon", dict(rec.request.params)))
    assert store.query(HistoryQuery(text="kite sea")) == []
    assert texts(store.query(HistoryQuery(text="balloon"))) == ["a blue balloon"]
    assert store.integrity_check() == "ok"
    store.connection.execute("INSERT INTO generations_search(generations_search) VALUES ('integrity-check')")
    store.trash([rec.id])
    store.take_trash()
    assert store.query(HistoryQuery(text="balloon", include_trashed=True)) == []
    store.connection.execute("INSERT INTO generations_search(generations_search) VALUES ('integrity-check')")


def test_model_date_favorites_and_sort(store: LibraryStore) -> None:
    assert store.count(HistoryQuery(model="flux-dev")) == 3
    newest = store.query(HistoryQuery())
    assert texts(newest) == list(reversed(PROMPTS))
    assert texts(store.query(HistoryQuery(sort="oldest"))) == PROMPTS
    by_prompt = texts(store.query(HistoryQuery(sort="prompt")))
    assert by_prompt == sorted(PROMPTS, key=str.lower)
    assert texts(store.query(HistoryQuery(since=1002.0, until=1004.0, sort="oldest"))) == PROMPTS[2:4]
    ids = [r.id for r in newest[:2]]
    assert store.set_favorite(ids, True) == 2
    assert {r.id for r in store.query(HistoryQuery(favorites=True))} == set(ids)
    store.set_favorite(ids[:1], False)
    assert [r.id for r in store.query(HistoryQuery(favorites=True))] == ids[1:]
    with pytest.raises(ValueError):
        HistoryQuery(sort="random")


def test_only_done_hides_jobs_in_flight(store: LibraryStore) -> None:
    store.add(make_record("a kite being made", status=JobState.PENDING))
    assert store.count(HistoryQuery(text="kite")) == 2
    assert store.count(HistoryQuery(text="kite", only_done=False)) == 3


def test_paging_covers_everything_once(tmp_path: Path) -> None:
    s = LibraryStore(tmp_path / "p.sqlite3")
    rng = random.Random(1)
    with s.transaction():
        for i in range(250):
            s.add(make_record(f"prompt {i}", status=JobState.DONE, created_at=float(rng.randint(0, 50))))
    seen: list[str] = []
    for offset in range(0, 300, 64):
        seen += [r.id for r in s.query(HistoryQuery(), offset=offset, limit=64)]
    assert len(seen) == 250 and len(set(seen)) == 250
    assert s.count(HistoryQuery()) == 250
    plan = " ".join(str(r[3]) for r in s.connection.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM generations AS g WHERE g.status = 'done' AND g.deleted_at IS NULL "
        "ORDER BY g.created_at DESC LIMIT 200"))
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan
    s.close()


def test_transaction_rolls_back_on_error(store: LibraryStore) -> None:
    before = store.count(HistoryQuery())
    with pytest.raises(RuntimeError), store.transaction():
        store.add(make_record("will vanish", status=JobState.DONE))
        raise RuntimeError("boom")
    assert store.count(HistoryQuery()) == before
    assert store.query(HistoryQuery(text="vanish")) == []


def test_resolve_id_prefix(store: LibraryStore) -> None:
    rec = store.query(HistoryQuery())[0]
    assert store.resolve(rec.id[:6]) == [rec.id]
    assert store.resolve("") == [] and store.resolve("%") == []
    assert store.resolve(rec.id.upper()) == [rec.id]


def test_recent_prompts_are_distinct_and_newest_first(store: LibraryStore) -> None:
    store.add(make_record("a red kite over the sea", status=JobState.DONE, created_at=5000.0))
    recent = store.recent_prompts()
    assert recent[0] == "a red kite over the sea"
    assert len(recent) == len(set(recent)) == len(PROMPTS)
    assert store.recent_prompts("kit*") == ["a red kite over the sea", "kites at dusk, sci-fi city"]
    assert len(store.recent_prompts(limit=3)) == 3


@pytest_asyncio.fixture
async def library(tmp_path: Path):
    thumbs = ThumbnailCache(tmp_path / "cache")
    lib = await Library.open(tmp_path / "home", thumbs=thumbs)
    try:
        yield lib
    finally:
        await lib.close()
        thumbs.close()


async def _saved(lib: Library, prompt: str, seed: int = 1, color=(10, 20, 30)):
    record = make_record(prompt, seed=seed, width=64, height=48)
    await lib.add_job(record)
    return await lib.save_result(record.id, image_bytes(64, 48, color=color), width=64, height=48, fmt="png")


@pytest.mark.asyncio
async def test_trash_restore_and_empty_trash(library: Library) -> None:
    a = await _saved(library, "a kite", color=(1, 2, 3))
    b = await _saved(library, "another kite", color=(4, 5, 6))
    assert library.thumbs is not None
    thumb_a = library.thumbs.make(library.path_of(a), a.sha256, 256)
    assert await library.trash([a.id]) == 1
    assert [r.id for r in await library.query(HistoryQuery(text="kite"))] == [b.id]
    assert await library.count(HistoryQuery(only_trashed=True)) == 1
    assert library.path_of(a).exists(), "files stay while in the trash"
    assert await library.restore(a.id) == 1  # undo
    assert await library.count(HistoryQuery(text="kite")) == 2
    await library.trash(a.id)
    assert await library.empty_trash() == 1
    assert not library.path_of(a).exists() and not thumb_a.exists()
    assert library.path_of(b).exists()
    assert await library.get(a.id) is None
    assert await library.empty_trash() == 0
    check = await library.check()
    assert check.ok, check


@pytest.mark.asyncio
async def test_empty_trash_keeps_thumbnails_still_in_use(library: Library) -> None:
    a = await _saved(library, "same picture", seed=1)
    b = await _saved(library, "same picture", seed=2)
    assert a.sha256 == b.sha256
    thumb = library.thumbs.make(library.path_of(b), b.sha256, 256)
    await library.trash(a.id)
    await library.empty_trash()
    assert thumb.exists()


@pytest.mark.asyncio
async def test_favorites_through_the_library(library: Library) -> None:
    a = await _saved(library, "fav me")
    await library.set_favorite(a.id, True)
    assert (await library.get(a.id)).favorite
    assert await library.count(HistoryQuery(favorites=True)) == 1


@pytest.mark.asyncio
async def test_reuse_and_rerun(library: Library, catalog) -> None:
    record = make_record("a kite", seed=1234, width=1024, height=768, status=JobState.DONE)
    await library.add_job(record)
    again = await library.reuse(record.id, catalog)
    assert again.model == record.model and again.prompt == "a kite" and again.seed == 1234
    assert again.size == (1024, 768)
    same = await library.rerun_request(record.id, catalog, new_seed=False)
    assert same.seed == 1234
    fresh = await library.rerun_request(record.id, catalog, new_seed=True, rng=random.Random(5))
    assert fresh.seed != 1234 and fresh.size == (1024, 768)


@pytest.mark.asyncio
async def test_reuse_of_a_row_the_catalogue_no_longer_accepts_says_why(library: Library, catalog) -> None:
    record = make_record("x", model="flux-pro-1.1", width=1000, height=768)  # not a multiple of 32
    await library.add_job(record)
    with pytest.raises(InvalidRequest, match="multiple of 32"):
        await library.reuse(record.id, catalog)


@pytest.mark.asyncio
async def test_recent_prompts_through_the_library(library: Library) -> None:
    await _saved(library, "first")
    await _saved(library, "second")
    assert await library.recent_prompts() == ["second", "first"]
    assert await library.search_prompts("fir*") == ["first"]
