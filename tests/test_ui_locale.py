"""The window in Arabic: mirrored, Qt's own buttons translated, Western digits in number fields, texts
aligned by their own first strong character; a script without a font said once; Settings' rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor, QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fluxdesk import i18n
from fluxdesk.i18n.languages import catalogue
from fluxdesk.settings import Prefs
from fluxdesk.ui.locale_fonts import FontNotice, watch_fonts
from fluxdesk.ui.locale_setup import InstalledLanguage, install_language, qt_translations_dir
from fluxdesk.ui.locale_text import TextDirectionDelegate, follow_text_direction

ARABIC = "قطة على الشاطئ"
LATIN = "A cat on the beach"
WS = QFontDatabase.WritingSystem


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[list[InstalledLanguage]]:
    """What a test installs is removed after it (one QApplication serves every test)."""
    installed: list[InstalledLanguage] = []
    locale = QLocale()
    yield installed
    for item in reversed(installed):
        item.remove()
    QLocale.setDefault(locale)
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    i18n.activate(catalogue("en"), "en")


def test_qt_ships_its_own_arabic_and_korean() -> None:
    for code in ("ar", "ko"):
        assert (qt_translations_dir() / f"qtbase_{code}.qm").is_file()


def test_arabic_mirrors_the_application_and_translates_qt_buttons(
    qapp: QApplication, qtbot: Any, languages: list[InstalledLanguage]
) -> None:
    languages.append(install_language(qapp, language="ar"))
    assert "qtbase_ar.qm" in languages[0].loaded
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert "Cancel" not in cancel and any("\u0600" <= c <= "\u06ff" for c in cancel)
    assert box.isRightToLeft()


def test_korean_translates_qt_buttons_and_stays_left_to_right(
    qapp: QApplication, qtbot: Any, languages: list[InstalledLanguage]
) -> None:
    languages.append(install_language(qapp, language="ko"))
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert "Cancel" not in box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_english_loads_no_qt_translation_and_leaves_reverse_alone(
    qapp: QApplication, languages: list[InstalledLanguage]
) -> None:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # what `-reverse` does
    languages.append(install_language(qapp, language="en"))
    assert not any(name.startswith("qtbase") for name in languages[0].loaded)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_a_missing_translation_is_english_silently(
    qapp: QApplication, tmp_path: Any, languages: list[InstalledLanguage]
) -> None:
    languages.append(install_language(qapp, language="ko", folder=tmp_path, qt_folder=tmp_path))
    assert languages[0].loaded == []
    assert QApplication.translate("Fonts", "Korean") == "Korean"


def _spin_shows(qtbot: Any) -> tuple[str, int, str]:
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0, 100_000)
    spin.setValue(1024)
    shown = spin.text()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "2048")
    spin.interpretText()
    double = QDoubleSpinBox()
    qtbot.addWidget(double)
    double.setDecimals(1)
    double.setValue(2.5)
    return shown, spin.value(), double.text()


def test_number_fields_keep_western_digits_under_an_arabic_locale(
    qapp: QApplication, qtbot: Any, languages: list[InstalledLanguage]
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))  # an Arabic system
    assert _spin_shows(qtbot)[0] == "١٠٢٤"  # what Qt does by itself
    languages.append(install_language(qapp, "western", language="ar"))
    assert _spin_shows(qtbot) == ("1024", 2048, "2.5")


def test_native_digits_when_the_user_chose_them(
    qapp: QApplication, qtbot: Any, languages: list[InstalledLanguage]
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    languages.append(install_language(qapp, "native", language="ar"))
    assert _spin_shows(qtbot)[0] == "١٠٢٤"


def test_western_digits_change_nothing_where_they_are_already(
    qapp: QApplication, languages: list[InstalledLanguage]
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    languages.append(install_language(qapp, "western", language="ko"))
    assert QLocale().language() == QLocale.Language.Korean


def test_the_window_built_with_language_ar_is_right_to_left(
    qloop: Any, qtbot: Any, sim: Any, qapp: QApplication, monkeypatch: pytest.MonkeyPatch,
    languages: list[InstalledLanguage],
) -> None:
    from ui_window_helpers import close_window, make_window

    from fluxdesk.main import start_language

    monkeypatch.setenv("LANGUAGE", "ar")
    assert start_language() == "ar"
    languages.append(install_language(qapp))  # as run_app does: the language main activated
    window = make_window(qloop, qtbot, sim)
    try:
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.isRightToLeft()
        assert window.compose.isRightToLeft() and window.details.isRightToLeft()
        # mirrored: the compose room (first in the splitter) is on the right
        assert window.compose.mapTo(window, window.compose.rect().topLeft()).x() > window.width() // 2
    finally:
        close_window(qloop, qtbot, window)


def _ink(widget: QWidget) -> tuple[int, int]:
    """The leftmost and rightmost columns with dark pixels (the text) in `widget`."""
    image = widget.grab().toImage()
    columns = [x for x in range(image.width()) for y in range(image.height())
               if QColor(image.pixel(x, y)).lightness() < 100]
    assert columns, "nothing drawn"
    return min(columns), max(columns)


def _aligned(edit: QPlainTextEdit) -> str:
    rect = edit.document().firstBlock().layout().lineAt(0).naturalTextRect()
    width = edit.document().textWidth() if edit.document().textWidth() > 0 else edit.viewport().width()
    return "right" if rect.right() > width * 0.75 else "left" if rect.left() < width * 0.25 else "?"


@pytest.mark.parametrize("ui_direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_the_editor_aligns_each_text_by_its_first_strong_character(
    qtbot: Any, ui_direction: Qt.LayoutDirection
) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setLayoutDirection(ui_direction)
    edit.resize(400, 120)
    follow_text_direction(edit)
    edit.show()
    for text, side in ((ARABIC, "right"), (LATIN, "left"), ("قطة on the beach", "right"),
                       ("FLUX.2 قطة", "left")):
        edit.setPlainText(text)
        qtbot.waitUntil(lambda: edit.document().firstBlock().layout().lineCount() > 0)
        assert _aligned(edit) == side, text
    edit.setPlainText("1024")  # no strong character: the interface's direction
    rtl = ui_direction == Qt.LayoutDirection.RightToLeft
    assert edit.document().defaultTextOption().textDirection() == ui_direction
    assert _aligned(edit) == ("right" if rtl else "left")


def test_the_window_prompt_editor_follows_its_text(window: Any, qtbot: Any) -> None:
    window.prompt.set_text(ARABIC)
    qtbot.waitUntil(lambda: window.prompt.text() == ARABIC)
    assert _aligned(window.prompt.edit) == "right"
    window.prompt.set_text(LATIN)
    qtbot.waitUntil(lambda: window.prompt.text() == LATIN)
    assert _aligned(window.prompt.edit) == "left"


def test_details_values_align_by_their_text(window: Any, qtbot: Any) -> None:
    label: QLabel = window.details.prompt
    holder = QWidget()
    qtbot.addWidget(holder)
    probe = type(label)(holder)  # a value label as the panel makes them: its flags and format
    probe.setTextInteractionFlags(label.textInteractionFlags())
    probe.setTextFormat(label.textFormat())
    probe.setWordWrap(label.wordWrap())
    probe.resize(300, 40)
    holder.show()
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        probe.setLayoutDirection(direction)
        probe.setText(ARABIC)
        assert _ink(probe)[1] > 250, direction
        probe.setText(LATIN)
        assert _ink(probe)[0] < 50, direction


def _cell_direction(delegate: TextDirectionDelegate, view: QTableView, index: QModelIndex) -> tuple[
        Qt.LayoutDirection, Qt.AlignmentFlag]:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    delegate.initStyleOption(option, index)
    return option.direction, QStyle.visualAlignment(option.direction, option.displayAlignment)


@pytest.mark.parametrize("ui_direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_a_prompt_column_runs_each_cell_in_its_own_direction(
    qtbot: Any, ui_direction: Qt.LayoutDirection
) -> None:
    model = QStandardItemModel()
    for text in (ARABIC, LATIN, "🐉"):
        model.appendRow(QStandardItem(text))
    view = QTableView()
    qtbot.addWidget(view)
    view.setLayoutDirection(ui_direction)
    view.setModel(model)
    delegate = TextDirectionDelegate(view)
    view.setItemDelegateForColumn(0, delegate)
    arabic, latin, neutral = (_cell_direction(delegate, view, model.index(r, 0)) for r in range(3))
    assert arabic[0] == Qt.LayoutDirection.RightToLeft and arabic[1] & Qt.AlignmentFlag.AlignRight
    assert latin[0] == Qt.LayoutDirection.LeftToRight and latin[1] & Qt.AlignmentFlag.AlignLeft
    assert neutral[0] == ui_direction


def test_the_queue_prompt_column_has_it(window: Any) -> None:
    from fluxdesk.ui.queue.model import COL_PROMPT

    assert isinstance(window.queue.view.itemDelegateForColumn(COL_PROMPT), TextDirectionDelegate)


def test_a_missing_font_is_said_once_naming_the_package(qapp: QApplication) -> None:
    said: list[str] = []
    notice = FontNotice(said.append, writing_systems=lambda: [WS.Latin, WS.Greek, WS.Cyrillic])
    assert notice.check_language("ko") == ["hangul"]
    assert "fonts-noto-cjk" in said[-1] and "google-noto-sans-cjk-fonts" in said[-1]
    assert notice.check_language("ko") == [] and len(said) == 1  # once
    assert notice.check_text("a cat on the beach") == []
    assert notice.check_text(f"{ARABIC} 海辺の猫") == ["arabic", "cjk"]
    assert "fonts-noto-core" in said[-1] and "fonts-noto-cjk" in said[-1]
    assert notice.check_text("고양이 شاطئ 猫") == [] and len(said) == 2
    assert notice.check_language("en") == []


def test_installed_fonts_are_not_announced(qapp: QApplication) -> None:
    said: list[str] = []
    notice = FontNotice(said.append, writing_systems=lambda: [WS.Latin, WS.Arabic, WS.Korean, WS.Japanese])
    assert notice.check_language("ar") == [] and notice.check_text("고양이 海辺の猫") == []
    assert said == []


def test_the_window_says_once_when_a_prompt_needs_a_missing_font(window: Any, qtbot: Any) -> None:
    watch_fonts(window, "en", writing_systems=lambda: [WS.Latin])
    window.prompt.set_text("고양이들이 해변에서")
    qtbot.waitUntil(lambda: "fonts-noto-cjk" in window.statusBar().currentMessage())
    window.statusBar().clearMessage()
    window.prompt.set_text("고양이")
    assert window.statusBar().currentMessage() == ""


def test_settings_rows_choose_the_language_and_digits_for_the_next_start(qtbot: Any) -> None:
    from fluxdesk.ui.dialogs.language_settings import LanguageSettings

    holder = QWidget()
    qtbot.addWidget(holder)
    form = QFormLayout(holder)
    rows = LanguageSettings(form, holder)
    names = [rows.language.itemText(i) for i in range(rows.language.count())]
    assert names == ["System", "English", "العربية", "한국어"]
    assert "next start" in rows.note.text()
    prefs = Prefs(language="ko", digits="native")
    rows.load(prefs)
    assert rows.language.currentData() == "ko" and rows.digits.currentData() == "native"
    rows.language.setCurrentIndex(rows.language.findData("ar"))
    rows.digits.setCurrentIndex(rows.digits.findData("western"))
    rows.apply(prefs)
    assert (prefs.language, prefs.digits) == ("ar", "western")


def test_the_settings_dialog_saves_the_language(window: Any, qtbot: Any) -> None:
    from fluxdesk.settings import Settings

    dialog = window.open_settings()
    dialog.languages.language.setCurrentIndex(dialog.languages.language.findData("ar"))
    assert dialog.apply()
    assert Settings.load().prefs.language == "ar"
    dialog.close()


def test_a_size_in_an_arabic_line_reads_left_to_right(qapp: QApplication) -> None:
    # what a right-to-left label draws: "768" must stay left of "512" in "flux-dev · seed 1 · 768 × 512"
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    from fluxdesk.i18n.bidi import keep_left_to_right

    def left_of(text: str, first: str, second: str) -> bool:
        layout = QTextLayout(text, QFont())
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        layout.setTextOption(option)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(2000)
        layout.endLayout()
        return line.cursorToX(text.index(first))[0] < line.cursorToX(text.index(second))[0]

    caption = "flux-dev  ·  البذرة 42  ·  {size}"
    assert not left_of(caption.format(size="768 × 512"), "768", "512")  # the bug: "512 × 768"
    i18n.activate(catalogue("ar"), "ar")
    try:
        assert left_of(caption.format(size=keep_left_to_right("768 × 512")), "768", "512")
    finally:
        i18n.activate(catalogue("en"), "en")
