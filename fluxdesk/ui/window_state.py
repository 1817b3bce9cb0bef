"""What the window remembers between sessions: its layout (window.ini) and the draft (draft.json).

Both files are small and local in the config dir, so they are read in the window's constructor,
before the compose room is shown. The draft is written off the GUI thread: a second after the last
change, and once more when the window shuts down.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, QTimer

from fluxdesk.api.catalog import Catalog
from fluxdesk.draft import DRAFT_FILE, Draft, read_draft_file, write_draft_file
from fluxdesk.ui.tasks import TaskRegistry

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import MainWindow

SAVE_DELAY_MS = 1000
#: the main splitter (compose, middle, details) and the middle one (large view, gallery, queue)
FIRST_SIZES = ([440, 860, 300], [420, 300, 150])
#: the window's size at its first start, on a screen big enough for it
FIRST_WINDOW = QSize(1440, 900)


def first_size(available: QRect) -> QSize:
    """The window's size at its very first start: FIRST_WINDOW, or nine tenths of a smaller screen
    (room for the title bar and the desktop's panels)."""
    return QSize(min(FIRST_WINDOW.width(), available.width() * 9 // 10),
                 min(FIRST_WINDOW.height(), available.height() * 9 // 10))


def load_draft(catalog: Catalog, config_dir: Path, default_model: str) -> tuple[Draft, list[str]]:
    """The draft of the last session (a few hundred bytes), or a new one; and what could not be restored."""
    data = read_draft_file(config_dir / DRAFT_FILE)
    notes: list[str] = []
    if data is None:
        return Draft(catalog, default_model), notes
    return Draft.from_dict(catalog, data, notes, model=default_model), notes


class DraftKeeper:
    """Saves the draft after changes (debounced) and on shutdown, in a worker thread, in order."""

    def __init__(self, draft: Draft, path: Path, tasks: TaskRegistry, delay_ms: int = SAVE_DELAY_MS) -> None:
        self.draft = draft
        self.path = path
        self._tasks = tasks
        self._lock = asyncio.Lock()
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self._tasks.spawn(self.save(), name="save the draft"))
        self._unsubscribe = draft.subscribe(lambda _name: self._timer.start())

    async def save(self) -> None:
        async with self._lock:  # writes never overtake each other: the last one holds the last state
            try:
                await asyncio.to_thread(write_draft_file, self.path, self.draft.to_dict())
            except OSError:
                pass  # the next change tries again; losing a draft costs a prompt, not an image

    async def close(self) -> None:
        """The last save, at shutdown."""
        self._unsubscribe()
        self._timer.stop()
        await self.save()


class LayoutState:
    """Geometry, splitter sizes and the panels shown, in window.ini."""

    def __init__(self, path: Path) -> None:
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def restore(self, w: MainWindow) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            w.restoreGeometry(geometry)  # Qt moves it onto a screen there is, if that one is gone
        else:
            w.resize(first_size(w.screen().availableGeometry()))
        for key, splitter in (("window/main", w.splitter), ("window/middle", w.middle)):
            value = self._settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                splitter.restoreState(value)
        for key, panel, action in (("window/details", w.details, w.commands.toggle_details),
                                   ("window/queue", w.queue, w.commands.toggle_queue),
                                   ("window/stage", w.stage, w.commands.toggle_stage)):
            panel.setVisible(self._settings.value(key, True) not in (False, "false"))
            action.setChecked(panel.isVisibleTo(w))

    def save(self, w: MainWindow) -> None:
        self._settings.setValue("window/geometry", w.saveGeometry())
        self._settings.setValue("window/main", w.splitter.saveState())
        self._settings.setValue("window/middle", w.middle.saveState())
        self._settings.setValue("window/details", w.details.isVisibleTo(w))
        self._settings.setValue("window/queue", w.queue.isVisibleTo(w))
        self._settings.setValue("window/stage", w.stage.isVisibleTo(w))
        self._settings.sync()
