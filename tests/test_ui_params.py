"""The parameter panel's pure helpers and its image field (read off the GUI thread)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.request import check_fields
from fluxdesk.ui.compose.param_fields import fit_aspect, matching_preset, snap
from fluxdesk.ui.compose.param_panel import ParamPanel
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
    panel = ParamPanel(default_catalog(), tasks, "flux-kontext-pro")
    qtbot.addWidget(panel)
    good = tmp_path / "ref.png"
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 200, 30)).save(buf, "PNG")
    good.write_bytes(buf.getvalue())
    field = panel.fields["input_image"]
    field.load_file(good)
    assert panel.busy
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert field.value() and "300×200" in field.caption.text()
    assert not field.preview.pixmap().isNull()
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    field.load_file(bad)
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert field.value() is None
    assert "not an image" in panel.read_errors["input_image"]
    panel.show_errors([])
    assert "not an image" in panel.error_text("input_image")
