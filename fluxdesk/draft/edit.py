"""An edit, for both fronts: which model edits, where the image and its references go, and the library
ids of what is sent (its parents).

- `edit_model(...)`: the model an edit uses when none is chosen: Fill with a mask, Expand with sides,
  else the last instruction-edit model used (`Settings.prefs.edit_model`), else FLUX.2 [pro].
  `remembered_edit_model(model)` says what to keep as "the last one used" (Fill and Expand are implied
  by their mask and sides, so they are never remembered).
- `begin_edit(draft, image, instruction, ...)`: the image becomes the model's input (Kontext's
  `input_image`, FLUX.2's first reference, Fill's and Expand's `image`: input 0 of the draft, by the
  draft's own mapping), references after it, the mask and the sides; a FLUX.2 edit sends no size, so
  the result matches the input.
- `start_edit(draft, record_id, last=...)`: what the window's Edit… does: a library image becomes
  an edit with `edit_model` and `begin_edit`, an empty prompt (it is to say what changes: the prompt
  it had is returned, for the front to keep within reach), the size left to the input (Kontext's
  aspect ratio too) and Expand's sides at nothing. `is_editing(draft)`; `CHANGE_PLACEHOLDER`.
- `await draft_parents(draft, library)`: the draft's inputs that are files on disk are imported into
  the library (`Library.import_file`, off the loop) and become library sources, so every input has an
  id; returns the ids of what the model is sent, in input order, for `Engine.enqueue(..., parents=)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fluxdesk.api.catalog import Catalog, Group, ModelSpec, UnknownModel
from fluxdesk.draft.expand import SIDES, ExpandSides, apply_expand, takes_sides
from fluxdesk.draft.inputs import ImageSource, input_params, takes_mask
from fluxdesk.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from fluxdesk.draft.draft import Draft
    from fluxdesk.library.records import GenerationRecord

DEFAULT_EDIT_MODEL = "flux-2-pro"
FILL_MODEL = "flux-pro-1.0-fill"
EXPAND_MODEL = "flux-pro-1.0-expand"
#: what the prompt asks for while the draft edits an image
#: data (N_): the front says it with _()
CHANGE_PLACEHOLDER = N_("Describe the change")
#: the first input slot of a model that edits an image (Kontext and FLUX.2; Fill and Expand)
_EDIT_SLOTS = ("input_image", "image")


class EditError(ValueError):
    """An edit that cannot be made as asked; str() is one plain sentence."""


class Importer(Protocol):
    """What `draft_parents` needs of `fluxdesk.library.library.Library`."""

    async def import_file(self, path: Path | str) -> GenerationRecord: ...


def is_edit_model(spec: ModelSpec) -> bool:
    """The model edits the image it is given (rather than taking it as a style or structure guide)."""
    slots = input_params(spec)
    return bool(slots) and slots[0] in _EDIT_SLOTS


def is_instruction_edit(spec: ModelSpec) -> bool:
    """An edit told by words alone (Kontext, FLUX.2): no mask to paint, no sides to drag."""
    return is_edit_model(spec) and not takes_mask(spec) and not takes_sides(spec)


def edit_model(
    catalog: Catalog,
    *,
    chosen: str | None = None,
    last: str | None = None,
    mask: bool = False,
    expand: bool = False,
) -> str:
    """The model of an edit: the one chosen; else Fill for a mask, Expand for sides; else the last
    instruction-edit model used; else FLUX.2 [pro]. Raises EditError for a model that edits nothing."""
    if chosen:
        try:
            spec = catalog.get(chosen)
        except UnknownModel as exc:
            raise EditError(str(exc)) from None
        if not is_edit_model(spec):
            raise EditError(_("{label} does not edit images; choose one that does, such as FLUX.2 "
                              "[pro].").format(label=_(spec.label)))
        return spec.id
    if mask:
        return FILL_MODEL
    if expand:
        return EXPAND_MODEL
    if last and last in catalog and is_instruction_edit(catalog.get(last)):
        return last
    return DEFAULT_EDIT_MODEL


def remembered_edit_model(catalog: Catalog, model: str) -> str | None:
    """What to keep as the last edit model after an edit with `model` (None: leave it as it was)."""
    return model if model in catalog and is_instruction_edit(catalog.get(model)) else None


def begin_edit(
    draft: Draft,
    image: ImageSource,
    instruction: str,
    *,
    references: Sequence[ImageSource] = (),
    mask: ImageSource | None = None,
    expand: ExpandSides | None = None,
    match_input: bool = True,
) -> None:
    """Put an edit into `draft` (its model set already): `image` as input 0, `references` after it, the
    mask and the sides, the instruction as the prompt. `match_input`: clear a size the user set before,
    so that a FLUX.2 edit matches its input. Raises EditError, the draft left as it was, when the model
    takes fewer images, no mask or no sides."""
    spec = draft.spec
    slots = input_params(spec)
    if 1 + len(references) > len(slots):
        takes = _("one image") if len(slots) == 1 else _("{n} images at most").format(n=len(slots))
        raise EditError(ngettext("{label} takes {takes}: the image to edit and {n} reference(s).",
                                 "{label} takes {takes}: the image to edit and {n} reference(s).",
                                 len(slots) - 1)
                        .format(label=_(spec.label), takes=takes, n=len(slots) - 1))
    if mask is not None and not takes_mask(spec):
        raise EditError(_("{label} takes no mask; a mask is for "
                          "{value}.").format(label=_(spec.label), value=_label(draft.catalog, FILL_MODEL)))
    if expand is not None and not takes_sides(spec):
        expander = _label(draft.catalog, EXPAND_MODEL)
        raise EditError(_("{label} does not expand images; that is "
                          "{expander}.").format(label=_(spec.label), expander=expander))
    with draft.changes():
        draft.set_prompt(instruction)
        for index in reversed(range(len(draft.inputs))):
            draft.set_input(index, None)
        draft.set_input(0, image)
        for index, reference in enumerate(references, start=1):
            draft.set_input(index, reference)
        draft.set_mask(mask)
        if match_input:
            for p in spec.params:
                if p.matches_input:
                    draft.set_param(p.name, None)
        if expand is not None:
            apply_expand(draft, expand)


def is_editing(draft: Draft) -> bool:
    """The draft's model edits an image, and has one to edit."""
    return is_edit_model(draft.spec) and bool(draft.inputs) and draft.inputs[0] is not None


def start_edit(draft: Draft, record_id: str, *, last: str | None = None) -> str:
    """Make `draft` an edit of the library image `record_id` with the edit model (`last`: the last
    one used); returns the prompt the draft had. The references and mask of before are dropped."""
    previous = draft.prompt
    with draft.changes():
        draft.set_model(edit_model(draft.catalog, last=last))
        begin_edit(draft, ImageSource.library(record_id), "")
        spec = draft.spec
        # an aspect ratio left open keeps the input's (Kontext); Expand's sides start at nothing
        open_size = [p.name for p in spec.params if p.group is Group.SIZE and p.default is None]
        draft.set_params(dict.fromkeys([*open_size, *SIDES]))
    return previous


async def draft_parents(draft: Draft, library: Importer) -> list[str]:
    """Import the draft's file inputs into the library (each becomes a library source, what was read of
    it kept) and return the library ids of the images its model is sent, in input order. Raises the
    library's typed errors (`ImageRefused`, a full disk...) with one sentence."""
    for index, item in draft.file_inputs():
        record = await library.import_file(Path(item.source.value))
        draft.rebase_input(index, ImageSource.library(record.id))
    return draft.parents()


def _label(catalog: Catalog, model: str) -> str:
    return catalog.get(model).label if model in catalog else model
