"""The main window's other windows: settings (and applying them), export, the log file, About.

A mixin of `MainWindow`: these use the window's runtime, tasks and status bar and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMainWindow

from fluxdesk.api.catalog import Catalog
from fluxdesk.library.records import GenerationRecord
from fluxdesk.logs import LOG_FILENAME
from fluxdesk.runtime import Foundation, Runtime, reload_runtime
from fluxdesk.ui.engine_gate import EngineGate
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.platform.logfile import open_log_file
from fluxdesk.ui.tasks import TaskRegistry

if TYPE_CHECKING:
    # the dialogs (and the export writers under them) are built on first use, not before the window shows
    from fluxdesk.library.export import ExportResult
    from fluxdesk.ui.dialogs.export import ExportDialog
    from fluxdesk.ui.dialogs.settings import SettingsDialog
    from fluxdesk.ui.library_move import LibraryMove


class WindowDialogs(QMainWindow):
    # what the window provides
    engine_gate: EngineGate
    tasks: TaskRegistry
    catalog: Catalog
    queue: Any
    money: Any
    gallery: Any
    open_url: Callable[[QUrl], object]
    settings_dialog: SettingsDialog | None
    export_dialog: ExportDialog | None

    @property
    def runtime(self) -> Runtime:
        raise NotImplementedError

    @runtime.setter
    def runtime(self, runtime: Runtime) -> None:
        raise NotImplementedError

    @property
    def base(self) -> Foundation:
        raise NotImplementedError

    @property
    def library_move(self) -> LibraryMove:
        raise NotImplementedError

    def show_status(self, text: str) -> None:
        raise NotImplementedError

    def _apply_runtime(self) -> None:
        raise NotImplementedError

    def open_settings(self, focus_key: bool = False) -> SettingsDialog:
        if self.settings_dialog is None:
            from fluxdesk.ui.dialogs.settings import SettingsDialog

            self.settings_dialog = SettingsDialog(self.base.settings, self.catalog, self.tasks, self)
            self.settings_dialog.applied.connect(self._settings_applied)
            self.settings_dialog.libraryChosen.connect(lambda folder: self.library_move.ask(Path(folder)))
        dialog = self.settings_dialog
        dialog.load()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if focus_key:
            dialog.focus_key()
        return dialog

    def _settings_applied(self, needs_rebuild: bool) -> None:
        if needs_rebuild:  # on the running engine: while it starts, once it is up
            self.engine_gate.run(lambda: self.tasks.spawn(self.reconfigure(), name="apply settings"))
        else:
            self.show_status(translate("MainWindow", "Settings saved."))

    async def reconfigure(self) -> None:
        self.queue.set_engine(None)
        self.runtime = await reload_runtime(self.runtime)
        if self.settings_dialog is not None:
            self.settings_dialog.settings = self.runtime.settings
        self._apply_runtime()
        # the old engine let its jobs go: this one takes them over (a Retry works on any of them too)
        for job in await self.runtime.engine.resume():
            self.queue.track(job)
        self.money.refresh()
        if self.runtime.demo:
            self.show_status(translate("MainWindow", "Settings applied (demo mode)."))
        else:
            self.show_status(translate("MainWindow", "Settings applied."))

    def export_selected(self) -> None:
        self.export_records(self.gallery.selected_records())

    def export_records(self, records: list[GenerationRecord]) -> None:
        records = [r for r in records if r.file]
        if not records:
            self.show_status(translate("MainWindow", "Select the images to export first."))
            return
        # the key in use is kept out of what is exported: known once the engine is up
        self.engine_gate.run(lambda: self._export(records))

    def _export(self, records: list[GenerationRecord]) -> None:
        secrets = (self.runtime.config.api_key,) if self.runtime.config.api_key else ()
        from fluxdesk.ui.dialogs.export import ExportDialog

        dialog = ExportDialog(records, self.runtime.library.images_dir, self, secrets=secrets)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.export_finished.connect(self._export_finished)
        self.export_dialog = dialog
        dialog.show()  # modeless: browsing goes on while a long export runs

    def _export_finished(self, result: ExportResult) -> None:
        self.show_status(result.summary())

    def open_log(self) -> str:
        """Help -> Open log file."""
        text = open_log_file(self.base.settings.paths.logs_dir / LOG_FILENAME, self.open_url)
        self.show_status(text)
        return text

    def show_about(self) -> None:
        """Help -> About: version, folders, licences (ui/dialogs/about.py); non-modal."""
        from fluxdesk.ui.dialogs.about import show_about

        show_about(self, self.base.settings.paths, self.tasks)
