"""Show a file in the system's file manager, selected (not just its folder opened).

macOS: `open -R`; Windows: `explorer /select,`; Linux: the freedesktop FileManager1 D-Bus call
(Nautilus, Dolphin, Nemo, Thunar...). Where the file manager cannot select, the folder opens instead.
Runs through QProcess: never blocks the GUI thread.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

if TYPE_CHECKING:
    from PySide6.QtCore import QProcess


def reveal_command(
    path: Path, platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> list[str] | None:
    """The command that shows `path` selected in the file manager, or None where there is none."""
    if platform == "darwin":
        return ["open", "-R", str(path)]
    if platform.startswith("win"):
        return ["explorer", f"/select,{path}"]
    if which("dbus-send"):
        return [
            "dbus-send", "--session", "--print-reply", "--reply-timeout=3000",
            "--dest=org.freedesktop.FileManager1", "--type=method_call", "/org/freedesktop/FileManager1",
            "org.freedesktop.FileManager1.ShowItems", f"array:string:{path.as_uri()}", "string:",
        ]
    return None


def reveal(path: Path, open_url: Callable[[QUrl], object], parent: QObject) -> QProcess | None:
    """Show `path` selected; when that is not possible (or fails), open its folder with `open_url`."""
    folder = QUrl.fromLocalFile(str(path.parent))
    command = reveal_command(path)
    if command is None:
        open_url(folder)
        return None
    from PySide6.QtCore import QProcess  # loaded when a file is shown, not at start-up

    process = QProcess(parent)

    def done(code: int = 0, status: QProcess.ExitStatus = QProcess.ExitStatus.NormalExit) -> None:
        # Windows' explorer exits 1 even when it worked; elsewhere a failure means "no file manager"
        crashed = status != QProcess.ExitStatus.NormalExit
        if crashed or (code != 0 and not sys.platform.startswith("win")):
            open_url(folder)
        process.deleteLater()

    def error(kind: QProcess.ProcessError) -> None:
        if kind == QProcess.ProcessError.FailedToStart:  # the only error not followed by `finished`
            open_url(folder)
            process.deleteLater()

    process.finished.connect(done)
    process.errorOccurred.connect(error)
    process.start(command[0], command[1:])
    return process
