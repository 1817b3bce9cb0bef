"""Ending a child process a test started: asked to stop, then killed if it does not within `timeout`."""

from __future__ import annotations

import subprocess


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes], timeout: float = 5) -> None:
    """Terminate `process` and reap it (its pipes drained); kill it when it outlives `timeout`."""
    process.terminate()
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=timeout)
