"""What each provider accepts, written from the providers' public specifications (not from api/catalog.py).

The simulator validates every submit against this table, so a mistake in the client's catalogue shows
up as the provider's refusal in a socket test instead of agreeing with the client by construction.

Sources, in our own words:

- BFL's OpenAPI document (api.bfl.ai/openapi.json, as embedded in BFL's per-endpoint reference pages):
  the request schemas FluxPro11Inputs, FluxUltraInput, FluxDevInputs, FluxKontextProInputs,
  FluxProFillInputs, FluxProExpandInputs, CannyInputs, DepthInputs, Flux2FlexInputs, Flux2Inputs and
  Flux2KleinInputs; AsyncResponse / AsyncWebhookResponse; HTTPValidationError. Every schema takes
  ``webhook_url`` (a URI of 1..2083 characters) and ``webhook_secret``. The newer document's shared
  OutputFormat enum holds jpeg, png and webp, so BFL takes webp on every model here.
- FLUX.2 [pro]/[max] take ``disable_pup`` (prompt upsampling is on unless disabled); [flex] takes
  ``prompt_upsampling`` (default on) with steps and guidance; [klein] has neither and at most four
  reference images. Width and height are optional, at least 64; left out, the output follows the first
  input image; sizes are snapped down to multiples of 16 and larger than 4 MP is scaled down.
- BFL's official Python client (the ``blackforest`` package) mirrors the FLUX.1 schemas, including the
  rule that FLUX.1 text-to-image needs a prompt or an image prompt, and the legacy [pro], Canny and
  Depth endpoints that the current document no longer lists.
- CometAPI's Flux reference (apidoc.cometapi.com, "Flux Generate Image") relays the same endpoints
  under ``/flux/v1/{model}`` and documents output_format ``jpeg`` and ``png`` only; it documents no
  FLUX.2 [klein] endpoint, so the simulator offers klein on BFL only.

Where the sources leave a point open, the table takes the stricter reading when the stricter form has
an always-valid alternative for the client (e.g. an explicit FLUX.2 width of 0 is refused as the schema's
minimum says; leaving it out is always accepted). Fields a model does not take are refused with
pydantic's "Extra inputs are not permitted" (``SimConfig.unknown_fields="reject"``) although the real
API most likely ignores them on most endpoints; ``"ignore"`` gives that behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

BFL = "bfl"
COMETAPI = "cometapi"
BOTH = frozenset({BFL, COMETAPI})
BFL_ONLY = frozenset({BFL})

# field kinds
STR, INT, FLOAT, BOOL, ENUM, IMAGE, RATIO, URI = (
    "str",
    "int",
    "float",
    "bool",
    "enum",
    "image",
    "ratio",
    "uri",
)

# families: how a model sizes and renders its output
T2I, ULTRA, KONTEXT, FILL, EXPAND, CONTROL, FLUX2 = (
    "t2i",
    "ultra",
    "kontext",
    "fill",
    "expand",
    "control",
    "flux2",
)

FORMATS_BFL = ("jpeg", "png", "webp")
FORMATS_COMET = ("jpeg", "png")
WEBHOOK_URL_MAX = 2083
ACCOUNT_ACTIVE_TASKS = 24


@dataclass(frozen=True)
class FieldSpec:
    """One accepted body field. `default` is the provider's own default (None: no default)."""

    name: str
    kind: str
    default: Any = None
    required: bool = False
    nullable: bool = True  # JSON null accepted (then the default applies)
    ge: float | None = None
    le: float | None = None
    multiple_of: int | None = None
    choices: tuple[str, ...] = ()
    max_length: int | None = None


