"""`LibraryStore`: the synchronous SQLite store under `Library` (also used directly by the CLI and bench).

A store and its connection belong to the thread that opened them (sqlite3's own check enforces it):
`Library` opens its store on its DB thread and does every call there.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from fluxdesk.i18n import N_, _
from fluxdesk.library.errors import UnknownJob
from fluxdesk.library.folding import fold
from fluxdesk.library.lineage import FAMILY_IDS, family_params, insert_lineage, parents_by_child
from fluxdesk.library.owners import NotOwner, Owner, OwnerRow, owner_gone, this_host
from fluxdesk.library.query import (
    HistoryQuery,
    candidate_limit,
    candidate_query,
    filter_terms,
    order_clause,
    sorts_before,
    text_search,
    where_clause,
)
from fluxdesk.library.records import GenerationRecord, JobState, StoredRequest
from fluxdesk.library.schema import MIGRATIONS, Step, migrate

#: the record's columns in `generations` (its parents are rows of `lineage`)
_RECORD_FIELDS = tuple(f.name for f in fields(GenerationRecord) if f.name != "parents")
#: what a record is read from, in `_RECORD_FIELDS`' order (`row_to_record` reads by position)
_RECORD_COLUMNS = ", ".join(_RECORD_FIELDS)
_UPDATABLE = frozenset(_RECORD_FIELDS) - {"id"}
_STATES = {state.value: state for state in JobState}
_RESUMABLE = tuple(s.value for s in JobState if s.is_resumable)
_COLUMNS = (*_RECORD_FIELDS, "prompt", "seed", "search_text")
#: data (N_): said with _() where raised
TAKEN_OVER = N_("Another fluxdesk process has taken this job over; this one left it alone.")


@dataclass(frozen=True)
class TakeOver:
    """What `take_over` found: the rows now owned by the caller, and those another live process drives."""

    taken: list[GenerationRecord]
    elsewhere: list[tuple[GenerationRecord, OwnerRow]]


#: the saved generation whose image has these bytes: the newest, trashed ones last
_BY_SHA256 = (
    f"SELECT {_RECORD_COLUMNS} FROM generations WHERE sha256 = ? AND file IS NOT NULL "
    "ORDER BY deleted_at IS NOT NULL, created_at DESC, seq DESC LIMIT 1"
)


def record_to_row(record: GenerationRecord) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(record, name) for name in _RECORD_FIELDS}
    row["request"] = record.request.to_json()
    row["status"] = JobState(record.status).value
    row["favorite"] = 1 if record.favorite else 0
    row["extra"] = json.dumps(record.extra or {}, sort_keys=True, default=str)
    row["prompt"] = record.request.prompt
    row["seed"] = record.request.seed
    row["search_text"] = fold(record.request.prompt)  # what search looks in (query.text_search)
    return row


def _owner_row(row: sqlite3.Row) -> OwnerRow:
    return OwnerRow(
        row["token"], row["host"], int(row["pid"]), row["proc_start"], row["label"] or "",
        float(row["started_at"]), float(row["lease_until"]),
    )


def row_to_record(row: Sequence[Any], parents: tuple[str, ...] = ()) -> GenerationRecord:
    """The record of a row that starts with `_RECORD_COLUMNS`, read by position (a page builds 200 of
    these, and sqlite3.Row's lookups by name cost as much as the rest); its request is decoded when first
    read (`records.StoredRequest`)."""
    values: dict[str, Any] = dict(zip(_RECORD_FIELDS, row, strict=False))  # a page's rows add their seq
    values["request"] = StoredRequest(values["request"])
    status = values["status"]
    values["status"] = _STATES.get(status) or JobState(status)  # an unknown one raises as before
    values["favorite"] = bool(values["favorite"])
    extra = values["extra"]
    values["extra"] = json.loads(extra) if extra and extra != "{}" else {}
    values["parents"] = parents
    return GenerationRecord.from_fields(values)


_ID = _RECORD_FIELDS.index("id")


def rows_to_records(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> list[GenerationRecord]:
    """Records of these rows (each starting with `_RECORD_COLUMNS`), each with its parents (one more
    query for all of them)."""
    rows = list(rows)
    if not rows:
        return []
    parents = parents_by_child(conn, (r[_ID] for r in rows))
    return [row_to_record(r, parents.get(r[_ID], ())) for r in rows]


class LibraryStore:
    """The generations table, its full-text index and the queries the app needs."""

    def __init__(
        self, db_path: Path, *, migrations: Sequence[Step] = MIGRATIONS, timeout: float = 10.0
    ) -> None:
        self.path = Path(db_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout)
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            migrate(self._conn, migrations)
        except BaseException:
            self._conn.close()
            raise

    def verify_readable(self) -> None:
        """Read the schema and the newest rows' pages: a damaged file fails here, at open, and not at
        the first query (raises sqlite3.DatabaseError)."""
        self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        self._conn.execute("SELECT * FROM generations ORDER BY seq DESC LIMIT 20").fetchall()

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        try:
            self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        try:
            self._conn.close()
        except sqlite3.Error:  # a damaged or vanished file: there is nothing left to keep
            pass

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error); nested use joins the outer transaction.

        `durable=True` commits with synchronous=FULL: for the row that makes a result "saved".
        """
        conn = self._conn
        if conn.in_transaction:
            yield conn
            return
        if durable:
            conn.execute("PRAGMA synchronous=FULL")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            if durable:
                conn.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several SELECTs see one state of the database (joins an outer transaction)."""
        conn = self._conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    # -- jobs ---------------------------------------------------------------------------------------

    def add(self, record: GenerationRecord) -> None:
        row = record_to_row(record)
        names = ", ".join(_COLUMNS)
        marks = ", ".join(f":{n}" for n in _COLUMNS)
        with self.transaction():
            self._conn.execute(f"INSERT INTO generations ({names}) VALUES ({marks})", row)
            insert_lineage(self._conn, record.id, record.parents)

    def _records(self, rows: Iterable[Sequence[Any]]) -> list[GenerationRecord]:
        return rows_to_records(self._conn, rows)

    def _record(self, row: Sequence[Any] | None) -> GenerationRecord | None:
        return self._records([row])[0] if row is not None else None

    def _records_of(self, seqs: Sequence[int]) -> list[GenerationRecord]:
        """The records of the rows with these seqs, in this order (one query for all of them, one for
        their parents)."""
        if not seqs:
            return []
        rows = self._conn.execute(
            f"SELECT {_RECORD_COLUMNS}, seq FROM generations WHERE seq IN (SELECT value FROM json_each(?))",
            (json.dumps(list(seqs)),),
        ).fetchall()
        by_seq = {row[-1]: row for row in rows}
        return self._records(by_seq[seq] for seq in seqs if seq in by_seq)

    def get(self, job_id: str) -> GenerationRecord | None:
        row = self._conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM generations WHERE id = ?", (job_id,)
        ).fetchone()
        return self._record(row)

    def require(self, job_id: str) -> GenerationRecord:
        record = self.get(job_id)
        if record is None:
            raise UnknownJob(_("There is no generation {job_id} in the library.").format(job_id=job_id))
        return record

    def update(
        self, job_id: str, *, durable: bool = False, as_owner: str | None = None, **changes: Any
    ) -> GenerationRecord:
        """Change some fields of a job's row and return the new record.

        `as_owner`: the write is the engine's, for the owner with this token; if the row has another owner
        now (it was taken over), nothing is written and `NotOwner` is raised.
        """
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise TypeError(f"not a GenerationRecord field: {', '.join(sorted(unknown))}")
        with self.transaction(durable=durable):
            before = self.require(job_id)
            if as_owner is not None and before.owner != as_owner:
                raise NotOwner(_(TAKEN_OVER))
            record = before.evolve(**changes)
            old_row, row = record_to_row(before), record_to_row(record)
            # only the columns that changed: an untouched prompt must not churn the FTS index
            names = [n for n in _COLUMNS if n != "id" and row[n] != old_row[n]]
            if names:
                sets = ", ".join(f"{n} = :{n}" for n in names)
                self._conn.execute(f"UPDATE generations SET {sets} WHERE id = :id", row)
        return record

    def by_sha256(self, sha256: str) -> GenerationRecord | None:
        """The saved generation whose image has these bytes (the newest, trashed ones last), if any."""
        return self._record(self._conn.execute(_BY_SHA256, (sha256.lower(),)).fetchone())

    def unfinished(self) -> list[GenerationRecord]:
        """Rows a resume would pick up (`JobState.is_resumable`), whoever owns them, oldest first."""
        marks = ", ".join("?" for _ in _RESUMABLE)
        rows = self._conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM generations WHERE status IN ({marks}) ORDER BY created_at, seq",
            _RESUMABLE,
        ).fetchall()
        return self._records(rows)

    def with_status(self, states: Iterable[JobState]) -> list[GenerationRecord]:
        """Rows in any of these states, oldest first (`fluxdesk retry --all`)."""
        values = [JobState(s).value for s in states]
        if not values:
            return []
        marks = ", ".join("?" for _ in values)
        rows = self._conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM generations WHERE status IN ({marks}) ORDER BY created_at, seq",
            values,
        ).fetchall()
        return self._records(rows)

    # -- owners (library/owners.py) -----------------------------------------------------------------

    def register_owner(self, owner: Owner, *, now: float, lease_until: float) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO owners (token, host, pid, proc_start, label, started_at, "
                "lease_until) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (owner.token, owner.host, owner.pid, owner.proc_start, owner.label, now, lease_until),
            )

    def renew_owner(self, token: str, *, lease_until: float) -> bool:
        """Extend the lease; False when the owners row is gone (the caller registers again)."""
        with self.transaction():
            cur = self._conn.execute(
                "UPDATE owners SET lease_until = ? WHERE token = ?", (lease_until, token)
            )
        return cur.rowcount == 1

    def release_owner(self, token: str) -> int:
        """The owner stops: its jobs are nobody's (a resume may take them at once); returns how many."""
        with self.transaction():
            cur = self._conn.execute("UPDATE generations SET owner = NULL WHERE owner = ?", (token,))
            self._conn.execute("DELETE FROM owners WHERE token = ?", (token,))
        return cur.rowcount

    def owner_row(self, token: str | None) -> OwnerRow | None:
        if token is None:
            return None
        row = self._conn.execute("SELECT * FROM owners WHERE token = ?", (token,)).fetchone()
        return _owner_row(row) if row else None

    def take_over(
        self, token: str, *, now: float, ids: Sequence[str] | None = None, host: str | None = None
    ) -> TakeOver:
        """Own the jobs whose owner is gone: the resumable ones, or the rows `ids` (any state, for a retry).

        Each row is taken with a compare-and-swap (`owner IS <the owner seen>`), inside one write
        transaction: of two processes taking over at once, one gets each job and the other sees it owned.
        Rows this token owns already count as taken; rows of a live owner come back in `elsewhere`.
        A gone owner left with no job to finish is forgotten.
        """
        taken: list[GenerationRecord] = []
        elsewhere: list[tuple[GenerationRecord, OwnerRow]] = []
        with self.transaction():
            candidates = self.unfinished() if ids is None else self.records(ids)
            others = {r.owner for r in candidates if r.owner and r.owner != token}
            live = self._owners_alive(others, now, host)
            for record in candidates:
                if record.owner == token:
                    taken.append(record)
                    continue
                row = live.get(record.owner) if record.owner else None
                if row is not None:
                    elsewhere.append((record, row))
                    continue
                cur = self._conn.execute(
                    "UPDATE generations SET owner = ? WHERE id = ? AND owner IS ?",
                    (token, record.id, record.owner),
                )
                if cur.rowcount == 1:
                    taken.append(record.evolve(owner=token))
            self._forget_gone_owners(now, host)
        return TakeOver(taken, elsewhere)

    def left_behind(self, *, now: float, host: str | None = None) -> list[GenerationRecord]:
        """The resumable rows whose owner is gone (what a resume would take over), without taking them."""
        rows = self.unfinished()
        live = self._owners_alive({r.owner for r in rows if r.owner}, now, host)
        return [r for r in rows if not (r.owner and r.owner in live)]

    def _owners_alive(self, tokens: Iterable[str], now: float, host: str | None) -> dict[str, OwnerRow]:
        """Of these owner tokens, the rows of those still alive (by `owner_gone`)."""
        alive: dict[str, OwnerRow] = {}
        for token in tokens:
            row = self.owner_row(token)
            if row is not None and not owner_gone(row, now, host=host or this_host()):
                alive[token] = row
        return alive

    def _forget_gone_owners(self, now: float, host: str | None) -> None:
        """Owners that are gone and have no job left to finish: their rows go, their tokens leave the jobs."""
        marks = ", ".join("?" for _ in _RESUMABLE)
        rows = self._conn.execute("SELECT * FROM owners").fetchall()
        for row in rows:
            owner = _owner_row(row)
            if not owner_gone(owner, now, host=host or this_host()):
                continue
            busy = self._conn.execute(
                f"SELECT 1 FROM generations WHERE owner = ? AND status IN ({marks}) LIMIT 1",
                (owner.token, *_RESUMABLE),
            ).fetchone()
            if busy is None:
                self._conn.execute("UPDATE generations SET owner = NULL WHERE owner = ?", (owner.token,))
                self._conn.execute("DELETE FROM owners WHERE token = ?", (owner.token,))

    def resolve(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Ids that start with `prefix` (the CLI accepts a unique prefix)."""
        text = prefix.strip().lower()
        if not text or any(c in text for c in "%_\\"):
            return []
        rows = self._conn.execute(
            "SELECT id FROM generations WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (text, text + "\uffff", limit),
        ).fetchall()
        return [r["id"] for r in rows]

    # -- history ------------------------------------------------------------------------------------

    def query(self, q: HistoryQuery, *, offset: int = 0, limit: int = 200) -> list[GenerationRecord]:
        with self.snapshot():
            where, params = where_clause(q, within=self._candidates(q))
            # the page's seqs first, from the indexes (a sort, when there is one, moves no wide rows),
            # then the page's rows
            sql = f"SELECT g.seq FROM generations AS g{where}{order_clause(q)} LIMIT ? OFFSET ?"
            rows = self._conn.execute(sql, [*params, max(0, limit), max(0, offset)]).fetchall()
            return self._records_of([row[0] for row in rows])

    def count(self, q: HistoryQuery) -> int:
        with self.snapshot():
            where, params = where_clause(q, within=self._candidates(q))
            return int(
                self._conn.execute(f"SELECT count(*) FROM generations AS g{where}", params).fetchone()[0]
            )

    def _candidates(self, q: HistoryQuery) -> list[int] | None:
        """The seqs of the rows that may hold q's words, when the trigram index finds few enough to look
        each up (`query.candidate_limit`); None when there are more, or no words it can find (the query
        then checks each row it passes)."""
        search = text_search(q.text)
        found = candidate_query(search) if search is not None else None
        if found is None:
            return None
        sql, params = found
        last = self._conn.execute("SELECT max(seq) FROM generations").fetchone()[0]
        limit = candidate_limit(int(last or 0))
        rows = self._conn.execute(f"{sql} LIMIT ?", [*params, limit + 1]).fetchall()
        return [row[0] for row in rows] if len(rows) <= limit else None

    def placements(self, q: HistoryQuery, ids: Iterable[str]) -> dict[str, int | None]:
        """Where each row is in q's results: its index in q's order (what `query` would give it at offset
        0), or None when it is not in them (filtered out, or no such row).

        The same filter as `query` (`filter_terms`) and the same order (`sorts_before` is generated from
        the keys ORDER BY is): a view that places a new or changed row by this never disagrees with its
        next page.
        """
        terms, params = filter_terms(q)
        member = "SELECT g.seq FROM generations AS g WHERE " + " AND ".join([*terms, "g.id = ?"])
        found: dict[str, int | None] = {}
        ahead: tuple[str, list[Any]] | None = None
        with self.snapshot():
            for job_id in ids:
                row = self._conn.execute(member, [*params, job_id]).fetchone()
                if row is None:  # most changed rows, in a search: one row checked, nothing counted
                    found[job_id] = None
                    continue
                if ahead is None:  # the rows before it are counted over the search's candidates, if any
                    before, values = filter_terms(q, within=self._candidates(q))
                    ahead = ("SELECT count(*) FROM generations AS g, generations AS t WHERE "
                             + " AND ".join([*before, "t.seq = ?", sorts_before(q, "g", "t")]), values)
                sql, values = ahead
                found[job_id] = int(self._conn.execute(sql, [*values, row[0]]).fetchone()[0])
        return found

    def placement(self, q: HistoryQuery, job_id: str) -> int | None:
        return self.placements(q, [job_id])[job_id]

    def records(self, ids: Iterable[str]) -> list[GenerationRecord]:
        """The rows of these ids that exist, in the order given."""
        found = []
        for job_id in ids:
            record = self.get(job_id)
            if record is not None:
                found.append(record)
        return found

    # -- lineage (library/lineage.py) ---------------------------------------------------------------

    def sha256s(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The sha256 of each of these ids' saved image (None: no such row, or no image yet)."""
        found: dict[str, str | None] = {}
        for job_id in dict.fromkeys(ids):
            row = self._conn.execute(
                "SELECT sha256 FROM generations WHERE id = ? AND file IS NOT NULL", (job_id,)
            ).fetchone()
            found[job_id] = row[0] if row is not None else None
        return found

    def parents_of(self, job_id: str) -> list[GenerationRecord]:
        """The rows a generation was made from, in input order, each once (deleted ones left out)."""
        parents = parents_by_child(self._conn, [job_id]).get(job_id, ())
        return self.records(dict.fromkeys(parents))

    def children(self, job_id: str) -> list[GenerationRecord]:
        """The rows made from this one (any state, trashed included), oldest first."""
        rows = self._conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM generations AS g "
            "WHERE g.id IN (SELECT child FROM lineage WHERE parent = ?) ORDER BY g.created_at, g.seq",
            (job_id,),
        ).fetchall()
        return self._records(rows)

    def family(self, job_id: str) -> list[GenerationRecord]:
        """The row itself, its ancestors and its descendants (bounded depth), oldest first; [] when
        there is no such row."""
        rows = self._conn.execute(
            f"SELECT {_RECORD_COLUMNS} FROM generations AS g WHERE g.id IN ({FAMILY_IDS}) "
            "ORDER BY g.created_at, g.seq",
            family_params(job_id),
        ).fetchall()
        return self._records(rows)

    def set_favorite(self, ids: Iterable[str], value: bool) -> int:
        return self._update_many("UPDATE generations SET favorite = ? WHERE id = ?", ids, 1 if value else 0)

    def trash(self, ids: Iterable[str], *, when: float | None = None) -> int:
        stamp = time.time() if when is None else when
        return self._update_many(
            "UPDATE generations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", ids, stamp
        )

    def restore(self, ids: Iterable[str]) -> int:
        return self._update_many("UPDATE generations SET deleted_at = ? WHERE id = ?", ids, None)

    def _update_many(self, sql: str, ids: Iterable[str], value: Any) -> int:
        changed = 0
        with self.transaction():
            for job_id in ids:
                changed += self._conn.execute(sql, (value, job_id)).rowcount
        return changed

    def trashed(self) -> list[GenerationRecord]:
        sql = f"SELECT {_RECORD_COLUMNS} FROM generations WHERE deleted_at IS NOT NULL ORDER BY seq"
        return self._records(self._conn.execute(sql).fetchall())

    def take_trash(self) -> tuple[int, list[str], list[str]]:
        """Delete the trashed rows; returns (how many, their files, sha256s no longer used by any row).

        The caller removes those files afterwards: a crash in between leaves only stray files, never a
        row pointing nowhere.
        """
        with self.transaction():
            rows = self._conn.execute(
                "SELECT file, sha256 FROM generations WHERE deleted_at IS NOT NULL"
            ).fetchall()
            self._conn.execute("DELETE FROM generations WHERE deleted_at IS NOT NULL")
            shas = {r["sha256"] for r in rows if r["sha256"]}
            unused = [
                sha for sha in sorted(shas)
                if self._conn.execute("SELECT 1 FROM generations WHERE sha256 = ? LIMIT 1", (sha,)).fetchone()
                is None
            ]
        return len(rows), [r["file"] for r in rows if r["file"]], unused

    def recent_prompts(self, text: str = "", *, limit: int = 20) -> list[str]:
        """Distinct prompts, most recently used first; `text` filters them like the history search."""
        q = HistoryQuery(text=text, only_done=False)
        where, params = where_clause(q, within=self._candidates(q))
        rows = self._conn.execute(
            f"SELECT g.prompt, max(g.created_at) AS last FROM generations AS g{where} "
            "GROUP BY g.prompt ORDER BY last DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [r["prompt"] for r in rows if r["prompt"]]

    # -- health -------------------------------------------------------------------------------------

    def files(self) -> set[str]:
        rows = self._conn.execute("SELECT file FROM generations WHERE file IS NOT NULL").fetchall()
        return {r["file"] for r in rows}

    def integrity_check(self) -> str:
        rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(r[0]) for r in rows)

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])


def lookup_sha256(db_path: Path, sha256: str) -> GenerationRecord | None:
    """`by_sha256` on a read-only connection opened for this one question; None when the database is
    absent or cannot be read (a recall must work without the library)."""
    if not Path(db_path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return None
    try:
        conn.row_factory = sqlite3.Row
        row = conn.execute(_BY_SHA256, (sha256.lower(),)).fetchone()
        if row is None:
            return None
        try:
            return rows_to_records(conn, [row])[0]
        except sqlite3.OperationalError:  # a library older than lineage
            return row_to_record(row)
    except (sqlite3.Error, ValueError, KeyError):
        return None
    finally:
        conn.close()
