"""Is this a whole image of the size asked for? Pillow only, so a worker process imports it quickly.

The window runs `inspect_image` in a separate process (see `fluxdesk.runtime`): decoding 2 MP images
in a thread of the GUI process would hold the GIL long enough to stall repaints. It returns only
(format, width, height), so the image's bytes cross the process boundary once, on the way in.
"""

from __future__ import annotations

import io
import struct

from PIL import Image

from fluxdesk.api.errors import CorruptImage
from fluxdesk.api.types import DownloadedImage
from fluxdesk.i18n import _

#: Flux makes at most ~4 MP; anything far beyond is a decompression bomb, not a result
MAX_IMAGE_PIXELS = 64 * 1024 * 1024
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}


def _decode(data: bytes, decode: bool = True) -> tuple[str, int, int]:
    """(format, width, height) of fully decoded bytes; raises CorruptImage on anything short of that.

    `decode=False`: the header, format and size only (for bytes decoded pixel by pixel just before).
    """
    with Image.open(io.BytesIO(data)) as probe:
        fmt = IMAGE_FORMATS.get(probe.format or "")
        if fmt is None:
            raise CorruptImage(
                _("The download is a {kind} file, not a PNG, JPEG or WebP image.").format(
                    kind=probe.format or "unknown")
            )
        width, height = probe.size
        if width <= 0 or height <= 0 or width * height > MAX_IMAGE_PIXELS:
            raise CorruptImage(
                _("The downloaded image claims an impossible size ({width}x{height}); it was "
                  "rejected.").format(width=width, height=height)
            )
        if not decode:
            return fmt, width, height
        probe.verify()  # structure and checksums (PNG CRCs, IEND), whatever LOAD_TRUNCATED_IMAGES says
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # every pixel decodes
    if fmt == "jpeg" and b"\xff\xd9" not in data[-4096:]:
        raise CorruptImage(_("The downloaded JPEG image is incomplete (it has no end marker)."))
    return fmt, width, height


def inspect_image(
    data: bytes, expected_size: tuple[int, int] | None = None, *, decode: bool = True
) -> tuple[str, int, int]:
    """(format, width, height) of a whole PNG/JPEG/WebP image of the expected size, else CorruptImage.

    Blocking (Pillow decodes every pixel): run it in a worker thread or process. `decode=False` checks
    the header, format and size only: for bytes that were decoded in full a moment ago.
    """
    if not data:
        raise CorruptImage(_("The downloaded image is empty."))
    try:
        fmt, width, height = _decode(data, decode)
    except CorruptImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CorruptImage(
            _("The downloaded image is far too large to be a Flux result; it was rejected.")
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error) as exc:
        # Pillow's text names no URL and no key: it may go into details as it is
        raise CorruptImage(
            _("The downloaded image is damaged or "
              "incomplete."), details=str(exc).strip() or type(exc).__name__
        ) from None
    if expected_size is not None and (width, height) != tuple(expected_size):
        w, h = expected_size
        raise CorruptImage(_("The downloaded image is {width}x{height}, not the {w}x{h} that was asked "
                             "for.").format(width=width, height=height, w=w, h=h))
    return fmt, width, height


def verify_image(
    data: bytes,
    expected_size: tuple[int, int] | None = None,
    content_type: str | None = None,
    *,
    decode: bool = True,
) -> DownloadedImage:
    """`inspect_image`, with the unchanged bytes, as a `DownloadedImage` (the client's downloads and the
    library's writes are verified by this one rule)."""
    fmt, width, height = inspect_image(data, expected_size, decode=decode)
    return DownloadedImage(data=data, width=width, height=height, format=fmt, content_type=content_type)
