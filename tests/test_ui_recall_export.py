"""Export from the window and recall of settings from an image file (issue 5, the window's side)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from ui_window_helpers import run

from fluxdesk.api.request import build_request
from fluxdesk.library.recall import read_metadata
from fluxdesk.library.records import JobState

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _make_one(window, qloop, qtbot, catalog, **params):
    request = build_request(
        catalog,
        "flux-dev",
        "a heron in the reeds",
        {"seed": 77, "width": 256, "height": 256, "steps": 12, "guidance": 4.5, **params},
    )
    job = run(qloop, qtbot, window.runtime.engine.generate(request), timeout=20_000)
    assert job.state is JobState.DONE, job.error
    return job


def test_export_from_the_window_writes_webp_with_parameters(window, qtbot, qloop, catalog, tmp_path) -> None:
    job = _make_one(window, qloop, qtbot, catalog)
    window.export_records([job.record])
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format.setCurrentIndex(dialog.format.findData("webp"))
    finished: list = []
    dialog.export_finished.connect(finished.append)
    dialog.start()
    qtbot.waitUntil(lambda: bool(finished), timeout=15_000)
    (written,) = list((tmp_path / "out").glob("*.webp"))
    recalled = read_metadata(written, catalog=catalog)
    assert recalled.model == "flux-dev" and recalled.prompt == "a heron in the reeds"
    assert recalled.params["seed"] == 77 and recalled.params["steps"] == 12
    assert "Exported 1 of 1" in window.statusBar().currentMessage()


def test_recall_from_an_exported_file_fills_the_editor(window, qtbot, qloop, catalog, tmp_path) -> None:
    job = _make_one(window, qloop, qtbot, catalog)
    source = window.runtime.library.path_of(job.record)
    from fluxdesk.library.export import ExportOptions, export_records

    result = export_records(
        [job.record], window.runtime.library.images_dir, ExportOptions(to=tmp_path, format="png")
    )
    (exported,) = [w.path for w in result.written]
    assert source is not None
    window.model_picker.set_model("flux-pro-1.1")
    window.prompt.set_text("something else")
    window.recall_from(Path(exported))
    qtbot.waitUntil(lambda: window.prompt.text() == "a heron in the reeds", timeout=10_000)
    assert window.model_picker.model == "flux-dev"
    values = {**window.draft.values(), "seed": window.draft.seed}
    assert values["steps"] == 12 and values["guidance"] == 4.5 and values["seed"] == 77
    assert "Settings recalled from" in window.statusBar().currentMessage()


def test_dropping_an_a1111_png_fills_what_it_can_and_says_what_it_skipped(window, qtbot, tmp_path) -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text(
        "parameters",
        "a castle on a hill\nNegative prompt: blurry\nSteps: 20, CFG scale: 3.5, "
        "Seed: 1234, Size: 512x512, Sampler: Euler a",
    )
    path = tmp_path / "a1111.png"
    Image.new("RGB", (16, 16)).save(path, pnginfo=info)
    window.model_picker.set_model("flux-dev")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.prompt.text() == "a castle on a hill", timeout=10_000)
    values = {**window.draft.values(), "seed": window.draft.seed}
    assert values["seed"] == 1234 and values["steps"] == 20
    assert "Skipped" in window.statusBar().currentMessage()


def test_a_file_without_settings_says_so(window, qtbot, tmp_path) -> None:
    path = tmp_path / "plain.png"
    Image.new("RGB", (16, 16)).save(path)
    window.prompt.set_text("keep me")
    window.recall_from(path)
    qtbot.waitUntil(
        lambda: "carries no generation settings" in window.statusBar().currentMessage(), timeout=10_000
    )
    assert window.prompt.text() == "keep me"
