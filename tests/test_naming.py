"""File names: templates, safety on every OS, length caps."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.request import build_request
from fluxdesk.library.naming import (
    DEFAULT_TEMPLATE,
    NameContext,
    NameTemplateError,
    check_template,
    render_stem,
    safe_name,
)
from fluxdesk.library.records import GenerationRecord, JobState

RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$", re.IGNORECASE)


def assert_safe(name: str) -> None:
    assert name
    assert not re.search(r'[/\\:*?"<>|\x00-\x1f\x7f]', name)
    assert ".." not in name
    assert name == name.strip(" .")
    assert not RESERVED.match(name.split(".")[0].rstrip(" "))
    assert len(name) <= 150
    assert len((name + " (99999).webp").encode("utf-8")) <= 255


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
