"""The viewer windows the gallery opens: Enter (two selected: side by side) and Space's quick preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.platform.placement import place_window
from fluxdesk.ui.tasks import TaskRegistry


class Viewers:
    """Opens viewers over the gallery's records and keeps track of them until they close."""

    def __init__(
        self, parent: QWidget, path_of: Callable[[GenerationRecord], Path | None], tasks: TaskRegistry
    ) -> None:
        self._parent = parent
        self._path_of = path_of
        self._tasks = tasks
        self._open: list[QWidget] = []
        self._preview: QWidget | None = None

    @property
    def windows(self) -> list[QWidget]:
        return list(self._open)

    def open(self, everything: list[GenerationRecord], current: GenerationRecord | None,
             compare: list[GenerationRecord] | None = None) -> QWidget | None:
        """The viewer on `current`, stepping through `everything`; or `compare`'s two side by side."""
        from fluxdesk.ui.viewer.window import ViewerWindow

        if compare is not None:
            viewer = ViewerWindow(compare, self._path_of, self._tasks, compare=True, parent=self._parent)
        else:
            if current is None:
                return None
            index = next((i for i, r in enumerate(everything) if r.id == current.id), 0)
            viewer = ViewerWindow(everything, self._path_of, self._tasks, index=index, parent=self._parent)
        self._track(viewer)
        place_window(viewer, self._parent)  # on the main window's screen, whole, centred on it
        viewer.show()
        if QGuiApplication.platformName() != "offscreen":  # which cannot raise windows (and says so)
            viewer.raise_()
            viewer.activateWindow()
        return viewer

    def toggle_preview(self, current: GenerationRecord | None) -> QWidget | None:
        """A quick look at `current`; called again (or Esc), it closes."""
        from fluxdesk.ui.viewer.window import ViewerWindow

        if self._preview is not None:
            self._preview.close()
            self._preview = None
            return None
        if current is None:
            return None
        preview = ViewerWindow([current], self._path_of, self._tasks, preview=True, parent=self._parent)
        self._preview = preview
        self._track(preview)
        preview.destroyed.connect(lambda _obj=None: self._forget_preview(preview))
        place_window(preview, self._parent)
        preview.show()
        return preview

    def close_all(self) -> None:
        for viewer in list(self._open):
            viewer.close()

    def _forget_preview(self, preview: QWidget) -> None:
        if self._preview is preview:
            self._preview = None

    def _track(self, viewer: QWidget) -> None:
        self._open.append(viewer)
        viewer.destroyed.connect(lambda _obj=None: self._forget(viewer))

    def _forget(self, viewer: QWidget) -> None:
        if viewer in self._open:
            self._open.remove(viewer)
