"""Opening the log file in the system's viewer (Help -> Open log file).

`QDesktopServices.openUrl` hands the file to the desktop (xdg-open, open, ShellExecute) and returns at
once. A log that does not exist yet (nothing was logged) is created empty and private first, so the
viewer opens a file and not an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from fluxdesk.ui.i18n import translate


def open_log_file(path: Path, open_url: Callable[[QUrl], object] = QDesktopServices.openUrl) -> str:
    """Show the log at `path`; returns one sentence for the status bar."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    except OSError as exc:
        return translate("LogFile", "The log file {path} cannot be opened ({reason}).").format(
            path=path, reason=exc.strerror or type(exc).__name__
        )
    if open_url(QUrl.fromLocalFile(str(path))) is False:
        return translate("LogFile", "No program opens the log file; it is {path}.").format(path=path)
    return translate("LogFile", "Opened the log file {path}.").format(path=path)
