"""The images a draft holds, and the one place they become a model's wire parameters.

A draft has an ordered list of input images (an edit's image first, then references) and a mask.
Which wire parameter each goes to is read from the catalogue, not listed here: a model's IMAGE
parameters other than `mask`, in catalogue order, are its input slots (Kontext: `input_image`;
FLUX.2: `input_image` .. `input_image_8`; Fill and Expand: `image`; Ultra: `image_prompt`; Canny and
Depth: `control_image`). Input i goes to slot i; inputs past a model's slots are kept for a model
that takes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from fluxdesk.api.catalog import Kind, ModelSpec
from fluxdesk.api.refs import library_ref_id
from fluxdesk.i18n import _

MASK: Literal["mask"] = "mask"
#: where an image of the draft sits: its input index, or the mask
Slot = int | Literal["mask"]


class SourceKind(StrEnum):
    LIBRARY = "library"  # an image of the library, by its record id
    FILE = "file"  # a file on this computer
    URL = "url"  # an http(s) link, sent as it is
    INLINE = "inline"  # base64 data with nowhere to read it again (settings taken from an image)


@dataclass(frozen=True)
class ImageSource:
    kind: SourceKind
    value: str  # the record id, the path, the URL, or (inline) the base64 data itself

    @classmethod
    def file(cls, path: Path | str) -> ImageSource:
        return cls(SourceKind.FILE, str(path))

    @classmethod
    def url(cls, url: str) -> ImageSource:
        return cls(SourceKind.URL, url)

    @classmethod
    def library(cls, record_id: str) -> ImageSource:
        return cls(SourceKind.LIBRARY, record_id)

    @classmethod
    def inline(cls, data: str) -> ImageSource:
        return cls(SourceKind.INLINE, data)

    @classmethod
    def parse(cls, text: str) -> ImageSource:
        """What a user typed (a command-line flag): an http(s) link, else a file path."""
        text = text.strip()
        if text.startswith(("http://", "https://")):
            return cls.url(text)
        return cls.file(Path(text).expanduser())

    @classmethod
    def from_wire(cls, value: str) -> ImageSource:
        """What a request held: a library image (`library:<id>`), a link, else the base64 data itself."""
        text = str(value).strip()
        record_id = library_ref_id(text)
        if record_id is not None:
            return cls.library(record_id)
        return cls.url(text) if text.startswith(("http://", "https://")) else cls.inline(text)

    @property
    def name(self) -> str:
        """A short name for captions and sentences."""
        if self.kind is SourceKind.FILE:
            return Path(self.value).name or self.value
        if self.kind is SourceKind.URL:
            return self.value
        if self.kind is SourceKind.LIBRARY:
            return _("library image {value}").format(value=self.value[:8])
        return _("the image")

    def to_dict(self) -> dict[str, str] | None:
        """JSON-safe, or None for inline data (megabytes of base64 are not kept)."""
        return None if self.kind is SourceKind.INLINE else {"kind": self.kind.value, "value": self.value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImageSource:
        kind = SourceKind(str(data["kind"]))
        if kind is SourceKind.INLINE:
            raise ValueError("inline images are not restored")
        return cls(kind, str(data["value"]))


@dataclass(frozen=True)
class LoadedImage:
    """What the loader made of a source."""

    data: str = ""  # base64 (or, for a link, the URL itself): what goes on the wire
    size: tuple[int, int] | None = None  # pixels, when read
    preview: bytes = b""  # a small PNG for the fronts to show; empty when there is none


@dataclass(frozen=True)
class ImageInput:
    source: ImageSource
    label: str | None = None
    token: int = 0  # which load this is: a load finishing for a replaced input is ignored
    loaded: LoadedImage | None = None
    error: str | None = None  # one plain sentence: the load failed
    restored: bool = False  # from the saved draft: dropped, with a sentence, when it cannot be read
    described: bool = False  # size and preview known (inline data is usable before that)

    @property
    def loading(self) -> bool:
        return self.loaded is None and self.error is None

    @property
    def pending(self) -> bool:
        """The loader has work to do for it."""
        return self.error is None and (self.loaded is None or not self.described)

    @property
    def data(self) -> str | None:
        return self.loaded.data if self.loaded is not None and self.loaded.data else None

    @property
    def size(self) -> tuple[int, int] | None:
        return self.loaded.size if self.loaded is not None else None

    def evolve(self, **changes: Any) -> ImageInput:
        return replace(self, **changes)


# ---- the mapping to wire parameters ---------------------------------------------------------------


def input_params(spec: ModelSpec) -> tuple[str, ...]:
    """The model's input slots: its image parameters other than the mask, in catalogue order."""
    return tuple(p.name for p in spec.params if p.kind is Kind.IMAGE and p.name != MASK)


def takes_mask(spec: ModelSpec) -> bool:
    return spec.takes(MASK) and spec.param(MASK).kind is Kind.IMAGE


def image_params(spec: ModelSpec) -> tuple[str, ...]:
    return (*input_params(spec), *((MASK,) if takes_mask(spec) else ()))


def slot_of(spec: ModelSpec, name: str) -> Slot:
    """Where the draft keeps the image of wire parameter `name`; KeyError when it is no image of `spec`."""
    if name == MASK and takes_mask(spec):
        return MASK
    slots = input_params(spec)
    if name not in slots:
        raise KeyError(name)
    return slots.index(name)


def param_of(spec: ModelSpec, slot: Slot) -> str | None:
    """The wire parameter of a slot for `spec`, or None when the model has no such slot."""
    if slot == MASK:
        return MASK if takes_mask(spec) else None
    slots = input_params(spec)
    return slots[slot] if isinstance(slot, int) and 0 <= slot < len(slots) else None


def wire_images(
    spec: ModelSpec, inputs: Sequence[ImageInput | None], mask: ImageInput | None
) -> dict[str, ImageInput]:
    """Each image the model takes, by wire parameter."""
    out: dict[str, ImageInput] = {}
    for name, item in zip(input_params(spec), inputs, strict=False):
        if item is not None:
            out[name] = item
    if mask is not None and takes_mask(spec):
        out[MASK] = mask
    return out
