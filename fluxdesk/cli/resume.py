"""`fluxdesk resume`: finish what an earlier run left in flight (the window does this when it starts).

Confirmed tasks are polled again and downloaded while their link lives, else marked expired with the
reason; jobs whose submit was never confirmed are marked interrupted and are never resent by themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from fluxdesk.cli.generate import report_job
from fluxdesk.library.records import JobState
from fluxdesk.runtime import DEMO_NOTICE, open_runtime
from fluxdesk.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("resume", help="finish the jobs an earlier run left in flight")
    p.add_argument("--json", action="store_true", help="print one JSON object per job")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_resume(Settings.load(), as_json=args.json))


async def _resume(settings: Settings, *, as_json: bool) -> int:
    runtime = await open_runtime(settings)
    try:
        if runtime.demo and not as_json:
            print(DEMO_NOTICE, file=sys.stderr)
        jobs = await runtime.engine.resume()
        if not jobs:
            if not as_json:
                print("Nothing to resume: every job of earlier runs has ended.", file=sys.stderr)
            return 0
        bad = 0
        for job in jobs:
            job = await runtime.engine.wait(job.id)
            path = runtime.library.path_of(job.record) if job.record else None
            report_job(job, path, as_json=as_json, stream=sys.stdout)
            if job.state is not JobState.DONE:
                bad += 1
                if not as_json:
                    print(
                        f"{job.state.label.lower()}: {job.id[:8]} seed {job.request.seed}: {job.error}",
                        file=sys.stderr,
                    )
        if not as_json:
            print(f"{len(jobs) - bad} of {len(jobs)} resumed job(s) saved.", file=sys.stderr)
        return 0 if bad == 0 else 1
    finally:
        await runtime.aclose()
