"""The one rule for the seeds of a batch, and the batch limit, for both fronts.

A batch has a base seed (random, or the locked one, or the last one used) and the images after the
first take the seeds after it: s, s+1, s+2, ... wrapping to 0 past the model's largest seed. So every
image of a batch differs, and any one of them can be made again from its own seed.
"""

from __future__ import annotations

from enum import StrEnum

from fluxdesk.api.catalog import SEED_MAX, ModelSpec
from fluxdesk.api.errors import FieldError
from fluxdesk.i18n import _

#: the most images one Generate (or `fluxdesk generate --count`) sends at once: BFL's 24 active tasks
#: per account, so one batch can fill the account and no more
MAX_BATCH = 24


class SeedMode(StrEnum):
    RANDOM = "random"  # a new random base seed for every batch
    LOCKED = "locked"  # the seed the user set (or that an image was made with)
    REUSE = "reuse"  # the base seed of the last batch made


def seed_maximum(spec: ModelSpec) -> int:
    return int(spec.param("seed").maximum or SEED_MAX) if spec.takes("seed") else SEED_MAX


def batch_seeds(base: int, count: int, maximum: int) -> list[int]:
    """`count` consecutive seeds from `base`, wrapping to 0 after `maximum`."""
    return [(base + i) % (maximum + 1) for i in range(count)]


def batch_errors(count: object) -> list[FieldError]:
    """A batch count outside 1..MAX_BATCH, as one sentence for the `batch` field."""
    ok = isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= MAX_BATCH
    if ok:
        return []
    return [FieldError("batch", _("Batch count must be between 1 and {most}, not "
                                  "{count}.").format(most=MAX_BATCH, count=count))]