@dataclass(frozen=True)
class Endpoint:
    """One model's submit endpoint."""

    id: str
    family: str
    fields: tuple[FieldSpec, ...]
    providers: frozenset[str] = BOTH
    max_active: int = ACCOUNT_ACTIVE_TASKS
    prompt_or_image: bool = False  # FLUX.1 text-to-image: a prompt or an image_prompt must be given
    upsampling: str = "prompt_upsampling"  # the field that turns prompt rewriting on ("" none; "disable_pup")
    _by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def image_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.kind == IMAGE)

    @property
    def reference_fields(self) -> tuple[str, ...]:
        """The input_image slots in order (Kontext, FLUX.2)."""
        return tuple(n for n in self.image_fields if n.startswith("input_image"))

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields if f.default is not None}


# ---- building blocks ------------------------------------------------------------------------------


def _prompt(required: bool = False) -> FieldSpec:
    return FieldSpec(
        "prompt", STR, default=None if required else "", required=required, nullable=not required
    )


def _common(safety_max: int = 6, fmt: str = "jpeg", upsampling: bool | None = False) -> tuple[FieldSpec, ...]:
    out = [
        FieldSpec("seed", INT),
        FieldSpec("safety_tolerance", INT, default=2, nullable=False, ge=0, le=safety_max),
        FieldSpec("output_format", ENUM, default=fmt, choices=FORMATS_BFL),
        FieldSpec("webhook_url", URI, max_length=WEBHOOK_URL_MAX),
        FieldSpec("webhook_secret", STR),
    ]
    if upsampling is not None:
        out.append(FieldSpec("prompt_upsampling", BOOL, default=upsampling))
    return tuple(out)


def _size32() -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("width", INT, default=1024, nullable=False, ge=256, le=1440, multiple_of=32),
        FieldSpec("height", INT, default=768, nullable=False, ge=256, le=1440, multiple_of=32),
    )


def _size_flux2() -> tuple[FieldSpec, ...]:
    return (FieldSpec("width", INT, ge=64), FieldSpec("height", INT, ge=64))


def _steps(lo: int, hi: int, default: int) -> FieldSpec:
    return FieldSpec("steps", INT, default=default, ge=lo, le=hi)


def _guidance(lo: float, hi: float, default: float) -> FieldSpec:
    return FieldSpec("guidance", FLOAT, default=default, ge=lo, le=hi)


def _refs(count: int) -> tuple[FieldSpec, ...]:
    return tuple(
        FieldSpec("input_image" if i == 1 else f"input_image_{i}", IMAGE) for i in range(1, count + 1)
    )


def _sides() -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(s, INT, default=0, ge=0, le=2048) for s in ("top", "bottom", "left", "right"))


