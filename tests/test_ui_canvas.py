"""The canvas, driven by real mouse and key events on its viewport: painting the Fill mask (brush,
eraser, hardness, invert, clear, undo, redo, size keys, outline, pan and zoom) and dragging Expand's
edges; then the mask and sides through the entry points into a draft, and to the simulator."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import math
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sim_helpers import png_b64
from test_ui_gallery_support import run

from fluxdesk.api.catalog import BFL
from fluxdesk.api.client import FluxClient, PollPolicy
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.draft import Draft, ImageSource, load_all
from fluxdesk.draft.expand import ExpandSides, apply_expand
from fluxdesk.draft.mask import PaintedMask, Stroke, Tool, apply_mask
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.canvas import Canvas
from fluxdesk.ui.viewer.canvas_view import CanvasMode, CanvasView

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")

LEFT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
GREEN = QColor(20, 110, 60)


class Env:
    def __init__(self, qloop: asyncio.AbstractEventLoop, qtbot: Any) -> None:
        self.qloop, self.qtbot = qloop, qtbot
        self.tasks = TaskRegistry()
        self.failures: list[tuple[str, str]] = []
        self.tasks.failed.connect(lambda what, msg: self.failures.append((what, msg)))
        self.canvas = Canvas(self.tasks)
        qtbot.addWidget(self.canvas)
        self.canvas.resize(900, 700)
        self.canvas.show()
        qtbot.waitExposed(self.canvas)

    @property
    def view(self) -> CanvasView:
        return self.canvas.view

    @property
    def viewport(self) -> Any:
        return self.view.viewport()

    def load(self, width: int, height: int, zoom: float | None = None) -> None:
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(GREEN)
        self.canvas.set_image(image)
        if zoom is not None:
            self.view.set_zoom(zoom)
            self.view.centerOn(width / 2, height / 2)

    def at(self, x: float, y: float) -> QPoint:
        """The viewport position of image point (x, y)."""
        return self.view.viewportTransform().map(QPointF(x, y)).toPoint()

    def stroke(
        self, points: list[tuple[float, float]], button: Qt.MouseButton = LEFT
    ) -> list[tuple[float, float]]:
        """Press, move through, release; returns where each event landed, in image pixels."""
        landed = [self.at(*p) for p in points]
        self.qtbot.mousePress(self.viewport, button, pos=landed[0])
        for pos in landed[1:]:
            self.qtbot.mouseMove(self.viewport, pos)
        self.qtbot.mouseRelease(self.viewport, button, pos=landed[-1])
        return [self.view.image_point(QPointF(p)) for p in landed]

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.view, key, modifiers)

    def mask(self) -> Image.Image:
        image = Image.open(io.BytesIO(self.canvas.mask_png()))
        image.load()
        return image

    def pixels(self) -> bytes:
        layer = self.view.layer
        assert layer is not None
        return bytes(layer.mask.constBits())

    def next_mask(self, action: Any) -> PaintedMask:
        with self.qtbot.waitSignal(self.canvas.maskChanged, timeout=10_000) as blocker:
            action()
        painted: PaintedMask = blocker.args[0]
        return painted


@pytest.fixture
def env(qloop: asyncio.AbstractEventLoop, qtbot: Any) -> Iterator[Env]:
    e = Env(qloop, qtbot)
    yield e
    e.canvas.shutdown()
    run(qloop, qtbot, e.tasks.shutdown())
    assert e.failures == []


def distance_to_path(x: float, y: float, path: list[tuple[float, float]]) -> float:
    best = math.inf
    for (ax, ay), (bx, by) in zip(path, path[1:] or path, strict=False):
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
        best = min(best, math.hypot(x - (ax + t * dx), y - (ay + t * dy)))
    return best


def assert_painted_along(
    mask: Image.Image, path: list[tuple[float, float]], radius: float, step: int = 3
) -> None:
    """White within the brush of the path (pixel centres), black beyond it, over the whole mask.

    Measured from the dabs the stroke stamps along its path: the last one may fall up to a spacing
    short of the path's end (a tenth of the brush), so the end cap is where the dabs end."""
    dabs = Stroke(tuple(path), 2 * radius, 1.0).dabs()
    inside = outside = 0
    for y in range(0, mask.height, step):
        for x in range(0, mask.width, step):
            d = distance_to_path(x + 0.5, y + 0.5, dabs)
            value = mask.getpixel((x, y))
            if d <= radius - 1.5:
                assert value == 255, (x, y, d, value)
                inside += 1
            elif d >= radius + 1.5:
                assert value == 0, (x, y, d, value)
                outside += 1
    assert inside > 20 and outside > 20


