"""Does the window stay responsive? Event-loop stalls while generating, and a 10,000-image gallery.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_responsiveness.py [--jobs 24] [--count 10000]
        [--cache DIR] [--rebuild] [--full-size] [--phase all|generate|browse]

A 5 ms precise QTimer runs for the whole benchmark; a "stall" is how late each tick is (the gap
between ticks minus 5 ms): anything the GUI thread does that blocks it shows up there. Each phase runs
in a fresh process of its own (the window process, as the app starts), so that its peak RSS is its own.

Phase 1, generating: the real MainWindow (offscreen) against the simulator on 127.0.0.1 runs `--jobs`
concurrent generations of 2 MP PNGs (flux-2-pro 1440x1440) through the engine: submit, poll,
download, verify, atomic write, library row, queue thumbnails, gallery inserts.

Phase 2, browsing: a library of `--count` generations whose images are all distinct
(bench/big_library.py; built once in a child process and cached) is opened in a new window with a
fresh, empty thumbnail folder, so every thumbnail is made from its full image (cold). Measured:
- the time from `show()` to the first paint with a real thumbnail, and to the first full screen;
- scrolling the whole gallery top to bottom one screen at a time, each screen waited for until all its
  thumbnails are painted (as someone browsing does): event-loop stalls, time to fill each screen, and
  how many thumbnails were made against how many distinct images were scrolled past;
- then a fast fling back to the top (a screen per frame) over what is now a warm disk cache;
- peak RSS of the window process, of its image-decoding process, and the two together.

Goals: max stall <= 16 ms (generating, scrolling); first thumbnails <= 1 s with 10k items; peak RSS of
window + decoder <= 300 MB. The simulator runs in its own process, as a provider would, unless
--sim-in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import big_library
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 5
STALL_GOAL_MS = 16.0
FIRST_THUMBS_GOAL_MS = 1000.0
RSS_GOAL_MB = 300.0


def host_steal_ms() -> float | None:
    """CPU time the hypervisor withheld from this (virtual) machine while it wanted to run, in ms since
    boot: /proc/stat's "steal" column (Linux); None where there is no such figure."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    return int(fields[8]) * 1000 / os.sysconf("SC_CLK_TCK")


