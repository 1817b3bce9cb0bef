"""The compose room: prompt, model and parameters over the Generate button, all views of one Draft.

It marks what is wrong as the user edits (from `draft.errors()`) and enables Generate only when the
draft would make requests; the window decides what Generate does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from fluxdesk.api.catalog import Catalog
from fluxdesk.api.errors import FieldError
from fluxdesk.draft import Draft
from fluxdesk.ui.compose.model_picker import ModelPicker
from fluxdesk.ui.compose.param_panel import ParamPanel
from fluxdesk.ui.compose.prompt_editor import PromptEditor


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class ComposeRoom(QWidget):
    def __init__(self, draft: Draft, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setObjectName("left-panel")
        self.prompt = PromptEditor(draft, self)
        self.model_picker = ModelPicker(catalog, draft, self)
        self.params = ParamPanel(draft, self)
        self.generate_button = QPushButton("Generate", self)
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        inner = QWidget(self)
        lay = QVBoxLayout(inner)
        lay.addWidget(heading("Prompt"))
        lay.addWidget(self.prompt, 1)
        lay.addWidget(heading("Model"))
        lay.addWidget(self.model_picker)
        lay.addWidget(self.params)
        lay.addStretch(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.generate_button)
        self.setMinimumWidth(min(460, inner.minimumSizeHint().width() + 24))
        # after the views: they have redrawn by the time the errors are marked
        off = draft.subscribe(self._draft_changed)
        self.destroyed.connect(lambda _obj=None: off())
        self.validate()

    def _draft_changed(self, _name: str) -> None:
        self.validate()

    def validate(self) -> list[FieldError]:
        """Mark every error under its field; Generate is enabled only for a draft that would send."""
        errors = self.draft.errors()
        self.params.show_errors(errors)
        prompt_errors = [e.message for e in errors if e.field == "prompt"]
        # an empty prompt needs no red text, only a disabled button
        self.prompt.set_error(" ".join(prompt_errors) if self.draft.prompt.strip() else "")
        self.generate_button.setEnabled(not errors and not self.draft.loading)
        return errors

    def show_refusal(self, errors: list[FieldError]) -> str:
        """Nothing was sent: mark why; returns the status sentence."""
        if self.draft.loading:
            return "Wait until the image is read."
        self.params.show_errors(errors)
        prompt = next((e.message for e in errors if e.field == "prompt"), None)
        if prompt is not None:
            self.prompt.set_error(prompt)
            self.prompt.focus()
        return "Fix the marked fields first; nothing was sent."
