"""Each original's sidecar: its record as a small JSON file beside the image, so the history can be
recreated from the images folder alone (`fluxdesk library rebuild`) and recall finds an original's
settings without the database.

What is in it: the request (input images as `<image sha256:...>` markers, never their data, and those
of the library as their `library:<id>` references; webhook parameters never), its parents (the library
ids it was made from, in input order), the image's facts (relative file name, size, format, bytes,
sha256) and what the provider reported (task id, cost, megapixels, its prompt and seed). What is
never in it: the key (every string passes the metadata redactor too), a provider link, an absolute
path, anything outside the library. It is written atomically in the save path, before the image, so
that an image never exists without one unless it was saved by a fluxdesk that did not write them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fluxdesk import __version__
from fluxdesk.api.refs import is_library_ref
from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import _
from fluxdesk.library.metadata import IMAGE_MARKER, Redactor, image_marker
from fluxdesk.library.records import GenerationRecord, JobState

SIDECAR_FORMAT = "fluxdesk.record/1"
MAX_SIDECAR_BYTES = 4 << 20
#: what of a record a sidecar keeps (besides the request)
RECORD_FIELDS = (
    "id", "provider", "task_id", "model", "created_at", "submitted_at", "ready_at", "saved_at", "file",
    "width", "height", "format", "bytes", "sha256", "cost", "input_mp", "output_mp", "result_prompt",
    "result_seed",
)
_SECRET_NAME = re.compile(r"key|secret|token|auth|password", re.IGNORECASE)
_NUMBERS = ("created_at", "submitted_at", "ready_at", "saved_at", "cost", "input_mp", "output_mp")
_INTS = ("width", "height", "bytes", "result_seed")
_ID = re.compile(r"[0-9a-f]{8,64}")


class SidecarError(ValueError):
    """A file that is not a usable sidecar; str() is one plain sentence."""


def _is_image_param(name: str) -> bool:
    return "image" in name or name == "mask"


def sidecar_request(request: GenerationRequest) -> dict[str, Any]:
    """The request as recorded (webhooks left out), each input image replaced by a short marker; a
    reference to a library image stays as it is (a rebuild restores it, "use settings" finds it)."""
    data = request.to_dict()
    data["params"] = {
        k: (image_marker(v) if _is_image_param(k) and isinstance(v, str) and v and not is_library_ref(v)
            else v)
        for k, v in sorted(data["params"].items())
    }
    return data


def sidecar_document(record: GenerationRecord) -> dict[str, Any]:
    facts: dict[str, Any] = {name: getattr(record, name) for name in RECORD_FIELDS}
    facts["parents"] = list(record.parents)
    facts["extra"] = {k: v for k, v in sorted(record.extra.items()) if not _SECRET_NAME.search(k)}
    return {
        "format": SIDECAR_FORMAT,
        "creator": f"fluxdesk {__version__}",
        "request": sidecar_request(record.request),
        "record": facts,
    }


def sidecar_bytes(record: GenerationRecord, redactor: Redactor | None = None) -> bytes:
    """The sidecar of a saved record, as written beside its image."""
    doc = (redactor or Redactor()).value(sidecar_document(record))
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n").encode("utf-8")


def record_from_sidecar(data: bytes, file: str) -> GenerationRecord:
    """The record a sidecar describes, saved as `file` (relative to the images dir; the file's own
    name wins over what the sidecar says, since files may be moved). Raises SidecarError.

    Input images, which a sidecar holds only as markers, are left out of the request and kept in
    `extra["inputs"]`, so that reusing the settings asks for them again instead of failing on a marker.
    """
    if len(data) > MAX_SIDECAR_BYTES:
        raise SidecarError(_("The sidecar is too large to be one of fluxdesk's."))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise SidecarError(_("The sidecar is not valid JSON.")) from None
    if not isinstance(doc, dict) or doc.get("format") != SIDECAR_FORMAT:
        raise SidecarError(_("The JSON file is not a fluxdesk library sidecar."))
    facts, req = doc.get("record"), doc.get("request")
    if not isinstance(facts, dict) or not isinstance(req, dict) or not isinstance(req.get("model"), str):
        raise SidecarError(_("The sidecar holds no record."))
    if not isinstance(facts.get("id"), str) or not _ID.fullmatch(facts["id"]):
        raise SidecarError(_("The sidecar's record has no valid id."))
    given = req.get("params")
    params: dict[str, Any] = given if isinstance(given, dict) else {}
    inputs = {k: v for k, v in params.items() if isinstance(v, str) and IMAGE_MARKER.match(v)}
    kept = {str(k): v for k, v in params.items() if k not in inputs}
    request = GenerationRequest(req["model"], str(req.get("prompt") or ""), kept)
    extra = dict(facts["extra"]) if isinstance(facts.get("extra"), dict) else {}
    if inputs:
        extra["inputs"] = inputs
    values: dict[str, Any] = {
        "id": facts["id"],
        "provider": str(facts.get("provider") or "unknown"),
        "model": request.model,
        "request": request,
        "status": JobState.DONE,
        "file": file,
        "extra": extra,
    }
    for name in ("task_id", "format", "sha256", "result_prompt"):
        value = facts.get(name)
        values[name] = value if isinstance(value, str) else None
    for name in _NUMBERS:
        value = facts.get(name)
        values[name] = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else (
            None
        )
    for name in _INTS:
        value = facts.get(name)
        values[name] = value if isinstance(value, int) and not isinstance(value, bool) else None
    values["created_at"] = values["created_at"] or values["saved_at"] or 0.0
    values["progress"] = 1.0
    values["parents"] = _parents(facts.get("parents"))
    return GenerationRecord(**values)


def _parents(value: Any) -> tuple[str, ...]:
    """The parents a sidecar names (ids only: anything else in the list is not one)."""
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and _ID.fullmatch(v))
