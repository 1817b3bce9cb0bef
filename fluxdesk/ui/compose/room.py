"""The compose room: prompt, model and parameters over the Generate button, all views of one Draft.

It marks what is wrong as the user edits (from `draft.errors()`) and enables Generate only when the
draft would make requests; the window decides what Generate does. The button shows what the batch
will probably cost ("Generate 4 · ≈ 12 credits"; its tooltip says it is an estimate), recomputed when
the model, parameters, batch or images change (never for the prompt, which costs nothing).
"""

from __future__ import annotations

import random

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from fluxdesk.api.catalog import Catalog
from fluxdesk.api.errors import FieldError, InvalidRequest
from fluxdesk.api.pricing import Estimate
from fluxdesk.draft import Draft
from fluxdesk.draft.budget import batch_estimate, credits_text
from fluxdesk.ui.compose.model_picker import ModelPicker
from fluxdesk.ui.compose.param_panel import ParamPanel
from fluxdesk.ui.compose.prompt_editor import PromptEditor
from fluxdesk.ui.compose.strip_context import StripContext
from fluxdesk.ui.i18n import translate

#: what changes a batch's price (the prompt and the seed do not)
PRICED = frozenset({"model", "params", "batch", "inputs"})


def button_text(count: int, estimate: Estimate | None) -> str:
    """'Generate 4 · ≈ 12 credits'; without a known price, 'Generate 4' (one image: no count)."""
    text = (translate("Compose", "Generate") if count <= 1
            else translate("Compose", "Generate {count}").format(count=count))
    if estimate is None:
        return text
    if estimate.credits is not None:
        about = translate("Compose", "{action} · ≈ {credits} credits")
        return about.format(action=text, credits=credits_text(estimate.credits))
    if estimate.known:
        least = translate("Compose", "{action} · ≥ {credits} credits")
        return least.format(action=text, credits=credits_text(estimate.known))
    return text


#: the narrowest the compose room gets (its fields scroll sideways below their own width)
MIN_WIDTH = 220


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class ComposeRoom(QWidget):
    def __init__(
        self,
        draft: Draft,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        provider: str | None = None,
        context: StripContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.provider = provider
        self.estimate: Estimate | None = None
        self._tip = translate("Compose", "Make images from the prompt")
        self.setObjectName("left-panel")
        self.prompt = PromptEditor(draft, self)
        self.model_picker = ModelPicker(catalog, draft, self)
        self.params = ParamPanel(draft, self, context=context)
        self.generate_button = QPushButton(translate("Compose", "Generate"), self)
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        inner = QWidget(self)
        lay = QVBoxLayout(inner)
        lay.addWidget(heading(translate("Compose", "Prompt")))
        lay.addWidget(self.prompt, 1)
        lay.addWidget(heading(translate("Compose", "Model")))
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
        self.scroll_area = scroll  # the panel scrolls when the window is small
        outer.addWidget(self.generate_button)
        # narrow enough for a 1024 px (or 2x-scaled 1600 px) screen: below its fields' width it scrolls
        self.setMinimumWidth(min(MIN_WIDTH, inner.minimumSizeHint().width() + 24))
        # after the views: they have redrawn by the time the errors are marked
        off = draft.subscribe(self._draft_changed)
        self.destroyed.connect(lambda _obj=None: off())
        self.validate()
        self.update_estimate()

    def _draft_changed(self, name: str) -> None:
        self.validate()
        # the prompt costs nothing, but it may be what made the draft sendable
        if name in PRICED or (name == "prompt" and self.estimate is None):
            self.update_estimate()

    def set_provider(self, provider: str | None) -> None:
        """Prices are the provider's: a new provider, a new estimate."""
        self.provider = provider
        self.update_estimate()

    def set_generate_tip(self, tip: str) -> None:
        """What Generate does (with its shortcut); the estimate is added after it."""
        self._tip = tip
        self._show_estimate()

    def update_estimate(self) -> Estimate | None:
        """The batch's estimate from the draft as it is (None while it would not send)."""
        self.estimate = None
        if self.provider is not None and not self.draft.loading:
            try:
                # a fixed generator: an estimate must not use up the draft's random seeds
                self.estimate = batch_estimate(self.draft.requests(random.Random(0)), self.provider)
            except InvalidRequest:
                pass
        self._show_estimate()
        return self.estimate

    def _show_estimate(self) -> None:
        estimate = self.estimate
        self.generate_button.setText(button_text(self.draft.batch, estimate))
        lines = [self._tip]
        if estimate is not None:
            lines.append(estimate.summary())
            lines += list(estimate.notes)
        self.generate_button.setToolTip("\n".join(lines))

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
            return translate("Compose", "Wait until the image is read.")
        self.params.show_errors(errors)
        prompt = next((e.message for e in errors if e.field == "prompt"), None)
        if prompt is not None:
            self.prompt.set_error(prompt)
            self.prompt.focus()
        return translate("Compose", "Fix the marked fields first; nothing was sent.")
