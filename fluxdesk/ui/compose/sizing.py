"""Size arithmetic for the size field: snapping to multiples and fitting an aspect within the limits.

Pure functions (tested without widgets); the catalogue's `ParamSpec`s give the ranges and multiples.
"""

from __future__ import annotations

import math

from fluxdesk.api.catalog import ParamSpec, parse_aspect_ratio

#: presets offered for models with free width and height
SIZE_PRESETS = ("1:1", "4:3", "3:2", "16:9", "21:9", "3:4", "2:3", "9:16")
#: no preset fits (a key: the size field shows its own, translated word for it)
CUSTOM = "Custom"


def snap(value: float, multiple: int, lo: int, hi: int) -> int:
    """The multiple of `multiple` nearest to `value` that lies within [lo, hi]."""
    m = max(1, multiple)
    first = math.ceil(lo / m) * m
    last = math.floor(hi / m) * m
    return int(min(last, max(first, round(value / m) * m)))


def fit_aspect(
    ratio: tuple[int, int], long_side: int, width: ParamSpec, height: ParamSpec, max_megapixels: float | None
) -> tuple[int, int]:
    """A width and height close to `ratio`, both in range and multiples, keeping the long side if it can."""
    rw, rh = ratio
    r = rw / rh
    m = width.multiple_of or 1
    lo_w, hi_w = int(width.minimum or m), int(width.maximum or 8192)
    lo_h, hi_h = int(height.minimum or m), int(height.maximum or 8192)
    long_side = max(long_side, m)
    if max_megapixels:
        # the long side of the largest image of this ratio within the pixel budget
        budget = max_megapixels * 1024 * 1024
        limit = math.sqrt(budget * (r if r >= 1 else 1 / r))
        long_side = min(long_side, int(limit))
    w_f, h_f = (long_side, long_side / r) if r >= 1 else (long_side * r, long_side)
    # the range of one side may cap the other
    scale = min(1.0, hi_w / w_f, hi_h / h_f)
    w_f, h_f = w_f * scale, h_f * scale
    w, h = snap(w_f, m, lo_w, hi_w), snap(h_f, m, lo_h, hi_h)
    if max_megapixels:
        while w * h > max_megapixels * 1024 * 1024 and (w > lo_w or h > lo_h):
            if w >= h and w - m >= lo_w:
                w -= m
            elif h - m >= lo_h:
                h -= m
            else:
                w -= m
    return w, h


def matching_preset(w: int, h: int, tolerance: float = 0.02) -> str:
    for preset in SIZE_PRESETS:
        ratio = parse_aspect_ratio(preset)
        assert ratio is not None
        if h and abs(w / h - ratio[0] / ratio[1]) <= tolerance * ratio[0] / ratio[1]:
            return preset
    return CUSTOM
