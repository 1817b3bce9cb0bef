"""Helpers shared by the library tests: records and small real images."""

from __future__ import annotations

import io
import time
import uuid

from PIL import Image

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.records import GenerationRecord, JobState


def image_bytes(
    width: int = 64, height: int = 48, fmt: str = "PNG", color: tuple[int, int, int] = (200, 80, 40)
) -> bytes:
    img = Image.new("RGB", (width, height), color)
    for x in range(0, width, 4):
        img.putpixel((x, x % height), (x % 256, 255 - x % 256, 90))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def make_record(
    prompt: str = "a red kite over the sea",
    *,
    model: str = "flux-pro-1.1",
    seed: int = 42,
    status: JobState = JobState.QUEUED,
    created_at: float | None = None,
    width: int = 1024,
    height: int = 768,
    **changes: object,
) -> GenerationRecord:
    params = {"seed": seed, "width": width, "height": height, "output_format": "png", "safety_tolerance": 2,
              "prompt_upsampling": False}
    request = GenerationRequest(model, prompt, params)
    record = GenerationRecord(
        id=uuid.uuid4().hex, provider="cometapi", model=model, request=request, status=status,
        created_at=time.time() if created_at is None else created_at,
    )
    return record.evolve(**changes) if changes else record
