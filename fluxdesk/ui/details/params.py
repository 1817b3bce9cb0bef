"""The details panel's parameter rows: one per parameter of the record shown, in catalogue order, with
an input image's thumbnail beside its row when it names a library image."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from fluxdesk.api.catalog import Kind
from fluxdesk.api.refs import library_ref_id
from fluxdesk.i18n import _
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.details.lineage import LineageStrip
from fluxdesk.ui.details.values import HIDDEN_PARAMS, format_value


def value_label(parent: QWidget, *, wrap: bool = False) -> QLabel:
    """A value in the details: plain text the user can select and copy."""
    label = QLabel(parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class ParamRows:
    """The rows after the form's first `fixed_rows`, for one record's parameters at a time.

    A record with the same rows as the one shown before (a batch's results, one after another) puts its
    values in the same labels: the form is not laid out and painted whole again for each result.
    """

    def __init__(self, owner: QWidget, form: QFormLayout, fixed_rows: int, clicked: SignalInstance) -> None:
        self._owner = owner
        self._form = form
        self._fixed_rows = fixed_rows
        self._clicked = clicked
        self.loader: Any = None  # the gallery's thumbnail loader, for input images' thumbnails
        #: parameter name -> value label, for the record shown (catalogue order)
        self.labels: dict[str, QLabel] = {}
        #: an input image parameter that names a library image: its name -> (thumbnail, the parent's id)
        self.images: dict[str, tuple[LineageStrip, str]] = {}
        #: the rows shown: (name, label, kind, whether an input image's thumbnail is beside it)
        self._rows: list[tuple[str, str, Kind | None, bool]] = []

    def clear(self) -> None:
        while self._form.rowCount() > self._fixed_rows:
            self._form.removeRow(self._form.rowCount() - 1)
        self.labels = {}
        self.images = {}
        self._rows = []

    def show(self, record: GenerationRecord, spec: Any) -> None:
        """`record`'s parameters; `spec` is its model's (None: a model the catalogue no longer knows)."""
        params = dict(record.request.params)
        ordered: list[tuple[str, str, Kind | None]] = []
        if spec is not None:
            for p in spec.params:
                if p.name in params and p.name not in HIDDEN_PARAMS:
                    ordered.append((p.name, _(p.label), p.kind))
        known = {name for name, _, _ in ordered} | HIDDEN_PARAMS
        for name in sorted(set(params) - known):  # what the catalogue no longer knows, still shown
            ordered.append((name, name.replace("_", " ").capitalize(), None))
        rows = [(name, label, kind, kind is Kind.IMAGE and library_ref_id(params[name]) is not None)
                for name, label, kind in ordered]
        if rows == self._rows:
            self._refill(rows, params)
            return
        self.clear()
        self._rows = rows
        for name, label, kind in ordered:
            value = value_label(self._owner, wrap=True)
            value.setText(format_value(kind, params[name]))
            value.setObjectName(f"param_{name}")
            self.labels[name] = value
            ref = library_ref_id(params[name]) if kind is Kind.IMAGE else None
            if ref is None:
                self._form.addRow(label, value)
                continue
            # the parent's thumbnail, filled once the lineage is read; its short id beside it
            thumb = LineageStrip(self._owner, loader=self.loader)
            thumb.setObjectName(f"param_image_{name}")
            thumb.recordClicked.connect(self._clicked)
            row = QWidget(self._owner)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(thumb)
            row_layout.addWidget(value, 1)
            self._form.addRow(label, row)
            self.images[name] = (thumb, ref)

    def _refill(self, rows: list[tuple[str, str, Kind | None, bool]], params: dict[str, Any]) -> None:
        for name, _label, kind, _has_thumb in rows:
            self.labels[name].setText(format_value(kind, params[name]))
            if name in self.images:
                thumb, old = self.images[name]
                ref = library_ref_id(params[name]) or ""
                if ref != old:  # another input image: its thumbnail comes with the lineage
                    thumb.set_records([])
                self.images[name] = (thumb, ref)
