"""Paints one gallery cell: the cached thumbnail (or a placeholder), a favorite star, a status badge.

It never blocks: the thumbnail comes from the loader's memory cache or is requested for later.
Every cell has the same size (the view uses uniformItemSizes). On a HiDPI screen (device pixel
ratio above 1) it asks for the 512-px thumbnails.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from fluxdesk.i18n import _
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.gallery.model import RecordRole
from fluxdesk.ui.gallery.thumb_loader import ThumbLoader
from fluxdesk.ui.i18n import translate

CELL = 168  # logical pixels, margins included
MARGIN = 6
SMALL_THUMB = 256
LARGE_THUMB = 512

PLACEHOLDER = QColor(128, 128, 128, 60)
BROKEN = QColor(200, 60, 60, 70)
STAR = QColor(255, 196, 0)


def _star(center: QPointF, radius: float) -> QPolygonF:
    import math

    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append(QPointF(center.x() + r * math.cos(angle), center.y() - r * math.sin(angle)))
    return QPolygonF(points)


def picture_rect(area: QRectF, width: float, height: float) -> QRectF:
    """An image of `width` x `height` centred in `area` (the thumbnail's letterbox around it)."""
    x = area.x() + (area.width() - width) / 2
    y = area.y() + (area.height() - height) / 2
    return QRectF(x, y, width, height)


def star_place(picture: QRectF) -> tuple[QPointF, float]:
    """The favourite star's centre and radius: in the image's top-right corner, on the image itself
    (not in the letterbox above a landscape image), smaller on a very small one."""
    radius = max(3.0, min(8.0, min(picture.width(), picture.height()) / 4))
    inset = radius + 3
    return QPointF(picture.right() - inset, picture.top() + inset), radius


class GalleryDelegate(QStyledItemDelegate):
    def __init__(self, loader: ThumbLoader, parent: QObject | None = None, *, cell: int = CELL) -> None:
        super().__init__(parent)
        self._loader = loader
        self._cell = cell
        self.paint_count = 0  # for tests and benchmarks
        # a placeholder drawn once per size and kind: filling an antialiased rounded path costs about a
        # millisecond a cell in the raster engine, and a batch arriving paints a row of them at each insert
        self._placeholders: dict[tuple[int, int, float, bool], QImage] = {}

    @property
    def cell(self) -> int:
        return self._cell

    def thumb_size_for(self, dpr: float) -> int:
        return LARGE_THUMB if dpr > 1.0 else SMALL_THUMB

    def image_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(self._cell, self._cell)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        from PySide6.QtWidgets import QStyle  # where a cell is painted: see view.load_cell_painting

        self.paint_count += 1
        record: GenerationRecord | None = index.data(RecordRole)
        rect: QRect = option.rect
        state = option.state
        palette: QPalette = option.palette
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            selected = bool(state & QStyle.StateFlag.State_Selected)
            if selected:
                painter.fillRect(rect.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.Highlight))
            elif state & QStyle.StateFlag.State_MouseOver:
                painter.fillRect(rect.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.AlternateBase))
            if record is None:
                return
            area = self.image_rect(rect)
            dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
            size = self.thumb_size_for(dpr)
            target = QSize(round(area.width() * dpr), round(area.height() * dpr))
            image = self._loader.image(record, size, target, dpr)
            picture = QRectF(area)  # where the image is: the whole area, or less when letterboxed
            if image is None or image.isNull():
                box = self.placeholder(area.size(), dpr, broken=image is not None)
                painter.drawImage(area.topLeft(), box)
            else:
                picture = picture_rect(QRectF(area), image.width() / image.devicePixelRatio(),
                                       image.height() / image.devicePixelRatio())
                painter.drawImage(picture.topLeft(), image)
            if record.favorite:
                painter.setPen(QPen(QColor(0, 0, 0, 140), 1))
                painter.setBrush(STAR)
                painter.drawPolygon(_star(*star_place(picture)))
            if record.status is not JobState.DONE or record.deleted_at is not None:
                # the state's label is the library's data, translated here where it is shown
                label = (
                    translate("Gallery", "Trash") if record.deleted_at is not None else _(record.status.label)
                )
                self._badge(painter, area, label)
            if option.state & QStyle.StateFlag.State_HasFocus:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
                painter.drawRoundedRect(QRectF(rect.adjusted(2, 2, -2, -2)), 4, 4)
        finally:
            painter.restore()

    def placeholder(self, size: QSize, dpr: float, *, broken: bool) -> QImage:
        """The rounded box shown where a thumbnail is not ready (grey) or cannot be made (red)."""
        key = (size.width(), size.height(), dpr, broken)
        image = self._placeholders.get(key)
        if image is None:
            image = QImage(round(size.width() * dpr), round(size.height() * dpr),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            box = QPainter(image)
            box.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            path = QPainterPath()
            path.addRoundedRect(QRectF(0, 0, size.width(), size.height()), 6, 6)
            box.fillPath(path, BROKEN if broken else PLACEHOLDER)
            box.end()
            self._placeholders[key] = image
        return image

    def _badge(self, painter: QPainter, area: QRect, label: str) -> None:
        font = QFont(painter.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        w = metrics.horizontalAdvance(label) + 10
        h = metrics.height() + 4
        box = QRectF(area.left() + 4, area.bottom() - h - 4, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
