"""The queue's state column: a progress bar while pending with progress, the plain words otherwise."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from fluxdesk.ui.queue.model import PROGRESS_ROLE, ModelIndex


class StateDelegate(QStyledItemDelegate):
    """The state column: a progress bar while pending with progress, the plain words otherwise."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        progress = index.data(PROGRESS_ROLE)
        if progress is None:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle  # where a bar is painted: see gallery.view.load_cell_painting

        bar = QStyleOptionProgressBar()
        cell = QRect(option.rect)
        # a bar of the usual height, centred: styles draw a row-high bar with its text beside the groove
        height = min(cell.height() - 6, option.fontMetrics.height() + 8)
        bar.rect = QRect(cell.x() + 2, cell.center().y() - height // 2, cell.width() - 4, height)
        bar.fontMetrics = option.fontMetrics
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = round(progress * 100)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        # Qt 6 reads the orientation from the state: without State_Horizontal the bar is drawn vertical
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)