class StallMeter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.samples: list[float] = []
        self.ends: list[float] = []  # when each tick came (perf_counter), for attributing stalls
        self.busy: list[float] = []  # the GUI thread's CPU time in each gap (time.thread_time)
        self._last_cpu = time.thread_time()
        #: of the ticks later than the goal in the last take: the most CPU the GUI thread itself used in
        #: such a gap. Well under the stall, the rest of it was spent waiting: for the GIL (held by another
        #: of the app's threads) or for a core (the machine's other processes)
        self.late_busy_max = 0.0
        #: of the last take: CPU time the host withheld from this VM meanwhile (None: not known). Over a
        #: few ms it makes a tick late whatever the app does; the GUI thread's CPU clock runs on
        self.stolen_ms: float | None = None
        self._steal = host_steal_ms()

    def start(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._steal = host_steal_ms()
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.samples.append(max(0.0, now - self._last - TICK_MS / 1000))
        self.busy.append(cpu - self._last_cpu)
        self.ends.append(now)
        self._last, self._last_cpu = now, cpu

    def take(self) -> list[float]:
        return [stall for _end, stall in self.take_timed()]

    def take_timed(self) -> list[tuple[float, float]]:
        """(tick time, stall) of every tick since the last take."""
        out = list(zip(self.ends, self.samples, strict=True))
        pairs = zip(self.samples, self.busy, strict=True)
        late = [busy for stall, busy in pairs if stall * 1000 > STALL_GOAL_MS]
        self.late_busy_max = max(late, default=0.0)
        steal = host_steal_ms()
        self.stolen_ms = steal - self._steal if steal is not None and self._steal is not None else None
        self._steal = steal
        self.samples, self.ends, self.busy = [], [], []
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        return out


class GcPasses:
    """Every pass of Python's garbage collector (any thread: it holds the GIL, so the GUI thread waits)."""

    def __init__(self) -> None:
        self.passes: list[tuple[float, float, int]] = []  # (start, end, generation)
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._started = now
        else:
            self.passes.append((self._started, now, int(info.get("generation", -1))))

    def install(self) -> None:
        gc.callbacks.append(self)

    def take(self) -> list[tuple[float, float, int]]:
        out, self.passes = self.passes, []
        return out


def stall_causes(ticks: list[tuple[float, float]], passes: list[tuple[float, float, int]],
                 pages: list[float], over_ms: float = STALL_GOAL_MS) -> str:
    """How many ticks were later than `over_ms`, and what happened on the way: GC passes, pages of rows."""
    late = [(end - stall - TICK_MS / 1000, end) for end, stall in ticks if stall * 1000 > over_ms]
    gen2 = [p for p in passes if p[2] == 2]
    by_gc = sum(1 for lo, hi in late if any(s < hi and e > lo and e - s > 0.004 for s, e, _g in passes))
    by_page = sum(1 for lo, hi in late if any(lo <= t <= hi for t in pages))
    longest = max((e - s for s, e, _g in passes), default=0.0) * 1000
    longest2 = max((e - s for s, e, _g in gen2), default=0.0) * 1000
    return (f"ticks later than {over_ms:.0f} ms: {len(late)} ({by_gc} overlapping a GC pass longer than "
            f"4 ms, {by_page} while a page of rows arrived); GC: {len(passes)} passes, {len(gen2)} of the "
            f"oldest generation, longest {longest:.1f} ms (oldest generation {longest2:.1f} ms)")


class PaintProbe(QObject):
    """Paints of the gallery's viewport: the first one after a real thumbnail was ready, and a count."""

    def __init__(self, viewport: QObject, loader: Any) -> None:
        super().__init__()
        self.ready_at: float | None = None
        self.painted_at: float | None = None
        self.paints = 0
        loader.thumbnailReady.connect(self._ready)
        viewport.installEventFilter(self)

    def _ready(self, *_: object) -> None:
        if self.ready_at is None:
            self.ready_at = time.perf_counter()

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
            if self.ready_at is not None and self.painted_at is None:
                self.painted_at = time.perf_counter()
        return False


def late_busy(meter: StallMeter) -> str:
    """How much of the worst late gap the GUI thread was working (see `StallMeter.late_busy_max`), and
    how much CPU the host withheld from this machine meanwhile (`StallMeter.stolen_ms`)."""
    stolen = (f"; the host withheld {meter.stolen_ms:.0f} ms of CPU from this machine meanwhile (steal)"
              if meter.stolen_ms is not None else "")
    if not meter.late_busy_max:
        return stolen
    return (f"; in those gaps the GUI thread itself ran at most {meter.late_busy_max * 1000:.1f} ms of CPU "
            "(the rest: waiting for the GIL or a core)" + stolen)


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """(p50, p99, max) in ms of values in seconds."""
    ordered = sorted(values)
    at = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000  # noqa: E731
    return at(0.5), at(0.99), ordered[-1] * 1000


def summary(name: str, stalls: list[float]) -> str:
    if not stalls:
        return f"{name}: no samples"
    p50, p99, top = percentiles(stalls)
    return (f"{name}: {len(stalls)} ticks, stall p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
            f"max {top:.1f} ms (mean {statistics.fmean(stalls) * 1000:.2f} ms)")


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def proc_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, from /proc (Linux); 0 when unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((ln for ln in status.splitlines() if ln.startswith(f"{field}:")), f"{field}: 0 kB")
    return int(line.split()[1]) / 1024


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


async def wait_for(predicate: Callable[[], bool], timeout: float, poll: float = 0.02) -> bool:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(poll)
    return True


def bench_settings(library_dir: Path, run_dir: Path, api_base: str) -> Any:
    """Settings for the window: this library, a fresh cache (thumbnails) and config, a key (no demo)."""
    from fluxdesk.settings import Paths, Prefs, Settings
    from fluxdesk.sim.server import DEMO_KEY

    env = {"FLUXDESK_API_BASE": api_base, "COMETAPI_KEY": DEMO_KEY}
    return Settings(Paths(library_dir, run_dir / "cache", run_dir / "config"), Prefs(), env)


async def make_window(settings: Any, max_concurrent: int) -> tuple[Any, list[str]]:
    """The window as `fluxdesk` builds it (fluxdesk.ui.app): the same runtime, on these settings."""
    from fluxdesk.runtime import open_runtime
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    runtime = await open_runtime(settings, max_concurrent=max_concurrent, decode_in_process=True)
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


async def decoder_pid(window: Any) -> int | None:
    """The pid of the window's image-decoding worker process (asked off the GUI thread)."""
    decoder = window.runtime.decoder
    if decoder is None:
        return None
    return int(await asyncio.to_thread(lambda: decoder.submit(os.getpid).result()))


def freeze_startup_objects() -> None:
    from fluxdesk.ui.app import freeze_startup_objects as freeze

    freeze()


# -- phase 1 ------------------------------------------------------------------------------------------


async def phase_generate(
    meter: StallMeter, gcs: GcPasses, root: Path, jobs: int, latency: float, in_process: bool
) -> None:
    from fluxdesk.api.request import build_request
    from fluxdesk.library.records import JobState
    from fluxdesk.settings import Settings
    from fluxdesk.sim.server import DEMO_KEY, SimConfig, SimServer

    sim: SimServer | ExternalSim
    if in_process:
        sim = SimServer(SimConfig(latency=latency, max_active=24))
        sim.start()
    else:
        sim = ExternalSim(latency)
    env = {"FLUXDESK_HOME": str(root / "gen"), "FLUXDESK_API_BASE": sim.base_url, "COMETAPI_KEY": DEMO_KEY}
    window, failures = await make_window(Settings.load(env), max_concurrent=jobs)
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
    gcs.take()
    t0 = time.perf_counter()
    window.enqueue(requests)
    ok = await wait_for(lambda: all(j.state.is_final for j in window.queue.model.jobs), timeout=300)
    elapsed = time.perf_counter() - t0
    await asyncio.sleep(0.5)  # the last thumbnails and gallery inserts
    ticks = meter.take_timed()
    stalls = [stall for _end, stall in ticks]
    done = sum(1 for j in window.queue.model.jobs if j.state is JobState.DONE)
    where = "in this process" if in_process else "in its own process"
    print(f"phase 1: {jobs} generations of 1440x1440 PNG (2.07 MP) on flux-2-pro, simulator ({where}) "
          f"latency {latency:g} s: {done}/{jobs} done in {elapsed:.1f} s{'' if ok else ' (timed out)'}")
    print("  " + summary("generating", stalls))
    print("    " + stall_causes(ticks, gcs.take(), []) + late_busy(meter))
    if failures:
        print("  task failures:", failures)
    pid = await decoder_pid(window)
    decoder_peak = proc_mb(pid, "VmHWM") if pid else 0.0
    window_peak = peak_rss_mb()
    print(f"  peak RSS: window process {window_peak:.0f} MB, image-decoding process {decoder_peak:.0f} MB, "
          f"together {window_peak + decoder_peak:.0f} MB")
    top = max(stalls) * 1000 if stalls else float("nan")
    print(f"  goal: max stall <= {STALL_GOAL_MS:.0f} ms generating: {top:.1f} ms "
          f"{verdict(top <= STALL_GOAL_MS)}")
    window.close()
    await window.shutdown()
    sim.stop()
    alive = sorted({t.name.rsplit("_", 1)[0] for t in threading.enumerate() if t.is_alive()})
    print(f"  threads alive right after shutdown: {', '.join(alive)}")


# -- phase 2 ------------------------------------------------------------------------------------------


def visible_rows(gallery: Any) -> range:
    """Rows whose cells show in the viewport (the view's own grid arithmetic: uniform cells)."""
    view = gallery.view
    cell = view.cell_size().height()
    top = view.verticalScrollBar().value()
    height = view.viewport().height()
    columns = view.columns()
    first = (top // cell) * columns
    last = min(gallery.model.rowCount(), ((top + height - 1) // cell + 1) * columns)
    return range(first, max(first, last))


def thumb_size(gallery: Any) -> int:
    return int(gallery.delegate.thumb_size_for(gallery.view.viewport().devicePixelRatioF()))


def screen_filled(gallery: Any) -> bool:
    """Every visible cell has its thumbnail (or its failure) in the loader's memory."""
    size = thumb_size(gallery)
    rows = visible_rows(gallery)
    if not rows:
        return not gallery.model.canFetchMore()
    for row in rows:
        record = gallery.model.record_at(row)
        if record is None or gallery.loader.cached(record, size) is None:
            return False
    return True


async def wait_screen_painted(gallery: Any, probe: PaintProbe, timeout: float) -> bool:
    """Until every visible cell has its thumbnail and the viewport was painted after that."""
    deadline = time.perf_counter() + timeout
    if not await wait_for(lambda: screen_filled(gallery), timeout, poll=0.002):
        return False
    mark = probe.paints
    gallery.view.viewport().update()
    return await wait_for(lambda: probe.paints > mark, max(0.05, deadline - time.perf_counter()), poll=0.002)


async def phase_browse(
    meter: StallMeter, gcs: GcPasses, lib: big_library.BigLibrary, root: Path, max_seconds: float
) -> None:
    settings = bench_settings(lib.home, root / "browse", "http://127.0.0.1:9")
    thumbs_dir = settings.paths.thumbnails_dir
    before = sum(1 for p in thumbs_dir.rglob("*") if p.is_file()) if thumbs_dir.exists() else 0
    print(f"phase 2: {lib.describe()}")
    print(f"  thumbnail cache: a fresh folder, {before} files in it at the start")
    window, failures = await make_window(settings, max_concurrent=4)
    thumbs = window.runtime.thumbs
    gallery = window.gallery
    model = gallery.model
    view = gallery.view
    probe = PaintProbe(view.viewport(), gallery.loader)
    pages: list[float] = []
    model.pageLoaded.connect(lambda *_: pages.append(time.perf_counter()))
    pid = await decoder_pid(window)
    made0, loads0 = thumbs.made, gallery.loader.requests_started

    # -- opening: as fluxdesk.ui.app does it (show, start in the background, freeze the start-up objects)
    meter.take()
    gcs.take()
    shown = time.perf_counter()
    window.show()
    start_task = window.tasks.spawn(window.start(), name="resume jobs")
    freeze_startup_objects()
    ok = await wait_for(lambda: probe.painted_at is not None, timeout=30, poll=0.002)
    first = (probe.painted_at - shown) * 1000 if ok and probe.painted_at else float("nan")
    full = await wait_screen_painted(gallery, probe, timeout=30)
    first_screen = (time.perf_counter() - shown) * 1000 if full else float("nan")
    await start_task
    open_ticks = meter.take_timed()
    open_stalls = [stall for _end, stall in open_ticks]
    on_screen = len(visible_rows(gallery))
    print(f"  window shown -> first painted thumbnails: {first:.0f} ms; -> first full screen "
          f"({on_screen} thumbnails, {view.columns()} columns): {first_screen:.0f} ms "
          f"({model.rowCount()} rows loaded of {lib.count})")
    print("  " + summary("opening", open_stalls))
    print("    " + stall_causes(open_ticks, gcs.take(), pages) + late_busy(meter))

    # -- browsing: a screen at a time, each one waited for until its thumbnails are painted
    bar = view.verticalScrollBar()
    seen_rows: set[int] = set()
    seen_shas: set[str] = set()
    fills: list[float] = []
    missed_screens = 0
    trace: list[tuple[int, float, float]] = [(0, proc_mb(os.getpid(), "VmRSS"), proc_mb(pid or 0, "VmRSS"))]
    trace_every = max(1, lib.count // 5)
    complete = True
    meter.take()
    gcs.take()
    pages.clear()
    t0 = time.perf_counter()
    while True:
        for row in visible_rows(gallery):
            record = model.record_at(row)
            seen_rows.add(row)
            seen_shas.add(record.sha256 or record.id)
        if len(seen_rows) >= trace[-1][0] + trace_every:
            trace.append((len(seen_rows), proc_mb(os.getpid(), "VmRSS"), proc_mb(pid or 0, "VmRSS")))
        if time.perf_counter() - t0 > max_seconds:
            complete = False
            break
        if bar.value() >= bar.maximum():
            if not model.canFetchMore():
                break
            rows = model.rowCount()  # the next page is on its way (the gallery prefetches)

            def grown(rows: int = rows) -> bool:
                return bool(model.rowCount() > rows or not model.canFetchMore())

            if not await wait_for(grown, 10):
                complete = False
                break
            continue
        step = time.perf_counter()
        bar.setValue(bar.value() + view.viewport().height())
        if not await wait_screen_painted(gallery, probe, timeout=10):
            missed_screens += 1
        fills.append(time.perf_counter() - step)
    browsed = time.perf_counter() - t0
    await asyncio.sleep(0.3)
    ticks = meter.take_timed()
    stalls = [stall for _end, stall in ticks]
    causes = stall_causes(ticks, gcs.take(), pages) + late_busy(meter)
    made = thumbs.made - made0
    loads = gallery.loader.requests_started - loads0
    trace.append((len(seen_rows), proc_mb(os.getpid(), "VmRSS"), proc_mb(pid or 0, "VmRSS")))
    print(f"  browsed top to bottom{'' if complete else ' (STOPPED early)'}: {len(fills)} screens in "
          f"{browsed:.1f} s, {len(seen_rows)} rows scrolled past ({len(seen_shas)} distinct images) of "
          f"{model.rowCount()} loaded")
    if fills:
        p50, p99, top = percentiles(fills)
        print(f"  time to fill a screen with cold thumbnails: p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
              f"max {top:.0f} ms ({missed_screens} screens not filled within 10 s); "
              f"{made / browsed if browsed else 0:.0f} thumbnails/s")
    files = sum(1 for p in thumbs_dir.rglob("*") if p.is_file()) if thumbs_dir.exists() else 0
    print(f"  thumbnails made from full images since the window opened: {made} "
          f"({made / max(1, len(seen_shas)):.2f}x the distinct images scrolled past); gallery loads {loads}; "
          f"{files} files now in the thumbnail folder")
    print("  " + summary("scrolling (browsing, cold)", stalls))
    print("    " + causes)

    # -- a fling back to the top, a screen per frame, over the now warm disk cache
    made1, loads1 = thumbs.made, gallery.loader.requests_started
    meter.take()
    gcs.take()
    pages.clear()
    t0 = time.perf_counter()
    steps = 0
    while bar.value() > 0:
        bar.setValue(bar.value() - view.viewport().height())
        steps += 1
        await asyncio.sleep(0.016)  # one frame per step
    flung = time.perf_counter() - t0
    await asyncio.sleep(0.3)
    fling_ticks = meter.take_timed()
    fling_stalls = [stall for _end, stall in fling_ticks]
    print(f"  flung bottom to top: {steps} screens in {flung:.1f} s, "
          f"{gallery.loader.requests_started - loads1} gallery loads, {thumbs.made - made1} thumbnails made")
    print("  " + summary("scrolling (fling, warm disk cache)", fling_stalls))
    print("    " + stall_causes(fling_ticks, gcs.take(), pages) + late_busy(meter))

    window_peak = peak_rss_mb()
    decoder_peak = proc_mb(pid, "VmHWM") if pid else 0.0
    together = window_peak + decoder_peak
    print(f"  peak RSS: window process {window_peak:.0f} MB, image-decoding process {decoder_peak:.0f} MB, "
          f"together {together:.0f} MB")
    print("  RSS while browsing (rows scrolled past: window + decoder MB): "
          + ", ".join(f"{n}: {w:.0f} + {d:.0f}" for n, w, d in trace))
    loader = gallery.loader
    print(f"  thumbnails in memory at the end: {loader.kept} decoded (room for {loader.capacity}, "
          f"{view.columns()} columns), {loader.memory_bytes / 2**20:.1f} MB")
    if failures:
        print("  task failures:", failures)
    top = max(stalls + fling_stalls) * 1000 if stalls or fling_stalls else float("nan")
    print(f"  goals: first thumbnails <= {FIRST_THUMBS_GOAL_MS:.0f} ms: {first:.0f} ms "
          f"{verdict(first <= FIRST_THUMBS_GOAL_MS)}; max stall scrolling <= {STALL_GOAL_MS:.0f} ms: "
          f"{top:.1f} ms {verdict(top <= STALL_GOAL_MS)}; peak RSS window + decoder <= {RSS_GOAL_MB:.0f} MB: "
          f"{together:.0f} MB {verdict(together <= RSS_GOAL_MB)}")
    window.close()
    await window.shutdown()


# -- running ------------------------------------------------------------------------------------------


async def main_async(args: argparse.Namespace, lib: big_library.BigLibrary | None) -> None:
    meter = StallMeter()
    meter.start()
    gcs = GcPasses()
    gcs.install()
    root = Path(tempfile.mkdtemp(prefix="fluxdesk-ui-bench-"))
    try:
        if args.phase == "generate":
            await phase_generate(meter, gcs, root, args.jobs, args.latency, args.sim_in_process)
        else:
            assert lib is not None
            await phase_browse(meter, gcs, lib, root, args.max_seconds)
    finally:
        remove_when_idle(root)  # the measuring is over: blocking the loop no longer matters


def remove_when_idle(root: Path) -> None:
    """Remove the run's folder once the app's worker threads are done with it.

    After `window.shutdown()` a thumbnail or file worker may still be finishing a write (their pools
    are shut down without waiting), which would put a file back into a folder being removed.
    """
    def workers() -> list[threading.Thread]:  # the loop's own default pool stays: it was never shut down
        return [t for t in threading.enumerate()
                if t.name.startswith("fluxdesk-") and not t.name.startswith("fluxdesk-work")]

    deadline = time.monotonic() + 10
    for thread in workers():
        thread.join(max(0.0, deadline - time.monotonic()))
    busy = [t.name for t in workers() if t.is_alive()]
    if busy:
        print(f"  (still running 10 s after shutdown: {', '.join(sorted(set(busy)))})")
    shutil.rmtree(root, ignore_errors=True)


def run_phase(args: argparse.Namespace) -> int:
    import qasync

    from fluxdesk.ui.app import tune_for_responsiveness

    # built (or found) before Qt starts; the build itself runs in a child process
    lib = big_library.from_arguments(args) if args.phase == "browse" else None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    tune_for_responsiveness(loop)  # the app's own settings (fluxdesk.ui.app)
    with loop:
        loop.run_until_complete(main_async(args, lib))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=24)
    parser.add_argument("--latency", type=float, default=3.0)
    parser.add_argument("--sim-in-process", action="store_true",
                        help="run the simulator in this process (its rendering then competes for the GIL)")
    big_library.add_arguments(parser)
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop browsing after this long")
    parser.add_argument("--phase", choices=("all", "generate", "browse"), default="all",
                        help="all: each phase in a fresh process of its own, one after the other")
    raw = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(raw)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.phase != "all":
        return run_phase(args)
    worst = 0
    for phase in ("generate", "browse"):
        cmd = [sys.executable, str(Path(__file__).resolve()), *raw, "--phase", phase]
        worst = max(worst, subprocess.run(cmd, check=False).returncode)
    return worst


if __name__ == "__main__":
    sys.exit(main())
