"""The canvas of a Fill or Expand edit, bound to the draft: the wiring of `docs/interfaces.md`.

The stage makes its canvas at the first use (`StagePane.ensure_canvas`): the binding asks for it when
the draft first needs one, and binds it however it was made (`canvasBuilt`). Before that it only
follows whether the canvas is available (`availabilityChanged`).

While the draft's model takes a mask (Fill) or sides (Expand) and has an image, the canvas shows that
image at its own pixel size, decoded off the GUI thread, in the model's mode. `maskChanged` goes to
`apply_mask(draft, mask)`, `expandChanged` to `apply_expand(draft, sides)`, and sides typed in the
panel come back to the canvas (`sides_of(draft)`). The canvas's own mode buttons switch the draft to
the model of that mode, so "Expand" on the canvas is the same as choosing Expand in the model list.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from fluxdesk.draft import Draft, ImageSource, SourceKind
from fluxdesk.draft.expand import ExpandError, ExpandSides, apply_expand, sides_of, takes_sides
from fluxdesk.draft.inputs import takes_mask
from fluxdesk.draft.loader import LibraryResolver
from fluxdesk.ui.gallery.thumb_loader import load_full_image
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.imaging import decode_image
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.canvas_mode import CanvasMode

if TYPE_CHECKING:
    from fluxdesk.draft.mask import PaintedMask
    from fluxdesk.ui.stage.pane import StagePane
    from fluxdesk.ui.viewer.canvas import Canvas


def canvas_mode(draft: Draft) -> CanvasMode | None:
    """The canvas the draft's model works with, if any."""
    spec = draft.spec
    if takes_mask(spec):
        return CanvasMode.MASK
    if takes_sides(spec):
        return CanvasMode.EXPAND
    return None


def decode_source(source: ImageSource, file: Path | None) -> QImage:
    """Blocking (a worker thread): the full image of an input; a null QImage when it cannot be read."""
    if source.kind is SourceKind.INLINE:
        text = source.value.split(",", 1)[1] if source.value.startswith("data:") else source.value
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (ValueError, binascii.Error):
            return QImage()
        image = decode_image(data)
    elif file is not None:
        image = load_full_image(file)
    else:
        return QImage()
    return image.convertToFormat(QImage.Format.Format_RGB32) if not image.isNull() else image


class CanvasBinding(QObject):
    #: the canvas's sentences (an empty mask, an image that cannot be painted on)
    statusMessage = Signal(str)
    #: the canvas became usable or not (the draft's model or image changed)
    availabilityChanged = Signal(bool)

    def __init__(
        self, draft: Draft, stage: StagePane, tasks: TaskRegistry, resolve: LibraryResolver,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self._stage = stage
        self._canvas: Canvas | None = None  # bound once the stage made it
        self._tasks = tasks
        self._resolve = resolve
        self._shown: ImageSource | None = None  # the source whose pixels the canvas holds
        self._loading: asyncio.Task[None] | None = None
        self._available = False
        stage.canvasBuilt.connect(self._bind)
        if stage.built_canvas is not None:
            self._bind(stage.built_canvas)
        self._unsubscribe = draft.subscribe(self._draft_changed)
        self._draft_changed("inputs")

    @property
    def available(self) -> bool:
        return self._available

    @property
    def loading(self) -> bool:
        return self._loading is not None and not self._loading.done()

    @property
    def image_source(self) -> ImageSource | None:
        return self._shown

    def close(self) -> None:
        self._unsubscribe()
        if self.loading and self._loading is not None:
            self._loading.cancel()

    # -- from the draft ---------------------------------------------------------------------------------

    def _draft_changed(self, name: str) -> None:
        if name not in ("model", "inputs", "params"):
            return
        mode = canvas_mode(self.draft)
        available = mode is not None and bool(self.draft.inputs)
        if self._canvas is not None:
            self._sync(self._canvas, load=name != "params")
        elif available:
            self._stage.ensure_canvas()  # made now: `_bind` syncs it with the draft
        if available != self._available:
            self._available = available
            self.availabilityChanged.emit(available)

    def _bind(self, canvas: Canvas) -> None:
        self._canvas = canvas
        canvas.maskChanged.connect(self._mask_changed)
        canvas.expandChanged.connect(self._expand_changed)
        for mode, button in canvas.mode_buttons.items():
            button.clicked.connect(lambda _checked=False, m=mode: self._mode_chosen(m))
        self._sync(canvas, load=True)

    def _sync(self, canvas: Canvas, *, load: bool) -> None:
        """The canvas in the draft's mode, with the draft's image (`load`) and sides."""
        mode = canvas_mode(self.draft)
        first = self.draft.inputs[0] if self.draft.inputs else None
        if mode is not None and mode is not canvas.mode:
            canvas.set_mode(mode)
        if mode is not None and first is not None and first.source != self._shown and load:
            self._load(canvas, first.source)
        if mode is CanvasMode.EXPAND:
            canvas.set_expand_sides(sides_of(self.draft))

    def _load(self, canvas: Canvas, source: ImageSource) -> None:
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        self._shown = source
        if source.kind is SourceKind.URL:
            canvas.view.set_message(translate(
                "CanvasBinding",
                "The image is a link: fluxdesk does not fetch it, so there is nothing to paint on here.",
            ))
            return
        canvas.view.set_message(translate("CanvasBinding", "Loading…"))
        self._loading = self._tasks.spawn(self._decode(canvas, source), name="open the image on the canvas")

    async def _decode(self, canvas: Canvas, source: ImageSource) -> None:
        file = None
        if source.kind is SourceKind.LIBRARY:
            file = await self._resolve(source.value)
        elif source.kind is SourceKind.FILE:
            file = Path(source.value)
        image = await asyncio.to_thread(decode_source, source, file)
        if source != self._shown:
            return  # another image was chosen meanwhile
        if image.isNull():
            canvas.view.set_message(
                translate("CanvasBinding", "Could not read {name}.").format(name=source.name)
            )
        else:
            canvas.set_image(image)
            if canvas.mode is CanvasMode.EXPAND:
                canvas.set_expand_sides(sides_of(self.draft))

    # -- from the canvas -------------------------------------------------------------------------------

    def _current(self) -> bool:
        """The canvas holds the draft's image (a mask of another image is no mask of this one)."""
        first = self.draft.inputs[0] if self.draft.inputs else None
        return first is not None and first.source == self._shown and not self.loading

    def _mask_changed(self, mask: PaintedMask) -> None:
        if not self._current() or not takes_mask(self.draft.spec):
            return
        from fluxdesk.draft.mask import MaskError, apply_mask  # loaded with the canvas by now

        try:
            note = apply_mask(self.draft, mask)
        except MaskError as exc:
            self.statusMessage.emit(str(exc))
            return
        if note:
            self.statusMessage.emit(note)

    def _expand_changed(self, top: int, right: int, bottom: int, left: int) -> None:
        if not self._current() or not takes_sides(self.draft.spec):
            return
        try:
            apply_expand(self.draft, ExpandSides(top, right, bottom, left))
        except ExpandError as exc:
            self.statusMessage.emit(str(exc))

    def _mode_chosen(self, mode: CanvasMode) -> None:
        """The canvas's Paint mask / Expand buttons: the draft takes the model of that mode."""
        if canvas_mode(self.draft) is mode:
            return
        wanted = takes_mask if mode is CanvasMode.MASK else takes_sides
        model = next((m.id for m in self.draft.catalog if wanted(m) and not m.legacy), None)
        if model is not None:
            self.draft.set_model(model)
