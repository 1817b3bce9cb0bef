"""24 generations against the simulator: fluxdesk's concurrent engine vs a plain sequential loop.

The sequential loop has the shape of BFL's reference client: submit, poll every 0.5 s, download,
next. Both runs use the same simulator (2 s latency, 1024x1024 PNG) in this process, over real
sockets, and are measured in the same run so that the ratio survives a noisy machine.

    python bench/client_throughput.py [--count 24] [--latency 2.0]

Goals (issue 2): engine >= 10x faster than sequential; <= latency/interval + 3 requests per image.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.client import FluxClient
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.engine import Engine
from fluxdesk.library.library import Library
from fluxdesk.library.records import JobState
from fluxdesk.sim.server import SimConfig, SimServer

KEY = "bench-key"
POLL_INTERVAL = 0.5


def requests_for(count: int) -> list[GenerationRequest]:
    catalog = default_catalog()
    params = {"width": 1024, "height": 1024, "output_format": "png"}
    return [
        build_request(catalog, "flux-pro-1.1", f"benchmark kite {i}", {**params, "seed": 1000 + i})
        for i in range(count)
    ]


def sequential(base_url: str, requests: list[GenerationRequest]) -> tuple[float, int]:
    """The reference shape: one task at a time, fixed 0.5 s polling. Returns (seconds, HTTP requests)."""
    sent = 0
    start = time.perf_counter()
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}, timeout=30) as http:
        for request in requests:
            reply = http.post(f"/flux/v1/{request.model}", json=request.payload())
            sent += 1
            reply.raise_for_status()
            task_id = reply.json()["id"]
            while True:
                time.sleep(POLL_INTERVAL)
                status = http.get("/flux/v1/get_result", params={"id": task_id}).json()
                sent += 1
                if status["status"] == "Ready":
                    break
                if status["status"] not in ("Pending", "Reasoning", "Generating"):
                    raise RuntimeError(status)
            image = httpx.get(status["result"]["sample"], timeout=30)  # no key to the delivery host
            sent += 1
            image.raise_for_status()
    return time.perf_counter() - start, sent


async def concurrent(
    base_url: str, requests: list[GenerationRequest], home: Path
) -> tuple[float, int, list[float]]:
    """fluxdesk's engine, all at once. Returns (seconds, HTTP requests, per-job seconds)."""
    library = await Library.open(home)
    client = FluxClient(ProviderConfig("cometapi", KEY, base_url))
    engine = Engine(client, library, max_concurrent=len(requests), catalog=default_catalog())
    try:
        start = time.perf_counter()
        jobs = engine.enqueue_many(requests)
        done = await engine.wait_all(j.id for j in jobs)
        wall = time.perf_counter() - start
        failed = [j for j in done if j.state is not JobState.DONE]
        if failed:
            raise RuntimeError(f"{len(failed)} job(s) failed: {failed[0].error}")
        return wall, client.request_count, [j.elapsed for j in done]
    finally:
        await engine.aclose()
        await client.aclose()
        await library.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--latency", type=float, default=2.0)
    args = parser.parse_args()
    requests = requests_for(args.count)
    with SimServer(SimConfig(latency=args.latency)) as sim, tempfile.TemporaryDirectory() as tmp:
        # warm the renderer's cache path and the sockets once, outside the measurement
        asyncio.run(concurrent(sim.base_url, requests_for(1), Path(tmp) / "warm"))
        eng_wall, eng_requests, per_job = asyncio.run(concurrent(sim.base_url, requests, Path(tmp) / "lib"))
        seq_wall, seq_requests = sequential(sim.base_url, requests)
    n = args.count
    budget = args.latency / POLL_INTERVAL + 3
    print(f"client_throughput: {n} generations, 1024x1024 PNG, simulator latency {args.latency:.1f} s")
    print(f"  engine (concurrent)  wall {eng_wall:7.2f} s   {eng_requests / n:5.2f} HTTP requests/image")
    print(f"  sequential loop      wall {seq_wall:7.2f} s   {seq_requests / n:5.2f} HTTP requests/image")
    print(f"  speed-up             {seq_wall / eng_wall:6.1f}x   (goal >= 10x)")
    print(f"  requests/image       {eng_requests / n:.2f}     (goal <= {budget:.0f})")
    print(
        f"  per-job time (engine) p50 {statistics.median(per_job):.2f} s  p99 {pct(per_job, 0.99):.2f} s"
        f"  max {max(per_job):.2f} s"
    )
    ok = seq_wall / eng_wall >= 10 and eng_requests / n <= budget
    print("  verdict:", "goals met" if ok else "GOALS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
