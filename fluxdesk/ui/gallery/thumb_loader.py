"""Thumbnails for the gallery, loaded off the GUI thread and kept as ready-to-blit QImages.

The delegate asks `image(record, size)` while it paints: it gets a cached QImage at once, or None
(it paints a placeholder) and the request is queued. Requests are coalesced by (sha256, size), at
most `max_in_flight` run at a time, and when the view scrolls (`new_epoch()`), requests for rows that
were not painted again since are dropped before they start. The work itself (the thumbnail cache,
decoding, scaling) runs in a worker thread: a QImage is safe to build there, a QPixmap is not.

This is the window's only memory cache of thumbnails: a least-recently-painted list sized to a few
screens (`fit_screen`, told by the view), so that scrolling back over what was just seen paints at
once, with a byte ceiling for large HiDPI screens. Past that, thumbnails come back from the disk
cache (a file read and a small decode, no full-size image).
"""

from __future__ import annotations

import asyncio
import inspect
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.imaging import decode_image
from fluxdesk.ui.tasks import TaskRegistry

ThumbKey = tuple[str, int]


def thumb_id(record: GenerationRecord) -> str:
    """What a record's thumbnails are known by (`thumbnailReady`'s first argument): the image's sha256,
    so that copies share them; the record's id before its image is known."""
    return record.sha256 or record.id

#: screens of thumbnails kept decoded: the one shown and those just scrolled past
SCREENS_KEPT = 4
#: kept until the view says how many cells it shows, and at the least for a tiny view
MIN_KEPT = 48
#: whatever the screen: 4 screens of 512-px cells on a large HiDPI display would be ~190 MB
MAX_BYTES = 64 << 20


@dataclass
class _Pending:
    key: ThumbKey
    path: Path
    sha256: str
    size: int
    target: QSize
    dpr: float
    epoch: int


def _smaller(made_for: QSize, target: QSize) -> bool:
    """A thumbnail decoded to fit `made_for` is too small for `target`."""
    return made_for.width() < target.width() and made_for.height() < target.height()


def decode_thumbnail(data: bytes, target: QSize, dpr: float) -> QImage:
    """Encoded thumbnail bytes -> a QImage scaled to fit `target` (device pixels), ready to blit.

    Safe in a worker thread (QImage only); the decode lets go of the GIL (`imaging.decode_image`).
    """
    image = decode_image(data)
    if image.isNull():
        return image
    if image.width() > target.width() or image.height() > target.height():
        image = image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    return image


def load_full_image(path: Path) -> QImage:
    """Decode a full image file (worker thread). Returns a null QImage when it cannot be read."""
    image = QImage(str(path))
    if image.isNull():
        return image
    if image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return image.convertToFormat(QImage.Format.Format_RGB32)


