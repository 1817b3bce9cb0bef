"""What needs the engine waits for it: the window shows before its engine has started.

The engine (keychain, simulator, decoder process, client) starts behind the shown window. Until it is
up, Generate, variations, Apply in Settings and Export are held here in the order they were asked for
and run the moment it is ready; the user reads "Starting, one moment". Typing and browsing never pass
through here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fluxdesk.ui.i18n import translate

log = logging.getLogger(__name__)


class EngineGate:
    def __init__(self, say: Callable[[str], None], *, ready: bool = False) -> None:
        self._say = say
        self.ready = ready
        #: why the engine could not start (one sentence), once it is known
        self.failure: str | None = None
        self._waiting: list[Callable[[], object]] = []

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def run(self, action: Callable[[], object]) -> bool:
        """`action()` now when the engine is up (True); else held until it is (False), saying so."""
        if self.ready:
            action()
            return True
        if self.failure is not None:
            self._say(self.failure)
            return False
        self._waiting.append(action)
        self._say(translate(
            "MainWindow", "Starting, one moment: this goes ahead as soon as fluxdesk is connected."))
        return False

    def open(self) -> None:
        """The engine is up: what waited runs, in order."""
        self.ready = True
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def fail(self, sentence: str) -> None:
        """The engine could not start: what waited is dropped, and said why."""
        self.failure = sentence
        dropped, self._waiting = self._waiting, []
        if dropped:
            log.info("dropped %d action(s) waiting for an engine that could not start", len(dropped))
        self._say(sentence)
