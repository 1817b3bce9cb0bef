"""Builds the working set from the settings: client, library, engine, and the simulator in demo mode.

The CLI and the window both start through `open_runtime()` and stop through `Runtime.aclose()`, so
the two fronts cannot drift apart. The window takes it in two steps so that it shows before anything
slow happens: `open_foundation()` (the library, before the window is built) then `open_engine()` (the
keychain, the decoder process, the simulator, the client and the engine, behind the shown window);
`open_runtime()` is the two in a row. Nothing here is global: the caller owns the Runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from fluxdesk.api.catalog import COMETAPI, Catalog, default_catalog
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.i18n import N_
from fluxdesk.library.library import Library
from fluxdesk.library.opening import WINDOW_LOCK
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.settings import Settings

# the client (httpx), the engine and the simulator are imported where they are made, not here: the
# window imports this module before it shows, and they are a third of a second it need not wait for
if TYPE_CHECKING:
    from fluxdesk.api.client import FluxClient
    from fluxdesk.engine import Engine
    from fluxdesk.engine.limits import ConcurrencyLimits
    from fluxdesk.sim.server import SimServer

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

#: data (N_): said with `_()` where it is shown
DEMO_NOTICE = N_(

    "Demo mode: no API key is set (COMETAPI_KEY or BFL_API_KEY), so images are synthetic, made by "
    "fluxdesk's built-in simulator."
)
SPOOL_DIRNAME = "spool"


@dataclass(kw_only=True)
class Foundation:
    """What the window needs to show itself: the settings, the catalogue, the library and its thumbnails.

    Nothing slow: no keychain, network, simulator or worker process (the decoder is created, not
    started). `open_engine` adds the rest, behind the shown window.
    """

    settings: Settings
    catalog: Catalog
    library: Library
    thumbs: ThumbnailCache
    decoder: Executor | None = None  # the image-decoding process (the window's), shared by client and thumbs

    async def aclose(self) -> None:
        """Close the library, the thumbnails and the decoder (what there is before the engine)."""
        with contextlib.suppress(Exception):
            await self.library.close()
        with contextlib.suppress(Exception):
            await self.thumbs.aclose()  # waits for a thumbnail being written, off the loop's thread
        if self.decoder is not None:
            self.decoder.shutdown(wait=False, cancel_futures=True)


@dataclass(kw_only=True)
class Runtime(Foundation):
    config: ProviderConfig
    client: FluxClient
    engine: Engine
    sim: SimServer | None = None  # set in demo mode

    @property
    def demo(self) -> bool:
        return self.sim is not None

    async def aclose(self) -> None:
        """Stop following jobs (they resume next start), then close the client, the library, the simulator."""
        with contextlib.suppress(Exception):
            await self.engine.aclose()
        with contextlib.suppress(Exception):
            await self.engine.limits.flush()
        with contextlib.suppress(Exception):
            await self.client.aclose()
        if self.sim is not None:
            self.sim.stop()
        await super().aclose()


def image_decoder() -> Executor:
    """One worker process for decoding images (verifying downloads, making thumbnails).

    In the window, decoding in threads holds the GIL long enough to stall repaints (measured by
    bench/ui_responsiveness.py); a process shares only the CPU, which the OS schedules finely.
    "spawn": forking a process that runs Qt and threads is unsafe. The pool is made at the first job
    (`DecoderProcess`), which the window gives it off the GUI thread once it is painted.
    """
    return DecoderProcess()


class DecoderProcess(Executor):
    """A one-process pool made at its first `submit`, not when this is created.

    Making a `ProcessPoolExecutor` starts multiprocessing's resource tracker, a Python process of its
    own: made with the window's foundation, it competed with building and painting the window.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: Executor | None = None
        self._shut_down = False

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        with self._lock:
            if self._shut_down:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if self._pool is None:
                self._pool = _process_pool()
            pool = self._pool
        return pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._shut_down = True
            pool = self._pool
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _process_pool() -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=decoder_started, initargs=(os.getpid(),))


#: how often the decoder process checks that the window's process is still there (seconds)
PARENT_CHECK_INTERVAL = 1.0
#: how much lower the decoder process runs than the window (POSIX niceness): on a machine with few
#: cores, a batch's thumbnails must not take the core the GUI thread needs to paint; idle, it is as fast
DECODER_NICENESS = 5


