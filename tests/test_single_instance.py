"""One window per library: a later launch hands its files to the first window and exits 0; a socket
left by a crashed window is replaced; Qt's own options reach QApplication."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from engine_fakes import FakeClock
from process_helpers import stop
from ui_edit_helpers import png_file
from ui_window_helpers import run

from fluxdesk.runtime import LibraryLock
from fluxdesk.ui.platform.instance_socket import InstanceServer, hand_over
from fluxdesk.ui.platform.single_instance import HANDED_OVER, claim_library, server_name
from fluxdesk.ui.qt_options import split_qt_options


def test_the_name_is_per_library_and_per_user_and_hides_the_path(tmp_path: Path) -> None:
    env = {"XDG_RUNTIME_DIR": ""}
    a, b = server_name(tmp_path / "a", env), server_name(tmp_path / "b", env)
    assert a != b and server_name(tmp_path / "a" / ".." / "a", env) == a
    assert "tmp" not in a.lower() and len(a) < 60
    runtime = tmp_path / "run"
    runtime.mkdir()
    inside = server_name(tmp_path / "a", {"XDG_RUNTIME_DIR": str(runtime)})
    assert Path(inside).parent == runtime and Path(inside).name.startswith("fluxdesk-")


def _later_launch(name: str, files: list[Path]) -> bool:
    """`hand_over` as a later launch calls it: from its own process (its waits hold the GIL, so a
    client thread in this process would stall the server it talks to)."""
    code = ("import sys; from pathlib import Path; "
            "from fluxdesk.ui.platform.instance_socket import hand_over; "
            "print(hand_over(sys.argv[1], [Path(a) for a in sys.argv[2:]]))")
    done = subprocess.run([sys.executable, "-c", code, name, *map(str, files)], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout.strip() == "True"


def _listening(name: str) -> tuple[InstanceServer, list[list[Path]]]:
    server = InstanceServer(name)
    got: list[list[Path]] = []
    server.handedOver.connect(got.append)
    assert server.listen()
    return server, got


def test_a_later_launch_hands_its_files_over(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    server, got = _listening(server_name(tmp_path / "library"))
    try:
        image = png_file(tmp_path / "in.png", (32, 32))
        assert run(qloop, qtbot, asyncio.to_thread(_later_launch, server.name, [image])) is True
        qtbot.waitUntil(lambda: got == [[image]], timeout=5_000)
        assert run(qloop, qtbot, asyncio.to_thread(_later_launch, server.name, [])) is True
        qtbot.waitUntil(lambda: len(got) == 2 and got[1] == [], timeout=5_000)
    finally:
        server.close()


def test_nobody_listening_and_a_stale_socket_fail_fast_then_are_replaced(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    name = server_name(tmp_path / "library", {"XDG_RUNTIME_DIR": str(runtime)})
    started = time.monotonic()
    assert hand_over(name, []) is False  # no socket at all
    # what a crashed window leaves: the socket file, nobody behind it
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(name)
    dead.close()
    assert Path(name).exists()
    assert hand_over(name, []) is False
    assert time.monotonic() - started < 1.0  # refused at once, not after the timeout
    server, got = _listening(name)
    try:
        assert run(qloop, qtbot, asyncio.to_thread(_later_launch, name, [tmp_path / "x.png"])) is True
        qtbot.waitUntil(lambda: got == [[tmp_path / "x.png"]], timeout=5_000)
    finally:
        server.close()


def _claim(tmp_path: Path, name: str, clock: FakeClock, files: list[Path] | None = None) -> object:
    return claim_library(lambda: LibraryLock.acquire(tmp_path / "library"), name, files or [], wait=1.0,
                         clock=clock, sleep=clock.sleep)


def test_a_launch_on_a_free_library_takes_its_lock_and_loads_no_socket(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from fluxdesk.runtime import LibraryLock; "
            "from fluxdesk.ui.platform.single_instance import claim_library; "
            "lock = claim_library(lambda: LibraryLock.acquire(Path(sys.argv[1])), 'unused', []); "
            "print(type(lock).__name__, 'PySide6.QtNetwork' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "library")], capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split() == ["LibraryLock", "False"]  # Qt's network module waits for the paint


def test_a_window_still_starting_is_waited_for_then_said_to_be_open(tmp_path: Path) -> None:
    holder = LibraryLock.acquire(tmp_path / "library")
    assert holder is not None
    clock = FakeClock(0.0)
    try:
        assert _claim(tmp_path, server_name(tmp_path / "library"), clock) is None
    finally:
        holder.release()
    assert clock.now >= 1.0 and len(clock.slept) >= 5  # tried again and again within the wait, no more
    assert clock.now < 1.5


def test_a_window_that_quits_meanwhile_leaves_its_lock_to_the_launch(tmp_path: Path) -> None:
    holder = LibraryLock.acquire(tmp_path / "library")
    assert holder is not None
    clock = FakeClock(0.0)

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if len(clock.slept) == 2:
            holder.release()  # the first window quit

    lock = claim_library(lambda: LibraryLock.acquire(tmp_path / "library"), server_name(tmp_path / "x"), [],
                         wait=1.0, clock=clock, sleep=sleep)
    assert isinstance(lock, LibraryLock)
    lock.release()
    assert len(clock.slept) == 2


def test_a_window_that_starts_listening_while_the_launch_waits_takes_its_files(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    name = server_name(tmp_path / "library")
    image = tmp_path / "in.png"
    holder = LibraryLock.acquire(tmp_path / "library")
    assert holder is not None
    code = ("import sys; from pathlib import Path; from fluxdesk.runtime import LibraryLock; "
            "from fluxdesk.ui.platform.single_instance import claim_library\n"
            "def acquire():\n"
            "    lock = LibraryLock.acquire(Path(sys.argv[1]))\n"
            "    print('locked' if lock is None else 'free', flush=True)\n"
            "    return lock\n"
            "print(claim_library(acquire, sys.argv[2], [Path(sys.argv[3])], wait=30))")
    later = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "library"), name, str(image)],
                             stdout=subprocess.PIPE, text=True)
    server = None
    try:
        assert later.stdout is not None
        # the launch found the lock taken and nobody listening: the window is still starting
        assert later.stdout.readline().strip() == "locked"
        server, got = _listening(name)
        qtbot.waitUntil(lambda: got == [[image]], timeout=20_000)
        out, _ = later.communicate(timeout=30)
        assert out.strip().splitlines()[-1] == HANDED_OVER
        assert later.returncode == 0
    finally:
        if server is not None:
            server.close()
        stop(later, timeout=10)
        holder.release()


def test_a_message_that_is_not_fluxdesks_is_dropped(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    server, got = _listening(server_name(tmp_path / "library"))
    try:
        code = ("import sys; from PySide6.QtNetwork import QLocalSocket; s = QLocalSocket(); "
                "s.connectToServer(sys.argv[1]); assert s.waitForConnected(5000); "
                "s.write(b'{\"files\": \"not a list\"}\\n'); s.waitForBytesWritten(5000); "
                "s.waitForDisconnected(5000); print(repr(s.readAll().data()))")
        done = run(qloop, qtbot, asyncio.to_thread(
            subprocess.run, [sys.executable, "-c", code, server.name], capture_output=True, text=True,
            timeout=60, check=True))
        assert done.stdout.strip() == "b''"
        assert got == []
    finally:
        server.close()


def test_the_window_comes_to_the_front_and_reads_the_files_settings(
    window: Any, qtbot: Any, qloop: asyncio.AbstractEventLoop
) -> None:
    from test_ui_library import first_saved_image

    image = first_saved_image(window, qtbot, qloop)
    window.draft.set_prompt("something else")
    window.showMinimized()
    window.handed_over([image])
    assert not window.isMinimized() and window.isVisible()
    qtbot.waitUntil(lambda: window.draft.prompt.startswith("kite "), timeout=10_000)


@pytest.mark.parametrize(("args", "qt", "rest"), [
    (["-style", "Fusion", "-reverse"], ["-style", "Fusion", "-reverse"], []),
    (["--style=Fusion", "a.png"], ["--style=Fusion"], ["a.png"]),
    (["-platform", "offscreen", "-qwindowgeometry", "800x600+0+0"],
     ["-platform", "offscreen", "-qwindowgeometry", "800x600+0+0"], []),
    (["generate", "a cat", "--json"], [], ["generate", "a cat", "--json"]),
    (["-style"], [], ["-style"]),
    (["--version"], [], ["--version"]),
])
def test_qt_options_are_told_apart_from_fluxdesks(args: list[str], qt: list[str], rest: list[str]) -> None:
    assert split_qt_options(args) == (qt, rest)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    return {**env, "FLUXDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra}


def test_qt_options_reach_qapplication_and_open_the_window(tmp_path: Path) -> None:
    code = ("import sys; from fluxdesk.main import main; rc = main(['-style', 'Fusion', '-reverse']); "
            "from PySide6.QtWidgets import QApplication; app = QApplication.instance(); "
            "print('result', rc, app.style().name(), app.layoutDirection().name)")
    env = _env(tmp_path / "home", FLUXDESK_STARTUP_PROBE="1")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "result 0 fusion RightToLeft" in done.stdout
    assert "unknown" not in done.stderr.lower() and "invalid choice" not in done.stderr


@pytest.mark.slow
def test_a_second_launch_raises_the_first_window_hands_over_and_exits_0(tmp_path: Path) -> None:
    home = tmp_path / "home"
    log = home / "logs" / "fluxdesk.log"
    first = subprocess.Popen([sys.executable, "-m", "fluxdesk"], env=_env(home), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (log.is_file() and "listening for later launches" in log.read_text(encoding="utf-8")):
            assert first.poll() is None and time.monotonic() < deadline, "the first window did not start"
            time.sleep(0.05)
        image = png_file(tmp_path / "opened.png", (40, 30))
        second = subprocess.run([sys.executable, "-m", "fluxdesk", str(image)], env=_env(home),
                                capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 0, second.stderr
        assert "already open" not in second.stderr
        while "a later launch handed over 1 file(s)" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the first window was not handed the file"
            time.sleep(0.05)
        assert first.poll() is None  # still running: the second launch went nowhere else
    finally:
        stop(first, timeout=30)
