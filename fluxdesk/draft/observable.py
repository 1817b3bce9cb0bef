"""Change notification without Qt: subscribers hear the name of each property that changed.

The compose widgets are views of a `Draft`: they write into it and redraw from these notifications,
so no widget keeps a value of its own. Changes made together (`with obs.changes():`) are announced
once each, after the last one, so a view never redraws from a half-applied state.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

Subscriber = Callable[[str], None]


class Observable:
    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._held = 0
        self._pending: dict[str, None] = {}

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback(name)` after each change; returns the function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    @contextlib.contextmanager
    def changes(self) -> Iterator[None]:
        """Announce what changes inside the block once per name, when the outermost block ends."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held:
                names, self._pending = list(self._pending), {}
                for name in names:
                    self._announce(name)

    def _changed(self, *names: str) -> None:
        for name in names:
            if self._held:
                self._pending[name] = None
            else:
                self._announce(name)

    def _announce(self, name: str) -> None:
        # a copy: a subscriber may unsubscribe (or subscribe another) while being told
        for callback in list(self._subscribers):
            callback(name)
