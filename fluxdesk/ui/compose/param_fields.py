"""The fields of the parameter panel, one kind per `ParamSpec` kind, and the size arithmetic they use.

Numbers: a slider and a spin box; sizes: spin boxes stepping in multiples plus aspect presets;
aspect ratios: an editable combo; seeds: random / locked / reuse-last; booleans, choices, text; images:
a file picker and drop target, read and encoded off the GUI thread. Each field has `value()`,
`set_value()` and a `changed` signal.
"""

from __future__ import annotations

import asyncio
import base64
import io
import math
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QRegularExpression, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)

from fluxdesk.api.catalog import Kind, ModelSpec, ParamSpec, parse_aspect_ratio
from fluxdesk.api.request import coerce_value
from fluxdesk.ui.tasks import TaskRegistry

#: presets offered for models with free width and height
SIZE_PRESETS = ("1:1", "4:3", "3:2", "16:9", "21:9", "3:4", "2:3", "9:16")
CUSTOM = "Custom"
MAX_IMAGE_BYTES = 20 << 20
PREVIEW_PX = 56


# ---- pure helpers (tested without widgets) ------------------------------------------------------


def snap(value: float, multiple: int, lo: int, hi: int) -> int:
    """The multiple of `multiple` nearest to `value` that lies within [lo, hi]."""
    m = max(1, multiple)
    first = math.ceil(lo / m) * m
    last = math.floor(hi / m) * m
    return int(min(last, max(first, round(value / m) * m)))


def fit_aspect(
    ratio: tuple[int, int], long_side: int, width: ParamSpec, height: ParamSpec, max_megapixels: float | None
) -> tuple[int, int]:
    """A width and height close to `ratio`, both in range and multiples, keeping the long side if it can."""
    rw, rh = ratio
    r = rw / rh
    m = width.multiple_of or 1
    lo_w, hi_w = int(width.minimum or m), int(width.maximum or 8192)
    lo_h, hi_h = int(height.minimum or m), int(height.maximum or 8192)
    long_side = max(long_side, m)
    if max_megapixels:
        # the long side of the largest image of this ratio within the pixel budget
        budget = max_megapixels * 1024 * 1024
        limit = math.sqrt(budget * (r if r >= 1 else 1 / r))
        long_side = min(long_side, int(limit))
    w_f, h_f = (long_side, long_side / r) if r >= 1 else (long_side * r, long_side)
    # the range of one side may cap the other
    scale = min(1.0, hi_w / w_f, hi_h / h_f)
    w_f, h_f = w_f * scale, h_f * scale
    w, h = snap(w_f, m, lo_w, hi_w), snap(h_f, m, lo_h, hi_h)
    if max_megapixels:
        while w * h > max_megapixels * 1024 * 1024 and (w > lo_w or h > lo_h):
            if w >= h and w - m >= lo_w:
                w -= m
            elif h - m >= lo_h:
                h -= m
            else:
                w -= m
    return w, h


def matching_preset(w: int, h: int, tolerance: float = 0.02) -> str:
    for preset in SIZE_PRESETS:
        ratio = parse_aspect_ratio(preset)
        assert ratio is not None
        if h and abs(w / h - ratio[0] / ratio[1]) <= tolerance * ratio[0] / ratio[1]:
            return preset
    return CUSTOM


def read_image_file(path: Path) -> tuple[str, bytes, tuple[int, int]]:
    """(base64 of the file, a small PNG preview, (width, height)); runs in a worker thread.

    Raises ValueError with one plain sentence when the file is not a readable image.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            mb = size / 2**20
            raise ValueError(f"{path.name} is too big ({mb:.0f} MB); at most {MAX_IMAGE_BYTES >> 20} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path.name} could not be read ({exc.strerror or type(exc).__name__}).") from None
    preview, dims = _preview(data, Image, UnidentifiedImageError, path.name)
    return base64.b64encode(data).decode("ascii"), preview, dims


def preview_of_base64(text: str) -> tuple[bytes, tuple[int, int]]:
    """A small PNG preview of a base64 image (worker thread)."""
    from PIL import Image, UnidentifiedImageError

    data = text.split(",", 1)[1] if text.startswith("data:") else text
    return _preview(base64.b64decode(data), Image, UnidentifiedImageError, "The image")


def _preview(
    data: bytes, image_mod: Any, unidentified: type[Exception], name: str
) -> tuple[bytes, tuple[int, int]]:
    try:
        with image_mod.open(io.BytesIO(data)) as img:
            dims = img.size
            img.thumbnail((PREVIEW_PX * 2, PREVIEW_PX * 2))
            out = io.BytesIO()
            img.convert("RGBA").save(out, "PNG")
    except (unidentified, OSError, ValueError, SyntaxError):
        raise ValueError(f"{name} is not an image fluxdesk can read.") from None
    return out.getvalue(), dims


# ---- fields -------------------------------------------------------------------------------------



def identify(field: QWidget, spec: ParamSpec) -> None:
    """What every parameter field carries: a findable object name and the catalogue's help."""
    field.setObjectName(f"param-{spec.name}")
    field.setToolTip(spec.help)

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
        self.spin.setToolTip(spec.help)
        self.slider: QSlider | None = None
        if slider and spec.minimum is not None and spec.maximum is not None:
            self._scale = 10 ** (spec.decimals if self._float else 0)
            self.slider = QSlider(Qt.Orientation.Horizontal, self)
            self.slider.setRange(round(spec.minimum * self._scale), round(spec.maximum * self._scale))
            self.slider.setSingleStep(max(1, round((spec.step or 1) * self._scale)))
            self.slider.setPageStep(max(1, round((spec.maximum - spec.minimum) * self._scale / 10)))
            self.slider.setToolTip(spec.help)
            self.slider.setAccessibleName(spec.label)
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


