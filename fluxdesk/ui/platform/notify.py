"""Tell the user a batch has finished when the window is in the background.

In the foreground only the status bar speaks. In the background:
- with a tray icon (only where the desktop has a system tray AND the user asked for one in Settings;
  off by default, so no permanent icon appears unasked): the tray's message;
- else on Linux and the BSDs: a desktop notification through the freedesktop notification service
  (`freedesktop.py`; GNOME and tiling desktops have one but no tray), with fluxdesk's icon and a
  default action;
- else, or when no notification service answers: the window asks for attention (taskbar flash on
  Windows and X11, the dock's bounce on macOS). macOS and Windows show a notification only from a
  tray (menu bar) icon, so there they need the Settings option.
A click on the notification (or the tray message) raises the window and selects the batch's first
result in the gallery: at once, or as soon as the gallery has placed it (the batch is done once its
images are saved; the gallery shows them a moment later).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from fluxdesk.identity import APP_ID, APP_NAME, icon_path
from fluxdesk.library.records import JobState
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.platform.appicon import app_icon
from fluxdesk.ui.platform.freedesktop import DEFAULT_ACTION, DesktopNotifications

log = logging.getLogger(__name__)
TRAY_MESSAGE_MS = 6000


def batch_message(jobs: Iterable[Any]) -> str:
    jobs = list(jobs)
    done = sum(1 for j in jobs if j.state is JobState.DONE)
    failed = len(jobs) - done
    n = len(jobs)
    if not failed:
        return (
            translate("Notifications", "%n images ready.", None, n)
            if n > 1
            else translate("Notifications", "Your image is ready.")
        )
    if not done:
        if n == 1:  # the exact English singular without a translation loaded
            return translate("Notifications", "The batch of 1 image did not finish: see the queue.")
        return translate("Notifications", "The batch of %n images did not finish: see the queue.", None, n)
    # both kinds: at least two images
    return translate(
        "Notifications", "{done} of %n images ready; {failed} did not finish (see the queue).", None, n
    ).format(done=done, failed=failed)


def first_result(jobs: Iterable[Any]) -> str | None:
    """The id of the batch's first finished image (a job's id is its record's)."""
    return next((j.id for j in jobs if j.state is JobState.DONE), None)


def batch_prompt(jobs: Iterable[Any]) -> str:
    for job in jobs:
        request = getattr(job, "request", None)
        if request is not None:
            return str(request.prompt)
    return ""


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


def notification_icon() -> str:
    """What the notification service shows: the theme's icon by name once fluxdesk is installed
    (a package, the Flatpak), else the packaged PNG by file:// URI (a venv, a bundle)."""
    if QIcon.hasThemeIcon(APP_ID):
        return APP_ID
    png = icon_path(128)
    return png.as_uri() if png is not None else APP_ID


def _uses_freedesktop(platform: str = sys.platform) -> bool:
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def _window_tray_pref(window: QWidget) -> Callable[[], bool]:
    """The main window's Settings (`base.settings.prefs.tray_icon`), read at each use: Apply may
    replace the runtime."""

    def wanted() -> bool:
        base = getattr(window, "base", None)
        prefs = getattr(getattr(base, "settings", None), "prefs", None)
        return bool(getattr(prefs, "tray_icon", False))

    return wanted


#: select(record id, missing): select the record in the gallery, now or once it is placed there;
#: `missing()` when the gallery does not show it
Select = Callable[[str, Callable[[], None]], None]


def _window_select(window: QWidget) -> Select:
    def select(record_id: str, missing: Callable[[], None]) -> None:
        gallery = getattr(window, "gallery", None)
        if gallery is None:
            missing()
        else:
            gallery.select_record_when_placed(record_id, missing)

    return select


