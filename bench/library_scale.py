"""How the library holds up at 10,000 generations: thumbnails, cached pages, search, database size.

    .venv/bin/python bench/library_scale.py [--count 10000] [--pool 300] [--keep DIR]

Builds a library of `--count` generations in a temp dir (or DIR): a pool of distinct images rendered by
the simulator's renderer (mixed PNG and JPEG, a few sizes around 1024x768), each row with its own
prompt and its own file (hard links to the pool's bytes where the file system allows, else copies),
all rows written in one transaction through `LibraryStore`. Then it prints:

- cold thumbnail throughput of `ThumbnailCache` against a naive `Image.open(p).thumbnail(); save()`
  loop on the same images in the same run, JPEG and PNG separately;
- the time to load a page of 200 thumbnails from the disk cache (memory cache cleared each time);
- search latency over the prompts (page of 200 + count);
- the database size; and a few `Library.save_result` timings (the real, fsynced path).

Goals: search <= 20 ms, a page of 200 cached thumbnails <= 100 ms, cold JPEG >= 2x the naive loop.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.files import image_relpath
from fluxdesk.library.library import Library, library_paths
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import LibraryStore
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.sim.render import render_image

SIZES = [(1024, 768), (768, 1024), (1024, 1024), (1152, 768)]
MODELS = ["flux-pro-1.1", "flux-dev", "flux-pro", "flux-2-pro"]
SUBJECTS = ["kite", "cat", "lighthouse", "robot", "forest", "city", "portrait", "teapot", "mountain",
            "river", "dragon", "bicycle", "garden", "astronaut", "violin", "market", "harbor", "owl",
            "desert", "train"]
ADJECTIVES = ["red", "misty", "golden", "neon", "quiet", "ancient", "tiny", "vast", "glass", "paper",
              "rusty", "velvet", "frozen", "sunlit", "electric", "wooden", "café-style", "sci-fi", "dreamy",
              "bold"]
SCENES = ["over the sea", "at dusk", "in the rain", "on a wooden table", "under neon lights",
          "in a snowstorm", "at the market", "on the moon", "in an old library", "by the river", "at night",
          "in spring"]
STYLES = ["watercolor", "35mm photo", "oil painting", "isometric render", "ink sketch", "studio lighting",
          "wide shot", "macro", "low poly", "cinematic"]
SEARCHES = ["kite", "kit*", "red kite sea", "neon city night", "watercolor dragon", "café", "sci-fi robot",
            "zebra"]


def prompt_for(rng: random.Random, i: int) -> str:
    return (f"{rng.choice(ADJECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(SCENES)}, {rng.choice(STYLES)}, "
            f"{rng.choice(ADJECTIVES)} {rng.choice(SUBJECTS)} #{i}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def build(home: Path, count: int, pool_size: int, rng: random.Random) -> tuple[LibraryStore, list[dict]]:
    db_path, images_dir = library_paths(home)
    pool_dir = home / "pool"
    pool_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    pool = []
    for i in range(pool_size):
        fmt = "jpeg" if i % 2 == 0 else "png"
        w, h = SIZES[i % len(SIZES)]
        model = MODELS[i % len(MODELS)]
        prompt = prompt_for(rng, i)
        data = render_image(model, prompt, i, w, h, fmt)
        path = pool_dir / f"{i:04d}.{'jpg' if fmt == 'jpeg' else 'png'}"
        path.write_bytes(data)
        pool.append({"path": path, "fmt": fmt, "w": w, "h": h, "bytes": len(data),
                     "sha": hashlib.sha256(data).hexdigest()})
    t_render = time.perf_counter() - t0

    t0 = time.perf_counter()
    store = LibraryStore(db_path)
    linked = copied = 0
    base = time.time() - count * 60.0
    with store.transaction():
        for i in range(count):
            src = pool[i % pool_size]
            model = MODELS[rng.randrange(len(MODELS))]
            prompt = prompt_for(rng, i)
            seed = rng.randrange(2**31)
            job_id = uuid.uuid4().hex
            created = base + i * 60.0
            rel = image_relpath(prompt, seed, job_id, "jpg" if src["fmt"] == "jpeg" else "png", when=created)
            target = images_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(src["path"], target)
                linked += 1
            except OSError:
                shutil.copyfile(src["path"], target)
                copied += 1
            params = {"seed": seed, "width": src["w"], "height": src["h"], "output_format": src["fmt"]}
            store.add(GenerationRecord(
                id=job_id, provider="cometapi", model=model, request=GenerationRequest(model, prompt, params),
                status=JobState.DONE, task_id=uuid.uuid4().hex, created_at=created, submitted_at=created + 1,
                ready_at=created + 8, saved_at=created + 9, file=rel, width=src["w"], height=src["h"],
                format=src["fmt"], bytes=src["bytes"], sha256=src["sha"], favorite=rng.random() < 0.05,
            ))
    t_rows = time.perf_counter() - t0
    print(f"built {count} generations in {home}: {pool_size} distinct images rendered in {t_render:.1f} s "
          f"(render_image, half JPEG half PNG, sizes {', '.join(f'{w}x{h}' for w, h in SIZES)}), "
          f"{count} rows + files in {t_rows:.1f} s "
          f"({linked} hard links, {copied} copies of the pool's bytes)")
    return store, pool


def naive_thumbnail(src: Path, out: Path) -> None:
    img = Image.open(src)
    img.thumbnail((256, 256))
    if img.mode != "RGB":
        img = img.convert("RGB")
    img.save(out, "JPEG")


def bench_cold_thumbnails(home: Path, pool: list[dict]) -> None:
    print("\ncold thumbnails, 256 px, one thread (same images, same run):")
    naive_dir = home / "naive"
    naive_dir.mkdir(exist_ok=True)
    for fmt in ("jpeg", "png"):
        items = [p for p in pool if p["fmt"] == fmt]
        for p in items:  # the page cache holds every source for both contenders
            p["path"].read_bytes()
        t = time.perf_counter()
        for p in items:
            naive_thumbnail(p["path"], naive_dir / f"{p['sha']}.jpg")
        naive = len(items) / (time.perf_counter() - t)
        cache = ThumbnailCache(home / f"cold-{fmt}", memory_budget_bytes=0)
        t = time.perf_counter()
        for p in items:
            cache.make(p["path"], p["sha"], 256)
        ours = len(items) / (time.perf_counter() - t)
        assert cache.made == len(items)
        print(f"  {fmt.upper():4}  ThumbnailCache {ours:7.1f} img/s   naive {naive:7.1f} img/s   "
              f"ratio {ours / naive:4.2f}x   ({len(items)} images)")


def bench_cached_page(home: Path, store: LibraryStore, repeats: int) -> None:
    _, images_dir = library_paths(home)
    cache = ThumbnailCache(home / "thumbs")
    page = store.query(HistoryQuery(), limit=200)
    for r in page:
        cache.make(images_dir / r.file, r.sha256, 256)
    distinct = len({r.sha256 for r in page})

    def load_page() -> None:
        cache.clear_memory()
        for r in store.query(HistoryQuery(), limit=200):
            cache.load(images_dir / r.file, r.sha256, 256)

    times = timed(load_page, repeats)
    total = sum(len(cache.load(images_dir / r.file, r.sha256, 256)) for r in page)
    print(f"\npage of 200 thumbnails from the disk cache (query + 200 reads, memory cleared each time; "
          f"{distinct} distinct files, {total / 1024:.0f} KiB):")
    print(f"  p50 {ms(statistics.median(times))}   p99 {ms(percentile(times, 99))}   "
          f"max {ms(max(times))}   ({repeats} repeats; goal <= 100 ms)")
    hot = timed(lambda: [cache.load(images_dir / r.file, r.sha256, 256) for r in page], repeats)
    print(f"  from memory: p50 {ms(statistics.median(hot))}")


def bench_search(store: LibraryStore, repeats: int) -> None:
    total = store.count(HistoryQuery())
    print(f"\nsearch over {total} prompts (first page of 200 + count), {repeats} repeats:")
    worst = 0.0
    for text in SEARCHES:
        for model in (None, "flux-dev"):
            q = HistoryQuery(text=text, model=model)
            times = timed(lambda q=q: (store.query(q, limit=200), store.count(q)), repeats)
            worst = max(worst, percentile(times, 99))
            label = f"{text!r}" + (f" + model={model}" if model else "")
            print(f"  {label:36} hits {store.count(q):5}   p50 {ms(statistics.median(times)):>9}   "
                  f"p99 {ms(percentile(times, 99)):>9}   max {ms(max(times)):>9}")
    for sort in ("oldest", "prompt"):
        q = HistoryQuery(sort=sort)
        times = timed(lambda q=q: store.query(q, offset=5000, limit=200), repeats)
        label = f"no text, sort={sort}, offset 5000"
        print(f"  {label:36}             p50 {ms(statistics.median(times)):>9}"
              f"   p99 {ms(percentile(times, 99)):>9}")
    times = timed(lambda: store.recent_prompts(limit=20), repeats)
    print(f"  {'recent prompts (20 distinct)':36}             p50 {ms(statistics.median(times)):>9}"
          f"   p99 {ms(percentile(times, 99)):>9}")
    print(f"  worst p99 of the searches: {ms(worst)} (goal <= 20 ms)")


async def bench_save_result(home: Path, pool: list[dict], n: int) -> None:
    lib = await Library.open(home / "save-bench")
    times = []
    try:
        for i in range(n):
            src = pool[i % len(pool)]
            params = {"seed": i, "width": src["w"], "height": src["h"], "output_format": src["fmt"]}
            rec = GenerationRecord(id=uuid.uuid4().hex, provider="cometapi", model="flux-dev",
                                   request=GenerationRequest("flux-dev", f"save bench {i}", params),
                                   status=JobState.DOWNLOADING, created_at=time.time())
            await lib.add_job(rec)
            data = src["path"].read_bytes()
            t = time.perf_counter()
            await lib.save_result(rec.id, data, width=src["w"], height=src["h"], fmt=src["fmt"])
            times.append(time.perf_counter() - t)
        check = await lib.check()
    finally:
        await lib.close()
    print(f"\nLibrary.save_result (verify + write + fsync + rename + row, {n} images): "
          f"p50 {ms(statistics.median(times))}   max {ms(max(times))}   check ok: {check.ok}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000, help="generations in the library (default 10000)")
    ap.add_argument("--pool", type=int, default=300, help="distinct images rendered (default 300)")
    ap.add_argument("--repeats", type=int, default=50, help="repeats of each timed query (default 50)")
    ap.add_argument("--keep", type=Path, help="build in this directory and keep it")
    args = ap.parse_args(argv)
    rng = random.Random(20240601)
    tmp = None
    if args.keep:
        home = args.keep
        if home.exists() and any(home.iterdir()):
            print(f"{home} is not empty; give an empty or new directory.", file=sys.stderr)
            return 2
    else:
        tmp = tempfile.TemporaryDirectory(prefix="fluxdesk-bench-")
        home = Path(tmp.name)
    started = time.perf_counter()
    try:
        store, pool = build(home, args.count, min(args.pool, args.count), rng)
        try:
            bench_cold_thumbnails(home, pool)
            bench_cached_page(home, store, args.repeats)
            bench_search(store, args.repeats)
            store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db_path, _ = library_paths(home)
            size = db_path.stat().st_size
            print(f"\ndatabase: {size / 1024 / 1024:.1f} MiB for {args.count} generations "
                  f"({size / args.count:.0f} bytes per row, FTS index included); "
                  f"integrity_check: {store.integrity_check()}")
        finally:
            store.close()
        asyncio.run(bench_save_result(home, pool, 30))
    finally:
        if tmp is not None:
            tmp.cleanup()
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
