"""Settings: provider, API key, library folder, concurrency, default model, budgets. Non-modal.

The key is checked as it is entered (`api.keys.check_key`: one sentence, the key never quoted), then
goes straight to the `KeyStore` (keychain, or a 0600 file) and is never shown again: the field only
ever says whether one is saved, and the note under it where it is kept (the keychain, or the file,
also when the keychain did not answer). Every keychain call runs off the GUI thread. Applying emits
`applied(needs_rebuild)`; the window rebuilds the client and engine when the provider, address, key or
concurrency changed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import BFL, COMETAPI, Catalog
from fluxdesk.api.errors import InvalidKey
from fluxdesk.api.keys import check_key
from fluxdesk.api.providers import DEFAULT_BASE_URLS, KEY_ENV_VARS, PROVIDER_LABELS
from fluxdesk.i18n import _
from fluxdesk.logs import add_secret
from fluxdesk.settings import Settings
from fluxdesk.ui.dialogs.language_settings import LanguageSettings
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.platform.notify import Notifier
from fluxdesk.ui.platform.theme import DARK, LIGHT, SYSTEM, apply_theme
from fluxdesk.ui.tasks import TaskRegistry

ERROR_STYLE = "color: #c62828;"


class SettingsDialog(QDialog):
    #: True when the client/engine must be rebuilt (provider, address, key or concurrency changed)
    applied = Signal(bool)
    #: the saved-key state of the chosen provider is on screen (it is read off the GUI thread)
    key_state_shown = Signal()
    #: another library folder was chosen (a path): not saved here, the window asks what to do with it
    libraryChosen = Signal(str)

    def __init__(
        self, settings: Settings, catalog: Catalog, tasks: TaskRegistry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        # the keychain may be slow (D-Bus, an unlock prompt): every call to it runs off the GUI thread
        self.tasks = tasks
        self.catalog = catalog
        self.setWindowTitle(translate("Settings", "fluxdesk settings"))
        self.setModal(False)
        self.setObjectName("settings-dialog")

        form = QFormLayout()
        self.provider = QComboBox(self)
        for pid in (COMETAPI, BFL):
            self.provider.addItem(PROVIDER_LABELS[pid], pid)
        self.provider.setToolTip(translate("Settings", "Who runs the models and bills you"))
        self.base_url = QLineEdit(self)
        self.base_url.setToolTip(
            translate("Settings", "Leave empty for the provider's own address; set it for a proxy or gateway")
        )
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setObjectName("api-key")
        self.key.setToolTip(
            translate("Settings", "Kept in the system keychain (or a private 0600 file); never shown again")
        )
        self.forget = QPushButton(translate("Settings", "Forget key"), self)
        self.forget.setToolTip(translate("Settings", "Delete the saved key of this provider"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.forget)
        self.key_note = QLabel(self)
        self.key_note.setWordWrap(True)
        self.key_note.setEnabled(False)
        self.library_dir = QLineEdit(self)
        self.library_dir.setToolTip(
            translate("Settings", "Where images and their history are kept (used from the next start)")
        )
        self.browse = QPushButton(translate("Settings", "Browse…"), self)
        self.browse.clicked.connect(self._browse)
        lib_row = QHBoxLayout()
        lib_row.addWidget(self.library_dir, 1)
        lib_row.addWidget(self.browse)
        self.library_note = QLabel(self)
        self.library_note.setObjectName("library-note")
        self.library_note.setWordWrap(True)
        self.library_note.hide()
        self.max_concurrent = QSpinBox(self)
        self.max_concurrent.setRange(1, 24)
        self.max_concurrent.setToolTip(
            translate(
                "Settings",
                "At most this many generations at once; below it fluxdesk finds what the provider accepts "
                "(Black Forest Labs allows 24)",
            )
        )
        self.ask_above = self._credits_box(
            "ask-above",
            translate(
                "Settings", "Ask before sending a batch estimated at more than this many credits (Off: never)"
            ),
        )
        self.daily_budget = self._credits_box(
            "daily-budget",
            translate(
                "Settings",
                "Refuse a batch that would take today's spend over this many credits (Off: no budget). "
                "Counts what Black Forest Labs reports charging; CometAPI reports no cost, so it is not "
                "checked",
            ),
        )
        self.default_model = QComboBox(self)
        for spec in catalog:
            self.default_model.addItem(_(spec.label), spec.id)
        self.default_model.setToolTip(translate("Settings", "The model selected when fluxdesk starts"))
        self.tray_icon = QCheckBox(translate("Settings", "Show an icon in the system &tray"), self)
        self.tray_icon.setObjectName("tray-icon")
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray_icon.setToolTip(
                translate("Settings", "Finished batches are announced from it; off: no icon, notifications")
            )
        else:
            self.tray_icon.setToolTip(
                translate("Settings", "No system tray here: finished batches are announced in notifications")
            )
        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        self.theme.addItem(translate("Settings", "System"), SYSTEM)
        self.theme.addItem(translate("Settings", "Light"), LIGHT)
        self.theme.addItem(translate("Settings", "Dark"), DARK)
        self.theme.setToolTip(translate("Settings", "System: as the desktop is set; Light or Dark: the same "
                                                    "everywhere"))
        form.addRow(translate("Settings", "&Provider"), self.provider)
        form.addRow(translate("Settings", "API &address"), self.base_url)
        # a row whose field is a layout gets no buddy from the form: without one its label would show
        # the "&" itself instead of underlining the letter (and Alt+letter would go nowhere)
        form.addRow(self._buddy_label(translate("Settings", "API &key"), self.key), key_row)
        form.addRow("", self.key_note)
        form.addRow(self._buddy_label(translate("Settings", "&Library folder"), self.library_dir), lib_row)
        form.addRow("", self.library_note)
        form.addRow(translate("Settings", "&Concurrent jobs"), self.max_concurrent)
        form.addRow(translate("Settings", "As&k before a batch over"), self.ask_above)
        form.addRow(translate("Settings", "Daily &budget"), self.daily_budget)
        form.addRow(translate("Settings", "&Default model"), self.default_model)
        form.addRow(translate("Settings", "&Theme"), self.theme)
        form.addRow("", self.tray_icon)
        self.languages = LanguageSettings(form, self)

        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

        self.provider.currentIndexChanged.connect(lambda _i: self._provider_changed())
        self.forget.clicked.connect(self._forget)
        self.load()

    def _buddy_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _chosen_library(self, text: str) -> Path | None:
        """The folder typed, when it is not the one configured (and FLUXDESK_HOME does not decide)."""
        if not text or self.settings.env.get("FLUXDESK_HOME", "").strip():
            return None
        prefs = self.settings.prefs
        configured = self.settings.paths.library_dir
        if prefs.library_dir:
            configured = Path(prefs.library_dir).expanduser()
        chosen = Path(text).expanduser()
        return None if chosen == configured else chosen

    def _credits_box(self, name: str, tip: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setRange(0.0, 1_000_000.0)
        box.setDecimals(1)
        box.setSingleStep(10.0)
        box.setSuffix(translate("Settings", " credits"))
        box.setSpecialValueText(translate("Settings", "Off"))  # 0
        box.setToolTip(tip)
        return box

    # showing
    def load(self) -> None:
        prefs = self.settings.prefs
        self.ask_above.setValue(max(0.0, float(prefs.ask_above_credits or 0.0)))
        self.daily_budget.setValue(max(0.0, float(prefs.daily_budget_credits or 0.0)))
        self.provider.setCurrentIndex(max(0, self.provider.findData(self.settings.provider)))
        self.base_url.setText(prefs.base_url)
        self.library_dir.setText(prefs.library_dir or str(self.settings.paths.library_dir))
        home = self.settings.env.get("FLUXDESK_HOME", "").strip()
        # FLUXDESK_HOME wins over the setting: the field would change nothing, so it says why instead
        self.library_dir.setEnabled(not home)
        self.browse.setEnabled(not home)
        if home:
            self.library_dir.setText(str(self.settings.paths.library_dir))
            self.library_note.setText(translate(
                "Settings", "FLUXDESK_HOME is set ({folder}), so the library is there and this setting "
                "is not used; unset it to choose the folder here.").format(folder=home))
        self.library_note.setVisible(bool(home))
        self.max_concurrent.setValue(self.settings.max_concurrent)
        self.default_model.setCurrentIndex(max(0, self.default_model.findData(prefs.default_model)))
        self.tray_icon.setChecked(bool(prefs.tray_icon))
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.languages.load(prefs)
        self._provider_changed()

    def focus_key(self) -> None:
        self.key.setFocus(Qt.FocusReason.OtherFocusReason)

    def _provider_changed(self) -> None:
        pid = str(self.provider.currentData())
        self.base_url.setPlaceholderText(DEFAULT_BASE_URLS[pid])
        self.key.clear()
        self.forget.setEnabled(False)
        self.tasks.spawn(self._show_key_state(pid), name="read the saved key")

    async def _show_key_state(self, pid: str) -> None:
        keys = self.settings.keys
        where = await asyncio.to_thread(keys.where, pid)
        if pid != str(self.provider.currentData()):
            return  # the user moved on to another provider meanwhile
        saved = where is not None
        env_var = KEY_ENV_VARS[pid]
        notes = []
        if self.settings.env.get(env_var):
            self.key.setPlaceholderText(translate("Settings", "Set by ${variable}").format(variable=env_var))
            notes.append(
                translate("Settings", "${variable} holds a key, and it wins over the saved one.").format(
                    variable=env_var
                )
            )
        elif saved:
            self.key.setPlaceholderText(
                translate("Settings", "A key is saved (hidden). Type a new one to replace it.")
            )
            # where: the key store's own words (in the system keychain, in a file...)
            notes.append(translate("Settings", "The key is kept {where}.").format(where=where))
        else:
            self.key.setPlaceholderText(translate("Settings", "No key: fluxdesk runs in demo mode"))
        if keys.notice:
            notes.append(keys.notice)
        self.key_note.setText(" ".join(notes))
        self.forget.setEnabled(saved)
        self.key_note.setVisible(bool(self.key_note.text()))
        self.key_state_shown.emit()

    def _forget(self) -> None:
        self.tasks.spawn(self._forget_key(str(self.provider.currentData())), name="forget the key")

    async def _forget_key(self, pid: str) -> None:
        await asyncio.to_thread(self.settings.keys.delete, pid)
        self._provider_changed()
        self.applied.emit(True)

    def _browse(self) -> None:
        dialog = QFileDialog(self, translate("Settings", "Library folder"), self.library_dir.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.library_dir.setText)
        dialog.open()

    # applying
    def apply(self) -> bool:
        """Save everything; False (with the reason shown) when something is wrong."""
        prefs = self.settings.prefs
        pid = str(self.provider.currentData())
        base = self.base_url.text().strip().rstrip("/")
        if base and not base.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            self._show_error(
                translate(
                    "Settings", "The API address must start with https:// (plain http only to this computer)."
                )
            )
            return False
        library = self.library_dir.text().strip()
        key = self.key.text()
        if key.strip():
            add_secret(key)  # whatever happens next, this text stays out of the log
            try:
                key = check_key(key)
            except InvalidKey as exc:
                self._show_error(str(exc))
                return False
        else:
            key = ""
        needs_rebuild = (
            bool(key)
            or pid != prefs.provider
            or base != prefs.base_url
            or (self.max_concurrent.value() != prefs.max_concurrent)
        )
        try:
            prefs.provider = pid
            prefs.base_url = base
            prefs.max_concurrent = self.max_concurrent.value()
            prefs.ask_above_credits = self.ask_above.value()
            prefs.daily_budget_credits = self.daily_budget.value()
            prefs.default_model = str(self.default_model.currentData())
            prefs.tray_icon = self.tray_icon.isChecked()
            prefs.theme = str(self.theme.currentData())
            self.languages.apply(prefs)
            chosen = self._chosen_library(library)
            self.settings.save()
        except OSError as exc:
            self._show_error(
                translate("Settings", "The settings could not be saved ({reason}).").format(
                    reason=exc.strerror or type(exc).__name__
                )
            )
            return False
        self.key.clear()
        self._show_error("")
        self._sync_tray()
        if chosen is not None:  # the window asks: move the library there, copy it, or a new one
            self.libraryChosen.emit(str(chosen))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)  # at once, not at the next start
        if key:
            self.tasks.spawn(self._store_key(pid, key), name="save the key")
        else:
            self._provider_changed()
            self.applied.emit(needs_rebuild)
        return True

    def _sync_tray(self) -> None:
        """The tray icon comes and goes as soon as the choice is applied, not at the next start."""
        window = self.parentWidget()
        notifier = window.findChild(Notifier) if window is not None else None
        if notifier is not None:
            notifier.sync_tray()

    async def _store_key(self, pid: str, key: str) -> None:
        try:
            await asyncio.to_thread(self.settings.keys.set, pid, key)
        except InvalidKey as exc:
            self._show_error(str(exc))
            return
        except OSError as exc:
            self._show_error(
                translate("Settings", "The key could not be saved ({reason}).").format(
                    reason=exc.strerror or type(exc).__name__
                )
            )
            return
        self._provider_changed()
        self.applied.emit(True)

    def _ok(self) -> None:
        if self.apply():
            self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
