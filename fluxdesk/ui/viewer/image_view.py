"""One image at any zoom: fit, 100%, zoom and pan, with the pan as fractions for a side-by-side compare.

The image is painted straight from a QImage (no QPixmap conversion of a large image on the GUI thread).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QScrollBar,
    QStyleOptionGraphicsItem,
    QWidget,
)

MIN_ZOOM = 0.02
MAX_ZOOM = 32.0
ZOOM_STEP = 1.25
#: how near the shown scale must be to a preview's for the preview to be painted instead
PREVIEW_TOLERANCE = 0.02

#: keys the view leaves to its window
VIEWER_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Plus,
    Qt.Key.Key_Equal,
    Qt.Key.Key_Minus,
    Qt.Key.Key_0,
    Qt.Key.Key_1,
    Qt.Key.Key_Space,
}


class _ImageItem(QGraphicsItem):
    """Paints a QImage directly (no QPixmap conversion of a large image on the GUI thread).

    A smooth scale-down of a 2 MP image costs ~5 ms of the GUI thread at every paint; with a
    `preview` (the image already scaled, off the GUI thread, to the size it is shown at) a paint at
    that size copies the preview instead.
    """

    def __init__(self, image: QImage, preview: QImage | None = None) -> None:
        super().__init__()
        self._image = image
        self._preview = preview if preview is not None and not preview.isNull() else None

    @property
    def image(self) -> QImage:
        return self._image

    @property
    def preview(self) -> QImage | None:
        return self._preview

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._image.width(), self._image.height())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scale = painter.worldTransform().m11()
        exposed = option.exposedRect.intersected(self.boundingRect())
        preview = self._preview
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        if preview is not None and self._image.width() > 0:
            ratio = preview.width() / self._image.width()
            if abs(scale * dpr - ratio) <= PREVIEW_TOLERANCE * ratio:
                source = QRectF(exposed.x() * ratio, exposed.y() * ratio,
                                exposed.width() * ratio, exposed.height() * ratio)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                painter.drawImage(exposed, preview, source)
                return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, scale < 1.0)
        painter.drawImage(exposed, self._image, exposed)


def scaled_preview(image: QImage, shown_at: QSize) -> QImage | None:
    """`image` scaled smoothly to fit `shown_at` device pixels (worker thread); None when it is not
    larger than that (it is then drawn as it is)."""
    if image.isNull() or shown_at.isEmpty():
        return None
    if image.width() <= shown_at.width() and image.height() <= shown_at.height():
        return None
    smooth = Qt.TransformationMode.SmoothTransformation
    return image.scaled(shown_at, Qt.AspectRatioMode.KeepAspectRatio, smooth)


class ImageView(QGraphicsView):
    """One image with fit / 100% / zoom / pan. `viewChanged` fires on zoom and scroll (for compare)."""

    viewChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        # one or two items: a BSP index is only work (rebuilt for each new image's scene rect)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(self._scene)
        self._item: _ImageItem | None = None
        self._text: QGraphicsSimpleTextItem | None = None
        self._scale = 1.0
        self._fit = True
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QColor(40, 40, 40))
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewChanged.emit())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.viewChanged.emit())

    # -- content ----------------------------------------------------------------------------------

    @property
    def image(self) -> QImage | None:
        return self._item.image if self._item is not None else None

    def set_message(self, text: str) -> None:
        self._scene.clear()
        self._item = None
        self._text = self._scene.addSimpleText(text)
        self._text.setBrush(QColor(220, 220, 220))
        self._scene.setSceneRect(self._text.boundingRect())
        self.resetTransform()
        self._scale = 1.0

    def set_image(self, image: QImage, preview: QImage | None = None) -> None:
        """Show `image`; `preview` is it scaled to fit this view (see `scaled_preview`), if made."""
        self._scene.clear()
        self._text = None
        self._item = _ImageItem(image, preview)
        self._scene.addItem(self._item)
        self._scene.setSceneRect(self._item.boundingRect())
        if self._fit:
            self.fit()
        else:
            self.set_zoom(self._scale)

    # -- zoom -------------------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._scale

    @property
    def fitting(self) -> bool:
        return self._fit

    def content_rect(self) -> QRectF:
        """What fitting shows (a canvas adds its padding): the image, in scene coordinates."""
        return self._item.boundingRect() if self._item is not None else QRectF()

    def fit_scale(self) -> float:
        rect = self.content_rect()
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return 1.0
        return min(viewport.width() / rect.width(), viewport.height() / rect.height())

    def fit(self) -> None:
        self._fit = True
        self._apply(self.fit_scale())
        if self._item is not None:
            self.centerOn(self.content_rect().center())

    def actual_size(self) -> None:
        self._fit = False
        self._apply(1.0)

    def set_zoom(self, scale: float) -> None:
        self._fit = False
        self._apply(scale)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self._scale * factor)

    def _apply(self, scale: float) -> None:
        self._scale = max(MIN_ZOOM, min(MAX_ZOOM, scale))
        self.setTransform(QTransform.fromScale(self._scale, self._scale))
        self.viewChanged.emit()

    # -- pan (as fractions, for compare) -----------------------------------------------------------

    def follow(self, leader: ImageView) -> None:
        """Show what `leader` shows: its zoom (or fit) and its place, as fractions (compare panes)."""
        if leader.fitting:
            if not self.fitting or abs(self.zoom - self.fit_scale()) > 1e-6:
                self.fit()
        elif abs(self.zoom - leader.zoom) > 1e-9 or self.fitting:
            self.set_zoom(leader.zoom)
        self.set_scroll_fractions(*leader.scroll_fractions())

    def scroll_fractions(self) -> tuple[float, float]:
        def frac(bar: QScrollBar) -> float:
            span = bar.maximum() - bar.minimum()
            return (bar.value() - bar.minimum()) / span if span > 0 else 0.5

        return frac(self.horizontalScrollBar()), frac(self.verticalScrollBar())

    def set_scroll_fractions(self, fx: float, fy: float) -> None:
        for bar, f in ((self.horizontalScrollBar(), fx), (self.verticalScrollBar(), fy)):
            bar.setValue(round(bar.minimum() + f * (bar.maximum() - bar.minimum())))

    # -- events -----------------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in VIEWER_KEYS:
            event.ignore()  # the window handles them
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit and self._item is not None:
            self.fit()


__all__ = ["ImageView"]
