"""The mask keys of the canvas: which edit of the view a key press asks for.

B brush, X swaps to the eraser, `[`/`]` size, H hides the overlay, Ctrl+I invert, Delete (or
Backspace) clear, Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo. Space (pan) is the view's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from fluxdesk.draft.mask import Tool

if TYPE_CHECKING:
    from fluxdesk.ui.viewer.canvas_view import CanvasView


def mask_key_action(view: CanvasView, event: QKeyEvent) -> Callable[[], None] | None:
    """What the key does to the mask or the brush; None: not a mask key."""
    key, text = event.key(), event.text()
    mods = event.modifiers()
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
    if (ctrl and key == Qt.Key.Key_Z and not shift) or event.matches(QKeySequence.StandardKey.Undo):
        return view.undo
    if (ctrl and (key == Qt.Key.Key_Y or (key == Qt.Key.Key_Z and shift))) or event.matches(
        QKeySequence.StandardKey.Redo
    ):
        return view.redo
    if ctrl:
        return view.invert if key == Qt.Key.Key_I else None
    if text == "[" or key == Qt.Key.Key_BracketLeft:
        return lambda: view.grow_brush(-1)
    if text == "]" or key == Qt.Key.Key_BracketRight:
        return lambda: view.grow_brush(1)
    if key == Qt.Key.Key_B:
        return lambda: view.set_tool(Tool.BRUSH)
    if key == Qt.Key.Key_X:
        return lambda: view.set_tool(Tool.ERASER if view.tool is Tool.BRUSH else Tool.BRUSH)
    if key == Qt.Key.Key_H:
        return lambda: view.set_mask_shown(not view.mask_shown)
    if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        return view.clear
    return None
