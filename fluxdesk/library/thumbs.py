"""`ThumbnailCache`: small JPEG (or WebP) previews of library images, kept on disk.

Files are keyed by the image's sha256 and the thumbnail's edge (256, and 512 for HiDPI screens), so
identical images share them and a changed image never shows a stale one. A thumbnail that is missing
or damaged is simply made again; the folder is a cache, safe to delete. No Qt here: views get the
encoded bytes and decode them themselves.

There is no memory cache of encoded bytes here: a view keeps the decoded images it shows (the
gallery's `ThumbLoader`), and reading a 10 KB file the OS has cached costs microseconds, so a second
copy in memory only doubled what the window held (measured by bench/ui_responsiveness.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import threading
from concurrent.futures import BrokenExecutor, Executor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image


log = logging.getLogger(__name__)
SIZES = (256, 512)
CLOSE_TIMEOUT = 5.0  # seconds `close()` waits for a thumbnail being made (a full-size decode takes < 1 s)
_EXIF_ORIENTATION = 0x0112


def fit_within(size: tuple[int, int], edge: int) -> tuple[int, int]:
    """`size` scaled down (never up) to fit an `edge` x `edge` square, keeping its aspect."""
    w, h = size
    scale = min(1.0, edge / max(w, h, 1))
    return max(1, round(w * scale)), max(1, round(h * scale))


def render_thumbnail(image_path: Path, edge: int, *, fmt: str = "jpeg", quality: int = 82) -> bytes:
    """Decode as little as possible and encode a thumbnail that fits `edge` x `edge`.

    JPEG: `draft()` makes libjpeg decode straight at 1/2, 1/4 or 1/8 scale (DCT scaling), aimed at the
    thumbnail's own size rather than Pillow's default of twice that. Other formats: `reduce()` by an
    integer factor first (cheap box filter), then one resample of what is left.
    """
    from PIL import Image, ImageOps  # in the worker that renders; the window's start does not wait for it

    with Image.open(image_path) as opened:
        img: Image.Image = opened
        target = fit_within(img.size, edge)
        if img.format == "JPEG":
            img.draft("RGB", target)
        orientation = img.getexif().get(_EXIF_ORIENTATION, 1) if img.format in ("JPEG", "WEBP") else 1
        if orientation != 1:
            img = ImageOps.exif_transpose(img)
        if img.mode not in ("RGB", "L"):
            img = _flatten(img)
        img.thumbnail(target, Image.Resampling.BICUBIC, reducing_gap=2.0)
        out = io.BytesIO()
        if fmt == "webp":
            img.save(out, "WEBP", quality=quality, method=2)
        else:
            img.save(out, "JPEG", quality=quality)
        return out.getvalue()


def _flatten(img: Image.Image) -> Image.Image:
    """RGB for the encoder; transparency shown over white."""
    from PIL import Image
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def looks_whole(data: bytes, fmt: str) -> bool:
    """A cheap check that an encoded thumbnail is complete (catches truncation and garbage)."""
    if fmt == "webp":
        return (
            len(data) > 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP"
            and int.from_bytes(data[4:8], "little") + 8 == len(data)
        )
    return len(data) > 4 and data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"


class ThumbnailCacheClosed(RuntimeError):
    """A thumbnail was to be made after `close()`: nothing is written into a folder being let go."""


class ThumbnailCache:
    """Thumbnails on disk under `cache_dir`, made on first use.

    Thread-safe: `make`/`load` may be called from any worker thread; `get` is the asyncio way in.
    `close()` (or `aclose()`) waits, bounded, for a thumbnail being written, and refuses new ones.
    """

    def __init__(
        self,
        cache_dir: Path,
        *,
        fmt: str = "jpeg",
        quality: int = 82,
        workers: int = 2,
        render_executor: Executor | None = None,
    ) -> None:
        """`render_executor`: where full-size images are decoded and shrunk; the window passes a
        process pool so that decoding never holds the GUI process's GIL (None: the calling thread)."""
        if fmt not in ("jpeg", "webp"):
            raise ValueError(f"thumbnail format must be jpeg or webp, not {fmt!r}")
        self.cache_dir = Path(cache_dir)
        self.fmt = fmt
        self.quality = quality
        self._workers = workers
        self._render_executor = render_executor
        self._lock = threading.Lock()
        # one full-size decode at a time: on a small machine, parallel decodes of 2 MP images only fight
        # the GUI thread for the GIL and the cores (measured: 30 ms stalls with four at once). Every
        # write happens under it too, so `close()` knows that none is under way once it holds it.
        self._render_lock = threading.Lock()
        self._closed = False
        self._executor: ThreadPoolExecutor | None = None
        self.made = 0  # thumbnails rendered (not found on disk), for tests and benchmarks

    # -- disk ---------------------------------------------------------------------------------------

    def cached_path(self, sha256: str, size: int) -> Path:
        ext = "webp" if self.fmt == "webp" else "jpg"
        return self.cache_dir / sha256[:2] / f"{sha256}-{size}.{ext}"

    def make(self, image_path: Path, sha256: str, size: int) -> Path:
        """The path of a valid thumbnail on disk, made now if it is missing or damaged (sync)."""
        self._ensure(Path(image_path), sha256, size)
        return self.cached_path(sha256, size)

    def load(self, image_path: Path, sha256: str, size: int) -> bytes:
        """The encoded thumbnail: from disk, else made now (sync)."""
        return self._ensure(Path(image_path), sha256, size)

    async def get(self, image_path: Path, sha256: str, size: int) -> bytes:
        """`load` on the cache's own small thread pool (never on the caller's thread)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool(), self.load, image_path, sha256, size)

    def _ensure(self, image_path: Path, sha256: str, size: int) -> bytes:
        path = self.cached_path(sha256, size)
        data = self._read_whole(path)
        if data:
            return data
        with self._render_lock:
            data = self._read_whole(path)  # another thread may have made it while this one waited
            if data:
                return data
            if self._closed:
                raise ThumbnailCacheClosed("the thumbnail cache is closed")
            data = self._render(image_path, size)
            self._write(path, data)
        with self._lock:
            self.made += 1
        return data

    def _render(self, image_path: Path, size: int) -> bytes:
        if self._render_executor is None:
            return render_thumbnail(image_path, size, fmt=self.fmt, quality=self.quality)
        try:
            job = self._render_executor.submit(
                render_thumbnail, image_path, size, fmt=self.fmt, quality=self.quality
            )
            return job.result()
        except BrokenExecutor:
            # the decoding process died: make thumbnails in this thread from now on
            log.warning("the image-decoding process stopped; making thumbnails in a thread from now on")
            self._render_executor = None
            return render_thumbnail(image_path, size, fmt=self.fmt, quality=self.quality)

    def _read_whole(self, path: Path) -> bytes:
        try:
            data = path.read_bytes()
        except OSError:
            return b""
        return data if looks_whole(data, self.fmt) else b""

    def _write(self, path: Path, data: bytes) -> None:
        # atomic, not durable: a cache file lost in a crash is made again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            # a read-only or full cache still serves the thumbnail just made, only not the next time

    def remove(self, sha256: str) -> int:
        """Forget every size of one image's thumbnails; returns files removed."""
        removed = 0
        folder = self.cache_dir / sha256[:2]
        if folder.is_dir():
            for path in folder.glob(f"{sha256}-*"):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._closed:
                raise ThumbnailCacheClosed("the thumbnail cache is closed")
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self._workers, thread_name_prefix="fluxdesk-thumbs")
            return self._executor

    @property
    def closed(self) -> bool:
        """`close()` (or `aclose()`) was called: no thumbnail is made any more."""
        return self._closed

    def close(self, timeout: float = CLOSE_TIMEOUT) -> bool:
        """No new thumbnails from now on; wait (at most `timeout` s) for the one being made and written.

        Returns False when that one was still under way at the deadline. It can take as long as one
        full-size decode: from a coroutine on the GUI thread, use `aclose()`.
        """
        self._refuse_new()
        return self._wait_idle(timeout)

    async def aclose(self, timeout: float = CLOSE_TIMEOUT) -> bool:
        """`close()`, its waiting done in a worker thread so that the event loop's thread never blocks."""
        self._refuse_new()  # at once: a thumbnail queued behind the one being made is not started
        return await asyncio.to_thread(self._wait_idle, timeout)

    def _refuse_new(self) -> None:
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _wait_idle(self, timeout: float) -> bool:
        if not self._render_lock.acquire(timeout=timeout):
            log.warning("a thumbnail was still being made %.0f s after the cache was closed", timeout)
            return False
        self._render_lock.release()
        return True
