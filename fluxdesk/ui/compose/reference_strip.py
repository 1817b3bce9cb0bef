"""The reference strip: a model's input images as one row of thumbnails, instead of a field per slot.

For a model that takes several images (Kontext 4, FLUX.2 8, [klein] 4): the input first, then the
references, each with an optional label (the draft's `ImageInput.label`), reordered by dragging
within the strip, removed with ×. Images come from the gallery by drag and drop (the gallery's
drag carries library ids: they become library sources), from files (Add… or a drop) and from the
clipboard (Paste: a gallery image, a file, or an image, which is written to a file first, off the
GUI thread). Only the images in use are shown, with a drop place after them while there is room;
images past the model's slots (after switching to a model that takes fewer) are greyed, and the
draft's rule refuses to send them. The caption says how many and how many megapixels in all, by
`draft/references.py`, the one place of both rules.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.draft import Draft, ImageSource
from fluxdesk.draft.inputs import input_params
from fluxdesk.draft.references import slot_count, tally
from fluxdesk.i18n import _
from fluxdesk.ui.compose.image_field import image_filter
from fluxdesk.ui.compose.reference_tile import THUMB_PX, ReferenceTile
from fluxdesk.ui.compose.strip_context import StripContext
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.mime import input_index, local_files, record_ids

ERROR_STYLE = "color: #c62828;"


def write_pasted(image: QImage, folder: Path) -> Path:
    """Blocking (a worker thread: a QImage is no widget): the clipboard's image as a PNG file."""
    folder.mkdir(parents=True, exist_ok=True)
    import uuid  # with `platform` ~5 ms: at the first paste, not before the window shows

    path = folder / f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.png"
    if not image.save(str(path)):  # PNG, by the name
        raise OSError(translate("ReferenceStrip", "could not write {name}").format(name=path.name))
    return path


