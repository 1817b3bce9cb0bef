"""The parameter panel, generated from the model catalogue.

Every field comes from a `ParamSpec`: numbers get a slider and a spin box, sizes get spin boxes that
step in multiples plus aspect presets, aspect ratios an editable combo, booleans a toggle, choices a
combo, images a file picker and drop target (read and encoded off the GUI thread). A parameter the
model does not take has no field. Bad values are marked under their field by the window, which runs
`check_fields` on every change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import Catalog, Group, Kind, ModelSpec, ParamSpec
from fluxdesk.api.errors import FieldError
from fluxdesk.api.request import coerce_value
from fluxdesk.ui.compose.param_fields import (
    AspectField,
    ChoiceField,
    Field,
    ImageField,
    NumberField,
    SeedField,
    SizeField,
    TextField,
    ToggleField,
)
from fluxdesk.ui.tasks import TaskRegistry

BATCH_MAX = 8
GROUP_ORDER = (Group.SIZE, Group.QUALITY, Group.SEED, Group.REFERENCE, Group.OUTPUT)
ERROR_STYLE = "color: #c62828;"


class _Row(QWidget):
    """A field with its inline error message under it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(field)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setObjectName("field-error")
        self.error.hide()
        lay.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


# ---- the panel ------------------------------------------------------------------------------------


