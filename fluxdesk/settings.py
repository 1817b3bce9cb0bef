"""Where things live, which provider to use, and where the key is kept.

Order of precedence: environment (`COMETAPI_KEY`, `BFL_API_KEY`, `FLUXDESK_PROVIDER`,
`FLUXDESK_API_BASE`, `FLUXDESK_HOME`) over saved preferences over defaults. The key lives in the OS
keychain through keyring, or in a 0600 file where no keychain exists (or it does not answer); it is
never written anywhere else. Every key read or entered passes `api.keys.check_key` (one sentence when
it cannot be a key) and is registered with the log's secret filter before anything can log it.

A keychain call runs on a daemon thread and counts as absent when it has not answered within
`KEYCHAIN_TIMEOUT` (a D-Bus session without a Secret Service never answers): the key is then read
from, or kept in, the file, the user is told so once (`logs.notify_user`), and the stuck thread cannot
keep the process from exiting.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from fluxdesk.api.catalog import BFL, COMETAPI
from fluxdesk.api.errors import InvalidKey
from fluxdesk.api.keys import check_key
from fluxdesk.api.providers import DEFAULT_BASE_URLS, KEY_ENV_VARS, ProviderConfig
from fluxdesk.i18n import _
from fluxdesk.i18n.languages import DIGITS_CHOICES, LANGUAGE_CHOICES, SYSTEM, WESTERN
from fluxdesk.logs import add_secret, default_log_dir, notify_user

log = logging.getLogger(__name__)
APP = "fluxdesk"
KEYRING_SERVICE = "fluxdesk"
#: seconds a keychain call may take before it counts as absent
KEYCHAIN_TIMEOUT = 2.0
T = TypeVar("T")


@dataclass(frozen=True)
class Paths:
    library_dir: Path  # library.sqlite3 and images/
    cache_dir: Path  # thumbnails: safe to delete
    config_dir: Path  # settings.json, keys file fallback
    log_dir: Path | None = None  # fluxdesk.log; None: the platform's (or $FLUXDESK_HOME/logs)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Paths:
        home = env.get("FLUXDESK_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root, root / "cache", root / "config", root / "logs")
        return cls(
            platformdirs.user_data_path(APP, appauthor=False),
            platformdirs.user_cache_path(APP, appauthor=False),
            platformdirs.user_config_path(APP, appauthor=False),
            platformdirs.user_log_path(APP, appauthor=False),
        )

    @property
    def thumbnails_dir(self) -> Path:
        return self.cache_dir / "thumbnails"

    @property
    def logs_dir(self) -> Path:
        return self.log_dir if self.log_dir is not None else default_log_dir()


@dataclass
class Prefs:
    """What the user chose in Settings; saved as JSON in the config dir (never the key)."""

    provider: str = COMETAPI
    base_url: str = ""  # "" -> the provider's default
    max_concurrent: int = 24  # a ceiling: the engine finds what the provider accepts below it
    default_model: str = "flux-pro-1.1"
    edit_model: str = ""  # the last instruction-edit model used; "" -> draft.edit's default (FLUX.2 [pro])
    export_metadata: str = "full"
    library_dir: str = ""  # "" -> the platform default (or FLUXDESK_HOME)
    ask_above_credits: float = 0.0  # ask before a batch estimated above this many credits (0: never)
    daily_budget_credits: float = 0.0  # refuse a batch that would take today's spend above this (0: none)
    tray_icon: bool = False  # an icon in the system tray (where the desktop has one); off: no icon at all
    language: str = SYSTEM  # "system" (follow LANGUAGE/LANG) or a language code: i18n.languages
    digits: str = WESTERN  # number fields in Western digits, or in the locale's own ("native")
    theme: str = "system"  # "system" (the desktop's), "light" or "dark"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prefs:
        names = {f.name for f in fields(cls)}
        prefs = cls(**{k: v for k, v in data.items() if k in names})
        if prefs.provider not in DEFAULT_BASE_URLS:
            prefs.provider = COMETAPI
        prefs.max_concurrent = max(1, min(24, int(prefs.max_concurrent or 24)))
        if prefs.language not in LANGUAGE_CHOICES:
            prefs.language = SYSTEM
        if prefs.digits not in DIGITS_CHOICES:
            prefs.digits = WESTERN
        if prefs.theme not in ("system", "light", "dark"):
            prefs.theme = "system"
        return prefs


class _NoAnswer:
    """The keychain did not answer in time."""


NO_ANSWER = _NoAnswer()


def _checked(raw: str, source: str) -> str:
    """`check_key`, its sentence saying where the bad key came from."""
    add_secret(raw)  # before anything can log it, even a key that is refused
    try:
        key = check_key(raw)
    except InvalidKey as exc:
        text = str(exc)
        raise InvalidKey(_("The key {source} cannot be used: "
                           "{problem}").format(source=source, problem=text[:1].lower() + text[1:])) from None
    add_secret(key)
    return key


def _system_keyring() -> Any | None:
    """keyring's backend for this system, or None where there is no keychain (or keyring is broken)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring install must not stop the app
        return None
    return None if isinstance(backend, fail.Keyring) else backend


