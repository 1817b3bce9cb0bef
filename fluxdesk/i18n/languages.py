"""Which language fluxdesk speaks, and the catalogue it speaks it from (Qt-free; both fronts use it).

The language follows the system unless the user chose one in Settings (`Prefs.language`):

- `LANGUAGE` (a colon-separated list of preferences, as GNU gettext reads it): the first supported
  entry wins;
- otherwise the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set decides, alone ("ar_EG.UTF-8" ->
  Arabic; "C" or "POSIX" -> English; a language fluxdesk does not speak -> English).

English is the source language: it needs no catalogue. Another language's compiled gettext catalogue
is `fluxdesk/locale/<code>/LC_MESSAGES/fluxdesk.mo`, built from `fluxdesk/locale/<code>.po` by the
Makefile; when it is missing fluxdesk speaks English, silently (a source checkout not yet built).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from fluxdesk.i18n.messages import activate

DOMAIN = "fluxdesk"
SOURCE_LANGUAGE = "en"
#: the languages fluxdesk speaks, the source first
SUPPORTED = ("en", "ar", "ko")
#: the languages written right to left (the window is mirrored in them)
RIGHT_TO_LEFT = frozenset({"ar"})
SYSTEM = "system"
#: what `Prefs.language` may hold
LANGUAGE_CHOICES = (SYSTEM, *SUPPORTED)
#: each language named in itself, as a language menu shows it (so never translated)
NATIVE_NAMES = {"en": "English", "ar": "العربية", "ko": "한국어"}
WESTERN = "western"
NATIVE = "native"
#: what `Prefs.digits` may hold: number fields in Western digits (0-9), or in the locale's own
DIGITS_CHOICES = (WESTERN, NATIVE)
#: the locale variables after LANGUAGE, in the order POSIX gives them precedence
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_ENGLISH_LOCALES = frozenset({"c", "posix"})


def language_code(locale_name: str) -> str:
    """ "ar_EG.UTF-8@latin" -> "ar"; "C" and "POSIX" (and "C.UTF-8") -> "en"; "" -> ""."""
    name = locale_name.strip().split(".", 1)[0].split("@", 1)[0]
    if name.lower() in _ENGLISH_LOCALES:
        return SOURCE_LANGUAGE
    return name.replace("-", "_").split("_", 1)[0].lower()


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The supported language the environment asks for (English when it asks for none of them)."""
    env = os.environ if env is None else env
    for entry in env.get("LANGUAGE", "").split(":"):
        code = language_code(entry)
        if code in SUPPORTED:
            return code
    for variable in LOCALE_VARIABLES:
        value = env.get(variable, "").strip()
        if value:
            code = language_code(value)
            return code if code in SUPPORTED else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def chosen_language(preference: str, env: Mapping[str, str] | None = None) -> str:
    """The language to speak: the user's choice (`Prefs.language`), or the system's for "system" (or
    anything unknown)."""
    return preference if preference in SUPPORTED else system_language(env)


def is_right_to_left(language: str) -> bool:
    return language in RIGHT_TO_LEFT


def locale_dir() -> Path:
    """Where the compiled gettext catalogues are (inside the package, the bundle's too)."""
    return Path(__file__).resolve().parent.parent / "locale"


def catalogue(language: str, folder: Path | None = None) -> gettext.NullTranslations:
    """The compiled catalogue of `language`; no translations (English) for the source language or when
    it is missing or unreadable."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, folder or locale_dir(), [language], fallback=True)
    except (OSError, ValueError):  # a damaged .mo: English, as for a missing one
        return gettext.NullTranslations()


def start_language(preference: str, env: Mapping[str, str] | None = None, folder: Path | None = None) -> str:
    """Choose the language and activate its catalogue for the whole process (before anything is said);
    returns its code."""
    language = chosen_language(preference, env)
    activate(catalogue(language, folder), language)
    return language
