"""The gallery's context menu and the actions only it offers: copy, reveal in the file manager, favorite,
edit (E, and the Edit… button of the viewers it opens).

The menu is built for the selection and shown with `popup()`, never `exec()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QMenu, QWidget

from fluxdesk.library.imports import is_imported
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.thumb_loader import load_full_image

if TYPE_CHECKING:
    from fluxdesk.ui.gallery.panel import GalleryPanel


def build_context_menu(panel: GalleryPanel, records: list[GenerationRecord]) -> QMenu:
    """The menu for `records` (the selection, never empty)."""
    first = records[0]
    one = len(records) == 1
    menu = QMenu(panel)

    def add(text: str, slot: Callable[[], Any], *, enabled: bool = True, name: str = "") -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    made = one and not is_imported(first)  # an imported file has no settings to use again
    add("Use these settings", lambda: panel.useSettingsRequested.emit(first), enabled=made, name="use")
    add("Edit…\tE", lambda: panel.editRequested.emit(first), enabled=one and bool(first.file), name="edit")
    add("Vary seed", lambda: panel.variationsRequested.emit(first), enabled=made, name="vary")
    menu.addSeparator()
    add("Copy prompt", lambda: panel.copy_text(first.prompt), enabled=one, name="copy_prompt")
    add(
        "Copy seed",
        lambda: panel.copy_text(str(first.seed)),
        enabled=one and first.seed is not None,
        name="copy_seed",
    )
    add("Copy image", lambda: panel.copy_image(first), enabled=one, name="copy_image")
    menu.addSeparator()
    all_favorite = all(r.favorite for r in records)
    fav = add("Favorite", lambda: panel.set_favorite(records, not all_favorite), name="favorite")
    fav.setCheckable(True)
    fav.setChecked(all_favorite)
    add("Reveal in folder", lambda: panel.reveal(first), name="reveal")
    add("Open\tEnter", panel.open_viewer, name="open")
    if len(records) == 2:
        add("Compare side by side\tEnter", lambda: panel.open_viewer(records), name="compare")
    add("Compare with parent\tB", lambda: panel.compare_with_parent(first),
        enabled=one and bool(first.parents), name="compare_parent")
    add("Show family", lambda: panel.show_family(first.id), enabled=one, name="family")
    add("Export…", lambda: panel.exportRequested.emit(list(records)), name="export")
    menu.addSeparator()
    count = "" if one else f" {len(records)} images"
    if panel.trash_view.isChecked():
        add(f"Restore{count}\tDel", lambda: panel.restore(records), name="restore")
        add("Empty trash…", panel.empty_trash, name="empty_trash")
    else:
        add(f"Delete{count}\tDel", lambda: panel.delete(records), name="delete")
    return menu


class RecordActions:
    """Copy a prompt or an image, reveal a file, mark favorites: off the GUI thread where it reads files."""

    def __init__(self, panel: GalleryPanel) -> None:
        self._panel = panel

    def edit(self, record: GenerationRecord | None) -> None:
        """E: an edit of `record` (one with a file), or why not."""
        if record is None:
            self._panel.statusMessage.emit("Select an image to edit first.")
        elif not record.file:
            self._panel.statusMessage.emit("This image has no file, so it cannot be edited.")
        else:
            self._panel.editRequested.emit(record)

    def with_edit(self, viewer: QWidget | None) -> QWidget | None:
        """A viewer's Edit… button starts an edit as E does in the gallery."""
        signal = getattr(viewer, "editRequested", None)
        if signal is not None:
            signal.connect(self._panel.editRequested)
        return viewer

    def copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._panel.statusMessage.emit("Copied to the clipboard.")

    def copy_image(self, record: GenerationRecord) -> None:
        path = self._panel.model.path_of(record)
        if path is None:
            return
        self._panel.tasks.spawn(self._copy_image(path), name="copy the image")

    async def _copy_image(self, path: Path) -> None:
        image: QImage = await asyncio.get_running_loop().run_in_executor(None, load_full_image, path)
        if image.isNull():
            self._panel.statusMessage.emit(f"Could not read {path.name}.")
            return
        QGuiApplication.clipboard().setImage(image)
        self._panel.statusMessage.emit("Image copied to the clipboard.")

    def reveal(self, record: GenerationRecord) -> None:
        """The file selected in the system's file manager (its folder, where that cannot be done)."""
        path = self._panel.model.path_of(record)
        if path is not None:
            self._panel.reveal_file(path, self._panel.open_url, self._panel)

    def set_favorite(self, records: list[GenerationRecord], value: bool) -> None:
        """Mark in the library; the view follows the library's announcement of the change."""
        if records:
            ids = [r.id for r in records]
            self._panel.tasks.spawn(self._panel.library.set_favorite(ids, value), name="mark favorites")
