"""The Korean gettext catalogue keeps every placeholder of its source, so `.format()` and argparse's `%`
never meet a name they were not given (that would be a traceback where a sentence was meant)."""

from __future__ import annotations

import re
import string
from collections import defaultdict
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from fluxdesk.i18n.argparse_words import ARGPARSE_COUNTED, ARGPARSE_WORDS

PO = Path(__file__).resolve().parent.parent / "fluxdesk" / "locale" / "ko.po"
#: argparse's msgids are %-formatted (by argparse); every other msgid goes through str.format
PERCENT_IDS = {*ARGPARSE_WORDS, *(singular for singular, _plural in ARGPARSE_COUNTED)}
PERCENT = re.compile(r"%(?:\([A-Za-z_]+\))?[sr]")


def _entries() -> list[tuple[tuple[str, ...], tuple[str, ...], Message]]:
    """(msgids, translations, entry) of every message (a counted one has two msgids, one form)."""
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="ko")
    assert catalog.num_plurals == 1, "Korean has one plural form"
    found = []
    for m in catalog:
        if not m.id:
            continue
        ids = tuple(m.id) if isinstance(m.id, tuple | list) else (str(m.id),)
        strings = tuple(m.string) if isinstance(m.string, tuple | list) else (str(m.string or ""),)
        found.append((ids, tuple(s or "" for s in strings), m))
    assert len(found) > 600
    return found


def _fields(text: str) -> set[str]:
    """The format fields as written, spec included: '{limit:g}', '{n}' ('{{' is a brace, not a field)."""
    found = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.add("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                      + "}")
    return found


def _edges(text: str) -> tuple[bool, bool, int]:
    return text[:1].isspace(), text[-1:].isspace(), text.count("\n")


def test_each_translation_keeps_the_placeholders_of_its_source() -> None:
    wrong = []
    for ids, strings, entry in _entries():
        for text in strings:
            if entry.fuzzy or not text.strip():
                wrong.append(f"{ids[0]!r}: fuzzy or empty")
            elif ids[0] in PERCENT_IDS:
                if sorted(PERCENT.findall(text)) != sorted(PERCENT.findall(ids[-1])):
                    wrong.append(f"{ids[0]!r} -> {text!r}")
            elif _fields(text) != set().union(*(_fields(i) for i in ids)):
                wrong.append(f"{ids[0]!r} -> {text!r}")
            # "usage: " keeps its trailing space, "%(prog)s: error: ...\n" its newline
            if _edges(text) != _edges(ids[0]):
                wrong.append(f"{ids[0]!r} -> {text!r}: spaces or line breaks at the edges differ")
    assert not wrong, "\n".join(wrong)


def test_each_translation_can_be_filled_with_what_the_code_gives() -> None:
    for ids, strings, _entry in _entries():
        for text in strings:
            if ids[0] in PERCENT_IDS:
                named: dict[str, str] = defaultdict(lambda: "x")
                filled = text % (named if "%(" in text else ("x",) * len(PERCENT.findall(text)))
            else:
                # the values the code gives: the source's names (a number where the source formats one)
                given = {name: (1.5 if spec else "x") for source in ids
                         for _lit, name, spec, _conv in string.Formatter().parse(source) if name is not None}
                filled = text.format(**given)
            assert isinstance(filled, str)
