"""The real window: a batch finished in the background is a desktop notification; its click brings the
window back with the batch's first image selected. The tray icon follows the Settings option."""

from __future__ import annotations

from dbus_helpers import FakeNotificationServer, session_bus  # noqa: F401
from PySide6.QtCore import Qt
from ui_window_helpers import close_window, make_window

from fluxdesk.identity import APP_ID
from fluxdesk.settings import Settings


def test_a_click_on_the_notification_raises_the_window_on_its_batch(
    qloop, qtbot, sim, session_bus  # noqa: F811
) -> None:
    server = FakeNotificationServer(session_bus)
    window = make_window(qloop, qtbot, sim)
    try:
        window.showMinimized()
        qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowMinimized), timeout=5000)
        window.prompt.set_text("a lighthouse at dusk")
        window.params.batch.setValue(2)
        jobs = window.generate()
        assert len(jobs) == 2
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=20_000)
        call = server.calls[0]
        assert call.summary == "2 images ready." and call.body == "a lighthouse at dusk"
        assert call.hints["desktop-entry"] == APP_ID and "default" in call.actions
        assert window.notifier.tray is None

        # the click itself, handled: the gallery may already show the first image as the newest result
        with qtbot.waitSignal(window.notifier.activated, timeout=10_000) as activated:
            server.click(101)
        assert activated.args == [[j.id for j in jobs]]
        assert not window.windowState() & Qt.WindowState.WindowMinimized
        first = jobs[0].id

        def selected() -> bool:
            record = window.gallery.current_record()
            return record is not None and record.id == first

        qtbot.waitUntil(selected, timeout=10_000)  # at once, or once the gallery has placed it
        qtbot.waitUntil(lambda: window.gallery.model.idle, timeout=10_000)
        assert selected()  # the batch's other result, placed after the click, did not take over
    finally:
        close_window(qloop, qtbot, window)
        server.close()


def test_the_tray_option_is_saved_and_off_by_default(qloop, qtbot, sim) -> None:
    window = make_window(qloop, qtbot, sim)
    try:
        assert window.runtime.settings.prefs.tray_icon is False
        dialog = window.open_settings()
        assert not dialog.tray_icon.isChecked()
        dialog.tray_icon.setChecked(True)
        assert dialog.apply()
        assert Settings.load().prefs.tray_icon is True
        # the offscreen platform has no tray: wanted, but not possible, so still no icon
        assert window.notifier.tray is None
        dialog.close()
    finally:
        close_window(qloop, qtbot, window)