class ThumbLoader(QObject):
    """Off-thread thumbnail loading with a bounded, coalesced, cancellable queue and a memory LRU.

    The LRU holds `screens` times the cells on a screen (`fit_screen`), and never more than
    `max_bytes` of pixels.
    """

    #: a thumbnail (or its failure) is now in the cache: (sha256, size)
    thumbnailReady = Signal(str, int)
    #: requests were dropped after a scroll: the view should repaint so that rows still visible ask again
    #: (a scroll repaints only the newly exposed strip)
    requestsDropped = Signal()

    def __init__(
        self,
        thumbs: Any,
        tasks: TaskRegistry,
        path_of: Callable[[GenerationRecord], Path | None],
        *,
        max_in_flight: int = 2,
        screens: int = SCREENS_KEPT,
        max_bytes: int = MAX_BYTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumbs = thumbs
        self._tasks = tasks
        self._path_of = path_of
        self._max_in_flight = max(1, max_in_flight)
        self._screens = max(1, screens)
        self._capacity = MIN_KEPT
        self._max_bytes = max_bytes
        self._used = 0
        self._cache: OrderedDict[ThumbKey, QImage] = OrderedDict()
        # the target each cached thumbnail was decoded for: a larger request decodes it again
        self._made_for: dict[ThumbKey, QSize] = {}
        self._pending: OrderedDict[ThumbKey, _Pending] = OrderedDict()
        self._in_flight: set[ThumbKey] = set()
        self._epoch = 0
        self._closed = False
        self._executor = ThreadPoolExecutor(
            max_workers=self._max_in_flight, thread_name_prefix="fluxdesk-thumbs"
        )
        # the sync `load` (thread-safe) and the decode in one hop on our worker; else the async `get`
        get = getattr(thumbs, "get", None)
        use_get = not hasattr(thumbs, "load") and get is not None and inspect.iscoroutinefunction(get)
        self._async_get = get if use_get else None
        self._dispatch_timer = QTimer(self)
        self._dispatch_timer.setSingleShot(True)
        self._dispatch_timer.setInterval(0)
        self._dispatch_timer.timeout.connect(self._dispatch)
        self.requests_started = 0  # for tests and benchmarks

    # -- what the delegate calls while painting (never blocks) ------------------------------------

    @staticmethod
    def key_of(record: GenerationRecord, size: int) -> ThumbKey:
        return (thumb_id(record), size)

    def cached(self, record: GenerationRecord, size: int) -> QImage | None:
        key = self.key_of(record, size)
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
        return image

    def image(self, record: GenerationRecord, size: int, target: QSize, dpr: float = 1.0) -> QImage | None:
        """The cached thumbnail (a null QImage when it failed), or None after queueing a request."""
        key = self.key_of(record, size)
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
            made_for = self._made_for.get(key)
            if made_for is not None and _smaller(made_for, target):
                # decoded for a smaller place (the details' lineage icons): decode again for this one,
                # showing the small one meanwhile
                self._queue(key, record, size, target, dpr)
            return image
        self.request(record, size, target, dpr)
        return None

    def request(self, record: GenerationRecord, size: int, target: QSize, dpr: float = 1.0) -> None:
        if self._closed:
            return
        key = self.key_of(record, size)
        if key in self._cache:
            return
        self._queue(key, record, size, target, dpr)

    def _queue(self, key: ThumbKey, record: GenerationRecord, size: int, target: QSize, dpr: float) -> None:
        if self._closed or key in self._in_flight:
            return
        pending = self._pending.get(key)
        if pending is not None:
            pending.epoch = self._epoch
            if target.width() > pending.target.width() or target.height() > pending.target.height():
                pending.target, pending.dpr = target, dpr  # the larger place wins; smaller ones scale it
            return
        path = self._path_of(record)
        if path is None:
            self._store(key, QImage())
            return
        self._pending[key] = _Pending(key, path, thumb_id(record), size, target, dpr, self._epoch)
        if not self._dispatch_timer.isActive():
            self._dispatch_timer.start()

    def new_epoch(self) -> None:
        """The view scrolled: requests not renewed by a paint after this are dropped before they start."""
        self._epoch += 1

    def fit_screen(self, cells: int) -> None:
        """The view shows `cells` cells at once (partly visible ones included): keep a few screens' worth."""
        self._capacity = max(MIN_KEPT, self._screens * max(0, cells))
        self._trim()

    @property
    def capacity(self) -> int:
        """How many thumbnails stay decoded (before the byte ceiling)."""
        return self._capacity

    @property
    def kept(self) -> int:
        return len(self._cache)

    @property
    def memory_bytes(self) -> int:
        """Pixels held by the decoded thumbnails."""
        return self._used

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def in_flight_count(self) -> int:
        return len(self._in_flight)

    def clear_memory(self) -> None:
        self._cache.clear()
        self._made_for.clear()
        self._used = 0

    def close(self) -> None:
        self._closed = True
        self._pending.clear()
        self._dispatch_timer.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- the queue ---------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        if self._closed:
            return
        # drop what was asked for before the last scroll and not asked for again since
        stale = [k for k, p in self._pending.items() if p.epoch < self._epoch]
        for key in stale:
            del self._pending[key]
        if stale:
            self.requestsDropped.emit()
        while self._pending and len(self._in_flight) < self._max_in_flight:
            _key, item = self._pending.popitem(last=False)
            self._in_flight.add(item.key)
            self.requests_started += 1
            try:
                self._tasks.spawn(self._load(item), name="load a thumbnail")
            except RuntimeError:  # the window is closing
                self._in_flight.discard(item.key)
                return

    async def _load(self, item: _Pending) -> None:
        image = QImage()  # null: cannot be made (missing or corrupt file)
        try:
            loop = asyncio.get_running_loop()
            if self._async_get is not None:
                data = await self._async_get(item.path, item.sha256, item.size)
                image = await loop.run_in_executor(
                    self._executor, decode_thumbnail, data, item.target, item.dpr
                )
            else:
                image = await loop.run_in_executor(self._executor, self._load_sync, item)
        except asyncio.CancelledError:
            self._in_flight.discard(item.key)
            raise
        except Exception:  # a missing or corrupt file: paint the "broken" placeholder, never retry forever
            image = QImage()
        finally:
            self._in_flight.discard(item.key)
        if self._closed:
            return
        self._store(item.key, image, item.target)
        self.thumbnailReady.emit(item.key[0], item.key[1])
        if self._pending and not self._dispatch_timer.isActive():
            self._dispatch_timer.start()

    def _load_sync(self, item: _Pending) -> QImage:
        thumbs = self._thumbs
        if hasattr(thumbs, "load"):
            data = thumbs.load(item.path, item.sha256, item.size)
        else:
            data = Path(thumbs.make(item.path, item.sha256, item.size)).read_bytes()
        return decode_thumbnail(data, item.target, item.dpr)

    def _store(self, key: ThumbKey, image: QImage, made_for: QSize | None = None) -> None:
        old = self._cache.pop(key, None)
        if old is not None:
            self._used -= old.sizeInBytes()
        self._cache[key] = image
        if made_for is not None:
            self._made_for[key] = made_for
        else:
            self._made_for.pop(key, None)
        self._used += image.sizeInBytes()
        self._trim()

    def _trim(self) -> None:
        cache = self._cache
        while len(cache) > 1 and (len(cache) > self._capacity or self._used > self._max_bytes):
            key, dropped = cache.popitem(last=False)  # the one painted longest ago
            self._made_for.pop(key, None)
            self._used -= dropped.sizeInBytes()
