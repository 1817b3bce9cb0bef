"""Every string a user can read has a finished Arabic and Korean translation (window and command line).

These fail until the translators are done, as they should: they are marked `translations`, and
`FLUXDESK_TRANSLATIONS_PENDING=1` leaves them out meanwhile (tests/conftest.py).

- the window: `pyside6-lupdate` reads fluxdesk/ui afresh into a temporary .ts, and every message in it
  must be finished (not "unfinished", not empty; each plural form filled) in fluxdesk_<code>.ts;
- the Qt-free layers: babel extracts every `_()`, `ngettext()` and `N_()` afresh (with what
  fluxdesk/locale/fluxdesk.pot holds), and each must be translated in <code>.po, not fuzzy, with every
  plural form the language has;
- the command line says its errors in Arabic and in Korean.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

pytestmark = pytest.mark.translations

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fluxdesk"
QT_SOURCES = PACKAGE / "ui" / "translations"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("ar", "ko")
#: how many plural forms each language has (its .po header must say the same)
PLURALS = {"ar": 6, "ko": 1}
Key = tuple[str, str, str]  # context, source, disambiguation


def _lupdate() -> str:
    found = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lupdate")
    assert found, "pyside6-lupdate is missing (it comes with PySide6)"
    return found


def _messages(ts: Path) -> dict[Key, ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return False
    if message.get("numerus") == "yes":
        forms = [form.text or "" for form in translation.iter("numerusform")]
        return bool(forms) and all(form.strip() for form in forms)
    return bool((translation.text or "").strip())


def test_every_window_string_has_a_finished_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fluxdesk_ar.ts"
    subprocess.run(
        [_lupdate(), "-silent", "-extensions", "py", "-source-language", "en", str(PACKAGE / "ui"),
         "-ts", str(fresh)],
        check=True, capture_output=True, timeout=120,
    )
    wanted = _messages(fresh)
    assert wanted, "lupdate found no translate() call in fluxdesk/ui"
    missing = []
    for code in LANGUAGES:
        source = QT_SOURCES / f"fluxdesk_{code}.ts"
        have = _messages(source) if source.is_file() else {}
        for key in sorted(wanted):
            if key not in have or not _finished(have[key]):
                context, text, comment = key
                missing.append(f"{source.name}: [{context}] {text!r}" + (f" ({comment})" if comment else ""))
    summary = f"{len(missing)} window strings without a finished translation:"
    assert not missing, "\n".join([summary, *missing])


def _gettext_messages() -> dict[str, str | None]:
    """msgid -> plural msgid (None: not counted), as extracted now, with the committed template's."""
    found: dict[str, str | None] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")]
    ):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        elif message:
            found[message] = None
    template = LOCALE / "fluxdesk.pot"
    if template.is_file():
        with template.open("rb") as fh:
            for entry in read_po(fh):
                if entry.id:
                    ids = entry.id if isinstance(entry.id, tuple) else (entry.id, None)
                    found.setdefault(ids[0], ids[1])
    return found


def _translated(catalog: Catalog, msgid: str, plural: str | None, forms: int) -> bool:
    entry = catalog.get(msgid)
    if entry is None or entry.fuzzy:
        return False
    if plural is None:
        return isinstance(entry.string, str) and bool(entry.string.strip())
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return len(strings) == forms and all(s.strip() for s in strings)


def test_every_command_line_sentence_has_a_translation() -> None:
    wanted = _gettext_messages()
    assert wanted, "no _(), ngettext() or N_() found in fluxdesk"
    missing = []
    for code in LANGUAGES:
        with (LOCALE / f"{code}.po").open("rb") as fh:
            catalog = read_po(fh, locale=code)
        assert catalog.num_plurals == PLURALS[code], f"{code}.po: Plural-Forms must give {PLURALS[code]}"
        for msgid, plural in sorted(wanted.items()):
            if not _translated(catalog, msgid, plural, PLURALS[code]):
                missing.append(f"{code}.po: {msgid!r}")
    assert not missing, f"{len(missing)} sentences without a translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_command_line_says_its_errors_in_the_language(language: str, tmp_path: Path) -> None:
    english = "Unknown model 'no-such-model'"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANGUAGE=language, LANG=f"{language}_{'EG' if language == 'ar' else 'KR'}.UTF-8",
               FLUXDESK_HOME=str(tmp_path), PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "fluxdesk", "generate", "--model", "no-such-model", "--dry-run", "a cat"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, cwd=tmp_path,
    )
    assert done.returncode != 0
    said = done.stderr.strip()
    assert said and "Traceback" not in said
    # the English run says the English sentence: the check below can fail
    env.update(LANGUAGE="en", LANG="C.UTF-8")
    english_run = subprocess.run(
        [sys.executable, "-m", "fluxdesk", "generate", "--model", "no-such-model", "--dry-run", "a cat"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, cwd=tmp_path,
    )
    assert english in english_run.stderr
    assert english not in said, f"under LANGUAGE={language} the command line still says: {said}"
    script = ("\u0600", "\u06ff") if language == "ar" else ("\uac00", "\ud7a3")
    assert any(script[0] <= c <= script[1] for c in said), said
