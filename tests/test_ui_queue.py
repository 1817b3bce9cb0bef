"""The queue model: rows, states in plain words, progress, finished-once, clear finished."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.records import JobState
from fluxdesk.ui.queue.model import PROGRESS_ROLE, JobTableModel, format_elapsed


@dataclass(eq=False)
class FakeJob:
    id: str
    state: JobState = JobState.QUEUED
    progress: float | None = None
    error: str | None = None
    error_code: str | None = None
    created_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None
    record: object = None
    waiting_for: str | None = None
    request: GenerationRequest = field(
        default_factory=lambda: GenerationRequest("flux-dev", "a red kite over the sea", {"seed": 1})
    )

    @property
    def generating(self) -> float | None:
        return None if self.started_at is None else (self.finished_at or 7.0) - self.started_at


def test_rows_states_and_finished_once(qapp) -> None:
    model = JobTableModel()
    finished: list[str] = []
    model.jobFinished.connect(lambda j: finished.append(j.id))
    a, b = FakeJob("a"), FakeJob("b")
    model.upsert(a)
    model.upsert(b)
    assert [model.job_at(r).id for r in range(2)] == ["b", "a"]  # newest on top
    a.state, a.progress, a.started_at = JobState.PENDING, 0.4, 0.0
    model.upsert(a)
    idx = model.index(1, 3)
    assert model.data(idx) == "Pending 40%"
    assert model.data(idx, PROGRESS_ROLE) == 0.4
    assert model.data(model.index(1, 4)) == "0:07"
    a.state, a.error = JobState.FAILED, "The provider is having trouble right now; try again in a minute."
    model.upsert(a)
    model.upsert(a)
    assert finished == ["a"]
    assert model.data(idx) == "Failed: The provider is having trouble right now; try again in a minute."
    assert model.data(idx, Qt.ItemDataRole.ToolTipRole) == model.data(idx)
    # a retry that re-fetches the same job makes it active again, and it may finish again
    a.state = JobState.PENDING
    model.upsert(a)
    a.state = JobState.FAILED
    model.upsert(a)
    assert finished == ["a", "a"]
    assert model.clear_finished() == 1
    assert model.rowCount() == 1 and model.job_at(0).id == "b"


def test_a_job_waiting_for_a_slot_says_why(qapp) -> None:
    model = JobTableModel()
    why = "6 flux-kontext-max jobs are already running (the provider's limit for it)."
    job = FakeJob("w", waiting_for=why)
    model.upsert(job)
    assert model.data(model.index(0, 3)) == (
        "Queued: waiting, 6 flux-kontext-max jobs are already running (the provider's limit for it)."
    )
    job.waiting_for = None
    job.state = JobState.SUBMITTING
    model.upsert(job)
    assert model.data(model.index(0, 3)) == "Submitting"


def test_format_elapsed() -> None:
    assert format_elapsed(None) == ""
    assert format_elapsed(65.4) == "1:05"
    assert format_elapsed(3725) == "1:02:05"


def test_progress_is_painted_as_a_horizontal_bar(qapp) -> None:
    """Half done: the highlight fills the left half of the bar, not its lower half (Qt 6 orientation)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

    from fluxdesk.ui.queue.delegate import StateDelegate

    view = QTableView()
    delegate = StateDelegate(view)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 54)
    option.palette = view.palette()
    option.fontMetrics = view.fontMetrics()
    option.widget = view

    class Index:
        def data(self, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            return 0.5 if role == PROGRESS_ROLE else ("" if role == Qt.ItemDataRole.DisplayRole else None)

    image = QImage(300, 54, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, Index())  # type: ignore[arg-type]
    painter.end()
    highlight = view.palette().color(QPalette.ColorRole.Highlight)

    def near(x: int, y: int) -> bool:
        c = image.pixelColor(x, y)
        diff = abs(c.red() - highlight.red()) + abs(c.green() - highlight.green())
        return diff + abs(c.blue() - highlight.blue()) < 90

    assert near(60, 27) and not near(240, 27)  # filled on the left, empty on the right, at mid-height
    assert not near(60, 4)  # and the bar keeps to the usual height, centred in the row


def test_a_row_says_what_it_retries_through_and_who_else_drives_it(qapp) -> None:
    model = JobTableModel()
    job = FakeJob("r", state=JobState.PENDING)
    job.retrying = "CometAPI is having trouble right now (HTTP 502); try again in a minute."  # type: ignore
    model.upsert(job)
    assert model.data(model.index(0, 3)) == (
        "Pending, retrying: CometAPI is having trouble right now (HTTP 502); try again in a minute."
    )
    assert model.active_count == 1
    other = FakeJob("e", state=JobState.PENDING)
    other.elsewhere = "running in another fluxdesk cli process (pid 4242)."  # type: ignore[attr-defined]
    model.upsert(other)
    assert model.data(model.index(0, 3)) == "Pending: running in another fluxdesk cli process (pid 4242)."
    assert model.active_count == 1  # not this window's to count, cancel or retry
    unsaved = FakeJob("u", state=JobState.UNSAVED, error="The disk is full: the image could not be saved.")
    model.upsert(unsaved)
    assert model.data(model.index(0, 3)) == (
        "Downloaded, not saved: The disk is full: the image could not be saved."
    )


def test_the_queue_counts_running_and_waiting_apart(qapp) -> None:
    model = JobTableModel()
    for i in range(4):
        model.upsert(FakeJob(f"r{i}", state=JobState.PENDING, started_at=1.0))
    for i in range(16):
        model.upsert(FakeJob(f"w{i}", waiting_for="24 jobs are already running."))
    model.upsert(FakeJob("s", state=JobState.SUBMITTING))
    model.upsert(FakeJob("d", state=JobState.DONE, started_at=1.0, finished_at=3.0))
    assert (model.running_count, model.waiting_count, model.active_count) == (5, 16, 21)
    assert model.activity() == "5 running, 16 waiting"
    only_waiting = JobTableModel()
    only_waiting.upsert(FakeJob("w"))
    assert only_waiting.activity() == "1 waiting"


def test_the_counts_follow_each_job_as_it_changes_and_is_cleared(qapp) -> None:
    model = JobTableModel()
    jobs = [FakeJob(f"j{i}") for i in range(3)]
    for job in jobs:
        model.upsert(job)
    assert (model.running_count, model.waiting_count) == (0, 3)
    jobs[0].state = JobState.PENDING  # the engine changes its job, then tells the queue
    model.upsert(jobs[0])
    jobs[1].state = JobState.DONE
    model.upsert(jobs[1])
    assert (model.running_count, model.waiting_count, model.active_count) == (1, 1, 2)
    jobs[1].state = JobState.QUEUED  # retried: it waits again
    model.upsert(jobs[1])
    assert model.waiting_count == 2
    jobs[0].state = JobState.FAILED
    model.upsert(jobs[0])
    assert model.clear_finished() == 1
    assert (model.running_count, model.waiting_count, model.active_count) == (0, 2, 2)
    jobs[2].state = JobState.DONE
    seen: list[int] = []  # what a view woken by the change reads: the counts are already current
    model.dataChanged.connect(lambda *_: seen.append(model.active_count))
    model.upsert(jobs[2])
    assert model.activity() == "1 waiting" and seen == [1]


def test_elapsed_counts_from_the_start_of_generation_not_from_queueing(qapp) -> None:
    from dataclasses import replace

    from library_helpers import make_record

    from fluxdesk.engine.job import Job

    now = [1000.0]
    job = Job(make_record(created_at=1000.0), clock=lambda: now[0])
    model = JobTableModel()
    model.upsert(job)
    now[0] = 1090.0  # a minute and a half waiting for a free slot
    assert job.generating is None and model.data(model.index(0, 4)) == ""
    job.adopt(replace(job.current, status=JobState.PENDING, task_id="t1", submitted_at=1090.0))
    now[0] = 1102.0
    model.upsert(job)
    assert job.generating == 12.0 and model.data(model.index(0, 4)) == "0:12"
    job.adopt(replace(job.current, status=JobState.DONE))
    job.finished_at = 1105.0
    now[0] = 2000.0
    model.upsert(job)
    assert model.data(model.index(0, 4)) == "0:15"  # stopped at its end
