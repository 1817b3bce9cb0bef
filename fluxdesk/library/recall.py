"""Recall: the settings an image carries, back as a request (`read_metadata`).

An original of the library carries no metadata of its own (it is kept byte for byte as delivered), so
it is found by what it is: its sha256 in the library (`lookup`), else the sidecar saved beside it
(`find_original`). Any other file: fluxdesk JSON first (PNG iTXt, XMP, or a sidecar file), else A1111
``parameters``. Only regular files are read (a FIFO or a device is refused without waiting on it). It refuses
hostile input with `MetadataError` (one plain sentence) and never lets another exception out. Text
chunks are capped by pre-scanning the PNG chunk table (Pillow's module-wide limits are left untouched);
decompression bombs are refused through Pillow's own check, turned into an error inside a local
``warnings.catch_warnings``. What is written is `fluxdesk.library.metadata`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import struct
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from PIL import Image, UnidentifiedImageError

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.errors import FieldError, InvalidRequest
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.i18n import _
from fluxdesk.library.files import NotARegularFile, read_regular_file, sidecar_path
from fluxdesk.library.metadata import (
    EXIF_IFD,
    FLUXDESK_NS,
    IMAGE_MARKER,
    MAX_FILE_BYTES,
    MAX_TEXT_BYTES,
    MAX_TOTAL_TEXT_BYTES,
    PNG_PARAMETERS_KEY,
    PNG_REQUEST_KEY,
    PNG_XMP_KEY,
    USER_COMMENT,
    MetadataError,
    spec_of,
)
from fluxdesk.library.records import GenerationRecord
from fluxdesk.library.sidecars import MAX_SIDECAR_BYTES, SidecarError, record_from_sidecar, sidecar_request

#: finds the library's record of an image by its sha256 (None: not in the library)
Lookup = Callable[[str], "GenerationRecord | None"]

# ---- recall --------------------------------------------------------------------------------------


Source = Literal["fluxdesk", "a1111", "library", "sidecar", "none"]


@dataclass
class RecalledSettings:
    """Settings read back from a file; `skipped` says, in plain sentences, what could not be used."""

    model: str | None = None
    prompt: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    source: Source = "none"
    skipped: list[str] = field(default_factory=list)
    ai_label: str | None = None  # the XMP DigitalSourceType, when present
    creator: str | None = None  # the XMP CreatorTool, when present

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "prompt": self.prompt,
            "params": dict(self.params),
            "source": self.source,
            "skipped": list(self.skipped),
            "ai_label": self.ai_label,
            "creator": self.creator,
        }

    def to_request(self, catalog: Catalog, notes: list[str] | None = None) -> GenerationRequest:
        """A validated request: parameters the model does not take or that fail validation are dropped,
        each with a sentence appended to `notes` (default: `self.skipped`). Raises InvalidRequest when
        no usable request remains (no model, or a required input image that the file cannot carry)."""
        out = self.skipped if notes is None else notes
        if not self.model:
            raise _invalid("model", _("The file names no model."))
        if self.model not in catalog:
            raise _invalid("model", _("Model '{model}' is not one fluxdesk knows.").format(model=self.model))
        spec = catalog.get(self.model)
        params: dict[str, Any] = {}
        for name, value in self.params.items():
            if not spec.takes(name):
                out.append(_("{name}: {id} does not take this parameter; "
                             "skipped.").format(name=name, id=spec.id))
            else:
                params[name] = value
        for _attempt in range(len(params) + 1):
            try:
                return build_request(catalog, spec.id, self.prompt, params)
            except InvalidRequest as exc:
                bad = [e for e in exc.errors if e.field in params]
                if not bad:
                    raise
                for err in bad:
                    out.append(_("{field}: {message} Skipped.").format(field=err.field, message=err.message))
                    params.pop(err.field, None)
        raise _invalid("params", _("The recalled parameters could not be made into a valid request."))


def _invalid(field_name: str, message: str) -> InvalidRequest:
    return InvalidRequest([FieldError(field_name, message)])


def _read_source(source: str | os.PathLike[str] | bytes) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        data = _read_file(path)
    if len(data) > MAX_FILE_BYTES:
        raise MetadataError(_("The file is larger than {value} MB; fluxdesk does not read "
                              "it.").format(value=MAX_FILE_BYTES >> 20))
    if not data:
        raise MetadataError(_("The file is empty."))
    return data


def _read_file(path: Path) -> bytes:
    """A regular file's bytes (MetadataError for anything else, too large, or unreadable)."""
    name = path.name or str(path)
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except NotARegularFile as exc:
        raise MetadataError(_("{name} is {reason}: fluxdesk reads settings only from "
                              "files.").format(name=name, reason=exc.strerror)) from None
    except ValueError:
        raise MetadataError(
            _("{name} is larger than {value} MB; fluxdesk reads settings from files up to {value} "
              "MB.").format(name=name, value=MAX_FILE_BYTES >> 20)
        ) from None
    except OSError as exc:
        raise MetadataError(_("{name} could not be read: "
                              "{value}.").format(name=name, value=exc.strerror or exc)) from None


