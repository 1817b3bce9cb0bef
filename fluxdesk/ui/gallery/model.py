"""The gallery's list model: pages of records from the library, never the whole history.

`fetchMore()` asks the async `Library.query` for the next page (through the task registry) and
appends it when it arrives; rows are plain `GenerationRecord`s. A new query (search, filter, sort)
starts a new generation: pages of an older one that arrive late are dropped. Live results go in at
their sorted place with `insert_record()` when they match the filter; deleted rows are taken out
with `remove_ids()` and put back with `insert_record()` on undo.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
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
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.tasks import TaskRegistry

RecordRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200

_Index = QModelIndex | QPersistentModelIndex


def matches(q: HistoryQuery, record: GenerationRecord) -> bool:
    """Whether `record` belongs in the results of `q` (the library's filter, for live results)."""
    if q.only_done and record.status is not JobState.DONE:
        return False
    if q.only_trashed:
        if record.deleted_at is None:
            return False
    elif not q.include_trashed and record.deleted_at is not None:
        return False
    if q.model and record.model != q.model:
        return False
    if q.favorites and not record.favorite:
        return False
    if q.since is not None and record.created_at < q.since:
        return False
    if q.until is not None and record.created_at >= q.until:
        return False
    words = _words(record.prompt)
    for raw in q.text.split():
        prefix = raw.endswith("*")
        for term in _words(raw):
            # as the library's FTS5 (unicode61, diacritics removed): whole words, or word prefixes
            if not any(w.startswith(term) if prefix else w == term for w in words):
                return False
    return True


def _words(text: str) -> list[str]:
    """Words as the FTS5 unicode61 tokenizer sees them: letters and digits, case and accents folded."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", plain)


def sort_key(sort: str, record: GenerationRecord) -> tuple[Any, ...]:
    """Ascending key matching the library's ORDER BY (ties broken by created_at only)."""
    if sort == "oldest":
        return (record.created_at,)
    if sort == "prompt":
        return (record.prompt.casefold(), -record.created_at)
    return (-record.created_at,)


class GalleryModel(QAbstractListModel):
    #: a page arrived (or the query was reset): (rows now loaded, whether more can be fetched)
    pageLoaded = Signal(int, bool)
    #: the number of records matching the current query, once counted
    totalChanged = Signal(int)

    def __init__(
        self, library: Any, tasks: TaskRegistry, *, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        self._page_size = page_size
        self._query = HistoryQuery()
        self._records: list[GenerationRecord] = []
        self._keys: list[tuple[Any, ...]] = []
        self._ids: set[str] = set()
        self._offset = 0  # rows of the library's result that are (or were) loaded, for the next page
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self._total: int | None = None

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
        return self._loading

    def set_query(self, q: HistoryQuery) -> None:
        """Start over with a new filter/sort: drops every row and fetches the first page."""
        self._query = q
        self.reset()

    def reset(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._records = []
        self._keys = []
        self._ids = set()
        self._offset = 0
        self._exhausted = False
        self._loading = False
        self._total = None
        self.endResetModel()
        self.pageLoaded.emit(0, True)
        self._tasks.spawn(self._count(self._generation), name="count the gallery")
        self.fetchMore(QModelIndex())

    async def _count(self, generation: int) -> None:
        total = await self._library.count(self._query)
        if generation == self._generation:
            self._total = total
            self.totalChanged.emit(total)

    # -- paging -------------------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._loading = True
        self._tasks.spawn(self._fetch(self._generation, self._offset), name="load the gallery")

    async def _fetch(self, generation: int, offset: int) -> None:
        try:
            page = await self._library.query(self._query, offset=offset, limit=self._page_size)
        finally:
            if generation == self._generation:
                self._loading = False
        if generation != self._generation:
            return
        self._offset += len(page)
        if len(page) < self._page_size:
            self._exhausted = True
        fresh = [r for r in page if r.id not in self._ids]
        if fresh:
            first = len(self._records)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for record in fresh:
                self._records.append(record)
                self._keys.append(sort_key(self._query.sort, record))
                self._ids.add(record.id)
            self.endInsertRows()
        self.pageLoaded.emit(len(self._records), not self._exhausted)

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
        return ["text/uri-list"]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The original image files, as file URLs: other applications take them as files."""
        urls = []
        seen: set[str] = set()
        for index in sorted(indexes, key=lambda i: i.row()):
            record = self.record_at(index.row())
            if record is None or record.id in seen:
                continue
            seen.add(record.id)
            path = self.path_of(record)
            if path is not None:
                urls.append(QUrl.fromLocalFile(str(path)))
        mime = QMimeData()
        mime.setUrls(urls)
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

    def insert_record(self, record: GenerationRecord) -> bool:
        """Show a record (a new result, or one restored by undo) at its sorted place if it matches.

        Returns whether it was inserted. A record sorted past the loaded rows is left to paging.
        """
        if not matches(self._query, record):
            return False
        if record.id in self._ids:
            self.update_record(record)
            return False
        key = sort_key(self._query.sort, record)
        row = bisect.bisect_left(self._keys, key)
        if row >= len(self._records) and not self._exhausted:
            return False  # it will come with a later page
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.insert(row, record)
        self._keys.insert(row, key)
        self._ids.add(record.id)
        self.endInsertRows()
        self._offset += 1  # the library now has one more row before the next page
        if self._total is not None:
            self._total += 1
            self.totalChanged.emit(self._total)
        return True

    def update_record(self, record: GenerationRecord) -> None:
        """Replace a loaded record (favorite changed...); it leaves when it no longer matches."""
        row = self.row_of(record.id)
        if row < 0:
            return
        if not matches(self._query, record):
            self.remove_ids([record.id])
            return
        self._records[row] = record
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def remove_ids(self, ids: Iterable[str]) -> list[GenerationRecord]:
        """Take records out of the view (deleted); returns those that were shown."""
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
            del self._keys[start : end + 1]
            self.endRemoveRows()
        self._ids -= wanted
        self._offset = max(0, self._offset - len(removed))
        if self._total is not None:
            self._total = max(0, self._total - len(removed))
            self.totalChanged.emit(self._total)
        return removed


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
