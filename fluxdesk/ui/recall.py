"""Recall in the window: settings back from an image file, chosen or dropped, into the draft.

The file is read off the GUI thread (`library.recall.recall_file`). An original of the library is
recognised by its bytes (the library's record, asked on its DB thread) or its sidecar: the record's
settings are taken whole, as "Use these settings" does. Anything else goes through
`Draft.use_recalled`, which says in one sentence what was used and what was skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QWidget

from fluxdesk.api.catalog import Catalog
from fluxdesk.draft import Draft
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry

#: the library's record of an image with this sha256 (None: not in the library)
FindRecord = Callable[[str], Coroutine[Any, Any, GenerationRecord | None]]
#: how long the file's reader waits for the library's answer
LOOKUP_TIMEOUT = 30.0

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
        find_record: FindRecord | None = None,
    ) -> None:
        self._parent = parent
        self._find_record = find_record
        self.draft = draft
        self._catalog = catalog
        self._tasks = tasks
        self._show_status = show_status
        self._focus_prompt = focus_prompt

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # loaded when it opens, not at start-up

        dialog = QFileDialog(self._parent, translate("Recall", "Open settings from an image"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([
            translate("Recall", "Images ({patterns})").format(patterns="*.png *.jpg *.jpeg *.webp"),
            translate("Recall", "fluxdesk sidecar ({patterns})").format(patterns="*.json"),
        ])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.recall_from(Path(path)))
        dialog.open()

    def recall_from(self, path: Path) -> None:
        self._tasks.spawn(self._recall(path), name="recall settings")

    async def _recall(self, path: Path) -> None:
        loop = asyncio.get_running_loop()
        find = self._find_record

        def lookup(sha256: str) -> GenerationRecord | None:
            # called on the reader's thread: the library answers on its own thread, via the loop
            if find is None:
                return None
            return asyncio.run_coroutine_threadsafe(find(sha256), loop).result(LOOKUP_TIMEOUT)

        # the image readers (metadata, Pillow): imported when a file is recalled, not at start
        from fluxdesk.library.metadata import MetadataError
        from fluxdesk.library.recall import recall_file

        try:
            recalled, record = await asyncio.to_thread(
                recall_file, path, catalog=self._catalog, lookup=lookup
            )
        except MetadataError as exc:
            self._show_status(str(exc))
            return
        except OSError as exc:
            self._show_status(translate("Recall", "Could not read {name}: {reason}.").format(
                name=path.name, reason=exc.strerror or exc
            ))
            return
        if record is not None and recalled.source == "library" and self.draft.use_settings(record):
            self._show_status(translate(
                "Recall", "Settings of {name} taken from the library; its seed is locked (Random frees it)."
            ).format(name=path.name))
        else:
            self._show_status(self.draft.use_recalled(recalled, path.name))
        self._focus_prompt()
