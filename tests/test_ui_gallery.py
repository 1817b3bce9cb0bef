"""The gallery over a real library in a tmp dir: paging, thumbnails, filters, actions, keys, drag."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest
from test_ui_gallery_support import BLUE, GREEN, RED, add_image, build_library, close_to, pixel, record, run

from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.ui.gallery.model import GalleryModel, RecordRole
from fluxdesk.ui.gallery.panel import GalleryPanel
from fluxdesk.ui.gallery.thumb_loader import MIN_KEPT, SCREENS_KEPT
from fluxdesk.ui.tasks import TaskRegistry

# the offscreen platform's own limits, not ours
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|grabbing the keyboard|raise)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

SPECS = [
    ("a red kite over the sea", "flux-pro-1.1", RED),
    ("a blue whale in the deep", "flux-dev", BLUE),
    ("a red fox in the snow", "flux-dev", RED),
    ("green hills at dawn", "flux-pro-1.1", GREEN),
]


class Env:
    def __init__(self, qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, catalog: Any) -> None:
        self.qloop = qloop
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.catalog = catalog
        self.tasks = TaskRegistry()
        self.failures: list[tuple[str, str]] = []
        self.tasks.failed.connect(lambda what, msg: self.failures.append((what, msg)))
        self.thumbs = ThumbnailCache(tmp_path / "thumbs")
        self.library: Any = None
        self.records: list[Any] = []
        self.panels: list[GalleryPanel] = []

    def build(self, specs: list[tuple[str, str, tuple[int, int, int]]]) -> None:
        self.library, self.records = run(self.qloop, self.qtbot, build_library(self.tmp_path / "home", specs))

    def panel(self, *, page_size: int = 200, size: tuple[int, int] = (800, 600)) -> GalleryPanel:
        panel = GalleryPanel(self.library, self.thumbs, self.tasks, self.catalog, page_size=page_size)
        panel.open_url = lambda url: self.opened.append(url)  # type: ignore[method-assign]
        self.opened: list[QUrl] = []
        # no real file manager from a test: record what would be shown
        panel.reveal_file = lambda path, *_: self.revealed.append(path)  # type: ignore[method-assign]
        self.revealed: list[Path] = []
        self.qtbot.addWidget(panel)
        panel.resize(*size)
        panel.show()
        self.qtbot.waitExposed(panel)
        self.panels.append(panel)
        return panel

    def run(self, coro: Any) -> Any:
        return run(self.qloop, self.qtbot, coro)

    def loaded_panel(self) -> GalleryPanel:
        """The four SPECS images, their panel shown and its first page loaded."""
        self.build(SPECS)
        panel = self.panel()
        self.qtbot.waitUntil(lambda: panel.model.rowCount() == len(SPECS))
        return panel

    def close(self) -> None:
        for panel in self.panels:
            panel.shutdown()
        # as the window does: cancel what is in flight before the library closes under it
        self.run(self.tasks.shutdown())
        if self.library is not None:
            self.run(self.library.close())
        self.thumbs.close()


@pytest.fixture
def env(qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, catalog: Any) -> Iterator[Env]:
    e = Env(qloop, qtbot, tmp_path, catalog)
    yield e
    e.close()
    assert e.failures == []


def ids(panel: GalleryPanel) -> list[str]:
    return [r.id for r in panel.model.records()]


def select_rows(panel: GalleryPanel, *rows: int) -> None:
    sel = panel.view.selectionModel()
    sel.clearSelection()
    for i, row in enumerate(rows):
        index = panel.model.index(row, 0)
        flag = QItemSelectionModel.SelectionFlag.Select
        if i == 0:
            sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            sel.select(index, flag)


def action(menu: Any, name: str) -> Any:
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, f"no action {name} in {[a.objectName() for a in menu.actions()]}"
    return found[0]


# -- paging ---------------------------------------------------------------------------------------


def test_model_pages_until_the_end(env: Env) -> None:
    env.build([(f"prompt number {i}", "flux-dev", RED) for i in range(25)])
    model = GalleryModel(env.library, env.tasks, page_size=10)
    pages: list[tuple[int, bool]] = []
    model.pageLoaded.connect(lambda rows, more: pages.append((rows, more)))
    model.set_query(HistoryQuery())
    env.qtbot.waitUntil(lambda: model.rowCount() == 10 and not model.loading)
    assert model.canFetchMore(QModelIndex())
    env.qtbot.waitUntil(lambda: model.total == 25)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # a second call while loading is ignored
    env.qtbot.waitUntil(lambda: model.rowCount() == 20 and not model.loading)
    model.fetchMore(QModelIndex())
    env.qtbot.waitUntil(lambda: model.rowCount() == 25 and not model.loading)
    assert not model.canFetchMore(QModelIndex())
    rows = [model.data(model.index(i, 0), RecordRole) for i in range(25)]
    assert [r.prompt for r in rows] == [f"prompt number {i}" for i in reversed(range(25))]  # newest first
    assert len({r.id for r in rows}) == 25
    assert (25, False) in pages


def test_a_search_with_fewer_hits_than_a_page_is_counted_without_a_second_query(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    env.build([(f"kite {i}", "flux-dev", RED) for i in range(4)] + [("a boat", "flux-dev", GREEN)])
    counted: list[HistoryQuery] = []
    real_count = env.library.count

    async def count(q: HistoryQuery) -> int:
        counted.append(q)
        return await real_count(q)

    monkeypatch.setattr(env.library, "count", count)
    model = GalleryModel(env.library, env.tasks, page_size=10)
    model.set_query(HistoryQuery(text="kite"))
    env.qtbot.waitUntil(lambda: model.total == 4 and not model.loading)
    assert model.rowCount() == 4 and counted == []  # the page had them all
    model.set_query(HistoryQuery())  # a full page would need the count: still asked then
    env.qtbot.waitUntil(lambda: model.total == 5 and not model.loading)
    assert counted == []  # 5 < 10: all loaded again
    small = GalleryModel(env.library, env.tasks, page_size=2)
    small.set_query(HistoryQuery())
    env.qtbot.waitUntil(lambda: small.total == 5)
    assert counted == [HistoryQuery()]


def test_scrolling_fetches_more_pages(env: Env) -> None:
    env.build([(f"scroll {i}", "flux-dev", GREEN) for i in range(50)])
    panel = env.panel(page_size=20, size=(400, 320))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 20 and not panel.model.loading)
    bar = panel.view.verticalScrollBar()
    env.qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert panel.model.rowCount() == 20  # the first page fills more than two screens: nothing more yet
    for expected in (40, 50):
        bar.setValue(bar.maximum())
        env.qtbot.waitUntil(lambda n=expected: panel.model.rowCount() == n and not panel.model.loading)
    assert not panel.model.canFetchMore(QModelIndex())
    assert panel.count_label.text() == "50 images"


# -- thumbnails ---------------------------------------------------------------------------------------


class GatedThumbs:
    """The real cache, but `load` waits until the test opens the gate (in the loader's worker thread)."""

    def __init__(self, thumbs: ThumbnailCache) -> None:
        self._thumbs = thumbs
        self.gate = threading.Event()

    def load(self, image_path: Path, sha256: str, size: int) -> bytes:
        self.gate.wait(10)
        return self._thumbs.load(image_path, sha256, size)


def test_placeholder_first_then_the_thumbnail(env: Env) -> None:
    env.build([("only red", "flux-dev", RED)])
    gated = GatedThumbs(env.thumbs)
    env.thumbs = gated  # type: ignore[assignment]
    try:
        panel = env.panel()
        env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
        rec = panel.model.record_at(0)
        center = panel.view.visualRect(panel.model.index(0, 0)).center()
        first = panel.view.viewport().grab().toImage()  # nothing cached yet: a placeholder
        assert panel.loader.cached(rec, 256) is None
        assert not close_to(pixel(first, center.x(), center.y()), RED)
        env.qtbot.waitUntil(lambda: panel.loader.in_flight_count == 1)
    finally:
        gated.gate.set()
        env.thumbs = gated._thumbs
    env.qtbot.waitUntil(lambda: panel.loader.cached(rec, 256) is not None)
    assert not panel.loader.cached(rec, 256).isNull()

    def painted() -> bool:
        image = panel.view.viewport().grab().toImage()
        return close_to(pixel(image, center.x(), center.y()), RED)

    env.qtbot.waitUntil(painted)
    assert panel.delegate.paint_count > 0


def test_a_thumbnail_arriving_repaints_its_own_cell_not_the_grid(env: Env) -> None:
    panel = env.loaded_panel()  # four cells on screen
    env.qtbot.waitUntil(lambda: all(panel.loader.cached(r, 256) is not None for r in panel.model.records()))
    env.qtbot.waitUntil(lambda: panel.loader.pending_count == 0 and panel.loader.in_flight_count == 0)
    env.qtbot.waitUntil(lambda: not panel._repaint_timer.isActive())
    panel.view.viewport().repaint()  # what was asked before is painted now
    first = panel.model.record_at(0)
    assert first is not None and first.sha256
    panel.delegate.paint_count = 0
    panel.loader.thumbnailReady.emit(first.sha256, 256)
    env.qtbot.waitUntil(lambda: panel.delegate.paint_count > 0)
    assert panel.delegate.paint_count == 1  # that cell only
    panel.delegate.paint_count = 0
    panel.loader.requestsDropped.emit()  # rows still visible must ask again: all of them are painted
    env.qtbot.waitUntil(lambda: panel.delegate.paint_count > 0)
    assert panel.delegate.paint_count == len(SPECS)


def test_thumbnails_are_only_loaded_for_visible_rows(env: Env) -> None:
    env.build([(f"visible {i}", "flux-dev", BLUE) for i in range(60)])
    panel = env.panel(size=(400, 320))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 60)
    env.qtbot.waitUntil(lambda: panel.loader.pending_count == 0 and panel.loader.in_flight_count == 0)
    env.qtbot.waitUntil(lambda: panel.loader.requests_started > 0)
    assert panel.loader.requests_started < 30  # a 400x320 view shows a handful of 168-px cells