def find_original(
    path: Path, data: bytes, lookup: Lookup | None = None
) -> tuple[GenerationRecord, Source] | None:
    """The record of an original image fluxdesk saved, and where it was found: by its bytes' sha256 in
    the library (`lookup`), else the sidecar beside it when that names these very bytes. Blocking."""
    sha = hashlib.sha256(data).hexdigest()
    if lookup is not None:
        try:
            record = lookup(sha)
        except Exception:  # a library that cannot answer: the sidecar may still know
            record = None
        if record is not None:
            return record, "library"
    side = sidecar_path(path)
    if side == path:
        return None
    try:
        record = record_from_sidecar(read_regular_file(side, MAX_SIDECAR_BYTES), path.name)
    except (OSError, ValueError, SidecarError):
        return None
    return (record, "sidecar") if record.sha256 == sha else None


def recalled_from_record(
    record: GenerationRecord, catalog: Catalog, source: Source = "library"
) -> RecalledSettings:
    """What a recall shows of a library record: its request, input images as markers (named, skipped)."""
    skipped: list[str] = []
    result = _from_document({"request": sidecar_request(record.request)}, catalog, skipped)
    if result is None:
        raise MetadataError(_("The record of this image names no model."))
    result.source = source
    result.skipped[:0] = skipped
    result.creator = "fluxdesk"
    return result


_PNG_SIG = b"\x89PNG\r\n\x1a\n"
_TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt"}


def _check_png_chunks(data: bytes) -> None:
    """Refuse PNGs with oversized text chunks before Pillow reads them (cheap: headers only)."""
    pos, total = len(_PNG_SIG), 0
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos : pos + 8])
        if ctype in _TEXT_CHUNKS:
            if length > MAX_TEXT_BYTES:
                raise MetadataError(
                    _("The PNG holds a {value:.1f} MB text chunk; fluxdesk reads text chunks up to {value2} "
                      "MB and refuses this file.").format(
                        value=length / (1 << 20), value2=MAX_TEXT_BYTES >> 20)
                )
            total += length
            if total > MAX_TOTAL_TEXT_BYTES:
                raise MetadataError(_("The PNG holds more text than fluxdesk reads; the file is refused."))
        if ctype == b"IEND":
            break
        pos += 12 + length


def _open_image(data: bytes, skipped: list[str]) -> Image.Image:
    if data.startswith(_PNG_SIG):
        _check_png_chunks(data)
    try:
        # recorded locally: Pillow warns about corrupt EXIF while opening; a bomb warning is an error here
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"])
        if caught:
            skipped.append(_("Part of the file's metadata is malformed (EXIF); it was ignored."))
        return im
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MetadataError(
            _("The image is too large to open safely (possibly a decompression bomb); it is refused.")
        ) from None
    except UnidentifiedImageError:
        raise MetadataError(_("This is not a PNG, JPEG or WebP image fluxdesk can read.")) from None
    except Exception as exc:  # hostile files raise all sorts: refuse, never crash
        raise MetadataError(
            _("The image could not be read ({value}); it may be damaged.").format(value=type(exc).__name__)
        ) from None


