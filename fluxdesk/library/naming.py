"""File names made from prompts, for the library's own image files and for exports: one rule.

`safe_name` turns any text into one file-name component that every OS takes. What comes out:

- keeps the text's own script (Hangul, Arabic, kana and kanji, accents, emoji), in NFC: the form
  macOS's file systems compare names in (HFS+ stores them decomposed; APFS keeps what it is given);
- holds no invisible character: bidi controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C), zero-width
  spaces and joiners, soft hyphens, tag characters and every other default-ignorable code point are
  dropped, save a zero-width joiner or variation selector inside an emoji (👩‍🚀 stays one astronaut,
  ❤️ keeps its colour);
- has no path separator, no character Windows refuses (`/ \\ : * ? " < > |`), no control character, no
  `..`, no leading or trailing dot, space or underscore, and is not a reserved Windows device name (CON,
  PRN, AUX, NUL, COM1-9, LPT1-9 and their superscript forms, with or without an extension);
- leaves room for a collision suffix and two extensions (" (99999).webp.json") within 255 UTF-8 bytes
  (ext4, APFS, most others) and 255 UTF-16 units of its decomposed form (NTFS; HFS+), cut between
  graphemes: never inside a character, an accented letter or an emoji.

`prompt_slug` is the library's own style on top (lower-case words joined by `-`); exports fill a
template (`render_stem`).
"""

from __future__ import annotations

import re
import string
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from fluxdesk.i18n import _
from fluxdesk.library.records import GenerationRecord

DEFAULT_TEMPLATE = "{date}_{model}_{seed}_{prompt}"
TEMPLATE_FIELDS = ("date", "time", "model", "seed", "prompt", "id", "n")
PROMPT_CHARS = 60
SLUG_CHARS = 48
MAX_STEM_CHARS = 150
MAX_NAME_BYTES = 255  # a file name in UTF-8 bytes
MAX_NAME_UNITS = 255  # ... in UTF-16 code units, decomposed
#: what export adds to a stem at most: a collision suffix, the image's extension, a sidecar's
NAME_ROOM = len(" (99999)") + len(".webp") + len(".json")
MAX_STEM_BYTES = MAX_NAME_BYTES - NAME_ROOM
MAX_STEM_UNITS = MAX_NAME_UNITS - NAME_ROOM
FALLBACK_STEM = "image"

_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f\x80-\x9f]')
_SPACES = re.compile(r"\s+")
_GRAPHEME = regex.compile(r"\X")
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}|\p{Cs}")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3")
#: joined emoji: a zero-width joiner right before a pictograph
_EMOJI_ZWJ = regex.compile(r"\u200d(?=\p{Extended_Pictographic})")
_VARIATION = frozenset("\ufe0e\ufe0f")
_WORDY = regex.compile(r"[\p{L}\p{N}]")
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
        raise NameTemplateError(_("The name template is empty."))
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise NameTemplateError(
            _("The name template is malformed ({exc}); use fields like {{seed}}.").format(exc=exc)
        ) from None
    for _literal, field_name, spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in TEMPLATE_FIELDS:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise NameTemplateError(_("Unknown field {{{field_name}}} in the name template; known: "
                                      "{known}.").format(field_name=field_name, known=known))
        if spec or conversion:
            raise NameTemplateError(_("Field {{{field_name}}} takes no format options in the name "
                                      "template.").format(field_name=field_name))


def visible(text: str) -> str:
    """`text` in NFC without invisible characters (see the module's docstring for the one exception)."""
    text = unicodedata.normalize("NFC", text)
    if not _IGNORABLE.search(text):
        return text
    kept = []
    for grapheme in _GRAPHEME.findall(text):
        if _EMOJI.search(grapheme):
            joined = _EMOJI_ZWJ.sub("\x00", grapheme)  # mark the joiners to keep
            grapheme = "".join(
                "\u200d" if c == "\x00" else c
                for c in joined
                if c == "\x00" or c in _VARIATION or not _IGNORABLE.match(c)
            )
        else:
            grapheme = _IGNORABLE.sub("", grapheme)
        kept.append(grapheme)
    # a character dropped from between two others may let them compose
    return unicodedata.normalize("NFC", "".join(kept))


def utf16_units(text: str) -> int:
    """UTF-16 code units of `text` decomposed: what NTFS and HFS+ count against 255."""
    return len(unicodedata.normalize("NFD", text).encode("utf-16-le")) // 2


def fits(text: str, *, max_chars: int, max_bytes: int, max_units: int) -> bool:
    return (
        len(text) <= max_chars and len(text.encode("utf-8")) <= max_bytes and utf16_units(text) <= max_units
    )


def cut(
    text: str, *, max_chars: int, max_bytes: int = MAX_STEM_BYTES, max_units: int = MAX_STEM_UNITS
) -> str:
    """The longest run of `text`'s first graphemes within all three limits (never half a grapheme)."""
    if fits(text, max_chars=max_chars, max_bytes=max_bytes, max_units=max_units):
        return text
    out: list[str] = []
    chars = size = units = 0
    for grapheme in _GRAPHEME.findall(text):
        chars += len(grapheme)
        size += len(grapheme.encode("utf-8"))
        units += utf16_units(grapheme)
        if chars > max_chars or size > max_bytes or units > max_units:
            break
        out.append(grapheme)
    return "".join(out)


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
    max_units: int = MAX_STEM_UNITS,
    fallback: str = FALLBACK_STEM,
) -> str:
    """`text` as one safe file-name component (no extension added); `fallback` when nothing is left."""
    out = _FORBIDDEN.sub("_", visible(text))
    out = _SPACES.sub(" ", out)
    while ".." in out:
        out = out.replace("..", ".")
    out = re.sub(r"_{2,}", "_", out)
    limits = {"max_chars": max_chars, "max_bytes": max_bytes, "max_units": max_units}
    out = cut(out, **limits).strip(" ._")
    if not out:
        out = fallback
    # the suffix that makes a reserved name safe must fit too (a reserved name is short: its head stays)
    return cut(_fix_reserved(out), **limits).rstrip(" .")


def short_prompt(prompt: str, limit: int = PROMPT_CHARS, *, gap: str = " ") -> str:
    """The prompt's first words, cut at a `gap` near `limit` characters, else between graphemes."""
    text = _SPACES.sub(" ", prompt).strip()
    if len(text) <= limit:
        return text
    head = cut(text, max_chars=limit, max_bytes=4 * limit, max_units=2 * limit)
    space = head.rfind(gap)
    return head[:space] if space >= limit // 2 else head


def prompt_slug(prompt: str, *, max_chars: int = SLUG_CHARS) -> str:
    """The library's name for a prompt: lower-case words in their own script, joined by `-`
    ("창가의-고양이", "café-au-lait", "海辺の猫たち"); symbols and emoji are gaps; "image" when no word."""
    graphemes = _GRAPHEME.findall(visible(prompt).lower())
    words = "".join(g if _WORDY.match(g) else " " for g in graphemes)
    slug = "-".join(words.split())
    return safe_name(short_prompt(slug, max_chars, gap="-"), max_chars=max_chars)


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
