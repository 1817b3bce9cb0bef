"""A long session: 1,000 jobs through one engine as the window runs it, against a simulator at 5% faults.

    .venv/bin/python bench/soak.py [--jobs 1000] [--latency 0.3] [--faults SPEC] [--fault-seed 7]

The engine is built by `runtime.open_runtime` exactly as the window builds it (a worker process decodes
the downloads, the spool in the cache folder, the concurrency from Settings). The simulator runs in a
process of its own, as a provider would, with probability faults on every route: 429s, 5xx and resets
on submits (a 5xx or a reset after the request was written may have created a task: such a job ends
interrupted and is never sent again by itself), 5xx, resets, HTML pages and broken JSON on polls, 5xx,
resets, cut-off, truncated and corrupt images on downloads. Jobs are fed as a user clicking Generate
would, a few batches ahead of what runs, so the engine holds only what is in flight.

Printed: the final state of every job; paid images lost (a task the simulator charged whose image is
not in the library); double submits (a job with more than one task at the simulator); RSS of the engine's
process after job 200, 500 and 1,000 (after a garbage collection, so the figure is what is held); jobs per
minute. Goals: 0 lost, 0 double submits, RSS growth <= 10% from job 200 to 1,000.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import JobState
from fluxdesk.runtime import open_runtime
from fluxdesk.settings import Settings

KEY = "soak-key-7Hq2Xv9Lm4Rt8Zc3"
#: about 5% of the requests on each route fail, in every way the simulator knows
FAULTS = (
    "submit429@0.02:retry=0.2, submit503@0.01, submitreset@0.01, "
    "poll502@0.01, poll503@0.01, pollreset@0.01, pollhtml@0.01, pollbadjson@0.01, "
    "delivery500@0.01, deliveryreset@0.01, truncated@0.01, corrupt@0.01, cutoff@0.01"
)


def checkpoints(count: int) -> tuple[int, ...]:
    """Where RSS is read: after a fifth, half and all of the jobs (200, 500, 1,000 by default)."""
    return tuple(sorted({max(1, count // 5), max(1, count // 2), count}))


def simulator(conn: Connection, latency: float, faults: str, seed: int) -> None:
    """The provider, in its own process: serves until asked for its tasks, then answers and stops."""
    from fluxdesk.sim.server import SimConfig, SimServer

    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the sockets the faults reset are not news
    server = SimServer(SimConfig(latency=latency, faults=faults, fault_seed=seed, max_active=1000))
    conn.send(server.start())
    conn.recv()  # "report"
    tasks = [(t.id, t.prompt, t.seed, t.cost, t.status) for t in server.tasks().values()]
    posts = Counter(r.body for r in server.received if r.route == "submit")
    server.stop()
    conn.send((tasks, max(posts.values(), default=0), len(server.received)))


def rss_mb() -> float:
    """This process's resident memory now (Linux), else its peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def requests_for(count: int) -> list[GenerationRequest]:
    catalog = default_catalog()
    params = {"width": 512, "height": 512, "output_format": "png"}
    return [
        build_request(catalog, "flux-pro-1.1", f"soak kite {i}", {**params, "seed": i}) for i in range(count)
    ]


