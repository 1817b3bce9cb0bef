"""The gallery's list model: pages of records from the library, never the whole history.

`fetchMore()` asks the async `Library.query` for the next page and appends it when it arrives; rows
are plain `GenerationRecord`s. A new query (search, filter, sort) starts a new generation: answers
for an older one that arrive late are dropped.

New and changed records (`place`, fed by the library's change announcements) go where the library
says they belong (`Library.placements`: the library's own filter and order, never a second copy of
them here): inserted when they fall within the loaded rows, left to paging past them, taken out when
they no longer match. Deleted rows leave at once with `remove_ids()`.

The loaded rows are always the first rows of the library's answer, so the next page starts at their
count. All library work of the model runs one step at a time; an answer computed while rows changed
is asked again (a bounded number of times), since it may already reflect changes not yet placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)

from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.mime import RECORD_IDS, set_record_ids
from fluxdesk.ui.tasks import TaskRegistry

RecordRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200
#: how often an answer is asked again because rows changed while it was computed (then it is used)
RETRIES = 3

_Index = QModelIndex | QPersistentModelIndex


class GalleryModel(QAbstractListModel):
    #: a page arrived (or the query was reset): (rows now loaded, whether more can be fetched)
    pageLoaded = Signal(int, bool)
    #: the number of records matching the current query, once counted
    totalChanged = Signal(int)
    #: records were placed among the loaded rows (their ids)
    recordsPlaced = Signal(list)
    #: the worker has done all that was asked of it: every change so far is placed (`idle` holds)
    settled = Signal()

    def __init__(
        self, library: Any, tasks: TaskRegistry, *, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        self._page_size = page_size
        self._query = HistoryQuery()
        self._records: list[GenerationRecord] = []
        self._ids: set[str] = set()
        self._exhausted = False
        self._generation = 0
        self._total: int | None = None
        # what the worker has to do, in this order: place changed records, load a page, count
        self._dirty: dict[str, GenerationRecord] = {}
        self._want_page = False
        self._want_count = False
        self._changes_seen = 0  # counts `place` calls: one during a query means its answer may be stale
        self._working = False

    # -- the query ----------------------------------------------------------------------------------

    @property
    def query(self) -> HistoryQuery:
        return self._query

    @property
    def total(self) -> int | None:
        """How many records match the query (None until counted)."""
        return self._total

    @property
    def loading(self) -> bool:
        """A page was asked for and has not arrived yet."""
        return self._want_page

    @property
    def idle(self) -> bool:
        """Nothing asked of the library is pending: every change so far is placed, the count is current."""
        return not (self._working or self._dirty or self._want_page or self._want_count)

    def set_query(self, q: HistoryQuery) -> None:
        """Start over with a new filter/sort: drops every row and fetches the first page."""
        self._query = q
        self.reset()

    def reset(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._records = []
        self._ids = set()
        self._exhausted = False
        self._total = None
        self._dirty = {}  # the new first page shows the library as it is now
        self._want_page = True
        self._want_count = True
        self.endResetModel()
        self.pageLoaded.emit(0, True)
        self._working = False  # a worker of the old generation ends at its next step
        self._kick()

    # -- paging -------------------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._want_page:
            return
        self._want_page = True
        self._kick()

    def next_offset(self) -> int:
        """Where the next page starts in the library's answer: the loaded rows are its first rows."""
        return len(self._records)

    # -- new and changed records ------------------------------------------------------------------------

    def place(self, records: Iterable[GenerationRecord]) -> None:
        """Records that were saved or changed: they go (or stay, or leave) where the library says."""
        for record in records:
            self._dirty[record.id] = record
        self._changes_seen += 1
        self._kick()

    def remove_ids(self, ids: Iterable[str]) -> list[GenerationRecord]:
        """Take records out of the view at once (deleted); returns those that were shown."""
        wanted = set(ids) & self._ids
        if not wanted:
            return []
        removed: list[GenerationRecord] = []
        rows = [row for row, r in enumerate(self._records) if r.id in wanted]
        # contiguous runs from the bottom up, one beginRemoveRows per run
        for start, end in reversed(_runs(rows)):
            self.beginRemoveRows(QModelIndex(), start, end)
            removed[:0] = self._records[start : end + 1]
            del self._records[start : end + 1]
            self.endRemoveRows()
        self._ids -= wanted
        if self._total is not None:
            self._total = max(0, self._total - len(removed))
            self.totalChanged.emit(self._total)
        return removed

    # -- the worker -------------------------------------------------------------------------------------

    def _kick(self) -> None:
        if not self._working and (self._dirty or self._want_page or self._want_count):
            self._working = True
            self._tasks.spawn(self._work(self._generation), name="load the gallery")

    async def _work(self, generation: int) -> None:
        done = False
        try:
            tries = 0
            while generation == self._generation:
                seen = self._changes_seen
                if self._dirty:
                    batch, self._dirty = self._dirty, {}
                    where = await self._library.placements(self._query, list(batch))
                    if generation != self._generation:
                        return
                    if seen != self._changes_seen and tries < RETRIES:
                        self._dirty = {**batch, **self._dirty}  # newer versions win
                        tries += 1
                        continue
                    self._apply(list(batch.values()), where)
                    self._want_count = True
                elif self._want_page:
                    page = await self._library.query(
                        self._query, offset=self.next_offset(), limit=self._page_size
                    )
                    if generation != self._generation:
                        return
                    if seen != self._changes_seen and tries < RETRIES:
                        tries += 1
                        continue  # the changes are placed first, then the page is asked again
                    self._append(page)
                elif self._want_count:
                    self._want_count = False
                    total = await self._library.count(self._query)
                    if generation != self._generation:
                        return
                    self._total = total
                    self.totalChanged.emit(total)
                else:
                    done = True
                    return
                tries = 0
        finally:
            if generation == self._generation:
                self._working = False
                if done:  # after `_working` is cleared: a listener asking for more starts a worker
                    self.settled.emit()

    def _append(self, page: list[GenerationRecord]) -> None:
        self._want_page = False
        if len(page) < self._page_size:
            self._exhausted = True
        # a row placed while the page was on its way may come again in it
        fresh = [r for r in page if r.id not in self._ids]
        if fresh:
            first = len(self._records)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._records.extend(fresh)
            self._ids.update(r.id for r in fresh)
            self.endInsertRows()
        if self._exhausted and self._want_count:
            # every row is loaded: the count is what is here, with no second query (a search with
            # fewer hits than a page, the usual kind, costs one query instead of two)
            self._want_count = False
            self._total = len(self._records)
            self.totalChanged.emit(self._total)
        self.pageLoaded.emit(len(self._records), not self._exhausted)

    def _apply(self, records: list[GenerationRecord], where: dict[str, int | None]) -> None:
        """Place records at the indexes the library gave, all computed in one state of the library.

        Those leaving go first; those staying keep their row (a row's sort keys never change) and get
        the new data; those entering go in by ascending index, so each index is right when it is used.
        """
        self.remove_ids(r.id for r in records if where.get(r.id) is None)
        entering: list[tuple[int, GenerationRecord]] = []
        for record in records:
            index = where.get(record.id)
            if index is None:
                continue
            if record.id in self._ids:
                row = self.row_of(record.id)
                self._records[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
            else:
                entering.append((index, record))
        placed: list[str] = []
        run: list[GenerationRecord] = []  # records for consecutive rows from `start`: one insert for them
        start = 0

        def insert_run() -> None:
            if run:
                self.beginInsertRows(QModelIndex(), start, start + len(run) - 1)
                self._records[start:start] = run
                self._ids.update(r.id for r in run)
                self.endInsertRows()
                placed.extend(r.id for r in run)

        for index, record in sorted(entering, key=lambda pair: pair[0]):
            size = len(self._records) + len(run)  # as if each record before it were in already
            if self._exhausted:
                index = min(index, size)  # everything is loaded: it belongs in the view
            elif index >= size:
                continue  # past the loaded rows: the page that reaches it brings it
            if run and index == start + len(run):
                run.append(record)  # a burst of new results: rows 0, 1, 2... go in as one
                continue
            insert_run()
            run, start = [record], index
        insert_run()
        if placed:
            self.recordsPlaced.emit(placed)

    # -- Qt model API ---------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == RecordRole:
            return record
        if role == IdRole:
            return record.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.prompt[:300]
        if role == Qt.ItemDataRole.DisplayRole:
            return ""
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", RECORD_IDS]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The original image files, as file URLs: other applications take them as files; fluxdesk's own
        drop targets read the records' library ids beside them."""
        urls = []
        ids = []
        seen: set[str] = set()
        for index in sorted(indexes, key=lambda i: i.row()):
            record = self.record_at(index.row())
            if record is None or record.id in seen:
                continue
            seen.add(record.id)
            path = self.path_of(record)
            if path is not None:
                urls.append(QUrl.fromLocalFile(str(path)))
                ids.append(record.id)
        mime = QMimeData()
        mime.setUrls(urls)
        set_record_ids(mime, ids)
        return mime

    # -- records ----------------------------------------------------------------------------------------

    def path_of(self, record: GenerationRecord) -> Path | None:
        path = self._library.path_of(record)
        return Path(path) if path is not None else None

    def record_at(self, row: int) -> GenerationRecord | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def records(self) -> list[GenerationRecord]:
        """The loaded records, in order (a copy)."""
        return list(self._records)

    def row_of(self, record_id: str) -> int:
        if record_id not in self._ids:
            return -1
        for row, record in enumerate(self._records):
            if record.id == record_id:
                return row
        return -1


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