def test_the_thumbnail_memory_cache_is_sized_to_a_few_screens_of_the_view(env: Env) -> None:
    env.build(SPECS)
    panel = env.panel(size=(400, 320))

    def screens_of_cells() -> int:
        viewport = panel.view.viewport()
        return SCREENS_KEPT * panel.view.columns() * (viewport.height() // panel.delegate.cell + 2)

    env.qtbot.waitUntil(lambda: panel.loader.capacity == max(MIN_KEPT, screens_of_cells()))
    small = panel.loader.capacity
    panel.resize(1400, 1000)
    env.qtbot.waitUntil(lambda: panel.loader.capacity == max(MIN_KEPT, screens_of_cells()))
    assert panel.loader.capacity > small


def test_a_missing_file_paints_a_broken_placeholder(env: Env) -> None:
    env.build([("gone", "flux-dev", RED)])
    env.library.path_of(env.records[0]).unlink()
    panel = env.panel()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    rec = panel.model.record_at(0)
    panel.view.viewport().grab()
    env.qtbot.waitUntil(lambda: panel.loader.cached(rec, 256) is not None)
    assert panel.loader.cached(rec, 256).isNull()
    panel.view.viewport().grab()  # paints the broken placeholder without asking again
    assert panel.loader.pending_count == 0


# -- search, filter, sort -----------------------------------------------------------------------------


def test_search_model_filter_favorites_and_sort(env: Env) -> None:
    panel = env.loaded_panel()
    assert panel.model.record_at(0).prompt == "green hills at dawn"  # newest first

    panel.search.setText("red")  # debounced
    assert panel.model.rowCount() == 4
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert {r.prompt for r in panel.model.records()} == {"a red kite over the sea", "a red fox in the snow"}

    panel.model_combo.setCurrentIndex(panel.model_combo.findData("flux-dev"))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.record_at(0).prompt == "a red fox in the snow"

    panel.search.clear()
    panel.search.returnPressed.emit()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.model.loading)
    panel.model_combo.setCurrentIndex(0)
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData("prompt"))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 4 and panel.model.query.sort == "prompt")
    env.qtbot.waitUntil(lambda: not panel.model.loading)
    assert [r.prompt for r in panel.model.records()] == sorted(s[0] for s in SPECS)
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData("oldest"))
    env.qtbot.waitUntil(lambda: panel.model.query.sort == "oldest" and panel.model.rowCount() == 4)
    env.qtbot.waitUntil(lambda: not panel.model.loading)
    assert [r.prompt for r in panel.model.records()] == [s[0] for s in SPECS]

    env.run(env.library.set_favorite([env.records[1].id], True))
    panel.favorites.setChecked(True)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not panel.model.loading)
    assert panel.model.record_at(0).id == env.records[1].id
    panel.search.setText("nothing-like-this")
    env.qtbot.waitUntil(lambda: panel.count_label.text() == "No match")
    assert panel.model.rowCount() == 0


