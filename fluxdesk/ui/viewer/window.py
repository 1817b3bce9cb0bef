"""The viewer: one image at full size (or two side by side), decoded off the GUI thread.

`ViewerWindow(records, path_of, tasks, index=0, compare=False, preview=False, canvas=None)` is a
top-level, non-modal window. Fit (Ctrl+0), 100% (Ctrl+1), zoom (Ctrl+wheel, +/-), pan by dragging;
Left/Right step through `records`; Esc closes (Space too for a quick preview). With `compare=True` the
first two records are shown side by side with their zoom and pan kept together. With `canvas` (a
`CanvasMode`) the record's image is shown in a `Canvas` (`.canvas`) to paint a mask on or expand; it
does not step to other records, which would lose the painting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.thumb_loader import load_full_image
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.canvas import Canvas
from fluxdesk.ui.viewer.canvas_mode import CanvasMode
from fluxdesk.ui.viewer.image_view import ZOOM_STEP, ImageView


class ViewerWindow(QWidget):
    """A top-level, non-modal viewer over `records` (or a side-by-side compare of two)."""

    #: the record shown changed (stepping); in compare mode, the first of the two
    recordChanged = Signal(object)
    #: an image finished loading (or failed): the view's index (0, or 1 in compare)
    imageLoaded = Signal(int)
    #: Edit… on the record shown (the first of a compare)
    editRequested = Signal(object)

    def __init__(
        self,
        records: Sequence[GenerationRecord],
        path_of: Callable[[GenerationRecord], Path | None],
        tasks: TaskRegistry,
        *,
        index: int = 0,
        compare: bool = False,
        preview: bool = False,
        canvas: CanvasMode | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if not records:
            raise ValueError("the viewer needs at least one record")
        self._records = list(records)
        self._path_of = path_of
        self._tasks = tasks
        self._compare = compare and len(self._records) >= 2 and canvas is None
        self._stepping = not self._compare and canvas is None and len(self._records) > 1
        self._preview = preview
        self._index = max(0, min(index, len(self._records) - 1))
        self._load_tasks: list[asyncio.Task[None] | None] = [None, None]
        self._syncing = False

        count = 2 if self._compare else 1
        self.canvas = Canvas(tasks, mode=canvas, parent=self) if canvas is not None else None
        self.views = [ImageView(self) for _ in range(count)] if self.canvas is None else [self.canvas.view]
        self.captions = [QLabel(self) for _ in range(count)]
        for caption in self.captions:
            caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)

        def button(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _checked=False: slot())
            bar.addWidget(b)
            return b

        self.prev_button = button("◀", translate("Viewer", "Previous image (Left)"), self.previous)
        self.next_button = button("▶", translate("Viewer", "Next image (Right)"), self.next)
        fit_tip = translate("Viewer", "Fit to the window ({key})").format(key=_key_text("Ctrl+0"))
        button(translate("Viewer", "Fit"), fit_tip, self.fit)
        actual_tip = translate("Viewer", "Actual size ({key})").format(key=_key_text("Ctrl+1"))
        button("100%", actual_tip, self.actual_size)
        button("−", translate("Viewer", "Zoom out (-, Ctrl+wheel)"), self.zoom_out)
        button("+", translate("Viewer", "Zoom in (+, Ctrl+wheel)"), self.zoom_in)
        self.zoom_label = QLabel(self)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        self.edit_button = button(
            translate("Viewer", "Edit…"),
            translate("Viewer", "Edit this image: change it with words, a mask or new borders"),
            lambda: self.editRequested.emit(self.current_record),
        )
        self.edit_button.setObjectName("edit")
        self.edit_button.setVisible(self.canvas is None)
        self.prev_button.setVisible(self._stepping)
        self.next_button.setVisible(self._stepping)

        panes = QSplitter(Qt.Orientation.Horizontal, self)
        for view, caption in zip(self.views, self.captions, strict=True):
            pane = QWidget(panes)
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.setSpacing(2)
            pane_layout.addWidget(view if self.canvas is None else self.canvas, 1)
            pane_layout.addWidget(caption)
            panes.addWidget(pane)
            view.viewChanged.connect(lambda v=view: self._view_changed(v))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(panes, 1)

        self.resize(1200 if self._compare else 1000, 760)
        self.views[0].setFocus()
        self._show_current()

    # -- public API ---------------------------------------------------------------------------------

    @property
    def records(self) -> list[GenerationRecord]:
        return list(self._records)

    @property
    def index(self) -> int:
        return self._index

    @property
    def compare(self) -> bool:
        return self._compare

    @property
    def current_record(self) -> GenerationRecord:
        return self._records[self._index]

    def shown_records(self) -> list[GenerationRecord]:
        if self._compare:
            return self._records[:2]
        return [self._records[self._index]]

    def is_loaded(self) -> bool:
        return all(t is None or t.done() for t in self._load_tasks)

    def fit(self) -> None:
        self.views[0].fit()
        self._sync_from(self.views[0])

    def actual_size(self) -> None:
        self.views[0].actual_size()
        self._sync_from(self.views[0])

    def zoom_in(self) -> None:
        self.views[0].zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.views[0].zoom_by(1 / ZOOM_STEP)

    def next(self) -> None:
        self.step(1)

    def previous(self) -> None:
        self.step(-1)

    def step(self, delta: int) -> None:
        if not self._stepping:
            return
        index = max(0, min(len(self._records) - 1, self._index + delta))
        if index != self._index:
            self._index = index
            self._show_current()

    # -- loading ------------------------------------------------------------------------------------

    def _show_current(self) -> None:
        shown = self.shown_records()
        for slot, record in enumerate(shown):
            self._load(slot, record)
        first = shown[0]
        if self._compare:
            self.setWindowTitle(translate("Viewer", "Compare — {before} | {after}").format(
                before=_short(shown[0].prompt), after=_short(shown[1].prompt)
            ))
        else:
            title = _short(first.prompt)
            if len(self._records) > 1:
                title = translate("Viewer", "{number}/{count} — {prompt}").format(
                    number=self._index + 1, count=len(self._records), prompt=title
                )
            self.setWindowTitle(title)
            self.prev_button.setEnabled(self._index > 0)
            self.next_button.setEnabled(self._index < len(self._records) - 1)
        self.recordChanged.emit(first)

    def _load(self, slot: int, record: GenerationRecord) -> None:
        old = self._load_tasks[slot]
        if old is not None and not old.done():
            old.cancel()
        view = self.views[slot]
        view.set_message(translate("Viewer", "Loading…"))
        size = f"{record.width} × {record.height}" if record.width and record.height else ""
        self.captions[slot].setText(translate("Viewer", "{model}  ·  seed {seed}  ·  {size}").format(
            model=record.model, seed=record.seed, size=size
        ))
        self.captions[slot].setToolTip(record.prompt)
        path = self._path_of(record)
        if path is None:
            view.set_message(translate("Viewer", "This image has no file."))
            self._load_tasks[slot] = None
            self.imageLoaded.emit(slot)
            return
        self._load_tasks[slot] = self._tasks.spawn(self._decode(slot, path), name="open the image")

    async def _decode(self, slot: int, path: Path) -> None:
        loop = asyncio.get_running_loop()
        image: QImage = await loop.run_in_executor(None, load_full_image, path)
        view = self.views[slot]
        if image.isNull():
            view.set_message(translate("Viewer", "Could not read {name}.").format(name=path.name))
        else:
            view.set_image(image)
            if self._compare and slot == 1:
                self._sync_from(self.views[0])
        self._update_zoom_label()
        self.imageLoaded.emit(slot)

    # -- compare sync -------------------------------------------------------------------------------

    def _view_changed(self, view: ImageView) -> None:
        self._update_zoom_label()
        self._sync_from(view)

    def _sync_from(self, source: ImageView) -> None:
        if not self._compare or self._syncing:
            return
        self._syncing = True
        try:
            for other in self.views:
                if other is not source:
                    other.follow(source)
        finally:
            self._syncing = False

    def _update_zoom_label(self) -> None:
        view = self.views[0]
        text = f"{view.zoom * 100:.0f}%"
        fitting = translate("Viewer", "Fit ({zoom})").format(zoom=text)
        self.zoom_label.setText(fitting if view.fitting else text)

    # -- keys and closing ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape or (self._preview and key == Qt.Key.Key_Space):
            self.close()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif ctrl and key == Qt.Key.Key_1:
            self.actual_size()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus or event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        elif key == Qt.Key.Key_Left:
            self.previous()
        elif key == Qt.Key.Key_Right:
            self.next()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.canvas is not None:
            self.canvas.shutdown()
        for task in self._load_tasks:
            if task is not None and not task.done():
                task.cancel()
        super().closeEvent(event)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key_text(portable: str) -> str:
    return QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText)


__all__ = ["ImageView", "ViewerWindow"]
