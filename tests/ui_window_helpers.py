"""Helpers for the window tests: a MainWindow on a library in FLUXDESK_HOME, talking to the test simulator."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from fluxdesk.api.catalog import COMETAPI, default_catalog
from fluxdesk.api.client import FluxClient, PollPolicy
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.engine import Engine
from fluxdesk.library.library import Library
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.runtime import Runtime
from fluxdesk.settings import Settings
from fluxdesk.sim.server import DEMO_KEY

#: not "demo": a key of a real key's length, so the redaction paths run in window tests
WINDOW_KEY = "fdwin-Xr84kQ2mVn7pLs3tBw9yCz5uJh6eFa0d"

T = TypeVar("T")


def run(loop: asyncio.AbstractEventLoop, qtbot: Any, coro: Coroutine[Any, Any, T], timeout: int = 15_000
        ) -> T:
    """Run a coroutine on the qasync loop from a sync test, pumping Qt events meanwhile."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def make_window(loop: asyncio.AbstractEventLoop, qtbot: Any, sim: Any, *, demo: bool = False) -> Any:
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    settings = Settings.load()
    catalog = default_catalog()
    thumbs = ThumbnailCache(settings.paths.thumbnails_dir)
    library = run(loop, qtbot, Library.open(settings.paths.library_dir, thumbs=thumbs))
    config = ProviderConfig(COMETAPI, DEMO_KEY if demo else WINDOW_KEY, sim.base_url)
    client = FluxClient(config, poll=PollPolicy(interval=0.05, max_interval=0.1))
    engine = Engine(client, library, max_concurrent=4, catalog=catalog)
    # with the simulator in the runtime the window is in demo mode (banner shown; it stops the sim on quit)
    runtime = Runtime(settings=settings, catalog=catalog, config=config, client=client, library=library,
                      engine=engine, thumbs=thumbs, sim=sim if demo else None)
    tasks = TaskRegistry()
    failures: list[tuple[str, str]] = []
    tasks.failed.connect(lambda what, msg: failures.append((what, msg)))
    window = MainWindow(runtime, tasks)
    window.task_failures = failures  # type: ignore[attr-defined]
    # closed and deleted by close_window (not qtbot.addWidget, which would close it a second time)
    window.show()
    qtbot.waitExposed(window)
    run(loop, qtbot, window.start())
    return window


def close_window(loop: asyncio.AbstractEventLoop, qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    run(loop, qtbot, window.shutdown())
    assert window.task_failures == []  # type: ignore[attr-defined]
    # delete the C++ side now, on this thread: left to Python's GC, a worker thread of a later test
    # could collect it ("Timers cannot be stopped from another thread")
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def submits(sim: Any) -> list[Any]:
    return [r for r in sim.received if r.route == "submit"]
