"""The brush settings of the canvas view: tool, size, hardness and whether the mask is shown.

A mixin of `CanvasView`, which holds the state and the signal; these are the settings the tool row
and the keys change.
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance

from fluxdesk.draft.mask import Tool, clamp_brush

BRUSH_STEP = 1.25


class BrushControls:
    # held by the view
    _tool: Tool
    _size: int
    _hardness: float
    _mask_shown: bool
    toolChanged: SignalInstance

    def _update_outline(self) -> None:
        raise NotImplementedError

    def _apply_mode(self) -> None:
        raise NotImplementedError

    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool) -> None:
        if tool is not self._tool:
            self._tool = tool
            self.toolChanged.emit()

    @property
    def brush_size(self) -> int:
        """The brush's diameter in image pixels."""
        return self._size

    def set_brush_size(self, size: float) -> None:
        size = clamp_brush(size)
        if size != self._size:
            self._update_outline()
            self._size = size
            self._update_outline()
            self.toolChanged.emit()

    def grow_brush(self, steps: int) -> None:
        """`]` (+1) and `[` (-1): a step of a quarter, at least a pixel."""
        factor = BRUSH_STEP**steps
        target = self._size * factor
        if round(target) == self._size:
            target = self._size + (1 if steps > 0 else -1)
        self.set_brush_size(target)

    @property
    def hardness(self) -> float:
        return self._hardness

    def set_hardness(self, hardness: float) -> None:
        hardness = max(0.0, min(1.0, hardness))
        if hardness != self._hardness:
            self._hardness = hardness
            self.toolChanged.emit()

    @property
    def mask_shown(self) -> bool:
        return self._mask_shown

    def set_mask_shown(self, shown: bool) -> None:
        if shown != self._mask_shown:
            self._mask_shown = shown
            self._apply_mode()
            self.toolChanged.emit()
