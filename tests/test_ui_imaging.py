"""Decoding image bytes in a worker: the same pixels as Qt's own decoder, nothing for bytes that are not
an image."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from fluxdesk.ui.imaging import decode_image


def encoded(image: QImage, fmt: str) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    buffer.close()
    return bytes(array.data())


def test_png_and_jpeg_bytes_decode_to_what_qt_decodes(qapp: Any) -> None:
    image = QImage(64, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor(10, 200, 30, 128))
    for fmt in ("PNG", "JPEG"):
        data = encoded(image, fmt)
        decoded = decode_image(data)
        assert decoded.size() == image.size()
        assert decoded == QImage.fromData(data)
    assert decode_image(encoded(image, "PNG")).hasAlphaChannel()  # a PNG keeps its alpha


def test_bytes_that_are_not_an_image_give_a_null_image(qapp: Any) -> None:
    assert decode_image(b"").isNull()
    assert decode_image(b"\x89PNG\r\n\x1a\n not really").isNull()
    assert decode_image(b"<html>502 Bad Gateway</html>").isNull()


def test_decoding_works_in_a_worker_thread(qapp: Any) -> None:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor(1, 2, 3))
    data = encoded(image, "PNG")
    out: list[QImage] = []
    worker = threading.Thread(target=lambda: out.append(decode_image(data)))
    worker.start()
    worker.join(timeout=30)
    assert out and out[0].size() == image.size() and out[0].pixelColor(5, 5) == QColor(1, 2, 3)
