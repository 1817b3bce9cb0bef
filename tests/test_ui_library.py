"""The window's side of the library's faults: the start-up problem window, the banner, Check and
Rebuild off the GUI thread, Help -> Open log file, recall of an original, keys in Settings."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import saved_library
from ui_window_helpers import run

from fluxdesk.library.query import HistoryQuery
from fluxdesk.logs import LOG_FILENAME, setup_logging
from fluxdesk.settings import Settings


def test_a_damage_found_mid_session_shows_the_banner_and_rebuild_fixes_it(
    window: Any, qtbot: Any, qloop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = window.runtime.library
    run(qloop, qtbot, saved_library_into(library))
    assert not window.library_banner.isVisible()
    real_query = library._store.query

    def malformed(*args: object, **kwargs: object) -> object:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(library._store, "query", malformed)
    with pytest.raises(Exception, match="damaged"):
        run(qloop, qtbot, library.query(HistoryQuery()))
    qtbot.waitUntil(window.library_banner.isVisible, timeout=5_000)
    assert "damaged" in window.library_banner.label.text()
    assert window.library_banner.rebuild_button.isVisible()
    monkeypatch.setattr(library._store, "query", real_query)
    window.library_banner.rebuild_button.click()
    qtbot.waitUntil(lambda: not window.library_banner.isVisible(), timeout=10_000)
    assert "rebuilt" in window.statusBar().currentMessage()
    assert run(qloop, qtbot, library.count(HistoryQuery())) == 2
    assert list(library.home.glob("library.sqlite3.before-rebuild-*"))


async def saved_library_into(library: Any) -> None:
    from library_helpers import image_bytes, make_record

    from fluxdesk.library.records import JobState

    for i in range(2):
        record = make_record(f"kite {i}", width=64, height=48, status=JobState.DOWNLOADING,
                             created_at=1e3 + i)
        await library.add_job(record)
        await library.save_result(record.id, image_bytes(), width=64, height=48, fmt="png")


def first_saved_image(window: Any, qtbot: Any, qloop: Any) -> Path:
    """The window's library filled by `saved_library_into`, and the first of its image files."""
    run(qloop, qtbot, saved_library_into(window.runtime.library))
    return sorted(window.runtime.library.images_dir.rglob("*.png"))[0]


def test_check_library_runs_off_the_gui_thread_and_answers_non_modally(
    window: Any, qtbot: Any, qloop: asyncio.AbstractEventLoop
) -> None:
    run(qloop, qtbot, saved_library_into(window.runtime.library))
    window.library_health.check()
    qtbot.waitUntil(lambda: window.library_health.box is not None and window.library_health.box.isVisible(),
                    timeout=10_000)
    box = window.library_health.box
    assert not box.isModal()
    assert "sound" in box.text()
    box.close()
    image = next((window.runtime.library.images_dir).rglob("*.png"))
    image.write_bytes(b"changed")
    window.library_health.check()
    qtbot.waitUntil(lambda: window.library_banner.isVisible(), timeout=10_000)
    assert "not the bytes that were saved" in window.library_banner.label.text()
    window.library_health.box.close()


def test_the_menus_hold_check_rebuild_and_the_log(window: Any) -> None:
    texts = {a.text() for m in window.menuBar().actions() for a in m.menu().actions() if not a.isSeparator()}
    assert {"&Check library", "Re&build library…", "Open &log file"} <= texts
    box = window.library_health.ask_rebuild()
    assert box.isVisible() and "images folder" in box.text()
    box.close()


def test_help_opens_the_log_file(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Any] = []
    window.open_url = lambda url: opened.append(url) or True
    sentence = window.open_log()
    expected = window.runtime.settings.paths.logs_dir / LOG_FILENAME
    assert [Path(u.toLocalFile()) for u in opened] == [expected]
    assert expected.is_file() and str(expected) in sentence


