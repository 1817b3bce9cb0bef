"""The canvas view: paint a mask over the image (Fill), or drag its edges outwards (Expand).

An `ImageView` (zoom, fit, 100%) with two modes. Mask: the left button paints with the brush or the
eraser, a round outline shows the brush at the current zoom, `[` and `]` size it, B/X pick and swap
the tool, H hides the overlay, Ctrl+I inverts, Delete clears, Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y
redo. Expand: the image's edges (or corners) drag outwards in the catalogue's steps. In both, the
middle button or Space + drag pans and the wheel zooms about the pointer.

Painting touches only what a dab covers: the mask and overlay rects (`MaskLayer`) and the same rect
of the viewport, plus the outline's old and new places; the rest of the image is not redrawn.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from fluxdesk.draft.expand import ExpandSides, SideLimits
from fluxdesk.draft.mask import Point, Tool
from fluxdesk.ui.viewer.brush import draw_outline
from fluxdesk.ui.viewer.canvas_brush import BRUSH_STEP, BrushControls
from fluxdesk.ui.viewer.canvas_keys import mask_key_action
from fluxdesk.ui.viewer.canvas_mode import CanvasMode
from fluxdesk.ui.viewer.expand_frame import (
    EDGE_CURSORS,
    ExpandFrameItem,
    dragged,
    draw_handles,
    edges_at,
    outer_rect,
)
from fluxdesk.ui.viewer.image_view import ZOOM_STEP, ImageView
from fluxdesk.ui.viewer.mask_layer import MaskLayer, MaskOverlayItem

DEFAULT_BRUSH = 64
#: room around the expanded canvas when fitting, as a share of its longer side
FIT_MARGIN = 0.04


class _Gesture(StrEnum):
    PAINT = "paint"
    PAN = "pan"
    EDGES = "edges"




class CanvasView(BrushControls, ImageView):
    #: the mask's pixels changed (a stroke ended, undo, redo, invert, clear)
    maskEdited = Signal()
    #: top, right, bottom, left (image pixels), as dragged or set
    expandChanged = Signal(int, int, int, int)
    #: the tool, brush size, hardness or the overlay's visibility changed
    toolChanged = Signal()
    #: what undo and redo can do changed
    historyChanged = Signal()
    #: a new image (or a message instead of one): a new, empty mask
    imageChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, limits: SideLimits | None = None) -> None:
        super().__init__(parent)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.limits = limits or SideLimits.default()
        self.layer: MaskLayer | None = None
        self._overlay: MaskOverlayItem | None = None
        self._frame: ExpandFrameItem | None = None
        self._mode = CanvasMode.MASK
        self._tool = Tool.BRUSH
        self._size = DEFAULT_BRUSH
        self._hardness = 1.0
        self._mask_shown = True
        self._sides = ExpandSides()
        self._pointer: QPointF | None = None  # viewport position, for the brush outline
        self._gesture: _Gesture | None = None
        self._button = Qt.MouseButton.NoButton  # the one that started the gesture
        self._pan_from = QPointF()
        self._edges: frozenset[str] = frozenset()  # dragged, or under the pointer
        self._space = False
        self._apply_cursor()

    # ---- content --------------------------------------------------------------------------------------

    def set_image(self, image: QImage, preview: QImage | None = None) -> None:
        """A new image: a new, empty mask at its exact size (the expand sides are kept)."""
        self._end_gesture()
        self.layer = MaskLayer(image.size())
        super().set_image(image, preview)
        self._overlay = MaskOverlayItem(self.layer)
        self._frame = ExpandFrameItem(image.size())
        self._frame.set_sides(self._sides)
        self._scene.addItem(self._overlay)
        self._scene.addItem(self._frame)
        self._apply_mode()
        self.historyChanged.emit()
        self.imageChanged.emit()

    def set_message(self, text: str) -> None:
        self._end_gesture()
        self.layer, self._overlay, self._frame = None, None, None
        super().set_message(text)
        self.historyChanged.emit()
        self.imageChanged.emit()

    def content_rect(self) -> QRectF:
        image = self.image
        if image is None or self._mode is CanvasMode.MASK:
            return super().content_rect()
        outer = outer_rect(image.size(), self._sides)
        margin = FIT_MARGIN * max(outer.width(), outer.height())
        return outer.adjusted(-margin, -margin, margin, margin)

    # ---- mode, tool, brush ------------------------------------------------------------------------------

    @property
    def mode(self) -> CanvasMode:
        return self._mode

    def set_mode(self, mode: CanvasMode) -> None:
        if mode is not self._mode:
            self._end_gesture()
            self._mode = mode
            self._apply_mode()

    # ---- mask edits -------------------------------------------------------------------------------------

    def undo(self) -> None:
        self._mask_edit(lambda layer: layer.undo())

    def redo(self) -> None:
        self._mask_edit(lambda layer: layer.redo())

    def invert(self) -> None:
        self._mask_edit(lambda layer: [layer.invert()])

    def clear(self) -> None:
        self._mask_edit(lambda layer: [layer.clear()])

    def _mask_edit(self, edit: Callable[[MaskLayer], list[QRect] | None]) -> None:
        if self.layer is None:
            return
        self._end_gesture()
        rects = edit(self.layer)
        if rects is None:
            return
        for rect in rects:
            self._mask_dirty(rect)
        self.historyChanged.emit()
        self.maskEdited.emit()

    # ---- expand -------------------------------------------------------------------------------------------

    @property
    def sides(self) -> ExpandSides:
        return self._sides

    def set_sides(self, sides: ExpandSides) -> None:
        """Set the four sides (clamped to the limits); `expandChanged` when they changed."""
        sides = self.limits.clamped(sides)
        if sides == self._sides:
            return
        self._sides = sides
        if self._frame is not None:
            self._frame.set_sides(sides)
        if self._gesture is not _Gesture.EDGES and self.fitting and self._mode is CanvasMode.EXPAND:
            self.fit()
        self.viewport().update()
        self.expandChanged.emit(*sides.as_tuple())

    def outer_in_viewport(self) -> QRectF:
        """The expanded canvas's edges, viewport pixels."""
        image = self.image
        if image is None:
            return QRectF()
        return self.viewportTransform().mapRect(outer_rect(image.size(), self._sides))

    # ---- mapping ------------------------------------------------------------------------------------------

    def image_point(self, pos: QPointF) -> Point:
        """A viewport position in image pixels (fractions kept: the mask is at the image's size)."""
        inverse, _ok = self.viewportTransform().inverted()
        scene = inverse.map(pos)
        return scene.x(), scene.y()

    def _scene_point(self, pos: QPointF) -> QPointF:
        x, y = self.image_point(pos)
        return QPointF(x, y)

    # ---- events -------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.layer is None or self._gesture is not None:
            super().mousePressEvent(event)
            return
        pos = event.position()
        button = event.button()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._start(_Gesture.PAN, pos, button)
        elif button == Qt.MouseButton.LeftButton and self._mode is CanvasMode.MASK:
            self._start(_Gesture.PAINT, pos, button)
            rect = self.layer.begin_stroke(self.image_point(pos), self._size, self._hardness, self._tool)
            self._mask_dirty(rect)
        elif button == Qt.MouseButton.LeftButton:
            edges = edges_at(self.outer_in_viewport(), pos)
            if edges:
                self._edges = edges
                self._start(_Gesture.EDGES, pos, button)
            else:
                self._start(_Gesture.PAN, pos, button)
        else:
            super().mousePressEvent(event)
            return
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._gesture is _Gesture.PAN:
            delta = pos - self._pan_from
            self._pan_from = pos
            hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
            hbar.setValue(hbar.value() - round(delta.x()))
            vbar.setValue(vbar.value() - round(delta.y()))
        elif self._gesture is _Gesture.PAINT and self.layer is not None:
            self._mask_dirty(self.layer.continue_stroke(self.image_point(pos)))
        elif self._gesture is _Gesture.EDGES and self.image is not None:
            scene = self._scene_point(pos)
            self.set_sides(dragged(self._sides, self._edges, scene, self.image.size(), self.limits))
        elif self._mode is CanvasMode.EXPAND and self.layer is not None:
            hovered = edges_at(self.outer_in_viewport(), pos)
            if hovered != self._edges:
                self._edges = hovered
                self._apply_cursor()
                self.viewport().update()
        self._move_pointer(pos)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._gesture is None:
            super().mouseReleaseEvent(event)
            return
        if event.button() == self._button:
            self._end_gesture()
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if not steps or self.image is None:
            super().wheelEvent(event)
            return
        pos = event.position()
        before = self._scene_point(pos)
        self.zoom_by(ZOOM_STEP**steps)
        after = self._scene_point(pos)
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setValue(hbar.value() + round((before.x() - after.x()) * self.zoom))
        vbar.setValue(vbar.value() + round((before.y() - after.y()) * self.zoom))
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self._update_outline()
        self._pointer = None
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._apply_cursor()
            self._update_outline()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Space and self.layer is not None:
            if not event.isAutoRepeat():
                self._space = True
                self._apply_cursor()
                self._update_outline()
            return True
        if self._mode is not CanvasMode.MASK or self.layer is None:
            return False
        action = mask_key_action(self, event)
        if action is not None:
            action()
        return action is not None

    # ---- drawing ----------------------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if self.layer is None:
            return
        if self._mode is CanvasMode.MASK:
            if self._pointer is not None and self._gesture is not _Gesture.PAN and not self._space:
                draw_outline(painter, self._scene_point(self._pointer), self._size / 2, self.zoom)
        else:
            painter.save()
            painter.setTransform(QTransform())
            draw_handles(painter, self.outer_in_viewport(), self._edges)
            painter.restore()

    # ---- internals ----------------------------------------------------------------------------------------

    def _start(self, gesture: _Gesture, pos: QPointF, button: Qt.MouseButton) -> None:
        self._gesture = gesture
        self._button = button
        self._pan_from = pos
        self._apply_cursor()

    def _end_gesture(self) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is _Gesture.PAINT and self.layer is not None and self.layer.end_stroke() is not None:
            self.historyChanged.emit()
            self.maskEdited.emit()
        elif gesture is _Gesture.EDGES:
            if self.fitting:
                self.fit()
            self.viewport().update()
        if gesture is not None:
            self._apply_cursor()

    def _apply_mode(self) -> None:
        image = self.image
        if self._overlay is not None:
            self._overlay.setVisible(self._mode is CanvasMode.MASK and self._mask_shown)
        if self._frame is not None:
            self._frame.setVisible(self._mode is CanvasMode.EXPAND)
        # the expand scene reaches far past what is shown: its scroll bars would say nothing useful
        bars = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if self._mode is CanvasMode.EXPAND
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self.setHorizontalScrollBarPolicy(bars)
        self.setVerticalScrollBarPolicy(bars)
        if image is not None:
            scene = QRectF(0, 0, image.width(), image.height())
            if self._mode is CanvasMode.EXPAND:
                # room for the farthest any edge can go, so that dragging never moves the scene under it
                reach = self.limits.maximum * 1.1
                scene = scene.adjusted(-reach, -reach, reach, reach)
            self._scene.setSceneRect(scene)
            if self.fitting:
                self.fit()
        self._edges = frozenset()
        self._apply_cursor()
        self.viewport().update()

    def _apply_cursor(self) -> None:
        if self._gesture is _Gesture.PAN:
            shape = Qt.CursorShape.ClosedHandCursor
        elif self._space:
            shape = Qt.CursorShape.OpenHandCursor
        elif self._mode is CanvasMode.MASK:
            shape = Qt.CursorShape.CrossCursor
        else:
            shape = EDGE_CURSORS.get(self._edges, Qt.CursorShape.ArrowCursor)
        self.viewport().setCursor(shape)

    def _mask_dirty(self, rect: QRect) -> None:
        if self._overlay is not None and self._overlay.isVisible() and not rect.isEmpty():
            self._overlay.update(QRectF(rect))

    def _move_pointer(self, pos: QPointF) -> None:
        if self._mode is not CanvasMode.MASK:
            self._pointer = pos
            return
        self._update_outline()
        self._pointer = pos
        self._update_outline()

    def _update_outline(self) -> None:
        """Repaint where the brush outline is (before it moves, and after)."""
        if self._pointer is None or self._mode is not CanvasMode.MASK:
            return
        reach = self._size / 2 * self.zoom + 3
        x, y = self._pointer.x(), self._pointer.y()
        self.viewport().update(QRectF(x - reach, y - reach, 2 * reach, 2 * reach).toAlignedRect())


__all__ = ["BRUSH_STEP", "DEFAULT_BRUSH", "CanvasMode", "CanvasView"]
