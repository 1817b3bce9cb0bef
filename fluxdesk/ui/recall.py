"""Recall in the window: settings back from an image file, chosen or dropped, into the draft.

The file is read off the GUI thread (`library.recall.read_metadata`); what it carries goes through
`Draft.use_recalled`, which says in one sentence what was used and what was skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from fluxdesk.api.catalog import Catalog
from fluxdesk.draft import Draft
from fluxdesk.library.metadata import MetadataError
from fluxdesk.library.recall import read_metadata
from fluxdesk.ui.tasks import TaskRegistry

RECALL_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".json")


def recall_path(mime: QMimeData) -> Path | None:
    """The first local file in a drop that may carry settings."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(RECALL_SUFFIXES):
            return Path(url.toLocalFile())
    return None


class Recall:
    def __init__(
        self,
        parent: QWidget,
        draft: Draft,
        catalog: Catalog,
        tasks: TaskRegistry,
        show_status: Callable[[str], None],
        focus_prompt: Callable[[], None],
    ) -> None:
        self._parent = parent
        self.draft = draft
        self._catalog = catalog
        self._tasks = tasks
        self._show_status = show_status
        self._focus_prompt = focus_prompt

    def choose_file(self) -> None:
        dialog = QFileDialog(self._parent, "Open settings from an image")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["Images (*.png *.jpg *.jpeg *.webp)", "fluxdesk sidecar (*.json)"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.recall_from(Path(path)))
        dialog.open()

    def recall_from(self, path: Path) -> None:
        self._tasks.spawn(self._recall(path), name="recall settings")

    async def _recall(self, path: Path) -> None:
        try:
            recalled = await asyncio.to_thread(read_metadata, path, catalog=self._catalog)
        except MetadataError as exc:
            self._show_status(str(exc))
            return
        except OSError as exc:
            self._show_status(f"Could not read {path.name}: {exc.strerror or exc}.")
            return
        self._show_status(self.draft.use_recalled(recalled, path.name))
        self._focus_prompt()
