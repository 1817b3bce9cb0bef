"""Every translation keeps its source's placeholders: a `{name}` lost or misspelt would raise KeyError
(or print a raw brace) only in Arabic or Korean, where no English test would see it.

For counted sentences Arabic may leave the number out of the forms for zero, one and two ("صورتان"
says two), as its grammar does: one placeholder (the count's, whatever its name) may be missing
there; every other placeholder stays in every form.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1] / "fluxdesk"
LANGUAGES = ("ar", "ko")
#: `{name}` of str.format, `%n` of Qt's plurals, `%(name)s` / `%s` of argparse
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?n|%\([a-z_]+\)[sdr]|%[sdr]")
#: forms where Arabic grammar says the number in the word itself
NUMBER_IN_WORD = {"ar": {0, 1, 2}, "ko": set()}


def _holes(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _problem(language: str, source: set[str], forms: list[str]) -> str | None:
    for index, form in enumerate(forms):
        if not form:
            continue  # unfinished: the completeness test's business
        found = _holes(form)
        missing = source - found
        # where the word says the number, the count's own placeholder (one, whatever its name) may go
        said_in_word = index in NUMBER_IN_WORD[language] and len(forms) > 1 and len(missing) <= 1
        if (missing and not said_in_word) or not found <= source:
            return f"form {index}: {form!r} has {sorted(found)}, the source {sorted(source)}"
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_window_translations_keep_their_placeholders(language: str) -> None:
    ts = ROOT / "ui" / "translations" / f"fluxdesk_{language}.ts"
    wrong: list[str] = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            problem = _problem(language, _holes(source), forms)
            if problem:
                wrong.append(f"{context.findtext('name')}: {source!r}: {problem}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_command_line_translations_keep_their_placeholders(language: str) -> None:
    with (ROOT / "locale" / f"{language}.po").open("rb") as fh:
        catalog = read_po(fh)
    wrong: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        source = set().union(*(_holes(i) for i in ids))
        problem = _problem(language, source, [s or "" for s in strings])
        if problem:
            wrong.append(f"{ids[0]!r}: {problem}")
    assert not wrong, "\n".join(wrong)
