"""Helpers for the gallery, details and viewer tests: a real Library in a tmp dir with real images.

(No tests here; the name only keeps it among the gallery's files.)
"""

from __future__ import annotations

import asyncio
import io
import time
import uuid
from collections.abc import Coroutine, Iterable
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState

T = TypeVar("T")

RED = (220, 30, 30)
GREEN = (30, 200, 60)
BLUE = (40, 60, 220)


def run(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, coro: Coroutine[Any, Any, T], timeout: int = 15_000
) -> T:
    """Run a coroutine on the qasync loop from a sync test, driving Qt meanwhile."""
    task = qloop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def png(width: int, height: int, color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def record(
    prompt: str,
    *,
    model: str = "flux-pro-1.1",
    seed: int = 42,
    created_at: float | None = None,
    width: int = 64,
    height: int = 48,
    params: dict[str, Any] | None = None,
) -> GenerationRecord:
    values: dict[str, Any] = {"seed": seed, "output_format": "png"}
    if model in ("flux-pro-1.1", "flux-dev", "flux-pro"):
        values.update({"width": width, "height": height})
    values.update(params or {})
    created = time.time() if created_at is None else created_at
    return GenerationRecord(
        id=uuid.uuid4().hex,
        provider="cometapi",
        model=model,
        request=GenerationRequest(model, prompt, values),
        status=JobState.SUBMITTING,
        created_at=created,
        submitted_at=created + 0.1,
    )


async def add_image(
    library: Library,
    rec: GenerationRecord,
    color: tuple[int, int, int] = RED,
    *,
    width: int = 64,
    height: int = 48,
) -> GenerationRecord:
    await library.add_job(rec)
    return await library.save_result(
        rec.id,
        png(width, height, color),
        width=width,
        height=height,
        fmt="png",
        ready_at=rec.created_at + 2.6,
    )


async def build_library(
    home: Path, specs: Iterable[tuple[str, str, tuple[int, int, int]]], *, start: float = 1_700_000_000.0
) -> tuple[Library, list[GenerationRecord]]:
    """(prompt, model, color) per image; created one second apart in that order (the last is newest)."""
    library = await Library.open(home)
    saved = []
    for i, (prompt, model, color) in enumerate(specs):
        saved.append(
            await add_image(library, record(prompt, model=model, seed=1000 + i, created_at=start + i), color)
        )
    return library, saved


def pixel(image: Any, x: int, y: int) -> tuple[int, int, int]:
    c = image.pixelColor(x, y)
    return (c.red(), c.green(), c.blue())


def close_to(a: tuple[int, int, int], b: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))
