"""The socket side: a ThreadingHTTPServer with keep-alive, a deep accept queue and TCP_NODELAY.

TCP_NODELAY on every accepted socket: without it a keep-alive reply written as headers then body can
sit ~40 ms in Nagle's buffer waiting for the client's delayed ACK, on every request. A deep listen
queue (`request_queue_size`) keeps a burst of connections from being refused while threads start.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from fluxdesk.sim.replies import Reply, json_reply

Handle = Callable[[str, str, Iterable[tuple[str, str]], bytes], "Reply | None"]
Track = Callable[[socket.socket, bool], None]
REQUEST_QUEUE_SIZE = 1024


class SimHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = REQUEST_QUEUE_SIZE
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handle: Handle, track: Track) -> None:
        self.handle_request_for = handle
        self.track = track
        super().__init__(address, SimHandler)


class SimHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SimHTTPServer
    timeout = 120  # an idle keep-alive connection is dropped after this long

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket (never on 127.0.0.1): nothing to tune
            pass
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        body = self.rfile.read(length) if length > 0 else b""
        try:
            reply = self.server.handle_request_for(self.command, self.path, self.headers.items(), body)
        except Exception as exc:  # a simulator bug must still answer, not hang the client
            reply = json_reply(500, {"detail": f"Simulator error: {type(exc).__name__}: {exc}"})
        if reply is None:  # a reset: drop the connection without a word
            self._reset()
            return
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        body = reply.body
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.cutoff:
            self.send_header("Connection", "close")
        self.end_headers()
        if reply.cutoff:
            self.wfile.write(body[: len(body) // 2])
            self._reset()
            return
        self.wfile.write(body)

    def _reset(self) -> None:
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass
