"""The window and the CLI make the same batch from the same draft; the draft outlives the window."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PIL import Image
from ui_window_helpers import close_window, make_window, submits

from fluxdesk.api.catalog import SEED_MAX
from fluxdesk.cli import main
from fluxdesk.draft import DRAFT_FILE, Draft, SeedMode, batch_seeds, write_draft_file
from fluxdesk.settings import Settings

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _submitted_seeds(sim) -> list[int]:
    return sorted(json.loads(r.body)["seed"] for r in submits(sim))


def _cli(qtbot, monkeypatch, sim, args: list[str]) -> int:
    """`fluxdesk generate ...` against the simulator, in a thread (this one runs the Qt loop)."""
    monkeypatch.setenv("COMETAPI_KEY", "sk-cli-0123456789abcdef")
    monkeypatch.setenv("FLUXDESK_API_BASE", sim.base_url)
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(["generate", *args, "--json"])))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=30_000)
    return codes[0]


def _consecutive(seeds: list[int], count: int) -> bool:
    return any(set(batch_seeds(base, count, SEED_MAX)) == set(seeds) for base in seeds)


def _saved_draft(catalog, *, locked: int | None) -> Draft:
    draft = Draft(catalog, "flux-pro-1.1")
    draft.set_prompt("a kite over the dunes")
    draft.set_params({"width": 256, "height": 256})
    draft.set_batch(4)
    if locked is not None:
        draft.lock_seed(locked)
    write_draft_file(Settings.load().paths.config_dir / DRAFT_FILE, draft.to_dict())
    return draft


@pytest.mark.parametrize("locked", [4_294_967_294, None])
def test_window_and_cli_send_the_same_seeds(qloop, qtbot, sim, monkeypatch, catalog, locked) -> None:
    _saved_draft(catalog, locked=locked)
    window = make_window(qloop, qtbot, sim)
    try:
        assert window.draft.batch == 4 and window.draft.seed == locked  # restored before it showed
        jobs = window.generate()
        assert len(jobs) == 4
        qtbot.waitUntil(lambda: len(submits(sim)) == 4, timeout=15_000)
        from_window = _submitted_seeds(sim)
    finally:
        close_window(qloop, qtbot, window)
    sim.clear_received()
    args = ["a kite over the dunes", "--model", "flux-pro-1.1", "--count", "4", "--width", "256",
            "--height", "256"]
    if locked is not None:
        args += ["--seed", str(locked)]
    assert _cli(qtbot, monkeypatch, sim, args) == 0
    from_cli = _submitted_seeds(sim)
    if locked is not None:
        # s, s+1, then past the largest seed back to 0, 1: the same four from both fronts
        assert from_window == from_cli == sorted([locked, locked + 1, 0, 1])
    else:
        assert _consecutive(from_window, 4) and _consecutive(from_cli, 4)


def test_the_draft_survives_a_restart(qloop, qtbot, sim, tmp_path) -> None:
    ref = tmp_path / "ref.png"
    Image.new("RGB", (64, 48), (0, 90, 200)).save(ref)
    first = make_window(qloop, qtbot, sim)
    first.draft.set_model("flux-dev")
    first.prompt.edit.setPlainText("a heron at dawn")
    first.params.fields["steps"].set_value(17)
    first.params.batch.setValue(3)
    first.params.seed_field.lock_button.click()
    seed = first.draft.seed
    first.params.fields["image_prompt"].load_file(ref)
    qtbot.waitUntil(lambda: not first.draft.loading, timeout=5000)
    # saved a moment after the change, off the GUI thread
    saved = Settings.load().paths.config_dir / DRAFT_FILE
    qtbot.waitUntil(lambda: saved.exists() and "a heron at dawn" in saved.read_text(), timeout=5000)
    first.draft.set_prompt("a heron at dusk")  # and on quit, without waiting for the delay
    close_window(qloop, qtbot, first)

    second = make_window(qloop, qtbot, sim)
    try:
        assert second.prompt.text() == "a heron at dusk"
        assert second.model_picker.combo.currentData() == "flux-dev"
        assert second.params.fields["steps"].value() == 17 and second.params.batch.value() == 3
        assert second.draft.seed_mode is SeedMode.LOCKED and second.params.seed_field.edit.text() == str(seed)
        field = second.params.fields["image_prompt"]
        qtbot.waitUntil(lambda: not second.draft.loading and "64×48" in field.caption.text(), timeout=5000)
        assert second.generate_button.isEnabled()
        ref.unlink()
    finally:
        close_window(qloop, qtbot, second)

    third = make_window(qloop, qtbot, sim)
    try:
        # the file is gone: the image is dropped with one sentence, the rest is kept
        qtbot.waitUntil(lambda: "ref.png" in third.statusBar().currentMessage(), timeout=5000)
        assert third.draft.inputs == () and third.prompt.text() == "a heron at dusk"
    finally:
        close_window(qloop, qtbot, third)


def test_a_corrupt_saved_draft_is_one_sentence(qloop, qtbot, sim) -> None:
    path: Path = Settings.load().paths.config_dir / DRAFT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "model": "flux-dev", "batch": "many"}))
    window = make_window(qloop, qtbot, sim)
    try:
        assert "could not be read" in window.statusBar().currentMessage()
        assert window.draft.batch == 1
    finally:
        close_window(qloop, qtbot, window)
