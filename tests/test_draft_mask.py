"""The Qt-free canvas model: dab spacing, the undo history, the mask's PNG, and both entry points."""

from __future__ import annotations

import base64
import io
import itertools
import math

import pytest
from PIL import Image
from sim_helpers import png_b64

from fluxdesk.api.errors import InvalidRequest
from fluxdesk.draft import Draft, ImageSource, load_all
from fluxdesk.draft.expand import (
    ExpandError,
    ExpandSides,
    SideLimits,
    apply_expand,
    sides_of,
    size_text,
)
from fluxdesk.draft.mask import (
    EMPTY_MASK,
    Clear,
    DabTrail,
    EditHistory,
    Invert,
    MaskError,
    Stroke,
    Tool,
    apply_mask,
    clamp_brush,
    dab_spacing,
    encode_mask,
    read_mask,
)

FILL = "flux-pro-1.0-fill"
EXPAND = "flux-pro-1.0-expand"


def gray(width: int, height: int, white: tuple[int, int, int, int] | None = None, stride: int = 0) -> bytes:
    """8-bit rows `stride` bytes apart (padding 0xEE, which must never count), white inside `white`."""
    stride = stride or width
    rows = bytearray(b"\xee" * (stride * height))
    for y in range(height):
        for x in range(width):
            inside = white is not None and white[0] <= x < white[2] and white[1] <= y < white[3]
            rows[y * stride + x] = 255 if inside else 0
    return bytes(rows)


# ---- dabs ---------------------------------------------------------------------------------------------


def test_dabs_are_evenly_spaced_across_segments_and_a_replay_matches_the_live_stroke() -> None:
    points = [(0.0, 0.0), (3.0, 0.0), (7.0, 0.0), (7.0, 0.0), (18.0, 0.0), (30.0, 0.0)]
    trail = DabTrail(5.0)
    live = trail.start(points[0])
    for point in points[1:]:  # segments shorter and longer than the spacing, and one of no length
        live += trail.extend(point)
    assert [round(x, 9) for x, _ in live] == [0, 5, 10, 15, 20, 25, 30]
    stroke = Stroke(tuple(points), size=50, hardness=1.0)
    assert dab_spacing(50) == 5.0
    assert stroke.dabs() == live


def test_dabs_along_a_bent_path_keep_the_spacing() -> None:
    stroke = Stroke(((0.0, 0.0), (40.0, 30.0), (40.0, 90.0)), size=30, hardness=1.0)
    dabs = stroke.dabs()
    gaps = [math.dist(a, b) for a, b in itertools.pairwise(dabs)]
    assert len(dabs) > 30
    # straight runs keep the spacing exactly; the one dab pair across the bend cuts its corner
    assert sum(1 for g in gaps if g == pytest.approx(3.0)) >= len(gaps) - 1
    assert all(g <= 3.0 + 1e-9 for g in gaps)


def test_a_tiny_brush_still_dabs_every_pixel_and_sizes_are_clamped() -> None:
    assert dab_spacing(0.5) == 1.0
    assert clamp_brush(0.2) == 1 and clamp_brush(5000) == 1024 and clamp_brush(63.6) == 64
    assert Stroke(((5.0, 5.0),), 10, 1.0).bounds() == (-1, -1, 11, 11)


# ---- the history --------------------------------------------------------------------------------------


def test_undo_and_redo_move_one_entry_each_and_a_new_edit_forgets_the_redo() -> None:
    history: EditHistory[str] = EditHistory()
    a, b = Stroke(((1.0, 1.0),), 4, 1.0), Stroke(((2.0, 2.0),), 4, 0.5, Tool.ERASER)
    history.record(a, "pa", 10)
    history.record(b, "pb", 20)
    history.record(Invert(), "", 0)
    assert history.edits == [a, b, Invert()] and history.bytes == 30
    undone = history.undo()
    assert undone is not None and undone.edit == Invert()
    undone = history.undo()
    assert undone is not None and (undone.edit, undone.patch) == (b, "pb")
    assert history.can_redo and history.edits == [a]
    redone = history.redo()
    assert redone is not None and redone.patch == "pb" and history.edits == [a, b]
    history.record(Clear(), "pc", 5)
    assert not history.can_redo and history.redo() is None
    assert history.edits == [a, b, Clear()] and history.bytes == 35


def test_the_history_drops_its_oldest_entries_past_its_limits() -> None:
    history: EditHistory[int] = EditHistory(max_steps=3, max_bytes=100)
    strokes = [Stroke(((float(i), 0.0),), 4, 1.0) for i in range(5)]
    for i, stroke in enumerate(strokes):
        history.record(stroke, i, 10)
    assert history.edits == strokes[2:]
    history.record(Clear(), 99, 90)  # 10 + 10 + 90 > 100: the oldest go
    assert history.edits == [strokes[4], Clear()] and history.bytes == 100
    history.record(Clear(), 100, 500)  # over the budget alone: kept, since its undo is the one wanted
    assert history.edits == [Clear()] and history.bytes == 500
    while history.undo() is not None:
        pass
    assert not history.can_undo and history.can_redo


