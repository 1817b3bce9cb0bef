"""The suite never touches the real home: every place a test could write is under a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import FAKE_HOME


def test_home_and_xdg_folders_are_temporary() -> None:
    fake = Path(FAKE_HOME)
    assert Path.home() == fake
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[var]).is_relative_to(fake)


def test_qt_default_settings_land_in_the_temporary_home(qapp) -> None:
    from PySide6.QtCore import QSettings, QStandardPaths

    config = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    assert config.is_relative_to(Path(FAKE_HOME))
    assert Path(QSettings().fileName()).is_relative_to(Path(FAKE_HOME))


def test_fluxdesk_folders_are_the_tests_own(tmp_path_factory) -> None:
    from fluxdesk.settings import Settings

    paths = Settings.load().paths
    base = Path(os.environ["FLUXDESK_HOME"])
    for folder in (paths.library_dir, paths.config_dir, paths.cache_dir):
        assert Path(folder).is_relative_to(base)
