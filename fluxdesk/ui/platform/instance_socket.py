"""The local socket between windows on one library (protocol and names: single_instance.py).

`hand_over` is a later launch's end, `InstanceServer` the first window's. Loaded only when one of them
is needed: Qt's network module takes 10 to 20 ms to load, which the first paint does not wait for.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from fluxdesk.ui.platform.single_instance import HANDOVER_TIMEOUT_MS, MAX_MESSAGE, OK, decode, encode

log = logging.getLogger(__name__)


def hand_over(name: str, files: list[Path], timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
    """Give `files` to the window already listening on `name`; True once it said it took them.

    Blocking and bounded; runs before this process has a window or a loop (or on a worker thread).
    False at once when nobody listens, or when a dead socket refuses the connection.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    try:
        socket.write(encode(files))
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        reply = b""
        while not reply.endswith(b"\n") and len(reply) < 64:
            if not socket.waitForReadyRead(timeout_ms):
                return False
            reply += socket.readAll().data()
        return reply == OK
    finally:
        socket.abort()


class InstanceServer(QObject):
    """The first window's end: `handedOver(files)` for every later launch on the same library."""

    handedOver = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed window is removed first. False when it cannot
        (the window works on without: later launches then say the library is open)."""
        if self.server.listen(self.name):
            log.info("listening for later launches on %s", self.name)
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # the caller holds the library's lock, so whoever made this socket is gone
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                log.info("removed a stale socket; listening for later launches on %s", self.name)
                return True
        log.warning("cannot listen for later launches: %s", self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()
        for socket in list(self._buffers):
            socket.abort()
        self._buffers.clear()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + socket.readAll().data()
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                log.warning("dropped an oversized message on the instance socket")
                self._buffers.pop(socket, None)
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers.pop(socket, None)
        files = decode(line)
        if files is None:
            log.warning("dropped a message on the instance socket that is not fluxdesk's")
            socket.abort()
            return
        socket.write(OK)
        socket.flush()
        socket.disconnectFromServer()
        log.info("a later launch handed over %d file(s)", len(files))
        self.handedOver.emit(files)
