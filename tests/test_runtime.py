"""The runtime both fronts start from: demo mode, a real provider, the image-decoding process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator
from concurrent.futures import BrokenExecutor, Executor
from pathlib import Path

import httpx
import pytest
from engine_fakes import until

from fluxdesk.api.request import build_request
from fluxdesk.library.records import JobState
from fluxdesk.runtime import DECODER_NICENESS, Runtime, open_runtime, reconfigure_runtime
from fluxdesk.settings import Settings
from fluxdesk.sim.server import SimConfig, SimServer


@contextlib.asynccontextmanager
async def _runtime_on_a_provider(tmp_path: Path) -> AsyncIterator[tuple[SimServer, Runtime]]:
    """A simulator standing for the provider, and the window's runtime (decoder process) aimed at it."""
    with SimServer(SimConfig(latency=0.1)) as sim:
        env = {"FLUXDESK_HOME": str(tmp_path), "FLUXDESK_API_BASE": sim.base_url, "COMETAPI_KEY": "k"}
        runtime = await open_runtime(Settings.load(env), decode_in_process=True)
        try:
            yield sim, runtime
        finally:
            await runtime.aclose()


def _until_the_pool_refuses_work(pool: Executor, timeout: float = 10.0) -> None:
    """Until the pool knows its process died: a submit then fails at once (bounded poll)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            probe = pool.submit(int)
        except BrokenExecutor:
            return
        # submitted before the pool noticed: it fails (or times out) once the pool sees the death
        with contextlib.suppress(BrokenExecutor, TimeoutError):
            probe.result(timeout=0.05)
    raise AssertionError(f"the pool did not notice its dead process within {timeout} s")


def _request(catalog, seed: int = 1):
    return build_request(catalog, "flux-pro-1.1", "a kite", {"seed": seed, "width": 256, "height": 256})


@pytest.mark.asyncio
async def test_without_a_key_the_runtime_is_demo_mode_on_a_local_simulator(tmp_path: Path, catalog) -> None:
    runtime = await open_runtime(Settings.load({"FLUXDESK_HOME": str(tmp_path)}), demo_latency=0.1)
    try:
        assert runtime.demo and runtime.sim is not None
        assert runtime.config.base_url == runtime.sim.base_url.rstrip("/")
        assert runtime.config.host.startswith("127.0.0.1:")
        job = await runtime.engine.generate(_request(catalog))
        assert job.state is JobState.DONE, job.error
    finally:
        await runtime.aclose()


@pytest.mark.asyncio
async def test_decoding_in_a_worker_process_verifies_and_thumbnails(tmp_path: Path, catalog) -> None:
    async with _runtime_on_a_provider(tmp_path) as (sim, runtime):
        assert runtime.decoder is not None and not runtime.demo
        assert runtime.decoder.submit(os.getpid).result() != os.getpid()  # another process
        if hasattr(os, "nice"):  # below the window's priority: its work must not take the GUI's core
            assert runtime.decoder.submit(os.nice, 0).result() >= os.nice(0) + DECODER_NICENESS
        job = await runtime.engine.generate(_request(catalog))
        assert job.state is JobState.DONE, job.error
        record = job.record
        assert record is not None and (record.width, record.height) == (256, 256)
        path = runtime.library.path_of(record)
        assert path is not None
        thumb = runtime.thumbs.make(path, record.sha256 or "", 256)
        assert thumb.is_file() and thumb.read_bytes()[:2] == b"\xff\xd8"
        # a damaged download is refused by the worker process with the same plain sentence (which the
        # job shows while it fetches the image again)
        sim.set_faults("corrupt:2")
        said: list[str] = []
        runtime.engine.subscribe(lambda j: said.append(j.retrying or ""))
        again = await runtime.engine.generate(_request(catalog, seed=2))
        assert again.state is JobState.DONE, again.error
        assert any("damaged" in text for text in said)


@pytest.mark.asyncio
async def test_reconfigure_from_demo_to_a_provider_keeps_the_library(tmp_path: Path, catalog) -> None:
    settings = Settings.load({"FLUXDESK_HOME": str(tmp_path)})
    runtime = await open_runtime(settings, demo_latency=0.1)
    demo_sim = runtime.sim
    with SimServer(SimConfig(latency=0.1)) as provider:
        env = {"FLUXDESK_HOME": str(tmp_path), "FLUXDESK_API_BASE": provider.base_url, "COMETAPI_KEY": "sk-1"}
        new = await reconfigure_runtime(runtime, Settings.load(env))
        try:
            assert not new.demo and new.library is runtime.library
            assert demo_sim is not None
            with pytest.raises(httpx.ConnectError):  # the demo simulator was stopped
                httpx.get(demo_sim.base_url + "/flux/v1/get_result?id=x", timeout=2)
            job = await new.engine.generate(_request(catalog))
            assert job.state is JobState.DONE
            assert [r.headers.get("authorization") for r in provider.received if r.route == "submit"] == [
                "Bearer sk-1"
            ]
        finally:
            await new.aclose()


_DECODER_START = """
import os, pathlib
from fluxdesk.runtime import image_decoder

