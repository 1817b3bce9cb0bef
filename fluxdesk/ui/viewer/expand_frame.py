"""The expanded canvas around an image: the padding drawn as a checkerboard, and the edges' handles.

Scene coordinates are image pixels with the image at (0, 0); the padding reaches out to
(-left, -top) .. (width + right, height + bottom). Handles are drawn and grabbed in viewport pixels,
so they keep their size at any zoom; an edge can be grabbed anywhere along it, a corner moves two.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from fluxdesk.draft.expand import SIDES, ExpandSides, SideLimits

#: how close (viewport pixels) the pointer must be to an edge to grab it
GRAB_PX = 8.0
HANDLE_PX = 12.0
CHECKER_PX = 8


#: the pointer over an edge (or a corner) says which way it drags
EDGE_CURSORS = {
    frozenset({"left"}): Qt.CursorShape.SizeHorCursor,
    frozenset({"right"}): Qt.CursorShape.SizeHorCursor,
    frozenset({"top"}): Qt.CursorShape.SizeVerCursor,
    frozenset({"bottom"}): Qt.CursorShape.SizeVerCursor,
    frozenset({"top", "left"}): Qt.CursorShape.SizeFDiagCursor,
    frozenset({"bottom", "right"}): Qt.CursorShape.SizeFDiagCursor,
    frozenset({"top", "right"}): Qt.CursorShape.SizeBDiagCursor,
    frozenset({"bottom", "left"}): Qt.CursorShape.SizeBDiagCursor,
}


def _checker() -> QImage:
    image = QImage(2 * CHECKER_PX, 2 * CHECKER_PX, QImage.Format.Format_RGB32)
    image.fill(QColor(92, 92, 92))
    painter = QPainter(image)
    light = QColor(128, 128, 128)
    painter.fillRect(0, 0, CHECKER_PX, CHECKER_PX, light)
    painter.fillRect(CHECKER_PX, CHECKER_PX, CHECKER_PX, CHECKER_PX, light)
    painter.end()
    return image


def outer_rect(image: QSize, sides: ExpandSides) -> QRectF:
    """The expanded canvas, in scene coordinates."""
    width, height = sides.size_for(image.width(), image.height())
    return QRectF(-sides.left, -sides.top, width, height)


class ExpandFrameItem(QGraphicsItem):
    def __init__(self, image: QSize) -> None:
        super().__init__()
        self._image = QSize(image)
        self._sides = ExpandSides()
        self._checker = QBrush(_checker())
        self.setZValue(-1)

    @property
    def sides(self) -> ExpandSides:
        return self._sides

    def set_sides(self, sides: ExpandSides) -> None:
        if sides != self._sides:
            self.prepareGeometryChange()
            self._sides = sides
            self.update()

    def outer(self) -> QRectF:
        return outer_rect(self._image, self._sides)

    def boundingRect(self) -> QRectF:
        return self.outer().adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        outer, inner = self.outer(), QRectF(0, 0, self._image.width(), self._image.height())
        scale = painter.worldTransform().m11() or 1.0
        brush = QBrush(self._checker)
        brush.setTransform(QTransform.fromScale(1 / scale, 1 / scale))  # the same squares at any zoom
        bands = (
            QRectF(outer.left(), outer.top(), outer.width(), inner.top() - outer.top()),
            QRectF(outer.left(), inner.bottom(), outer.width(), outer.bottom() - inner.bottom()),
            QRectF(outer.left(), inner.top(), inner.left() - outer.left(), inner.height()),
            QRectF(inner.right(), inner.top(), outer.right() - inner.right(), inner.height()),
        )
        for band in bands:
            if band.width() > 0 and band.height() > 0:
                painter.fillRect(band, brush)
        pen = QPen(QColor(255, 255, 255, 200), 0)  # cosmetic: one pixel at any zoom
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(outer)


def edges_at(outer: QRectF, pos: QPointF, grab: float = GRAB_PX) -> frozenset[str]:
    """The sides whose edge is under `pos` (both viewport pixels): one, two at a corner, or none."""
    inside_x = outer.left() - grab <= pos.x() <= outer.right() + grab
    inside_y = outer.top() - grab <= pos.y() <= outer.bottom() + grab
    found: set[str] = set()
    if inside_y and abs(pos.x() - outer.left()) <= grab:
        found.add("left")
    elif inside_y and abs(pos.x() - outer.right()) <= grab:
        found.add("right")
    if inside_x and abs(pos.y() - outer.top()) <= grab:
        found.add("top")
    elif inside_x and abs(pos.y() - outer.bottom()) <= grab:
        found.add("bottom")
    return frozenset(found)


def dragged(
    sides: ExpandSides, edges: frozenset[str], scene: QPointF, image: QSize, limits: SideLimits
) -> ExpandSides:
    """The sides with each edge in `edges` moved to the scene point, snapped and clamped."""
    values = dict(zip(SIDES, sides.as_tuple(), strict=True))
    if "left" in edges:
        values["left"] = limits.snap(-scene.x())
    if "right" in edges:
        values["right"] = limits.snap(scene.x() - image.width())
    if "top" in edges:
        values["top"] = limits.snap(-scene.y())
    if "bottom" in edges:
        values["bottom"] = limits.snap(scene.y() - image.height())
    return ExpandSides(**values)


def handle_rects(outer: QRectF) -> dict[str, QRectF]:
    """A handle in the middle of each edge, viewport pixels."""
    half = HANDLE_PX / 2
    c = outer.center()
    return {
        "top": QRectF(c.x() - half, outer.top() - half, HANDLE_PX, HANDLE_PX),
        "bottom": QRectF(c.x() - half, outer.bottom() - half, HANDLE_PX, HANDLE_PX),
        "left": QRectF(outer.left() - half, c.y() - half, HANDLE_PX, HANDLE_PX),
        "right": QRectF(outer.right() - half, c.y() - half, HANDLE_PX, HANDLE_PX),
    }


def draw_handles(painter: QPainter, outer: QRectF, active: frozenset[str]) -> None:
    """In viewport pixels (the painter untransformed)."""
    painter.setPen(QPen(QColor(20, 20, 20), 1))
    for side, rect in handle_rects(outer).items():
        painter.setBrush(QColor(80, 170, 255) if side in active else QColor(240, 240, 240))
        painter.drawRect(rect)


__all__ = ["ExpandFrameItem", "dragged", "draw_handles", "edges_at", "handle_rects", "outer_rect"]
