"""kill -9 a `fluxdesk generate --count 8` mid-flight; `fluxdesk resume` then saves every confirmed task.

Runs the real command line in a subprocess against a simulator in this process, over real sockets.
"""

from __future__ import annotations

import asyncio
import json
import os
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
