"""One image of the reference strip: its number, thumbnail, optional label and ×; dragged to reorder.

A view of one of the draft's inputs (the strip builds it from `draft.inputs` and drops it when they
change). The label edits the input's label in the draft; × removes the input; pressing and dragging
the thumbnail starts a drag carrying the tile's index, which the strip takes as a move.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.draft import ImageInput, SourceKind
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.mime import set_input_index

THUMB_PX = 64
TILE_WIDTH = 88
ERROR_STYLE = "color: #c62828;"


class ReferenceTile(QFrame):
    labelEdited = Signal(int, str)
    removeRequested = Signal(int)

    def __init__(self, index: int, item: ImageInput, *, greyed: str = "", first_tip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.item = item
        #: why it is not sent ('' when it is)
        self.greyed = greyed
        self._press: QPoint | None = None
        self.setObjectName(f"reference-{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(TILE_WIDTH)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(3, 3, 3, 3)
        lay.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.number = QLabel(str(index + 1), self)
        self.number.setToolTip(
            first_tip if index == 0 and first_tip
            else translate("ReferenceTile", "Image {number} of the prompt").format(number=index + 1)
        )
        font = self.number.font()
        font.setBold(True)
        self.number.setFont(font)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("remove-reference")
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(translate("ReferenceTile", "Remove this image"))
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self.index))
        top.addWidget(self.number)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        lay.addLayout(top)
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(QSize(THUMB_PX, THUMB_PX))
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignHCenter)
        self.label_edit = QLineEdit(self)
        self.label_edit.setObjectName("reference-label")
        self.label_edit.setPlaceholderText(translate("ReferenceTile", "label"))
        self.label_edit.setToolTip(
            translate("ReferenceTile", "An optional name for this image, kept with the draft")
        )
        self.label_edit.setText(item.label or "")
        self.label_edit.editingFinished.connect(
            lambda: self.labelEdited.emit(self.index, self.label_edit.text())
        )
        lay.addWidget(self.label_edit)
        self._show()

    def _show(self) -> None:
        item = self.item
        preview = item.loaded.preview if item.loaded is not None else b""
        image = QImage.fromData(preview) if preview else None
        tip = [item.source.name]
        if item.size is not None:
            tip.append(f"{item.size[0]} × {item.size[1]}")
        if image is not None and not image.isNull():
            self.thumb.setPixmap(QPixmap.fromImage(image).scaled(
                THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            ))
        elif item.error is not None:
            self.thumb.setText(translate("ReferenceTile", "cannot\nread"))
            self.thumb.setStyleSheet(ERROR_STYLE)
            tip.append(item.error)
        elif item.source.kind is SourceKind.URL:
            self.thumb.setText(translate("ReferenceTile", "link"))
        else:
            self.thumb.setText("…" if item.loading else translate("ReferenceTile", "image"))
        if self.greyed:
            tip.append(self.greyed)
            effect = QGraphicsOpacityEffect(self.thumb)
            effect.setOpacity(0.3)
            self.thumb.setGraphicsEffect(effect)
            self.number.setEnabled(False)
        tip.append(translate("ReferenceTile", "Drag to reorder"))
        self.thumb.setToolTip("\n".join(tip))

    # reordering: a drag from the thumbnail
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        start = self._press
        if start is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(self.drag_data())
        pixmap = self.thumb.pixmap()
        if pixmap is not None and not pixmap.isNull():
            drag.setPixmap(pixmap)
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def drag_data(self) -> QMimeData:
        mime = QMimeData()
        set_input_index(mime, self.index)
        return mime
