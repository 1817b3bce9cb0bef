"""The parameter panel's pure helpers, and its image field: a view of the draft, read off the GUI thread."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.request import check_fields
from fluxdesk.draft import Draft
from fluxdesk.ui.compose.input_loader import InputLoader
from fluxdesk.ui.compose.param_panel import ParamPanel
from fluxdesk.ui.compose.sizing import fit_aspect, matching_preset, snap
from fluxdesk.ui.tasks import TaskRegistry


def test_snap_stays_a_multiple_within_range() -> None:
    assert snap(1000, 32, 256, 1440) == 992
    assert snap(10, 32, 256, 1440) == 256
    assert snap(5000, 32, 256, 1440) == 1440


@pytest.mark.parametrize("preset", ["1:1", "4:3", "3:2", "16:9", "21:9", "3:4", "2:3", "9:16"])
@pytest.mark.parametrize("model", ["flux-pro-1.1", "flux-2-pro"])
def test_every_preset_gives_a_valid_size(preset: str, model: str) -> None:
    catalog = default_catalog()
    spec = catalog.get(model)
    w, h = (int(x) for x in preset.split(":"))
    width, height = fit_aspect((w, h), 4096, spec.param("width"), spec.param("height"), spec.max_megapixels)
    assert check_fields(catalog, model, "x", {"width": width, "height": height}) == []
    assert abs(width / height - w / h) < 0.08


def test_matching_preset() -> None:
    assert matching_preset(1024, 576) == "16:9"
    assert matching_preset(1000, 333) == "Custom"


def test_a_dropped_image_is_read_off_thread_and_bad_files_are_marked(qloop, qtbot, tmp_path) -> None:
    tasks = TaskRegistry()
    draft = Draft(default_catalog(), "flux-pro-1.0-fill")
    draft.set_prompt("make it blue")
    panel = ParamPanel(draft)
    qtbot.addWidget(panel)
    notes: list[str] = []
    loader = InputLoader(draft, tasks, notes.append)
    good = tmp_path / "ref.png"
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 200, 30)).save(buf, "PNG")
    good.write_bytes(buf.getvalue())
    field = panel.fields["image"]
    field.load_file(good)
    assert panel.busy and "Reading ref.png" in field.caption.text()
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert field.value() and "300×200" in field.caption.text()
    assert not field.preview.pixmap().isNull()
    assert draft.image("image").data == field.value()
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    field.load_file(bad)
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert field.value() is None
    (error,) = draft.errors()
    assert error.field == "image" and "not an image" in error.message
    panel.show_errors(draft.errors())
    assert "not an image" in panel.error_text("image")
    field.clear()
    assert draft.inputs == () and field.caption.text() == "No image"
    loader.close()
    assert notes == []


def test_switching_model_rebuilds_the_fields_from_the_draft(qtbot) -> None:
    draft = Draft(default_catalog(), "flux-dev")
    panel = ParamPanel(draft)
    qtbot.addWidget(panel)
    panel.fields["steps"].set_value(21)
    assert draft.params["steps"] == 21
    draft.set_model("flux-pro-1.1-ultra")
    assert "steps" not in panel.fields and "aspect_ratio" in panel.fields
    panel.fields["aspect_ratio"].set_value("3:2")
    assert draft.params["aspect_ratio"] == "3:2"
    draft.set_model("flux-dev")
    assert panel.fields["steps"].value() == 21
    panel.size_field.apply_preset("16:9")
    assert draft.params["width"] / draft.params["height"] == pytest.approx(16 / 9, rel=0.08)
    draft.set_batch(5)
    assert panel.batch.value() == 5


def test_a_validation_message_moves_nothing_in_the_form(qtbot) -> None:
    from fluxdesk.api.errors import FieldError

    draft = Draft(default_catalog(), "flux-dev")
    panel = ParamPanel(draft)
    qtbot.addWidget(panel)
    panel.resize(300, panel.sizeHint().height())
    panel.show()
    qtbot.waitExposed(panel)

    def layout() -> tuple[int, list[tuple[str, int, int]]]:
        rows = [(name, w.mapTo(panel, w.rect().topLeft()).y(), w.height())
                for name, w in panel.fields.items()]
        return panel.sizeHint().height(), rows

    before = layout()
    long = ("The width must be a multiple of 16 from 256 to 1440, and this sentence is much longer than "
            "the field is wide.")
    panel.show_errors([FieldError("width", long), FieldError("", "At most 4 images at once.")])
    qtbot.waitUntil(lambda: panel._rows["width"].error.isVisible())
    assert layout() == before
    assert panel.error_text("width") == long  # all of it, though the line shows it cut
    assert panel._rows["width"].error.toolTip() == long
    assert panel.error_text("batch") == "At most 4 images at once."
    panel.show_errors([])
    assert panel.error_text("width") == "" and layout() == before
    # a slider keeps no empty line under it: its widget takes only values that can be sent
    assert not panel._rows["steps"].error.sizePolicy().retainSizeWhenHidden()
