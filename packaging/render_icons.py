"""Render the icon's PNG sizes from its SVG, with Qt's own SVG renderer (offscreen, no display needed).

    .venv/bin/python packaging/render_icons.py        # rewrites fluxdesk/resources/icons/hicolor/*/apps/*.png

The PNGs are committed (a desktop, the notification service and the bundle read them as they are);
tests/test_packaging_icons.py checks they are what this script makes of the SVG now.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from fluxdesk.identity import APP_ID, ICON_SIZES  # noqa: E402

ICONS = ROOT / "fluxdesk" / "resources" / "icons" / "hicolor"
SVG = ICONS / "scalable" / "apps" / f"{APP_ID}.svg"


def render(svg: Path, size: int) -> QImage:
    """The SVG at `size` × `size` pixels, antialiased, on a transparent background."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG Qt can read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_path(size: int) -> Path:
    return ICONS / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in ICON_SIZES:
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(SVG, size).save(str(target), b"PNG"):
            raise SystemExit(f"could not write {target}")
        print(f"{target.relative_to(ROOT)}  {size}x{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
