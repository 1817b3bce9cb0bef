"""The images of a draft: its inputs in order (holes allowed) and its mask, and which load is current.

Every image put in gets a new token; a load that finishes for a token no longer held (the user
picked another file meanwhile) changes nothing.
"""

from __future__ import annotations

import itertools

from fluxdesk.api.catalog import ModelSpec
from fluxdesk.draft.inputs import MASK, ImageInput, ImageSource, LoadedImage, Slot, SourceKind, wire_images
from fluxdesk.i18n import _


class ImageSet:
    def __init__(self) -> None:
        self.inputs: list[ImageInput | None] = []
        self.mask: ImageInput | None = None
        self._tokens = itertools.count(1)

    def new(
        self, source: ImageSource | None, label: str | None, *, restored: bool = False
    ) -> ImageInput | None:
        if source is None:
            return None
        item = ImageInput(source, label=label, token=next(self._tokens), restored=restored)
        if source.kind is SourceKind.INLINE:
            # the data is all there is: usable at once, only its size and preview are still to come
            item = item.evolve(loaded=LoadedImage(data=source.value))
        elif source.kind is SourceKind.URL:
            item = item.evolve(loaded=LoadedImage(data=source.value), described=True)  # sent as it is
        return item

    def at(self, slot: Slot) -> ImageInput | None:
        if slot == MASK:
            return self.mask
        index = int(slot)
        return self.inputs[index] if 0 <= index < len(self.inputs) else None

    def put(self, slot: Slot, item: ImageInput | None) -> None:
        if slot == MASK:
            self.mask = item
            return
        index = int(slot)
        if index < 0:
            raise IndexError(index)
        while len(self.inputs) <= index:
            self.inputs.append(None)
        self.inputs[index] = item
        while self.inputs and self.inputs[-1] is None:
            self.inputs.pop()

    def rebase(self, index: int, source: ImageSource) -> bool:
        """Give input `index` another source for the same image, keeping what was read of it."""
        item = self.at(index)
        if item is None or item.source == source:
            return False
        self.put(index, item.evolve(source=source, restored=False))
        return True

    def clear(self) -> None:
        self.inputs, self.mask = [], None

    # the reference strip's operations: each leaves the inputs without holes, in the order shown

    def compact(self) -> None:
        self.inputs = [i for i in self.inputs if i is not None]

    def add(self, item: ImageInput) -> int:
        """After the last input; returns its index."""
        self.compact()
        self.inputs.append(item)
        return len(self.inputs) - 1

    def move(self, index: int, to: int) -> bool:
        """Input `index` to place `to` (indexes of the inputs without holes); False when nothing moved."""
        self.compact()
        if not 0 <= index < len(self.inputs):
            return False
        to = max(0, min(to, len(self.inputs) - 1))
        if to == index:
            return False
        self.inputs.insert(to, self.inputs.pop(index))
        return True

    def remove(self, index: int) -> bool:
        self.compact()
        if not 0 <= index < len(self.inputs):
            return False
        del self.inputs[index]
        return True

    def relabel(self, index: int, label: str | None) -> bool:
        """A new label, the image itself untouched (no new load)."""
        self.compact()
        item = self.at(index)
        if item is None or item.label == label:
            return False
        self.inputs[index] = item.evolve(label=label)
        return True

    def slots(self) -> list[tuple[Slot, ImageInput | None]]:
        return [*enumerate(self.inputs), (MASK, self.mask)]

    def wire(self, spec: ModelSpec) -> dict[str, ImageInput]:
        """The images `spec` is sent, by wire parameter."""
        return wire_images(spec, self.inputs, self.mask)

    def pending(self) -> list[tuple[int, ImageSource]]:
        return [(i.token, i.source) for _, i in self.slots() if i is not None and i.pending]

    def finish(
        self, token: int, loaded: LoadedImage | None, error: str | None
    ) -> tuple[bool, str | None]:
        """Record a finished load: (anything changed, a sentence when a restored image was dropped)."""
        for slot, item in self.slots():
            if item is None or item.token != token:
                continue
            if error is not None and item.restored:
                self.put(slot, None)
                return True, _("The image {name} of the last session is gone, so it was left "
                               "out.").format(name=item.source.name)
            if error is not None and item.source.kind is SourceKind.INLINE and item.loaded is not None:
                self.put(slot, item.evolve(described=True))  # no preview; the data still goes as it is
            elif error is not None:
                self.put(slot, item.evolve(error=error))
            else:
                self.put(slot, item.evolve(loaded=loaded, described=True))
            return True, None
        return False, None  # replaced or removed meanwhile
