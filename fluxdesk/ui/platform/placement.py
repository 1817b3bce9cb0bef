"""Where a new window goes: on the screen of the window it comes from, within what that screen leaves
free of panels and docks (its available geometry), centred on that window.

`placed()` is the rule, on plain rectangles; `place_window()` applies it to a window about to be shown.
A window's frame (title bar, borders) is not known before it is shown: the frame of the window it comes
from stands for it.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def placed(size: QSize, available: QRect, anchor: QRect | None = None,
           frame: QMargins | None = None) -> QRect:
    """The frame rectangle for a window of client `size` (shrunk to fit `available` if it must),
    centred on `anchor` (else on `available`) and moved inside `available`; `frame`: the decoration
    around the client area."""
    frame = frame or QMargins()
    extra_w, extra_h = frame.left() + frame.right(), frame.top() + frame.bottom()
    width = min(size.width() + extra_w, available.width())
    height = min(size.height() + extra_h, available.height())
    around = anchor if anchor is not None and anchor.isValid() else available
    # not QRect.center(), which rounds an even width down by one pixel
    x = around.x() + around.width() // 2 - width // 2
    y = around.y() + around.height() // 2 - height // 2
    x = max(available.left(), min(x, available.left() + available.width() - width))
    y = max(available.top(), min(y, available.top() + available.height() - height))
    return QRect(QPoint(x, y), QSize(width, height))


def frame_margins(widget: QWidget) -> QMargins:
    """The decoration around a shown window (nothing before it is shown)."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                    frame.right() - inner.right(), frame.bottom() - inner.bottom())


def place_window(window: QWidget, anchor: QWidget | None) -> QRect:
    """Size and move `window` (not yet shown) onto `anchor`'s screen, centred on it; returns its frame."""
    origin = anchor.window() if anchor is not None else None
    screen = origin.screen() if origin is not None else window.screen()
    screen = screen or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    shown = origin is not None and origin.isVisible()
    frame = frame_margins(origin) if shown and origin is not None else QMargins()
    rect = placed(window.size(), available, origin.frameGeometry() if shown and origin is not None else None,
                  frame)
    window.resize(rect.width() - frame.left() - frame.right(), rect.height() - frame.top() - frame.bottom())
    window.move(rect.topLeft())  # a top-level window's position is its frame's
    return rect
