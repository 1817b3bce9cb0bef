"""The gallery: a search/filter bar over a virtual icon view of the library, paged and never blocking.

`GalleryPanel(library, thumbs, tasks, catalog)`: the view shows pages of the library's history
(`GalleryModel`), cells painted by `GalleryDelegate` from thumbnails the `ThumbLoader` makes off the
GUI thread. Search is debounced; the model, favorites and sort filters start a new query at once.
Delete moves the selection to the trash (Ctrl+Z brings it back), Enter opens the viewer (two
selected: side by side), Space a quick preview; images drag out to other applications as files.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QImage, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import Catalog
from fluxdesk.library.query import HistoryQuery, local_midnight
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.delegate import GalleryDelegate
from fluxdesk.ui.gallery.model import PAGE_SIZE, GalleryModel, RecordRole
from fluxdesk.ui.gallery.thumb_loader import ThumbLoader, load_full_image
from fluxdesk.ui.gallery.view import GalleryView
from fluxdesk.ui.platform.reveal import reveal as reveal_in_file_manager
from fluxdesk.ui.tasks import TaskRegistry

SEARCH_DEBOUNCE_MS = 250
SORTS = (("newest", "Newest first"), ("oldest", "Oldest first"), ("prompt", "By prompt"))


#: the gallery's date filter: (label, days back from today's midnight; -1 = since January 1st)
DATE_RANGES: tuple[tuple[str, int | None], ...] = (
    ("Any time", None), ("Today", 0), ("Last 7 days", 6), ("Last 30 days", 29), ("This year", -1),
)


def since_of(days: int | None, now: datetime.datetime | None = None) -> float | None:
    """The start of a date range; local midnights, so the query stays the same all day long."""
    if days is None:
        return None
    midnight = local_midnight(now or datetime.datetime.now().astimezone())
    if days < 0:
        return midnight.replace(month=1, day=1).timestamp()
    return (midnight - datetime.timedelta(days=days)).timestamp()


def as_you_type(text: str) -> str:
    """Search as the designer types: every word is also a prefix ("kit" finds "kite")."""
    return " ".join(w if w.endswith("*") else w + "*" for w in text.split())


class GalleryPanel(QWidget):
    useSettingsRequested = Signal(object)  # GenerationRecord
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
        self._library = library
        self._tasks = tasks
        self._catalog = catalog
        self._undo: list[list[GenerationRecord]] = []
        self._menu: QMenu | None = None
        self._confirm: QMessageBox | None = None
        self._viewers: list[QWidget] = []
        self._preview: QWidget | None = None
        #: how "Reveal in folder" opens a folder (tests replace it)
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.reveal_file: Callable[..., Any] = reveal_in_file_manager

        self.model = GalleryModel(library, tasks, page_size=page_size, parent=self)
        self.loader = ThumbLoader(thumbs, tasks, self.model.path_of, parent=self)
        self.delegate = GalleryDelegate(self.loader, self)

        # -- the bar ------------------------------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search prompts…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Search the prompts of every image (words must all match; kit* matches a prefix)"
        )
        self.model_combo = QComboBox(self)
        # sized for a model's name, not its longest one: the search field needs the room more
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(12)
        self.model_combo.addItem("All models", None)
        for spec in catalog:
            self.model_combo.addItem(spec.label, spec.id)
            self.model_combo.setItemData(
                self.model_combo.count() - 1, spec.description, Qt.ItemDataRole.ToolTipRole
            )
        self.model_combo.setToolTip("Show images of one model only")
        self.date_combo = QComboBox(self)
        for label, days in DATE_RANGES:
            self.date_combo.addItem(label, days)
        self.date_combo.setToolTip("Show images made in this period only")
        self.favorites = QToolButton(self)
        self.favorites.setText("★ Favorites")
        self.favorites.setCheckable(True)
        self.favorites.setToolTip("Show favorites only")
        self.trash_view = QToolButton(self)
        self.trash_view.setText("Trash")
        self.trash_view.setCheckable(True)
        self.trash_view.setToolTip("Show the images in the trash (restore them, or empty the trash)")
        self.sort_combo = QComboBox(self)
        for key, label in SORTS:
            self.sort_combo.addItem(label, key)
        self.sort_combo.setToolTip("Order of the gallery")
        self.count_label = QLabel(self)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.model_combo)
        bar.addWidget(self.date_combo)
        bar.addWidget(self.favorites)
        bar.addWidget(self.trash_view)
        bar.addWidget(self.sort_combo)
        bar.addWidget(self.count_label)

        # -- the view ---------------------------------------------------------------------------------
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
        self.view.setToolTip("")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        # -- actions (shortcuts are handled by the view's key filter; the text shows them) -------------
        self.undo_action = QAction("Undo delete", self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        self.addAction(self.undo_action)

        # -- wiring -------------------------------------------------------------------------------------
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_filter)
        self.model_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.favorites.toggled.connect(lambda _on: self._apply_filter())
        self.date_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.trash_view.toggled.connect(lambda _on: self._apply_filter())
        self.sort_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())

        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(16)
        self._repaint_timer.timeout.connect(self.view.viewport().update)
        self.loader.thumbnailReady.connect(self._thumbnail_ready)
        self.loader.requestsDropped.connect(self._schedule_repaint)

        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.open_viewer())
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        selection.selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._model_reset)
        self.model.totalChanged.connect(self._show_total)
        self.model.pageLoaded.connect(self._page_loaded)

        self.model.set_query(self.current_query())

    # -- public API ------------------------------------------------------------------------------------

    def current_query(self) -> HistoryQuery:
        return HistoryQuery(
            text=as_you_type(self.search.text()),
            model=self.model_combo.currentData(),
            favorites=self.favorites.isChecked(),
            sort=self.sort_combo.currentData() or "newest",
            only_trashed=self.trash_view.isChecked(),
            since=since_of(self.date_combo.currentData()),
        )

    def add_record(self, record: GenerationRecord) -> None:
        """A new result: it appears at its place if it matches the current filter."""
        self.model.insert_record(record)

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
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, self.view.selectionModel().SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return True

    def _targets(self) -> list[GenerationRecord]:
        """What an action applies to: the selection, else the current record."""
        records = self.selected_records()
        if not records:
            current = self.current_record()
            records = [current] if current is not None else []
        return records

    # -- filtering ---------------------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        q = self.current_query()
        if q != self.model.query:
            self.model.set_query(q)

    def _show_total(self, total: int) -> None:
        if total == 0:
            filtered = self.model.query != HistoryQuery(sort=self.model.query.sort)
            self.count_label.setText("No match" if filtered else "No images yet")
        else:
            self.count_label.setText(f"{total:,} image{'s' if total != 1 else ''}")

    def _page_loaded(self, _rows: int, _more: bool) -> None:
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

    def _thumbnail_ready(self, _sha: str, _size: int) -> None:
        self._schedule_repaint()

    def _schedule_repaint(self) -> None:
        if not self._repaint_timer.isActive():
            self._repaint_timer.start()

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
        if watched is self.view and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            handler = self._key_handler(key_event)
            if handler is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    handler()
                return True
        return super().eventFilter(watched, event)

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
        return None

    # -- context menu -----------------------------------------------------------------------------------

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
        first = records[0]
        one = len(records) == 1
        menu = QMenu(self)
        self._menu = menu

        def add(text: str, slot: Callable[[], Any], *, enabled: bool = True, name: str = "") -> QAction:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _checked=False: slot())
            return action

        add("Use these settings", lambda: self.useSettingsRequested.emit(first), enabled=one, name="use")
        add("Vary seed", lambda: self.variationsRequested.emit(first), enabled=one, name="vary")
        menu.addSeparator()
        add("Copy prompt", lambda: self._copy_text(first.prompt), enabled=one, name="copy_prompt")
        add(
            "Copy seed",
            lambda: self._copy_text(str(first.seed)),
            enabled=one and first.seed is not None,
            name="copy_seed",
        )
        add("Copy image", lambda: self.copy_image(first), enabled=one, name="copy_image")
        menu.addSeparator()
        all_favorite = all(r.favorite for r in records)
        fav = add("Favorite", lambda: self.set_favorite(records, not all_favorite), name="favorite")
        fav.setCheckable(True)
        fav.setChecked(all_favorite)
        add("Reveal in folder", lambda: self.reveal(first), name="reveal")
        add("Open\tEnter", self.open_viewer, name="open")
        if len(records) == 2:
            add("Compare side by side\tEnter", lambda: self.open_viewer(records), name="compare")
        add("Export…", lambda: self.exportRequested.emit(list(records)), name="export")
        menu.addSeparator()
        if self.trash_view.isChecked():
            add(
                f"Restore{'' if one else f' {len(records)} images'}\tDel",
                lambda: self.restore(records),
                name="restore",
            )
            add("Empty trash…", self.empty_trash, name="empty_trash")
        else:
            add(
                f"Delete{'' if one else f' {len(records)} images'}\tDel",
                lambda: self.delete(records),
                name="delete",
            )
        return menu

    # -- actions --------------------------------------------------------------------------------------

    def _copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.statusMessage.emit("Copied to the clipboard.")

    def copy_image(self, record: GenerationRecord) -> None:
        path = self.model.path_of(record)
        if path is None:
            return
        self._tasks.spawn(self._copy_image(path), name="copy the image")

    async def _copy_image(self, path: Path) -> None:
        image: QImage = await asyncio.get_running_loop().run_in_executor(None, load_full_image, path)
        if image.isNull():
            self.statusMessage.emit(f"Could not read {path.name}.")
            return
        QGuiApplication.clipboard().setImage(image)
        self.statusMessage.emit("Image copied to the clipboard.")

    def reveal(self, record: GenerationRecord) -> None:
        """The file selected in the system's file manager (its folder, where that cannot be done)."""
        path = self.model.path_of(record)
        if path is not None:
            self.reveal_file(path, self.open_url, self)

    def set_favorite(self, records: list[GenerationRecord], value: bool) -> None:
        if records:
            self._tasks.spawn(self._set_favorite(records, value), name="mark favorites")

    async def _set_favorite(self, records: list[GenerationRecord], value: bool) -> None:
        await self._library.set_favorite([r.id for r in records], value)
        for record in records:
            self.model.update_record(record.evolve(favorite=value))
        self.view.viewport().update()

    def delete_selected(self) -> None:
        """Del: to the trash; in the trash view, back out of it."""
        if self.trash_view.isChecked():
            self.restore(self._targets())
        else:
            self.delete(self._targets())

    def restore(self, records: list[GenerationRecord]) -> None:
        """Take images out of the trash (from the trash view)."""
        if not records:
            return
        self.model.remove_ids(r.id for r in records)
        self._tasks.spawn(self._restore(records, reinsert=False), name="restore images from the trash")

    def empty_trash(self) -> QMessageBox:
        """Ask (without blocking), then delete the trashed images' files for good."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Empty the trash",
            "Delete every image in the trash from the disk? This cannot be undone.",
            QMessageBox.StandardButton.Cancel, self,
        )
        confirm = box.addButton("Empty trash", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._tasks.spawn(self._empty_trash(), name="empty the trash")
            if button is confirm else None
        )
        self._confirm = box
        box.open()
        return box

    async def _empty_trash(self) -> None:
        n = await self._library.empty_trash()
        self._undo.clear()  # what was emptied can no longer come back
        self.undo_action.setEnabled(False)
        if self.trash_view.isChecked():
            self.refresh()
        done = f"Deleted {n} image{'s' if n != 1 else ''} for good."
        self.statusMessage.emit("The trash was already empty." if n == 0 else done)

    def delete(self, records: list[GenerationRecord]) -> None:
        """Move to the trash at once (the rows go now); Ctrl+Z brings them back."""
        if not records:
            return
        removed = self.model.remove_ids(r.id for r in records) or list(records)
        self._undo.append(removed)
        self.undo_action.setEnabled(True)
        self._tasks.spawn(self._trash(removed), name="move images to the trash")
        n = len(removed)
        self.statusMessage.emit(
            f"Moved {'1 image' if n == 1 else f'{n} images'} to the trash. Press Ctrl+Z to undo."
        )

    async def _trash(self, records: list[GenerationRecord]) -> None:
        try:
            await self._library.trash([r.id for r in records])
        except BaseException:
            for record in records:
                self.model.insert_record(record)
            if records in self._undo:
                self._undo.remove(records)
            self.undo_action.setEnabled(bool(self._undo))
            raise

    def undo(self) -> None:
        if not self._undo:
            self.statusMessage.emit("Nothing to undo.")
            return
        records = self._undo.pop()
        self.undo_action.setEnabled(bool(self._undo))
        self._tasks.spawn(self._restore(records), name="restore images from the trash")

    async def _restore(self, records: list[GenerationRecord], *, reinsert: bool = True) -> None:
        await self._library.restore([r.id for r in records])
        for record in records if reinsert else []:
            self.model.insert_record(record.evolve(deleted_at=None))
        if records:
            self.select_record(records[0].id)
        n = len(records)
        self.statusMessage.emit(f"Restored {'1 image' if n == 1 else f'{n} images'}.")

    # -- viewer ---------------------------------------------------------------------------------------

    def open_viewer(self, records: list[GenerationRecord] | None = None) -> QWidget | None:
        """Enter: the viewer on the current image (stepping through the gallery); two selected: compare."""
        from fluxdesk.ui.viewer.window import ViewerWindow

        selected = records if records is not None else self.selected_records()
        if len(selected) == 2:
            viewer = ViewerWindow(selected, self.model.path_of, self._tasks, compare=True, parent=self)
        else:
            current = self.current_record() or (selected[0] if selected else None)
            if current is None:
                return None
            everything = self.model.records()
            index = next((i for i, r in enumerate(everything) if r.id == current.id), 0)
            viewer = ViewerWindow(everything, self.model.path_of, self._tasks, index=index, parent=self)
        self._track(viewer)
        viewer.show()
        if QGuiApplication.platformName() != "offscreen":  # which cannot raise windows (and says so)
            viewer.raise_()
            viewer.activateWindow()
        return viewer

    def toggle_preview(self) -> QWidget | None:
        """Space: a quick look at the current image; Space (or Esc) again closes it."""
        from fluxdesk.ui.viewer.window import ViewerWindow

        if self._preview is not None:
            self._preview.close()
            self._preview = None
            return None
        current = self.current_record()
        if current is None:
            return None
        preview = ViewerWindow([current], self.model.path_of, self._tasks, preview=True, parent=self)
        self._preview = preview
        self._track(preview)
        preview.destroyed.connect(lambda _obj=None: self._forget_preview(preview))
        preview.show()
        return preview

    def _forget_preview(self, preview: QWidget) -> None:
        if self._preview is preview:
            self._preview = None

    def _track(self, viewer: QWidget) -> None:
        self._viewers.append(viewer)
        viewer.destroyed.connect(
            lambda _obj=None: self._viewers.remove(viewer) if viewer in self._viewers else None
        )

    @property
    def viewers(self) -> list[QWidget]:
        return list(self._viewers)

    def shutdown(self) -> None:
        """Stop loading thumbnails and close viewers (the window is closing)."""
        self.loader.close()
        for viewer in list(self._viewers):
            viewer.close()
