"""Which language fluxdesk speaks: the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) or the one chosen
in Settings; its gettext catalogue, English when there is none."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from fluxdesk import i18n
from fluxdesk.i18n.languages import (
    catalogue,
    chosen_language,
    language_code,
    locale_dir,
    start_language,
    system_language,
)
from fluxdesk.settings import Prefs, Settings


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.activate(catalogue("en"), "en")


@pytest.mark.parametrize(
    ("name", "code"),
    [("ar_EG.UTF-8", "ar"), ("ko_KR.UTF-8@euro", "ko"), ("C", "en"), ("POSIX", "en"), ("C.UTF-8", "en"),
     ("en_GB", "en"), ("ko", "ko"), ("zh-Hant-TW", "zh"), ("", "")],
)
def test_language_code_of_a_locale_name(name: str, code: str) -> None:
    assert language_code(name) == code


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ar_EG.UTF-8"}, "ar"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language fluxdesk does not speak: the source
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANGUAGE": "ar", "LANG": "ko_KR.UTF-8"}, "ar"),  # LANGUAGE first
        ({"LANGUAGE": "fr:de:ko:ar", "LANG": "en_US.UTF-8"}, "ko"),  # its first supported entry
        ({"LANGUAGE": "fr:de", "LANG": "ar_EG.UTF-8"}, "ar"),  # none supported: the locale decides
        ({"LANGUAGE": "", "LC_ALL": "ko_KR.UTF-8", "LANG": "ar_EG.UTF-8"}, "ko"),
        ({"LC_MESSAGES": "ar_SA.UTF-8", "LANG": "ko_KR.UTF-8"}, "ar"),  # LC_MESSAGES before LANG
        ({"LC_ALL": "C", "LC_MESSAGES": "ar_SA.UTF-8"}, "en"),  # the first one set decides, alone
        ({"LANGUAGE": "en:ar"}, "en"),
    ],
)
def test_the_system_language(env: dict[str, str], expected: str) -> None:
    assert system_language(env) == expected


def test_the_settings_choice_overrides_the_system() -> None:
    env = {"LANGUAGE": "ar", "LANG": "ar_EG.UTF-8"}
    assert chosen_language("system", env) == "ar"
    assert chosen_language("ko", env) == "ko"
    assert chosen_language("en", env) == "en"
    assert chosen_language("klingon", env) == "ar"  # not a choice: the system's


def test_prefs_keep_a_known_language_and_digits_only() -> None:
    assert Prefs.from_dict({"language": "ar", "digits": "native"}).language == "ar"
    assert Prefs.from_dict({"language": "ar", "digits": "native"}).digits == "native"
    odd = Prefs.from_dict({"language": "xx", "digits": "roman"})
    assert (odd.language, odd.digits) == ("system", "western")
    assert (Prefs().language, Prefs().digits) == ("system", "western")


def test_the_language_choice_is_saved_with_the_settings() -> None:
    settings = Settings.load()
    settings.prefs.language = "ko"
    settings.prefs.digits = "native"
    settings.save()
    data = json.loads((settings.paths.config_dir / "settings.json").read_text(encoding="utf-8"))
    assert (data["language"], data["digits"]) == ("ko", "native")
    assert Settings.load().prefs.language == "ko"


def _compiled(folder: Path, language: str, messages: dict[str, str | tuple[str, ...]]) -> None:
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True)
    cat = Catalog(locale=language, domain="fluxdesk")
    for msgid, text in messages.items():
        cat.add((msgid, msgid + "s") if isinstance(text, tuple) else msgid, text)
    with (target / "fluxdesk.mo").open("wb") as fh:
        write_mo(fh, cat)


def test_a_catalogue_is_activated_for_the_whole_process(tmp_path: Path) -> None:
    messages: dict[str, str | tuple[str, ...]] = {"The disk is full.": "디스크가 가득 찼습니다."}
    messages["{n} image"] = ("이미지 {n}개",)
    _compiled(tmp_path, "ko", messages)
    assert start_language("system", {"LANGUAGE": "ko"}, tmp_path) == "ko"
    assert i18n.active_language() == "ko"
    assert i18n._("The disk is full.") == "디스크가 가득 찼습니다."
    assert i18n.ngettext("{n} image", "{n} images", 5).format(n=5) == "이미지 5개"
    assert i18n._("Not translated yet.") == "Not translated yet."  # English where a message is missing


def test_a_missing_catalogue_is_english_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert start_language("ar", {}, tmp_path) == "ar"
    assert i18n._("The disk is full.") == "The disk is full."
    assert i18n.ngettext("{n} image", "{n} images", 2) == "{n} images"
    assert capsys.readouterr() == ("", "")


def test_a_damaged_catalogue_is_english(tmp_path: Path) -> None:
    target = tmp_path / "ar" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "fluxdesk.mo").write_bytes(b"\xde\x12\x04\x95 not a catalogue")
    start_language("ar", {}, tmp_path)
    assert i18n._("The disk is full.") == "The disk is full."


def test_main_speaks_the_language_of_the_settings_over_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    from fluxdesk.main import start_language as main_start_language

    monkeypatch.setenv("LANGUAGE", "ar")
    assert main_start_language() == "ar"
    settings = Settings.load()
    settings.prefs.language = "ko"
    settings.save()
    assert main_start_language() == "ko"
    assert i18n.active_language() == "ko"


def test_the_catalogues_are_looked_for_inside_the_package() -> None:
    import fluxdesk

    assert locale_dir() == Path(fluxdesk.__file__).resolve().parent / "locale"
    for code in ("ar", "ko"):
        assert (locale_dir() / f"{code}.po").is_file()