def test_favorite_from_the_menu_marks_the_library(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 0, 1)
    menu = panel.build_context_menu()
    fav = action(menu, "favorite")
    assert not fav.isChecked()
    fav.trigger()
    env.qtbot.waitUntil(lambda: all(r.favorite for r in panel.model.records()[:2]))
    assert env.run(env.library.count(HistoryQuery(favorites=True))) == 2
    select_rows(panel, 0, 1)
    menu = panel.build_context_menu()
    assert action(menu, "favorite").isChecked()
    action(menu, "favorite").trigger()  # all favorites: the toggle takes them off
    env.qtbot.waitUntil(lambda: not any(r.favorite for r in panel.model.records()))
    assert env.run(env.library.count(HistoryQuery(favorites=True))) == 0


# -- delete and undo ----------------------------------------------------------------------------------


def test_delete_key_trashes_and_ctrl_z_restores(env: Env) -> None:
    env.build(SPECS)
    panel = env.panel()
    messages: list[str] = []
    panel.statusMessage.connect(messages.append)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    before = ids(panel)
    select_rows(panel, 1, 2)
    doomed = {before[1], before[2]}
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == 2  # at once
    assert doomed.isdisjoint(ids(panel))
    assert any("Ctrl+Z" in m for m in messages)
    env.qtbot.waitUntil(lambda: env.run(env.library.count(HistoryQuery())) == 2)
    trashed = env.run(env.library.query(HistoryQuery(only_trashed=True)))
    assert {r.id for r in trashed} == doomed

    QTest.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    assert ids(panel) == before  # back at their places
    env.qtbot.waitUntil(lambda: panel.current_record() is not None)
    assert panel.current_record().id in doomed  # and the restored image is selected
    assert env.run(env.library.count(HistoryQuery())) == 4
    assert any(m.startswith("Restored 2 images") for m in messages)
    QTest.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert messages[-1] == "Nothing to undo."


def test_delete_from_the_menu(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 0)
    action(panel.build_context_menu(), "delete").trigger()
    assert panel.model.rowCount() == 3
    env.qtbot.waitUntil(lambda: env.run(env.library.count(HistoryQuery())) == 3)
    panel.undo()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 4)


# -- context menu ---------------------------------------------------------------------------------