def children():
    found = 0
    for status in pathlib.Path("/proc").glob("[0-9]*/status"):
        try:
            found += f"PPid:\\t{os.getpid()}\\n" in status.read_text()
        except OSError:
            pass
    return found

decoder = image_decoder()
print(children())
print(decoder.submit(os.getpid).result() != os.getpid(), children() > 0)
decoder.shutdown()
try:
    decoder.submit(int)
except RuntimeError:
    print("refused")
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_the_decoder_starts_no_process_before_its_first_job() -> None:
    """Made with the window's foundation, before the window paints: no process (not even
    multiprocessing's resource tracker) until it has work; after shutdown it takes none."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _DECODER_START], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split() == ["0", "True", "True", "refused"], done.stderr


@pytest.mark.asyncio
async def test_if_the_decoding_process_dies_work_goes_on_in_threads(tmp_path: Path, catalog) -> None:
    import signal

    async with _runtime_on_a_provider(tmp_path) as (_sim, runtime):
        assert runtime.decoder is not None
        os.kill(runtime.decoder.submit(os.getpid).result(), signal.SIGKILL)  # e.g. the OOM killer
        await asyncio.to_thread(_until_the_pool_refuses_work, runtime.decoder)
        job = await runtime.engine.generate(_request(catalog, seed=5))
        assert job.state is JobState.DONE, job.error
        record = job.record
        assert record is not None
        path = runtime.library.path_of(record)
        assert path is not None
        assert runtime.thumbs.make(path, record.sha256 or "", 256).is_file()


@pytest.mark.asyncio
async def test_closing_waits_for_a_thumbnail_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing writes into the cache folder after `aclose()` returns (the window's quit relies on it)."""
    import threading

    from PIL import Image

    from fluxdesk.library import thumbs as thumbs_module

    started, gate = threading.Event(), threading.Event()
    real = thumbs_module.render_thumbnail

    def slow(*args, **kwargs):
        started.set()
        assert gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(thumbs_module, "render_thumbnail", slow)
    runtime = await open_runtime(Settings.load({"FLUXDESK_HOME": str(tmp_path)}), demo_latency=0.1)
    source = tmp_path / "a.png"
    Image.new("RGB", (300, 200), (10, 20, 30)).save(source)
    making = asyncio.ensure_future(runtime.thumbs.get(source, "ab" * 32, 256))
    assert await asyncio.to_thread(started.wait, 10)
    closing = asyncio.ensure_future(runtime.aclose())
    await until(lambda: runtime.thumbs.closed, what="the cache to refuse new thumbnails")
    assert not closing.done()  # held by the thumbnail being made
    gate.set()
    await asyncio.wait_for(closing, 10)
    assert runtime.thumbs.cached_path("ab" * 32, 256).is_file()
    await asyncio.wait_for(making, 10)
