"""The demo banner: shown while the window runs against its built-in simulator, with the way out."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from fluxdesk.ui.i18n import translate


class DemoBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(translate(
            "DemoBanner",
            "Demo mode: images are synthetic, made by the built-in simulator. Add an API key for real ones.",
        ), self)
        self.label.setWordWrap(True)
        self.button = QPushButton(translate("DemoBanner", "Enter API key…"), self)
        self.button.setObjectName("enter-key")
        lay.addWidget(self.label, 1)
        lay.addWidget(self.button)