def test_context_menu_actions(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 2)
    rec = panel.model.record_at(2)
    menu = panel.build_context_menu()
    with env.qtbot.waitSignal(panel.useSettingsRequested) as use:
        action(menu, "use").trigger()
    assert use.args == [rec]
    with env.qtbot.waitSignal(panel.variationsRequested) as vary:
        action(menu, "vary").trigger()
    assert vary.args == [rec]
    with env.qtbot.waitSignal(panel.exportRequested) as export:
        action(menu, "export").trigger()
    assert export.args == [[rec]]
    clipboard = QGuiApplication.clipboard()
    action(menu, "copy_prompt").trigger()
    assert clipboard.text() == rec.prompt
    action(menu, "copy_seed").trigger()
    assert clipboard.text() == str(rec.seed)
    action(menu, "reveal").trigger()
    assert env.revealed == [env.library.path_of(rec)]  # the file itself, to be shown selected
    clipboard.clear()
    action(menu, "copy_image").trigger()
    env.qtbot.waitUntil(lambda: not clipboard.image().isNull())
    assert clipboard.image().size().toTuple() == (64, 48)
    assert menu.isVisible() is False  # built, never exec()'d

    select_rows(panel, 0, 3)
    menu = panel.build_context_menu()
    assert not action(menu, "use").isEnabled()  # one record only
    with env.qtbot.waitSignal(panel.exportRequested) as export:
        action(menu, "export").trigger()
    assert [r.id for r in export.args[0]] == [panel.model.record_at(0).id, panel.model.record_at(3).id]
    assert action(menu, "compare").isEnabled()


def test_context_menu_pops_up_without_exec(env: Env) -> None:
    panel = env.loaded_panel()
    pos = panel.view.visualRect(panel.model.index(1, 0)).center()
    panel.view.customContextMenuRequested.emit(pos)
    assert panel.selected_records() == [panel.model.record_at(1)]
    menu = panel._menu
    assert menu is not None
    env.qtbot.waitUntil(menu.isVisible)
    menu.close()


# -- selection, signals, live results -------------------------------------------------------------


def test_selection_signals(env: Env) -> None:
    panel = env.loaded_panel()
    current: list[Any] = []
    selections: list[list[Any]] = []
    panel.currentRecordChanged.connect(current.append)
    panel.selectionChanged.connect(selections.append)
    select_rows(panel, 1)
    assert current[-1] == panel.model.record_at(1)
    select_rows(panel, 1, 2)
    assert [r.id for r in selections[-1]] == [panel.model.record_at(1).id, panel.model.record_at(2).id]
    assert len(panel.selected_records()) == 2
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(panel.selected_records()) == 4


def test_live_results_appear_where_the_library_puts_them(env: Env) -> None:
    panel = env.loaded_panel()
    # saved by anyone (here: straight into the library): the library announces it, the gallery places it
    new = env.run(add_image(env.library, record("a brand new red balloon", model="flux-dev"), RED))
    env.qtbot.waitUntil(lambda: panel.model.row_of(new.id) == 0)
    env.qtbot.waitUntil(lambda: panel.count_label.text() == "5 images")

    panel.search.setText("whale")
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.idle)
    other = env.run(add_image(env.library, record("another balloon", model="flux-dev"), GREEN))
    whale = env.run(add_image(env.library, record("a second whale", model="flux-dev"), BLUE))
    env.qtbot.waitUntil(lambda: panel.model.row_of(whale.id) == 0 and panel.model.idle)
    assert [r.prompt for r in panel.model.records()] == ["a second whale", "a blue whale in the deep"]
    assert panel.model.row_of(other.id) == -1  # placed before the whale: it does not match
    assert panel.count_label.text() == "2 images"


def test_a_burst_of_new_results_goes_in_as_one_insert_per_run_of_rows(env: Env) -> None:
    """Each insert relays out and repaints the grid: a batch arriving on top is one insert, not one per
    image; rows apart are still put each where the library says."""
    panel = env.loaded_panel()
    before = ids(panel)
    burst = [env.run(add_image(env.library, record(f"burst {i}"), RED)) for i in range(3)]
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == len(before) + 3 and panel.model.idle)
    inserts: list[tuple[int, int]] = []
    panel.model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    more = [record(f"more {i}") for i in range(4)]
    # as the library places them: three on top, one between the old rows
    where: dict[str, int | None] = {more[0].id: 0, more[1].id: 1, more[2].id: 2, more[3].id: 5}
    panel.model._apply(more, where)
    assert inserts == [(0, 2), (5, 5)]
    assert ids(panel)[:3] == [m.id for m in more[:3]] and ids(panel)[5] == more[3].id
    assert ids(panel)[3:5] + ids(panel)[6:] == [r.id for r in reversed(burst)] + before
    assert len(set(ids(panel))) == len(ids(panel))


def test_live_results_in_prompt_order_keep_the_librarys_ties(env: Env) -> None:
    """Case folded as the library's NOCASE, equal prompts newest first, then by row order."""
    env.build([("Banana split", "flux-dev", RED), ("apple pie", "flux-dev", GREEN),
               ("cherry", "flux-dev", BLUE)])
    panel = env.panel()
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData("prompt"))
    env.qtbot.waitUntil(lambda: panel.model.query.sort == "prompt" and panel.model.rowCount() == 3)
    env.qtbot.waitUntil(lambda: panel.model.idle)
    made = [
        env.run(add_image(env.library, record(prompt, created_at=created), GREEN))
        for prompt, created in (("banana split", 1_700_000_000.0), ("BANANA split", 1_700_000_000.0),
                                ("Apple", 1_800_000_000.0))
    ]
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 6 and panel.model.idle)
    expected = env.run(env.library.query(panel.model.query))
    assert [r.id for r in panel.model.records()] == [r.id for r in expected]
    assert {r.id for r in made} <= set(ids(panel))


