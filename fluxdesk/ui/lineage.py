"""Where the window meets the library's lineage (which images an image was made from).

Every Generate goes through the functions here, and only these know how the parents of a batch are
found and passed on:

- `known_parents(draft)`: the library ids of what the batch is made from when nothing has to be
  imported first, else None (a file input: the window then awaits `resolve_parents`);
- `resolve_parents(draft, library)`: `draft.edit.draft_parents`: the draft's file inputs are imported
  into the library (each becomes a library image) and their ids returned with the others;
- `enqueue(engine, requests, parents)`: the batch to the engine, which records the parents on its rows;
- `parents_of(record, noted)`: an image's parents, for the large view: as the library recorded them,
  else as this window sent them (a job whose row is not read back yet).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fluxdesk.api.request import GenerationRequest
from fluxdesk.draft import Draft
from fluxdesk.draft.edit import Importer, draft_parents
from fluxdesk.library.records import GenerationRecord


def known_parents(draft: Draft) -> tuple[str, ...] | None:
    """The library ids the batch is made from; None when a file input must be imported first."""
    return None if draft.file_inputs() else tuple(draft.parents())


async def resolve_parents(draft: Draft, library: Importer) -> tuple[str, ...]:
    """The library ids the batch is made from, once its file inputs are in the library (raises the
    library's typed errors, one sentence each)."""
    return tuple(await draft_parents(draft, library))


def enqueue(engine: Any, requests: Iterable[GenerationRequest], parents: tuple[str, ...]) -> list[Any]:
    """The batch to the engine; every job of it is made from `parents`."""
    return list(engine.enqueue_many(requests, parents=parents))


def parents_of(record: GenerationRecord, noted: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """What `record` was made from: as the library recorded it, else as this window sent it."""
    return tuple(record.parents) or noted.get(record.id, ())
