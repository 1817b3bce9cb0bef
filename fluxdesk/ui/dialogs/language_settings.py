"""Settings' language rows: the interface's language and the digits of number fields (next start).

Both are read once, when fluxdesk starts (the translators and the number locale are installed before
any widget exists), so the rows say that a change takes effect at the next start.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from fluxdesk.i18n.languages import NATIVE, NATIVE_NAMES, SUPPORTED, SYSTEM, WESTERN
from fluxdesk.settings import Prefs
from fluxdesk.ui.i18n import translate


class LanguageSettings(QWidget):
    """The language and digits choices, as rows of Settings' form."""

    def __init__(self, form: QFormLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language-settings")
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(translate("Settings", "System"), SYSTEM)
        for code in SUPPORTED:
            # each language named in itself, so that whoever reads it finds their own
            self.language.addItem(NATIVE_NAMES[code], code)
        self.language.setToolTip(translate("Settings", "The language of fluxdesk's window and command line"))
        self.digits = QComboBox(self)
        self.digits.setObjectName("digits")
        self.digits.addItem(translate("Settings", "Western (0-9)"), WESTERN)
        self.digits.addItem(translate("Settings", "The language's own"), NATIVE)
        self.digits.setToolTip(translate("Settings", "The digits number fields show and accept"))
        self.note = QLabel(translate("Settings", "Takes effect at the next start."), self)
        self.note.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.language)
        lay.addWidget(self.note)
        form.addRow(translate("Settings", "Lan&guage"), self)
        form.addRow(translate("Settings", "Digit&s"), self.digits)

    def load(self, prefs: Prefs) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.digits.setCurrentIndex(max(0, self.digits.findData(prefs.digits)))

    def apply(self, prefs: Prefs) -> None:
        prefs.language = str(self.language.currentData())
        prefs.digits = str(self.digits.currentData())
