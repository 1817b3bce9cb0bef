"""What an edit's row weighs, with its inputs kept as library references or as base64.

    .venv/bin/python bench/lineage_rows.py [--references 8] [--edge 1024] [--quality 90]

Makes `--references` photo-like JPEG files (`--edge` px square), imports them, and sends one FLUX.2
[pro] edit of all of them through the engine to the simulator over a real socket, twice: once without
parents (the row keeps every input's base64, as before lineage) and once with them (the row keeps
`library:<id>` references). Prints the request column's size in each row, the whole database file, the
time `add_job` spends finding the references (decode + sha256 of every input, off the loop) and the
time the engine spends reading the files back before the submit.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.retry import PollPolicy
from fluxdesk.draft import Draft, ImageSource, load_pending
from fluxdesk.engine import Engine
from fluxdesk.library.library import Library
from fluxdesk.sim.server import SimConfig, SimServer


def photo_like(edge: int, seed: int, quality: int) -> bytes:
    """Shapes, a blur and grain: compresses like a photograph, not like a flat test card."""
    rng = random.Random(seed)
    image = Image.new("RGB", (edge, edge), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.randrange(edge), rng.randrange(edge), rng.randrange(edge // 20, edge // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(edge / 200))
    grain = Image.effect_noise((edge, edge), 24).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def request_bytes(db: Path, job_id: str) -> int:
    conn = sqlite3.connect(db)
    try:
        sql = "SELECT length(request) FROM generations WHERE id = ?"
        return int(conn.execute(sql, (job_id,)).fetchone()[0])
    finally:
        conn.close()


async def main(references: int, edge: int, quality: int) -> None:
    catalog = default_catalog()
    with tempfile.TemporaryDirectory() as tmp, SimServer(SimConfig(latency=0.1)) as sim:
        root = Path(tmp)
        library = await Library.open(root / "lib")
        files = []
        for i in range(references):
            path = root / f"ref{i}.jpg"
            path.write_bytes(photo_like(edge, i, quality))
            files.append(path)
        records = [await library.import_file(p) for p in files]
        draft = Draft(catalog, "flux-2-pro")
        draft.set_prompt("all of them in one scene")
        for i, record in enumerate(records):
            draft.set_input(i, ImageSource.library(record.id))

        async def file_of(record_id: str) -> Path | None:
            record = await library.get(record_id)
            return library.path_of(record) if record is not None else None

        await load_pending(draft, file_of)
        request = draft.requests()[0]
        config = ProviderConfig("cometapi", "sk-bench", sim.base_url)
        client = FluxClient(config, poll=PollPolicy(interval=0.05))
        engine = Engine(client, library, catalog=catalog)
        sizes = {}
        for label, parents in (("without parents (base64 in the row)", []), ("with parents (references)",
                                                                               draft.parents())):
            job = engine.enqueue(request, parents=parents)
            done = await engine.wait(job.id)
            assert done.state.value == "done", done.error
            sizes[label] = request_bytes(library.db_path, job.id)
        started = time.perf_counter()
        # the same request, base64 and all, as the engine hands it to the library
        stored = await library.add_job(done.current.evolve(id="f" * 32, status=done.state.QUEUED,
                                                           request=request))
        compact_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        resolved = await library.resolve_inputs(stored.request)
        resolve_ms = (time.perf_counter() - started) * 1000
        assert resolved == request
        await engine.aclose()
        await client.aclose()
        await library.close()
        inputs = sum(p.stat().st_size for p in files)
        encoded = sum(len(v) for k, v in request.params.items() if k.startswith("input_image"))
        print(f"{references} references of {edge}x{edge} JPEG, {inputs / 1e6:.2f} MB of files "
              f"({encoded / 1e6:.2f} MB of base64)")
        for label, size in sizes.items():
            print(f"  row's request column {label}: {size:,} bytes")
        before, after = sizes.values()
        print(f"  {before / after:,.0f}x smaller")
        print(f"  add_job finding the references (decode + sha256, off the loop): {compact_ms:.1f} ms")
        print(f"  resolve_inputs reading {references} files back before the submit: {resolve_ms:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--references", type=int, default=8)
    parser.add_argument("--edge", type=int, default=1024)
    parser.add_argument("--quality", type=int, default=90)
    args = parser.parse_args()
    asyncio.run(main(args.references, args.edge, args.quality))
    sys.exit(0)
