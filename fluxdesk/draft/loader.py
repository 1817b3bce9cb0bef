"""Reading a draft's images: the blocking loader both fronts run off their main thread.

`load_image(source)` reads a file (or a library image's file, or inline data) and verifies it is an
image the providers take before anything is sent or stored: a regular file (never a FIFO or a device,
which could block), at most 20 MB, a PNG, JPEG or WebP by its content (not its name), of at most
64 megapixels (Pillow's decompression-bomb check is an error here), whole enough to decode. It returns
the base64, pixel size and a small PNG preview; a link is passed on as it is (fluxdesk does not fetch
it: the provider does). Failures are `ImageLoadError`, one plain sentence.
`load_all` (the CLI) and `load_pending` (the window, in worker threads) feed the results back into
the draft, which ignores a load that finishes for an image the user has replaced meanwhile.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import io
import warnings
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

from fluxdesk.draft.inputs import ImageSource, LoadedImage, SourceKind
from fluxdesk.i18n import _
from fluxdesk.library.files import NotARegularFile, read_regular_file

#: the largest image file read (the providers refuse much smaller request bodies anyway)
MAX_IMAGE_BYTES = 20 << 20
#: pixels an input may have: far beyond what any model takes, well short of a decompression bomb
MAX_IMAGE_PIXELS = 64 << 20
#: what the providers accept as input images (by content: a name proves nothing)
INPUT_FORMATS = ("PNG", "JPEG", "WEBP")
PREVIEW_PX = 112

#: finds the file of a library image by its record id (None: it has none)
LibraryResolver = Callable[[str], Awaitable[Path | None]]


class ImageLoadError(ValueError):
    """An image could not be used; str() is one plain sentence."""


def load_image(source: ImageSource, file: Path | None = None) -> LoadedImage:
    """Blocking: read `source` (for a library image, `file` is its file). Raises ImageLoadError."""
    if source.kind is SourceKind.URL:
        return LoadedImage(data=source.value)
    if source.kind is SourceKind.INLINE:
        text = source.value.split(",", 1)[1] if source.value.startswith("data:") else source.value
        if len(text) * 3 // 4 > MAX_IMAGE_BYTES:
            raise ImageLoadError(_("The image is too big (at most {value} "
                                   "MB).").format(value=MAX_IMAGE_BYTES >> 20))
        try:
            raw = base64.b64decode("".join(text.split()), validate=True)
        except (ValueError, binascii.Error):
            raise ImageLoadError(_("The image is not an image fluxdesk can read.")) from None
        preview, size = _preview(raw, _("The image"))
        return LoadedImage(data=text, size=size, preview=preview)
    if source.kind is SourceKind.LIBRARY:
        if file is None:
            raise ImageLoadError(_("The {name} has no file any more.").format(name=source.name))
        path = file
    else:
        path = Path(source.value)
    raw = _read(path, source.value if source.kind is SourceKind.FILE else path.name)
    preview, size = _preview(raw, path.name)
    return LoadedImage(data=base64.b64encode(raw).decode("ascii"), size=size, preview=preview)


def _read(path: Path, shown: str) -> bytes:
    name = path.name or shown
    try:
        return read_regular_file(path, MAX_IMAGE_BYTES)
    except NotARegularFile as exc:
        raise ImageLoadError(_("{name} is {reason}, not an image "
                               "file.").format(name=name, reason=exc.strerror)) from None
    except ValueError:
        mb = path.stat().st_size / 2**20
        limit = MAX_IMAGE_BYTES >> 20
        raise ImageLoadError(_("{name} is too big ({mb:.0f} MB; at most {limit} "
                               "MB).").format(name=name, mb=mb, limit=limit)) from None
    except OSError as exc:
        raise ImageLoadError(_("cannot read {shown} "
                               "({value}).").format(
                                 shown=shown, value=exc.strerror or type(exc).__name__)) from None


def _preview(data: bytes, name: str) -> tuple[bytes, tuple[int, int]]:
    """Verify `data` is an input image the providers take; its preview and size. Raises ImageLoadError."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ImageLoadError(_("{name} is too big (at most {value} "
                               "MB).").format(name=name, value=MAX_IMAGE_BYTES >> 20))
    try:
        # the bomb warning is an error here, locally: Pillow's module-wide limits are left as they are
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(INPUT_FORMATS)) as img:
                width, height = (int(v) for v in img.size)
                if width < 1 or height < 1 or width * height > MAX_IMAGE_PIXELS:
                    raise ImageLoadError(
                        _("{name} is {width}x{height} pixels; fluxdesk sends images of at most {value} "
                          "megapixels.").format(
                            name=name, width=width, height=height, value=MAX_IMAGE_PIXELS >> 20)
                    )
                img.thumbnail((PREVIEW_PX, PREVIEW_PX))  # decodes it: a truncated file fails here
                out = io.BytesIO()
                img.convert("RGBA").save(out, "PNG")
    except ImageLoadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageLoadError(_("{name} has too many pixels to open safely; it is "
                               "refused.").format(name=name)) from None
    except UnidentifiedImageError:
        raise ImageLoadError(_("{name} is not an image fluxdesk can send (PNG, JPEG or "
                               "WebP).").format(name=name)) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ImageLoadError(_("{name} is not an image fluxdesk can read (it may be "
                               "damaged).").format(name=name)) from None
    return out.getvalue(), (width, height)


# ---- feeding a draft ------------------------------------------------------------------------------


class _Loadable(Protocol):
    """What the loaders need of a Draft."""

    def pending_loads(self) -> list[tuple[int, ImageSource]]: ...

    def finish_load(
        self, token: int, loaded: LoadedImage | None = None, error: str | None = None
    ) -> str | None: ...


def load_all(draft: _Loadable) -> list[str]:
    """Load every image the draft waits for, here and now (the CLI); the sentences of dropped ones."""
    notes: list[str] = []
    for token, source in draft.pending_loads():
        try:
            note = draft.finish_load(token, load_image(source))
        except ImageLoadError as exc:
            note = draft.finish_load(token, error=str(exc))
        if note:
            notes.append(note)
    return notes


async def load_pending(
    draft: _Loadable, resolve: LibraryResolver | None = None, in_flight: set[int] | None = None
) -> list[str]:
    """Load what the draft waits for in worker threads (the window); `in_flight`: tokens under way."""
    busy = in_flight if in_flight is not None else set()
    todo = [(t, s) for t, s in draft.pending_loads() if t not in busy]
    busy.update(t for t, _ in todo)

    async def one(token: int, source: ImageSource) -> str | None:
        try:
            file = None
            if source.kind is SourceKind.LIBRARY and resolve is not None:
                file = await resolve(source.value)
            loaded = await asyncio.to_thread(load_image, source, file)
        except ImageLoadError as exc:
            return draft.finish_load(token, error=str(exc))
        finally:
            busy.discard(token)
        return draft.finish_load(token, loaded)

    results = await asyncio.gather(*(one(t, s) for t, s in todo))
    return [r for r in results if r]
