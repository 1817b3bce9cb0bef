"""Who drives a job: each row's owner, a process holding a lease.

Several processes may open one library at once: the window, `fluxdesk generate` in a terminal,
`fluxdesk resume`. Each job row names its owner (`generations.owner`, a random token) and the `owners`
table says who that is: host, pid, when the process started (so that a pid the system handed to another
program is not taken for the owner) and a lease the owner renews while it runs. A process drives only the
jobs it owns; another takes a job over only when its owner is gone: no owners row, a lapsed lease, or, on
this host, a dead pid or a pid that now belongs to another process. The take-over is a compare-and-swap
UPDATE (`LibraryStore.take_over`), so two processes can never both win a job.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.i18n import _
from fluxdesk.library.errors import LibraryError

#: how long an owner's lease lasts; the engine renews it well before it lapses
DEFAULT_LEASE = 60.0


class NotOwner(LibraryError):
    """A write to a job this process no longer owns (another one took it over): refused, nothing changed."""

    code = "not_owner"


@dataclass(frozen=True)
class Owner:
    """This process as an owner of jobs."""

    token: str
    host: str
    pid: int
    proc_start: str | None
    label: str = ""

    @classmethod
    def of_this_process(cls, label: str = "") -> Owner:
        pid = os.getpid()
        return cls(secrets.token_hex(8), this_host(), pid, process_start(pid), label)


@dataclass(frozen=True)
class OwnerRow:
    """An owner as the library records it."""

    token: str
    host: str
    pid: int
    proc_start: str | None
    label: str
    started_at: float
    lease_until: float

    def describe(self) -> str:
        """Who, in a few words, for "running in ..." sentences."""
        what = f"fluxdesk {self.label}".strip() if self.label else "fluxdesk"
        where = f"pid {self.pid}" if self.host == this_host() else _("pid {pid} on "
                                                                     "{host}").format(
                                                                       pid=self.pid, host=self.host)
        return _("another {what} process ({where})").format(what=what, where=where)


def this_host() -> str:
    return socket.gethostname()


def _proc_stat(pid: int) -> list[str] | None:
    """Linux's /proc/<pid>/stat split into fields after the command name, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name is in parentheses and may itself hold spaces or parentheses
    return text[text.rfind(")") + 2 :].split()


def process_start(pid: int) -> str | None:
    """When `pid` started, as the system counts it (clock ticks since boot on Linux); None when unknown."""
    fields = _proc_stat(pid)
    if fields is None or len(fields) < 20:
        return None
    return fields[19]  # field 22 of stat: starttime


def pid_alive(pid: int) -> bool | None:
    """Whether a process `pid` runs on this host; None when that cannot be told (Windows: the lease says)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return None  # os.kill(pid, 0) would terminate the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, alive
    except OSError:
        return None
    fields = _proc_stat(pid)
    return not (fields and fields[0] in ("Z", "X"))  # a zombie was killed; its parent has yet to reap it


def owner_gone(row: OwnerRow | None, now: float, *, host: str | None = None) -> bool:
    """True when the owner can no longer drive its jobs, so another process may take them over."""
    if row is None:
        return True
    if row.lease_until < now:
        return True
    if row.host != (host or this_host()):
        return False  # another machine sharing the folder: only its lease tells
    alive = pid_alive(row.pid)
    if alive is False:
        return True
    if alive and row.proc_start is not None:
        started = process_start(row.pid)
        if started is not None and started != row.proc_start:
            return True  # the pid now belongs to another process
    return False
