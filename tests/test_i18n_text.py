"""The direction of a text by its first strong character, and the scripts it needs a font for."""

from __future__ import annotations

import pytest

from fluxdesk.i18n.bidi import text_direction
from fluxdesk.i18n.scripts import ARABIC, CJK, HANGUL, scripts_in


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("قطة على الشاطئ", "rtl"),
        ("A cat on the beach", "ltr"),
        ("قطة on the beach", "rtl"),
        ("FLUX.2 قطة", "ltr"),
        ("1024 × 768 قطة", "rtl"),  # digits and symbols are weak: the Arabic word decides
        ("«2024» — cat", "ltr"),
        ("חתול", "rtl"),  # Hebrew too
        ("고양이들", "ltr"),
        ("🐉 1024", None),
        ("", None),
        ("\u2067abc\u2069 قطة", "rtl"),  # an isolate does not decide
    ],
)
def test_first_strong_character(text: str, direction: str | None) -> None:
    assert text_direction(text) == direction


def test_scripts_that_need_a_font() -> None:
    assert scripts_in("a cat, 1024 px 🐉") == set()
    assert scripts_in("Katzenfutter für 고양이들") == {HANGUL}
    assert scripts_in("海辺の猫たち") == {CJK}
    assert scripts_in("カタカナ") == {CJK}
    assert scripts_in("شاطئ and 猫") == {ARABIC, CJK}


def test_sizes_and_paths_are_kept_left_to_right_only_in_a_right_to_left_interface() -> None:
    from fluxdesk import i18n
    from fluxdesk.i18n.bidi import keep_left_to_right
    from fluxdesk.i18n.languages import catalogue

    assert keep_left_to_right("768 × 512") == "768 × 512"  # English: nothing added
    i18n.activate(catalogue("ar"), "ar")
    try:
        isolated = keep_left_to_right("768 × 512")
        assert isolated == "\u200e768 × 512\u200e"  # marks: the digits keep their order in Arabic text
        assert keep_left_to_right("") == ""
    finally:
        i18n.activate(catalogue("en"), "en")
