"""Deterministic synthetic images for the simulator, and the size a request would come out at.

`render_image` is a pure function of (model, prompt, seed, width, height, fmt): the same inputs give
the same bytes, a different prompt or seed gives a visibly different picture (a gradient and shapes
chosen from a hash of the inputs, with the prompt written on it). It is fast enough to build
benchmark libraries of thousands of images: a 1024x768 JPEG takes a few milliseconds.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import math
import textwrap
from collections.abc import Mapping
from typing import Any

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from fluxdesk.api.catalog import ModelSpec, parse_aspect_ratio

Color = tuple[int, int, int]

#: megapixels (of 2**20 pixels) an aspect-ratio model renders at
ULTRA_AREA = 2048 * 2048
DEFAULT_AREA = 1024 * 1024
FALLBACK_SIZE = (1024, 1024)
_IMAGE_INPUTS = ("image", "control_image", "input_image")


def _color(digest: bytes, at: int) -> Color:
    return digest[at % len(digest)], digest[(at + 1) % len(digest)], digest[(at + 2) % len(digest)]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (OSError, ImportError, TypeError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def render_image(model: str, prompt: str, seed: int, width: int, height: int, fmt: str) -> bytes:
    """The encoded image (fmt: "jpeg" | "png" | "webp") for these inputs; deterministic."""
    width, height = max(1, int(width)), max(1, int(height))
    fmt = "jpeg" if fmt.lower() in {"jpg", "jpeg"} else fmt.lower()
    key = "\x00".join((model, prompt, str(seed), str(width), str(height), fmt))
    digest = hashlib.sha256(key.encode()).digest()
    digest += hashlib.sha256(digest).digest()

    corners = Image.new("RGB", (2, 2))
    corners.putdata([_color(digest, 0), _color(digest, 3), _color(digest, 6), _color(digest, 9)])
    image = corners.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    unit = min(width, height)
    for i in range(7):
        b = digest[12 + i * 4: 16 + i * 4]
        cx, cy = b[0] * width // 255, b[1] * height // 255
        r = max(4, unit * (8 + b[2] % 24) // 100)
        box = (cx - r, cy - r, cx + r, cy + r)
        fill = _color(digest, 40 + i * 3)
        shape = b[3] % 3
        if shape == 0:
            draw.ellipse(box, fill=fill)
        elif shape == 1:
            draw.rectangle(box, fill=fill)
        else:
            draw.polygon([(cx, cy - r), (cx + r, cy + r), (cx - r, cy + r)], fill=fill)

    size = max(10, unit // 24)
    font = _font(size)
    columns = max(8, int(width / (size * 0.6)) - 2)
    lines = textwrap.wrap(prompt, width=columns)[:6] or ["(no prompt)"]
    footer = f"{model}  seed {seed}  {width}x{height}"
    pad = size // 2
    text_h = (len(lines) + 1) * (size + 4) + 2 * pad
    draw.rectangle((0, height - text_h, width, height), fill=(0, 0, 0))
    y = height - text_h + pad
    for line in lines:
        draw.text((pad, y), line, fill=(255, 255, 255), font=font)
        y += size + 4
    draw.text((pad, y), footer, fill=(200, 200, 200), font=font)

    out = io.BytesIO()
    if fmt == "png":
        image.save(out, "PNG", compress_level=1)
    elif fmt == "webp":
        image.save(out, "WEBP", quality=80, method=0)
    else:
        image.save(out, "JPEG", quality=88)
    return out.getvalue()


def decode_image_size(value: Any) -> tuple[int, int] | None:
    """The pixel size of a base64 (or data: URL) image, reading only its header; None when unknown."""
    if not isinstance(value, str) or value.startswith(("http://", "https://")):
        return None
    data = value.split(",", 1)[1] if value.startswith("data:") and "," in value else value
    try:
        raw = base64.b64decode(data, validate=False)
        with Image.open(io.BytesIO(raw)) as img:
            return img.size
    except (binascii.Error, ValueError, OSError, UnidentifiedImageError):
        return None


def _round_to(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


def size_from_ratio(ratio: str, area: int, step: int = 32) -> tuple[int, int]:
    """A size of about `area` pixels at `ratio`, multiples of `step` (16:9 at 4 MP -> 2752x1536)."""
    parsed = parse_aspect_ratio(ratio) or (1, 1)
    rw, rh = parsed
    if rw >= rh:
        short = _round_to(math.sqrt(area * rh / rw), step)
        long = math.ceil(short * rw / rh / step) * step
        return long, short
    short = _round_to(math.sqrt(area * rw / rh), step)
    long = math.ceil(short * rh / rw / step) * step
    return short, long


def output_size(spec: ModelSpec, body: Mapping[str, Any]) -> tuple[int, int]:
    """The size the provider would deliver for this (validated) submit body."""
    if spec.id == "flux-pro-1.0-expand":
        w, h = decode_image_size(body.get("image")) or FALLBACK_SIZE
        sides = {s: int(body.get(s) or 0) for s in ("top", "bottom", "left", "right")}
        return w + sides["left"] + sides["right"], h + sides["top"] + sides["bottom"]
    if spec.has_free_size:
        asked_w, asked_h = body.get("width"), body.get("height")
        if asked_w and asked_h:
            return int(asked_w), int(asked_h)
        for name in _IMAGE_INPUTS:
            size = decode_image_size(body.get(name))
            if size:
                return size
        default = spec.defaults()
        return int(default.get("width") or 1024), int(default.get("height") or 1024)
    if spec.has_aspect_ratio:
        ratio = body.get("aspect_ratio")
        if not ratio:
            for name in _IMAGE_INPUTS:
                size = decode_image_size(body.get(name))
                if size:
                    return size
        area = ULTRA_AREA if spec.id.endswith("ultra") else DEFAULT_AREA
        return size_from_ratio(str(ratio or spec.defaults().get("aspect_ratio") or "1:1"), area)
    for name in _IMAGE_INPUTS:
        size = decode_image_size(body.get(name))
        if size:
            return size
    return FALLBACK_SIZE
