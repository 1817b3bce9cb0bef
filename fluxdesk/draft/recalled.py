"""Settings read back from an image file (`library.recall`), put into a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fluxdesk.api.errors import InvalidRequest
from fluxdesk.i18n import _
from fluxdesk.library.recall import RecalledSettings

if TYPE_CHECKING:
    from fluxdesk.draft.draft import Draft


def apply_recalled(draft: Draft, recalled: RecalledSettings, name: str) -> str:
    """Use what `recalled` carries; returns one sentence saying what was used and what was skipped."""
    if recalled.source == "none":
        return _("{name} carries no generation settings.").format(name=name)
    notes: list[str] = []
    if recalled.model is None or recalled.model not in draft.catalog:
        # e.g. A1111 text from another tool: keep the current model, take what fits it
        spec = draft.spec
        with draft.changes():
            draft.set_params({k: v for k, v in recalled.params.items() if spec.takes(k)})
            draft.set_prompt(recalled.prompt)
        notes.append(_("no known model, kept {id}").format(id=spec.id))
    else:
        try:
            request = recalled.to_request(draft.catalog, notes)
        except InvalidRequest as exc:
            return _("Could not use the settings of {name}: {exc}").format(name=name, exc=exc)
        draft.use_request(request)
    skipped = [*recalled.skipped, *notes]
    text = _("Settings recalled from {name}.").format(name=name)
    if skipped:
        text += " " + _("Skipped: {items}.").format(items="; ".join(s.rstrip(".") for s in skipped[:3]))
    return text
