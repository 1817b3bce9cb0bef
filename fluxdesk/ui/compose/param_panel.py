"""The parameter panel: a view of the draft's parameters, built from the model's catalogue entry.

Every field comes from a `ParamSpec`: numbers get a slider and a spin box, sizes get spin boxes that
step in multiples plus aspect presets, aspect ratios an editable combo, booleans a toggle, choices a
combo, images a file picker and drop target; a model that takes several images has one reference strip
(`reference_strip.py`) for all of them instead. A parameter the model does not take has no field. What
the user changes goes into the draft; the fields are set back from the draft's notifications (a new
model rebuilds them). Bad values are marked under their field from `draft.errors()`.

A FLUX.2 size may match the input image (no size set, none sent); the panel says what that gives.
The model's advanced parameters (`ModelSpec.advanced`: the webhook) sit in a collapsed section of
their own, empty unless the user fills them. Fill's mask and Expand's sides offer to work on the image
itself (`canvasRequested`: the window's large view shows its canvas).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import Group, Kind, ModelSpec, ParamSpec
from fluxdesk.api.errors import FieldError
from fluxdesk.draft import MAX_BATCH, Draft
from fluxdesk.draft.draft import WEBHOOK_SECRET, WEBHOOK_URL
from fluxdesk.draft.expand import takes_sides
from fluxdesk.draft.inputs import MASK, input_params
from fluxdesk.draft.references import REFERENCES, takes_references
from fluxdesk.i18n import _
from fluxdesk.ui.compose.error_line import ErrorLine
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
    ValueField,
)
from fluxdesk.ui.compose.strip_context import StripContext
from fluxdesk.ui.i18n import translate

if TYPE_CHECKING:
    from fluxdesk.ui.compose.reference_strip import ReferenceStrip

GROUP_ORDER = (Group.SIZE, Group.QUALITY, Group.SEED, Group.REFERENCE, Group.OUTPUT)
ERROR_STYLE = "color: #c62828;"


class _Row(QWidget):
    """A field with its inline error message under it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        """`reserve`: the error line keeps its place (a field whose value can be refused: sizes,
        images, text), so that the form does not jump when a message comes and goes."""
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(field)
        self.error = ErrorLine(ERROR_STYLE, self, reserve=reserve)
        self.error.setObjectName("field-error")
        lay.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.show_message(text)


# ---- the panel ------------------------------------------------------------------------------------


