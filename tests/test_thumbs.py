"""ThumbnailCache: made small, cached on disk and in memory, remade when damaged."""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.library.thumbs import ThumbnailCache, looks_whole, render_thumbnail


def _image(path: Path, size=(1024, 768), fmt="JPEG", mode="RGB") -> str:
    img = Image.new(mode, size, (30, 120, 200) if mode == "RGB" else (30, 120, 200, 128))
    for x in range(0, size[0], 16):
        for y in range(0, size[1], 16):
            img.putpixel((x, y), (x % 256, y % 256, 0) + ((255,) if mode == "RGBA" else ()))
    img.save(path, fmt)
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB")])
@pytest.mark.parametrize("edge", [256, 512])
def test_thumbnail_fits_the_edge(tmp_path: Path, fmt: str, mode: str, edge: int) -> None:
    src = tmp_path / f"img.{fmt.lower()}"
    _image(src, fmt=fmt, mode=mode)
    data = render_thumbnail(src, edge)
    with Image.open(io.BytesIO(data)) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (edge, edge * 3 // 4)


def test_small_images_are_not_enlarged(tmp_path: Path) -> None:
    src = tmp_path / "small.png"
    _image(src, size=(100, 50), fmt="PNG")
    with Image.open(io.BytesIO(render_thumbnail(src, 256))) as thumb:
        assert thumb.size == (100, 50)


def test_made_once_then_served_from_disk_and_memory(tmp_path: Path) -> None:
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache")
    path = cache.make(src, sha, 256)
    assert path == cache.cached_path(sha, 256) and path.exists() and cache.made == 1
    assert path.parent.name == sha[:2] and sha in path.name and "256" in path.name
    cache.make(src, sha, 256)
    assert cache.made == 1
    data = cache.load(src, sha, 256)
    assert data == path.read_bytes() and cache.in_memory(sha, 256)
    src.unlink()  # from memory now, the original is not needed
    assert cache.load(src, sha, 256) == data
    cache.make(tmp_path / "gone.jpg", sha, 256)  # on disk: not remade either
    assert cache.made == 1
    fresh = ThumbnailCache(tmp_path / "cache")
    assert fresh.load(src, sha, 256) == data and fresh.made == 0  # another run finds the disk cache


@pytest.mark.parametrize("damage", [lambda d: d[: len(d) // 2], lambda d: b"", lambda d: b"garbage" * 10])
def test_damaged_or_missing_thumbnails_are_remade(tmp_path: Path, damage) -> None:
    src = tmp_path / "a.png"
    sha = _image(src, fmt="PNG")
    cache = ThumbnailCache(tmp_path / "cache")
    path = cache.make(src, sha, 512)
    good = path.read_bytes()
    path.write_bytes(damage(good))
    assert cache.load(src, sha, 512) == good
    assert path.read_bytes() == good and cache.made == 2
    path.unlink()
    cache.clear_memory()
    cache.make(src, sha, 512)
    assert path.read_bytes() == good and cache.made == 3
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_memory_lru_respects_its_byte_budget(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "cache", memory_budget_bytes=1)
    src = tmp_path / "a.jpg"
    sha = _image(src)
    one = len(cache.load(src, sha, 256))
    assert cache.memory_bytes == 0  # larger than the whole budget: never kept
    budget = one * 3 + one // 2
    cache = ThumbnailCache(tmp_path / "cache2", memory_budget_bytes=budget)
    shas = []
    for i in range(6):
        p = tmp_path / f"{i}.jpg"
        Image.new("RGB", (1024, 768), (i * 40, 0, 0)).save(p, "JPEG")
        shas.append(hashlib.sha256(p.read_bytes()).hexdigest())
        cache.load(p, shas[-1], 256)
        assert cache.memory_bytes <= budget
    kept = [cache.in_memory(s, 256) for s in shas]
    assert kept[-1] and not kept[0]
    # touching an entry keeps it over newer ones
    oldest_kept = kept.index(True)
    cache.load(tmp_path / f"{oldest_kept}.jpg", shas[oldest_kept], 256)
    p = tmp_path / "7.jpg"
    Image.new("RGB", (1024, 768), (0, 250, 0)).save(p, "JPEG")
    cache.load(p, hashlib.sha256(p.read_bytes()).hexdigest(), 256)
    assert cache.in_memory(shas[oldest_kept], 256)


def test_webp_cache_and_remove(tmp_path: Path) -> None:
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache", fmt="webp")
    data = cache.load(src, sha, 256)
    assert looks_whole(data, "webp") and cache.cached_path(sha, 256).suffix == ".webp"
    cache.make(src, sha, 512)
    assert cache.remove(sha) == 2
    assert not cache.in_memory(sha, 256) and not cache.cached_path(sha, 256).exists()


def test_thread_safe_under_concurrent_loads(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "cache", memory_budget_bytes=200_000)
    items = []
    for i in range(8):
        p = tmp_path / f"{i}.png"
        items.append((p, _image(p, size=(300 + i * 16, 200), fmt="PNG")))
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for j in range(40):
                p, sha = items[(seed + j) % len(items)]
                assert looks_whole(cache.load(p, sha, 256 if j % 2 else 512), "jpeg")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert cache.memory_bytes <= 200_000


@pytest.mark.asyncio
async def test_async_get_runs_off_the_loop_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache")
    threads: set[int] = set()
    original = cache.load

    def spy(*args):
        threads.add(threading.get_ident())
        return original(*args)

    monkeypatch.setattr(cache, "load", spy)
    try:
        results = await asyncio.gather(*(cache.get(src, sha, 256) for _ in range(4)))
        assert len({*results}) == 1 and threading.get_ident() not in threads
    finally:
        cache.close()
