"""The small fields: aspect ratio (an editable combo), toggles, choices and text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from fluxdesk.api.catalog import ParamSpec
from fluxdesk.api.request import coerce_value
from fluxdesk.i18n import _
from fluxdesk.ui.i18n import translate


def identify(field: QWidget, spec: ParamSpec) -> None:
    """What every parameter field carries: a findable object name and the catalogue's help."""
    field.setObjectName(f"param-{spec.name}")
    field.setToolTip(_(spec.help))

class AspectField(QComboBox):
    """An editable aspect-ratio combo: presets, or any W:H typed in (checked by validation)."""

    changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        identify(self, spec)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if spec.default is None:
            self.addItem("")
        line = self.lineEdit()
        assert line is not None  # editable combos always have one
        if spec.default is None:
            line.setPlaceholderText(translate("ChoiceFields", "auto"))
        self.addItems(list(spec.choices))
        pattern = QRegularExpression(r"\d{0,3}(:\d{0,3})?")
        line.setValidator(QRegularExpressionValidator(pattern, self))
        self.editTextChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> str | None:
        return self.currentText().strip() or None

    def set_value(self, value: Any) -> None:
        self.setEditText("" if value is None else str(value))


class ToggleField(QCheckBox):
    changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        identify(self, spec)
        self.toggled.connect(lambda _v: self.changed.emit())

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(coerce_value(self.spec, value)))


class ChoiceField(QComboBox):
    changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        identify(self, spec)
        self.addItems(list(spec.choices))
        self.currentTextChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> str:
        return self.currentText()

    def set_value(self, value: Any) -> None:
        text = str(value)
        if self.findText(text) < 0:
            self.addItem(text)  # shown so validation can mark it, never silently replaced
        self.setCurrentText(text)


class TextField(QLineEdit):
    changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        identify(self, spec)
        self.textChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> str | None:
        return self.text() or None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


