"""What search compares: text folded so that case, accents, width, a few spellings and punctuation do
not matter, in every script. The library keeps each prompt's folded copy (`search_text`) and folds
the words searched for with the same function, so both sides always agree.

The fold, in order:

- NFKC: full-width and half-width forms become the usual ones (ＡＢＣ -> ABC, ｶﾞ -> ガ), ligatures
  and other compatibility forms their plain letters;
- casefold (ß -> ss, İ -> i̇);
- NFKD, then every combining mark dropped (é -> e, Arabic harakat, hamza and madda on alef:
  أ إ آ -> ا) except the kana voicing marks, which make other letters (か is not が), then NFC again
  (Hangul syllables come back whole);
- Arabic: alef wasla ٱ -> ا, tatweel (ـ, a stretching stroke) dropped;
- invisible characters dropped (zero-width joiners and spaces, bidi controls, variation selectors:
  ❤️ and ❤ are the same heart);
- punctuation, control characters and runs of white space become one space, so `sci-fi`, `sci fi`
  and `"sci fi"` fold alike and quotes, `*`, `:` or `(` are never more than a gap between words.
  Symbols (emoji, `+`, `$`) are kept: they are searched as themselves.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import regex

_KANA_VOICING = "\u3099\u309a"
_ARABIC = str.maketrans({"\u0671": "\u0627", "\u0640": None})


class _Patterns(NamedTuple):
    marks: regex.Pattern[str]
    invisible: regex.Pattern[str]
    gaps: regex.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    # regex and its Unicode tables are ~15 ms to load: at the first fold (a search, a prompt saved),
    # not at the start of every window and command that opens the library
    import regex

    return _Patterns(
        marks=regex.compile(rf"(?![{_KANA_VOICING}])\P{{ccc=0}}"),
        invisible=regex.compile(r"\p{Default_Ignorable_Code_Point}"),
        # control characters too: SQLite cuts text at a NUL, and no one searches for a tab
        gaps=regex.compile(r"[\p{P}\p{Cc}\p{Cs}\s]+"),
    )


def fold(text: str) -> str:
    """`text` as search compares it (see the module's docstring); words are separated by one space."""
    patterns = _patterns()
    if text.isascii():
        # most prompts: the same result as the full path below, without four passes over the text
        return patterns.gaps.sub(" ", text.lower()).strip()
    out = unicodedata.normalize("NFKC", text).casefold()
    out = patterns.marks.sub("", unicodedata.normalize("NFKD", out))
    out = patterns.invisible.sub("", out).translate(_ARABIC)
    out = unicodedata.normalize("NFC", out)
    return patterns.gaps.sub(" ", out).strip()
