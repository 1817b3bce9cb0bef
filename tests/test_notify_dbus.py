"""Finished batches in the background: desktop notifications over a real session bus, the tray only
when wanted, the taskbar alert when nothing else can speak; a click raises the window on the batch."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from dbus_helpers import PATH, SERVICE, FakeNotificationServer, session_bus, without_session_bus  # noqa: F401
from engine_fakes import until
from jeepney import DBusAddress, new_error, new_method_return, new_signal
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
                 platform: str = "linux", shown: bool = True) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.statuses: list[str] = []
        self.selected: list[str] = []
        self.wanted = tray_wanted

        def select(record_id: str, missing: Callable[[], None]) -> None:
            self.selected.append(record_id)
            if not shown:  # the gallery's filter hides it
                missing()

        self.notifier = Notifier(
            self.window, self.statuses.append, tray_wanted=lambda: self.wanted,
            select=select, desktop=desktop, platform=platform,
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


class ReplyHeldRouter:
    """A jeepney router whose answers to method calls the test hands over when it chooses."""

    def __init__(self) -> None:
        self.sent: list[Any] = []
        self.replies: list[asyncio.Future[Any]] = []

    async def send_and_get_reply(self, message: Any) -> Any:
        self.sent.append(message)
        reply: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.replies.append(reply)
        return await reply


def service_signal(member: str, signature: str, body: tuple[Any, ...]) -> Any:
    return new_signal(DBusAddress(PATH, interface=SERVICE), member, signature, body)


@pytest.mark.asyncio
async def test_a_click_handed_out_before_notifys_reply_still_acts() -> None:
    """The bus sends Notify's reply before any signal about its id, but the reply wakes `notify`'s
    coroutine while the signals go to the connection's own task, which may run first: here the click
    is dispatched, then the reply is handled. The click still acts, with its activation token."""
    desktop = client("unix:path=/nowhere")
    router = ReplyHeldRouter()
    clicks: list[tuple[str, str | None]] = []

    def on_action(action: str, token: str | None) -> None:
        clicks.append((action, token))

    sending = asyncio.create_task(desktop._notify(router, "Your image is ready.", "", on_action))
    await until(lambda: len(router.sent) == 1, what="Notify sent")
    desktop._dispatch(service_signal("ActivationToken", "us", (101, "token-9")))
    desktop._dispatch(service_signal("ActionInvoked", "us", (55, "default")))  # another application's
    desktop._dispatch(service_signal("ActionInvoked", "us", (101, "default")))
    desktop._dispatch(service_signal("NotificationClosed", "uu", (101, 2)))
    assert clicks == []  # its id is not known yet
    router.replies[0].set_result(new_method_return(router.sent[0], "u", (101,)))
    assert await sending == 101
    assert clicks == [("default", "token-9")]
    # closed (held too, and handed out after the click): a later click on it is nobody's
    desktop._dispatch(service_signal("ActionInvoked", "us", (101, "default")))
    assert clicks == [("default", "token-9")]
    desktop.close()


@pytest.mark.asyncio
async def test_signals_for_unknown_ids_are_held_only_while_a_notify_awaits_its_reply() -> None:
    desktop = client("unix:path=/nowhere")
    router = ReplyHeldRouter()
    clicks: list[str] = []
    # a Notify the service refuses: the signals held meanwhile were not ours, and are dropped
    refused = asyncio.create_task(desktop._notify(router, "a", "", lambda _a, _t: clicks.append("refused")))
    await until(lambda: len(router.sent) == 1, what="first Notify sent")
    desktop._dispatch(service_signal("ActionInvoked", "us", (7, "default")))
    router.replies[0].set_result(new_error(router.sent[0], "org.freedesktop.DBus.Error.Failed", "s", ("no",)))
    with pytest.raises(RuntimeError, match="refused"):
        await refused
    # nothing awaits a reply now: a click on an unknown id is another application's, not kept for later
    desktop._dispatch(service_signal("ActionInvoked", "us", (8, "default")))
    sending = asyncio.create_task(desktop._notify(router, "b", "", lambda _a, _t: clicks.append("ours")))
    await until(lambda: len(router.sent) == 2, what="second Notify sent")
    router.replies[1].set_result(new_method_return(router.sent[1], "u", (8,)))
    assert await sending == 8
    assert clicks == []
    desktop._dispatch(service_signal("ActionInvoked", "us", (8, "default")))
    assert clicks == ["ours"]
    desktop.close()


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


@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_a_click_on_a_batch_the_gallery_does_not_show_says_where_it_is(qloop, qtbot) -> None:
    h = TrayHarness(qtbot, tray_wanted=True, platform="win32", shown=False)
    h.notifier.batch_finished([job("s1")])
    assert h.notifier.tray is not None
    h.notifier.tray.messageClicked.emit()
    assert h.selected == ["s1"] and h.activated == [["s1"]]
    assert h.statuses[-1] == "The batch's images are in the gallery (clear the search to see them)."
    h.wanted = False
    h.notifier.close()


def test_in_the_foreground_only_the_status_bar_speaks(qloop, qtbot) -> None:
    h = Harness(qtbot)
    h.notifier.window_in_background = lambda: False  # type: ignore[method-assign]
    h.notifier.batch_finished([job("f1")])
    assert h.statuses == ["Your image is ready."] and h.notifier.last_channel is None
    h.notifier.close()
