"""The draft without Qt: seeds, model switching, settings of a generation, saving, images."""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.api.catalog import SEED_MAX
from fluxdesk.api.errors import InvalidRequest
from fluxdesk.api.request import build_request
from fluxdesk.draft import (
    MAX_BATCH,
    Draft,
    ImageSource,
    SeedMode,
    batch_seeds,
    load_all,
    load_pending,
    read_draft_file,
    write_draft_file,
)
from fluxdesk.draft.inputs import input_params, slot_of
from fluxdesk.library.recall import RecalledSettings
from fluxdesk.library.records import GenerationRecord

PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"


def _png(path: Path, size: tuple[int, int] = (40, 30)) -> Path:
    Image.new("RGB", size, (200, 10, 10)).save(path, "PNG")
    return path


def _draft(catalog, model: str = "flux-dev", prompt: str = "a fox", **kw) -> Draft:
    draft = Draft(catalog, model, **kw)
    draft.set_prompt(prompt)
    return draft


def _record(catalog, model: str, params: dict, prompt: str = "from a record") -> GenerationRecord:
    request = build_request(catalog, model, prompt, params)
    return GenerationRecord(id="rec-" + model, provider="cometapi", model=model, request=request)


# ---- the seed rule --------------------------------------------------------------------------------


def test_a_locked_seed_and_a_batch_give_consecutive_seeds(catalog) -> None:
    draft = _draft(catalog)
    draft.lock_seed(100)
    draft.set_batch(4)
    requests = draft.requests()
    assert [r.seed for r in requests] == [100, 101, 102, 103]
    assert all(r.replace(seed=100) == requests[0] for r in requests)


def test_seeds_wrap_at_the_models_maximum(catalog) -> None:
    assert batch_seeds(SEED_MAX - 1, 4, SEED_MAX) == [SEED_MAX - 1, SEED_MAX, 0, 1]
    draft = _draft(catalog)
    draft.lock_seed(SEED_MAX)
    draft.set_batch(3)
    assert [r.seed for r in draft.requests()] == [SEED_MAX, 0, 1]


def test_an_unlocked_batch_is_consecutive_from_one_random_base(catalog) -> None:
    draft = _draft(catalog)
    draft.set_batch(5)
    seeds = [r.seed for r in draft.requests(rng=random.Random(7))]
    assert seeds == batch_seeds(seeds[0], 5, SEED_MAX)
    again = [r.seed for r in draft.requests(rng=random.Random(7))]
    assert again == seeds  # the base came from the rng given
    other = [r.seed for r in draft.requests(rng=random.Random(8))]
    assert other[0] != seeds[0]


def test_the_batch_limit_is_one_sentence(catalog) -> None:
    draft = _draft(catalog)
    draft.set_batch(MAX_BATCH + 1)
    assert [e.field for e in draft.errors()] == ["batch"]
    with pytest.raises(InvalidRequest) as info:
        draft.requests()
    expected = f"Batch count must be between 1 and {MAX_BATCH}, not {MAX_BATCH + 1}."
    assert info.value.errors[0].message == expected
    draft.set_batch(MAX_BATCH)
    assert len(draft.requests()) == MAX_BATCH


def test_note_used_and_reuse_last(catalog) -> None:
    draft = _draft(catalog)
    assert not draft.reuse_last_seed()  # nothing made yet
    assert draft.seed_mode is SeedMode.RANDOM
    draft.set_batch(2)
    first = draft.requests(rng=random.Random(1))
    draft.note_used(first)
    assert draft.last_seed == first[0].seed
    assert draft.reuse_last_seed()
    assert draft.seed_mode is SeedMode.REUSE and draft.seed == first[0].seed
    assert [r.seed for r in draft.requests()] == [r.seed for r in first]
    # lock keeps the seed shown; reset makes it random again
    draft.lock_seed()
    assert draft.seed_mode is SeedMode.LOCKED and draft.seed == first[0].seed
    draft.reset_seed()
    assert draft.seed_mode is SeedMode.RANDOM and draft.seed is None


def test_a_typed_seed_locks_and_a_bad_one_is_marked(catalog) -> None:
    draft = _draft(catalog)
    draft.set_seed(42)
    assert draft.seed_mode is SeedMode.LOCKED
    draft.set_seed(SEED_MAX + 1)
    assert [e.field for e in draft.errors()] == ["seed"]
    draft.set_seed(None)
    assert draft.seed_mode is SeedMode.RANDOM and draft.errors() == []


# ---- parameters and models -----------------------------------------------------------------------


