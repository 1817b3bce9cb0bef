"""`fluxdesk generate PROMPT`: the headless main job, on the engine the window uses.

Flags come from the catalogue, so a new model's parameters appear here by themselves, each with every
model's own range. They fill a `Draft`, as the window's fields do, so seeds, the batch limit and every
message are the window's. Before anything is sent: the flags are validated, `--out` is checked, and the
batch's estimate is held against `--max-cost` and the daily budget of Settings (`draft/budget.py`, the
window's rule); `--dry-run` stops there and prints what would be sent. Images land in the library (and,
with --out, a copy in that folder) as soon as each is ready.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from fluxdesk.api.catalog import COMETAPI, Catalog, Kind, ParamSpec, UnknownModel, default_catalog
from fluxdesk.api.errors import FieldError, FluxError, InvalidRequest
from fluxdesk.api.request import GenerationRequest
from fluxdesk.cli.preflight import dry_run_document, out_dir_problem
from fluxdesk.cli.progress import ProgressBoard
from fluxdesk.cli.terminal import printable
from fluxdesk.draft import MAX_BATCH, Draft, ImageSource, load_all
from fluxdesk.draft.budget import SpendLimits, batch_estimate, check_batch, day_start
from fluxdesk.draft.edit import draft_parents
from fluxdesk.engine import Job
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.records import JobState
from fluxdesk.runtime import DEMO_NOTICE, Runtime, open_runtime
from fluxdesk.settings import Settings

#: where the webhook secret may come from instead of the command line (which shells keep in history)
SECRET_ENV = "FLUXDESK_WEBHOOK_SECRET"
_WEBHOOK = ("webhook_url", "webhook_secret")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    catalog = default_catalog()
    p = sub.add_parser(
        "generate",
        help=_("make images from a prompt"),
        description=_("Make images from a prompt. Without an API key, runs against the built-in simulator. "
                      "Nothing is sent when a flag is wrong, --out cannot be written, or the estimate "
                      "is over --max-cost or the daily budget set in Settings."),
    )
    p.add_argument("prompt", help=_("what the image should show"))
    p.add_argument("--model", "-m", help=_("one of: {models} (default: the one in Settings)").format(
        models=", ".join(catalog.ids)))
    add_run_flags(p)
    add_param_flags(p, catalog)
    p.set_defaults(func=run)


def add_run_flags(p: argparse.ArgumentParser) -> None:
    """The flags of a batch: how many, where copies go, what is printed, what may be spent."""
    p.add_argument(
        "--count", "-n", type=int, default=1,
        help=_("how many images, at once, with seeds s, s+1, ... (1..{max})").format(max=MAX_BATCH),
    )
    p.add_argument("--out", "-o", type=Path, help=_("also copy each image into this folder (checked first)"))
    p.add_argument("--json", action="store_true", help=_("print one JSON object per finished job"))
    p.add_argument(
        "--dry-run", action="store_true",
        help=_("print the requests (JSON, image data elided, no secret) and the estimate; send nothing"),
    )
    p.add_argument(
        "--max-cost", type=float, metavar=_("CREDITS"),
        help=_("refuse the batch, before anything is sent, when its estimate is over CREDITS "
               "(BFL credits, 1 credit = $0.01) or its price is not known"),
    )


def add_param_flags(
    parser: argparse.ArgumentParser, catalog: Catalog, *, skip: Callable[[ParamSpec], bool] | None = None
) -> None:
    """One flag per catalogue parameter (the prompt is positional), but those `skip` leaves out."""
    group = parser.add_argument_group(_("model parameters (each model takes only some; see --model)"))
    for spec in catalog.all_params().values():
        if spec.name == "prompt" or (skip is not None and skip(spec)):
            continue
        kwargs: dict[str, Any] = {"dest": f"param_{spec.name}", "default": None, "help": _help(catalog, spec)}
        if spec.kind is Kind.BOOL:
            kwargs["action"] = argparse.BooleanOptionalAction
        elif spec.kind is Kind.CHOICE:
            kwargs["choices"] = [*spec.choices, *(["jpg"] if "jpeg" in spec.choices else [])]
        elif spec.kind is Kind.IMAGE:
            kwargs["metavar"] = _("PATH|URL")
        else:
            kwargs["metavar"] = {Kind.INT: "N", Kind.ASPECT_RATIO: "W:H", Kind.URL: "URL"}.get(spec.kind, "X")
            if spec.name == "webhook_secret":
                kwargs["metavar"] = _("SECRET")
        group.add_argument(spec.cli_flag, **kwargs)


def _help(catalog: Catalog, spec: ParamSpec) -> str:
    """The parameter's help with each model's own range (argparse formats help with %)."""
    # a help text that names one model's range would mislead for the others: then the label (the
    # catalogue's words are data, translated here where they are shown)
    helps = {m.param(spec.name).help for m in catalog if m.takes(spec.name)}
    if len(helps) == 1:
        only = helps.pop()
        text = _(only) if only else _("{label}.").format(label=_(spec.label))
    else:
        text = _("{label}.").format(label=_(spec.label))

    if spec.name == "webhook_secret":
        text = _("{help} A secret typed here lands in your shell's history: prefer ${variable}, read when "
                 "this flag is absent.").format(help=text, variable=SECRET_ENV)
    described = catalog.describe_param(spec.name)
    if described:
        text = _("{help} Accepts: {values}.").format(help=text, values=described)
    return text.replace("%", "%%")


def build_draft(args: argparse.Namespace, catalog: Catalog, default_model: str) -> Draft:
    """The draft the flags describe, its images read: the window's rules (seeds, batch, validation).

    Raises InvalidRequest for a model the catalogue does not know.
    """
    draft = fill_draft(args, catalog, default_model)
    load_all(draft)
    return draft


def fill_draft(args: argparse.Namespace, catalog: Catalog, default_model: str) -> Draft:
    """The draft the flags describe, its images not read yet (`build_draft` reads them)."""
    draft = Draft(catalog, default_model)
    if args.model:
        try:
            draft.set_model(args.model)
        except UnknownModel as exc:
            raise InvalidRequest([FieldError("model", str(exc))]) from None
    draft.set_prompt(args.prompt)
    for spec in catalog.all_params().values():
        value = getattr(args, f"param_{spec.name}", None)
        if value is None:
            continue
        if spec.name == "seed":
            draft.lock_seed(int(value) if str(value).isdigit() else value)
        elif spec.name in _WEBHOOK:
            continue  # below, through the draft's own webhook fields
        elif spec.kind is Kind.IMAGE:
            draft.set_image(spec.name, ImageSource.parse(str(value)))
        else:
            draft.set_param(spec.name, value)
    url = getattr(args, "param_webhook_url", None)
    secret = getattr(args, "param_webhook_secret", None) or os.environ.get(SECRET_ENV) or None
    draft.set_webhook(url, secret if url else None)
    draft.set_batch(args.count)
    return draft


def run(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    settings = Settings.load()
    try:
        draft = build_draft(args, catalog, settings.default_model)
        requests = draft.requests()
    except InvalidRequest as exc:
        print_invalid(exc)
        return 2
    return send_batch(args, settings, catalog, draft, requests)


def print_invalid(exc: InvalidRequest) -> None:
    for err in exc.errors:
        print(_("error: {message}").format(message=err.message), file=sys.stderr)


def send_batch(
    args: argparse.Namespace,
    settings: Settings,
    catalog: Catalog,
    draft: Draft,
    requests: list[GenerationRequest],
) -> int:
    """What both `generate` and `edit` do with a validated batch: check --out and the money rules, then
    print it (--dry-run) or send it, the draft's files imported first so every input has a library id."""
    if args.out is not None and not args.dry_run:
        problem = out_dir_problem(args.out)
        if problem is not None:
            print(_("error: {message}").format(message=problem), file=sys.stderr)
            return 2
    limits = SpendLimits.of(daily=settings.prefs.daily_budget_credits, max_cost=args.max_cost)
    if args.max_cost is not None and limits.max_cost is None:
        print(_("error: --max-cost must be a number of credits above 0; nothing was sent."), file=sys.stderr)
        return 2
    if args.dry_run:
        return asyncio.run(_dry_run(settings, catalog, requests, limits))
    return asyncio.run(_generate(settings, catalog, draft, requests, args.out, args.json, limits))


