"""Library change announcements -> a Qt signal, for as long as the bridge (and the panel owning it) lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from fluxdesk.library.changes import RecordChange


class LibraryBridge(QObject):
    """Subscribed to `Library.subscribe` (the library calls it on the loop, the GUI thread under qasync)."""

    changed = Signal(object)  # RecordChange

    def __init__(self, library: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        subscribe: Callable[[Callable[[RecordChange], None]], Callable[[], None]] | None = getattr(
            library, "subscribe", None
        )
        self._unsubscribe = subscribe(self) if subscribe is not None else None

    def __call__(self, change: RecordChange) -> None:
        if not shiboken6.isValid(self):  # its panel was deleted without closing it first
            self.close()
            return
        self.changed.emit(change)

    def close(self) -> None:
        """Stop listening (safe to call twice)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
