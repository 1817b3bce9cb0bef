"""`fluxdesk inspect FILE`: the settings an image (or a fluxdesk sidecar) carries, and what was skipped.

An original of the library is found by its bytes in the library (read-only, and only when the library
can be read) or by its sidecar; anything but a regular file is refused without waiting on it. Every
text printed passes `terminal.printable`: a file's metadata is not the terminal's business.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from fluxdesk.api.catalog import default_catalog
from fluxdesk.cli.terminal import dumps, printable
from fluxdesk.i18n import N_, _
from fluxdesk.library.metadata import MetadataError
from fluxdesk.library.opening import library_paths
from fluxdesk.library.recall import Lookup, RecalledSettings, read_metadata
from fluxdesk.library.records import GenerationRecord
from fluxdesk.library.store import lookup_sha256
from fluxdesk.settings import Settings

SOURCES = {  # data (N_): translated where printed
    "fluxdesk": N_("fluxdesk metadata in the file"),
    "a1111": N_("A1111 parameters in the file"),
    "library": N_("the library's record of this image"),
    "sidecar": N_("the sidecar saved beside the image"),
    "none": N_("none"),
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "inspect",
        help=_("show the settings stored in an image"),
        description=_("Show the prompt and parameters stored in a PNG, JPEG or WebP (fluxdesk or A1111 "
                      "'parameters'), or in a fluxdesk sidecar JSON, and what could not be used. An image of "
                      "the library is found by its bytes (or its sidecar)."),
    )
    p.add_argument("file", type=Path, metavar=_("FILE"))
    p.add_argument("--json", action="store_true", help=_("print the settings as JSON"))
    p.set_defaults(func=run)


def library_lookup(settings: Settings) -> Lookup:
    db_path = library_paths(settings.paths.library_dir)[0]

    def lookup(sha256: str) -> GenerationRecord | None:
        return lookup_sha256(db_path, sha256)

    return lookup


def run(args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        recalled = read_metadata(args.file, catalog=default_catalog(), lookup=library_lookup(Settings.load()))
    except MetadataError as exc:
        if args.json:
            out.write(dumps({"error": str(exc)}) + "\n")
        print(_("fluxdesk inspect: {error}").format(error=printable(exc)), file=err)
        return 1
    if args.json:
        out.write(dumps(recalled.to_dict(), sort_keys=True) + "\n")
    else:
        out.write(format_text(recalled))
    return 0 if recalled.source != "none" else 1


def format_text(recalled: RecalledSettings) -> str:
    source = SOURCES.get(recalled.source)
    lines = [_("Source:  {source}").format(source=_(source) if source else recalled.source)]
    if recalled.model:
        lines.append(_("Model:   {model}").format(model=printable(recalled.model)))
    if recalled.prompt:
        prompt = _("Prompt:  {prompt}").format(prompt="\0")
        indent = "\n" + " " * prompt.index("\0")
        lines.append(prompt.replace("\0", printable(recalled.prompt, multiline=True).replace("\n", indent)))
    for name, value in sorted(recalled.params.items()):
        lines.append(f"  {printable(name)} = {printable(value)}")
    if recalled.ai_label:
        lines.append(_("AI label: {label}").format(label=printable(recalled.ai_label.rsplit('/', 1)[-1])))
    if recalled.creator:
        lines.append(_("Made by: {creator}").format(creator=printable(recalled.creator)))
    if recalled.skipped:
        lines.append(_("Skipped:"))

        lines.extend(f"  - {printable(s)}" for s in recalled.skipped)
    return "\n".join(lines) + "\n"
