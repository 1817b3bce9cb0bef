"""Provider configuration: where requests go, how the key is sent, which hosts may see it.

The key goes to the configured API host (over https, or plain http on this computer for the
simulator) and, for Black Forest Labs, to its regional API hosts named in a `polling_url`:
`api.bfl.ai`, `api.eu.bfl.ai`, `api.us.bfl.ai` and the numbered `api.eu<N>.bfl.ai` /
`api.us<N>.bfl.ai`, over https on the default port. Nowhere else, whatever a reply says.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.keys import check_key
from fluxdesk.i18n import _

DEFAULT_BASE_URLS = {COMETAPI: "https://api.cometapi.com", BFL: "https://api.bfl.ai"}
KEY_ENV_VARS = {COMETAPI: "COMETAPI_KEY", BFL: "BFL_API_KEY"}
PROVIDER_LABELS = {COMETAPI: "CometAPI", BFL: "Black Forest Labs"}
#: BFL names the region that holds a task in its polling_url; numbered regions (eu2, us3...) exist
BFL_API_HOST = re.compile(r"^api(?:\.(?:eu|us)\d*)?\.bfl\.ai$")


def is_bfl_api_host(host: str) -> bool:
    """api.bfl.ai, api.eu.bfl.ai, api.us.bfl.ai, api.eu2.bfl.ai, api.us13.bfl.ai... and nothing else."""
    return bool(BFL_API_HOST.match(host.lower().rstrip(".")))


def is_loopback(host: str) -> bool:
    """localhost, 127.x.x.x or ::1: this computer, where plain http cannot be overheard."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be an API address, as one sentence; None when it can.

    https anywhere, or plain http on this computer (the simulator); nothing else would carry the key.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return _("The API address is not a web address.")
    if parts.scheme not in ("https", "http") or not host:
        return _("The API address must look like https://api.example.com.")
    if parts.scheme == "http" and not is_loopback(host):
        return _("The API address must use https; plain http is only for this computer (the simulator).")
    if parts.username or parts.password:
        return _("The API address must not carry a user name or password.")
    return None


@dataclass(frozen=True)
class ProviderConfig:
    """Everything the client needs to talk to one provider. `api_key` never leaves the allowed hosts."""

    provider: str = COMETAPI  # "cometapi" | "bfl"
    api_key: str = field(default="", repr=False)
    base_url: str = ""  # "" -> the provider's default

    def __post_init__(self) -> None:
        if self.provider not in DEFAULT_BASE_URLS:
            raise ValueError(_("Unknown provider '{provider}'; use cometapi or bfl.").format(
                provider=self.provider))
        base = (self.base_url or DEFAULT_BASE_URLS[self.provider]).strip().rstrip("/")
        object.__setattr__(self, "base_url", base)

    @property
    def host(self) -> str:
        """host[:port] of the API, the only place the key is sent (besides BFL's own API hosts)."""
        return urlsplit(self.base_url).netloc.lower()

    @property
    def label(self) -> str:
        return PROVIDER_LABELS[self.provider]

    def auth_headers(self) -> dict[str, str]:
        """The auth header; `InvalidKey` (one sentence, no key in it) for a key that cannot be sent."""
        if not self.api_key:
            return {}
        key = check_key(self.api_key)
        if self.provider == BFL:
            return {"x-key": key}
        return {"Authorization": f"Bearer {key}"}

    def submit_path(self, model: str) -> str:
        return f"/v1/{model}" if self.provider == BFL else f"/flux/v1/{model}"

    def result_path(self) -> str:
        return "/v1/get_result" if self.provider == BFL else "/flux/v1/get_result"

    def credits_path(self) -> str | None:
        """BFL's balance endpoint; None for CometAPI (see `FluxClient.credits`)."""
        return "/v1/credits" if self.provider == BFL else None

    def may_receive_key(self, url: str) -> bool:
        """True when `url` may be sent the key: the configured API host (its scheme and port, https or
        plain http on this computer), or for BFL one of its API hosts over https on the default port."""
        try:
            parts = urlsplit(url)
            host, port = (parts.hostname or "").lower(), parts.port
        except ValueError:
            return False
        if parts.username or parts.password:
            return False
        base = urlsplit(self.base_url)
        if parts.netloc.lower() == self.host and parts.scheme == base.scheme:
            return base_url_problem(self.base_url) is None
        return (
            self.provider == BFL
            and parts.scheme == "https"
            and port in (None, 443)
            and is_bfl_api_host(host)
        )

    def __repr__(self) -> str:  # never show the key
        key = "set" if self.api_key else "unset"
        return f"ProviderConfig(provider={self.provider!r}, base_url={self.base_url!r}, api_key=<{key}>)"
