"""What the reference strip needs of the window, apart from the strip: the window hands it to the compose
room at start, and the strip itself is made only for a model that takes several images."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fluxdesk.ui.tasks import TaskRegistry


@dataclass(frozen=True)
class StripContext:
    """What the strip needs of the window: tasks for pasted images, where they are written, the status."""

    tasks: TaskRegistry
    paste_dir: Path
    notify: Callable[[str], None]
