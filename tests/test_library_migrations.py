"""Schema migrations keyed on PRAGMA user_version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from library_helpers import make_record

from fluxdesk.library.errors import LibraryError
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import JobState
from fluxdesk.library.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from fluxdesk.library.store import LibraryStore


def _old_v1_database(path: Path) -> None:
    """A library as the first release wrote it, by hand: version 1, no full-text index yet."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        """
        CREATE TABLE generations (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, provider TEXT NOT NULL, task_id TEXT,
            polling_url TEXT, model TEXT NOT NULL, request TEXT NOT NULL, prompt TEXT NOT NULL,
            seed INTEGER, status TEXT NOT NULL, error_code TEXT, error TEXT, created_at REAL NOT NULL,
            submitted_at REAL, ready_at REAL, saved_at REAL, file TEXT, width INTEGER, height INTEGER,
            format TEXT, bytes INTEGER, sha256 TEXT, favorite INTEGER NOT NULL DEFAULT 0, deleted_at REAL,
            progress REAL, extra TEXT NOT NULL DEFAULT '{}'
        );
        INSERT INTO generations (id, provider, model, request, prompt, seed, status, created_at, favorite)
        VALUES ('aaaa1111', 'cometapi', 'flux-dev',
                '{"model": "flux-dev", "params": {"seed": 9}, "prompt": "an old kite from v1"}',
                'an old kite from v1', 9, 'done', 100.0, 1);
        PRAGMA user_version = 1;
        """
    )
    conn.close()


def test_migrates_a_hand_made_older_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_v1_database(path)
    store = LibraryStore(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        found = store.query(HistoryQuery(text="kite"))
        assert [r.id for r in found] == ["aaaa1111"]
        assert found[0].favorite and found[0].seed == 9 and found[0].status is JobState.DONE
        store.add(make_record("a new kite", status=JobState.DONE))
        assert store.count(HistoryQuery(text="kite")) == 2
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_fresh_database_runs_every_step_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    assert migrate(conn) == len(MIGRATIONS)
    assert migrate(conn) == 0
    assert schema_version(conn) == SCHEMA_VERSION
    conn.close()


def test_a_failing_step_rolls_back_and_keeps_the_old_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    migrate(conn)

    def v_next_add_column(c: sqlite3.Connection) -> None:
        c.execute("ALTER TABLE generations ADD COLUMN rating INTEGER")

    def v_broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, (*MIGRATIONS, v_next_add_column, v_broken))
    # the good step committed; the broken one left nothing behind
    assert schema_version(conn) == SCHEMA_VERSION + 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(generations)")]
    assert "rating" in columns
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    conn.close()


def test_a_newer_schema_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="newer fluxdesk"):
        LibraryStore(path)


def test_v4_moves_the_cost_out_of_extra_into_its_own_column(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    request = '{"model": "flux-dev", "prompt": "a kite", "params": {}}'
    extra = '{"cost": 2.5, "asked_format": "png"}'
    conn.execute(
        "INSERT INTO generations (id, provider, model, request, prompt, seed, status, created_at, extra) "
        "VALUES ('cccc', 'bfl', 'flux-dev', ?, 'a kite', 1, 'done', 5.0, ?)",
        (request, extra),
    )
    conn.close()
    store = LibraryStore(path)
    try:
        record = store.require("cccc")
        assert record.cost == 2.5 and record.extra == {"asked_format": "png"}
        assert record.result_prompt is None and record.input_mp is None
    finally:
        store.close()


def test_a_step_another_process_ran_meanwhile_is_not_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.sqlite3"
    first = sqlite3.connect(path, isolation_level=None)
    migrate(first)  # the other process, done first
    first.close()
    from fluxdesk.library import schema

    real = schema.schema_version
    stale = [0]  # what this process saw before it had the write lock: nothing yet

    def version_seen(conn: sqlite3.Connection) -> int:
        return stale.pop() if stale else real(conn)

    monkeypatch.setattr(schema, "schema_version", version_seen)
    second = sqlite3.connect(path, isolation_level=None)
    try:
        assert schema.migrate(second) == 0
        assert real(second) == SCHEMA_VERSION
    finally:
        second.close()
