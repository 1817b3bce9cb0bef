"""Which way a text runs, from its first strong character (Unicode's rule for a paragraph, P2/P3).

An Arabic prompt runs right to left and a Latin one left to right, whatever the interface's language:
the prompt editor, the details and the queue align each text by this. Qt-free, so that every front
asks the same question the same way.
"""

from __future__ import annotations

import unicodedata

LEFT_TO_RIGHT = "ltr"
RIGHT_TO_LEFT = "rtl"
_RTL_CLASSES = frozenset({"R", "AL"})
# the isolates: what is inside them does not decide the paragraph's direction (UAX #9, P2)
_ISOLATE_OPENERS = frozenset({"LRI", "RLI", "FSI"})


def text_direction(text: str) -> str | None:
    """"rtl" or "ltr" by the first strong character of `text`; None when it has none (digits, emoji,
    punctuation only: the surroundings decide)."""
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _ISOLATE_OPENERS:
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif kind == "L":
            return LEFT_TO_RIGHT
        elif kind in _RTL_CLASSES:
            return RIGHT_TO_LEFT
    return None


def is_right_to_left_text(text: str) -> bool:
    return text_direction(text) == RIGHT_TO_LEFT


def keep_left_to_right(text: str) -> str:
    """`text` (a size such as "768 × 512", a path, an id) kept left to right when the interface runs
    right to left: else an Arabic line shows "512 × 768" and "tmp/…/" reversed (UAX #9 orders digits
    and neutrals by their surroundings). Unchanged in a left-to-right interface.

    Marked with LEFT-TO-RIGHT MARKs at both ends rather than an isolate (LRI…PDI): Qt's text layout
    (6.11) ignores isolates and embeddings here, and the marks make the digits and separators between
    them resolve left to right."""
    from fluxdesk.i18n.languages import is_right_to_left
    from fluxdesk.i18n.messages import active_language

    if not text or not is_right_to_left(active_language()):
        return text
    return "\u200e" + text + "\u200e"
