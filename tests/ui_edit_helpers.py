"""Helpers for the edit tests: a first image made in the window, the submits the simulator saw."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

from PIL import Image
from ui_window_helpers import run, submits

from fluxdesk.library.records import GenerationRecord, JobState


def jobs_done(window: Any, n: int) -> bool:
    jobs = window.queue.model.jobs
    return len(jobs) >= n and all(j.state.is_final for j in jobs)


def make_image(window: Any, qtbot: Any, qloop: Any, *, size: tuple[int, int] = (512, 384),
               prompt: str = "a lighthouse on a cliff") -> GenerationRecord:
    """One text-to-image result, saved, shown in the gallery and selected there."""
    before = len(window.queue.model.jobs)
    window.draft.set_model("flux-dev")
    window.draft.set_prompt(prompt)
    window.draft.set_params({"width": size[0], "height": size[1]})
    (job,) = window.generate()
    qtbot.waitUntil(lambda: jobs_done(window, before + 1), timeout=20_000)
    assert job.state is JobState.DONE, job.error
    record = run(qloop, qtbot, window.runtime.library.get(job.id))
    assert record is not None
    qtbot.waitUntil(lambda: window.gallery.model.row_of(record.id) >= 0, timeout=10_000)
    window.gallery.select_record(record.id)
    return record


def last_body(sim: Any) -> dict[str, Any]:
    sent = submits(sim)
    assert sent, "nothing reached the simulator"
    body: dict[str, Any] = json.loads(sent[-1].body)
    return body


def file_bytes(window: Any, record: GenerationRecord) -> bytes:
    path = window.runtime.library.path_of(record)
    assert path is not None
    return Path(path).read_bytes()


def decoded(b64: str) -> Image.Image:
    image = Image.open(io.BytesIO(base64.b64decode(b64)))
    image.load()
    return image


def png_file(path: Path, size: tuple[int, int], color: tuple[int, int, int] = (30, 90, 200)) -> Path:
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def wait_result(window: Any, qtbot: Any, qloop: Any, n: int) -> GenerationRecord:
    """The n-th job's result, once it is selected in the gallery and shown large."""
    qtbot.waitUntil(lambda: jobs_done(window, n), timeout=20_000)
    job = window.queue.model.jobs[0]  # newest first
    assert job.state is JobState.DONE, job.error
    record = run(qloop, qtbot, window.runtime.library.get(job.id))
    assert record is not None
    current = window.gallery.current_record
    qtbot.waitUntil(lambda: current() is not None and current().id == record.id, timeout=10_000)
    qtbot.waitUntil(lambda: bool(window.stage.records) and window.stage.records[0].id == record.id,
                    timeout=10_000)
    return record
