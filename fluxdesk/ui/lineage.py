"""Where the window meets the library's lineage (which images an image was made from).

Every Generate goes through the three functions here, and only these know how the parents of a
batch are found and passed on, so that the library's lineage API plugs in at one place:

- `known_parents(draft)`: the parents when nothing has to be imported first, else None (the window
  then awaits `resolve_parents`);
- `resolve_parents(draft, library)`: the parents after importing the draft's file inputs;
- `enqueue(engine, requests, parents)`: the batch to the engine, with its parents;
- `parents_of(record, noted)`: an image's parents, for showing an edit beside what it was made from.

Until the library records lineage, the parents are the draft's library inputs (`Draft.parents()`),
the engine is given the requests alone, and the window remembers the parents of what it sent in this
session (`noted`, by job id).

MERGE (lineage): `known_parents` returns None when a FILE input is sent; `resolve_parents` returns
`tuple(await draft_parents(draft, library))`; `enqueue` calls `engine.enqueue(r, parents=parents)` for
each request; `parents_of` reads `record.parents` first (it already does when the field exists).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fluxdesk.api.request import GenerationRequest
from fluxdesk.draft import Draft
from fluxdesk.library.records import GenerationRecord


def known_parents(draft: Draft) -> tuple[str, ...] | None:
    """The library ids the batch is made from, when no file input must be imported first."""
    return tuple(draft.parents())


async def resolve_parents(draft: Draft, library: Any) -> tuple[str, ...]:
    """The library ids the batch is made from, once its file inputs are in the library."""
    return tuple(draft.parents())


def enqueue(engine: Any, requests: Iterable[GenerationRequest], parents: tuple[str, ...]) -> list[Any]:
    """The batch to the engine; every job of it is made from `parents`."""
    return list(engine.enqueue_many(requests))


def parents_of(record: GenerationRecord, noted: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """What `record` was made from: as the library recorded it, else as this window sent it."""
    recorded = getattr(record, "parents", None)
    if recorded:
        return tuple(recorded)
    return noted.get(record.id, ())
