"""One window per library: a second `fluxdesk` hands its files to the first and exits.

The first window on a library listens on a local socket (QLocalServer) whose name is derived from the
library folder and the user (a hash: the path never appears in /tmp, and two users never meet). A
later launch on the same library connects, sends one small JSON line (`{"files": [...]}`), waits for
"ok" and exits 0; the first window comes to the front and reads the first file's settings, as a
first launch would. Only the process holding the library's lock listens (`runtime.LibraryLock`), so
the handover is tried before the lock: a user never reads "already open" when the handover worked.

A socket left by a window that crashed answers nobody: the handover fails, the lock is free (the OS
dropped it with the process), and the new window removes the dead socket and listens in its place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

#: how long a later launch waits for the first window to take its message
HANDOVER_TIMEOUT_MS = 1500
#: the largest message read (a few hundred paths): anything bigger is not from fluxdesk
MAX_MESSAGE = 256 * 1024
OK = b"ok\n"


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return os.environ.get("USERNAME", "") or os.environ.get("USER", "")


def server_name(library_dir: Path, env: dict[str, str] | None = None) -> str:
    """The local socket's name for `library_dir` and this user.

    In $XDG_RUNTIME_DIR (per user, 0700) when there is one, as a full path; else a name Qt puts in
    its temporary folder, with the user id in it (the server also refuses other users).
    """
    env = dict(os.environ) if env is None else env
    try:
        folder = str(library_dir.expanduser().resolve())
    except OSError:
        folder = str(library_dir.expanduser().absolute())
    digest = hashlib.sha256(f"{_user()}\0{folder}".encode()).hexdigest()[:20]
    runtime_dir = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime_dir and sys.platform != "win32" and Path(runtime_dir).is_dir():
        return str(Path(runtime_dir) / f"fluxdesk-{digest}.sock")
    return f"fluxdesk-{_user()}-{digest}"


def encode(files: list[Path]) -> bytes:
    return json.dumps({"files": [str(p.absolute()) for p in files]}).encode() + b"\n"


def decode(data: bytes) -> list[Path] | None:
    """The files of a message; None when it is not one."""
    try:
        message = json.loads(data.decode())
    except (UnicodeDecodeError, ValueError):
        return None
    files = message.get("files") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return [Path(f) for f in files]


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
