"""The settings dialog: labels that work with Alt+letter; changing the library folder (move, copy or a
new one, off the GUI thread), and FLUXDESK_HOME overriding it, said so."""

from __future__ import annotations

from typing import Any


def test_every_settings_label_with_a_mnemonic_has_a_buddy(window: Any) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = window.open_settings()
    labels = {label.text(): label for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert {"API &key", "&Library folder", "&Provider", "&Theme"} <= set(labels)
    # a label without a buddy shows its "&" as it is; with one, Alt+letter focuses the field
    assert not [text for text, label in labels.items() if label.buddy() is None]
    assert labels["API &key"].buddy() is dialog.key
    assert labels["&Library folder"].buddy() is dialog.library_dir
    dialog.close()
