"""Metadata carried by exported images: what is written, and what never is.

Written (by mode):

- ``full`` (default): the A1111-style ``parameters`` text (PNG text chunk ``parameters``; JPEG/WebP:
  EXIF UserComment with the 8-byte ``ASCII\\0\\0\\0`` or ``UNICODE\\0`` prefix, UTF-16 in the EXIF block's
  own byte order, which is big-endian as piexif/A1111 expect), the full fluxdesk request as JSON (PNG
  iTXt ``fluxdesk``; JPEG/WebP: the ``fluxdesk:request`` property inside the XMP packet, ASCII-escaped
  JSON so it survives any XML handling) and an XMP packet with ``Iptc4xmpExt:DigitalSourceType``
  (trainedAlgorithmicMedia, or compositeWithTrainedAlgorithmicMedia when an input/reference image was
  used), ``xmp:CreatorTool`` and ``dc:description`` (the prompt).
- ``minimal``: only the AI-generated label: XMP DigitalSourceType + CreatorTool.
- ``none``: nothing at all (no text chunks, EXIF, XMP or ICC profile).

An image imported from a file (`library.imports`) is none of fluxdesk's making: it gets no metadata
whatever the mode (its colour profile is kept).

Input-image blobs are never embedded (a ``<image sha256:...>`` marker stands in; URLs lose their query),
no local path is ever written, and every outgoing string passes a redactor that removes the values of
the API-key environment variables and anything shaped like a key.

A JPEG APP1 segment holds at most ~64 KB: when the XMP would not fit, ``dc:description`` is dropped
first, then the embedded JSON (recall then falls back to the ``parameters`` text in EXIF).
Reading it back is `fluxdesk.library.recall`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from PIL import Image, PngImagePlugin

from fluxdesk import __version__
from fluxdesk.api.catalog import Catalog, Kind, ModelSpec, default_catalog
from fluxdesk.api.refs import is_library_ref
from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.imports import IMPORTED_MODEL
from fluxdesk.library.records import GenerationRecord

DIGITAL_SOURCE_TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
DIGITAL_SOURCE_COMPOSITE = (
    "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
)
FLUXDESK_NS = "http://ns.fluxdesk.app/xmp/1.0/"
DOC_FORMAT = "fluxdesk.request/1"
PNG_REQUEST_KEY = "fluxdesk"
PNG_PARAMETERS_KEY = "parameters"
PNG_XMP_KEY = "XML:com.adobe.xmp"
EXIF_IFD = 0x8769
USER_COMMENT = 0x9286

#: recall refuses files bigger than this, and text (chunks, XMP, comments) longer than this
MAX_FILE_BYTES = 200 << 20
MAX_TEXT_BYTES = 1 << 20
MAX_TOTAL_TEXT_BYTES = 8 << 20
JPEG_XMP_LIMIT = 65_000  # one APP1 segment is 65,533 bytes minus the XMP header

KEY_ENV_VARS = ("COMETAPI_KEY", "BFL_API_KEY")
REDACTED = "<redacted>"
_KEY_SHAPES = re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}|(?i:\bbearer\s+)[A-Za-z0-9_\-.=]{8,}")
IMAGE_MARKER = re.compile(r"^<image\b[^>]*>$")
_XML_ILLEGAL = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class MetadataMode(StrEnum):
    FULL = "full"
    MINIMAL = "minimal"
    NONE = "none"


class MetadataError(ValueError):
    """A file recall refuses; str() is one plain sentence."""


def creator_tool() -> str:
    return f"fluxdesk {__version__}"


# ---- keeping secrets out -------------------------------------------------------------------------


class Redactor:
    """Replaces API keys (given, or found in the environment) and key-shaped strings with a marker."""

    def __init__(self, secrets: Iterable[str] = (), *, env: Mapping[str, str] | None = None) -> None:
        environ = os.environ if env is None else env
        found = [environ.get(name, "") for name in KEY_ENV_VARS]
        # short values ("demo") would shred ordinary text; a real key is long
        self._secrets = sorted({s for s in [*secrets, *found] if s and len(s) >= 8}, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            for form in {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=True)[1:-1]}:
                if form:
                    value = value.replace(form, REDACTED)
        return _KEY_SHAPES.sub(REDACTED, value)

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value


# ---- what is written -----------------------------------------------------------------------------


def spec_of(catalog: Catalog, model: str) -> ModelSpec | None:
    return catalog.get(model) if model in catalog else None


def image_param_names(catalog: Catalog, request: GenerationRequest) -> set[str]:
    spec = spec_of(catalog, request.model)
    if spec is not None:
        return {p.name for p in spec.params if p.kind is Kind.IMAGE}
    # an unknown model: judge by name
    return {k for k in request.params if "image" in k or k == "mask"}


def uses_input_image(catalog: Catalog, request: GenerationRequest) -> bool:
    names = image_param_names(catalog, request)
    return any(request.params.get(n) for n in names)


def image_marker(value: str) -> str:
    """A short stand-in for an input image: base64 blobs by hash, URLs without query or fragment."""
    text = str(value).strip()
    if is_library_ref(text):
        return f"<image {text}>"  # which library item it was (that library finds it by the file's bytes)
    if text.startswith(("http://", "https://")):
        parts = urlsplit(text)
        return f"<image url {urlunsplit((parts.scheme, parts.netloc, parts.path, '', ''))}>"
    data = text.split(",", 1)[1] if text.startswith("data:") and "," in text else text
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        raw = data.encode("utf-8", "replace")
    return f"<image sha256:{hashlib.sha256(raw).hexdigest()[:16]} {len(raw)} bytes>"


def scrubbed_request(catalog: Catalog, request: GenerationRequest) -> dict[str, Any]:
    """request.to_dict() with every image blob replaced by a marker."""
    data = request.to_dict()
    images = image_param_names(catalog, request)
    data["params"] = {
        k: (image_marker(v) if k in images and isinstance(v, str) and v else v)
        for k, v in sorted(data["params"].items())
    }
    return data


def _a1111_value(value: Any) -> str:
    text = str(value)
    if any(c in text for c in ',:\n"') or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    return text


def a1111_parameters(catalog: Catalog, record: GenerationRecord, scrubbed: Mapping[str, Any]) -> str:
    """The widely read `parameters` text: prompt, then one line of `Key: value` pairs, every param in."""
    params = dict(scrubbed["params"])
    spec = spec_of(catalog, record.model)
    pairs: list[tuple[str, Any]] = []
    if "steps" in params:
        pairs.append(("Steps", params.pop("steps")))
    pairs.append(("Sampler", "flux"))
    if "guidance" in params:
        pairs.append(("CFG scale", params.pop("guidance")))
    if "seed" in params:
        pairs.append(("Seed", params.pop("seed")))
    w, h = params.get("width"), params.get("height")
    if w and h:
        params.pop("width")
        params.pop("height")
        pairs.append(("Size", f"{w}x{h}"))
    elif record.width and record.height:
        pairs.append(("Size", f"{record.width}x{record.height}"))
    pairs.append(("Model", record.model))
    for name, value in params.items():
        if value is None:
            continue
        label = spec.param(name).label if spec is not None and spec.takes(name) else name
        pairs.append((label, value))
    pairs.append(("Version", creator_tool()))
    line = ", ".join(f"{k}: {_a1111_value(v)}" for k, v in pairs)
    prompt = str(scrubbed.get("prompt") or "")
    return f"{prompt}\n{line}" if prompt else line


def request_document(catalog: Catalog, record: GenerationRecord) -> dict[str, Any]:
    """The fluxdesk JSON: the request (image blobs as markers), the image size, when it was made."""
    doc: dict[str, Any] = {
        "format": DOC_FORMAT,
        "creator": creator_tool(),
        "request": scrubbed_request(catalog, record.request),
    }
    if record.width and record.height:
        doc["image"] = {"width": record.width, "height": record.height}
    if record.created_at:
        doc["created"] = datetime.fromtimestamp(record.created_at, UTC).isoformat(timespec="seconds")
    return doc


def _xml_text(text: str) -> str:
    text = _XML_ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def build_xmp(*, source_type: str, description: str | None = None, request_json: str | None = None) -> str:
    """An XMP packet (no DOCTYPE, no entities) with the AI label and, optionally, prompt and request."""
    body = ""
    if description is not None:
        body += (
            '   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{_xml_text(description)}</rdf:li></rdf:Alt></dc:description>\n"
        )
    if request_json is not None:
        body += f"   <fluxdesk:request>{_xml_text(request_json)}</fluxdesk:request>\n"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"\n'
        f'    xmlns:fluxdesk="{FLUXDESK_NS}"\n'
        f'    Iptc4xmpExt:DigitalSourceType="{source_type}"\n'
        f'    xmp:CreatorTool="{_xml_text(creator_tool())}">\n'
        f"{body}"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


@dataclass(frozen=True)
class EmbeddedMetadata:
    """What goes into one exported file; every string already redacted."""

    mode: MetadataMode
    source_type: str = DIGITAL_SOURCE_TRAINED
    parameters: str | None = None  # A1111 text
    request_json: str | None = None  # the fluxdesk JSON (UTF-8) for the PNG chunk and the sidecar
    xmp_request_json: str | None = None  # the same, ASCII-escaped, for the XMP property
    description: str | None = None  # the prompt, for dc:description

    def xmp(self, fmt: str) -> str | None:
        """The XMP packet for `fmt`: PNG keeps the JSON in its own chunk; a JPEG packet must fit one APP1."""
        if self.mode is MetadataMode.NONE:
            return None
        request = None if fmt == "png" else self.xmp_request_json
        packet = build_xmp(source_type=self.source_type, description=self.description, request_json=request)
        if fmt == "jpeg" and len(packet.encode("utf-8")) > JPEG_XMP_LIMIT:
            packet = build_xmp(source_type=self.source_type, request_json=request)
            if len(packet.encode("utf-8")) > JPEG_XMP_LIMIT:
                packet = build_xmp(source_type=self.source_type)
        return packet


def build_metadata(
    record: GenerationRecord,
    mode: MetadataMode | str,
    *,
    catalog: Catalog | None = None,
    redactor: Redactor | None = None,
) -> EmbeddedMetadata:
    mode = MetadataMode(mode)
    if mode is MetadataMode.NONE or record.model == IMPORTED_MODEL:
        # an imported file is not fluxdesk's making: no AI label, no settings, nothing claimed for it
        return EmbeddedMetadata(MetadataMode.NONE)
    catalog = catalog or default_catalog()
    redactor = redactor or Redactor()
    composite = uses_input_image(catalog, record.request)
    source = DIGITAL_SOURCE_COMPOSITE if composite else DIGITAL_SOURCE_TRAINED
    if mode is MetadataMode.MINIMAL:
        return EmbeddedMetadata(mode, source_type=source)
    doc = redactor.value(request_document(catalog, record))
    return EmbeddedMetadata(
        mode,
        source_type=source,
        parameters=redactor.text(a1111_parameters(catalog, record, doc["request"])),
        request_json=redactor.text(json.dumps(doc, ensure_ascii=False, sort_keys=True)),
        xmp_request_json=redactor.text(json.dumps(doc, ensure_ascii=True, sort_keys=True)),
        description=str(doc["request"].get("prompt") or ""),
    )


def sidecar_text(
    record: GenerationRecord, *, catalog: Catalog | None = None, redactor: Redactor | None = None
) -> str:
    """The `<name>.json` written beside an image with --sidecar: always the full request + A1111 text,
    whatever the embed mode (asking for a sidecar is asking for the settings)."""
    meta = build_metadata(record, MetadataMode.FULL, catalog=catalog, redactor=redactor)
    doc = json.loads(meta.request_json or "{}")
    doc["parameters"] = meta.parameters
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _user_comment(text: str) -> bytes:
    try:
        return b"ASCII\0\0\0" + text.encode("ascii")
    except UnicodeEncodeError:
        return b"UNICODE\0" + text.encode("utf-16-be")


def pillow_save_args(fmt: str, meta: EmbeddedMetadata) -> dict[str, Any]:
    """Keyword arguments for `Image.save` that embed `meta` in format `fmt` (png|jpeg|webp)."""
    args: dict[str, Any] = {}
    if meta.mode is MetadataMode.NONE:
        return args
    xmp = meta.xmp(fmt)
    if fmt == "png":
        info = PngImagePlugin.PngInfo()
        if meta.parameters is not None:
            info.add_text(PNG_PARAMETERS_KEY, meta.parameters)
        if meta.request_json is not None:
            info.add_itxt(PNG_REQUEST_KEY, meta.request_json)
        if xmp is not None:
            info.add_itxt(PNG_XMP_KEY, xmp)
        args["pnginfo"] = info
        return args
    if xmp is not None:
        args["xmp"] = xmp.encode("utf-8")
    if meta.parameters is not None:
        exif = Image.Exif()
        exif.endian = ">"  # big-endian, as piexif/A1111 write: then UTF-16 comments read the same everywhere
        exif.get_ifd(EXIF_IFD)[USER_COMMENT] = _user_comment(meta.parameters)
        exif[0x0131] = creator_tool()  # Software
        args["exif"] = exif
    return args
