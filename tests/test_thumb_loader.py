"""The gallery's ThumbLoader: the window's one memory cache of thumbnails, a few screens of decoded images."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from test_ui_gallery_support import record

from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.thumb_loader import MIN_KEPT, ThumbLoader
from fluxdesk.ui.tasks import TaskRegistry

TARGET = QSize(156, 156)


class CountingThumbs:
    """Stands for the disk cache: one small JPEG for every image, and how many times it was read."""

    def __init__(self) -> None:
        out = io.BytesIO()
        Image.new("RGB", (256, 192), (200, 40, 40)).save(out, "JPEG")
        self.data = out.getvalue()
        self.loads: list[str] = []
        self._lock = threading.Lock()

    def load(self, image_path: Path, sha256: str, size: int) -> bytes:
        with self._lock:
            self.loads.append(sha256)
        return self.data


def _records(n: int) -> list[GenerationRecord]:
    base = record("a kite")
    return [dataclasses.replace(base, id=f"id{i}", sha256=f"{i:064x}") for i in range(n)]


@pytest.fixture
def thumbs() -> CountingThumbs:
    return CountingThumbs()


@pytest.fixture
def loader(qloop: asyncio.AbstractEventLoop, qtbot: Any, thumbs: CountingThumbs) -> Iterator[ThumbLoader]:
    tasks = TaskRegistry()
    made = ThumbLoader(thumbs, tasks, lambda r: Path("/library") / r.id, screens=2)
    yield made
    made.close()
    done = qloop.create_task(tasks.shutdown())
    qtbot.waitUntil(done.done)


def show(qtbot: Any, loader: ThumbLoader, screen: list[GenerationRecord]) -> None:
    """Paint a screen until every cell has its thumbnail, as the view does (each paint asks again)."""
    qtbot.waitUntil(lambda: all([loader.image(r, 256, TARGET) is not None for r in screen]), timeout=10_000)


def test_a_few_screens_stay_decoded_and_scrolling_back_over_them_reads_nothing(
    qtbot: Any, loader: ThumbLoader, thumbs: CountingThumbs
) -> None:
    per_screen = 30
    loader.fit_screen(per_screen)
    assert loader.capacity == 2 * per_screen
    records = _records(4 * per_screen)
    screens = [records[i : i + per_screen] for i in range(0, len(records), per_screen)]
    for screen in screens:  # scrolling down, a screen at a time
        show(qtbot, loader, screen)
    assert len(thumbs.loads) == len(records)  # each once
    assert loader.kept == loader.capacity
    # back up over the last two screens: painted at once, nothing read or decoded again
    for screen in reversed(screens[2:]):
        assert all(loader.image(r, 256, TARGET) is not None for r in screen)
    assert len(thumbs.loads) == len(records) and loader.pending_count == 0
    # further back than that, thumbnails come from the disk cache again
    assert loader.cached(screens[0][0], 256) is None
    show(qtbot, loader, screens[1])
    assert len(thumbs.loads) == len(records) + per_screen
    assert loader.kept == loader.capacity


def test_the_byte_ceiling_holds_whatever_the_screen(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, thumbs: CountingThumbs
) -> None:
    tasks = TaskRegistry()
    one = 156 * 117 * 4  # a 256x192 thumbnail fitted into 156x156, 32-bit pixels
    small = ThumbLoader(thumbs, tasks, lambda r: Path("/library") / r.id, max_bytes=one * 5)
    try:
        small.fit_screen(100)
        records = _records(12)
        for r in records:
            show(qtbot, small, [r])
        assert small.kept == 5 and small.memory_bytes <= one * 5
        assert all(small.cached(r, 256) is not None for r in records[-5:])
    finally:
        small.close()
        done = qloop.create_task(tasks.shutdown())
        qtbot.waitUntil(done.done)


def test_a_smaller_view_lets_go_of_what_it_no_longer_needs(qtbot: Any, loader: ThumbLoader) -> None:
    loader.fit_screen(60)
    records = _records(120)
    show(qtbot, loader, records)
    assert loader.kept == 120
    loader.fit_screen(1)  # a tiny view: the floor, not one thumbnail
    assert loader.capacity == MIN_KEPT and loader.kept == MIN_KEPT
    assert all(loader.cached(r, 256) is not None for r in records[-MIN_KEPT:])


def test_a_thumbnail_decoded_for_a_small_place_is_decoded_again_for_the_gallerys_cell(
    qtbot: Any, loader: ThumbLoader, thumbs: CountingThumbs
) -> None:
    # the details' lineage icons (64 px) and the gallery's cells (156 px) share the cache: a small one
    # first must not leave the gallery drawing a 64 px thumbnail in its cell
    [one] = _records(1)
    icon = QSize(64, 64)
    qtbot.waitUntil(lambda: loader.image(one, 256, icon) is not None, timeout=10_000)
    small = loader.cached(one, 256)
    assert small is not None and small.width() <= 64
    shown = loader.image(one, 256, TARGET)
    assert shown is not None and shown.width() <= 64  # the small one meanwhile, no blank cell
    qtbot.waitUntil(lambda: (loader.cached(one, 256) or small).width() == 156, timeout=10_000)
    # and the small place asking again reads nothing: the larger thumbnail serves it (scaled when shown)
    reads = len(thumbs.loads)
    assert loader.image(one, 256, icon) is not None
    assert len(thumbs.loads) == reads == 2