def _provider_of(settings: Settings) -> str:
    """The provider the batch would go to: the configured one, or the demo's (CometAPI-shaped)."""
    config = settings.provider_config()
    return config.provider if config is not None else COMETAPI


async def _dry_run(
    settings: Settings, catalog: Catalog, requests: list[GenerationRequest], limits: SpendLimits
) -> int:
    """The requests and the estimate, and what the money rules say; nothing is sent."""
    provider = await asyncio.to_thread(_provider_of, settings)
    batch = batch_estimate(requests, provider)
    spent = 0.0
    if limits.daily is not None:
        spent = await _spent_today(settings)
    check = check_batch(batch, limits, spent_today=spent)
    print(json.dumps(dry_run_document(catalog, provider, requests, batch), indent=2, ensure_ascii=False))
    print(_("{estimate} Dry run: nothing was sent.").format(estimate=batch.summary()), file=sys.stderr)
    for note in (*batch.notes, *check.notes):
        print(_("note: {message}").format(message=note), file=sys.stderr)
    if check.refusal is not None:
        print(_("error: {message}").format(message=check.refusal), file=sys.stderr)
        return 2
    return 0


async def _spent_today(settings: Settings) -> float:
    from fluxdesk.library.library import Library

    async with await Library.open(settings.paths.library_dir) as library:
        return await library.spend(day_start())


