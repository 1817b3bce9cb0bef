"""The line under a field where its validation message goes: one line high, and -- for the fields whose
value can be refused (`reserve`) -- always there, so the form does not move when a message appears or
goes. The others (sliders, spin boxes, choices: their widgets only take valid values) keep no empty
line, which would push the form's last fields out of reach in a small window.

A message longer than the line is cut with "…" where it is drawn; `text()` and the tooltip keep all of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ErrorLine(QLabel):
    def __init__(self, style: str, parent: QWidget | None = None, *, reserve: bool = True) -> None:
        super().__init__(parent)
        self.setStyleSheet(style)
        self.setWordWrap(False)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # never widens the form
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(reserve)  # hidden (no message), its line is kept
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().height())
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(text)
        self.setVisible(bool(text))

    def paintEvent(self, event: QPaintEvent) -> None:
        text = self.text()
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(0, self.width()))
        if shown == text:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), int(self.alignment()), shown)
        painter.end()
