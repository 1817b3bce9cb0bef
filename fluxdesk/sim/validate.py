"""Checks a submit body against `fluxdesk.sim.spec` and reports problems as BFL's server does.

BFL's API is a FastAPI application with pydantic v2 models, so a refused body answers 422 with one
entry per problem: ``{"loc": ["body", field], "msg", "type", "input", "ctx"}``, in pydantic's own
wording ("Input should be less than or equal to 1440", "Field required", "Extra inputs are not
permitted"...). Rules that span fields (a prompt or an image prompt, the aspect-ratio range, a mask
the size of its image) run only once every field is valid, as pydantic's model validators do, and
read "Value error, ..." with ``loc: ["body"]``. Values are coerced as pydantic's lax mode does: "1024"
and 1024.0 are an integer, "true" and 1 a boolean.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from fluxdesk.sim.spec import (
    BOOL,
    CONTROL,
    ENUM,
    EXPAND,
    FILL,
    FLOAT,
    IMAGE,
    INT,
    RATIO,
    STR,
    URI,
    Endpoint,
    FieldSpec,
    formats_for,
)

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})
RATIO_WIDEST = 21 / 9
RATIO_TALLEST = 9 / 21
_MISSING = object()


@dataclass(frozen=True)
class Problem:
    """One refused point, as an entry of BFL's 422 `detail` list."""

    loc: tuple[str | int, ...]
    msg: str
    type: str
    input: Any = _MISSING
    ctx: dict[str, Any] | None = None

    @property
    def field(self) -> str:
        names = [str(p) for p in self.loc if isinstance(p, str) and p != "body"]
        return names[-1] if names else ""

    def as_detail(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "loc": list(self.loc), "msg": self.msg}
        if self.input is not _MISSING:
            out["input"] = self.input
        if self.ctx:
            out["ctx"] = self.ctx
        return out


@dataclass(frozen=True)
class ImageInput:
    """An image field as sent: its decoded bytes (None for an http(s) link) and size when known."""

    value: str
    data: bytes | None
    size: tuple[int, int] | None


@dataclass
class Checked:
    """A valid body: every field with the provider's default filled in, and what was set aside."""

    params: dict[str, Any]
    images: dict[str, ImageInput] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    sent: frozenset[str] = frozenset()  # the fields the client set itself


class _Bad(Exception):
    def __init__(self, msg: str, kind: str, ctx: dict[str, Any] | None = None) -> None:
        super().__init__(msg)
        self.msg, self.kind, self.ctx = msg, kind, ctx


def _num(x: float) -> str:
    return f"{x:g}"


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise _Bad("Input should be a valid integer", "int_type")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _Bad(
                "Input should be a valid integer, got a number with a fractional part", "int_from_float"
            )
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise _Bad(
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing"
            ) from None
    raise _Bad("Input should be a valid integer", "int_type")


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Bad("Input should be a valid number", "float_type")
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise _Bad(
            "Input should be a valid number, unable to parse string as a number", "float_parsing"
        ) from None
    if not math.isfinite(number):
        raise _Bad("Input should be a finite number", "finite_number")
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    if isinstance(value, str | int | float):
        raise _Bad("Input should be a valid boolean, unable to interpret input", "bool_parsing")
    raise _Bad("Input should be a valid boolean", "bool_type")


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad("Input should be a valid string", "string_type")
    return value


def _uri(value: Any, max_length: int | None) -> str:
    if not isinstance(value, str):
        raise _Bad("URL input should be a string or URL", "url_type")
    if max_length is not None and len(value) > max_length:
        raise _Bad(
            f"URL should have at most {max_length} characters", "url_too_long", {"max_length": max_length}
        )
    if not value.strip():
        raise _Bad("Input should be a valid URL, input is empty", "url_parsing", {"error": "input is empty"})
    parts = urlsplit(value.strip())
    if not parts.scheme:
        error = "relative URL without a base"
        raise _Bad(f"Input should be a valid URL, {error}", "url_parsing", {"error": error})
    if parts.scheme not in ("http", "https"):
        raise _Bad(
            "URL scheme should be 'http' or 'https'", "url_scheme", {"expected_schemes": "'http' or 'https'"}
        )
    if not parts.hostname:
        raise _Bad("Input should be a valid URL, empty host", "url_parsing", {"error": "empty host"})
    return value.strip()


def _enum(value: Any, choices: tuple[str, ...]) -> str:
    if isinstance(value, str) and value in choices:
        return value
    quoted = [f"'{c}'" for c in choices]
    expected = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    raise _Bad(f"Input should be {expected}", "enum", {"expected": expected})


def _range(spec: FieldSpec, number: float) -> None:
    if spec.ge is not None and number < spec.ge:
        raise _Bad(
            f"Input should be greater than or equal to {_num(spec.ge)}", "greater_than_equal", {"ge": spec.ge}
        )
    if spec.le is not None and number > spec.le:
        raise _Bad(
            f"Input should be less than or equal to {_num(spec.le)}", "less_than_equal", {"le": spec.le}
        )
    if spec.multiple_of and int(number) % spec.multiple_of:
        raise _Bad(
            f"Input should be a multiple of {spec.multiple_of}",
            "multiple_of",
            {"multiple_of": spec.multiple_of},
        )


