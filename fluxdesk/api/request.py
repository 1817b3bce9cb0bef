"""`GenerationRequest`: a prompt and parameters, validated against the catalogue before anything is sent.

`build_request()` is the one way in: it fills the model's defaults, checks every field (one plain
sentence per bad field) and picks a random seed when none is given so that every result has a known
seed. Only the model's own parameters ever go on the wire. The catalogue's rules apply here and only
here: a parameter that means nothing without its partner (`ParamSpec.requires`) is dropped, a FLUX.2
size left open for an edit is not sent (the provider matches the input image), an image prompt may
carry a request without a prompt (`required_unless`). Validate with `catalog.for_provider(p)` to get
that provider's own choices.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from fluxdesk.api.catalog import (
    UNRECORDED_PARAMS,
    Catalog,
    Kind,
    ModelSpec,
    ParamSpec,
    UnknownModel,
    parse_aspect_ratio,
)
from fluxdesk.api.errors import FieldError, InvalidRequest
from fluxdesk.api.providers import is_loopback
from fluxdesk.api.refs import is_library_ref
from fluxdesk.i18n import _

MAX_PROMPT_CHARS = 10_000


@dataclass(frozen=True)
class GenerationRequest:
    """A complete, validated request: `params` holds every parameter the model will be sent, seed included.

    Parameters the catalogue marks as not recorded (the webhook's address and secret) go on the wire
    but are left out of `to_dict()`/`to_json()` (what the library, metadata and exports keep) and repr.
    """

    model: str
    prompt: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __repr__(self) -> str:
        shown = {k: ("<hidden>" if k in UNRECORDED_PARAMS else v) for k, v in self.params.items()}
        return f"GenerationRequest(model={self.model!r}, prompt={self.prompt!r}, params={shown!r})"

    @property
    def seed(self) -> int | None:
        seed = self.params.get("seed")
        return int(seed) if seed is not None else None

    @property
    def size(self) -> tuple[int, int] | None:
        """The requested pixel size, when the model takes width and height and they are sent."""
        w, h = self.params.get("width"), self.params.get("height")
        return (int(w), int(h)) if w and h else None

    @property
    def output_format(self) -> str:
        return str(self.params.get("output_format") or "jpeg")

    def payload(self) -> dict[str, Any]:
        """The JSON body of the submit: the prompt and the model's own parameters, nothing else."""
        body: dict[str, Any] = {"prompt": self.prompt} if self.prompt else {}
        body.update({k: v for k, v in self.params.items() if v is not None})
        return body

    def replace(self, **params: Any) -> GenerationRequest:
        """A copy with some parameters changed (not re-validated: use `build_request` for user input)."""
        merged = dict(self.params)
        merged.update(params)
        return GenerationRequest(self.model, self.prompt, merged)

    def to_dict(self) -> dict[str, Any]:
        """What may be recorded: every parameter except the unrecorded ones (webhooks)."""
        kept = {k: v for k, v in self.params.items() if k not in UNRECORDED_PARAMS}
        return {"model": self.model, "prompt": self.prompt, "params": kept}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GenerationRequest:
        return cls(str(data["model"]), str(data.get("prompt") or ""), dict(data.get("params") or {}))

    @classmethod
    def from_json(cls, text: str) -> GenerationRequest:
        return cls.from_dict(json.loads(text))


def build_request(
    catalog: Catalog,
    model: str,
    prompt: str,
    params: Mapping[str, Any] | None = None,
    *,
    rng: random.Random | None = None,
) -> GenerationRequest:
    """Validate user input against the catalogue and return a complete request.

    `params` may hold None for "not set" (the default is used, or nothing is sent); a missing seed is
    replaced by a random one. Raises `InvalidRequest` with one `FieldError` per bad field.
    """
    errors: list[FieldError] = []
    try:
        spec = catalog.get(model)
    except UnknownModel as exc:
        raise InvalidRequest([FieldError("model", str(exc))]) from None
    given = {k: v for k, v in (params or {}).items() if k != "prompt" and v is not None}
    for name in sorted(given):
        if not spec.takes(name):
            errors.append(FieldError(name, _("{model} does not take '{name}'.").format(
                model=spec.id, name=name)))
    given = {k: v for k, v in given.items() if spec.takes(k)}
    # a FLUX.2 size of 0 is the API's own way of saying "match the input image": the same as open
    for p in spec.all_specs:
        if p.matches_input and _is_zero(given.get(p.name)):
            if given.get(p.matches_input) is None:
                errors.append(
                    FieldError(p.name, _("{label} 0 matches the input image, but no input image is given.")
                               .format(label=_(p.label)))
                )
            given.pop(p.name)
    values = spec.defaults(given)
    values.update(given)
    errors.extend(check_prompt(spec, prompt, values))
    clean: dict[str, Any] = {}
    for p in spec.all_specs:
        if p.name == "prompt":
            continue
        value = values.get(p.name)
        if value is None:
            if p.required:
                errors.append(FieldError(p.name, _("{label} is required for {model}.").format(
                    label=_(p.label), model=spec.id)))
            continue
        try:
            clean[p.name] = coerce_value(p, value)
        except ValueError as exc:
            errors.append(FieldError(p.name, str(exc)))
    if spec.has_free_size and (values.get("width") is None) != (values.get("height") is None):
        # only an edit leaves a side open; half a size is neither the user's size nor the image's
        open_side = "width" if values.get("width") is None else "height"
        errors.append(
            FieldError(open_side,
                _("Give both width and height, or leave both open to match the input image."))
        )
    for p in spec.all_specs:
        # means nothing without its partner: neither sent nor kept (ultra's image_prompt_strength)
        if p.requires and p.name in clean and clean.get(p.requires) is None:
            del clean[p.name]
    errors.extend(_check_whole(spec, clean))
    if errors:
        raise InvalidRequest(errors)
    if clean.get("seed") is None and spec.takes("seed"):
        seed = spec.param("seed")
        # where 0 means "provider's choice", a seed picked to be known must not be 0
        lowest = 1 if seed.zero_means_random else 0
        clean["seed"] = (rng or random.SystemRandom()).randint(lowest, int(seed.maximum or 2**31 - 1))
    return GenerationRequest(spec.id, prompt.strip(), clean)


def _is_zero(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    try:
        return float(str(value).strip()) == 0
    except ValueError:
        return False


def check_fields(catalog: Catalog, model: str, prompt: str, params: Mapping[str, Any]) -> list[FieldError]:
    """Field errors for live, inline marking in an editor; never raises."""
    try:
        build_request(catalog, model, prompt, params, rng=random.Random(0))
    except InvalidRequest as exc:
        return exc.errors
    return []


def check_prompt(spec: ModelSpec, prompt: str, params: Mapping[str, Any] | None = None) -> list[FieldError]:
    """The prompt's own errors. A prompt `required_unless` another parameter may stay empty when that
    parameter is given in `params` (an image prompt carries the request)."""
    text = prompt.strip()
    if not text and spec.takes("prompt"):
        p = spec.param("prompt")
        carried = p.required_unless is not None and (params or {}).get(p.required_unless) is not None
        if p.required and not carried:
            if p.required_unless and spec.takes(p.required_unless):
                other = _(spec.param(p.required_unless).label).lower()
                return [FieldError("prompt", _("Write a prompt first, or give an {other}.").format(
                    other=other))]
            return [FieldError("prompt", _("Write a prompt first."))]
    if len(text) > MAX_PROMPT_CHARS:
        return [
            FieldError(
                "prompt", _("The prompt is too long ({n} characters; at most {most}).").format(
                    n=len(text), most=MAX_PROMPT_CHARS)
            )
        ]
    return []


def coerce_value(p: ParamSpec, value: Any) -> Any:
    """Turn user input (CLI strings, spin-box numbers) into the typed value, or raise ValueError(sentence)."""
    if p.kind is Kind.BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ValueError(_("{label} must be on or off, not '{value}'.").format(label=_(p.label), value=value))
    if p.kind is Kind.INT:
        number = _number(p, value)
        if not float(number).is_integer():
            raise ValueError(_("{label} must be a whole number, not {value}.").format(
                label=_(p.label), value=value))
        number = int(number)
        _check_range(p, number)
        if p.multiple_of and number % p.multiple_of:
            lo = number - number % p.multiple_of
            hint = _("try {lower} or {higher}").format(lower=lo, higher=lo + p.multiple_of)
            raise ValueError(_("{label} must be a multiple of {multiple_of} ({hint}), not {number}.").format(
                label=_(p.label), multiple_of=p.multiple_of, hint=hint, number=number))
        return number
    if p.kind is Kind.FLOAT:
        number = float(_number(p, value))
        _check_range(p, number)
        return number
    if p.kind is Kind.CHOICE:
        text = str(value).strip().lower()
        if text == "jpg" and "jpeg" in p.choices:
            text = "jpeg"
        if text not in p.choices:
            raise ValueError(_("{label} must be one of {choices}, not '{value}'.").format(
                label=_(p.label), choices=", ".join(p.choices), value=value))
        return text
    if p.kind is Kind.ASPECT_RATIO:
        text = str(value).strip()
        ratio = parse_aspect_ratio(text)
        if ratio is None:
            raise ValueError(_("{label} must look like 16:9, not '{value}'.").format(
                label=_(p.label), value=value))
        w, h = ratio
        if p.widest and w / h > p.widest[0] / p.widest[1] + 1e-9:
            raise ValueError(_("{label} {value} is too wide; the widest is {widest}.").format(
                label=_(p.label), value=text, widest=f"{p.widest[0]}:{p.widest[1]}"))
        if p.tallest and w / h < p.tallest[0] / p.tallest[1] - 1e-9:
            raise ValueError(_("{label} {value} is too tall; the tallest is {tallest}.").format(
                label=_(p.label), value=text, tallest=f"{p.tallest[0]}:{p.tallest[1]}"))
        return f"{w}:{h}"
    if p.kind is Kind.IMAGE:
        return _check_image(p, value)
    if p.kind is Kind.URL:
        return check_callback_url(p, value)
    text = str(value)
    if p.max_length is not None and len(text) > p.max_length:
        raise ValueError(_("{label} is too long ({n} characters; at most {max_length}).").format(
            label=_(p.label), n=len(text), max_length=p.max_length))
    return text


def _number(p: ParamSpec, value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(_("{label} must be a number, not {value}.").format(label=_(p.label), value=value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip())
        except ValueError:
            raise ValueError(_("{label} must be a number, not '{value}'.").format(
                label=_(p.label), value=value)) from None
    if not math.isfinite(number):
        raise ValueError(_("{label} must be a finite number.").format(label=_(p.label)))
    return number


def _fmt(x: float) -> str:
    return f"{x:g}"


def _check_range(p: ParamSpec, number: float) -> None:
    lo, hi = p.minimum, p.maximum
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise ValueError(
            _("{label} must be between {minimum} and {maximum}, not {value}.").format(
                label=_(p.label), minimum=_fmt(lo or 0), maximum=_fmt(hi or 0), value=_fmt(number))
        )


def _check_image(p: ParamSpec, value: Any) -> str:
    text = str(value).strip()
    if text.startswith(("http://", "https://")) or is_library_ref(text):
        return text  # a link is sent as it is; a library image is read by the engine before sending
    data = text.split(",", 1)[1] if text.startswith("data:") and "," in text else text
    if len(data) < 16:
        raise ValueError(_("{label} must be an image (a file, or an http(s) link).").format(label=_(p.label)))
    try:
        base64.b64decode(data[: 4096 - 4096 % 4] or data, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(_("{label} must be an image (a file, or an http(s) link).").format(
            label=_(p.label))) from None
    return data


def check_callback_url(p: ParamSpec, value: Any) -> str:
    """An address the provider will call: https, or http on this computer (the simulator), bounded."""
    text = str(value).strip()
    if p.max_length is not None and len(text) > p.max_length:
        raise ValueError(_("{label} is too long ({n} characters; at most {max_length}).").format(
            label=_(p.label), n=len(text), max_length=p.max_length))
    if any(c.isspace() or ord(c) < 32 for c in text):
        raise ValueError(_("{label} must be a web address without spaces.").format(label=_(p.label)))
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        raise ValueError(_("{label} must be a web address like https://example.com/hook.").format(
            label=_(p.label))) from None
    if parts.scheme not in ("https", "http") or not host:
        raise ValueError(_("{label} must be a web address like https://example.com/hook.").format(label=_(p.label)))
    if parts.scheme == "http" and not is_loopback(host):
        raise ValueError(_("{label} must use https (plain http only for this computer).").format(
            label=_(p.label)))
    return text


EXPAND_SIDES = ("top", "bottom", "left", "right")


def _check_whole(spec: ModelSpec, clean: Mapping[str, Any]) -> list[FieldError]:
    if all(spec.takes(side) for side in EXPAND_SIDES) and not any(clean.get(s) for s in EXPAND_SIDES):
        # the provider refuses an expansion by nothing; say so before anything is paid for
        return [FieldError("top", _("Add at least one side to expand the image by."))]
    w, h = clean.get("width"), clean.get("height")
    # "4 MP" at BFL admits 2048x2048, so a megapixel here is 2**20 pixels
    if isinstance(w, int) and isinstance(h, int) and w * h > (spec.max_megapixels or 1e9) * 1024 * 1024:
        megapixels = f"{w * h / 1e6:.1f} MP"
        return [
            FieldError(
                "width", _("{w}x{h} is {megapixels}; {model} makes at most {max_megapixels:g} MP.").format(
                    w=w, h=h, megapixels=megapixels, model=spec.id, max_megapixels=spec.max_megapixels)
            )
        ]
    return []