def _endpoints() -> list[Endpoint]:
    image_prompt = FieldSpec("image_prompt", IMAGE)
    kontext = (
        _prompt(required=True),
        *_refs(4),
        FieldSpec("aspect_ratio", RATIO),
        *_common(fmt="png"),
    )
    control = (FieldSpec("control_image", IMAGE), FieldSpec("preprocessed_image", IMAGE))
    flux2 = (_prompt(required=True), *_size_flux2(), *_refs(8))
    return [
        Endpoint(
            "flux-pro-1.1", T2I, (_prompt(), image_prompt, *_size32(), *_common()), prompt_or_image=True
        ),
        Endpoint(
            "flux-pro-1.1-ultra",
            ULTRA,
            (
                _prompt(),
                image_prompt,
                FieldSpec("aspect_ratio", RATIO, default="16:9", nullable=False),
                FieldSpec("raw", BOOL, default=False, nullable=False),
                FieldSpec("image_prompt_strength", FLOAT, default=0.1, nullable=False, ge=0, le=1),
                *_common(),
            ),
            prompt_or_image=True,
        ),
        Endpoint(
            "flux-dev",
            T2I,
            (_prompt(), image_prompt, *_size32(), _steps(1, 50, 28), _guidance(1.5, 5.0, 3.0), *_common()),
            prompt_or_image=True,
        ),
        Endpoint(
            "flux-pro",
            T2I,
            (
                _prompt(),
                image_prompt,
                *_size32(),
                _steps(1, 50, 40),
                _guidance(1.5, 5.0, 2.5),
                FieldSpec("interval", FLOAT, default=2.0, ge=1.0, le=4.0),
                *_common(),
            ),
            prompt_or_image=True,
        ),
        Endpoint("flux-kontext-pro", KONTEXT, kontext),
        Endpoint("flux-kontext-max", KONTEXT, kontext, max_active=6),
        Endpoint(
            "flux-pro-1.0-fill",
            FILL,
            (
                FieldSpec("image", IMAGE, required=True, nullable=False),
                FieldSpec("mask", IMAGE),
                _prompt(),
                _steps(15, 50, 50),
                _guidance(1.5, 100, 60),
                *_common(),
            ),
        ),
        Endpoint(
            "flux-pro-1.0-expand",
            EXPAND,
            (
                FieldSpec("image", IMAGE, required=True, nullable=False),
                *_sides(),
                _prompt(),
                _steps(15, 50, 50),
                _guidance(1.5, 100, 60),
                *_common(),
            ),
        ),
        Endpoint(
            "flux-pro-1.0-canny",
            CONTROL,
            (
                _prompt(required=True),
                *control,
                FieldSpec("canny_low_threshold", INT, default=50, ge=0, le=500),
                FieldSpec("canny_high_threshold", INT, default=200, ge=0, le=500),
                _steps(15, 50, 50),
                _guidance(1, 100, 30),
                *_common(),
            ),
        ),
        Endpoint(
            "flux-pro-1.0-depth",
            CONTROL,
            (_prompt(required=True), *control, _steps(15, 50, 50), _guidance(1, 100, 30), *_common()),
        ),
        Endpoint(
            "flux-2-pro",
            FLUX2,
            (*flux2, FieldSpec("disable_pup", BOOL, default=False), *_common(5, upsampling=None)),
            upsampling="disable_pup",
        ),
        Endpoint(
            "flux-2-max",
            FLUX2,
            (*flux2, FieldSpec("disable_pup", BOOL, default=False), *_common(5, upsampling=None)),
            upsampling="disable_pup",
        ),
        Endpoint(
            "flux-2-flex",
            FLUX2,
            (*flux2, _steps(1, 50, 50), _guidance(1.5, 10, 5.0), *_common(5, upsampling=True)),
        ),
        Endpoint(
            "flux-2-klein-4b",
            FLUX2,
            (_prompt(required=True), *_size_flux2(), *_refs(4), *_common(5, upsampling=None)),
            providers=BFL_ONLY,
            upsampling="",
        ),
        Endpoint(
            "flux-2-klein-9b",
            FLUX2,
            (_prompt(required=True), *_size_flux2(), *_refs(4), *_common(5, upsampling=None)),
            providers=BFL_ONLY,
            upsampling="",
        ),
    ]


class ProviderSpec:
    """The endpoints the simulator offers, by id; the same table answers for both providers."""

    def __init__(self, endpoints: Iterable[Endpoint] | None = None) -> None:
        self._by_id = {e.id: e for e in (endpoints if endpoints is not None else _endpoints())}

    def __iter__(self) -> Iterator[Endpoint]:
        return iter(self._by_id.values())

    def __contains__(self, model: object) -> bool:
        return model in self._by_id

    def get(self, model: str, provider: str) -> Endpoint | None:
        """The endpoint when `provider` offers `model`, else None (a 404)."""
        endpoint = self._by_id.get(model)
        return endpoint if endpoint is not None and provider in endpoint.providers else None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def offered(self, provider: str) -> tuple[str, ...]:
        return tuple(e.id for e in self if provider in e.providers)


def formats_for(provider: str) -> tuple[str, ...]:
    return FORMATS_COMET if provider == COMETAPI else FORMATS_BFL


def output_format(endpoint: Endpoint, params: Mapping[str, Any]) -> str:
    value = params.get("output_format")
    return str(value) if value else str(endpoint.defaults().get("output_format", "jpeg"))
