"""The pixel size each model delivers for a (validated) request, and megapixels as BFL counts them.

- FLUX.1 text-to-image: the requested width x height (multiples of 32; 1024x768 by default).
- Ultra: about 4 MP at the aspect ratio, multiples of 32 (16:9 -> 2752x1536).
- Kontext: about 1 MP at the aspect ratio given, else at the first input image's aspect (else 1:1), from
  the set of Kontext output sizes (multiples of 16 between 21:9 and 9:21, e.g. 1392x752 for 16:9).
- Fill: the image's size. Expand: the image plus the padding. Canny/Depth: the control image's size.
- FLUX.2: width x height when given, else the first input image's size, else 1024x1024; either way
  snapped down to multiples of 16 (1080 -> 1072) and scaled down to fit 4 MP.

Megapixels are counted in units of 2**20 pixels: BFL reports 1024x1024 as ``output_mp: 1.0`` and
1440x1440 as 1.98 (both seen in real submit replies), to two decimals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from fluxdesk.sim.spec import CONTROL, EXPAND, FILL, FLUX2, KONTEXT, ULTRA, Endpoint
from fluxdesk.sim.validate import ImageInput

MEGAPIXEL = 1 << 20
FLUX2_MAX_PIXELS = 4 * MEGAPIXEL
ULTRA_AREA = 2048 * 2048
FALLBACK_SIZE = (1024, 1024)
# FLUX.1 Kontext's output sizes: about 1 MP, multiples of 16, from 9:21 to 21:9
KONTEXT_SIZES = (
    (672, 1568),
    (688, 1504),
    (720, 1456),
    (752, 1392),
    (800, 1328),
    (832, 1248),
    (880, 1184),
    (944, 1104),
    (1024, 1024),
    (1104, 944),
    (1184, 880),
    (1248, 832),
    (1328, 800),
    (1392, 752),
    (1456, 720),
    (1504, 688),
    (1568, 672),
)


def megapixels(width: int, height: int) -> float:
    return round(width * height / MEGAPIXEL, 2)


def parse_ratio(text: str) -> tuple[int, int]:
    parts = str(text).split(":")
    try:
        w, h = int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return 1, 1
    return (w, h) if w > 0 and h > 0 else (1, 1)


def _round_to(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


def size_from_ratio(ratio: str, area: int, step: int = 32) -> tuple[int, int]:
    """A size of about `area` pixels at `ratio`, multiples of `step` (16:9 at 4 MP -> 2752x1536)."""
    rw, rh = parse_ratio(ratio)
    if rw >= rh:
        short = _round_to(math.sqrt(area * rh / rw), step)
        return math.ceil(short * rw / rh / step) * step, short
    short = _round_to(math.sqrt(area * rw / rh), step)
    return short, math.ceil(short * rh / rw / step) * step


def kontext_size(aspect: float) -> tuple[int, int]:
    return min(KONTEXT_SIZES, key=lambda s: abs(math.log(s[0] / s[1]) - math.log(aspect)))


def fit_flux2(width: int, height: int) -> tuple[int, int]:
    """Multiples of 16, at least 64, at most 4 MP (scaled down keeping the aspect)."""
    if width * height > FLUX2_MAX_PIXELS:
        scale = math.sqrt(FLUX2_MAX_PIXELS / (width * height))
        width, height = int(width * scale), int(height * scale)
    return max(64, width // 16 * 16), max(64, height // 16 * 16)


def _first_size(
    endpoint: Endpoint, images: Mapping[str, ImageInput], names: tuple[str, ...]
) -> tuple[int, int] | None:
    for name in names:
        image = images.get(name)
        if image is not None:
            return image.size or FALLBACK_SIZE
    return None


def output_size(
    endpoint: Endpoint, params: Mapping[str, Any], images: Mapping[str, ImageInput]
) -> tuple[int, int]:
    """The size the provider would deliver for this validated request."""
    family = endpoint.family
    if family == ULTRA:
        return size_from_ratio(str(params.get("aspect_ratio") or "16:9"), ULTRA_AREA)
    if family == KONTEXT:
        if params.get("aspect_ratio"):
            rw, rh = parse_ratio(str(params["aspect_ratio"]))
            return kontext_size(rw / rh)
        first = _first_size(endpoint, images, endpoint.reference_fields)
        return kontext_size(first[0] / first[1]) if first else kontext_size(1.0)
    if family == FILL:
        return _first_size(endpoint, images, ("image",)) or FALLBACK_SIZE
    if family == EXPAND:
        iw, ih = _first_size(endpoint, images, ("image",)) or FALLBACK_SIZE
        return (
            iw + int(params.get("left") or 0) + int(params.get("right") or 0),
            ih + int(params.get("top") or 0) + int(params.get("bottom") or 0),
        )
    if family == CONTROL:
        return _first_size(endpoint, images, ("control_image", "preprocessed_image")) or FALLBACK_SIZE
    if family == FLUX2:
        first = _first_size(endpoint, images, endpoint.reference_fields)
        base = first or FALLBACK_SIZE
        w, h = params.get("width") or 0, params.get("height") or 0
        if w and h:
            return fit_flux2(int(w), int(h))
        if w:  # one side given: the other keeps the input's aspect
            return fit_flux2(int(w), round(int(w) * base[1] / base[0]))
        if h:
            return fit_flux2(round(int(h) * base[0] / base[1]), int(h))
        return fit_flux2(*base)
    return int(params.get("width") or 1024), int(params.get("height") or 768)


def input_megapixels(images: Mapping[str, ImageInput]) -> float:
    """The input images' megapixels (a mask is not an input); links of unknown size count as 1 MP."""
    total = 0.0
    for name, image in images.items():
        if name == "mask":
            continue
        w, h = image.size or FALLBACK_SIZE
        total += w * h / MEGAPIXEL
    return round(total, 2)
