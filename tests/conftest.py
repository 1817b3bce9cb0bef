"""Shared fixtures. Qt runs offscreen; every network test talks to the simulator over a real socket."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# no test may ever see a real key or a real provider
for _var in ("COMETAPI_KEY", "BFL_API_KEY", "FLUXDESK_API_BASE", "FLUXDESK_PROVIDER"):
    os.environ.pop(_var, None)
# nothing may touch the real home: not our code, not Qt's default QSettings, not a library. Set before
# Qt loads, since QStandardPaths and QSettings read these when first asked.
FAKE_HOME = tempfile.mkdtemp(prefix="fluxdesk-test-home-")
atexit.register(shutil.rmtree, FAKE_HOME, ignore_errors=True)
os.environ["HOME"] = FAKE_HOME
for _var, _sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                   ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
    os.environ[_var] = os.path.join(FAKE_HOME, _sub)
os.environ.pop("XDG_RUNTIME_DIR", None)
# the tests assert English (the source language) whatever the machine's locale; the language tests
# set their own environment
os.environ["LANGUAGE"] = "en"
#: a key of a real key's shape and length, so the redactor (which skips short words) really runs
TEST_KEY = "fdtest-7Qm2xK9pLw4sVb8nRt3yZc6uHj5eGa1o"

import asyncio  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own FLUXDESK_HOME, and keyring cannot reach a real keychain."""
    home = tmp_path_factory.mktemp("fluxdesk-home")
    monkeypatch.setenv("FLUXDESK_HOME", str(home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@pytest.fixture
def catalog():
    from fluxdesk.api.catalog import default_catalog

    return default_catalog()


@pytest.fixture
def sim() -> Iterator[object]:
    """A simulator on 127.0.0.1 with a short latency, stopped after the test."""
    from fluxdesk.sim.server import SimConfig, SimServer

    server = SimServer(SimConfig(latency=0.3))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def qloop(qapp) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop, set current and marked running so httpx/anyio find it; qtbot.wait* drives it.

    Exceptions that reach the loop's handler fail the test.
    """
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    errors: list[dict] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(5000)
        while any(not t.done() for t in pending) and not deadline.hasExpired():
            QCoreApplication.processEvents()
        asyncio.events._set_running_loop(None)
        loop.close()
        asyncio.set_event_loop(None)
        # Qt objects left in reference cycles must die here, on the GUI thread, and not later in some
        # worker thread of another test ("Timers cannot be stopped from another thread")
        import gc

        gc.collect()
        if errors:
            messages = [str(c.get("exception") or c.get("message")) for c in errors]
            pytest.fail("exceptions reached the event loop: " + "; ".join(messages))


@pytest.fixture
def window(qloop: asyncio.AbstractEventLoop, qtbot, sim):
    """The real main window on a runtime aimed at the simulator; closed cleanly after the test."""
    from ui_window_helpers import close_window, make_window

    win = make_window(qloop, qtbot, sim)
    yield win
    close_window(qloop, qtbot, win)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """FLUXDESK_TRANSLATIONS_PENDING=1: the translation-completeness tests are left out (the Arabic and
    Korean translations are still being written); they fail until then, as they should."""
    if os.environ.get("FLUXDESK_TRANSLATIONS_PENDING") != "1":
        return
    kept = [item for item in items if item.get_closest_marker("translations") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
