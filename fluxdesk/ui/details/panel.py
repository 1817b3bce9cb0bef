"""What one image is: prompt, model, every parameter (catalogue order, with labels), seed, size,
format, time taken, file and date; what the provider reported (its own prompt and seed when they differ
from the user's, the cost, the megapixels in and out); its lineage ("Made from": the images it was made
from, "Edits of this image": those made from it, both clickable thumbnails, and each input image
parameter as its parent's thumbnail); and what to do with it ("Edit…", "Use these settings", "Use this
prompt", "Generate variations", "Export…").

The lineage is read from the library off the GUI thread once `attach_lineage` gave it one (the window
does, through `details.lineage.connect_lineage`); a click emits `recordRequested(id)`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import Catalog, UnknownModel, default_catalog
from fluxdesk.i18n import _
from fluxdesk.i18n.bidi import keep_left_to_right
from fluxdesk.library.changes import RecordChange
from fluxdesk.library.imports import is_imported
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.details.lineage import LineageStrip
from fluxdesk.ui.details.params import ParamRows, value_label
from fluxdesk.ui.details.values import format_cost, format_duration, format_megapixels, format_time
from fluxdesk.ui.gallery.bridge import LibraryBridge
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry


class DetailsPanel(QWidget):
    useSettingsRequested = Signal(object)  # GenerationRecord
    editRequested = Signal(object)  # GenerationRecord: start an edit of it
    usePromptRequested = Signal(str)  # the provider's prompt, for the draft
    variationsRequested = Signal(object)  # GenerationRecord
    exportRequested = Signal(list)  # list[GenerationRecord]
    #: a lineage thumbnail was clicked: that record's id (the window selects it in the gallery)
    recordRequested = Signal(str)
    #: the lineage of the record shown was read (and its rows filled)
    lineageShown = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        catalog: Catalog | None = None,
        path_of: Callable[[GenerationRecord], Path | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog if catalog is not None else default_catalog()
        self._path_of = path_of
        self._record: GenerationRecord | None = None
        self._library: Any = None
        self._loader: Any = None
        self._tasks: TaskRegistry | None = None
        self._changes: LibraryBridge | None = None
        self._lineage_generation = 0
        # `follow`: the gallery's current image, shown when the timer fires (the latest one)
        self._followed: GenerationRecord | None = None
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(0)
        self._follow_timer.timeout.connect(self._show_followed)

        self.title = QLabel(translate("Details", "Details"), self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.empty = QLabel(translate("Details", "Select an image to see how it was made."), self)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)

        self.prompt = value_label(self, wrap=True)
        # the prompt the provider used, when it rewrote the user's (FLUX.2, prompt upsampling)
        self.provider_prompt = value_label(self, wrap=True)
        self.provider_prompt.setObjectName("provider-prompt")
        self.use_prompt_button = QPushButton(translate("Details", "Use this prompt"), self)
        self.use_prompt_button.setObjectName("use-provider-prompt")
        self.use_prompt_button.setToolTip(translate("Details", "Put the provider's prompt in the editor"))
        self.use_prompt_button.clicked.connect(self._use_prompt)
        self.provider_prompt_box = provider_prompt_box = QWidget(self)
        box_lay = QVBoxLayout(provider_prompt_box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        box_lay.addWidget(self.provider_prompt)
        box_lay.addWidget(self.use_prompt_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.provider_seed = value_label(self)
        self.provider_seed.setObjectName("provider-seed")
        self.cost = value_label(self)
        self.cost.setObjectName("cost")
        self.cost.setToolTip(translate("Details", "What the provider said it charged"))
        self.megapixels = value_label(self)
        self.megapixels.setObjectName("megapixels")
        self.megapixels.setToolTip(
            translate("Details", "Megapixels (of 2^20 pixels) the provider counted: input and output")
        )
        self.model = value_label(self)
        self.seed = value_label(self)
        self.copy_seed = QToolButton(self)
        self.copy_seed.setText(translate("Details", "Copy"))
        self.copy_seed.setToolTip(translate("Details", "Copy the seed to the clipboard"))
        self.copy_seed.clicked.connect(self._copy_seed)
        seed_row = QHBoxLayout()
        seed_row.setContentsMargins(0, 0, 0, 0)
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.copy_seed)
        self.size_label = value_label(self)
        self.format = value_label(self)
        self.duration = value_label(self)
        self.created = value_label(self)
        self.file = value_label(self, wrap=True)
        self.made_from = LineageStrip(self)
        self.made_from.setObjectName("made-from")
        self.made_from.setToolTip(
            translate("Details", "The images this one was made from; click one to select it")
        )
        self.edits_of = LineageStrip(self)
        self.edits_of.setObjectName("edits-of")
        self.edits_of.setToolTip(
            translate("Details", "The images made from this one; click one to select it")
        )
        for strip in (self.made_from, self.edits_of):
            strip.recordClicked.connect(self.recordRequested)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(translate("Details", "Prompt"), self.prompt)
        self.form.addRow(translate("Details", "Provider's prompt"), provider_prompt_box)
        self.form.addRow(translate("Details", "Model"), self.model)
        self.form.addRow(translate("Details", "Seed"), seed_row)
        self.form.addRow(translate("Details", "Provider's seed"), self.provider_seed)
        self.form.addRow(translate("Details", "Size"), self.size_label)
        self.form.addRow(translate("Details", "File type"), self.format)
        self.form.addRow(translate("Details", "Cost"), self.cost)
        self.form.addRow(translate("Details", "Megapixels"), self.megapixels)
        self.form.addRow(translate("Details", "Time taken"), self.duration)
        self.form.addRow(translate("Details", "Created"), self.created)
        self.form.addRow(translate("Details", "File"), self.file)
        self.form.addRow(translate("Details", "Made from"), self.made_from)
        self.form.addRow(translate("Details", "Edits of this image"), self.edits_of)
        self._fixed_rows = self.form.rowCount()
        self._rows_shown: bool | None = None  # whether the fixed rows are shown (None: not set yet)
        self._params = ParamRows(self, self.form, self._fixed_rows, self.recordRequested)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.empty)
        body_layout.addLayout(self.form)
        body_layout.addStretch(1)
        self._body = body
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        self.edit_button = QPushButton(translate("Details", "Edit…"), self)
        self.edit_button.setObjectName("edit")
        self.edit_button.setToolTip(
            translate("Details", "Change this image with words, a mask or new borders (E in the gallery)")
        )
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.use_button = QPushButton(translate("Details", "Use these settings"), self)
        self.use_button.setToolTip(
            translate("Details", "Put this image's prompt, model and parameters in the editor")
        )
        self.variations_button = QPushButton(translate("Details", "Generate variations"), self)
        self.variations_button.setToolTip(translate("Details", "Same prompt and settings with new seeds"))
        self.export_button = QPushButton(translate("Details", "Export…"), self)
        self.export_button.setToolTip(translate("Details", "Export this image with its metadata"))
        self.use_button.clicked.connect(lambda: self._emit(self.useSettingsRequested))
        self.variations_button.clicked.connect(lambda: self._emit(self.variationsRequested))
        self.export_button.clicked.connect(self._export)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.use_button)
        layout.addWidget(self.variations_button)
        layout.addWidget(self.export_button)
        self.show_record(None)

    # -- public API --------------------------------------------------------------------------------

    @property
    def param_labels(self) -> dict[str, QLabel]:
        """Parameter name -> its value's label, for the record shown (catalogue order)."""
        return self._params.labels

    @property
    def param_images(self) -> dict[str, tuple[LineageStrip, str]]:
        """An input image parameter naming a library image: its name -> (thumbnail, the parent's id)."""
        return self._params.images

    @property
    def record(self) -> GenerationRecord | None:
        return self._record

    def attach_lineage(self, library: Any, loader: Any, tasks: TaskRegistry) -> None:
        """Read each record's lineage from `library` (`parents_of`, `children`), its thumbnails through
        `loader` (the gallery's `ThumbLoader`), in tasks of `tasks`; kept current as the library changes."""
        self._library, self._tasks = library, tasks
        for strip in (self.made_from, self.edits_of):
            strip.set_loader(loader)
        self._loader = loader
        self._params.loader = loader
        self._changes = LibraryBridge(library, self)
        self._changes.changed.connect(self._library_changed)
        self._load_lineage()

    def detach_lineage(self) -> None:
        """Stop listening to the library (the window is closing)."""
        if self._changes is not None:
            self._changes.close()
            self._changes = None
        self._library = None

    def follow(self, record: GenerationRecord | None) -> None:
        """Show `record` on the event loop's next turn; the latest of several asked meanwhile wins.

        The gallery's current image changes in one turn (its selection, the large view) and is painted;
        the details follow in the next, painted on their own: two short passes where one would take as
        long as both (the first record after an empty panel lays out every row, 5 to 10 ms).
        """
        self._followed = record
        if not self._follow_timer.isActive():
            self._follow_timer.start()

    def _show_followed(self) -> None:
        self.show_record(self._followed)

    def show_record(self, record: GenerationRecord | None) -> None:
        self._follow_timer.stop()  # shown now: a follow still waiting is older
        self._record = record
        shown = record is not None
        self.empty.setVisible(not shown)
        for button in (self.use_button, self.variations_button, self.export_button, self.copy_seed):
            button.setEnabled(shown)
        self.edit_button.setEnabled(shown and record is not None and bool(record.file))
        if record is None:
            self._params.clear()
        if shown != self._rows_shown:  # each change of a row's visibility lays the form out again
            self._rows_shown = shown
            for row in range(self._fixed_rows):
                self.form.setRowVisible(row, shown)
        if record is None:
            return
        self.copy_seed.setEnabled(record.seed is not None)
        self.prompt.setText(record.prompt or "—")
        rewritten = record.rewritten_prompt
        self.provider_prompt.setText(rewritten or "")
        self.form.setRowVisible(self.provider_prompt_box, rewritten is not None)
        self.use_prompt_button.setEnabled(rewritten is not None)
        seed = record.provider_seed
        self.provider_seed.setText(str(seed) if seed is not None else "")
        self.form.setRowVisible(self.provider_seed, seed is not None)
        self.cost.setText(format_cost(record))
        self.megapixels.setText(format_megapixels(record))
        try:
            spec = self._catalog.get(record.model)
            self.model.setText(f"{_(spec.label)}  ({spec.id})")
            self.model.setToolTip(_(spec.description))
        except UnknownModel:
            spec = None
            self.model.setText(record.model)
        self.seed.setText(str(record.seed) if record.seed is not None else "—")
        if record.width and record.height:
            self.size_label.setText(keep_left_to_right(f"{record.width} × {record.height}"))
        elif record.request.size:
            w, h = record.request.size
            self.size_label.setText(
                translate("Details", "{width} × {height} (asked)").format(width=w, height=h)
            )
        else:
            self.size_label.setText("—")
        self.format.setText((record.format or record.request.output_format).upper())
        self.duration.setText(format_duration(record.duration))
        self.created.setText(format_time(record.created_at))
        path = self._path_of(record) if self._path_of is not None else None
        self.file.setText(keep_left_to_right(str(path)) if path is not None else (record.file or "—"))
        if is_imported(record):  # a file, not a generation: there are no settings to use again
            origin = record.extra.get("imported_from")
            self.model.setText(
                translate("Details", "Imported from {origin}").format(origin=origin) if origin
                else translate("Details", "Imported from a file")
            )
            self.use_button.setEnabled(False)
            self.variations_button.setEnabled(False)
        self._params.show(record, spec)
        self._load_lineage()

    # -- internals -----------------------------------------------------------------------------------

    # -- lineage -------------------------------------------------------------------------------------

    def _load_lineage(self) -> None:
        """Read the shown record's parents and children off the GUI thread; a newer record wins."""
        self._lineage_generation += 1
        record = self._record
        self.form.setRowVisible(self.made_from, False)
        self.form.setRowVisible(self.edits_of, False)
        if record is None or self._library is None or self._tasks is None:
            return
        try:
            self._tasks.spawn(self._read_lineage(record, self._lineage_generation), name="read the lineage")
        except RuntimeError:  # the window is closing
            return

    async def _read_lineage(self, record: GenerationRecord, generation: int) -> None:
        library = self._library
        if library is None:
            return
        parents = await library.parents_of(record.id) if record.parents else []
        children = await library.children(record.id)
        if generation != self._lineage_generation or self._record is None or self._record.id != record.id:
            return  # another record is shown by now
        self.show_lineage(parents, children)

    def show_lineage(self, parents: list[GenerationRecord], children: list[GenerationRecord]) -> None:
        """Fill "Made from", "Edits of this image" and the input images' thumbnails."""
        made = [r for r in children if r.status is JobState.DONE and not r.is_trashed]
        self.made_from.set_records(parents)
        self.edits_of.set_records(made)
        self.form.setRowVisible(self.made_from, bool(parents))
        self.form.setRowVisible(self.edits_of, bool(made))
        by_id = {r.id: r for r in parents}
        for thumb, ref in self._params.images.values():
            found = by_id.get(ref)
            thumb.set_records([found] if found is not None else [])
        self.lineageShown.emit()

    def _library_changed(self, change: RecordChange) -> None:
        """An edit of the shown image was saved (or changed): read its lineage again."""
        shown = self._record
        if shown is None:
            return
        if change.removed or any(shown.id in r.parents or r.id in shown.parents for r in change.records):
            self._load_lineage()

    def _emit(self, signal: Any) -> None:
        if self._record is not None:
            signal.emit(self._record)

    def _use_prompt(self) -> None:
        if self._record is not None and self._record.rewritten_prompt is not None:
            self.usePromptRequested.emit(self._record.rewritten_prompt)

    def _export(self) -> None:
        if self._record is not None:
            self.exportRequested.emit([self._record])

    def _copy_seed(self) -> None:
        if self._record is not None and self._record.seed is not None:
            QGuiApplication.clipboard().setText(str(self._record.seed))
