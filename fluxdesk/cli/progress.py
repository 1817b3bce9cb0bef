"""A live progress line per job on a terminal (redrawn in place, ~5 times a second)."""

from __future__ import annotations

import asyncio
import shutil
from typing import TextIO

from fluxdesk.engine import Job
from fluxdesk.i18n import _
from fluxdesk.library.records import JobState

BAR = 16


def describe(job: Job) -> str:
    """One line: seed, state, progress bar, elapsed."""
    state = job.state.label
    if job.state is JobState.PENDING and job.provider_status and job.provider_status != "Pending":
        state = job.provider_status
    bar = ""
    if job.state in (JobState.PENDING, JobState.DOWNLOADING):
        filled = round((job.progress or 0.0) * BAR)
        bar = " [" + "#" * filled + "-" * (BAR - filled) + "]"
    tail = f"  {job.error}" if job.error and job.state.is_final else ""
    if job.retrying and not job.state.is_final:
        tail = "  " + _("retrying: {reason}").format(reason=job.retrying)
    return "  " + _("seed {seed}: {state}{bar} {seconds:5.1f}s{tail}").format(
        seed=job.request.seed, state=state, bar=bar, seconds=job.elapsed, tail=tail)



class ProgressBoard:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._order: list[str] = []
        self._jobs: dict[str, Job] = {}
        self._drawn = 0

    def update(self, job: Job) -> None:
        if job.id not in self._jobs:
            self._order.append(job.id)
        self._jobs[job.id] = job

    def finish(self, job: Job) -> None:
        self.update(job)
        self.redraw()

    def println(self, line: str, stream: TextIO) -> None:
        """Print a result line above the board without tearing it."""
        self._clear()
        print(line, file=stream, flush=True)
        self.redraw()

    async def tick_forever(self) -> None:
        while True:
            self.redraw()
            await asyncio.sleep(0.2)

    def redraw(self) -> None:
        width = max(20, shutil.get_terminal_size((100, 20)).columns - 1)
        lines = [describe(self._jobs[i])[:width] for i in self._order]
        self._clear()
        for line in lines:
            self._stream.write(line + "\n")
        self._stream.flush()
        self._drawn = len(lines)

    def _clear(self) -> None:
        if self._drawn:
            self._stream.write(f"\x1b[{self._drawn}A\x1b[J")
            self._drawn = 0

    def close(self) -> None:
        self.redraw()
