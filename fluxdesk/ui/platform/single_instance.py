"""One window per library: a second `fluxdesk` hands its files to the first and exits.

A launch first takes the library's window lock (`runtime.LibraryLock`, `claim_library`). Holding it,
it is the window; once that window has painted, it listens on a local socket (QLocalServer,
`instance_socket.py`: Qt's network module is loaded then, not in the first paint's way) whose name is
derived from the library folder and the user (a hash: the path never appears in /tmp, and two users
never meet). A later launch on the same library finds the lock taken, connects, sends one small JSON
line (`{"files": [...]}`), waits for "ok" and exits 0; the first window comes to the front and reads
the first file's settings, as a first launch would. A window still starting (locked, not listening
yet) is waited for, a few seconds at most; a user reads "already open" only when no handover worked.

A socket left by a window that crashed answers nobody, but its lock is free (the OS dropped it with
the process): the new launch takes the lock, and its window removes the dead socket and listens in
its place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

log = logging.getLogger(__name__)
Lock = TypeVar("Lock")

#: how long a later launch waits for the first window to take its message
HANDOVER_TIMEOUT_MS = 1500
#: how long a later launch waits for a window that holds the lock but does not listen yet (starting)
STARTING_WAIT = 3.0
#: how often it tries again meanwhile
RETRY_EVERY = 0.1
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


#: what `claim_library` returns when a window already open took the launch's files
HANDED_OVER: Literal["handed over"] = "handed over"


def claim_library(
    acquire: Callable[[], Lock | None], name: str, files: list[Path], *,
    wait: float = STARTING_WAIT, clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Lock | Literal["handed over"] | None:
    """This launch's place: the library's lock (`acquire()`, None while another process holds it),
    so it is the window; or HANDED_OVER, when the window holding it took `files`; or None, when the
    holder took nothing within `wait` seconds (the caller says the library is open elsewhere).

    Blocking and bounded; runs before this process has a window or a loop. The lock is tried again
    between attempts: a window that quit meanwhile leaves it to this launch.
    """
    deadline = clock() + wait
    while True:
        lock = acquire()
        if lock is not None:
            return lock
        from fluxdesk.ui.platform.instance_socket import hand_over  # only when a window holds it

        if hand_over(name, files):
            return HANDED_OVER
        if clock() >= deadline:
            return None
        sleep(RETRY_EVERY)
