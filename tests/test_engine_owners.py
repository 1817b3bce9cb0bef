"""Each job has one owner, the engine that drives it; others leave it alone and take over only jobs whose
owner is gone (dead pid, lapsed lease, no owner), each job won by exactly one of them."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_fakes import until
from engine_sim import count, fast_client, kite

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.engine import Engine
from fluxdesk.engine.rules import RetryRefused
from fluxdesk.library.library import Library, library_paths
from fluxdesk.library.owners import NotOwner, Owner, OwnerRow, owner_gone, pid_alive, process_start
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import LibraryStore
from fluxdesk.sim.server import SimConfig, SimServer


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimServer]:
    server = SimServer(SimConfig(latency=0.2))
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


def _row(cat: Catalog, job_id: str, **fields: object) -> GenerationRecord:
    fields.setdefault("created_at", 1.0)
    return GenerationRecord(id=job_id, provider="cometapi", model="flux-pro-1.1", request=kite(cat, 7),
                            **fields)  # type: ignore[arg-type]


def _owner_row(token: str, *, host: str, pid: int, lease_until: float, proc_start: str | None = None
               ) -> OwnerRow:
    return OwnerRow(token, host, pid, proc_start, "", 0.0, lease_until)


def test_an_owner_is_gone_when_its_lease_lapsed_its_pid_died_or_went_to_another_process() -> None:
    me = Owner.of_this_process()
    now = time.time()
    alive = _owner_row("a", host=me.host, pid=me.pid, lease_until=now + 60, proc_start=me.proc_start)
    assert not owner_gone(alive, now)
    assert owner_gone(None, now)
    assert owner_gone(_owner_row("b", host=me.host, pid=me.pid, lease_until=now - 1), now)  # lapsed
    elsewhere = _owner_row("c", host="another-machine", pid=1, lease_until=now + 60)
    assert not owner_gone(elsewhere, now)  # only its lease can tell
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead = int(done.stdout)
    assert pid_alive(dead) is False
    assert owner_gone(_owner_row("d", host=me.host, pid=dead, lease_until=now + 60), now)
    if me.proc_start is not None:  # Linux: a pid now held by another process is not the owner
        reused = _owner_row("e", host=me.host, pid=me.pid, lease_until=now + 60, proc_start="1")
        assert owner_gone(reused, now)
        assert process_start(os.getpid()) == me.proc_start


def test_two_processes_taking_over_at_once_never_both_win_a_job(tmp_path: Path, cat: Catalog) -> None:
    db, _ = library_paths(tmp_path)
    setup = LibraryStore(db)
    ids = [f"{i:032x}" for i in range(300)]
    for job_id in ids:
        setup.add(_row(cat, job_id, status=JobState.PENDING, task_id=f"t{job_id[-4:]}", owner="gone-owner"))
    setup.close()
    won: dict[str, list[str]] = {}
    start = threading.Barrier(2)

    def take(token: str) -> None:
        store = LibraryStore(db)  # a connection of its own, as another process has
        try:
            me = Owner(token, Owner.of_this_process().host, os.getpid(), None)
            store.register_owner(me, now=time.time(), lease_until=time.time() + 60)
            start.wait()
            won[token] = [r.id for r in store.take_over(token, now=time.time()).taken]
        finally:
            store.close()

    threads = [threading.Thread(target=take, args=(t,)) for t in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert set(won["left"]).isdisjoint(won["right"])
    assert set(won["left"]) | set(won["right"]) == set(ids)
    check = LibraryStore(db)
    try:
        owners = {r.owner for r in check.unfinished()}
        assert owners <= {"left", "right"}
    finally:
        check.close()


@pytest.mark.asyncio
async def test_a_live_owners_jobs_are_shown_running_elsewhere_and_left_alone(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    sim.config.latency = 1.0
    first = Engine(client, library, catalog=cat, label="window")
    other_client = fast_client(sim.base_url)
    second = Engine(other_client, library, catalog=cat)
    try:
        job = first.enqueue(kite(cat, 21))
        await until(lambda: job.state is JobState.PENDING, timeout=10)
        (seen,) = await second.resume()
        assert seen.id == job.id and seen.elsewhere and "window" in seen.elsewhere
        assert second.jobs == {}  # it drives nothing
        with pytest.raises(RetryRefused, match="running in another fluxdesk window process"):
            await second.retry(job.id)
        done = await first.wait(job.id)
        assert done.state is JobState.DONE, done.error
        assert count(sim, "submit") == 1 and count(sim, "delivery") == 1  # downloaded once
    finally:
        await first.aclose()
        await second.aclose()
        await other_client.aclose()


@pytest.mark.asyncio
async def test_jobs_of_an_owner_whose_lease_lapsed_are_taken_over_and_the_old_owner_stops(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    sim.config.latency = 1.5
    stalled = Engine(client, library, catalog=cat)
    other_client = fast_client(sim.base_url)
    taker = Engine(other_client, library, catalog=cat)
    try:
        job = stalled.enqueue(kite(cat, 22))
        await until(lambda: job.state is JobState.PENDING, timeout=10)
        # the stalled process did not renew in time (a laptop lid closed): its lease has run out
        await library.register_owner(stalled.owner, lease=-100.0)
        (taken,) = await taker.resume()
        assert taken.id == job.id and not taken.elsewhere
        done = await taker.wait(job.id)
        assert done.state is JobState.DONE, done.error
        # the old owner wakes up: its next write is refused, and it leaves the job alone
        old = await stalled.wait(job.id)
        assert old.elsewhere == "Another fluxdesk process took this job over."
        record = await library.get(job.id)
        assert record is not None and record.status is JobState.DONE
        assert count(sim, "submit") == 1
    finally:
        await stalled.aclose()
        await taker.aclose()
        await other_client.aclose()


@pytest.mark.asyncio
async def test_a_write_by_a_process_that_no_longer_owns_the_job_is_refused(library: Library, cat) -> None:
    await library.add_job(_row(cat, "f" * 32, status=JobState.PENDING, task_id="t1", owner="new-owner"))
    with pytest.raises(NotOwner):
        await library.update_job("f" * 32, as_owner="old-owner", status=JobState.FAILED)
    with pytest.raises(NotOwner):
        await library.save_result("f" * 32, b"not even an image", width=1, height=1, fmt="png",
                                  as_owner="old-owner")
    record = await library.get("f" * 32)
    assert record is not None and record.status is JobState.PENDING and record.owner == "new-owner"


@pytest.mark.asyncio
async def test_closing_an_engine_lets_its_jobs_go_and_a_new_engine_takes_them(
    sim: SimServer, client: FluxClient, library: Library, cat: Catalog
) -> None:
    """Settings -> Apply: the old engine closes, the new one (same process) finishes its jobs."""
    sim.config.latency = 1.0
    old = Engine(client, library, catalog=cat)
    job = old.enqueue(kite(cat, 23))
    await until(lambda: job.state is JobState.PENDING, timeout=10)
    await old.aclose()
    record = await library.get(job.id)
    assert record is not None and record.owner is None and record.status is JobState.PENDING
    new = Engine(client, library, catalog=cat)
    try:
        (resumed,) = await new.resume()
        assert (await new.wait(resumed.id)).state is JobState.DONE
    finally:
        await new.aclose()


def _env(home: Path, base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"FLUXDESK_HOME": str(home), "FLUXDESK_API_BASE": base_url, "COMETAPI_KEY": "sk-two-procs",
                "FLUXDESK_PROVIDER": "cometapi"})
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "fluxdesk", *args]


def test_resume_in_another_process_leaves_a_running_generate_alone(tmp_path: Path) -> None:
    import json

    with SimServer(SimConfig(latency=2.5)) as server:
        env = _env(tmp_path / "home", server.base_url)
        gen = subprocess.Popen(_cli("generate", "two processes", "--count", "4", "--seed", "5", "--json"),
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while len(server.tasks()) < 4 and time.monotonic() < deadline and gen.poll() is None:
                time.sleep(0.02)
            assert len(server.tasks()) == 4
            resumed = subprocess.run(_cli("resume", "--json"), env=env, capture_output=True, text=True,
                                     timeout=60, check=False)
            out, err = gen.communicate(timeout=60)
        finally:
            if gen.poll() is None:
                gen.kill()
        assert gen.returncode == 0, err
        lines = [json.loads(line) for line in resumed.stdout.splitlines() if line.strip()]
        assert len(lines) == 4 and all("another fluxdesk cli process" in d["elsewhere"] for d in lines)
        assert resumed.returncode == 0
        assert len([json.loads(x) for x in out.splitlines() if x.strip()]) == 4
        routes = [r.route for r in server.received]
        assert routes.count("submit") == 4 and routes.count("delivery") == 4  # each image fetched once


def test_two_generates_side_by_side_each_finish_their_own(tmp_path: Path) -> None:
    with SimServer(SimConfig(latency=1.0)) as server:
        env = _env(tmp_path / "home", server.base_url)
        runs = [subprocess.Popen(_cli("generate", f"side by side {n}", "--count", "3"), env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
        results = [p.communicate(timeout=90) for p in runs]
        assert [p.returncode for p in runs] == [0, 0], results
        for out, err in results:
            assert len([line for line in out.splitlines() if line.strip()]) == 3
            assert "unfinished" not in err  # the other run's jobs are not "left from an earlier run"
        routes = [r.route for r in server.received]
        assert routes.count("submit") == 6 and routes.count("delivery") == 6
