"""The seed field: a view of the draft's seed mode and seed (random, locked, or the last one again).

The field keeps nothing: typing a seed locks it in the draft, clearing it makes the seed random, and
the buttons are the draft's `reset_seed`, `lock_seed` and `reuse_last_seed`. A seed that is not
random says so under the field ("Locked to 123 — Random"), with Random one click away: after "Use
these settings" it is easy to miss that every new image would start from the same seed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from fluxdesk.api.catalog import ParamSpec
from fluxdesk.draft import Draft, SeedMode
from fluxdesk.i18n import _
from fluxdesk.ui.i18n import translate


class SeedField(QWidget):
    def __init__(self, spec: ParamSpec, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.draft = draft
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        lay = QHBoxLayout()
        lay.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(lay)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("param-seed")
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}"), self))
        self.edit.setToolTip(_(spec.help))
        self.random_button = QToolButton(self)
        self.random_button.setText(translate("SeedField", "Random"))
        self.random_button.setCheckable(True)
        self.random_button.setToolTip(
            translate("SeedField", "A new random seed for every batch (Ctrl+Shift+R)")
        )
        self.lock_button = QToolButton(self)
        self.lock_button.setText(translate("SeedField", "Locked"))
        self.lock_button.setCheckable(True)
        self.lock_button.setToolTip(
            translate("SeedField", "Use this seed; a batch takes the seeds after it (Ctrl+Shift+L)")
        )
        self.reuse_button = QToolButton(self)
        self.reuse_button.setText(translate("SeedField", "Last"))
        self.reuse_button.setCheckable(True)
        self.reuse_button.setToolTip(
            translate("SeedField", "Make the next batch from the seed of the last one (Ctrl+Shift+E)")
        )
        for widget in (self.edit, self.random_button, self.lock_button, self.reuse_button):
            lay.addWidget(widget, 1 if widget is self.edit else 0)
        # "Locked to 123 — Random": shown while the seed is not random
        self.locked_row = QWidget(self)
        self.locked_row.setObjectName("seed-locked")
        note_lay = QHBoxLayout(self.locked_row)
        note_lay.setContentsMargins(0, 0, 0, 0)
        note_lay.setSpacing(4)
        self.locked_note = QLabel(self.locked_row)
        self.locked_note.setObjectName("seed-locked-note")
        self.unlock_button = QToolButton(self.locked_row)
        self.unlock_button.setObjectName("seed-unlock")
        self.unlock_button.setText(translate("SeedField", "Random"))
        self.unlock_button.setAutoRaise(True)
        self.unlock_button.setToolTip(
            translate("SeedField", "Back to a new random seed for every batch (Ctrl+Shift+R)")
        )
        self.unlock_button.clicked.connect(lambda: self._do(draft.reset_seed))
        note_lay.addWidget(self.locked_note)
        note_lay.addWidget(self.unlock_button)
        note_lay.addStretch(1)
        outer.addWidget(self.locked_row)
        # a checkable button flips itself when clicked; sync() puts it back to what the draft says
        self.random_button.clicked.connect(lambda: self._do(draft.reset_seed))
        self.lock_button.clicked.connect(lambda: self._do(draft.lock_seed))
        self.reuse_button.clicked.connect(lambda: self._do(draft.reuse_last_seed))
        self.edit.textEdited.connect(self._typed)
        self.sync()

    @property
    def locked(self) -> bool:
        return self.draft.seed_mode is not SeedMode.RANDOM

    @property
    def last_seed(self) -> int | None:
        return self.draft.last_seed

    def _do(self, operation: Callable[[], object]) -> None:
        operation()
        self.sync()

    def _typed(self, text: str) -> None:
        # typing a seed means wanting it
        self.draft.set_seed(int(text) if text.isdigit() else None)

    def sync(self) -> None:
        """Show the draft's seed: the button of its mode checked, Random always one click away."""
        draft = self.draft
        seed = draft.seed
        text = "" if seed is None else str(seed)
        if self.edit.text() != text:
            self.edit.setText(text)
        last = draft.last_seed
        self.edit.setPlaceholderText(
            translate("SeedField", "random") if last is None
            else translate("SeedField", "random (last: {seed})").format(seed=last)
        )
        mode = draft.seed_mode
        self.random_button.setChecked(mode is SeedMode.RANDOM)
        self.lock_button.setChecked(mode is not SeedMode.RANDOM)
        self.reuse_button.setEnabled(last is not None)
        self.reuse_button.setChecked(mode is SeedMode.REUSE)
        if mode is SeedMode.LOCKED:
            self.locked_note.setText(translate("SeedField", "Locked to {seed} —").format(seed=seed))
        elif mode is SeedMode.REUSE:
            self.locked_note.setText(
                translate("SeedField", "Reusing the last seed, {seed} —").format(seed=last)
            )
        self.locked_row.setVisible(mode is not SeedMode.RANDOM)
        help_text = _(self.spec.help)
        if mode is SeedMode.REUSE:
            said = translate("SeedField", "The seed of the last batch ({seed}), locked.").format(seed=last)
            self.edit.setToolTip(f"{said} {help_text}")
        elif mode is SeedMode.LOCKED:
            said = translate("SeedField", "Locked: every Generate starts from this seed.")
            self.edit.setToolTip(f"{said} {help_text}")
        else:
            self.edit.setToolTip(help_text)
