"""Prompt search in every script: words inside longer words, folding, symbols, syntax as plain text,
the gallery's placement by the same rule, and the migration that brings older libraries along."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from library_helpers import make_record

from fluxdesk.library.errors import LibraryError
from fluxdesk.library.folding import fold
from fluxdesk.library.library import Library
from fluxdesk.library.query import MIN_INDEXED_CHARS, HistoryQuery, search_words, text_search
from fluxdesk.library.records import JobState
from fluxdesk.library.schema import (
    MIGRATIONS,
    migrate,
    schema_version,
    search_in_every_script,
    search_walk_index,
)
from fluxdesk.library.store import LibraryStore

PROMPTS = [
    "창가에 앉은 고양이들, 수채화",  # Korean: the particle/plural glued on
    "고양이가 있는 서점",
    "객실의 불빛",  # 객 is not 개
    "작은 개 한 마리",
    "الشاطئ عند الغروب",  # Arabic: the article glued on
    "الأسد في الصحراء",  # alef with hamza
    "مَدِينَة قـديـمـة",  # harakat and tatweel
    "海辺の猫たち、水彩画",  # Japanese: no spaces
    "富士山の夜明け",
    "ｶﾌｪの看板",  # half-width katakana
    "がっこうの庭",
    "Katzenfutter im Regen",  # a German compound
    "Straße bei Nacht",
    "sand dunes at dusk",  # a plural
    "Café au lait",
    "a dragon 🐉 over the sea",
    "two dragons 🐉🐉",
    "a red heart ❤️",
    "a ramen shop in 渋谷 at night",
    "c++ code on a screen",
    "50% off sign, a_b test",
    'neon sign saying "OPEN" NEAR the door',
]


@pytest.fixture
def store(tmp_path: Path):
    s = LibraryStore(tmp_path / "lib.sqlite3")
    with s.transaction():
        for i, prompt in enumerate(PROMPTS):
            s.add(make_record(prompt, status=JobState.DONE, created_at=1000.0 + i,
                              model="flux-dev" if i % 2 else "flux-pro-1.1", seed=i))
    yield s
    s.close()


def check_index(store: LibraryStore) -> None:
    """FTS5's own check that the trigram index matches the rows' search_text (raises if not)."""
    store.connection.execute("INSERT INTO generations_search(generations_search) VALUES ('integrity-check')")


def found(store: LibraryStore, text: str) -> set[str]:
    return {r.prompt for r in store.query(HistoryQuery(text=text), limit=1000)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Korean particles and plurals
        ("고양이", {"창가에 앉은 고양이들, 수채화", "고양이가 있는 서점"}),
        ("고양이들", {"창가에 앉은 고양이들, 수채화"}),
        ("개", {"작은 개 한 마리"}),  # one syllable; and not inside 객 (same first letter, more after)
        # the Arabic article, alef variants, harakat and tatweel
        ("شاطئ", {"الشاطئ عند الغروب"}),
        ("اسد", {"الأسد في الصحراء"}),
        ("إسد", {"الأسد في الصحراء"}),
        ("آسد", {"الأسد في الصحراء"}),
        ("مدينة قديمة", {"مَدِينَة قـديـمـة"}),
        # Japanese without spaces, width folded, voiced kana kept apart
        ("猫", {"海辺の猫たち、水彩画"}),
        ("猫たち", {"海辺の猫たち、水彩画"}),
        ("富士", {"富士山の夜明け"}),
        ("カフェ", {"ｶﾌｪの看板"}),
        ("ｶﾌｪ", {"ｶﾌｪの看板"}),
        ("がっこう", {"がっこうの庭"}),
        ("かっこう", set()),
        # German compounds, ß, plurals, accents and case
        ("futter", {"Katzenfutter im Regen"}),
        ("KATZENFUTTER", {"Katzenfutter im Regen"}),
        ("strasse", {"Straße bei Nacht"}),
        ("STRASSE", {"Straße bei Nacht"}),
        ("dune", {"sand dunes at dusk"}),
        ("cafe", {"Café au lait"}),
        ("CAFÉ", {"Café au lait"}),
        ("cafe\u0301", {"Café au lait"}),  # decomposed input
        ("afé", {"Café au lait"}),
        # emoji and symbols as themselves
        ("🐉", {"a dragon 🐉 over the sea", "two dragons 🐉🐉"}),
        ("🐉🐉", {"two dragons 🐉🐉"}),
        ("❤", {"a red heart ❤️"}),
        ("❤️", {"a red heart ❤️"}),
        ("c++", {"c++ code on a screen"}),
        ("🐱", set()),
        # mixed scripts: every word must match
        ("ramen 渋谷", {"a ramen shop in 渋谷 at night"}),
        ("渋谷 🐉", set()),
        ("dragon 🐉 sea", {"a dragon 🐉 over the sea"}),
        # FTS and SQL syntax are plain text
        ('"OPEN"', {'neon sign saying "OPEN" NEAR the door'}),
        ("NEAR(the", {'neon sign saying "OPEN" NEAR the door'}),  # punctuation in a word is a gap
        ("open AND door", set()),  # AND is a word here, and no prompt says it
        ("open OR zebra", set()),
        ("NOT", set()),
        ("50%", {"50% off sign, a_b test"}),
        ("a_b", {"50% off sign, a_b test"}),
        ("'; DROP TABLE generations; --", set()),
        ("door*", {'neon sign saying "OPEN" NEAR the door'}),  # the old prefix syntax still works
        ("^open", set()),  # ^ is a symbol: searched as itself, and no prompt has it
        ("zebra", set()),
        ("dunes\x00at", {"sand dunes at dusk"}),  # a control character is a gap, never the end of the text
    ],
)
def test_a_word_is_found_inside_longer_words_in_every_script(
    store: LibraryStore, text: str, expected: set[str]
) -> None:
    assert found(store, text) == expected


NO_WORDS = ["*", '"', "%", "_", "--", "()", "'", "\\", ":", "、", "،", "\u200b", "\u202e", "\x00", "\ud800"]


@pytest.mark.parametrize("text", NO_WORDS)
def test_punctuation_or_invisible_characters_alone_filter_nothing(store: LibraryStore, text: str) -> None:
    assert text_search(text) is None
    assert store.count(HistoryQuery(text=text)) == len(PROMPTS)


def test_short_words_are_scanned_long_ones_use_the_trigram_index() -> None:
    search = text_search("猫 カフェ 개 🐉 dune sci-fi")
    assert search is not None
    assert search.scanned == ("猫", "개", "🐉")
    assert search.match == '"カフェ" AND "dune" AND "sci fi"'
    assert all(len(w) < MIN_INDEXED_CHARS for w in search.scanned)


def test_the_fold_is_the_one_both_sides_use() -> None:
    assert fold("Ｆｕｔｔｅｒ") == "futter"
    assert fold("الشاطئ أإآٱ") == fold("الشاطئ اااا")
    assert fold("قـطـة") == "قطة"
    assert fold("ガ") == fold("ｶﾞ") == "ガ" != fold("カ")
    assert fold("고양이") == "고양이"  # syllables come back whole, not as letters
    assert fold("a\u200db\u202ec\ufe0f") == "abc"
    assert fold('sci-fi, "kite"') == "sci fi kite"
    assert search_words("Kite kite KITE* café CAFE") == ["kite", "cafe"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_folding_twice_changes_nothing(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip() and "  " not in once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_plain_ascii_folds_as_the_full_rule_does(text: str) -> None:
    # a zero-width space makes the text non-ASCII and is itself dropped: the full rule runs
    assert fold(text) == fold(text + "\u200b")


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=30), st.data())
def test_any_piece_of_a_prompt_finds_it(
    tmp_path_factory: pytest.TempPathFactory, prompt: str, data: st.DataObject
) -> None:
    folded = fold(prompt)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    piece = folded[start:end]
    s = LibraryStore(tmp_path_factory.mktemp("any") / "lib.sqlite3")
    try:
        s.add(make_record(prompt, status=JobState.DONE))
        s.add(make_record("something else entirely", status=JobState.DONE))
        if search_words(piece):
            assert prompt in {r.prompt for r in s.query(HistoryQuery(text=piece))}
    finally:
        s.close()


def test_search_follows_updates_and_deletes(store: LibraryStore) -> None:
    rec = store.query(HistoryQuery(text="futter"))[0]
    store.update(rec.id, request=rec.request.__class__(rec.model, "海辺の犬", dict(rec.request.params)))
    assert found(store, "futter") == set()
    assert found(store, "犬") == {"海辺の犬"}
    assert found(store, "海辺の") == {"海辺の犬", "海辺の猫たち、水彩画"}
    store.trash([rec.id])
    store.take_trash()
    assert store.query(HistoryQuery(text="犬", include_trashed=True)) == []
    check_index(store)
    assert store.integrity_check() == "ok"


# -- the gallery's placement uses the same rule ------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["고양이", "개", "شاطئ", "猫", "futter", "🐉", "dragon 🐉", "cafe", "c++", "zebra"]
)
@pytest.mark.parametrize("sort", ["newest", "oldest", "prompt"])
def test_placement_agrees_with_the_query(store: LibraryStore, text: str, sort: str) -> None:
    q = HistoryQuery(text=text, sort=sort)
    answer = [r.id for r in store.query(q, limit=1000)]
    everyone = [r.id for r in store.query(HistoryQuery(), limit=1000)]
    where = store.placements(q, everyone)
    assert {i: where[i] for i in answer} == {i: n for n, i in enumerate(answer)}
    assert all(where[i] is None for i in everyone if i not in answer)


@pytest.mark.asyncio
async def test_live_placement_of_a_new_row_follows_the_search(tmp_path: Path) -> None:
    lib = await Library.open(tmp_path / "home")
    try:
        q = HistoryQuery(text="고양이", only_done=False)
        cat = await lib.add_job(make_record("정원의 고양이들", created_at=10.0))
        dog = await lib.add_job(make_record("정원의 강아지", created_at=11.0))
        newer = await lib.add_job(make_record("고양이가 자는 방", created_at=12.0))
        assert await lib.placements(q, [cat.id, dog.id, newer.id]) == {cat.id: 1, dog.id: None, newer.id: 0}
        assert await lib.placement(HistoryQuery(text="🐉", only_done=False), cat.id) is None
    finally:
        await lib.close()


# -- older libraries -----------------------------------------------------------------------------


def _v4_library(path: Path, prompts: list[str]) -> None:
    """A library as the release before this search wrote it: four steps, rows added by plain SQL."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:4])
    for i, prompt in enumerate(prompts):
        conn.execute(
            "INSERT INTO generations (id, provider, model, request, prompt, seed, status, created_at) "
            "VALUES (?, 'cometapi', 'flux-dev', json_object('model', 'flux-dev', 'prompt', ?, 'params', "
            "json_object('seed', ?)), ?, ?, 'done', ?)",
            (f"old{i:05d}", prompt, i, prompt, i, float(i)),
        )
    conn.close()


