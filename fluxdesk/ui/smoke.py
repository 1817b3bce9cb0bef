"""`FLUXDESK_SMOKE_TEST=1 fluxdesk`: the window checks that a build works, says so in one line and quits.

For packagers and `make bundle` (a frozen build can miss a Qt plugin, a data file or the worker
process's re-entry without failing at start): once the window has shown and resumed, it checks that
it is visible with the app's icon and desktop file name, decodes a PNG shipped in the package in the
image-decoding worker process (the spawned one a frozen build must re-enter through
`freeze_support`), reads the licences the About box shows (the build's metadata), waits (bounded)
for its start-up work to finish (an opened file's settings too), prints `fluxdesk smoke test: ok
(...)` or `fluxdesk smoke test failed: ...` on stdout, and closes.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from fluxdesk.api.imagecheck import inspect_image
from fluxdesk.identity import APP_ID, icon_path, licence_text
from fluxdesk.ui.dialogs.notices import runtime_components

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import MainWindow

OK = "fluxdesk smoke test: ok"
FAILED = "fluxdesk smoke test failed"
#: seconds the window's start-up work (resume, balance, an opened file's settings) may take
SETTLE_TIMEOUT = 20.0


async def settled(window: MainWindow, timeout: float = SETTLE_TIMEOUT) -> bool:
    """True once no window task runs but the caller's own (bounded wait)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while window.tasks.active > 1:
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def smoke_report(window: MainWindow) -> str:
    """What the check found, in one line; raises RuntimeError naming the first thing missing."""
    if not window.isVisible():
        raise RuntimeError("the window is not shown")
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    if app.windowIcon().isNull():
        raise RuntimeError("the application has no icon (are the icons in the package?)")
    if app.desktopFileName() != APP_ID:
        raise RuntimeError(f"the desktop file name is {app.desktopFileName()!r}, not {APP_ID}")
    png = icon_path(64)
    if png is None:
        raise RuntimeError("the 64 px icon is not in the package")
    decoder = window.runtime.decoder
    if decoder is None:
        raise RuntimeError("the window has no image-decoding worker process")
    loop = asyncio.get_running_loop()
    data = await asyncio.to_thread(png.read_bytes)
    fmt, width, height = await loop.run_in_executor(decoder, inspect_image, data)
    worker = await loop.run_in_executor(decoder, os.getpid)
    if worker == os.getpid():
        raise RuntimeError("images are decoded in the window's own process, not a worker")
    # what the About box reads: a build must carry the installed metadata
    own, components = await asyncio.to_thread(lambda: (licence_text(), runtime_components()))
    if not own or not components:
        raise RuntimeError("the licences cannot be read (is the packages' metadata in the build?)")
    if not await settled(window):
        raise RuntimeError(f"the window's start-up work was still running after {SETTLE_TIMEOUT:.0f} s")
    platform = app.platformName()
    return (f"window shown on {platform}, {app.desktopFileName()}, icon sizes "
            f"{len(app.windowIcon().availableSizes())}, worker process {worker} decoded a "
            f"{width}x{height} {fmt}, licences of {len(components)} dependencies readable")


async def run_smoke_test(window: MainWindow) -> bool:
    try:
        report = await smoke_report(window)
    except Exception as exc:
        print(f"{FAILED}: {exc}", flush=True)
        ok = False
    else:
        print(f"{OK} ({report})", flush=True)
        ok = True
    sys.stdout.flush()
    window.close()
    return ok