# ---- painting -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "zoom"), [((400, 300), 2.0), ((1600, 1200), None)], ids=["200%", "fit"])
def test_a_stroke_paints_white_along_its_path_at_the_images_own_size(
    env: Env, size: tuple[int, int], zoom: float | None
) -> None:
    env.load(*size, zoom=zoom)
    view = env.view
    if zoom is None:
        assert view.fitting and view.zoom < 0.6
    brush = 24 if zoom else 60
    view.set_brush_size(brush)
    w, h = size
    wanted = [(w * 0.25 + i * w * 0.05, h * 0.5 + (i % 3) * h * 0.04) for i in range(11)]
    path = env.stroke(wanted)
    mask = env.mask()
    assert mask.size == size and mask.mode == "L"
    assert_painted_along(mask, path, brush / 2, step=3 if zoom else 9)


def test_the_eraser_takes_paint_away_and_x_swaps_back(env: Env) -> None:
    env.load(300, 200, zoom=2.0)
    env.view.set_brush_size(40)
    env.stroke([(60, 100), (240, 100)])
    env.key(Qt.Key.Key_X)
    assert env.view.tool is Tool.ERASER and env.canvas.mask_tools.eraser.isChecked()
    env.view.set_brush_size(20)
    erased = env.stroke([(150, 60), (150, 140)])
    mask = env.mask()
    assert mask.getpixel((150, 100)) == 0 and mask.getpixel((143, 90)) == 0  # within the eraser
    assert mask.getpixel((100, 100)) == 255 and mask.getpixel((200, 110)) == 255  # painted, untouched
    assert distance_to_path(165.5, 100.5, erased) > 11 and mask.getpixel((165, 100)) == 255
    env.key(Qt.Key.Key_X)
    assert env.view.tool is Tool.BRUSH


def test_invert_and_clear_and_their_undo(env: Env) -> None:
    env.load(200, 160, zoom=2.0)
    env.view.set_brush_size(30)
    env.stroke([(50, 80), (150, 80)])
    painted = env.pixels()
    env.key(Qt.Key.Key_I, CTRL)
    mask = env.mask()
    assert mask.getpixel((100, 80)) == 0 and mask.getpixel((10, 10)) == 255
    env.canvas.mask_tools.invert.click()  # the button does the same
    assert env.pixels() == painted
    env.key(Qt.Key.Key_Delete)
    assert env.mask().getbbox() is None
    env.key(Qt.Key.Key_Z, CTRL)
    assert env.pixels() == painted
    env.canvas.mask_tools.clear.click()
    assert env.mask().getbbox() is None


