"""The Flux model catalogue: every model and every parameter it takes, as data.

The parameter panel, request validation, the CLI flags and the simulator's checks are all driven by
this table; adding a model is adding an entry. Facts come from shared/flux-api.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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


class Group(StrEnum):
    """Where the window puts a parameter; the order of the panel."""

    SIZE = "size"
    QUALITY = "quality"
    SEED = "seed"
    REFERENCE = "reference"
    OUTPUT = "output"


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

    @property
    def cli_flag(self) -> str:
        return self.cli or "--" + self.name.replace("_", "-")

    @property
    def decimals(self) -> int:
        if self.kind is not Kind.FLOAT or self.step is None:
            return 0
        text = f"{self.step:g}"
        return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class ModelSpec:
    id: str
    label: str
    description: str
    params: tuple[ParamSpec, ...]
    providers: frozenset[str] = ALL_PROVIDERS
    max_active_tasks: int = 24
    max_megapixels: float | None = None  # for models with free width/height
    legacy: bool = False
    edits_image: bool = False  # needs an input image to do its job
    _by_name: dict[str, ParamSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {p.name: p for p in self.params})

    def param(self, name: str) -> ParamSpec:
        return self._by_name[name]

    def takes(self, name: str) -> bool:
        return name in self._by_name

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    @property
    def has_free_size(self) -> bool:
        return self.takes("width") and self.takes("height")

    @property
    def has_aspect_ratio(self) -> bool:
        return self.takes("aspect_ratio")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params if p.name != "prompt" and p.default is not None}


class UnknownModel(KeyError):
    def __init__(self, model: str, known: Iterable[str]) -> None:
        super().__init__(model)
        self.model = model
        self.known = tuple(known)

    def __str__(self) -> str:
        return f"Unknown model '{self.model}'. Known models: {', '.join(self.known)}."


class Catalog:
    """An ordered, immutable set of models. Built by `default_catalog()`; pass it where it is needed."""

    def __init__(self, models: Iterable[ModelSpec]) -> None:
        self._models = {m.id: m for m in models}

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

    def for_provider(self, provider: str) -> list[ModelSpec]:
        return [m for m in self if provider in m.providers]

    def all_params(self) -> dict[str, ParamSpec]:
        """Every parameter name across models (first definition wins): the CLI's flag set."""
        out: dict[str, ParamSpec] = {}
        for m in self:
            for p in m.params:
                out.setdefault(p.name, p)
        return out


# ---- the building blocks -------------------------------------------------------------------------

SEED_MAX = 2**32 - 1
ASPECT_WIDEST = (21, 9)
ASPECT_TALLEST = (9, 21)
ASPECT_PRESETS = ("21:9", "16:9", "3:2", "4:3", "1:1", "3:4", "2:3", "9:16", "9:21")


def _prompt(required: bool = True) -> ParamSpec:
    return ParamSpec("prompt", Kind.TEXT, "Prompt", required=required, help="What the image should show.")


def _seed() -> ParamSpec:
    return ParamSpec(
        "seed",
        Kind.INT,
        "Seed",
        minimum=0,
        maximum=SEED_MAX,
        step=1,
        group=Group.SEED,
        help="Same prompt, seed and settings give the same image. Left open, a random seed is chosen.",
    )


def _safety(maximum: int = 6) -> ParamSpec:
    return ParamSpec(
        "safety_tolerance",
        Kind.INT,
        "Safety tolerance",
        default=2,
        minimum=0,
        maximum=maximum,
        step=1,
        cli="--safety",
        group=Group.OUTPUT,
        help=f"0 is the strictest moderation, {maximum} the most permissive.",
    )


def _format(default: str = "jpeg") -> ParamSpec:
    return ParamSpec(
        "output_format",
        Kind.CHOICE,
        "Format",
        default=default,
        choices=("jpeg", "png"),
        cli="--format",
        group=Group.OUTPUT,
        help="File format of the delivered image.",
    )


def _upsampling(default: bool = False) -> ParamSpec:
    return ParamSpec(
        "prompt_upsampling",
        Kind.BOOL,
        "Prompt upsampling",
        default=default,
        cli="--upsample",
        group=Group.OUTPUT,
        help="Let the model expand the prompt for more detail (less literal).",
    )


def _side(name: str, default: int, lo: int, hi: int, multiple: int, hint: str) -> ParamSpec:
    return ParamSpec(
        name, Kind.INT, name.capitalize(), default=default, minimum=lo, maximum=hi, step=multiple,
        multiple_of=multiple, group=Group.SIZE, help=hint,
    )


