"""Starting an edit of an image: the one operation the gallery, the viewer and the details all use.

An edit model is one whose first input is the image it works on (Kontext and FLUX.2: `input_image`;
Fill and Expand: `image`); the legacy control models are left out. `start_edit(draft, record_id)`:

- the model becomes the last edit model used (`Draft.edit_model`, kept with the draft; FLUX.2 [pro]
  at first);
- the image becomes the draft's only input, as a library source (references and the mask of an
  earlier image are dropped: a mask belongs to its image's pixels);
- the size is left to the input image (FLUX.2 sends no size; Kontext no aspect ratio) and Expand's
  sides start at nothing: an edit keeps the image as it is unless the user says otherwise;
- the prompt is emptied: it is to say what changes, not what the image is (its prompt described the
  whole picture and would make a new one). The prompt that was there is returned, for the front to
  keep within reach (the window's recent prompts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fluxdesk.api.catalog import Catalog, Group, ModelSpec
from fluxdesk.draft.expand import SIDES, takes_sides
from fluxdesk.draft.inputs import ImageSource, input_params

if TYPE_CHECKING:
    from fluxdesk.draft.draft import Draft

DEFAULT_EDIT_MODEL = "flux-2-pro"
#: what the prompt asks for while the draft edits an image
CHANGE_PLACEHOLDER = "Describe the change"
_EDIT_INPUTS = ("input_image", "image")


def is_edit_model(spec: ModelSpec) -> bool:
    slots = input_params(spec)
    return not spec.legacy and bool(slots) and slots[0] in _EDIT_INPUTS


def edit_models(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog if is_edit_model(m)]


def default_edit_model(catalog: Catalog, remembered: str | None = None) -> str | None:
    """The remembered edit model, else FLUX.2 [pro], else the catalogue's first edit model."""
    for model in (remembered, DEFAULT_EDIT_MODEL):
        if model is not None and model in catalog and is_edit_model(catalog.get(model)):
            return model
    models = edit_models(catalog)
    return models[0] if models else None


def is_editing(draft: Draft) -> bool:
    """The draft's model edits an image, and has one to edit."""
    return is_edit_model(draft.spec) and bool(draft.inputs) and draft.inputs[0] is not None


def start_edit(draft: Draft, record_id: str, *, model: str | None = None) -> str:
    """Make `draft` an edit of the library image `record_id`; returns the prompt it had."""
    chosen = model or default_edit_model(draft.catalog, draft.edit_model)
    if chosen is None:
        raise ValueError("no model in the catalogue edits images")
    previous = draft.prompt
    with draft.changes():
        draft.set_model(chosen)
        draft.clear_images()
        draft.set_input(0, ImageSource.library(record_id))
        leave_size_to_input(draft)
        draft.set_prompt("")
    return previous


def leave_size_to_input(draft: Draft) -> None:
    """No size of its own: the result keeps the input's (FLUX.2's open size, Kontext's open aspect);
    Expand's sides back to nothing."""
    spec = draft.spec
    open_size = [
        p.name for p in spec.params if p.matches_input or (p.group is Group.SIZE and p.default is None)
    ]
    if takes_sides(spec):
        open_size += list(SIDES)
    draft.set_params(dict.fromkeys(open_size))
