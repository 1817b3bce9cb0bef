"""When the library cannot be used: a banner that says so in one sentence and offers a rebuild.

`LibraryBanner` sits above the main window's panels, hidden until the library reports a problem that
needs a rebuild (a damaged database found mid-session). `LibraryHealth` is the window's Check library
and Rebuild library… (both run off the GUI thread; their answers are non-modal). `LibraryProblemWindow`
stands in for the main window at start-up when the library cannot be opened at all: the same sentence,
Rebuild, Try again, the log, Quit. Nothing here blocks the GUI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fluxdesk.library.check import LibraryCheck
from fluxdesk.library.errors import LibraryError
from fluxdesk.library.library import Library
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

Choice = Literal["rebuilt", "retry", "quit"]


class LibraryBanner(QFrame):
    """A sentence and a Rebuild button; `rebuildRequested` when it is pressed."""

    rebuildRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#library-banner { background: #fdecea; color: #611a15; }")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the sentence may quote a file name
        self.rebuild_button = QPushButton(translate("LibraryBanner", "Rebuild library…"), self)
        self.rebuild_button.setObjectName("rebuild-library")
        self.rebuild_button.setToolTip(translate(
            "LibraryBanner", "Recreate the history from the images folder; the old database is kept aside"
        ))
        self.rebuild_button.clicked.connect(self.rebuildRequested)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.rebuild_button)
        self.hide()

    def show_problem(self, text: str, *, can_rebuild: bool = True) -> None:
        self.label.setText(text)
        self.rebuild_button.setVisible(can_rebuild)
        self.rebuild_button.setEnabled(True)
        self.show()

    def set_busy(self, text: str) -> None:
        self.label.setText(text)
        self.rebuild_button.setEnabled(False)


class LibraryHealth(QObject):
    """Check library and Rebuild library… for a window: `library()` is the window's current library."""

    def __init__(
        self,
        parent: QWidget,
        library: Callable[[], Library],
        banner: LibraryBanner,
        tasks: TaskRegistry,
        show_status: Callable[[str], None],
        reload_views: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._library = library
        self.banner = banner
        self._tasks = tasks
        self._show_status = show_status
        self._reload_views = reload_views
        self.box: QMessageBox | None = None
        banner.rebuildRequested.connect(self.rebuild)

    def problem(self, error: LibraryError) -> None:
        """The library found its database needs a rebuild (a listener of `subscribe_problems`)."""
        self.banner.show_problem(str(error))

    def check(self) -> None:
        self._show_status(translate("LibraryBanner", "Checking the library (every image is read once)…"))
        self._tasks.spawn(self._check(), name="check the library")

    async def _check(self) -> LibraryCheck:
        result = await self._library().check()
        sentences = result.sentences()
        from PySide6.QtWidgets import QMessageBox  # loaded when a question opens, not at start-up

        icon = QMessageBox.Icon.Information if result.ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, translate("LibraryBanner", "Library check"), sentences[0],
                          QMessageBox.StandardButton.Ok, self._parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("\n".join(sentences[1:]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        self.box = box
        box.show()  # non-modal: the window stays usable while it is read
        self._show_status(sentences[0])
        if not result.ok:
            found = translate("LibraryBanner", "The library check found problems: {problems}")
            self.banner.show_problem(found.format(problems=" ".join(sentences)))
        return result

    def ask_rebuild(self) -> QMessageBox:
        """Says what a rebuild does, and does it on Rebuild (non-modal)."""
        from PySide6.QtWidgets import QMessageBox  # loaded when a question opens, not at start-up

        box = QMessageBox(
            QMessageBox.Icon.Question, translate("LibraryBanner", "Rebuild library"),
            translate("LibraryBanner", "Recreate the history from the images folder?"),
            QMessageBox.StandardButton.Cancel, self._parent,
        )
        box.setInformativeText(translate(
            "LibraryBanner",
            "A fresh database is built from what can still be read of the current one and from each "
            "image's sidecar; the current database is kept aside, nothing is deleted.",
        ))
        rebuild = box.addButton(translate("LibraryBanner", "Rebuild"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.rebuild() if button is rebuild else None)
        box.setModal(False)
        self.box = box
        box.show()  # non-modal: the window stays usable while it is read
        return box

    def rebuild(self) -> None:
        self._tasks.spawn(self._rebuild(), name="rebuild the library")

    async def _rebuild(self) -> str:
        self.banner.set_busy(translate("LibraryBanner", "Rebuilding the history from the images folder…"))
        self.banner.show()
        try:
            report = await self._library().rebuild()
        except LibraryError as exc:
            text = translate("LibraryBanner", "The rebuild did not work: {reason}").format(reason=exc)
            self.banner.show_problem(text, can_rebuild=exc.needs_rebuild)
            return text
        self.banner.hide()
        self._reload_views()
        self._show_status(report.summary())
        return report.summary()


class LibraryProblemWindow(QWidget):
    """What shows instead of the main window when the library cannot be opened.

    `await window.choice(rebuild)`: "rebuilt" once `rebuild()` succeeded, "retry" or "quit".
    """

    chosen = Signal(str)

    def __init__(self, text: str, *, can_rebuild: bool, log_path: str | None,
                 open_log: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library-problem")
        self.setWindowTitle(translate("LibraryBanner", "fluxdesk: the library cannot be opened"))
        self.banner = LibraryBanner(self)
        self.banner.show_problem(text, can_rebuild=can_rebuild)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        where = translate("LibraryBanner", "The details are in the log file: {path}.")
        self.note.setText(where.format(path=log_path) if log_path else "")
        self.retry_button = QPushButton(translate("LibraryBanner", "Try again"), self)
        self.log_button = QPushButton(translate("LibraryBanner", "Open log file"), self)
        self.quit_button = QPushButton(translate("LibraryBanner", "Quit"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.retry_button, self.log_button, self.quit_button):
            buttons.addWidget(button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.note)
        lay.addLayout(buttons)
        self.log_button.clicked.connect(lambda: open_log())
        self.retry_button.clicked.connect(lambda: self.chosen.emit("retry"))
        self.quit_button.clicked.connect(lambda: self.chosen.emit("quit"))
        self.resize(620, 160)

    async def choice(self, rebuild: Callable[[], Coroutine[Any, Any, str]]) -> Choice:
        """Wait for the user; a Rebuild runs `rebuild()` (off the GUI thread) and says how it went."""
        loop = asyncio.get_running_loop()
        while True:
            picked: asyncio.Future[str] = loop.create_future()

            def pick(value: str, future: asyncio.Future[str] = picked) -> None:
                if not future.done():
                    future.set_result(value)

            self.chosen.connect(pick)
            self.banner.rebuildRequested.connect(lambda: pick("rebuild"))
            try:
                value = await picked
            finally:
                self.chosen.disconnect(pick)
                self.banner.rebuildRequested.disconnect()
            if value != "rebuild":
                return "quit" if value == "quit" else "retry"
            self.banner.set_busy(translate("LibraryBanner", "Rebuilding the history from the images folder…"))
            self.retry_button.setEnabled(False)
            try:
                summary = await rebuild()
            except Exception as exc:  # one sentence; the details are in the log
                failed = translate("LibraryBanner", "The rebuild did not work: {reason}").format(reason=exc)
                self.banner.show_problem(failed, can_rebuild=True)
                self.retry_button.setEnabled(True)
                continue
            self.note.setText(summary)
            return "rebuilt"

    def closeEvent(self, event: QCloseEvent) -> None:
        self.chosen.emit("quit")
        event.accept()
