"""The Export dialog: non-modal; folder, format, quality, size, name template (with a live preview),
metadata mode (remembered in QSettings) and sidecar. The export runs on a worker thread with a progress
bar and Cancel; `export_finished(ExportResult)` is emitted when it ends (QDialog's own `finished(int)`
keeps its meaning)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.library.export import (
    DEFAULT_QUALITY,
    EXTENSIONS,
    ExportFailure,
    ExportFormat,
    ExportOptions,
    ExportOptionsError,
    ExportResult,
    export_records,
)
from fluxdesk.library.metadata import MetadataMode
from fluxdesk.library.naming import DEFAULT_TEMPLATE, NameContext, NameTemplateError, render_stem
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.i18n import translate

SETTINGS_METADATA = "export/metadata"
SETTINGS_FOLDER = "export/folder"
SETTINGS_FORMAT = "export/format"
#: marked here, translated where they are shown
METADATA_LABELS = {
    MetadataMode.FULL: str(QT_TRANSLATE_NOOP("Export", "Full: prompt and every parameter")),
    MetadataMode.MINIMAL: str(QT_TRANSLATE_NOOP("Export", "Minimal: only the AI-generated label")),
    MetadataMode.NONE: str(QT_TRANSLATE_NOOP("Export", "None: strip everything")),
}


class _Bridge(QObject):
    """Carries the worker thread's news to the GUI thread (queued connections)."""

    progress = Signal(int, int)
    done = Signal(object)


