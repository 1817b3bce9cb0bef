"""The window shows before anything slow: the engine (keychain, decoder process, simulator, client)
starts behind it; Generate waits for it, typing and browsing do not."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from slow_keyring import DELAY
from ui_window_helpers import WINDOW_KEY, close_window, run, submits

from fluxdesk.library.query import HistoryQuery
from fluxdesk.runtime import open_engine, open_foundation
from fluxdesk.settings import Settings

TESTS = Path(__file__).resolve().parent


def test_the_window_paints_before_a_slow_keychain_answers_and_connects_after(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(FLUXDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", FLUXDESK_STARTUP_PROBE="1",
               PYTHON_KEYRING_BACKEND="slow_keyring.SlowKeyring",
               PYTHONPATH=os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-m", "fluxdesk"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines() if line.startswith("fluxdesk startup:")]
    stamps = {words[-2]: words[-1] for words in lines}
    painted, connected = float(stamps["painted"]), float(stamps["connected"])
    # the keychain's delay lies between the two: the window did not wait for it, the engine did
    assert connected - painted >= DELAY * 0.8


#: what the window makes or loads at its first use, none of it needed to show: not loaded at the first paint
LOADED_WHEN_USED = (
    "fluxdesk.ui.viewer.canvas", "fluxdesk.draft.mask",  # the Fill / Expand canvas (an edit needs it)
    "fluxdesk.ui.library_move", "fluxdesk.library.relocate",  # Settings -> another library folder
    "fluxdesk.ui.dialogs.settings", "fluxdesk.ui.dialogs.export",
    "fluxdesk.ui.compose.reference_strip",  # a model that takes several images (not the first one)
    "regex",  # the search fold: the first search or saved prompt
    "multiprocessing", "concurrent.futures.process",  # the decoder process: after the paint
    "httpx", "keyring", "fluxdesk.engine.engine", "fluxdesk.sim.server",  # the engine: after the paint
    "PIL", "importlib.resources", "importlib.metadata", "uuid", "html",
    # the socket later launches hand their files over on: the window listens once it has painted
    "PySide6.QtNetwork", "fluxdesk.ui.platform.instance_socket",
)
_AT_FIRST_PAINT = """
import sys
from fluxdesk.ui import startup_probe

said = startup_probe.say

def say(what):
    if what == "painted":
        print("LOADED", sorted(m for m in sys.argv[1:] if m in sys.modules), flush=True)
    said(what)

startup_probe.say = say
from fluxdesk.main import main

sys.exit(main([]))
"""


def test_the_first_paint_comes_before_what_is_loaded_when_used(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(FLUXDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", FLUXDESK_STARTUP_PROBE="1")
    done = subprocess.run([sys.executable, "-c", _AT_FIRST_PAINT, *LOADED_WHEN_USED], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout.splitlines(), done.stdout


def _foundation_window(qloop: asyncio.AbstractEventLoop, qtbot: Any, settings: Settings) -> tuple[Any, Any]:
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    base = run(qloop, qtbot, open_foundation(settings))
    tasks = TaskRegistry()
    failures: list[tuple[str, str]] = []
    tasks.failed.connect(lambda what, msg: failures.append((what, msg)))
    window = MainWindow(base, tasks)
    window.task_failures = failures
    window.show()
    qtbot.waitExposed(window)
    return window, base


def test_before_the_engine_generate_waits_typing_does_not_then_the_batch_goes(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, sim: Any
) -> None:
    settings = Settings.load({**os.environ, "COMETAPI_KEY": WINDOW_KEY, "FLUXDESK_API_BASE": sim.base_url})
    window, base = _foundation_window(qloop, qtbot, settings)
    try:
        assert window.provider_label.text() == "Connecting…"
        assert not window.banner.isVisible()
        window.prompt.edit.setPlainText("a lighthouse at dusk")  # typing works now
        assert window.draft.prompt == "a lighthouse at dusk"
        window.draft.set_params({"width": 256, "height": 256})
        assert window.generate() == []
        assert "Starting, one moment" in window.statusBar().currentMessage()
        assert window.engine_gate.waiting == 1
        # browsing: the library is open
        assert run(qloop, qtbot, window.base.library.count(HistoryQuery())) == 0
        assert submits(sim) == []

        window.attach_runtime(run(qloop, qtbot, open_engine(base, label="window")))
        assert window.engine_gate.waiting == 0
        assert "127.0.0.1" in window.provider_label.text()
        qtbot.waitUntil(lambda: len(submits(sim)) == 1, timeout=10_000)
        assert json.loads(submits(sim)[0].body)["prompt"] == "a lighthouse at dusk"
    finally:
        close_window(qloop, qtbot, window)


def test_an_engine_that_cannot_start_is_said_and_generate_says_it_again(
    qloop: asyncio.AbstractEventLoop, qtbot: Any
) -> None:
    window, _base = _foundation_window(qloop, qtbot, Settings.load())
    try:
        window.draft.set_prompt("a fox")
        window.generate()
        window.engine_failed("fluxdesk could not connect: the disk is full.")
        assert window.engine_gate.waiting == 0
        assert window.provider_label.text() == "Not connected"
        window.statusBar().clearMessage()
        assert window.generate() == []
        assert window.statusBar().currentMessage() == "fluxdesk could not connect: the disk is full."
    finally:
        close_window(qloop, qtbot, window)


@pytest.mark.parametrize("decode_in_process", [False, True])
def test_open_runtime_is_the_foundation_then_the_engine(
    _isolated_home: Path, decode_in_process: bool
) -> None:
    from fluxdesk.runtime import open_runtime

    async def start() -> tuple[bool, bool]:
        runtime = await open_runtime(Settings.load(), demo_latency=0.1, decode_in_process=decode_in_process)
        try:
            return runtime.demo, (runtime.decoder is not None)
        finally:
            await runtime.aclose()

    assert asyncio.run(start()) == (True, decode_in_process)
