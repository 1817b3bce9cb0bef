"""`fluxdesk` with no arguments: the window, on a qasync loop.

Order of things: check there is a display (else one clear line, exit 1), the log file (and the hooks
that send uncaught exceptions to it, the user reading one sentence in the status bar), QApplication,
settings -> the library's window lock, or else the handover (a window already open on this library
takes this launch's files and comes to the front; this process exits 0; when no window could take
them: one line, exit 0: ui/platform/single_instance.py) -> the qasync loop -> the library and its
thumbnail cache -> the window, shown. Nothing slow comes before `show()`: once it has painted, the
window listens for later launches, and the keychain, the decoder process, the simulator (demo mode),
the client and the engine start behind it ("Connecting…" in the status bar; Generate waits for them,
typing and browsing do not), then the jobs of an earlier run are resumed. On quit every window task
is cancelled, the engine stops following jobs (they resume next start), the client, the library and
the simulator are closed.

When the library cannot be opened, a small window says why in one sentence and offers a rebuild
(off the GUI thread) before the main window starts; a saved key that cannot be used starts the engine
in demo mode, saying so, so that Settings can fix it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from fluxdesk.api.errors import InvalidKey
from fluxdesk.i18n import N_, _
from fluxdesk.identity import APP_ID
from fluxdesk.library.errors import LibraryError
from fluxdesk.logs import LOG_FILENAME, LogSetup, install_excepthooks, loop_exception_handler, setup_logging

# before anything imports Qt: PySide6 inspects the source of every module imported after it (for its
# __feature__ switches), so the Qt-free layers the window needs load faster first
from fluxdesk.runtime import LibraryLock, open_engine, open_foundation
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.startup_probe import PROBE_ENV, FirstPaint, say

if TYPE_CHECKING:
    from fluxdesk.runtime import Foundation, Runtime
    from fluxdesk.settings import Settings
    from fluxdesk.ui.library_move import LibraryRelocation
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.platform.instance_socket import InstanceServer
    from fluxdesk.ui.tasks import TaskRegistry

log = logging.getLogger(__name__)
#: set (to anything): the window checks itself once it is up, prints one line and quits (packaging/bundle.py)
SMOKE_TEST_ENV = "FLUXDESK_SMOKE_TEST"

# said on stderr, before (or without) a window and its translator: through the gettext catalogue
ALREADY_OPEN = N_("fluxdesk is already open on the library in {folder}; use that window.")
NO_DISPLAY = N_(
    "fluxdesk: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open; "
    "run it in a desktop session, or use the command line: fluxdesk --help"
)
COULD_NOT_START = N_("fluxdesk could not start: {reason}")


def could_not_start(problem: OSError) -> int:
    """Say on stderr, in one sentence, why the window cannot start (the log has the traceback); 1."""
    log.error("fluxdesk could not start", exc_info=problem)
    print(_(COULD_NOT_START).format(reason=problem), file=sys.stderr)
    return 1


def already_open(folder: Path) -> int:
    """Say that another window has this library (its lock) and took nothing of this launch; 0."""
    print(_(ALREADY_OPEN).format(folder=folder), file=sys.stderr)
    return 0


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
      generation, so a full collection no longer walks every Qt wrapper and module (34 ms each). Until
      then (the window shown and connected) the cyclic GC is off: start-up makes hundreds of thousands
      of objects that live on, and collecting them again and again only delays the first paint.
    """
    loop.set_default_executor(ThreadPoolExecutor(max_workers=2, thread_name_prefix="fluxdesk-work"))
    sys.setswitchinterval(SWITCH_INTERVAL)


def freeze_startup_objects() -> None:
    """The end of start-up: one collection, what is left frozen, and the GC on again."""
    gc.collect()
    gc.freeze()
    gc.enable()


