"""The large view in the main window: the image chosen in the gallery (or the newest result) at any
zoom, an edit side by side with the image it was made from, and the canvas of a Fill or Expand edit.

Two pages: the result page (one `ImageView`, or two with their zoom and pan kept together: the edit
and its parent) and the canvas page (a `Canvas`, bound to the draft by `CanvasBinding`). The window
chooses what is shown; the pane decodes images off the GUI thread and never steps on its own.

The canvas (its view, tools and the mask code: ~30 ms of imports and building) is made at its first
use, `ensure_canvas()`: an edit whose model paints a mask or expands, or its page shown. Most sessions
never edit, and none needs it before the window is on screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.i18n.bidi import keep_left_to_right
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.thumb_loader import load_full_image
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.canvas_mode import CanvasMode
from fluxdesk.ui.viewer.image_view import ZOOM_STEP, ImageView, scaled_preview

if TYPE_CHECKING:
    from fluxdesk.ui.viewer.canvas import Canvas


def canvas_title(mode: CanvasMode) -> str:
    """What the canvas page is for, in the mode it is in."""
    if mode is CanvasMode.MASK:
        return translate("Stage", "Paint over what Fill repaints")
    return translate("Stage", "Drag the image's edges outwards")


class StagePane(QWidget):
    #: Edit… on the image shown
    editRequested = Signal(object)  # GenerationRecord
    #: an image of the result page finished loading (or failed): its slot, 0 or 1
    imageLoaded = Signal(int)
    #: the canvas was made (`ensure_canvas`, once): the Canvas, to be bound to the draft
    canvasBuilt = Signal(object)

    def __init__(
        self,
        tasks: TaskRegistry,
        path_of: Callable[[GenerationRecord], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stage")
        self._tasks = tasks
        self._path_of = path_of
        self._records: list[GenerationRecord] = []
        self._loads: list[asyncio.Task[None] | None] = [None, None]
        self._wanted: list[Path | None] = [None, None]  # the file each pane is to show
        self._shown: list[Path | None] = [None, None]  # the file it shows
        self._syncing = False
        self._title = ""

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        self.title = QLabel(self)
        self.title.setObjectName("stage-title")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.title, 1)

        def button(text: str, tip: str, slot: Callable[[], object], name: str = "") -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setObjectName(name)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _checked=False: slot())
            bar.addWidget(b)
            return b

        self.result_button = button(
            translate("Stage", "Result"), translate("Stage", "Show the image chosen in the gallery"),
            self.show_result_page, "stage-result",
        )
        self.canvas_button = button(
            translate("Stage", "Canvas"), translate("Stage", "Back to the mask or the edges of the edit"),
            self.show_canvas_page, "stage-canvas",
        )
        for b in (self.result_button, self.canvas_button):
            b.setCheckable(True)
        button(translate("Stage", "Fit"), translate("Stage", "Fit to the pane"), self.fit)
        button("100%", translate("Stage", "Actual size"), self.actual_size)
        button("−", translate("Stage", "Zoom out (Ctrl+wheel)"), lambda: self.zoom_by(1 / ZOOM_STEP))
        button("+", translate("Stage", "Zoom in (Ctrl+wheel)"), lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_label = QLabel(self)
        bar.addWidget(self.zoom_label)
        self.edit_button = button(
            translate("Stage", "Edit…"), translate("Stage", "Edit this image (E in the gallery)"), self._edit,
            "stage-edit",
        )

        self.views = [ImageView(self), ImageView(self)]
        self.captions = [QLabel(self), QLabel(self)]
        self.panes = QSplitter(Qt.Orientation.Horizontal, self)
        self.holders: list[QWidget] = []
        for view, caption in zip(self.views, self.captions, strict=True):
            holder = QWidget(self.panes)
            self.holders.append(holder)
            lay = QVBoxLayout(holder)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(1)
            lay.addWidget(view, 1)
            lay.addWidget(caption)
            caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.panes.addWidget(holder)
            view.viewChanged.connect(lambda v=view: self._view_changed(v))
        self._canvas: Canvas | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.panes)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.set_canvas_available(False)
        self.show_record(None)

    # -- what it shows ------------------------------------------------------------------------------

    @property
    def records(self) -> list[GenerationRecord]:
        """The records of the result page: one, or the edit and its parent."""
        return list(self._records)

    @property
    def on_canvas(self) -> bool:
        return self._canvas is not None and self.stack.currentWidget() is self._canvas

    @property
    def built_canvas(self) -> Canvas | None:
        """The canvas, once it was made; None before."""
        return self._canvas

    def ensure_canvas(self) -> Canvas:
        """The canvas page's Canvas, made now if this is its first use (`canvasBuilt` then says so)."""
        if self._canvas is None:
            from fluxdesk.ui.viewer.canvas import Canvas

            self._canvas = Canvas(self._tasks, parent=self)
            self.stack.addWidget(self._canvas)
            self.canvasBuilt.emit(self._canvas)
        return self._canvas

    def is_loaded(self) -> bool:
        """Every pane shows the image it is to show (or why it cannot)."""
        return all(w is None or w == shown for w, shown in zip(self._wanted, self._shown, strict=True))

    def show_record(self, record: GenerationRecord | None, parent: GenerationRecord | None = None) -> None:
        """`record` large (beside `parent`, the image it was edited from); the result page comes up."""
        self._records = [r for r in (record, parent) if r is not None]
        self.holders[1].setVisible(len(self._records) == 2)
        self.edit_button.setEnabled(record is not None and bool(record.file))
        for slot in range(len(self._records), 2):
            self._cancel(slot)
        if record is None:
            self._shown[0] = None
            self.views[0].set_message(
                translate("Stage", "Select an image to see it large; new results show here as they arrive.")
            )
            self.captions[0].setText("")
            self._title = translate("Stage", "Large view")
        else:
            for slot, shown in enumerate(self._records):
                self._load(slot, shown)
            title = _short(record.prompt) or translate("Stage", "(no prompt)")
            beside = translate("Stage", "Edit, beside the image it was made from · {prompt}")
            self._title = beside.format(prompt=title) if parent else title
            self.title.setToolTip(record.prompt)
        self.show_result_page()

    def set_canvas_available(self, available: bool) -> None:
        """The edit has a canvas (Fill or Expand): its page can be chosen."""
        self.canvas_button.setVisible(available)
        self.result_button.setVisible(available)
        if not available and self.on_canvas:
            self.show_result_page()

    def show_result_page(self) -> None:
        self.title.setText(self._title)
        self.stack.setCurrentWidget(self.panes)
        self.result_button.setChecked(True)
        self.canvas_button.setChecked(False)
        self._update_zoom_label()

    def show_canvas_page(self) -> None:
        canvas = self.ensure_canvas()
        self.title.setText(canvas_title(canvas.mode))
        self.stack.setCurrentWidget(canvas)
        self.result_button.setChecked(False)
        self.canvas_button.setChecked(True)
        canvas.view.setFocus()
        self._update_zoom_label()

    # -- zoom ----------------------------------------------------------------------------------------

    def _main_view(self) -> ImageView:
        return self._canvas.view if self._canvas is not None and self.on_canvas else self.views[0]

    def fit(self) -> None:
        self._main_view().fit()

    def actual_size(self) -> None:
        self._main_view().actual_size()

    def zoom_by(self, factor: float) -> None:
        self._main_view().zoom_by(factor)

    def _view_changed(self, view: ImageView) -> None:
        self._update_zoom_label()
        if self._syncing or len(self._records) < 2:
            return
        self._syncing = True  # the two panes keep the same zoom and place
        try:
            other = self.views[1] if view is self.views[0] else self.views[0]
            other.follow(view)
        finally:
            self._syncing = False

    def _update_zoom_label(self) -> None:
        view = self._main_view()
        text = f"{view.zoom * 100:.0f}%"
        fitting = translate("Stage", "Fit ({zoom})").format(zoom=text)
        self.zoom_label.setText(fitting if view.fitting else text)

    # -- loading -------------------------------------------------------------------------------------

    def _cancel(self, slot: int) -> None:
        self._wanted[slot] = None
        task = self._loads[slot]
        if task is not None and not task.done():
            task.cancel()
        self._loads[slot] = None

    def _load(self, slot: int, record: GenerationRecord) -> None:
        view = self.views[slot]
        size = f"{record.width} × {record.height}" if record.width and record.height else ""
        size = keep_left_to_right(size)
        about = translate("Stage", "{model}  ·  seed {seed}  ·  {size}").format(
            model=record.model, seed=record.seed, size=size
        )
        if len(self._records) == 2:
            role = translate("Stage", "Edit") if slot == 0 else translate("Stage", "Made from")
            about = f"{role}  ·  {about}"
        self.captions[slot].setText(about)
        self.captions[slot].setToolTip(record.prompt)
        path = self._path_of(record)
        if path is None:
            self._cancel(slot)
            self._shown[slot] = None
            view.set_message(translate("Stage", "This image has no file."))
            self.imageLoaded.emit(slot)
            return
        self._wanted[slot] = path
        if path == self._shown[slot]:
            return
        if view.image is None:
            view.set_message(translate("Stage", "Loading…"))
        task = self._loads[slot]
        if task is None or task.done():
            self._loads[slot] = self._tasks.spawn(self._decode(slot), name="show the image large")

    async def _decode(self, slot: int) -> None:
        """One decode at a time per pane, the newest image wins: results arriving in a burst do not
        each start a decode of their own (a 2 MP image is ~50 ms of a core)."""
        while (path := self._wanted[slot]) is not None and path != self._shown[slot]:
            view = self.views[slot]
            ratio = view.devicePixelRatioF()
            shown_at = QSize(round(view.viewport().width() * ratio), round(view.viewport().height() * ratio))
            image, preview = await asyncio.get_running_loop().run_in_executor(
                None, _load_for_view, path, shown_at
            )
            if self._wanted[slot] != path:
                continue  # another image was chosen meanwhile: that one now
            self._shown[slot] = path
            if image.isNull():
                view.set_message(translate("Stage", "Could not read {name}.").format(name=path.name))
            else:
                view.set_image(image, preview if view.fitting else None)
                if slot == 1:
                    self._view_changed(self.views[0])
            self._update_zoom_label()
            self.imageLoaded.emit(slot)

    def _edit(self) -> None:
        if self._records:
            self.editRequested.emit(self._records[0])

    def shutdown(self) -> None:
        self._cancel(0)
        self._cancel(1)
        if self._canvas is not None:
            self._canvas.shutdown()


def _load_for_view(path: Path, shown_at: QSize) -> tuple[QImage, QImage | None]:
    """The image and its copy scaled to fit the view (worker thread): a fitted paint then copies
    pixels instead of scaling 2 MP smoothly on the GUI thread."""
    image = load_full_image(path)
    return image, scaled_preview(image, shown_at)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