def decode_image(value: str) -> ImageInput:
    """An image field's bytes and size; raises ValueError when it is neither a link nor an image."""
    if value.startswith(("http://", "https://")):
        return ImageInput(value, None, None)
    data = value.split(",", 1)[1] if value.startswith("data:") and "," in value else value
    try:
        raw = base64.b64decode(data, validate=False)
        with Image.open(io.BytesIO(raw)) as img:
            return ImageInput(value, raw, img.size)
    except (binascii.Error, ValueError, OSError, UnidentifiedImageError):
        raise ValueError("not an image") from None


def _coerce(spec: FieldSpec, value: Any, provider: str) -> Any:
    if spec.kind == INT:
        number: float = _int(value)
    elif spec.kind == FLOAT:
        number = _float(value)
    elif spec.kind == BOOL:
        return _bool(value)
    elif spec.kind == ENUM:
        choices = formats_for(provider) if spec.name == "output_format" else spec.choices
        return _enum(value, choices)
    elif spec.kind == URI:
        return _uri(value, spec.max_length)
    elif spec.kind in (STR, IMAGE, RATIO):
        return _str(value)
    else:  # pragma: no cover - the table only uses the kinds above
        raise _Bad("Input should be a valid value", "value_error")
    _range(spec, number)
    return int(number) if spec.kind == INT else number


def _parse_ratio(text: str) -> tuple[int, int] | None:
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    w, h = int(parts[0]), int(parts[1])
    return (w, h) if w > 0 and h > 0 else None


def _value_error(message: str) -> Problem:
    return Problem(("body",), f"Value error, {message}", "value_error", ctx={"error": {}})


def _whole(endpoint: Endpoint, params: Mapping[str, Any], images: Mapping[str, ImageInput]) -> list[Problem]:
    """The model-level rules, once every field is valid."""
    problems: list[Problem] = []
    ratio = params.get("aspect_ratio")
    if isinstance(ratio, str):
        parsed = _parse_ratio(ratio)
        if parsed is None:
            problems.append(_value_error("Aspect ratio must be in the format of 'width:height'"))
        elif not RATIO_TALLEST - 1e-9 <= parsed[0] / parsed[1] <= RATIO_WIDEST + 1e-9:
            problems.append(_value_error(f"Aspect ratio {ratio} must be between 21:9 and 9:21"))
    if endpoint.prompt_or_image and not params.get("prompt") and not params.get("image_prompt"):
        problems.append(_value_error("Either prompt or image_prompt must be provided"))
    if (
        endpoint.family == CONTROL
        and not params.get("control_image")
        and not params.get("preprocessed_image")
    ):
        problems.append(_value_error("Either control_image or preprocessed_image must be provided"))
    if endpoint.family == EXPAND and not any(params.get(s) for s in ("top", "bottom", "left", "right")):
        problems.append(_value_error("At least one side must be expanded (top, bottom, left, or right)"))
    if endpoint.family == FILL:
        image, mask = images.get("image"), images.get("mask")
        if image and mask and image.size and mask.size and image.size != mask.size:
            problems.append(
                _value_error(
                    f"Mask dimensions {mask.size[0]}x{mask.size[1]} do not match the image "
                    f"({image.size[0]}x{image.size[1]})"
                )
            )
    return problems


def check_body(
    endpoint: Endpoint, body: Any, provider: str, *, unknown_fields: str = "reject"
) -> tuple[Checked | None, list[Problem]]:
    """The validated request, or the problems that refuse it (never both)."""
    if not isinstance(body, Mapping):
        return None, [
            Problem(
                ("body",),
                "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type",
                input=body,
            )
        ]
    problems: list[Problem] = []
    ignored = tuple(sorted(k for k in body if endpoint.field(str(k)) is None))
    if unknown_fields == "reject":
        problems.extend(
            Problem(("body", str(k)), "Extra inputs are not permitted", "extra_forbidden", input=body[k])
            for k in ignored
        )
    params: dict[str, Any] = {}
    images: dict[str, ImageInput] = {}
    sent = frozenset(k for k in body if endpoint.field(str(k)) is not None and body[k] is not None)
    for spec in endpoint.fields:
        value = body.get(spec.name, _MISSING)
        if value is _MISSING or (value is None and spec.nullable):
            if spec.required and value is _MISSING:
                problems.append(Problem(("body", spec.name), "Field required", "missing"))
            elif spec.default is not None:
                params[spec.name] = spec.default
            continue
        try:
            params[spec.name] = _coerce(spec, value, provider)
        except _Bad as bad:
            problems.append(Problem(("body", spec.name), bad.msg, bad.kind, input=value, ctx=bad.ctx))
            continue
        if spec.kind == IMAGE:
            try:
                images[spec.name] = decode_image(params[spec.name])
            except ValueError:
                problems.append(
                    Problem(
                        ("body", spec.name),
                        f"Value error, {spec.name} could not be decoded: send base64 image data or an "
                        "http(s) URL",
                        "value_error",
                        input=f"<{len(value)} characters>",
                        ctx={"error": {}},
                    )
                )
    if problems:
        return None, problems
    problems = _whole(endpoint, params, images)
    if problems:
        return None, problems
    return Checked(params, images, ignored, sent), []