def test_undo_and_redo_step_through_strokes_by_keys_and_buttons(env: Env) -> None:
    env.load(240, 180, zoom=2.0)
    tools = env.canvas.mask_tools
    empty = env.pixels()
    assert not tools.undo.isEnabled() and not tools.redo.isEnabled()
    env.stroke([(40, 40), (200, 40)])
    one = env.pixels()
    env.stroke([(40, 120), (200, 150)])
    two = env.pixels()
    assert len({empty, one, two}) == 3
    env.key(Qt.Key.Key_Z, CTRL)
    assert env.pixels() == one and tools.redo.isEnabled()
    env.key(Qt.Key.Key_Z, CTRL)
    assert env.pixels() == empty and not tools.undo.isEnabled()
    env.key(Qt.Key.Key_Z, CTRL)  # nothing more to undo: nothing happens
    assert env.pixels() == empty
    env.key(Qt.Key.Key_Z, CTRL | SHIFT)
    assert env.pixels() == one
    env.key(Qt.Key.Key_Y, CTRL)
    assert env.pixels() == two and not tools.redo.isEnabled()
    tools.undo.click()
    assert env.pixels() == one
    env.stroke([(120, 20), (120, 160)])  # a new stroke: the undone one cannot come back
    assert not tools.redo.isEnabled()
    layer = env.view.layer
    assert layer is not None and len(layer.history.edits) == 2


def test_brackets_and_the_slider_size_the_brush(env: Env) -> None:
    env.load(200, 150)
    view, tools = env.view, env.canvas.mask_tools
    assert view.brush_size == 64 == tools.size_slider.value()
    env.key(Qt.Key.Key_BracketRight)
    assert view.brush_size == 80 == tools.size_slider.value() == tools.size_box.value()
    env.key(Qt.Key.Key_BracketLeft)
    env.key(Qt.Key.Key_BracketLeft)
    assert view.brush_size == 51
    tools.size_slider.setValue(3)
    assert view.brush_size == 3
    for _ in range(3):
        env.key(Qt.Key.Key_BracketLeft)
    assert view.brush_size == 1  # a pixel at least, a pixel a step when small
    view.set_brush_size(1000)
    env.key(Qt.Key.Key_BracketRight)
    assert view.brush_size == 1024


def test_hardness_makes_the_edge_soft(env: Env) -> None:
    env.load(200, 100, zoom=2.0)
    view = env.view
    view.set_brush_size(40)
    hard = env.stroke([(50, 50)])[0]
    env.canvas.mask_tools.hardness.setValue(0)
    assert view.hardness == 0.0 and env.canvas.mask_tools.hardness_label.text() == "0%"
    soft = env.stroke([(150, 50)])[0]
    mask = env.mask()

    def value(centre: tuple[float, float], dx: float) -> int:
        return int(mask.getpixel((math.floor(centre[0] + dx), math.floor(centre[1]))))  # type: ignore[arg-type]

    assert value(hard, 0) == 255 and value(hard, 10) == 255 and value(hard, 17) == 255
    assert value(soft, 0) >= 245
    assert 60 < value(soft, 10) < 200  # half way out: half way down
    assert value(soft, 17) < 60
    assert value(soft, 22) == 0 and value(hard, 22) == 0


def test_the_outline_shows_the_brush_at_the_current_zoom(env: Env) -> None:
    env.load(400, 300, zoom=1.0)
    view = env.view
    view.set_brush_size(40)
    centre = env.at(200, 150)

    def ring_at(zoom_radius: int) -> tuple[bool, bool]:
        QTest.mouseMove(env.viewport, centre)
        shot = env.viewport.grab().toImage()
        on = shot.pixelColor(centre.x() + zoom_radius, centre.y())
        off = shot.pixelColor(centre.x() + zoom_radius + 6, centre.y())
        return on != GREEN, off == GREEN

    assert ring_at(20) == (True, True)
    view.set_zoom(2.0)
    view.centerOn(200, 150)
    centre = env.at(200, 150)
    assert ring_at(40) == (True, True)
    assert env.mask().getbbox() is None  # hovering paints nothing


