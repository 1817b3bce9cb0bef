"""The library's SQLite schema and its migrations, keyed on `PRAGMA user_version`.

Each step takes the schema from version N to N+1 and runs in the same transaction as the bump of
`user_version`, so a failed step leaves the database as it was. Never edit a released step: add one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from fluxdesk.i18n import _
from fluxdesk.library.errors import LibraryError
from fluxdesk.library.folding import fold

Step = Callable[[sqlite3.Connection], None]
#: FTS5's trigram tokenizer came with SQLite 3.34 (Python 3.11's own builds bring 3.39 or newer)
TRIGRAM_SQLITE = (3, 34, 0)


def _v1_generations(conn: sqlite3.Connection) -> None:
    # seq is an explicit INTEGER PRIMARY KEY so that the FTS index's rowids survive VACUUM
    _run_script(
        conn,
        """
        CREATE TABLE generations (
            seq          INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            provider     TEXT NOT NULL,
            task_id      TEXT,
            polling_url  TEXT,
            model        TEXT NOT NULL,
            request      TEXT NOT NULL,
            prompt       TEXT NOT NULL,
            seed         INTEGER,
            status       TEXT NOT NULL,
            error_code   TEXT,
            error        TEXT,
            created_at   REAL NOT NULL,
            submitted_at REAL,
            ready_at     REAL,
            saved_at     REAL,
            file         TEXT,
            width        INTEGER,
            height       INTEGER,
            format       TEXT,
            bytes        INTEGER,
            sha256       TEXT,
            favorite     INTEGER NOT NULL DEFAULT 0,
            deleted_at   REAL,
            progress     REAL,
            extra        TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX idx_generations_created_at ON generations(created_at);
        CREATE INDEX idx_generations_model ON generations(model, created_at);
        CREATE INDEX idx_generations_favorite ON generations(favorite, created_at);
        CREATE INDEX idx_generations_status ON generations(status);
        CREATE INDEX idx_generations_deleted_at ON generations(deleted_at);
        CREATE INDEX idx_generations_sha256 ON generations(sha256);
        """
    )


def _v2_prompt_search(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE VIRTUAL TABLE generations_fts USING fts5(
            prompt, content='generations', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations BEGIN
            INSERT INTO generations_fts(rowid, prompt) VALUES (new.seq, new.prompt);
        END;
        CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN
            INSERT INTO generations_fts(generations_fts, rowid, prompt)
                VALUES ('delete', old.seq, old.prompt);
        END;
        CREATE TRIGGER generations_fts_update AFTER UPDATE OF prompt ON generations BEGIN
            INSERT INTO generations_fts(generations_fts, rowid, prompt)
                VALUES ('delete', old.seq, old.prompt);
            INSERT INTO generations_fts(rowid, prompt) VALUES (new.seq, new.prompt);
        END;
        INSERT INTO generations_fts(generations_fts) VALUES ('rebuild');
        CREATE INDEX idx_generations_visible ON generations(status, deleted_at, created_at);
        CREATE INDEX idx_generations_prompt ON generations(prompt COLLATE NOCASE);
        """
    )


def _v3_prompt_sort_index(conn: sqlite3.Connection) -> None:
    # the history's "prompt" sort breaks ties newest first: an index in exactly that order avoids a sort
    _run_script(
        conn,
        """
        DROP INDEX IF EXISTS idx_generations_prompt;
        CREATE INDEX idx_generations_prompt_sort
            ON generations(status, deleted_at, prompt COLLATE NOCASE, created_at DESC, seq DESC);
        """,
    )


