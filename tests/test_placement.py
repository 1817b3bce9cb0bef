"""Viewer and compare windows open whole on the screen of the main window, centred on it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QMargins, QRect, QSize
from ui_window_helpers import run

from fluxdesk.ui.platform.placement import placed

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


@pytest.mark.parametrize(("size", "available", "anchor", "expected"), [
    # a 1200x760 compare on a 1024x640 screen: shrunk to the screen, not below it
    (QSize(1200, 760), QRect(0, 0, 1024, 640), QRect(100, 50, 800, 500), QRect(0, 0, 1024, 640)),
    # it fits: centred on the main window
    (QSize(600, 400), QRect(0, 0, 1920, 1080), QRect(200, 100, 1000, 800), QRect(400, 300, 600, 400)),
    # the main window near the bottom right: moved back inside
    (QSize(600, 400), QRect(0, 0, 1920, 1080), QRect(1700, 900, 400, 300), QRect(1320, 680, 600, 400)),
    # a second screen, under a top panel (available geometry starts at y=30)
    (QSize(1000, 760), QRect(1920, 30, 1280, 770), QRect(2000, 100, 1100, 600),
     QRect(2050, 30, 1000, 760)),
    # no main window: the middle of the screen
    (QSize(400, 300), QRect(0, 0, 1000, 800), None, QRect(300, 250, 400, 300)),
])
def test_placed_fits_and_centres(size: QSize, available: QRect, anchor: QRect | None, expected: QRect
                                 ) -> None:
    rect = placed(size, available, anchor)
    assert rect == expected
    assert available.contains(rect)


def test_the_frame_counts_in_the_fit() -> None:
    rect = placed(QSize(1000, 700), QRect(0, 0, 1024, 640), None, QMargins(4, 30, 4, 4))
    assert rect == QRect(8, 0, 1008, 640)  # 1000 + 8 wide, centred; 700 + 34 shrunk to 640 high


@pytest.mark.parametrize("compare", [False, True])
def test_viewer_and_compare_open_whole_on_the_main_windows_screen(
    window: Any, qtbot: Any, qloop: asyncio.AbstractEventLoop, compare: bool
) -> None:
    from test_ui_library import saved_library_into

    run(qloop, qtbot, saved_library_into(window.runtime.library))
    window.gallery.refresh()
    qtbot.waitUntil(lambda: window.gallery.model.rowCount() == 2, timeout=10_000)
    screen = window.screen().availableGeometry()
    window.setGeometry(screen.x() + 40, screen.y() + 30, screen.width() // 2, screen.height() // 2)
    records = window.gallery.model.records()
    if compare:
        viewer = window.gallery.viewers_.open([], None, compare=records[:2])
    else:
        viewer = window.gallery.viewers_.open(records, records[0])
    assert viewer is not None
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(viewer.is_loaded)
    frame = viewer.frameGeometry()
    try:
        assert screen.contains(frame), (frame, screen)
        # the viewer's own size (1000 or 1200 x 760) is more than this screen has: shrunk to it
        assert frame.width() <= screen.width() and frame.height() <= screen.height()
        if frame.width() < screen.width():
            assert abs(frame.center().x() - window.frameGeometry().center().x()) <= 1
    finally:
        viewer.close()
