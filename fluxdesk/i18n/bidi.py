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