class HeldPlacements:
    """The library's `placements` waits until `release()`: new results are announced to the gallery
    but not placed yet, as when the gallery is a step behind the job that saved them."""

    def __init__(self, library: Any) -> None:
        self.gate = asyncio.Event()
        self._real = library.placements
        library.placements = self._held

    async def _held(self, query: HistoryQuery, records: list[Any]) -> Any:
        await self.gate.wait()
        return await self._real(query, records)

    def release(self) -> None:
        self.gate.set()


def test_a_result_chosen_before_it_is_placed_is_selected_once_placed(env: Env) -> None:
    panel = env.loaded_panel()
    env.qtbot.waitUntil(lambda: panel.model.idle)
    held = HeldPlacements(env.library)
    first = env.run(add_image(env.library, record("the batch's first"), RED))
    second = env.run(add_image(env.library, record("the batch's second"), GREEN))
    assert panel.model.row_of(first.id) == -1 and not panel.model.idle  # announced, not placed
    missing: list[str] = []
    panel.select_record_when_placed(second.id)  # following the newest result...
    panel.select_record_when_placed(first.id, lambda: missing.append(first.id))  # ...then the user's choice
    assert panel.current_record() is None
    held.release()
    env.qtbot.waitUntil(lambda: panel.model.idle and panel.model.row_of(second.id) >= 0)
    current = panel.current_record()
    assert current is not None and current.id == first.id  # the latest choice, not the older one
    assert missing == []


def test_a_choice_made_now_drops_one_waiting_for_its_row(env: Env) -> None:
    panel = env.loaded_panel()
    env.qtbot.waitUntil(lambda: panel.model.idle)
    first = env.run(add_image(env.library, record("the batch's first"), RED))
    env.qtbot.waitUntil(lambda: panel.model.idle and panel.model.row_of(first.id) >= 0)
    held = HeldPlacements(env.library)
    second = env.run(add_image(env.library, record("the batch's second"), GREEN))
    panel.select_record_when_placed(second.id)  # following the newest result, not placed yet
    panel.select_record_when_placed(first.id)  # the notification's click: selected at once
    held.release()
    env.qtbot.waitUntil(lambda: panel.model.idle and panel.model.row_of(second.id) >= 0)
    current = panel.current_record()
    assert current is not None and current.id == first.id  # the second's arrival does not take over


def test_a_choice_the_filter_hides_is_said_once_the_gallery_settles(env: Env) -> None:
    panel = env.loaded_panel()
    panel.search.setText("whale")
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.idle)
    held = HeldPlacements(env.library)
    hidden = env.run(add_image(env.library, record("a red balloon"), RED))
    missing: list[str] = []
    panel.select_record_when_placed(hidden.id, lambda: missing.append(hidden.id))
    assert missing == []  # it may still come
    held.release()
    env.qtbot.waitUntil(lambda: panel.model.idle)
    assert missing == [hidden.id] and panel.current_record() is None
    panel.select_record_when_placed(hidden.id, lambda: missing.append("again"))  # idle: said at once
    assert missing == [hidden.id, "again"]


def test_refresh_reloads_from_the_library(env: Env) -> None:
    panel = env.loaded_panel()
    env.run(add_image(env.library, record("added behind its back"), GREEN))
    panel.refresh()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 5)


# -- drag -------------------------------------------------------------------------------------------


def test_drag_mime_data_holds_the_original_files(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 0, 2)
    indexes = panel.view.selectionModel().selectedIndexes()
    mime = panel.model.mimeData(indexes)
    paths = [Path(u.toLocalFile()) for u in mime.urls()]
    expected = [env.library.path_of(panel.model.record_at(r)) for r in (0, 2)]
    assert paths == expected
    assert all(p.is_file() for p in paths)
    assert all(u.isLocalFile() for u in mime.urls())
    assert mime.hasUrls()
    assert panel.view.dragEnabled()
    assert panel.model.flags(panel.model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


# -- viewer from the gallery ----------------------------------------------------------------------


def test_enter_opens_the_viewer_and_two_selected_compare(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 1)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Return)
    assert len(panel.viewers) == 1
    viewer = panel.viewers[0]
    assert viewer.isWindow() and viewer.isVisible()
    assert viewer.current_record.id == panel.model.record_at(1).id
    assert len(viewer.records) == 4
    env.qtbot.waitUntil(viewer.is_loaded)
    viewer.close()
    env.qtbot.waitUntil(lambda: len(panel.viewers) == 0)

    select_rows(panel, 0, 3)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Enter)
    viewer = panel.viewers[-1]
    assert viewer.compare
    env.qtbot.waitUntil(viewer.is_loaded)
    viewer.close()


def test_space_toggles_a_quick_preview(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 2)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Space)
    assert len(panel.viewers) == 1
    preview = panel.viewers[0]
    env.qtbot.waitUntil(preview.is_loaded)
    panel.toggle_preview()
    env.qtbot.waitUntil(lambda: len(panel.viewers) == 0)


# -- a large history -------------------------------------------------------------------------------


