"""Another library folder chosen in Settings: move the library there, copy it there, or start an
empty one there (or use the library already in that folder).

Moving and copying need the library closed, so the window closes (as Quit does) with the request in
`window.relocation`; the app then copies in a worker thread under a small progress window
(`relocate_with_progress`: every file read back and compared before the old one is touched,
`library.relocate`), saves the new folder and opens the window again on it, saying what was done. A
new, empty library (or one already there) is only a setting: used from the next start.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.library.opening import DB_FILENAME
from fluxdesk.library.relocate import RelocationError, refusal, relocate_library
from fluxdesk.settings import Settings
from fluxdesk.ui.i18n import translate

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LibraryRelocation:
    old: Path
    new: Path
    move: bool


class LibraryMove:
    """The question, asked without blocking (`QMessageBox.open()`), and what each answer does."""

    def __init__(self, window: MainWindow) -> None:
        self._w = window
        self.box: QMessageBox | None = None

    def ask(self, new: Path) -> None:
        self._w.tasks.spawn(self._ask(new), name="check the library folder")

    async def _ask(self, new: Path) -> None:
        old = self._w.base.settings.paths.library_dir
        reason, has_library = await asyncio.to_thread(
            lambda: (refusal(old, new), (new / DB_FILENAME).is_file()))
        if reason is not None and not has_library:
            self._say(reason)
            return
        box = QMessageBox(QMessageBox.Icon.Question, translate("LibraryMove", "Library folder"), "",
                          QMessageBox.StandardButton.NoButton, self._w)
        box.setObjectName("library-move")
        buttons: dict[QAbstractButton, str] = {}
        if has_library:
            box.setText(translate("LibraryMove", "{folder} already holds a fluxdesk library. Use it from the "
                                                 "next start? The library in {old} stays as it is.")
                        .format(folder=new, old=old))
            buttons[box.addButton(translate("LibraryMove", "&Use that library"),
                                  QMessageBox.ButtonRole.AcceptRole)] = "use"
        else:
            box.setText(translate(
                "LibraryMove", "Move the library from {old} to {folder}, copy it there, or start a new, "
                "empty library there? Moving or copying closes the window, copies every image and checks "
                "each copy, then opens the window again on the new folder.").format(old=old, folder=new))
            buttons[box.addButton(translate("LibraryMove", "&Move it there"),
                                  QMessageBox.ButtonRole.AcceptRole)] = "move"
            buttons[box.addButton(translate("LibraryMove", "&Copy it there"),
                                  QMessageBox.ButtonRole.ActionRole)] = "copy"
            buttons[box.addButton(translate("LibraryMove", "Start an &empty library"),
                                  QMessageBox.ButtonRole.ActionRole)] = "use"
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: QAbstractButton) -> None:
            self.box = None
            self.choose(buttons.get(button, ""), old, new)

        box.buttonClicked.connect(chosen)
        self.box = box
        box.open()

    def choose(self, what: str, old: Path, new: Path) -> None:
        """"move" or "copy": the window closes and the app relocates; "use": a setting for the next start."""
        if what in ("move", "copy"):
            if self._w.engine_gate.ready and self._w.runtime.engine.never_sent():
                # the quit question would stand between: jobs first, then the library
                self._say(translate("LibraryMove", "Some jobs were never sent: wait until they are, or "
                                                   "discard them, then move or copy the library."))
                return
            self._w.relocation = LibraryRelocation(old, new, move=what == "move")
            self._w.close()
        elif what == "use":
            self._w.tasks.spawn(self._use(old, new), name="save the library folder")

    async def _use(self, old: Path, new: Path) -> None:
        settings = self._w.base.settings
        settings.prefs.library_dir = str(new)
        try:
            await asyncio.to_thread(settings.save)
        except OSError as exc:
            self._say(translate("LibraryMove", "The setting could not be saved ({reason}).")
                      .format(reason=exc.strerror or type(exc).__name__))
            return
        self._say(translate("LibraryMove", "From the next start fluxdesk uses the library in {folder}; the "
                                           "one in {old} stays as it is.").format(folder=new, old=old))

    def _say(self, text: str) -> None:
        self._w.show_status(text)
        dialog = self._w.settings_dialog
        if dialog is not None and dialog.isVisible():
            dialog.error.setText(text)
            dialog.error.setVisible(True)


class RelocationWindow(QWidget):
    """What the copy is doing, with a bar and a Cancel button (the window itself is closed meanwhile)."""

    def __init__(self, request: LibraryRelocation) -> None:
        super().__init__()
        self.setObjectName("relocation-window")
        self.setWindowTitle(translate("LibraryMove", "Moving the library") if request.move
                            else translate("LibraryMove", "Copying the library"))
        self.label = QLabel(translate("LibraryMove", "Copying {old} to {folder} and checking every file…")
                            .format(old=request.old, folder=request.new), self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.cancel = QPushButton(translate("LibraryMove", "Cancel"), self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(520, self.sizeHint().height())

    def set_progress(self, done: int, total: int) -> None:
        self.bar.setValue(1000 if total <= 0 else round(1000 * done / total))


async def relocate_with_progress(settings: Settings, request: LibraryRelocation) -> str:
    """Copy (or move) the closed library under a progress window; on success the new folder is saved.
    Returns the sentence to show in the window that opens next (on the new folder, or on the old one)."""
    window = RelocationWindow(request)
    cancel = threading.Event()
    window.cancel.clicked.connect(cancel.set)
    window.show()
    loop = asyncio.get_running_loop()

    def progress(done: int, total: int) -> None:  # on the worker thread
        loop.call_soon_threadsafe(window.set_progress, done, total)

    try:
        report = await asyncio.to_thread(relocate_library, request.old, request.new, move=request.move,
                                         progress=progress, cancel=cancel)
    except RelocationError as exc:
        log.warning("the library was not relocated: %s", exc)
        return str(exc)
    finally:
        window.hide()
        window.deleteLater()
    settings.prefs.library_dir = str(report.new)
    try:
        await asyncio.to_thread(settings.save)
    except OSError as exc:
        return translate("LibraryMove", "{done} But the setting could not be saved ({reason}): choose "
                                        "{folder} in Settings.").format(
            done=report.summary(), folder=report.new, reason=exc.strerror or type(exc).__name__)
    return report.summary()
