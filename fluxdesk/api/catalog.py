"""The Flux model catalogue: every model and every parameter it takes, as data.

The parameter panel, request validation, the CLI flags and the simulator's checks are all driven by
this table; adding a model is adding an entry. The facts and their sources are in docs/providers.md;
the types (`ParamSpec`, `ModelSpec`, `Catalog`) are in `spec.py` and re-exported here.
"""

from __future__ import annotations

from fluxdesk.api.spec import (
    ALL_PROVIDERS,
    BFL,
    COMETAPI,
    GROUP_ORDER,
    Catalog,
    Group,
    Kind,
    ModelSpec,
    ParamSpec,
    UnknownModel,
    parse_aspect_ratio,
)
from fluxdesk.i18n import N_

__all__ = [
    "ALL_PROVIDERS",
    "ASPECT_PRESETS",
    "BFL",
    "COMETAPI",
    "GROUP_ORDER",
    "SEED_MAX",
    "UNRECORDED_PARAMS",
    "Catalog",
    "Group",
    "Kind",
    "ModelSpec",
    "ParamSpec",
    "UnknownModel",
    "default_catalog",
    "parse_aspect_ratio",
]

# ---- the building blocks -------------------------------------------------------------------------

SEED_MAX = 2**32 - 1
ASPECT_WIDEST = (21, 9)
ASPECT_TALLEST = (9, 21)
ASPECT_PRESETS = ("21:9", "16:9", "3:2", "4:3", "1:1", "3:4", "2:3", "9:16", "9:21")
#: BFL's specification bounds a webhook address at 2083 characters
WEBHOOK_URL_MAX = 2083


def _prompt(required: bool = True, unless: str | None = None) -> ParamSpec:
    # each help whole, so a translator sees it whole (the catalogue's words are data: N_)
    hint = N_("What the image should show.")
    if unless:
        hint = N_("What the image should show. May stay empty when an image prompt is given.")
    return ParamSpec(
        "prompt", Kind.TEXT, N_("Prompt"), required=required, required_unless=unless, help=hint
    )


def _seed(zero_random: bool = False) -> ParamSpec:
    hint = N_("Same prompt, seed and settings give the same image. Left open, a random seed is chosen.")
    if zero_random:
        hint = N_("Same prompt, seed and settings give the same image. Left open, a random seed is chosen. "
                  "0 asks the provider for a random one.")
    return ParamSpec(
        "seed",
        Kind.INT,
        N_("Seed"),
        minimum=0,
        maximum=SEED_MAX,
        step=1,
        group=Group.SEED,
        zero_means_random=zero_random,
        help=hint,
    )


_SAFETY_HELP = {
    5: N_("0 is the strictest moderation, 5 the most permissive."),
    6: N_("0 is the strictest moderation, 6 the most permissive."),
}
#: the labels of sizes and sides, by parameter name
_SIDE_LABELS = {
    "width": N_("Width"), "height": N_("Height"),
    "top": N_("Top"), "bottom": N_("Bottom"), "left": N_("Left"), "right": N_("Right"),
}
_SIDE_HELP = {
    "top": N_("Pixels to add at the top."), "bottom": N_("Pixels to add at the bottom."),
    "left": N_("Pixels to add at the left."), "right": N_("Pixels to add at the right."),
}
#: input_image, input_image_2 ... input_image_8
_REFERENCE_LABELS = (
    N_("Reference image"), N_("Reference 2"), N_("Reference 3"), N_("Reference 4"),
    N_("Reference 5"), N_("Reference 6"), N_("Reference 7"), N_("Reference 8"),
)


def _safety(maximum: int = 6) -> ParamSpec:
    return ParamSpec(
        "safety_tolerance",
        Kind.INT,
        N_("Safety tolerance"),
        default=2,
        minimum=0,
        maximum=maximum,
        step=1,
        cli="--safety",
        group=Group.OUTPUT,
        help=_SAFETY_HELP[maximum],
    )


def _format(default: str = "jpeg", webp: bool = False) -> ParamSpec:
    """BFL's specification offers webp for FLUX.2; CometAPI documents jpeg and png only."""
    choices = ("jpeg", "png", "webp") if webp else ("jpeg", "png")
    return ParamSpec(
        "output_format",
        Kind.CHOICE,
        N_("Format"),
        default=default,
        choices=choices,
        cli="--format",
        group=Group.OUTPUT,
        help=N_("File format of the delivered image."),
        per_provider={COMETAPI: {"choices": ("jpeg", "png")}} if webp else {},
    )


