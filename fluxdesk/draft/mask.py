"""A painted mask, Qt-free: strokes as compact data, their undo history, the PNG, and the draft's mask.

The canvas (`fluxdesk/ui/viewer/`) rasterises these edits into a mask at the input image's exact
pixel size; this module holds what does not need Qt, so that a replay is the same dabs as the live
stroke and the history's rules are testable alone:

- `Stroke(points, size, hardness, tool)`: a brush or eraser stroke in image pixels; `dabs()` are the
  centres of the round dabs it stamps, evenly spaced along its points (`DabTrail`, shared with the
  live stroke, so that rasterising the record again paints exactly what was painted). `Invert()`
  and `Clear()` are edits too, so they can be undone.
- `EditHistory[P]`: undo and redo of edits. Each entry keeps a patch of type P (the canvas: the
  pixels the edit covered, as they were): undoing swaps it with the mask, redoing swaps it back;
  neither replays strokes. Bounded by steps and by the patches' bytes.
- `encode_mask(...) -> PaintedMask`: the 8-bit mask as PNG bytes (white: repaint), with the box of
  what is painted; blocking, for a worker thread.
- `apply_mask(draft, mask)`: the entry point that puts a painted mask into a draft.
"""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from fluxdesk.draft.inputs import ImageSource
from fluxdesk.i18n import N_, _

if TYPE_CHECKING:
    from fluxdesk.draft.draft import Draft

Point = tuple[float, float]
P = TypeVar("P")

#: dabs are this fraction of the brush's diameter apart: close enough that a hard edge shows no
#: scallops (under 1% of the radius), far enough that a long stroke stays cheap
DAB_SPACING = 0.1
MIN_BRUSH, MAX_BRUSH = 1, 1024
#: data (N_): said with _() where shown
EMPTY_MASK = N_(
    "The mask is empty: nothing is marked to be repainted, so Fill would change nothing. "
    "Paint over what should change."
)
MASK_LABEL = N_("painted mask")


