"""Export from the window: the key in use (a keychain key, not in the environment) stays out of the files."""

from __future__ import annotations

import os

import pytest
from ui_window_helpers import WINDOW_KEY, run

from fluxdesk.api.request import build_request
from fluxdesk.library.recall import read_metadata
from fluxdesk.library.records import JobState

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def test_export_from_the_window_keeps_the_window_key_out_of_the_file(window, qtbot, qloop, catalog, tmp_path):
    assert window.runtime.config.api_key == WINDOW_KEY
    assert all(WINDOW_KEY not in value for value in os.environ.values())  # only the window knows it
    request = build_request(
        catalog, "flux-dev", f"a heron in the reeds {WINDOW_KEY}", {"seed": 5, "width": 256, "height": 256}
    )
    job = run(qloop, qtbot, window.runtime.engine.generate(request), timeout=20_000)
    assert job.state is JobState.DONE, job.error

    window.export_records([job.record])  # what the menu, the gallery and the details panel all call
    dialog = window.export_dialog
    assert dialog is not None
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    dialog.sidecar.setChecked(True)
    finished: list = []
    dialog.export_finished.connect(finished.append)
    dialog.start()
    qtbot.waitUntil(lambda: bool(finished), timeout=15_000)

    written = sorted((tmp_path / "out").iterdir())
    assert {p.suffix for p in written} == {".png", ".json"}
    for path in written:
        assert WINDOW_KEY not in path.name
        data = path.read_bytes()
        for enc in ("utf-8", "utf-16-be", "utf-16-le"):
            assert WINDOW_KEY.encode(enc) not in data, (path.name, enc)
    (image,) = [p for p in written if p.suffix == ".png"]
    assert read_metadata(image, catalog=catalog).prompt.startswith("a heron in the reeds")
