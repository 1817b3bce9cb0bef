"""A private D-Bus session bus, and a small notification server on it, for the notification tests.

The server is written with QtDBus, independently of the client under test (jeepney): it declares
Notify with the specification's exact types (`susssasa{sv}i` -> `u`), so a call with another signature
is refused as GNOME Shell or dunst would refuse it, and it emits ActivationToken and ActionInvoked with
their real types (`us`, `us`) as a server does when a notification is clicked.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from process_helpers import stop
from PySide6.QtCore import ClassInfo, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def start_session_bus() -> tuple[subprocess.Popen[bytes], str]:
    """A dbus-daemon of our own (`--session` config, no fork): its process and its address."""
    exe = shutil.which("dbus-daemon")
    if exe is None:
        pytest.skip("no dbus-daemon on this machine (Debian package dbus; `make test` installs it as root)")
    process = subprocess.Popen(
        [exe, "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 10.0)  # bounded wait for its first line
    line = process.stdout.readline().decode().strip() if ready else ""
    if not line:
        process.kill()
        process.wait(timeout=5)
        pytest.skip("dbus-daemon --session did not start here (no address printed within 10 s)")
    return process, line


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The address of a fresh session bus, also in DBUS_SESSION_BUS_ADDRESS for the test's duration."""
    process, address = start_session_bus()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    try:
        yield address
    finally:
        stop(process)


@dataclass
class NotifyCall:
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any]
    expire_timeout: int


@ClassInfo({"D-Bus Interface": SERVICE})
class FakeNotificationServer(QObject):
    """org.freedesktop.Notifications on its own connection to the bus; records every Notify."""

    ActionInvoked = Signal("uint", str)
    ActivationToken = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(
        self, address: str, capabilities: tuple[str, ...] = ("actions", "body", "body-markup")
    ) -> None:
        super().__init__()
        self.calls: list[NotifyCall] = []
        self.capabilities = list(capabilities)
        # a connection name of our own: the client under test must reach us over the bus, not in-process
        self.name = f"fake-notifications-{id(self)}"
        self.connection = QDBusConnection.connectToBus(address, self.name)
        assert self.connection.isConnected(), self.connection.lastError().message()
        options = (QDBusConnection.RegisterOption.ExportAllSlots
                   | QDBusConnection.RegisterOption.ExportAllSignals)
        assert self.connection.registerObject(PATH, self, options)
        assert self.connection.registerService(SERVICE)

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app_name: str, replaces_id: int, app_icon: str, summary: str, body: str,
               actions: list[str], hints: dict[str, Any], expire_timeout: int) -> int:
        self.calls.append(NotifyCall(app_name, replaces_id, app_icon, summary, body, list(actions),
                                     dict(hints), expire_timeout))
        return 100 + len(self.calls)

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return self.capabilities

    def click(self, notification_id: int, action: str = "default", token: str | None = "token-1",
              *, closes: bool = True) -> None:
        """What a server does when the user clicks the notification (then it closes it: reason 2)."""
        if token is not None:
            self.ActivationToken.emit(notification_id, token)
        self.ActionInvoked.emit(notification_id, action)
        if closes:
            self.NotificationClosed.emit(notification_id, 2)

    def close(self) -> None:
        self.connection.unregisterObject(PATH)
        self.connection.unregisterService(SERVICE)
        QDBusConnection.disconnectFromBus(self.name)


def without_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(var, raising=False)
    assert "DBUS_SESSION_BUS_ADDRESS" not in os.environ