async def _generate(
    settings: Settings,
    catalog: Catalog,
    draft: Draft,
    requests: list[GenerationRequest],
    out: Path | None,
    as_json: bool,
    limits: SpendLimits,
) -> int:
    runtime = await open_runtime(
        settings, catalog=catalog, max_concurrent=max(settings.max_concurrent, 1), label="cli"
    )
    try:
        if runtime.demo:
            print(_(DEMO_NOTICE), file=sys.stderr)
        batch = batch_estimate(requests, runtime.config.provider)
        spent = await runtime.library.spend(day_start()) if limits.daily is not None else 0.0
        check = check_batch(batch, limits, spent_today=spent)
        for note in check.notes:
            print(_("note: {message}").format(message=note), file=sys.stderr)
        if check.refusal is not None:
            print(_("error: {message}").format(message=check.refusal), file=sys.stderr)
            return 2
        try:
            parents = await draft_parents(draft, runtime.library)
        except FluxError as exc:
            print(_("error: {message} Nothing was sent.").format(message=printable(exc)), file=sys.stderr)
            return 1
        await _hint_unfinished(runtime)
        return await run_jobs(runtime, requests, out=out, as_json=as_json, parents=parents)
    finally:
        await runtime.aclose()


async def _hint_unfinished(runtime: Runtime) -> None:
    left = await runtime.library.left_behind()  # not the jobs another running fluxdesk drives
    if left:
        print(
            ngettext("{n} job from an earlier run is unfinished: `fluxdesk resume` fetches it.",
                     "{n} jobs from an earlier run are unfinished: `fluxdesk resume` fetches them.",
                     len(left)).format(n=len(left)),
            file=sys.stderr,
        )


async def run_jobs(
    runtime: Runtime,
    requests: Iterable[GenerationRequest],
    *,
    out: Path | None,
    as_json: bool,
    stream: TextIO | None = None,
    parents: Sequence[str] = (),
) -> int:
    """Run the jobs to their ends; print results; 0 when every job is done. `parents`: the library ids
    of the batch's input images (recorded on each job)."""
    stream = stream or sys.stdout
    board = ProgressBoard(sys.stderr) if sys.stderr.isatty() and not as_json else None
    finished: list[Job] = []

    def on_change(job: Job) -> None:
        if board is not None:
            board.update(job)

    unsubscribe = runtime.engine.subscribe(on_change)
    jobs = runtime.engine.enqueue_many(requests, parents=parents)
    ticker = asyncio.create_task(board.tick_forever()) if board is not None else None
    try:
        for coro in asyncio.as_completed([runtime.engine.wait(j.id) for j in jobs]):
            job = await coro
            path = await asyncio.to_thread(_place_copy, runtime, job, out)
            finished.append(job)
            if board is not None:
                board.finish(job)
            report_job(job, path, as_json=as_json, stream=stream, board=board)
    finally:
        unsubscribe()
        if ticker is not None:
            ticker.cancel()
        if board is not None:
            board.close()
    failures = [j for j in finished if j.state is not JobState.DONE]
    if failures and not as_json:
        for job in failures:
            print(_("failed: seed {seed}: {reason}").format(seed=job.request.seed,
                                                            reason=job.error or job.state.label),
                  file=sys.stderr)
    if not as_json:
        done = [j for j in finished if j.state is JobState.DONE]
        if done:
            where = out if out else runtime.library.images_dir
            # the English stays "image(s)" (scripts and tests read it); the forms are for other languages
            print(ngettext("{done} of {n} image(s) saved under {folder}",
                           "{done} of {n} image(s) saved under {folder}",
                           len(finished)).format(done=len(done), n=len(finished), folder=where),
                  file=sys.stderr)

    return 0 if not failures else 1


def _place_copy(runtime: Runtime, job: Job, out: Path | None) -> Path | None:
    """The image's path: the library's file, or a copy in `out` (written without overwriting). A copy
    that cannot be written (the disk filled up meanwhile) is said once; the library's file is returned."""
    if job.record is None:
        return None
    source = runtime.library.path_of(job.record)
    if source is None or out is None:
        return source
    try:
        return _copy_into(source, out)
    except OSError as exc:
        print(_("warning: no copy in {folder} ({reason}); the image is kept in the library at {path}").format(
            folder=out, reason=exc.strerror or type(exc).__name__, path=source), file=sys.stderr)
        return source


def _copy_into(source: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stem = source.stem
    for n in range(1, 10_000):
        target = out / (f"{stem}{source.suffix}" if n == 1 else f"{stem} ({n}){source.suffix}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(source.read_bytes())
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target
    return source


def job_summary(job: Job, path: Path | None) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.state.value,
        "model": job.request.model,
        "seed": job.request.seed,
        "path": str(path) if path else None,
        "error": job.error,
        "error_code": job.error_code,
        "task_id": job.task_id,
        "cost": job.current.cost,
        "parents": list(job.current.parents),
    }


def report_job(
    job: Job,
    path: Path | None,
    *,
    as_json: bool,
    stream: TextIO,
    board: ProgressBoard | None = None,
) -> None:
    if as_json:
        print(json.dumps(job_summary(job, path)), file=stream, flush=True)
    elif job.state is JobState.DONE:
        line = _("{path}  ({model}, seed {seed}, {seconds:.1f}s)").format(
            path=path, model=job.request.model, seed=job.request.seed, seconds=job.elapsed)

        if board is not None:
            board.println(line, stream)
        else:
            print(line, file=stream, flush=True)