# ---- the PNG ------------------------------------------------------------------------------------------


def test_the_mask_png_is_gray_at_its_size_and_knows_what_is_painted() -> None:
    painted = encode_mask(gray(5, 4, (1, 1, 3, 4), stride=8), 5, 4, 8)
    with Image.open(io.BytesIO(painted.png)) as image:
        assert image.format == "PNG" and image.mode == "L" and image.size == (5, 4)
        assert [image.getpixel((x, 2)) for x in range(5)] == [0, 255, 255, 0, 0]  # no padding read
    assert painted.size == (5, 4) and painted.painted == (1, 1, 3, 4) and not painted.empty
    assert base64.b64decode(painted.base64()) == painted.png
    empty = encode_mask(gray(5, 4, stride=8), 5, 4, 8)
    assert empty.empty and empty.painted is None
    assert read_mask(painted.png).painted == (1, 1, 3, 4)
    with pytest.raises(MaskError, match="not an image"):
        read_mask(b"not a png")


# ---- into a draft -------------------------------------------------------------------------------------


def fill_draft(catalog: object, size: tuple[int, int] = (64, 48)) -> Draft:
    draft = Draft(catalog, FILL)  # type: ignore[arg-type]
    draft.set_prompt("a window")
    draft.set_input(0, ImageSource.inline(png_b64(size)))
    load_all(draft)  # the image's size is known, as the window's loader would make it
    return draft


def test_a_painted_mask_goes_into_a_fill_draft_and_makes_a_valid_request(catalog: object) -> None:
    draft = fill_draft(catalog)
    mask = encode_mask(gray(64, 48, (10, 5, 30, 20)), 64, 48, 64)
    assert apply_mask(draft, mask) is None
    request = draft.requests()[0]
    assert request.model == FILL
    assert request.params["mask"] == mask.base64()
    assert request.params["image"] == draft.inputs[0].data  # type: ignore[union-attr]
    load_all(draft)  # the mask is described like any image: its size is the image's
    assert draft.mask is not None and draft.mask.size == (64, 48) and draft.mask.label == "painted mask"


def test_an_empty_mask_is_put_in_with_a_sentence_and_png_bytes_are_read(catalog: object) -> None:
    draft = fill_draft(catalog)
    note = apply_mask(draft, encode_mask(gray(64, 48), 64, 48, 64).png)
    assert note == EMPTY_MASK and "nothing" in note
    assert draft.requests()[0].params["mask"]


def test_a_mask_of_another_size_is_refused_and_the_draft_kept(catalog: object) -> None:
    draft = fill_draft(catalog)
    first = encode_mask(gray(64, 48, (0, 0, 4, 4)), 64, 48, 64)
    apply_mask(draft, first)
    with pytest.raises(MaskError, match=r"32 × 32 but the image is 64 × 48"):
        apply_mask(draft, encode_mask(gray(32, 32, (0, 0, 4, 4)), 32, 32, 32))
    assert draft.requests()[0].params["mask"] == first.base64()


# ---- expand -------------------------------------------------------------------------------------------


def test_side_limits_come_from_the_catalogue_and_snap_and_clamp(catalog: object) -> None:
    limits = SideLimits.of(catalog.get(EXPAND))  # type: ignore[attr-defined]
    assert limits == SideLimits(step=8, minimum=0, maximum=2048) == SideLimits.default()
    dragged = (13, 11.9, 12, 3.9, 4, -5, 2045, 5000)
    assert [limits.snap(v) for v in dragged] == [16, 8, 16, 0, 8, 0, 2048, 2048]  # halves go up
    assert limits.clamped(ExpandSides(-3, 13, 4000, 7)) == ExpandSides(0, 13, 2048, 7)  # typed: kept


def test_the_sides_go_into_an_expand_draft_and_make_a_valid_request(catalog: object) -> None:
    draft = Draft(catalog, EXPAND)  # type: ignore[arg-type]
    draft.set_input(0, ImageSource.inline(png_b64((64, 48))))
    apply_expand(draft, ExpandSides(top=64, right=8, bottom=0, left=4000))
    params = draft.requests()[0].params
    assert (params["top"], params["right"], params["bottom"], params["left"]) == (64, 8, 0, 2048)
    assert sides_of(draft) == ExpandSides(64, 8, 0, 2048)
    apply_expand(draft, ExpandSides())
    with pytest.raises(InvalidRequest):  # an expansion by nothing is the draft's to refuse
        draft.requests()
    assert ExpandSides(1, 2, 3, 4).size_for(100, 50) == (106, 54)
    assert size_text(1536, 1024) == "1536 × 1024 · 1.6 MP"


def test_a_model_that_does_not_expand_is_refused_with_a_sentence(catalog: object) -> None:
    draft = Draft(catalog, FILL)  # type: ignore[arg-type]
    with pytest.raises(ExpandError, match=r"does not expand images; choose FLUX\.1 Expand"):
        apply_expand(draft, ExpandSides(top=8))
    assert sides_of(draft) == ExpandSides()
    assert "top" not in draft.params
