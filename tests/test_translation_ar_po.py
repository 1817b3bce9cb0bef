"""The Arabic catalogue (fluxdesk/locale/ar.po) keeps every value a sentence is filled with.

A translation that drops or misspells a placeholder either raises when `.format()`/`%` fills it or
silently loses the value (a path, a count, a reason), so each translated entry is checked against its
msgid: the same `{name}` fields and the same %-specifiers, the same leading/trailing spaces and line
breaks. Counted entries have six forms (zero, one, two, 3-10, 11-99, 100+): the zero/one/two forms may
say the count in words instead of its field; argparse fills its counted words with `%`, so their
%-specifier must stay in every form.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parent.parent / "fluxdesk" / "locale" / "ar.po"
PERCENT = re.compile(r"%(?:\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[sdrfgi]")


def _fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def _specifiers(text: str) -> list[str]:
    return sorted(PERCENT.findall(text.replace("%%", "")))


def _edges(text: str) -> tuple[int, int, int]:
    return len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" ")), text.count("\n")


def _catalog() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="ar")


def test_the_catalogue_has_the_six_arabic_plural_forms() -> None:
    assert _catalog().num_plurals == 6


def _fields_fit(form: int, have: set[str], fields: set[str]) -> bool:
    # "صورتان" says the count itself: in the zero/one/two forms the counted field may be left out
    return have == fields if form >= 3 else have <= fields and len(fields - have) <= 1


def _problems(message: Message) -> list[str]:
    if isinstance(message.id, tuple):
        singular, plural = message.id
        fields = _fields(singular) | _fields(plural)
        specifiers = sorted(set(_specifiers(singular)) | set(_specifiers(plural)))
        problems = []
        for form, text in enumerate(message.string):
            if not text.strip():
                problems.append(f"form {form} is empty")
            elif not _fields_fit(form, _fields(text), fields):
                problems.append(f"form {form} has {sorted(_fields(text))}, wants {sorted(fields)}")
            elif sorted(set(_specifiers(text))) != specifiers:
                problems.append(f"form {form} has the %-specifiers {_specifiers(text)}, wants {specifiers}")
            elif (_edges(text)[0], _edges(text)[2]) != (_edges(singular)[0], _edges(singular)[2]):
                problems.append(f"form {form} changes the leading spaces or line breaks")
        return problems
    text = message.string
    if _fields(text) != _fields(message.id):
        return [f"has {sorted(_fields(text))}, wants {sorted(_fields(message.id))}"]
    if _specifiers(text) != _specifiers(message.id):
        return [f"has the %-specifiers {_specifiers(text)}, wants {_specifiers(message.id)}"]
    if _edges(text) != _edges(message.id):
        return ["changes the leading/trailing spaces or line breaks"]
    return []


def test_every_translation_keeps_the_source_placeholders() -> None:
    translated = [m for m in _catalog() if m.id and m.string]
    assert translated
    found = [f"{m.id!r}: fuzzy" for m in translated if m.fuzzy]
    found += [f"{m.id!r}: {problem}" for m in translated for problem in _problems(m)]
    assert not found, "\n".join(found)


def test_a_counted_sentence_formats_for_every_form() -> None:
    # the one thing that matters at run time: filling each form with the msgid's values never raises
    for message in _catalog():
        if not isinstance(message.id, tuple) or not all(message.string):
            continue
        fields = _fields(message.id[0]) | _fields(message.id[1])
        for text in message.string:
            if _specifiers(text):
                assert text % ((3,) * len(_specifiers(text)))
            else:
                assert text.format(**{f.split(".")[0].split("[")[0]: 3 for f in fields})
