"""An icon grid with arithmetic layout: every cell has the same size, so nothing is ever laid out.

QListView (icon mode) lays every row out again whenever rows are inserted: with 10,000 images each
new page cost 20-40 ms on the GUI thread. Here a row's place is `divmod(row, columns)`, so appending a
page, scrolling and painting cost only what is visible. Selection, rubber band, keyboard moves,
drag and fetchMore come from QAbstractItemView.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QPainter, QPaintEvent, QRegion, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QWidget

_Index = QModelIndex | QPersistentModelIndex


def load_cell_painting() -> None:
    """Load what the first painted cell needs: QStyle, whose 11 enums PySide builds when the class is
    first named (~10 ms). Cells import it where they paint, so the window's first paint, which has no
    cell yet, does not pay; the window calls this once it is up and idle, so the first result of a
    batch does not pay either."""
    from PySide6.QtWidgets import QStyle  # noqa: F401  (naming the class builds it)


class GalleryView(QAbstractItemView):
    def __init__(self, parent: QWidget | None = None, *, cell: QSize = QSize(168, 168)) -> None:  # noqa: B008
        super().__init__(parent)
        self._cell = QSize(cell)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_StaticContents, False)

    # -- geometry --------------------------------------------------------------------------------

    def cell_size(self) -> QSize:
        return QSize(self._cell)

    def set_cell_size(self, size: QSize) -> None:
        self._cell = QSize(size)
        self.updateGeometries()
        self.viewport().update()

    def columns(self) -> int:
        return max(1, self.viewport().width() // max(1, self._cell.width()))

    def _rows(self) -> int:
        model = self.model()
        return model.rowCount(self.rootIndex()) if model is not None else 0

    def _lines(self) -> int:
        return -(-self._rows() // self.columns())

    def _left_margin(self) -> int:
        spare = self.viewport().width() - self.columns() * self._cell.width()
        return max(0, spare // 2)

    def _content_rect(self, row: int) -> QRect:
        line, col = divmod(row, self.columns())
        return QRect(
            self._left_margin() + col * self._cell.width(),
            line * self._cell.height(),
            self._cell.width(),
            self._cell.height(),
        )

    def visualRect(self, index: _Index) -> QRect:
        if not index.isValid() or index.row() >= self._rows():
            return QRect()
        return self._content_rect(index.row()).translated(0, -self.verticalOffset())

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        if model is None:
            return QModelIndex()
        x = point.x() - self._left_margin()
        y = point.y() + self.verticalOffset()
        if x < 0 or y < 0:
            return QModelIndex()
        col = x // self._cell.width()
        if col >= self.columns():
            return QModelIndex()
        row = (y // self._cell.height()) * self.columns() + col
        return model.index(row, 0, self.rootIndex()) if row < self._rows() else QModelIndex()

    def visible_rows(self) -> range:
        """Rows with a cell on screen now."""
        return self._visible_rows(self.viewport().rect())

    def _visible_rows(self, rect: QRect) -> range:
        """Rows whose cells intersect `rect` (viewport coordinates)."""
        top = max(0, (rect.top() + self.verticalOffset()) // self._cell.height())
        bottom = (rect.bottom() + self.verticalOffset()) // self._cell.height()
        first = top * self.columns()
        last = min(self._rows(), (bottom + 1) * self.columns())
        return range(first, max(first, last))

    def scrollTo(
        self, index: _Index, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        rect = self.visualRect(index)
        if rect.isNull():
            return
        bar = self.verticalScrollBar()
        view_h = self.viewport().height()
        if hint == QAbstractItemView.ScrollHint.PositionAtTop:
            bar.setValue(bar.value() + rect.top())
        elif hint == QAbstractItemView.ScrollHint.PositionAtBottom:
            bar.setValue(bar.value() + rect.bottom() - view_h + 1)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            bar.setValue(bar.value() + rect.center().y() - view_h // 2)
        elif rect.top() < 0:
            bar.setValue(bar.value() + rect.top())
        elif rect.bottom() >= view_h:
            bar.setValue(bar.value() + min(rect.top(), rect.bottom() - view_h + 1))
        self.viewport().update()

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: _Index) -> bool:
        return False

    def updateGeometries(self) -> None:
        bar = self.verticalScrollBar()
        total = self._lines() * self._cell.height()
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(max(1, self._cell.height() // 4))
        bar.setRange(0, max(0, total - self.viewport().height()))
        super().updateGeometries()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometries()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().scroll(dx, dy)

    # -- model changes (nothing to lay out: only the scroll range and the picture change) ----------

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        self.updateGeometries()
        self.viewport().update()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            for signal in (old.rowsRemoved, old.layoutChanged):
                try:
                    signal.disconnect(self._after_change)
                except (RuntimeError, TypeError):
                    pass
        super().setModel(model)
        if model is not None:
            model.rowsRemoved.connect(self._after_change)
            model.layoutChanged.connect(self._after_change)
        self.updateGeometries()

    def _after_change(self, *_args: object) -> None:
        self.updateGeometries()
        self.viewport().update()

    def reset(self) -> None:
        super().reset()
        self.verticalScrollBar().setValue(0)
        self.updateGeometries()
        self.viewport().update()

    def dataChanged(
        self, top_left: _Index, bottom_right: _Index, roles: Sequence[int] = ()
    ) -> None:
        super().dataChanged(top_left, bottom_right, list(roles))
        self.viewport().update()

    # -- selection and keys --------------------------------------------------------------------------

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        model = self.model()
        if model is None:
            return
        norm = rect.normalized()
        selection = QItemSelection()
        for row in self._visible_rows(norm):
            if self._content_rect(row).translated(0, -self.verticalOffset()).intersects(norm):
                index = model.index(row, 0, self.rootIndex())
                selection.select(index, index)
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        visible = self._visible_rows(self.viewport().rect())
        for selection_range in (selection.at(i) for i in range(selection.count())):
            lo = max(selection_range.top(), visible.start)
            hi = min(selection_range.bottom(), visible.stop - 1)
            for row in range(lo, hi + 1):
                region += self._content_rect(row).translated(0, -self.verticalOffset())
        return region

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        rows = self._rows()
        if model is None or rows == 0:
            return QModelIndex()
        current = self.currentIndex()
        row = current.row() if current.isValid() else -1
        columns = self.columns()
        per_page = max(1, self.viewport().height() // self._cell.height()) * columns
        act = QAbstractItemView.CursorAction
        if row < 0:
            row = 0
        elif action in (act.MoveLeft, act.MovePrevious):
            row -= 1
        elif action in (act.MoveRight, act.MoveNext):
            row += 1
        elif action == act.MoveUp:
            row -= columns
        elif action == act.MoveDown:
            row = row + columns if row + columns < rows else row
        elif action == act.MovePageUp:
            row -= per_page
        elif action == act.MovePageDown:
            row += per_page
        elif action == act.MoveHome:
            row = 0
        elif action == act.MoveEnd:
            row = rows - 1
        row = max(0, min(rows - 1, row))
        return model.index(row, 0, self.rootIndex())

    # -- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        rows = self._visible_rows(event.rect())
        if model is None or not rows:
            return  # nothing but the background, which Qt has painted
        from PySide6.QtWidgets import QStyle  # where a cell is painted: see `load_cell_painting`

        painter = QPainter(self.viewport())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        selection = self.selectionModel()
        current = self.currentIndex()
        has_focus = self.hasFocus()
        base_state = option.state & ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        for row in rows:
            index = model.index(row, 0, self.rootIndex())
            option.rect = self._content_rect(row).translated(0, -self.verticalOffset())
            if not option.rect.intersects(event.rect()):
                continue
            state = base_state | QStyle.StateFlag.State_Enabled
            if selection is not None and selection.isSelected(index):
                state |= QStyle.StateFlag.State_Selected
            if has_focus and index == current:
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            delegate.paint(painter, option, index)
        painter.end()
