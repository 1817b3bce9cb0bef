"""The client on the Qt event loop (qasync), as the window runs it: no anyio-only paths, to_thread works."""

from __future__ import annotations

import asyncio

from fluxdesk.api.client import FluxClient, PollPolicy
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import build_request
from fluxdesk.api.types import DownloadedImage

KEY = "sk-qasync-SECRET-5566"


def test_generate_and_download_on_the_qt_loop(qloop: asyncio.AbstractEventLoop, qtbot, sim, catalog) -> None:
    request = build_request(catalog, "flux-dev", "a lighthouse", {"width": 256, "height": 256, "seed": 3})

    async def run() -> DownloadedImage:
        config = ProviderConfig("bfl", KEY, sim.base_url)
        async with FluxClient(config, poll=PollPolicy(interval=0.05, max_interval=0.1)) as client:
            task = await client.submit(request)
            status = await client.wait_ready(task)
            return await client.download(status.sample_url or "", expected_size=(256, 256))

    job = qloop.create_task(run())
    qtbot.waitUntil(job.done, timeout=15_000)
    image = job.result()
    assert image.size == (256, 256)
    assert all("x-key" not in r.headers for r in sim.received if r.route == "delivery")
