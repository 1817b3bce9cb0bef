"""How the details panel writes a record's values: parameters, cost, megapixels, durations, dates."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from fluxdesk.api.catalog import Kind
from fluxdesk.api.refs import library_ref_id
from fluxdesk.draft.budget import credits_text
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.i18n import translate

#: parameters shown in rows of their own, not among the others
HIDDEN_PARAMS = frozenset({"prompt", "seed"})


def format_value(kind: Kind | None, value: Any) -> str:
    if value is None:
        return "—"
    if kind is Kind.IMAGE:
        ref = library_ref_id(value)
        if ref:
            return translate("Details", "library image {id}").format(id=ref[:8])
        return translate("Details", "(image)")
    if isinstance(value, bool) or kind is Kind.BOOL:
        return translate("Details", "Yes") if value else translate("Details", "No")
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if len(text) > 200:  # a base64 blob the catalogue does not know as an image
        return translate("Details", "(data)")
    return text


def format_cost(record: GenerationRecord) -> str:
    """'4 credits ($0.04)' as the provider reported it; what is known when it reported nothing."""
    if record.cost is None:
        return translate("Details", "Not reported by the provider")
    credits = credits_text(record.cost)
    if record.provider == "bfl":
        return translate("Details", "{credits} credits ({dollars})").format(
            credits=credits, dollars=f"${record.cost / 100:.2f}"
        )
    return translate("Details", "{credits} credits").format(credits=credits)


def format_megapixels(record: GenerationRecord) -> str:
    if record.input_mp is None and record.output_mp is None:
        return "—"
    parts = []
    if record.input_mp:
        parts.append(translate("Details", "in {megapixels}").format(megapixels=f"{record.input_mp:g}"))
    if record.output_mp is not None:
        parts.append(translate("Details", "out {megapixels}").format(megapixels=f"{record.output_mp:g}"))
    return " · ".join(parts) or "—"


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return translate("Details", "{seconds} s").format(seconds=f"{seconds:.1f}")
    minutes, rest = divmod(round(seconds), 60)
    return translate("Details", "{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{rest:02d}")


def format_time(stamp: float | None) -> str:
    if not stamp:
        return "—"
    return _dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")