class ImageField(QFrame):
    """A reference image: pick a file or drop one; read, checked and encoded off the GUI thread."""

    changed = Signal()
    #: a read failed: one plain sentence
    readFailed = Signal(str)

    def __init__(self, spec: ParamSpec, tasks: TaskRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._tasks = tasks
        self._value: str | None = None
        self._token = 0
        self._task: asyncio.Task[None] | None = None
        self.busy = False
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"param-{spec.name}")
        self.setToolTip(f"{spec.help}\nDrop an image file here, or choose one.")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.preview = QLabel(self)
        self.preview.setFixedSize(QSize(PREVIEW_PX, PREVIEW_PX))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setText("drop\nimage")
        self.caption = QLabel("No image", self)
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.choose = QToolButton(self)
        self.choose.setText("Choose…")
        self.choose.setToolTip(f"Choose the {spec.label.lower()} from a file")
        self.choose.clicked.connect(self.open_picker)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(f"Remove the {spec.label.lower()}")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)
        lay.addWidget(self.preview)
        lay.addWidget(self.caption, 1)
        lay.addWidget(self.choose)
        lay.addWidget(self.clear_button)

    # value
    def value(self) -> str | None:
        return self._value

    def set_value(self, value: Any) -> None:
        if not value:
            self.clear()
            return
        text = str(value)
        self._value = text
        self.clear_button.setEnabled(True)
        self.changed.emit()
        if text.startswith(("http://", "https://")):
            self._cancel()
            self.preview.setPixmap(QPixmap())
            self.preview.setText("link")
            self.caption.setText(text)
            return
        self._start(self._decode_preview(text))

    def clear(self) -> None:
        self._cancel()
        had = self._value is not None
        self._value = None
        self.preview.setPixmap(QPixmap())
        self.preview.setText("drop\nimage")
        self.caption.setText("No image")
        self.clear_button.setEnabled(False)
        if had:
            self.changed.emit()

    # files
    def open_picker(self) -> None:
        dialog = QFileDialog(self, f"Choose the {self.spec.label.lower()}")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff)")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.load_file(Path(name)))
        dialog.open()

    def load_file(self, path: Path) -> None:
        self.caption.setText(f"Reading {path.name}…")
        self._start(self._read(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.load_file(path)

    @staticmethod
    def _dropped_path(urls: Iterable[QUrl]) -> Path | None:
        for url in urls:
            if url.isLocalFile():
                return Path(url.toLocalFile())
        return None

    # the work, off the GUI thread
    def _start(self, coro: Any) -> None:
        self._cancel()
        self._token += 1
        self.busy = True
        self._task = self._tasks.spawn(coro, name=f"read {self.spec.label.lower()}")

    def _cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None
        self.busy = False

    async def _read(self, path: Path) -> None:
        token = self._token
        try:
            encoded, preview, dims = await asyncio.to_thread(read_image_file, path)
        except ValueError as exc:
            if shiboken6.isValid(self) and token == self._token:
                self.busy = False
                self._value = None
                self.clear_button.setEnabled(False)
                self.preview.setPixmap(QPixmap())
                self.preview.setText("drop\nimage")
                self.caption.setText("No image")
                self.readFailed.emit(str(exc))
                self.changed.emit()
            return
        if not shiboken6.isValid(self) or token != self._token:
            return
        self.busy = False
        self._value = encoded
        self.clear_button.setEnabled(True)
        self._show_preview(preview, f"{path.name}\n{dims[0]}×{dims[1]}")
        self.changed.emit()

    async def _decode_preview(self, text: str) -> None:
        token = self._token
        try:
            preview, dims = await asyncio.to_thread(preview_of_base64, text)
        except (ValueError, TypeError):
            preview, dims = b"", (0, 0)
        if not shiboken6.isValid(self) or token != self._token:
            return
        self.busy = False
        self._show_preview(preview, f"{dims[0]}×{dims[1]}" if preview else "an image (no preview)")
        self.changed.emit()

    def _show_preview(self, png: bytes, caption: str) -> None:
        image = QImage.fromData(png) if png else QImage()
        if image.isNull():
            self.preview.setText("?")
        else:
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    PREVIEW_PX, PREVIEW_PX, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.caption.setText(caption)


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
            line.setPlaceholderText("auto")
        self.addItems(list(spec.choices))
        pattern = QRegularExpression(r"\d{0,3}(:\d{0,3})?")
        line.setValidator(QRegularExpressionValidator(pattern, self))
        self.editTextChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> str | None:
        return self.currentText().strip() or None

    def set_value(self, value: Any) -> None:
        self.setEditText("" if value is None else str(value))


class SeedField(QWidget):
    """Seed: random each time, locked to a number, or the last one used again."""

    changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.last_seed: int | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("param-seed")
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}"), self))
        self.edit.setPlaceholderText("random")
        self.edit.setToolTip(spec.help)
        self.random_button = QToolButton(self)
        self.random_button.setText("Random")
        self.random_button.setCheckable(True)
        self.random_button.setToolTip("A new random seed for every image (Ctrl+Shift+R)")
        self.lock_button = QToolButton(self)
        self.lock_button.setText("Locked")
        self.lock_button.setCheckable(True)
        self.lock_button.setToolTip("Use this seed for every image (Ctrl+Shift+L)")
        self.reuse_button = QToolButton(self)
        self.reuse_button.setText("Last")
        self.reuse_button.setToolTip("Reuse the seed of the last image and lock it (Ctrl+Shift+E)")
        self.reuse_button.setEnabled(False)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.random_button)
        lay.addWidget(self.lock_button)
        lay.addWidget(self.reuse_button)
        self.random_button.clicked.connect(lambda: self.set_locked(False))
        self.lock_button.clicked.connect(lambda: self.set_locked(True))
        self.reuse_button.clicked.connect(self.reuse_last)
        self.edit.textEdited.connect(self._typed)
        self._locked = False
        self.set_locked(False)

    @property
    def locked(self) -> bool:
        return self._locked

    def set_locked(self, locked: bool) -> None:
        if locked and not self.edit.text():
            seed = self.last_seed
            if seed is None:
                seed = random.randint(0, int(self.spec.maximum or 0))
            self.edit.setText(str(seed))
        if not locked:
            self.edit.clear()
        self._locked = locked
        self.random_button.setChecked(not locked)
        self.lock_button.setChecked(locked)
        self.changed.emit()

    def reuse_last(self) -> None:
        if self.last_seed is None:
            return
        self.edit.setText(str(self.last_seed))
        self.set_locked(True)

    def note_used(self, seed: int | None) -> None:
        if seed is None:
            return
        self.last_seed = seed
        self.reuse_button.setEnabled(True)
        self.edit.setPlaceholderText(f"random (last: {seed})")

    def _typed(self, text: str) -> None:
        # typing a seed means wanting it
        self._locked = bool(text)
        self.random_button.setChecked(not self._locked)
        self.lock_button.setChecked(self._locked)
        self.changed.emit()

    def value(self) -> int | str | None:
        if not self._locked:
            return None
        text = self.edit.text().strip()
        return int(text) if text.isdigit() else (text or None)

    def set_value(self, value: Any) -> None:
        if value is None:
            self.set_locked(False)
            return
        self.edit.setText(str(value))
        self.set_locked(True)


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


