"""What the history view asks for (`HistoryQuery`) and how it becomes SQL, full-text search included."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from fluxdesk.library.lineage import FAMILY_IDS, family_params
from fluxdesk.library.records import JobState


@dataclass(frozen=True)
class SortKey:
    """One key of a sort order: a NOT NULL column of `generations` (NULLs would need a rule of their own)."""

    column: str
    descending: bool = False
    nocase: bool = False

    def of(self, alias: str) -> str:
        return f"{alias}.{self.column}" + (" COLLATE NOCASE" if self.nocase else "")


#: every sort's keys, the one definition both ORDER BY and "sorts before" are generated from; each
#: ends with seq (unique), so the order is total and a row's place in it is well defined
SORT_KEYS: dict[str, tuple[SortKey, ...]] = {
    "newest": (SortKey("created_at", descending=True), SortKey("seq", descending=True)),
    "oldest": (SortKey("created_at"), SortKey("seq")),
    "prompt": (
        SortKey("prompt", nocase=True),
        SortKey("created_at", descending=True),
        SortKey("seq", descending=True),
    ),
}
SORTS = tuple(SORT_KEYS)
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class HistoryQuery:
    """A filter over the history. `text` is what the user typed: words all must match; `kit*` is a prefix."""

    text: str = ""
    model: str | None = None
    favorites: bool = False
    since: float | None = None  # created_at >= since
    until: float | None = None  # created_at < until
    sort: str = "newest"
    include_trashed: bool = False
    only_done: bool = True
    only_trashed: bool = False  # the trash view
    family: str | None = None  # only this record, its ancestors and its descendants (`library.lineage`)

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not '{self.sort}'")


def fts_match(text: str) -> str | None:
    """User text -> a safe FTS5 MATCH expression, or None when it holds no searchable word.

    Every word is quoted (so `"`, `-`, `:`, `AND`, `NEAR(` are plain text, never syntax); a trailing
    `*` on a word asks for prefix matching. Words are ANDed.
    """
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = raw.rstrip("*")
        if not _WORD.search(word):
            continue
        quoted = '"' + word.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) if terms else None


def symbol_terms(text: str) -> list[str]:
    """The words of user text that hold no letter or digit (an emoji, "→", "#"): the full-text index
    does not see them, so they are matched as plain substrings of the prompt (LIKE), never ignored."""
    found = []
    for raw in text.split():
        word = raw.rstrip("*") or raw
        if not _WORD.search(word) and word not in found:
            found.append(word)
    return found


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(q: HistoryQuery) -> tuple[str, list[Any]]:
    """The WHERE clause (over alias `g`) and its parameters."""
    parts, params = filter_terms(q)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def filter_terms(q: HistoryQuery) -> tuple[list[str], list[Any]]:
    """What a row must satisfy to be in q's results: SQL terms (ANDed, over alias `g`), their parameters."""
    parts: list[str] = []
    params: list[Any] = []
    if q.only_done:
        parts.append("g.status = ?")
        params.append(JobState.DONE.value)
    if q.only_trashed:
        parts.append("g.deleted_at IS NOT NULL")
    elif not q.include_trashed:
        parts.append("g.deleted_at IS NULL")
    if q.model:
        parts.append("g.model = ?")
        params.append(q.model)
    if q.favorites:
        parts.append("g.favorite = 1")
    if q.since is not None:
        parts.append("g.created_at >= ?")
        params.append(q.since)
    if q.until is not None:
        parts.append("g.created_at < ?")
        params.append(q.until)
    if q.family:
        parts.append(f"g.id IN ({FAMILY_IDS})")
        params.extend(family_params(q.family))
    match = fts_match(q.text)
    if match is not None:
        parts.append("g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)")
        params.append(match)
    for symbols in symbol_terms(q.text):
        parts.append("g.prompt LIKE ? ESCAPE '\\'")
        params.append(_like_pattern(symbols))
    return parts, params


def order_clause(q: HistoryQuery) -> str:
    keys = SORT_KEYS[q.sort]
    return " ORDER BY " + ", ".join(f"{k.of('g')} {'DESC' if k.descending else 'ASC'}" for k in keys)


def sorts_before(q: HistoryQuery, row: str = "g", other: str = "t") -> str:
    """SQL that is true when row `row` comes before row `other` in q's order, exactly as ORDER BY puts them.

    Lexicographic over the same keys: an earlier key decides, a tie passes to the next, seq last.
    """
    keys = SORT_KEYS[q.sort]
    terms = []
    for i, key in enumerate(keys):
        ties = [f"{k.of(row)} = {k.of(other)}" for k in keys[:i]]
        ahead = f"{key.of(row)} {'>' if key.descending else '<'} {key.of(other)}"
        terms.append("(" + " AND ".join([*ties, ahead]) + ")")
    return "(" + " OR ".join(terms) + ")"


# ---- dates, as people write them -------------------------------------------------------------------

_RELATIVE = re.compile(r"^(\d+)\s*([hdw])$")
_UNIT_SECONDS = {"h": 3600, "d": 86400, "w": 7 * 86400}


def local_midnight(when: datetime.datetime) -> datetime.datetime:
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


def parse_when(text: str, *, now: datetime.datetime | None = None, end_of_day: bool = False) -> float:
    """A moment from what a person types: 2026-11-23, 2026-11-23T14:30, today, yesterday, 12h, 7d, 2w.

    Dates are local. With `end_of_day`, a plain date means the end of that day (for "until").
    Raises ValueError with one plain sentence.
    """
    now = now or datetime.datetime.now().astimezone()
    word = text.strip().lower()
    day: datetime.datetime | None = None
    if word in ("today", "yesterday"):
        day = local_midnight(now) - datetime.timedelta(days=1 if word == "yesterday" else 0)
    elif (m := _RELATIVE.match(word)) is not None:
        return now.timestamp() - int(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    else:
        try:
            parsed = datetime.datetime.fromisoformat(text.strip())
        except ValueError:
            raise ValueError(
                f"'{text}' is not a date: use 2026-11-23, 2026-11-23T14:30, today, yesterday, 12h, 7d or 2w."
            ) from None
        if parsed.tzinfo is None:
            parsed = parsed.astimezone()  # local time
        if len(text.strip()) > 10:  # a date and a time: that very moment
            return parsed.timestamp()
        day = parsed
    if end_of_day:
        day = day + datetime.timedelta(days=1)
    return day.timestamp()
