"""The prompt editor: multi-line, Ctrl+Enter generates, a character count, recent prompts at hand.

A view of the draft's prompt: typing sets it, and the text follows the draft when something else
(Use these settings, recall, a restored session) sets it. While the draft edits an image, its
placeholder asks for the change rather than for an image.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from fluxdesk.api.request import MAX_PROMPT_CHARS
from fluxdesk.draft import Draft
from fluxdesk.draft.edit import CHANGE_PLACEHOLDER, is_editing
from fluxdesk.i18n import _
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.locale_text import follow_text_direction

RECENT_MAX = 30
SNIPPET_CHARS = 70
ERROR_STYLE = "color: #c62828;"


def placeholder(editing: bool) -> str:
    """What the empty prompt asks for: an image, or (editing) the change, said by the draft's rule."""
    if editing:
        change = translate("PromptEditor", "{change}… (Ctrl+Enter generates)")
        return change.format(change=_(CHANGE_PLACEHOLDER))
    return translate("PromptEditor", "Describe the image… (Ctrl+Enter generates)")


class PromptText(QPlainTextEdit):
    """Ctrl+Enter (or Ctrl+Return) asks for a generation instead of a new line."""

    generateRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.generateRequested.emit()
            return
        super().keyPressEvent(event)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


class PromptEditor(QWidget):
    generateRequested = Signal()

    def __init__(self, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = PromptText(self)
        self.edit.setObjectName("prompt")
        self.edit.setPlaceholderText(placeholder(False))
        self.edit.setToolTip(translate("PromptEditor", "The prompt (Ctrl+L to focus; Ctrl+Enter generates)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        self.edit.generateRequested.connect(self.generateRequested)
        self.edit.textChanged.connect(self._changed)
        follow_text_direction(self.edit)
        lay.addWidget(self.edit, 1)
        bottom = QHBoxLayout()
        self.count = QLabel(self)
        self.count.setObjectName("prompt-count")
        self.count.setEnabled(False)
        self.recent_button = QToolButton(self)
        self.recent_button.setObjectName("recent-prompts")
        self.recent_button.setText(translate("PromptEditor", "Recent"))
        self.recent_button.setToolTip(translate("PromptEditor", "Recent prompts (Ctrl+Shift+P)"))
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_menu = QMenu(self.recent_button)
        self.recent_button.setMenu(self.recent_menu)
        self.recent_button.setEnabled(False)
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.recent_button)
        lay.addLayout(bottom)
        self.error = QLabel(self)
        self.error.setObjectName("prompt-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self._recent: list[str] = []
        self.edit.setPlainText(draft.prompt)
        self._changed()
        self._sync_placeholder()
        off = draft.subscribe(self._draft_changed)
        self.destroyed.connect(lambda _obj=None: off())

    # text
    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.draft.set_prompt(text)

    def _draft_changed(self, name: str) -> None:
        if name in ("model", "inputs"):
            self._sync_placeholder()
        if name != "prompt" or self.edit.toPlainText() == self.draft.prompt:
            return
        self.edit.setPlainText(self.draft.prompt)
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)

    def _sync_placeholder(self) -> None:
        text = placeholder(is_editing(self.draft))
        if self.edit.placeholderText() != text:
            self.edit.setPlaceholderText(text)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _changed(self) -> None:
        n = len(self.text().strip())
        if n > MAX_PROMPT_CHARS * 0.9:
            count = translate("PromptEditor", "{count} / %Ln characters", None, MAX_PROMPT_CHARS)
            self.count.setText(count.format(count=QLocale().toString(n)))
        else:
            self.count.setText(translate("PromptEditor", "%Ln characters", None, n))
        self.draft.set_prompt(self.text())

    # recent prompts
    @property
    def recent(self) -> list[str]:
        return list(self._recent)

    def set_recent(self, prompts: Iterable[str]) -> None:
        """Most recent first; duplicates and blanks dropped."""
        seen: dict[str, None] = {}
        for p in prompts:
            p = p.strip()
            if p and p not in seen:
                seen[p] = None
            if len(seen) >= RECENT_MAX:
                break
        self._recent = list(seen)
        self._rebuild_menu()

    def add_recent(self, prompt: str) -> None:
        self.set_recent([prompt, *self._recent])

    def show_recent(self) -> None:
        if self._recent:
            self.recent_button.showMenu()

    def _rebuild_menu(self) -> None:
        self.recent_menu.clear()
        for i, p in enumerate(self._recent):
            label = snippet(p).replace("&", "&&")
            action = self.recent_menu.addAction(f"&{i + 1}  {label}" if i < 9 else label)
            action.setToolTip(p)
            action.triggered.connect(lambda _c=False, text=p: self._use(text))
        self.recent_button.setEnabled(bool(self._recent))

    def _use(self, text: str) -> None:
        self.set_text(text)
        self.focus()
