"""`fluxdesk inspect FILE`: the settings an image (or a fluxdesk sidecar) carries, and what was skipped."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from fluxdesk.api.catalog import default_catalog
from fluxdesk.library.metadata import MetadataError
from fluxdesk.library.recall import RecalledSettings, read_metadata


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "inspect",
        help="show the settings stored in an image",
        description="Show the prompt and parameters stored in a PNG, JPEG or WebP (fluxdesk or A1111 "
        "'parameters'), or in a fluxdesk sidecar JSON, and what could not be used.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the settings as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        recalled = read_metadata(args.file, catalog=default_catalog())
    except MetadataError as exc:
        if args.json:
            out.write(json.dumps({"error": str(exc)}) + "\n")
        print(f"fluxdesk inspect: {exc}", file=err)
        return 1
    if args.json:
        out.write(json.dumps(recalled.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    else:
        out.write(format_text(recalled))
    return 0 if recalled.source != "none" else 1


def format_text(recalled: RecalledSettings) -> str:
    lines = [f"Source:  {recalled.source}"]
    if recalled.model:
        lines.append(f"Model:   {recalled.model}")
    if recalled.prompt:
        lines.append("Prompt:  " + recalled.prompt.replace("\n", "\n         "))
    for name, value in sorted(recalled.params.items()):
        lines.append(f"  {name} = {value}")
    if recalled.ai_label:
        lines.append(f"AI label: {recalled.ai_label.rsplit('/', 1)[-1]}")
    if recalled.creator:
        lines.append(f"Made by: {recalled.creator}")
    if recalled.skipped:
        lines.append("Skipped:")
        lines.extend(f"  - {s}" for s in recalled.skipped)
    return "\n".join(lines) + "\n"