def _text_of(value: Any, what: str, skipped: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes | bytearray):
        if len(value) > MAX_TEXT_BYTES:
            skipped.append(_("The {what} is larger than {value} MB; it was "
                             "ignored.").format(what=what, value=MAX_TEXT_BYTES >> 20))
            return None
        text = bytes(value).decode("utf-8", errors="replace")
    else:
        text = str(value)
    if len(text) > MAX_TEXT_BYTES:
        skipped.append(_("The {what} is larger than {value} MB; it was "
                         "ignored.").format(what=what, value=MAX_TEXT_BYTES >> 20))
        return None
    return text


def _decode_user_comment(raw: Any, endian: str | None) -> str | None:
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, bytes | bytearray) or len(raw) < 8:
        return None
    prefix, body = bytes(raw[:8]), bytes(raw[8:])
    if prefix == b"UNICODE\0":
        if len(body) >= 2 and body[0] == 0 and body[1] != 0:
            codec = "utf-16-be"
        elif len(body) >= 2 and body[0] != 0 and body[1] == 0:
            codec = "utf-16-le"
        else:
            codec = "utf-16-le" if endian == "<" else "utf-16-be"
        return body.decode(codec, errors="replace")
    if prefix in (b"ASCII\0\0\0", b"\0" * 8):
        return body.decode("utf-8", errors="replace").rstrip("\0")
    return None


@dataclass
class _Found:
    request_json: str | None = None
    parameters: str | None = None
    xmp: str | None = None


def _collect(im: Image.Image, skipped: list[str]) -> _Found:
    found = _Found()
    info = im.info
    if im.format == "PNG":
        found.request_json = _text_of(info.get(PNG_REQUEST_KEY), _("fluxdesk text chunk"), skipped)
        found.parameters = _text_of(info.get(PNG_PARAMETERS_KEY), _("parameters text chunk"), skipped)
        found.xmp = _text_of(info.get(PNG_XMP_KEY) or info.get("xmp"), _("XMP packet"), skipped)
        return found
    found.xmp = _text_of(info.get("xmp"), _("XMP packet"), skipped)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exif = im.getexif()
            comment = exif.get_ifd(EXIF_IFD).get(USER_COMMENT)
        if caught:
            skipped.append(_("The EXIF data is partly malformed; what could not be read was ignored."))
        if comment is not None:
            text = _decode_user_comment(comment, getattr(exif, "endian", None))
            if text is None:
                skipped.append(_("The EXIF UserComment has an unknown encoding; it was ignored."))
            else:
                found.parameters = _text_of(text, _("EXIF UserComment"), skipped)
    except Exception:  # malformed EXIF takes many shapes
        skipped.append(_("The EXIF data is malformed; it was ignored."))
    return found


def _parse_xmp(text: str, skipped: list[str]) -> dict[str, str]:
    """The few properties fluxdesk uses. DOCTYPE/ENTITY packets are refused (entity expansion attacks)."""
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        skipped.append(_("The XMP packet declares a DOCTYPE or entities; it was ignored."))
        return {}
    start = text.find("<x:xmpmeta")
    end = text.rfind("</x:xmpmeta>")
    if start < 0 or end < 0:
        start, end = text.find("<"), len(text) - len("</x:xmpmeta>")
    snippet = text[start : end + len("</x:xmpmeta>")]
    try:
        root = ET.fromstring(snippet)
    except Exception:
        skipped.append(_("The XMP packet is malformed; it was ignored."))
        return {}
    props: dict[str, str] = {}
    names = {
        "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}DigitalSourceType": "source_type",
        "{http://ns.adobe.com/xap/1.0/}CreatorTool": "creator",
        f"{{{FLUXDESK_NS}}}request": "request",
    }
    for el in root.iter():
        for attr, value in el.attrib.items():
            if attr in names:
                props.setdefault(names[attr], value)
        if el.tag in names and el.text:
            props.setdefault(names[el.tag], el.text)
        if el.tag == "{http://purl.org/dc/elements/1.1/}description":
            li = "".join(el.itertext()).strip()
            if li:
                props.setdefault("description", li)
    return props


_SCALARS = (str, int, float, bool)