def _upsampling(default: bool = False) -> ParamSpec:
    return ParamSpec(
        "prompt_upsampling",
        Kind.BOOL,
        N_("Prompt upsampling"),
        default=default,
        cli="--upsample",
        group=Group.OUTPUT,
        help=N_("Let the model expand the prompt for more detail (less literal)."),
    )


def _side(
    name: str, default: int, lo: int, hi: int, multiple: int, hint: str, matches: str | None = None
) -> ParamSpec:
    return ParamSpec(
        name, Kind.INT, _SIDE_LABELS[name], default=default, minimum=lo, maximum=hi, step=multiple,
        multiple_of=multiple, group=Group.SIZE, help=hint, matches_input=matches,
    )


def _size_32() -> tuple[ParamSpec, ParamSpec]:
    hint = N_("256 to 1440 px, a multiple of 32.")
    return _side("width", 1024, 256, 1440, 32, hint), _side("height", 768, 256, 1440, 32, hint)


def _size_flux2() -> tuple[ParamSpec, ParamSpec]:
    # an edit left at "open" keeps the first input image's size; text-to-image uses the default
    hint = N_("A multiple of 16, up to 4 MP in all; leave open to match the input image.")
    return (
        _side("width", 1024, 64, 4096, 16, hint, matches="input_image"),
        _side("height", 1024, 64, 4096, 16, hint, matches="input_image"),
    )


def _aspect(default: str | None) -> ParamSpec:
    return ParamSpec(
        "aspect_ratio",
        Kind.ASPECT_RATIO,
        N_("Aspect ratio"),
        default=default,
        choices=ASPECT_PRESETS,
        widest=ASPECT_WIDEST,
        tallest=ASPECT_TALLEST,
        group=Group.SIZE,
        help=N_("Width:height, between 21:9 and 9:21."),
    )


def _steps(lo: int, hi: int, default: int) -> ParamSpec:
    return ParamSpec(
        "steps",
        Kind.INT,
        N_("Steps"),
        default=default,
        minimum=lo,
        maximum=hi,
        step=1,
        help=N_("More steps: more detail, slower."),
    )


def _guidance(lo: float, hi: float, default: float, step: float = 0.1) -> ParamSpec:
    return ParamSpec(
        "guidance",
        Kind.FLOAT,
        N_("Guidance"),
        default=default,
        minimum=lo,
        maximum=hi,
        step=step,
        help=N_("How closely the image follows the prompt."),
    )


def _image(name: str, label: str, required: bool = False, help: str = "") -> ParamSpec:
    return ParamSpec(name, Kind.IMAGE, label, required=required, group=Group.REFERENCE, help=help)


def _image_prompt() -> ParamSpec:
    return _image("image_prompt", N_("Image prompt"),
    help=N_("A reference image that steers the composition."))


def _references(count: int, hint: str, later: str = "") -> tuple[ParamSpec, ...]:
    """input_image, input_image_2 ... input_image_<count>."""
    return tuple(
        _image(
            "input_image" if i == 1 else f"input_image_{i}",
            _REFERENCE_LABELS[i - 1],
            help=hint if i == 1 else (later or hint),
        )
        for i in range(1, count + 1)
    )


def _webhooks() -> tuple[ParamSpec, ParamSpec]:
    """Every model takes a webhook. Off by default; fluxdesk polls anyway, so the image is saved anyway."""
    url = ParamSpec(
        "webhook_url",
        Kind.URL,
        N_("Webhook URL"),
        max_length=WEBHOOK_URL_MAX,
        group=Group.ADVANCED,
        recorded=False,
        help=N_(
            "An https address the provider calls when the task ends (fluxdesk still polls for the image)."
        ),
    )
    secret = ParamSpec(
        "webhook_secret",
        Kind.TEXT,
        N_("Webhook secret"),
        requires="webhook_url",
        group=Group.ADVANCED,
        recorded=False,
        help=N_("Sent back with the webhook call, so your server can tell it came from the provider."),
    )
    return url, secret


#: sent with a submit but never written to the library, image metadata or exports
UNRECORDED_PARAMS = frozenset(p.name for p in _webhooks() if not p.recorded)


def _common_tail(
    safety_max: int = 6,
    fmt: str = "jpeg",
    upsampling: bool | None = False,
    webp: bool = False,
    zero_random_seed: bool = False,
) -> tuple[ParamSpec, ...]:
    """Seed, safety, format and (unless None) prompt upsampling: the end of every model's panel."""
    tail = (_seed(zero_random_seed), _safety(safety_max), _format(fmt, webp))
    return tail if upsampling is None else (*tail, _upsampling(upsampling))


