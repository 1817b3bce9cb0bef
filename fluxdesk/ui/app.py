"""`fluxdesk` with no arguments: the window, on a qasync loop.

Order of things: check there is a display (else one clear line, exit 1), QApplication, the qasync
loop, then settings -> the library's window lock (a second window on the same library says so in one
line and exits 0) -> runtime (client, library, engine; the simulator in demo mode) -> thumbnail
cache -> window. Jobs of an earlier run are resumed once the window shows. On quit every window
task is cancelled, the engine stops following jobs (they resume next start), the client, the
library and the simulator are closed.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from fluxdesk.api.errors import FluxError

if TYPE_CHECKING:
    from fluxdesk.runtime import Runtime

log = logging.getLogger(__name__)

ALREADY_OPEN = "fluxdesk is already open on the library in {folder}; use that window."
NO_DISPLAY = (
    "fluxdesk: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open; "
    "run it in a desktop session, or use the command line: fluxdesk --help"
)


def display_available(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """False when Qt would abort for want of a display (Linux and the BSDs without X11 or Wayland)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    if env.get("QT_QPA_PLATFORM", "").strip():
        return True  # offscreen, vnc, eglfs...: the user chose
    return bool(env.get("DISPLAY", "").strip() or env.get("WAYLAND_DISPLAY", "").strip())


#: how long a worker thread may hold the GIL while the GUI thread waits for it (Python's default: 5 ms)
SWITCH_INTERVAL = 0.002


def tune_for_responsiveness(loop: asyncio.AbstractEventLoop) -> None:
    """Keep the GUI thread's share of a small machine (measured on 2 cores by bench/ui_responsiveness.py).

    - Blocking helpers (`asyncio.to_thread`) get two workers, not cpu+4: more threads decoding images
      at once only fight the GUI thread for the GIL and the cores (stalls of 40+ ms with six).
    - A worker holding the GIL (Pillow's Python-level code, hashing small buffers) yields it after
      2 ms instead of 5, so the GUI thread waits less when it wants to paint.
    - Once start-up is done, `freeze_startup_objects()` moves what exists into the GC's permanent
      generation, so a full collection no longer walks every Qt wrapper and module (34 ms each).
    """
    loop.set_default_executor(ThreadPoolExecutor(max_workers=2, thread_name_prefix="fluxdesk-work"))
    sys.setswitchinterval(SWITCH_INTERVAL)


def freeze_startup_objects() -> None:
    gc.collect()
    gc.freeze()


def run_app(argv: Sequence[str] | None = None) -> int:
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName("fluxdesk")
    app.setApplicationDisplayName("fluxdesk")
    app.setOrganizationName("fluxdesk")
    app.setDesktopFileName("fluxdesk")
    # the window decides when to stop (after a clean shutdown), not the last-window-closed rule
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    tune_for_responsiveness(loop)
    try:
        with loop:
            return int(loop.run_until_complete(_run_window()))
    finally:
        asyncio.set_event_loop(None)


async def _run_window() -> int:
    from fluxdesk.runtime import LibraryLock, open_runtime
    from fluxdesk.settings import Settings

    settings = Settings.load()
    folder = settings.paths.library_dir
    try:
        # one window per library: a second one would drive the same jobs from a second engine
        lock = await asyncio.to_thread(LibraryLock.acquire, folder)
    except OSError as exc:
        print(f"fluxdesk could not start: {exc}", file=sys.stderr)
        return 1
    if lock is None:
        print(ALREADY_OPEN.format(folder=folder), file=sys.stderr)
        return 0
    try:
        try:
            runtime = await open_runtime(settings, decode_in_process=True, label="window")
        except (FluxError, OSError) as exc:
            print(f"fluxdesk could not start: {exc}", file=sys.stderr)
            return 1
        return await _show_window(runtime)
    finally:
        lock.release()


async def _show_window(runtime: Runtime) -> int:
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    tasks = TaskRegistry()
    window = MainWindow(runtime, tasks)
    closed = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: None if closed.done() else closed.set_result(None))
    window.show()
    tasks.spawn(window.start(), name="resume jobs")
    freeze_startup_objects()
    try:
        await closed
    finally:
        await window.shutdown()
        window.deleteLater()
    return 0