def _v4_what_the_provider_reported(conn: sqlite3.Connection) -> None:
    """Cost, megapixels and the prompt and seed the provider used become columns (cost was in `extra`)."""
    _run_script(
        conn,
        """
        ALTER TABLE generations ADD COLUMN cost REAL;
        ALTER TABLE generations ADD COLUMN input_mp REAL;
        ALTER TABLE generations ADD COLUMN output_mp REAL;
        ALTER TABLE generations ADD COLUMN result_prompt TEXT;
        ALTER TABLE generations ADD COLUMN result_seed INTEGER;
        UPDATE generations SET cost = json_extract(extra, '$.cost'), extra = json_remove(extra, '$.cost')
            WHERE json_type(extra, '$.cost') IN ('integer', 'real');
        CREATE INDEX idx_generations_spend ON generations(created_at) WHERE cost IS NOT NULL;
        """,
    )


def _v5_job_owners(conn: sqlite3.Connection) -> None:
    """Each job has an owner: the process driving it (`library/owners.py`). Several processes share a
    library; a process only drives the jobs it owns, and takes over only those whose owner is gone."""
    _run_script(
        conn,
        """
        CREATE TABLE owners (
            token       TEXT PRIMARY KEY,
            host        TEXT NOT NULL,
            pid         INTEGER NOT NULL,
            proc_start  TEXT,
            label       TEXT NOT NULL DEFAULT '',
            started_at  REAL NOT NULL,
            lease_until REAL NOT NULL
        );
        ALTER TABLE generations ADD COLUMN owner TEXT;
        CREATE INDEX idx_generations_owner ON generations(owner) WHERE owner IS NOT NULL;
        """,
    )


def search_in_every_script(conn: sqlite3.Connection) -> None:
    """Search finds a word inside longer ones in every script: a trigram index over a folded copy of
    the prompt (`search_text`, kept by the store), in place of the word index of step 2, and a plain
    index on that copy, which words too short for trigrams scan instead of the wide rows.

    Self-contained and safe to run again: it checks what is there instead of trusting the version
    number, so its place among the steps does not matter.
    """
    if sqlite3.sqlite_version_info < TRIGRAM_SQLITE:
        raise LibraryError(
            _("This library needs SQLite {needed} or newer for its search, and this Python has SQLite "
              "{found}: use a newer Python build to open it.").format(
                needed=".".join(map(str, TRIGRAM_SQLITE)), found=sqlite3.sqlite_version)
        )
    columns = {row[1] for row in conn.execute("PRAGMA table_info(generations)")}
    if "search_text" not in columns:
        conn.execute("ALTER TABLE generations ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    _run_script(
        conn,
        """
        DROP TRIGGER IF EXISTS generations_fts_insert;
        DROP TRIGGER IF EXISTS generations_fts_delete;
        DROP TRIGGER IF EXISTS generations_fts_update;
        DROP TABLE IF EXISTS generations_fts;
        DROP TRIGGER IF EXISTS generations_search_insert;
        DROP TRIGGER IF EXISTS generations_search_delete;
        DROP TRIGGER IF EXISTS generations_search_update;
        DROP TABLE IF EXISTS generations_search;
        DROP INDEX IF EXISTS idx_generations_search_text;
        """,
    )
    rows = conn.execute("SELECT seq, prompt FROM generations").fetchall()
    conn.executemany(
        "UPDATE generations SET search_text = ? WHERE seq = ?", [(fold(row[1] or ""), row[0]) for row in rows]
    )
    # the fold is done in Python, so the tokenizer folds nothing (trigram's remove_diacritics would need
    # SQLite 3.45, and it knows nothing of Arabic or width)
    _run_script(
        conn,
        """
        CREATE VIRTUAL TABLE generations_search USING fts5(
            search_text, content='generations', content_rowid='seq', tokenize='trigram case_sensitive 1'
        );
        CREATE TRIGGER generations_search_insert AFTER INSERT ON generations BEGIN
            INSERT INTO generations_search(rowid, search_text) VALUES (new.seq, new.search_text);
        END;
        CREATE TRIGGER generations_search_delete AFTER DELETE ON generations BEGIN
            INSERT INTO generations_search(generations_search, rowid, search_text)
                VALUES ('delete', old.seq, old.search_text);
        END;
        CREATE TRIGGER generations_search_update AFTER UPDATE OF search_text ON generations BEGIN
            INSERT INTO generations_search(generations_search, rowid, search_text)
                VALUES ('delete', old.seq, old.search_text);
            INSERT INTO generations_search(rowid, search_text) VALUES (new.seq, new.search_text);
        END;
        INSERT INTO generations_search(generations_search) VALUES ('rebuild');
        CREATE INDEX idx_generations_search_text ON generations(search_text);
        """,
    )


