"""Wait for a window's first paint: what starts behind the window starts after it is on screen.

The engine's start imports httpx and the keychain in worker threads and spawns the decoder process;
begun right after `show()`, that work competes for the GIL and the two cores with building and
painting the window, which then appears later. `painted(window)` returns once the window's first
paint has been handled (or after `timeout`, for a window never painted: minimised, offscreen)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: a window not painted by then (minimised at start, a platform without paints) waits no longer
PAINT_TIMEOUT = 1.0


class _Painted(QObject):
    def __init__(self, window: QWidget, done: asyncio.Future[None]) -> None:
        super().__init__(window)
        self._done = done
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done.done():
            # after this paint is handled and flushed, not in the middle of it
            QTimer.singleShot(0, lambda: None if self._done.done() else self._done.set_result(None))
        return False


async def painted(window: QWidget, timeout: float = PAINT_TIMEOUT) -> bool:
    """True once `window` was painted; False when `timeout` passed first."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    watcher = _Painted(window, done)
    try:
        await asyncio.wait_for(asyncio.shield(done), timeout)
        return True
    except TimeoutError:
        return False
    finally:
        window.removeEventFilter(watcher)
        watcher.deleteLater()
