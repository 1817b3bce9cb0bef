"""The edit flow as the README shows it, in one demo-mode window: E on an image with a change typed,
the edit large beside its parent, a mask painted for Fill, an expand being dragged. Each step is
checked and grabbed; with FLUXDESK_UPDATE_SCREENSHOT set the grabs replace the README's pictures
(run it on a real X11 display for them: `QT_QPA_PLATFORM=xcb`, e.g. under Xvfb with openbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from ui_edit_helpers import make_image, wait_result
from ui_shot_helpers import shot
from ui_window_helpers import close_window, make_window

from fluxdesk.ui.viewer.canvas_view import CanvasMode

ROOT = Path(__file__).resolve().parents[1]
LEFT = Qt.MouseButton.LeftButton
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _drag(qtbot: Any, view: Any, points: list[tuple[float, float]]) -> None:
    landed = [view.viewportTransform().map(QPointF(x, y)).toPoint() for x, y in points]
    qtbot.mousePress(view.viewport(), LEFT, pos=landed[0])
    for pos in landed[1:]:
        qtbot.mouseMove(view.viewport(), pos)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=landed[-1])


def test_the_edit_tour(qloop: Any, qtbot: Any, sim: Any, tmp_path: Path) -> None:
    window = make_window(qloop, qtbot, sim, demo=True)
    try:
        window.resize(1440, 900)
        parent = make_image(window, qtbot, qloop, size=(768, 512), prompt="a lighthouse on a cliff at dusk")
        # (a) E on the selected image, the change typed
        window.gallery.view.setFocus()
        qtbot.keyClick(window.gallery.view, Qt.Key.Key_E)
        qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
        qtbot.keyClicks(window.prompt.edit, "make the sky stormy, with lightning over the sea")
        assert window.draft.model == "flux-2-pro" and window.draft.parents() == [parent.id]
        shot(window, qtbot, "edit-prompt.png", tmp_path)
        # (b) the edit large, beside the image it was made from
        qtbot.mouseClick(window.generate_button, LEFT)
        result = wait_result(window, qtbot, qloop, 2)
        assert [r.id for r in window.stage.records] == [result.id, parent.id]
        details = window.details
        qtbot.waitUntil(lambda: details.form.isRowVisible(details.made_from), timeout=10_000)
        assert [r.id for r in details.made_from.records] == [parent.id]
        qtbot.waitUntil(  # the parent's thumbnail in "Made from" and beside the input image's value
            lambda: all(not b.icon().isNull() for b in details.made_from.buttons.values()), timeout=10_000
        )
        shot(window, qtbot, "edit-result.png", tmp_path)
        # (c) a mask painted on the canvas for Fill
        window.gallery.select_record(parent.id)
        window.gallery.edit_current()
        window.model_picker.set_model("flux-pro-1.0-fill")
        canvas = window.stage.ensure_canvas()
        qtbot.waitUntil(lambda: window.stage.on_canvas and canvas.view.image is not None, timeout=10_000)
        canvas.view.set_brush_size(90)
        _drag(qtbot, canvas.view, [(80, 90), (260, 60), (460, 110), (690, 70)])
        qtbot.waitUntil(lambda: window.draft.mask is not None and not canvas.encoding, timeout=10_000)
        window.prompt.set_text("storm clouds")
        shot(window, qtbot, "edit-mask.png", tmp_path)
        # (d) an expand in progress: the right and top edges dragged outwards
        qtbot.mouseClick(canvas.mode_buttons[CanvasMode.EXPAND], LEFT)
        assert window.draft.model == "flux-pro-1.0-expand" and canvas.mode is CanvasMode.EXPAND
        view = canvas.view
        view.fit()
        right = view.viewportTransform().map(QPointF(768, 256)).toPoint()
        qtbot.mousePress(view.viewport(), LEFT, pos=right)
        qtbot.mouseMove(view.viewport(), right + QPoint(60, 0))
        qtbot.mouseMove(view.viewport(), right + QPoint(110, 0))
        qtbot.mouseRelease(view.viewport(), LEFT, pos=right + QPoint(110, 0))
        window.draft.set_param("top", 128)
        assert canvas.expand_sides().right > 0 and canvas.expand_sides().top == 128
        window.prompt.set_text("more sea and sky")
        shot(window, qtbot, "edit-expand.png", tmp_path)
    finally:
        close_window(qloop, qtbot, window)
