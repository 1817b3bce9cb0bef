"""`fluxdesk sim`: run the built-in Flux-compatible simulator until Ctrl+C.

The first line printed is the base URL (flushed at once), so scripts can read it and aim a client at it.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from fluxdesk.i18n import _
from fluxdesk.sim.money import DEFAULT_CREDITS
from fluxdesk.sim.server import DEMO_KEY, SimConfig, SimServer


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "sim",
        help=_("run the built-in Flux-compatible simulator"),
        description=_("Run a Flux-compatible HTTP server (CometAPI and BFL shapes) until Ctrl+C. "
                      "Prints its base URL on the first line."),
    )
    parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    parser.add_argument("--port", type=int, default=0, help=_("port (default 0: any free port)"))
    parser.add_argument("--latency", type=float, default=3.0,
                        help=_("seconds from submit to Ready (default 3)"))
    parser.add_argument("--url-ttl", type=float, default=600.0,
                        help=_("seconds a delivery link lives after Ready (default 600)"))
    parser.add_argument("--faults", default="", metavar=_("SPEC"),
                        help=_("fault spec, e.g. 'poll500:3,submit429:1:retry=2' "
                               "(see fluxdesk/sim/faults.py)"))
    parser.add_argument("--max-active", type=int, default=24, help=_("active tasks per key (default 24)"))
    parser.add_argument("--credits", type=float, default=DEFAULT_CREDITS,
                        help=_("each key's starting balance in BFL credits (402 once spent)"))
    parser.add_argument("--state", type=Path, default=None, metavar=_("FILE"),
                        help=_("keep tasks and balances in this JSON file across restarts"))
    parser.add_argument("--polling-base", default=None, metavar="URL",
                        help=_("base of BFL polling URLs, e.g. http://localhost:{port} (default: its own)"))
    parser.add_argument("--ignore-unknown-fields", action="store_true",
                        help=_("accept fields a model does not take (as most BFL endpoints do) "
                               "instead of 422"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = SimConfig(
        latency=args.latency, url_ttl=args.url_ttl, faults=args.faults, max_active=args.max_active,
        credits=args.credits, state_path=args.state, polling_base=args.polling_base,
        unknown_fields="ignore" if args.ignore_unknown_fields else "reject",
    )
    try:
        server = SimServer(config, host=args.host, port=args.port)
    except ValueError as exc:  # a malformed fault spec
        print(_("fluxdesk sim: {error}").format(error=exc), file=sys.stderr)
        return 2
    base_url = server.start()
    print(base_url, flush=True)
    print(_("Flux simulator on {url} (CometAPI: /flux/v1/..., BFL: /v1/...); any key works, e.g. "
            "'{key}'. Ctrl+C stops it.").format(url=base_url, key=DEMO_KEY), file=sys.stderr, flush=True)

    stop = threading.Event()
    try:
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
