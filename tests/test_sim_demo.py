"""Demo mode keeps the simulator's state: jobs in flight when the app quits finish after the next start."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from fluxdesk.api.request import build_request
from fluxdesk.library.records import JobState
from fluxdesk.runtime import open_runtime
from fluxdesk.settings import Settings


async def _until(condition, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


@pytest.mark.asyncio
async def test_a_demo_job_in_flight_at_quit_finishes_after_the_next_start(tmp_path: Path, catalog) -> None:
    settings = Settings.load({"FLUXDESK_HOME": str(tmp_path)})
    request = build_request(catalog, "flux-pro-1.1", "a kite", {"seed": 3, "width": 256, "height": 256})
    first = await open_runtime(settings, demo_latency=1.5)
    try:
        job = first.engine.enqueue(request)
        await _until(lambda: first.engine.jobs[job.id].task_id is not None)
        task_id = first.engine.jobs[job.id].task_id
    finally:
        await first.aclose()  # quit with the task still pending at the simulator
    second = await open_runtime(Settings.load({"FLUXDESK_HOME": str(tmp_path)}), demo_latency=1.5)
    try:
        assert second.sim is not None and task_id in second.sim.tasks()  # the new simulator knows it
        resumed = await second.engine.resume()
        assert [j.task_id for j in resumed] == [task_id]
        done = await second.engine.wait(resumed[0].id)
        assert done.state is JobState.DONE, done.error
    finally:
        await second.aclose()
