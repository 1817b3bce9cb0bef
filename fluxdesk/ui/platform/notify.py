"""Tell the user a batch has finished when the window is in the background.

A tray message where the desktop has a system tray, else the window asks for attention (taskbar
flash) and the status bar says it. In the foreground only the status bar speaks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from fluxdesk.library.records import JobState


def batch_message(jobs: Iterable[Any]) -> str:
    jobs = list(jobs)
    done = sum(1 for j in jobs if j.state is JobState.DONE)
    failed = len(jobs) - done
    what = "image" if len(jobs) == 1 else "images"
    if not failed:
        return f"{done} {what} ready." if len(jobs) > 1 else "Your image is ready."
    if not done:
        return f"The batch of {len(jobs)} {what} did not finish: see the queue."
    return f"{done} of {len(jobs)} {what} ready; {failed} did not finish (see the queue)."


class BatchTracker(QObject):
    """Groups jobs enqueued together; emits `finished(jobs)` once every job of a group is final."""

    finished = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._batches: list[dict[str, Any]] = []

    def add(self, jobs: Iterable[Any]) -> None:
        batch = {j.id: j for j in jobs}
        if batch:
            self._batches.append(batch)

    def update(self, job: Any) -> None:
        for batch in list(self._batches):
            if job.id not in batch:
                continue
            batch[job.id] = job
            if all(j.state.is_final for j in batch.values()):
                self._batches.remove(batch)
                self.finished.emit(list(batch.values()))

    @property
    def open_batches(self) -> int:
        return len(self._batches)


class Notifier(QObject):
    #: the text of every notification given (for the status bar and tests)
    notified = Signal(str)

    def __init__(self, window: QWidget, status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._status = status
        self._tray: QSystemTrayIcon | None = None
        self.last_background_message: str | None = None

    def window_in_background(self) -> bool:
        w = self._window
        minimized = bool(w.windowState() & Qt.WindowState.WindowMinimized)
        return not w.isVisible() or minimized or not w.isActiveWindow()

    def batch_finished(self, jobs: list[Any]) -> None:
        text = batch_message(jobs)
        self._status(text)
        if self.window_in_background():
            self.last_background_message = text
            self._notify_background(text)
        self.notified.emit(text)

    def _notify_background(self, text: str) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = self._ensure_tray()
            tray.showMessage("fluxdesk", text, QSystemTrayIcon.MessageIcon.Information, 6000)
        else:
            QApplication.alert(self._window, 0)

    def _ensure_tray(self) -> QSystemTrayIcon:
        if self._tray is None:
            icon = self._window.windowIcon()
            if icon.isNull():
                icon = self._window.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip("fluxdesk")
            self._tray.activated.connect(lambda _reason: self._raise())
            self._tray.show()
        return self._tray

    def _raise(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
            self._tray.deleteLater()
            self._tray = None
