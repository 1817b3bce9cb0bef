"""How a request names an image of the user's library instead of carrying its bytes.

An input image that is a library item is recorded as `library:<id>` (the item's id), a few dozen
bytes where its base64 would be megabytes. Such a request is valid (`api.request` accepts the
reference wherever it accepts an image) but it is never sent as it is: the engine reads the library's
file and puts its base64 in place just before the submit (`Library.resolve_inputs`), so a job queued
before a crash can still be sent after a restart, and "Use these settings" finds the images again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

LIBRARY_REF_PREFIX = "library:"
_REF = re.compile(r"^library:([0-9a-f]{8,64})$")
#: parameters that carry an image but are no input of the lineage (the mask says where, not what)
NOT_PARENTS = frozenset({"mask"})


def library_ref(record_id: str) -> str:
    """The reference to a library item, as a request records it."""
    return LIBRARY_REF_PREFIX + record_id


def library_ref_id(value: Any) -> str | None:
    """The library id a request value refers to, or None when it is no reference (data, a link)."""
    if not isinstance(value, str) or not value.startswith(LIBRARY_REF_PREFIX):
        return None
    m = _REF.match(value.strip())
    return m.group(1) if m else None


def is_library_ref(value: Any) -> bool:
    return library_ref_id(value) is not None


def input_order(name: str) -> tuple[str, int]:
    """Where an image parameter comes in a model's inputs: `input_image` first, then `_2` ... `_8`."""
    base, _, number = name.rpartition("_")
    if base and number.isdigit():
        return base, int(number)
    return name, 1


def referenced_ids(params: Mapping[str, Any]) -> list[str]:
    """The library ids an input of `params` refers to, in input order (the mask left out)."""
    found = [(input_order(k), ref) for k, v in params.items()
             if k not in NOT_PARENTS and (ref := library_ref_id(v)) is not None]
    return [ref for _key, ref in sorted(found)]


def has_library_refs(params: Mapping[str, Any]) -> bool:
    return any(is_library_ref(v) for v in params.values())
