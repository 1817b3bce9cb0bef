"""Does the window stay responsive? Event-loop stalls while generating, and a 10,000-image gallery.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_responsiveness.py [--jobs 24] [--count 10000]

A 5 ms precise QTimer runs for the whole benchmark; a "stall" is how late each tick is (the gap
between ticks minus 5 ms): anything the GUI thread does that blocks it shows up there.

Phase 1, generating: the real MainWindow (offscreen) against the simulator on 127.0.0.1 runs `--jobs`
concurrent generations of 2 MP PNGs (flux-2-pro 1440x1440) through the engine: submit, poll,
download, verify, atomic write, library row, queue thumbnails, gallery inserts.

Phase 2, browsing: a library of `--count` generations is built the way bench/library_scale.py builds
it (its builder is reused), a new window is opened on it, and the time from `show()` to the first
paint of the gallery with real thumbnails is taken; then the gallery is scrolled from top to bottom
one viewport at a time (a frame per step), paging from the library as it goes.

Printed: p50 / p99 / max stall per phase, time to first painted thumbnails, peak RSS of the process
(the simulator runs in its own process, as a provider would, unless --sim-in-process).
Goals: max stall <= 16 ms while generating; first thumbnails <= 1 s with 10k items; peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 5


class StallMeter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.samples: list[float] = []

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.samples.append(max(0.0, now - self._last - TICK_MS / 1000))
        self._last = now

    def take(self) -> list[float]:
        out, self.samples = self.samples, []
        self._last = time.perf_counter()
        return out


class FirstThumbPaint(QObject):
    """The first paint of the gallery's viewport after a real thumbnail became available."""

    def __init__(self, viewport: QObject, loader: object) -> None:
        super().__init__()
        self.ready_at: float | None = None
        self.painted_at: float | None = None
        loader.thumbnailReady.connect(self._ready)  # type: ignore[attr-defined]
        viewport.installEventFilter(self)

    def _ready(self, *_: object) -> None:
        if self.ready_at is None:
            self.ready_at = time.perf_counter()

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready_at is not None and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def summary(name: str, stalls: list[float]) -> str:
    if not stalls:
        return f"{name}: no samples"
    ordered = sorted(stalls)
    p = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000  # noqa: E731
    return (f"{name}: {len(stalls)} ticks, stall p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, "
            f"max {max(stalls) * 1000:.1f} ms (mean {statistics.fmean(stalls) * 1000:.2f} ms)")


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