def test_switching_model_keeps_what_it_can_and_remembers_the_rest(catalog) -> None:
    draft = _draft(catalog, "flux-dev")
    draft.set_params({"steps": 20, "width": 512})
    draft.set_model("flux-pro-1.1-ultra")
    assert "steps" not in draft.params and draft.values()["aspect_ratio"] == "16:9"
    draft.set_model("flux-dev")
    assert draft.params["steps"] == 20 and draft.params["width"] == 512
    draft.set_model("flux-pro-1.0-fill")
    assert draft.params["steps"] == 20  # fill takes 15..50
    draft.set_model("flux-dev")
    draft.set_param("guidance", 4.5)
    draft.set_model("flux-pro-1.0-fill")
    assert draft.params["guidance"] == 4.5
    draft.set_param("guidance", 80.0)  # fine for fill, out of dev's range
    draft.set_model("flux-dev")
    assert draft.params["guidance"] is None and draft.values()["guidance"] == 3.0
    draft.set_model("flux-pro-1.0-fill")
    assert draft.params["guidance"] == 80.0


def test_values_not_set_follow_each_models_default(catalog) -> None:
    draft = _draft(catalog, "flux-pro-1.1")
    assert draft.values()["output_format"] == "jpeg"
    draft.set_model("flux-kontext-pro")
    assert draft.values()["output_format"] == "png" and draft.params["output_format"] is None


def test_errors_use_the_requests_validation(catalog) -> None:
    draft = _draft(catalog, "flux-pro-1.1", prompt="")
    assert [e.field for e in draft.errors()] == ["prompt"]
    draft.set_prompt("kite")
    draft.set_param("width", 1000)
    (error,) = draft.errors()
    assert error.field == "width" and "multiple of 32" in error.message
    with pytest.raises(InvalidRequest) as info:
        draft.requests()
    assert info.value.errors == [error]


def test_a_parameter_the_model_does_not_take_is_refused(catalog) -> None:
    draft = _draft(catalog, "flux-pro-1.1")
    draft.set_param("steps", "20")  # as a command-line flag would
    assert "does not take 'steps'" in draft.errors()[0].message


def test_subscribers_hear_each_change_once(catalog) -> None:
    draft = _draft(catalog)
    heard: list[str] = []
    unsubscribe = draft.subscribe(heard.append)
    draft.set_prompt("a fox")  # unchanged: nothing
    draft.set_prompt("a hare")
    draft.set_param("steps", 10)
    draft.set_batch(2)
    draft.lock_seed(3)
    assert heard == ["prompt", "params", "batch", "seed"]
    heard.clear()
    draft.use_settings(_record(catalog, "flux-pro-1.1-ultra", {"seed": 9}))
    assert sorted(heard) == ["inputs", "model", "params", "prompt", "seed"]
    unsubscribe()
    draft.set_prompt("quiet")
    assert len(heard) == 5


# ---- operations ----------------------------------------------------------------------------------


def test_use_settings_round_trips_every_parameter(catalog) -> None:
    cases = {
        "flux-dev": {"width": 640, "height": 1088, "steps": 17, "guidance": 3.7, "seed": 123456,
                     "safety_tolerance": 5, "output_format": "png", "prompt_upsampling": True,
                     "image_prompt": PNG_B64},
        "flux-pro-1.1-ultra": {"aspect_ratio": "7:5", "raw": True, "seed": 9,
                               "image_prompt": "https://example.com/ref.png"},
        "flux-kontext-max": {"seed": 77, "input_image": PNG_B64},
        "flux-2-flex": {"width": 1536, "height": 1024, "seed": 1, "input_image_3": PNG_B64},
        "flux-pro-1.0-fill": {"image": PNG_B64, "mask": PNG_B64, "seed": 4},
    }
    for model, params in cases.items():
        record = _record(catalog, model, params)
        draft = _draft(catalog, "flux-pro-1.1")
        draft.set_batch(3)
        assert draft.use_settings(record)
        assert draft.seed_mode is SeedMode.LOCKED and draft.seed == params["seed"]
        requests = draft.requests()
        assert requests[0] == record.request, model
        assert [r.seed for r in requests] == [params["seed"] + i for i in range(3)]


