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
from fluxdesk.i18n import _
from fluxdesk.i18n.bidi import keep_left_to_right
from fluxdesk.identity import APP_ID, APP_NAME, HOMEPAGE, LICENSE, licence_text
from fluxdesk.logs import LOG_FILENAME
from fluxdesk.settings import Paths
from fluxdesk.ui.dialogs.notices import UNKNOWN_LICENCE, Component, runtime_components
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.platform.appicon import app_icon
from fluxdesk.ui.tasks import TaskRegistry

LGPL_URL = "https://www.gnu.org/licenses/lgpl-3.0.html"
QT_SOURCE_URL = "https://code.qt.io/"
QT_LICENSING_URL = "https://www.qt.io/licensing/open-source-lgpl-obligations"


def qt_notice() -> str:
    """Qt's and PySide6's terms, and what the LGPL asks of an application that ships them."""
    libs = Path(PySide6.__file__).resolve().parent / "Qt" / "lib"
    return translate(
        "About",
        "<p>fluxdesk uses <b>Qt {qt}</b> through <b>PySide6 {pyside}</b> (Qt for Python), used under the "
        '<a href="{lgpl}">GNU Lesser General Public License v3</a> (LGPL-3.0-only). '
        "Qt and PySide6 are linked dynamically: they are separate shared libraries "
        "(here: <code>{libs}</code>) that you may replace with your own build of a "
        "compatible version. Qt's source code is at "
        '<a href="{source}">{source}</a>; see also '
        '<a href="{licensing}">Qt\'s LGPL obligations</a>.</p>',
    ).format(
        qt=html.escape(qVersion()), pyside=html.escape(PySide6.__version__), lgpl=LGPL_URL,
        libs=html.escape(str(libs)), source=QT_SOURCE_URL, licensing=QT_LICENSING_URL,
    )


def components_html(components: list[Component]) -> str:
    rows = []
    for c in components:
        name = html.escape(c.name)
        if c.url:
            name = f'<a href="{html.escape(c.url, quote=True)}">{name}</a>'
        # a licence is its SPDX name, or the one sentence notices.py says when none is declared
        licence = _(c.licence) if c.licence == UNKNOWN_LICENCE else c.licence
        rows.append(f"<tr><td>{name}</td><td>{html.escape(c.version)}</td><td>{html.escape(licence)}</td>"
                    f"<td>{html.escape(c.summary)}</td></tr>")
    heads = (translate("About", "Package"), translate("About", "Version"), translate("About", "Licence"),
             translate("About", "What it is"))
    head = "".join(f'<th align="left">{html.escape(h)}</th>' for h in heads)
    return f'<table cellspacing="0" cellpadding="3"><tr>{head}</tr>{"".join(rows)}</table>'


class AboutDialog(QDialog):
    def __init__(self, paths: Paths, tasks: TaskRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(translate("About", "About {app}").format(app=APP_NAME))
        self.setModal(False)
        self.resize(640, 520)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        what = translate("About", "A desktop studio for making images with the Flux models.")
        self.title = QLabel(f"<h2>{APP_NAME} {__version__}</h2><p>{html.escape(what)}</p>"
                            f'<p><a href="{HOMEPAGE}">{HOMEPAGE}</a> · {APP_ID}</p>', self)
        self.title.setOpenExternalLinks(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)

        self.tabs = QTabWidget(self)
        where = translate(
            "About",
            "<p><b>Library:</b> {library}<br><b>Thumbnails:</b> {thumbnails}<br>"
            "<b>Settings:</b> {settings}<br><b>Log:</b> {log}</p>",
        ).format(
            library=_ltr_path(paths.library_dir), thumbnails=_ltr_path(paths.cache_dir),
            settings=_ltr_path(paths.config_dir), log=_ltr_path(paths.logs_dir / LOG_FILENAME),
        )
        copyright = translate("About", "Copyright (c) 2026 the fluxdesk authors")
        terms = translate(
            "About",
            "<p><b>Licence:</b> {licence}. {copyright}. fluxdesk is free software: see the "
            "Licence tab for its terms and Third-party for what it runs on.</p>",
        ).format(licence=LICENSE, copyright=html.escape(copyright))
        self.about = self._browser(where + terms + qt_notice())
        self.licence = self._browser("")
        self.licence.setPlainText(
            translate("About", "{licence} licence. {copyright}.").format(licence=LICENSE, copyright=copyright)
        )
        reading = translate("About", "Reading the installed packages…")
        self.third_party = self._browser(qt_notice() + f"<p>{html.escape(reading)}</p>")
        self.tabs.addTab(self.about, translate("About", "&About"))
        self.tabs.addTab(self.licence, translate("About", "&Licence"))
        self.tabs.addTab(self.third_party, translate("About", "&Third-party"))

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
            qt_notice()
            + translate(
                "About",
                "<p>fluxdesk's runtime dependencies, as installed here (from their own metadata):</p>",
            )
            + components_html(components)
        )


def _ltr_path(path: Path) -> str:
    """A folder as HTML, kept left to right in a right-to-left dialog (else "/tmp/a" reads "tmp/a/")."""
    return html.escape(keep_left_to_right(str(path)))


def show_about(window: QWidget, paths: Paths, tasks: TaskRegistry) -> AboutDialog:
    """The window's About box: one per window, made at the first call, shown again (raised) after."""
    dialog = window.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(paths, tasks, window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