def test_ten_thousand_items_load_one_page_at_a_time(env: Env) -> None:
    async def fill() -> None:
        from fluxdesk.library.library import Library

        library = await Library.open(env.tmp_path / "home")
        first = await add_image(library, record("the one real image", created_at=1_600_000_000.0), GREEN)
        store = library._store

        def bulk() -> None:
            with store.transaction():
                for i in range(10_000):
                    rec = record(f"history item {i}", created_at=1_700_000_000.0 + i).evolve(
                        status=first.status,
                        file=first.file,
                        width=64,
                        height=48,
                        format="png",
                        sha256=first.sha256,
                        bytes=first.bytes,
                    )
                    store._conn.execute(
                        "INSERT INTO generations ({}) VALUES ({})".format(
                            ", ".join(_columns()), ", ".join(f":{c}" for c in _columns())
                        ),
                        _row(rec),
                    )

        await library._db(bulk)
        env.library = library

    env.run(fill())
    panel = env.panel(size=(900, 700))
    env.qtbot.waitUntil(lambda: panel.model.total == 10_001)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 200 and not panel.model.loading)
    assert panel.count_label.text() == "10,001 images"
    bar = panel.view.verticalScrollBar()
    for _ in range(3):
        env.qtbot.waitUntil(lambda: bar.maximum() > 0)
        rows = panel.model.rowCount()
        bar.setValue(bar.maximum())
        env.qtbot.waitUntil(lambda r=rows: panel.model.rowCount() > r and not panel.model.loading)
    assert panel.model.rowCount() <= 1600  # a few pages, never the whole history
    env.qtbot.waitUntil(lambda: panel.loader.in_flight_count == 0 and panel.loader.pending_count == 0)


def _columns() -> list[str]:
    from fluxdesk.library import store

    return list(store._COLUMNS)


def _row(rec: Any) -> dict[str, Any]:
    from fluxdesk.library.store import record_to_row

    return record_to_row(rec)


# -- the grid view ------------------------------------------------------------------------------------


def test_grid_geometry_keys_and_rubber_band(env: Env) -> None:
    env.build([(f"grid {i}", "flux-dev", RED) for i in range(30)])
    panel = env.panel(size=(700, 500))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 30)
    view = panel.view
    columns = view.columns()
    assert columns == view.viewport().width() // panel.delegate.cell
    for row in (0, 1, columns, 29):
        rect = view.visualRect(panel.model.index(row, 0))
        assert rect.size().toTuple() == (panel.delegate.cell, panel.delegate.cell)
        if view.viewport().rect().contains(rect.center()):
            assert view.indexAt(rect.center()).row() == row
    select_rows(panel, 0)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1 + columns
    QTest.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 29
    assert view.viewport().rect().intersects(view.visualRect(view.currentIndex()))  # scrolled to it
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0 and view.verticalScrollBar().value() == 0
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert len(panel.selected_records()) == 2
    # a rubber band over the first line selects its cells
    first = view.visualRect(panel.model.index(0, 0))
    last = view.visualRect(panel.model.index(columns - 1, 0))
    view.setSelection(first.united(last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert len(panel.selected_records()) == columns
    region = view.visualRegionForSelection(view.selectionModel().selection())
    assert region.boundingRect().contains(first.center())


def test_appending_a_page_keeps_the_scroll_position(env: Env) -> None:
    env.build([(f"keep {i}", "flux-dev", BLUE) for i in range(120)])
    panel = env.panel(page_size=40, size=(400, 320))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 40 and not panel.model.loading)
    bar = panel.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    at = bar.value()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 80 and not panel.model.loading)
    assert bar.value() == at
    assert bar.maximum() > at


def test_hidpi_asks_for_the_large_thumbnails(env: Env) -> None:
    env.build(SPECS)
    panel = env.panel()
    assert panel.delegate.thumb_size_for(1.0) == 256
    assert panel.delegate.thumb_size_for(2.0) == 512
    assert panel.delegate.thumb_size_for(1.25) == 512


def test_a_live_result_sorted_past_the_loaded_rows_is_left_to_paging(env: Env) -> None:
    env.build([(f"old {i}", "flux-dev", GREEN) for i in range(30)])
    panel = env.panel(page_size=10, size=(400, 320))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() >= 10 and not panel.model.loading)
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData("oldest"))
    env.qtbot.waitUntil(lambda: panel.model.query.sort == "oldest" and panel.model.idle)
    rows = panel.model.rowCount()
    assert panel.model.canFetchMore(QModelIndex())
    newest = env.run(add_image(env.library, record("the newest"), RED))
    env.qtbot.waitUntil(lambda: panel.model.idle)
    assert panel.model.rowCount() == rows  # it belongs at the end, not yet loaded
    while panel.model.canFetchMore(QModelIndex()):
        panel.model.fetchMore(QModelIndex())
        env.qtbot.waitUntil(lambda: panel.model.idle)
    assert ids(panel)[-1] == newest.id and ids(panel).count(newest.id) == 1
    assert len(ids(panel)) == len(set(ids(panel))) == 31


def test_deleting_rows_then_paging_skips_and_repeats_no_row(env: Env) -> None:
    env.build([(f"paged {i}", "flux-dev", BLUE) for i in range(30)])
    panel = env.panel(page_size=10, size=(400, 320))
    env.qtbot.waitUntil(lambda: panel.model.rowCount() >= 10 and panel.model.idle)
    assert panel.model.canFetchMore(QModelIndex())  # pages are still to come after the delete
    doomed = [panel.model.record_at(row) for row in (2, 3, 7)]
    panel.delete(doomed)
    env.qtbot.waitUntil(lambda: env.run(env.library.count(HistoryQuery(only_trashed=True))) == 3)
    env.qtbot.waitUntil(lambda: panel.model.idle)
    while panel.model.canFetchMore(QModelIndex()):
        panel.model.fetchMore(QModelIndex())
        env.qtbot.waitUntil(lambda: panel.model.idle)
    expected = [r.id for r in env.run(env.library.query(HistoryQuery()))]
    assert len(expected) == 27
    assert ids(panel) == expected  # every row once, in the library's order
    assert panel.count_label.text() == "27 images"


