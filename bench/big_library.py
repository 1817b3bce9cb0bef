"""A big library for the benchmarks: N generations whose images are all distinct files (distinct sha256).

    .venv/bin/python bench/big_library.py [--count 10000] [--cache DIR] [--rebuild] [--full-size]

Earlier benchmarks linked a small pool of images into every row, so a 10,000-row gallery decoded only
the pool: not what a real library costs. Here every row has its own image, rendered by the simulator's
renderer (what demo mode delivers) with its own prompt and seed, verified by the library's own
`verified_image` (format, size, sha256) and recorded with the fields `Library.save_result` sets (file,
width, height, format, bytes, sha256, status done), through `LibraryStore`.

Prompts are realistic and multilingual (English, German compounds, French, Spanish, Japanese, Korean,
Arabic, Chinese, some emoji, some prompts re-run with a new seed), drawn from the word lists below so
that search benchmarks can aim queries at words whose frequency is known (`prompts()` gives the same
list again, with each prompt's language).

The build runs in a child process (multiprocessing, spawn) with its own pool of render processes, so
the benchmark's own process never holds the rendered images. The result is kept under the cache dir
(default: <tmp>/fluxdesk-bench-cache) keyed by N, the image profile and `VERSION`; a finished build
has a manifest.json and is reused as is. It holds no thumbnails: benchmarks give the app a fresh
thumbnail folder of their own, so thumbnails start cold every run. Image files are written
atomically but not fsynced (it is a cache: a half-built library is never marked finished).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: bump when what is built changes (prompts, sizes, fields): older caches are then ignored
VERSION = 1
DEFAULT_COUNT = 10_000
DEFAULT_SEED = 20240601
BATCH = 500  # rows per transaction

#: (width, height) per profile; multiples of 32 as the models take. "small": what the brief allows for a
#: 10k library (builds in about a minute, ~0.5 GB); "full": Flux's own ~1 MP sizes (slow, several GB)
PROFILES: dict[str, tuple[tuple[int, int], ...]] = {
    "small": ((512, 512), (512, 384), (384, 512), (448, 448), (512, 288), (288, 512), (384, 384),
              (320, 448), (448, 320), (256, 384)),
    "full": ((1024, 1024), (1024, 768), (768, 1024), (1152, 768), (768, 1152), (1344, 768)),
}
MODELS = ("flux-pro-1.1", "flux-dev", "flux-pro", "flux-2-pro")

# -- words ------------------------------------------------------------------------------------------
# English keeps the words of the first library benchmark, so its searches ("kite", "red kite sea",
# "neon city night", "watercolor dragon", "café", "sci-fi robot", "zebra": none) still mean something.
EN_SUBJECTS = ("kite", "cat", "lighthouse", "robot", "forest", "city", "portrait", "teapot", "mountain",
               "river", "dragon", "bicycle", "garden", "astronaut", "violin", "market", "harbor", "owl",
               "desert", "train")
EN_ADJECTIVES = ("red", "misty", "golden", "neon", "quiet", "ancient", "tiny", "vast", "glass", "paper",
                 "rusty", "velvet", "frozen", "sunlit", "electric", "wooden", "café-style", "sci-fi",
                 "dreamy", "bold")
EN_SCENES = ("over the sea", "at dusk", "in the rain", "on a wooden table", "under neon lights",
             "in a snowstorm", "at the market", "on the moon", "in an old library", "by the river",
             "at night", "in spring")
EN_STYLES = ("watercolor", "35mm photo", "oil painting", "isometric render", "ink sketch", "studio lighting",
             "wide shot", "macro", "low poly", "cinematic")
EN_DETAILS = ("highly detailed", "soft light", "shallow depth of field", "8k", "volumetric fog",
              "muted colors", "golden hour", "film grain", "symmetrical composition",
              "trending on artstation")

# German: compounds, which a word-based index sees as one long word ("Leuchtturm" is not a word of
# "Leuchtturmwärter")
DE_NOUNS = ("Leuchtturmwärter", "Kirschblütenfest", "Straßenbahnhaltestelle", "Weihnachtsmarkt",
            "Fachwerkhaus", "Donaudampfschifffahrt", "Eichhörnchen", "Märchenschloss", "Bergsee",
            "Hafenstadt", "Schwarzwaldhaus", "Sonnenblumenfeld", "Wolkenkratzer", "Raumschiff", "Bücherregal",
            "Kaffeehaus", "Nordseestrand", "Gewitterwolken", "Apfelbaum", "Fahrradwerkstatt", "Leuchtturm",
            "Katze")
DE_SCENES = ("bei Sonnenuntergang", "im Nebel", "im Regen", "unter Neonlicht", "im Schneesturm",
             "am frühen Morgen", "in der Nacht", "im Frühling", "am Flussufer", "im Mondlicht")
DE_STYLES = ("Aquarell", "Ölgemälde", "Bleistiftzeichnung", "Kinoaufnahme", "Weitwinkelaufnahme",
             "Makrofotografie", "Studiobeleuchtung", "Scherenschnitt", "Holzschnitt")
DE_DETAILS = ("sehr detailliert", "warme Farben", "weiches Licht", "hohe Auflösung", "Filmkorn")

FR_SUBJECTS = ("un phare", "une chouette", "un marché aux fleurs", "un café parisien",
               "une bibliothèque ancienne", "un château", "une forêt enchantée", "un vieux port",
               "un chat roux")
FR_SCENES = ("sous la pluie", "au crépuscule", "en hiver", "à l'aube", "la nuit", "au bord de la mer")
FR_STYLES = ("aquarelle", "peinture à l'huile", "photo argentique", "croquis à l'encre", "style rétro")

ES_SUBJECTS = ("un faro", "una calle empedrada", "un mercado de frutas", "un gato negro",
               "una catedral gótica", "un jardín de cactus", "una cometa roja")
ES_SCENES = ("al atardecer", "bajo la lluvia", "de noche", "en primavera", "junto al mar")
ES_STYLES = ("acuarela", "óleo", "fotografía analógica", "ilustración", "estilo cómic")

# Japanese and Chinese are written without spaces: a whole phrase is one "word" to unicode61
JA_SUBJECTS = ("富士山", "桜並木", "猫カフェ", "柴犬", "鳥居", "古い神社", "東京の夜景", "京都の路地",
               "ラーメン屋", "宇宙飛行士", "金魚", "竹林", "猫")
JA_SCENES = ("夕焼けの", "雨の日の", "雪の中の", "夜の", "春の", "霧の")
JA_STYLES = ("水彩画", "浮世絵風", "油絵", "アニメ風", "写真", "墨絵")
JA_DETAILS = ("高精細", "柔らかい光", "映画のような構図")

# Korean: spaces between words, particles glued to nouns (고양이가, 고양이를 are not 고양이)
KO_SUBJECTS = ("고양이", "한강 야경", "벚꽃길", "한옥 마을", "등대", "우주비행사", "강아지", "서울 골목길",
               "산속의 작은 절", "바닷가 카페", "창가에 앉은 고양이", "고양이가 있는 서점")
KO_SCENES = ("비 오는 밤의", "눈 내리는", "해 질 녘의", "안개 낀", "봄날의", "새벽의")
KO_STYLES = ("수채화", "유화", "애니메이션 스타일", "사진", "수묵화", "일러스트")
KO_DETAILS = ("고해상도", "부드러운 조명", "따뜻한 색감")

# Arabic: right to left, the article glued on (القطة is "the cat", قطة "a cat")
AR_SUBJECTS = ("قطة", "القطة", "منارة", "سوق تقليدي", "مدينة قديمة", "المدينة القديمة", "صحراء", "جمل",
               "مسجد", "حديقة", "قارب صيد", "رائد فضاء")
AR_SCENES = ("عند الغروب", "في الليل", "تحت المطر", "في الصباح الباكر", "على شاطئ البحر")
AR_STYLES = ("لوحة زيتية", "ألوان مائية", "صورة فوتوغرافية", "رسم بالحبر", "أسلوب سينمائي")
AR_DETAILS = ("تفاصيل دقيقة", "إضاءة ناعمة")

ZH_SUBJECTS = ("江南水乡", "长城", "熊猫", "灯笼", "古镇", "山间小屋")
ZH_SCENES = ("夜晚的", "雨中的", "雪后的", "清晨的")
ZH_STYLES = ("水墨画", "工笔画", "摄影", "油画")

# an English prompt around a foreign word, as designers write them
MIXED = (
    "a ramen shop in 渋谷 at night, neon signs, 35mm photo",
    "a Biergarten in München at dusk, oil painting",
    "neon sign saying 서울 over a rainy street, cinematic",
    "a street market in Marrakech, a sign reading سوق, 35mm photo",
    "a tiny café in Montréal in the snow, watercolor",
    "Schwarzwälder Kirschtorte on a wooden table, macro",
    "a Hanok courtyard (한옥) in spring, ink sketch",
    "a 鳥居 gate in the rain, cinematic",
)
EMOJI = ("✨", "🐱", "🌸", "🚀", "🌊", "🏔️", "🍜", "🦉", "❤️", "🔥")


def _pick(rng: random.Random, words: tuple[str, ...]) -> str:
    return words[rng.randrange(len(words))]


def _details(rng: random.Random, words: tuple[str, ...], sep: str, most: int = 3) -> str:
    n = rng.randrange(most + 1)
    return "".join(sep + w for w in rng.sample(words, min(n, len(words))))


def _an(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _en(rng: random.Random) -> str:
    a, s = _pick(rng, EN_ADJECTIVES), _pick(rng, EN_SUBJECTS)
    shape = rng.randrange(3)
    if shape == 0:
        text = f"{a} {s} {_pick(rng, EN_SCENES)}, {_pick(rng, EN_STYLES)}"
    elif shape == 1:
        b = _pick(rng, EN_ADJECTIVES)
        text = (f"{_an(a)} {a} {s} and {_an(b)} {b} {_pick(rng, EN_SUBJECTS)} "
                f"{_pick(rng, EN_SCENES)}, {_pick(rng, EN_STYLES)}")
    else:
        text = f"portrait of {_an(a)} {a} {s}, {_pick(rng, EN_STYLES)}, 85mm"
    return text + _details(rng, EN_DETAILS, ", ")


def _de(rng: random.Random) -> str:
    return (f"{_pick(rng, DE_NOUNS)} {_pick(rng, DE_SCENES)}, {_pick(rng, DE_STYLES)}"
            + _details(rng, DE_DETAILS, ", ", 2))


def _fr(rng: random.Random) -> str:
    return f"{_pick(rng, FR_SUBJECTS)} {_pick(rng, FR_SCENES)}, {_pick(rng, FR_STYLES)}"


def _es(rng: random.Random) -> str:
    return f"{_pick(rng, ES_SUBJECTS)} {_pick(rng, ES_SCENES)}, {_pick(rng, ES_STYLES)}"


def _ja(rng: random.Random) -> str:
    return f"{_pick(rng, JA_SCENES)}{_pick(rng, JA_SUBJECTS)}、{_pick(rng, JA_STYLES)}" + _details(
        rng, JA_DETAILS, "、", 2)


def _ko(rng: random.Random) -> str:
    return f"{_pick(rng, KO_SCENES)} {_pick(rng, KO_SUBJECTS)}, {_pick(rng, KO_STYLES)}" + _details(
        rng, KO_DETAILS, ", ", 2)


def _ar(rng: random.Random) -> str:
    return f"{_pick(rng, AR_SUBJECTS)} {_pick(rng, AR_SCENES)}، {_pick(rng, AR_STYLES)}" + _details(
        rng, AR_DETAILS, "، ", 1)


def _zh(rng: random.Random) -> str:
    return f"{_pick(rng, ZH_SCENES)}{_pick(rng, ZH_SUBJECTS)}，{_pick(rng, ZH_STYLES)}"


def _mixed(rng: random.Random) -> str:
    return _pick(rng, MIXED)


#: language code -> (share of the prompts, how one is made)
LANGUAGES: dict[str, tuple[float, Callable[[random.Random], str]]] = {
    "en": (0.58, _en), "de": (0.10, _de), "fr": (0.05, _fr), "es": (0.04, _es), "ja": (0.07, _ja),
    "ko": (0.07, _ko), "ar": (0.05, _ar), "zh": (0.02, _zh), "mixed": (0.02, _mixed),
}
REPEAT_SHARE = 0.2  # prompts run again with a new seed (variations), as designers do
EMOJI_SHARE = 0.04


def prompts(count: int, seed: int = DEFAULT_SEED) -> list[tuple[str, str]]:
    """(language, prompt) of every generation of a library built with this count and seed, in order."""
    rng = random.Random(seed)
    codes = list(LANGUAGES)
    weights = [LANGUAGES[c][0] for c in codes]
    out: list[tuple[str, str]] = []
    for _ in range(count):
        if out and rng.random() < REPEAT_SHARE:
            out.append(out[-1 - rng.randrange(min(8, len(out)))])
            continue
        code = rng.choices(codes, weights)[0]
        text = LANGUAGES[code][1](rng)
        if rng.random() < EMOJI_SHARE:
            text = f"{text} {_pick(rng, EMOJI)}"
        out.append((code, text))
    return out


# -- what is built ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageJob:
    """One generation to render: what the request asked for and where its file goes."""

    index: int
    job_id: str
    task_id: str  # the provider's id
    model: str
    prompt: str
    seed: int
    width: int
    height: int
    fmt: str  # "jpeg" | "png"
    created_at: float
    favorite: bool
    rel: str  # relative to the library's images dir


def plan(count: int, profile: str, seed: int, now: float) -> Iterator[ImageJob]:
    """The generations of the library: a year of sessions ending an hour before `now`."""
    from fluxdesk.library.files import image_relpath

    sizes = PROFILES[profile]
    rng = random.Random(seed + 1)
    # unique seeds: with the prompt and the size in the render, no two images can come out the same
    seeds = rng.sample(range(2**31), count)
    gaps = [rng.expovariate(1.0) for _ in range(count)]
    span = 365 * 86400.0
    scale = span / max(1e-9, sum(gaps))
    created = now - 3600.0 - span
    for i, (_lang, prompt) in enumerate(prompts(count, seed)):
        created += gaps[i] * scale
        fmt = "jpeg" if rng.random() < 0.5 else "png"
        w, h = sizes[rng.randrange(len(sizes))]
        job_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        task_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        rel = image_relpath(prompt, seeds[i], job_id, "jpg" if fmt == "jpeg" else "png", when=created)
        model = MODELS[rng.randrange(len(MODELS))]
        favorite = rng.random() < 0.05
        yield ImageJob(i, job_id, task_id, model, prompt, seeds[i], w, h, fmt, created, favorite, rel)


def _render_one(job: ImageJob, images_dir: Path) -> Any:
    """In a render process: the image, checked as the library checks a download, written to its place."""
    from fluxdesk.library.files import verified_image
    from fluxdesk.sim.render import render_image

    data = render_image(job.model, job.prompt, job.seed, job.width, job.height, job.fmt)
    verified = verified_image(data, (job.width, job.height))
    target = images_dir / job.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return verified


def _record(job: ImageJob, verified: Any, catalog: Any) -> Any:
    from fluxdesk.api.request import build_request
    from fluxdesk.library.records import GenerationRecord, JobState

    params = {"seed": job.seed, "width": job.width, "height": job.height, "output_format": job.fmt}
    request = build_request(catalog, job.model, job.prompt, params)
    ready = job.created_at + 4.0 + (job.index % 11)
    return GenerationRecord(
        id=job.job_id, provider="cometapi", model=job.model, request=request, status=JobState.DONE,
        task_id=job.task_id, created_at=job.created_at, submitted_at=job.created_at + 0.4,
        ready_at=ready, saved_at=ready + 0.3, file=job.rel, width=verified.width, height=verified.height,
        format=verified.format, bytes=verified.bytes, sha256=verified.sha256, favorite=job.favorite,
        progress=1.0,
    )


def _build(home: Path, count: int, profile: str, seed: int, workers: int) -> None:
    """The child process: render in a pool, record in batches, check, then write the manifest."""
    from fluxdesk.api.catalog import default_catalog
    from fluxdesk.library.library import Library, library_paths
    from fluxdesk.library.store import LibraryStore

    started = time.perf_counter()
    db_path, images_dir = library_paths(home)
    images_dir.mkdir(parents=True, exist_ok=True)
    catalog = default_catalog()
    jobs = list(plan(count, profile, seed, time.time()))
    shas: set[str] = set()
    formats: Counter[str] = Counter()
    total_bytes = 0
    store = LibraryStore(db_path)
    try:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            results = pool.map(_render_one, jobs, [images_dir] * len(jobs), chunksize=16)
            batch = []
            for job, verified in zip(jobs, results, strict=True):
                if verified.sha256 in shas:
                    raise RuntimeError(f"image {job.index} came out the same as an earlier one")
                shas.add(verified.sha256)
                formats[verified.format] += 1
                total_bytes += verified.bytes
                batch.append(_record(job, verified, catalog))
                if len(batch) >= BATCH:
                    with store.transaction():
                        for record in batch:
                            store.add(record)
                    batch = []
            with store.transaction():
                for record in batch:
                    store.add(record)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()

    async def check() -> Any:
        async with await Library.open(home) as lib:
            return await lib.check()

    result = asyncio.run(check())
    if not result.ok:
        raise RuntimeError(f"the built library does not check out: {result}")
    manifest = {
        "version": VERSION, "count": count, "profile": profile, "seed": seed,
        "distinct_sha256": len(shas), "formats": dict(formats), "image_bytes": total_bytes,
        "sizes": [list(s) for s in PROFILES[profile]],
        "languages": dict(Counter(lang for lang, _ in prompts(count, seed))),
        "build_seconds": round(time.perf_counter() - started, 1), "workers": workers,
        "built_at": time.time(),
    }
    (home / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


# -- the cache ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BigLibrary:
    home: Path  # library.sqlite3 and images/, as a FLUXDESK_HOME's library dir
    manifest: dict[str, Any]
    built_now: bool
    seconds: float  # to build (or to find) it, this run

    @property
    def count(self) -> int:
        return int(self.manifest["count"])

    def describe(self) -> str:
        m = self.manifest
        langs = ", ".join(f"{k} {v}" for k, v in sorted(m["languages"].items(), key=lambda kv: -kv[1]))
        fmts = ", ".join(f"{v} {k.upper()}" for k, v in sorted(m["formats"].items()))
        how = (f"built in {self.seconds:.0f} s ({m['workers']} render processes)" if self.built_now
               else f"reused from the cache (built in {m['build_seconds']:.0f} s)")
        areas = [w * h / 1e6 for w, h in m["sizes"]]
        sizes = f"{min(areas):.2f}-{max(areas):.2f} MP"
        return (f"library of {m['count']} generations, {m['distinct_sha256']} distinct images ({fmts}; "
                f"{m['profile']} profile, {sizes}; {m['image_bytes'] / 2**20:.0f} MiB), {how}; "
                f"prompts: {langs}; at {self.home}")


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "fluxdesk-bench-cache"


def cache_key(count: int, profile: str, seed: int) -> str:
    return f"library-v{VERSION}-{profile}-n{count}-s{seed}"


def ensure_library(
    count: int = DEFAULT_COUNT,
    *,
    cache_dir: Path | None = None,
    profile: str = "small",
    seed: int = DEFAULT_SEED,
    rebuild: bool = False,
    workers: int | None = None,
) -> BigLibrary:
    """The cached library for these settings, built first (in a child process) when there is none."""
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}")
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    home = root / cache_key(count, profile, seed)
    started = time.perf_counter()
    manifest_path = home / "manifest.json"
    if rebuild and home.exists():
        shutil.rmtree(home)
    if manifest_path.exists():
        return BigLibrary(home, json.loads(manifest_path.read_text(encoding="utf-8")), False,
                          time.perf_counter() - started)
    root.mkdir(parents=True, exist_ok=True)
    if home.exists():  # an unfinished build (no manifest): start again
        shutil.rmtree(home)
    partial = root / f".{home.name}.{os.getpid()}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=_build, args=(partial, count, profile, seed, workers), name="build-library")
    child.start()
    child.join()
    if child.exitcode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise RuntimeError(f"building the benchmark library failed (exit code {child.exitcode})")
    try:
        os.rename(partial, home)
    except OSError:  # another run finished the same library first: use that one
        shutil.rmtree(partial, ignore_errors=True)
    return BigLibrary(home, json.loads(manifest_path.read_text(encoding="utf-8")), True,
                      time.perf_counter() - started)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The library options, the same in every benchmark that uses it."""
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT,
                        help=f"generations in the library (default {DEFAULT_COUNT})")
    parser.add_argument("--cache", type=Path, default=None,
                        help=f"where built libraries are kept (default {default_cache_dir()})")
    parser.add_argument("--rebuild", action="store_true", help="build the library again even if cached")
    parser.add_argument("--full-size", action="store_true",
                        help="~1 MP images as Flux makes them (slow to build, several GB), not 256-512 px")


def from_arguments(args: argparse.Namespace) -> BigLibrary:
    return ensure_library(args.count, cache_dir=args.cache, rebuild=args.rebuild,
                          profile="full" if args.full_size else "small")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    print(from_arguments(args).describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