def _from_document(doc: Any, catalog: Catalog, skipped: list[str]) -> RecalledSettings | None:
    if not isinstance(doc, dict):
        return None
    req = doc.get("request")
    if not isinstance(req, dict) or not isinstance(req.get("model"), str):
        return None
    prompt = req.get("prompt")
    out = RecalledSettings(
        model=req["model"], prompt=prompt if isinstance(prompt, str) else "", source="fluxdesk"
    )
    params = req.get("params")
    if not isinstance(params, dict):
        params = {}
        skipped.append(_("The stored request has no readable parameters."))
    spec = spec_of(catalog, out.model or "")
    if spec is None:
        skipped.append(_("Model '{model}' is not one fluxdesk knows; its parameters are shown as "
                         "stored.").format(model=out.model))
    for name, value in params.items():
        if not isinstance(name, str):
            continue
        if value is None:
            continue
        if not isinstance(value, _SCALARS):
            skipped.append(_("{name}: the stored value is not a plain value; skipped.").format(name=name))
            continue
        if isinstance(value, str) and IMAGE_MARKER.match(value):
            label = spec.param(name).label if spec is not None and spec.takes(name) else name
            skipped.append(_("{label} ({name}): the image itself is not stored in the file; add it "
                             "again.").format(label=label, name=name))
            continue
        out.params[name] = value
    return out


_PAIR = re.compile(r'\s*([\w][\w \-/().]*?)\s*:\s*("(?:\\.|[^\\"])*"|[^,]*)(?:,|$)')


def _a1111_pairs(line: str) -> list[tuple[str, str]] | None:
    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(line):
        m = _PAIR.match(line, pos)
        if not m or m.end() == pos:
            return None
        key, value = m.group(1).strip(), m.group(2).strip()
        if value.startswith('"'):
            try:
                value = str(json.loads(value))
            except ValueError:
                value = value.strip('"')
        pairs.append((key, value))
        pos = m.end()
    return pairs


def parse_a1111(text: str, catalog: Catalog, skipped: list[str]) -> RecalledSettings:
    """Parse A1111 `parameters` text: prompt lines, an optional `Negative prompt:` and a line of pairs."""
    lines = text.strip().split("\n")
    pairs: list[tuple[str, str]] = []
    if lines:
        parsed = _a1111_pairs(lines[-1])
        if parsed is not None and len(parsed) >= 2:
            pairs = parsed
            lines.pop()
    prompt_lines: list[str] = []
    negative = False
    for line in lines:
        if line.startswith("Negative prompt:") or negative:
            negative = True
            continue
        prompt_lines.append(line)
    if negative:
        skipped.append(_("Negative prompt: the Flux models take none; it was ignored."))
    out = RecalledSettings(prompt="\n".join(prompt_lines).strip(), source="a1111")
    values = dict(pairs)
    model = values.get("Model")
    if model is not None:
        if model in catalog:
            out.model = model
        else:
            skipped.append(_("Model: '{model}' is not a Flux model fluxdesk knows; it was "
                             "ignored.").format(model=model))
    spec = spec_of(catalog, out.model or "")
    by_label: dict[str, str] = {}
    for models in [spec] if spec else list(catalog):
        for p in models.params:
            by_label.setdefault(p.label.lower(), p.name)
            by_label.setdefault(p.name.lower(), p.name)
    fixed = {"steps": "steps", "cfg scale": "guidance", "seed": "seed"}
    for key, value in pairs:
        lowered = key.lower()
        if key in ("Model", "Sampler", "Version", "Model hash"):
            if key in ("Sampler", "Model hash") and value not in ("flux", ""):
                skipped.append(_("{key}: '{value}' has no Flux equivalent; "
                                 "ignored.").format(key=key, value=value))
            continue
        if lowered == "size":
            m = re.fullmatch(r"\s*(\d{1,6})\s*x\s*(\d{1,6})\s*", value)
            if not m:
                skipped.append(_("Size: '{value}' is not WxH; ignored.").format(value=value))
            elif spec is not None and not spec.has_free_size:
                skipped.append(_("Size: {value} (this model sets its size another way); "
                                 "ignored.").format(value=value))
            else:
                out.params["width"], out.params["height"] = int(m.group(1)), int(m.group(2))
            continue
        name = fixed.get(lowered) or by_label.get(lowered)
        if name is None:
            skipped.append(_("{key}: not a Flux parameter; ignored.").format(key=key))
            continue
        if IMAGE_MARKER.match(value):
            skipped.append(_("{key} ({name}): the image itself is not stored in the file; add it "
                             "again.").format(key=key, name=name))
            continue
        out.params[name] = _typed(value)
    return out


