"""The Export dialog: non-modal, live name preview, remembered metadata mode, export on a worker thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from test_export import make_record

from fluxdesk.api.catalog import Catalog
from fluxdesk.library.recall import read_metadata
from fluxdesk.ui.dialogs.export import SETTINGS_METADATA, ExportDialog

# the offscreen platform says so on every show(); it is not a fault of the dialog
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_export_dialog_exports_on_a_worker_and_remembers_metadata(
    qtbot, qloop, tmp_path: Path, catalog: Catalog
) -> None:
    images = tmp_path / "images"
    images.mkdir()
    records = [make_record(images, catalog, prompt="a quiet harbour", seed=s) for s in (11, 12, 13)]
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(records, images, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.isModal()

    assert not dialog.export_button.isEnabled()  # no folder yet
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format.setCurrentIndex(dialog.format.findData("webp"))
    dialog.name.setText("{seed}_{prompt}")
    assert dialog.preview.text() == "First file: 11_a quiet harbour.webp"
    dialog.name.setText("{nope}")
    assert not dialog.export_button.isEnabled() and "Unknown field" in dialog.preview.text()
    dialog.name.setText("{n}_{seed}")
    dialog.metadata.setCurrentIndex(dialog.metadata.findData("minimal"))
    assert settings.value(SETTINGS_METADATA) == "minimal"
    dialog.metadata.setCurrentIndex(dialog.metadata.findData("full"))

    with qtbot.waitSignal(dialog.export_finished, timeout=10_000) as blocker:
        dialog.export_button.click()
    result = blocker.args[0]
    assert result.ok and len(result.written) == 3
    assert dialog.progress.value() == 3 and "Exported 3 of 3" in dialog.status.text()
    assert [w.path.name for w in result.written] == ["001_11.webp", "002_12.webp", "003_13.webp"]
    assert read_metadata(result.written[0].path, catalog=catalog).params["seed"] == 11

    again = ExportDialog(records, images, settings=settings)
    qtbot.addWidget(again)
    assert again.metadata.currentData() == "full"
    assert again.folder.text() == str(tmp_path / "out")
