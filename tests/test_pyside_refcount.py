"""PySide6 6.12.0 drops a reference to None on each void call on Python 3.10/3.11 and aborts.

The pin in pyproject.toml keeps us below it; this proves the installed Qt binding does not leak.
"""

from __future__ import annotations

import sys


def test_void_calls_keep_none_refcount(qapp) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.setEnabled(True)
    after = sys.getrefcount(None)
    # a handful of references may come and go elsewhere; a leak would be ~20,000
    assert abs(after - before) < 100, (before, after)
