"""Fault injection for the simulator, driven by a spec string.

Grammar (whitespace, "," or ";" separate items)::

    spec   := item ((","|";"|" ") item)*
    item   := name [":" count] (":" key "=" value)*     counting: the next `count` (default 1) matches
            | name "@" prob (":" key "=" value)*        probability: each match with chance prob (0..1),
                                                         drawn from a seeded RNG (SimConfig.fault_seed)

Request faults act on the HTTP exchange. Their name is an optional route prefix, `submit`, `poll` or
`delivery` (no prefix: any of the three), followed by a kind:

    500 502 503 504 524   answer that status with the provider's JSON error body (option retry=SECONDS
                          with where=header|body|both, as for 429: a pause asked for, none by default;
                          option errcode=S: CometAPI's error.code, e.g. errcode=invalid_request for
                          the 500 it answers some malformed requests with)
    400 401 402 403       answer that status with the provider's JSON error body (402: out of credits)
    429                   answer 429 (option retry=SECONDS, default 1; option where=header|body|both,
                          default header: Retry-After, and/or "retry_after" in the JSON body)
    reset                 close the socket without answering (a TCP reset)
    stall                 sleep before answering normally (option secs=S, default 5, at most 60)
    html                  answer a text/html error page (option code=N, default 502; code=200 for a
                          web page with 200, as a captive portal or a misrouted proxy sends)
    badjson               answer 200 with a body that is not valid JSON (a cut-off reply)
    nostatus              answer 200 with a JSON object that has no "status" (or no "id" on submit)
    empty                 answer 200 with an empty body
    outage                every request on the route fails until N seconds have passed since the
                          fault was given (option secs=N, default 10; option code=N, default 503, or
                          code=reset for dropped connections); the count is ignored. The seconds are
                          the simulator's (`SimConfig.clock`), so a test moves an outage past too

    e.g. "poll500:3"  "submit429:2:retry=1:where=body"  "poll503:1:retry=4:where=body"
         "submit500:1:errcode=invalid_request"  "pollreset"  "stall:1:secs=5"  "poll503@0.2"
         "polloutage:secs=30"  "deliveryoutage:secs=5:code=reset"  "submit402"

Delivery faults act on the next image downloads (the route is implied); "truncated:3" damages the
next three downloads in a row:

    truncated             the image cut in half (Content-Length matches the short body)
    cutoff                Content-Length of the full image, half the body, then the socket closes
    corrupt               the image with its first bytes overwritten (no longer decodable)

Task faults act on the next tasks submitted (the route is implied):

    nopolling             the submit reply has no polling_url (CometAPI: {"id", "status": "Pending"})
    foreign               the polling_url points at http://evil.example.invalid (option host=H)
    notfound              every poll of the task answers status "Task not found"
    error / failed        the task ends with status "Error" / "Failed" instead of Ready
    unknown               the task reports unknown statuses ("Reasoning", then "Generating") instead
                          of Pending (option name=S: report only S)
    expired               the task's delivery link is already expired when it is Ready (403)
    reqmod / contentmod   the task ends "Request Moderated" / "Content Moderated"

Unknown names or malformed items raise `ValueError` with a plain sentence.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

ROUTES = ("submit", "poll", "delivery")
STATUS_KINDS = frozenset({"400", "401", "402", "403", "500", "502", "503", "504", "524", "429"})
REQUEST_KINDS = STATUS_KINDS | {"reset", "stall", "html", "badjson", "nostatus", "empty", "outage"}
DEFAULT_OUTAGE = 10.0
DELIVERY_KINDS = frozenset({"truncated", "cutoff", "corrupt"})
TASK_KINDS = frozenset(
    {"nopolling", "foreign", "notfound", "error", "failed", "unknown", "expired", "reqmod", "contentmod"}
)
MAX_STALL = 60.0

_ITEM = re.compile(
    r"^(?P<name>[a-z0-9]+)(?:@(?P<prob>[0-9.]+)|:(?P<count>\d+))?(?P<opts>(?::[a-z]+=[^:]*)*)$"
)


@dataclass
class Fault:
    """One parsed item. `remaining` counts down (counting form); `probability` is for the other form."""

    kind: str
    route: str | None  # "submit" | "poll" | "delivery" | None (any route); task faults: None
    remaining: int | None = 1
    probability: float | None = None
    options: dict[str, str] = field(default_factory=dict)
    until: float | None = None  # outage: when it ends, on the plan's clock

    @property
    def is_task_fault(self) -> bool:
        return self.kind in TASK_KINDS

    def option_float(self, name: str, default: float) -> float:
        try:
            return float(self.options.get(name, default))
        except ValueError:
            return default

    def matches(self, route: str) -> bool:
        return self.route is None or self.route == route

    @property
    def outage_code(self) -> str:
        """ "reset" or the HTTP status an outage answers with."""
        code = self.options.get("code", "503").strip().lower()
        return "reset" if code == "reset" else str(int(self.option_float("code", 503.0)))


def _split_name(name: str) -> tuple[str | None, str]:
    for route in ROUTES:
        if name.startswith(route) and name != route:
            return route, name[len(route) :]
    return None, name


def parse_faults(spec: str, now: float | None = None) -> list[Fault]:
    """Parse a fault spec (see the module docstring); raises ValueError on anything not understood.
    `now`: the time an outage starts from (default `time.monotonic()`)."""
    start = time.monotonic() if now is None else now
    faults: list[Fault] = []
    for item in re.split(r"[,;\s]+", spec.strip().lower()):
        if not item:
            continue
        m = _ITEM.match(item)
        if not m:
            raise ValueError(f"Fault '{item}' is not understood; write e.g. poll500:3 or poll500@0.2.")
        route, kind = _split_name(m["name"])
        if kind in DELIVERY_KINDS:
            if route not in (None, "delivery"):
                raise ValueError(f"Fault '{item}': {kind} only happens on delivery.")
            route = "delivery"
        elif kind in TASK_KINDS:
            if route is not None:
                raise ValueError(f"Fault '{item}': {kind} acts on tasks and takes no route.")
        elif kind not in REQUEST_KINDS:
            raise ValueError(f"Unknown fault '{m['name']}' in '{item}'.")
        options = dict(opt.split("=", 1) for opt in m["opts"].split(":") if opt)
        probability: float | None = None
        remaining: int | None = int(m["count"]) if m["count"] else 1
        if m["prob"] is not None:
            try:
                probability = float(m["prob"])
            except ValueError:
                raise ValueError(f"Fault '{item}': {m['prob']} is not a probability.") from None
            if not 0.0 <= probability <= 1.0:
                raise ValueError(f"Fault '{item}': the probability must be between 0 and 1.")
            remaining = None
        fault = Fault(kind, route, remaining, probability, options)
        if kind == "outage":
            code = options.get("code", "503").strip().lower()
            if code != "reset" and not (code.isdigit() and 400 <= int(code) <= 599):
                raise ValueError(f"Fault '{item}': code must be an HTTP error status or reset.")
            fault.remaining = fault.probability = None
            fault.until = start + max(0.0, fault.option_float("secs", DEFAULT_OUTAGE))
        faults.append(fault)
    return faults


class FaultPlan:
    """The faults still to happen; thread-safe. Counting faults are used up in the order they were given.

    `clock` times outages: the simulator passes its own (`SimConfig.clock`), the one tasks and links
    follow, so an outage and a task's progress are seen on the same time.
    """

    def __init__(self, spec: str = "", *, seed: int = 0, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._clock = clock
        self._faults = parse_faults(spec, clock())

    def set(self, spec: str) -> None:
        faults = parse_faults(spec, self._clock())  # parse outside the lock; fail before changing anything
        with self._lock:
            self._faults = faults

    def pending(self) -> list[Fault]:
        with self._lock:
            return [
                Fault(f.kind, f.route, f.remaining, f.probability, dict(f.options), f.until)
                for f in self._faults
            ]

    def take_request_fault(self, route: str) -> Fault | None:
        """The request or delivery fault to apply to this request on `route`, if any."""
        return self._take(route, lambda f: not f.is_task_fault)

    def take_task_faults(self) -> list[Fault]:
        """Every task fault that applies to the task being submitted now (one of each kind at most)."""
        taken: list[Fault] = []
        with self._lock:
            seen: set[str] = set()
            for f in self._faults:
                if f.is_task_fault and f.kind not in seen and self._fire(f):
                    seen.add(f.kind)
                    taken.append(f)
            self._drop_used()
        return taken

    def _take(self, route: str, wanted: Callable[[Fault], bool]) -> Fault | None:
        with self._lock:
            for f in self._faults:
                if wanted(f) and f.matches(route) and self._fire(f):
                    self._drop_used()
                    return f
        return None

    def _fire(self, f: Fault) -> bool:
        if f.until is not None:
            return self._clock() < f.until
        if f.probability is not None:
            return self._rng.random() < f.probability
        if f.remaining is None or f.remaining <= 0:
            return False
        f.remaining -= 1
        return True

    def _drop_used(self) -> None:
        now = self._clock()
        self._faults = [
            f
            for f in self._faults
            if (f.until is not None and now < f.until)
            or (f.until is None and (f.remaining is None or f.remaining > 0))
        ]
