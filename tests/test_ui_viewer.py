"""The viewer: off-thread decode, fit / 100% / zoom / pan, stepping, compare with synchronized views."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_ui_gallery_support import BLUE, GREEN, RED, add_image, record, run

from fluxdesk.library.library import Library
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.window import ViewerWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


class Env:
    def __init__(self, qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path) -> None:
        self.qloop = qloop
        self.qtbot = qtbot
        self.tasks = TaskRegistry()
        self.failures: list[tuple[str, str]] = []
        self.tasks.failed.connect(lambda what, msg: self.failures.append((what, msg)))

        async def build() -> tuple[Library, list[Any]]:
            library = await Library.open(tmp_path / "home")
            recs = [
                await add_image(library, record("big red", seed=1), RED, width=1600, height=1200),
                await add_image(library, record("tall green", seed=2), GREEN, width=600, height=900),
                await add_image(library, record("small blue", seed=3), BLUE, width=320, height=240),
            ]
            return library, recs

        self.library, self.records = run(qloop, qtbot, build())

    def viewer(self, records: list[Any] | None = None, **kwargs: Any) -> ViewerWindow:
        viewer = ViewerWindow(records or self.records, self.library.path_of, self.tasks, **kwargs)
        self.qtbot.addWidget(viewer)
        viewer.resize(800, 600)
        viewer.show()
        self.qtbot.waitExposed(viewer)
        self.qtbot.waitUntil(viewer.is_loaded)
        return viewer


@pytest.fixture
def env(qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path) -> Iterator[Env]:
    e = Env(qloop, qtbot, tmp_path)
    yield e
    run(qloop, qtbot, e.tasks.shutdown())  # as the window does, before the library closes
    run(qloop, qtbot, e.library.close())
    assert e.failures == []


def fully_visible(view: Any) -> bool:
    shown = view.mapFromScene(view.sceneRect()).boundingRect()
    return view.viewport().rect().adjusted(-1, -1, 1, 1).contains(shown)


def test_opens_fits_zooms_to_100_and_back(env: Env) -> None:
    viewer = env.viewer()
    view = viewer.views[0]
    assert viewer.isWindow()
    assert not viewer.isModal()
    assert view.image is not None and view.image.size().toTuple() == (1600, 1200)
    assert view.fitting
    assert view.zoom == pytest.approx(view.fit_scale())
    assert view.zoom < 1.0
    assert fully_visible(view)
    assert viewer.zoom_label.text().startswith("Fit")

    QTest.keyClick(viewer, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(1.0)
    assert not view.fitting
    assert not fully_visible(view)  # 1600x1200 at 100% in an 800x600 window: it pans
    assert view.horizontalScrollBar().maximum() > 0
    assert viewer.zoom_label.text() == "100%"

    QTest.keyClick(viewer, Qt.Key.Key_Plus)
    assert view.zoom == pytest.approx(1.25)
    QTest.keyClick(viewer, Qt.Key.Key_Minus)
    QTest.keyClick(viewer, Qt.Key.Key_Minus)
    assert view.zoom == pytest.approx(0.8)

    QTest.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.fitting and fully_visible(view)


def test_ctrl_wheel_zooms_and_plain_wheel_does_not(env: Env) -> None:
    viewer = env.viewer()
    view = viewer.views[0]
    view.actual_size()
    center = QPointF(view.viewport().rect().center())
    global_pos = QPointF(view.viewport().mapToGlobal(center.toPoint()))

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            center,
            global_pos,
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(1.25)
    wheel(Qt.KeyboardModifier.NoModifier)
    assert view.zoom == pytest.approx(1.25)


def test_drag_pans(env: Env) -> None:
    viewer = env.viewer()
    view = viewer.views[0]
    view.actual_size()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    start = view.viewport().rect().center()
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.viewport(), start + QPoint(100, 0))
    QTest.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(100, 0)
    )
    assert bar.value() < before


def test_arrows_step_and_escape_closes(env: Env) -> None:
    viewer = env.viewer(index=1)
    assert viewer.current_record.id == env.records[1].id
    seen: list[Any] = []
    viewer.recordChanged.connect(seen.append)
    QTest.keyClick(viewer.views[0], Qt.Key.Key_Right)  # from the view: the window handles it
    assert viewer.current_record.id == env.records[2].id
    env.qtbot.waitUntil(viewer.is_loaded)
    assert viewer.views[0].image.size().toTuple() == (320, 240)
    QTest.keyClick(viewer, Qt.Key.Key_Right)  # at the end: stays
    assert viewer.index == 2
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.index == 0 and not viewer.prev_button.isEnabled()
    assert [r.id for r in seen] == [env.records[i].id for i in (2, 1, 0)]
    env.qtbot.waitUntil(viewer.is_loaded)
    closed: list[int] = []
    viewer.destroyed.connect(lambda: closed.append(1))
    QTest.keyClick(viewer, Qt.Key.Key_Escape)
    env.qtbot.waitUntil(lambda: closed == [1])


def test_compare_two_images_with_synchronized_zoom_and_pan(env: Env) -> None:
    viewer = env.viewer(env.records[:2], compare=True)
    left, right = viewer.views
    assert viewer.compare
    assert left.image.size().toTuple() == (1600, 1200)
    assert right.image.size().toTuple() == (600, 900)
    assert left.fitting and right.fitting
    assert fully_visible(left) and fully_visible(right)

    viewer.actual_size()
    assert left.zoom == pytest.approx(1.0) and right.zoom == pytest.approx(1.0)
    left.zoom_by(1.5)
    assert right.zoom == pytest.approx(1.5)
    right.zoom_by(1 / 1.5)
    assert left.zoom == pytest.approx(1.0)

    left.zoom_by(2.0)
    for bar in (left.horizontalScrollBar(), left.verticalScrollBar()):
        bar.setValue(bar.maximum())
    fx, fy = right.scroll_fractions()
    assert fx == pytest.approx(1.0, abs=0.02) and fy == pytest.approx(1.0, abs=0.02)
    left.verticalScrollBar().setValue(0)
    assert right.scroll_fractions()[1] == pytest.approx(0.0, abs=0.02)

    viewer.fit()
    assert left.fitting and right.fitting
    assert fully_visible(left) and fully_visible(right)
    QTest.keyClick(viewer, Qt.Key.Key_Right)  # no stepping in compare
    assert viewer.shown_records() == env.records[:2]


def test_images_are_decoded_off_the_gui_thread(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    import fluxdesk.ui.viewer.window as viewer_module

    threads: list[threading.Thread] = []
    real = viewer_module.load_full_image

    def spy(path: Path) -> Any:
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(viewer_module, "load_full_image", spy)
    viewer = env.viewer(env.records[:1])
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert viewer.views[0].image is not None


def test_a_missing_file_says_so(env: Env) -> None:
    env.library.path_of(env.records[2]).unlink()
    viewer = env.viewer([env.records[2]])
    view = viewer.views[0]
    assert view.image is None
    texts = [item.text() for item in view.scene().items() if hasattr(item, "text")]
    assert any("Could not read" in t for t in texts)


def test_preview_closes_on_space(env: Env) -> None:
    viewer = env.viewer([env.records[0]], preview=True)
    closed: list[int] = []
    viewer.destroyed.connect(lambda: closed.append(1))
    QTest.keyClick(viewer, Qt.Key.Key_Space)
    env.qtbot.waitUntil(lambda: closed == [1])