async def soak(base_url: str, home: Path, count: int) -> dict[str, Any]:
    env = {"FLUXDESK_HOME": str(home), "FLUXDESK_API_BASE": base_url, "COMETAPI_KEY": KEY,
           "FLUXDESK_PROVIDER": "cometapi"}
    runtime = await open_runtime(Settings.load(env), decode_in_process=True, label="window")
    engine = runtime.engine
    requests = requests_for(count)
    ahead = engine.max_concurrent * 4  # a few batches queued behind the running ones, as a user does
    rss: dict[int, float] = {}
    marks = checkpoints(count)
    finished = 0
    next_up = 0
    in_flight: set[asyncio.Task[Any]] = set()
    start = time.perf_counter()
    try:
        while finished < count:
            while next_up < count and len(in_flight) < ahead:
                job = engine.enqueue(requests[next_up])
                in_flight.add(asyncio.ensure_future(engine.wait(job.id)))
                next_up += 1
            done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            for _ in done:
                finished += 1
                if finished in marks:
                    gc.collect()
                    rss[finished] = rss_mb()
                    held = len(engine.jobs)
                    print(f"  job {finished:5d}: RSS {rss[finished]:6.1f} MB, {held} job(s) held by the "
                          "engine", flush=True)
        wall = time.perf_counter() - start
        everything = HistoryQuery(only_done=False, include_trashed=True)
        rows = await runtime.library.query(everything, limit=count * 2)
    finally:
        await runtime.aclose()
    return {"wall": wall, "rss": rss, "rows": rows, "requests": runtime.client.request_count}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.3, help="simulator seconds from submit to Ready")
    parser.add_argument("--faults", default=FAULTS, help="simulator fault spec (see fluxdesk/sim/faults.py)")
    parser.add_argument("--fault-seed", type=int, default=7)
    args = parser.parse_args(argv)

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    sim = context.Process(target=simulator, args=(theirs, args.latency, args.faults, args.fault_seed),
                          daemon=True)
    sim.start()
    base_url = ours.recv()
    print(f"soak: {args.jobs} jobs, simulator {base_url} (latency {args.latency}s), faults: {args.faults}")
    with tempfile.TemporaryDirectory(prefix="fluxdesk-soak-") as tmp:
        result = asyncio.run(soak(base_url, Path(tmp), args.jobs))
    ours.send("report")
    tasks, most_posts, sim_requests = ours.recv()
    sim.join(30)

    rows = result["rows"]
    states = Counter(r.status.value for r in rows)
    by_job = {(r.request.prompt, r.request.seed): r for r in rows}
    per_job = Counter((prompt, seed) for _id, prompt, seed, _cost, _status in tasks)
    doubles = sum(1 for n in per_job.values() if n > 1)
    paid = [(tid, prompt, seed) for tid, prompt, seed, cost, status in tasks
            if cost > 0 and status not in ("Request Moderated", "Content Moderated")]
    lost = [t for t in paid if not ((r := by_job.get((t[1], t[2]))) and r.status is JobState.DONE
                                    and r.task_id == t[0])]
    interrupted_unpaid = sum(1 for r in rows if r.status is JobState.INTERRUPTED and not per_job[
        (r.request.prompt, r.request.seed)])
    rss = result["rss"]
    first, last = rss.get(min(rss)), rss.get(max(rss))
    growth = (last - first) / first * 100 if first and last else float("nan")
    rate = len(rows) / result["wall"] * 60

    print(f"final states: {dict(sorted(states.items()))}")
    print(f"  interrupted jobs the simulator has no task for (submit failed ambiguously, never charged): "
          f"{interrupted_unpaid}")
    print(f"paid tasks: {len(paid)}; paid images lost: {len(lost)}")
    print(f"double submits (a job with more than one task): {doubles}; most POSTs of one request body: "
          f"{most_posts} (429 refusals are tried again)")
    print("RSS: " + ", ".join(f"job {n}: {mb:.1f} MB" for n, mb in sorted(rss.items()))
          + f"; growth from job {min(rss)} to {max(rss)}: {growth:+.1f}%")
    print(f"throughput: {rate:.0f} jobs/minute ({result['wall']:.0f} s wall); client requests "
          f"{result['requests']}, simulator requests {sim_requests}")
    ok = not lost and doubles == 0 and growth <= 10.0
    print("goals (0 lost, 0 double submits, RSS growth <= 10%): " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    if os.environ.get("FLUXDESK_HOME") is None:
        os.environ["FLUXDESK_HOME"] = tempfile.mkdtemp(prefix="fluxdesk-soak-home-")  # never the real one
    sys.exit(main())
