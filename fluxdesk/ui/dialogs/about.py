"""Help -> About fluxdesk: the version, where things are kept, the licence, and the licences of what
fluxdesk runs on (Qt and PySide6 first, under the LGPL, then every runtime dependency). Non-modal.

The third-party list is read from the installed distributions' metadata (`notices.py`) in a worker
thread; the dialog shows at once and fills in when it is read.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fluxdesk import __version__
from fluxdesk.identity import APP_ID, APP_NAME, HOMEPAGE, LICENSE, licence_text
from fluxdesk.logs import LOG_FILENAME
from fluxdesk.settings import Paths
from fluxdesk.ui.dialogs.notices import Component, runtime_components
from fluxdesk.ui.platform.appicon import app_icon
from fluxdesk.ui.tasks import TaskRegistry

LGPL_URL = "https://www.gnu.org/licenses/lgpl-3.0.html"
QT_SOURCE_URL = "https://code.qt.io/"
QT_LICENSING_URL = "https://www.qt.io/licensing/open-source-lgpl-obligations"
COPYRIGHT = "Copyright (c) 2026 the fluxdesk authors"
READING = "Reading the installed packages…"


def qt_notice() -> str:
    """Qt's and PySide6's terms, and what the LGPL asks of an application that ships them."""
    libs = Path(PySide6.__file__).resolve().parent / "Qt" / "lib"
    return (
        f"<p>fluxdesk uses <b>Qt {html.escape(qVersion())}</b> through <b>PySide6 "
        f"{html.escape(PySide6.__version__)}</b> (Qt for Python), used under the "
        f'<a href="{LGPL_URL}">GNU Lesser General Public License v3</a> (LGPL-3.0-only). '
        "Qt and PySide6 are linked dynamically: they are separate shared libraries "
        f"(here: <code>{html.escape(str(libs))}</code>) that you may replace with your own build of a "
        "compatible version. Qt's source code is at "
        f'<a href="{QT_SOURCE_URL}">{QT_SOURCE_URL}</a>; see also '
        f'<a href="{QT_LICENSING_URL}">Qt\'s LGPL obligations</a>.</p>'
    )


def components_html(components: list[Component]) -> str:
    rows = []
    for c in components:
        name = html.escape(c.name)
        if c.url:
            name = f'<a href="{html.escape(c.url, quote=True)}">{name}</a>'
        rows.append(f"<tr><td>{name}</td><td>{html.escape(c.version)}</td><td>{html.escape(c.licence)}</td>"
                    f"<td>{html.escape(c.summary)}</td></tr>")
    head = "".join(f'<th align="left">{h}</th>' for h in ("Package", "Version", "Licence", "What it is"))
    return f'<table cellspacing="0" cellpadding="3"><tr>{head}</tr>{"".join(rows)}</table>'


class AboutDialog(QDialog):
    def __init__(self, paths: Paths, tasks: TaskRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setModal(False)
        self.resize(640, 520)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        self.title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>"
                            "<p>A desktop studio for making images with the Flux models.</p>"
                            f'<p><a href="{HOMEPAGE}">{HOMEPAGE}</a> · {APP_ID}</p>', self)
        self.title.setOpenExternalLinks(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)

        self.tabs = QTabWidget(self)
        where = (f"<p><b>Library:</b> {html.escape(str(paths.library_dir))}<br>"
                 f"<b>Thumbnails:</b> {html.escape(str(paths.cache_dir))}<br>"
                 f"<b>Settings:</b> {html.escape(str(paths.config_dir))}<br>"
                 f"<b>Log:</b> {html.escape(str(paths.logs_dir / LOG_FILENAME))}</p>")
        self.about = self._browser(
            f"{where}<p><b>Licence:</b> {LICENSE}. {COPYRIGHT}. fluxdesk is free software: see the "
            "Licence tab for its terms and Third-party for what it runs on.</p>" + qt_notice()
        )
        self.licence = self._browser("")
        self.licence.setPlainText(f"{LICENSE} licence. {COPYRIGHT}.")
        self.third_party = self._browser(qt_notice() + f"<p>{READING}</p>")
        self.tabs.addTab(self.about, "&About")
        self.tabs.addTab(self.licence, "&Licence")
        self.tabs.addTab(self.third_party, "&Third-party")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addLayout(header)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)
        self.components: list[Component] | None = None
        self.loading = tasks.spawn(self._load(), name="read the licences")

    def _browser(self, text: str) -> QTextBrowser:
        browser = QTextBrowser(self)
        browser.setOpenExternalLinks(True)
        browser.setHtml(text)
        return browser

    async def _load(self) -> None:
        own, components = await asyncio.to_thread(lambda: (licence_text(), runtime_components()))
        if own:
            self.licence.setPlainText(own)
        self.components = components
        self.third_party.setHtml(
            qt_notice() + "<p>fluxdesk's runtime dependencies, as installed here (from their own "
            "metadata):</p>" + components_html(components)
        )


def show_about(window: QWidget, paths: Paths, tasks: TaskRegistry) -> AboutDialog:
    """The window's About box: one per window, made at the first call, shown again (raised) after."""
    dialog = window.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(paths, tasks, window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
