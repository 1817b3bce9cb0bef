"""The simulator's state on disk (`SimConfig.state_path`): tasks, balances and the link-signing secret.

A stop and a start of the server therefore keep every task (with its timing: a task due at 12:00:05
is Ready at 12:00:05 whether or not the server restarted in between), every key's spending, and the
delivery links handed out before. Images are not stored: they re-render byte for byte from the task.
Large input images (base64 in the request) go to a folder beside the file, named by their hash, so
the JSON stays small. Writes are atomic (a temporary file, then a rename); a file that cannot be read
is set aside as ``<name>.broken`` and the simulator starts empty rather than not at all.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fluxdesk.sim.tasks import Task

log = logging.getLogger(__name__)
VERSION = 1
_INLINE_MAX = 512  # image values longer than this are stored beside the file
_BLOB = "$blob"


@dataclass
class SavedState:
    tasks: list[Task] = field(default_factory=list)
    accounts: dict[str, dict[str, float]] = field(default_factory=dict)
    secret: bytes | None = None


def _blob_dir(path: Path) -> Path:
    return path.with_name(path.name + ".images")


def _store_blobs(path: Path, params: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, str) and len(value) > _INLINE_MAX:
            digest = hashlib.sha256(value.encode()).hexdigest()
            target = _blob_dir(path) / digest
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write(target, value.encode())
            out[name] = {_BLOB: digest}
        else:
            out[name] = value
    return out


def _load_blobs(path: Path, params: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, dict) and _BLOB in value:
            out[name] = (_blob_dir(path) / str(value[_BLOB])).read_text()
        else:
            out[name] = value
    return out


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save(
    path: Path, tasks: list[dict[str, Any]], accounts: dict[str, dict[str, float]], secret: bytes
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = []
    for task in tasks:
        task = dict(task)
        task["params"] = _store_blobs(path, task.get("params") or {})
        saved.append(task)
    data = {"version": VERSION, "secret": secret.hex(), "accounts": accounts, "tasks": saved}
    _atomic_write(path, json.dumps(data, separators=(",", ":")).encode())
    _drop_unused_blobs(path, saved)


def _drop_unused_blobs(path: Path, tasks: list[dict[str, Any]]) -> None:
    folder = _blob_dir(path)
    if not folder.is_dir():
        return
    used = {
        v[_BLOB]
        for t in tasks
        for v in (t.get("params") or {}).values()
        if isinstance(v, dict) and _BLOB in v
    }
    for blob in folder.iterdir():
        if blob.name not in used and not blob.name.endswith(".tmp"):
            blob.unlink(missing_ok=True)


def load(path: Path) -> SavedState:
    """The saved state, or an empty one when there is none (or it cannot be read)."""
    if not path.exists():
        return SavedState()
    try:
        data = json.loads(path.read_text())
        tasks = []
        for raw in data.get("tasks") or []:
            raw = dict(raw)
            raw["params"] = _load_blobs(path, raw.get("params") or {})
            tasks.append(Task.from_json(raw))
        secret = bytes.fromhex(data["secret"]) if data.get("secret") else None
        return SavedState(tasks, dict(data.get("accounts") or {}), secret)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("simulator state %s could not be read (%s); starting empty", path, exc)
        try:
            path.replace(path.with_name(path.name + ".broken"))
        except OSError:
            pass
        return SavedState()
