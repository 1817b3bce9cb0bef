"""The canvas of an edit in the real window: switching an edit to Fill shows its image on the canvas,
a stroke painted there reaches the simulator as the mask at the input's size; Expand's edge dragged
there makes a result larger by the sides."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from test_ui_canvas import assert_painted_along
from ui_edit_helpers import decoded, last_body, make_image, wait_result

from fluxdesk.draft.expand import ExpandSides
from fluxdesk.ui.viewer.canvas_view import CanvasMode

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
LEFT = Qt.MouseButton.LeftButton


def _canvas_ready(window: Any, qtbot: Any, size: tuple[int, int]) -> Any:
    stage = window.stage
    qtbot.waitUntil(lambda: stage.on_canvas and not window.edits.binding.loading, timeout=10_000)
    view = stage.ensure_canvas().view
    qtbot.waitUntil(lambda: view.image is not None and view.image.size().toTuple() == size, timeout=10_000)
    return view


def test_a_mask_painted_on_the_canvas_is_sent_with_fill_at_the_inputs_size(
    window: Any, qtbot: Any, qloop: Any, sim: Any
) -> None:
    record = make_image(window, qtbot, qloop, size=(320, 256))
    window.gallery.edit_current()
    assert not window.stage.on_canvas  # FLUX.2: the image itself, large
    assert window.stage.built_canvas is None  # made at the first edit that paints or expands
    window.model_picker.set_model("flux-pro-1.0-fill")  # switching the edit to Fill shows its canvas
    view = _canvas_ready(window, qtbot, (320, 256))
    assert window.stage.ensure_canvas().mode is CanvasMode.MASK and window.stage.canvas_button.isVisible()
    view.set_brush_size(32)
    view.set_zoom(1.5)
    view.centerOn(160, 128)
    landed = [view.viewportTransform().map(QPointF(x, 128)).toPoint() for x in (40, 160, 280)]
    qtbot.mousePress(view.viewport(), LEFT, pos=landed[0])
    for pos in landed[1:]:
        qtbot.mouseMove(view.viewport(), pos)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=landed[-1])
    path = [view.image_point(QPointF(p)) for p in landed]
    assert [round(y) for _x, y in path] == [128, 128, 128]
    canvas = window.stage.ensure_canvas()
    qtbot.waitUntil(lambda: window.draft.mask is not None and not canvas.encoding, timeout=10_000)
    assert window.draft.mask.label == "painted mask"
    window.prompt.set_text("an open window")
    qtbot.waitUntil(window.generate_button.isEnabled, timeout=5000)
    qtbot.mouseClick(window.generate_button, LEFT)
    result = wait_result(window, qtbot, qloop, 2)
    body = last_body(sim)
    mask = decoded(body["mask"])
    assert mask.size == (320, 256)
    assert_painted_along(mask.convert("L"), path, 16)  # the canvas tests' own check
    assert (result.width, result.height) == (320, 256)
    assert [r.id for r in window.stage.records] == [result.id, record.id]  # beside what it was made from
    assert not window.stage.on_canvas
    qtbot.mouseClick(window.stage.canvas_button, LEFT)  # the canvas is kept for another try
    assert window.stage.on_canvas and window.stage.ensure_canvas().view.layer is not None
    assert window.stage.ensure_canvas().view.layer.history.can_undo


def test_dragging_an_edge_on_the_canvas_expands_the_result_by_the_sides(
    window: Any, qtbot: Any, qloop: Any, sim: Any
) -> None:
    make_image(window, qtbot, qloop, size=(320, 256))
    window.gallery.edit_current()
    canvas = window.stage.ensure_canvas()
    qtbot.mouseClick(canvas.mode_buttons[CanvasMode.EXPAND], LEFT)  # the canvas's Expand: that model
    assert window.draft.model == "flux-pro-1.0-expand"
    view = _canvas_ready(window, qtbot, (320, 256))
    assert canvas.mode is CanvasMode.EXPAND
    view.set_zoom(1.0)
    view.centerOn(160, 128)
    edge = view.viewportTransform().map(QPointF(320, 128)).toPoint()  # the right edge
    qtbot.mousePress(view.viewport(), LEFT, pos=edge)
    qtbot.mouseMove(view.viewport(), edge + QPoint(40, 0))
    qtbot.mouseMove(view.viewport(), edge + QPoint(64, 0))
    qtbot.mouseRelease(view.viewport(), LEFT, pos=edge + QPoint(64, 0))
    assert canvas.expand_sides() == ExpandSides(right=64)
    assert window.draft.values()["right"] == 64  # expandChanged -> apply_expand
    window.draft.set_param("top", 32)  # typed in the panel: the canvas follows
    assert canvas.expand_sides() == ExpandSides(top=32, right=64)
    assert canvas.expand_tools.size_label.text().startswith("384 × 288")
    window.prompt.set_text("more sea")
    qtbot.waitUntil(window.generate_button.isEnabled, timeout=5000)
    window.generate()
    result = wait_result(window, qtbot, qloop, 2)
    body = last_body(sim)
    assert (body["top"], body["right"]) == (32, 64)
    assert (result.width, result.height) == (320 + 64, 256 + 32)
