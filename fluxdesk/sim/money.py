"""What a task costs (in BFL credits, 1 credit = $0.01) and each key's balance.

Prices, from BFL's published pricing (bfl.ai/pricing, BFL's own API guide in its public "skills"
repository, and costs seen in real submit replies):

- Flat per image: FLUX1.1 [pro] 4 credits, FLUX1.1 [pro] Ultra 6 (raw too), FLUX.1 [dev] 2.5,
  FLUX.1 [pro] 5, Kontext [pro] 4, Kontext [max] 8, Fill [pro] 5, Expand [pro] 5, Canny/Depth [pro] 5.
- FLUX.2, by megapixel: a price for the first output megapixel, another for each further output
  megapixel and for each input megapixel. [pro] 3 + 1.5, [max] 7 + 3, [flex] 5 + 5, [klein] 4B
  1.4 + 0.1, [klein] 9B 1.5 + 0.2 (BFL's API guide for agents, github.com/black-forest-labs/skills,
  skills/bfl-api/SKILL.md: "1st MP" and "+MP" per model, and the formula
  ``firstMP + (outputMP - 1) * mpPrice + inputMP * mpPrice``; BFL's pricing page agrees: [flex]
  "from $0.05"). A real [pro] reply for 1024x1024 said cost 3.0 with output_mp 1.0, and one for
  1440x1440 said 4.5 with output_mp 1.98: further output megapixels are counted per started
  megapixel here (ceil), which fits both. Input megapixels are counted as they are, as the formula
  reads (nothing published rounds them).

Balances: every key starts at `SimConfig.credits`; a task's cost is held at submit (402 when the
balance cannot pay it) and given back when the task ends moderated (BFL does not charge moderated
requests). `GET /v1/credits` answers ``{"credits": n}``. CometAPI has no such route on its API host: its
balance is ``GET https://query.cometapi.com/user/quota?key=...`` in US dollars, which the simulator
answers on its own host at ``/user/quota``.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from fluxdesk.sim.spec import FLUX2, Endpoint

FLAT = {
    "flux-pro-1.1": 4.0,
    "flux-pro-1.1-ultra": 6.0,
    "flux-dev": 2.5,
    "flux-pro": 5.0,
    "flux-kontext-pro": 4.0,
    "flux-kontext-max": 8.0,
    "flux-pro-1.0-fill": 5.0,
    "flux-pro-1.0-expand": 5.0,
    "flux-pro-1.0-canny": 5.0,
    "flux-pro-1.0-depth": 5.0,
}
PER_MP = {  # first output MP, each further output MP, each input MP
    "flux-2-pro": (3.0, 1.5, 1.5),
    "flux-2-max": (7.0, 3.0, 3.0),
    "flux-2-flex": (5.0, 5.0, 5.0),
    "flux-2-klein-4b": (1.4, 0.1, 0.1),
    "flux-2-klein-9b": (1.5, 0.2, 0.2),
}
DEFAULT_CREDITS = 1_000_000.0


def cost(endpoint: Endpoint, output_mp: float, input_mp: float) -> float:
    """Credits for one task; FLUX.2 by megapixel, the rest flat."""
    if endpoint.family == FLUX2 and endpoint.id in PER_MP:
        first, further, per_input = PER_MP[endpoint.id]
        extra = math.ceil(max(0.0, output_mp - 1.0) - 1e-9)
        return round(first + extra * further + input_mp * per_input, 2)
    return FLAT.get(endpoint.id, 4.0)


@dataclass
class Account:
    spent: float = 0.0  # charged and settled (tasks that aged out are folded in here)
    requests: int = 0


class Ledger:
    """Per-key balances; the live part of a balance (held costs) is computed by the task store."""

    def __init__(self, start: float) -> None:
        self.start = start
        self._lock = threading.Lock()
        self._accounts: dict[str, Account] = {}

    def account(self, key: str) -> Account:
        with self._lock:
            return self._accounts.setdefault(key, Account())

    def settle(self, key: str, amount: float) -> None:
        with self._lock:
            self._accounts.setdefault(key, Account()).spent += amount

    def count_request(self, key: str) -> None:
        with self._lock:
            self._accounts.setdefault(key, Account()).requests += 1

    def snapshot(self) -> dict[str, dict[str, float]]:
        with self._lock:
            return {k: {"spent": a.spent, "requests": a.requests} for k, a in self._accounts.items()}

    def restore(self, data: dict[str, dict[str, float]]) -> None:
        with self._lock:
            self._accounts = {
                k: Account(float(v.get("spent", 0.0)), int(v.get("requests", 0))) for k, v in data.items()
            }
