"""The window in the user's language: Qt's translators, the mirrored layout, the digits of number fields.

`install_language(app, digits)` runs once, right after the QApplication exists and before any widget:

- translators, searched newest first: fluxdesk's own `.qm` of the language (built from
  `fluxdesk/ui/translations/fluxdesk_<code>.ts`), then Qt's `qtbase_<code>.qm` (standard buttons and
  dialogs), then fluxdesk's English `.qm`, which holds only the English plural forms of `%n` strings;
  a missing file is skipped (English), silently;
- in a right-to-left language the whole window is mirrored (the application's layout direction); in
  any other nothing is set, so Qt's own `-reverse` still works;
- number fields (spin boxes, validators) read and show Western digits unless the user chose the
  locale's own (`Prefs.digits`): when the locale would write Arabic-Indic digits, Qt's default locale
  becomes the C locale (0-9, "." for decimals, no group separator) — only number formatting reads it.

The language itself was chosen (and the gettext catalogue activated) by `fluxdesk.main` before the
window started: this reads it from `fluxdesk.i18n.active_language`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from fluxdesk.i18n import active_language
from fluxdesk.i18n.languages import NATIVE, SOURCE_LANGUAGE, WESTERN, is_right_to_left

log = logging.getLogger(__name__)
#: fluxdesk's .ts sources and the .qm files the Makefile builds from them
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
APP_CATALOGUE = "fluxdesk_{language}"
QT_CATALOGUE = "qtbase_{language}"


def qt_translations_dir() -> Path:
    """Where Qt's own translations are (PySide6's Qt/translations; the bundle's copy of it)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


@dataclass
class InstalledLanguage:
    """What `install_language` changed, so that it can be undone (tests share one QApplication)."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    previous_locale: QLocale | None = None  # set when the default locale was replaced
    mirrored: bool = False

    @property
    def loaded(self) -> list[str]:
        """The files loaded, newest (searched first) last."""
        return [Path(t.filePath()).name for t in self.translators]

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()
        if self.previous_locale is not None:
            QLocale.setDefault(self.previous_locale)
            self.previous_locale = None
        if self.mirrored:
            QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            self.mirrored = False


def _translator(app: QCoreApplication, name: str, folder: Path) -> QTranslator | None:
    translator = QTranslator(app)
    if not translator.load(name, str(folder)):
        log.info("no translation %s in %s: English there", name, folder)
        translator.deleteLater()
        return None
    return translator


def number_locale(language: str, digits: str, current: QLocale) -> QLocale | None:
    """The locale number fields should use instead of `current`; None: `current` is right already."""
    if digits == NATIVE:
        own = QLocale(language)
        if language != SOURCE_LANGUAGE and current.language() != own.language():
            return own
        return None
    if current.zeroDigit() == "0":
        return None
    return QLocale.c()


def install_language(
    app: QApplication,
    digits: str = WESTERN,
    language: str | None = None,
    *,
    folder: Path | None = None,
    qt_folder: Path | None = None,
) -> InstalledLanguage:
    """Translate and orient the window for `language` (default: the one fluxdesk.main activated)."""
    language = language or active_language()
    installed = InstalledLanguage(language)
    folder = folder or TRANSLATIONS_DIR
    wanted = [(APP_CATALOGUE.format(language=SOURCE_LANGUAGE), folder)]
    if language != SOURCE_LANGUAGE:
        wanted.append((QT_CATALOGUE.format(language=language), qt_folder or qt_translations_dir()))
        wanted.append((APP_CATALOGUE.format(language=language), folder))
    for name, where in wanted:
        translator = _translator(app, name, where)
        if translator is not None and QCoreApplication.installTranslator(translator):
            installed.translators.append(translator)
    if is_right_to_left(language) and app.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        installed.mirrored = True
    current = QLocale()
    numbers = number_locale(language, digits, current)
    if numbers is not None:
        installed.previous_locale = current
        QLocale.setDefault(numbers)
    return installed
