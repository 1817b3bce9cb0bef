"""After `pyside6-lupdate`: every message whose source counts with `%n` (or `%Ln`) becomes a plural message.

pyside6-lupdate marks a `translate(context, text, None, n)` call as plural only when `n` is a number
written in the code, so every counted string of the window comes out as an ordinary message (and an
existing plural translation is cut down to its first form). This step, run by `make ts` right after
lupdate, restores what it dropped: each message with `%n` in its source is marked `numerus="yes"` with
as many forms as the language has (English 2, Arabic 6, Korean 1), its translations taken back from
the file as it was before lupdate ran. For English (the source language) the forms are written out:
"(s)" dropped for one, made "s" for the others; a source without "(s)" is already the plural (the
window says "1 image" with a string of its own).

    python packaging/ts_numerus.py LANG NEW.ts [PREVIOUS.ts]
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

FORMS = {"en": 2, "ar": 6, "ko": 1}

Key = tuple[str, str, str]


def _counted(source: str) -> bool:
    return "%n" in source or "%Ln" in source


def _messages(root: ET.Element) -> dict[Key, ET.Element]:
    found: dict[Key, ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "", message.findtext("comment") or "")] = message
    return found


def _forms_of(message: ET.Element | None) -> list[str]:
    if message is None:
        return []
    translation = message.find("translation")
    if translation is None:
        return []
    plural = [form.text or "" for form in translation.iter("numerusform")]
    return plural or ([translation.text] if translation.text else [])


def _english(source: str, count: int) -> list[str]:
    if "(s)" in source:
        return [source.replace("(s)", "")] + [source.replace("(s)", "s")] * (count - 1)
    return [source] * count


def restore(language: str, new: Path, previous: Path | None) -> int:
    """Mark the counted messages of `new` plural, with `previous`'s translations; how many there are."""
    count = FORMS[language]
    tree = ET.parse(new)
    before = _messages(ET.parse(previous).getroot()) if previous is not None and previous.exists() else {}
    marked = 0
    if language == "en":  # the source language's file holds its plural forms only
        for context in list(tree.getroot().iter("context")):
            for message in list(context.iter("message")):
                if not _counted(message.findtext("source") or ""):
                    context.remove(message)
        for context in list(tree.getroot().findall("context")):
            if context.find("message") is None:
                tree.getroot().remove(context)
    for key, message in _messages(tree.getroot()).items():
        if not _counted(key[1]):
            continue
        marked += 1
        message.set("numerus", "yes")
        old = before.get(key)
        forms = _english(key[1], count) if language == "en" else _forms_of(old)
        forms = (forms + [""] * count)[:count]
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.clear()
        old_translation = old.find("translation") if old is not None else None
        finished = language == "en" or (
            all(forms) and (old_translation is None or old_translation.get("type") != "unfinished")
        )
        if not finished:
            translation.set("type", "unfinished")
        for text in forms:
            ET.SubElement(translation, "numerusform").text = text
    # lupdate reads a Python `#:` comment as a note for translators; ours document attributes
    for message in tree.getroot().iter("message"):
        for note in message.findall("extracomment"):
            message.remove(note)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    new.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return marked


if __name__ == "__main__":
    lang, target = sys.argv[1], Path(sys.argv[2])
    prior = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    print(f"{target.name}: {restore(lang, target, prior)} counted messages")
