"""The queue's table: one row per job of this session, newest on top, its state in plain words.

The engine calls its listeners on the loop (the GUI thread under qasync); `JobBridge` turns that into
a Qt signal and `JobTableModel` keeps the rows.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPixmap

from fluxdesk.engine.job import state_text
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.compose.prompt_editor import snippet
from fluxdesk.ui.i18n import translate

ModelIndex = QModelIndex | QPersistentModelIndex
COL_THUMB, COL_MODEL, COL_PROMPT, COL_STATE, COL_ELAPSED, COL_COST = range(6)
#: the column headers in English, marked here and translated where they are shown (`header_text`)
HEADERS = (
    "",
    str(QT_TRANSLATE_NOOP("Queue", "Model")),
    str(QT_TRANSLATE_NOOP("Queue", "Prompt")),
    str(QT_TRANSLATE_NOOP("Queue", "State")),
    str(QT_TRANSLATE_NOOP("Queue", "Elapsed")),
    str(QT_TRANSLATE_NOOP("Queue", "Cost")),
)
#: roles
JOB_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2


class JobLike(Protocol):
    id: str
    request: Any
    state: JobState
    progress: float | None
    error: str | None
    error_code: str | None
    created_at: float
    started_at: float | None
    finished_at: float | None
    record: GenerationRecord | None

    @property
    def generating(self) -> float | None: ...


def header_text(column: int) -> str:
    """A column's header in the interface's language."""
    return translate("Queue", HEADERS[column]) if HEADERS[column] else ""


def format_elapsed(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = max(0, int(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def job_elapsed(job: Any) -> float | None:
    """The queue's time: how long the provider has been generating (`Job.generating`), not how long
    the job has existed -- waiting for a free slot is not generating. None until it started."""
    try:
        value = job.generating
    except AttributeError:  # a view's stand-in: from its times
        start = getattr(job, "started_at", None)
        if not start:
            return None
        end = getattr(job, "finished_at", None) or time.time()
        value = end - start
    return None if value is None else float(value)


def is_running(job: Any) -> bool:
    """This window's engine drives the job now (not ended, not driven by another process)."""
    return not job.state.is_final and not getattr(job, "elsewhere", None)


def is_waiting(job: Any) -> bool:
    """This window's engine has the job but has not sent it yet (it waits for a free slot)."""
    return is_running(job) and job.state is JobState.QUEUED


def activity_text(running: int, waiting: int) -> str:
    """"4 running, 16 waiting", "2 running", "16 waiting" (the status bar and the queue's title)."""
    parts = []
    if running:
        parts.append(translate("Queue", "%n running", None, running))
    if waiting:
        parts.append(translate("Queue", "%n waiting", None, waiting))
    if len(parts) == 2:
        return translate("Queue", "{running}, {waiting}").format(running=parts[0], waiting=parts[1])
    return parts[0] if parts else ""


def cost_text(job: Any) -> str:
    """What the provider said the job cost, once it said (BFL's submit reply); '' before or never."""
    row = getattr(job, "current", None) or getattr(job, "record", None)
    cost = getattr(row, "cost", None)
    if cost is None or (getattr(row, "status", None) is JobState.MODERATED):
        return ""
    return translate("Queue", "{amount} cr").format(amount=f"{round(cost, 2):g}")  # cr: credits


class JobBridge(QObject):
    """Engine listener -> Qt signal (the engine calls it on the loop, which is the GUI thread)."""

    jobChanged = Signal(object)

    def __call__(self, job: Any) -> None:
        if shiboken6.isValid(self):
            self.jobChanged.emit(job)


class JobTableModel(QAbstractTableModel):
    #: a job reached a final state (emitted once per job)
    jobFinished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Any] = []  # newest first
        self._row: dict[str, int] = {}
        self._final: set[str] = set()
        self._thumbs: dict[str, QPixmap] = {}
        # the ids of the jobs running and waiting, as of their last upsert: the counts are asked at every
        # job event (status bar, actions), so they must not walk a queue of a thousand jobs each time
        self._running: set[str] = set()
        self._waiting: set[str] = set()

    # model API
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header_text(section)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._jobs):
            return None
        job = self._jobs[index.row()]
        col = index.column()
        if role == JOB_ROLE:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_MODEL:
                return job.request.model
            if col == COL_PROMPT:
                return snippet(job.request.prompt, 60)
            if col == COL_STATE:
                return state_text(job)
            if col == COL_ELAPSED:
                return format_elapsed(job_elapsed(job))
            if col == COL_COST:
                return cost_text(job)
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_THUMB:
            return self._thumbs.get(job.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_PROMPT:
                return job.request.prompt
            if col == COL_STATE:
                return state_text(job)
            if col == COL_COST and cost_text(job):
                return translate("Queue", "Credits the provider said this job cost")
            if col == COL_THUMB and job.record is not None and job.record.width:
                return f"{job.record.width}×{job.record.height} {job.record.format or ''}"
        if role == PROGRESS_ROLE and col == COL_STATE:
            if job.state is JobState.PENDING and job.progress is not None:
                p = job.progress
                return max(0.0, min(1.0, p if p <= 1 else p / 100))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ELAPSED, COL_COST):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # feeding
    def upsert(self, job: Any) -> None:
        self._count(job)  # before the signals: what they wake reads the counts
        row = self._row.get(job.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._jobs.insert(0, job)
            self._reindex()
            self.endInsertRows()
        else:
            self._jobs[row] = job
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        if not job.state.is_final:
            self._final.discard(job.id)  # a retried job may finish again
        elif job.id not in self._final:
            self._final.add(job.id)
            self.jobFinished.emit(job)

    def _count(self, job: Any) -> None:
        for ids, member in ((self._running, is_running(job)), (self._waiting, is_waiting(job))):
            if member:
                ids.add(job.id)
            else:
                ids.discard(job.id)

    def set_thumbnail(self, job_id: str, pixmap: QPixmap) -> None:
        self._thumbs[job_id] = pixmap
        row = self._row.get(job_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, COL_THUMB), self.index(row, COL_THUMB))

    def tick(self) -> None:
        """Repaint the elapsed time of the jobs still running."""
        rows = sorted(self._row[job_id] for job_id in self._running)
        if rows:  # one signal for the span: one repaint, not one per row
            first, last = self.index(rows[0], COL_ELAPSED), self.index(rows[-1], COL_ELAPSED)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DisplayRole])

    def clear_finished(self) -> int:
        keep = [j for j in self._jobs if is_running(j)]
        removed = len(self._jobs) - len(keep)
        if removed:
            self.beginResetModel()
            for j in self._jobs:
                if not is_running(j):
                    self._thumbs.pop(j.id, None)
            self._jobs = keep
            self._reindex()
            self._running &= set(self._row)
            self._waiting &= set(self._row)
            self.endResetModel()
        return removed

    def job_at(self, row: int) -> Any | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def row_of(self, job_id: str) -> int | None:
        return self._row.get(job_id)

    @property
    def jobs(self) -> list[Any]:
        return list(self._jobs)

    @property
    def active_count(self) -> int:
        """Jobs this window's engine has: generating, being sent, or waiting to be sent."""
        return len(self._running)

    @property
    def waiting_count(self) -> int:
        return len(self._waiting)

    @property
    def running_count(self) -> int:
        """Sent (or being sent): the active jobs that are not waiting for a slot."""
        return self.active_count - self.waiting_count

    def activity(self) -> str:
        return activity_text(self.running_count, self.waiting_count)

    def _reindex(self) -> None:
        self._row = {j.id: i for i, j in enumerate(self._jobs)}
