"""A draft as JSON (versioned), and the small file it is kept in between sessions.

Only the sources of images are kept (a library id, a path, a link), never their data: the front
reads them again at the next start, and one that is gone is dropped with a sentence. Images that
came as data with an image's settings have no source and are not kept; nor is the webhook secret.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fluxdesk.draft.inputs import MASK, ImageInput, ImageSource
from fluxdesk.draft.seeds import SeedMode
from fluxdesk.i18n import _

if TYPE_CHECKING:
    from fluxdesk.draft.draft import Draft

VERSION = 1
DRAFT_FILE = "draft.json"
#: a saved draft is a few hundred bytes; anything far bigger is not one
MAX_FILE_BYTES = 1 << 20
_SCALARS = (str, int, float, bool)


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "version": VERSION,
        "model": draft.model,
        "prompt": draft.prompt,
        "values": {k: v for k, v in draft._memory.items() if isinstance(v, _SCALARS)},
        "seed_mode": draft.seed_mode.value,
        "seed": draft._seed if isinstance(draft._seed, int | str) else None,
        "last_seed": draft.last_seed,
        "batch": draft.batch,
        "inputs": [_image_to_dict(i) for i in draft.inputs],
        "mask": _image_to_dict(draft.mask),
        "webhook_url": draft.webhook_url,
    }


def _image_to_dict(item: ImageInput | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"source": item.source.to_dict(), "label": item.label}


def draft_from_dict(draft: Draft, data: Mapping[str, Any], notes: list[str] | None = None) -> Draft:
    out = notes if notes is not None else []
    if not isinstance(data, Mapping) or data.get("version") != VERSION:
        out.append(_("The saved draft is from another version of fluxdesk, so it was not restored."))
        return draft
    try:
        _restore(draft, data, out)
    except (KeyError, TypeError, ValueError, AttributeError):
        out.append(_("The saved draft could not be read, so it was not restored."))
        fresh = type(draft)(draft.catalog, draft.model, rng=draft._rng)
        return fresh
    return draft


def _restore(draft: Draft, data: Mapping[str, Any], notes: list[str]) -> None:
    model = str(data.get("model") or draft.model)
    values = dict(data.get("values") or {})
    draft._memory = {str(k): v for k, v in values.items() if isinstance(v, _SCALARS)}
    # the remembered values reach the model the way a switch of model brings them
    start, draft._model = draft.model, ""
    if model in draft.catalog:
        draft.set_model(model)
    else:
        notes.append(_("The model {model} of the last session is not one fluxdesk knows; kept "
                       "{start}.").format(model=model, start=start))
        draft.set_model(start)
    draft.set_prompt(str(data.get("prompt") or ""))
    draft.set_batch(int(data.get("batch") or 1))
    last = data.get("last_seed")
    draft._last_seed = int(last) if isinstance(last, int) and not isinstance(last, bool) else None
    mode = SeedMode(str(data.get("seed_mode") or SeedMode.RANDOM.value))
    seed = data.get("seed")
    if mode is SeedMode.LOCKED and isinstance(seed, int | str) and seed != "":
        draft.lock_seed(seed)
    elif mode is SeedMode.REUSE:
        draft.reuse_last_seed()
    url = data.get("webhook_url")
    draft.set_webhook(str(url) if url else None)
    inputs = list(data.get("inputs") or [])
    images = draft._images
    images.clear()
    for index, item in enumerate(inputs):
        images.put(index, _image_from_dict(draft, item, notes))
    images.put(MASK, _image_from_dict(draft, data.get("mask"), notes))


def _image_from_dict(draft: Draft, item: Any, notes: list[str]) -> ImageInput | None:
    if not isinstance(item, Mapping):
        return None
    source = item.get("source")
    if not isinstance(source, Mapping):
        notes.append(_("An image taken from an image's settings is not kept between sessions; choose it "
                       "again."))
        return None
    label = item.get("label")
    return draft._images.new(ImageSource.from_dict(source), str(label) if label else None, restored=True)


# ---- the file -------------------------------------------------------------------------------------


def read_draft_file(path: Path) -> dict[str, Any] | None:
    """The saved draft, or None when there is none or it is not one (never raises)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_draft_file(path: Path, data: Mapping[str, Any]) -> None:
    """Atomically: a crash mid-write leaves the previous draft, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