class Notices:
    """Sentences for the user from any thread (the keychain's, a crashed worker's): onto the loop, then
    into the window's status bar; before there is a window, kept (and printed on stderr)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self._show: Callable[[str], None] | None = None
        self._pending: list[str] = []

    def post(self, text: str) -> None:
        loop = self.loop
        if loop is None or loop.is_closed():
            print(text, file=sys.stderr)
            return
        try:
            loop.call_soon_threadsafe(self._deliver, text)
        except RuntimeError:  # the loop closed meanwhile
            print(text, file=sys.stderr)

    def _deliver(self, text: str) -> None:
        if self._show is None:
            self._pending.append(text)
            print(text, file=sys.stderr)
        else:
            self._show(text)

    def attach(self, show: Callable[[str], None] | None) -> None:
        self._show = show
        if show is not None and self._pending:
            show(" ".join(self._pending))
            self._pending.clear()


def run_app(argv: Sequence[str] | None = None, open_files: Sequence[Path] = ()) -> int:
    """The window; `open_files`: images whose settings it reads once it shows ("Open with fluxdesk")."""
    if not display_available():
        print(_(NO_DISPLAY), file=sys.stderr)
        return 1
    gc.disable()  # until start-up is done (freeze_startup_objects, which every way out reaches)
    try:
        return _run_app(argv, open_files)
    finally:
        if not gc.isenabled():
            gc.enable()


def _run_app(argv: Sequence[str] | None, open_files: Sequence[Path]) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from fluxdesk.settings import Settings

    settings = Settings.load()
    notices = Notices()
    logs = setup_logging(settings.paths.logs_dir, notices=notices.post)
    install_excepthooks(logs, notices.post)

    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName("fluxdesk")
    app.setApplicationDisplayName("fluxdesk")
    app.setOrganizationName("fluxdesk")
    # the desktop file's name (Wayland app id): how the desktop matches window, menu entry and notifications
    app.setDesktopFileName(APP_ID)
    from fluxdesk.ui.platform.appicon import app_icon

    app.setWindowIcon(app_icon())
    from fluxdesk.ui.locale_setup import install_language

    install_language(app, settings.prefs.digits)  # before any widget: translators, direction, digits
    from fluxdesk.ui.platform.theme import apply_theme

    apply_theme(app, settings.prefs.theme)
    # the window decides when to stop (after a clean shutdown), not the last-window-closed rule
    app.setQuitOnLastWindowClosed(False)
    from fluxdesk.ui.platform.single_instance import HANDED_OVER, claim_library, server_name

    # one window per library (a second would drive the same jobs from a second engine): the lock makes
    # this launch the window; a window already open on the library takes the files and comes to the front
    folder = settings.paths.library_dir
    try:
        claim = claim_library(lambda: LibraryLock.acquire(folder), server_name(folder), list(open_files))
    except OSError as exc:
        logs.close()
        return could_not_start(exc)
    if not isinstance(claim, LibraryLock):
        if claim == HANDED_OVER:
            log.info("handed over to the window already open on this library")
        logs.close()
        return 0 if claim == HANDED_OVER else already_open(folder)
    try:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        tune_for_responsiveness(loop)
        notices.loop = loop
        loop.set_exception_handler(loop_exception_handler(logs, notices.post))
        with loop:
            return int(loop.run_until_complete(
                _run_windows(settings, logs, notices, tuple(open_files), first_lock=claim)))
    finally:
        claim.release()  # at once if the window released it already
        notices.loop = None
        asyncio.set_event_loop(None)
        logs.close()


async def open_library_for_window(settings: Settings, logs: LogSetup) -> tuple[Foundation | None, str | None]:
    """The library and its thumbnails, before the window is built, and a sentence to show once it is
    up (a rebuild's summary); (None, None): the user quit.

    A library that cannot be opened: the problem window, until it is rebuilt, opens on a retry, or the
    user quits.
    """
    note: str | None = None
    while True:
        try:
            return await open_foundation(settings, decode_in_process=True), note
        except LibraryError as exc:
            log.warning("the library cannot be opened: %s", exc, exc_info=exc)
            outcome = await library_problem(settings, logs, exc)
            if outcome is None:
                return None, None
            note = outcome or note


async def open_engine_for_window(base: Foundation) -> tuple[Runtime, str | None]:
    """The engine on the window's library (behind the shown window), and a sentence to show.

    A saved key that cannot be used: demo mode, said so, so that Settings can fix it.
    """
    try:
        return await open_engine(base, label="window"), None
    except InvalidKey as exc:
        log.warning("the saved key cannot be used: %s", exc)
        note = translate(
            "App", "{problem} Until a key that works is saved in Settings, fluxdesk runs in demo mode."
        ).format(problem=exc)
        return await open_engine(base, settings=base.settings.without_key(), label="window"), note


async def library_problem(settings: Settings, logs: LogSetup, problem: LibraryError) -> str | None:
    """Show why the library cannot be opened; None when the user quits, else "" (try again) or the
    rebuild's summary."""
    from fluxdesk.library.rebuild import rebuild_library
    from fluxdesk.ui.library_banner import LibraryProblemWindow
    from fluxdesk.ui.platform.logfile import open_log_file

    log_path = settings.paths.logs_dir / LOG_FILENAME
    window = LibraryProblemWindow(
        str(problem), can_rebuild=problem.needs_rebuild, log_path=logs.where,
        open_log=lambda: open_log_file(log_path),
    )
    window.show()

    async def rebuild() -> str:
        report = await asyncio.to_thread(rebuild_library, settings.paths.library_dir)
        return report.summary()

    try:
        choice = await window.choice(rebuild)
    finally:
        window.hide()
        window.deleteLater()
    if choice == "quit":
        return None
    return window.note.text() if choice == "rebuilt" else ""


async def _run_windows(
    settings: Settings, logs: LogSetup, notices: Notices, open_files: tuple[Path, ...] = (), *,
    first_lock: LibraryLock | None = None,
) -> int:
    """The window; again on the new folder after it closed to move or copy the library (Settings).
    `first_lock`: the first library's lock, already taken by the launch."""
    from fluxdesk.settings import Settings
    from fluxdesk.ui.platform.single_instance import server_name

    note: str | None = None
    lock = first_lock
    while True:
        outcome = await _run_window(settings, logs, notices, open_files,
                                    instance=server_name(settings.paths.library_dir), note=note, lock=lock)
        lock = None
        if isinstance(outcome, int):
            return outcome
        from fluxdesk.ui.library_move import relocate_with_progress  # a rare request: loaded for it

        # the window, its engine and the library are closed, its lock released: nobody writes to it now
        note = await relocate_with_progress(settings, outcome)
        settings = await asyncio.to_thread(Settings.load, settings.env)
        open_files = ()


async def _run_window(
    settings: Settings, logs: LogSetup, notices: Notices, open_files: tuple[Path, ...] = (), *,
    instance: str = "", note: str | None = None, lock: LibraryLock | None = None,
) -> int | LibraryRelocation:
    """`instance`: the local socket later launches on this library hand their files over on; `note`:
    a sentence to show once the window is up; `lock`: the library's window lock, when taken already."""
    folder = settings.paths.library_dir
    if lock is None:
        try:
            # one window per library: a second one would drive the same jobs from a second engine
            lock = await asyncio.to_thread(LibraryLock.acquire, folder)
        except OSError as exc:
            return could_not_start(exc)
        if lock is None:
            return already_open(folder)
    try:
        return await _open_and_show(settings, logs, notices, open_files, instance, note)
    finally:
        lock.release()


async def _open_and_show(
    settings: Settings, logs: LogSetup, notices: Notices, open_files: tuple[Path, ...] = (),
    instance: str = "", first_note: str | None = None,
) -> int | LibraryRelocation:
    # the library opens on its worker thread (a step of the loop hands it over) while the window's
    # code loads here: neither waits for the other
    opening = asyncio.ensure_future(open_library_for_window(settings, logs))
    await asyncio.sleep(0)
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    try:
        base, note = await opening
    except OSError as exc:
        return could_not_start(exc)
    if base is None:
        return 1
    tasks = TaskRegistry()
    window = MainWindow(base, tasks)
    notices.attach(window.show_status)
    closed = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: None if closed.done() else closed.set_result(None))
    from PySide6.QtWidgets import QApplication

    from fluxdesk.ui.platform.system_quit import install_system_quit

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # SIGTERM, SIGHUP and the session's end save the window's state and quit cleanly
    uninstall_quit = install_system_quit(asyncio.get_running_loop(), app, window)
    probe = bool(os.environ.get(PROBE_ENV))
    if probe:
        FirstPaint(window)
    window.show()
    log.info("the window is shown")
    # what waits for nothing slow: an opened file's settings (the library is open)
    said = " ".join(filter(None, (first_note, note)))
    if said:
        window.show_status(said)
    if open_files:
        window.recall_from(open_files[0])
    # later launches on this library hand their files over, once the window has painted
    listening = asyncio.ensure_future(_listen_for_launches(window, instance)) if instance else None
    # the rest starts behind the shown window: keychain, decoder process, simulator, client, engine
    connecting = asyncio.ensure_future(_connect(window, base, tasks, probe=probe))
    try:
        await closed
    finally:
        if listening is not None:
            await _stop_listening(listening)
        uninstall_quit()
        notices.attach(None)
        # bounded (the keychain's timeout): its runtime is closed with the window, whatever happened
        await asyncio.wait([connecting])
        if not connecting.cancelled() and connecting.exception() is not None:
            log.error("starting the engine failed", exc_info=connecting.exception())
        await window.shutdown()
        window.deleteLater()
    # closed to move or copy the library: the caller does it, then opens the window again
    return window.relocation if window.relocation is not None else 0


