"""The window and the jobs it shares with other processes: quitting with jobs never sent, Retry by the
engine's rule (also after the engine was replaced), jobs another process drives, one window per library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from engine_sim import fast_client, kite
from ui_window_helpers import close_window, make_window, run, submits

from fluxdesk.engine import Engine
from fluxdesk.library.records import JobState
from fluxdesk.runtime import LibraryLock
from fluxdesk.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _batch(window, n: int, prompt: str = "a slow harbor") -> list:
    window.draft.set_prompt(prompt)
    window.draft.set_model("flux-dev")
    window.draft.set_params({"width": 256, "height": 256})
    window.draft.set_batch(n)
    return window.generate()


def _button(box, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_quitting_with_jobs_never_sent_asks_and_discard_cancels_them(qloop, qtbot, sim) -> None:
    window = make_window(qloop, qtbot, sim)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    try:
        sim.config.latency = 30.0
        jobs = _batch(window, 6)  # four run (the cap), two wait: never sent
        qtbot.waitUntil(lambda: len(submits(sim)) == 4 and sum(bool(j.waiting_for) for j in jobs) == 2,
                        timeout=10_000)
        window.close()
        box = window.quit_box
        assert box is not None and box.isVisible()
        assert closed == []  # asked first
        assert "2 jobs were never sent" in box.text() and "sent when fluxdesk starts again" in box.text()
        _button(box, "Discard and quit").click()
        qtbot.waitUntil(lambda: closed == [True], timeout=10_000)
        waiting = [j for j in jobs if j.state is JobState.CANCELLED]
        assert len(waiting) == 2 and len(submits(sim)) == 4
    finally:
        close_window(qloop, qtbot, window)


def test_quit_keeps_jobs_never_sent_for_the_next_start(qloop, qtbot, sim) -> None:
    window = make_window(qloop, qtbot, sim)
    try:
        sim.config.latency = 3.0  # the four sent are still running at quit
        jobs = _batch(window, 5)
        qtbot.waitUntil(lambda: len(submits(sim)) == 4 and any(j.waiting_for for j in jobs), timeout=10_000)
        window.close()
        assert window.quit_box is not None and "1 job was never sent" in window.quit_box.text()
        _button(window.quit_box, "Quit").click()
    finally:
        close_window(qloop, qtbot, window)
    sim.config.latency = 0.2
    again = make_window(qloop, qtbot, sim)  # the next start sends it (and follows the other four)
    try:
        qtbot.waitUntil(lambda: len(again.queue.model.jobs) == 5
                        and all(j.state is JobState.DONE for j in again.queue.model.jobs), timeout=30_000)
        assert len(submits(sim)) == 5
    finally:
        close_window(qloop, qtbot, again)


def test_retry_after_the_engine_was_replaced_asks_before_sending_a_maybe_sent_job(qloop, qtbot, sim) -> None:
    window = make_window(qloop, qtbot, sim)
    try:
        sim.set_faults("submit502:1")  # the reply was lost: it may have reached the provider
        (job,) = _batch(window, 1, "retry me")
        qtbot.waitUntil(lambda: job.state is JobState.INTERRUPTED, timeout=10_000)
        # Settings -> Apply: a new engine that never knew the job
        old = window.runtime.engine
        run(qloop, qtbot, old.aclose())
        client = fast_client(sim.base_url)
        new = Engine(client, window.runtime.library, catalog=window.catalog)
        window.runtime.engine = new
        window.queue.set_engine(new)
        window.queue.view.selectRow(0)
        qtbot.waitUntil(window.queue.retry_action.isEnabled, timeout=5000)
        window.queue.retry_action.trigger()
        box = window.queue.resend_box
        assert box is not None and "may bill it twice" in box.text()
        assert len(submits(sim)) == 1  # nothing sent before the user said so
        _button(box, "Send again").click()
        qtbot.waitUntil(lambda: window.queue.model.jobs[0].state is JobState.DONE, timeout=15_000)
        assert len(submits(sim)) == 2 and window.queue.model.jobs[0].id == job.id
    finally:
        close_window(qloop, qtbot, window)
        run(qloop, qtbot, client.aclose())


def test_a_job_another_process_drives_shows_running_elsewhere_and_cannot_be_retried(
    qloop, qtbot, sim, catalog
) -> None:
    settings = Settings.load()
    from fluxdesk.library.library import Library

    library = run(qloop, qtbot, Library.open(settings.paths.library_dir))
    client = fast_client(sim.base_url)
    other = Engine(client, library, catalog=catalog, label="cli")
    sim.config.latency = 5.0
    job = other.enqueue(kite(catalog, 77))
    qtbot.waitUntil(lambda: job.state is JobState.PENDING, timeout=10_000)
    window = make_window(qloop, qtbot, sim)
    try:
        (row,) = window.queue.model.jobs
        assert row.id == job.id
        text = window.queue.model.data(window.queue.model.index(0, 3))
        assert text.startswith("Pending: running in another fluxdesk cli process (pid ")
        window.queue.view.selectRow(0)
        assert not window.queue.retry_action.isEnabled() and not window.queue.cancel_action.isEnabled()
        assert window.queue.model.active_count == 0
        assert len(submits(sim)) == 1
    finally:
        close_window(qloop, qtbot, window)
        run(qloop, qtbot, other.aclose())
        run(qloop, qtbot, client.aclose())
        run(qloop, qtbot, library.close())


def test_a_second_window_on_the_same_library_says_so_and_exits_0(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(os.environ, FLUXDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    first = LibraryLock.acquire(home)  # the first window holds the library
    assert first is not None
    try:
        assert LibraryLock.acquire(home) is None
        code = "import sys; from fluxdesk.ui.app import run_app; sys.exit(run_app())"
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                timeout=60, check=False)
    finally:
        first.release()
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [f"fluxdesk is already open on the library in {home}; use that window."]
    assert not (home / "cache" / "demo-simulator.json").exists()  # no engine, no demo simulator started
    again = LibraryLock.acquire(home)  # released: the next window may open
    assert again is not None
    again.release()
