"""Desktop notifications through the freedesktop notification service (org.freedesktop.Notifications).

GNOME, KDE, Xfce, Cinnamon and the notification daemons of tiling desktops (dunst, mako, swaync...)
all serve it on the session bus, tray or no tray. A notification carries the app's icon, its
`desktop-entry` (the app id, so the desktop shows it as fluxdesk's and groups it) and a default
action: a click on it comes back as `ActionInvoked(id, "default")`, preceded on Wayland by
`ActivationToken(id, token)`, which the window needs to be allowed to come to the front.

Why jeepney and not QtDBus: PySide6 ships QtDBus, but it cannot marshal an unsigned 32-bit argument
(a Python int goes as int32 `i`, `QDBusArgument << int` as uint16 `q`), and Notify's `replaces_id` is
uint32 `u`; services built on GDBus (GNOME Shell, dunst) check the signature and refuse the call.
jeepney (pure Python, on the asyncio loop: never the GUI thread's time) speaks the protocol exactly.

One connection, opened at the first notification and kept while the window lives so that clicks
can come back; `close()` cancels it. The bus hands us Notify's reply (the id) before any signal about
that id, but the reply wakes the caller's coroutine while the signals go to the connection's own task,
and that task may run first: a signal for an id not yet known is held while a Notify is awaiting its
reply, and given to the notification once its id is known, so a quick click is never lost.
Nothing here raises to the caller: `notify` answers None when there is no bus or no service (the
window then asks for attention instead) and logs why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fluxdesk.ui.i18n import translate

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
#: the action a click on the notification's body invokes (the spec's name for it)
DEFAULT_ACTION = "default"
#: seconds to wait for the bus or the service before giving up on a notification
CALL_TIMEOUT = 5.0
BODY_CHARS = 160
#: signals held for ids not known yet (the service's signals for every client, while a Notify is answered)
HELD_SIGNALS = 64

#: (action key, activation token or None) -> None; called on the loop
OnAction = Callable[[str, "str | None"], None]


def session_bus_address(env: Mapping[str, str] | None = None) -> str | None:
    """Where the session bus listens: `$DBUS_SESSION_BUS_ADDRESS`, else systemd's per-user socket
    (`$XDG_RUNTIME_DIR/bus`, as libdbus finds it); None when there is none."""
    env = os.environ if env is None else env
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and (Path(runtime) / "bus").exists():
        return f"unix:path={Path(runtime) / 'bus'}"
    return None


def one_line(text: str, limit: int = BODY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class _Pending:
    on_action: OnAction
    token: str | None = None


class DesktopNotifications:
    """A client of the notification service; `app_icon` is an icon name or a file:// URI."""

    def __init__(self, app_name: str, app_icon: str, desktop_entry: str, *, address: str | None = None,
                 timeout: float = CALL_TIMEOUT) -> None:
        self.app_name = app_name
        self.app_icon = app_icon
        self.desktop_entry = desktop_entry
        self.address = address  # None: the session bus (`session_bus_address()`)
        self.timeout = timeout
        #: the service's capabilities once asked ("actions", "body-markup", ...)
        self.capabilities: frozenset[str] = frozenset()
        self.last_problem: str | None = None
        self._serving: asyncio.Task[None] | None = None
        self._ready: asyncio.Future[Any] | None = None
        self._pending: dict[int, _Pending] = {}
        #: Notify calls sent whose reply has not been handled yet
        self._awaiting_ids = 0
        #: (member, id, argument) of signals for ids not known while a Notify awaited its reply
        self._held: deque[tuple[str, int, Any]] = deque(maxlen=HELD_SIGNALS)

    async def notify(self, summary: str, body: str = "", *, on_action: OnAction | None = None) -> int | None:
        """Show a notification; its id, or None when no service took it (the reason in `last_problem`)."""
        try:
            router = await self._connect()
            return await self._notify(router, summary, body, on_action)
        except Exception as exc:  # no bus, no service, a refusal: the caller falls back
            self.last_problem = str(exc) or type(exc).__name__
            log.info("no desktop notification: %s", self.last_problem)
            return None

    async def _notify(self, router: Any, summary: str, body: str, on_action: OnAction | None) -> int:
        from jeepney import MessageType, new_method_call

        body = one_line(body)
        if "body-markup" in self.capabilities:  # else markup would show as typed: plain text as it is
            import html  # and its entity tables: at the first notification, not at every start

            body = html.escape(body, quote=False)
        # the default action's label: some notification services show it as a button
        actions = [DEFAULT_ACTION, translate("Notifications", "Show")] if on_action is not None else []
        hints = {"desktop-entry": ("s", self.desktop_entry), "urgency": ("y", 1),
                 "category": ("s", "transfer.complete")}
        message = new_method_call(_target(), "Notify", "susssasa{sv}i", (
            self.app_name, 0, self.app_icon, one_line(summary), body, actions, hints, -1,
        ))
        notification_id: int | None = None
        self._awaiting_ids += 1
        try:
            reply = await asyncio.wait_for(router.send_and_get_reply(message), self.timeout)
            if reply.header.message_type is MessageType.error:
                raise RuntimeError(f"the notification service refused it ({_error_text(reply)})")
            notification_id = int(reply.body[0])
            if on_action is not None:
                self._pending[notification_id] = _Pending(on_action)
        finally:
            self._awaiting_ids -= 1
            self._release_held(notification_id)
        self.last_problem = None
        return notification_id

    def _release_held(self, notification_id: int | None) -> None:
        """The signals about `notification_id` (None: a Notify that failed) that came before its reply
        was handled, in their order; with no other Notify awaiting its reply, the rest were other
        applications'."""
        held = list(self._held)
        self._held.clear()
        for member, held_id, argument in held:
            if held_id == notification_id:
                self._handle(member, held_id, argument)
            elif self._awaiting_ids:
                self._held.append((member, held_id, argument))

    def _failed(self) -> bool:
        ready = self._ready
        return ready is None or (ready.done() and (ready.cancelled() or ready.exception() is not None))

    async def _connect(self) -> Any:
        if self._failed():  # first use, or the last connection failed or ended: try again
            address = self.address or session_bus_address()
            if address is None:
                raise RuntimeError("there is no D-Bus session bus")
            loop = asyncio.get_running_loop()
            self._ready = ready = loop.create_future()
            self._serving = loop.create_task(self._serve(address, ready), name="desktop notifications")
        assert self._ready is not None
        return await asyncio.shield(self._ready)

    async def _serve(self, address: str, ready: asyncio.Future[Any]) -> None:
        """The connection's life: connect, subscribe to the service's signals, hand them out."""
        from jeepney import MatchRule, MessageType, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.asyncio import DBusRouter, Proxy, open_dbus_connection

        conn = None
        try:
            conn = await asyncio.wait_for(open_dbus_connection(address), self.timeout)
            async with DBusRouter(conn) as router:
                # the service's signals go to every client: ours are told apart by their ids
                rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
                with router.filter(rule, bufsize=64) as queue:
                    await asyncio.wait_for(Proxy(message_bus, router).AddMatch(rule), self.timeout)
                    caps = new_method_call(_target(), "GetCapabilities")
                    reply = await asyncio.wait_for(router.send_and_get_reply(caps), self.timeout)
                    if reply.header.message_type is MessageType.error:
                        raise RuntimeError(f"no notification service answers ({_error_text(reply)})")
                    self.capabilities = frozenset(str(c) for c in reply.body[0])
                    ready.set_result(router)
                    while True:
                        self._dispatch(await queue.get())
        except Exception as exc:
            if not ready.done():
                ready.set_exception(exc)
            else:
                log.info("the notification service's connection ended: %s", exc)
        finally:
            if not ready.done():
                ready.cancel()
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close()

    def _dispatch(self, message: Any) -> None:
        from jeepney import HeaderFields

        member = str(message.header.fields.get(HeaderFields.member, ""))
        body = message.body
        if not body or not isinstance(body[0], int):
            return
        argument = body[1] if len(body) > 1 else None
        if body[0] not in self._pending and self._awaiting_ids:
            self._held.append((member, body[0], argument))  # maybe ours, its id not handled yet
            return
        self._handle(member, body[0], argument)

    def _handle(self, member: str, notification_id: int, argument: Any) -> None:
        pending = self._pending.get(notification_id)
        if pending is None:
            return  # another application's notification
        if member == "ActivationToken" and argument is not None:
            pending.token = str(argument)
        elif member == "ActionInvoked" and argument is not None:
            try:
                pending.on_action(str(argument), pending.token)
            except Exception as exc:  # a click must never take the connection down
                log.error("acting on a notification failed", exc_info=exc)
        elif member == "NotificationClosed":
            self._pending.pop(notification_id, None)

    @property
    def connected(self) -> bool:
        return not self._failed() and self._ready is not None and self._ready.done()

    def close(self) -> None:
        """Stop listening (the window is going away); a notification still shown stays."""
        self._pending.clear()
        self._held.clear()
        if self._serving is not None and not self._serving.done():
            self._serving.cancel()
        if self._ready is not None and not self._ready.done():
            self._ready.cancel()
        self._serving = None
        self._ready = None


def _target() -> Any:
    from jeepney import DBusAddress

    return DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)


def _error_text(reply: Any) -> str:
    from jeepney import HeaderFields

    name = reply.header.fields.get(HeaderFields.error_name, "an error")
    detail = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
    return f"{name}: {detail}" if detail else str(name)
