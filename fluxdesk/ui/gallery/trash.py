"""The gallery's deletes: to the trash at once with undo, restore from the trash view, empty the trash.

Rows leave the view at once; the library's announcement of the change follows. A restored image comes
back through that announcement too, where the library's order puts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.model import GalleryModel
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class TrashKeeper(QObject):
    statusMessage = Signal(str)
    #: an undo restored these records: select the first once it is back in the view
    restored = Signal(list)

    def __init__(self, library: Any, model: GalleryModel, tasks: TaskRegistry, parent: QWidget) -> None:
        super().__init__(parent)
        self._library = library
        self._model = model
        self._tasks = tasks
        self._window = parent
        self._undo: list[list[GenerationRecord]] = []
        self.confirm: QMessageBox | None = None
        self.undo_action = QAction(translate("Trash", "Undo delete"), parent)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)

    def delete(self, records: list[GenerationRecord]) -> None:
        """Move to the trash at once (the rows go now); Ctrl+Z brings them back."""
        if not records:
            return
        removed = self._model.remove_ids(r.id for r in records) or list(records)
        self._undo.append(removed)
        self.undo_action.setEnabled(True)
        self._tasks.spawn(self._trash(removed), name="move images to the trash")
        n = len(removed)
        if n == 1:  # the exact English singular without a translation loaded
            moved = translate("Trash", "Moved 1 image to the trash. Press Ctrl+Z to undo.")
        else:
            moved = translate("Trash", "Moved %n images to the trash. Press Ctrl+Z to undo.", None, n)
        self.statusMessage.emit(moved)

    async def _trash(self, records: list[GenerationRecord]) -> None:
        try:
            await self._library.trash([r.id for r in records])
        except BaseException:
            self._model.place(records)  # nothing changed: back where the library has them
            if records in self._undo:
                self._undo.remove(records)
            self.undo_action.setEnabled(bool(self._undo))
            raise

    def undo(self) -> None:
        if not self._undo:
            self.statusMessage.emit(translate("Trash", "Nothing to undo."))
            return
        records = self._undo.pop()
        self.undo_action.setEnabled(bool(self._undo))
        self._tasks.spawn(self._restore(records, select=True), name="restore images from the trash")

    def restore(self, records: list[GenerationRecord]) -> None:
        """Take images out of the trash (from the trash view)."""
        if not records:
            return
        self._model.remove_ids(r.id for r in records)
        self._tasks.spawn(self._restore(records, select=False), name="restore images from the trash")

    async def _restore(self, records: list[GenerationRecord], *, select: bool) -> None:
        await self._library.restore([r.id for r in records])
        if select and records:
            self.restored.emit([r.id for r in records])
        n = len(records)
        if n == 1:
            self.statusMessage.emit(translate("Trash", "Restored 1 image."))
        else:
            self.statusMessage.emit(translate("Trash", "Restored %n images.", None, n))

    def empty_trash(self) -> QMessageBox:
        """Ask (without blocking), then delete the trashed images' files for good."""
        from PySide6.QtWidgets import QMessageBox  # loaded when a question opens, not at start-up

        box = QMessageBox(
            QMessageBox.Icon.Warning, translate("Trash", "Empty the trash"),
            translate("Trash", "Delete every image in the trash from the disk? This cannot be undone."),
            QMessageBox.StandardButton.Cancel, self._window,
        )
        confirm = box.addButton(translate("Trash", "Empty trash"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._tasks.spawn(self._empty_trash(), name="empty the trash")
            if button is confirm else None
        )
        self.confirm = box
        box.open()
        return box

    async def _empty_trash(self) -> None:
        n = await self._library.empty_trash()
        self._undo.clear()  # what was emptied can no longer come back
        self.undo_action.setEnabled(False)
        if n == 0:
            self.statusMessage.emit(translate("Trash", "The trash was already empty."))
        elif n == 1:
            self.statusMessage.emit(translate("Trash", "Deleted 1 image for good."))
        else:
            self.statusMessage.emit(translate("Trash", "Deleted %n images for good.", None, n))
