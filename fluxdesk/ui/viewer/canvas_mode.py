"""The canvas's two modes, apart from the canvas: the window knows which one an edit needs before it
makes the canvas (at its first Fill or Expand edit)."""

from __future__ import annotations

from enum import StrEnum


class CanvasMode(StrEnum):
    MASK = "mask"  # paint what Fill repaints
    EXPAND = "expand"  # drag the edges for Expand
