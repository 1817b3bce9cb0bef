"""ThumbnailCache: made small, cached on disk (only), remade when damaged, closed without losing a write."""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.library import thumbs as thumbs_module
from fluxdesk.library.thumbs import ThumbnailCache, ThumbnailCacheClosed, looks_whole, render_thumbnail


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


def test_made_once_then_served_from_disk(tmp_path: Path) -> None:
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache")
    path = cache.make(src, sha, 256)
    assert path == cache.cached_path(sha, 256) and path.exists() and cache.made == 1
    assert path.parent.name == sha[:2] and sha in path.name and "256" in path.name
    cache.make(src, sha, 256)
    assert cache.made == 1
    data = cache.load(src, sha, 256)
    assert data == path.read_bytes()
    src.unlink()  # on disk now, the original is not needed
    assert cache.load(src, sha, 256) == data and cache.made == 1
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
    cache.make(src, sha, 512)
    assert path.read_bytes() == good and cache.made == 3
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_no_bytes_are_kept_in_memory_the_disk_is_the_cache(tmp_path: Path) -> None:
    """The gallery keeps the decoded images it shows; a second, encoded copy here only cost memory."""
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache")
    first = cache.load(src, sha, 256)
    cache.cached_path(sha, 256).unlink()  # the only copy: made again, not served from memory
    assert cache.load(src, sha, 256) == first and cache.made == 2


def test_webp_cache_and_remove(tmp_path: Path) -> None:
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache", fmt="webp")
    data = cache.load(src, sha, 256)
    assert looks_whole(data, "webp") and cache.cached_path(sha, 256).suffix == ".webp"
    cache.make(src, sha, 512)
    assert cache.remove(sha) == 2
    assert not cache.cached_path(sha, 256).exists() and not cache.cached_path(sha, 512).exists()


def test_thread_safe_under_concurrent_loads(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "cache")
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
    assert cache.made == 16  # each of the 8 images once per size, whichever thread came first


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


class SlowRender:
    """`render_thumbnail`, held at its start until the test opens the gate (in the worker's thread)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.gate = threading.Event()

    def __call__(self, *args: object, **kwargs: object) -> bytes:
        self.started.set()
        assert self.gate.wait(10), "the test never opened the gate"
        return render_thumbnail(*args, **kwargs)  # type: ignore[arg-type]


def _until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.005)


def test_close_waits_for_the_thumbnail_being_written_then_refuses_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = SlowRender()
    monkeypatch.setattr(thumbs_module, "render_thumbnail", slow)
    src, other = tmp_path / "a.jpg", tmp_path / "b.png"
    sha, other_sha = _image(src), _image(other, fmt="PNG")
    cache = ThumbnailCache(tmp_path / "cache")
    maker = threading.Thread(target=cache.make, args=(src, sha, 256))
    maker.start()
    assert slow.started.wait(10)
    seen_at_return: list[tuple[bool, bool]] = []
    closer = threading.Thread(
        target=lambda: seen_at_return.append((cache.close(), cache.cached_path(sha, 256).is_file()))
    )
    closer.start()
    _until(lambda: cache.closed)  # the closer is in close(), the render still held at the gate
    assert seen_at_return == []  # cannot have returned: the thumbnail is not written yet
    slow.gate.set()
    closer.join(10)
    maker.join(10)
    assert seen_at_return == [(True, True)]  # it returned once the file was there
    with pytest.raises(ThumbnailCacheClosed):
        cache.make(other, other_sha, 256)
    assert not cache.cached_path(other_sha, 256).exists()
    assert cache.load(src, sha, 256) == cache.cached_path(sha, 256).read_bytes()  # reading still works


def test_close_gives_up_after_its_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = SlowRender()
    monkeypatch.setattr(thumbs_module, "render_thumbnail", slow)
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache")
    maker = threading.Thread(target=cache.make, args=(src, sha, 256))
    maker.start()
    assert slow.started.wait(10)
    try:
        assert cache.close(timeout=0.05) is False  # a stuck decode does not hold the quit forever
    finally:
        slow.gate.set()
        maker.join(10)


@pytest.mark.asyncio
async def test_aclose_waits_off_the_loop_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = SlowRender()
    monkeypatch.setattr(thumbs_module, "render_thumbnail", slow)
    src = tmp_path / "a.jpg"
    sha = _image(src)
    cache = ThumbnailCache(tmp_path / "cache")
    making = asyncio.ensure_future(cache.get(src, sha, 256))
    assert await asyncio.to_thread(slow.started.wait, 10)
    closing = asyncio.ensure_future(cache.aclose())
    ticks = 0
    while ticks < 20:  # the loop keeps turning while aclose waits
        await asyncio.sleep(0)
        ticks += 1
    assert cache.closed and not closing.done()
    slow.gate.set()
    assert await asyncio.wait_for(closing, 10) is True
    assert cache.cached_path(sha, 256).is_file()
    assert looks_whole(await asyncio.wait_for(making, 10), "jpeg")