def test_middle_drag_and_space_drag_pan_and_the_wheel_zooms_about_the_pointer(env: Env) -> None:
    env.load(1200, 900, zoom=2.0)
    view, viewport = env.view, env.viewport
    bars = view.horizontalScrollBar(), view.verticalScrollBar()
    start = (bars[0].value(), bars[1].value())
    env.qtbot.mousePress(viewport, MIDDLE, pos=QPoint(400, 300))
    env.qtbot.mouseMove(viewport, QPoint(300, 250))
    env.qtbot.mouseRelease(viewport, MIDDLE, pos=QPoint(300, 250))
    assert (bars[0].value(), bars[1].value()) == (start[0] + 100, start[1] + 50)
    QTest.keyPress(view, Qt.Key.Key_Space)
    env.qtbot.mousePress(viewport, LEFT, pos=QPoint(300, 250))
    env.qtbot.mouseMove(viewport, QPoint(340, 250))
    env.qtbot.mouseRelease(viewport, LEFT, pos=QPoint(340, 250))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert bars[0].value() == start[0] + 60
    assert env.mask().getbbox() is None  # panning paints nothing

    pointer = QPointF(250, 200)
    under = view.image_point(pointer)
    event = QWheelEvent(
        pointer,
        QPointF(viewport.mapToGlobal(pointer.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    assert view.zoom == pytest.approx(2.0 / 1.25)
    after = view.image_point(pointer)
    assert math.dist(under, after) < 1.5  # the point under the pointer stays there


def test_h_hides_the_overlay_but_keeps_the_mask(env: Env) -> None:
    env.load(200, 150, zoom=2.0)
    env.view.set_brush_size(40)
    env.stroke([(60, 75), (140, 75)])
    spot = env.at(100, 75)
    QTest.mouseMove(env.viewport, env.at(10, 10))  # the outline away from the spot

    def shown_colour() -> QColor:
        env.viewport.repaint()
        return env.viewport.grab().toImage().pixelColor(spot)

    assert shown_colour() != GREEN  # tinted
    env.key(Qt.Key.Key_H)
    assert not env.view.mask_shown and not env.canvas.mask_tools.shown.isChecked()
    assert shown_colour() == GREEN
    assert env.mask().getpixel((100, 75)) == 255
    env.canvas.mask_tools.shown.click()
    assert env.view.mask_shown and shown_colour() != GREEN


# ---- expand -------------------------------------------------------------------------------------------


def test_dragging_an_edge_expands_by_snapped_and_clamped_steps(env: Env) -> None:
    env.canvas.set_mode(CanvasMode.EXPAND)
    env.load(400, 300, zoom=1.0)
    view, tools = env.view, env.canvas.expand_tools
    changes: list[tuple[int, ...]] = []
    env.canvas.expandChanged.connect(lambda *sides: changes.append(sides))
    edge = env.at(400, 150)
    env.qtbot.mousePress(env.viewport, LEFT, pos=edge)
    env.qtbot.mouseMove(env.viewport, edge + QPoint(101, 0))
    env.qtbot.mouseRelease(env.viewport, LEFT, pos=edge + QPoint(101, 0))
    assert view.sides == ExpandSides(right=104)  # 101 px at 100%: the nearest step of 8
    assert changes[-1] == (0, 104, 0, 0)
    assert tools.boxes["right"].value() == 104
    assert tools.size_label.text() == "504 × 300 · 0.2 MP"

    view.set_zoom(0.5)
    corner = view.viewportTransform().map(QPointF(0, 0)).toPoint()  # the top-left corner moves two sides
    env.qtbot.mousePress(env.viewport, LEFT, pos=corner)
    env.qtbot.mouseMove(env.viewport, corner - QPoint(30, 50))
    env.qtbot.mouseRelease(env.viewport, LEFT, pos=corner - QPoint(30, 50))
    assert view.sides == ExpandSides(top=104, right=104, bottom=0, left=64)  # 100 and 60 image pixels

    def right_edge() -> QPoint:
        outer = view.outer_in_viewport()
        return QPoint(round(outer.right()), round(outer.center().y()))

    grab = right_edge()
    env.qtbot.mousePress(env.viewport, LEFT, pos=grab)
    env.qtbot.mouseMove(env.viewport, grab + QPoint(5000, 0))  # far past the limit
    env.qtbot.mouseRelease(env.viewport, LEFT, pos=grab + QPoint(5000, 0))
    assert view.sides.right == 2048
    grab = right_edge()
    inward = env.at(200, 150)  # dragged back inside the image: nothing added
    env.qtbot.mousePress(env.viewport, LEFT, pos=grab)
    env.qtbot.mouseMove(env.viewport, inward)
    env.qtbot.mouseRelease(env.viewport, LEFT, pos=inward)
    assert view.sides.right == 0 and tools.boxes["right"].value() == 0
    assert env.mask().getbbox() is None  # no painting in expand mode


def test_typing_the_numbers_moves_the_edges(env: Env) -> None:
    env.canvas.set_mode(CanvasMode.EXPAND)
    env.load(400, 300, zoom=1.0)
    view, box = env.view, env.canvas.expand_tools.boxes["top"]
    before = view.outer_in_viewport()
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "64")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert view.sides == ExpandSides(top=64)
    after = view.outer_in_viewport()
    assert after.top() == pytest.approx(before.top() - 64 * view.zoom)
    assert after.bottom() == pytest.approx(before.bottom())
    QTest.keyClick(box, Qt.Key.Key_Up)  # the arrows step by the catalogue's 8
    assert view.sides.top == 72
    env.canvas.expand_tools.boxes["left"].setValue(2500)  # past the range: the box clamps
    assert view.sides.left == 2048
    assert env.canvas.expand_tools.size_label.text() == "2448 × 372 · 0.9 MP"
    env.canvas.expand_tools.reset.click()
    assert view.sides == ExpandSides() and box.value() == 0


def test_fitting_in_expand_mode_shows_the_whole_expanded_canvas(env: Env) -> None:
    env.load(400, 300)
    env.canvas.set_mode(CanvasMode.EXPAND)
    env.canvas.set_expand_sides(ExpandSides(top=512, right=0, bottom=0, left=1024))
    view = env.view
    assert view.fitting
    outer = view.outer_in_viewport()
    assert env.viewport.rect().toRectF().contains(outer)
    assert outer.width() > env.viewport.width() * 0.8 or outer.height() > env.viewport.height() * 0.8


# ---- into a draft, and to the provider ------------------------------------------------------------------


def fill_draft(catalog: Any, image: QImage) -> Draft:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    draft = Draft(catalog, "flux-pro-1.0-fill")
    draft.set_prompt("a window")
    draft.set_input(0, ImageSource.inline(base64.b64encode(bytes(buffer.data().data())).decode()))
    load_all(draft)
    return draft


def test_the_mask_reaches_the_draft_through_mask_changed(env: Env, catalog: Any) -> None:
    env.load(320, 240, zoom=2.0)
    layer = env.view.layer
    assert layer is not None
    draft = fill_draft(catalog, env.view.image)  # type: ignore[arg-type]
    notes: list[str | None] = []
    env.canvas.maskChanged.connect(lambda mask: notes.append(apply_mask(draft, mask)))
    painted = env.next_mask(lambda: env.stroke([(80, 120), (240, 120)]))
    assert painted.size == (320, 240) and not painted.empty and notes == [None]
    request = draft.requests()[0]
    assert request.model == "flux-pro-1.0-fill" and request.params["mask"] == painted.base64()
    assert env.canvas.mask_png() == painted.png  # the encoding made off the GUI thread, not made again
    assert not env.canvas.mask_tools.empty_note.isVisible()
    cleared = env.next_mask(env.view.clear)
    assert cleared.empty and notes[-1] is not None and "nothing" in notes[-1]
    assert env.canvas.mask_tools.empty_note.isVisible()


def test_a_click_outside_the_image_paints_nothing_and_adds_no_undo_step(env: Env) -> None:
    env.load(200, 150, zoom=1.0)  # smaller than the view: there is room around it
    view = env.view
    view.set_brush_size(10)
    outside = env.at(-40, 75)
    assert env.viewport.rect().contains(outside)
    edits: list[object] = []
    view.maskEdited.connect(lambda: edits.append(True))
    env.qtbot.mouseClick(env.viewport, LEFT, pos=outside)
    layer = view.layer
    assert layer is not None and not layer.history.can_undo and edits == []
    assert env.canvas.mask_tools.empty_note.isVisible()


def test_edits_made_while_encoding_are_announced_once_as_the_newest_mask(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from fluxdesk.ui.viewer import canvas as canvas_module

    real = canvas_module.encode_qimage
    gate = threading.Event()
    calls: list[int] = []

    def held_first(mask: QImage) -> PaintedMask:
        calls.append(len(calls))
        if len(calls) == 1:
            assert gate.wait(10)  # the worker thread waits; the GUI thread goes on painting
        return real(mask)

    monkeypatch.setattr(canvas_module, "encode_qimage", held_first)
    env.load(320, 240, zoom=2.0)
    announced: list[PaintedMask] = []
    env.canvas.maskChanged.connect(announced.append)
    env.stroke([(40, 40), (100, 40)])
    env.qtbot.waitUntil(lambda: len(calls) == 1)
    env.stroke([(40, 200), (100, 200)])
    env.key(Qt.Key.Key_I, CTRL)
    assert env.canvas.encoding and announced == []
    gate.set()
    env.qtbot.waitUntil(lambda: bool(announced) and not env.canvas.encoding, timeout=10_000)
    assert len(announced) == 1 and len(calls) == 2  # the stale encoding was not announced
    final = Image.open(io.BytesIO(announced[0].png))
    assert final.getpixel((70, 40)) == 0 and final.getpixel((70, 200)) == 0  # painted, then inverted
    assert final.getpixel((200, 120)) == 255
    assert announced[0].png == env.canvas.mask_png()


def test_the_sides_reach_the_draft_through_expand_changed(env: Env, catalog: Any) -> None:
    env.canvas.set_mode(CanvasMode.EXPAND)
    env.load(400, 300, zoom=1.0)
    draft = Draft(catalog, "flux-pro-1.0-expand")
    draft.set_input(0, ImageSource.inline(png_b64((400, 300))))
    env.canvas.expandChanged.connect(lambda t, r, b, le: apply_expand(draft, ExpandSides(t, r, b, le)))
    env.canvas.expand_tools.boxes["bottom"].setValue(200)
    assert draft.requests()[0].params["bottom"] == 200


def test_a_painted_fill_request_reaches_the_simulator_with_the_mask_at_the_inputs_size(
    env: Env, catalog: Any, sim: Any
) -> None:
    env.load(256, 192, zoom=2.0)
    draft = fill_draft(catalog, env.view.image)  # type: ignore[arg-type]
    env.view.set_brush_size(32)
    env.canvas.maskChanged.connect(lambda mask: apply_mask(draft, mask))
    path: list[tuple[float, float]] = []
    env.next_mask(lambda: path.extend(env.stroke([(40, 96), (216, 96)])))
    request = draft.requests()[0]

    async def submit_and_wait() -> Any:
        config = ProviderConfig(BFL, "sim-key-for-the-canvas-test", sim.base_url)
        async with FluxClient(config, poll=PollPolicy(interval=0.05, max_interval=0.1)) as client:
            task = await client.submit(request)
            return await client.wait_ready(task)

    status = run(env.qloop, env.qtbot, submit_and_wait())
    assert status.is_ready
    body = next(json.loads(r.body) for r in sim.received if r.route == "submit")
    sent = Image.open(io.BytesIO(base64.b64decode(body["mask"])))
    assert sent.size == (256, 192)
    assert_painted_along(sent.convert("L"), path, 16)
    task = next(iter(sim.tasks().values()))
    assert task.size == (256, 192)