def test_variations_are_new_consecutive_seeds_and_leave_the_draft(catalog) -> None:
    draft = _draft(catalog, "flux-pro-1.1", prompt="mine", rng=random.Random(3))
    draft.set_batch(3)
    record = _record(catalog, "flux-dev", {"seed": 5, "steps": 9, "width": 256, "height": 256})
    requests = draft.variations(record)
    seeds = [r.seed for r in requests]
    assert len(requests) == 3 and seeds == batch_seeds(seeds[0], 3, SEED_MAX)
    assert all(r.replace(seed=5) == record.request for r in requests)
    assert draft.model == "flux-pro-1.1" and draft.prompt == "mine"
    assert len(draft.variations(record, 2)) == 2


def test_recalled_settings_go_through_the_draft(catalog) -> None:
    draft = _draft(catalog, "flux-pro-1.1")
    recalled = RecalledSettings(model="flux-dev", prompt="a heron", params={"steps": 12, "seed": 77},
                                source="fluxdesk")
    text = draft.use_recalled(recalled, "heron.png")
    assert text == "Settings recalled from heron.png."
    assert draft.model == "flux-dev" and draft.params["steps"] == 12 and draft.seed == 77
    a1111 = RecalledSettings(model=None, prompt="a castle", params={"seed": 1234, "width": 512, "cfg": 3},
                             source="a1111")
    text = draft.use_recalled(a1111, "castle.png")
    assert "no known model, kept flux-dev" in text
    assert draft.prompt == "a castle" and draft.seed == 1234 and draft.params["width"] == 512
    assert draft.use_recalled(RecalledSettings(), "plain.png") == "plain.png carries no generation settings."


# ---- images ------------------------------------------------------------------------------------


def test_inputs_map_to_each_models_image_parameters(catalog) -> None:
    kontext = ("input_image", "input_image_2", "input_image_3", "input_image_4")
    assert input_params(catalog.get("flux-kontext-pro")) == kontext
    refs = ("input_image", *(f"input_image_{i}" for i in range(2, 9)))
    assert input_params(catalog.get("flux-2-pro")) == refs
    assert input_params(catalog.get("flux-pro-1.0-fill")) == ("image",)
    assert input_params(catalog.get("flux-pro-1.1-ultra")) == ("image_prompt",)
    assert input_params(catalog.get("flux-pro-1.0-canny")) == ("control_image",)
    assert slot_of(catalog.get("flux-pro-1.0-fill"), "mask") == "mask"
    draft = _draft(catalog, "flux-2-pro")
    draft.set_input(0, ImageSource.inline(PNG_B64))
    draft.set_input(2, ImageSource.url("https://example.com/c.png"))
    load_all(draft)
    params = draft.requests()[0].params
    assert params["input_image"] == PNG_B64 and params["input_image_3"] == "https://example.com/c.png"
    assert "input_image_2" not in params
    draft.set_model("flux-pro-1.1-ultra")  # one slot: the first input goes, the others wait
    params = draft.requests()[0].params
    assert params["image_prompt"] == PNG_B64 and "input_image_3" not in params
    draft.set_model("flux-pro-1.0-fill")
    draft.set_mask(ImageSource.inline(PNG_B64))
    load_all(draft)
    assert set(draft.requests()[0].params) >= {"image", "mask"}
    draft.set_model("flux-2-pro")
    assert draft.requests()[0].params["input_image_3"] == "https://example.com/c.png"


def test_parents_are_the_library_inputs_in_order(catalog) -> None:
    draft = _draft(catalog, "flux-2-pro")
    draft.set_input(0, ImageSource.library("bbb"))
    draft.set_input(1, ImageSource.url("https://example.com/x.png"))
    draft.set_input(2, ImageSource.library("aaa"))
    assert draft.parents() == ["bbb", "aaa"]
    draft.set_model("flux-pro-1.1-ultra")
    assert draft.parents() == ["bbb"]  # only what this model is sent (one image prompt)


def test_an_image_still_loading_is_said_in_one_sentence(catalog, tmp_path) -> None:
    draft = _draft(catalog, "flux-kontext-pro")
    draft.set_input(0, ImageSource.file(_png(tmp_path / "in.png")))
    assert draft.loading
    assert draft.errors() == []  # waiting is not wrong
    with pytest.raises(InvalidRequest) as info:
        draft.requests()
    assert [str(e.message) for e in info.value.errors] == ["Wait until the image is read."]
    assert load_all(draft) == []
    item = draft.inputs[0]
    assert item is not None and item.size == (40, 30) and item.loaded and item.loaded.preview
    assert not draft.loading and draft.requests()[0].params["input_image"] == item.data


