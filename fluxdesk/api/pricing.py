"""What a batch will probably cost, from the providers' published prices. Data plus one function.

An estimate, never a bill: the provider's submit reply (`SubmittedTask.cost`) says what it charged.
Black Forest Labs prices in credits (1 credit = 1 US cent): FLUX.1 models per image, FLUX.2 by the
megapixel, the first output megapixel at one price and each further one (output or input) at
another. Its `output_mp` counts megapixels of 2**20 pixels (1024x768 is 0.75). CometAPI sells the
same models at its own US dollar prices per request; its pages disagree with each other, so
fluxdesk carries no CometAPI price and says so. Sources and open points: docs/providers.md.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.request import GenerationRequest
from fluxdesk.i18n import N_, _, ngettext

#: BFL's credit, in US dollars
BFL_CREDIT_USD = 0.01
MEGAPIXEL = 1 << 20
_HEADER_PREFIX = 64 * 1024  # base64 characters decoded to read an image's size from its header


@dataclass(frozen=True)
class Price:
    """One model's price in credits. `per_image`: FLUX.1's flat price. FLUX.2: `first_mp` for the first
    output megapixel, `per_mp` for each further output megapixel (started) and each input megapixel."""

    per_image: float | None = None
    first_mp: float | None = None
    per_mp: float = 0.0
    source: str = ""
    unsure: str = ""  # why this price may be off, when it may

    @property
    def by_megapixel(self) -> bool:
        return self.first_mp is not None


_PRICING_PAGE = "docs.bfl.ai/quick_start/pricing"
_BFL_FORMULA = "BFL's API guide (first MP + further MP + input MP)"

#: docs/providers.md, "Money", says where each figure comes from
BFL_PRICES: Mapping[str, Price] = {
    "flux-pro-1.1": Price(per_image=4.0, source=_PRICING_PAGE),
    "flux-pro-1.1-ultra": Price(per_image=6.0, source=_PRICING_PAGE),
    "flux-kontext-pro": Price(per_image=4.0, source=_PRICING_PAGE),
    "flux-kontext-max": Price(per_image=8.0, source=_PRICING_PAGE),
    "flux-pro-1.0-fill": Price(per_image=5.0, source=_PRICING_PAGE),
    "flux-dev": Price(
        per_image=2.5,
        source="a relay's page quoting BFL's list price",
        unsure=N_("FLUX.1 [dev] is no longer on BFL's pricing page."),
    ),
    "flux-2-klein-4b": Price(first_mp=1.4, per_mp=0.1, source=_BFL_FORMULA),
    "flux-2-klein-9b": Price(first_mp=1.5, per_mp=0.2, source=_BFL_FORMULA),
    "flux-2-pro": Price(first_mp=3.0, per_mp=1.5, source=_BFL_FORMULA),
    "flux-2-max": Price(first_mp=7.0, per_mp=3.0, source=_BFL_FORMULA),
    "flux-2-flex": Price(
        first_mp=5.0,
        per_mp=5.0,
        source=_BFL_FORMULA,
        unsure=N_("some relays quote FLUX.2 [flex] at 6 credits a megapixel."),

    ),
}

#: CometAPI's per-request dollar prices could not be read reliably (see the module docstring)
COMETAPI_PRICES: Mapping[str, Price] = {}
PRICES: Mapping[str, Mapping[str, Price]] = {BFL: BFL_PRICES, COMETAPI: COMETAPI_PRICES}


@dataclass(frozen=True)
class Estimate:
    """An estimate for a batch. `credits` is the total when every request has a known price, else None;
    `known` is the sum of the prices that are known. `notes` are plain sentences worth showing."""

    provider: str
    per_request: tuple[float | None, ...]
    notes: tuple[str, ...]

    @property
    def credits(self) -> float | None:
        if not self.per_request or any(p is None for p in self.per_request):
            return None
        return round(sum(p for p in self.per_request if p is not None), 2)

    @property
    def known(self) -> float:
        return round(sum(p for p in self.per_request if p is not None), 2)

    @property
    def usd(self) -> float | None:
        """The total in US dollars (BFL credits are cents); None when not known."""
        credits = self.credits
        return None if credits is None or self.provider != BFL else round(credits * BFL_CREDIT_USD, 4)

    def summary(self) -> str:
        """One sentence for a status line or --dry-run: 'About 9 credits ($0.09) for 3 images, an
        estimate.' or why there is none."""
        count = len(self.per_request)
        images = ngettext("{n} image", "{n} images", count).format(n=count)

        credits = self.credits
        if credits is not None and self.usd is not None:
            return _("About {credits:g} credits (${usd:.2f}) for {images}, an estimate.").format(
                credits=credits, usd=self.usd, images=images)
        if self.known:
            return _("At least {known:g} credits for {images}; some prices are not known.").format(
                known=self.known, images=images)
        return _("No price known for {images}.").format(images=images)