class Notifier(QObject):
    #: the text of every notification given (for the status bar and tests)
    notified = Signal(str)
    #: a notification (or tray message) was clicked: the batch's job ids
    activated = Signal(list)

    def __init__(
        self,
        window: QWidget,
        status: Callable[[str], None],
        *,
        tray_wanted: Callable[[], bool] | None = None,
        select: Select | None = None,
        desktop: DesktopNotifications | None = None,
        platform: str = sys.platform,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._status = status
        self._tray_wanted = tray_wanted or _window_tray_pref(window)
        self._select = select or _window_select(window)
        self._desktop = desktop
        self._use_desktop = desktop is not None or _uses_freedesktop(platform)
        self._tray: QSystemTrayIcon | None = None
        self._tray_batch: tuple[list[str], str | None] = ([], None)
        self._sending: set[asyncio.Task[None]] = set()
        self.last_background_message: str | None = None
        #: how the last background notification went out: "tray", "desktop" or "alert"
        self.last_channel: str | None = None
        self.sync_tray()

    # -- the tray icon: only when wanted and possible ---------------------------------------------------

    def tray_possible(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def sync_tray(self) -> None:
        """Show the tray icon when the user wants one and the desktop has a tray; else none."""
        if self._tray_wanted() and self.tray_possible():
            self._ensure_tray()
        elif self._tray is not None:
            self._tray.hide()
            self._tray.deleteLater()
            self._tray = None

    @property
    def tray(self) -> QSystemTrayIcon | None:
        return self._tray

    def _ensure_tray(self) -> QSystemTrayIcon:
        if self._tray is None:
            self._tray = QSystemTrayIcon(app_icon(), self)
            self._tray.setToolTip(APP_NAME)
            self._tray.activated.connect(lambda _reason: self.raise_window())
            self._tray.messageClicked.connect(lambda: self._activate(*self._tray_batch))
            self._tray.show()
        return self._tray

    # -- a batch finished --------------------------------------------------------------------------------

    def window_in_background(self) -> bool:
        w = self._window
        minimized = bool(w.windowState() & Qt.WindowState.WindowMinimized)
        return not w.isVisible() or minimized or not w.isActiveWindow()

    def batch_finished(self, jobs: list[Any]) -> None:
        text = batch_message(jobs)
        self._status(text)
        if self.window_in_background():
            self.last_background_message = text
            self._notify_background(text, jobs)
        self.notified.emit(text)

    def _notify_background(self, text: str, jobs: list[Any]) -> None:
        ids = [j.id for j in jobs]
        result = first_result(jobs)
        self.sync_tray()
        if self._tray is not None:
            self._tray_batch = (ids, result)
            self._tray.showMessage(APP_NAME, text, app_icon(), TRAY_MESSAGE_MS)
            self.last_channel = "tray"
        elif self._use_desktop:
            self._spawn(self._send_desktop(text, batch_prompt(jobs), ids, result))
        else:
            self._alert()

    def _alert(self) -> None:
        QApplication.alert(self._window, 0)
        self.last_channel = "alert"

    def _desktop_client(self) -> DesktopNotifications:
        if self._desktop is None:
            self._desktop = DesktopNotifications(APP_NAME, notification_icon(), APP_ID)
        return self._desktop

    async def _send_desktop(self, text: str, prompt: str, ids: list[str], result: str | None) -> None:
        def on_action(action: str, token: str | None) -> None:
            if action == DEFAULT_ACTION:
                self._activate(ids, result, token)

        sent = await self._desktop_client().notify(text, prompt, on_action=on_action)
        if sent is None:
            self._alert()
        else:
            self.last_channel = "desktop"

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_event_loop().create_task(coro, name="notify")
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    # -- a click on it ----------------------------------------------------------------------------------

    def _activate(self, ids: list[str], result: str | None, token: str | None = None) -> None:
        self.raise_window(token)
        if result is not None:
            self._select(result, self._not_shown)
        self.activated.emit(ids)

    def _not_shown(self) -> None:
        self._status(translate(
            "Notifications", "The batch's images are in the gallery (clear the search to see them)."
        ))

    def raise_window(self, token: str | None = None) -> None:
        if token:
            # Wayland lets a window come to the front only with the token of the user's click
            os.environ["XDG_ACTIVATION_TOKEN"] = token
            os.environ["DESKTOP_STARTUP_ID"] = token
        w = self._window
        if w.windowState() & Qt.WindowState.WindowMinimized:
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()

    def close(self) -> None:
        for task in list(self._sending):
            task.cancel()
        if self._desktop is not None:
            self._desktop.close()
        if self._tray is not None:
            self._tray.hide()
            self._tray.deleteLater()
            self._tray = None