def _model(
    id: str,
    label: str,
    description: str,
    params: tuple[ParamSpec, ...],
    *,
    max_active_tasks: int = 24,
    max_megapixels: float | None = None,
    max_input_megapixels: float | None = None,
    legacy: bool = False,
    edits_image: bool = False,
    providers: frozenset[str] = ALL_PROVIDERS,
) -> ModelSpec:
    return ModelSpec(
        id, label, description, params, providers=providers, max_active_tasks=max_active_tasks,
        max_megapixels=max_megapixels, max_input_megapixels=max_input_megapixels,
        legacy=legacy, edits_image=edits_image, advanced=_webhooks(),
    )


def _flux1_text_models() -> list[ModelSpec]:
    pro11 = _model(
        "flux-pro-1.1",
        "FLUX1.1 [pro]",
        N_("Fast, high quality text-to-image; the everyday default."),
        (_prompt(unless="image_prompt"), *_size_32(), _image_prompt(), *_common_tail()),
    )
    ultra = _model(
        "flux-pro-1.1-ultra",
        "FLUX1.1 [pro] Ultra",
        N_("Up to 4 MP images at any aspect ratio; raw mode for realism."),
        (
            _prompt(unless="image_prompt"),
            _aspect("16:9"),
            ParamSpec(
                "raw", Kind.BOOL, N_("Raw"), default=False,
                help=N_("Less processed, more natural-looking images.")
            ),
            _image_prompt(),
            ParamSpec(
                "image_prompt_strength",
                Kind.FLOAT,
                N_("Image prompt strength"),
                default=0.1,
                minimum=0.0,
                maximum=1.0,
                step=0.05,
                group=Group.REFERENCE,
                requires="image_prompt",
                help=N_("How much the image prompt weighs (only with an image prompt)."),
            ),
            *_common_tail(),
        ),
    )
    dev = _model(
        "flux-dev",
        "FLUX.1 [dev]",
        N_("Open-weights model with steps and guidance to tune; cheapest."),
        (
            _prompt(unless="image_prompt"),
            *_size_32(),
            _steps(1, 50, 28),
            _guidance(1.5, 5.0, 3.0),
            _image_prompt(),
            *_common_tail(),
        ),
    )
    return [pro11, ultra, dev]


def _kontext_models() -> list[ModelSpec]:
    params = (
        _prompt(),
        _aspect(None),
        *_references(
            4,
            N_("The image to edit; leave empty to make a new one."),
            N_("A further reference (experimental multi-reference)."),
        ),
        *_common_tail(fmt="png", zero_random_seed=True),
    )
    pro = _model(
        "flux-kontext-pro",
        "FLUX.1 Kontext [pro]",
        N_("Edit an image with words, or make one; keeps characters."),
        params,
    )
    max_ = _model(
        "flux-kontext-max",
        "FLUX.1 Kontext [max]",
        N_("Kontext with the best prompt following and typography."),
        params,
        max_active_tasks=6,
    )
    return [pro, max_]


#: FLUX.2's input images, in all: BFL's help centre gives its API 9 MP (docs/providers.md)
FLUX2_INPUT_MEGAPIXELS = 9.0


def _flux2_models() -> list[ModelSpec]:
    hint = N_("An image to edit or to take a subject, style or product from.")
    # FLUX.2 [pro], [max] and [klein] take no prompt_upsampling in BFL's specification; [flex] does
    tail = _common_tail(safety_max=5, upsampling=None, webp=True)
    pro = _model(
        "flux-2-pro",
        "FLUX.2 [pro]",
        N_("FLUX.2 quality with up to 8 reference images; fast."),
        (_prompt(), *_size_flux2(), *_references(8, hint), *tail),
        max_megapixels=4.0,
        max_input_megapixels=FLUX2_INPUT_MEGAPIXELS,
    )
    max_ = _model(
        "flux-2-max",
        "FLUX.2 [max]",
        N_("The strongest FLUX.2 model, with up to 8 reference images."),
        (_prompt(), *_size_flux2(), *_references(8, hint), *tail),
        max_megapixels=4.0,
        max_input_megapixels=FLUX2_INPUT_MEGAPIXELS,
    )
    flex = _model(
        "flux-2-flex",
        "FLUX.2 [flex]",
        N_("FLUX.2 with steps and guidance to tune; strong typography."),
        (
            _prompt(),
            *_size_flux2(),
            _steps(1, 50, 50),
            _guidance(1.5, 10.0, 5.0),
            *_references(8, hint),
            *_common_tail(safety_max=5, upsampling=True, webp=True),
        ),
        max_megapixels=4.0,
        max_input_megapixels=FLUX2_INPUT_MEGAPIXELS,
    )
    klein = [
        _model(
            f"flux-2-klein-{size}",
            f"FLUX.2 [klein] {size.upper()}",
            blurb,
            (_prompt(), *_size_flux2(), *_references(4, hint), *tail),
            max_megapixels=4.0,
            max_input_megapixels=FLUX2_INPUT_MEGAPIXELS,
            # CometAPI's Flux documentation lists no klein endpoint (docs/providers.md)
            providers=frozenset({BFL}),
        )
        for size, blurb in (
            ("4b", N_("The cheapest, fastest FLUX.2. Up to 4 reference images.")),
            ("9b", N_("Fast, low-cost FLUX.2 with more quality than 4B. Up to 4 reference images.")),
        )
    ]
    return [pro, max_, flex, *klein]


