"""Deterministic synthetic images for the simulator: made from the prompt, or derived from the inputs.

`render_image` is a pure function of (model, prompt, seed, width, height, fmt): a gradient and shapes
chosen from a hash of the inputs, with the prompt written on it (a 1024x768 JPEG takes a few ms).
`render_edit` derives the result of an editing model from its input images, so a user sees where it
came from: Kontext and FLUX.2 tint the first input image and write the instruction on it (further
references appear as small insets); Fill paints the mask's white part (or the image's transparent part)
with a striped pattern and keeps the rest; Expand pads the image with the pattern; Canny and Depth
recolour the control image's edges or shading. The same inputs and seed always give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from collections.abc import Mapping

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from fluxdesk.sim.spec import CONTROL, EXPAND, FILL, FLUX2, KONTEXT

Color = tuple[int, int, int]


def _color(digest: bytes, at: int) -> Color:
    return digest[at % len(digest)], digest[(at + 1) % len(digest)], digest[(at + 2) % len(digest)]


def _digest(*parts: object) -> bytes:
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode()).digest()
    return digest + hashlib.sha256(digest).digest()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (OSError, ImportError, TypeError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _fmt(fmt: str) -> str:
    return "jpeg" if fmt.lower() in {"jpg", "jpeg"} else fmt.lower()


def encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    fmt = _fmt(fmt)
    if fmt == "png":
        image.save(out, "PNG", compress_level=1)
    elif fmt == "webp":
        image.save(out, "WEBP", quality=80, method=0)
    else:
        image.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue()


def _band(image: Image.Image, lines: list[str], footer: str, *, top: bool) -> None:
    """A black band of white text across the top or the bottom of `image`."""
    width, height = image.size
    size = max(10, min(width, height) // 24)
    font = _font(size)
    pad = size // 2
    band = (len(lines) + (1 if footer else 0)) * (size + 4) + 2 * pad
    y0 = 0 if top else height - band
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, y0, width, y0 + band), fill=(0, 0, 0))
    y = y0 + pad
    for line in lines:
        draw.text((pad, y), line, fill=(255, 255, 255), font=font)
        y += size + 4
    if footer:
        draw.text((pad, y), footer, fill=(200, 200, 200), font=font)


def _wrap(text: str, width: int, size: int, limit: int = 6) -> list[str]:
    columns = max(8, int(width / (size * 0.6)) - 2)
    return textwrap.wrap(text, width=columns)[:limit]


def render_image(model: str, prompt: str, seed: int, width: int, height: int, fmt: str) -> bytes:
    """The encoded image (fmt: "jpeg" | "png" | "webp") for these inputs; deterministic."""
    width, height = max(1, int(width)), max(1, int(height))
    digest = _digest(model, prompt, seed, width, height, _fmt(fmt))
    corners = Image.new("RGB", (2, 2))
    corners.putdata([_color(digest, 0), _color(digest, 3), _color(digest, 6), _color(digest, 9)])
    image = corners.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    unit = min(width, height)
    for i in range(7):
        b = digest[12 + i * 4 : 16 + i * 4]
        cx, cy = b[0] * width // 255, b[1] * height // 255
        r = max(4, unit * (8 + b[2] % 24) // 100)
        box = (cx - r, cy - r, cx + r, cy + r)
        fill = _color(digest, 40 + i * 3)
        if b[3] % 3 == 0:
            draw.ellipse(box, fill=fill)
        elif b[3] % 3 == 1:
            draw.rectangle(box, fill=fill)
        else:
            draw.polygon([(cx, cy - r), (cx + r, cy + r), (cx - r, cy + r)], fill=fill)
    size = max(10, unit // 24)
    lines = _wrap(prompt, width, size) or ["(no prompt)"]
    _band(image, lines, f"{model}  seed {seed}  {width}x{height}", top=False)
    return encode(image, fmt)


def _open(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        return img.copy()


def _pattern(size: tuple[int, int], digest: bytes) -> Image.Image:
    """Diagonal stripes in two colours from the digest: plainly not part of the input."""
    width, height = size
    stripe = max(6, min(width, height) // 16)
    image = Image.new("RGB", size, _color(digest, 20))
    draw = ImageDraw.Draw(image)
    for x in range(-height, width, stripe * 2):
        draw.polygon(
            [(x, 0), (x + stripe, 0), (x + stripe + height, height), (x + height, height)],
            fill=_color(digest, 26),
        )
    return image


def _fill(base: Image.Image, mask: Image.Image | None, digest: bytes) -> Image.Image:
    rgba = base.convert("RGBA")
    if mask is None:  # the image's own alpha: transparent is what gets repainted
        region = ImageOps.invert(rgba.getchannel("A"))
    else:
        region = mask.convert("L").resize(base.size, Image.Resampling.NEAREST)
    region = region.point(lambda v: 255 if v >= 128 else 0)
    out = rgba.convert("RGB")
    out.paste(_pattern(base.size, digest), (0, 0), region)
    return out


def _expand(base: Image.Image, size: tuple[int, int], left: int, top: int, digest: bytes) -> Image.Image:
    out = _pattern(size, digest)
    out.paste(base.convert("RGB"), (left, top))
    return out


def _derive(
    base: Image.Image, size: tuple[int, int], prompt: str, digest: bytes, refs: list[Image.Image], label: str
) -> Image.Image:
    """The first input, cropped to the output size, tinted, with the instruction written on it."""
    fitted = ImageOps.fit(base.convert("RGB"), size, Image.Resampling.BILINEAR)
    out = Image.blend(fitted, Image.new("RGB", size, _color(digest, 30)), 0.3)
    inset = max(16, min(size) // 6)
    x = size[0] - inset - 8
    for ref in refs[:7]:
        thumb = ImageOps.fit(ref.convert("RGB"), (inset, inset), Image.Resampling.BILINEAR)
        out.paste(thumb, (x, size[1] - inset - 8))
        x -= inset + 4
    text_size = max(10, min(size) // 24)
    _band(out, _wrap(f"{label}: {prompt}" if prompt else label, size[0], text_size, 3), "", top=True)
    return out


def _control(base: Image.Image, size: tuple[int, int], canny: bool, digest: bytes) -> Image.Image:
    gray = base.convert("L").resize(size, Image.Resampling.BILINEAR)
    shaped = gray.filter(ImageFilter.FIND_EDGES) if canny else gray.filter(ImageFilter.GaussianBlur(4))
    return ImageOps.colorize(shaped, black=_color(digest, 33), white=_color(digest, 36))


def render_edit(
    family: str,
    model: str,
    prompt: str,
    seed: int,
    size: tuple[int, int],
    fmt: str,
    images: Mapping[str, bytes | None],
    sides: Mapping[str, int],
) -> bytes:
    """An editing model's result, derived from its decoded input images (falls back to `render_image`
    when the input is a link the simulator cannot fetch)."""
    width, height = size
    first = next(
        (images[n] for n in ("image", "control_image", "preprocessed_image", "input_image") if images.get(n)),
        None,
    )
    if first is None:
        return render_image(model, prompt, seed, width, height, fmt)
    digest = _digest(model, prompt, seed, width, height, _fmt(fmt), hashlib.sha256(first).hexdigest())
    base = _open(first)
    if family == FILL:
        mask = images.get("mask")
        out = _fill(base, _open(mask) if mask else None, digest)
    elif family == EXPAND:
        out = _expand(base, size, int(sides.get("left") or 0), int(sides.get("top") or 0), digest)
    elif family == CONTROL:
        out = _control(base, size, model.endswith("canny"), digest)
    elif family in (KONTEXT, FLUX2):
        refs = [
            _open(data) for name, data in sorted(images.items()) if name.startswith("input_image_") and data
        ]
        out = _derive(base, size, prompt, digest, refs, f"{model} edit, seed {seed}")
    else:
        return render_image(model, prompt, seed, width, height, fmt)
    if out.size != size:
        out = out.resize(size, Image.Resampling.BILINEAR)
    return encode(out, fmt)