def _size_32() -> tuple[ParamSpec, ParamSpec]:
    hint = "256 to 1440 px, a multiple of 32."
    return _side("width", 1024, 256, 1440, 32, hint), _side("height", 768, 256, 1440, 32, hint)


def _size_flux2() -> tuple[ParamSpec, ParamSpec]:
    hint = "A multiple of 16, up to 4 MP in all; leave open to match the input image."
    return _side("width", 1024, 64, 4096, 16, hint), _side("height", 1024, 64, 4096, 16, hint)


def _aspect(default: str | None) -> ParamSpec:
    return ParamSpec(
        "aspect_ratio",
        Kind.ASPECT_RATIO,
        "Aspect ratio",
        default=default,
        choices=ASPECT_PRESETS,
        widest=ASPECT_WIDEST,
        tallest=ASPECT_TALLEST,
        group=Group.SIZE,
        help="Width:height, between 21:9 and 9:21.",
    )


def _steps(lo: int, hi: int, default: int) -> ParamSpec:
    return ParamSpec(
        "steps",
        Kind.INT,
        "Steps",
        default=default,
        minimum=lo,
        maximum=hi,
        step=1,
        help="More steps: more detail, slower.",
    )


def _guidance(lo: float, hi: float, default: float, step: float = 0.1) -> ParamSpec:
    return ParamSpec(
        "guidance",
        Kind.FLOAT,
        "Guidance",
        default=default,
        minimum=lo,
        maximum=hi,
        step=step,
        help="How closely the image follows the prompt.",
    )


def _image(name: str, label: str, required: bool = False, help: str = "") -> ParamSpec:
    return ParamSpec(name, Kind.IMAGE, label, required=required, group=Group.REFERENCE, help=help)


def _image_prompt() -> ParamSpec:
    return _image("image_prompt", "Image prompt", help="A reference image that steers the composition.")


def _common_tail(safety_max: int = 6, fmt: str = "jpeg", upsampling: bool = False) -> tuple[ParamSpec, ...]:
    return (_seed(), _safety(safety_max), _format(fmt), _upsampling(upsampling))


