"""The shapes of the catalogue: what a parameter, a model and a catalogue are, and the views over them.

The data itself (which models exist, with which parameters) is in `catalog.py`; this module holds only
the types and the rules that read them: a provider's view of a model, the defaults that apply to a
given request, and the per-model ranges the CLI's help shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fluxdesk.i18n import _

COMETAPI = "cometapi"
BFL = "bfl"
ALL_PROVIDERS = frozenset({COMETAPI, BFL})


class Kind(StrEnum):
    """How a parameter's value is typed, validated and edited."""

    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    CHOICE = "choice"
    IMAGE = "image"  # base64 or an http(s) URL
    ASPECT_RATIO = "aspect_ratio"  # "W:H"
    URL = "url"  # an http(s) address the provider calls (webhooks)


class Group(StrEnum):
    """Where the window puts a parameter; the order of the panel."""

    SIZE = "size"
    QUALITY = "quality"
    SEED = "seed"
    REFERENCE = "reference"
    OUTPUT = "output"
    ADVANCED = "advanced"  # off by default, shown apart (webhooks)


#: the order of the parameter panel's sections
GROUP_ORDER = (Group.SIZE, Group.QUALITY, Group.SEED, Group.REFERENCE, Group.OUTPUT, Group.ADVANCED)


@dataclass(frozen=True)
class ParamSpec:
    name: str  # the wire name
    kind: Kind
    label: str
    default: Any = None  # None: not sent unless the user sets it
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None  # slider/spin step
    multiple_of: int | None = None  # sizes: the value must be a multiple of this
    choices: tuple[str, ...] = ()
    required: bool = False
    group: Group = Group.QUALITY
    help: str = ""
    cli: str | None = None  # CLI flag; derived from the name when None
    # aspect ratios: the widest and tallest allowed, as (w, h)
    widest: tuple[int, int] | None = None
    tallest: tuple[int, int] | None = None
    #: required, unless this other parameter is given (a prompt, when an image prompt carries the request)
    required_unless: str | None = None
    #: means something only together with this other parameter; without it, it is neither sent nor kept
    requires: str | None = None
    #: while this image parameter is given, leaving the value open (or 0) sends nothing: the provider
    #: matches the image (FLUX.2 sizes); without the image the default applies
    matches_input: str | None = None
    #: 0 asks the provider for a random value (Kontext's seed); the result says which one it used
    zero_means_random: bool = False
    #: False: sent with the submit but never recorded (library, metadata, exports): webhooks
    recorded: bool = True
    max_length: int | None = None  # text and URLs
    #: what differs at one provider: {provider: {field: value}} (e.g. fewer output formats)
    per_provider: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def cli_flag(self) -> str:
        return self.cli or "--" + self.name.replace("_", "-")

    @property
    def decimals(self) -> int:
        if self.kind is not Kind.FLOAT or self.step is None:
            return 0
        text = f"{self.step:g}"
        return len(text.split(".")[1]) if "." in text else 0

    @property
    def advanced(self) -> bool:
        return self.group is Group.ADVANCED

    def for_provider(self, provider: str) -> ParamSpec:
        """This parameter as `provider` takes it (its own choices, range...)."""
        changes = self.per_provider.get(provider)
        if not changes:
            return self
        return dataclasses.replace(self, **dict(changes), per_provider={})

    def describe(self) -> str:
        """The accepted values in a few words, for help texts: '256..1440, a multiple of 32' (in the
        active language: each piece is translated, its punctuation with it)."""
        if self.kind in (Kind.INT, Kind.FLOAT) and self.minimum is not None and self.maximum is not None:
            text = f"{_num(self.minimum)}..{_num(self.maximum)}"
            if self.multiple_of:
                text += _(", a multiple of {n}").format(n=self.multiple_of)
            if self.zero_means_random:
                text += _(", 0 for random")
        elif self.kind is Kind.CHOICE:
            text = ", ".join(self.choices)
        elif self.kind is Kind.ASPECT_RATIO and self.widest and self.tallest:
            text = _("W:H between {widest} and {tallest}").format(
                widest=f"{self.widest[0]}:{self.widest[1]}", tallest=f"{self.tallest[0]}:{self.tallest[1]}")
        elif self.kind is Kind.BOOL:
            text = _("on or off")
        elif self.kind is Kind.IMAGE:
            text = _("an image file or an http(s) link")
        elif self.kind is Kind.URL:
            text = _("an https address")
            if self.max_length:
                text = _("an https address of at most {n} characters").format(n=self.max_length)
        else:
            text = _("text")
        if self.default is not None and self.kind is not Kind.BOOL:
            shown = _num(self.default) if isinstance(self.default, int | float) else self.default
            text += _(", default {value}").format(value=shown)
        elif self.default is True:
            text += _(", default on")
        if self.matches_input:
            text += _("; open to match the input image")
        return text


