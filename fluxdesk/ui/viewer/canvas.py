"""The canvas: an image to paint a Fill mask on or to Expand, with its tools; what the edit flow uses.

    canvas = Canvas(tasks, mode=CanvasMode.MASK)       # limits: the catalogue's expand steps
    canvas.set_image(qimage)                           # the input image, at its own pixel size
    canvas.maskChanged.connect(lambda m: apply_mask(draft, m))            # fluxdesk.draft.mask
    canvas.expandChanged.connect(lambda t, r, b, l: apply_expand(draft, ExpandSides(t, r, b, l)))

`maskChanged(PaintedMask)` comes after each change to the mask settles (a stroke ended, undo, redo,
invert, clear), with the PNG encoded in a worker thread: at 4 MP that takes longer than a frame. Only
the newest state is announced: edits made while one is encoding make it encode once more.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.draft.expand import ExpandSides, SideLimits
from fluxdesk.draft.mask import PaintedMask, encode_mask
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.canvas_mode import CanvasMode
from fluxdesk.ui.viewer.canvas_tools import ExpandTools, MaskTools
from fluxdesk.ui.viewer.canvas_view import CanvasView


def encode_qimage(mask: QImage) -> PaintedMask:
    """Blocking (a worker thread may run it: a QImage is not a widget). `mask` is 8-bit gray."""
    return encode_mask(mask.constBits(), mask.width(), mask.height(), mask.bytesPerLine())


class Canvas(QWidget):
    #: a PaintedMask (PNG at the image's size, white: repaint), after each change to the mask
    maskChanged = Signal(object)
    #: top, right, bottom, left in image pixels
    expandChanged = Signal(int, int, int, int)

    def __init__(
        self,
        tasks: TaskRegistry,
        *,
        mode: CanvasMode = CanvasMode.MASK,
        limits: SideLimits | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.view = CanvasView(self, limits=limits)
        self.mask_tools = MaskTools(self.view, self)
        self.expand_tools = ExpandTools(self.view, self)
        self._version = 0  # of the mask's pixels
        self._encoded: tuple[int, PaintedMask] | None = None
        self._encoding: asyncio.Task[None] | None = None

        modes = QHBoxLayout()
        modes.setContentsMargins(6, 2, 0, 2)
        self.mode_buttons: dict[CanvasMode, QToolButton] = {}
        group = QButtonGroup(self)
        for each, text, tip in (
            (CanvasMode.MASK, translate("Canvas", "Paint mask"),
             translate("Canvas", "Paint what Fill repaints")),
            (
                CanvasMode.EXPAND,
                translate("Canvas", "Expand"),
                translate("Canvas", "Drag the edges outwards for Expand"),
            ),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, m=each: self.set_mode(m))
            group.addButton(button)
            modes.addWidget(button)
            self.mode_buttons[each] = button
        self.tools = QStackedWidget(self)
        self.tools.addWidget(self.mask_tools)
        self.tools.addWidget(self.expand_tools)
        # the tool rows scroll sideways in a narrow pane rather than widen the window around them
        tools_area = QScrollArea(self)
        tools_area.setFrameShape(QFrame.Shape.NoFrame)
        tools_area.setWidgetResizable(True)
        tools_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tools_area.setWidget(self.tools)
        bar = tools_area.horizontalScrollBar().sizeHint().height()
        rows = max(w.sizeHint().height() for w in (self.mask_tools, self.expand_tools))
        tools_area.setFixedHeight(rows + bar)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(modes)
        top.addWidget(tools_area, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self.view.maskEdited.connect(self._mask_edited)
        self.view.imageChanged.connect(self._image_changed)
        self.view.expandChanged.connect(self.expandChanged)
        self.set_mode(mode)

    # ---- content and mode -----------------------------------------------------------------------------

    def set_image(self, image: QImage) -> None:
        """The image to work on; the mask starts empty at its exact size."""
        self.view.set_image(image)

    def _image_changed(self) -> None:
        self._version += 1
        self._encoded = None
        self.expand_tools.sync()
        self.mask_tools.show_empty(self.view.layer is not None)  # a new mask is empty

    @property
    def mode(self) -> CanvasMode:
        return self.view.mode

    def set_mode(self, mode: CanvasMode) -> None:
        self.view.set_mode(mode)
        self.mode_buttons[mode].setChecked(True)
        self.tools.setCurrentWidget(self.mask_tools if mode is CanvasMode.MASK else self.expand_tools)
        self.view.setFocus()

    # ---- the mask ---------------------------------------------------------------------------------------

    @property
    def encoding(self) -> bool:
        """A mask is being encoded (its `maskChanged` is still to come)."""
        return self._encoding is not None and not self._encoding.done()

    def mask_png(self) -> bytes:
        """The mask as PNG bytes at the image's size: the last encoding when it is current, else made
        here and now (blocking: prefer `maskChanged`, or `await painted_mask()`, for a large image)."""
        return self._painted_now().png

    async def painted_mask(self) -> PaintedMask:
        """The mask as it is now, encoded in a worker thread."""
        layer = self.view.layer
        if layer is None:
            raise ValueError("the canvas has no image")
        version = self._version
        if self._encoded is not None and self._encoded[0] == version:
            return self._encoded[1]
        # a shared copy, no pixels copied: painting meanwhile detaches the view's mask, not this one
        painted = await asyncio.to_thread(encode_qimage, QImage(layer.mask))
        if version == self._version:
            self._encoded = (version, painted)
        return painted

    def _painted_now(self) -> PaintedMask:
        layer = self.view.layer
        if layer is None:
            raise ValueError("the canvas has no image")
        if self._encoded is None or self._encoded[0] != self._version:
            self._encoded = (self._version, encode_qimage(layer.mask))
        return self._encoded[1]

    def _mask_edited(self) -> None:
        self._version += 1
        if not self.encoding:
            self._encoding = self._tasks.spawn(self._announce(), name="encode the mask")

    async def _announce(self) -> None:
        layer = self.view.layer
        while layer is not None and self.view.layer is layer:  # a new image is no edit to announce
            version = self._version
            painted = await self.painted_mask()
            if version == self._version and self.view.layer is layer:
                self.mask_tools.show_empty(painted.empty)
                self.maskChanged.emit(painted)
                return

    # ---- expand -------------------------------------------------------------------------------------------

    def expand_sides(self) -> ExpandSides:
        return self.view.sides

    def set_expand_sides(self, sides: ExpandSides) -> None:
        self.view.set_sides(sides)

    def shutdown(self) -> None:
        """Stop an encoding under way (its window is closing)."""
        if self._encoding is not None and not self._encoding.done():
            self._encoding.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


__all__ = ["Canvas", "CanvasMode", "encode_qimage"]
