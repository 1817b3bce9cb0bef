"""Editing without Qt: starting an edit, the reference list's operations, and the rules of the inputs
taken together (how many, how many pixels in all), in the draft both fronts use."""

from __future__ import annotations

from typing import Any

import pytest
from sim_helpers import png_b64

from fluxdesk.api.catalog import FLUX2_INPUT_MEGAPIXELS
from fluxdesk.api.errors import InvalidRequest
from fluxdesk.draft import Draft, ImageSource, SourceKind, load_all
from fluxdesk.draft.edit import DEFAULT_EDIT_MODEL, edit_model, is_edit_model, is_editing, start_edit
from fluxdesk.draft.references import REFERENCES, tally


def inline(size: tuple[int, int], color: tuple[int, int, int] = (10, 120, 30)) -> ImageSource:
    return ImageSource.inline(png_b64(size, color))


def test_the_edit_models_are_kontext_flux2_fill_and_expand(catalog: Any) -> None:
    models = [m.id for m in catalog if is_edit_model(m)]
    assert {"flux-kontext-pro", "flux-kontext-max", "flux-2-pro", "flux-2-max", "flux-2-flex",
            "flux-pro-1.0-fill", "flux-pro-1.0-expand"} <= set(models)
    assert "flux-pro-1.1" not in models and "flux-pro-1.1-ultra" not in models  # image prompts
    assert "flux-pro-1.0-canny" not in models  # a control image
    assert edit_model(catalog) == DEFAULT_EDIT_MODEL == "flux-2-pro"
    assert edit_model(catalog, last="flux-kontext-max") == "flux-kontext-max"
    assert edit_model(catalog, last="flux-dev") == "flux-2-pro"  # not an edit model


def test_start_edit_makes_the_record_the_only_input_leaves_the_size_open_and_empties_the_prompt(
    catalog: Any,
) -> None:
    draft = Draft(catalog, "flux-2-pro")
    draft.set_prompt("a red kite over the sea")
    draft.set_params({"width": 1344, "height": 768})
    draft.add_input(inline((64, 64)))
    draft.add_input(inline((64, 64)))
    draft.set_mask(inline((64, 64)))
    heard: list[str] = []
    draft.subscribe(heard.append)
    previous = start_edit(draft, "rec123")
    assert previous == "a red kite over the sea"
    assert draft.prompt == ""
    assert draft.model == "flux-2-pro"
    assert len(draft.inputs) == 1 and draft.mask is None
    first = draft.inputs[0]
    assert first is not None and first.source == ImageSource.library("rec123")
    assert draft.params["width"] is None and draft.params["height"] is None  # match the input image
    assert is_editing(draft)
    assert sorted(heard) == sorted(set(heard))  # one announcement per name
    assert draft.parents() == ["rec123"]


def test_an_edit_starts_with_the_last_edit_model_and_the_inputs_aspect(catalog: Any) -> None:
    draft = Draft(catalog, "flux-pro-1.1-ultra")
    draft.set_param("aspect_ratio", "21:9")
    start_edit(draft, "b", last="flux-kontext-pro")
    assert draft.model == "flux-kontext-pro"
    assert draft.params["aspect_ratio"] is None  # Kontext keeps the input's aspect
    start_edit(draft, "c", last="flux-pro-1.0-fill")  # Fill is implied by a mask, never "the last"
    assert draft.model == "flux-2-pro"


def test_an_expand_edit_starts_with_no_sides(catalog: Any) -> None:
    draft = Draft(catalog, "flux-pro-1.0-expand")
    draft.set_params({"top": 256, "left": 64})
    start_edit(draft, "r")
    draft.set_model("flux-pro-1.0-expand")  # switched to Expand afterwards: nothing added yet
    assert draft.values()["top"] == 0 and draft.values()["left"] == 0
    assert is_edit_model(draft.spec) and is_editing(draft)