class Tool(StrEnum):
    BRUSH = "brush"  # paints white: repaint here
    ERASER = "eraser"  # paints black: keep this


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]  # in image pixels, as the pointer went
    size: float  # the brush's diameter, in image pixels
    hardness: float  # 1: a crisp edge; 0: soft from the centre out
    tool: Tool = Tool.BRUSH

    def dabs(self) -> list[Point]:
        if not self.points:
            return []
        trail = DabTrail(dab_spacing(self.size))
        out = trail.start(self.points[0])
        for point in self.points[1:]:
            out += trail.extend(point)
        return out

    def bounds(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1), the pixels the stroke can touch (x1, y1 exclusive)."""
        reach = self.size / 2 + 1
        xs = [p[0] for p in self.points] or [0.0]
        ys = [p[1] for p in self.points] or [0.0]
        return (
            math.floor(min(xs) - reach),
            math.floor(min(ys) - reach),
            math.ceil(max(xs) + reach),
            math.ceil(max(ys) + reach),
        )


@dataclass(frozen=True)
class Invert:
    """What was painted becomes kept and the rest is to be repainted."""


@dataclass(frozen=True)
class Clear:
    """Nothing is to be repainted."""


MaskEdit = Stroke | Invert | Clear


def dab_spacing(size: float) -> float:
    return max(1.0, size * DAB_SPACING)


def clamp_brush(size: float) -> int:
    return max(MIN_BRUSH, min(MAX_BRUSH, round(size)))


class DabTrail:
    """Dab centres along a path, evenly spaced, the distance since the last dab carried from one
    segment to the next: the live stroke (a segment per pointer move) and its replay put the same dabs."""

    def __init__(self, spacing: float) -> None:
        self.spacing = spacing
        self._last: Point | None = None
        self._since = 0.0  # distance travelled since the last dab

    def start(self, point: Point) -> list[Point]:
        self._last, self._since = point, 0.0
        return [point]

    def extend(self, point: Point) -> list[Point]:
        last = self._last
        if last is None:
            return self.start(point)
        dx, dy = point[0] - last[0], point[1] - last[1]
        dist = math.hypot(dx, dy)
        if dist == 0.0:
            return []
        out: list[Point] = []
        along = self.spacing - self._since  # where on this segment the next dab falls
        while along <= dist:
            f = along / dist
            out.append((last[0] + dx * f, last[1] + dy * f))
            along += self.spacing
        self._since = dist - (along - self.spacing)
        self._last = point
        return out


# ---- undo and redo ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry(Generic[P]):
    edit: MaskEdit
    patch: P  # what undoing (and then redoing) needs: the canvas keeps the pixels the edit covered
    cost: int  # the patch's bytes, for the budget


class EditHistory(Generic[P]):
    """Undo and redo of mask edits, each with the patch that takes it back and forth.

    The canvas's patch is symmetric: it holds the pixels on the other side of the edit, and swapping
    them with the mask's undoes the edit (then the patch holds the edit's pixels, and swapping again
    redoes it). So neither undo nor redo replays a stroke, and both cost what the edit covered. The
    oldest entries go first when there are more than `max_steps` or the patches hold more than
    `max_bytes`.
    """

    def __init__(self, *, max_steps: int = 200, max_bytes: int = 128 << 20) -> None:
        self.max_steps = max_steps
        self.max_bytes = max_bytes
        self._done: list[Entry[P]] = []
        self._undone: list[Entry[P]] = []  # the next redo last
        self._bytes = 0

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def edits(self) -> list[MaskEdit]:
        """The edits in effect, oldest first."""
        return [e.edit for e in self._done]

    @property
    def bytes(self) -> int:
        return self._bytes

    def record(self, edit: MaskEdit, patch: P, cost: int = 0) -> None:
        """A new edit was applied: what could be redone is forgotten."""
        for entry in self._undone:
            self._bytes -= entry.cost
        self._undone.clear()
        self._done.append(Entry(edit, patch, cost))
        self._bytes += cost
        # the entry just made always stays, even past the budget: its undo is the one most wanted
        while len(self._done) > 1 and (len(self._done) > self.max_steps or self._bytes > self.max_bytes):
            self._bytes -= self._done.pop(0).cost

    def undo(self) -> Entry[P] | None:
        """The last edit, for its patch to be swapped in; it becomes the next redo."""
        if not self._done:
            return None
        entry = self._done.pop()
        self._undone.append(entry)
        return entry

    def redo(self) -> Entry[P] | None:
        """The next edit to redo, for its patch to be swapped in again."""
        if not self._undone:
            return None
        entry = self._undone.pop()
        self._done.append(entry)
        return entry

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._bytes = 0


# ---- the PNG and the draft ----------------------------------------------------------------------------


class MaskError(ValueError):
    """A mask that cannot be used; str() is one plain sentence."""


@dataclass(frozen=True)
class PaintedMask:
    png: bytes
    size: tuple[int, int]
    painted: tuple[int, int, int, int] | None  # the box of non-black pixels (x0, y0, x1, y1); None: empty

    @property
    def empty(self) -> bool:
        return self.painted is None

    def base64(self) -> str:
        return base64.b64encode(self.png).decode("ascii")


def encode_mask(pixels: bytes | bytearray | memoryview, width: int, height: int, stride: int) -> PaintedMask:
    """Blocking (a worker thread): 8-bit gray rows, `stride` bytes apart, as a grayscale PNG."""
    from PIL import Image

    # read in place, not copied (Pillow takes any buffer; its stubs name only bytes)
    image = Image.frombuffer("L", (width, height), cast(bytes, pixels), "raw", "L", stride, 1)
    out = io.BytesIO()
    image.save(out, "PNG")
    return PaintedMask(out.getvalue(), (width, height), image.getbbox())


def read_mask(png: bytes) -> PaintedMask:
    """Blocking: a mask from PNG bytes (any mode; gray is what counts). Raises MaskError."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(png)) as image:
            gray = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise MaskError(_("The mask is not an image fluxdesk can read.")) from None
    return PaintedMask(png, (gray.width, gray.height), gray.getbbox())


def check_mask_size(draft: Draft, size: tuple[int, int], hint: str | None = None) -> None:
    """Raise MaskError (one sentence ending in `hint`) when a mask of `size` is not the size of the
    draft's image, once that is known: the one rule for a painted mask and for a mask file."""
    image = draft.inputs[0] if draft.inputs else None
    if image is not None and image.size is not None and image.size != tuple(size):
        (mw, mh), (iw, ih) = size, image.size
        raise MaskError(_("The mask is {mw} × {mh} but the image is {iw} × {ih}; {hint}.").format(
            mw=mw, mh=mh, iw=iw, ih=ih, hint=hint or _("paint it on this image")))


def apply_mask(draft: Draft, mask: PaintedMask | bytes) -> str | None:
    """Put a painted mask into `draft` (its `mask`, sent inline). Returns a sentence to show when the
    mask is empty (it is put in all the same: the painting was cleared). Raises MaskError, and leaves
    the draft as it was, when the mask is not the size of the draft's image. Bytes are read here
    (blocking); the canvas passes the `PaintedMask` it made in a worker thread."""
    painted = read_mask(mask) if isinstance(mask, bytes) else mask
    check_mask_size(draft, painted.size)
    draft.set_mask(ImageSource.inline(painted.base64()), label=_(MASK_LABEL))
    return _(EMPTY_MASK) if painted.empty else None
