"""Reveal in folder: the file selected in the file manager, or at least its folder opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl

from fluxdesk.ui.platform import reveal as reveal_module
from fluxdesk.ui.platform.reveal import reveal, reveal_command


def test_the_command_selects_the_file_on_each_platform(tmp_path: Path) -> None:
    image = tmp_path / "a kite.png"
    assert reveal_command(image, "darwin") == ["open", "-R", str(image)]
    assert reveal_command(image, "win32") == ["explorer", f"/select,{image}"]
    linux = reveal_command(image, "linux", which=lambda _name: "/usr/bin/dbus-send")
    assert linux is not None and "org.freedesktop.FileManager1.ShowItems" in linux
    assert f"array:string:{image.as_uri()}" in linux  # a URI: spaces and all survive
    assert reveal_command(image, "linux", which=lambda _name: None) is None


def test_without_a_file_manager_the_folder_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(reveal_module, "reveal_command", lambda _path: None)
    assert reveal(tmp_path / "x.png", opened.append, QObject()) is None
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_when_the_file_manager_fails_the_folder_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(reveal_module, "reveal_command", lambda _path: ["false"])  # exits 1
    owner = QObject()
    process = reveal(tmp_path / "x.png", opened.append, owner)
    assert process is not None
    qtbot.waitUntil(lambda: opened == [QUrl.fromLocalFile(str(tmp_path))], timeout=5000)


def test_a_missing_program_opens_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(reveal_module, "reveal_command", lambda _path: ["/nonexistent/file-manager"])
    owner = QObject()  # the gallery panel, in the app
    reveal(tmp_path / "x.png", opened.append, owner)
    qtbot.waitUntil(lambda: opened == [QUrl.fromLocalFile(str(tmp_path))], timeout=5000)
