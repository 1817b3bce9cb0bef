"""A window grabbed as the README shows it: once its thumbnails and large view are painted; with
FLUXDESK_UPDATE_SCREENSHOT set the grab replaces the README's picture (take it on a real X11 display:
`QT_QPA_PLATFORM=xcb` under Xvfb and openbox, so the frame is included)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QPixmap

SHOTS = Path(__file__).resolve().parents[1] / "resources" / "screenshots"


def shot(window: Any, qtbot: Any, name: str, tmp_path: Path) -> None:
    def loaded() -> bool:  # the thumbnails painted and the large view decoded, as a user sees it
        gallery, view = window.gallery, window.gallery.view
        size = gallery.delegate.thumb_size_for(view.viewport().devicePixelRatioF())
        shown = [gallery.model.record_at(r) for r in range(gallery.model.rowCount())]
        return all(gallery.loader.cached(r, size) is not None for r in shown) and window.stage.is_loaded()

    qtbot.waitUntil(loaded, timeout=10_000)
    QCoreApplication.processEvents()  # layouts settle (deferred shows, size hints) before the grab
    window.gallery.view.viewport().repaint()
    window.repaint()
    QCoreApplication.processEvents()  # the backing store reaches the display (xcb)
    if QGuiApplication.platformName() == "xcb":  # the window as the desktop shows it, frame included
        frame = window.frameGeometry()
        picture = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    else:
        picture = window.grab()
    assert isinstance(picture, QPixmap) and not picture.isNull()
    assert picture.save(str(tmp_path / name))
    if os.environ.get("FLUXDESK_UPDATE_SCREENSHOT"):
        assert picture.save(str(SHOTS / name))
