"""The window's actions (each with its shortcut in the tooltip) and the menus that hold them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from fluxdesk.ui.i18n import translate

if TYPE_CHECKING:
    from fluxdesk.ui.main_window import MainWindow


def with_shortcut(tip: str, action: QAction) -> str:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip


class WindowActions:
    """Every command of the window, as QActions added to it (so their shortcuts work everywhere)."""

    def __init__(self, w: MainWindow) -> None:
        self._window = w
        draft = w.draft
        a = self._action
        self.generate = a(
            translate("Menus", "&Generate"),
            "Ctrl+Return",
            translate("Menus", "Make images from the prompt"),
            w.generate,
        )
        self.generate.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.variations = a(
            translate("Menus", "Generate &variations"),
            "Ctrl+Shift+Return",
            translate("Menus", "New seeds for the selected image's settings (batch count images)"),
            w.variations_of_current,
        )
        self.use_settings = a(
            translate("Menus", "&Use these settings"),
            "Ctrl+U",
            translate("Menus", "Fill the prompt, model and parameters from the selected image"),
            w.use_settings_of_current,
        )
        self.edit = a(
            translate("Menus", "&Edit selected image…"),
            None,
            translate(
                "Menus", "Change the selected image with words, a mask or new borders (E in the gallery)"
            ),
            w.edit_current,
        )
        self.random_seed = a(
            translate("Menus", "&Random seed"),
            "Ctrl+Shift+R",
            translate("Menus", "A new random seed for every batch"),
            draft.reset_seed,
        )
        self.lock_seed = a(
            translate("Menus", "&Lock seed"),
            "Ctrl+Shift+L",
            translate("Menus", "Use the seed in the field for every batch"),
            draft.lock_seed,
        )
        self.reuse_seed = a(
            translate("Menus", "Reuse &last seed"),
            "Ctrl+Shift+E",
            translate("Menus", "Make the next batch from the last one's seed"),
            draft.reuse_last_seed,
        )
        self.recent = a(
            translate("Menus", "Recent &prompts…"),
            "Ctrl+Shift+P",
            translate("Menus", "Choose one of the recent prompts"),
            w.prompt.show_recent,
        )
        self.settings = a(
            translate("Menus", "&Settings…"),
            "Ctrl+,",
            translate("Menus", "Provider, API key, library folder and defaults"),
            w.open_settings,
        )
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.export = a(
            translate("Menus", "&Export selected…"),
            "Ctrl+E",
            translate("Menus", "Export the selected images"),
            w.export_selected,
        )
        self.recall = a(
            translate("Menus", "&Open settings from image…"),
            "Ctrl+O",
            translate(
                "Menus",
                "Fill the prompt and parameters from an image made by fluxdesk or carrying A1111 parameters "
                "(or drop the image on the window)",
            ),
            w.recall.choose_file,
        )
        self.quit = a(
            translate("Menus", "&Quit"),
            "Ctrl+Q",
            translate("Menus", "Quit fluxdesk (jobs in flight resume next start)"),
            w.close,
        )
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.focus_prompt = a(
            translate("Menus", "Focus &prompt"),
            "Ctrl+L",
            translate("Menus", "Put the cursor in the prompt"),
            w.prompt.focus,
        )
        self.focus_model = a(
            translate("Menus", "Choose &model"),
            "Ctrl+M",
            translate("Menus", "Open the model list"),
            w.focus_model,
        )
        self.focus_search = a(
            translate("Menus", "&Search the gallery"),
            "Ctrl+F",
            translate("Menus", "Search the prompts of every image"),
            w.focus_search,
        )
        self.focus_queue = a(
            translate("Menus", "Focus &queue"),
            "Ctrl+J",
            translate("Menus", "Move to the job list"),
            w.queue.view.setFocus,
        )
        self.toggle_details = a(
            translate("Menus", "Show &details"),
            "Ctrl+Shift+D",
            translate("Menus", "Show or hide the details panel"),
            lambda: w.details.setVisible(not w.details.isVisible()),
        )
        self.toggle_details.setCheckable(True)
        self.toggle_details.setChecked(True)
        self.toggle_queue = a(
            translate("Menus", "Show q&ueue"),
            "Ctrl+Shift+J",
            translate("Menus", "Show or hide the queue"),
            lambda: w.queue.setVisible(not w.queue.isVisible()),
        )
        self.toggle_queue.setCheckable(True)
        self.toggle_queue.setChecked(True)
        self.toggle_stage = a(
            translate("Menus", "Show &large view"),
            "Ctrl+Shift+V",
            translate("Menus", "Show or hide the large view over the gallery"),
            lambda: w.stage.setVisible(not w.stage.isVisible()),
        )
        self.toggle_stage.setCheckable(True)
        self.toggle_stage.setChecked(True)
        self.show_trash = a(
            translate("Menus", "Show &trash"),
            "Ctrl+Alt+T",
            translate("Menus", "Show the images in the trash (Del restores them)"),
            lambda: w.gallery.trash_view.toggle(),
        )
        self.show_trash.setCheckable(True)
        w.gallery.trash_view.toggled.connect(self.show_trash.setChecked)
        self.empty_trash = a(
            translate("Menus", "Empty t&rash…"),
            None,
            translate("Menus", "Delete the images in the trash from the disk"),
            w.gallery.empty_trash,
        )
        self.reset_layout = a(
            translate("Menus", "&Reset layout"),
            None,
            translate("Menus", "Put the panels back to their first sizes"),
            w.reset_layout,
        )
        self.about = a(
            translate("Menus", "&About fluxdesk"),
            "F1",
            translate("Menus", "Version and where things are kept"),
            w.show_about,
        )
        self.open_log = a(
            translate("Menus", "Open &log file"),
            None,
            translate("Menus", "What fluxdesk did and what went wrong, with details"),
            w.open_log,
        )
        self.check_library = a(
            translate("Menus", "&Check library"),
            None,
            translate("Menus", "Look for records without files, files without records and changed files"),
            w.library_health.check,
        )
        self.rebuild_library = a(
            translate("Menus", "Re&build library…"),
            None,
            translate("Menus", "Recreate the history from the images folder (the old database is kept)"),
            w.library_health.ask_rebuild,
        )
        # the room's button also shows the batch's estimate; the tooltip keeps the shortcut
        w.compose.set_generate_tip(
            with_shortcut(translate("Menus", "Make images from the prompt"), self.generate)
        )
        w.banner_button.setToolTip(
            with_shortcut(translate("Menus", "Open the settings to enter an API key"), self.settings)
        )

    def _action(self, text: str, shortcut: str | None, tip: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(with_shortcut(tip, action))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def build_menus(self) -> None:
        w = self._window
        bar = w.menuBar()
        file_menu = bar.addMenu(translate("Menus", "&File"))
        for action in (self.recall, self.export, self.empty_trash, self.settings):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.check_library, self.rebuild_library):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        gen = bar.addMenu(translate("Menus", "&Generate"))
        for action in (self.generate, self.variations, self.use_settings, self.edit):
            gen.addAction(action)
        gen.addSeparator()
        for action in (self.random_seed, self.lock_seed, self.reuse_seed):
            gen.addAction(action)
        gen.addSeparator()
        gen.addAction(self.recent)
        queue = bar.addMenu(translate("Menus", "&Queue"))
        for action in (w.queue.cancel_action, w.queue.retry_action, w.queue.clear_action):
            queue.addAction(action)
        view = bar.addMenu(translate("Menus", "&View"))
        for action in (self.focus_prompt, self.focus_model, self.focus_search, self.focus_queue):
            view.addAction(action)
        view.addSeparator()
        for action in (
            self.show_trash,
            self.toggle_stage,
            self.toggle_details,
            self.toggle_queue,
            self.reset_layout,
        ):
            view.addAction(action)
        help_menu = bar.addMenu(translate("Menus", "&Help"))
        help_menu.addAction(self.open_log)
        help_menu.addAction(self.about)