def _num(x: float) -> str:
    """1024.0 -> '1024', 4294967295 -> '4294967295', 0.1 -> '0.1' (no exponent for whole numbers)."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class ModelSpec:
    id: str
    label: str
    description: str
    params: tuple[ParamSpec, ...]  # what the parameter panel shows, in order
    providers: frozenset[str] = ALL_PROVIDERS
    max_active_tasks: int = 24
    max_megapixels: float | None = None  # for models with free width/height
    #: the input images' pixels the model takes in all, in megapixels of 2**20 (None: no known limit)
    max_input_megapixels: float | None = None
    legacy: bool = False
    edits_image: bool = False  # needs an input image to do its job
    #: taken by the model but off by default and kept apart from the panel (webhooks)
    advanced: tuple[ParamSpec, ...] = ()
    provider: str | None = None  # set on a provider's view (`for_provider`); None: every provider's union
    _by_name: dict[str, ParamSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {p.name: p for p in self.all_specs})

    def param(self, name: str) -> ParamSpec:
        return self._by_name[name]

    def takes(self, name: str) -> bool:
        return name in self._by_name

    @property
    def all_specs(self) -> tuple[ParamSpec, ...]:
        """Every parameter the model takes: the panel's, then the advanced ones."""
        return self.params + self.advanced

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.all_specs)

    @property
    def has_free_size(self) -> bool:
        return self.takes("width") and self.takes("height")

    @property
    def has_aspect_ratio(self) -> bool:
        return self.takes("aspect_ratio")

    @property
    def image_params(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.all_specs if p.kind is Kind.IMAGE)

    @property
    def max_input_images(self) -> int:
        """How many `input_image*` references the model takes (0: none)."""
        return sum(1 for p in self.all_specs if p.name.startswith("input_image"))

    def defaults(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The defaults that apply (prompt excluded). With `given`, the defaults for those values: no
        size when the image a size matches is given, nothing for a parameter whose partner is absent."""
        out: dict[str, Any] = {}
        for p in self.all_specs:
            if p.name == "prompt" or p.default is None:
                continue
            if given is not None:
                if p.matches_input and given.get(p.matches_input) is not None:
                    continue
                if p.requires and given.get(p.requires) is None:
                    continue
            out[p.name] = p.default
        return out

    def for_provider(self, provider: str) -> ModelSpec:
        """This model as `provider` sells it: each parameter with that provider's own choices."""
        return dataclasses.replace(
            self,
            params=tuple(p.for_provider(provider) for p in self.params),
            advanced=tuple(p.for_provider(provider) for p in self.advanced),
            provider=provider,
        )


class UnknownModel(KeyError):
    def __init__(self, model: str, known: Iterable[str]) -> None:
        super().__init__(model)
        self.model = model
        self.known = tuple(known)

    def __str__(self) -> str:
        return _("Unknown model '{model}'. Known models: {known}.").format(
            model=self.model, known=", ".join(self.known))


class Catalog:
    """An ordered, immutable set of models. Built by `default_catalog()`; pass it where it is needed.

    `default_catalog()` is every provider's union; `catalog.for_provider(p)` is what provider `p` sells,
    with its own choices, and is what validation should use once the provider is known.
    """

    def __init__(self, models: Iterable[ModelSpec], *, provider: str | None = None) -> None:
        self._models = {m.id: m for m in models}
        self.provider = provider

    def __iter__(self) -> Iterator[ModelSpec]:
        return iter(self._models.values())

    def __len__(self) -> int:
        return len(self._models)

    def __contains__(self, model: object) -> bool:
        return model in self._models

    def get(self, model: str) -> ModelSpec:
        try:
            return self._models[model]
        except KeyError:
            raise UnknownModel(model, self._models) from None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._models)

    def for_provider(self, provider: str) -> Catalog:
        """The models `provider` sells, each as that provider takes it."""
        if provider not in ALL_PROVIDERS:
            raise ValueError(_("Unknown provider '{provider}'; use cometapi or bfl.").format(
                provider=provider))

        return Catalog((m.for_provider(provider) for m in self if provider in m.providers), provider=provider)

    def all_params(self) -> dict[str, ParamSpec]:
        """Every parameter name across models (first definition wins): the CLI's flag set."""
        out: dict[str, ParamSpec] = {}
        for m in self:
            for p in m.all_specs:
                out.setdefault(p.name, p)
        return out

    def describe_param(self, name: str) -> str:
        """Each model's own range for `name`, grouped: 'a..b, a multiple of 32 (flux-pro-1.1, flux-dev);
        64..4096, a multiple of 16 (flux-2-pro, ...)'. '' when no model takes it."""
        groups: dict[str, list[str]] = {}
        takers = [m for m in self if m.takes(name)]
        for m in takers:
            groups.setdefault(m.param(name).describe(), []).append(m.id)
        if len(groups) == 1 and len(takers) == len(self):
            return _("{values} (all models)").format(values=next(iter(groups)))
        return "; ".join(f"{text} ({', '.join(ids)})" for text, ids in groups.items())


def parse_aspect_ratio(text: str) -> tuple[int, int] | None:
    """'16:9' -> (16, 9); None when it is not two positive integers."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    w, h = (int(p) for p in parts)
    if w <= 0 or h <= 0:
        return None
    return w, h