def decoder_started(parent: int) -> None:
    """The decoder process's start: below the window's priority, and gone when the window is."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(DECODER_NICENESS)
    exit_with_parent(parent)


def exit_with_parent(parent: int) -> None:
    """In the decoder process: end once the process that started it is gone (killed, crashed).

    A worker blocked on its queue does not notice its parent's death and would run on, orphaned,
    holding the parent's stdout open.
    """
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_INTERVAL)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="fluxdesk-parent-watch", daemon=True).start()


def make_engine(client: FluxClient, library: Library, settings: Settings, catalog: Catalog, *,
                max_concurrent: int | None = None, label: str = "",
                limits: ConcurrencyLimits | None = None) -> Engine:
    """The engine both fronts run: images the library cannot take yet are spooled in the cache folder;
    `limits`: the concurrency windows learned per provider and key (`load_limits`)."""
    from fluxdesk.engine import Engine
    from fluxdesk.engine.spool import Spool

    return Engine(
        client,
        library,
        max_concurrent=max_concurrent or settings.max_concurrent,
        catalog=catalog,
        spool=Spool(settings.paths.cache_dir / SPOOL_DIRNAME),
        label=label,
        limits=limits,
    )


async def open_runtime(
    settings: Settings,
    *,
    catalog: Catalog | None = None,
    demo_latency: float = 2.5,
    max_concurrent: int | None = None,
    decode_in_process: bool = False,
    label: str = "",
) -> Runtime:
    """`decode_in_process`: decode images in a worker process (the window); else in threads (the CLI).
    `label` names the front in "running in another fluxdesk ... process" ("window", "cli")."""
    base = await open_foundation(settings, catalog=catalog, decode_in_process=decode_in_process)
    try:
        return await open_engine(base, demo_latency=demo_latency, max_concurrent=max_concurrent, label=label)
    except BaseException:
        await base.aclose()
        raise


async def open_foundation(
    settings: Settings, *, catalog: Catalog | None = None, decode_in_process: bool = False
) -> Foundation:
    """The library and its thumbnails (raises `LibraryError`); the decoder is created, its process not
    started (`DecoderProcess`)."""
    catalog = catalog or default_catalog()
    decoder = image_decoder() if decode_in_process else None
    thumbs = ThumbnailCache(settings.paths.thumbnails_dir, render_executor=decoder)
    try:
        library = await Library.open(settings.paths.library_dir, thumbs=thumbs)
    except BaseException:
        thumbs.close()
        if decoder is not None:
            decoder.shutdown(wait=False, cancel_futures=True)
        raise
    return Foundation(settings=settings, catalog=catalog, library=library, thumbs=thumbs, decoder=decoder)


async def open_engine(
    base: Foundation,
    *,
    settings: Settings | None = None,
    demo_latency: float = 2.5,
    max_concurrent: int | None = None,
    label: str = "",
) -> Runtime:
    """The provider (the key from the keychain, or the demo simulator), the client and the engine on
    `base`'s library; `settings`: instead of `base.settings` (the window's demo mode after a bad key).
    Raises `InvalidKey` for a saved key that cannot be used; `base` stays open either way (its caller's).
    """
    from fluxdesk.api.client import FluxClient

    settings = settings or base.settings
    decoder = base.decoder
    # the decoder process starts while the keychain is asked, both off the caller's (GUI) thread
    warm_up = asyncio.ensure_future(asyncio.to_thread(_start_process, decoder)) if decoder else None
    sim: SimServer | None = None
    try:
        # the key may come from a keychain, which can be slow (bounded: KEYCHAIN_TIMEOUT)
        configured = await asyncio.to_thread(settings.provider_config)
        config, sim = await asyncio.to_thread(_provider, configured, settings, None, demo_latency)
        client = FluxClient(config, decode_executor=decoder)
        ceiling = max_concurrent or settings.max_concurrent
        limits = await load_limits(settings, config, ceiling, base.catalog)
        engine = make_engine(client, base.library, settings, base.catalog, max_concurrent=ceiling,
                             label=label, limits=limits)
        if warm_up is not None:
            await warm_up
    except BaseException:
        if warm_up is not None:
            with contextlib.suppress(BaseException):
                await warm_up  # a process being started is not left behind half-made
        if sim is not None:
            sim.stop()
        raise
    return Runtime(settings=settings, catalog=base.catalog, library=base.library, thumbs=base.thumbs,
                   decoder=decoder, config=config, client=client, engine=engine, sim=sim)


def _start_process(decoder: Executor) -> None:
    """Start the worker process now (a second or so), not at the first image that needs decoding."""
    decoder.submit(int).result()


async def reconfigure_runtime(old: Runtime, settings: Settings, *, demo_latency: float = 2.5) -> Runtime:
    """A new client and engine for changed settings, on the same library (its folder changes at restart).

    The old engine stops following its jobs (they stay recorded as in flight); the caller resumes them
    on the new one. The demo simulator is kept, started or stopped as the new settings need.
    """
    from fluxdesk.api.client import FluxClient

    with contextlib.suppress(Exception):
        await old.engine.aclose()
    with contextlib.suppress(Exception):
        await old.engine.limits.flush()  # what it learned, before the new engine reads it
    with contextlib.suppress(Exception):
        await old.client.aclose()
    configured = await asyncio.to_thread(settings.provider_config)
    config, sim = _provider(configured, settings, old.sim, demo_latency)
    client = FluxClient(config, decode_executor=old.decoder)
    limits = await load_limits(settings, config, settings.max_concurrent, old.catalog)
    engine = make_engine(client, old.library, settings, old.catalog, label=old.engine.owner.label,
                         limits=limits)
    return Runtime(settings=settings, catalog=old.catalog, library=old.library, thumbs=old.thumbs,
                   decoder=old.decoder, config=config, client=client, engine=engine, sim=sim)


async def reload_runtime(old: Runtime, *, demo_latency: float = 2.5) -> Runtime:
    """Settings -> Apply: the saved settings read again, on the library this session opened.

    A new library folder is used from the next start; the caller resumes the jobs on the new engine.
    """
    settings = await asyncio.to_thread(Settings.load, old.settings.env)
    settings.paths = old.settings.paths
    return await reconfigure_runtime(old, settings, demo_latency=demo_latency)


async def load_limits(
    settings: Settings, config: ProviderConfig, ceiling: int, catalog: Catalog
) -> ConcurrencyLimits:
    """The account's windows with what earlier runs learned (a small file in the config folder, read off
    the caller's thread)."""
    from fluxdesk.engine.limits import LIMITS_FILE, ConcurrencyLimits

    path = settings.paths.config_dir / LIMITS_FILE
    return await asyncio.to_thread(
        ConcurrencyLimits.load, path, config.provider, config.api_key, ceiling=ceiling, catalog=catalog
    )


def _provider(
    config: ProviderConfig | None, settings: Settings, sim: SimServer | None, demo_latency: float
) -> tuple[ProviderConfig, SimServer | None]:
    """The configured provider; without a key, the demo simulator (the running one, if any).

    The demo keeps its tasks in the cache folder, so jobs in flight at quit are still there at the next
    start; like the real providers it ignores fields a model does not take.
    """
    if config is not None:
        if sim is not None:
            sim.stop()
        return config, None
    # the simulator is imported only here: a command with a key never loads it
    from fluxdesk.sim.server import DEMO_KEY, SimConfig, SimServer

    if sim is None:
        state_path = settings.paths.cache_dir / "demo-simulator.json"
        sim = SimServer(SimConfig(latency=demo_latency, state_path=state_path, unknown_fields="ignore"))
        sim.start()
    return ProviderConfig(COMETAPI, DEMO_KEY, sim.base_url), sim


class LibraryLock:
    """One window per library: an OS lock on a file in the library folder.

    The OS drops the lock when the process ends, however it ends (a crash, kill -9), so a stale lock
    never keeps the next window out. `acquire` returns None while another process holds it.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, folder: Path, name: str = WINDOW_LOCK) -> LibraryLock | None:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            return None
        with contextlib.suppress(OSError):  # who holds it, for whoever looks (the lock is the OS's)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        return cls(path, fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            _unlock_fd(fd)
        os.close(fd)

    def __enter__(self) -> LibraryLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
