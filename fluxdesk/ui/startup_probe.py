"""`FLUXDESK_STARTUP_PROBE=1 fluxdesk`: when the window appears and when it is connected, then quit.

For bench/startup.py, which launches the window and compares it with a bare PySide6 window. On the main
window's first paint (once that paint is done) it prints `fluxdesk startup: painted <time.time()>` on
stdout; once the engine is up, `fluxdesk startup: connected <time.time()>`; then it closes the window
(the ordinary quit). Log-like lines for a script, not for a user: not translated.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PROBE_ENV = "FLUXDESK_STARTUP_PROBE"
PREFIX = "fluxdesk startup:"


def say(what: str) -> None:
    print(f"{PREFIX} {what} {time.time():.6f}", flush=True)


class FirstPaint(QObject):
    """Says "painted" once, after the first paint event of `window` has been handled."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, lambda: say("painted"))  # after this paint is done and shown
        return False
