"""Shared pieces of the simulator's tests: images, bounded waits, a clock, a loopback webhook receiver."""

from __future__ import annotations

import base64
import io
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from PIL import Image

BFL_KEY = {"x-key": "k-sim"}
COMET_KEY = {"Authorization": "Bearer k-sim"}
RUNNING = ("Pending", "Reasoning", "Generating")


def png_b64(size: tuple[int, int], color: tuple[int, ...] = (10, 120, 30), mode: str = "RGB") -> str:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def image_b64(image: Image.Image) -> str:
    out = io.BytesIO()
    image.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def wait_until(condition: Callable[[], Any], timeout: float = 5.0, step: float = 0.02) -> Any:
    """The first truthy value of `condition()`, polled until `timeout`; AssertionError after that."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(step)


class SimClock:
    """The simulator's time (`SimConfig.clock`), moved on by the test instead of waited for.

    By default real time plus every `advance()`, so tasks also move on by themselves; `frozen`: only
    `advance()` moves it, for checks that must see each step of a task's progress.
    """

    def __init__(self, *, frozen: bool = False) -> None:
        self._frozen_at = time.time() if frozen else None
        self._offset = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            base = self._frozen_at if self._frozen_at is not None else time.time()
            return base + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds


def terminal(client: httpx.Client, url: str, headers: dict[str, str], timeout: float = 5.0) -> dict[str, Any]:
    """Poll `url` until the task is no longer running; the last reply."""

    def done() -> dict[str, Any] | None:
        reply = client.get(url, headers=headers).json()
        return reply if reply.get("status") not in RUNNING else None

    result: dict[str, Any] = wait_until(done, timeout)
    return result


def ready_image(client: httpx.Client, url: str, headers: dict[str, str]) -> tuple[dict[str, Any], bytes]:
    reply = terminal(client, url, headers)
    assert reply["status"] == "Ready", reply
    with httpx.Client(timeout=5) as bare:
        image = bare.get(reply["result"]["sample"])
    assert image.status_code == 200
    return reply, image.content


@dataclass
class Hook:
    path: str
    headers: dict[str, str]
    body: bytes


class HookReceiver:
    """A loopback HTTP server that records POSTs; `fail_first` answers that many with 500."""

    def __init__(self, fail_first: int = 0) -> None:
        self.calls: list[Hook] = []
        self.fail_first = fail_first
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                with receiver._lock:
                    receiver.calls.append(Hook(self.path, headers, body))
                    failing = receiver.fail_first > 0
                    receiver.fail_first -= 1 if failing else 0
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def received(self) -> list[Hook]:
        with self._lock:
            return list(self.calls)


@contextmanager
def hook_receiver(fail_first: int = 0) -> Iterator[HookReceiver]:
    receiver = HookReceiver(fail_first)
    receiver._thread.start()
    try:
        yield receiver
    finally:
        receiver._httpd.shutdown()
        receiver._httpd.server_close()
