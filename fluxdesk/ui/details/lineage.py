"""The details panel's lineage: "Made from" and "Edits of this image" as rows of clickable thumbnails.

Thumbnails come through the gallery's `ThumbLoader` (the one `ThumbnailCache`, decoded off the GUI
thread, its memory cache shared); a click asks for that record (`recordClicked(id)`), which the window
hands to `GalleryPanel.reveal_record`. `connect_lineage` is that wiring, in one call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from fluxdesk.library.imports import is_imported
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.delegate import SMALL_THUMB
from fluxdesk.ui.gallery.thumb_loader import thumb_id
from fluxdesk.ui.i18n import translate

if TYPE_CHECKING:
    from fluxdesk.ui.details.panel import DetailsPanel
    from fluxdesk.ui.gallery.panel import GalleryPanel
    from fluxdesk.ui.tasks import TaskRegistry

#: the thumbnails' edge in the panel, logical pixels
ICON = 64
#: thumbnails shown in one row at most (the rest are counted)
MAX_SHOWN = 12


def describe(record: GenerationRecord) -> str:
    """A thumbnail's tooltip: what the image is, in a line."""
    if is_imported(record):
        origin = record.extra.get("imported_from") or record.id[:8]
        return translate("Lineage", "Imported: {origin}").format(origin=origin)
    prompt = " ".join(record.prompt.split())
    if len(prompt) > 80:
        prompt = prompt[:79] + "…"
    shown = translate("Lineage", "{prompt} · {model}").format(
        prompt=prompt or translate("Lineage", "(no prompt)"), model=record.model
    )
    return translate("Lineage", "{image} (in the trash)").format(image=shown) if record.is_trashed else shown


class LineageStrip(QWidget):
    """A row of thumbnails of records; clicking one emits its id."""

    recordClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, loader: Any = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._records: list[GenerationRecord] = []
        #: record id -> its button, for the records shown
        self.buttons: dict[str, QToolButton] = {}
        self.more = QLabel(self)
        self.more.setEnabled(False)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.more)
        self._layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if loader is not None:
            loader.thumbnailReady.connect(self._thumbnail_ready)

    def set_loader(self, loader: Any) -> None:
        if self._loader is not None or loader is None:
            return
        self._loader = loader
        loader.thumbnailReady.connect(self._thumbnail_ready)
        self._refresh_icons()

    @property
    def records(self) -> list[GenerationRecord]:
        return list(self._records)

    def set_records(self, records: Sequence[GenerationRecord]) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self._records = list(records)
        for index, record in enumerate(self._records[:MAX_SHOWN]):
            button = QToolButton(self)
            button.setObjectName(f"lineage-{record.id}")
            button.setAutoRaise(True)
            button.setIconSize(QSize(ICON, ICON))
            button.setFixedSize(ICON + 8, ICON + 8)
            button.setToolTip(describe(record))
            button.setText(record.id[:8])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.clicked.connect(lambda _checked=False, rid=record.id: self.recordClicked.emit(rid))
            self._layout.insertWidget(index, button)
            self.buttons[record.id] = button
        hidden = len(self._records) - MAX_SHOWN
        self.more.setText(translate("Lineage", "+%n more", None, hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self._refresh_icons()

    def _refresh_icons(self) -> None:
        for record in self._records[:MAX_SHOWN]:
            self._set_icon(record, request=True)

    def _set_icon(self, record: GenerationRecord, *, request: bool) -> None:
        button = self.buttons.get(record.id)
        if button is None or self._loader is None:
            return
        dpr = self.devicePixelRatioF()
        target = QSize(round(ICON * dpr), round(ICON * dpr))
        image: QImage | None = (
            self._loader.image(record, SMALL_THUMB, target, dpr) if request
            else self._loader.cached(record, SMALL_THUMB)
        )
        if image is None:
            return  # requested: `thumbnailReady` brings it
        if image.isNull():
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)  # no image: its id
            return
        button.setIcon(QIcon(QPixmap.fromImage(image)))

    def _thumbnail_ready(self, sha: str, size: int) -> None:
        if size != SMALL_THUMB:
            return
        for record in self._records[:MAX_SHOWN]:
            if thumb_id(record) == sha:
                self._set_icon(record, request=False)


def connect_lineage(details: DetailsPanel, gallery: GalleryPanel, library: Any, tasks: TaskRegistry) -> None:
    """The window's wiring: the panel's lineage read from `library`, its thumbnails through the
    gallery's loader, a click selecting that image in the gallery (loading it when it is not shown)."""
    details.attach_lineage(library, gallery.loader, tasks)
    details.recordRequested.connect(gallery.reveal_record)
