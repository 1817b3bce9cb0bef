"""What `fluxdesk generate` checks before anything is sent, and what `--dry-run` shows.

A task is money: a target folder that cannot be written, a batch over `--max-cost` or over the day's
budget is said in one sentence before the first submit, never after the first paid image.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fluxdesk.api.catalog import UNRECORDED_PARAMS, Catalog, Kind, UnknownModel
from fluxdesk.api.pricing import Estimate
from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import _

HIDDEN = "<hidden>"


def out_dir_problem(out: Path) -> str | None:
    """Why `out` cannot take the copies (one sentence), or None once it exists and is writable.

    A folder that does not exist yet is created, as the copies would create it."""
    shown = str(out)
    if out.exists() and not out.is_dir():
        return _("--out {folder} is a file, not a folder; nothing was sent.").format(folder=shown)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _("--out {folder} cannot be created ({reason}); nothing was sent.").format(
            folder=shown, reason=exc.strerror or type(exc).__name__)
    # permission bits do not tell the whole story (read-only mounts, ACLs): try it
    try:
        fd, probe = tempfile.mkstemp(dir=out, prefix=".fluxdesk-write-test-")
    except OSError as exc:
        return _("--out {folder} is not writable ({reason}); nothing was sent.").format(
            folder=shown, reason=exc.strerror or type(exc).__name__)

    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return None


def _shown_params(catalog: Catalog, request: GenerationRequest) -> dict[str, Any]:
    """The parameters as they would be sent, with image data elided and the webhook secret hidden."""
    try:
        kinds = {p.name: p.kind for p in catalog.get(request.model).all_specs}
    except UnknownModel:
        kinds = {}
    shown: dict[str, Any] = {}
    for name, value in request.params.items():
        if name in UNRECORDED_PARAMS and name != "webhook_url":
            shown[name] = HIDDEN
        elif kinds.get(name) is Kind.IMAGE and isinstance(value, str) and not value.startswith(
            ("http://", "https://")
        ):
            shown[name] = f"<image data, {len(value)} base64 characters>"
        else:
            shown[name] = value
    return shown


def dry_run_document(
    catalog: Catalog, provider: str, requests: Iterable[GenerationRequest], estimate: Estimate
) -> dict[str, Any]:
    """What `--dry-run` prints: each request as it would be sent (no image data, no secret), and the
    estimate."""
    return {
        "provider": provider,
        "requests": [
            {"model": r.model, "prompt": r.prompt, "params": _shown_params(catalog, r)} for r in requests
        ],
        "estimate": {
            "credits": estimate.credits,
            "usd": estimate.usd,
            "per_request": list(estimate.per_request),
            "summary": estimate.summary(),
            "notes": list(estimate.notes),
        },
    }