def test_a_favorite_unmarked_in_the_favorites_view_leaves_it(env: Env) -> None:
    panel = env.loaded_panel()
    env.run(env.library.set_favorite([r.id for r in env.records[:2]], True))
    panel.favorites.setChecked(True)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and panel.model.idle)
    select_rows(panel, 0)
    gone = panel.model.record_at(0)
    action(panel.build_context_menu(), "favorite").trigger()
    env.qtbot.waitUntil(lambda: panel.model.row_of(gone.id) == -1 and panel.model.idle)
    assert panel.model.rowCount() == 1 and panel.count_label.text() == "1 image"


# -- trash ----------------------------------------------------------------------------------------


def test_trash_view_restores_and_empty_trash_deletes_files_for_good(env: Env) -> None:
    env.build(SPECS)
    panel = env.panel()
    messages: list[str] = []
    panel.statusMessage.connect(messages.append)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    before = ids(panel)
    select_rows(panel, 0, 1)
    action(panel.build_context_menu(), "delete").trigger()
    env.qtbot.waitUntil(lambda: env.run(env.library.count(HistoryQuery(only_trashed=True))) == 2)
    trashed = set(before[:2])

    panel.trash_view.setChecked(True)  # the trash: only trashed images, Del restores
    env.qtbot.waitUntil(lambda: set(ids(panel)) == trashed)
    select_rows(panel, 0)
    restored = ids(panel)[0]
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert ids(panel) == [i for i in trashed if i != restored]
    env.qtbot.waitUntil(lambda: env.run(env.library.count(HistoryQuery())) == 3)

    select_rows(panel, 0)
    menu = panel.build_context_menu()
    assert action(menu, "restore") is not None
    paths = [env.library.path_of(r) for r in env.run(env.library.query(HistoryQuery(only_trashed=True)))]
    assert len(paths) == 1 and paths[0].is_file()
    box = panel.empty_trash()
    assert box.isVisible()  # asked with open(): the loop keeps running
    confirm = next(b for b in box.buttons() if b.text() == "Empty trash")
    confirm.click()
    env.qtbot.waitUntil(lambda: any("for good" in m for m in messages))
    assert not paths[0].exists()  # the file is gone only now
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert env.run(env.library.count(HistoryQuery())) == 3

    panel.trash_view.setChecked(False)
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    assert restored in ids(panel)


def test_cancelling_empty_trash_keeps_everything(env: Env) -> None:
    panel = env.loaded_panel()
    select_rows(panel, 0)
    action(panel.build_context_menu(), "delete").trigger()
    env.qtbot.waitUntil(lambda: env.run(env.library.count(HistoryQuery(only_trashed=True))) == 1)
    box = panel.empty_trash()
    box.button(box.StandardButton.Cancel).click()
    panel.undo()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 4)


# -- search as you type ---------------------------------------------------------------------------


def test_search_matches_as_you_type_and_live_results_follow_the_same_rule(env: Env) -> None:
    panel = env.loaded_panel()
    panel.search.setText("kit")  # half a word
    panel._apply_filter()
    env.qtbot.waitUntil(lambda: [r.prompt for r in panel.model.records()] == ["a red kite over the sea"])
    # a new result matching the words in another order appears at once; one that does not, does not
    panel.search.setText("sea red")
    panel._apply_filter()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.idle)
    other = env.run(add_image(env.library, record("a green boat"), GREEN))
    fresh = env.run(add_image(env.library, record("the sea at night, a red boat"), RED))
    env.qtbot.waitUntil(lambda: panel.model.row_of(fresh.id) == 0 and panel.model.idle)
    assert panel.model.row_of(other.id) == -1
    # the same rule as the library's search: words inside longer ones, accents and case folded
    panel.search.setText("CAFE")
    panel._apply_filter()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and panel.model.idle)
    cafe = env.run(add_image(env.library, record("un café noir"), GREEN))
    env.qtbot.waitUntil(lambda: panel.model.row_of(cafe.id) == 0)
    panel.search.setText("afé")  # inside a word
    panel._apply_filter()
    env.qtbot.waitUntil(lambda: panel.model.query.text == "afé" and panel.model.rowCount() == 1)
    creme = env.run(add_image(env.library, record("un café crème"), GREEN))
    env.qtbot.waitUntil(lambda: panel.model.row_of(creme.id) == 0 and panel.model.idle)
    # in every script, and an emoji alone is searched as itself
    panel.search.setText("고양이 🐉")
    panel._apply_filter()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and panel.model.idle)
    env.run(add_image(env.library, record("고양이 without a dragon"), GREEN))
    korean = env.run(add_image(env.library, record("창가의 고양이들 🐉"), RED))
    env.qtbot.waitUntil(lambda: panel.model.row_of(korean.id) == 0 and panel.model.idle)
    assert panel.model.rowCount() == 1


