"""What the history view asks for (`HistoryQuery`) and how it becomes SQL, the prompt search included."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fluxdesk.i18n import _
from fluxdesk.library.folding import fold
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


@dataclass(frozen=True)
class HistoryQuery:
    """A filter over the history. `text` is what the user typed: every word must occur in the prompt,
    also inside a longer word (`text_search`)."""

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


#: the trigram index finds substrings of this many characters or more; shorter words (猫, 개, 🐉) are
#: looked for in the folded column directly
MIN_INDEXED_CHARS = 3


@dataclass(frozen=True)
class TextSearch:
    """What a search text asks for: every word of `words`, folded, must occur in the folded prompt
    (anywhere, also inside a longer word). `match` is the FTS5 expression for the words the trigram index
    can find (None when there are none); `scanned` are the shorter ones."""

    words: tuple[str, ...]
    match: str | None
    scanned: tuple[str, ...]


def search_words(text: str) -> list[str]:
    """The words of a search text, folded as prompts are (`folding.fold`), each once, in order.

    Words are what white space separates; punctuation inside a word folds to a space, so a word may
    be a phrase (`sci-fi` -> `sci fi`); a word of punctuation only (`*`, `"`, `--`) is no word. A
    trailing `*` (the old prefix syntax) is such punctuation: finding words inside longer ones already
    finds every prefix.
    """
    words: list[str] = []
    for raw in text.split():
        word = fold(raw)
        if word and word not in words:
            words.append(word)
    return words


def text_search(text: str) -> TextSearch | None:
    """The search for what the user typed, or None when it holds no word (then nothing is filtered).

    Each word of the trigram index becomes a quoted FTS5 phrase (trigrams in a row: a substring), so
    nothing the user types is FTS syntax; the words are ANDed.
    """
    words = search_words(text)
    if not words:
        return None
    indexed = ['"' + w.replace('"', '""') + '"' for w in words if len(w) >= MIN_INDEXED_CHARS]
    scanned = tuple(w for w in words if len(w) < MIN_INDEXED_CHARS)
    return TextSearch(tuple(words), " AND ".join(indexed) if indexed else None, scanned)


def _glob_literal(word: str) -> str:
    """`word` as a GLOB pattern that matches only itself: its wildcards in brackets (`[*]` is a star)."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in word)


def _holds_every_word(search: TextSearch, column: str) -> tuple[list[str], list[str]]:
    """The terms true when the folded text in `column` holds every word, anywhere: for a word of 3
    characters or more exactly what its trigram phrase matches. GLOB, with every character of the word a
    literal: case-sensitive (both sides are folded already) and twice as fast as instr, which compares
    at each character."""
    return [f"{column} GLOB ?" for _ in search.words], [f"*{_glob_literal(w)}*" for w in search.words]


def where_clause(q: HistoryQuery, *, within: Sequence[int] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (over alias `g`) and its parameters."""
    parts, params = filter_terms(q, within=within)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def filter_terms(q: HistoryQuery, *, within: Sequence[int] | None = None) -> tuple[list[str], list[Any]]:
    """What a row must satisfy to be in q's results: SQL terms (ANDed, over alias `g`), their parameters.

    `within`: the seqs of rows the search's words may be in, found beforehand (`candidate_query`), every
    row holding them among them. It changes how SQLite finds the rows, never which: it looks these up
    and sorts them instead of walking the order's index.
    """
    parts: list[str] = []
    params: list[Any] = []
    search = text_search(q.text)
    if search is not None and within is not None:
        parts.append("g.seq IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(within)))
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
    if search is not None:
        # checked on each row the query passes, in the walk index it reads (`schema.search_walk_index`:
        # each order of the history with the filters and the folded prompt), so a page of a common word
        # costs a few hundred index entries and a count one pass over them; a rare word's rows come
        # through `within`
        terms, values = _holds_every_word(search, "g.search_text")
        parts.extend(terms)
        params.extend(values)
    return parts, params


#: the search's words drive a query (`within`) when at most this share of the library holds them: then
#: looking those rows up and sorting them costs less than walking the order until a page of them is
#: found (and counting them less than checking every row)
CANDIDATE_SHARE = 10
#: ... and always when this many or fewer hold them
MIN_CANDIDATES = 200


def candidate_limit(rows: int) -> int:
    """How many candidate rows are worth looking up in a library of `rows` rows (`CANDIDATE_SHARE`)."""
    return max(MIN_CANDIDATES, rows // CANDIDATE_SHARE)


def candidate_query(search: TextSearch) -> tuple[str, list[Any]] | None:
    """A SELECT of the seqs of the rows that hold every word of `search` the trigram index can find
    (None when it has none): a superset of the rows holding all the words, got at the cost of their
    number. Run it with a LIMIT: past a share of the library, walking the order is cheaper.

    Shorter words have no such index: a walk checks them in the (covering) index it walks, which costs
    about what a scan to find them first would.
    """
    if search.match is None:
        return None
    return "SELECT rowid FROM generations_search WHERE generations_search MATCH ?", [search.match]


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
                _("'{text}' is not a date: use 2026-11-23, 2026-11-23T14:30, today, yesterday, 12h, 7d or "
                  "2w.")
                .format(text=text)
            ) from None

        if parsed.tzinfo is None:
            parsed = parsed.astimezone()  # local time
        if len(text.strip()) > 10:  # a date and a time: that very moment
            return parsed.timestamp()
        day = parsed
    if end_of_day:
        day = day + datetime.timedelta(days=1)
    return day.timestamp()