def _v7_lineage(conn: sqlite3.Connection) -> None:
    """What each generation was made from: one row per input image, in input order (`parents`).

    Its own table, not a column, so that "what was made from this image" is an index lookup
    (`idx_lineage_parent`), as are the ancestors and descendants a family view walks. A child's rows go
    with it (ON DELETE CASCADE); a parent deleted for good leaves its id in its children's rows, which
    still say what they were made from. Existing rows have no parents. Self-contained (IF NOT EXISTS),
    so the step may be renumbered among others.
    """
    _run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS lineage (
            child    TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            parent   TEXT NOT NULL,
            PRIMARY KEY (child, position)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS idx_lineage_parent ON lineage(parent, child);
        """,
    )


def search_walk_index(conn: sqlite3.Connection) -> None:
    """Search checks a common word in each row the history's order passes, until a page is found, and
    counts by checking every row: indexes in the history's orders (newest/oldest, prompt) that also hold
    the gallery's filters (model, favorite) and the folded prompt do both without reading the wide rows.
    They replace `idx_generations_visible` and `idx_generations_prompt_sort` (their first columns, in the
    same order), the plain index on `search_text` (a scan of the folded prompts reads these) and
    `idx_generations_model`, which the planner would take for a model filter and then read the wide row
    of every generation of that model.

    Self-contained (IF EXISTS / IF NOT EXISTS): it needs only the `search_text` column.
    """
    _run_script(
        conn,
        """
        DROP INDEX IF EXISTS idx_generations_visible;
        DROP INDEX IF EXISTS idx_generations_prompt_sort;
        DROP INDEX IF EXISTS idx_generations_search_text;
        DROP INDEX IF EXISTS idx_generations_model;
        CREATE INDEX IF NOT EXISTS idx_generations_prompt_walk ON generations(
            status, deleted_at, prompt COLLATE NOCASE, created_at DESC, seq DESC, model, favorite, search_text
        );
        CREATE INDEX IF NOT EXISTS idx_generations_search_walk ON generations(
            status, deleted_at, created_at, seq, model, favorite, search_text
        );
        """,
    )
    # the planner weighs these indexes against the others by their statistics: a library that has them
    # (PRAGMA optimize at each close) gets these ones' too, or they would be judged by guesses
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is not None:
        conn.execute("ANALYZE idx_generations_prompt_walk")
        conn.execute("ANALYZE idx_generations_search_walk")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would COMMIT the migration's transaction first."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:60]}")


MIGRATIONS: tuple[Step, ...] = (
    _v1_generations,
    _v2_prompt_search,
    _v3_prompt_sort_index,
    _v4_what_the_provider_reported,
    _v5_job_owners,
    search_in_every_script,
    _v7_lineage,
    search_walk_index,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, steps: Sequence[Step] = MIGRATIONS) -> int:
    """Bring the schema up to `len(steps)`; returns the number of steps run.

    `conn` must be in autocommit mode (isolation_level=None): each step gets its own transaction.
    """
    _check_known(schema_version(conn), steps)
    ran = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # read under the write lock: another process opening the same library may have run this
            # step (or all of them) since the last look, and a step must never run twice
            version = schema_version(conn)
            _check_known(version, steps)
            if version == len(steps):
                conn.execute("COMMIT")
                return ran
            steps[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        ran += 1


def _check_known(version: int, steps: Sequence[Step]) -> None:
    if version > len(steps):
        raise LibraryError(
            _("This library was written by a newer fluxdesk (schema {version}; this one knows {known}): "
              "update fluxdesk to open it.").format(version=version, known=len(steps))
        )