class KeyStore:
    """API keys in the OS keychain; a 0600 JSON file in the config dir where no keychain exists.

    `backend`: a keyring backend to use instead of the system's (tests). Every keychain call is
    bounded by `timeout`; once one has not answered, this store stops asking (and `notice` says so).
    """

    def __init__(
        self, config_dir: Path, *, backend: Any | None = None, timeout: float | None = None
    ) -> None:
        self._file = config_dir / "keys.json"
        self._backend = backend
        self.timeout = KEYCHAIN_TIMEOUT if timeout is None else timeout
        #: what the user was last told about the keychain (None: nothing to tell)
        self.notice: str | None = None
        self._silent = False

    @property
    def file(self) -> Path:
        return self._file

    def _ask(self, call: Callable[[Any], T]) -> T | _NoAnswer | None:
        """`call(backend)` on a daemon thread; None when there is no keychain (or it failed), NO_ANSWER
        when it did not answer in time."""
        if self._silent:
            return NO_ANSWER
        outcome: dict[str, Any] = {}
        done = threading.Event()
        chosen = self._backend

        def run() -> None:
            try:
                backend = chosen if chosen is not None else _system_keyring()
                outcome["value"] = None if backend is None else call(backend)
            except Exception as exc:
                outcome["error"] = exc
            finally:
                done.set()

        # a daemon thread: a keychain that never answers must not keep the process from exiting
        threading.Thread(target=run, name="fluxdesk-keychain", daemon=True).start()
        if not done.wait(self.timeout):
            self._silent = True
            self.notice = (
                _("The system keychain did not answer within {timeout:g} s, so it was not used; the key is "
                  "kept in {file} instead (readable only by you).").format(
                    timeout=self.timeout, file=self._file)
            )
            log.warning("the keychain did not answer within %.1f s", self.timeout)
            notify_user(self.notice)
            return NO_ANSWER
        if "error" in outcome:
            log.warning("keychain unavailable (%s); using the key file", type(outcome["error"]).__name__)
            return None
        value: T | None = outcome.get("value")
        return value

    @property
    def uses_keychain(self) -> bool:
        found = self._ask(lambda backend: True)
        return found is True

    def get(self, provider: str) -> str | None:
        """The saved key of `provider`, checked (raises InvalidKey with one sentence), or None."""
        found = self._ask(lambda kr: kr.get_password(KEYRING_SERVICE, provider))
        if isinstance(found, str) and found:
            return _checked(found, _("saved in the system keychain"))
        raw = self._read_file().get(provider)
        return _checked(raw, _("saved in {file}").format(file=self._file)) if raw else None

    def where(self, provider: str) -> str | None:
        """Where the key of `provider` is kept, as a phrase for Settings; None when none is saved."""
        found = self._ask(lambda kr: kr.get_password(KEYRING_SERVICE, provider))
        if isinstance(found, str) and found:
            return _("in the system keychain")
        if self._read_file().get(provider):
            return _("in {file} (readable only by you)").format(file=self._file)
        return None

    def set(self, provider: str, key: str) -> str:
        """Save the key (checked first: InvalidKey); returns where it was kept, as a phrase."""
        key = _checked(key, "entered")
        stored = self._ask(lambda kr: kr.set_password(KEYRING_SERVICE, provider, key) or True)
        if stored is True:
            self._write_file({k: v for k, v in self._read_file().items() if k != provider})
            return _("in the system keychain")
        keys = self._read_file()
        keys[provider] = key
        self._write_file(keys)
        return _("in {file} (readable only by you)").format(file=self._file)

    def delete(self, provider: str) -> None:
        with contextlib.suppress(Exception):
            self._ask(lambda kr: kr.delete_password(KEYRING_SERVICE, provider))
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
    #: run as if no key were set (demo mode): the window's way on when the saved key cannot be used
    ignore_key: bool = False

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
            paths = Paths(
                Path(prefs.library_dir).expanduser(), paths.cache_dir, paths.config_dir, paths.log_dir
            )
        return cls(paths, prefs, env)

    def save(self) -> None:
        target = self.paths.config_dir / "settings.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self.prefs), fh, indent=2)
        os.replace(tmp, target)

    @functools.cached_property
    def keys(self) -> KeyStore:
        """One store per Settings: a keychain that did not answer is not asked again by it."""
        return KeyStore(self.paths.config_dir)

    def without_key(self) -> Settings:
        """These settings in demo mode (for a start-up whose key cannot be used; Settings fixes it)."""
        return Settings(self.paths, self.prefs, self.env, ignore_key=True)

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
        """The provider's key from the environment, else the keychain or key file; None when there is
        none. Blocking (a keychain, bounded by KEYCHAIN_TIMEOUT): never on the GUI thread.

        Raises `InvalidKey` (one sentence saying where the key came from) for one that cannot be a key.
        """
        if self.ignore_key:
            return None
        provider = self.provider
        env_var = KEY_ENV_VARS[provider]
        raw = self.env.get(env_var) or ""
        if raw.strip():
            return _checked(raw, _("in ${env_var}").format(env_var=env_var))
        return self.keys.get(provider)

    def provider_config(self) -> ProviderConfig | None:
        """The configured provider, or None when there is no key (demo mode). Raises `InvalidKey`."""
        key = self.api_key()
        if not key:
            return None
        return ProviderConfig(self.provider, key, self.base_url)
