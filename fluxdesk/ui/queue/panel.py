"""The queue: every job of this session with its state, progress, elapsed time and, once done, a thumbnail.

The engine calls its listeners on the loop (the GUI thread under qasync); `JobBridge` turns that into
a Qt signal, and `JobTableModel` keeps one row per job, newest on top. Thumbnails are read off-thread.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.compose.prompt_editor import snippet
from fluxdesk.ui.tasks import TaskRegistry

log = logging.getLogger(__name__)
ModelIndex = QModelIndex | QPersistentModelIndex
THUMB_PX = 48
QUEUE_THUMB_SOURCE = 256  # the cached thumbnail size it is scaled down from
COL_THUMB, COL_MODEL, COL_PROMPT, COL_STATE, COL_ELAPSED = range(5)
HEADERS = ("", "Model", "Prompt", "State", "Elapsed")
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
    def elapsed(self) -> float: ...


class EngineLike(Protocol):
    def subscribe(self, listener: Callable[[Any], None]) -> Callable[[], None]: ...
    def cancel(self, job_id: str) -> None: ...
    def retry(self, job_id: str) -> Any: ...


class ThumbSource(Protocol):
    def load(self, image_path: Path, sha256: str, size: int) -> bytes: ...


def format_elapsed(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = max(0, int(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def job_elapsed(job: Any) -> float | None:
    try:
        value = job.elapsed
    except Exception:  # a job without timing yet
        value = None
    if value is None:
        start = getattr(job, "started_at", None) or getattr(job, "created_at", None)
        if not start:
            return None
        end = getattr(job, "finished_at", None) or time.time()
        value = end - start
    return float(value)


def state_text(job: Any) -> str:
    state: JobState = job.state
    text = state.label
    if state is JobState.PENDING and job.progress is not None:
        text = f"{text} {round(job.progress * 100 if job.progress <= 1 else job.progress)}%"
    if job.error and state in (JobState.MODERATED, JobState.FAILED, JobState.EXPIRED, JobState.INTERRUPTED):
        text = f"{text}: {job.error}"
    return text


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

    # model API
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
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
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_THUMB:
            return self._thumbs.get(job.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_PROMPT:
                return job.request.prompt
            if col == COL_STATE:
                return state_text(job)
            if col == COL_THUMB and job.record is not None and job.record.width:
                return f"{job.record.width}×{job.record.height} {job.record.format or ''}"
        if role == PROGRESS_ROLE and col == COL_STATE:
            if job.state is JobState.PENDING and job.progress is not None:
                p = job.progress
                return max(0.0, min(1.0, p if p <= 1 else p / 100))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ELAPSED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # feeding
    def upsert(self, job: Any) -> None:
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

    def set_thumbnail(self, job_id: str, pixmap: QPixmap) -> None:
        self._thumbs[job_id] = pixmap
        row = self._row.get(job_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, COL_THUMB), self.index(row, COL_THUMB))

    def tick(self) -> None:
        """Repaint the elapsed time of the jobs still running."""
        rows = [row for row, job in enumerate(self._jobs) if not job.state.is_final]
        if rows:  # one signal for the span: one repaint, not one per row
            first, last = self.index(rows[0], COL_ELAPSED), self.index(rows[-1], COL_ELAPSED)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DisplayRole])

    def clear_finished(self) -> int:
        keep = [j for j in self._jobs if not j.state.is_final]
        removed = len(self._jobs) - len(keep)
        if removed:
            self.beginResetModel()
            for j in self._jobs:
                if j.state.is_final:
                    self._thumbs.pop(j.id, None)
            self._jobs = keep
            self._reindex()
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
        return sum(1 for j in self._jobs if not j.state.is_final)

    def _reindex(self) -> None:
        self._row = {j.id: i for i, j in enumerate(self._jobs)}


class StateDelegate(QStyledItemDelegate):
    """The state column: a progress bar while pending with progress, the plain words otherwise."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        progress = index.data(PROGRESS_ROLE)
        if progress is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        cell = QRect(option.rect)
        # a bar of the usual height, centred: styles draw a row-high bar with its text beside the groove
        height = min(cell.height() - 6, option.fontMetrics.height() + 8)
        bar.rect = QRect(cell.x() + 2, cell.center().y() - height // 2, cell.width() - 4, height)
        bar.fontMetrics = option.fontMetrics
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = round(progress * 100)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        # Qt 6 reads the orientation from the state: without State_Horizontal the bar is drawn vertical
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


class QueuePanel(QWidget):
    """The job list with cancel, retry and clear finished."""

    #: a job reached a final state
    jobFinished = Signal(object)
    #: a job was enqueued by this panel (retry)
    jobAdded = Signal(object)

    def __init__(
        self,
        tasks: TaskRegistry,
        thumbs: ThumbSource | None,
        path_of: Callable[[GenerationRecord], Path | None] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._thumbs = thumbs
        self._path_of = path_of
        self._engine: EngineLike | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.bridge = JobBridge(self)
        self.model = JobTableModel(self)
        self.bridge.jobChanged.connect(self.model.upsert)
        self.model.jobFinished.connect(self._finished)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        head = QHBoxLayout()
        self.title = QLabel("Queue", self)
        head.addWidget(self.title)
        head.addStretch(1)
        self.cancel_action = QAction("&Cancel job", self)
        self.cancel_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.retry_action = QAction("&Retry job", self)
        self.retry_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.clear_action = QAction("C&lear finished", self)
        self.clear_action.setShortcut(QKeySequence("Ctrl+Shift+Backspace"))
        for action, tip in (
            (self.cancel_action, "Cancel the selected jobs"),
            (self.retry_action, "Run the selected jobs again (same settings and seed)"),
            (self.clear_action, "Remove finished jobs from the queue (the images stay in the library)"),
        ):
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            button = QToolButton(self)
            button.setDefaultAction(action)
            head.addWidget(button)
        self.cancel_action.triggered.connect(self.cancel_selected)
        self.retry_action.triggered.connect(self.retry_selected)
        self.clear_action.triggered.connect(self.clear_finished)
        lay.addLayout(head)

        self.view = QTableView(self)
        self.view.setObjectName("queue")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(THUMB_PX + 6)
        self.view.setIconSize(QSize(THUMB_PX, THUMB_PX))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_THUMB, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_THUMB, THUMB_PX + 8)
        header.setSectionResizeMode(COL_PROMPT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_STATE, 260)
        # fixed, measured once: ResizeToContents would measure every row again on each progress update
        header.setSectionResizeMode(COL_ELAPSED, QHeaderView.ResizeMode.Fixed)
        elapsed_width = self.view.fontMetrics().horizontalAdvance(f"{HEADERS[COL_ELAPSED]}  00:00:00")
        header.resizeSection(COL_ELAPSED, elapsed_width)
        self.view.setItemDelegateForColumn(COL_STATE, StateDelegate(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.cancel_action, self.retry_action, self.clear_action])
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.dataChanged.connect(lambda *_: self._update_actions())
        self.model.rowsInserted.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(lambda *_: self._update_actions())
        lay.addWidget(self.view, 1)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._update_actions()

    # the engine
    def set_engine(self, engine: EngineLike | None) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._engine = engine
        if engine is not None:
            self._unsubscribe = engine.subscribe(self.bridge)
            for job in list(getattr(engine, "jobs", {}).values()):
                self.model.upsert(job)
        self._update_actions()

    def track(self, job: Any) -> None:
        """Show a job right away (the engine will report its changes)."""
        self.model.upsert(job)

    def detach(self) -> None:
        self._ticker.stop()
        self.set_engine(None)

    # actions
    def selected_jobs(self) -> list[Any]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [j for j in (self.model.job_at(r) for r in rows) if j is not None]

    def cancel_selected(self) -> None:
        if self._engine is None:
            return
        for job in self.selected_jobs():
            if not job.state.is_final:
                self._engine.cancel(job.id)

    def retry_selected(self) -> None:
        if self._engine is None:
            return
        for job in self.selected_jobs():
            if job.state.is_final and job.state is not JobState.DONE:
                new = self._engine.retry(job.id)
                self.model.upsert(new)
                self.jobAdded.emit(new)

    def clear_finished(self) -> None:
        self.model.clear_finished()

    def _update_actions(self) -> None:
        jobs = self.selected_jobs()
        has_engine = self._engine is not None
        self.cancel_action.setEnabled(has_engine and any(not j.state.is_final for j in jobs))
        self.retry_action.setEnabled(
            has_engine and any(j.state.is_final and j.state is not JobState.DONE for j in jobs)
        )
        self.clear_action.setEnabled(self.model.rowCount() > self.model.active_count)
        active = self.model.active_count
        self.title.setText(f"Queue — {active} running" if active else "Queue")
        if active and not self._ticker.isActive():
            self._ticker.start()
        elif not active and self._ticker.isActive():
            self._ticker.stop()

    def _tick(self) -> None:
        self.model.tick()

    # thumbnails
    def _finished(self, job: Any) -> None:
        self.jobFinished.emit(job)
        record = job.record
        if job.state is JobState.DONE and record is not None and self._thumbs is not None:
            self._tasks.spawn(self._load_thumbnail(job.id, record), name="queue thumbnail")

    def _small_thumbnail(self, path: Path, sha256: str) -> QImage:
        """Off the GUI thread: the cached thumbnail, decoded and scaled to the row (QImage is thread-safe)."""
        assert self._thumbs is not None
        # the gallery's own size: one decode of the image serves both views (and the memory cache)
        data = self._thumbs.load(path, sha256, QUEUE_THUMB_SOURCE)
        image = QImage.fromData(data)
        if image.isNull():
            return image
        return image.scaled(
            THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )

    async def _load_thumbnail(self, job_id: str, record: GenerationRecord) -> None:
        if self._path_of is None or self._thumbs is None or not record.sha256:
            return
        path = self._path_of(record)
        if path is None:
            return
        try:
            image = await asyncio.to_thread(self._small_thumbnail, path, record.sha256)
        except (OSError, ValueError) as exc:
            log.info("no queue thumbnail for %s: %s", job_id, exc)
            return
        if not shiboken6.isValid(self) or image.isNull():
            return
        pixmap = QPixmap.fromImage(image)  # QPixmap only on the GUI thread; the rest was done off it
        self.model.set_thumbnail(job_id, pixmap)
