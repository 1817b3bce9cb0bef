"""The details panel: every parameter in catalogue order with labels, and its buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from test_ui_gallery_support import record

from fluxdesk.api.catalog import Catalog
from fluxdesk.ui.details.panel import DetailsPanel
from fluxdesk.ui.details.values import format_duration


def form_rows(panel: DetailsPanel) -> list[tuple[str, str]]:
    rows = []
    for row in range(panel.form.rowCount()):
        label = panel.form.itemAt(row, panel.form.ItemRole.LabelRole)
        field = panel.form.itemAt(row, panel.form.ItemRole.FieldRole)
        if label is None or field is None or field.widget() is None:
            continue
        text = label.widget().text() if isinstance(label.widget(), QLabel) else ""
        value = field.widget().text() if isinstance(field.widget(), QLabel) else ""
        rows.append((text, value))
    return rows


def test_shows_every_parameter_in_catalogue_order(qtbot: Any, catalog: Catalog) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    rec = record(
        "a lighthouse at dusk",
        model="flux-pro",
        seed=777,
        created_at=1_700_000_000.0,
        params={
            "steps": 40,
            "guidance": 2.5,
            "interval": 2.0,
            "image_prompt": "aGVsbG8gd29ybGQ=" * 40,
            "safety_tolerance": 3,
            "prompt_upsampling": True,
            "output_format": "jpeg",
            "width": 1024,
            "height": 768,
        },
    ).evolve(width=1024, height=768, format="jpeg", ready_at=1_700_000_012.5, file="2024/a.jpg")
    panel.show_record(rec)
    spec = catalog.get("flux-pro")
    expected = [p.name for p in spec.params if p.name not in ("prompt", "seed")]
    assert list(panel.param_labels) == expected
    rows = dict(form_rows(panel))
    for p in spec.params:
        if p.name in ("prompt", "seed"):
            continue
        assert p.label in rows, p.label
    assert rows["Image prompt"] == "(image)"
    assert rows["Steps"] == "40"
    assert rows["Guidance"] == "2.5"
    assert rows["Prompt upsampling"] == "Yes"
    assert rows["Prompt"] == "a lighthouse at dusk"
    assert panel.seed.text() == "777"
    assert rows["Size"] == "1024 × 768"
    assert rows["File type"] == "JPEG"
    assert rows["Format"] == "jpeg"  # the parameter: what was asked for
    assert rows["Time taken"] == "12.4 s"
    assert "2024/a.jpg" in rows["File"]
    assert "FLUX.1 [pro]" in rows["Model"]
    assert panel.prompt.textInteractionFlags()  # selectable


def test_the_next_result_of_a_batch_keeps_the_rows_and_shows_its_own_values(
    qtbot: Any, catalog: Catalog
) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    first = record("a harbor", model="flux-dev", params={"width": 1024, "height": 768, "steps": 28})
    panel.show_record(first)
    labels = dict(panel.param_labels)
    second = record("a harbor", model="flux-dev", params={"width": 1024, "height": 768, "steps": 40})
    panel.show_record(second)
    assert panel.param_labels == labels  # the same label widgets, not new ones
    assert dict(form_rows(panel))["Steps"] == "40"
    other = record("a harbor", model="flux-dev", params={"width": 1024, "height": 768})
    panel.show_record(other)  # other rows: built again, none of the last record's left
    assert "steps" not in panel.param_labels and "Steps" not in dict(form_rows(panel))
    assert {"width", "height"} <= set(panel.param_labels)
    panel.show_record(None)
    assert panel.param_labels == {}
    panel.show_record(second)
    assert dict(form_rows(panel))["Steps"] == "40" and panel.prompt.isVisibleTo(panel)


def test_following_the_gallery_shows_the_latest_record_on_the_next_turn(
    qtbot: Any, catalog: Catalog, monkeypatch: Any
) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    shown: list[Any] = []
    show = panel.show_record
    monkeypatch.setattr(panel, "show_record", lambda r: (shown.append(r), show(r)))
    first, second = record("a harbor"), record("a lighthouse")
    panel.follow(first)
    panel.follow(second)
    assert panel.record is None and shown == []  # the gallery's own change is painted first
    qtbot.waitUntil(lambda: panel.record is second)
    assert shown == [second]  # once, the latest: the first was never laid out
    assert panel.prompt.text() == "a lighthouse"


def test_a_record_shown_at_once_is_not_replaced_by_an_older_follow(qtbot: Any, catalog: Catalog) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    followed, chosen = record("a harbor"), record("a lighthouse")
    panel.follow(followed)
    panel.show_record(chosen)
    qtbot.waitUntil(lambda: not panel._follow_timer.isActive())
    assert panel.record is chosen


def test_unknown_params_are_still_shown(qtbot: Any, catalog: Catalog) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    panel.show_record(record("x", model="flux-dev", params={"mystery_knob": 5}))
    assert "mystery_knob" in panel.param_labels
    assert panel.param_labels["mystery_knob"].text() == "5"
    panel.show_record(record("y", model="flux-dev"))
    assert "mystery_knob" not in panel.param_labels  # rows of the last record are gone


def test_buttons_emit_the_record(qtbot: Any, catalog: Catalog) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    rec = record("a kite", model="flux-dev", seed=99)
    panel.show_record(rec)
    with qtbot.waitSignal(panel.useSettingsRequested) as use:
        panel.use_button.click()
    assert use.args == [rec]
    with qtbot.waitSignal(panel.variationsRequested) as vary:
        panel.variations_button.click()
    assert vary.args == [rec]
    with qtbot.waitSignal(panel.exportRequested) as export:
        panel.export_button.click()
    assert export.args == [[rec]]
    panel.copy_seed.click()
    assert QGuiApplication.clipboard().text() == "99"


def test_nothing_selected(qtbot: Any, catalog: Catalog) -> None:
    panel = DetailsPanel(catalog=catalog)
    qtbot.addWidget(panel)
    panel.show_record(record("a kite", model="flux-dev"))
    panel.show_record(None)
    assert panel.record is None
    assert not panel.use_button.isEnabled()
    assert not panel.variations_button.isEnabled()
    assert not panel.export_button.isEnabled()
    assert panel.param_labels == {}
    with qtbot.assertNotEmitted(panel.useSettingsRequested):
        panel.use_button.click()


def test_default_catalogue_and_path_of(qtbot: Any, tmp_path: Any) -> None:
    panel = DetailsPanel(path_of=lambda r: tmp_path / "images" / (r.file or "none"))
    qtbot.addWidget(panel)
    panel.show_record(record("a kite", model="flux-pro-1.1").evolve(file="k.png"))
    assert panel.file.text() == str(tmp_path / "images" / "k.png")
    assert format_duration(None) == "—"
    assert format_duration(75) == "1 min 15 s"


def test_details_panel_keeps_qwidget_size(qtbot) -> None:
    """A child named `size` once shadowed QWidget.size(), so the panel could not be measured."""
    from PySide6.QtCore import QSize

    from fluxdesk.ui.details.panel import DetailsPanel

    panel = DetailsPanel()
    qtbot.addWidget(panel)
    assert isinstance(panel.size(), QSize)
