"""Where things live, which provider to use, and where the key is kept.

Order of precedence: environment (`COMETAPI_KEY`, `BFL_API_KEY`, `FLUXDESK_PROVIDER`,
`FLUXDESK_API_BASE`, `FLUXDESK_HOME`) over saved preferences over defaults. The key lives in the OS
keychain through keyring, or in a 0600 file where no keychain exists; it is never written anywhere else.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.providers import DEFAULT_BASE_URLS, KEY_ENV_VARS, ProviderConfig

log = logging.getLogger(__name__)
APP = "fluxdesk"
KEYRING_SERVICE = "fluxdesk"


@dataclass(frozen=True)
class Paths:
    library_dir: Path  # library.sqlite3 and images/
    cache_dir: Path  # thumbnails: safe to delete
    config_dir: Path  # settings.json, keys file fallback

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Paths:
        home = env.get("FLUXDESK_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root, root / "cache", root / "config")
        return cls(
            platformdirs.user_data_path(APP, appauthor=False),
            platformdirs.user_cache_path(APP, appauthor=False),
            platformdirs.user_config_path(APP, appauthor=False),
        )

    @property
    def thumbnails_dir(self) -> Path:
        return self.cache_dir / "thumbnails"


@dataclass
class Prefs:
    """What the user chose in Settings; saved as JSON in the config dir (never the key)."""

    provider: str = COMETAPI
    base_url: str = ""  # "" -> the provider's default
    max_concurrent: int = 24  # a ceiling: the engine finds what the provider accepts below it
    default_model: str = "flux-pro-1.1"
    export_metadata: str = "full"
    library_dir: str = ""  # "" -> the platform default (or FLUXDESK_HOME)
    ask_above_credits: float = 0.0  # ask before a batch estimated above this many credits (0: never)
    daily_budget_credits: float = 0.0  # refuse a batch that would take today's spend above this (0: none)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prefs:
        names = {f.name for f in fields(cls)}
        prefs = cls(**{k: v for k, v in data.items() if k in names})
        if prefs.provider not in DEFAULT_BASE_URLS:
            prefs.provider = COMETAPI
        prefs.max_concurrent = max(1, min(24, int(prefs.max_concurrent or 24)))
        return prefs


class KeyStore:
    """API keys in the OS keychain; a 0600 JSON file in the config dir where no keychain exists."""

    def __init__(self, config_dir: Path) -> None:
        self._file = config_dir / "keys.json"

    def _keyring(self) -> Any | None:
        try:
            import keyring
            from keyring.backends import fail

            backend = keyring.get_keyring()
        except Exception:  # a broken keyring install must not stop the app
            return None
        if isinstance(backend, fail.Keyring):
            return None
        return keyring

    @property
    def uses_keychain(self) -> bool:
        return self._keyring() is not None

    def get(self, provider: str) -> str | None:
        kr = self._keyring()
        if kr is not None:
            try:
                value = kr.get_password(KEYRING_SERVICE, provider)
                if value:
                    return str(value)
            except Exception as exc:
                log.warning("keychain unavailable (%s); using the key file", type(exc).__name__)
        return self._read_file().get(provider) or None

    def set(self, provider: str, key: str) -> None:
        key = key.strip()
        kr = self._keyring()
        if kr is not None:
            try:
                kr.set_password(KEYRING_SERVICE, provider, key)
                self._write_file({k: v for k, v in self._read_file().items() if k != provider})
                return
            except Exception as exc:
                log.warning("keychain refused the key (%s); using the 0600 key file", type(exc).__name__)
        keys = self._read_file()
        keys[provider] = key
        self._write_file(keys)

    def delete(self, provider: str) -> None:
        kr = self._keyring()
        if kr is not None:
            with contextlib.suppress(Exception):
                kr.delete_password(KEYRING_SERVICE, provider)
        keys = self._read_file()
        if keys.pop(provider, None) is not None:
            self._write_file(keys)

    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, keys: dict[str, str]) -> None:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        if not keys:
            self._file.unlink(missing_ok=True)
            return
        # created 0600 from the start, never readable by others even for an instant
        fd, tmp = tempfile.mkstemp(dir=self._file.parent, prefix=".keys-")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(keys, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self._file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@dataclass
class Settings:
    paths: Paths
    prefs: Prefs = field(default_factory=Prefs)
    env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        paths = Paths.from_env(env)
        try:
            data = json.loads((paths.config_dir / "settings.json").read_text(encoding="utf-8"))
            prefs = Prefs.from_dict(data if isinstance(data, dict) else {})
        except (OSError, ValueError, TypeError):
            prefs = Prefs()
        if prefs.library_dir and not env.get("FLUXDESK_HOME"):
            paths = Paths(Path(prefs.library_dir).expanduser(), paths.cache_dir, paths.config_dir)
        return cls(paths, prefs, env)

    def save(self) -> None:
        target = self.paths.config_dir / "settings.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self.prefs), fh, indent=2)
        os.replace(tmp, target)

    @property
    def keys(self) -> KeyStore:
        return KeyStore(self.paths.config_dir)

    @property
    def provider(self) -> str:
        chosen = self.env.get("FLUXDESK_PROVIDER", "").strip().lower()
        if chosen in DEFAULT_BASE_URLS:
            return chosen
        if not self.env.get(KEY_ENV_VARS[COMETAPI]) and self.env.get(KEY_ENV_VARS[BFL]):
            return BFL
        return self.prefs.provider

    @property
    def base_url(self) -> str:
        return self.env.get("FLUXDESK_API_BASE", "").strip() or self.prefs.base_url

    @property
    def max_concurrent(self) -> int:
        return self.prefs.max_concurrent

    @property
    def default_model(self) -> str:
        return self.prefs.default_model

    def api_key(self) -> str | None:
        provider = self.provider
        return (self.env.get(KEY_ENV_VARS[provider]) or "").strip() or self.keys.get(provider)

    def provider_config(self) -> ProviderConfig | None:
        """The configured provider, or None when there is no key (demo mode)."""
        key = self.api_key()
        if not key:
            return None
        return ProviderConfig(self.provider, key, self.base_url)
