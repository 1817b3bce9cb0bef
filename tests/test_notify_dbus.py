"""Finished batches in the background: desktop notifications over a real session bus, the tray only
when wanted, the taskbar alert when nothing else can speak; a click raises the window on the batch."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

import pytest
from dbus_helpers import FakeNotificationServer, session_bus, without_session_bus  # noqa: F401
from PySide6.QtWidgets import QWidget

from fluxdesk.identity import APP_ID
from fluxdesk.library.records import JobState
from fluxdesk.ui.platform.freedesktop import DesktopNotifications, one_line, session_bus_address
from fluxdesk.ui.platform.notify import Notifier, notification_icon


def job(job_id: str, state: JobState = JobState.DONE, prompt: str = "a red kite over the dunes") -> Any:
    return SimpleNamespace(id=job_id, state=state, request=SimpleNamespace(prompt=prompt))


class Harness:
    """A background window (never shown) with a Notifier whose choices the test sets."""

    def __init__(self, qtbot: Any, *, tray_wanted: bool = False, desktop: DesktopNotifications | None = None,
                 platform: str = "linux") -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.statuses: list[str] = []
        self.selected: list[str] = []
        self.wanted = tray_wanted
        self.notifier = Notifier(
            self.window, self.statuses.append, tray_wanted=lambda: self.wanted,
            select=lambda rid: self.selected.append(rid) is None, desktop=desktop, platform=platform,
        )
        self.activated: list[list[str]] = []
        self.notifier.activated.connect(self.activated.append)


@pytest.fixture
def server(qapp, session_bus: str):  # noqa: F811
    fake = FakeNotificationServer(session_bus)
    yield fake
    fake.close()


def client(address: str) -> DesktopNotifications:
    return DesktopNotifications("fluxdesk", notification_icon(), APP_ID, address=address, timeout=5.0)


def test_no_tray_means_a_desktop_notification_with_icon_entry_and_action(
    qloop, qtbot, server, session_bus, monkeypatch  # noqa: F811
) -> None:
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    monkeypatch.delenv("DESKTOP_STARTUP_ID", raising=False)
    desktop = client(session_bus)
    h = Harness(qtbot, desktop=desktop)
    batch = [job("j1", JobState.FAILED), job("j2"), job("j3")]
    h.notifier.batch_finished(batch)
    qtbot.waitUntil(lambda: len(server.calls) == 1 and h.notifier.last_channel == "desktop", timeout=10_000)
    call = server.calls[0]
    assert call.app_name == "fluxdesk" and call.replaces_id == 0
    assert call.summary == "2 of 3 images ready; 1 did not finish (see the queue)."
    assert call.body == "a red kite over the dunes"
    assert call.actions == ["default", "Show"]
    assert call.hints["desktop-entry"] == APP_ID
    assert call.expire_timeout == -1
    # the icon: the theme's by name when installed, else the packaged PNG
    assert call.app_icon == APP_ID or (call.app_icon.startswith("file://") and call.app_icon.endswith(".png"))
    assert h.notifier.tray is None  # no tray icon was made for it
    assert h.statuses == ["2 of 3 images ready; 1 did not finish (see the queue)."]

    server.click(101, token="wayland-token-7")
    qtbot.waitUntil(lambda: h.activated == [["j1", "j2", "j3"]], timeout=10_000)
    assert h.selected == ["j2"]  # the batch's first result, not its failed first job
    assert os.environ["XDG_ACTIVATION_TOKEN"] == "wayland-token-7"
    assert h.window.isVisible()  # raised (shown) on the click
    h.notifier.close()


def test_a_click_on_another_applications_notification_does_nothing(
    qloop, qtbot, server, session_bus, monkeypatch  # noqa: F811
) -> None:
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    h = Harness(qtbot, desktop=client(session_bus))
    h.notifier.batch_finished([job("a1")])
    qtbot.waitUntil(lambda: h.notifier.last_channel == "desktop", timeout=10_000)
    server.click(55, token=None)  # not our id
    server.click(101, action="other", token=None, closes=False)  # ours, but not the default action
    server.click(101, token=None)
    qtbot.waitUntil(lambda: h.activated == [["a1"]], timeout=10_000)
    assert h.selected == ["a1"]
    server.click(101, token=None)  # closed: a late click on it is nobody's
    server.click(101, token="late", closes=False)
    h.window.hide()
    h.notifier.batch_finished([job("a2")])  # a round trip through the bus after the late clicks
    qtbot.waitUntil(lambda: len(server.calls) == 2, timeout=10_000)
    assert h.activated == [["a1"]] and "XDG_ACTIVATION_TOKEN" not in os.environ
    h.notifier.close()


def test_markup_is_escaped_only_where_the_server_reads_markup(qloop, qtbot, session_bus) -> None:  # noqa: F811
    for caps, expected in ((("actions", "body-markup"), "cats &amp; &lt;b&gt;dogs&lt;/b&gt;"),
                           (("actions",), "cats & <b>dogs</b>")):
        fake = FakeNotificationServer(session_bus, capabilities=caps)
        try:
            h = Harness(qtbot, desktop=client(session_bus))
            h.notifier.batch_finished([job("m1", prompt="cats & <b>dogs</b>\n\n")])
            qtbot.waitUntil(lambda f=fake: len(f.calls) == 1, timeout=10_000)
            assert fake.calls[0].body == expected
            h.notifier.close()
        finally:
            fake.close()


def test_a_bus_without_a_notification_service_falls_back_to_the_taskbar(
    qloop, qtbot, session_bus  # noqa: F811
) -> None:
    desktop = client(session_bus)
    h = Harness(qtbot, desktop=desktop)
    h.notifier.batch_finished([job("x1")])
    qtbot.waitUntil(lambda: h.notifier.last_channel == "alert", timeout=10_000)
    assert desktop.last_problem and "ServiceUnknown" in desktop.last_problem
    assert h.notifier.last_background_message == "Your image is ready."
    h.notifier.close()


def test_no_session_bus_at_all_falls_back_to_the_taskbar(qloop, qtbot, monkeypatch) -> None:
    without_session_bus(monkeypatch)
    assert session_bus_address() is None
    h = Harness(qtbot)  # the window's own client, on the (absent) session bus
    h.notifier.batch_finished([job("y1"), job("y2")])
    qtbot.waitUntil(lambda: h.notifier.last_channel == "alert", timeout=10_000)
    assert h.statuses == ["2 images ready."]
    h.notifier.close()


def test_the_session_bus_is_found_where_libdbus_finds_it(tmp_path) -> None:
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}) == "unix:path=/x"
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    (tmp_path / "bus").touch()
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path / 'bus'}"
    assert one_line("a\n b\tc") == "a b c" and len(one_line("x" * 500)) == 160


class TrayHarness(Harness):
    def __init__(self, qtbot: Any, **kwargs: Any) -> None:
        self.tray_there = True
        super().__init__(qtbot, **kwargs)
        self.notifier.tray_possible = lambda: self.tray_there  # type: ignore[method-assign]


# the offscreen platform has no tray of its own to tell Qt about
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_a_tray_icon_only_when_wanted_and_possible(qloop, qtbot) -> None:
    h = TrayHarness(qtbot, tray_wanted=False, platform="win32")
    h.notifier.sync_tray()
    assert h.notifier.tray is None  # off by default: no icon appears unasked
    h.notifier.batch_finished([job("t1")])
    assert h.notifier.last_channel == "alert"  # Windows without the tray: the taskbar flashes
    assert h.notifier.tray is None

    h.wanted = True
    h.notifier.sync_tray()
    tray = h.notifier.tray
    assert tray is not None and tray.isVisible() and not tray.icon().isNull()
    h.notifier.batch_finished([job("t2"), job("t3")])
    assert h.notifier.last_channel == "tray"
    tray.messageClicked.emit()
    assert h.activated == [["t2", "t3"]] and h.selected == ["t2"]

    h.tray_there = False  # the panel went away
    h.notifier.sync_tray()
    assert h.notifier.tray is None
    h.wanted = False
    h.notifier.close()


def test_in_the_foreground_only_the_status_bar_speaks(qloop, qtbot) -> None:
    h = Harness(qtbot)
    h.notifier.window_in_background = lambda: False  # type: ignore[method-assign]
    h.notifier.batch_finished([job("f1")])
    assert h.statuses == ["Your image is ready."] and h.notifier.last_channel is None
    h.notifier.close()
