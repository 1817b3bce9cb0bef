"""argparse's own words go through fluxdesk's catalogue once a language is activated."""

from __future__ import annotations

import argparse
import gettext
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fluxdesk.i18n import activate
from fluxdesk.i18n.argparse_words import ARGPARSE_COUNTED, ARGPARSE_WORDS


class _Catalogue(gettext.NullTranslations):
    """A catalogue in memory: every msgid it knows is said wrapped in brackets, its placeholders kept."""

    def __init__(self, known: set[str]) -> None:
        super().__init__()
        self.known = known

    def gettext(self, message: str) -> str:
        return f"[{message}]" if message in self.known else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        chosen = msgid1 if n == 1 else msgid2
        return f"[{chosen}]" if msgid1 in self.known else chosen


@pytest.fixture
def shouting() -> Iterator[None]:
    activate(_Catalogue({"usage: ", "options", "the following arguments are required: %s",
                         "expected %s argument"}), "xx")
    yield
    activate(gettext.NullTranslations(), "en")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="demo", exit_on_error=False)
    parser.add_argument("name")
    parser.add_argument("--pair", nargs=2)
    return parser


def test_help_screen_words_come_from_the_catalogue(shouting: None) -> None:
    text = _parser().format_help()
    assert text.startswith("[usage: ]demo")
    assert "[options]:" in text


def test_errors_come_from_the_catalogue(shouting: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args([])
    assert "[the following arguments are required: name]" in capsys.readouterr().err
    with pytest.raises(argparse.ArgumentError, match=re.escape("[expected 2 arguments]")):
        _parser().parse_args(["x", "--pair", "a"])


def test_english_is_argparse_s_own_after_going_back() -> None:
    activate(_Catalogue({"usage: "}), "xx")
    activate(gettext.NullTranslations(), "en")
    assert _parser().format_usage().startswith("usage: demo")


def test_the_list_holds_every_msgid_argparse_looks_up() -> None:
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    # _('...') / _("...") calls, their adjacent literals joined, as argparse writes them
    looked_up = set()
    for m in re.finditer(r"\b_\(((?:\s*'[^']*'|\s*\"[^\"]*\")+)\)", source):
        looked_up.add("".join(eval(p) for p in re.findall(r"'[^']*'|\"[^\"]*\"", m.group(1))))
    looked_up.discard("")
    assert looked_up <= set(ARGPARSE_WORDS)
    counted = re.findall(r"ngettext\('([^']*)',\s*'([^']*)'", source)
    assert set(counted) == set(ARGPARSE_COUNTED)
