"""Retry by the one rule (engine/rules.py), in the engine and in `fluxdesk retry`: re-fetch what has a
task id, save what was kept unsaved, send what never reached the provider, resend a maybe-sent job only
when asked; any job of the library, also one an earlier engine ran."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_sim import KEY, count, fast_client, kite, tasks_for

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.engine import Engine
from fluxdesk.engine.rules import MaybeSent, RetryAction, RetryRefused, retry_plan
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.sim.server import SimConfig, SimServer


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


def _row(cat: Catalog, seed: int, **fields: object) -> GenerationRecord:
    return GenerationRecord(id=f"{seed:032x}", provider="cometapi", model="flux-pro-1.1",
                            request=kite(cat, seed), created_at=float(seed), **fields)  # type: ignore[arg-type]


def test_the_rule(cat: Catalog) -> None:
    def action(**fields: object) -> RetryAction:
        return retry_plan(_row(cat, 1, **fields), "cometapi").action

    assert action(status=JobState.DONE) is RetryAction.NONE
    assert action(status=JobState.PENDING, task_id="t") is RetryAction.NONE  # still running
    for state in (JobState.FAILED, JobState.EXPIRED, JobState.CANCELLED, JobState.INTERRUPTED):
        assert action(status=state, task_id="t") is RetryAction.REFETCH
    assert action(status=JobState.UNSAVED, task_id="t") is RetryAction.SAVE
    assert action(status=JobState.INTERRUPTED) is RetryAction.RESEND  # may have reached the provider
    for state in (JobState.UNSENT, JobState.FAILED, JobState.MODERATED, JobState.CANCELLED):
        assert action(status=state) is RetryAction.SEND  # never reached it, or refused by it
    other = retry_plan(_row(cat, 1, status=JobState.FAILED, task_id="t"), "bfl")
    assert other.action is RetryAction.NONE and "switch back" in other.reason


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimServer]:
    server = SimServer(SimConfig(latency=0.15))
    server.start()
    yield server
    server.stop()


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib")
    yield lib
    await lib.close()


@pytest_asyncio.fixture
async def client(sim: SimServer) -> AsyncIterator[FluxClient]:
    c = fast_client(sim.base_url)
    yield c
    await c.aclose()


@pytest.mark.asyncio
async def test_retry_works_on_a_job_an_earlier_engine_ran(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    """Settings -> Apply builds a new engine: its Retry loads the job from the library."""
    old = Engine(client, library, catalog=cat, link_lifetime=0.3)
    request = kite(cat, 31)
    try:
        job = old.enqueue(request)
        sim.set_faults("delivery503:100000")
        job = await old.wait(job.id)
        assert job.state is JobState.FAILED and job.task_id
    finally:
        await old.aclose()
    sim.set_faults("")
    new = Engine(client, library, catalog=cat)
    try:
        assert new.job(job.id) is None
        again = await new.retry(job.id)
        done = await new.wait(again.id)
        assert done.state is JobState.DONE, done.error
        assert len(tasks_for(sim, request)) == 1 and count(sim, "submit") == 1
    finally:
        await new.aclose()


@pytest.mark.asyncio
async def test_a_maybe_sent_job_is_resent_only_when_asked(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    engine = Engine(client, library, catalog=cat)
    request = kite(cat, 32)
    try:
        sim.set_faults("submit502:1")
        job = await engine.generate(request)
        assert job.state is JobState.INTERRUPTED
        with pytest.raises(MaybeSent, match="may bill it twice"):
            await engine.retry(job.id)
        assert count(sim, "submit") == 1
        again = await engine.retry(job.id, resend=True)
        assert again.id == job.id  # the same job, sent again
        done = await engine.wait(job.id)
        assert done.state is JobState.DONE, done.error
        assert count(sim, "submit") == 2
        with pytest.raises(RetryRefused, match="saved already"):
            await engine.retry(job.id)
    finally:
        await engine.aclose()


@pytest.mark.asyncio
async def test_retry_sends_what_never_reached_the_provider_and_refuses_unknown_ids(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    await library.add_job(_row(cat, 33, status=JobState.UNSENT, error="Could not connect."))
    engine = Engine(client, library, catalog=cat)
    try:
        again = await engine.retry(f"{33:032x}")
        done = await engine.wait(again.id)
        assert done.state is JobState.DONE, done.error
        assert len(tasks_for(sim, kite(cat, 33))) == 1
        with pytest.raises(RetryRefused, match="no job"):
            await engine.retry("0" * 31 + "f")
    finally:
        await engine.aclose()


def _env(home: Path, base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"FLUXDESK_HOME": str(home), "FLUXDESK_API_BASE": base_url, "COMETAPI_KEY": KEY,
                "FLUXDESK_PROVIDER": "cometapi"})
    return env


def _retry_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fluxdesk", "retry", *args], env=env, capture_output=True,
                          text=True, timeout=90, check=False)


@pytest.mark.asyncio
async def test_fluxdesk_retry_refetches_sends_and_resends_only_with_resend(
    tmp_path: Path, cat: Catalog
) -> None:
    home = tmp_path / "home"
    with SimServer(SimConfig(latency=0.1)) as server:
        env = _env(home, server.base_url)
        # an earlier run: a task the provider has (its download failed), one never sent, one maybe sent
        probe = fast_client(server.base_url)
        try:
            task = await probe.submit(kite(cat, 41))
        finally:
            await probe.aclose()
        library = await Library.open(home)
        try:
            await library.add_job(_row(cat, 41, status=JobState.FAILED, task_id=task.id, error="x"))
            await library.add_job(_row(cat, 42, status=JobState.UNSENT, error="Could not connect."))
            await library.add_job(_row(cat, 43, status=JobState.INTERRUPTED, error="It may have reached."))
        finally:
            await library.close()

        first = _retry_cli(env, "--all", "--json")
        lines = {d["id"]: d for d in map(json.loads, first.stdout.splitlines())}
        assert lines[f"{41:032x}"]["status"] == "done" and lines[f"{42:032x}"]["status"] == "done"
        skipped = lines[f"{43:032x}"]
        assert skipped["status"] == "interrupted" and "--resend" in skipped["skipped"]
        assert first.returncode == 1  # one was left as it was
        submits = [r for r in server.received if r.route == "submit"]
        assert len(submits) == 2  # the probe's and the never-sent one's: the task was fetched, not paid again

        second = _retry_cli(env, "feedbeef", "--resend")
        assert second.returncode == 2 and "names no job" in second.stderr
        third = _retry_cli(env, f"{43:032x}", "--resend")
        assert third.returncode == 0, third.stderr
        assert f"{43:032x}"[:8] + ": sending it again; it may be billed twice." in third.stderr
        assert sum(1 for r in server.received if r.route == "submit") == 3

        nothing = _retry_cli(env, "--all")
        assert nothing.returncode == 0 and "Nothing to retry" in nothing.stderr