def _tool_models() -> list[ModelSpec]:
    fill = _model(
        "flux-pro-1.0-fill",
        "FLUX.1 Fill [pro]",
        N_("Inpainting: repaint the masked part of an image."),
        (
            _prompt(required=False),
            _image("image", N_("Image"), required=True, help=N_("The image to repaint.")),
            _image("mask", N_("Mask"),
            help=N_("White where the image is repainted; or the image's alpha channel.")),
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
            _SIDE_LABELS[side],
            default=0,
            minimum=0,
            maximum=2048,
            step=8,
            group=Group.SIZE,
            help=_SIDE_HELP[side],

        )
        for side in ("top", "bottom", "left", "right")
    )
    expand = _model(
        "flux-pro-1.0-expand",
        "FLUX.1 Expand [pro]",
        N_("Outpainting: extend an image beyond its borders."),
        (
            _prompt(required=False),
            _image("image", N_("Image"), required=True, help=N_("The image to extend.")),
            *expand_sides,
            _steps(15, 50, 50),
            _guidance(1.5, 100.0, 60.0, step=0.5),
            *_common_tail(),
        ),
        edits_image=True,
    )
    return [fill, expand]


def _legacy_models() -> list[ModelSpec]:
    pro = _model(
        "flux-pro",
        N_("FLUX.1 [pro] (legacy)"),
        N_("The original pro model, with steps, guidance and interval."),
        (
            _prompt(unless="image_prompt"),
            *_size_32(),
            _steps(1, 50, 40),
            _guidance(1.5, 5.0, 2.5),
            ParamSpec(
                "interval",
                Kind.FLOAT,
                N_("Interval"),
                default=2.0,
                minimum=1.0,
                maximum=4.0,
                step=0.1,
                help=N_("Higher: more varied output, less faithful to the prompt."),
            ),
            _image_prompt(),
            *_common_tail(),
        ),
        legacy=True,
    )
    canny = _model(
        "flux-pro-1.0-canny",
        N_("FLUX.1 Canny [pro] (legacy)"),
        N_("Structure from the edges of a control image."),
        (
            _prompt(),
            _image("control_image", N_("Control image"), required=True,
            help=N_("Its edges guide the composition.")),
            ParamSpec(
                "canny_low_threshold", Kind.INT, N_("Canny low"), default=50, minimum=0, maximum=500, step=1
            ),
            ParamSpec(
                "canny_high_threshold", Kind.INT,
                    N_("Canny high"), default=200, minimum=0, maximum=500, step=1
            ),
            _steps(15, 50, 50),
            _guidance(1.0, 100.0, 30.0, step=0.5),
            *_common_tail(),
        ),
        legacy=True,
        edits_image=True,
    )
    depth = _model(
        "flux-pro-1.0-depth",
        N_("FLUX.1 Depth [pro] (legacy)"),
        N_("Structure from the depth of a control image."),
        (
            _prompt(),
            _image(
                "control_image", N_("Control image"), required=True,
                help=N_("Its depth map guides the composition.")
            ),
            _steps(15, 50, 50),
            _guidance(1.0, 100.0, 30.0, step=0.5),
            *_common_tail(),
        ),
        legacy=True,
        edits_image=True,
    )
    return [pro, canny, depth]


def default_catalog() -> Catalog:
    """Every model either provider sells (docs/providers.md). Use `.for_provider(p)` once the provider is
    known; which models a provider sells changes, and its 4xx reply has the last word."""
    return Catalog(
        [*_flux1_text_models(), *_kontext_models(), *_flux2_models(), *_tool_models(), *_legacy_models()]
    )