async def _listen_for_launches(window: MainWindow, instance: str) -> InstanceServer:
    """The window's end of the single-instance socket, listening once the window has painted (loading
    Qt's network module is not in the first paint's way; a launch meanwhile waits: `claim_library`)."""
    from fluxdesk.ui.first_paint import painted

    await painted(window)
    from fluxdesk.ui.platform.instance_socket import InstanceServer

    server = InstanceServer(instance, window)
    server.handedOver.connect(window.handed_over)
    server.listen()
    return server


async def _stop_listening(listening: asyncio.Future[InstanceServer]) -> None:
    if not listening.done():
        listening.cancel()
    await asyncio.wait([listening])
    if not listening.cancelled() and listening.exception() is None:
        listening.result().close()


async def _connect(window: MainWindow, base: Foundation, tasks: TaskRegistry, *, probe: bool = False) -> None:
    """Start the engine, hand it to the window, then resume the jobs of an earlier run."""
    from fluxdesk.ui.first_paint import painted

    try:
        await painted(window)  # on screen first: the engine's imports and processes compete with it
        await _start_engine(window, base, tasks, probe=probe)
    finally:
        freeze_startup_objects()  # after the first paint and the engine's start, not in their way


async def _start_engine(window: MainWindow, base: Foundation, tasks: TaskRegistry, *, probe: bool) -> None:
    from fluxdesk.i18n import active_language
    from fluxdesk.ui.locale_fonts import watch_fonts

    try:
        runtime, note = await open_engine_for_window(base)
    except Exception as exc:  # whatever it is, the window stays up and says it in one sentence
        log.error("fluxdesk could not start its engine", exc_info=exc)
        window.engine_failed(translate(
            "App", "fluxdesk could not connect: {error} Quit and start it again; the log has details."
        ).format(error=exc))
        return
    window.attach_runtime(runtime)
    log.info("connected to %s%s", runtime.config.host, " (demo)" if runtime.demo else "")
    if window.closing:
        return  # closed while connecting: the runtime is closed with the window, nothing more starts
    if probe:
        say("connected")
        window.close()
        return

    async def start() -> None:
        await window.start()
        watch_fonts(window, active_language())  # a missing font: said once, after start's own line
        if note:  # after start's own status line, so that it is the one read
            window.show_status(note)
        if os.environ.get(SMOKE_TEST_ENV):
            from fluxdesk.ui.smoke import run_smoke_test

            await run_smoke_test(window)

    tasks.spawn(start(), name="resume jobs")
