"""How the library holds up at 10,000 generations: thumbnails, cached pages, search, database size.

    .venv/bin/python bench/library_scale.py [--count 10000] [--cache DIR] [--rebuild] [--full-size]
        [--sample 300] [--full-sample 100] [--repeats 50] [--search-only]

The library is bench/big_library.py's: `--count` generations, every one with its own image file
(distinct bytes and sha256, 256-512 px unless --full-size, half JPEG half PNG) and its own multilingual
prompt, built once in a child process and cached. Printed:

- cold thumbnail throughput of `ThumbnailCache` against a naive `Image.open(p).thumbnail(); save()`
  loop on the same images in the same run, JPEG and PNG separately: `--sample` distinct images of each
  format from the library, and `--full-sample` of each rendered for this run at ~1 MP (Flux's size);
  every contender starts from an empty folder;
- a page of 200 thumbnails from the disk cache: eight pages spread over the library, their thumbnails
  (all distinct) made cold first, each timed load a query plus 200 reads (the cache keeps no bytes in
  memory: the gallery keeps the decoded images it shows);
- the migration of the library as found (on a copy), the search steps' time alone, and what search takes
  on disk (the trigram index, the folded prompts, the indexes a search walks, bytes per row);
- search latency (page of 200 + count) for each named query of `SEARCHES`, alone and with a model filter
  (`--search-only`: this part alone, on the library as found: a cached library is migrated in place);
- the database size; and a few `Library.save_result` timings (the real, fsynced path) on ~1 MP images.

Goals: search <= 20 ms, a page of 200 cached thumbnails <= 100 ms, cold JPEG >= 2x the naive loop.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import big_library
from PIL import Image

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.library import Library, library_paths
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.schema import (
    SCHEMA_VERSION,
    migrate,
    schema_version,
    search_in_every_script,
    search_walk_index,
)
from fluxdesk.library.store import LibraryStore
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.sim.render import render_image

#: sizes of the ~1 MP images rendered for the run (cold thumbnails at Flux's size, save_result)
FULL_SIZES = [(1024, 768), (768, 1024), (1024, 1024), (1152, 768)]
PAGE = 200
CACHED_PAGES = 8


@dataclass(frozen=True)
class SearchCase:
    """One timed search: `text` as typed (every word must occur in the prompt, also inside a longer word)."""

    name: str
    text: str


#: the searches timed, each alone and with `MODEL_FILTER`; add a case with one line. big_library.py's word
#: lists say which words its prompts hold (English, German compounds, Japanese, Korean, Arabic, emoji...);
#: futter, dune and 🐉 are in none of them (no hits: what a miss costs), turm, 富士 and 🐱 are
SEARCHES: list[SearchCase] = [
    SearchCase("word", "kite"),
    SearchCase("prefix", "kit*"),
    SearchCase("three words", "red kite sea"),
    SearchCase("prefixes, as the gallery used to send them", "red* kite* sea*"),
    SearchCase("three common words", "neon city night"),
    SearchCase("two words", "watercolor dragon"),
    SearchCase("accented word", "café"),
    SearchCase("hyphenated words", "sci-fi robot"),
    SearchCase("Korean, particles glued on", "고양이"),
    SearchCase("Korean, one syllable", "개"),
    SearchCase("Arabic, the article glued on", "شاطئ"),
    SearchCase("Japanese, one kanji inside phrases", "猫"),
    SearchCase("Japanese, two characters", "富士"),
    SearchCase("German, inside a compound (no hits)", "futter"),
    SearchCase("German, inside compounds", "turm"),
    SearchCase("plural (no hits)", "dune"),
    SearchCase("emoji alone (no hits)", "🐉"),
    SearchCase("emoji alone", "🐱"),
    SearchCase("mixed scripts", "ramen 渋谷"),
    SearchCase("two Latin letters (common)", "ca"),
    SearchCase("one Latin letter (in most prompts)", "a"),
    SearchCase("long, many words", "misty lighthouse at dusk watercolor highly detailed soft light"),
    SearchCase("long, German", "Kirschblütenfest bei Sonnenuntergang Aquarell"),
    SearchCase("no match", "zebra"),
    SearchCase("no match, two characters", "zq"),
]
MODEL_FILTER = "flux-dev"


@dataclass(frozen=True)
class Source:
    """An image file with what the library knows of it."""

    path: Path
    fmt: str  # "jpeg" | "png"
    width: int
    height: int
    sha256: str


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


def library_sources(store: LibraryStore, images_dir: Path, per_format: int) -> list[Source]:
    """`per_format` images of each format, spread evenly over the library (all distinct files)."""
    records = store.query(HistoryQuery(sort="oldest"), limit=store.count(HistoryQuery()))
    out: list[Source] = []
    for fmt in ("jpeg", "png"):
        of_fmt = [r for r in records if r.format == fmt and r.file and r.sha256]
        step = max(1, len(of_fmt) // max(1, per_format))
        for r in of_fmt[::step][:per_format]:
            assert r.file is not None and r.sha256 is not None and r.width and r.height
            out.append(Source(images_dir / r.file, fmt, r.width, r.height, r.sha256))
    return out


def render_full_size(folder: Path, per_format: int) -> list[Source]:
    """~1 MP images rendered now (distinct prompts and seeds), as Flux delivers them."""
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    out: list[Source] = []
    for i in range(2 * per_format):
        fmt = "jpeg" if i % 2 == 0 else "png"
        w, h = FULL_SIZES[i % len(FULL_SIZES)]
        data = render_image("flux-pro-1.1", f"a full-size study number {i}", i, w, h, fmt)
        path = folder / f"{i:04d}.{'jpg' if fmt == 'jpeg' else 'png'}"
        path.write_bytes(data)
        out.append(Source(path, fmt, w, h, hashlib.sha256(data).hexdigest()))
    return out


def naive_thumbnail(src: Path, out: Path) -> None:
    img: Image.Image = Image.open(src)
    img.thumbnail((256, 256))
    if img.mode != "RGB":
        img = img.convert("RGB")
    img.save(out, "JPEG")


def bench_cold_thumbnails(work: Path, label: str, sources: list[Source]) -> None:
    print(f"\ncold thumbnails, 256 px, one thread, {label} (same images, same run, empty folders):")
    for fmt in ("jpeg", "png"):
        items = [s for s in sources if s.fmt == fmt]
        if not items:
            continue
        assert len({s.sha256 for s in items}) == len(items), "the images must be distinct"
        for s in items:  # the page cache holds every source for both contenders
            s.path.read_bytes()
        naive_dir = work / f"naive-{label}-{fmt}"
        naive_dir.mkdir(parents=True)
        t = time.perf_counter()
        for s in items:
            naive_thumbnail(s.path, naive_dir / f"{s.sha256}.jpg")
        naive = len(items) / (time.perf_counter() - t)
        cache = ThumbnailCache(work / f"cold-{label}-{fmt}")
        t = time.perf_counter()
        for s in items:
            cache.make(s.path, s.sha256, 256)
        ours = len(items) / (time.perf_counter() - t)
        assert cache.made == len(items), "every thumbnail must have been made, none found"
        mp = statistics.fmean(s.width * s.height for s in items) / 1e6
        print(f"  {fmt.upper():4}  ThumbnailCache {ours:7.1f} img/s   naive {naive:7.1f} img/s   "
              f"ratio {ours / naive:4.2f}x   ({len(items)} distinct images, {mp:.2f} MP on average)")


def bench_cached_pages(work: Path, store: LibraryStore, images_dir: Path, count: int, repeats: int) -> None:
    cache = ThumbnailCache(work / "thumbs")
    last = max(0, count - PAGE)
    offsets = sorted({round(k * last / max(1, CACHED_PAGES - 1)) for k in range(CACHED_PAGES)})
    q = HistoryQuery()
    t = time.perf_counter()
    shas: set[str] = set()
    for offset in offsets:
        for r in store.query(q, offset=offset, limit=PAGE):
            assert r.file is not None and r.sha256 is not None
            cache.make(images_dir / r.file, r.sha256, 256)
            shas.add(r.sha256)
    made_in = time.perf_counter() - t
    turn = iter(range(10**9))

    def load_page() -> None:
        offset = offsets[next(turn) % len(offsets)]
        for r in store.query(q, offset=offset, limit=PAGE):
            assert r.file is not None and r.sha256 is not None
            cache.load(images_dir / r.file, r.sha256, 256)

    times = timed(load_page, repeats)
    page = store.query(q, offset=offsets[0], limit=PAGE)
    total = sum(len(cache.load(images_dir / r.file, r.sha256, 256)) for r in page if r.file and r.sha256)
    print(f"\npages of {PAGE} thumbnails from the disk cache (query + {PAGE} reads; "
          f"{len(offsets)} pages at offsets {offsets[0]}..{offsets[-1]}, {len(shas)} distinct thumbnails "
          f"made cold first in {made_in:.1f} s ({cache.made} made); {total / 1024:.0f} KiB per page):")
    print(f"  p50 {ms(statistics.median(times))}   p99 {ms(percentile(times, 99))}   "
          f"max {ms(max(times))}   ({repeats} repeats; goal <= 100 ms)")


def search_once(store: LibraryStore, q: HistoryQuery) -> None:
    """What the gallery asks for a search: the first page, and the count when the page is full (with
    fewer hits than a page the gallery has them all and counts them itself)."""
    if len(store.query(q, limit=PAGE)) == PAGE:
        store.count(q)


def _object_bytes(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
    return {name: int(size) for name, size in rows}


def bench_migration(db_path: Path, work: Path) -> None:
    """On a copy: the pending migration steps, then the search steps once more alone (they can be
    rerun: the first rebuilds its column and indexes from the prompts, the second its walk indexes), and
    what search costs on disk."""
    copy = work / "migrate.sqlite3"
    for suffix in ("", "-wal"):  # a WAL left beside it holds committed rows too
        if Path(f"{db_path}{suffix}").exists():
            shutil.copyfile(f"{db_path}{suffix}", f"{copy}{suffix}")
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        rows = int(conn.execute("SELECT count(*) FROM generations").fetchone()[0])
        version = schema_version(conn)
        size_before = copy.stat().st_size
        before = _object_bytes(conn)
        t = time.perf_counter()
        ran = migrate(conn)
        pending = time.perf_counter() - t
        conn.execute("BEGIN IMMEDIATE")
        t = time.perf_counter()
        search_in_every_script(conn)
        search_walk_index(conn)
        conn.execute("COMMIT")
        step = time.perf_counter() - t
        conn.execute("VACUUM")
        after = _object_bytes(conn)
        size_after = copy.stat().st_size
        text_bytes = int(conn.execute(
            "SELECT coalesce(sum(length(CAST(search_text AS BLOB))), 0) FROM generations").fetchone()[0])
    finally:
        conn.close()

    def per_row(names: list[str], sizes: dict[str, int]) -> str:
        total = sum(v for k, v in sizes.items() if any(k.startswith(n) for n in names))
        return f"{total / 1024:.0f} KiB ({total / max(1, rows):.0f} bytes per row)"

    walks = ["idx_generations_search_walk", "idx_generations_prompt_walk"]
    print(f"\nmigration on a copy of the {rows}-row library: schema v{version} -> v{SCHEMA_VERSION}, {ran} "
          f"step(s) in {pending:.2f} s; the search steps alone (fold every prompt, trigram index, "
          f"walk indexes) {step:.2f} s")
    print(f"  word index before (generations_fts*): {per_row(['generations_fts'], before)}; "
          f"after: trigram index {per_row(['generations_search'], after)}, "
          f"walk indexes (orders, filters, folded prompt) {per_row(walks, after)}, "
          f"search_text itself {text_bytes / 1024:.0f} KiB ({text_bytes / max(1, rows):.0f} bytes per row)")
    print(f"  file: {size_before / 2**20:.1f} MiB as found, {size_after / 2**20:.1f} MiB migrated and "
          f"vacuumed ({(size_after - size_before) / max(1, rows):+.0f} bytes per row)")


def bench_search(store: LibraryStore, repeats: int) -> None:
    # as the window does once it is up (fluxdesk.ui.app.freeze_startup_objects): what exists by now lives
    # on, so a full collection need not walk it again; without this, the one slow repeat of a case was a
    # pass of the oldest generation over the bench's own start (10-15 ms), not the search
    gc.collect()
    gc.freeze()
    total = store.count(HistoryQuery())
    print(f"\nsearch over {total} prompts (first page of {PAGE} + count), {repeats} repeats:")
    worst, worst_label = 0.0, ""
    for case in SEARCHES:
        for model in (None, MODEL_FILTER):
            q = HistoryQuery(text=case.text, model=model)
            times = timed(functools.partial(search_once, store, q), repeats)
            label = f"{case.name}: {case.text!r}" + (f" + model={model}" if model else "")
            if percentile(times, 99) > worst:
                worst, worst_label = percentile(times, 99), label
            print(f"  {label:78} hits {store.count(q):5}   p50 {ms(statistics.median(times)):>9}   "
                  f"p99 {ms(percentile(times, 99)):>9}   max {ms(max(times)):>9}")
    others: list[tuple[str, Callable[[], object]]] = [
        (f"no text, sort={sort}, offset {total // 2}",
         functools.partial(store.query, HistoryQuery(sort=sort), offset=total // 2, limit=PAGE))
        for sort in ("oldest", "prompt")
    ]
    others.append(("recent prompts (20 distinct)", lambda: store.recent_prompts(limit=20)))
    for label, fn in others:
        times = timed(fn, repeats)
        print(f"  {label:78}             p50 {ms(statistics.median(times)):>9}"
              f"   p99 {ms(percentile(times, 99)):>9}")
    print(f"  worst p99 of the searches: {ms(worst)}, {worst_label} (goal <= 20 ms)")


async def bench_save_result(home: Path, sources: list[Source], n: int) -> None:
    lib = await Library.open(home / "save-bench")
    times = []
    try:
        for i in range(n):
            src = sources[i % len(sources)]
            params = {"seed": i, "width": src.width, "height": src.height, "output_format": src.fmt}
            rec = GenerationRecord(id=uuid.uuid4().hex, provider="cometapi", model="flux-dev",
                                   request=GenerationRequest("flux-dev", f"save bench {i}", params),
                                   status=JobState.DOWNLOADING, created_at=time.time())
            await lib.add_job(rec)
            data = src.path.read_bytes()
            t = time.perf_counter()
            await lib.save_result(rec.id, data, width=src.width, height=src.height, fmt=src.fmt)
            times.append(time.perf_counter() - t)
        check = await lib.check()
    finally:
        await lib.close()
    print(f"\nLibrary.save_result (verify + write + fsync + rename + row, {n} images of ~1 MP): "
          f"p50 {ms(statistics.median(times))}   max {ms(max(times))}   check ok: {check.ok}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    big_library.add_arguments(ap)
    ap.add_argument("--sample", type=int, default=300,
                    help="library images of each format for the cold thumbnails (default 300)")
    ap.add_argument("--full-sample", type=int, default=100,
                    help="~1 MP images of each format rendered for the cold thumbnails (default 100)")
    ap.add_argument("--repeats", type=int, default=50, help="repeats of each timed query (default 50)")
    ap.add_argument("--search-only", action="store_true", help="time the searches only")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    lib = big_library.from_arguments(args)
    print(lib.describe())
    db_path, images_dir = library_paths(lib.home)
    if args.search_only:
        store = LibraryStore(db_path)
        try:
            bench_search(store, args.repeats)
        finally:
            store.close()
        return 0
    with tempfile.TemporaryDirectory(prefix="fluxdesk-bench-") as tmp:
        work = Path(tmp)
        bench_migration(db_path, work)
        store = LibraryStore(db_path)
        try:
            rows, distinct = store.connection.execute(
                "SELECT COUNT(*), COUNT(DISTINCT sha256) FROM generations").fetchone()
            print(f"{rows} rows, {distinct} distinct sha256")
            bench_cold_thumbnails(work, "library images", library_sources(store, images_dir, args.sample))
            full = render_full_size(work / "full", args.full_sample)
            bench_cold_thumbnails(work, "~1 MP images", full)
            bench_cached_pages(work, store, images_dir, lib.count, args.repeats)
            bench_search(store, args.repeats)
            store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = db_path.stat().st_size
            print(f"\ndatabase: {size / 1024 / 1024:.1f} MiB for {lib.count} generations "
                  f"({size / lib.count:.0f} bytes per row, search indexes included); "
                  f"integrity_check: {store.integrity_check()}")
        finally:
            store.close()
        asyncio.run(bench_save_result(work, full, 30))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
