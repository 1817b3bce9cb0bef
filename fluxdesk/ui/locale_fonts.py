"""Say once when a script has no installed font (Korean drawn as boxes), naming the package to install.

Asked of Qt's font database (`QFontDatabase.writingSystems()`, read once) for the interface's language
when the window starts, and for every prompt typed, recalled or shown in the gallery. Each missing
script is said once per run, in the status bar (a notice: nothing waits on it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QFontDatabase

from fluxdesk.i18n.scripts import ARABIC, CJK, FONT_PACKAGES, HANGUL, LANGUAGE_SCRIPTS, scripts_in
from fluxdesk.ui.i18n import translate

log = logging.getLogger(__name__)
WritingSystem = QFontDatabase.WritingSystem
# any of these among the installed fonts' writing systems covers the script
COVERING = {
    ARABIC: (WritingSystem.Arabic,),
    HANGUL: (WritingSystem.Korean,),
    CJK: (WritingSystem.Japanese, WritingSystem.SimplifiedChinese, WritingSystem.TraditionalChinese),
}


def script_name(script: str) -> str:
    names = {
        ARABIC: translate("Fonts", "Arabic"),
        HANGUL: translate("Fonts", "Korean"),
        CJK: translate("Fonts", "Chinese and Japanese"),
    }
    return names[script]


def missing_font_sentence(script: str) -> str:
    packages = FONT_PACKAGES[script]
    return translate(
        "Fonts",
        "No installed font can show {script} text, so it is drawn as boxes: install {debian} "
        "(Debian, Ubuntu) or {fedora} (Fedora), then restart fluxdesk.",
    ).format(script=script_name(script), debian=packages.debian, fedora=packages.fedora)


class FontNotice(QObject):
    """Tells `show` once per run about each script no installed font covers."""

    def __init__(
        self,
        show: Callable[[str], None],
        parent: QObject | None = None,
        writing_systems: Callable[[], Iterable[WritingSystem]] = QFontDatabase.writingSystems,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._writing_systems = writing_systems
        self._installed: frozenset[WritingSystem] | None = None
        self._checked: set[str] = set()  # covered, or already said

    def _covered(self, script: str) -> bool:
        if self._installed is None:
            self._installed = frozenset(self._writing_systems())
        return any(system in self._installed for system in COVERING[script])

    def check_scripts(self, scripts: Iterable[str]) -> list[str]:
        """Say what is missing among `scripts`; returns the scripts just said."""
        said = []
        for script in sorted(set(scripts) - self._checked):
            self._checked.add(script)
            if not self._covered(script):
                log.warning("no installed font covers the %s script", script)
                said.append(script)
        if said:
            self._show(" ".join(missing_font_sentence(s) for s in said))
        return said

    def check_text(self, text: str) -> list[str]:
        if len(self._checked) == len(COVERING):
            return []  # everything said or covered: no need to read the text
        return self.check_scripts(scripts_in(text))

    def check_language(self, language: str) -> list[str]:
        script = LANGUAGE_SCRIPTS.get(language)
        return self.check_scripts([script] if script else [])


def watch_fonts(
    window: Any,
    language: str,
    writing_systems: Callable[[], Iterable[WritingSystem]] = QFontDatabase.writingSystems,
) -> FontNotice:
    """The window's font notice: the interface's language now, then every prompt it shows."""
    notice = FontNotice(window.show_status, window, writing_systems)
    notice.check_language(language)
    window.prompt.edit.textChanged.connect(lambda: notice.check_text(window.prompt.text()))
    window.gallery.currentRecordChanged.connect(
        lambda record: notice.check_text(record.prompt or "") if record is not None else None
    )
    notice.check_text(window.prompt.text())
    return notice
