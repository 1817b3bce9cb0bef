"""The queue: every job of this session with its state, progress, elapsed time and, once done, a thumbnail.

The rows are `JobTableModel`'s (fed by the engine through `JobBridge`); thumbnails are read off-thread.
Retry follows the engine's one rule (`engine/rules.py`), as `fluxdesk retry` does: a job that may have
reached the provider is sent again only after the user says so, told that it may be billed twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.engine.rules import RetryAction, RetryPlan, RetryRefused
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.imaging import decode_image
from fluxdesk.ui.locale_text import TextDirectionDelegate
from fluxdesk.ui.queue.delegate import StateDelegate
from fluxdesk.ui.queue.model import (
    COL_ELAPSED,
    COL_PROMPT,
    COL_STATE,
    COL_THUMB,
    JobBridge,
    JobTableModel,
    header_text,
    is_running,
)
from fluxdesk.ui.tasks import TaskRegistry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)
THUMB_PX = 48
QUEUE_THUMB_SOURCE = 256  # the cached thumbnail size it is scaled down from


class EngineLike(Protocol):
    def subscribe(self, listener: Callable[[Any], None]) -> Callable[[], None]: ...
    def cancel(self, job_id: str) -> None: ...
    def retry_plan(self, record: GenerationRecord) -> RetryPlan: ...
    async def retry(self, job_id: str, *, resend: bool = False) -> Any: ...


class ThumbSource(Protocol):
    def load(self, image_path: Path, sha256: str, size: int) -> bytes: ...


class QueuePanel(QWidget):
    """The job list with cancel, retry and clear finished."""

    #: a job reached a final state
    jobFinished = Signal(object)
    #: a job was enqueued by this panel (retry)
    jobAdded = Signal(object)
    #: one sentence for the status bar (why a retry did nothing)
    statusMessage = Signal(str)
    #: a finished job's image, to be shown (double-click or Enter on its row)
    openRequested = Signal(object)  # GenerationRecord

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
        self.resend_box: QMessageBox | None = None
        self.bridge = JobBridge(self)
        self.model = JobTableModel(self)
        self.bridge.jobChanged.connect(self.model.upsert)
        self.model.jobFinished.connect(self._finished)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        head = QHBoxLayout()
        self.title = QLabel(translate("Queue", "Queue"), self)
        head.addWidget(self.title)
        head.addStretch(1)
        self.cancel_action = QAction(translate("Queue", "&Cancel job"), self)
        self.cancel_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.retry_action = QAction(translate("Queue", "&Retry job"), self)
        self.retry_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.clear_action = QAction(translate("Queue", "C&lear finished"), self)
        self.clear_action.setShortcut(QKeySequence("Ctrl+Shift+Backspace"))
        for action, tip in (
            (self.cancel_action, translate("Queue", "Cancel the selected jobs")),
            (self.retry_action, translate("Queue", "Run the selected jobs again (same settings and seed)")),
            (
                self.clear_action,
                translate("Queue", "Remove finished jobs from the queue (the images stay in the library)"),
            ),
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
        elapsed_width = self.view.fontMetrics().horizontalAdvance(f"{header_text(COL_ELAPSED)}  00:00:00")
        header.resizeSection(COL_ELAPSED, elapsed_width)
        self.view.setItemDelegateForColumn(COL_STATE, StateDelegate(self.view))
        self.view.setItemDelegateForColumn(COL_PROMPT, TextDirectionDelegate(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.cancel_action, self.retry_action, self.clear_action])
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.dataChanged.connect(lambda *_: self._update_actions())
        self.model.rowsInserted.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(lambda *_: self._update_actions())
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.view.installEventFilter(self)
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
            if is_running(job):
                self._engine.cancel(job.id)

    def _plan(self, job: Any) -> RetryPlan:
        if self._engine is None or getattr(job, "elsewhere", None) or not job.state.is_final:
            return RetryPlan(RetryAction.NONE)
        return self._engine.retry_plan(job.current)

    def retry_selected(self) -> None:
        """Retry the selected jobs by the engine's rule; ask first about those that may bill twice."""
        if self._engine is None:
            return
        plans = [(job, self._plan(job)) for job in self.selected_jobs()]
        safe = [job for job, plan in plans if plan.possible and plan.action is not RetryAction.RESEND]
        risky = [job for job, plan in plans if plan.action is RetryAction.RESEND]
        if safe:
            self._tasks.spawn(self._retry(safe, resend=False), name="retry")
        if risky:
            self._ask_resend(risky)

    def _ask_resend(self, jobs: list[Any]) -> None:
        """Non-modal: the user decides while the window goes on."""
        n = len(jobs)  # a name: pyside6-lupdate skips a translate() whose count is a call
        if n == 1:
            text = translate(
                "Queue", "This job may have reached the provider, so sending it again may bill it twice."
            )
        else:
            text = translate(
                "Queue",
                "These %n jobs may have reached the provider, so sending them again may bill them twice.",
                None,
                n,
            )
        from PySide6.QtWidgets import QMessageBox  # loaded when a question opens, not at start-up

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Queue", "Send again?"),
            text,
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("resend-box")
        send = box.addButton(translate("Queue", "Send again"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: QAbstractButton) -> None:
            self.resend_box = None
            if button is send:
                self._tasks.spawn(self._retry(jobs, resend=True), name="resend")

        box.buttonClicked.connect(chosen)
        self.resend_box = box
        box.open()

    async def _retry(self, jobs: list[Any], *, resend: bool) -> None:
        for job in jobs:
            if self._engine is None:
                return
            try:
                new = await self._engine.retry(job.id, resend=resend)
            except RetryRefused as exc:
                self.statusMessage.emit(str(exc))
                continue
            if not shiboken6.isValid(self):
                return
            self.model.upsert(new)
            self.jobAdded.emit(new)

    def open_row(self, row: int) -> bool:
        """Show the image of the job in `row`, when it made one."""
        job = self.model.job_at(row)
        record = getattr(job, "record", None) if job is not None else None
        if record is None:
            return False
        self.openRequested.emit(record)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            current = self.view.currentIndex()
            if enter and current.isValid() and self.open_row(current.row()):
                return True
        return super().eventFilter(watched, event)

    def clear_finished(self) -> None:
        self.model.clear_finished()

    def _update_actions(self) -> None:
        jobs = self.selected_jobs()
        has_engine = self._engine is not None
        self.cancel_action.setEnabled(has_engine and any(is_running(j) for j in jobs))
        self.retry_action.setEnabled(has_engine and any(self._plan(j).possible for j in jobs))
        self.clear_action.setEnabled(self.model.rowCount() > self.model.active_count)
        active = self.model.active_count
        self.title.setText(
            translate("Queue", "Queue — {activity}").format(activity=self.model.activity()) if active
            else translate("Queue", "Queue")
        )
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
        image = decode_image(data)
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
