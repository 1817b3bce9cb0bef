"""The canvas inside the viewer window: a library image opened to paint its mask or expand it."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from test_ui_gallery_support import run
from test_ui_viewer import Env

from fluxdesk.draft.expand import ExpandSides
from fluxdesk.ui.viewer.canvas_view import CanvasMode

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def env(qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path) -> Iterator[Env]:
    e = Env(qloop, qtbot, tmp_path)
    yield e
    run(qloop, qtbot, e.tasks.shutdown())
    run(qloop, qtbot, e.library.close())
    assert e.failures == []


def test_the_viewer_opens_a_library_image_in_the_canvas_at_its_own_size(env: Env) -> None:
    viewer = env.viewer(index=0, canvas=CanvasMode.MASK)
    canvas = viewer.canvas
    assert canvas is not None and viewer.views == [canvas.view]
    view = canvas.view
    assert view.image is not None and view.image.size().toTuple() == (1600, 1200)
    assert view.fitting and view.zoom < 1.0
    assert not viewer.prev_button.isVisible()
    QTest.keyClick(view, Qt.Key.Key_Right)  # no stepping away from the painting
    assert viewer.index == 0

    view.set_brush_size(100)
    start = view.viewportTransform().map(QPointF(400, 600)).toPoint()
    end = view.viewportTransform().map(QPointF(1200, 600)).toPoint()
    env.qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    env.qtbot.mouseMove(view.viewport(), (start + end) / 2)
    env.qtbot.mouseMove(view.viewport(), end)
    env.qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    env.qtbot.waitUntil(lambda: not canvas.encoding)
    mask = Image.open(io.BytesIO(canvas.mask_png()))
    assert mask.size == (1600, 1200)
    assert mask.getpixel((800, 600)) == 255 and mask.getpixel((800, 100)) == 0

    QTest.keyClick(viewer, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the window's keys still work
    assert view.zoom == pytest.approx(1.0) and viewer.zoom_label.text() == "100%"


def test_the_viewer_canvas_switches_to_expand_and_drags_an_edge(env: Env) -> None:
    viewer = env.viewer(index=2, canvas=CanvasMode.EXPAND)  # 320 × 240
    canvas = viewer.canvas
    assert canvas is not None and canvas.mode is CanvasMode.EXPAND
    assert canvas.expand_tools.size_label.text() == "320 × 240 · 0.1 MP"
    view = canvas.view
    view.set_zoom(1.0)
    edge = view.viewportTransform().map(QPointF(160, 0)).toPoint()
    env.qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    env.qtbot.mouseMove(view.viewport(), edge - QPoint(0, 64))
    env.qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=edge - QPoint(0, 64))
    assert canvas.expand_sides() == ExpandSides(top=64)
    assert canvas.expand_tools.size_label.text() == "320 × 304 · 0.1 MP"
    canvas.mode_buttons[CanvasMode.MASK].click()
    assert canvas.mode is CanvasMode.MASK and canvas.tools.currentWidget() is canvas.mask_tools
