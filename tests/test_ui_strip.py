"""The reference strip in the real window: gallery images dropped on it (the gallery's own MIME type),
files and the clipboard, reorder, remove, labels; more images than the model takes and more pixels
than FLUX.2 takes in all are marked and nothing is sent; Batch and Format stay in reach."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget
from ui_edit_helpers import file_bytes, last_body, make_image, png_file
from ui_window_helpers import submits

from fluxdesk.draft import ImageSource, SourceKind
from fluxdesk.ui.mime import RECORD_IDS, record_ids

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def drop(widget: QWidget, mime: QMimeData, pos: QPoint) -> bool:
    """What a drag and drop delivers: an enter, then the drop; True when the drop was taken."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(pos), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def sources(window: Any) -> list[str]:
    return [i.source.value for i in window.draft.inputs if i is not None]


def test_gallery_images_drop_on_the_strip_as_library_images_and_reorder_remove_and_label(
    window: Any, qtbot: Any, qloop: Any, sim: Any
) -> None:
    a = make_image(window, qtbot, qloop, prompt="a red fox", size=(320, 256))
    b = make_image(window, qtbot, qloop, prompt="a green hat", size=(256, 256))
    window.gallery.select_record(a.id)
    window.gallery.edit_current()
    strip = window.params.strip
    assert strip is not None and len(strip.tiles) == 1
    # the gallery's drag carries the files (for other applications) and the library ids (for fluxdesk)
    mime = window.gallery.model.mimeData([window.gallery.model.index(window.gallery.model.row_of(b.id), 0)])
    assert mime.hasUrls() and mime.hasFormat(RECORD_IDS) and record_ids(mime) == [b.id]
    assert drop(strip, mime, strip.rect().center() + QPoint(strip.width() // 2 - 4, 0))
    assert sources(window) == [a.id, b.id]
    assert all(i.source.kind is SourceKind.LIBRARY for i in window.draft.inputs if i)
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    assert len(strip.tiles) == 2 and strip.summary.text() == "2 of 8 images · 0.1 of 9 MP in all"
    # a file dropped at the front goes first
    other = png_file(Path(window.runtime.settings.paths.cache_dir) / "jacket.png", (200, 160))
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(other))])
    first = strip.tiles[0]
    assert drop(strip, files, first.mapTo(strip, QPoint(2, first.height() // 2)))
    assert sources(window) == [str(other), a.id, b.id]
    # a tile dragged behind the last one moves there
    tiles = strip.tiles
    moved = tiles[0].drag_data()
    last = tiles[-1]
    assert drop(strip, moved, last.mapTo(strip, QPoint(last.width() - 2, last.height() // 2)))
    assert sources(window) == [a.id, b.id, str(other)]
    # a label is kept in the draft; × removes an image and the others close up
    label = strip.tiles[1].label_edit
    label.setFocus()
    qtbot.keyClicks(label, "the hat")
    qtbot.keyClick(label, Qt.Key.Key_Return)
    assert window.draft.inputs[1].label == "the hat"
    qtbot.mouseClick(strip.tiles[2].remove_button, Qt.MouseButton.LeftButton)
    assert sources(window) == [a.id, b.id] and len(strip.tiles) == 2
    assert strip.tiles[1].label_edit.text() == "the hat"
    # sent in the strip's order
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    window.draft.set_prompt("put the hat from image 2 on the fox")
    assert len(window.generate()) == 1
    qtbot.waitUntil(lambda: bool(submits(sim)) and len(submits(sim)) == 3, timeout=10_000)
    body = last_body(sim)
    assert base64.b64decode(body["input_image"]) == file_bytes(window, a)
    assert base64.b64decode(body["input_image_2"]) == file_bytes(window, b)
    assert "input_image_3" not in body


def test_more_images_than_klein_takes_are_greyed_marked_and_nothing_is_sent(
    window: Any, qtbot: Any, sim: Any, tmp_path: Path
) -> None:
    window.model_picker.set_model("flux-2-pro")
    window.draft.set_prompt("all of them")
    for i in range(5):
        window.draft.add_input(ImageSource.file(png_file(tmp_path / f"r{i}.png", (64, 64), (i * 40, 10, 10))))
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    strip = window.params.strip
    assert strip is not None and [t.greyed for t in strip.tiles] == [""] * 5
    window.model_picker.set_model("flux-2-klein-4b")
    strip = window.params.strip
    assert strip is not None and len(strip.tiles) == 5
    assert [bool(t.greyed) for t in strip.tiles] == [False] * 4 + [True]
    assert "takes at most 4 images" in window.params.error_text("references")
    assert not strip.add_button.isEnabled() and not strip.drop_place.isVisible()
    assert not window.generate_button.isEnabled()
    assert window.generate() == [] and submits(sim) == [] and not window.runtime.engine.jobs
    # a drop on a full strip adds nothing and says why
    extra = QMimeData()
    extra.setUrls([QUrl.fromLocalFile(str(tmp_path / "r0.png"))])
    assert not drop(strip, extra, strip.rect().center())
    assert len(window.draft.inputs) == 5
    qtbot.mouseClick(strip.tiles[4].remove_button, Qt.MouseButton.LeftButton)
    assert window.params.error_text("references") == ""
    qtbot.waitUntil(window.generate_button.isEnabled, timeout=3000)


def test_flux2_inputs_over_9_mp_in_all_are_marked_inline_and_nothing_is_sent(
    window: Any, qtbot: Any, sim: Any, tmp_path: Path
) -> None:
    window.model_picker.set_model("flux-2-pro")
    window.draft.set_prompt("three big ones")
    for i in range(3):
        window.draft.add_input(ImageSource.file(png_file(tmp_path / f"big{i}.png", (2048, 1536))))
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=10_000)
    strip = window.params.strip
    assert strip is not None and strip.summary.text() == "3 of 8 images · 9.0 of 9 MP in all"
    assert window.params.error_text("references") == ""
    window.draft.add_input(ImageSource.file(png_file(tmp_path / "small.png", (640, 480))))
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=10_000)
    assert "9.3 of 9 MP" in strip.summary.text() and strip.summary.styleSheet()
    assert "at most 9 MP of input images in all" in window.params.error_text("references")
    assert window.generate() == [] and submits(sim) == []


def test_paste_adds_the_clipboard_image_as_a_file_kept_with_the_draft(window: Any, qtbot: Any) -> None:
    window.model_picker.set_model("flux-kontext-pro")
    strip = window.params.strip
    assert strip is not None and strip.summary.text() == "0 of 4 images"
    image = QImage(120, 90, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    qtbot.mouseClick(strip.paste_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.draft.inputs) == 1 and not window.draft.loading, timeout=5000)
    item = window.draft.inputs[0]
    assert item is not None and item.source.kind is SourceKind.FILE and item.size == (120, 90)
    assert Path(item.source.value).parent == Path(window.runtime.settings.paths.cache_dir) / "pasted"
    assert window.draft.to_dict()["inputs"][0]["source"]["kind"] == "file"  # kept between sessions


@pytest.mark.parametrize("size", [None, (1024, 640)], ids=["default size", "1024x640"])
def test_batch_and_format_stay_in_reach_with_references(
    window: Any, qtbot: Any, tmp_path: Path, size: tuple[int, int] | None
) -> None:
    from fluxdesk.ui.window_state import FIRST_WINDOW

    # the window's own size: its first one on a screen big enough for it (the test's screen is smaller)
    width, height = size if size is not None else FIRST_WINDOW.toTuple()
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().toTuple() == (width, height))
    window.model_picker.set_model("flux-2-pro")
    for i in range(3):
        window.draft.add_input(ImageSource.file(png_file(tmp_path / f"r{i}.png", (64, 64))))
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    scroll = window.compose.scroll_area
    viewport = scroll.viewport()

    def shown(widget: QWidget) -> bool:
        top_left = widget.mapTo(viewport, QPoint(0, 0))
        return viewport.rect().contains(top_left) and viewport.rect().contains(
            top_left + QPoint(widget.width() - 1, widget.height() - 1))

    batch, fmt = window.params.batch, window.params.fields["output_format"]
    if size is None:
        assert shown(batch) and shown(fmt)  # no scrolling needed at the window's own size
    else:
        for widget in (batch, fmt):
            scroll.ensureWidgetVisible(widget)
            assert shown(widget)
    slots = [w for w in window.params.findChildren(QWidget) if w.objectName().startswith("param-input_image")]
    assert slots == []  # one strip, no field per slot


def test_a_gallery_image_dropped_on_fills_image_field_is_a_library_image(
    window: Any, qtbot: Any, qloop: Any
) -> None:
    record = make_image(window, qtbot, qloop)
    window.model_picker.set_model("flux-pro-1.0-fill")
    assert window.params.strip is None  # one image: its own field
    field = window.params.fields["image"]
    gallery = window.gallery.model
    mime = gallery.mimeData([gallery.index(gallery.row_of(record.id), 0)])
    assert drop(field, mime, field.rect().center())
    item = window.draft.image("image")
    assert item is not None and item.source == ImageSource.library(record.id)
    qtbot.waitUntil(lambda: not window.draft.loading, timeout=5000)
    assert item.source.kind is SourceKind.LIBRARY and window.draft.image("image").size == (512, 384)