class ParamPanel(QWidget):
    """All parameters of the draft's model, plus the batch count: a view of the draft."""

    #: "mask" or "expand": work on the image itself (the window shows the canvas)
    canvasRequested = Signal(str)

    def __init__(
        self, draft: Draft, parent: QWidget | None = None, *, context: StripContext | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.context = context
        self.strip: ReferenceStrip | None = None
        self.model: ModelSpec = draft.spec
        self.fields: dict[str, Field] = {}
        self.size_field: SizeField | None = None
        self._rows: dict[str, _Row] = {}
        #: the advanced section: its toggle, its body and its fields (webhook URL and secret)
        self.advanced_toggle: QToolButton | None = None
        self.advanced_body: QWidget | None = None
        self.advanced_fields: dict[str, TextField] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self._host: QWidget | None = None
        self._host_layout = QVBoxLayout()
        self._host_layout.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self._host_layout)
        batch_row = QFormLayout()
        self.batch = QSpinBox(self)
        self.batch.setObjectName("batch")
        self.batch.setRange(1, MAX_BATCH)
        self.batch.setToolTip(translate(
            "Parameters",
            "How many images to make (1 to {most}): seeds s, s+1, ... from the seed of the first",
        ).format(most=MAX_BATCH))
        self.batch.setValue(draft.batch)
        self.batch.valueChanged.connect(draft.set_batch)
        batch_row.addRow(translate("Parameters", "Batch"), self.batch)
        lay.addLayout(batch_row)
        self.general_error = ErrorLine(ERROR_STYLE, self)
        lay.addWidget(self.general_error)
        self._build(self.model)
        self._unsubscribe = draft.subscribe(self._draft_changed)
        self.destroyed.connect(lambda _obj=None, off=self._unsubscribe: off())

    # building
    def _build(self, model: ModelSpec) -> None:
        if self._host is not None:
            self._host.hide()
            self._host.deleteLater()
        self.model = model
        self.fields = {}
        self._rows = {}
        self.size_field = None
        self.strip = None
        host = QWidget(self)
        form = QFormLayout(host)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        in_strip = set(input_params(model)) if takes_references(model) else set()
        if in_strip:
            self._build_strip(host, form, in_strip)
        params = [p for p in model.params if p.name != "prompt" and p.name not in in_strip]
        params.sort(key=lambda p: GROUP_ORDER.index(p.group))
        for p in params:
            if p.name in ("width", "height") and model.has_free_size:
                if self.size_field is None:
                    self.size_field = SizeField(model, host)
                    self.size_field.changed.connect(self._size_edited)
                    self.size_field.matchToggled.connect(self._match_toggled)
                    row = _Row(self.size_field, host, reserve=True)
                    self._rows["width"] = self._rows["height"] = row
                    self.fields["width"] = self.size_field.width_field
                    self.fields["height"] = self.size_field.height_field
                    size_label = self._label(
                        translate("Parameters", "Size"), translate("Parameters", "Width × height in pixels")
                    )
                    form.addRow(size_label, row)
                continue
            field = self._make_field(p, host)
            row = _Row(field, host, reserve=isinstance(field, SizeField | ImageField | TextField))
            self._rows[p.name] = row
            self.fields[p.name] = field
            form.addRow(self._label(_(p.label), _(p.help)), row)
            if p.name == MASK and isinstance(field, ImageField):
                paint = self._canvas_button(
                    host,
                    translate("Parameters", "Paint…"),
                    translate("Parameters", "Paint the mask on the image"),
                    "mask",
                )
                layout = field.layout()
                if layout is not None:
                    layout.addWidget(paint)
            elif p.name == "right" and takes_sides(model):
                tip = translate("Parameters", "Drag the image's edges outwards in the large view")
                drag = translate("Parameters", "Drag the edges…")
                form.addRow("", self._canvas_button(host, drag, tip, "expand"))
        self._build_advanced(model, host, form)
        self._host = host
        self._host_layout.addWidget(host)
        host.show()  # now, not at the layout's next turn: what is shown next is the new model's fields
        self._sync_values()
        self._sync_advanced()

    def _build_strip(self, host: QWidget, form: QFormLayout, names: set[str]) -> None:
        """One strip for every input image of the model, at the top: an edit starts from its image."""
        from fluxdesk.ui.compose.reference_strip import ReferenceStrip  # only a model with several images

        strip = ReferenceStrip(self.draft, self.context, host)
        if self.context is not None:
            strip.statusMessage.connect(self.context.notify)
        title = QLabel(
            translate("Parameters", "Image and references") if "input_image" in names
            else translate("Parameters", "Images"),
            host,
        )
        title.setToolTip(translate(
            "Parameters", "The image to edit first, then references (image 1, image 2, … in the prompt)"
        ))
        form.addRow(title)
        row = _Row(strip, host, reserve=True)
        form.addRow(row)
        for name in (*names, REFERENCES):
            self._rows[name] = row
        self.strip = strip

    def _canvas_button(self, host: QWidget, text: str, tip: str, mode: str) -> QToolButton:
        button = QToolButton(host)
        button.setText(text)
        button.setObjectName(f"canvas-{mode}")
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.canvasRequested.emit(mode))
        return button

    def _build_advanced(self, model: ModelSpec, host: QWidget, form: QFormLayout) -> None:
        """A collapsed section for the model's advanced parameters (closed with every new model)."""
        self.advanced_toggle, self.advanced_body, self.advanced_fields = None, None, {}
        if not model.advanced:
            return
        toggle = QToolButton(host)
        toggle.setObjectName("advanced-toggle")
        toggle.setCheckable(True)
        toggle.setChecked(False)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        toggle.setAutoRaise(True)
        body = QWidget(host)
        body.setObjectName("advanced")
        inner = QFormLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        for p in model.advanced:
            field = TextField(p, body)
            if p.name == WEBHOOK_URL:
                field.setPlaceholderText(translate("Parameters", "https://…  (off when empty)"))
            if "secret" in p.name:
                field.setEchoMode(QLineEdit.EchoMode.Password)
            field.changed.connect(self._advanced_edited)
            row = _Row(field, body, reserve=True)  # text fields
            self._rows[p.name] = row
            self.advanced_fields[p.name] = field
            inner.addRow(self._label(_(p.label), _(p.help)), row)
        body.setVisible(False)
        toggle.toggled.connect(self._advanced_toggled)
        form.addRow(toggle)
        form.addRow(body)
        self.advanced_toggle, self.advanced_body = toggle, body

    def _advanced_toggled(self, shown: bool) -> None:
        if self.advanced_toggle is not None and self.advanced_body is not None:
            self.advanced_body.setVisible(shown)
            arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
            self.advanced_toggle.setArrowType(arrow)

    def _advanced_edited(self) -> None:
        url = self.advanced_fields.get(WEBHOOK_URL)
        secret = self.advanced_fields.get(WEBHOOK_SECRET)
        self.draft.set_webhook(
            (url.value() or "").strip() or None if url is not None else None,
            secret.value() if secret is not None else None,
        )

    def _sync_advanced(self) -> None:
        values = {WEBHOOK_URL: self.draft.webhook_url, WEBHOOK_SECRET: self.draft.webhook_secret}
        for name, field in self.advanced_fields.items():
            value = values.get(name)
            if (field.value() or "").strip() != (value or "").strip():  # what is being typed stays
                field.blockSignals(True)
                field.set_value(value)
                field.blockSignals(False)
        if self.advanced_toggle is not None:
            on = bool(self.draft.webhook_url)
            self.advanced_toggle.setText(
                translate("Parameters", "Advanced · webhook on") if on
                else translate("Parameters", "Advanced")
            )

    @staticmethod
    def _label(text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(tip)
        return label

    def _make_field(self, p: ParamSpec, parent: QWidget) -> Field:
        if p.name == "seed":
            return SeedField(p, self.draft, parent)
        if p.kind is Kind.IMAGE:
            return ImageField(p, self.draft, parent)
        field: ValueField
        if p.kind in (Kind.INT, Kind.FLOAT):
            field = NumberField(p, slider=p.minimum is not None and p.maximum is not None, parent=parent)
        elif p.kind is Kind.BOOL:
            field = ToggleField(p, parent)
        elif p.kind is Kind.CHOICE:
            field = ChoiceField(p, parent)
        elif p.kind is Kind.ASPECT_RATIO:
            field = AspectField(p, parent)
        else:
            field = TextField(p, parent)
        field.changed.connect(lambda f=field, name=p.name: self.draft.set_param(name, f.value()))
        return field

    def _size_edited(self) -> None:
        if self.size_field is not None and not self.size_field.matching:
            w, h = self.size_field.width_field.value(), self.size_field.height_field.value()
            self.draft.set_params({"width": w, "height": h})

    def _match_toggled(self, matching: bool) -> None:
        if self.size_field is None:
            return
        if matching:
            self.draft.set_params({"width": None, "height": None})
        else:
            self._size_edited()

    def _sync_matching(self) -> None:
        """The size field shows whether the draft leaves the size to the input image, and what it gives."""
        field = self.size_field
        if field is None or field.match_input is None:
            return
        matching = self.draft.param("width") is None and self.draft.param("height") is None
        note = ""
        if matching:
            image = self.draft.image(field.width_spec.matches_input or "")
            if image is not None and image.size is not None:
                w, h = image.size
                note = translate(
                    "Parameters",
                    "The image keeps the input image's size ({width} × {height}); no size is sent.",
                ).format(width=w, height=h)
            elif image is not None:
                note = translate("Parameters", "The image keeps the input image's size; no size is sent.")
            else:
                defaults = self.model.defaults()
                note = translate(
                    "Parameters", "No input image: {width} × {height}. With one, its size is kept."
                ).format(width=defaults.get("width"), height=defaults.get("height"))
        field.set_matching(matching, note)

    # from the draft
    def _draft_changed(self, name: str) -> None:
        if name == "model" and self.draft.spec is not self.model:
            self._build(self.draft.spec)
        elif name == "params":
            self._sync_values()
        elif name in ("seed", "last_seed") and self.seed_field is not None:
            self.seed_field.sync()
        elif name == "inputs":
            if self.strip is not None:
                self.strip.sync()
            for field in self.fields.values():
                if isinstance(field, ImageField):
                    field.sync()
            self._sync_matching()
        elif name == "webhook":
            self._sync_advanced()
        elif name == "batch" and self.batch.value() != self.draft.batch:
            self.batch.blockSignals(True)
            self.batch.setValue(self.draft.batch)
            self.batch.blockSignals(False)

    def _sync_values(self) -> None:
        values = self.draft.values()
        for name, field in self.fields.items():
            if isinstance(field, SeedField | ImageField):
                field.sync()
                continue
            value = values.get(name)
            if value is None and isinstance(field, NumberField | ChoiceField):
                continue  # nothing to show: the field keeps its first entry
            if field.value() == value:
                continue  # what the user is typing stays as it is
            field.blockSignals(True)
            try:
                field.set_value(value)
            except (TypeError, ValueError):
                pass  # a value the field cannot show (validation marks it)
            finally:
                field.blockSignals(False)
        if self.size_field is not None:
            self.size_field.sync_preset()
        self._sync_matching()

    # what the window asks
    @property
    def busy(self) -> bool:
        """An image is still being read."""
        return self.draft.loading

    @property
    def seed_field(self) -> SeedField | None:
        field = self.fields.get("seed")
        return field if isinstance(field, SeedField) else None

    # inline errors
    def show_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Mark each field's errors under it; return the errors no field of this panel shows."""
        by_row: dict[int, list[str]] = {}
        rest: list[FieldError] = []
        for e in errors:
            row = self._rows.get(e.field)
            if row is None:
                rest.append(e)
            else:
                by_row.setdefault(id(row), []).append(e.message)
        for row in {id(r): r for r in self._rows.values()}.values():
            row.set_error(" ".join(dict.fromkeys(by_row.get(id(row), []))))
        general = [e.message for e in rest if e.field != "prompt"]
        self.general_error.show_message(" ".join(general))
        return rest

    def error_text(self, name: str) -> str:
        row = self._rows.get(name)
        if name == "batch":
            return self.general_error.text() if not self.general_error.isHidden() else ""
        return row.error.text() if row is not None and not row.error.isHidden() else ""
