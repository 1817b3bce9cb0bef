"""What fluxdesk puts in a drag besides file URLs: the library ids of the images dragged.

Other applications take the gallery's images as files (`text/uri-list`); fluxdesk's own drop targets
(the reference strip) read the ids, so an image dropped there is a library source (its lineage is
known) rather than a file. The strip's own reorder drags carry the index of the tile moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData

RECORD_IDS = "application/x-fluxdesk-record-ids"
#: a tile of the reference strip moved within it: its index
INPUT_INDEX = "application/x-fluxdesk-input-index"
_MAX_IDS = 1000


def set_record_ids(mime: QMimeData, ids: Iterable[str]) -> None:
    mime.setData(RECORD_IDS, QByteArray("\n".join(ids).encode("ascii")))


def record_ids(mime: QMimeData) -> list[str]:
    """The library ids of a drag from the gallery (none for any other drag)."""
    if not mime.hasFormat(RECORD_IDS):
        return []
    text = bytes(mime.data(RECORD_IDS).data()).decode("ascii", "replace")
    return [line for line in (part.strip() for part in text.splitlines()) if line.isalnum()][:_MAX_IDS]


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def set_input_index(mime: QMimeData, index: int) -> None:
    mime.setData(INPUT_INDEX, QByteArray(str(index).encode("ascii")))


def input_index(mime: QMimeData) -> int | None:
    if not mime.hasFormat(INPUT_INDEX):
        return None
    text = bytes(mime.data(INPUT_INDEX).data()).decode("ascii", "replace")
    return int(text) if text.isdigit() else None
