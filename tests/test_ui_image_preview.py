"""The large view paints a fitted image from its preview (scaled off the GUI thread), not by scaling
the full image smoothly at every paint; zoomed in, it paints the image itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from fluxdesk.ui.viewer.image_view import ImageView, scaled_preview


def _filled(w: int, h: int, color: str) -> QImage:
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    return image


def _centre(view: ImageView) -> QColor:
    shot = view.viewport().grab().toImage()
    return shot.pixelColor(shot.width() // 2, shot.height() // 2)


def test_a_fitted_view_paints_the_preview_and_a_zoomed_one_the_image(qtbot: Any) -> None:
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    image = _filled(2000, 1500, "red")  # the preview is green so the test can tell which was painted
    ratio = view.devicePixelRatioF()
    shown_at = QSize(round(view.viewport().width() * ratio), round(view.viewport().height() * ratio))
    made = scaled_preview(image, shown_at)
    assert made is not None and made.width() <= shown_at.width() and made.height() <= shown_at.height()
    made.fill(QColor("green"))
    view.set_image(image, made)
    assert _centre(view) == QColor("green")
    view.actual_size()  # 100%: the preview's scale no longer matches
    assert _centre(view) == QColor("red")
    view.fit()
    assert _centre(view) == QColor("green")


def test_no_preview_for_an_image_no_larger_than_the_view() -> None:
    assert scaled_preview(_filled(300, 200, "red"), QSize(400, 300)) is None
    assert scaled_preview(QImage(), QSize(400, 300)) is None
