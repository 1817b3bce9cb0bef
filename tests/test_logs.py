"""The log file: where it is, what reaches it (the engine at INFO, every traceback), what never does
(the key, in any form), and uncaught exceptions told to the user in one sentence."""

from __future__ import annotations

import asyncio
import logging
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fluxdesk.cli import history, main
from fluxdesk.logs import (
    LOG_FILENAME,
    LogSetup,
    add_secret,
    install_excepthooks,
    loop_exception_handler,
    notify_user,
    setup_logging,
)
from fluxdesk.settings import Settings

KEY = "bfl-3f1c2a9e-77d4-4c1b-9a0e-5b6c7d8e9f00"


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[LogSetup]:
    setup = setup_logging(tmp_path / "logs", env={})
    try:
        yield setup
    finally:
        setup.close()


def _text(setup: LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    assert setup.path is not None
    return setup.path.read_text(encoding="utf-8")


def test_the_log_lives_under_fluxdesk_home_and_is_private(_isolated_home: Path) -> None:
    folder = Settings.load().paths.logs_dir
    assert folder == _isolated_home / "logs"
    setup = setup_logging(folder)
    try:
        logging.getLogger("fluxdesk.engine.engine").info("job abc: pending -> downloading")
        assert setup.path == folder / LOG_FILENAME
        assert "job abc: pending -> downloading" in _text(setup)
        assert stat.S_IMODE(setup.path.stat().st_mode) == 0o600
    finally:
        setup.close()
    logging.getLogger("fluxdesk.engine.engine").info("after close")
    assert "after close" not in (folder / LOG_FILENAME).read_text(encoding="utf-8")


def test_the_engines_info_reaches_the_file_but_other_libraries_chatter_does_not(logs: LogSetup) -> None:
    logging.getLogger("fluxdesk.engine.engine").info("state change seen")
    logging.getLogger("httpx").info("HTTP Request: GET https://api.example/v1/get_result?id=1")
    logging.getLogger("httpx").warning("a warning from httpx")
    text = _text(logs)
    assert "state change seen" in text and "a warning from httpx" in text
    assert "HTTP Request" not in text


@pytest.mark.parametrize(
    "emit",
    [
        lambda log, key: log.warning("sending with key %s", key),
        lambda log, key: log.error("header: Authorization: Bearer %s", key),
        lambda log, key: log.error("json %s", {"x-key": key}),
        lambda log, key: log.warning("split by a wrap: %s\n%s", key[:20], key[20:]),
    ],
    ids=["argument", "bearer", "repr", "wrapped"],
)
def test_the_configured_key_never_reaches_the_file(logs: LogSetup, emit) -> None:
    add_secret(KEY)
    emit(logging.getLogger("fluxdesk.api.client"), KEY)
    text = _text(logs)
    assert KEY not in text and KEY[:20] not in text and KEY[20:] not in text
    assert "[redacted]" in text


def test_a_traceback_is_kept_whole_but_without_the_key(logs: LogSetup) -> None:
    logs.add_secret(KEY)

    def fail() -> None:
        raise ValueError(f"Illegal header value b'{KEY}\\n'")

    try:
        fail()
    except ValueError:
        logging.getLogger("fluxdesk.engine.engine").exception("job crashed")
    text = _text(logs)
    assert "Traceback (most recent call last)" in text and "in fail" in text and "job crashed" in text
    assert KEY not in text


def test_keys_in_the_environment_and_key_shapes_are_scrubbed_without_being_told(tmp_path: Path) -> None:
    env_key = "sk-env-0123456789abcdefghij"
    setup = setup_logging(tmp_path / "logs", env={"COMETAPI_KEY": env_key})
    try:
        logging.getLogger("fluxdesk").warning("env %s and shape sk-abcdefghijklmnopqrstuv", env_key)
        text = _text(setup)
        assert env_key not in text and "sk-abcdefghijklmnopqrstuv" not in text
    finally:
        setup.close()


def test_a_key_read_from_settings_is_registered_before_anything_logs_it(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = setup_logging(_isolated_home / "logs", env={})
    try:
        Settings.load({"FLUXDESK_HOME": str(_isolated_home)}).keys.set("bfl", KEY)
        settings = Settings.load({"FLUXDESK_HOME": str(_isolated_home), "FLUXDESK_PROVIDER": "bfl"})
        assert settings.api_key() == KEY
        logging.getLogger("fluxdesk.engine").error("the reply quoted %s", KEY)
        assert KEY not in _text(setup)
    finally:
        setup.close()


def test_the_log_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fluxdesk.logs.MAX_BYTES", 4096)
    setup = setup_logging(tmp_path / "logs", env={})
    try:
        for i in range(200):
            logging.getLogger("fluxdesk").warning("line %d %s", i, "x" * 80)
        assert (tmp_path / "logs" / f"{LOG_FILENAME}.1").exists()
        assert setup.path is not None and setup.path.stat().st_size <= 4096 + 200
    finally:
        setup.close()


def test_a_folder_that_cannot_hold_the_log_falls_back_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    setup = setup_logging(blocker / "logs", env={})
    try:
        assert setup.path is None and setup.problem and "could not be opened" in setup.problem
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("fluxdesk").exception("it failed")
        err = capsys.readouterr().err
        assert "it failed" in err and "Traceback" not in err
    finally:
        setup.close()


def test_notices_reach_the_front_and_the_file(logs: LogSetup, tmp_path: Path) -> None:
    shown: list[str] = []
    setup = setup_logging(tmp_path / "other", env={}, notices=shown.append)
    try:
        notify_user("The system keychain did not answer.")
        assert shown == ["The system keychain did not answer."]
        assert "keychain did not answer" in _text(setup)
    finally:
        setup.close()


def test_an_exception_in_a_thread_is_logged_and_told_in_one_sentence(logs: LogSetup) -> None:
    told: list[str] = []
    install_excepthooks(logs, told.append)

    def crash() -> None:
        raise KeyError("worker went wrong")

    worker = threading.Thread(target=crash, name="crashing-worker")
    worker.start()
    worker.join(5)
    assert len(told) == 1 and "KeyError" in told[0] and str(logs.path) in told[0]
    assert "\n" not in told[0]
    text = _text(logs)
    assert "crashing-worker" in text and "worker went wrong" in text and "Traceback" in text


def test_an_uncaught_exception_on_the_main_thread_goes_through_the_hook(logs: LogSetup) -> None:
    import sys

    told: list[str] = []
    install_excepthooks(logs, told.append)
    try:
        raise ZeroDivisionError("uncaught")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert told and "ZeroDivisionError" in told[0]
    assert "uncaught" in _text(logs)
    logs.close()
    assert sys.excepthook is sys.__excepthook__ or "sys_hook" not in repr(sys.excepthook)


def test_what_reaches_the_event_loop_is_logged_and_told(logs: LogSetup) -> None:
    told: list[str] = []
    loop = asyncio.new_event_loop()
    try:
        loop.set_exception_handler(loop_exception_handler(logs, told.append))

        async def orphan() -> None:
            raise OSError("a task nobody awaited")

        async def scenario() -> None:
            task = loop.create_task(orphan())
            await asyncio.wait([task])
            loop.call_exception_handler({"message": "Task exception was never retrieved",
                                         "exception": task.exception(), "task": task})

        loop.run_until_complete(scenario())
    finally:
        loop.close()
    assert told and "OSError" in told[0]
    assert "a task nobody awaited" in _text(logs)


def test_the_cli_tells_an_unexpected_error_in_one_sentence_and_logs_the_traceback(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> int:
        raise TypeError("a bug in a command")

    monkeypatch.setattr(history, "run_list", broken)
    assert main(["history"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TypeError" in err and "Traceback" not in err
    log_file = _isolated_home / "logs" / LOG_FILENAME
    assert str(log_file) in err
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "a bug in a command" in text


def test_the_windows_notices_cross_threads_onto_the_loop_and_wait_for_the_window() -> None:
    from fluxdesk.ui.app import Notices

    loop = asyncio.new_event_loop()
    notices = Notices()
    notices.loop = loop
    shown: list[str] = []
    try:
        async def scenario() -> None:
            worker = threading.Thread(target=notices.post, args=("from a worker thread",))
            worker.start()
            worker.join(5)
            await asyncio.sleep(0)
            notices.attach(shown.append)  # the window exists now: what waited is shown
            notices.post("later")
            await asyncio.sleep(0)

        loop.run_until_complete(scenario())
    finally:
        loop.close()
    assert shown == ["from a worker thread", "later"]
