"""fluxdesk's icon as a QIcon: every PNG size shipped in the package, so Qt never scales one up.

An icon installed in the desktop's theme under the app id (a distribution package, the Flatpak) wins,
so the window, taskbar and menu show the same file.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from fluxdesk.identity import APP_ID, icon_paths


def packaged_icon() -> QIcon:
    icon = QIcon()
    for path in icon_paths().values():
        icon.addFile(str(path))
    return icon


def app_icon() -> QIcon:
    return QIcon.fromTheme(APP_ID, packaged_icon())
