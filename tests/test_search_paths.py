"""The two ways a search finds its rows give one answer: the trigram index's candidates, looked up and
sorted (a rare word), and a walk of the history's order checking each row's folded prompt in a covering
index (a common word, or one too short for trigrams). Both against a plain Python reading of the rule."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from library_helpers import make_record

from fluxdesk.library import store as store_module
from fluxdesk.library.folding import fold
from fluxdesk.library.query import (
    HistoryQuery,
    candidate_limit,
    filter_terms,
    order_clause,
    search_words,
    text_search,
    where_clause,
)
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import LibraryStore

PROMPTS = [
    "창가에 앉은 고양이들, 수채화",
    "고양이가 있는 서점",
    "작은 개 한 마리",
    "الشاطئ عند الغروب",
    "海辺の猫たち、水彩画",
    "富士山の夜明け",
    "Katzenfutter im Regen",
    "Straße bei Nacht",
    "sand dunes at dusk",
    "Café au lait",
    "a dragon 🐉 over the sea",
    "two dragons 🐉🐉",
    "a ramen shop in 渋谷 at night",
    "c++ code on a screen",
    "a red kite over the sea",
    "Kites at dusk, sci-fi city",
    "A KITE-shaped cloud",
    "a cat in a hat",
    "cathedral at night, kite festival",
    "neon city night",
]
TEXTS = [
    "kite", "kit*", "KITE sea", "sci-fi", "cafe", "café", "dusk", "night", "at", "a", "ca", "at night",
    "고양이", "개", "شاطئ", "猫", "富士", "futter", "strasse", "dune", "🐉", "🐉🐉", "ramen 渋谷", "c++",
    "zebra", "zq", "a kite", "e", "the sea", "on", "🐱",
]
#: each filter of the gallery, and none
FILTERS: list[dict[str, object]] = [
    {}, {"model": "flux-dev"}, {"favorites": True}, {"since": 1007.0}, {"only_trashed": True},
    {"only_done": False}, {"include_trashed": True},
]
PATHS = ("walk", "candidates")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LibraryStore]:
    s = LibraryStore(tmp_path / "lib.sqlite3")
    with s.transaction():
        for i, prompt in enumerate(PROMPTS):
            s.add(make_record(
                prompt, status=JobState.DONE if i % 7 else JobState.FAILED, created_at=1000.0 + i,
                model="flux-dev" if i % 2 else "flux-pro-1.1", seed=i, favorite=i % 3 == 0,
                deleted_at=5000.0 if i % 5 == 4 else None,
            ))
    yield s
    s.close()


def use(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the store take one path whatever the numbers say: candidates always (when the trigram index
    can give them), or never."""
    monkeypatch.setattr(store_module, "candidate_limit", (lambda rows: 10**9) if path == "candidates"
                        else (lambda rows: -1))


def everyone(store: LibraryStore) -> list[GenerationRecord]:
    return store.query(HistoryQuery(only_done=False, include_trashed=True), limit=10_000)


def _nocase(text: str) -> str:
    """SQLite's NOCASE: ASCII letters only."""
    return text.translate({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})


def expected(records: list[GenerationRecord], q: HistoryQuery) -> list[str]:
    """The rule read plainly: every word inside the folded prompt, the filters, the order."""
    words = search_words(q.text)
    kept = [
        r for r in records
        if all(w in fold(r.prompt) for w in words)
        and (not q.only_done or r.status is JobState.DONE)
        and (r.is_trashed if q.only_trashed else (q.include_trashed or not r.is_trashed))
        and (q.model is None or r.model == q.model)
        and (not q.favorites or r.favorite)
        and (q.since is None or r.created_at >= q.since)
    ]
    if q.sort == "prompt":
        kept.sort(key=lambda r: (_nocase(r.prompt), -r.created_at))
    else:  # created_at is distinct here: it alone decides
        kept.sort(key=lambda r: r.created_at, reverse=q.sort == "newest")
    return [r.id for r in kept]