def test_recall_of_an_original_takes_its_record_from_the_library(
    window: Any, qtbot: Any, qloop: asyncio.AbstractEventLoop
) -> None:
    image = first_saved_image(window, qtbot, qloop)
    window.draft.set_prompt("something else")
    window.recall_from(image)
    qtbot.waitUntil(lambda: "taken from the library" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.draft.prompt.startswith("kite ")


def test_the_start_up_problem_window_rebuilds_then_opens_the_library(
    _isolated_home: Path, qloop: asyncio.AbstractEventLoop, qtbot: Any
) -> None:
    from fluxdesk.ui.app import open_library_for_window
    from fluxdesk.ui.library_banner import LibraryProblemWindow

    saved = run(qloop, qtbot, saved_library(_isolated_home, 2))
    (_isolated_home / "library.sqlite3").write_bytes(b"\x00not a database" * 500)
    settings = Settings.load()
    logs = setup_logging(settings.paths.logs_dir)
    try:
        task = qloop.create_task(open_library_for_window(settings, logs))
        windows: list[LibraryProblemWindow] = []

        def problem_window_shown() -> bool:
            from PySide6.QtWidgets import QApplication

            windows[:] = [w for w in QApplication.topLevelWidgets()
                          if isinstance(w, LibraryProblemWindow) and w.isVisible()]
            return bool(windows)

        qtbot.waitUntil(problem_window_shown, timeout=10_000)
        (problem,) = windows
        assert "could not be opened" in problem.banner.label.text()
        assert "fluxdesk library rebuild" in problem.banner.label.text()
        problem.banner.rebuild_button.click()
        qtbot.waitUntil(task.done, timeout=30_000)
        base, note = task.result()
        try:
            assert base is not None and note is not None and "rebuilt" in note
            assert run(qloop, qtbot, base.library.count(HistoryQuery())) == len(saved)
        finally:
            if base is not None:
                run(qloop, qtbot, base.aclose())
    finally:
        logs.close()


def test_a_saved_key_that_cannot_be_used_starts_in_demo_mode_saying_so(
    _isolated_home: Path, qloop: asyncio.AbstractEventLoop, qtbot: Any
) -> None:
    from fluxdesk.ui.app import open_engine_for_window, open_library_for_window

    config = _isolated_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "keys.json").write_text('{"cometapi": "sk-bad\\nkey-0123456789"}')
    settings = Settings.load()
    logs = setup_logging(settings.paths.logs_dir)
    try:
        base, _ = run(qloop, qtbot, open_library_for_window(settings, logs))
        assert base is not None
        runtime, note = run(qloop, qtbot, open_engine_for_window(base), timeout=30_000)
        try:
            assert runtime is not None and runtime.demo
            assert note is not None and "line break" in note and "demo mode" in note
            assert "sk-bad" not in note
        finally:
            run(qloop, qtbot, runtime.aclose())
    finally:
        logs.close()


@pytest.mark.parametrize("bad", ["sk-abc\ndef0123456789", "sk-ключ-0123456789", "sk-" + "z" * 3000])
def test_settings_refuses_a_hostile_key_and_says_where_a_good_one_is_kept(
    window: Any, qtbot: Any, bad: str
) -> None:
    dialog = window.open_settings(focus_key=True)
    dialog.key.setText(bad)
    assert dialog.apply() is False
    error = dialog.error.text()
    assert dialog.error.isVisible() and "\n" not in error and bad[:10] not in error
    keys_file = window.runtime.settings.paths.config_dir / "keys.json"
    assert not keys_file.exists()
    dialog.key.setText("sk-good-0123456789abcdef")
    with qtbot.waitSignal(dialog.applied, timeout=10_000):
        assert dialog.apply()
    qtbot.waitUntil(lambda: "keys.json" in dialog.key_note.text(), timeout=10_000)
    assert "readable only by you" in dialog.key_note.text()
    dialog.close()
