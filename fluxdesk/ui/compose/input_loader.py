"""Runs the draft's image loader off the GUI thread whenever the draft waits for an image."""

from __future__ import annotations

from collections.abc import Callable

from fluxdesk.draft import Draft, load_pending
from fluxdesk.draft.loader import LibraryResolver
from fluxdesk.ui.tasks import TaskRegistry


class InputLoader:
    """Starts `load_pending` (worker threads) for new images; says dropped ones through `notify`."""

    def __init__(
        self,
        draft: Draft,
        tasks: TaskRegistry,
        notify: Callable[[str], None],
        resolve: LibraryResolver | None = None,
    ) -> None:
        self.draft = draft
        self._tasks = tasks
        self._notify = notify
        self._resolve = resolve
        self._in_flight: set[int] = set()
        self._unsubscribe = draft.subscribe(self._changed)
        self._changed("inputs")

    def close(self) -> None:
        self._unsubscribe()

    def _changed(self, name: str) -> None:
        if name not in ("inputs", "model"):
            return
        if any(token not in self._in_flight for token, _ in self.draft.pending_loads()):
            self._tasks.spawn(self._load(), name="read an image")

    async def _load(self) -> None:
        for note in await load_pending(self.draft, self._resolve, self._in_flight):
            self._notify(note)
