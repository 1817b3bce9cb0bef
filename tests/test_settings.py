from __future__ import annotations

import stat
from pathlib import Path

from fluxdesk.settings import KeyStore, Paths, Prefs, Settings


def test_home_overrides_every_path(tmp_path: Path) -> None:
    paths = Paths.from_env({"FLUXDESK_HOME": str(tmp_path)})
    assert paths.library_dir == tmp_path
    assert paths.cache_dir.is_relative_to(tmp_path)
    assert paths.config_dir.is_relative_to(tmp_path)


def test_no_key_is_demo_mode(tmp_path: Path) -> None:
    settings = Settings.load({"FLUXDESK_HOME": str(tmp_path)})
    assert settings.provider_config() is None


def test_env_key_and_base(tmp_path: Path) -> None:
    env = {"FLUXDESK_HOME": str(tmp_path), "BFL_API_KEY": "k-1", "FLUXDESK_API_BASE": "http://127.0.0.1:9"}
    cfg = Settings.load(env).provider_config()
    assert cfg is not None
    assert cfg.provider == "bfl" and cfg.base_url == "http://127.0.0.1:9"
    assert "k-1" not in repr(cfg)


def test_prefs_round_trip_without_key(tmp_path: Path) -> None:
    settings = Settings.load({"FLUXDESK_HOME": str(tmp_path), "COMETAPI_KEY": "sk-secret"})
    settings.prefs.max_concurrent = 7
    settings.prefs.default_model = "flux-dev"
    settings.save()
    again = Settings.load({"FLUXDESK_HOME": str(tmp_path)})
    assert again.prefs.max_concurrent == 7 and again.default_model == "flux-dev"
    assert "sk-secret" not in (again.paths.config_dir / "settings.json").read_text()


def test_bad_prefs_fall_back(tmp_path: Path) -> None:
    assert Prefs.from_dict({"provider": "evil", "max_concurrent": 999, "nope": 1}).provider == "cometapi"
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text("{not json")
    assert Settings.load({"FLUXDESK_HOME": str(tmp_path)}).prefs == Prefs()


def test_key_file_is_0600_without_keychain(tmp_path: Path) -> None:
    # conftest selects keyring's "fail" backend: no keychain, so the file is used
    store = KeyStore(tmp_path)
    assert not store.uses_keychain
    store.set("cometapi", "sk-abc")
    mode = stat.S_IMODE((tmp_path / "keys.json").stat().st_mode)
    assert mode == 0o600
    assert store.get("cometapi") == "sk-abc"
    store.delete("cometapi")
    assert store.get("cometapi") is None


def test_saved_key_is_used(tmp_path: Path) -> None:
    settings = Settings.load({"FLUXDESK_HOME": str(tmp_path)})
    settings.keys.set("cometapi", "sk-saved")
    cfg = settings.provider_config()
    assert cfg is not None and cfg.api_key == "sk-saved" and cfg.provider == "cometapi"