class ExportDialog(QDialog):
    export_finished = Signal(object)  # ExportResult

    def __init__(
        self,
        records: Sequence[GenerationRecord],
        images_dir: Path,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        secrets: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        n = len(records)  # a name: pyside6-lupdate skips a translate() whose count is a call
        if n == 1:  # the exact English singular without a translation loaded
            self.setWindowTitle(translate("Export", "Export 1 image"))
        else:
            self.setWindowTitle(translate("Export", "Export %n images", None, n))
        self.setModal(False)
        self._records = list(records)
        self._images_dir = Path(images_dir)
        self._settings = settings if settings is not None else QSettings()
        self._secrets = secrets
        self._cancel: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.done.connect(self._on_done)

        self.folder = QLineEdit(str(self._settings.value(SETTINGS_FOLDER, "") or ""))
        browse = QPushButton(translate("Export", "Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.format = QComboBox()
        for fmt in ExportFormat:
            # png, jpeg, webp are the formats' names; "original" is a word
            label = (
                translate("Export", "original", "format: each file as it is")
                if fmt is ExportFormat.ORIGINAL
                else fmt.value
            )
            self.format.addItem(label, fmt.value)
        self._select(self.format, str(self._settings.value(SETTINGS_FORMAT, ExportFormat.PNG.value)))
        self.quality = QSpinBox()
        self.quality.setRange(1, 100)
        self.quality.setValue(DEFAULT_QUALITY)
        self.lossless = QCheckBox(translate("Export", "Lossless (WebP)"))
        self.max_size = QSpinBox()
        self.max_size.setRange(0, 16384)
        self.max_size.setSpecialValueText(translate("Export", "No limit"))
        self.max_size.setSuffix(" px")  # a symbol
        self.name = QLineEdit(DEFAULT_TEMPLATE)
        # the fields are the template's own names: they stay as they are
        fields = "{date} {time} {model} {seed} {prompt} {id} {n}"
        self.name.setToolTip(translate("Export", "Fields: {fields}").format(fields=fields))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.metadata = QComboBox()
        for mode, label in METADATA_LABELS.items():
            self.metadata.addItem(translate("Export", label), mode.value)
        self._select(self.metadata, str(self._settings.value(SETTINGS_METADATA, MetadataMode.FULL.value)))
        self.sidecar = QCheckBox(
            translate("Export", "Also write a .json file with the settings beside each image")
        )

        form = QFormLayout()
        form.addRow(translate("Export", "Folder"), folder_row)
        form.addRow(translate("Export", "Format"), self.format)
        form.addRow(translate("Export", "Quality"), self.quality)
        form.addRow("", self.lossless)
        form.addRow(translate("Export", "Longest side"), self.max_size)
        form.addRow(translate("Export", "Names"), self.name)
        form.addRow("", self.preview)
        form.addRow(translate("Export", "Metadata"), self.metadata)
        form.addRow("", self.sidecar)

        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(self._records)))
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton(translate("Export", "Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("Export", "Cancel"))
        self.cancel_button.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        for signal in (
            self.name.textChanged,
            self.format.currentIndexChanged,
            self.folder.textChanged,
            self.lossless.toggled,
        ):
            signal.connect(self._refresh)
        self.metadata.currentIndexChanged.connect(self._remember_metadata)
        self._refresh()

    # ---- state ---------------------------------------------------------------------------------

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def options(self) -> ExportOptions:
        return ExportOptions(
            to=Path(self.folder.text().strip()).expanduser(),
            format=self.format.currentData(),
            quality=self.quality.value(),
            lossless=self.lossless.isChecked(),
            max_size=self.max_size.value() or None,
            name=self.name.text(),
            metadata=self.metadata.currentData(),
            sidecar=self.sidecar.isChecked(),
            secrets=self._secrets,
        )

    def preview_name(self) -> str:
        """The first file's name, as the template makes it (raises NameTemplateError)."""
        if not self._records:
            return ""
        first = self._records[0]
        stem = render_stem(self.name.text(), first, NameContext(1, len(self._records)))
        fmt = self.format.currentData()
        ext = EXTENSIONS.get(fmt) or ("." + (first.file or ".png").rsplit(".", 1)[-1])
        return stem + ext

    def _refresh(self) -> None:
        fmt = self.format.currentData()
        self.quality.setEnabled(fmt in ("jpeg", "webp") and not (fmt == "webp" and self.lossless.isChecked()))
        self.lossless.setEnabled(fmt == "webp")
        self.max_size.setEnabled(fmt != "original")
        self.metadata.setEnabled(fmt != "original")
        ok = bool(self._records) and bool(self.folder.text().strip()) and not self.running
        try:
            self.preview.setText(translate("Export", "First file: {name}").format(name=self.preview_name()))
        except NameTemplateError as exc:
            self.preview.setText(str(exc))
            ok = False
        self.export_button.setEnabled(ok)

    def _remember_metadata(self) -> None:
        self._settings.setValue(SETTINGS_METADATA, self.metadata.currentData())

    def _browse(self) -> None:
        chooser = QFileDialog(self, translate("Export", "Export to folder"), self.folder.text())
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.fileSelected.connect(self.folder.setText)
        chooser.open()

    # ---- running -------------------------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        try:
            options = self.options().checked()
        except (ExportOptionsError, NameTemplateError) as exc:
            self.status.setText(str(exc))
            return
        self._settings.setValue(SETTINGS_FOLDER, str(options.to))
        self._settings.setValue(SETTINGS_FORMAT, str(options.format))
        self._remember_metadata()
        self._cancel = threading.Event()
        self.progress.setValue(0)
        self.status.setText(translate("Export", "Exporting…"))
        self.cancel_button.setText(translate("Export", "Cancel"))
        bridge, records, images_dir, cancel = self._bridge, self._records, self._images_dir, self._cancel

        def work() -> None:
            try:
                result = export_records(
                    records, images_dir, options, on_progress=bridge.progress.emit, cancel=cancel
                )
            except Exception as exc:  # the dialog must never be left waiting for a dead worker
                result = ExportResult(total=len(records), cancelled=True)
                result.errors.append(ExportFailure("", str(exc) or type(exc).__name__))
            bridge.done.emit(result)

        self._thread = threading.Thread(target=work, name="fluxdesk-export", daemon=True)
        self._thread.start()
        self._refresh()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _on_done(self, result: ExportResult) -> None:
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        self._cancel = None
        lines = [result.summary(), *(e.message for e in result.errors[:5])]
        self.status.setText("\n".join(lines))
        self.cancel_button.setText(translate("Export", "Close"))
        self._refresh()
        self.export_finished.emit(result)

    def _cancel_or_close(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(translate("Export", "Cancelling after the current file…"))
        else:
            self.close()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._cancel is not None:
            self._cancel.set()
        super().closeEvent(event)