async def wait_for(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def make_window(home: Path, sim_url: str, max_concurrent: int):  # type: ignore[no-untyped-def]
    """The window as `fluxdesk` builds it (fluxdesk.ui.app): the same runtime, aimed at the simulator."""
    from fluxdesk.runtime import open_runtime
    from fluxdesk.settings import Settings
    from fluxdesk.sim.server import DEMO_KEY
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    env = {"FLUXDESK_HOME": str(home), "FLUXDESK_API_BASE": sim_url, "COMETAPI_KEY": DEMO_KEY}
    runtime = await open_runtime(Settings.load(env), max_concurrent=max_concurrent, decode_in_process=True)
    tasks = TaskRegistry()
    failures: list[str] = []
    tasks.failed.connect(lambda what, msg: failures.append(f"{what}: {msg}"))
    window = MainWindow(runtime, tasks)
    window.resize(1440, 900)
    return window, failures


class ExternalSim:
    """The simulator in its own process, as a provider is: its rendering does not share our GIL."""

    def __init__(self, latency: float) -> None:
        cmd = [sys.executable, "-m", "fluxdesk", "sim", "--latency", str(latency), "--max-active", "24"]
        # niced: on a 2-core machine the provider's rendering must not take the app's CPU, as a remote
        # provider would not; what is measured is the app
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, preexec_fn=lambda: os.nice(10))
        assert self.proc.stdout is not None
        self.base_url = self.proc.stdout.readline().strip()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def decoder_peak_mb(window) -> float:  # type: ignore[no-untyped-def]
    """VmHWM of the window's image-decoding worker process (Linux), 0 when there is none."""
    decoder = window.runtime.decoder
    if decoder is None:
        return 0.0
    pid = decoder.submit(os.getpid).result()
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((ln for ln in status.splitlines() if ln.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) / 1024


def freeze_startup_objects() -> None:
    from fluxdesk.ui.app import freeze_startup_objects as freeze

    freeze()


async def phase_generate(meter: StallMeter, root: Path, jobs: int, latency: float, in_process: bool) -> None:
    from fluxdesk.api.request import build_request
    from fluxdesk.library.records import JobState
    from fluxdesk.sim.server import SimConfig, SimServer

    sim: SimServer | ExternalSim
    if in_process:
        sim = SimServer(SimConfig(latency=latency, max_active=24))
        sim.start()
    else:
        sim = ExternalSim(latency)
    window, failures = await make_window(root / "gen", sim.base_url, max_concurrent=jobs)
    window.show()
    await window.start()
    freeze_startup_objects()  # as the app does once its window is up
    await asyncio.sleep(0.3)
    catalog = window.catalog
    requests = [
        build_request(catalog, "flux-2-pro", f"a harbor at dawn, study {i}",
                      {"width": 1440, "height": 1440, "output_format": "png"})
        for i in range(jobs)
    ]
    meter.take()
    t0 = time.perf_counter()
    window.enqueue(requests)
    ok = await wait_for(lambda: all(j.state.is_final for j in window.queue.model.jobs), timeout=300)
    elapsed = time.perf_counter() - t0
    await asyncio.sleep(0.5)  # the last thumbnails and gallery inserts
    stalls = meter.take()
    done = sum(1 for j in window.queue.model.jobs if j.state is JobState.DONE)
    where = "in this process" if in_process else "in its own process"
    print(f"phase 1: {jobs} generations of 1440x1440 PNG (2.07 MP) on flux-2-pro, simulator ({where}) "
          f"latency {latency:g} s: {done}/{jobs} done in {elapsed:.1f} s{'' if ok else ' (timed out)'}")
    print("  " + summary("generating", stalls))
    if failures:
        print("  task failures:", failures)
    print(f"  peak RSS of the image-decoding process: {decoder_peak_mb(window):.0f} MB")
    window.close()
    await window.shutdown()
    sim.stop()


async def phase_browse(meter: StallMeter, root: Path, count: int, pool: int) -> None:
    import library_scale  # bench/library_scale.py: its builder

    home = root / "big"
    t0 = time.perf_counter()
    # built in a child process: the app never builds libraries, so their memory is not the app's
    script = (
        "import random, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "import library_scale; a = sys.argv; "
        "s, _ = library_scale.build(Path(a[2]), int(a[3]), int(a[4]), random.Random(7)); s.close()"
    )
    bench_dir = str(Path(library_scale.__file__).resolve().parent)
    subprocess.run([sys.executable, "-c", script, bench_dir, str(home), str(count), str(pool)], check=True)
    print(f"  (library of {count} built in {time.perf_counter() - t0:.1f} s, in a child process)")
    window, failures = await make_window(home, "http://127.0.0.1:9", max_concurrent=4)
    gallery = window.gallery
    probe = FirstThumbPaint(gallery.view.viewport(), gallery.loader)
    meter.take()
    shown = time.perf_counter()
    window.show()
    await window.start()
    ok = await wait_for(lambda: probe.painted_at is not None, timeout=30)
    freeze_startup_objects()
    first = (probe.painted_at - shown) if ok and probe.painted_at else float("nan")
    open_stalls = meter.take()
    print(f"phase 2: window shown -> first painted thumbnails: {first * 1000:.0f} ms "
          f"({gallery.model.rowCount()} rows loaded of {count})")
    print("  " + summary("opening", open_stalls))

    bar = gallery.view.verticalScrollBar()
    steps = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 240:
        bar.setValue(bar.value() + gallery.view.viewport().height())
        steps += 1
        await asyncio.sleep(0.016)  # one frame per step
        if bar.value() >= bar.maximum() and gallery.model.rowCount() >= count:
            break
    scrolled = time.perf_counter() - t0
    await asyncio.sleep(0.3)
    stalls = meter.take()
    print(f"  scrolled top to bottom: {steps} viewport steps in {scrolled:.1f} s, "
          f"{gallery.model.rowCount()} rows, {gallery.loader.requests_started} thumbnail loads")
    print("  " + summary("scrolling", stalls))
    if failures:
        print("  task failures:", failures)
    window.close()
    await window.shutdown()


async def main_async(args: argparse.Namespace) -> None:
    meter = StallMeter()
    meter.start()
    with tempfile.TemporaryDirectory(prefix="fluxdesk-ui-bench-") as tmp:
        root = Path(tmp)
        await phase_generate(meter, root, args.jobs, args.latency, args.sim_in_process)
        print(f"  peak RSS after phase 1: {peak_rss_mb():.0f} MB")
        await phase_browse(meter, root, args.count, args.pool)
    print(f"peak RSS: {peak_rss_mb():.0f} MB (goals: max stall <= 16 ms generating, first thumbnails "
          f"<= 1000 ms, peak RSS <= 300 MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=24)
    parser.add_argument("--latency", type=float, default=3.0)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pool", type=int, default=120, help="distinct images in the big library")
    parser.add_argument("--sim-in-process", action="store_true",
                        help="run the simulator in this process (its rendering then competes for the GIL)")
    args = parser.parse_args(argv)
    import qasync

    from fluxdesk.ui.app import tune_for_responsiveness

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    tune_for_responsiveness(loop)  # the app's own settings (fluxdesk.ui.app)
    with loop:
        loop.run_until_complete(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
