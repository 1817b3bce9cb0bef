"""The edit flow of the window, and what the large view shows.

- **Edit** (E in the gallery, its context menu, the viewer's and the details' Edit… buttons, the large
  view's): `draft.edit.start_edit`, then the prompt is focused with "Describe the change" (the prompt
  that was there goes to the recent prompts), and the image is shown large: on the canvas for Fill and
  Expand, else as itself.
- **The large view follows the gallery**: the current image, an edit beside the image it was made
  from (its parents by `ui/lineage.py`). After a Generate the newest result is selected as it
  arrives, until the user picks another image; the queue's rows open theirs.
- **The canvas**: a draft whose model paints a mask or expands shows its canvas (`CanvasBinding`),
  when the model is switched to one, or from the panel's Paint… / Drag the edges… buttons.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from fluxdesk.draft.edit import EditError, is_editing, remembered_edit_model, start_edit
from fluxdesk.i18n import _
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.lineage import parents_of
from fluxdesk.ui.stage.canvas_binding import CanvasBinding, canvas_mode
from fluxdesk.ui.stage.pane import canvas_title

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import MainWindow

#: how often the newest result of a batch arriving is shown: each time decodes a full image and lays the
#: details and the large view out again, and a batch's images come within a second or two; at 150 ms
#: that work met the gallery's inserts in the same pass of the loop (a tick 20+ ms late) and showed
#: more images a second than anyone looks at
FOLLOW_MS = 400


class EditFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.stage = window.stage
        self.binding = CanvasBinding(window.draft, self.stage, window.tasks, window.library_file, self)
        #: the parents of what this window sent, by job id (until the library records them)
        self.noted: dict[str, tuple[str, ...]] = {}
        #: new results are selected as they arrive, until the user picks another image
        self.following = False
        self._ours: set[str] = set()  # records this flow selected (a change to them is no browsing)
        self._showing: str | None = None
        self._newest: GenerationRecord | None = None
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(FOLLOW_MS)
        self._follow_timer.timeout.connect(self._show_newest)
        self.binding.statusMessage.connect(window.show_status)
        self.binding.availabilityChanged.connect(self.stage.set_canvas_available)
        self.stage.set_canvas_available(self.binding.available)
        self._unsubscribe = window.draft.subscribe(self._draft_changed)

    def close(self) -> None:
        self._follow_timer.stop()
        self._unsubscribe()
        self.binding.close()
        self.stage.shutdown()

    # -- editing ----------------------------------------------------------------------------------------

    def edit(self, record: GenerationRecord) -> None:
        """Start an edit of `record` (an image with a file)."""
        w = self._w
        if not record.file:
            w.show_status(translate("EditFlow", "This image has no file, so it cannot be edited."))
            return
        try:
            previous = start_edit(w.draft, record.id, last=w.base.settings.prefs.edit_model or None)
        except EditError as exc:
            w.show_status(str(exc))
            return
        if previous.strip():
            w.prompt.add_recent(previous)  # emptied, not lost: one click away in Recent
        self.select(record)
        self.show(record)
        if self.binding.available:
            self.stage.show_canvas_page()
        w.show_status(translate(
            "EditFlow",
            "Editing the image with {model}: describe the change (the old prompt is in Recent prompts).",
        ).format(model=_(w.draft.spec.label)))
        w.prompt.focus()

    def canvas_requested(self, _mode: str) -> None:
        """The panel's Paint… or Drag the edges…: the canvas of the draft's image."""
        if not self.binding.available:
            self._w.show_status(
                translate("EditFlow", "Choose the image first (E on an image in the gallery edits it).")
            )
            return
        self.stage.show_canvas_page()

    def _draft_changed(self, name: str) -> None:
        # switching an edit to Fill or Expand shows the canvas; away from them, the image again
        if name == "model" and is_editing(self._w.draft):
            mode = canvas_mode(self._w.draft)
            if mode is not None:
                self.stage.show_canvas_page()
                said = translate("EditFlow", "{model}: {task}.")
                self._w.show_status(said.format(model=_(self._w.draft.spec.label), task=canvas_title(mode)))
            elif self.stage.on_canvas:
                self.stage.show_result_page()

    # -- results ----------------------------------------------------------------------------------------

    def sent(self, jobs: list[Any], parents: tuple[str, ...]) -> None:
        """A batch went to the engine: its results are shown as they arrive."""
        for job in jobs:
            if parents:
                self.noted[job.id] = parents
        if jobs:
            self.following = True
            self._remember_model(jobs[0].request.model)

    def _remember_model(self, model: str) -> None:
        """The model of an edit sent is the next edit's (a preference, written off the GUI thread)."""
        settings = self._w.base.settings
        remembered = remembered_edit_model(self._w.catalog, model) if is_editing(self._w.draft) else None
        if remembered and remembered != settings.prefs.edit_model:
            settings.prefs.edit_model = remembered
            self._w.tasks.spawn(asyncio.to_thread(_save_quietly, settings), name="remember the edit model")

    def job_finished(self, job: Any) -> None:
        record = getattr(job, "record", None)
        if not self.following or job.state is not JobState.DONE or record is None:
            return
        # a batch's results arrive in a burst: the newest is shown at most every FOLLOW_MS, not each
        # one (selecting repaints the details, the gallery and the large view, and decodes the image)
        self._newest = record
        if not self._follow_timer.isActive():
            self._follow_timer.start()

    def _show_newest(self) -> None:
        record, self._newest = self._newest, None
        if record is not None and self.following:
            self.select(record)
            self.show(record)

    def stop_following(self) -> None:
        """The user chose an image (a notification's click): results arriving no longer take over."""
        self.following = False
        self._newest = None
        self._follow_timer.stop()

    def show_result(self, record: GenerationRecord) -> None:
        """A queue row opened: its image, selected and large."""
        self.select(record)
        self.show(record)

    def select(self, record: GenerationRecord) -> None:
        self._ours.add(record.id)
        self._w.gallery.select_record_when_placed(record.id)

    # -- the large view ------------------------------------------------------------------------------

    def gallery_current(self, record: GenerationRecord | None) -> None:
        if record is None:
            return  # a reset of the gallery: the large view keeps what it shows
        if record.id not in self._ours:
            self.following = False  # the user is looking at something else
        self._ours.discard(record.id)
        self.show(record)

    def show(self, record: GenerationRecord) -> None:
        """`record` large, beside its parent when it is an edit."""
        if record.id == self._showing and self.stage.records and self.stage.records[0] == record:
            self.stage.show_result_page()
            return
        self._showing = record.id
        parents = parents_of(record, self.noted)
        model = self._w.gallery.model
        parent = model.record_at(model.row_of(parents[0])) if parents else None
        self.stage.show_record(record, parent)
        if parents and parent is None:
            self._w.tasks.spawn(self._show_with_parent(record, parents[0]), name="show the edit's parent")

    async def _show_with_parent(self, record: GenerationRecord, parent_id: str) -> None:
        parent = await self._w.base.library.get(parent_id)
        if parent is not None and self._showing == record.id:
            self.stage.show_record(record, parent)


def _save_quietly(settings: Any) -> None:
    with contextlib.suppress(OSError):  # a preference only: the edit itself was sent
        settings.save()
