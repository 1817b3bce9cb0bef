"""Quitting when the system asks: SIGTERM or SIGHUP (a `kill`, a service manager, the terminal closing)
and the end of the desktop session. Either way the window's geometry, panels and draft are saved.

A signal cannot be handled inside a Qt callback safely, so it goes through the asyncio loop's own
signal support (qasync's selector loop: the C handler writes to a wake-up socket the loop watches, and
the Python handler runs on the GUI thread between events). Nobody can be asked anything then: jobs
never sent are kept for the next start, as "Quit" in the quit question keeps them.
The session manager first asks the application to save (`commitDataRequest`), then ends it
(`aboutToQuit`): both save the state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

QUIT_SIGNALS = ("SIGTERM", "SIGHUP")


class Quittable(Protocol):
    def save_state(self) -> None: ...

    def quit_from_system(self, why: str) -> None: ...


def install_system_quit(loop: asyncio.AbstractEventLoop, app: QGuiApplication, window: Quittable
                        ) -> Callable[[], None]:
    """Wire the signals and the session's requests to `window`; returns what undoes it."""
    installed: list[int] = []
    for name in QUIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, window.quit_from_system, name)
        except (NotImplementedError, RuntimeError, ValueError) as exc:  # Windows: no such loop support
            log.debug("no handler for %s: %s", name, exc)
            continue
        installed.append(number)

    def commit(_manager: object) -> None:
        log.info("the desktop session is ending: saving the window's state")
        window.save_state()

    app.commitDataRequest.connect(commit)
    app.aboutToQuit.connect(window.save_state)

    def uninstall() -> None:
        for number in installed:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(number)
        with contextlib.suppress(RuntimeError, TypeError):
            app.commitDataRequest.disconnect(commit)
        with contextlib.suppress(RuntimeError, TypeError):
            app.aboutToQuit.disconnect(window.save_state)

    return uninstall
