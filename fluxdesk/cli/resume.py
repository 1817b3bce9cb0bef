"""`fluxdesk resume`: finish what earlier runs left (the window does this when it starts).

Jobs whose owner is gone (the process that drove them ended or crashed) are taken over: what was never
sent is sent, confirmed tasks are polled again and downloaded while their link lives, images downloaded
but not saved are saved; a job whose submit may have reached the provider is marked interrupted and never
resent by itself (`fluxdesk retry --resend` does, when asked). Jobs another running fluxdesk drives are
listed and left alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable

from fluxdesk.cli.generate import job_summary, report_job
from fluxdesk.engine import Job
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.records import JobState
from fluxdesk.runtime import DEMO_NOTICE, Runtime, open_runtime
from fluxdesk.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("resume", help=_("finish the jobs earlier runs left unfinished"))
    p.add_argument("--json", action="store_true", help=_("print one JSON object per job"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_resume(Settings.load(), as_json=args.json))


async def _resume(settings: Settings, *, as_json: bool) -> int:
    runtime = await open_runtime(settings, label="cli")
    try:
        if runtime.demo and not as_json:
            print(_(DEMO_NOTICE), file=sys.stderr)
        jobs = await runtime.engine.resume()
        if not jobs:
            if not as_json:
                print(_("Nothing to resume: every job of earlier runs has ended."), file=sys.stderr)
            return 0
        bad = await report_jobs(runtime, jobs, as_json=as_json)
        if not as_json:
            driven = sum(1 for j in jobs if not j.elsewhere)
            print(ngettext("{saved} of {n} resumed job saved.", "{saved} of {n} resumed jobs saved.", driven)
                  .format(saved=driven - bad, n=driven), file=sys.stderr)
        return 0 if bad == 0 else 1
    finally:
        await runtime.aclose()


async def report_jobs(runtime: Runtime, jobs: Iterable[Job], *, as_json: bool) -> int:
    """Wait for each job this engine drives and print it; jobs driven elsewhere are printed as such.
    Returns how many of this engine's jobs ended without their image."""
    bad = 0
    jobs = list(jobs)
    for job in (j for j in jobs if j.elsewhere):
        if as_json:
            print(json.dumps({**job_summary(job, None), "elsewhere": job.elsewhere}), flush=True)
        else:
            print(_("left alone: {id} seed {seed}: {reason}").format(
                id=job.id[:8], seed=job.request.seed, reason=job.elsewhere), file=sys.stderr)
    for job in (j for j in jobs if not j.elsewhere):
        job = await runtime.engine.wait(job.id)
        path = runtime.library.path_of(job.record) if job.record else None
        report_job(job, path, as_json=as_json, stream=sys.stdout)
        if job.state is not JobState.DONE:
            bad += 1
            if not as_json:
                why = job.elsewhere or job.error
                state = job.state.label.lower()
                print(_("{state}: {id} seed {seed}: {reason}").format(
                    state=state, id=job.id[:8], seed=job.request.seed, reason=why), file=sys.stderr)

    return bad