def test_date_filter_shows_a_period(env: Env) -> None:
    import time

    from fluxdesk.ui.gallery.bar import since_of

    env.build(SPECS)  # made in November 2023
    now = time.time()
    env.run(add_image(env.library, record("made just now", created_at=now), GREEN))
    env.run(add_image(env.library, record("made ten days ago", created_at=now - 10 * 86400), BLUE))
    panel = env.panel()
    env.qtbot.waitUntil(lambda: panel.model.rowCount() == 6)

    def show(label: str) -> list[str]:
        panel.date_combo.setCurrentIndex(panel.date_combo.findText(label))
        return [r.prompt for r in panel.model.records()]

    env.qtbot.waitUntil(lambda: show("Today") == ["made just now"])
    env.qtbot.waitUntil(lambda: show("Last 30 days") == ["made just now", "made ten days ago"])
    env.qtbot.waitUntil(lambda: len(show("Any time")) == 6)
    # ranges start at local midnights: the query is the same all day long
    assert since_of(6) == since_of(6) and since_of(None) is None


def test_an_empty_trash_says_so(env: Env) -> None:
    panel = env.loaded_panel()
    panel.trash_view.setChecked(True)
    env.qtbot.waitUntil(lambda: panel.count_label.text() == "The trash is empty.")
    panel.search.setText("kite")  # a search in the trash that finds nothing is still "No match"
    env.qtbot.waitUntil(lambda: panel.count_label.text() == "No match")


def test_the_favourite_star_is_on_the_image_not_in_the_letterbox(qapp: Any) -> None:
    from PySide6.QtCore import QRectF

    from fluxdesk.ui.gallery.delegate import STAR, GalleryDelegate, picture_rect, star_place

    area = QRectF(4, 4, 200, 200)
    wide = picture_rect(area, 200, 100)  # a landscape image: letterbox above and below it
    centre, radius = star_place(wide)
    assert wide.contains(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius))
    assert centre.y() - radius > area.top() + 50  # below the letterbox, which is 50 px high

    class OneImage:
        def image(self, *_args: Any) -> QImage:
            image = QImage(150, 76, QImage.Format.Format_RGB32)  # fits the cell, letterboxed
            image.fill(QColor(20, 40, 200))
            return image

    from library_helpers import make_record

    from fluxdesk.library.records import JobState
    from fluxdesk.ui.gallery.model import RecordRole

    record = make_record(status=JobState.DONE, favorite=True)
    delegate = GalleryDelegate(OneImage())  # type: ignore[arg-type]
    canvas = QImage(delegate.cell, delegate.cell, QImage.Format.Format_ARGB32)
    canvas.fill(QColor(255, 255, 255))
    from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem

    model = QStandardItemModel()
    item = QStandardItem()
    item.setData(record, RecordRole)
    model.appendRow(item)
    option = QStyleOptionViewItem()
    option.rect = canvas.rect()
    painter = QPainter(canvas)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    picture = picture_rect(QRectF(delegate.image_rect(canvas.rect())), 150, 76)
    gold = [(x, y) for x in range(canvas.width()) for y in range(canvas.height())
            if canvas.pixelColor(x, y) == STAR]
    assert gold, "no star was drawn"
    assert all(picture.contains(x, y) for x, y in gold)


def test_a_cell_without_its_thumbnail_shows_a_grey_box_and_a_broken_one_a_red_box(qapp: Any) -> None:
    from library_helpers import make_record
    from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem

    from fluxdesk.library.records import JobState
    from fluxdesk.ui.gallery.delegate import GalleryDelegate
    from fluxdesk.ui.gallery.model import RecordRole

    class Loader:
        def __init__(self, image: QImage | None) -> None:
            self.result = image

        def image(self, *_args: Any) -> QImage | None:
            return self.result

    def cell(loader: Loader, delegate: GalleryDelegate | None = None) -> QImage:
        delegate = delegate or GalleryDelegate(loader)  # type: ignore[arg-type]
        model = QStandardItemModel()
        item = QStandardItem()
        item.setData(make_record(status=JobState.DONE), RecordRole)
        model.appendRow(item)
        canvas = QImage(delegate.cell, delegate.cell, QImage.Format.Format_ARGB32)
        canvas.fill(QColor(255, 255, 255))
        option = QStyleOptionViewItem()
        option.rect = canvas.rect()
        painter = QPainter(canvas)
        delegate.paint(painter, option, model.index(0, 0))
        painter.end()
        return canvas

    middle = GalleryDelegate(Loader(None)).cell // 2  # type: ignore[arg-type]
    waiting, broken = cell(Loader(None)), cell(Loader(QImage()))
    grey, red = waiting.pixelColor(middle, middle), broken.pixelColor(middle, middle)
    assert grey.red() == grey.green() == grey.blue() < 255  # white under a translucent grey
    assert red.red() > red.green() + 20 and red.red() > red.blue() + 20
    assert waiting.pixelColor(1, 1) == QColor(255, 255, 255)  # the margin stays the background's
    # drawn once per size and kind, then reused: the same pixels from the second paint on
    loader = Loader(None)
    delegate = GalleryDelegate(loader)  # type: ignore[arg-type]
    assert cell(loader, delegate) == cell(loader, delegate) == waiting
