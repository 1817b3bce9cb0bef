"""Time from launching `fluxdesk` to its window on screen, painted, against a bare PySide6 window.

    .venv/bin/python bench/startup.py [--runs 5] [--count 1000]

Each run launches a new process and notes `time.time()` just before; the child prints its own
`time.time()` once the first paint of its main window is done (fluxdesk: `FLUXDESK_STARTUP_PROBE=1`,
fluxdesk/ui/startup_probe.py; the bare window: the same event filter, written out below), so the
figure covers the interpreter's start, the imports, QApplication and the window's construction. The
children run with byte code (PYTHONPYCACHEPREFIX in the temporary folder, one first launch of each
case not counted), as an installed app does: compiling every module at each start is not what a user
waits for. For
fluxdesk it also notes when the engine is connected (keychain, decoder process, simulator), which now
happens behind the shown window, then the window quits as usual. Three cases, run in turn in every
round so that they share the machine's load:

- bare: a PySide6 `QMainWindow` of the same size, nothing else;
- demo, fresh home: fluxdesk in demo mode (no key) with a new empty HOME every run (no settings, no
  library: it is created);
- demo, N images: the same with a library of N generations (bench/big_library.py, built once and
  cached), thumbnails cold (a new cache folder every run).

Prints the median and the worst of the runs per case, and the ratio of fluxdesk's median to the bare
window's (goal: within 3x). Without DISPLAY or WAYLAND_DISPLAY it runs on Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import big_library

PREFIX = "fluxdesk startup:"
TIMEOUT = 120.0
BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, done)
        return False

def done():
    print(f"fluxdesk startup: painted {time.time():.6f}", flush=True)
    app.quit()

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1440, 900)
probe = FirstPaint(window)
window.installEventFilter(probe)
window.show()
sys.exit(app.exec())
"""


@dataclass
class Case:
    name: str
    painted: list[float] = field(default_factory=list)
    connected: list[float] = field(default_factory=list)


def child_env(home: Path, pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_CONFIG", "XDG_DATA", "XDG_CACHE", "XDG_STATE"))
           and k not in ("FLUXDESK_HOME", "COMETAPI_KEY", "BFL_API_KEY", "FLUXDESK_PROVIDER",
                         "PYTHONDONTWRITEBYTECODE")}
    env["HOME"] = str(home)
    # byte code, as an installed app has it (pip compiles at install), kept out of the source tree
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["FLUXDESK_STARTUP_PROBE"] = "1"
    return env


def launch(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each probe line ("painted", "connected")."""
    started = time.time()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    seen: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        if line.startswith(PREFIX):
            what, stamp = line[len(PREFIX):].split()
            seen[what] = float(stamp) - started
    if proc.returncode != 0 or "painted" not in seen:
        raise RuntimeError(f"{argv[-1]} exited {proc.returncode} without painting:\n{proc.stderr[-2000:]}")
    return seen


def with_library(home: Path, library: Path) -> None:
    """A home whose settings point the library folder at `library` (a fresh config and cache)."""
    config = home / ".config" / "fluxdesk"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"library_dir": str(library)}), encoding="utf-8")


def report(cases: list[Case]) -> None:
    bare = statistics.median(cases[0].painted)
    print(f"{'case':<28} {'painted median':>15} {'max':>8} {'x bare':>7} {'connected median':>17} {'max':>8}")
    for case in cases:
        med = statistics.median(case.painted)
        conn = (f"{statistics.median(case.connected) * 1000:>15.0f}ms {max(case.connected) * 1000:>6.0f}ms"
                if case.connected else f"{'-':>17} {'-':>8}")
        print(f"{case.name:<28} {med * 1000:>13.0f}ms {max(case.painted) * 1000:>6.0f}ms "
              f"{med / bare:>6.2f}x {conn}")
    worst = max(statistics.median(c.painted) for c in cases[1:]) / bare
    print(f"goal: fluxdesk within 3x the bare window: {'met' if worst <= 3 else 'NOT met'} ({worst:.2f}x)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--count", type=int, default=1000, help="generations in the library case")
    args = ap.parse_args(argv)
    lib = big_library.ensure_library(args.count)
    print(lib.describe())
    cases = [Case("bare PySide6 QMainWindow"), Case("fluxdesk demo, fresh home"),
             Case(f"fluxdesk demo, {lib.count} images")]
    fluxdesk = [sys.executable, "-m", "fluxdesk"]
    with tempfile.TemporaryDirectory(prefix="fluxdesk-startup-") as tmp:
        root = Path(tmp)
        pycache = root / "pycache"
        for run in range(-1, args.runs):  # run -1: a first launch of each, not counted, writes the byte code
            homes = [root / f"{run}-{i}" for i in range(3)]
            for home in homes:
                home.mkdir()
            with_library(homes[2], lib.home)
            for case, home, command in zip(cases, homes, ([sys.executable, "-c", BARE], fluxdesk, fluxdesk),
                                           strict=True):
                seen = launch(command, child_env(home, pycache))
                if run < 0:
                    continue
                case.painted.append(seen["painted"])
                if "connected" in seen:
                    case.connected.append(seen["connected"])
    print(f"{args.runs} runs each, {sys.platform}, Python {sys.version.split()[0]}, "
          f"{os.environ.get('QT_QPA_PLATFORM') or 'default platform'}")
    report(cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
