"""Export file names: a template filled from a record, made safe for every OS.

A name that comes out of here has no path separators, no characters Windows refuses
(`/ \\ : * ? " < > |`), no control characters, no leading or trailing dots or spaces, no `..`, is not a
reserved Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an extension), and is
short enough that stem + collision suffix + extension stays under 255 UTF-8 bytes.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Callable
from dataclasses import dataclass

from fluxdesk.library.records import GenerationRecord

DEFAULT_TEMPLATE = "{date}_{model}_{seed}_{prompt}"
TEMPLATE_FIELDS = ("date", "time", "model", "seed", "prompt", "id", "n")
PROMPT_CHARS = 60
MAX_STEM_CHARS = 150
# 255 bytes is the usual file-name limit; keep room for " (9999)" and ".json"/".webp"
MAX_STEM_BYTES = 255 - len(" (99999)") - len(".webp") - 8
FALLBACK_STEM = "image"

_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f\x80-\x9f]')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in [*range(1, 10), "¹", "²", "³"]}
    | {f"LPT{i}" for i in [*range(1, 10), "¹", "²", "³"]}
)


class NameTemplateError(ValueError):
    """A template that cannot be used; str() is one plain sentence."""


def check_template(template: str) -> None:
    """Raise NameTemplateError unless every `{field}` is a known field without format spec or conversion."""
    if not template.strip():
        raise NameTemplateError("The name template is empty.")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise NameTemplateError(
            f"The name template is malformed ({exc}); use fields like {{seed}}."
        ) from None
    for _literal, field_name, spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in TEMPLATE_FIELDS:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise NameTemplateError(f"Unknown field {{{field_name}}} in the name template; known: {known}.")
        if spec or conversion:
            raise NameTemplateError(f"Field {{{field_name}}} takes no format options in the name template.")


def _truncate_bytes(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")


def _fix_reserved(stem: str) -> str:
    base = stem.split(".", 1)[0].rstrip(" ").upper()
    if base in _RESERVED:
        head, dot, tail = stem.partition(".")
        return f"{head.rstrip(' ')}_{dot}{tail}"
    return stem


def safe_name(
    text: str,
    *,
    max_chars: int = MAX_STEM_CHARS,
    max_bytes: int = MAX_STEM_BYTES,
    fallback: str = FALLBACK_STEM,
) -> str:
    """`text` as one safe file-name component (no extension added)."""
    out = _FORBIDDEN.sub("_", text)
    out = _SPACES.sub(" ", out)
    while ".." in out:
        out = out.replace("..", ".")
    out = out[:max_chars]
    out = _truncate_bytes(out, max_bytes)
    out = out.strip(" ._")
    out = re.sub(r"_{2,}", "_", out)
    if not out:
        out = fallback
    return _fix_reserved(out)


def short_prompt(prompt: str, limit: int = PROMPT_CHARS) -> str:
    """The prompt's first words, cut at a word boundary near `limit` characters."""
    text = _SPACES.sub(" ", prompt).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space >= limit // 2 else cut


@dataclass(frozen=True)
class NameContext:
    n: int = 1  # 1-based index in this export
    total: int = 1


def template_values(
    record: GenerationRecord,
    ctx: NameContext,
    localtime: Callable[[float], time.struct_time] = time.localtime,
) -> dict[str, str]:
    when = localtime(record.created_at or record.saved_at or 0.0)
    width = max(3, len(str(ctx.total)))
    seed = record.seed
    return {
        "date": time.strftime("%Y-%m-%d", when),
        "time": time.strftime("%H-%M-%S", when),
        "model": record.model,
        "seed": str(seed) if seed is not None else "noseed",
        "prompt": short_prompt(record.prompt) or "untitled",
        "id": record.id[:8],
        "n": str(ctx.n).zfill(width),
    }


def render_stem(template: str, record: GenerationRecord, ctx: NameContext | None = None) -> str:
    """The safe file-name stem (no extension) for `record`. Raises NameTemplateError for a bad template."""
    check_template(template)
    values = template_values(record, ctx or NameContext())
    out: list[str] = []
    for literal, field_name, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if field_name is not None:
            # each value is made safe on its own too, so a prompt cannot smuggle in a separator
            out.append(safe_name(values[field_name], fallback="_"))
    return safe_name("".join(out))


def numbered(stem: str, k: int) -> str:
    """`stem` for the k-th try at a free name: k=1 -> stem, k=2 -> 'stem (2)', ..."""
    return stem if k <= 1 else f"{stem} ({k})"
