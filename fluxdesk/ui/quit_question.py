"""Quitting with jobs never sent: they are sent at the next start, unless the user discards them.

Non-modal (`open()`): the window and its jobs go on while the question is asked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from fluxdesk.ui.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from fluxdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class QuitQuestion:
    def __init__(self, window: MainWindow) -> None:
        self._w = window
        self.box: QMessageBox | None = None
        #: the user chose what happens to the jobs never sent
        self.decided = False

    def ask(self, job_ids: list[str]) -> None:
        if self.box is not None:
            self.box.raise_()
            return
        n = len(job_ids)
        if n == 1:  # the exact English singular without a translation loaded
            text = translate(
                "QuitQuestion",
                "1 job was never sent, so nothing was charged for it; it is sent when fluxdesk starts again.",
            )
        else:
            text = translate(
                "QuitQuestion",
                "%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk "
                "starts again.",
                None,
                n,
            )
        from PySide6.QtWidgets import QMessageBox  # loaded when a question opens, not at start-up

        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("QuitQuestion", "Quit fluxdesk"),
            text,
            QMessageBox.StandardButton.NoButton,
            self._w,
        )
        box.setObjectName("quit-box")
        quit_button = box.addButton(translate("QuitQuestion", "Quit"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(
            translate("QuitQuestion", "Discard and quit"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(quit_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: QAbstractButton) -> None:
            self.box = None
            if button is quit_button:
                self.decided = True
                self._w.close()
            elif button is discard:
                self._w.tasks.spawn(self._discard_and_quit(job_ids), name="discard unsent jobs")

        box.buttonClicked.connect(chosen)
        self.box = box
        box.open()

    def close(self) -> None:
        if self.box is not None:
            self.box.close()
            self.box = None

    async def _discard_and_quit(self, job_ids: list[str]) -> None:
        discarded = await self._w.runtime.engine.discard(job_ids)
        log.info("discarded %d job(s) never sent, at quit", discarded)
        self.decided = True
        self._w.close()
