"""kill -9 a `fluxdesk generate` mid-flight; `fluxdesk resume` then saves every confirmed task and sends
every job that was never sent, and nothing is paid twice.

Runs the real command line in a subprocess against a simulator in this process, over real sockets. The
kill lands at a moment drawn from a seeded RNG (after a random number of requests reached the simulator),
so each seed is one reproducible crash.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fluxdesk.library.library import Library, LibraryCheck
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.sim.server import SimConfig, SimServer


def _env(home: Path, base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "FLUXDESK_HOME": str(home),
            "FLUXDESK_API_BASE": base_url,
            "COMETAPI_KEY": "sk-crash-test",
            "FLUXDESK_PROVIDER": "cometapi",
        }
    )
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "fluxdesk", *args]


async def _check(home: Path) -> tuple[LibraryCheck, list[GenerationRecord]]:
    library = await Library.open(home)
    try:
        return await library.check(), await library.unfinished_jobs()
    finally:
        await library.close()


@pytest.mark.slow
def test_kill_during_generate_then_resume_saves_every_confirmed_task(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with SimServer(SimConfig(latency=4.0)) as sim:
        env = _env(home, sim.base_url)
        proc = subprocess.Popen(
            _cli("generate", "a red kite over the dunes", "--count", "8", "--json", "--seed", "100"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and len(sim.tasks()) < 8:
                time.sleep(0.05)
            assert len(sim.tasks()) == 8, "the eight submits never reached the simulator"
            time.sleep(0.3)  # let the confirmations be recorded, as they would be in real life
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        assert proc.returncode == -signal.SIGKILL

        check, unfinished = asyncio.run(_check(home))
        assert check.integrity == "ok"
        assert unfinished, "the killed run left nothing in flight (it finished too fast to test)"
        confirmed = [r for r in unfinished if r.task_id]
        assert confirmed

        result = subprocess.run(
            _cli("resume", "--json"),
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
        by_id = {d["id"]: d for d in lines}
        for record in confirmed:
            assert by_id[record.id]["status"] == "done", by_id[record.id]
            assert Path(by_id[record.id]["path"]).is_file()
        for record in unfinished:
            if not record.task_id:  # cut off before confirmation: never resent
                assert by_id[record.id]["status"] == "interrupted"

        # nothing was submitted twice
        assert len(sim.tasks()) == 8

    check, unfinished = asyncio.run(_check(home))
    assert check.integrity == "ok"
    assert check.missing_files == [] and check.stray_files == [], check
    assert unfinished == []


def test_resume_with_nothing_to_do_says_so(tmp_path: Path) -> None:
    with SimServer(SimConfig(latency=0.1)) as sim:
        result = subprocess.run(
            _cli("resume"),
            env=_env(tmp_path / "h", sim.base_url),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 0
    assert "Nothing to resume" in result.stderr


def test_generate_count_four_in_demo_mode_says_where_the_images_are(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["FLUXDESK_HOME"] = str(tmp_path / "demo")
    for var in ("COMETAPI_KEY", "BFL_API_KEY", "FLUXDESK_API_BASE"):
        env.pop(var, None)
    result = subprocess.run(
        _cli("generate", "a red kite", "--count", "4"),
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Demo mode" in result.stderr
    paths = [Path(line.split("  (")[0]) for line in result.stdout.splitlines() if line.strip()]
    assert len(paths) == 4 and all(p.is_file() for p in paths)
    assert all(p.is_relative_to(tmp_path / "demo" / "images") for p in paths)
    assert "4 of 4 image(s) saved under" in result.stderr
    assert JobState.DONE.value == "done"


def _settings(home: Path, **prefs: object) -> None:
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(prefs))


async def _rows(home: Path) -> list[GenerationRecord]:
    from fluxdesk.library.query import HistoryQuery

    library = await Library.open(home)
    try:
        return await library.query(HistoryQuery(only_done=False, include_trashed=True), limit=1000)
    finally:
        await library.close()


def _kill_then_resume(tmp_path: Path, seed: int) -> None:
    """One crash: `generate --count 6` (two at a time, the rest queued) killed after a random number of
    requests, then `resume`; every invariant of the money promise checked."""
    rng = random.Random(seed)
    home = tmp_path / f"home-{seed}"
    _settings(home, max_concurrent=2)
    with SimServer(SimConfig(latency=rng.uniform(0.3, 1.2))) as sim:
        env = _env(home, sim.base_url)
        prompt = f"crash {seed}"
        proc = subprocess.Popen(_cli("generate", prompt, "--count", "6", "--seed", "500"), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kill_after = rng.randint(1, 30)  # requests the simulator has seen when the kill lands
        try:
            deadline = time.monotonic() + 60
            while len(sim.received) < kill_after and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        before = {r.id: r for r in asyncio.run(_rows(home))}
        result = subprocess.run(_cli("resume", "--json"), env=env, capture_output=True, text=True, timeout=90,
                                check=False)
        assert result.returncode in (0, 1), result.stderr
        after = {r.id: r for r in asyncio.run(_rows(home))}
        tasks = sim.tasks()

    # nothing paid twice: one task per job (prompt and seed) at most
    seeds = [t.seed for t in tasks.values() if t.prompt == prompt]
    assert len(seeds) == len(set(seeds)), f"seed {seed}: a job was submitted twice"
    by_seed = {r.request.seed: r for r in after.values()}
    for task in tasks.values():
        record = by_seed[task.seed]
        if record.status is JobState.DONE:
            assert record.task_id == task.id
            continue
        # the only paid task not saved: one whose submit was on the wire when the kill came
        assert record.status is JobState.INTERRUPTED, (seed, record)
        assert before[record.id].status is JobState.SUBMITTING and before[record.id].task_id is None
    for record in after.values():
        assert record.status in (JobState.DONE, JobState.INTERRUPTED), (seed, record)
        if before[record.id].status in (JobState.QUEUED, JobState.UNSENT):
            assert record.status is JobState.DONE  # never sent before the kill: sent by the resume
    check, unfinished = asyncio.run(_check(home))
    assert check.integrity == "ok" and check.missing_files == []
    assert [f for f in check.stray_files if not f.endswith(".part")] == []  # a kill mid-write leaves a .part
    assert unfinished == []


@pytest.mark.parametrize("seed", [3, 4])  # a kill mid-submit; a kill with four jobs still queued
def test_a_kill_at_a_random_moment_then_resume_loses_nothing_and_pays_nothing_twice(
    tmp_path: Path, seed: int
) -> None:
    _kill_then_resume(tmp_path, seed)


@pytest.mark.slow
def test_kill_at_random_moments_over_many_seeds(tmp_path: Path) -> None:
    for seed in range(5, 15):
        _kill_then_resume(tmp_path, seed)


def _sigint_as_at_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_demo_jobs_in_flight_at_quit_are_saved_by_the_next_start(tmp_path: Path) -> None:
    """Demo mode end to end: the built-in simulator keeps its tasks in the cache folder, so jobs in
    flight when fluxdesk quits (Ctrl+C) are fetched by the next start, not lost as expired."""
    env = dict(os.environ)
    env["FLUXDESK_HOME"] = str(tmp_path / "demo")
    for var in ("COMETAPI_KEY", "BFL_API_KEY", "FLUXDESK_API_BASE"):
        env.pop(var, None)
    # Ctrl+C as at a terminal: a suite started in the background (`make test &`, nohup) runs with SIGINT
    # ignored, and its children would inherit that and never see the signal
    proc = subprocess.Popen(_cli("generate", "a demo kite", "--count", "3", "--json"), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_sigint_as_at_a_terminal)
    state = tmp_path / "demo" / "cache" / "demo-simulator.json"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if state.is_file() and state.read_text().count('"token"') >= 3:  # three tasks submitted
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)  # quit while they are pending (latency 2.5 s)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert out.strip() == ""  # none had finished
    result = subprocess.run(_cli("resume", "--json"), env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [d["status"] for d in lines] == ["done"] * 3, result.stderr
    assert all(Path(d["path"]).is_file() for d in lines)
