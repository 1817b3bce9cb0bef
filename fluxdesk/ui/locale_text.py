"""Texts that align by their own first strong character, whatever the interface's direction.

An Arabic prompt is right-aligned and runs right to left, a Latin one left-aligned, in an English
window as in an Arabic one (`fluxdesk.i18n.bidi` decides). QLabel does this by itself; the prompt
editor (a QPlainTextEdit, whose layout aligns every line as its document's option says) and the
queue's prompt column (a delegate draws in the view's direction) are told here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem

from fluxdesk.i18n.bidi import RIGHT_TO_LEFT, text_direction

ModelIndex = QModelIndex | QPersistentModelIndex


def qt_direction(text: str, fallback: Qt.LayoutDirection) -> Qt.LayoutDirection:
    """The direction `text` runs in; `fallback` when it has no strong character."""
    found = text_direction(text)
    if found is None:
        return fallback
    return Qt.LayoutDirection.RightToLeft if found == RIGHT_TO_LEFT else Qt.LayoutDirection.LeftToRight


class _FollowTextDirection(QObject):
    """Keeps a QPlainTextEdit's text aligned by its first strong character."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        edit.textChanged.connect(self.update)
        edit.installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self.update()  # an empty or neutral text follows the widget
        return False

    def update(self) -> None:
        edit = self.edit
        direction = qt_direction(edit.toPlainText(), edit.layoutDirection())
        document = edit.document()
        option = document.defaultTextOption()
        # absolute: the plain-text layout takes the alignment as it is, whatever the widget's direction
        align = Qt.AlignmentFlag.AlignRight if direction == Qt.LayoutDirection.RightToLeft else (
            Qt.AlignmentFlag.AlignLeft
        )
        if option.textDirection() == direction and option.alignment() == align:
            return  # most keystrokes: nothing to lay out again
        option = QTextOption(option)
        option.setTextDirection(direction)
        option.setAlignment(align)
        document.setDefaultTextOption(option)


def follow_text_direction(edit: QPlainTextEdit) -> None:
    """From now on `edit` aligns its text by the text's first strong character."""
    _FollowTextDirection(edit)


class TextDirectionDelegate(QStyledItemDelegate):
    """A column whose cells each run in their own text's direction (and align at its start)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.direction = qt_direction(option.text, option.direction)
