"""The canvas's tool rows: brush and mask for Fill, the four sides for Expand.

Both are views of a `CanvasView`: they set it when the user changes a control and follow its
signals otherwise (a key such as `]` changes the view, and the slider follows).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QSlider, QSpinBox, QToolButton, QWidget

from fluxdesk.draft.expand import SIDES, ExpandSides, size_text
from fluxdesk.draft.mask import EMPTY_MASK, MAX_BRUSH, MIN_BRUSH, Tool
from fluxdesk.i18n import _
from fluxdesk.ui.compose.number_fields import SnapSpinBox
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.viewer.canvas_view import CanvasView


def _button(
    parent: QWidget, row: QHBoxLayout, text: str, tip: str, *, checkable: bool = False
) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the canvas
    row.addWidget(button)
    return button


def _slider(parent: QWidget, lo: int, hi: int, tip: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal, parent)
    slider.setRange(lo, hi)
    slider.setToolTip(tip)
    slider.setFixedWidth(120)
    slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return slider


class MaskTools(QWidget):
    """Brush / eraser, size, hardness, show mask, invert, clear, undo, redo."""

    def __init__(self, view: CanvasView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self.brush = _button(
            self, row, translate("CanvasTools", "Brush"),
            translate("CanvasTools", "Paint what is to be repainted (B)"),
            checkable=True,
        )
        self.eraser = _button(
            self, row, translate("CanvasTools", "Eraser"),
            translate("CanvasTools", "Erase from the mask (X swaps)"),
            checkable=True,
        )
        tools = QButtonGroup(self)
        tools.setExclusive(True)
        tools.addButton(self.brush)
        tools.addButton(self.eraser)
        self.brush.clicked.connect(lambda: view.set_tool(Tool.BRUSH))
        self.eraser.clicked.connect(lambda: view.set_tool(Tool.ERASER))

        row.addWidget(QLabel(translate("CanvasTools", "Size"), self))
        self.size_slider = _slider(
            self, MIN_BRUSH, MAX_BRUSH, translate("CanvasTools", "Brush diameter in image pixels ([ and ])")
        )
        self.size_slider.valueChanged.connect(lambda v: view.set_brush_size(v))
        row.addWidget(self.size_slider)
        self.size_box = QSpinBox(self)
        self.size_box.setRange(MIN_BRUSH, MAX_BRUSH)
        self.size_box.setSuffix(" px")  # a unit's symbol: not translated
        self.size_box.valueChanged.connect(lambda v: view.set_brush_size(v))
        row.addWidget(self.size_box)

        row.addWidget(QLabel(translate("CanvasTools", "Hardness"), self))
        self.hardness = _slider(
            self, 0, 100, translate("CanvasTools", "Hardness: 100% is a crisp edge, less fades it out")
        )
        self.hardness.valueChanged.connect(lambda v: view.set_hardness(v / 100))
        row.addWidget(self.hardness)
        self.hardness_label = QLabel(self)
        row.addWidget(self.hardness_label)

        self.shown = _button(
            self, row, translate("CanvasTools", "Show mask"),
            translate("CanvasTools", "Show or hide the mask (H)"),
            checkable=True,
        )
        self.shown.toggled.connect(view.set_mask_shown)
        self.invert = _button(
            self, row, translate("CanvasTools", "Invert"),
            translate("CanvasTools", "Repaint what is not painted, keep what is (Ctrl+I)"),
        )
        self.invert.clicked.connect(lambda: view.invert())
        self.clear = _button(
            self, row, translate("CanvasTools", "Clear"), translate("CanvasTools", "Clear the mask (Delete)")
        )
        self.clear.clicked.connect(lambda: view.clear())
        self.undo = _button(
            self, row, translate("CanvasTools", "Undo"),
            translate("CanvasTools", "Undo the last stroke (Ctrl+Z)"),
        )
        self.undo.clicked.connect(lambda: view.undo())
        self.redo = _button(
            self, row, translate("CanvasTools", "Redo"),
            translate("CanvasTools", "Redo (Ctrl+Shift+Z or Ctrl+Y)"),
        )
        self.redo.clicked.connect(lambda: view.redo())
        self.empty_note = QLabel(translate("CanvasTools", "Nothing painted"), self)
        self.empty_note.setToolTip(_(EMPTY_MASK))
        row.addWidget(self.empty_note)
        row.addStretch(1)

        view.toolChanged.connect(self.sync)
        view.historyChanged.connect(self.sync)
        self.sync()

    def show_empty(self, empty: bool) -> None:
        """Say whether the mask marks nothing to repaint (known once it is encoded)."""
        self.empty_note.setVisible(empty)

    def sync(self) -> None:
        view = self.view
        _quietly(self.brush, lambda: self.brush.setChecked(view.tool is Tool.BRUSH))
        _quietly(self.eraser, lambda: self.eraser.setChecked(view.tool is Tool.ERASER))
        _quietly(self.size_slider, lambda: self.size_slider.setValue(view.brush_size))
        _quietly(self.size_box, lambda: self.size_box.setValue(view.brush_size))
        _quietly(self.hardness, lambda: self.hardness.setValue(round(view.hardness * 100)))
        self.hardness_label.setText(f"{round(view.hardness * 100)}%")
        _quietly(self.shown, lambda: self.shown.setChecked(view.mask_shown))
        layer = view.layer
        has_layer = layer is not None
        for button in (self.invert, self.clear):
            button.setEnabled(has_layer)
        self.undo.setEnabled(layer is not None and layer.history.can_undo)
        self.redo.setEnabled(layer is not None and layer.history.can_redo)


class ExpandTools(QWidget):
    """The four sides as numbers (synced with the dragged edges) and the new size."""

    def __init__(self, view: CanvasView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        limits = view.limits
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self.boxes: dict[str, QSpinBox] = {}
        for side in SIDES:
            row.addWidget(QLabel(_side_name(side), self))
            box = SnapSpinBox(limits.step, self)
            box.setRange(limits.minimum, limits.maximum)
            box.setSuffix(" px")
            box.setToolTip(_side_tip(side).format(minimum=limits.minimum, maximum=limits.maximum))
            box.valueChanged.connect(lambda _v: self._typed())
            row.addWidget(box)
            self.boxes[side] = box
        self.reset = _button(
            self, row, translate("CanvasTools", "Reset"), translate("CanvasTools", "Add nothing on any side")
        )
        self.reset.clicked.connect(lambda: view.set_sides(ExpandSides()))
        self.size_label = QLabel(self)
        self.size_label.setToolTip(translate("CanvasTools", "The expanded image's size"))
        row.addWidget(self.size_label)
        row.addStretch(1)
        view.expandChanged.connect(lambda *_sides: self.sync())
        self.sync()

    def _typed(self) -> None:
        self.view.set_sides(ExpandSides(*(self.boxes[side].value() for side in SIDES)))
        self.sync()

    def sync(self) -> None:
        sides = self.view.sides
        for side, value in zip(SIDES, sides.as_tuple(), strict=True):
            box = self.boxes[side]
            if box.value() != value:
                blocked = box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(blocked)
        image = self.view.image
        if image is None:
            self.size_label.setText("")
        else:
            self.size_label.setText(size_text(*sides.size_for(image.width(), image.height())))


def _side_name(side: str) -> str:
    """A side's name as the row shows it ("top" is a key of `ExpandSides`, "Top" what is read)."""
    names = {
        "top": translate("CanvasTools", "Top"),
        "right": translate("CanvasTools", "Right"),
        "bottom": translate("CanvasTools", "Bottom"),
        "left": translate("CanvasTools", "Left"),
    }
    return names.get(side, side)


def _side_tip(side: str) -> str:
    """The tooltip of a side's box, {minimum} and {maximum} to fill (a sentence per side: the words
    around a side's name change with it in other languages)."""
    tips = {
        "top": translate("CanvasTools", "Pixels to add at the top ({minimum}..{maximum})"),
        "right": translate("CanvasTools", "Pixels to add at the right ({minimum}..{maximum})"),
        "bottom": translate("CanvasTools", "Pixels to add at the bottom ({minimum}..{maximum})"),
        "left": translate("CanvasTools", "Pixels to add at the left ({minimum}..{maximum})"),
    }
    return tips.get(side, "{minimum}..{maximum}")


def _quietly(widget: QWidget, change: Callable[[], None]) -> None:
    """A change from the view, not the user: no signal back."""
    blocked = widget.blockSignals(True)
    try:
        change()
    finally:
        widget.blockSignals(blocked)


__all__ = ["ExpandTools", "MaskTools"]
