"""Provider configuration: where requests go, how the key is sent, which hosts may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fluxdesk.api.catalog import BFL, COMETAPI

DEFAULT_BASE_URLS = {COMETAPI: "https://api.cometapi.com", BFL: "https://api.bfl.ai"}
KEY_ENV_VARS = {COMETAPI: "COMETAPI_KEY", BFL: "BFL_API_KEY"}
#: BFL names the region that holds a task in its polling_url; these hosts may receive the key
BFL_POLL_HOSTS = frozenset(
    {"api.bfl.ai", "api.eu.bfl.ai", "api.us.bfl.ai", "api.eu1.bfl.ai", "api.us1.bfl.ai"}
)
PROVIDER_LABELS = {COMETAPI: "CometAPI", BFL: "Black Forest Labs"}


@dataclass(frozen=True)
class ProviderConfig:
    """Everything the client needs to talk to one provider. `api_key` never leaves `base_url`'s host."""

    provider: str = COMETAPI  # "cometapi" | "bfl"
    api_key: str = field(default="", repr=False)
    base_url: str = ""  # "" -> the provider's default

    def __post_init__(self) -> None:
        if self.provider not in DEFAULT_BASE_URLS:
            raise ValueError(f"Unknown provider '{self.provider}'; use cometapi or bfl.")
        base = (self.base_url or DEFAULT_BASE_URLS[self.provider]).rstrip("/")
        object.__setattr__(self, "base_url", base)

    @property
    def host(self) -> str:
        """host[:port] of the API, the only place the key is sent (besides BFL's own poll hosts)."""
        return urlsplit(self.base_url).netloc.lower()

    @property
    def label(self) -> str:
        return PROVIDER_LABELS[self.provider]

    def auth_headers(self) -> dict[str, str]:
        if not self.api_key:
            return {}
        if self.provider == BFL:
            return {"x-key": self.api_key}
        return {"Authorization": f"Bearer {self.api_key}"}

    def submit_path(self, model: str) -> str:
        return f"/v1/{model}" if self.provider == BFL else f"/flux/v1/{model}"

    def result_path(self) -> str:
        return "/v1/get_result" if self.provider == BFL else "/flux/v1/get_result"

    def may_receive_key(self, url: str) -> bool:
        """True when `url` is on the configured API host (or, for BFL, one of its regional API hosts)."""
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        base = urlsplit(self.base_url)
        if netloc == self.host:
            return parts.scheme == base.scheme
        return self.provider == BFL and parts.scheme == "https" and parts.hostname in BFL_POLL_HOSTS

    def __repr__(self) -> str:  # never show the key
        key = "set" if self.api_key else "unset"
        return f"ProviderConfig(provider={self.provider!r}, base_url={self.base_url!r}, api_key=<{key}>)"
