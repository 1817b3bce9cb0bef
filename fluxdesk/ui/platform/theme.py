"""The theme setting: System (the platform's style and palette, as the desktop sets them), Light or
Dark (Qt's Fusion style with a light or a dark palette, the same on every desktop).

What the platform gave is noted on the application the first time Light or Dark is applied, so that
going back to System restores it within the session.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)
_SYSTEM_STYLE = "fluxdesk-system-style"
_SYSTEM_PALETTE = "fluxdesk-system-palette"


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    return QPalette(style.standardPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(53, 53, 53), QColor(35, 35, 35), QColor(230, 230, 230)
    disabled = QColor(127, 127, 127)
    highlight = QColor(42, 130, 218)
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor(45, 45, 45),
        QPalette.ColorRole.ToolTipBase: QColor(25, 25, 25), QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(140, 140, 140), QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window, QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 85, 85), QPalette.ColorRole.Link: QColor(86, 156, 230),
        QPalette.ColorRole.LinkVisited: QColor(160, 120, 230), QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Light: QColor(80, 80, 80),
        QPalette.ColorRole.Midlight: QColor(66, 66, 66), QPalette.ColorRole.Mid: QColor(40, 40, 40),
        QPalette.ColorRole.Dark: QColor(25, 25, 25), QPalette.ColorRole.Shadow: QColor(0, 0, 0),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(80, 80, 80))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply `theme` ("system", "light" or "dark"; anything else counts as "system") to the whole app.

    System at start touches nothing (making the platform's style again costs a start-up tens of ms).
    """
    if theme in (LIGHT, DARK):
        if app.property(_SYSTEM_STYLE) is None:  # what to go back to
            app.setProperty(_SYSTEM_STYLE, app.style().name())
            app.setProperty(_SYSTEM_PALETTE, QPalette(app.palette()))
        app.setStyle("Fusion")
        app.setPalette(light_palette() if theme == LIGHT else dark_palette())
        return
    style = app.property(_SYSTEM_STYLE)
    if style is None:
        return  # still the platform's
    app.setStyle(str(style))
    saved = app.property(_SYSTEM_PALETTE)
    app.setPalette(saved if isinstance(saved, QPalette) else app.style().standardPalette())
