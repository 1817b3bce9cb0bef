"""Lineage in the window: the details panel's "Made from" and "Edits of this image" (thumbnails off the
GUI thread, a click selecting that image in the gallery, loading its family when it is not shown), the
gallery's family view and its chip, and compare with parent (B)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from test_ui_gallery_support import BLUE, GREEN, RED, add_image, record, run

from fluxdesk.api.refs import library_ref
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.ui.details.lineage import connect_lineage
from fluxdesk.ui.details.panel import DetailsPanel
from fluxdesk.ui.gallery.panel import GalleryPanel
from fluxdesk.ui.gallery.thumb_loader import ThumbLoader
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.compare_parent import no_parent

OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|grabbing the keyboard|raise)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


async def _edit(library: Library, parents: list[GenerationRecord], prompt: str, at: float,
                color: tuple[int, int, int] = GREEN) -> GenerationRecord:
    """An edit of `parents` (the first is its input image), saved as a real image."""
    params: dict[str, Any] = {"seed": 7, "output_format": "png"}
    for i, parent in enumerate(parents):
        params["input_image" if i == 0 else f"input_image_{i + 1}"] = library_ref(parent.id)
    rec = record(prompt, model="flux-2-pro", created_at=at, params=params)
    return await add_image(library, rec.evolve(parents=tuple(p.id for p in parents)), color)


class Env:
    """A library with: `old` (an image), fillers, `source` and `ref`, and `edit` made from both."""

    def __init__(self, qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path) -> None:
        self.qloop, self.qtbot = qloop, qtbot
        self.tasks = TaskRegistry()
        self.failures: list[tuple[str, str]] = []
        self.tasks.failed.connect(lambda what, msg: self.failures.append((what, msg)))
        self.thumbs = ThumbnailCache(tmp_path / "thumbs")
        self.library: Library = self.run(Library.open(tmp_path / "home"))
        self.source = self.run(add_image(self.library, record("a red barn", created_at=1000.0), RED))
        self.ref = self.run(add_image(self.library, record("a blue sky", created_at=1001.0), BLUE))
        self.fillers = [self.run(add_image(self.library, record(f"filler {i}", created_at=1002.0 + i)))
                        for i in range(6)]
        self.edit = self.run(_edit(self.library, [self.source, self.ref], "the barn at dusk", 2000.0))
        self.widgets: list[Any] = []

    def run(self, coro: Any) -> Any:
        return run(self.qloop, self.qtbot, coro)

    def details(self) -> tuple[DetailsPanel, ThumbLoader]:
        loader = ThumbLoader(self.thumbs, self.tasks, self.library.path_of)
        panel = DetailsPanel(path_of=self.library.path_of)
        panel.attach_lineage(self.library, loader, self.tasks)
        self.qtbot.addWidget(panel)
        panel.resize(380, 900)
        panel.show()
        self.widgets.append(loader)
        return panel, loader

    def gallery(self, *, page_size: int = 200, size: tuple[int, int] = (700, 500)) -> GalleryPanel:
        panel = GalleryPanel(self.library, self.thumbs, self.tasks, _catalog(), page_size=page_size)
        self.qtbot.addWidget(panel)
        panel.resize(*size)
        panel.show()
        self.qtbot.waitExposed(panel)
        self.widgets.append(panel)
        self.qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and panel.model.idle)
        return panel

    def close(self) -> None:
        for widget in self.widgets:
            if isinstance(widget, GalleryPanel):
                widget.shutdown()
            else:
                widget.close()
        self.run(self.tasks.shutdown())
        self.run(self.library.close())
        self.thumbs.close()


def _catalog() -> Any:
    from fluxdesk.api.catalog import default_catalog

    return default_catalog()


@pytest.fixture
def env(qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path) -> Iterator[Env]:
    e = Env(qloop, qtbot, tmp_path)
    yield e
    e.close()
    assert e.failures == []


def _show(env: Env, panel: DetailsPanel, rec: GenerationRecord) -> None:
    with env.qtbot.waitSignal(panel.lineageShown, timeout=5000):
        panel.show_record(rec)


def _has_icon(strip: Any, record_id: str) -> bool:
    return not strip.buttons[record_id].icon().isNull()


# -- the details panel ---------------------------------------------------------------------------------


def test_made_from_shows_the_parents_in_order_as_thumbnails(env: Env) -> None:
    panel, _loader = env.details()
    _show(env, panel, env.edit)
    assert panel.form.isRowVisible(panel.made_from) and not panel.form.isRowVisible(panel.edits_of)
    assert list(panel.made_from.buttons) == [env.source.id, env.ref.id]
    env.qtbot.waitUntil(lambda: _has_icon(panel.made_from, env.source.id) and _has_icon(panel.made_from,
                                                                                          env.ref.id))
    assert "a red barn" in panel.made_from.buttons[env.source.id].toolTip()
    # "Input image: (image)" is the parent's thumbnail now, the reference's too
    thumb, ref = panel.param_images["input_image"]
    assert ref == env.source.id and [r.id for r in thumb.records] == [env.source.id]
    env.qtbot.waitUntil(lambda: _has_icon(thumb, env.source.id))
    assert panel.param_images["input_image_2"][1] == env.ref.id
    assert panel.param_labels["input_image"].text() == f"library image {env.source.id[:8]}"


def test_edits_of_this_image_follow_the_library(env: Env) -> None:
    panel, _loader = env.details()
    _show(env, panel, env.source)
    assert not panel.form.isRowVisible(panel.made_from)
    assert list(panel.edits_of.buttons) == [env.edit.id]
    second = env.run(_edit(env.library, [env.source], "the barn in snow", 3000.0))  # a new edit is saved
    env.qtbot.waitUntil(lambda: list(panel.edits_of.buttons) == [env.edit.id, second.id], timeout=5000)
    _show(env, panel, env.fillers[0])  # no lineage: both rows hidden
    assert not panel.form.isRowVisible(panel.made_from) and not panel.form.isRowVisible(panel.edits_of)


def test_clicking_a_thumbnail_asks_for_that_record(env: Env) -> None:
    panel, _loader = env.details()
    _show(env, panel, env.edit)
    with env.qtbot.waitSignal(panel.recordRequested) as asked:
        QTest.mouseClick(panel.made_from.buttons[env.ref.id], Qt.MouseButton.LeftButton)
    assert asked.args == [env.ref.id]
    with env.qtbot.waitSignal(panel.recordRequested) as asked:
        thumb = panel.param_images["input_image"][0]
        QTest.mouseClick(thumb.buttons[env.source.id], Qt.MouseButton.LeftButton)
    assert asked.args == [env.source.id]


def test_a_quick_change_of_record_shows_only_the_last_ones_lineage(env: Env) -> None:
    panel, _loader = env.details()
    panel.show_record(env.edit)
    _show(env, panel, env.ref)
    assert panel.record == env.ref and list(panel.edits_of.buttons) == [env.edit.id]
    assert panel.made_from.records == []


# -- the gallery ----------------------------------------------------------------------------------------


def test_a_click_selects_the_record_in_the_gallery_loading_its_family(env: Env) -> None:
    for i in range(40):  # a long history: the parents are far past the rows loaded
        env.run(add_image(env.library, record(f"more {i}", created_at=1100.0 + i)))
    gallery = env.gallery(page_size=4, size=(400, 300))
    details, _loader = env.details()
    connect_lineage(details, gallery, env.library, env.tasks)
    gallery.currentRecordChanged.connect(lambda rec: rec is not None and details.show_record(rec))
    assert gallery.model.row_of(env.source.id) < 0
    assert gallery.select_record(env.edit.id)
    env.qtbot.waitUntil(lambda: env.source.id in details.made_from.buttons)
    QTest.mouseClick(details.made_from.buttons[env.source.id], Qt.MouseButton.LeftButton)
    env.qtbot.waitUntil(lambda: (gallery.current_record() or env.edit).id == env.source.id)
    assert gallery.bar.family == env.source.id and gallery.bar.family_chip.isVisibleTo(gallery)
    assert "Family of " + env.source.id[:8] in gallery.bar.family_chip.text()
    assert {r.id for r in gallery.model.records()} == {env.source.id, env.edit.id}
    # a record already shown is selected at once, the filter left as it is
    env.qtbot.waitUntil(lambda: env.edit.id in details.edits_of.buttons)  # the source's lineage
    QTest.mouseClick(details.edits_of.buttons[env.edit.id], Qt.MouseButton.LeftButton)
    assert gallery.current_record().id == env.edit.id and gallery.bar.family == env.source.id  # type: ignore
    # one click on the chip shows everything again
    QTest.mouseClick(gallery.bar.family_chip, Qt.MouseButton.LeftButton)
    env.qtbot.waitUntil(lambda: gallery.model.total == 49 and gallery.model.idle)
    assert gallery.bar.family is None and not gallery.bar.family_chip.isVisibleTo(gallery)


def test_show_family_from_the_context_menu(env: Env) -> None:
    gallery = env.gallery()
    gallery.search.setText("filler")  # a filter that hides the family is set back
    gallery.bar.changed.emit()
    env.qtbot.waitUntil(lambda: gallery.model.total == 6)
    gallery.search.clear()
    gallery.bar.changed.emit()
    env.qtbot.waitUntil(lambda: gallery.model.total == 9 and gallery.model.idle)
    assert gallery.select_record(env.ref.id)
    menu = gallery.build_context_menu()
    assert menu is not None
    actions = {a.objectName(): a for a in menu.actions()}
    assert not actions["compare_parent"].isEnabled()  # the reference was made from nothing
    actions["family"].trigger()
    env.qtbot.waitUntil(lambda: gallery.model.total == 2 and gallery.model.idle)
    assert [r.id for r in gallery.model.records()] == [env.edit.id, env.ref.id]  # newest first
    assert gallery.current_query().family == env.ref.id and gallery.search.text() == ""


def test_b_compares_an_edit_with_its_first_parent(env: Env) -> None:
    gallery = env.gallery()
    assert gallery.select_record(env.edit.id)
    gallery.view.setFocus()
    QTest.keyClick(gallery.view, Qt.Key.Key_B)
    env.qtbot.waitUntil(lambda: len(gallery.viewers) == 1)
    viewer: Any = gallery.viewers[0]
    assert viewer.compare and [r.id for r in viewer.shown_records()] == [env.source.id, env.edit.id]
    env.qtbot.waitUntil(viewer.is_loaded)
    viewer.close()
    env.qtbot.waitUntil(lambda: not gallery.viewers)
    # from the menu too; and an image made from nothing says so
    menu = gallery.build_context_menu()
    assert menu is not None
    next(a for a in menu.actions() if a.objectName() == "compare_parent").trigger()
    env.qtbot.waitUntil(lambda: len(gallery.viewers) == 1)
    gallery.viewers[0].close()
    env.qtbot.waitUntil(lambda: not gallery.viewers)
    gallery.view.selectionModel().setCurrentIndex(
        gallery.model.index(gallery.model.row_of(env.source.id), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    with env.qtbot.waitSignal(gallery.statusMessage) as said:
        QTest.keyClick(gallery.view, Qt.Key.Key_B)
    assert said.args == [no_parent()] and not gallery.viewers


# -- the window wires it ----------------------------------------------------------------------------------


def test_the_window_connects_details_and_gallery(window: Any, qtbot: Any, qloop: Any) -> None:
    library = window.runtime.library
    source = run(qloop, qtbot, add_image(library, record("a red barn", created_at=1000.0), RED))
    edit = run(qloop, qtbot, _edit(library, [source], "the barn at dusk", 2000.0))
    qtbot.waitUntil(lambda: window.gallery.model.row_of(edit.id) >= 0)
    assert window.gallery.select_record(edit.id)
    qtbot.waitUntil(lambda: source.id in window.details.made_from.buttons)
    QTest.mouseClick(window.details.made_from.buttons[source.id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (window.gallery.current_record() or edit).id == source.id)
    # the details follow the gallery's current image on the loop's next turn
    qtbot.waitUntil(lambda: window.details.record is not None and window.details.record.id == source.id)


def test_an_imported_image_says_so_and_has_no_settings_to_use(env: Env) -> None:
    panel, _loader = env.details()
    imported = env.run(env.library.import_file(_photo(env)))
    _show(env, panel, imported)
    assert panel.model.text() == "Imported from photo.png"
    assert not panel.use_button.isEnabled() and not panel.variations_button.isEnabled()
    assert panel.export_button.isEnabled()


def _photo(env: Env) -> Path:
    from test_ui_gallery_support import png

    path = env.library.home.parent / "photo.png"
    path.write_bytes(png(40, 30, BLUE))
    return path
