"""The window's words, through Qt's translator (`.ts` sources, `.qm` built by pyside6-lrelease).

Every string the window shows is written `translate("Context", "Text")` (or
`translate("Context", "%n image(s)", None, n)` when counted), which `pyside6-lupdate` extracts. The
context names the part of the window (for example "Gallery", "Queue", "Settings"), so a translator
sees where a word appears. (pyside6-lupdate does not see that a call with a variable count is
plural; `make ts` runs `packaging/ts_numerus.py` after it, which makes every source with `%n` a
plural message.) Sentences that come from the Qt-free layers are already translated there
(`fluxdesk.i18n`); the window shows them as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface's language; `%n` in it is replaced by `n`, in the right plural form."""
    return QCoreApplication.translate(context, text, disambiguation, n)
