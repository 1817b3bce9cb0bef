"""The model selector: every catalogue model, with its one-line description under the combo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from fluxdesk.api.catalog import Catalog


class ModelPicker(QWidget):
    #: the model id
    modelChanged = Signal(str)

    def __init__(self, catalog: Catalog, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.combo = QComboBox(self)
        self.combo.setObjectName("model")
        self.combo.setToolTip("The model that makes the image (Ctrl+M)")
        for spec in catalog:
            self.combo.addItem(spec.label, spec.id)
            self.combo.setItemData(self.combo.count() - 1, f"{spec.id}: {spec.description}", 3)  # ToolTipRole
        self.description = QLabel(self)
        self.description.setObjectName("model-description")
        self.description.setWordWrap(True)
        self.description.setEnabled(False)  # drawn in the palette's muted text colour
        lay.addWidget(self.combo)
        lay.addWidget(self.description)
        self.combo.currentIndexChanged.connect(self._changed)
        self.set_model(model if model in catalog else catalog.ids[0])
        self._changed(self.combo.currentIndex())

    @property
    def model(self) -> str:
        return str(self.combo.currentData())

    def set_model(self, model: str) -> None:
        index = self.combo.findData(model)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def _changed(self, index: int) -> None:
        if index < 0:
            return
        spec = self.catalog.get(str(self.combo.itemData(index)))
        self.description.setText(spec.description)
        self.modelChanged.emit(spec.id)
