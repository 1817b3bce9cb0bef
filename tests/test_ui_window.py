"""The window end to end, against the simulator over real sockets (offscreen Qt, qasync loop)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_window_helpers import close_window, make_window, run, submits

from fluxdesk.api.catalog import SEED_MAX
from fluxdesk.api.request import build_request
from fluxdesk.draft import SeedMode, batch_seeds
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import JobState

ROOT = Path(__file__).resolve().parents[1]
# the offscreen platform plugin cannot pass size hints to a window system it does not have
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _jobs_done(window, n: int) -> bool:
    jobs = window.queue.model.jobs
    return len(jobs) >= n and all(j.state.is_final for j in jobs)


def _thumbnails_loaded(gallery) -> bool:
    """Every cell the gallery shows has its thumbnail in memory (what the next paint draws)."""
    view, model = gallery.view, gallery.model
    size = gallery.delegate.thumb_size_for(view.viewport().devicePixelRatioF())
    area = view.viewport().rect()
    shown = [model.record_at(row) for row in range(model.rowCount())
             if view.visualRect(model.index(row, 0)).intersects(area)]
    return bool(shown) and all(gallery.loader.cached(r, size) is not None for r in shown)


def test_prompt_has_focus_and_ctrl_enter_makes_an_image_everywhere(window, qtbot, qloop, sim, tmp_path):
    qtbot.waitUntil(lambda: window.prompt.edit.hasFocus(), timeout=3000)
    assert not window.banner.isVisible()  # a key is configured (the simulator's)
    qtbot.keyClicks(window.prompt.edit, "a lighthouse at dusk")
    assert "20 characters" in window.prompt.count.text()
    window.params.fields["width"].set_value(256)  # the fields write into the draft
    window.params.fields["height"].set_value(256)
    assert window.draft.params["width"] == 256 and window.draft.prompt == "a lighthouse at dusk"
    qtbot.keyClick(window.prompt.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.prompt.text() == "a lighthouse at dusk"  # no new line typed
    qtbot.waitUntil(lambda: _jobs_done(window, 1), timeout=20_000)
    job = window.queue.model.jobs[0]
    assert job.state is JobState.DONE, job.error
    # the queue row shows it, with a thumbnail once loaded
    assert window.queue.model.data(window.queue.model.index(0, 3)) == "Done"
    thumb = window.queue.model.index(0, 0)
    qtbot.waitUntil(lambda: thumb.data(Qt.ItemDataRole.DecorationRole) is not None, timeout=10_000)
    # the gallery shows it
    qtbot.waitUntil(lambda: window.gallery.model.row_of(job.id) >= 0, timeout=10_000)
    # the library holds it, with its file
    record = run(qloop, qtbot, window.runtime.library.get(job.id))
    assert record is not None and record.status is JobState.DONE
    assert window.runtime.library.path_of(record).is_file()
    assert (record.width, record.height) == (256, 256)
    assert len(submits(sim)) == 1
    assert window.prompt.recent[0] == "a lighthouse at dusk"
    assert window.draft.last_seed == record.seed
    assert window.params.seed_field.edit.placeholderText() == f"random (last: {record.seed})"
    window.grab().save(str(tmp_path / "main-window.png"))
    assert (tmp_path / "main-window.png").stat().st_size > 0


def test_an_invalid_size_is_marked_and_nothing_is_sent(window, qtbot, sim) -> None:
    window.prompt.set_text("a red kite")
    qtbot.waitUntil(window.generate_button.isEnabled, timeout=2000)
    window.params.fields["width"].spin.setValue(1000)  # not a multiple of 32
    assert "multiple of 32" in window.params.error_text("width")
    assert not window.generate_button.isEnabled()
    qtbot.keyClick(window.prompt.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.generate() == []
    # a job is registered with the engine before anything is sent: none means nothing can be sent
    assert not window.runtime.engine.jobs
    assert submits(sim) == []
    assert window.queue.model.rowCount() == 0
    # a 2 MP-capped model: too many pixels is marked on the size too
    window.model_picker.set_model("flux-2-pro")
    window.draft.set_params({"width": 4096, "height": 4096})
    assert window.params.fields["width"].value() == 4096  # the field follows the draft
    assert "at most 4 MP" in window.params.error_text("width")
    assert not window.generate_button.isEnabled()
    window.params.size_field.apply_preset("16:9")
    assert window.params.error_text("width") == ""
    assert window.generate_button.isEnabled()


def test_an_empty_prompt_sends_nothing(window, qtbot, sim) -> None:
    assert not window.generate_button.isEnabled()
    assert window.generate() == []
    assert "Write a prompt" in window.prompt.error.text()
    assert not window.runtime.engine.jobs  # no job, so nothing on its way to the provider
    assert submits(sim) == []


def test_switching_the_model_changes_the_visible_parameters(window, qtbot) -> None:
    window.model_picker.set_model("flux-pro-1.1")
    assert {"width", "height", "seed"} <= set(window.params.fields)
    assert "steps" not in window.params.fields and "aspect_ratio" not in window.params.fields
    window.model_picker.set_model("flux-dev")
    assert {"steps", "guidance"} <= set(window.params.fields)
    window.params.fields["steps"].set_value(20)
    assert window.draft.params["steps"] == 20
    window.model_picker.set_model("flux-pro-1.1-ultra")
    assert window.draft.model == "flux-pro-1.1-ultra"
    assert "aspect_ratio" in window.params.fields and "raw" in window.params.fields
    assert "width" not in window.params.fields and "steps" not in window.params.fields
    assert window.model_picker.description.text() == window.catalog.get("flux-pro-1.1-ultra").description
    window.model_picker.set_model("flux-pro-1.0-fill")
    assert window.draft.values()["steps"] == 20  # kept: fill takes 15..50
    assert window.params.fields["steps"].value() == 20
    assert "image" in window.params.fields and "mask" in window.params.fields
    assert not window.generate_button.isEnabled()  # the image is required
    window.model_picker.set_model("flux-kontext-pro")
    assert window.draft.values()["output_format"] == "png"
    assert window.params.fields["output_format"].value() == "png"


def test_cancel_a_job(window, qtbot, sim) -> None:
    window.draft.set_prompt("a slow harbor")
    window.draft.set_params({"width": 256, "height": 256})
    window.draft.set_batch(1)
    # make the job long enough to cancel
    sim.config.latency = 5.0
    jobs = window.generate()
    assert len(jobs) == 1
    qtbot.waitUntil(lambda: window.queue.model.jobs[0].state is JobState.PENDING, timeout=10_000)
    window.queue.view.selectRow(0)
    qtbot.waitUntil(window.queue.cancel_action.isEnabled, timeout=5000)
    window.queue.cancel_action.trigger()
    qtbot.waitUntil(lambda: window.queue.model.jobs[0].state is JobState.CANCELLED, timeout=10_000)
    assert window.queue.model.data(window.queue.model.index(0, 3)).startswith("Cancelled")
    # a cancelled job can be retried, and clear-finished removes it
    assert window.queue.retry_action.isEnabled()
    window.queue.clear_action.trigger()
    assert window.queue.model.rowCount() == 0


def test_a_moderated_prompt_shows_its_message_on_the_row(window, qtbot, sim) -> None:
    window.draft.set_prompt("a cat [moderate-request]")
    window.draft.set_params({"width": 256, "height": 256})
    window.generate()
    qtbot.waitUntil(lambda: _jobs_done(window, 1), timeout=15_000)
    job = window.queue.model.jobs[0]
    assert job.state is JobState.MODERATED
    text = window.queue.model.data(window.queue.model.index(0, 3))
    assert text.startswith("Moderated: ") and job.error and job.error in text
    assert window.queue.model.data(window.queue.model.index(0, 3), Qt.ItemDataRole.ToolTipRole) == text


def test_use_these_settings_round_trips_every_parameter(window, qtbot, catalog) -> None:
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
    cases = {
        "flux-dev": {"width": 640, "height": 1088, "steps": 17, "guidance": 3.7, "seed": 123456,
                     "safety_tolerance": 5, "output_format": "png", "prompt_upsampling": True,
                     "image_prompt": png},
        "flux-pro": {"width": 1440, "height": 256, "steps": 33, "guidance": 4.2, "interval": 3.3,
                     "seed": 4_000_000_000, "safety_tolerance": 0},
        "flux-pro-1.1-ultra": {"aspect_ratio": "7:5", "raw": True, "image_prompt_strength": 0.35, "seed": 9,
                               "image_prompt": "https://example.com/ref.png"},
        "flux-kontext-max": {"seed": 77, "input_image": png, "output_format": "jpeg"},
        "flux-2-flex": {"width": 1536, "height": 1024, "steps": 12, "guidance": 7.5, "seed": 1,
                        "input_image_3": png, "prompt_upsampling": False},
        "flux-pro-1.0-expand": {"image": png, "top": 64, "bottom": 0, "left": 128, "right": 8, "steps": 20,
                                "guidance": 42.5, "seed": 5},
        "flux-pro-1.0-canny": {"control_image": png, "canny_low_threshold": 10, "canny_high_threshold": 300,
                               "steps": 16, "guidance": 12.5, "seed": 2},
    }
    from fluxdesk.library.records import GenerationRecord

    for model, params in cases.items():
        request = build_request(catalog, model, f"round trip on {model}", params)
        record = GenerationRecord(id="r-" + model, provider="cometapi", model=model, request=request)
        window.model_picker.set_model("flux-pro-1.1")
        window.draft.set_batch(3)
        window.use_settings(record)
        qtbot.waitUntil(lambda: not window.params.busy, timeout=5000)
        assert window.model_picker.combo.currentData() == model
        assert window.prompt.text() == request.prompt
        assert window.draft.requests()[0] == request, model
        # the fields show it: the seed locked, Random one click away
        seed_field = window.params.seed_field
        assert seed_field.edit.text() == str(request.seed)
        assert seed_field.lock_button.isChecked() and not seed_field.random_button.isChecked()
        button = seed_field.random_button
        qtbot.waitUntil(lambda b=button: b.isVisibleTo(window), timeout=2000)
        for name, value in request.params.items():
            if window.params.strip is not None and name.startswith("input_image"):
                # the model's images are one strip: the image is in it (a hole before it closes up)
                assert len(window.params.strip.tiles) == 1, model
                continue
            field = window.params.fields[name]
            if name != "seed" and hasattr(field, "spin"):
                assert field.value() == value, (model, name)
        assert window.generate_button.isEnabled(), model
    window.params.seed_field.random_button.click()
    assert window.draft.seed is None and window.params.seed_field.edit.text() == ""


def test_variations_enqueue_batch_count_jobs_with_new_seeds(window, qtbot, catalog, sim) -> None:
    from fluxdesk.library.records import GenerationRecord

    params = {"width": 256, "height": 256, "seed": 5, "steps": 9}
    request = build_request(catalog, "flux-dev", "a teapot", params)
    record = GenerationRecord(id="v1", provider="cometapi", model="flux-dev", request=request)
    window.params.batch.setValue(3)
    assert window.draft.batch == 3
    jobs = window.generate_variations(record)
    assert len(jobs) == 3
    seeds = [j.request.seed for j in jobs]
    assert seeds == batch_seeds(seeds[0], 3, SEED_MAX)
    assert all(j.request.replace(seed=5) == request for j in jobs)
    qtbot.waitUntil(lambda: _jobs_done(window, 3), timeout=20_000)
    assert all(j.state is JobState.DONE for j in window.queue.model.jobs)
    assert len(submits(sim)) == 3
    # the batch finished: one notification (in the status bar at least)
    assert "3 images ready" in window.statusBar().currentMessage() or window.notifier.last_background_message


def test_a_typed_seed_locks_the_draft_and_random_frees_it(window, qtbot) -> None:
    window.prompt.set_text("an owl")
    field = window.params.seed_field
    qtbot.keyClicks(field.edit, "100")
    assert window.draft.seed_mode is SeedMode.LOCKED and window.draft.seed == 100
    assert field.lock_button.isChecked()
    window.params.batch.setValue(3)
    assert [r.seed for r in window.draft.requests()] == [100, 101, 102]
    window.commands.random_seed.trigger()
    assert window.draft.seed is None and field.random_button.isChecked() and field.edit.text() == ""


def test_geometry_and_splitters_are_remembered(qloop, qtbot, sim) -> None:
    first = make_window(qloop, qtbot, sim)
    # a size the (800 px) offscreen screen holds, so that the second window gets the same one back
    screen = first.screen().availableGeometry()
    first.resize(min(first.minimumSizeHint().width() + 37, screen.width()),
                 min(first.minimumSizeHint().height() + 23, screen.height()))
    first.splitter.setSizes([330, 400, 250])
    first.details.hide()
    qtbot.waitUntil(lambda: first.splitter.sizes()[2] == 0)  # its room given to the others
    sizes = first.splitter.sizes()
    close_window(qloop, qtbot, first)
    second = make_window(qloop, qtbot, sim)
    try:
        # (the size itself is clamped to the small offscreen screen; the splitters are what is checked)
        assert second.splitter.sizes()[0] == sizes[0]
        assert not second.details.isVisible() and not second.commands.toggle_details.isChecked()
    finally:
        close_window(qloop, qtbot, second)


def test_demo_mode_shows_the_banner_and_a_demo_generation_screenshot(qloop, qtbot, sim, tmp_path) -> None:
    window = make_window(qloop, qtbot, sim, demo=True)
    try:
        window.resize(1440, 900)  # the README's picture: the first size on a screen big enough for it
        assert window.banner.isVisible()
        assert "Demo mode" in window.banner_label.text()
        window.draft.set_prompt("a misty harbor at dawn, watercolor")
        window.draft.set_model("flux-dev")
        window.draft.set_params({"width": 512, "height": 384})
        window.draft.set_batch(2)
        window.generate()
        qtbot.waitUntil(lambda: _jobs_done(window, 2), timeout=20_000)
        qtbot.waitUntil(lambda: window.gallery.model.rowCount() >= 2, timeout=10_000)
        window.gallery.view.setCurrentIndex(window.gallery.model.index(0, 0))
        qtbot.waitUntil(lambda: _thumbnails_loaded(window.gallery), timeout=10_000)
        qtbot.waitUntil(window.stage.is_loaded, timeout=10_000)  # the large view too, for the picture
        shot = tmp_path / "main-window.png"
        assert window.grab().save(str(shot))
        if os.environ.get("FLUXDESK_UPDATE_SCREENSHOT"):
            window.grab().save(str(ROOT / "resources" / "screenshots" / "main-window.png"))
        # the banner's button opens the settings with the key field focused; never modal
        window.banner_button.click()
        dialog = window.settings_dialog
        assert dialog is not None and dialog.isVisible() and not dialog.isModal()
        assert dialog.key.echoMode() == dialog.key.EchoMode.Password
        dialog.close()
    finally:
        close_window(qloop, qtbot, window)


def test_settings_dialog_saves_the_key_and_rebuilds_the_engine(qloop, qtbot, sim) -> None:
    from fluxdesk.sim.server import SimConfig, SimServer

    window = make_window(qloop, qtbot, sim, demo=True)
    provider = SimServer(SimConfig(latency=0.3))  # stands for the real provider
    provider.start()
    try:
        old_engine = window.runtime.engine
        dialog = window.open_settings(focus_key=True)
        dialog.base_url.setText(provider.base_url)  # plain http to this computer is allowed
        dialog.key.setText("sk-test-KEY-1234")
        dialog.max_concurrent.setValue(3)
        assert dialog.apply()
        assert dialog.key.text() == ""  # never shown again
        # the keychain is written and read back off the GUI thread
        qtbot.waitUntil(lambda: "saved" in dialog.key.placeholderText(), timeout=5_000)
        qtbot.waitUntil(lambda: window.runtime.engine is not old_engine, timeout=10_000)
        assert window.runtime.config.api_key == "sk-test-KEY-1234"
        assert window.runtime.engine.max_concurrent == 3
        assert not window.runtime.demo and not window.banner.isVisible()
        settings_file = window.runtime.settings.paths.config_dir / "settings.json"
        assert "sk-test" not in settings_file.read_text()
        # it works with the new engine
        window.draft.set_prompt("after the key")
        window.draft.set_params({"width": 256, "height": 256})
        window.generate()
        qtbot.waitUntil(lambda: _jobs_done(window, 1), timeout=15_000)
        assert window.queue.model.jobs[0].state is JobState.DONE
        assert [r.headers.get("authorization") for r in submits(provider)] == ["Bearer sk-test-KEY-1234"]
        dialog.close()
    finally:
        close_window(qloop, qtbot, window)
        provider.stop()


def test_recent_prompts_come_from_the_library(window, qtbot, qloop) -> None:
    window.draft.set_prompt("first prompt")
    window.draft.set_params({"width": 256, "height": 256})
    window.generate()
    qtbot.waitUntil(lambda: _jobs_done(window, 1), timeout=15_000)
    prompts = run(qloop, qtbot, window.runtime.library.recent_prompts(limit=5))
    assert prompts[0] == "first prompt"
    total = run(qloop, qtbot, window.runtime.library.count(HistoryQuery()))
    assert total == 1


def test_menus_show_shortcuts_and_ctrl_q_quits(window, qtbot) -> None:
    texts = {a.text(): a.shortcut().toString() for m in window.menuBar().actions() for a in m.menu().actions()
             if not a.isSeparator()}
    assert texts["&Generate"] == "Ctrl+Return"
    assert texts["&Quit"] == "Ctrl+Q"
    assert texts["&Settings…"] == "Ctrl+,"
    assert "(Ctrl+Return)" in window.generate_button.toolTip()
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert closed == [True]


def test_no_display_prints_one_line_and_exits_1() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = "import sys; from fluxdesk.ui.app import run_app; sys.exit(run_app())"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0]
    assert result.stdout == ""


def test_display_check_rules() -> None:
    from fluxdesk.ui.app import display_available

    assert not display_available({}, "linux")
    assert display_available({"DISPLAY": ":0"}, "linux")
    assert display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({}, "darwin") and display_available({}, "win32")
