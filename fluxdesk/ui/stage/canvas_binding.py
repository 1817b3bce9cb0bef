"""The canvas of a Fill or Expand edit, bound to the draft: the wiring of `docs/interfaces.md`.

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

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from fluxdesk.draft import Draft, ImageSource, SourceKind
from fluxdesk.draft.expand import ExpandError, ExpandSides, apply_expand, sides_of, takes_sides
from fluxdesk.draft.inputs import takes_mask
from fluxdesk.draft.loader import LibraryResolver
from fluxdesk.draft.mask import MaskError, PaintedMask, apply_mask
from fluxdesk.ui.gallery.thumb_loader import load_full_image
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.imaging import decode_image
from fluxdesk.ui.tasks import TaskRegistry
from fluxdesk.ui.viewer.canvas import Canvas, CanvasMode


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
        self, draft: Draft, canvas: Canvas, tasks: TaskRegistry, resolve: LibraryResolver,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.canvas = canvas
        self._tasks = tasks
        self._resolve = resolve
        self._shown: ImageSource | None = None  # the source whose pixels the canvas holds
        self._loading: asyncio.Task[None] | None = None
        self._available = False
        canvas.maskChanged.connect(self._mask_changed)
        canvas.expandChanged.connect(self._expand_changed)
        for mode, button in canvas.mode_buttons.items():
            button.clicked.connect(lambda _checked=False, m=mode: self._mode_chosen(m))
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
        first = self.draft.inputs[0] if self.draft.inputs else None
        available = mode is not None and first is not None
        if mode is not None and mode is not self.canvas.mode:
            self.canvas.set_mode(mode)
        if available and first is not None and first.source != self._shown and name != "params":
            self._load(first.source)
        if mode is CanvasMode.EXPAND:
            self.canvas.set_expand_sides(sides_of(self.draft))
        if available != self._available:
            self._available = available
            self.availabilityChanged.emit(available)

    def _load(self, source: ImageSource) -> None:
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        self._shown = source
        if source.kind is SourceKind.URL:
            self.canvas.view.set_message(translate(
                "CanvasBinding",
                "The image is a link: fluxdesk does not fetch it, so there is nothing to paint on here.",
            ))
            return
        self.canvas.view.set_message(translate("CanvasBinding", "Loading…"))
        self._loading = self._tasks.spawn(self._decode(source), name="open the image on the canvas")

    async def _decode(self, source: ImageSource) -> None:
        file = None
        if source.kind is SourceKind.LIBRARY:
            file = await self._resolve(source.value)
        elif source.kind is SourceKind.FILE:
            file = Path(source.value)
        image = await asyncio.to_thread(decode_source, source, file)
        if source != self._shown:
            return  # another image was chosen meanwhile
        if image.isNull():
            self.canvas.view.set_message(
                translate("CanvasBinding", "Could not read {name}.").format(name=source.name)
            )
        else:
            self.canvas.set_image(image)
            if self.canvas.mode is CanvasMode.EXPAND:
                self.canvas.set_expand_sides(sides_of(self.draft))

    # -- from the canvas -------------------------------------------------------------------------------

    def _current(self) -> bool:
        """The canvas holds the draft's image (a mask of another image is no mask of this one)."""
        first = self.draft.inputs[0] if self.draft.inputs else None
        return first is not None and first.source == self._shown and not self.loading

    def _mask_changed(self, mask: PaintedMask) -> None:
        if not self._current() or not takes_mask(self.draft.spec):
            return
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
