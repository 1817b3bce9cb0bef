"""The gallery's bar: search as you type, model, period, favorites, trash, sort, the count, and the
"Family of <id>" chip while the gallery shows one image's family (cleared with one click).

It only builds the `HistoryQuery`: what matches and in which order is the library's to say.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.api.catalog import Catalog
from fluxdesk.i18n import _
from fluxdesk.library.query import HistoryQuery, local_midnight
from fluxdesk.ui.i18n import translate

SEARCH_DEBOUNCE_MS = 250
#: the search field never gets narrower than this (the filters beside it shrink first)
SEARCH_MIN_WIDTH = 120
#: the narrowest a filter's combo gets (a few letters of its choice and the arrow)
COMBO_MIN_WIDTH = 72
# labels marked here, translated where they are shown (str(): the stub types the marker as object)
SORTS = (
    ("newest", str(QT_TRANSLATE_NOOP("Gallery", "Newest first"))),
    ("oldest", str(QT_TRANSLATE_NOOP("Gallery", "Oldest first"))),
    ("prompt", str(QT_TRANSLATE_NOOP("Gallery", "By prompt"))),
)

#: the gallery's date filter: (label, days back from today's midnight; -1 = since January 1st)
DATE_RANGES: tuple[tuple[str, int | None], ...] = (
    (str(QT_TRANSLATE_NOOP("Gallery", "Any time")), None),
    (str(QT_TRANSLATE_NOOP("Gallery", "Today")), 0),
    (str(QT_TRANSLATE_NOOP("Gallery", "Last 7 days")), 6),
    (str(QT_TRANSLATE_NOOP("Gallery", "Last 30 days")), 29),
    (str(QT_TRANSLATE_NOOP("Gallery", "This year")), -1),
)


def since_of(days: int | None, now: datetime.datetime | None = None) -> float | None:
    """The start of a date range; local midnights, so the query stays the same all day long."""
    if days is None:
        return None
    midnight = local_midnight(now or datetime.datetime.now().astimezone())
    if days < 0:
        return midnight.replace(month=1, day=1).timestamp()
    return (midnight - datetime.timedelta(days=days)).timestamp()


class GalleryBar(QWidget):
    #: the query may have changed (typing is debounced; the other controls say so at once)
    changed = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("Gallery", "Search prompts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(translate(
            "Gallery", "Search the prompts of every image: every word must match, also inside a longer word"
        ))
        self.model_combo = QComboBox(self)
        # sized for a model's name, not its longest one: the search field needs the room more
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(12)
        self.model_combo.addItem(translate("Gallery", "All models"), None)
        for spec in catalog:
            self.model_combo.addItem(_(spec.label), spec.id)
            self.model_combo.setItemData(
                self.model_combo.count() - 1, _(spec.description), Qt.ItemDataRole.ToolTipRole
            )
        self.model_combo.setToolTip(translate("Gallery", "Show images of one model only"))
        self.date_combo = QComboBox(self)
        for label, days in DATE_RANGES:
            self.date_combo.addItem(translate("Gallery", label), days)
        self.date_combo.setToolTip(translate("Gallery", "Show images made in this period only"))
        self.favorites = QToolButton(self)
        self.favorites.setText(translate("Gallery", "★ Favorites"))
        self.favorites.setCheckable(True)
        self.favorites.setToolTip(translate("Gallery", "Show favorites only"))
        self.trash_view = QToolButton(self)
        self.trash_view.setText(translate("Gallery", "Trash"))
        self.trash_view.setCheckable(True)
        self.trash_view.setToolTip(
            translate("Gallery", "Show the images in the trash (restore them, or empty the trash)")
        )
        self.sort_combo = QComboBox(self)
        for key, label in SORTS:
            self.sort_combo.addItem(translate("Gallery", label), key)
        self.sort_combo.setToolTip(translate("Gallery", "Order of the gallery"))
        self.count_label = QLabel(self)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # the first to give way in a narrow window (the search field and filters matter more): whole
        # when there is room, cut down to nothing when there is none
        self.count_label.setMinimumWidth(1)
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        # as wide as their words when there is room; a narrow window may cut them to a few letters
        for combo in (self.model_combo, self.date_combo, self.sort_combo):
            combo.setMinimumWidth(COMBO_MIN_WIDTH)
        self._family: str | None = None
        self.family_chip = QToolButton(self)
        self.family_chip.setObjectName("family-chip")
        self.family_chip.setToolTip(
            translate("Gallery", "Showing one image's family: click to show every image again")
        )
        self.family_chip.setVisible(False)
        self.family_chip.clicked.connect(lambda _checked=False: self.clear_family())

        # one row; in a narrow window the filters go to a second row under the search field
        self.filters = (self.model_combo, self.date_combo, self.favorites, self.trash_view, self.sort_combo)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        # the bar says its own minimum (the two-row one), not the layout's of the moment
        rows.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.top_row = QHBoxLayout()
        self.top_row.addWidget(self.family_chip)
        self.top_row.addWidget(self.search, 1)
        for widget in self.filters:
            self.top_row.addWidget(widget)
        self.top_row.addWidget(self.count_label)
        self.filter_row = QHBoxLayout()
        self.filter_row.addStretch(1)
        rows.addLayout(self.top_row)
        rows.addLayout(self.filter_row)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self.changed.emit)
        self.model_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.favorites.toggled.connect(lambda _on: self.changed.emit())
        self.date_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.trash_view.toggled.connect(lambda _on: self.changed.emit())
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    # -- narrow windows: two rows --------------------------------------------------------------------

    @property
    def wrapped(self) -> bool:
        """The filters are on the second row."""
        return self.filter_row.indexOf(self.model_combo) >= 0

    def _row_width(self, widgets: tuple[QWidget, ...]) -> int:
        shown = [w for w in widgets if not w.isHidden()]
        spacing = max(0, self.top_row.spacing())
        # as the layout counts it: a minimum width set wins over the widget's hint
        return sum(w.minimumWidth() or w.minimumSizeHint().width() for w in shown) + spacing * len(shown)

    def one_row_width(self) -> int:
        return self._row_width((self.family_chip, self.search, *self.filters))

    def minimumSizeHint(self) -> QSize:
        """Two rows' worth: what the bar needs at its narrowest."""
        width = max(self._row_width((self.family_chip, self.search)), self._row_width(self.filters))
        row = max(w.minimumSizeHint().height() for w in (self.search, *self.filters))
        return QSize(width, 2 * row + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def arrange(self, width: int) -> None:
        """Filters beside the search field when they fit, under it when not (with a little hysteresis,
        so that a width on the edge does not flip them back and forth)."""
        need = self.one_row_width()
        if not self.wrapped and width < need:
            for widget in self.filters:
                self.top_row.removeWidget(widget)
                self.filter_row.insertWidget(self.filter_row.count() - 1, widget)
        elif self.wrapped and width >= need + 8:
            for widget in self.filters:
                self.filter_row.removeWidget(widget)
                self.top_row.insertWidget(self.top_row.count() - 1, widget)

    @property
    def family(self) -> str | None:
        """The record whose family is shown, if one is."""
        return self._family

    def set_family(self, record_id: str) -> None:
        """Show only this record, its ancestors and its descendants: the other filters are set back to
        show everything (they would hide relatives), the trash view left; the sort stays."""
        widgets = (self.search, self.model_combo, self.date_combo, self.favorites, self.trash_view)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_timer.stop()
            self.search.clear()
            self.model_combo.setCurrentIndex(0)
            self.date_combo.setCurrentIndex(0)
            self.favorites.setChecked(False)
            self.trash_view.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._family = record_id
        self.family_chip.setText(translate("Gallery", "Family of {id}  ✕").format(id=record_id[:8]))
        self.family_chip.setVisible(True)
        self.changed.emit()

    def clear_family(self) -> None:
        if self._family is None:
            return
        self._family = None
        self.family_chip.setVisible(False)
        self.changed.emit()

    def query(self) -> HistoryQuery:
        return HistoryQuery(
            family=self._family,
            # as typed: the library finds a word inside longer ones, so half a word already matches
            text=self.search.text(),
            model=self.model_combo.currentData(),
            favorites=self.favorites.isChecked(),
            sort=self.sort_combo.currentData() or "newest",
            only_trashed=self.trash_view.isChecked(),
            since=since_of(self.date_combo.currentData()),
        )

    def show_total(self, total: int, shown: HistoryQuery) -> None:
        if total == 0:
            if shown == HistoryQuery(sort=shown.sort, only_trashed=True):  # the whole trash, and nothing
                self.count_label.setText(translate("Gallery", "The trash is empty."))
            elif shown != HistoryQuery(sort=shown.sort):
                self.count_label.setText(translate("Gallery", "No match"))
            else:
                self.count_label.setText(translate("Gallery", "No images yet"))
        elif total == 1:  # the exact English singular without a translation loaded
            self.count_label.setText(translate("Gallery", "1 image"))
        else:
            # Qt writes the count as plain digits; shown grouped ("10,001"), Western digits in every language
            said = translate("Gallery", "%n images", None, total)
            self.count_label.setText(said.replace(str(total), f"{total:,}"))
