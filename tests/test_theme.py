"""The theme setting: System leaves the platform's style and palette, Light and Dark are Fusion with a
light or dark palette; applied at start and as soon as Settings applies it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from fluxdesk.settings import Prefs
from fluxdesk.ui.platform.theme import apply_theme


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    before = qapp.style().name()
    yield qapp
    apply_theme(qapp, "system")
    assert qapp.style().name() == before


def _lightness(app: QApplication, role: QPalette.ColorRole) -> int:
    return app.palette().color(role).lightness()


def test_dark_and_light_are_fusion_palettes_and_system_restores_the_platforms(app: QApplication) -> None:
    system_style = app.style().name()
    system_window = app.palette().color(QPalette.ColorRole.Window)
    apply_theme(app, "dark")
    assert app.style().name() == "fusion"
    assert _lightness(app, QPalette.ColorRole.Window) < 80 < _lightness(app, QPalette.ColorRole.WindowText)
    assert _lightness(app, QPalette.ColorRole.Base) < 80 < _lightness(app, QPalette.ColorRole.Text)
    disabled = app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).lightness()
    assert disabled < _lightness(app, QPalette.ColorRole.Text)
    apply_theme(app, "light")
    assert app.style().name() == "fusion"
    assert _lightness(app, QPalette.ColorRole.Window) > 180 > _lightness(app, QPalette.ColorRole.WindowText)
    apply_theme(app, "system")
    assert app.style().name() == system_style
    assert app.palette().color(QPalette.ColorRole.Window) == system_window


def test_an_unknown_theme_in_the_settings_file_is_system() -> None:
    assert Prefs.from_dict({"theme": "purple"}).theme == "system"
    assert Prefs.from_dict({"theme": "dark"}).theme == "dark"
    assert Prefs().theme == "system"


def test_settings_applies_the_theme_at_once_and_keeps_it(window: Any, app: QApplication) -> None:
    dialog = window.open_settings()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert dialog.apply() is True
    assert app.style().name() == "fusion" and _lightness(app, QPalette.ColorRole.Window) < 80
    saved = json.loads((window.runtime.settings.paths.config_dir / "settings.json").read_text())
    assert saved["theme"] == "dark"
    dialog.load()
    assert dialog.theme.currentData() == "dark"
    dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    assert dialog.apply() is True
    assert _lightness(app, QPalette.ColorRole.Window) > 80
    dialog.close()