@pytest.mark.parametrize("path", PATHS)
def test_both_paths_give_what_the_rule_says(
    store: LibraryStore, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(path, monkeypatch)
    records = everyone(store)
    assert len(records) == len(PROMPTS)
    for text in TEXTS:
        for sort in ("newest", "oldest", "prompt"):
            for extra in FILTERS:
                q = HistoryQuery(text=text, sort=sort, **extra)  # type: ignore[arg-type]
                want = expected(records, q)
                assert [r.id for r in store.query(q, limit=1000)] == want, (q, path)
                assert [r.id for r in store.query(q, offset=1, limit=2)] == want[1:3], (q, path)
                assert store.count(q) == len(want), (q, path)
                where = store.placements(q, [r.id for r in records])
                assert {i: n for i, n in where.items() if n is not None} == {i: n for n, i in enumerate(want)}


@pytest.mark.parametrize("path", PATHS)
def test_a_page_is_whole_records_with_their_parents(
    store: LibraryStore, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(path, monkeypatch)
    child = make_record("a kite made from two others", status=JobState.DONE, created_at=3000.0)
    parents = tuple(r.id for r in store.query(HistoryQuery(text="kite"), limit=2))
    store.add(child.evolve(parents=parents))
    page = store.query(HistoryQuery(text="kite"), limit=1)
    assert page == [store.require(child.id)]
    assert page[0].parents == parents and page[0].request == child.request


def test_the_store_picks_candidates_only_for_words_few_rows_hold(store: LibraryStore) -> None:
    assert store._candidates(HistoryQuery()) is None
    assert store._candidates(HistoryQuery(text="개 猫")) is None  # too short for trigrams: walked
    kites = store._candidates(HistoryQuery(text="kite"))
    assert kites is not None and len(kites) == 4  # every row holding it, whatever its state
    assert store._candidates(HistoryQuery(text="kite 개")) == kites  # the short word is checked on them
    assert store._candidates(HistoryQuery(text="zebra")) == []
    assert candidate_limit(10_000) == 1000 and candidate_limit(50) == 200


def test_past_the_limit_a_common_word_is_walked(store: LibraryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "candidate_limit", lambda rows: 3)
    assert store._candidates(HistoryQuery(text="kite")) is None  # 4 rows: more than 3
    assert store._candidates(HistoryQuery(text="dragon")) is not None  # 2
    assert store.count(HistoryQuery(text="kite", only_done=False, include_trashed=True)) == 4


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=6), st.data())
def test_any_piece_of_any_prompt_is_found_the_same_both_ways(
    tmp_path_factory: pytest.TempPathFactory, prompts: list[str], data: st.DataObject
) -> None:
    folded = fold(prompts[0])
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    piece = folded[start : data.draw(st.integers(start + 1, len(folded)))]
    s = LibraryStore(tmp_path_factory.mktemp("pieces") / "lib.sqlite3")
    try:
        for i, prompt in enumerate(prompts):
            s.add(make_record(prompt, status=JobState.DONE, created_at=float(i)))
        q = HistoryQuery(text=piece)
        want = expected(everyone(s), q)
        for path in PATHS:
            with pytest.MonkeyPatch.context() as mp:
                use(path, mp)
                assert [r.id for r in s.query(q)] == want, path
                assert s.count(q) == len(want), path
        if search_words(piece):
            assert s.query(HistoryQuery(sort="oldest"))[0].id in want
    finally:
        s.close()


def test_a_word_is_matched_literally_even_with_glob_characters() -> None:
    # the fold turns * ? [ ] into gaps, so no typed word holds them; the check itself must not care
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE generations (seq INTEGER PRIMARY KEY, search_text TEXT)")
    texts = ["a*b", "a?b", "a[b]c", "axb", "ab", "[", "]"]
    conn.executemany("INSERT INTO generations (search_text) VALUES (?)", [(t,) for t in texts])
    from fluxdesk.library.query import TextSearch, _holds_every_word

    for word in ["*", "?", "[", "]", "[b]", "a*b", "a?b", "b]", "x"]:
        terms, params = _holds_every_word(TextSearch((word,), None, (word,)), "search_text")
        rows = conn.execute(f"SELECT search_text FROM generations WHERE {' AND '.join(terms)}", params)
        assert {r[0] for r in rows} == {t for t in texts if word in t}, word


# -- how SQLite runs them ---------------------------------------------------------------------------


@pytest.fixture
def big_store(tmp_path: Path) -> Iterator[LibraryStore]:
    """Enough rows for the planner to weigh its indexes, with the statistics a closed library has."""
    s = LibraryStore(tmp_path / "big.sqlite3")
    with s.transaction():
        for i in range(600):
            prompt = f"{'a kite' if i % 50 == 0 else 'a cat'} number {i} {'개' if i % 97 == 0 else ''}"
            s.add(make_record(prompt, status=JobState.DONE, created_at=float(i), model=f"m{i % 4}",
                              favorite=i % 9 == 0))
    s.connection.execute("ANALYZE")
    yield s
    s.close()


def _plan(store: LibraryStore, sql: str, params: list[object]) -> str:
    return " | ".join(str(r[3]) for r in store.connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize("text", ["개", "a", "cat number"])
@pytest.mark.parametrize("sort", ["newest", "oldest", "prompt"])
@pytest.mark.parametrize("extra", [{}, {"model": "m1"}, {"favorites": True}, {"since": 100.0}],
                         ids=["none", "model", "favorites", "since"])
def test_a_walk_reads_only_a_covering_index_in_the_order_asked(
    big_store: LibraryStore, text: str, sort: str, extra: dict[str, object]
) -> None:
    q = HistoryQuery(text=text, sort=sort, **extra)  # type: ignore[arg-type]
    assert big_store._candidates(q) is None
    where, params = where_clause(q)
    page = _plan(big_store, f"SELECT g.seq FROM generations AS g{where}{order_clause(q)} LIMIT 200", params)
    assert "COVERING INDEX idx_generations_" in page and "TEMP B-TREE" not in page, page
    count = _plan(big_store, f"SELECT count(*) FROM generations AS g{where}", params)
    assert "COVERING INDEX idx_generations_" in count, count


def test_candidates_are_looked_up_and_sorted(big_store: LibraryStore) -> None:
    q = HistoryQuery(text="kite")
    within = big_store._candidates(q)
    assert within is not None and len(within) == 12
    terms, params = filter_terms(q, within=within)
    page = _plan(big_store, "SELECT g.seq FROM generations AS g WHERE " + " AND ".join(terms)
                 + order_clause(q) + " LIMIT 200", params)
    assert "USING INTEGER PRIMARY KEY" in page and "json_each" in page, page
    assert [r.prompt for r in big_store.query(q, limit=2)] == ["a kite number 550 ", "a kite number 500 "]


def test_words_in_the_search_are_what_the_trigram_phrases_say() -> None:
    search = text_search("Kite sci-fi 개 kite")
    assert search is not None
    assert search.words == ("kite", "sci fi", "개")
    assert search.match == '"kite" AND "sci fi"' and search.scanned == ("개",)
