"""The scripts a text (or a language) needs a font for, and the packages that bring one (Qt-free).

Only the scripts a stock Linux desktop may lack a font for are named: Arabic, Hangul and the CJK ideographs
and kana. Latin, Greek and Cyrillic come with every desktop's default fonts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ARABIC = "arabic"
HANGUL = "hangul"
#: Han ideographs and Japanese kana: one family of fonts (Noto Sans CJK) covers them
CJK = "cjk"


@dataclass(frozen=True)
class FontPackages:
    """Where to get a font for a script: the package on Debian/Ubuntu and on Fedora."""

    debian: str
    fedora: str


#: the script's name in English (log lines) and the packages of a font that covers it
FONT_PACKAGES = {
    ARABIC: FontPackages(debian="fonts-noto-core", fedora="google-noto-naskh-arabic-fonts"),
    HANGUL: FontPackages(debian="fonts-noto-cjk", fedora="google-noto-sans-cjk-fonts"),
    CJK: FontPackages(debian="fonts-noto-cjk", fedora="google-noto-sans-cjk-fonts"),
}
#: the script an interface language is written in
LANGUAGE_SCRIPTS = {"ar": ARABIC, "ko": HANGUL}
_NAME_PREFIXES = (
    ("ARABIC", ARABIC),
    ("HANGUL", HANGUL),
    ("CJK", CJK),
    ("HIRAGANA", CJK),
    ("KATAKANA", CJK),
)


def script_of(char: str) -> str | None:
    """The script of `char` among those above; None for any other (Latin, digits, emoji...)."""
    if char.isascii():
        return None
    name = unicodedata.name(char, "")
    for prefix, script in _NAME_PREFIXES:
        if name.startswith(prefix):
            return script
    return None


def scripts_in(text: str) -> set[str]:
    """Every script of `text` among those above."""
    found: set[str] = set()
    for char in set(text):
        script = script_of(char)
        if script is not None:
            found.add(script)
    return found
