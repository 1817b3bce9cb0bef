"""The rules of a model's input images taken together: how many it takes, and how many pixels in all.

A model with several input slots (Kontext: 4; FLUX.2: 8, [klein] 4) takes its images as one ordered
list, the edit's image first, then references. More images than it has slots are an error for such
a model, not a silent drop: what is shown is what is sent. A model with one slot (Fill, Expand, an
image prompt) takes the first image and keeps the others for a model that takes them.

The total-size rule is the catalogue's (`ModelSpec.max_input_megapixels`, FLUX.2: 9 MP in all, in
megapixels of 2**20 pixels as the providers count them); images whose size is not known (a link)
count as nothing, since fluxdesk never fetches them. Both rules give `FieldError`s on `REFERENCES`,
which the draft adds to its errors, so the window marks them and the command line refuses alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fluxdesk.api.catalog import ModelSpec
from fluxdesk.api.errors import FieldError
from fluxdesk.draft.inputs import ImageInput, input_params
from fluxdesk.i18n import _, ngettext

#: the field both rules mark (the window's reference strip shows it)
REFERENCES = "references"
MEGAPIXEL = 1 << 20


def takes_references(spec: ModelSpec) -> bool:
    """The model takes several input images (the window shows them as one strip)."""
    return len(input_params(spec)) > 1


def slot_count(spec: ModelSpec) -> int:
    return len(input_params(spec))


@dataclass(frozen=True)
class InputTally:
    """What the model is sent of the draft's inputs."""

    count: int  # images in the model's slots
    over: int  # images past its slots (an error for a model with several)
    megapixels: float  # of those sent whose size is known, in megapixels of 2**20
    limit: float | None  # the model's total, None: no known limit
    slots: int

    @property
    def too_big(self) -> bool:
        return self.limit is not None and self.megapixels > self.limit + 1e-9

    def summary(self) -> str:
        """'3 of 8 images · 5.2 of 9 MP in all' (the strip's caption)."""
        text = ngettext("{count} of {slots} image", "{count} of {slots} images", self.slots).format(
            count=self.count, slots=self.slots)
        if self.limit is not None:
            text = _("{images} · {megapixels:.1f} of {limit:g} MP in all").format(
                images=text, megapixels=self.megapixels, limit=self.limit)
        return text


def tally(spec: ModelSpec, inputs: Sequence[ImageInput | None]) -> InputTally:
    slots = slot_count(spec)
    sent = [i for i in inputs[:slots] if i is not None]
    over = sum(1 for i in inputs[slots:] if i is not None)
    pixels = sum(i.size[0] * i.size[1] for i in sent if i.size is not None)
    return InputTally(len(sent), over, pixels / MEGAPIXEL, spec.max_input_megapixels, slots)


def reference_errors(spec: ModelSpec, inputs: Sequence[ImageInput | None]) -> list[FieldError]:
    """Too many images for a model that takes several, or more pixels in all than it takes."""
    t = tally(spec, inputs)
    errors: list[FieldError] = []
    if t.over and takes_references(spec):
        which = _("the greyed one") if t.over == 1 else _("the {over} greyed ones").format(over=t.over)
        errors.append(FieldError(
            REFERENCES, _("{label} takes at most {slots} images: remove {which} to "
                          "send.").format(label=_(spec.label), slots=t.slots, which=which)
        ))
    if t.too_big and t.limit is not None:
        errors.append(FieldError(
            REFERENCES,
            _("The images add up to {megapixels:.1f} MP; {label} takes at most {limit:g} MP of input images "
              "in all. Remove one or use smaller images.").format(
                megapixels=t.megapixels, label=_(spec.label), limit=t.limit),
        ))
    return errors
