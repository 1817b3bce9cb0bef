"""What the provider reports it used: the prompt after upsampling, and the seed it drew.

Prompt upsampling (``prompt_upsampling: true``; on by default for FLUX.2 [pro]/[max] unless
``disable_pup``, and for [flex]) makes the provider rewrite the prompt, and ``result.prompt`` in the
Ready reply carries the rewrite (a real FLUX.2 [pro] reply turned a short Chinese prompt into a long
English description). The simulator's rewrite is deterministic: the prompt followed by descriptive
phrases chosen from a hash of it. A request without a seed, and Kontext's seed 0, get a seed drawn from
the task id, reported in ``result.seed``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from fluxdesk.sim.spec import KONTEXT, Endpoint

_PHRASES = (
    "soft natural light",
    "rich fine detail",
    "shallow depth of field",
    "balanced composition",
    "warm color palette",
    "crisp focus on the subject",
    "gentle atmospheric haze",
    "high dynamic range",
    "subtle film grain",
    "photographed with a 50mm lens",
    "clean background",
    "vivid yet natural colors",
)
SEED_SPACE = 2**32


def upsampling_on(endpoint: Endpoint, params: Mapping[str, Any]) -> bool:
    if endpoint.upsampling == "disable_pup":
        return not params.get("disable_pup", False)
    if endpoint.upsampling == "prompt_upsampling":
        return bool(params.get("prompt_upsampling"))
    return False


def upsample(prompt: str) -> str:
    digest = hashlib.sha256(prompt.encode()).digest()
    chosen: list[str] = []
    for byte in digest:
        phrase = _PHRASES[byte % len(_PHRASES)]
        if phrase not in chosen:
            chosen.append(phrase)
        if len(chosen) == 3:
            break
    text = prompt.strip().rstrip(".")
    return f"{text}, {', '.join(chosen)}" if text else ", ".join(chosen).capitalize()


def provider_prompt(endpoint: Endpoint, prompt: str, params: Mapping[str, Any]) -> str:
    return upsample(prompt) if upsampling_on(endpoint, params) else prompt


def provider_seed(endpoint: Endpoint, params: Mapping[str, Any], task_id: str) -> int:
    seed = params.get("seed")
    if seed is None or (endpoint.family == KONTEXT and seed == 0):
        return int.from_bytes(hashlib.sha256(task_id.encode()).digest()[:4], "big") % SEED_SPACE
    return int(seed)