def _typed(value: str) -> Any:
    if value in ("True", "true"):
        return True
    if value in ("False", "false"):
        return False
    if re.fullmatch(r"-?\d{1,20}", value):
        return int(value)
    try:
        number = float(value)
    except ValueError:
        return value
    return number if number == number and abs(number) != float("inf") else value


def read_metadata(
    source: str | os.PathLike[str] | bytes, *, catalog: Catalog | None = None, lookup: Lookup | None = None
) -> RecalledSettings:
    """Settings recalled from an image (PNG, JPEG, WebP) or a fluxdesk sidecar JSON.

    An original of the library is recognised first (`find_original`; `lookup` finds records by sha256).
    Raises MetadataError (one plain sentence) for files it refuses; otherwise returns what it found,
    with `source="none"` and an explanation in `skipped` when the file carries no settings.
    """
    catalog = catalog or default_catalog()
    if not isinstance(source, bytes | bytearray | memoryview):
        return recall_file(Path(source), catalog=catalog, lookup=lookup)[0]
    return _parse(_read_source(source), catalog)


def recall_file(
    path: Path, *, catalog: Catalog | None = None, lookup: Lookup | None = None
) -> tuple[RecalledSettings, GenerationRecord | None]:
    """`read_metadata` of a file, with the record it was recalled from when it is an original of the
    library (the window then takes the record's settings whole, input images included). Blocking."""
    catalog = catalog or default_catalog()
    data = _read_source(path)
    if data.lstrip()[:1] != b"{":
        original = find_original(Path(path), data, lookup)
        if original is not None:
            return recalled_from_record(original[0], catalog, original[1]), original[0]
    return _parse(data, catalog), None


def _parse(data: bytes, catalog: Catalog) -> RecalledSettings:
    skipped: list[str] = []
    if data.lstrip()[:1] == b"{":
        return _read_sidecar(data, catalog)
    im = _open_image(data, skipped)
    try:
        found = _collect(im, skipped)
    except Exception:
        skipped.append(_("The file's metadata could not be read; it was ignored."))
        found = _Found()
    finally:
        im.close()
    xmp: dict[str, str] = _parse_xmp(found.xmp, skipped) if found.xmp else {}
    result: RecalledSettings | None = None
    request_json = found.request_json or xmp.get("request")
    if request_json:
        try:
            result = _from_document(json.loads(request_json), catalog, skipped)
        except (ValueError, RecursionError):
            result = None
        if result is None:
            skipped.append(_("The fluxdesk settings in the file are malformed; they were ignored."))
    if result is None and found.parameters:
        result = parse_a1111(found.parameters, catalog, skipped)
    if result is None:
        result = RecalledSettings(source="none")
        if xmp.get("description"):
            result.prompt = xmp["description"]
            skipped.append(_("Only the prompt (XMP description) was found; no model or parameters."))
        else:
            skipped.append(_("The file carries no generation settings."))
    result.skipped[:0] = skipped
    result.ai_label = xmp.get("source_type")
    result.creator = xmp.get("creator")
    return result


def _read_sidecar(data: bytes, catalog: Catalog) -> RecalledSettings:
    if len(data) > MAX_TEXT_BYTES * 4:
        raise MetadataError(_("The JSON file is too large to be a fluxdesk sidecar."))
    skipped: list[str] = []
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise MetadataError(_("The file is not valid JSON.")) from None
    result = _from_document(doc, catalog, skipped)
    if result is None:
        raise MetadataError(_("The JSON file is not a fluxdesk sidecar (it holds no request)."))
    result.skipped[:0] = skipped
    result.creator = doc.get("creator") if isinstance(doc.get("creator"), str) else None
    return result
