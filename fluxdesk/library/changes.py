"""Telling views what changed: `Listeners` (subscribe / notify, a broken listener only logged) and
`RecordChange`, what the library announces after it saved or changed records."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from fluxdesk.library.records import GenerationRecord

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RecordChange:
    """Rows the library just wrote, as they now are; `removed`: deleted for good, as they were."""

    records: tuple[GenerationRecord, ...]
    removed: bool = False


class Listeners(Generic[T]):
    """Callbacks run in the order they subscribed; one that raises is logged and the others still run."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._listeners: list[Callable[[T], None]] = []

    def subscribe(self, listener: Callable[[T], None]) -> Callable[[], None]:
        """Add a listener; returns the call that removes it (safe to call twice)."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def notify(self, value: T) -> None:
        for listener in list(self._listeners):
            try:
                listener(value)
            except Exception:  # a broken view must not break the work that announced the change
                log.exception("%s listener failed", self._what)

    def __len__(self) -> int:
        return len(self._listeners)