def image_size(value: Any) -> tuple[int, int] | None:
    """(width, height) of a base64 image from its header; None for links and unreadable data."""
    if not isinstance(value, str) or value.startswith(("http://", "https://")):
        return None
    text = value.split(",", 1)[1] if value.startswith("data:") and "," in value else value
    from PIL import Image, UnidentifiedImageError  # Pillow only when an estimate reads an image

    for chunk in (text[: _HEADER_PREFIX - _HEADER_PREFIX % 4], text):
        try:
            data = base64.b64decode(chunk, validate=False)
            with Image.open(io.BytesIO(data)) as probe:
                return int(probe.size[0]), int(probe.size[1])
        except (binascii.Error, ValueError, OSError, UnidentifiedImageError, SyntaxError,
                Image.DecompressionBombError):
            if len(chunk) == len(text):
                return None
    return None


def _inputs(request: GenerationRequest) -> tuple[float, int, tuple[int, int] | None]:
    """Input megapixels that could be read, how many inputs could not (links), the first one's size."""
    total = 0.0
    unread = 0
    first: tuple[int, int] | None = None
    for name in sorted(k for k in request.params if k.startswith("input_image")):
        size = image_size(request.params[name])
        if size is None:
            unread += 1
            continue
        if name == "input_image":
            first = size
        total += size[0] * size[1] / MEGAPIXEL
    return total, unread, first


def _flux2_price(price: Price, request: GenerationRequest, notes: set[str]) -> float:
    input_mp, unread, first = _inputs(request)
    if unread:
        notes.add(_("Reference images given as links are not counted; they add to the price."))
    size = request.size or first
    if size is None:
        notes.add(_("A size that matches an input image fluxdesk cannot read is counted as 1 megapixel."))
        output_mp = 1.0
    else:
        output_mp = min(size[0] * size[1] / MEGAPIXEL, 4.0)
    further = max(0, math.ceil(output_mp - 1e-9) - 1)
    return (price.first_mp or 0.0) + further * price.per_mp + input_mp * price.per_mp


def estimate(requests: Iterable[GenerationRequest], provider: str) -> Estimate:
    """What `requests` will probably cost at `provider`, request by request, with notes."""
    table = PRICES.get(provider, {})
    notes: set[str] = set()
    per_request: list[float | None] = []
    for request in requests:
        price = table.get(request.model)
        if price is None:
            per_request.append(None)
            if provider == COMETAPI:
                notes.add(_("CometAPI sets its own prices; see its pricing page for these models."))
            else:
                notes.add(_("No published price for {model} was found.").format(model=request.model))
            continue
        if price.unsure:
            notes.add(_("{model}: {doubt}").format(model=request.model, doubt=_(price.unsure)))
        cost = _flux2_price(price, request, notes) if price.by_megapixel else price.per_image or 0.0
        per_request.append(round(cost, 2))
    if provider == BFL and any(p is not None for p in per_request):
        notes.add(_("An estimate from Black Forest Labs' published prices; each reply says the real cost."))
    return Estimate(provider=provider, per_request=tuple(per_request), notes=tuple(sorted(notes)))
