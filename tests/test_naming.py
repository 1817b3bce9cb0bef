"""File names: templates, safety on every OS, length caps."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.request import build_request
from fluxdesk.library.export import ExportOptions, export_records
from fluxdesk.library.files import image_relpath
from fluxdesk.library.naming import (
    DEFAULT_TEMPLATE,
    MAX_STEM_BYTES,
    MAX_STEM_UNITS,
    NameContext,
    NameTemplateError,
    check_template,
    prompt_slug,
    render_stem,
    safe_name,
    short_prompt,
    utf16_units,
    visible,
)
from fluxdesk.library.records import GenerationRecord, JobState

RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$", re.IGNORECASE)
GRAPHEME = regex.compile(r"\X")
EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: invisible characters a prompt may carry: bidi controls, zero-width space/joiners, BOM, soft hyphen,
#: word joiner, Mongolian vowel separator, tags, Hangul filler, combining grapheme joiner
INVISIBLE = BIDI + "\u200b\u200c\u200d\ufeff\u00ad\u2060\u180e\U000e0001\U000e0041\u3164\u034f"
LONGEST_TAIL = " (99999).webp.json"


def assert_safe(name: str) -> None:
    assert name
    assert not re.search(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f]', name)
    assert ".." not in name
    assert name == name.strip(" .")
    assert not RESERVED.match(name.split(".")[0].rstrip(" "))
    assert len(name) <= 150
    assert unicodedata.is_normalized("NFC", name)
    assert len((name + LONGEST_TAIL).encode("utf-8")) <= 255
    assert utf16_units(name + LONGEST_TAIL) <= 255
    for grapheme in GRAPHEME.findall(name):
        invisible = [c for c in grapheme if unicodedata.category(c) in ("Cf", "Cs") or c in INVISIBLE]
        if EMOJI.search(grapheme):
            assert set(invisible) <= {"\u200d", "\ufe0f", "\ufe0e"}, ascii(grapheme)
        else:
            assert not invisible, ascii(grapheme)


def graphemes(text: str) -> list[str]:
    return GRAPHEME.findall(unicodedata.normalize("NFC", text))


def record(prompt: str, model: str = "flux-dev") -> GenerationRecord:
    req = build_request(default_catalog(), model, prompt, {"seed": 42}, rng=random.Random(0))
    return GenerationRecord(
        id="0123456789abcdef" * 2,
        provider="cometapi",
        model=model,
        request=req,
        status=JobState.DONE,
        created_at=1_700_000_000.0,
    )


@pytest.mark.parametrize(
    "text",
    [
        "a/b\\c",
        "../../etc/passwd",
        "..",
        ".",
        "...",
        " . ",
        "CON",
        "con.txt",
        "Nul",
        "COM1",
        "lpt9.tar.gz",
        "AUX ",
        "x" * 300,
        "é" * 300,
        "😀" * 300,
        'a:b*c?d"e<f>g|h',
        "tab\there\nnewline\x00nul\x7f",
        "trailing dot.",
        " leading space",
        "",
        "///",
        "COM¹",
        "lpt³.png",
        "con .txt",
        "evil\u202egnp.exe",
        "\u202e\u2066\u200f",
        "한" * 300,
        "ΐ" * 200,
        "👩\u200d🚀" * 100,
        "🇯🇵" * 100,
        "مَ" * 300,
        "x" + "\u0301" * 400,
        "\ud800 lone surrogate",
    ],
)
def test_unsafe_names_come_out_safe(text: str) -> None:
    assert_safe(safe_name(text))


def test_reserved_names_get_a_suffix() -> None:
    assert safe_name("CON") == "CON_"
    assert safe_name("con.txt") == "con_.txt"
    assert safe_name("CONSOLE") == "CONSOLE"


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400))
def test_any_text_makes_a_safe_name(text: str) -> None:
    assert_safe(safe_name(text))


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=400).filter(lambda t: t.strip()))
def test_any_prompt_makes_a_safe_stem(prompt: str) -> None:
    assert_safe(render_stem(DEFAULT_TEMPLATE, record(prompt)))
    assert_safe(render_stem("{prompt}/{prompt}/../{id}", record(prompt)))


def test_template_fields() -> None:
    rec = record("a red fox jumping over a lazy dog in the morning light, watercolour, highly detailed")
    stem = render_stem("{model}_{seed}_{id}_{n}_{prompt}", rec, NameContext(7, 12))
    assert stem.startswith("flux-dev_42_01234567_007_a red fox")
    assert len(stem.split("_", 4)[4]) <= 60
    assert re.fullmatch(r"\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d", render_stem("{date}_{time}", rec))
    assert render_stem("{n}", rec, NameContext(3, 1500)) == "0003"


@pytest.mark.parametrize(
    "template", ["", "   ", "{nope}", "{seed:>10}", "{seed!r}", "{", "{id.__class__}", "{prompt[0]}"]
)
def test_bad_templates_are_refused(template: str) -> None:
    with pytest.raises(NameTemplateError) as info:
        check_template(template)
    assert str(info.value).endswith(".")


# -- the prompt's own script ---------------------------------------------------------------------------

SCRIPTS = [
    ("창가에 앉은 고양이들, 수채화", "창가에-앉은-고양이들-수채화"),
    ("الشاطئ عند الغروب، ألوان مائية", "الشاطئ-عند-الغروب-ألوان-مائية"),
    ("海辺の猫たち、水彩画", "海辺の猫たち-水彩画"),
    ("Café au lait, crème brûlée", "café-au-lait-crème-brûlée"),
    ("Leuchtturmwärter bei Sonnenuntergang", "leuchtturmwärter-bei-sonnenuntergang"),
    ("A kite 🪁 over the sea ✨", "a-kite-over-the-sea"),
    ("🐉🔥", "image"),
]


@pytest.mark.parametrize(("prompt", "slug"), SCRIPTS)
def test_library_files_are_named_in_the_prompts_script(prompt: str, slug: str) -> None:
    rel = image_relpath(prompt, 42, "0123456789abcdef", "jpg", when=1_700_000_000.0)
    year, month, name = rel.split("/")
    assert year.isdigit() and month.isdigit()
    assert name == f"{slug}-42-01234567.jpg"
    assert_safe(name)


@pytest.mark.parametrize(("prompt", "slug"), SCRIPTS)
def test_export_names_keep_the_prompt(prompt: str, slug: str) -> None:
    stem = render_stem("{prompt}", record(prompt))
    assert_safe(stem)
    assert stem == prompt  # nothing in these needs changing: every letter and emoji is kept


def test_decomposed_text_is_named_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Crème brûlée 한국")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert safe_name(decomposed) == "Crème brûlée 한국"
    assert prompt_slug(decomposed) == "crème-brûlée-한국"


@pytest.mark.parametrize("invisible", list(INVISIBLE))
def test_invisible_characters_are_dropped(invisible: str) -> None:
    text = f"a{invisible}b {invisible}고양이{invisible}"
    assert safe_name(text) == "ab 고양이"
    assert prompt_slug(text) == "ab-고양이"
    assert render_stem("{prompt}", record(text)) == "ab 고양이"


def test_a_right_to_left_override_cannot_disguise_an_extension() -> None:
    name = safe_name("invoice\u202egpj.exe")
    assert name == "invoicegpj.exe" and "\u202e" not in name


def test_joiners_stay_only_inside_emoji() -> None:
    assert safe_name("👩\u200d🚀 and 👨\u200d👩\u200d👧") == "👩\u200d🚀 and 👨\u200d👩\u200d👧"
    assert safe_name("❤\ufe0f") == "❤\ufe0f"
    assert safe_name("a\u200db\ufe0f") == "ab"
    assert safe_name("🐉\u200d tail") == "🐉 tail"  # a joiner that joins nothing
    assert visible("🏴\U000e0067\U000e0062\U000e007f") == "🏴"  # tag characters go, the flag stays


@pytest.mark.parametrize(
    "text",
    [
        "한" * 300,  # 3 bytes each
        "ش" * 300,  # 2 bytes each
        "مَ" * 300,  # a letter and its mark: one grapheme, never split
        "👨\u200d👩\u200d👧" * 60,  # 18 bytes a family
        "🇯🇵" * 100,  # a flag is two code points
        "e\u0301\u0323" * 100,  # a letter with two marks: NFC composes only one
        "ΐ" * 150,  # 2 bytes, but 3 UTF-16 units decomposed: the HFS+/NTFS limit binds first
        "a" * 100 + "😀" * 100,
    ],
)
def test_length_limits_cut_between_graphemes(text: str) -> None:
    name = safe_name(text)
    assert_safe(name)
    whole = graphemes(text)
    kept = graphemes(name)
    assert kept == whole[: len(kept)]  # the first graphemes, each whole
    assert len(kept) < len(whole)
    # as long as it may be: one grapheme more would not fit one of the limits
    longer = "".join(whole[: len(kept) + 1])
    assert (len(longer) > 150 or len(longer.encode("utf-8")) > MAX_STEM_BYTES
            or utf16_units(longer) > MAX_STEM_UNITS)


def test_short_prompt_cuts_between_graphemes_without_spaces() -> None:
    text = "🇯🇵" * 40
    assert short_prompt(text, 61) == "🇯🇵" * 30
    assert short_prompt("海辺の猫たち" * 20, 10) == "海辺の猫たち海辺の猫"


@pytest.mark.parametrize("reserved", ["CON", "nul", "Aux", "COM1", "lpt9", "COM²", "PRN"])
def test_reserved_names_are_never_made(reserved: str) -> None:
    for text in (reserved, f"{reserved}.png", f"{reserved} .tar.gz", f"  {reserved}  "):
        assert_safe(safe_name(text))
    assert_safe(render_stem("{prompt}", record(reserved)))


def test_same_prompt_and_seed_get_different_library_names() -> None:
    a = image_relpath("고양이", 1, "aaaaaaaa1111", "png", when=0.0)
    b = image_relpath("고양이", 1, "bbbbbbbb2222", "png", when=0.0)
    assert a != b


def test_export_collisions_and_hostile_prompts_in_every_script(tmp_path: Path) -> None:
    from library_helpers import image_bytes

    images = tmp_path / "images"
    images.mkdir()
    (images / "x.png").write_bytes(image_bytes())
    prompts = ["창가의 고양이", "창가의 고양이", "الشاطئ\u202e", "evil\u202egnp.exe", "CON", "海辺の猫" * 80]
    records = [record(p).evolve(file="x.png", format="png", status=JobState.DONE) for p in prompts]
    out = tmp_path / "out"
    result = export_records(records, images, ExportOptions(to=out, name="{prompt}", sidecar=True))
    assert result.ok, result.errors
    names = [f.path.name for f in result.written]
    assert names[:2] == ["창가의 고양이.png", "창가의 고양이 (2).png"]
    assert names[2] == "الشاطئ.png" and names[3] == "evilgnp.exe.png" and names[4] == "CON_.png"
    for f in result.written:
        assert_safe(f.path.stem)
        assert f.path.exists() and f.path.read_bytes()
        assert f.sidecar is not None and f.sidecar.exists()
        assert len(f.sidecar.name.encode("utf-8")) <= 255


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_prompt_makes_a_safe_library_name(prompt: str) -> None:
    rel = image_relpath(prompt, 2**32 - 1, "0123456789abcdef", "webp", when=0.0)
    _year, _month, name = rel.split("/")
    assert_safe(name)
    assert name.endswith("-4294967295-01234567.webp")
