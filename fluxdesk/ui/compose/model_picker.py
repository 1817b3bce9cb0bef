"""The model selector: every catalogue model, with its one-line description under the combo.

A view of the draft's model: choosing one switches the draft, and the combo follows the draft.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from fluxdesk.api.catalog import Catalog
from fluxdesk.draft import Draft
from fluxdesk.i18n import _
from fluxdesk.ui.i18n import translate


class ModelPicker(QWidget):
    def __init__(self, catalog: Catalog, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.draft = draft
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.combo = QComboBox(self)
        self.combo.setObjectName("model")
        self.combo.setToolTip(translate("ModelPicker", "The model that makes the image (Ctrl+M)"))
        for spec in catalog:
            # a model's name is not translated; its description is
            self.combo.addItem(_(spec.label), spec.id)
            tip = f"{spec.id}: {_(spec.description)}"
            self.combo.setItemData(self.combo.count() - 1, tip, 3)  # ToolTipRole
        self.description = QLabel(self)
        self.description.setObjectName("model-description")
        self.description.setWordWrap(True)
        self.description.setEnabled(False)  # drawn in the palette's muted text colour
        lay.addWidget(self.combo)
        lay.addWidget(self.description)
        self._show(draft.model)
        self.combo.currentIndexChanged.connect(self._chosen)
        off = draft.subscribe(self._draft_changed)
        self.destroyed.connect(lambda _obj=None: off())

    @property
    def model(self) -> str:
        return self.draft.model

    def set_model(self, model: str) -> None:
        if model in self.catalog:
            self.draft.set_model(model)

    def _chosen(self, index: int) -> None:
        if index >= 0:
            self.draft.set_model(str(self.combo.itemData(index)))

    def _draft_changed(self, name: str) -> None:
        if name == "model":
            self._show(self.draft.model)

    def _show(self, model: str) -> None:
        index = self.combo.findData(model)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)
        self.description.setText(_(self.catalog.get(model).description))
