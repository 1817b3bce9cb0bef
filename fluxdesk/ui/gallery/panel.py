"""The gallery: a search/filter bar over a virtual icon view of the library, paged and never blocking.

`GalleryPanel(library, thumbs, tasks, catalog)`: the view shows pages of the library's history
(`GalleryModel`), cells painted by `GalleryDelegate` from thumbnails the `ThumbLoader` makes off the
GUI thread. New results and changed images arrive from the library's own announcements (`LibraryBridge`)
and go where the library's order puts them. Search is debounced; the other filters apply at once.
Delete moves the selection to the trash (Ctrl+Z brings it back), Enter opens the viewer (two
selected: side by side), Space a quick preview, B compares an edit with the image it was made from,
E edits the current image (`editRequested`, also from the context menu and the viewer's Edit…
button); images drag out to other applications as files, and to the reference strip as library
images. "Show family" (`show_family`) narrows the gallery to an image, its ancestors and its
descendants; `reveal_record` selects a record, showing its family when it is not among the rows loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence, QRegion
from PySide6.QtWidgets import QAbstractItemView, QMenu, QVBoxLayout, QWidget

from fluxdesk.api.catalog import Catalog
from fluxdesk.library.changes import RecordChange
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.bar import GalleryBar
from fluxdesk.ui.gallery.bridge import LibraryBridge
from fluxdesk.ui.gallery.delegate import GalleryDelegate
from fluxdesk.ui.gallery.menu import RecordActions, build_context_menu
from fluxdesk.ui.gallery.model import PAGE_SIZE, GalleryModel, RecordRole
from fluxdesk.ui.gallery.thumb_loader import ThumbLoader, thumb_id
from fluxdesk.ui.gallery.trash import TrashKeeper
from fluxdesk.ui.gallery.view import GalleryView
from fluxdesk.ui.gallery.viewers import Viewers
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.platform.reveal import reveal as reveal_in_file_manager
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.compare_parent import compare_with_parent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class GalleryPanel(QWidget):
    useSettingsRequested = Signal(object)  # GenerationRecord
    editRequested = Signal(object)  # GenerationRecord: start an edit of it
    variationsRequested = Signal(object)  # GenerationRecord
    currentRecordChanged = Signal(object)  # GenerationRecord | None
    selectionChanged = Signal(list)  # list[GenerationRecord]
    exportRequested = Signal(list)  # list[GenerationRecord]
    statusMessage = Signal(str)

    def __init__(
        self,
        library: Any,
        thumbs: Any,
        tasks: TaskRegistry,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.tasks = tasks
        self._menu: QMenu | None = None
        #: the record to select once placed, and what to call when the gallery settles without it
        self._select_when_placed: tuple[str, Callable[[], object] | None] | None = None
        self._select_when_loaded: str | None = None
        #: how "Reveal in folder" opens a folder (tests replace it)
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.reveal_file: Callable[..., Any] = reveal_in_file_manager

        self.model = GalleryModel(library, tasks, page_size=page_size, parent=self)
        self.loader = ThumbLoader(thumbs, tasks, self.model.path_of, parent=self)
        self.delegate = GalleryDelegate(self.loader, self)
        self.changes = LibraryBridge(library, self)
        self.trash = TrashKeeper(library, self.model, tasks, self)
        self.actions_ = RecordActions(self)
        self.viewers_ = Viewers(self, self.model.path_of, tasks)

        self.bar = GalleryBar(catalog, self)
        # the bar's controls, where the window and the tests reach them
        self.search = self.bar.search
        self.model_combo = self.bar.model_combo
        self.date_combo = self.bar.date_combo
        self.favorites = self.bar.favorites
        self.trash_view = self.bar.trash_view
        self.sort_combo = self.bar.sort_combo
        self.count_label = self.bar.count_label

        # an arithmetic grid, not QListView: QListView lays every row out again on each new page
        self.view = GalleryView(self, cell=QSize(self.delegate.cell, self.delegate.cell))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)  # its resizes size the thumbnail memory cache
        self.view.setToolTip("")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.view, 1)

        # shortcuts are handled by the view's key filter; the action's text shows them
        self.undo_action = self.trash.undo_action
        self.addAction(self.undo_action)

        self.bar.changed.connect(self._apply_filter)
        self.changes.changed.connect(self._library_changed)
        self.trash.statusMessage.connect(self.statusMessage)
        self.trash.restored.connect(self._select_once_placed)
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(16)
        self._repaint_timer.timeout.connect(self._repaint)
        self._ready: set[str] = set()  # thumbnails made since the last repaint (`thumb_id`s)
        self._repaint_all = False
        self.loader.thumbnailReady.connect(self._thumbnail_ready)
        self.loader.requestsDropped.connect(self._repaint_everything)

        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.open_viewer())
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        selection.selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._model_reset)
        self.model.totalChanged.connect(lambda total: self.bar.show_total(total, self.model.query))
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.recordsPlaced.connect(self._placed)
        self.model.settled.connect(self._settled)

        self.model.set_query(self.current_query())

    # -- public API ------------------------------------------------------------------------------------

    def current_query(self) -> HistoryQuery:
        return self.bar.query()

    def refresh(self) -> None:
        """Load the gallery again from the library (same filter)."""
        self.model.set_query(self.current_query())

    def selected_records(self) -> list[GenerationRecord]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return [r for r in (self.model.record_at(row) for row in rows) if r is not None]

    def current_record(self) -> GenerationRecord | None:
        index = self.view.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def select_record(self, record_id: str) -> bool:
        """Select a loaded record (False when it is not among the rows); one waiting to be placed
        (`select_record_when_placed`) is dropped either way: this is the newer choice."""
        self._select_when_placed = None
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, self.view.selectionModel().SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return True

    def select_record_when_placed(self, record_id: str, missing: Callable[[], object] | None = None) -> None:
        """Select a record now, or once the library's announcement of it has placed it (a new result:
        the library announces a record before the job that saved it is done, but the gallery places it
        a moment later). The latest choice wins: one still waiting is dropped. `missing()` when the
        gallery has placed every change and the record is not among its rows (the filter hides it)."""
        if self.select_record(record_id):
            return
        if self.model.idle:  # nothing on its way: it is not going to appear
            if missing is not None:
                missing()
            return
        self._select_when_placed = (record_id, missing)

    def show_family(self, record_id: str) -> None:
        """Only this image, what it was made from and what was made from it (the bar's chip clears it)."""
        self.bar.set_family(record_id)

    def reveal_record(self, record_id: str) -> None:
        """Select a record: at once when it is loaded, else in its family's view once that is loaded."""
        if self.select_record(record_id):
            return
        self._select_when_loaded = record_id
        if self.bar.family == record_id:
            self.refresh()
        else:
            self.show_family(record_id)

    def compare_with_parent(self, record: GenerationRecord | None = None) -> bool:
        """B: the current edit beside the image it was made from, in the compare view."""
        target = record if record is not None else self.current_record()
        return compare_with_parent(
            target, self.library, self.tasks, lambda pair: self.viewers_.open([], None, compare=pair),
            self.statusMessage.emit,
        )

    def _targets(self) -> list[GenerationRecord]:
        """What an action applies to: the selection, else the current record."""
        records = self.selected_records()
        if not records:
            current = self.current_record()
            records = [current] if current is not None else []
        return records

    # -- the library's changes ------------------------------------------------------------------------

    def _library_changed(self, change: RecordChange) -> None:
        self.model.place(change.records)

    def _select_once_placed(self, ids: list[str]) -> None:
        if ids:
            self.select_record_when_placed(ids[0])

    def _placed(self, ids: list[str]) -> None:
        wanted = self._select_when_placed
        if wanted is not None and wanted[0] in ids:
            self.select_record(wanted[0])

    def _settled(self) -> None:
        wanted, self._select_when_placed = self._select_when_placed, None
        if wanted is not None and not self.select_record(wanted[0]) and wanted[1] is not None:
            wanted[1]()

    # -- filtering and paging -----------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.bar.search_timer.stop()
        q = self.current_query()
        if q != self.model.query:
            self.model.set_query(q)

    def _page_loaded(self, _rows: int, more: bool) -> None:
        wanted = self._select_when_loaded
        if wanted is not None and not self.model.loading:  # a page arrived (not the reset before it)
            if self.select_record(wanted):
                self._select_when_loaded = None
            elif more:
                self.model.fetchMore(QModelIndex())  # a large family: it is further on
            else:
                self._select_when_loaded = None
                self.statusMessage.emit(
                    translate("Gallery", "That image is not shown in the gallery (it may be in the trash).")
                )
        QTimer.singleShot(0, self._maybe_fetch_more)

    def _maybe_fetch_more(self) -> None:
        """Prefetch when the view is within two screens of the end of what is loaded.

        Computed from the row count and the uniform cell size, not the scroll range (which the
        batched layout only updates later).
        """
        model = self.model
        if model.loading or not model.canFetchMore(QModelIndex()):
            return
        viewport = self.view.viewport()
        cell = self.delegate.cell
        per_line = max(1, viewport.width() // cell)
        lines = -(-model.rowCount() // per_line)
        below = lines * cell - (self.view.verticalScrollBar().value() + viewport.height())
        if below <= 2 * max(viewport.height(), cell):
            model.fetchMore(QModelIndex())

    def _scrolled(self, _value: int) -> None:
        self.loader.new_epoch()
        self._maybe_fetch_more()

    def _thumbnail_ready(self, sha: str, _size: int) -> None:
        self._ready.add(sha)
        self._schedule_repaint()

    def _repaint_everything(self) -> None:
        self._repaint_all = True
        self._schedule_repaint()

    def _schedule_repaint(self) -> None:
        if not self._repaint_timer.isActive():
            self._repaint_timer.start()

    def _repaint(self) -> None:
        """Repaint the cells whose thumbnails arrived (the whole grid after dropped requests): a result
        arriving in a full grid repaints its cell, not every cell on screen (~0.15 ms each)."""
        ready, self._ready = self._ready, set()
        everything, self._repaint_all = self._repaint_all, False
        viewport = self.view.viewport()
        if everything:
            viewport.update()
            return
        region = QRegion()
        for row in self.view.visible_rows():
            record = self.model.record_at(row)
            if record is not None and thumb_id(record) in ready:
                region += self.view.visualRect(self.model.index(row, 0))
        if not region.isEmpty():
            viewport.update(region)

    # -- selection ------------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentRecordChanged.emit(current.data(RecordRole) if current.isValid() else None)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selectionChanged.emit(self.selected_records())

    def _model_reset(self) -> None:
        self.currentRecordChanged.emit(None)
        self.selectionChanged.emit([])

    # -- keys -------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.loader.fit_screen(self._cells_on_screen())
            return False
        if watched is self.view and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            handler = self._key_handler(key_event)
            if handler is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    handler()
                return True
        return super().eventFilter(watched, event)

    def _cells_on_screen(self) -> int:
        """Cells the view shows at once: its columns times its lines, the two partly visible ones included."""
        viewport = self.view.viewport()
        cell = self.delegate.cell
        return self.view.columns() * (viewport.height() // cell + 2)

    def _key_handler(self, event: QKeyEvent) -> Callable[[], object] | None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.matches(QKeySequence.StandardKey.Undo):
            return self.undo
        if key == Qt.Key.Key_Delete or event.matches(QKeySequence.StandardKey.Delete):
            return self.delete_selected
        if mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return lambda: self.open_viewer()
        if mods == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_Space:
            return self.toggle_preview
        if mods == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_E:
            return self.edit_current
        if mods == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_B:
            return lambda: self.compare_with_parent()
        return None

    # -- context menu and actions ---------------------------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.selectionModel().setCurrentIndex(
                index, self.view.selectionModel().SelectionFlag.ClearAndSelect
            )
        menu = self.build_context_menu()
        if menu is not None:
            menu.popup(self.view.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu | None:
        """The menu for the selection (None when nothing is selected); shown with popup(), never exec()."""
        records = self._targets()
        if not records:
            return None
        if self._menu is not None:
            self._menu.deleteLater()
        self._menu = build_context_menu(self, records)
        return self._menu

    def copy_text(self, text: str) -> None:
        self.actions_.copy_text(text)

    def copy_image(self, record: GenerationRecord) -> None:
        self.actions_.copy_image(record)

    def reveal(self, record: GenerationRecord) -> None:
        self.actions_.reveal(record)

    def set_favorite(self, records: list[GenerationRecord], value: bool) -> None:
        self.actions_.set_favorite(records, value)

    def delete_selected(self) -> None:
        """Del: to the trash; in the trash view, back out of it."""
        if self.trash_view.isChecked():
            self.restore(self._targets())
        else:
            self.delete(self._targets())

    def delete(self, records: list[GenerationRecord]) -> None:
        self.trash.delete(records)

    def undo(self) -> None:
        self.trash.undo()

    def restore(self, records: list[GenerationRecord]) -> None:
        self.trash.restore(records)

    def empty_trash(self) -> QMessageBox:
        return self.trash.empty_trash()

    def edit_current(self) -> None:
        """E: an edit of the current image (one with a file)."""
        self.actions_.edit(self.current_record())

    # -- viewer ---------------------------------------------------------------------------------------

    def open_viewer(self, records: list[GenerationRecord] | None = None) -> QWidget | None:
        """Enter: the viewer on the current image (stepping through the gallery); two selected: compare."""
        selected = records if records is not None else self.selected_records()
        if len(selected) == 2:
            return self.actions_.with_edit(self.viewers_.open([], None, compare=selected))
        current = self.current_record() or (selected[0] if selected else None)
        return self.actions_.with_edit(self.viewers_.open(self.model.records(), current))

    def toggle_preview(self) -> QWidget | None:
        """Space: a quick look at the current image; Space (or Esc) again closes it."""
        return self.actions_.with_edit(self.viewers_.toggle_preview(self.current_record()))

    @property
    def viewers(self) -> list[QWidget]:
        return self.viewers_.windows

    def shutdown(self) -> None:
        """Stop listening to the library and loading thumbnails, close viewers (the window is closing)."""
        self.changes.close()
        self.loader.close()
        self.viewers_.close_all()