class ReferenceStrip(QFrame):
    #: the strip's own sentences (a full strip, a paste that held no image)
    statusMessage = Signal(str)

    def __init__(
        self, draft: Draft, context: StripContext | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.context = context
        self.tiles: list[ReferenceTile] = []
        self._shown: tuple[object, ...] | None = None
        self.setObjectName("reference-strip")
        self.setAcceptDrops(True)
        self.setToolTip(translate(
            "ReferenceStrip", "Drop images from the gallery or files here; drag a thumbnail to reorder"
        ))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self)
        self.summary.setObjectName("reference-summary")
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("add-reference")
        self.add_button.setText(translate("ReferenceStrip", "Add…"))
        self.add_button.setToolTip(translate("ReferenceStrip", "Add an image file"))
        self.add_button.clicked.connect(self.open_picker)
        self.paste_button = QToolButton(self)
        self.paste_button.setObjectName("paste-reference")
        self.paste_button.setText(translate("ReferenceStrip", "Paste"))
        self.paste_button.setToolTip(
            translate("ReferenceStrip", "Add the image (or image file) on the clipboard")
        )
        self.paste_button.clicked.connect(self.paste)
        head.addWidget(self.summary, 1)
        head.addWidget(self.add_button)
        head.addWidget(self.paste_button)
        outer.addLayout(head)
        self._row_host = QWidget(self)
        self._row = QHBoxLayout(self._row_host)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self.drop_place = QLabel(translate("ReferenceStrip", "Drop images\nhere"), self._row_host)
        self.drop_place.setObjectName("reference-drop")
        self.drop_place.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_place.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_place.setFixedSize(THUMB_PX + 24, THUMB_PX + 48)
        self.drop_place.setEnabled(False)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self._row_host)
        self.scroll_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bar = self.scroll_area.horizontalScrollBar().sizeHint().height()
        self.scroll_area.setFixedHeight(THUMB_PX + 56 + bar)
        outer.addWidget(self.scroll_area)
        self.sync()

    # -- what it shows ---------------------------------------------------------------------------------

    @property
    def items(self) -> list[object]:
        return [i for i in self.draft.inputs if i is not None]

    @property
    def slots(self) -> int:
        return slot_count(self.draft.spec)

    @property
    def full(self) -> bool:
        return len(self.items) >= self.slots

    def sync(self) -> None:
        """Rebuild from the draft's inputs (a handful of small previews: cheap); a label being typed
        is carried over to the new tile."""
        shown = (self.draft.model, tuple(self.draft.inputs))
        if shown == self._shown:
            return
        self._shown = shown
        typing: dict[int, tuple[str, bool]] = {}
        for tile in self.tiles:
            edit = tile.label_edit
            if edit.text() != (tile.item.label or ""):
                typing[tile.item.token] = (edit.text(), edit.hasFocus())
            edit.blockSignals(True)  # its focus leaving as it goes is no edit
            tile.blockSignals(True)
            tile.hide()
            tile.deleteLater()
        self._row.removeWidget(self.drop_place)
        while self._row.count():
            self._row.takeAt(0)
        self.tiles = []
        spec = self.draft.spec
        first_tip = _(spec.param(input_params(spec)[0]).help) if input_params(spec) else ""
        not_sent = translate("ReferenceStrip", "Not sent: {model} takes %n images.", None, self.slots)
        for index, item in enumerate(i for i in self.draft.inputs if i is not None):
            greyed = "" if index < self.slots else not_sent.format(model=_(spec.label))
            tile = ReferenceTile(index, item, greyed=greyed, first_tip=first_tip, parent=self._row_host)
            tile.labelEdited.connect(self.draft.set_input_label)
            tile.removeRequested.connect(self.draft.remove_input)
            if item.token in typing:
                text, focused = typing[item.token]
                tile.label_edit.setText(text)
                if focused:
                    tile.label_edit.setFocus()
            self._row.addWidget(tile)
            self.tiles.append(tile)
        self._row.addWidget(self.drop_place)
        self._row.addStretch(1)
        self.drop_place.setVisible(not self.full)
        for button in (self.add_button, self.paste_button):
            button.setEnabled(not self.full)
        t = tally(spec, self.draft.inputs)
        self.summary.setText(t.summary())
        self.summary.setStyleSheet(ERROR_STYLE if t.too_big or t.over else "")

    # -- adding ------------------------------------------------------------------------------------------

    def add(self, sources: Iterable[ImageSource], at: int | None = None) -> int:
        """Add images (at place `at`, else after the last) while the model has slots; returns how many."""
        added = 0
        for source in sources:
            if self.full:
                self.statusMessage.emit(
                    translate("ReferenceStrip", "{model} takes at most %n images.", None, self.slots).format(
                        model=_(self.draft.spec.label)
                    )
                )
                break
            with self.draft.changes():
                index = self.draft.add_input(source)
                if at is not None:
                    self.draft.move_input(index, at + added)
            added += 1
        return added

    def open_picker(self) -> None:
        dialog = QFileDialog(self, translate("ReferenceStrip", "Add images"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(image_filter())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda names: self.add(ImageSource.file(Path(n)) for n in names))
        dialog.open()

    def paste(self) -> None:
        """The clipboard's gallery images, files, or image (written to a file off the GUI thread)."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and self.add_from(mime):
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull() or self.context is None:
            self.statusMessage.emit(translate("ReferenceStrip", "The clipboard holds no image."))
            return
        self.context.tasks.spawn(self._paste_image(image, self.context.paste_dir), name="paste an image")

    async def _paste_image(self, image: QImage, folder: Path) -> None:
        try:
            path = await asyncio.to_thread(write_pasted, image, folder)
        except OSError as exc:
            self.statusMessage.emit(
                translate("ReferenceStrip", "The pasted image could not be kept: {reason}.").format(
                    reason=exc
                )
            )
            return
        self.add([ImageSource.file(path)])

    def add_from(self, mime: QMimeData, at: int | None = None) -> bool:
        """Gallery images (library ids) or files of a drop or the clipboard; False: nothing to add."""
        ids = record_ids(mime)
        if ids:
            return self.add((ImageSource.library(i) for i in ids), at) > 0
        files = local_files(mime)
        if files:
            return self.add((ImageSource.file(f) for f in files), at) > 0
        return False

    # -- drops -------------------------------------------------------------------------------------------

    def _accepts(self, mime: QMimeData) -> bool:
        return input_index(mime) is not None or bool(record_ids(mime)) or bool(local_files(mime))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.drop(event.mimeData(), event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, mime: QMimeData, pos: QPoint) -> bool:
        """A drop at `pos` (the strip's coordinates): a tile moved there, or images added there."""
        at = self.index_at(pos)
        moved = input_index(mime)
        if moved is not None:
            if moved < at:
                at -= 1  # the tile leaves its own place first
            self.draft.move_input(moved, at)
            return True
        return self.add_from(mime, at)

    def index_at(self, pos: QPoint) -> int:
        """The place a drop at `pos` goes: before the first tile whose middle is right of it."""
        x = self._row_host.mapFrom(self, pos).x()
        for tile in self.tiles:
            if x < tile.geometry().center().x():
                return tile.index
        return len(self.tiles)