class ParamPanel(QWidget):
    """All parameters of one model, built from its catalogue entry, plus the batch count."""

    #: any value changed
    changed = Signal()

    def __init__(
        self, catalog: Catalog, tasks: TaskRegistry, model: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._tasks = tasks
        self.model: ModelSpec = catalog.get(model)
        self.fields: dict[str, Field] = {}
        self.size_field: SizeField | None = None
        self._rows: dict[str, _Row] = {}
        self._read_errors: dict[str, str] = {}
        self._last_seed: int | None = None
        self._memory: dict[str, Any] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self._host: QWidget | None = None
        self._host_layout = QVBoxLayout()
        self._host_layout.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self._host_layout)
        batch_row = QFormLayout()
        self.batch = QSpinBox(self)
        self.batch.setObjectName("batch")
        self.batch.setRange(1, BATCH_MAX)
        self.batch.setToolTip(f"How many images to make, each with its own seed (1 to {BATCH_MAX})")
        batch_row.addRow("Batch", self.batch)
        lay.addLayout(batch_row)
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.hide()
        lay.addWidget(self.general_error)
        self._build(self.model)
        self.apply_values(self.model.defaults())

    # building
    def _build(self, model: ModelSpec) -> None:
        if self._host is not None:
            for f in self.fields.values():
                if isinstance(f, ImageField):
                    f.clear()
            self._host.hide()
            self._host.deleteLater()
        self.model = model
        self.fields = {}
        self._rows = {}
        self._read_errors = {}
        self.size_field = None
        host = QWidget(self)
        form = QFormLayout(host)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        params = [p for p in model.params if p.name != "prompt"]
        params.sort(key=lambda p: GROUP_ORDER.index(p.group))
        for p in params:
            if p.name in ("width", "height") and model.has_free_size:
                if self.size_field is None:
                    self.size_field = SizeField(model, host)
                    self.size_field.changed.connect(self.changed)
                    row = _Row(self.size_field, host)
                    self._rows["width"] = self._rows["height"] = row
                    self.fields["width"] = self.size_field.width_field
                    self.fields["height"] = self.size_field.height_field
                    form.addRow(self._label("Size", "Width × height in pixels"), row)
                continue
            field = self._make_field(p, host)
            field.changed.connect(self.changed)
            row = _Row(field, host)
            self._rows[p.name] = row
            self.fields[p.name] = field
            form.addRow(self._label(p.label, p.help), row)
        self._host = host
        self._host_layout.addWidget(host)

    @staticmethod
    def _label(text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(tip)
        return label

    def _make_field(self, p: ParamSpec, parent: QWidget) -> Field:
        if p.name == "seed":
            seed = SeedField(p, parent)
            seed.note_used(self._last_seed)
            return seed
        if p.kind in (Kind.INT, Kind.FLOAT):
            return NumberField(p, slider=p.minimum is not None and p.maximum is not None, parent=parent)
        if p.kind is Kind.BOOL:
            return ToggleField(p, parent)
        if p.kind is Kind.CHOICE:
            return ChoiceField(p, parent)
        if p.kind is Kind.ASPECT_RATIO:
            return AspectField(p, parent)
        if p.kind is Kind.IMAGE:
            image = ImageField(p, self._tasks, parent)
            image.readFailed.connect(lambda text, name=p.name: self._image_failed(name, text))
            image.changed.connect(lambda name=p.name: self._image_changed(name))
            return image
        return TextField(p, parent)

    def _image_changed(self, name: str) -> None:
        field = self.fields.get(name)
        if field is not None and field.value() is not None:
            self._read_errors.pop(name, None)

    def _image_failed(self, name: str, text: str) -> None:
        self._read_errors[name] = text
        self.changed.emit()

    # model switching
    def set_model(self, model_id: str) -> None:
        """Rebuild for another model, keeping every value the user set that the new model can take."""
        if model_id == self.model.id:
            return
        old_defaults = self.model.defaults()
        # what the user set is remembered across models that do not take it (dev -> ultra -> dev keeps steps)
        for name, value in self.values().items():
            if value is not None and value != old_defaults.get(name):
                self._memory[name] = value
            else:
                self._memory.pop(name, None)
        new = self.catalog.get(model_id)
        values = new.defaults()
        for name, value in self._memory.items():
            if not new.takes(name):
                continue
            try:
                values[name] = coerce_value(new.param(name), value)
            except ValueError:
                continue
        self._build(new)
        self.apply_values(values)
        self.changed.emit()

    # values
    def values(self) -> dict[str, Any]:
        """Every parameter of the model as the user set it (None: not set)."""
        return {name: f.value() for name, f in self.fields.items()}

    def apply_values(self, params: Mapping[str, Any]) -> None:
        """Set every field from `params`; fields absent from it get the model's default."""
        defaults = self.model.defaults()
        for name, field in self.fields.items():
            field.blockSignals(True)
            try:
                value = params.get(name, defaults.get(name))
                if value is None and isinstance(field, NumberField):
                    continue
                field.set_value(value)
            finally:
                field.blockSignals(False)
        if self.size_field is not None:
            self.size_field._sync_preset()
        self.changed.emit()

    @property
    def busy(self) -> bool:
        """An image is still being read."""
        return any(isinstance(f, ImageField) and f.busy for f in self.fields.values())

    def note_seed_used(self, seed: int | None) -> None:
        if seed is None:
            return
        self._last_seed = seed
        field = self.fields.get("seed")
        if isinstance(field, SeedField):
            field.note_used(seed)

    @property
    def seed_field(self) -> SeedField | None:
        field = self.fields.get("seed")
        return field if isinstance(field, SeedField) else None

    # inline errors
    def show_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Mark each field's errors under it; return the errors no field of this panel shows."""
        by_row: dict[int, list[str]] = {}
        rest: list[FieldError] = []
        merged = list(errors) + [FieldError(n, t) for n, t in self._read_errors.items()]
        for e in merged:
            row = self._rows.get(e.field)
            if row is None:
                rest.append(e)
            else:
                by_row.setdefault(id(row), []).append(e.message)
        for row in {id(r): r for r in self._rows.values()}.values():
            row.set_error(" ".join(dict.fromkeys(by_row.get(id(row), []))))
        general = [e.message for e in rest if e.field != "prompt"]
        self.general_error.setText(" ".join(general))
        self.general_error.setVisible(bool(general))
        return rest

    def error_text(self, name: str) -> str:
        row = self._rows.get(name)
        return row.error.text() if row is not None and not row.error.isHidden() else ""

    @property
    def read_errors(self) -> dict[str, str]:
        return dict(self._read_errors)