Field = NumberField | ImageField | AspectField | SeedField | ToggleField | ChoiceField | TextField


class SizeField(QWidget):
    """Width × height with aspect presets that snap to multiples within range."""

    changed = Signal()

    def __init__(self, model: ModelSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.width_spec, self.height_spec = model.param("width"), model.param("height")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.width_field = NumberField(self.width_spec, slider=False, parent=self)
        self.height_field = NumberField(self.height_spec, slider=False, parent=self)
        for f, spec in ((self.width_field, self.width_spec), (self.height_field, self.height_spec)):
            f.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
            f.spin.setToolTip(spec.help)
            f.changed.connect(self._manual)
        self.preset = QComboBox(self)
        self.preset.setObjectName("size-preset")
        self.preset.addItems([*SIZE_PRESETS, CUSTOM])
        self.preset.setToolTip("Aspect ratio: snaps width and height to allowed multiples")
        self.preset.activated.connect(self._preset_chosen)
        times = QLabel("×", self)
        lay.addWidget(self.width_field, 1)
        lay.addWidget(times)
        lay.addWidget(self.height_field, 1)
        lay.addWidget(self.preset)
        self._sync_preset()

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
        self.preset.setCurrentText(preset)
        self.changed.emit()

    def _preset_chosen(self, index: int) -> None:
        text = self.preset.itemText(index)
        if text != CUSTOM:
            self.apply_preset(text)

    def _manual(self) -> None:
        self._sync_preset()
        self.changed.emit()

    def _sync_preset(self) -> None:
        self.preset.blockSignals(True)
        w, h = int(self.width_field.value()), int(self.height_field.value())
        self.preset.setCurrentText(matching_preset(w, h))
        self.preset.blockSignals(False)