def test_a_required_image_being_read_is_not_also_missing(catalog, tmp_path) -> None:
    draft = _draft(catalog, "flux-pro-1.0-fill")
    assert [e.field for e in draft.errors()] == ["image"]
    draft.set_image("image", ImageSource.file(tmp_path / "nope.png"))
    assert draft.errors() == []
    load_all(draft)
    (error,) = draft.errors()
    assert error.field == "image" and error.message.startswith("Image: cannot read ")


def test_a_load_for_a_replaced_image_is_ignored(catalog, tmp_path) -> None:
    draft = _draft(catalog, "flux-kontext-pro")
    draft.set_input(0, ImageSource.file(_png(tmp_path / "a.png", (10, 10))))
    ((old_token, _),) = draft.pending_loads()
    draft.set_input(0, ImageSource.file(_png(tmp_path / "b.png", (20, 20))))
    from fluxdesk.draft import load_image

    draft.finish_load(old_token, load_image(ImageSource.file(tmp_path / "a.png")))
    assert draft.loading
    load_all(draft)
    assert draft.inputs[0] is not None and draft.inputs[0].size == (20, 20)


def test_load_pending_reads_in_threads_and_resolves_library_images(catalog, tmp_path) -> None:
    path = _png(tmp_path / "lib.png", (8, 6))
    draft = _draft(catalog, "flux-2-pro")
    draft.set_input(0, ImageSource.library("rec1"))
    draft.set_input(1, ImageSource.library("gone"))

    async def resolve(record_id: str) -> Path | None:
        return path if record_id == "rec1" else None

    notes = asyncio.run(load_pending(draft, resolve))
    assert notes == []
    assert draft.inputs[0] is not None and draft.inputs[0].size == (8, 6)
    assert draft.inputs[1] is not None and "no file" in str(draft.inputs[1].error)


# ---- saving ----------------------------------------------------------------------------------------


def test_to_dict_from_dict_round_trip(catalog, tmp_path) -> None:
    draft = _draft(catalog, "flux-dev", prompt="a lighthouse")
    draft.set_params({"steps": 20, "width": 512})
    draft.set_model("flux-2-pro")
    draft.set_batch(4)
    draft.lock_seed(99)
    draft.set_input(0, ImageSource.file(_png(tmp_path / "ref.png")), label="ref")
    draft.set_input(1, ImageSource.inline(PNG_B64))
    draft.set_webhook("https://example.com/hook", "s3cret")
    data = draft.to_dict()
    text = json.dumps(data)
    assert PNG_B64 not in text and "s3cret" not in text  # no image data, no secret
    notes: list[str] = []
    again = Draft.from_dict(catalog, json.loads(text), notes)
    assert again.model == "flux-2-pro" and again.prompt == "a lighthouse" and again.batch == 4
    assert again.seed_mode is SeedMode.LOCKED and again.seed == 99
    assert again.params["width"] == 512 and again.webhook_url == "https://example.com/hook"
    again.set_model("flux-dev")
    assert again.params["steps"] == 20  # remembered across models, across sessions
    assert len(notes) == 1 and "not kept between sessions" in notes[0]
    assert again.inputs[0] is not None and again.inputs[0].label == "ref"
    assert again.loading  # read again by the front
    assert load_all(again) == []
    assert again.inputs[0] is not None and again.inputs[0].size == (40, 30)


def test_a_restored_image_that_is_gone_is_dropped_with_a_sentence(catalog, tmp_path) -> None:
    draft = _draft(catalog, "flux-kontext-pro")
    draft.set_input(0, ImageSource.file(tmp_path / "was-here.png"))
    again = Draft.from_dict(catalog, draft.to_dict())
    (note,) = load_all(again)
    assert "was-here.png" in note and again.inputs == ()


def test_bad_saved_drafts_start_afresh_with_a_sentence(catalog, tmp_path) -> None:
    notes: list[str] = []
    fresh = Draft.from_dict(catalog, {"version": 99}, notes, model="flux-dev")
    assert fresh.model == "flux-dev" and "another version" in notes[0]
    notes.clear()
    fresh = Draft.from_dict(catalog, {"version": 1, "model": "flux-9", "batch": "x"}, notes, model="flux-dev")
    assert fresh.model == "flux-dev" and notes
    path = tmp_path / "cfg" / "draft.json"
    assert read_draft_file(path) is None
    write_draft_file(path, _draft(catalog).to_dict())
    assert Draft.from_dict(catalog, read_draft_file(path) or {}).prompt == "a fox"
    path.write_text("{not json")
    assert read_draft_file(path) is None


def test_the_draft_imports_no_qt() -> None:
    code = ("import sys, fluxdesk.draft, fluxdesk.draft.loader; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync', 'fluxdesk.engine')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
