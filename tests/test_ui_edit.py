"""Editing in the real window against the simulator: E in the gallery, the viewer's and the details'
Edit… buttons, the input's bytes on the wire, the result selected and shown large beside its parent,
the queue opening a result, and "Use these settings" saying the seed is locked."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_edit_helpers import file_bytes, jobs_done, last_body, make_image, wait_result
from ui_window_helpers import run, submits

from fluxdesk.draft import ImageSource, SeedMode
from fluxdesk.draft.edit import CHANGE_PLACEHOLDER
from fluxdesk.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _edit_from(window: Any, qtbot: Any, where: str) -> None:
    if where == "gallery":
        window.gallery.view.setFocus()
        qtbot.keyClick(window.gallery.view, Qt.Key.Key_E)
    elif where == "details":
        assert window.details.edit_button.isEnabled()
        qtbot.mouseClick(window.details.edit_button, Qt.MouseButton.LeftButton)
    elif where == "viewer":
        viewer = window.gallery.open_viewer()
        assert viewer is not None and viewer.edit_button.isVisible()
        qtbot.mouseClick(viewer.edit_button, Qt.MouseButton.LeftButton)
        viewer.close()
    else:
        qtbot.mouseClick(window.stage.edit_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("where", ["gallery", "details", "viewer", "large view"])
def test_edit_makes_the_selected_image_the_input_and_sends_its_bytes(
    window: Any, qtbot: Any, qloop: Any, sim: Any, where: str
) -> None:
    record = make_image(window, qtbot, qloop)
    qtbot.waitUntil(lambda: window.details.record is not None and window.details.record.id == record.id)
    window.prompt.edit.setFocus()
    _edit_from(window, qtbot, where)

    draft = window.draft
    assert draft.model == "flux-2-pro"  # the default edit model
    first = draft.inputs[0]
    assert first is not None and first.source == ImageSource.library(record.id) and len(draft.inputs) == 1
    # the prompt is emptied and asks for the change; the old one is one click away in Recent
    assert draft.prompt == "" and window.prompt.text() == ""
    assert window.prompt.edit.placeholderText().startswith(CHANGE_PLACEHOLDER)
    assert window.prompt.recent[0] == "a lighthouse on a cliff"
    qtbot.waitUntil(window.prompt.edit.hasFocus, timeout=3000)
    # the input is in the strip and shown large; the size is left to it
    strip = window.params.strip
    assert strip is not None and len(strip.tiles) == 1
    assert window.params.size_field.matching
    assert window.stage.records[0].id == record.id
    qtbot.waitUntil(lambda: not draft.loading, timeout=5000)

    qtbot.keyClicks(window.prompt.edit, "make the sky stormy")
    qtbot.keyClick(window.prompt.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = wait_result(window, qtbot, qloop, 2)
    body = last_body(sim)
    assert body["prompt"] == "make the sky stormy"
    assert base64.b64decode(body["input_image"]) == file_bytes(window, record)
    assert "width" not in body and "height" not in body  # FLUX.2 keeps the input's size
    assert (result.width, result.height) == (512, 384)
    # the edit shown large, beside the image it was made from
    assert [r.id for r in window.stage.records] == [result.id, record.id]
    assert window.stage.holders[1].isVisible()
    qtbot.waitUntil(window.stage.is_loaded, timeout=10_000)
    assert all(v.image is not None for v in window.stage.views)
    assert "Made from" in window.stage.captions[1].text()


def test_the_gallery_menu_offers_edit_and_the_last_edit_model_is_used_again(
    window: Any, qtbot: Any, qloop: Any
) -> None:
    record = make_image(window, qtbot, qloop)
    menu = window.gallery.build_context_menu()
    edit = next(a for a in menu.actions() if a.objectName() == "edit")
    assert edit.isEnabled() and edit.text().startswith("Edit…")
    edit.trigger()
    assert window.draft.model == "flux-2-pro"
    window.model_picker.set_model("flux-kontext-pro")  # the edit sent with Kontext...
    window.draft.set_prompt("make it night")
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    assert len(window.generate()) == 1
    settings = window.runtime.settings
    assert settings.prefs.edit_model == "flux-kontext-pro"
    qtbot.waitUntil(lambda: Settings.load().prefs.edit_model == "flux-kontext-pro", timeout=5000)
    qtbot.waitUntil(lambda: jobs_done(window, 2), timeout=20_000)
    window.draft.set_prompt("a stale prompt")
    window.gallery.select_record(record.id)
    window.gallery.view.setFocus()
    qtbot.keyClick(window.gallery.view, Qt.Key.Key_E)
    assert window.draft.model == "flux-kontext-pro"  # ...makes Kontext the next edit's model
    assert window.draft.params["aspect_ratio"] is None  # Kontext keeps the input's aspect
    assert window.prompt.recent[0] == "a stale prompt"


def test_a_new_result_is_selected_and_shown_large_and_the_queue_opens_one(
    window: Any, qtbot: Any, qloop: Any
) -> None:
    first = make_image(window, qtbot, qloop, prompt="a red door")
    window.draft.set_prompt("a blue door")
    window.generate()
    second = wait_result(window, qtbot, qloop, 2)  # selected and large without a click
    assert second.id != first.id and window.stage.records == [second]
    assert not window.stage.holders[1].isVisible()  # no parent: one image
    # Enter (or a double-click) on a queue row shows its image
    row = next(i for i, j in enumerate(window.queue.model.jobs) if j.id == first.id)
    window.queue.view.setCurrentIndex(window.queue.model.index(row, 1))
    window.queue.view.setFocus()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.gallery.current_record() is not None
                    and window.gallery.current_record().id == first.id, timeout=5000)
    assert window.stage.records[0].id == first.id
    # browsing while a batch runs stops the following: its result does not take the selection away
    window.draft.set_prompt("a green door")
    window.generate()
    window.gallery.select_record(second.id)  # the user picks an image meanwhile
    qtbot.waitUntil(lambda: jobs_done(window, 3), timeout=20_000)
    qtbot.waitUntil(lambda: window.gallery.model.rowCount() == 3, timeout=10_000)
    assert window.gallery.current_record().id == second.id


def test_use_these_settings_says_the_seed_is_locked_and_random_is_one_click(
    window: Any, qtbot: Any, qloop: Any, sim: Any
) -> None:
    record = make_image(window, qtbot, qloop)
    field = window.params.seed_field
    assert not field.locked_row.isVisible()
    window.use_settings(record)
    field = window.params.seed_field
    assert window.draft.seed_mode is SeedMode.LOCKED
    qtbot.waitUntil(field.locked_row.isVisible, timeout=2000)
    assert field.locked_note.text() == f"Locked to {record.seed} —"
    assert field.unlock_button.text() == "Random"
    qtbot.mouseClick(field.unlock_button, Qt.MouseButton.LeftButton)
    assert window.draft.seed_mode is SeedMode.RANDOM and window.draft.seed is None
    assert not field.locked_row.isVisible() and field.edit.text() == ""
    window.generate()
    qtbot.waitUntil(lambda: jobs_done(window, 2), timeout=20_000)
    assert len(submits(sim)) == 2
    new = run(qloop, qtbot, window.runtime.library.get(window.queue.model.jobs[0].id))
    assert new is not None and new.seed != record.seed


def test_an_edits_parents_are_recorded_a_file_reference_imported_first(
    window: Any, qtbot: Any, qloop: Any, sim: Any, tmp_path: Any
) -> None:
    from ui_edit_helpers import png_file

    from fluxdesk.draft import SourceKind

    record = make_image(window, qtbot, qloop)
    window.gallery.edit_current()
    window.draft.set_prompt("make it night")
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    (job,) = window.generate()  # library inputs only: sent at once
    edit = wait_result(window, qtbot, qloop, 2)
    assert edit.id == job.id and edit.parents == (record.id,)
    assert [r.id for r in window.stage.records] == [edit.id, record.id]
    # a file reference is imported into the library first, then the batch goes with both parents
    window.gallery.select_record(record.id)
    window.gallery.edit_current()
    window.draft.add_input(ImageSource.file(png_file(tmp_path / "logo.png", (96, 96))))
    window.draft.set_prompt("add the logo from image 2")
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    assert window.generate() == []
    second = wait_result(window, qtbot, qloop, 3)
    imported = window.draft.inputs[1]
    assert imported is not None and imported.source.kind is SourceKind.LIBRARY
    assert second.parents == (record.id, imported.source.value)
    assert window.stage.records[1].id == record.id
    qtbot.waitUntil(lambda: len(submits(sim)) == 3, timeout=5000)


def test_results_arriving_together_are_decoded_once_each_at_most_and_the_last_wins(
    window: Any, qtbot: Any, qloop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fluxdesk.ui.stage import pane

    records = [make_image(window, qtbot, qloop, prompt=f"a boat, take {i}") for i in range(3)]
    qtbot.waitUntil(window.stage.is_loaded, timeout=10_000)
    decoded: list[str] = []
    real = pane.load_full_image

    def counting(path: Any) -> Any:
        decoded.append(path.name)
        return real(path)

    monkeypatch.setattr(pane, "load_full_image", counting)
    stage = window.stage
    for record in records[:2]:  # as a burst of results would (the last of the three is shown)
        stage.show_record(record)
    qtbot.waitUntil(stage.is_loaded, timeout=10_000)
    assert stage.records == [records[1]]
    assert decoded == [window.runtime.library.path_of(records[1]).name]  # the newest only, once
    assert stage.views[0].image is not None
    # a batch of four follows its newest result, selected and large once they are all in
    window.draft.set_prompt("four boats")
    window.draft.set_batch(4)
    jobs = window.generate()
    assert len(jobs) == 4
    qtbot.waitUntil(lambda: jobs_done(window, 7), timeout=20_000)
    qtbot.waitUntil(lambda: window.stage.records and window.stage.records[0].id in {j.id for j in jobs}
                    and window.gallery.current_record().id == window.stage.records[0].id, timeout=10_000)