def default_catalog() -> Catalog:
    """The models of shared/flux-api.md. Which a provider sells changes; its 4xx reply has the last word."""
    pro11 = ModelSpec(
        "flux-pro-1.1",
        "FLUX1.1 [pro]",
        "Fast, high quality text-to-image; the everyday default.",
        (_prompt(), *_size_32(), _image_prompt(), *_common_tail()),
    )
    dev = ModelSpec(
        "flux-dev",
        "FLUX.1 [dev]",
        "Open-weights model with steps and guidance to tune; cheapest.",
        (
            _prompt(),
            *_size_32(),
            _steps(1, 50, 28),
            _guidance(1.5, 5.0, 3.0),
            _image_prompt(),
            *_common_tail(),
        ),
    )
    pro = ModelSpec(
        "flux-pro",
        "FLUX.1 [pro] (legacy)",
        "The original pro model, with steps, guidance and interval.",
        (
            _prompt(),
            *_size_32(),
            _steps(1, 50, 40),
            _guidance(1.5, 5.0, 2.5),
            ParamSpec(
                "interval",
                Kind.FLOAT,
                "Interval",
                default=2.0,
                minimum=1.0,
                maximum=4.0,
                step=0.1,
                help="Higher: more varied output, less faithful to the prompt.",
            ),
            _image_prompt(),
            *_common_tail(),
        ),
        legacy=True,
    )
    ultra = ModelSpec(
        "flux-pro-1.1-ultra",
        "FLUX1.1 [pro] Ultra",
        "Up to 4 MP images at any aspect ratio; raw mode for realism.",
        (
            _prompt(),
            _aspect("16:9"),
            ParamSpec(
                "raw", Kind.BOOL, "Raw", default=False, help="Less processed, more natural-looking images."
            ),
            _image_prompt(),
            ParamSpec(
                "image_prompt_strength",
                Kind.FLOAT,
                "Image prompt strength",
                default=0.1,
                minimum=0.0,
                maximum=1.0,
                step=0.05,
                group=Group.REFERENCE,
                help="How much the image prompt weighs.",
            ),
            *_common_tail(),
        ),
    )
    kontext_params = (
        _prompt(),
        _aspect(None),
        _image("input_image", "Input image", help="The image to edit; leave empty to make a new one."),
        *_common_tail(fmt="png"),
    )
    kontext_pro = ModelSpec(
        "flux-kontext-pro",
        "FLUX.1 Kontext [pro]",
        "Edit an image with words, or make one; keeps characters.",
        kontext_params,
    )
    kontext_max = ModelSpec(
        "flux-kontext-max",
        "FLUX.1 Kontext [max]",
        "Kontext with the best prompt following and typography.",
        kontext_params,
        max_active_tasks=6,
    )
    fill = ModelSpec(
        "flux-pro-1.0-fill",
        "FLUX.1 Fill [pro]",
        "Inpainting: repaint the masked part of an image.",
        (
            _prompt(required=False),
            _image("image", "Image", required=True, help="The image to repaint."),
            _image("mask", "Mask", help="White where the image is repainted; or the image's alpha channel."),
            _steps(15, 50, 50),
            _guidance(1.5, 100.0, 60.0, step=0.5),
            *_common_tail(),
        ),
        edits_image=True,
    )
    expand_sides = tuple(
        ParamSpec(
            side,
            Kind.INT,
            side.capitalize(),
            default=0,
            minimum=0,
            maximum=2048,
            step=8,
            group=Group.SIZE,
            help=f"Pixels to add at the {side}.",
        )
        for side in ("top", "bottom", "left", "right")
    )
    expand = ModelSpec(
        "flux-pro-1.0-expand",
        "FLUX.1 Expand [pro]",
        "Outpainting: extend an image beyond its borders.",
        (
            _prompt(required=False),
            _image("image", "Image", required=True, help="The image to extend."),
            *expand_sides,
            _steps(15, 50, 50),
            _guidance(1.5, 100.0, 60.0, step=0.5),
            *_common_tail(),
        ),
        edits_image=True,
    )
    canny = ModelSpec(
        "flux-pro-1.0-canny",
        "FLUX.1 Canny [pro] (legacy)",
        "Structure from the edges of a control image.",
        (
            _prompt(),
            _image("control_image", "Control image", required=True, help="Its edges guide the composition."),
            ParamSpec(
                "canny_low_threshold", Kind.INT, "Canny low", default=50, minimum=0, maximum=500, step=1
            ),
            ParamSpec(
                "canny_high_threshold", Kind.INT, "Canny high", default=200, minimum=0, maximum=500, step=1
            ),
            _steps(15, 50, 50),
            _guidance(1.0, 100.0, 30.0, step=0.5),
            *_common_tail(),
        ),
        legacy=True,
        edits_image=True,
    )
    depth = ModelSpec(
        "flux-pro-1.0-depth",
        "FLUX.1 Depth [pro] (legacy)",
        "Structure from the depth of a control image.",
        (
            _prompt(),
            _image(
                "control_image", "Control image", required=True, help="Its depth map guides the composition."
            ),
            _steps(15, 50, 50),
            _guidance(1.0, 100.0, 30.0, step=0.5),
            *_common_tail(),
        ),
        legacy=True,
        edits_image=True,
    )
    flux2_refs = tuple(
        _image(
            "input_image" if i == 1 else f"input_image_{i}",
            "Reference image" if i == 1 else f"Reference {i}",
            help="An image to edit or to take a subject, style or product from.",
        )
        for i in range(1, 9)
    )
    flux2_pro = ModelSpec(
        "flux-2-pro",
        "FLUX.2 [pro]",
        "FLUX.2 quality with up to 8 reference images; fast.",
        (_prompt(), *_size_flux2(), *flux2_refs, *_common_tail(safety_max=5)),
        max_megapixels=4.0,
    )
    flux2_max = ModelSpec(
        "flux-2-max",
        "FLUX.2 [max]",
        "The strongest FLUX.2 model, with up to 8 reference images.",
        (_prompt(), *_size_flux2(), *flux2_refs, *_common_tail(safety_max=5)),
        max_megapixels=4.0,
    )
    flux2_flex = ModelSpec(
        "flux-2-flex",
        "FLUX.2 [flex]",
        "FLUX.2 with steps and guidance to tune; strong typography.",
        (
            _prompt(),
            *_size_flux2(),
            _steps(1, 50, 50),
            _guidance(1.5, 10.0, 5.0),
            *flux2_refs,
            *_common_tail(safety_max=5, upsampling=True),
        ),
        max_megapixels=4.0,
    )
    return Catalog(
        [
            pro11,
            ultra,
            dev,
            kontext_pro,
            kontext_max,
            flux2_pro,
            flux2_max,
            flux2_flex,
            fill,
            expand,
            pro,
            canny,
            depth,
        ]
    )


def parse_aspect_ratio(text: str) -> tuple[int, int] | None:
    """'16:9' -> (16, 9); None when it is not two positive integers."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    w, h = (int(p) for p in parts)
    if w <= 0 or h <= 0:
        return None
    return w, h
