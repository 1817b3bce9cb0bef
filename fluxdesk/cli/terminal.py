"""Text on its way to a terminal: the one rule for printing what came from a library row or a file.

A prompt, an error sentence or a file's metadata may hold terminal control sequences (ESC [ ..., the
8-bit CSI, OSC 52 that writes the clipboard...) or bidirectional overrides that make a line read
differently from what it is. `printable` shows every such character as a visible escape (`\\x1b`,
`\\u202e`) instead of sending it raw; `dumps` is `json.dumps` whose output is safe in the same way (JSON
already escapes C0 controls; C1 controls and bidi overrides are escaped too, as `\\uXXXX`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks; line/paragraph separators
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_KEPT_IN_LINES = "\n\t"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, multiline: bool = False) -> str:
    """`text` with every control character shown as an escape; `multiline` keeps line breaks and tabs."""
    value = str(text)

    def swap(m: re.Match[str]) -> str:
        ch = m.group(0)
        return ch if multiline and ch in _KEPT_IN_LINES else _escape(ch)

    return _UNSAFE.sub(swap, value)


def dumps(value: Any, **kwargs: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, **kwargs)`, with nothing a terminal would act on."""
    kwargs.setdefault("ensure_ascii", False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, **kwargs))


def display_width(text: str) -> int:
    """The columns `text` takes on a terminal: Hangul, kana and CJK take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns (ljust counts characters, not columns)."""
    return text + " " * max(0, width - display_width(text))
