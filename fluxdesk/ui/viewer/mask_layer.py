"""The mask being painted: an 8-bit image at the input's exact size, its tinted overlay, undo and redo.

Everything here touches only the pixels an edit covers: a dab changes its own rect of the mask and of
the overlay, and before an edit first touches a 128-pixel tile, that tile is kept as it was. Undo
swaps the kept tiles with the mask's (no replay of earlier strokes), which leaves the edit's own
pixels in the patch, so redo is the same swap; an inversion is its own undo. The overlay
(premultiplied ARGB, what the view draws) is the mask through a colour table: gray level v becomes
the tint at v × opacity.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from fluxdesk.draft.mask import (
    Clear,
    DabTrail,
    EditHistory,
    Entry,
    Invert,
    MaskEdit,
    Point,
    Stroke,
    Tool,
    dab_spacing,
)
from fluxdesk.ui.viewer.brush import dab_rect, stamp

TILE = 128
MASK_FORMAT = QImage.Format.Format_Grayscale8
OVERLAY_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
DEFAULT_TINT = QColor(255, 40, 90)
DEFAULT_OPACITY = 0.5


class TilePatch:
    """The tiles of the mask an edit covered, as they were before it."""

    def __init__(self) -> None:
        self.tiles: dict[tuple[int, int], QImage] = {}
        self.bytes = 0

    def cover(self, mask: QImage, rect: QRect) -> None:
        """Keep every tile under `rect` not kept yet (call before painting there)."""
        rect = rect.intersected(mask.rect())
        if rect.isEmpty():
            return
        for ty in range(rect.top() // TILE, rect.bottom() // TILE + 1):
            for tx in range(rect.left() // TILE, rect.right() // TILE + 1):
                if (tx, ty) not in self.tiles:
                    tile = mask.copy(QRect(tx * TILE, ty * TILE, TILE, TILE).intersected(mask.rect()))
                    self.tiles[tx, ty] = tile
                    self.bytes += tile.sizeInBytes()

    def swap(self, mask: QImage) -> list[QRect]:
        """Exchange the kept tiles with the mask's: the edit is undone (or, swapped again, redone).
        The rects that changed."""
        changed: list[QRect] = []
        if not self.tiles:
            return changed
        painter = QPainter(mask)
        try:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            for key, tile in self.tiles.items():
                rect = QRect(key[0] * TILE, key[1] * TILE, tile.width(), tile.height())
                self.tiles[key] = mask.copy(rect)
                painter.drawImage(rect.topLeft(), tile)
                changed.append(rect)
        finally:
            painter.end()
        return changed


def merge_runs(rects: list[QRect]) -> list[QRect]:
    """Tiles side by side in a row become one rect (a clear's undo: 16 rows, not 256 tiles)."""
    out: list[QRect] = []
    for rect in sorted(rects, key=lambda r: (r.top(), r.left())):
        last = out[-1] if out else None
        if (
            last is not None
            and last.top() == rect.top()
            and last.height() == rect.height()
            and last.right() + 1 == rect.left()
        ):
            out[-1] = last.united(rect)
        else:
            out.append(QRect(rect))
    return out


class MaskLayer:
    """The mask of one image. Methods that change pixels return the rect that changed (image pixels)."""

    def __init__(self, size: QSize, *, tint: QColor = DEFAULT_TINT, opacity: float = DEFAULT_OPACITY) -> None:
        self.mask = QImage(size, MASK_FORMAT)
        self.mask.fill(0)
        self.overlay = QImage(size, OVERLAY_FORMAT)
        self.overlay.fill(Qt.GlobalColor.transparent)
        self.history: EditHistory[TilePatch | None] = EditHistory()
        self._table = _tint_table(tint, opacity)  # the overlay is all clear already: nothing to refresh
        self._stroke: _LiveStroke | None = None

    @property
    def size(self) -> QSize:
        return self.mask.size()

    @property
    def painting(self) -> bool:
        return self._stroke is not None

    # ---- a live stroke ----------------------------------------------------------------------------------

    def begin_stroke(self, point: Point, size: float, hardness: float, tool: Tool) -> QRect:
        self._stroke = _LiveStroke(size, hardness, tool)
        self._stroke.points.append(point)
        return self._stamp(self._stroke, self._stroke.trail.start(point))

    def continue_stroke(self, point: Point) -> QRect:
        stroke = self._stroke
        if stroke is None:
            return QRect()
        stroke.points.append(point)
        return self._stamp(stroke, stroke.trail.extend(point))

    def end_stroke(self) -> Stroke | None:
        """The stroke, recorded for undo (None when none was under way, or it missed the image)."""
        stroke, self._stroke = self._stroke, None
        if stroke is None or not stroke.patch.tiles:
            return None  # it never touched the image (painted outside it): no step to undo
        edit = Stroke(tuple(stroke.points), stroke.size, stroke.hardness, stroke.tool)
        self.history.record(edit, stroke.patch, stroke.patch.bytes)
        return edit

    def _stamp(self, stroke: _LiveStroke, centres: list[Point]) -> QRect:
        for centre in centres:
            stroke.patch.cover(self.mask, dab_rect(centre, stroke.size))
        rect = stamp(self.mask, centres, stroke.size, stroke.hardness, stroke.tool)
        self.refresh(rect)
        return rect

    # ---- edits ------------------------------------------------------------------------------------------

    def apply(self, edit: MaskEdit) -> QRect:
        """Apply a whole edit and record it (a stroke from its record, an inversion, a clear)."""
        self._finish_stroke()
        patch: TilePatch | None = None
        if isinstance(edit, Stroke):
            patch = TilePatch()
            centres = edit.dabs()
            for centre in centres:
                patch.cover(self.mask, dab_rect(centre, edit.size))
            rect = stamp(self.mask, centres, edit.size, edit.hardness, edit.tool)
        elif isinstance(edit, Invert):
            self.mask.invertPixels()  # its own undo: no patch
            rect = self.mask.rect()
        else:
            patch = TilePatch()
            patch.cover(self.mask, self.mask.rect())
            self.mask.fill(0)
            rect = self.mask.rect()
        self.history.record(edit, patch, patch.bytes if patch else 0)
        self.refresh(rect)
        return rect

    def invert(self) -> QRect:
        return self.apply(Invert())

    def clear(self) -> QRect:
        return self.apply(Clear())

    def undo(self) -> list[QRect] | None:
        """Undo the last edit; the rects that changed, or None when there was nothing to undo."""
        self._finish_stroke()
        return self._swap(self.history.undo())

    def redo(self) -> list[QRect] | None:
        self._finish_stroke()
        return self._swap(self.history.redo())

    def _swap(self, entry: Entry[TilePatch | None] | None) -> list[QRect] | None:
        if entry is None:
            return None
        if entry.patch is None:  # an inversion
            self.mask.invertPixels()
            rects = [self.mask.rect()]
        else:
            rects = merge_runs(entry.patch.swap(self.mask))
        for rect in rects:
            self.refresh(rect)
        return rects

    def _finish_stroke(self) -> None:
        if self._stroke is not None:
            self.end_stroke()

    # ---- the overlay ------------------------------------------------------------------------------------

    def set_tint(self, tint: QColor, opacity: float) -> None:
        self._table = _tint_table(tint, opacity)
        self.refresh(self.mask.rect())

    def refresh(self, rect: QRect) -> None:
        """Bring the overlay up to date under `rect`."""
        rect = rect.intersected(self.mask.rect())
        if rect.isEmpty():
            return
        part = self.mask.copy(rect)
        part.reinterpretAsFormat(QImage.Format.Format_Indexed8)
        part.setColorTable(self._table)
        tinted = part.convertToFormat(OVERLAY_FORMAT)
        painter = QPainter(self.overlay)
        try:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.drawImage(rect.topLeft(), tinted)
        finally:
            painter.end()


def _tint_table(tint: QColor, opacity: float) -> list[int]:
    """Gray level v -> the tint at v × opacity (unpremultiplied, as a colour table is)."""
    alpha = max(0.0, min(1.0, opacity))
    return [QColor(tint.red(), tint.green(), tint.blue(), round(v * alpha)).rgba() for v in range(256)]


class _LiveStroke:
    def __init__(self, size: float, hardness: float, tool: Tool) -> None:
        self.size, self.hardness, self.tool = size, hardness, tool
        self.trail = DabTrail(dab_spacing(size))
        self.points: list[Point] = []
        self.patch = TilePatch()


class MaskOverlayItem(QGraphicsItem):
    """Draws the layer's overlay, only where it is exposed."""

    def __init__(self, layer: MaskLayer) -> None:
        super().__init__()
        self.layer = layer
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(self.layer.overlay.rect())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect.intersected(self.boundingRect())
        if exposed.isEmpty():
            return
        # a little beyond what is exposed (the clip keeps to it): smooth scaling samples neighbours, and
        # clamped at a small update's border it would leave seams
        source = QRectF(exposed.toAlignedRect().adjusted(-2, -2, 2, 2).intersected(self.layer.overlay.rect()))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, painter.worldTransform().m11() < 1.0)
        painter.drawImage(source, self.layer.overlay, source)


__all__ = ["TILE", "MaskLayer", "MaskOverlayItem", "TilePatch", "merge_runs"]
