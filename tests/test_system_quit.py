"""SIGTERM quits the window as Quit does: geometry, panels and draft saved, the decoder process gone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def _saved_normal_geometry(ini: Path) -> tuple[int, int]:
    """The size in QWidget::saveGeometry's record (its format: magic, version, frame rect, normal rect...)."""
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect, QSettings

    value = QSettings(str(ini), QSettings.Format.IniFormat).value("window/geometry")
    assert isinstance(value, QByteArray) and not value.isEmpty()
    stream = QDataStream(value, QIODevice.OpenModeFlag.ReadOnly)
    assert stream.readUInt32() == 0x1D9D0CB
    stream.readUInt16(), stream.readUInt16()
    frame, normal = QRect(), QRect()
    stream >> frame
    stream >> normal
    return normal.width(), normal.height()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_sigterm_saves_the_geometry_and_the_draft_and_ends_the_decoder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 1600, "height": 1000,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(FLUXDESK_HOME=str(home), QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    log = home / "logs" / "fluxdesk.log"
    proc = subprocess.Popen([sys.executable, "-m", "fluxdesk", "-qwindowgeometry", "1300x760+40+30"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        # connected: the decoder process has started (its start is part of connecting)
        while not (log.is_file() and "connected to" in log.read_text(encoding="utf-8")
                   and _children(proc.pid)):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the window did not come up"
            time.sleep(0.05)
        children = _children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "quitting on SIGTERM" in log.read_text(encoding="utf-8")
    assert _saved_normal_geometry(home / "config" / "window.ini") == (1300, 760)
    assert (home / "config" / "draft.json").is_file()
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children):
        assert time.monotonic() < deadline, "the decoder process outlived the window"
        time.sleep(0.05)


def test_the_decoder_process_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    code = ("import os, sys, time; from fluxdesk.runtime import image_decoder; d = image_decoder(); "
            "print(d.submit(os.getpid).result(), flush=True); time.sleep(60)")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.kill()  # as a crash would: nothing is shut down
        parent.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _alive(worker):
            assert time.monotonic() < deadline, "the orphaned decoder process ran on"
            time.sleep(0.1)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
