"""`fluxdesk edit ID_OR_FILE "instruction"`: edit an image of the library (or a file, imported first).

The image becomes the edit model's input (Kontext's `input_image`, FLUX.2's first reference, Fill's and
Expand's `image`), `--reference`s follow it, `--mask` and `--expand` pick Fill and Expand. Without
`--model` the edit uses the last instruction-edit model used (FLUX.2 [pro] at first). It fills a
`Draft` (`draft/edit.py`'s `begin_edit`), so validation, seeds, the batch limit, the budget and
`--dry-run` are `generate`'s own (`send_batch`); the rows it prints are `generate`'s, with `parents`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from fluxdesk.api.catalog import Catalog, Kind, ParamSpec, default_catalog
from fluxdesk.api.errors import FluxError, InvalidRequest
from fluxdesk.cli.generate import add_param_flags, add_run_flags, fill_draft, print_invalid, send_batch
from fluxdesk.cli.terminal import printable
from fluxdesk.draft import Draft, ImageSource, SourceKind, load_pending
from fluxdesk.draft.edit import begin_edit, edit_model, remembered_edit_model
from fluxdesk.draft.expand import SIDES, ExpandSides
from fluxdesk.draft.mask import check_mask_size
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.library import Library
from fluxdesk.settings import Settings


class _Refused(Exception):
    """An edit that cannot be made as asked: one sentence, nothing sent."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    catalog = default_catalog()
    editors = [m.id for m in catalog if _edits(m.params)]
    p = sub.add_parser(
        "edit",
        help=_("edit an image of the library, or a file"),
        description=_("Edit an image: a library id (or a unique prefix of one) or an image file, which is "
                      "imported into the library first. Nothing is sent when a flag is wrong, --out cannot "
                      "be written, or the estimate is over --max-cost or the daily budget."),
    )
    p.add_argument("image", metavar=_("ID_OR_FILE"),
                   help=_("the image to edit: a library id (prefix) or a file"))
    p.add_argument("instruction", help=_("what to change"))
    p.add_argument(
        "--model", "-m",
        help=_("one of: {models} (default: the last edit model used; FLUX.2 [pro] at first; "
               "--mask implies flux-pro-1.0-fill, --expand flux-pro-1.0-expand)")
        .format(models=", ".join(editors)),
    )
    p.add_argument(
        "--reference", "-r", action="append", default=[], metavar=_("ID_OR_FILE"),
        help=_("a further image the model is given (FLUX.2 takes 7, Kontext 3); repeat for more"),
    )
    p.add_argument("--mask", type=Path, metavar=_("FILE"),
                   help=_("white where the image is repainted, of the image's size (implies Fill)"))
    p.add_argument("--expand", metavar=_("TOP,RIGHT,BOTTOM,LEFT"),
                   help=_("pixels to add on each side, e.g. 0,256,0,256 (implies Expand)"))
    add_run_flags(p)
    add_param_flags(p, catalog, skip=lambda spec: spec.kind is Kind.IMAGE or spec.name in SIDES)
    p.set_defaults(func=run)


def _edits(params: tuple[ParamSpec, ...]) -> bool:
    return any(p.kind is Kind.IMAGE and p.name in ("input_image", "image") for p in params)


def parse_sides(text: str) -> ExpandSides:
    """"TOP,RIGHT,BOTTOM,LEFT" in pixels; raises ValueError with one sentence."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        raise ValueError(_(
            "--expand takes four whole numbers of pixels, TOP,RIGHT,BOTTOM,LEFT, not '{given}'.")
                         .format(given=text))
    top, right, bottom, left = (int(p) for p in parts)
    return ExpandSides(top=top, right=right, bottom=bottom, left=left)


def run(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    settings = Settings.load()
    try:
        sides = parse_sides(args.expand) if args.expand else None
        model = edit_model(catalog, chosen=args.model, last=settings.prefs.edit_model or None,
                           mask=args.mask is not None, expand=sides is not None)
        draft = asyncio.run(_prepare(args, settings, catalog, model, sides))
        requests = draft.requests()
    except InvalidRequest as exc:
        print_invalid(exc)
        return 2
    except (ValueError, _Refused) as exc:  # EditError, ExpandError, MaskError: one sentence each
        print(_("error: {message}").format(message=printable(exc)), file=sys.stderr)
        return 2
    code = send_batch(args, settings, catalog, draft, requests)
    remembered = remembered_edit_model(catalog, draft.model)
    if code != 2 and not args.dry_run and remembered and remembered != settings.prefs.edit_model:
        settings.prefs.edit_model = remembered
        try:
            settings.save()
        except OSError:  # a preference only: the edit itself is done
            pass
    return code


async def _prepare(
    args: argparse.Namespace, settings: Settings, catalog: Catalog, model: str, sides: ExpandSides | None
) -> Draft:
    """The edit's draft with every image read: library ids resolved (the library is only read here;
    files are imported when the batch is sent). Raises _Refused or the draft's ValueErrors."""
    draft = fill_draft(_with_model(args, model), catalog, model)
    async with await Library.open(settings.paths.library_dir) as library:
        image = await _source(library, args.image)
        references = [await _source(library, given) for given in args.reference]
        mask = ImageSource.file(args.mask.expanduser()) if args.mask is not None else None
        sized = args.param_width is not None or args.param_height is not None
        begin_edit(draft, image, args.instruction, references=references, mask=mask, expand=sides,
                   match_input=not sized)

        async def file_of(record_id: str) -> Path | None:
            record = await library.get(record_id)
            return library.path_of(record) if record is not None else None

        await load_pending(draft, file_of)
    for item in (*draft.inputs, draft.mask):
        if item is not None and item.error:
            raise _Refused(item.error)
    if draft.mask is not None and draft.mask.size is not None:
        check_mask_size(draft, draft.mask.size, hint=_("give a mask of the image's size"))
    return draft


def _with_model(args: argparse.Namespace, model: str) -> argparse.Namespace:
    """The flags as `fill_draft` reads them: the edit's model, the instruction as the prompt."""
    values = vars(args).copy()
    values.update(model=model, prompt=args.instruction)
    return argparse.Namespace(**values)


async def _source(library: Library, given: str) -> ImageSource:
    """An image named on the command line: a link, a file that exists, else a library id (a unique
    prefix of one) whose image is saved. Raises _Refused with one sentence."""
    parsed = ImageSource.parse(given)
    if parsed.kind is SourceKind.URL or Path(parsed.value).exists():
        return parsed
    try:
        ids = await library.resolve(given)
    except FluxError as exc:
        raise _Refused(str(exc)) from None
    if len(ids) > 1:
        raise _Refused(ngettext("'{given}' matches {n} image of the library; give more of the id.",
                                "'{given}' matches {n} images of the library; give more of the id.",
                                len(ids)).format(given=given, n=len(ids)))
    record = await library.get(ids[0]) if ids else None
    if record is None:
        raise _Refused(_("'{given}' is neither an image file nor the id of an image in the library.")
                       .format(given=given))
    if record.file is None:
        raise _Refused(_("{id} has no image to edit ({state}).").format(
            id=record.id[:8], state=record.status.label.lower()))

    return ImageSource.library(record.id)

