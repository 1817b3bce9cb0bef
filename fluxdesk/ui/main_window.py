"""The main window: the compose room on the left; the large view over the gallery over the queue in the
middle; details right.

It owns no engine of its own: it gets a `Runtime` (client, library, engine, thumbnail cache, the
simulator in demo mode) and the task registry -- or, at start, only the runtime's `Foundation` (library,
thumbnails, settings), so that it shows before anything slow: the engine arrives later through
`attach_runtime` ("Connecting…" in the status bar meanwhile; what needs the engine waits in
`engine_gate`, typing and browsing do not). What the user composes is one `Draft`, restored from
the last session; the compose widgets are views of it. The window lays things out and wires them:
Generate is the draft's requests to the engine with their parents (`lineage.py`, through the money
checks of `money.py` when a budget is set), and the gallery's and details' requests go through the
draft's operations. Edits and the large view: `edit_flow`; actions and menus: `window_actions`; what is
remembered between sessions: `window_state`; settings from image files: `recall`; balance, spend and
budgets: `money`; settings, export, log and About: `window_dialogs`; quitting with jobs never sent:
`quit_question`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from fluxdesk.api.errors import InvalidRequest
from fluxdesk.api.request import GenerationRequest
from fluxdesk.draft import DRAFT_FILE
from fluxdesk.library.records import GenerationRecord
from fluxdesk.runtime import Foundation, Runtime
from fluxdesk.ui import lineage
from fluxdesk.ui.compose.input_loader import InputLoader
from fluxdesk.ui.compose.room import ComposeRoom
from fluxdesk.ui.compose.strip_context import StripContext
from fluxdesk.ui.demo_banner import DemoBanner
from fluxdesk.ui.details.lineage import connect_lineage
from fluxdesk.ui.details.panel import DetailsPanel
from fluxdesk.ui.edit_flow import EditFlow
from fluxdesk.ui.engine_gate import EngineGate
from fluxdesk.ui.gallery.panel import GalleryPanel
from fluxdesk.ui.gallery.view import load_cell_painting
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.library_banner import LibraryBanner, LibraryHealth
from fluxdesk.ui.money import MoneyStatus
from fluxdesk.ui.platform.notify import BatchTracker, Notifier
from fluxdesk.ui.queue.panel import QueuePanel
from fluxdesk.ui.quit_question import QuitQuestion
from fluxdesk.ui.recall import Recall, recall_path
from fluxdesk.ui.stage.pane import StagePane
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.window_actions import WindowActions
from fluxdesk.ui.window_dialogs import WindowDialogs
from fluxdesk.ui.window_state import FIRST_SIZES, DraftKeeper, LayoutState, load_draft

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from fluxdesk.ui.library_move import LibraryMove, LibraryRelocation

log = logging.getLogger(__name__)
STATUS_MS = 8000


class MainWindow(WindowDialogs):
    #: the window was closed (the app then shuts down)
    closed = Signal()

    def __init__(self, runtime: Runtime | Foundation, tasks: TaskRegistry, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._foundation: Foundation = runtime
        self._runtime: Runtime | None = runtime if isinstance(runtime, Runtime) else None
        self.engine_gate = EngineGate(self.show_status, ready=self._runtime is not None)
        self.tasks = tasks
        self.catalog = runtime.catalog
        self.settings_dialog = None
        self.export_dialog = None
        self.setAcceptDrops(True)
        self._shut_down = False
        #: the window was closed (or is shutting down): an engine that arrives now is only kept to be closed
        self.closing = False
        #: set when the window closes to move or copy the library (the app does it, then opens it again)
        self.relocation: LibraryRelocation | None = None
        self._library_move: LibraryMove | None = None
        self._views_stopped = False
        self.quit_question = QuitQuestion(self)
        self.setWindowTitle("fluxdesk")
        self.setObjectName("main-window")
        config_dir = runtime.settings.paths.config_dir
        self._layout_state = LayoutState(config_dir / "window.ini")

        # -- left: the compose room, a view of the draft of the last session --------------------------
        self.draft, restore_notes = load_draft(self.catalog, config_dir, runtime.settings.default_model)
        strip = StripContext(tasks, runtime.settings.paths.cache_dir / "pasted", self.show_status)
        self.compose = ComposeRoom(self.draft, self.catalog, self, provider=runtime.settings.provider,
                                   context=strip)
        self.prompt = self.compose.prompt
        self.model_picker = self.compose.model_picker
        self.params = self.compose.params
        self.generate_button = self.compose.generate_button
        self.draft_keeper = DraftKeeper(self.draft, config_dir / DRAFT_FILE, tasks)
        self.input_loader = InputLoader(self.draft, tasks, self.show_status, self.library_file)
        self.recall = Recall(self, self.draft, self.catalog, tasks, self.show_status, self.prompt.focus,
                             lambda sha: self.base.library.find_by_sha256(sha))

        # -- middle: the large view over the gallery over the queue; right: details ----------------------
        thumbs = runtime.thumbs
        self.stage = StagePane(tasks, runtime.library.path_of, self)
        self.gallery = GalleryPanel(runtime.library, thumbs, tasks, self.catalog, self)
        self.queue = QueuePanel(tasks, thumbs, runtime.library.path_of, self)
        self.details = DetailsPanel(self, catalog=self.catalog, path_of=runtime.library.path_of)
        self.middle = QSplitter(Qt.Orientation.Vertical, self)
        self.middle.setObjectName("middle-splitter")
        for i, (panel, stretch) in enumerate(((self.stage, 3), (self.gallery, 2), (self.queue, 1))):
            self.middle.addWidget(panel)
            self.middle.setStretchFactor(i, stretch)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        for i, (panel, stretch) in enumerate(((self.compose, 0), (self.middle, 1), (self.details, 0))):
            self.splitter.addWidget(panel)
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes(FIRST_SIZES[0])
        self.middle.setSizes(FIRST_SIZES[1])
        # compose and details may be dragged shut in a small window (they collapse); the middle stays
        self.splitter.setCollapsible(1, False)

        self.banner = DemoBanner(self)
        self.banner_label, self.banner_button = self.banner.label, self.banner.button

        # -- the library's own banner: shown when its database turns out to need a rebuild -------------
        self.library_banner = LibraryBanner(self)
        self.library_health = LibraryHealth(
            self, lambda: self.base.library, self.library_banner, tasks, self.show_status,
            lambda: self.gallery.refresh(),
        )
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

        central = QWidget(self)
        central_lay = QVBoxLayout(central)
        central_lay.setContentsMargins(4, 4, 4, 0)
        central_lay.addWidget(self.library_banner)
        central_lay.addWidget(self.banner)
        central_lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # -- status bar ------------------------------------------------------------------------------
        self.provider_label = QLabel(self)
        self.jobs_label = QLabel(self)
        self.money = MoneyStatus(self, tasks, self.statusBar())
        self.statusBar().addPermanentWidget(self.jobs_label)
        self.statusBar().addPermanentWidget(self.provider_label)
        self.notifier = Notifier(self, self.show_status)
        self.batches = BatchTracker(self)
        self.batches.finished.connect(self.notifier.batch_finished)
        self.batches.finished.connect(lambda _jobs: self.money.refresh())

        self.edits = EditFlow(self)
        # a notification's click chose the batch's first image: the newest result no longer follows
        self.notifier.activated.connect(lambda _ids: self.edits.stop_following())
        self.commands = WindowActions(self)
        self.commands.build_menus()
        self._wire()
        if self._runtime is not None:
            self._apply_runtime()
        else:
            self._connecting()
        self._layout_state.restore(self)
        self.resize(self.size().expandedTo(self.minimumSizeHint()))
        if restore_notes:
            self.show_status(" ".join(restore_notes))
        QTimer.singleShot(0, self.prompt.focus)

    def _wire(self) -> None:
        self.prompt.generateRequested.connect(self.generate)
        self.generate_button.clicked.connect(self.generate)
        self.banner_button.clicked.connect(lambda: self.open_settings(focus_key=True))
        self.queue.jobFinished.connect(self._job_finished)
        self.queue.jobAdded.connect(lambda job: self.batches.add([job]))
        self.queue.statusMessage.connect(self.show_status)
        self.queue.bridge.jobChanged.connect(self._job_changed)
        self.gallery.useSettingsRequested.connect(self.use_settings)
        self.gallery.variationsRequested.connect(self.generate_variations)
        self.gallery.currentRecordChanged.connect(self.details.follow)
        self.gallery.currentRecordChanged.connect(self.edits.gallery_current)
        for source in (self.gallery, self.details, self.stage):
            source.editRequested.connect(self.edits.edit)
        self.queue.openRequested.connect(self.edits.show_result)
        self.queue.jobFinished.connect(self.edits.job_finished)
        self.params.canvasRequested.connect(self.edits.canvas_requested)
        self.gallery.exportRequested.connect(self.export_records)
        self.gallery.statusMessage.connect(self.show_status)
        self.details.useSettingsRequested.connect(self.use_settings)
        self.details.usePromptRequested.connect(self.use_prompt)
        self.details.variationsRequested.connect(self.generate_variations)
        self.details.exportRequested.connect(self.export_records)
        connect_lineage(self.details, self.gallery, self.base.library, self.tasks)
        self.tasks.failed.connect(self._task_failed)
        self._unsubscribe_problems = self.base.library.subscribe_problems(self.library_health.problem)

    # -- the runtime: the library at once, the engine once it has started --------------------------------

    @property
    def runtime(self) -> Runtime:
        """The whole runtime; only once the engine is up (`engine_gate.ready`): until then, `base`."""
        if self._runtime is None:
            raise RuntimeError("the engine has not started yet")
        return self._runtime

    @runtime.setter
    def runtime(self, runtime: Runtime) -> None:
        self._runtime = runtime

    @property
    def base(self) -> Foundation:
        """The library, thumbnails and settings: there from the start."""
        return self._runtime if self._runtime is not None else self._foundation

    @property
    def library_move(self) -> LibraryMove:
        """Moving the library to the folder chosen in Settings: made at its first use (Settings asks)."""
        if self._library_move is None:
            from fluxdesk.ui.library_move import LibraryMove

            self._library_move = LibraryMove(self)
        return self._library_move

    def _connecting(self) -> None:
        self.banner.hide()
        self.provider_label.setText(translate("StatusBar", "Connecting…"))
        self.provider_label.setToolTip(translate(
            "StatusBar", "fluxdesk is reading the key and starting its engine; type and browse meanwhile."))

    def attach_runtime(self, runtime: Runtime) -> None:
        """The engine is up: the window uses it, and what waited for it goes ahead."""
        self._runtime = runtime
        if self.closing:
            return
        self.provider_label.setToolTip("")
        self._apply_runtime()
        self.engine_gate.open()

    def engine_failed(self, sentence: str) -> None:
        """The engine could not start: said in the status bar; what needs it says so when asked."""
        self.provider_label.setText(translate("StatusBar", "Not connected"))
        self.provider_label.setToolTip(sentence)
        self.engine_gate.fail(sentence)

    def _apply_runtime(self) -> None:
        rt = self.runtime
        # error sentences the library stores never carry the key in use
        rt.library.secret = None if rt.demo else rt.config.api_key
        self.queue.set_engine(rt.engine)
        self.banner.setVisible(rt.demo)
        if rt.demo:
            label = translate("MainWindow", "Demo (simulator)")
        else:  # the provider's name and its host: names, not words
            label = f"{rt.config.label} · {rt.config.host}"
        self.provider_label.setText(label)
        self.compose.set_provider(rt.config.provider)
        self.money.set_runtime(rt)
        self._update_jobs_label()

    @property
    def quit_box(self) -> QMessageBox | None:
        return self.quit_question.box

    async def library_file(self, record_id: str) -> Path | None:
        library = self.base.library
        record = await library.get(record_id)
        return library.path_of(record) if record is not None else None

    def reset_layout(self) -> None:
        c = self.commands
        for panel, action in ((self.details, c.toggle_details), (self.queue, c.toggle_queue),
                              (self.stage, c.toggle_stage)):
            panel.show()
            action.setChecked(True)
        self.splitter.setSizes(FIRST_SIZES[0])
        self.middle.setSizes(FIRST_SIZES[1])

    # -- start and stop --------------------------------------------------------------------------------

    async def start(self) -> None:
        """What runs once the window is shown: resume jobs of an earlier run, load recent prompts, then
        what the first save and the first painted cell need (`Library.warm_up`, `load_cell_painting`)."""
        self.show_resumed(await self.runtime.engine.resume())
        self.money.refresh()
        self.prompt.set_recent(await self.runtime.library.recent_prompts(limit=30))
        await self.runtime.library.warm_up()
        load_cell_painting()

    def show_resumed(self, jobs: list[Any]) -> None:
        for job in jobs:
            self.queue.track(job)
        mine = sum(1 for j in jobs if not j.elsewhere)
        others = len(jobs) - mine
        said = []
        if mine:
            said.append(translate("MainWindow", "Following %n job(s) left from the last session.", None,
                                  mine))
        if others:
            said.append(translate(
                "MainWindow", "%n job(s) run in another fluxdesk process; they are left to it.", None, others
            ))
        if said:
            self.show_status(" ".join(said))

    async def shutdown(self) -> None:
        """Stop everything in order; jobs in flight stay recorded and resume next start."""
        if self._shut_down:
            return
        self._shut_down = True
        self.closing = True
        self._unsubscribe_problems()
        self._stop_views()
        self.quit_question.close()
        if self.settings_dialog is not None:
            self.settings_dialog.close()
        await self.draft_keeper.close()
        await self.tasks.shutdown()
        # engine, client, library, thumbnails, simulator; before the engine started, what there is
        await (self._runtime or self._foundation).aclose()

    def _stop_views(self) -> None:
        if self._views_stopped:
            return
        self._views_stopped = True
        self.input_loader.close()
        self.edits.close()
        self.gallery.shutdown()
        self.queue.detach()
        self.notifier.close()

    def save_state(self) -> None:
        """Geometry, splitters and panels now, and the draft (the session is ending)."""
        if self._shut_down:
            return
        self._layout_state.save(self)
        self.tasks.spawn(self.draft_keeper.save(), name="save the draft")

    def quit_from_system(self, why: str) -> None:
        """SIGTERM, SIGHUP: close as Quit does, asking nothing (jobs never sent are kept for next start)."""
        log.info("quitting on %s", why)
        self.quit_question.close()
        self.quit_question.decided = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.quit_question.decided and not self._shut_down and self._runtime is not None:
            unsent = self._runtime.engine.never_sent()
            if unsent:
                event.ignore()
                self.quit_question.ask([j.id for j in unsent])
                return
        self._layout_state.save(self)
        self.closing = True
        # thumbnail loading stops while every view still exists
        self._stop_views()
        event.accept()
        self.closed.emit()

    # -- generating ---------------------------------------------------------------------------------------

    def generate(self) -> list[Any]:
        """The draft's batch, validated, to the engine. Nothing is sent when a field is wrong; with a
        budget set (or inputs to import first, or the engine still starting), the batch goes once that
        is done (and [] is returned)."""
        try:
            requests = self.draft.requests()
        except InvalidRequest as exc:
            self.show_status(self.compose.show_refusal(exc.errors))
            return []
        parents = lineage.known_parents(self.draft)
        if parents is None:
            self.tasks.spawn(self._send_resolved(requests), name="import the input images")
            return []
        return self._send(requests, parents, from_prompt=True)

    async def _send_resolved(self, requests: list[GenerationRequest]) -> None:
        parents = await lineage.resolve_parents(self.draft, self.base.library)
        self._send(requests, parents, from_prompt=True)

    def _send(self, requests: list[GenerationRequest], parents: tuple[str, ...], *, from_prompt: bool
              ) -> list[Any]:
        if not self.engine_gate.ready:  # the batch, validated now, goes the moment the engine is up
            self.engine_gate.run(lambda: self._send(requests, parents, from_prompt=from_prompt))
            return []
        if self.money.needs_check():
            self.tasks.spawn(self._send_checked(requests, parents, from_prompt), name="check the budget")
            return []
        return self._sent(requests, parents, from_prompt)

    async def _send_checked(self, requests: list[GenerationRequest], parents: tuple[str, ...],
                            from_prompt: bool) -> None:
        if await self.money.check(requests, lambda: list(self.runtime.engine.jobs.values())):
            self._sent(requests, parents, from_prompt)

    def _sent(self, requests: list[GenerationRequest], parents: tuple[str, ...], from_prompt: bool
              ) -> list[Any]:
        jobs = self.enqueue(requests, parents)
        self.draft.note_used(requests)
        if from_prompt:
            self.prompt.add_recent(requests[0].prompt)
        return jobs

    def enqueue(self, requests: Iterable[GenerationRequest], parents: tuple[str, ...] = ()) -> list[Any]:
        jobs = lineage.enqueue(self.runtime.engine, requests, parents)
        for job in jobs:
            self.queue.track(job)
        self.batches.add(jobs)
        self.edits.sent(jobs, parents)
        if jobs:
            model, n = jobs[0].request.model, len(jobs)  # n: pyside6-lupdate skips a call there
            if n == 1:  # the exact English singular without a translation loaded
                self.show_status(translate("MainWindow", "Sent 1 image to {model}.").format(model=model))
            else:
                sent = translate("MainWindow", "Sent %n images to {model}.", None, n)
                self.show_status(sent.format(model=model))
        return jobs

    def use_settings(self, record: GenerationRecord) -> None:
        """Model, prompt and every parameter of a generation into the draft, its seed locked."""
        if self.draft.use_settings(record):
            self.show_status(translate(
                "MainWindow", "Settings loaded from the selected image; its seed is locked (Random frees it)."
            ))
            self.prompt.focus()
        else:
            known = translate("MainWindow", "{model} is not a model fluxdesk knows any more.")
            self.show_status(known.format(model=record.request.model))

    def generate_variations(self, record: GenerationRecord) -> list[Any]:
        """The batch count of new images with the record's settings and new seeds."""
        try:
            requests = self.draft.variations(record)
        except InvalidRequest as exc:
            self.show_status(translate("MainWindow", "No variations: {reason}").format(reason=exc))
            return []
        return self._send(requests, lineage.parents_of(record, self.edits.noted), from_prompt=False)

    def use_prompt(self, text: str) -> None:
        """The provider's own prompt of a generation into the draft ("Use this prompt")."""
        self.draft.set_prompt(text)
        self.show_status(translate("MainWindow", "The provider's prompt is in the editor."))
        self.prompt.focus()

    def use_settings_of_current(self) -> None:
        record = self.gallery.current_record()
        if record is None:
            self.show_status(translate("MainWindow", "Select an image first."))
            return
        self.use_settings(record)

    def edit_current(self) -> None:
        record = self.gallery.current_record()
        if record is None:
            self.show_status(translate("MainWindow", "Select an image to edit first."))
            return
        self.edits.edit(record)

    def variations_of_current(self) -> None:
        record = self.gallery.current_record()
        if record is None:
            self.show_status(translate("MainWindow", "Select an image first."))
            return
        self.generate_variations(record)

    # -- recall: settings back from an image file ------------------------------------------------------

    def recall_from(self, path: Path) -> None:
        self.recall.recall_from(path)

    def handed_over(self, files: list[Path]) -> None:
        """A later `fluxdesk` on this library (ui/platform/single_instance.py): this window comes to the
        front and reads the first file's settings, as that launch would have."""
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()
        if files:
            self.recall_from(files[0])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if recall_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = recall_path(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.recall_from(path)

    # -- jobs ---------------------------------------------------------------------------------------------

    def _job_changed(self, job: Any) -> None:
        self.batches.update(job)
        self._update_jobs_label()
        self.money.job_changed(job)

    def _job_finished(self, job: Any) -> None:
        self._update_jobs_label()

    def _update_jobs_label(self) -> None:
        activity = self.queue.model.activity()
        self.jobs_label.setText(activity or translate("MainWindow", "Idle"))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def _task_failed(self, what: str, message: str) -> None:
        # `what` is the task's name (English, as in the log); the sentence around it is translated
        self.show_status(translate("MainWindow", "{task} failed: {reason}").format(
            task=what.capitalize(), reason=message
        ))

    def focus_model(self) -> None:
        self.model_picker.combo.setFocus()
        self.model_picker.combo.showPopup()

    def focus_search(self) -> None:
        self.gallery.search.setFocus()
        self.gallery.search.selectAll()


__all__ = ["MainWindow"]
