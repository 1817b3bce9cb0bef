"""The window in Arabic and in Korean, as a user opens it (`LANGUAGE=ar fluxdesk`): every word it
shows is translated (no English left), and Arabic is mirrored. With FLUXDESK_UPDATE_SCREENSHOT set,
the grabs replace the README's pictures (take them on a real X11 display with fonts-noto-core and
fonts-noto-cjk installed: `QT_QPA_PLATFORM=xcb` under Xvfb and openbox)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from ui_edit_helpers import make_image
from ui_shot_helpers import shot
from ui_window_helpers import close_window, make_window

from fluxdesk import i18n
from fluxdesk.i18n.languages import catalogue
from fluxdesk.ui.locale_setup import InstalledLanguage, install_language

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "fluxdesk" / "ui" / "translations"
pytestmark = [
    pytest.mark.translations,
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)"),
]


def _english_words(language: str) -> set[str]:
    """The English sources whose translation in `language` differs from them (names such as
    "FLUX.2" are translated as themselves and may show)."""
    found: set[str] = set()
    for message in ET.parse(TS / f"fluxdesk_{language}.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [] if translation is None else [f.text or "" for f in translation.iter("numerusform")]
        texts = forms or ([translation.text or ""] if translation is not None else [])
        if source and "{" not in source and "%" not in source and source not in texts:
            found.add(source.replace("&", ""))
    return found


def _english_sentences(language: str) -> set[str]:
    """The same for the sentences the Qt-free layers give the window (catalogue labels, job states)."""
    from babel.messages.pofile import read_po

    found: set[str] = set()
    with (ROOT / "fluxdesk" / "locale" / f"{language}.po").open("rb") as fh:
        for message in read_po(fh):
            source = message.id if isinstance(message.id, str) else ""
            if source and "{" not in source and "%" not in source and message.string != source:
                found.add(source)
    return found


def _shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every word the window shows: labels, buttons, fields' placeholders, menus."""
    shown: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QLabel | QAbstractButton):
            shown.append((name, widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            shown.append((name, widget.placeholderText()))
        if isinstance(widget, QComboBox):
            shown.extend((name, widget.itemText(i)) for i in range(widget.count()))
        if widget.toolTip():
            shown.append((name + " tooltip", widget.toolTip()))
    for action in window.menuBar().actions():
        shown.append(("menu", action.text()))
        menu = action.menu()
        if menu is not None:
            shown.extend(("menu " + action.text(), a.text()) for a in menu.actions() if a.text())
    return [(where, text.replace("&", "").strip()) for where, text in shown if text.strip()]


@pytest.fixture
def language_env(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    installed: list[InstalledLanguage] = []

    def use(language: str) -> None:
        from fluxdesk.main import start_language

        monkeypatch.setenv("LANGUAGE", language)
        assert start_language() == language
        installed.append(install_language(qapp))

    yield use
    for item in reversed(installed):
        item.remove()
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    i18n.activate(catalogue("en"), "en")


@pytest.mark.parametrize(("language", "prompt"), [
    ("ar", "منارة على جرف عند الغروب، بألوان مائية"),
    ("ko", "해 질 녘 절벽 위의 등대, 수채화"),
])
def test_the_window_shows_no_english_in_arabic_or_korean(
    language: str, prompt: str, qloop: Any, qtbot: Any, sim: Any, tmp_path: Path, language_env: Any
) -> None:
    language_env(language)
    window = make_window(qloop, qtbot, sim, demo=True)
    try:
        window.resize(1440, 900)
        make_image(window, qtbot, qloop, size=(768, 512), prompt=prompt)
        assert window.isRightToLeft() is (language == "ar")
        english = _english_words(language) | _english_sentences(language)
        left = [(where, text) for where, text in _shown_texts(window) if text in english]
        assert not left, f"English left in the {language} window: {left}"
        shot(window, qtbot, f"window-{language}.png", tmp_path)
    finally:
        close_window(qloop, qtbot, window)
