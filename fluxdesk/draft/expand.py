"""Expanding an image, Qt-free: the four sides, their step and range from the catalogue, the new size.

The canvas drags the sides and `apply_expand(draft, sides)` puts them into the draft; the limits are
read from the model's catalogue entry (Expand: 0..2048 per side in steps of 8), never written here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from fluxdesk.api.catalog import ModelSpec, default_catalog
from fluxdesk.i18n import _
from fluxdesk.i18n.bidi import keep_left_to_right

if TYPE_CHECKING:
    from fluxdesk.draft.draft import Draft

#: in the order of `expandChanged` (and CSS): top, right, bottom, left
SIDES = ("top", "right", "bottom", "left")


class ExpandError(ValueError):
    """Sides a draft cannot take; str() is one plain sentence."""


@dataclass(frozen=True)
class ExpandSides:
    top: int = 0
    right: int = 0
    bottom: int = 0
    left: int = 0

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return self.top, self.right, self.bottom, self.left

    def as_params(self) -> dict[str, int]:
        return dict(zip(SIDES, self.as_tuple(), strict=True))

    def size_for(self, width: int, height: int) -> tuple[int, int]:
        """The expanded image's size."""
        return width + self.left + self.right, height + self.top + self.bottom


@dataclass(frozen=True)
class SideLimits:
    step: int
    minimum: int
    maximum: int

    @classmethod
    def of(cls, spec: ModelSpec) -> SideLimits:
        """The limits of the model's `top` parameter (the four sides share them)."""
        side = spec.param("top")
        if side.maximum is None:
            raise ValueError(f"{spec.id} gives its sides no maximum")
        step, minimum = max(1, int(side.step or 1)), int(side.minimum or 0)
        return cls(step=step, minimum=minimum, maximum=int(side.maximum))

    @classmethod
    def default(cls) -> SideLimits:
        """Those of the catalogue's first model that expands."""
        return cls.of(next(m for m in default_catalog() if takes_sides(m)))

    def clamp(self, value: float) -> int:
        return max(self.minimum, min(self.maximum, round(value)))

    def snap(self, value: float) -> int:
        """The nearest step, halves up, within the range (a dragged edge)."""
        return self.clamp(math.floor(value / self.step + 0.5) * self.step)

    def clamped(self, sides: ExpandSides) -> ExpandSides:
        return ExpandSides(*(self.clamp(v) for v in sides.as_tuple()))


def takes_sides(spec: ModelSpec) -> bool:
    return all(spec.takes(side) for side in SIDES)


def size_text(width: int, height: int) -> str:
    """"1536 × 1024 · 1.6 MP" (decimal megapixels, as sizes are said elsewhere)."""
    return keep_left_to_right(f"{width} × {height} · {width * height / 1e6:.1f} MP")


def sides_of(draft: Draft) -> ExpandSides:
    """The sides the draft holds (zero where not set, or when its model expands nothing)."""
    if not takes_sides(draft.spec):
        return ExpandSides()
    values = draft.values()
    return ExpandSides(*(int(values.get(side) or 0) for side in SIDES))


def apply_expand(draft: Draft, sides: ExpandSides) -> None:
    """Put the sides into `draft` (clamped to its model's range). Raises ExpandError when the draft's
    model expands nothing; an expansion by nothing is left for the draft's validation to refuse."""
    spec = draft.spec
    if not takes_sides(spec):
        raise ExpandError(_("{label} does not expand images; choose "
                            "{value}.").format(label=_(spec.label), value=_expander_label(draft)))
    draft.set_params(SideLimits.of(spec).clamped(sides).as_params())


def _expander_label(draft: Draft) -> str:
    names = [m.label for m in draft.catalog if takes_sides(m)]
    return names[0] if names else _("a model that expands images")