def test_references_are_added_moved_labelled_and_removed_without_holes(catalog: Any) -> None:
    draft = Draft(catalog, "flux-2-pro")
    a, b, c = (ImageSource.library(x) for x in "abc")
    assert draft.add_input(a) == 0
    draft.set_input(3, c)  # a hole at 1 and 2 (the command line's --input-image-4)
    assert draft.add_input(b, label="the jacket") == 2  # the holes close first
    assert [i.source.value for i in draft.inputs if i] == ["a", "c", "b"]
    draft.move_input(2, 0)
    assert [i.source.value for i in draft.inputs if i] == ["b", "a", "c"]
    token = draft.inputs[1].token  # type: ignore[union-attr]
    draft.set_input_label(1, "  the dog ")
    assert draft.inputs[1].label == "the dog" and draft.inputs[1].token == token  # type: ignore[union-attr]
    draft.set_input_label(1, "")
    assert draft.inputs[1].label is None  # type: ignore[union-attr]
    draft.remove_input(0)
    assert [i.source.value for i in draft.inputs if i] == ["a", "c"]
    assert draft.parents() == ["a", "c"]
    restored = Draft.from_dict(catalog, draft.to_dict())
    assert [i.source.value for i in restored.inputs if i] == ["a", "c"]


def test_more_images_than_a_model_takes_are_refused_not_dropped(catalog: Any) -> None:
    draft = Draft(catalog, "flux-2-pro")
    draft.set_prompt("them together")
    for i in range(5):
        draft.add_input(inline((32, 32), (i * 40, 0, 0)))
    load_all(draft)
    assert len(draft.requests()) == 1
    draft.set_model("flux-2-klein-4b")
    errors = [e for e in draft.errors() if e.field == REFERENCES]
    assert len(errors) == 1 and "at most 4 images" in errors[0].message and "greyed one" in errors[0].message
    with pytest.raises(InvalidRequest) as refused:
        draft.requests()
    assert any(e.field == REFERENCES for e in refused.value.errors)
    draft.remove_input(4)
    assert draft.requests()[0].params["input_image_4"]
    # a model with one image takes the first and keeps the others for a model that takes them
    draft.set_model("flux-pro-1.0-fill")
    assert not [e for e in draft.errors() if e.field == REFERENCES]
    assert len(draft.inputs) == 4


def test_flux2_inputs_over_9_mp_in_all_are_refused_before_anything_is_sent(catalog: Any) -> None:
    assert FLUX2_INPUT_MEGAPIXELS == 9.0
    draft = Draft(catalog, "flux-2-pro")
    draft.set_prompt("combine them")
    draft.add_input(inline((2048, 2048)))  # 4 MP (of 2**20 pixels)
    draft.add_input(inline((2048, 2048)))
    load_all(draft)
    t = tally(draft.spec, draft.inputs)
    assert t.megapixels == pytest.approx(8.0) and not t.too_big
    assert t.summary() == "2 of 8 images · 8.0 of 9 MP in all"
    assert draft.requests()
    draft.add_input(inline((1200, 1000)))
    load_all(draft)
    errors = [e.message for e in draft.errors() if e.field == REFERENCES]
    assert errors and "9.1 MP" in errors[0] and "at most 9 MP" in errors[0]
    with pytest.raises(InvalidRequest):
        draft.requests()
    # Kontext has no such rule in the catalogue
    draft.set_model("flux-kontext-pro")
    assert not [e for e in draft.errors() if e.field == REFERENCES]


def test_a_link_counts_as_nothing_it_is_never_fetched(catalog: Any) -> None:
    draft = Draft(catalog, "flux-2-pro")
    draft.add_input(ImageSource.url("https://example.com/a.png"))
    first = draft.inputs[0]
    assert first is not None and first.source.kind is SourceKind.URL
    assert tally(draft.spec, draft.inputs).megapixels == 0.0


def test_the_command_line_refuses_flux2_inputs_over_9_mp_and_sends_nothing(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sim: Any
) -> None:
    from PIL import Image

    from fluxdesk.cli import main

    monkeypatch.setenv("COMETAPI_KEY", "sk-edits-0123456789abcdef")
    monkeypatch.setenv("FLUXDESK_API_BASE", sim.base_url)
    flags = []
    for i, flag in enumerate(("--input-image", "--input-image-2", "--input-image-3")):
        path = tmp_path / f"big{i}.png"
        Image.new("RGB", (2048, 1600), (i * 60, 20, 20)).save(path)
        flags += [flag, str(path)]
    code = main(["generate", "combine them", "--model", "flux-2-pro", *flags])
    err = capsys.readouterr().err
    assert code != 0 and "at most 9 MP of input images in all" in err and "Traceback" not in err
    assert sim.received == [], "nothing reached the provider"
