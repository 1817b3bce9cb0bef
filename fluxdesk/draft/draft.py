"""`Draft`: what the user is composing, for both fronts, and the batch of requests it makes.

A draft holds the model, the prompt, the parameters as the user set them (not set: the model's
default), the seed mode and seed, the batch count, the input images and mask, and the webhook fields.
`requests()` turns it into validated `GenerationRequest`s (validation is `api.request`'s), with the
seeds of `fluxdesk.draft.seeds`. Every change is announced to subscribers by name ("model", "prompt",
"params", "seed", "last_seed", "batch", "inputs", "webhook"), so the window's widgets are views of it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fluxdesk.api.catalog import Catalog, ModelSpec
from fluxdesk.api.errors import FieldError, InvalidRequest
from fluxdesk.api.refs import library_ref
from fluxdesk.api.request import GenerationRequest, build_request, check_fields, coerce_value
from fluxdesk.draft.images import ImageSet
from fluxdesk.draft.inputs import (
    MASK,
    ImageInput,
    ImageSource,
    LoadedImage,
    SourceKind,
    image_params,
    input_params,
    slot_of,
)
from fluxdesk.draft.observable import Observable
from fluxdesk.draft.references import reference_errors
from fluxdesk.draft.seeds import SeedMode, batch_errors, batch_seeds, seed_maximum
from fluxdesk.i18n import _

if TYPE_CHECKING:
    from fluxdesk.library.recall import RecalledSettings
    from fluxdesk.library.records import GenerationRecord

#: what the draft keeps apart from the parameters
_NOT_PARAMS = frozenset({"prompt", "seed"})
WEBHOOK_URL = "webhook_url"
WEBHOOK_SECRET = "webhook_secret"


class Draft(Observable):
    def __init__(
        self, catalog: Catalog, model: str | None = None, *, rng: random.Random | None = None
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self._model = model if model is not None and model in catalog else catalog.ids[0]
        self._rng = rng
        self._prompt = ""
        self._memory: dict[str, Any] = {}  # every value the user set, on any model
        self._active: dict[str, Any] = {}  # those the current model gets
        self._seed_mode = SeedMode.RANDOM
        self._seed: int | str | None = None
        self._last_seed: int | None = None
        self._batch: int = 1
        self._images = ImageSet()
        self._webhook_url: str | None = None
        self._webhook_secret: str | None = None

    # ---- what it holds --------------------------------------------------------------------------

    @property
    def model(self) -> str:
        return self._model

    @property
    def spec(self) -> ModelSpec:
        return self.catalog.get(self._model)

    @property
    def prompt(self) -> str:
        return self._prompt

    @property
    def params(self) -> dict[str, Any]:
        """The current model's parameters as the user set them (None: not set, the default applies)."""
        return {p.name: self._active.get(p.name) for p in self._param_specs()}

    def param(self, name: str) -> Any:
        return self._active.get(name)

    def values(self) -> dict[str, Any]:
        """What the fields show: the value set, else the model's default (None when it has none)."""
        defaults = self.spec.defaults()
        return {p.name: self._active.get(p.name, defaults.get(p.name)) for p in self._param_specs()}

    @property
    def seed_mode(self) -> SeedMode:
        return self._seed_mode

    @property
    def seed(self) -> int | str | None:
        """The base seed of the next batch, when it is not random."""
        if self._seed_mode is SeedMode.LOCKED:
            return self._seed
        if self._seed_mode is SeedMode.REUSE:
            return self._last_seed
        return None

    @property
    def last_seed(self) -> int | None:
        return self._last_seed

    @property
    def batch(self) -> int:
        return self._batch

    @property
    def inputs(self) -> tuple[ImageInput | None, ...]:
        """Every input image in order, holes included; those past the model's slots are kept, not sent."""
        return tuple(self._images.inputs)

    @property
    def mask(self) -> ImageInput | None:
        return self._images.mask

    @property
    def webhook_url(self) -> str | None:
        return self._webhook_url

    @property
    def webhook_secret(self) -> str | None:
        return self._webhook_secret

    def image(self, name: str) -> ImageInput | None:
        """The image of the current model's wire parameter `name`."""
        try:
            return self._images.at(slot_of(self.spec, name))
        except KeyError:
            return None

    def parents(self) -> list[str]:
        """The library ids of the images the current model is sent, in input order (the mask is none)."""
        images = self._images.wire(self.spec)
        return [
            item.source.value for name, item in images.items()
            if name != MASK and item.source.kind is SourceKind.LIBRARY
        ]

    def file_inputs(self) -> list[tuple[int, ImageInput]]:
        """(index, input) of each input the current model is sent that is a file on this computer."""
        slots = input_params(self.spec)
        return [
            (i, item) for i, item in enumerate(self._images.inputs[: len(slots)])
            if item is not None and item.source.kind is SourceKind.FILE
        ]

    def rebase_input(self, index: int, source: ImageSource) -> None:
        """The same image under another source (a file just imported into the library): what was read
        of it is kept, so nothing is read again."""
        if self._images.rebase(index, source):
            self._changed("inputs")

    # ---- changing it ----------------------------------------------------------------------------

    def set_model(self, model: str) -> None:
        """Switch model: every value set that the new model can take is kept; the others are remembered."""
        spec = self.catalog.get(model)  # UnknownModel for a model the catalogue lacks
        if spec.id == self._model:
            return
        self._model = spec.id
        self._active = {}
        for name, value in self._memory.items():
            if not spec.takes(name) or name in _NOT_PARAMS:
                continue
            try:
                coerce_value(spec.param(name), value)
            except ValueError:
                continue  # out of this model's range: kept for a model that takes it
            self._active[name] = value
        self._changed("model", "params", "inputs")

    def set_prompt(self, text: str) -> None:
        if text != self._prompt:
            self._prompt = text
            self._changed("prompt")

    def set_param(self, name: str, value: Any) -> None:
        """Set what the user chose for `name` (None: not set). Seeds and images go to their own places."""
        if name == "prompt":
            self.set_prompt("" if value is None else str(value))
        elif name == "seed":
            self.set_seed(value)
        elif name in image_params(self.spec):
            self.set_image(name, None if value in (None, "") else ImageSource.from_wire(str(value)))
        elif value is None:
            if name in self._memory or name in self._active:
                self._memory.pop(name, None)
                self._active.pop(name, None)
                self._changed("params")
        elif self._active.get(name, _UNSET) != value or self._memory.get(name, _UNSET) != value:
            # a name the model does not take is kept here too, so validation says so (the CLI's flags)
            self._memory[name] = value
            self._active[name] = value
            self._changed("params")

    def set_params(self, values: Mapping[str, Any]) -> None:
        with self.changes():
            for name, value in values.items():
                self.set_param(name, value)

    def set_batch(self, count: int) -> None:
        if count != self._batch:
            self._batch = count
            self._changed("batch")

    def set_webhook(self, url: str | None, secret: str | None = None) -> None:
        if (url or None, secret or None) != (self._webhook_url, self._webhook_secret):
            self._webhook_url, self._webhook_secret = url or None, secret or None
            self._changed("webhook")

    # ---- the seed -------------------------------------------------------------------------------

    def set_seed(self, value: int | str | None) -> None:
        """A seed typed in: locked to it; nothing: random."""
        if value is None or value == "":
            self.reset_seed()
        else:
            self._set_seed(SeedMode.LOCKED, value)

    def lock_seed(self, value: int | str | None = None) -> None:
        """Lock to `value`, else to the seed shown, else the last one used, else a new random one."""
        if value is None:
            value = self.seed if self.seed is not None else self._last_seed
        if value is None:
            value = (self._rng or random.SystemRandom()).randint(0, seed_maximum(self.spec))
        self._set_seed(SeedMode.LOCKED, value)

    def reset_seed(self) -> None:
        """A new random base seed for every batch."""
        self._set_seed(SeedMode.RANDOM, None)

    def reuse_last_seed(self) -> bool:
        """Make the next batch from the base seed of the last one; False when nothing was made yet."""
        if self._last_seed is None:
            return False
        self._set_seed(SeedMode.REUSE, None)
        return True

    def _set_seed(self, mode: SeedMode, value: int | str | None) -> None:
        if (mode, value) != (self._seed_mode, self._seed):
            self._seed_mode, self._seed = mode, value
            self._changed("seed")

    def note_used(self, requests: Iterable[GenerationRequest]) -> None:
        """Remember the base seed of a batch just sent, for "reuse last"."""
        first = next(iter(requests), None)
        if first is None or first.seed is None or first.seed == self._last_seed:
            return
        self._last_seed = first.seed
        self._changed("last_seed", *(("seed",) if self._seed_mode is SeedMode.REUSE else ()))

    # ---- images ---------------------------------------------------------------------------------

    def set_input(self, index: int, source: ImageSource | None, label: str | None = None) -> None:
        """Put an image at input `index` (None removes it); it is loaded by the front's loader."""
        self._images.put(index, self._images.new(source, label))
        self._changed("inputs")

    def add_input(self, source: ImageSource, label: str | None = None) -> int:
        """An image after the last input (holes closed first); returns its index."""
        item = self._images.new(source, label)
        assert item is not None
        index = self._images.add(item)
        self._changed("inputs")
        return index

    def move_input(self, index: int, to: int) -> None:
        """Input `index` to place `to`, the others closing up (indexes of the inputs without holes)."""
        if self._images.move(index, to):
            self._changed("inputs")

    def remove_input(self, index: int) -> None:
        """Remove input `index`; the ones after it move up a place."""
        if self._images.remove(index):
            self._changed("inputs")

    def set_input_label(self, index: int, label: str | None) -> None:
        """A label for input `index` (None or blank: none); the image is not read again."""
        if self._images.relabel(index, (label or "").strip() or None):
            self._changed("inputs")

    def clear_images(self) -> None:
        """No inputs and no mask."""
        if self._images.inputs or self._images.mask is not None:
            self._images.clear()
            self._changed("inputs")

    def set_mask(self, source: ImageSource | None, label: str | None = None) -> None:
        self._images.put(MASK, self._images.new(source, label))
        self._changed("inputs")

    def set_image(self, name: str, source: ImageSource | None, label: str | None = None) -> None:
        """Put an image in the current model's wire parameter `name`."""
        try:
            slot = slot_of(self.spec, name)
        except KeyError:
            # not an image of this model: kept so that validation names it (a command-line flag)
            self.set_param(name, None if source is None else source.value)
            return
        self._images.put(slot, self._images.new(source, label))
        self._changed("inputs")

    def pending_loads(self) -> list[tuple[int, ImageSource]]:
        """(token, source) of every image the front's loader has still to read."""
        return self._images.pending()

    def finish_load(
        self, token: int, loaded: LoadedImage | None = None, error: str | None = None
    ) -> str | None:
        """A load ended. Returns a sentence when an image of the saved draft was dropped for it."""
        changed, note = self._images.finish(token, loaded, error)
        if changed:
            self._changed("inputs")
        return note

    @property
    def loading(self) -> bool:
        """An image the current model is sent is still being read."""
        return any(i.loading for i in self._images.wire(self.spec).values())

    # ---- checking and sending -------------------------------------------------------------------

    def errors(self) -> list[FieldError]:
        """Every field error, for inline marking (an image still being read is not one)."""
        errors = check_fields(self.catalog, self._model, self._prompt, self._wire_params(self.seed))
        images = reference_errors(self.spec, self._images.inputs)
        return self._with_image_errors(errors) + images + batch_errors(self._batch)

    def requests(self, rng: random.Random | None = None) -> list[GenerationRequest]:
        """The batch, validated; raises InvalidRequest with the field errors (and, first, any wait)."""
        spec = self.spec
        waiting = [n for n, i in self._images.wire(spec).items() if i.loading]
        problems = [FieldError(waiting[0], _("Wait until the image is read."))] if waiting else []
        problems += reference_errors(spec, self._images.inputs) + batch_errors(self._batch)
        try:
            first = build_request(
                self.catalog, self._model, self._prompt, self._wire_params(self.seed), rng=rng or self._rng
            )
        except InvalidRequest as exc:
            raise InvalidRequest(problems + self._with_image_errors(exc.errors)) from None
        if problems or any(i.error for i in self._images.wire(spec).values()):
            raise InvalidRequest(problems + self._with_image_errors([]))
        if first.seed is None:
            return [first] * self._batch
        seeds = batch_seeds(first.seed, self._batch, seed_maximum(spec))
        return [first, *(first.replace(seed=s) for s in seeds[1:])]

    def _wire_params(self, seed: int | str | None) -> dict[str, Any]:
        spec = self.spec
        params = dict(self._active)
        for name, item in self._images.wire(spec).items():
            if item.data:
                params[name] = item.data
        for name, value in ((WEBHOOK_URL, self._webhook_url), (WEBHOOK_SECRET, self._webhook_secret)):
            if value and spec.takes(name):
                params[name] = value  # passed through; a model without webhooks is not sent them
        if seed is not None:
            params["seed"] = seed
        return params

    def _with_image_errors(self, errors: list[FieldError]) -> list[FieldError]:
        """An image being read or unreadable gets its own sentence, not "X is required" as well."""
        images = self._images.wire(self.spec)
        quiet = {n for n, i in images.items() if i.loading or i.error}
        out = [e for e in errors if e.field not in quiet]
        labels = {p.name: p.label for p in self.spec.params}
        out += [FieldError(n, f"{labels[n]}: {i.error}") for n, i in images.items() if i.error]
        return out

    def _param_specs(self) -> list[Any]:
        images = set(image_params(self.spec))
        return [p for p in self.spec.params if p.name not in _NOT_PARAMS and p.name not in images]

    # ---- operations of the fronts ---------------------------------------------------------------

    def use_request(self, request: GenerationRequest) -> bool:
        """Model, prompt, every parameter and image of `request`, its seed locked; False: unknown model."""
        if request.model not in self.catalog:
            return False
        with self.changes():
            self.set_model(request.model)
            spec = self.spec
            self.set_prompt(request.prompt)
            for p in self._param_specs():
                self.set_param(p.name, request.params.get(p.name))
            self._images.clear()
            for name in image_params(spec):
                value = request.params.get(name)
                if value:
                    item = self._images.new(ImageSource.from_wire(str(value)), None)
                    self._images.put(slot_of(spec, name), item)
            self._changed("inputs")
            if request.seed is not None:
                self.lock_seed(request.seed)
            else:
                self.reset_seed()
        return True

    def use_settings(self, record: GenerationRecord) -> bool:
        """"Use these settings": the generation's model, prompt and parameters, its seed locked."""
        return self.use_request(record.request)

    def variations(self, record: GenerationRecord, count: int | None = None) -> list[GenerationRequest]:
        """`count` (default: the batch count) requests with the record's settings and new seeds.

        The draft itself is left as it is; raises InvalidRequest when the settings no longer validate.
        """
        other = Draft(self.catalog, rng=self._rng)
        if not other.use_request(record.request):
            message = _("{model} is not a model fluxdesk knows any more.").format(model=record.request.model)
            raise InvalidRequest([FieldError("model", message)])
        for token, source in other.pending_loads():
            if source.kind is SourceKind.LIBRARY:  # sent as the reference: the engine reads it then
                other.finish_load(token, LoadedImage(data=library_ref(source.value)))
        other.reset_seed()
        other.set_batch(self._batch if count is None else count)
        return other.requests()

    def use_recalled(self, recalled: RecalledSettings, name: str) -> str:
        """Settings read back from the file `name`; returns the one status sentence saying what came of it."""
        from fluxdesk.draft.recalled import apply_recalled

        return apply_recalled(self, recalled, name)

    # ---- saving ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe and versioned: sources of the images, never their data."""
        from fluxdesk.draft.persist import draft_to_dict

        return draft_to_dict(self)

    @classmethod
    def from_dict(
        cls,
        catalog: Catalog,
        data: Mapping[str, Any],
        notes: list[str] | None = None,
        *,
        model: str | None = None,
        rng: random.Random | None = None,
    ) -> Draft:
        """A draft saved by `to_dict`; what could not be restored is said in `notes`. Its images wait for
        the front's loader. `model`: the model when the saved one is unknown (or nothing was saved)."""
        from fluxdesk.draft.persist import draft_from_dict

        return draft_from_dict(cls(catalog, model, rng=rng), data, notes)


_UNSET = object()
