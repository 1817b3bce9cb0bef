"""The settings dialog: labels that work with Alt+letter; changing the library folder (move, copy or a
new one, off the GUI thread), and FLUXDESK_HOME overriding it, said so."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest


def test_every_settings_label_with_a_mnemonic_has_a_buddy(window: Any) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = window.open_settings()
    labels = {label.text(): label for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert {"API &key", "&Library folder", "&Provider", "&Theme"} <= set(labels)
    # a label without a buddy shows its "&" as it is; with one, Alt+letter focuses the field
    assert not [text for text, label in labels.items() if label.buddy() is None]
    assert labels["API &key"].buddy() is dialog.key
    assert labels["&Library folder"].buddy() is dialog.library_dir
    dialog.close()


def test_fluxdesk_home_disables_the_library_field_and_says_why(window: Any) -> None:
    dialog = window.open_settings()
    assert not dialog.library_dir.isEnabled() and not dialog.browse.isEnabled()
    assert dialog.library_note.isVisible() and "FLUXDESK_HOME" in dialog.library_note.text()
    dialog.library_dir.setText("/somewhere/else")
    assert dialog.apply() is True
    assert window.runtime.settings.prefs.library_dir == ""
    dialog.close()


@pytest.fixture
def home_without_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The platform's folders (under tmp_path), FLUXDESK_HOME unset: the library folder setting counts."""
    monkeypatch.delenv("FLUXDESK_HOME")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    return tmp_path


def test_choosing_another_folder_asks_and_copy_relocates_then_saves_the_folder(
    home_without_override: Path, qloop: asyncio.AbstractEventLoop, qtbot: Any, sim: Any
) -> None:
    from test_ui_library import saved_library_into
    from ui_window_helpers import close_window, make_window, run

    from fluxdesk.library.query import HistoryQuery
    from fluxdesk.settings import Settings
    from fluxdesk.ui.library_move import relocate_with_progress

    window = make_window(qloop, qtbot, sim)
    old = window.runtime.settings.paths.library_dir
    assert old.is_relative_to(home_without_override)
    run(qloop, qtbot, saved_library_into(window.runtime.library))
    new = home_without_override / "Pictures" / "fluxdesk"
    dialog = window.open_settings()
    assert dialog.library_dir.isEnabled() and not dialog.library_note.isVisible()
    dialog.library_dir.setText(str(new))
    assert dialog.apply() is True
    qtbot.waitUntil(lambda: window.library_move.box is not None and window.library_move.box.isVisible())
    buttons = [b.text() for b in window.library_move.box.buttons()]
    assert {"&Move it there", "&Copy it there", "Start an &empty library"} <= set(buttons)
    assert Settings.load().prefs.library_dir == ""  # nothing decided yet
    window.library_move.box.close()

    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    window.library_move.choose("copy", old, new)
    assert closed == [True] and window.relocation is not None and not window.relocation.move
    request = window.relocation
    close_window(qloop, qtbot, window)

    settings = Settings.load()
    note = run(qloop, qtbot, relocate_with_progress(settings, request), timeout=30_000)
    assert "copied to" in note and str(new) in note
    assert Settings.load().paths.library_dir == new
    assert (old / "library.sqlite3").is_file()  # a copy: the old one stays

    from fluxdesk.library.library import Library

    async def count() -> int:
        library = await Library.open(new)
        try:
            return await library.count(HistoryQuery())
        finally:
            await library.close()

    assert run(qloop, qtbot, count()) == 2


def test_a_folder_that_is_not_empty_is_refused_and_an_empty_library_is_only_a_setting(
    home_without_override: Path, qloop: asyncio.AbstractEventLoop, qtbot: Any, sim: Any
) -> None:
    from ui_window_helpers import close_window, make_window

    from fluxdesk.settings import Settings

    window = make_window(qloop, qtbot, sim)
    try:
        busy = home_without_override / "busy"
        busy.mkdir()
        (busy / "notes.txt").write_text("mine")
        window.library_move.ask(busy)
        qtbot.waitUntil(lambda: "not empty" in window.statusBar().currentMessage())
        assert window.library_move.box is None
        old = window.runtime.settings.paths.library_dir
        fresh = home_without_override / "fresh"
        window.library_move.choose("use", old, fresh)
        qtbot.waitUntil(lambda: "From the next start" in window.statusBar().currentMessage())
        assert Settings.load().paths.library_dir == fresh and window.relocation is None
    finally:
        close_window(qloop, qtbot, window)


def test_the_app_opens_the_window_again_on_the_relocated_library(
    home_without_override: Path, qloop: asyncio.AbstractEventLoop, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui_window_helpers import run

    from fluxdesk.settings import Settings
    from fluxdesk.ui import app
    from fluxdesk.ui.library_move import LibraryRelocation

    settings = Settings.load()
    old = settings.paths.library_dir
    old.mkdir(parents=True)
    (old / "library.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    new = home_without_override / "moved"
    opened: list[tuple[Path, str | None]] = []

    async def window(settings: Settings, *_args: Any, instance: str = "", note: str | None = None,
                     lock: Any = None) -> Any:
        opened.append((settings.paths.library_dir, note))
        return LibraryRelocation(old, new, move=True) if len(opened) == 1 else 0

    monkeypatch.setattr(app, "_run_window", window)
    logs = app.setup_logging(settings.paths.logs_dir)
    try:
        assert run(qloop, qtbot, app._run_windows(settings, logs, app.Notices()), timeout=30_000) == 0
    finally:
        logs.close()
    assert [folder for folder, _ in opened] == [old, new]
    assert opened[1][1] is not None and "moved to" in opened[1][1]
    assert not old.exists() and (new / "library.sqlite3").is_file()
