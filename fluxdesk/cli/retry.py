"""`fluxdesk retry ID... | --all`: try jobs that ended without their image again, by the engine's one rule.

A job whose task the provider confirmed is fetched again (never paid twice); an image downloaded but not
saved is saved; a job that never reached the provider, or that it refused, is sent again. A job whose
submit may have reached the provider is sent again only with `--resend`, after a line saying it may be
billed twice. The window's Retry follows the same rule (`fluxdesk/engine/rules.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from fluxdesk.cli.generate import job_summary
from fluxdesk.cli.resume import report_jobs
from fluxdesk.engine import Job
from fluxdesk.engine.rules import RETRY_ALL_STATES, RetryAction, RetryRefused
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.records import GenerationRecord
from fluxdesk.runtime import DEMO_NOTICE, Runtime, open_runtime
from fluxdesk.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "retry",
        help=_("try jobs that ended without their image again"),
        description=_("Fetch again what the provider has, save what was downloaded but not saved, send again "
                      "what never reached it. A job that may have reached the provider is sent again only "
                      "with --resend."),
    )
    p.add_argument("ids", nargs="*", metavar="ID", help=_("job ids, or unique prefixes of them"))
    p.add_argument("--all", action="store_true", help=_("every failed, interrupted, unsent or unsaved job"))
    p.add_argument("--resend", action="store_true",
                   help=_("also send again jobs that may have reached the provider "
                          "(they may be billed twice)"))
    p.add_argument("--json", action="store_true", help=_("print one JSON object per job"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.ids and not args.all:
        print(_("error: name the jobs to retry (their ids) or pass --all."), file=sys.stderr)
        return 2
    settings = Settings.load()
    return asyncio.run(_retry(settings, args.ids, every=args.all, resend=args.resend, as_json=args.json))


async def _retry(settings: Settings, ids: list[str], *, every: bool, resend: bool, as_json: bool) -> int:
    runtime = await open_runtime(settings, label="cli")
    try:
        if runtime.demo and not as_json:
            print(_(DEMO_NOTICE), file=sys.stderr)
        records = await _chosen(runtime, ids, every=every)
        if records is None:
            return 2
        if not records:
            if not as_json:
                print(_("Nothing to retry."), file=sys.stderr)
            return 0
        started: list[Job] = []
        skipped = 0
        for record in records:
            job = await _start(runtime, record, resend=resend, as_json=as_json)
            if job is None:
                skipped += 1
            else:
                started.append(job)
        bad = await report_jobs(runtime, started, as_json=as_json)
        if not as_json and started:
            print(ngettext("{saved} of {n} retried job saved.", "{saved} of {n} retried jobs saved.",
                           len(started))
                  .format(saved=len(started) - bad, n=len(started)), file=sys.stderr)
        return 0 if bad == 0 and skipped == 0 else 1
    finally:
        await runtime.aclose()


async def _chosen(runtime: Runtime, ids: list[str], *, every: bool) -> list[GenerationRecord] | None:
    """The rows to retry, in order; None (after a sentence) when an id is unknown or ambiguous."""
    chosen: dict[str, GenerationRecord] = {}
    if every:
        for record in await runtime.library.jobs_with_status(RETRY_ALL_STATES):
            chosen[record.id] = record
    for text in ids:
        matches = await runtime.library.resolve(text)
        if len(matches) != 1:
            if not matches:
                sentence = _("error: {given} names no job; give more of the id.").format(given=repr(text))
            else:
                sentence = ngettext("error: {given} names {n} job; give more of the id.",
                                    "error: {given} names {n} jobs; give more of the id.",
                                    len(matches)).format(given=repr(text), n=len(matches))
            print(sentence, file=sys.stderr)
            return None
        found = await runtime.library.get(matches[0])
        if found is not None:
            chosen[found.id] = found
    return list(chosen.values())


async def _start(runtime: Runtime, record: GenerationRecord, *, resend: bool, as_json: bool) -> Job | None:
    """Start one retry by the rule, saying what is done; None (after a line) when it is not."""
    engine = runtime.engine
    plan = engine.retry_plan(record)
    if plan.action is RetryAction.RESEND and resend and not as_json:
        print(_("{id}: sending it again; it may be billed twice.").format(id=record.id[:8]), file=sys.stderr)
    try:
        return await engine.retry(record.id, resend=resend)
    except RetryRefused as exc:
        reason = str(exc)
        if plan.action is RetryAction.RESEND and not resend:
            reason = _("{reason} --resend sends it anyway.").format(reason=reason)
        if as_json:
            job = await engine.load(record.id)
            summary = job_summary(job, None) if job is not None else {"id": record.id}
            print(json.dumps({**summary, "skipped": reason}), flush=True)
        else:
            print(_("skipped: {id} seed {seed}: {reason}").format(
                id=record.id[:8], seed=record.request.seed, reason=reason), file=sys.stderr)

        return None