def test_an_older_library_becomes_searchable(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    _v4_library(path, ["창가의 고양이들", "الشاطئ", "Katzenfutter", "🐉 dunes"])
    store = LibraryStore(path)
    try:
        assert store.schema_version() == len(MIGRATIONS)
        assert found(store, "고양이") == {"창가의 고양이들"}
        assert found(store, "شاطئ") == {"الشاطئ"}
        assert found(store, "futter") == {"Katzenfutter"}
        assert found(store, "🐉") == found(store, "dune") == {"🐉 dunes"}
        names = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master")}
        assert "generations_fts" not in names and "generations_search" in names
        store.add(make_record("새 고양이", status=JobState.DONE))
        assert len(found(store, "고양이")) == 2
        check_index(store)
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_the_search_step_works_in_any_place_and_twice(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _v4_library(path, ["海辺の猫たち", "a kite"])

    conn = sqlite3.connect(path, isolation_level=None)
    # after someone else's step (the owners'), whatever its number; later steps still follow it
    at = MIGRATIONS.index(search_in_every_script)
    steps = (*MIGRATIONS[:4], MIGRATIONS[4], search_in_every_script)
    assert migrate(conn, steps) == 2 and schema_version(conn) == at + 1
    conn.execute("BEGIN")
    search_in_every_script(conn)  # once more, as if numbered again: the same end state
    conn.execute("COMMIT")
    conn.close()
    store = LibraryStore(path)  # the steps after it run on top
    try:
        assert found(store, "猫") == {"海辺の猫たち"} and found(store, "kit") == {"a kite"}
        check_index(store)
    finally:
        store.close()


def test_an_sqlite_without_trigrams_is_refused_plainly_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v4.sqlite3"
    _v4_library(path, ["a kite"])
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(LibraryError, match=r"needs SQLite 3\.34\.0 or newer .* has SQLite 3\.31\.1"):
        LibraryStore(path)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    # the steps before it committed; the search step rolled back: the old word index still works
    assert schema_version(conn) == MIGRATIONS.index(search_in_every_script)
    old_search = "SELECT count(*) FROM generations_fts WHERE generations_fts MATCH 'kite'"
    assert conn.execute(old_search).fetchone() == (1,)
    conn.close()


def test_a_library_of_many_rows_migrates_in_one_step(tmp_path: Path) -> None:
    path = tmp_path / "many.sqlite3"
    _v4_library(path, [f"prompt {i} 고양이" if i % 7 == 0 else f"prompt {i}" for i in range(700)])
    store = LibraryStore(path)
    try:
        assert store.count(HistoryQuery(text="고양이")) == 100
    finally:
        store.close()


WALK_INDEXES = {"idx_generations_search_walk", "idx_generations_prompt_walk"}
#: what the walk indexes replace
REPLACED = {"idx_generations_visible", "idx_generations_prompt_sort", "idx_generations_search_text",
            "idx_generations_model"}


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_library_before_the_walk_indexes_gets_them_with_their_statistics(tmp_path: Path) -> None:
    path = tmp_path / "v7.sqlite3"
    at = MIGRATIONS.index(search_walk_index)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:at])
    conn.close()
    before = LibraryStore(path, migrations=MIGRATIONS[:at])
    with before.transaction():
        for i, prompt in enumerate(PROMPTS):
            before.add(make_record(prompt, status=JobState.DONE, created_at=float(i), favorite=i % 2 == 0))
    was = {text: found(before, text) for text in ("고양이", "개", "cafe", "🐉", "a")}
    before.connection.execute("ANALYZE")  # what PRAGMA optimize leaves in a library used for a while
    assert _indexes(before.connection) >= REPLACED
    before.close()

    store = LibraryStore(path)
    try:
        assert store.schema_version() == len(MIGRATIONS)
        names = _indexes(store.connection)
        assert names >= WALK_INDEXES and not names & REPLACED
        stats = {r[0] for r in store.connection.execute("SELECT idx FROM sqlite_stat1")}
        assert stats >= WALK_INDEXES and not stats & REPLACED
        assert {text: found(store, text) for text in was} == was
        assert store.count(HistoryQuery(text="a", favorites=True)) == sum(
            1 for i, p in enumerate(PROMPTS) if i % 2 == 0 and "a" in fold(p))
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_the_walk_index_step_leaves_a_fresh_library_without_statistics_and_can_run_again(
    tmp_path: Path,
) -> None:
    conn = sqlite3.connect(tmp_path / "lib.sqlite3", isolation_level=None)
    migrate(conn)
    # no statistics in a new library (the planner's own guesses until the first PRAGMA optimize)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is None
    conn.execute("BEGIN")
    search_in_every_script(conn)  # the search step once more (the bench does), then this one: same end
    search_walk_index(conn)
    conn.execute("COMMIT")
    names = _indexes(conn)
    assert names >= WALK_INDEXES and not names & REPLACED
    conn.close()


def test_the_async_library_searches_the_same(tmp_path: Path) -> None:
    async def run() -> list[str]:
        async with await Library.open(tmp_path / "home") as lib:
            await lib.add_job(make_record("الأسد", status=JobState.DONE))
            return [r.prompt for r in await lib.query(HistoryQuery(text="اسد"))]

    assert asyncio.run(run()) == ["الأسد"]


def test_a_decomposed_file_name_on_disk_is_the_composed_name_of_its_row(tmp_path: Path) -> None:
    """macOS HFS+ hands names back decomposed (NFD); rows hold them composed: the check matches them."""
    import unicodedata

    from fluxdesk.library.check import compare_files

    images = tmp_path / "images"
    folder = images / "2026" / "12"
    folder.mkdir(parents=True)
    composed = "2026/12/café-고양이-1-abcd.png"
    (images / unicodedata.normalize("NFD", composed)).write_bytes(b"x")
    (images / unicodedata.normalize("NFD", composed)).with_suffix(".json").write_bytes(b"{}")
    missing, stray, _changed, _no_sidecar, count = compare_files(images, [(composed, None)], hashes=False)
    assert (missing, stray, count) == ([], [], 1)
