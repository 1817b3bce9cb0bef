"""Lineage: which library images each generation was made from, and the SQL that walks it.

A generation's `parents` are the library ids of its input images in input order (an edit's input image,
then its references; the mask is no parent). They are rows of the `lineage` table (child, position,
parent), indexed both ways, and are loaded with every record (`attach_parents`). A child is always
recorded after its parents exist, so lineage cannot loop; the walks are bounded all the same
(`FAMILY_DEPTH`), so a damaged or hand-edited database cannot make a query run forever.

Requests keep an input that is a library image as a reference (`api.refs`: `library:<id>`), never as
its megabytes of base64: `stored_request` makes that form of a request for the row, by matching each
input's bytes with a parent's sha256, so a reference is only ever written for the very bytes sent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fluxdesk.api.refs import NOT_PARENTS, library_ref, referenced_ids
from fluxdesk.api.request import GenerationRequest

#: how many generations up and down a family walk goes (far more than any real chain of edits)
FAMILY_DEPTH = 64
#: SQLite's bound on parameters per statement is 999 on old builds: ids are looked up in chunks
_CHUNK = 500

#: the ids of a record's family (itself, its ancestors and its descendants); parameters: id, depth, id,
#: depth (`family_params`). UNION keeps each (id, depth) once; the depth bound stops any loop.
FAMILY_IDS = (
    "WITH RECURSIVE "
    "up(id, depth) AS (SELECT ?, 0 UNION "
    "SELECT l.parent, up.depth + 1 FROM lineage AS l JOIN up ON l.child = up.id WHERE up.depth < ?), "
    "down(id, depth) AS (SELECT ?, 0 UNION "
    "SELECT l.child, down.depth + 1 FROM lineage AS l JOIN down ON l.parent = down.id "
    "WHERE down.depth < ?) "
    "SELECT id FROM up UNION SELECT id FROM down"
)


def family_params(record_id: str, depth: int = FAMILY_DEPTH) -> list[Any]:
    return [record_id, depth, record_id, depth]


def lineage_rows(child: str, parents: Sequence[str]) -> list[tuple[str, int, str]]:
    return [(child, position, parent) for position, parent in enumerate(parents)]


def insert_lineage(conn: sqlite3.Connection, child: str, parents: Sequence[str]) -> None:
    if parents:
        conn.executemany(
            "INSERT OR REPLACE INTO lineage (child, position, parent) VALUES (?, ?, ?)",
            lineage_rows(child, parents),
        )


def parents_by_child(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The parents of each of these ids that has any, in input order (one query per chunk of ids)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, list[str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.execute(
            f"SELECT child, parent FROM lineage WHERE child IN ({marks}) ORDER BY child, position", chunk
        ).fetchall()
        for child, parent in rows:
            found.setdefault(str(child), []).append(str(parent))
    return {child: tuple(parents) for child, parents in found.items()}


def image_sha256(value: Any) -> str | None:
    """The sha256 of the bytes a base64 image parameter carries (None: a link, a reference, not data)."""
    if not isinstance(value, str) or value.startswith(("http://", "https://", "library:")):
        return None
    text = value.split(",", 1)[1] if value.startswith("data:") and "," in value else value
    try:
        return hashlib.sha256(base64.b64decode(text, validate=True)).hexdigest()
    except (binascii.Error, ValueError):
        return None


def stored_request(
    request: GenerationRequest, parents: Sequence[str], sha256_of: Mapping[str, str | None]
) -> GenerationRequest:
    """`request` as its row keeps it: each input image whose bytes are a parent's (`sha256_of`: parent
    id -> the sha256 of its file) becomes a reference to that parent. Blocking (decodes and hashes the
    images): a worker thread. Inputs that are no parent's (a link, a mask, other bytes) stay as they are.
    """
    by_sha: dict[str, str] = {}
    for parent in parents:
        sha = sha256_of.get(parent)
        if sha and sha not in by_sha:
            by_sha[sha] = parent
    if not by_sha:
        return request
    changed: dict[str, Any] = {}
    for name, value in request.params.items():
        if name in NOT_PARENTS:
            continue
        sha = image_sha256(value)
        if sha is not None and sha in by_sha:
            changed[name] = library_ref(by_sha[sha])
    return request.replace(**changed) if changed else request


def parents_of_request(request: GenerationRequest) -> tuple[str, ...]:
    """The parents a request names by reference, in input order (for a request made from another row's,
    such as a variation of an edit, when its maker gave none)."""
    return tuple(referenced_ids(request.params))
