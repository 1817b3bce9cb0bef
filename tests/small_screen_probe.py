"""Run as a child process (QT_QPA_PLATFORM=offscreen:configfile=..., maybe QT_SCALE_FACTOR): the main
window's first start on that screen, measured; one JSON line on stdout (tests/test_small_screens.py)."""

from __future__ import annotations

import asyncio
import json
import sys

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget


def inside(window: QWidget, widget: QWidget) -> bool:
    """Shown, at least 20 px wide and 10 high, and wholly within the window's client area."""
    if not widget.isVisibleTo(window) or widget.width() < 20 or widget.height() < 10:
        return False
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().contains(rect)


async def measure(resize: tuple[int, int] | None) -> dict[str, object]:
    import qasync  # noqa: F401  (the loop is made by the caller)

    from fluxdesk.runtime import open_foundation
    from fluxdesk.settings import Settings
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    base = await open_foundation(Settings.load())
    window = MainWindow(base, TaskRegistry())
    window.show()
    if resize is not None:
        window.resize(*resize)
    for _ in range(20):  # let layouts settle
        await asyncio.sleep(0.02)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    available = window.screen().availableGeometry()
    hint = window.minimumSizeHint()
    key = {"search": window.gallery.search, "gallery": window.gallery.view, "prompt": window.prompt,
           "generate": window.generate_button, "details": window.details,
           "export": window.details.export_button, "model": window.model_picker}
    result = {
        "available": [available.width(), available.height()],
        "min_hint": [hint.width(), hint.height()],
        "frame_inside": available.contains(window.frameGeometry()),
        "size": [window.width(), window.height()],
        "visible": {name: inside(window, widget) for name, widget in key.items()},
        "wrapped": window.gallery.bar.wrapped,
    }
    await window.shutdown()
    return result


def main() -> None:
    import qasync

    resize = tuple(int(v) for v in sys.argv[1].split("x")) if len(sys.argv) > 1 else None
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        print(json.dumps(loop.run_until_complete(measure(resize))))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
