"""Number fields: a slider with a spin box, and width × height with aspect presets.

Each field shows a value and says `changed` when the user edits it; the panel writes that into the
draft and sets the field back from the draft's notifications.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import Kind, ModelSpec, ParamSpec, parse_aspect_ratio
from fluxdesk.i18n import _
from fluxdesk.ui.compose.sizing import CUSTOM, SIZE_PRESETS, fit_aspect, matching_preset
from fluxdesk.ui.i18n import translate


class SnapSpinBox(QSpinBox):
    """A spin box whose arrows move to the next multiple (typed values are left for validation to mark)."""

    def __init__(self, multiple: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._multiple = max(1, multiple)
        self.setSingleStep(self._multiple)

    def stepBy(self, steps: int) -> None:
        m = self._multiple
        v = self.value()
        target = (v // m + steps) * m if steps > 0 else (-(-v // m) + steps) * m
        self.setValue(max(self.minimum(), min(self.maximum(), target)))


class NumberField(QWidget):
    """Slider plus spin box for a ranged number."""

    changed = Signal()

    def __init__(self, spec: ParamSpec, *, slider: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._float = spec.kind is Kind.FLOAT
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.spin: QSpinBox | QDoubleSpinBox
        if self._float:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(max(1, spec.decimals))
            spin.setSingleStep(spec.step or 0.1)
            top = spec.maximum if spec.maximum is not None else 1e6
            spin.setRange(float(spec.minimum or 0.0), float(top))
            self.spin = spin
        else:
            ispin = SnapSpinBox(spec.multiple_of or int(spec.step or 1), self)
            itop = spec.maximum if spec.maximum is not None else 2**31 - 1
            ispin.setRange(int(spec.minimum or 0), int(itop))
            self.spin = ispin
        self.spin.setAccelerated(True)
        self.spin.setObjectName(f"param-{spec.name}")
        self.spin.setToolTip(_(spec.help))
        self.slider: QSlider | None = None
        if slider and spec.minimum is not None and spec.maximum is not None:
            self._scale = 10 ** (spec.decimals if self._float else 0)
            self.slider = QSlider(Qt.Orientation.Horizontal, self)
            self.slider.setRange(round(spec.minimum * self._scale), round(spec.maximum * self._scale))
            self.slider.setSingleStep(max(1, round((spec.step or 1) * self._scale)))
            self.slider.setPageStep(max(1, round((spec.maximum - spec.minimum) * self._scale / 10)))
            self.slider.setToolTip(_(spec.help))
            self.slider.setAccessibleName(_(spec.label))
            lay.addWidget(self.slider, 1)
            self.slider.valueChanged.connect(self._from_slider)
        lay.addWidget(self.spin, 0 if self.slider else 1)
        self.spin.valueChanged.connect(self._from_spin)

    def value(self) -> int | float:
        v = self.spin.value()
        return float(v) if self._float else int(v)

    def set_value(self, value: Any) -> None:
        if self._float and isinstance(self.spin, QDoubleSpinBox):
            number = float(value)
            # a value from the history may be finer than the catalogue's step: show it whole
            text = f"{number:.6f}".rstrip("0")
            needed = len(text.split(".")[1]) if "." in text else 0
            if needed > self.spin.decimals():
                self.spin.setDecimals(min(6, needed))
            self.spin.setValue(number)
        else:
            self.spin.setValue(int(value))

    def _from_spin(self, value: float) -> None:
        if self.slider is not None:
            self.slider.blockSignals(True)
            self.slider.setValue(round(value * self._scale))
            self.slider.blockSignals(False)
        self.changed.emit()

    def _from_slider(self, value: int) -> None:
        self.spin.setValue(value / self._scale if self._float else value)


class SizeField(QWidget):
    """Width × height with aspect presets that snap to multiples within range. For a model whose size
    may match its input image (FLUX.2), a "Match the input image" box: checked, no size is set."""

    changed = Signal()
    #: the user checked (True) or cleared (False) "Match the input image"
    matchToggled = Signal(bool)

    def __init__(self, model: ModelSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.width_spec, self.height_spec = model.param("width"), model.param("height")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QWidget(self)
        outer.addWidget(row)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        self.match_input: QCheckBox | None = None
        self.note = QLabel(self)
        self.note.setObjectName("size-note")
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.hide()
        if self.width_spec.matches_input:
            self.match_input = QCheckBox(translate("SizeField", "Match the input image"), self)
            self.match_input.setObjectName("match-input")
            self.match_input.setToolTip(translate(
                "SizeField",
                "Send no size: the provider keeps the input image's size (without one, the default applies)",
            ))
            self.match_input.toggled.connect(self._match_toggled)
            outer.addWidget(self.match_input)
        outer.addWidget(self.note)
        self.width_field = NumberField(self.width_spec, slider=False, parent=self)
        self.height_field = NumberField(self.height_spec, slider=False, parent=self)
        for f, spec in ((self.width_field, self.width_spec), (self.height_field, self.height_spec)):
            f.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
            f.spin.setToolTip(_(spec.help))
            f.changed.connect(self._manual)
        self.preset = QComboBox(self)
        self.preset.setObjectName("size-preset")
        for preset in SIZE_PRESETS:
            self.preset.addItem(preset, preset)
        # the item's data is the preset (CUSTOM for none), its text what the user reads
        self.preset.addItem(translate("SizeField", "Custom"), CUSTOM)
        self.preset.setToolTip(
            translate("SizeField", "Aspect ratio: snaps width and height to allowed multiples")
        )
        self.preset.activated.connect(self._preset_chosen)
        times = QLabel("×", self)
        lay.addWidget(self.width_field, 1)
        lay.addWidget(times)
        lay.addWidget(self.height_field, 1)
        lay.addWidget(self.preset)
        self.sync_preset()

    @property
    def matching(self) -> bool:
        return self.match_input is not None and self.match_input.isChecked()

    def set_matching(self, matching: bool, note: str = "") -> None:
        """Show the draft's state: matching (no size set), and what that means now."""
        if self.match_input is not None:
            self.match_input.blockSignals(True)
            self.match_input.setChecked(matching)
            self.match_input.blockSignals(False)
        for widget in (self.width_field, self.height_field, self.preset):
            widget.setEnabled(not self.matching)
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _match_toggled(self, checked: bool) -> None:
        for widget in (self.width_field, self.height_field, self.preset):
            widget.setEnabled(not checked)
        self.matchToggled.emit(checked)

    def apply_preset(self, preset: str) -> None:
        ratio = parse_aspect_ratio(preset)
        if ratio is None:
            return
        w, h = int(self.width_field.value()), int(self.height_field.value())
        nw, nh = fit_aspect(ratio, max(w, h), self.width_spec, self.height_spec, self.model.max_megapixels)
        for f, v in ((self.width_field, nw), (self.height_field, nh)):
            f.blockSignals(True)
            f.set_value(v)
            f.blockSignals(False)
        self._show_preset(preset)
        self.changed.emit()

    def _preset_chosen(self, index: int) -> None:
        preset = str(self.preset.itemData(index))
        if preset != CUSTOM:
            self.apply_preset(preset)

    def _manual(self) -> None:
        self.sync_preset()
        self.changed.emit()

    def sync_preset(self) -> None:
        self.preset.blockSignals(True)
        w, h = int(self.width_field.value()), int(self.height_field.value())
        self._show_preset(matching_preset(w, h))
        self.preset.blockSignals(False)

    def _show_preset(self, preset: str) -> None:
        index = self.preset.findData(preset)
        if index >= 0:
            self.preset.setCurrentIndex(index)
