"""Stamping round dabs into an 8-bit mask, only where they fall.

A dab is a disc, white at the centre out to `hardness` of its radius and fading to black at the
edge. The brush composes with Lighten (each pixel keeps the brighter of mask and dab) and the eraser
with Darken against the dab's inverse, so overlapping dabs of one stroke never build up: a soft edge
stays as soft as the brush, and painting over a painted area changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QRadialGradient

from fluxdesk.draft.mask import Point, Tool

WHITE = QColor(255, 255, 255)
BLACK = QColor(0, 0, 0)


def dab_rect(centre: Point, size: float) -> QRect:
    """The pixels a dab can touch."""
    reach = size / 2 + 1
    x0, y0 = math.floor(centre[0] - reach), math.floor(centre[1] - reach)
    return QRect(x0, y0, math.ceil(centre[0] + reach) - x0, math.ceil(centre[1] + reach) - y0)


def dabs_rect(centres: Sequence[Point], size: float) -> QRect:
    rect = QRect()
    for centre in centres:
        rect = rect.united(dab_rect(centre, size))
    return rect


def stamp(mask: QImage, centres: Sequence[Point], size: float, hardness: float, tool: Tool) -> QRect:
    """Stamp dabs of diameter `size` (image pixels) at `centres`; the rect that may have changed,
    within the mask."""
    if not centres:
        return QRect()
    radius = max(0.5, size / 2)
    inner, outer = (WHITE, BLACK) if tool is Tool.BRUSH else (BLACK, WHITE)
    painter = QPainter(mask)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setCompositionMode(
            QPainter.CompositionMode.CompositionMode_Lighten
            if tool is Tool.BRUSH
            else QPainter.CompositionMode.CompositionMode_Darken
        )
        painter.setPen(Qt.PenStyle.NoPen)
        hard = hardness >= 0.999
        if hard:
            painter.setBrush(inner)
        for x, y in centres:
            centre = QPointF(x, y)
            if not hard:
                gradient = QRadialGradient(centre, radius)
                gradient.setColorAt(0.0, inner)
                gradient.setColorAt(max(0.0, min(1.0, hardness)), inner)
                gradient.setColorAt(1.0, outer)
                painter.setBrush(QBrush(gradient))
            painter.drawEllipse(centre, radius, radius)
    finally:
        painter.end()
    return dabs_rect(centres, size).intersected(mask.rect())


__all__ = ["dab_rect", "dabs_rect", "stamp"]


def draw_outline(painter: QPainter, centre: QPointF, radius: float, zoom: float) -> None:
    """The brush's outline at `centre` (scene pixels): a dark and a light ring a pixel apart, visible
    on any image."""
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(0, 0, 0, 200), 0))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(QPen(QColor(255, 255, 255, 220), 0))
    inner = max(0.0, radius - 1 / max(zoom, 1e-6))
    painter.drawEllipse(centre, inner, inner)
    painter.restore()
