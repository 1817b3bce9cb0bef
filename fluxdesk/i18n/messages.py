"""The active message catalogue (gettext), and the functions every Qt-free layer says things with."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field


@dataclass
class _Active:
    # process-wide as the locale is; replaced, never mutated, by `activate`
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    language: str = "en"


_state = _Active()


def activate(translations: gettext.NullTranslations, language: str) -> None:
    """From now on, sentences are said from `translations` (in `language`, a code such as "ar"), and
    argparse's own words ("usage: ", "error: ...") too."""
    # here, not at the top: argparse_words marks its msgids with this module's N_
    from fluxdesk.i18n.argparse_words import bind_argparse

    global _state
    _state = _Active(translations, language)
    bind_argparse()


def active_language() -> str:
    """The code of the language sentences are said in ("en" until one is activated)."""
    return _state.language


def _(message: str) -> str:
    """`message` in the active language (itself when there is no translation)."""
    return _state.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted sentence for `n` in the active language."""
    return _state.translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for translation without translating it (data translated where it is shown)."""
    return message
