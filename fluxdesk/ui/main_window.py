"""The main window: prompt, model and parameters on the left, gallery over queue in the middle, details right.

It owns no engine of its own: it gets a `Runtime` (client, library, engine, thumbnail cache, the
simulator in demo mode) and the task registry, and turns the engine's job events into views. Splitter
sizes and the window geometry are remembered in the config dir.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.errors import FieldError, InvalidRequest
from fluxdesk.api.request import GenerationRequest, build_request, check_fields
from fluxdesk.library.export import ExportResult
from fluxdesk.library.library import request_from_record
from fluxdesk.library.metadata import MetadataError
from fluxdesk.library.recall import RecalledSettings, read_metadata
from fluxdesk.library.records import GenerationRecord
from fluxdesk.runtime import Runtime, reconfigure_runtime
from fluxdesk.settings import Settings
from fluxdesk.ui.compose.model_picker import ModelPicker
from fluxdesk.ui.compose.param_panel import ParamPanel
from fluxdesk.ui.compose.prompt_editor import PromptEditor
from fluxdesk.ui.details.panel import DetailsPanel
from fluxdesk.ui.dialogs.export import ExportDialog
from fluxdesk.ui.dialogs.settings import SettingsDialog
from fluxdesk.ui.gallery.panel import GalleryPanel
from fluxdesk.ui.platform.notify import BatchTracker, Notifier
from fluxdesk.ui.queue.panel import QueuePanel
from fluxdesk.ui.tasks import TaskRegistry

log = logging.getLogger(__name__)
STATUS_MS = 8000
RECALL_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".json")
DEMO_TEXT = "Demo mode: images are synthetic, made by the built-in simulator. Add an API key for real ones."


def with_shortcut(tip: str, action: QAction) -> str:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip


class MainWindow(QMainWindow):
    #: the window was closed (the app then shuts down)
    closed = Signal()

    def __init__(self, runtime: Runtime, tasks: TaskRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        thumbs = runtime.thumbs
        self.tasks = tasks
        self.catalog = runtime.catalog
        self.settings_dialog: SettingsDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.setAcceptDrops(True)
        self._shut_down = False
        self._views_stopped = False
        self.setWindowTitle("fluxdesk")
        self.setObjectName("main-window")
        state_file = str(runtime.settings.paths.config_dir / "window.ini")
        self._state = QSettings(state_file, QSettings.Format.IniFormat)

        # -- left: prompt, model, parameters, generate -------------------------------------------------
        self.prompt = PromptEditor(self)
        model = runtime.settings.default_model
        model = model if model in self.catalog else self.catalog.ids[0]
        self.model_picker = ModelPicker(self.catalog, model, self)
        self.params = ParamPanel(self.catalog, tasks, self.model_picker.model, self)
        self.generate_button = QPushButton("Generate", self)
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        left_inner = QWidget(self)
        left_lay = QVBoxLayout(left_inner)
        left_lay.addWidget(self._heading("Prompt"))
        left_lay.addWidget(self.prompt, 1)
        left_lay.addWidget(self._heading("Model"))
        left_lay.addWidget(self.model_picker)
        left_lay.addWidget(self.params)
        left_lay.addStretch(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(left_inner)
        left = QWidget(self)
        left.setObjectName("left-panel")
        left_outer = QVBoxLayout(left)
        left_outer.setContentsMargins(0, 0, 0, 0)
        left_outer.addWidget(scroll, 1)
        left_outer.addWidget(self.generate_button)
        left.setMinimumWidth(min(460, left_inner.minimumSizeHint().width() + 24))

        # -- middle: gallery over queue; right: details ----------------------------------------------
        self.gallery = GalleryPanel(runtime.library, thumbs, tasks, self.catalog, self)
        self.queue = QueuePanel(tasks, thumbs, runtime.library.path_of, self)
        self.details = DetailsPanel(self, catalog=self.catalog, path_of=runtime.library.path_of)
        self.middle = QSplitter(Qt.Orientation.Vertical, self)
        self.middle.setObjectName("middle-splitter")
        self.middle.addWidget(self.gallery)
        self.middle.addWidget(self.queue)
        self.middle.setStretchFactor(0, 3)
        self.middle.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.middle)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([440, 860, 300])
        self.middle.setSizes([560, 220])

        # -- the demo banner ----------------------------------------------------------------------------
        self.banner = QFrame(self)
        self.banner.setObjectName("demo-banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(self.banner.backgroundRole().AlternateBase)
        banner_lay = QHBoxLayout(self.banner)
        banner_lay.setContentsMargins(8, 4, 8, 4)
        self.banner_label = QLabel(DEMO_TEXT, self.banner)
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton("Enter API key…", self.banner)
        self.banner_button.setObjectName("enter-key")
        banner_lay.addWidget(self.banner_label, 1)
        banner_lay.addWidget(self.banner_button)

        central = QWidget(self)
        central_lay = QVBoxLayout(central)
        central_lay.setContentsMargins(4, 4, 4, 0)
        central_lay.addWidget(self.banner)
        central_lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # -- status bar ------------------------------------------------------------------------------
        self.provider_label = QLabel(self)
        self.jobs_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.jobs_label)
        self.statusBar().addPermanentWidget(self.provider_label)
        self.notifier = Notifier(self, self.show_status)
        self.batches = BatchTracker(self)
        self.batches.finished.connect(self.notifier.batch_finished)

        self._build_actions()
        self._build_menus()
        self._wire()
        self._apply_runtime()
        self._restore_state()
        self._validate()
        self.resize(self.size().expandedTo(self.minimumSizeHint()))
        QTimer.singleShot(0, self.prompt.focus)

    # -- building ---------------------------------------------------------------------------------------

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _action(self, text: str, shortcut: str | None, tip: str, slot: Any) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(with_shortcut(tip, action))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.generate_action = a("&Generate", "Ctrl+Return", "Make images from the prompt", self.generate)
        self.generate_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.variations_action = a(
            "Generate &variations", "Ctrl+Shift+Return",
            "New seeds for the selected image's settings (batch count images)", self.variations_of_current,
        )
        self.use_settings_action = a(
            "&Use these settings", "Ctrl+U", "Fill the prompt, model and parameters from the selected image",
            self.use_settings_of_current,
        )
        self.random_seed_action = a("&Random seed", "Ctrl+Shift+R", "A new random seed for every image",
                                    lambda: self._seed("random"))
        self.lock_seed_action = a("&Lock seed", "Ctrl+Shift+L", "Use the seed in the field for every image",
                                  lambda: self._seed("lock"))
        self.reuse_seed_action = a("Reuse &last seed", "Ctrl+Shift+E", "Lock the seed of the last image",
                                   lambda: self._seed("reuse"))
        self.recent_action = a("Recent &prompts…", "Ctrl+Shift+P", "Choose one of the recent prompts",
                               self.prompt.show_recent)
        self.settings_action = a("&Settings…", "Ctrl+,", "Provider, API key, library folder and defaults",
                                 self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.export_action = a("&Export selected…", "Ctrl+E", "Export the selected images",
                               self.export_selected)
        self.recall_action = a(
            "&Open settings from image…", "Ctrl+O",
            "Fill the prompt and parameters from an image made by fluxdesk or carrying A1111 parameters "
            "(or drop the image on the window)",
            self.choose_recall_file,
        )
        self.quit_action = a("&Quit", "Ctrl+Q", "Quit fluxdesk (jobs in flight resume next start)",
                             self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.focus_prompt_action = a("Focus &prompt", "Ctrl+L", "Put the cursor in the prompt",
                                     self.prompt.focus)
        self.focus_model_action = a("Choose &model", "Ctrl+M", "Open the model list", self._focus_model)
        self.focus_search_action = a("&Search the gallery", "Ctrl+F", "Search the prompts of every image",
                                     self._focus_search)
        self.focus_queue_action = a("Focus &queue", "Ctrl+J", "Move to the job list", self._focus_queue)
        self.toggle_details_action = a("Show &details", "Ctrl+Shift+D", "Show or hide the details panel",
                                       lambda: self.details.setVisible(not self.details.isVisible()))
        self.toggle_details_action.setCheckable(True)
        self.toggle_details_action.setChecked(True)
        self.toggle_queue_action = a("Show q&ueue", "Ctrl+Shift+J", "Show or hide the queue",
                                     lambda: self.queue.setVisible(not self.queue.isVisible()))
        self.toggle_queue_action.setCheckable(True)
        self.toggle_queue_action.setChecked(True)
        self.show_trash_action = a("Show &trash", "Ctrl+Alt+T",
                                   "Show the images in the trash (Del restores them)",
                                   lambda: self.gallery.trash_view.toggle())
        self.show_trash_action.setCheckable(True)
        self.gallery.trash_view.toggled.connect(self.show_trash_action.setChecked)
        self.empty_trash_action = a("Empty t&rash…", None, "Delete the images in the trash from the disk",
                                    self.gallery.empty_trash)
        self.reset_layout_action = a("&Reset layout", None, "Put the panels back to their first sizes",
                                     self.reset_layout)
        self.about_action = a("&About fluxdesk", "F1", "Version and where things are kept", self.show_about)
        self.generate_button.setToolTip(with_shortcut("Make images from the prompt", self.generate_action))
        self.generate_button.setText("Generate  (Ctrl+Enter)")
        self.banner_button.setToolTip(
            with_shortcut("Open the settings to enter an API key", self.settings_action)
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.recall_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.empty_trash_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        gen = bar.addMenu("&Generate")
        gen.addAction(self.generate_action)
        gen.addAction(self.variations_action)
        gen.addAction(self.use_settings_action)
        gen.addSeparator()
        gen.addAction(self.random_seed_action)
        gen.addAction(self.lock_seed_action)
        gen.addAction(self.reuse_seed_action)
        gen.addSeparator()
        gen.addAction(self.recent_action)
        queue = bar.addMenu("&Queue")
        queue.addAction(self.queue.cancel_action)
        queue.addAction(self.queue.retry_action)
        queue.addAction(self.queue.clear_action)
        view = bar.addMenu("&View")
        for action in (self.focus_prompt_action, self.focus_model_action, self.focus_search_action,
                       self.focus_queue_action):
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.show_trash_action)
        view.addAction(self.toggle_details_action)
        view.addAction(self.toggle_queue_action)
        view.addAction(self.reset_layout_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _wire(self) -> None:
        self.prompt.generateRequested.connect(self.generate)
        self.prompt.textChanged.connect(self._validate)
        self.model_picker.modelChanged.connect(self._model_changed)
        self.params.changed.connect(self._validate)
        self.generate_button.clicked.connect(self.generate)
        self.banner_button.clicked.connect(lambda: self.open_settings(focus_key=True))
        self.queue.jobFinished.connect(self._job_finished)
        self.queue.jobAdded.connect(lambda job: self.batches.add([job]))
        self.queue.bridge.jobChanged.connect(self._job_changed)
        self.gallery.useSettingsRequested.connect(self.use_settings)
        self.gallery.variationsRequested.connect(self.generate_variations)
        self.gallery.currentRecordChanged.connect(self.details.show_record)
        self.gallery.exportRequested.connect(self.export_records)
        self.gallery.statusMessage.connect(self.show_status)
        self.details.useSettingsRequested.connect(self.use_settings)
        self.details.variationsRequested.connect(self.generate_variations)
        self.details.exportRequested.connect(self.export_records)
        self.tasks.failed.connect(self._task_failed)

    def _apply_runtime(self) -> None:
        rt = self.runtime
        self.queue.set_engine(rt.engine)
        self.banner.setVisible(rt.demo)
        label = "Demo (simulator)" if rt.demo else f"{rt.config.label} · {rt.config.host}"
        self.provider_label.setText(label)
        self._update_jobs_label()

    # -- state ---------------------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._state.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        for key, splitter in (("window/main", self.splitter), ("window/middle", self.middle)):
            value = self._state.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                splitter.restoreState(value)
        details = self._state.value("window/details", True)
        queue = self._state.value("window/queue", True)
        self.details.setVisible(details not in (False, "false"))
        self.queue.setVisible(queue not in (False, "false"))
        self.toggle_details_action.setChecked(self.details.isVisibleTo(self))
        self.toggle_queue_action.setChecked(self.queue.isVisibleTo(self))

    def save_state(self) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/main", self.splitter.saveState())
        self._state.setValue("window/middle", self.middle.saveState())
        self._state.setValue("window/details", self.details.isVisibleTo(self))
        self._state.setValue("window/queue", self.queue.isVisibleTo(self))
        self._state.sync()

    def reset_layout(self) -> None:
        self.details.show()
        self.queue.show()
        self.toggle_details_action.setChecked(True)
        self.toggle_queue_action.setChecked(True)
        self.splitter.setSizes([440, 860, 300])
        self.middle.setSizes([560, 220])

    # -- start and stop --------------------------------------------------------------------------------

    async def start(self) -> None:
        """What runs once the window is shown: resume jobs of an earlier run, load recent prompts."""
        resumed = await self.runtime.engine.resume()
        if resumed:
            self.show_status(f"Following {len(resumed)} job(s) left from the last session.")
        self.prompt.set_recent(await self.runtime.library.recent_prompts(limit=30))

    async def shutdown(self) -> None:
        """Stop everything in order; jobs in flight stay recorded and resume next start."""
        if self._shut_down:
            return
        self._shut_down = True
        self._stop_views()
        if self.settings_dialog is not None:
            self.settings_dialog.close()
        await self.tasks.shutdown()
        await self.runtime.aclose()  # engine, client, library, thumbnails, simulator

    def _stop_views(self) -> None:
        if self._views_stopped:
            return
        self._views_stopped = True
        self.gallery.shutdown()
        self.queue.detach()
        self.notifier.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        # thumbnail loading stops while every view still exists
        self._stop_views()
        event.accept()
        self.closed.emit()

    # -- generating ---------------------------------------------------------------------------------------

    def current_errors(self) -> list[FieldError]:
        return check_fields(self.catalog, self.model_picker.model, self.prompt.text(), self.params.values())

    def _validate(self) -> list[FieldError]:
        errors = self.current_errors()
        self.params.show_errors(errors)
        prompt_errors = [e.message for e in errors if e.field == "prompt"]
        # an empty prompt needs no red text, only a disabled button
        self.prompt.set_error(" ".join(prompt_errors) if self.prompt.text().strip() else "")
        ok = not errors and not self.params.busy and not self.params.read_errors
        self.generate_button.setEnabled(ok)
        return errors

    def _model_changed(self, model: str) -> None:
        self.params.set_model(model)
        self._validate()

    def build_requests(self) -> list[GenerationRequest]:
        """The batch as validated requests; raises InvalidRequest with the field errors."""
        model = self.model_picker.model
        prompt = self.prompt.text()
        params = self.params.values()
        count = self.params.batch.value()
        seed = params.get("seed")
        requests = []
        for i in range(count):
            p = dict(params)
            if seed is not None and i:
                # a locked seed with a batch: consecutive seeds, so the images differ but can be remade
                spec = self.catalog.get(model).param("seed")
                p["seed"] = (int(seed) + i) % (int(spec.maximum or 2**32 - 1) + 1)
            requests.append(build_request(self.catalog, model, prompt, p))
        return requests

    def generate(self) -> list[Any]:
        """Validate, then enqueue the batch. Nothing is sent when a field is wrong."""
        errors = self._validate()
        if self.params.busy:
            self.show_status("Wait until the image is read.")
            return []
        if errors or self.params.read_errors:
            self.show_status("Fix the marked fields first; nothing was sent.")
            if any(e.field == "prompt" for e in errors):
                self.prompt.set_error(next(e.message for e in errors if e.field == "prompt"))
                self.prompt.focus()
            return []
        try:
            requests = self.build_requests()
        except InvalidRequest as exc:
            self.params.show_errors(exc.errors)
            self.show_status("Fix the marked fields first; nothing was sent.")
            return []
        jobs = self.enqueue(requests)
        if jobs:
            self.prompt.add_recent(requests[0].prompt)
            self.params.note_seed_used(requests[-1].seed)
        return jobs

    def enqueue(self, requests: Iterable[GenerationRequest]) -> list[Any]:
        engine = self.runtime.engine
        jobs = [engine.enqueue(r) for r in requests]
        for job in jobs:
            self.queue.track(job)
        self.batches.add(jobs)
        if jobs:
            what = "image" if len(jobs) == 1 else "images"
            self.show_status(f"Sent {len(jobs)} {what} to {jobs[0].request.model}.")
        return jobs

    def use_settings(self, record: GenerationRecord) -> None:
        """Fill the model, prompt and every parameter from a generation (its seed locked)."""
        if self.apply_request(record.request):
            self.show_status("Settings loaded from the selected image; its seed is locked.")

    def apply_request(self, request: GenerationRequest) -> bool:
        """Put a request's model, prompt and parameters into the editor; False when the model is unknown."""
        if request.model not in self.catalog:
            self.show_status(f"{request.model} is not a model fluxdesk knows any more.")
            return False
        self.model_picker.set_model(request.model)
        self.params.set_model(request.model)
        spec = self.catalog.get(request.model)
        self.params.apply_values({k: v for k, v in request.params.items() if spec.takes(k)})
        self.prompt.set_text(request.prompt)
        self._validate()
        self.prompt.focus()
        return True

    # -- recall: settings back from an image file ------------------------------------------------------

    def choose_recall_file(self) -> None:
        dialog = QFileDialog(self, "Open settings from an image")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["Images (*.png *.jpg *.jpeg *.webp)", "fluxdesk sidecar (*.json)"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.recall_from(Path(path)))
        dialog.open()

    def recall_from(self, path: Path) -> None:
        self.tasks.spawn(self._recall(path), name="recall settings")

    async def _recall(self, path: Path) -> None:
        try:
            recalled = await asyncio.to_thread(read_metadata, path, catalog=self.catalog)
        except MetadataError as exc:
            self.show_status(str(exc))
            return
        except OSError as exc:
            self.show_status(f"Could not read {path.name}: {exc.strerror or exc}.")
            return
        self.show_status(self._apply_recalled(recalled, path.name))

    def _apply_recalled(self, recalled: RecalledSettings, name: str) -> str:
        if recalled.source == "none":
            return f"{name} carries no generation settings."
        notes: list[str] = []
        if recalled.model is None or recalled.model not in self.catalog:
            # e.g. A1111 text from another tool: keep the current model, take what fits it
            spec = self.catalog.get(self.model_picker.model)
            params = {k: v for k, v in recalled.params.items() if spec.takes(k)}
            self.params.apply_values(params)
            self.prompt.set_text(recalled.prompt)
            self._validate()
            notes.append(f"no known model, kept {spec.id}")
        else:
            try:
                request = recalled.to_request(self.catalog, notes)
            except InvalidRequest as exc:
                return f"Could not use the settings of {name}: {exc}"
            self.apply_request(request)
        skipped = [*recalled.skipped, *notes]
        text = f"Settings recalled from {name}."
        if skipped:
            text += " Skipped: " + "; ".join(s.rstrip(".") for s in skipped[:3]) + "."
        return text

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._recall_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._recall_path(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.recall_from(path)

    @staticmethod
    def _recall_path(mime: Any) -> Path | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(RECALL_SUFFIXES):
                return Path(url.toLocalFile())
        return None

    def generate_variations(self, record: GenerationRecord) -> list[Any]:
        """The batch count of new images with the record's settings and new seeds."""
        count = self.params.batch.value()
        try:
            requests = [request_from_record(record, self.catalog, new_seed=True) for _ in range(count)]
        except (InvalidRequest, KeyError) as exc:
            self.show_status(f"No variations: {exc}")
            return []
        return self.enqueue(requests)

    def use_settings_of_current(self) -> None:
        record = self.gallery.current_record()
        if record is None:
            self.show_status("Select an image first.")
            return
        self.use_settings(record)

    def variations_of_current(self) -> None:
        record = self.gallery.current_record()
        if record is None:
            self.show_status("Select an image first.")
            return
        self.generate_variations(record)

    def _seed(self, what: str) -> None:
        seed = self.params.seed_field
        if seed is None:
            return
        if what == "random":
            seed.set_locked(False)
        elif what == "lock":
            seed.set_locked(True)
        else:
            seed.reuse_last()

    # -- jobs ---------------------------------------------------------------------------------------------

    def _job_changed(self, job: Any) -> None:
        self.batches.update(job)
        self._update_jobs_label()

    def _job_finished(self, job: Any) -> None:
        self._update_jobs_label()

    def _update_jobs_label(self) -> None:
        active = self.queue.model.active_count
        self.jobs_label.setText(f"{active} running" if active else "Idle")

    # -- other windows ---------------------------------------------------------------------------------

    def open_settings(self, focus_key: bool = False) -> SettingsDialog:
        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.runtime.settings, self.catalog, self.tasks, self)
            self.settings_dialog.applied.connect(self._settings_applied)
        dialog = self.settings_dialog
        dialog.load()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if focus_key:
            dialog.focus_key()
        return dialog

    def _settings_applied(self, needs_rebuild: bool) -> None:
        if needs_rebuild:
            self.tasks.spawn(self.reconfigure(), name="apply settings")
        else:
            self.show_status("Settings saved.")

    async def reconfigure(self) -> None:
        self.queue.set_engine(None)
        settings = Settings.load(self.runtime.settings.env)
        # keep the library this session opened; a new folder is used from the next start
        settings.paths = self.runtime.settings.paths
        self.runtime = await reconfigure_runtime(self.runtime, settings)
        if self.settings_dialog is not None:
            self.settings_dialog.settings = settings
        self._apply_runtime()
        await self.runtime.engine.resume()
        self.show_status("Settings applied." if not self.runtime.demo else "Settings applied (demo mode).")

    def export_selected(self) -> None:
        self.export_records(self.gallery.selected_records())

    def export_records(self, records: list[GenerationRecord]) -> None:
        records = [r for r in records if r.file]
        if not records:
            self.show_status("Select the images to export first.")
            return
        secrets = (self.runtime.config.api_key,) if self.runtime.config.api_key else ()
        dialog = ExportDialog(records, self.runtime.library.images_dir, self, secrets=secrets)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.export_finished.connect(self._export_finished)
        self.export_dialog = dialog
        dialog.show()  # modeless: browsing goes on while a long export runs

    def _export_finished(self, result: ExportResult) -> None:
        self.show_status(result.summary())

    def show_about(self) -> None:
        paths = self.runtime.settings.paths
        box = QMessageBox(QMessageBox.Icon.Information, "About fluxdesk",
                          "fluxdesk: make images with the Flux models.", QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(f"Library: {paths.library_dir}\nThumbnails: {paths.cache_dir}\n"
                               f"Settings: {paths.config_dir}")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def _task_failed(self, what: str, message: str) -> None:
        self.show_status(f"{what.capitalize()} failed: {message}")

    def _focus_model(self) -> None:
        self.model_picker.combo.setFocus()
        self.model_picker.combo.showPopup()

    def _focus_search(self) -> None:
        self.gallery.search.setFocus()
        self.gallery.search.selectAll()

    def _focus_queue(self) -> None:
        self.queue.view.setFocus()


__all__ = ["MainWindow"]
