"""The gallery's context menu and the actions only it offers: copy, reveal in the file manager, favorite,
edit (E, and the Edit… button of the viewers it opens).

The menu is built for the selection and shown with `popup()`, never `exec()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from fluxdesk.library.imports import is_imported
from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.gallery.thumb_loader import load_full_image
from fluxdesk.ui.i18n import translate

if TYPE_CHECKING:
    from fluxdesk.ui.gallery.panel import GalleryPanel


def _keys(key: Qt.Key) -> str:
    """The key's name as the platform writes it (Qt's own translations name it), after a tab."""
    return "\t" + QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


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
    add(
        translate("GalleryMenu", "Use these settings"),
        lambda: panel.useSettingsRequested.emit(first),
        enabled=made,
        name="use",
    )
    add(
        translate("GalleryMenu", "Edit…") + _keys(Qt.Key.Key_E),
        lambda: panel.editRequested.emit(first),
        enabled=one and bool(first.file),
        name="edit",
    )
    add(
        translate("GalleryMenu", "Vary seed"),
        lambda: panel.variationsRequested.emit(first),
        enabled=made,
        name="vary",
    )
    menu.addSeparator()
    add(
        translate("GalleryMenu", "Copy prompt"),
        lambda: panel.copy_text(first.prompt),
        enabled=one,
        name="copy_prompt",
    )
    add(
        translate("GalleryMenu", "Copy seed"),
        lambda: panel.copy_text(str(first.seed)),
        enabled=one and first.seed is not None,
        name="copy_seed",
    )
    add(
        translate("GalleryMenu", "Copy image"),
        lambda: panel.copy_image(first),
        enabled=one,
        name="copy_image",
    )
    menu.addSeparator()
    all_favorite = all(r.favorite for r in records)
    fav = add(
        translate("GalleryMenu", "Favorite"),
        lambda: panel.set_favorite(records, not all_favorite),
        name="favorite",
    )
    fav.setCheckable(True)
    fav.setChecked(all_favorite)
    add(translate("GalleryMenu", "Reveal in folder"), lambda: panel.reveal(first), name="reveal")
    add(translate("GalleryMenu", "Open") + _keys(Qt.Key.Key_Enter), panel.open_viewer, name="open")
    if len(records) == 2:
        add(
            translate("GalleryMenu", "Compare side by side") + _keys(Qt.Key.Key_Enter),
            lambda: panel.open_viewer(records),
            name="compare",
        )
    add(
        translate("GalleryMenu", "Compare with parent") + _keys(Qt.Key.Key_B),
        lambda: panel.compare_with_parent(first),
        enabled=one and bool(first.parents),
        name="compare_parent",
    )
    add(
        translate("GalleryMenu", "Show family"),
        lambda: panel.show_family(first.id),
        enabled=one,
        name="family",
    )
    add(translate("GalleryMenu", "Export…"), lambda: panel.exportRequested.emit(list(records)), name="export")
    menu.addSeparator()
    n, delete_key = len(records), _keys(Qt.Key.Key_Delete)
    if panel.trash_view.isChecked():
        restore = (
            translate("GalleryMenu", "Restore")
            if one
            else translate("GalleryMenu", "Restore %n images", None, n)
        )
        add(restore + delete_key, lambda: panel.restore(records), name="restore")
        add(translate("GalleryMenu", "Empty trash…"), panel.empty_trash, name="empty_trash")
    else:
        delete = (
            translate("GalleryMenu", "Delete")
            if one
            else translate("GalleryMenu", "Delete %n images", None, n)
        )
        add(delete + delete_key, lambda: panel.delete(records), name="delete")
    return menu


class RecordActions:
    """Copy a prompt or an image, reveal a file, mark favorites: off the GUI thread where it reads files."""

    def __init__(self, panel: GalleryPanel) -> None:
        self._panel = panel

    def edit(self, record: GenerationRecord | None) -> None:
        """E: an edit of `record` (one with a file), or why not."""
        if record is None:
            self._panel.statusMessage.emit(translate("GalleryMenu", "Select an image to edit first."))
        elif not record.file:
            self._panel.statusMessage.emit(
                translate("GalleryMenu", "This image has no file, so it cannot be edited.")
            )
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
        self._panel.statusMessage.emit(translate("GalleryMenu", "Copied to the clipboard."))

    def copy_image(self, record: GenerationRecord) -> None:
        path = self._panel.model.path_of(record)
        if path is None:
            return
        self._panel.tasks.spawn(self._copy_image(path), name="copy the image")

    async def _copy_image(self, path: Path) -> None:
        image: QImage = await asyncio.get_running_loop().run_in_executor(None, load_full_image, path)
        if image.isNull():
            self._panel.statusMessage.emit(
                translate("GalleryMenu", "Could not read {file}.").format(file=path.name)
            )
            return
        QGuiApplication.clipboard().setImage(image)
        self._panel.statusMessage.emit(translate("GalleryMenu", "Image copied to the clipboard."))

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
