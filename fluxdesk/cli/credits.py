"""`fluxdesk credits`: the account's balance (BFL's `/v1/credits`), or why there is none to show.

CometAPI's balance lives on a separate service that wants the key in the web address, which fluxdesk
never does (docs/providers.md, "Money"): for CometAPI this prints that sentence instead.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from fluxdesk.api.client import FluxClient
from fluxdesk.api.errors import FluxError, NotSupported
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.draft.budget import credits_text
from fluxdesk.i18n import N_, _
from fluxdesk.settings import Settings

# data (N_): said translated to a person, in English in --json (its values stay stable for scripts)
NO_KEY = N_("Demo mode: no API key is set (COMETAPI_KEY or BFL_API_KEY), so there is no balance to show.")
BALANCE = N_("{credits} credits (${usd:.2f}) at {provider}.")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "credits",
        help=_("show the account's balance"),
        description=_("Show the balance of the configured account (Black Forest Labs: credits, 1 credit = "
                      "$0.01). CometAPI's balance is not available through its API host; this says so."),
    )
    p.add_argument("--json", action="store_true",
                   help=_('print {{"provider", "credits", "usd", "message"}}').format())
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    config = settings.provider_config()
    return asyncio.run(_show(config, as_json=args.json))


async def _show(config: ProviderConfig | None, *, as_json: bool) -> int:
    provider = config.provider if config is not None else None
    if config is None:
        return _say(provider, None, NO_KEY if as_json else _(NO_KEY), as_json=as_json, code=1)
    try:
        async with FluxClient(config) as client:
            balance = await client.credits()
    except NotSupported as exc:
        return _say(provider, None, str(exc), as_json=as_json, code=1)
    except FluxError as exc:
        return _say(provider, None, str(exc), as_json=as_json, code=1, error=True)
    template = BALANCE if as_json else _(BALANCE)
    text = template.format(credits=credits_text(balance.credits), usd=balance.usd, provider=config.label)
    return _say(provider, balance.credits, text, as_json=as_json, code=0, usd=round(balance.usd, 4))


def _say(
    provider: str | None,
    credits: float | None,
    message: str,
    *,
    as_json: bool,
    code: int,
    usd: float | None = None,
    error: bool = False,
) -> int:
    if as_json:
        print(json.dumps({"provider": provider, "credits": credits, "usd": usd, "message": message}))
    elif credits is not None:
        print(message)
    else:
        print(_("error: {message}").format(message=message) if error else message, file=sys.stderr)

    return code
