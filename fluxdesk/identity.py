"""Who fluxdesk is to a desktop: its application id, icon files and licence. No Qt, no other fluxdesk module.

`APP_ID` is reverse-DNS (`io.github.<org>.<App>`: the form Flathub and AppStream expect for a project
hosted on GitHub without a domain of its own). It names the desktop file, the AppStream component,
the icon, Qt's desktop file name (the Wayland app id) and the notifications' `desktop-entry` hint,
so that a desktop can match a window, a notification and a menu entry to one application.

The icons ship inside the package as a hicolor theme tree (`resources/icons/hicolor/<N>x<N>/apps/`
and `scalable/apps/`), so packagers copy that tree as it is, and the window finds it beside this
module (`PACKAGE_DIR`: the package's folder, in a wheel, a checkout or the bundle alike).
"""

from __future__ import annotations

from pathlib import Path

APP_ID = "io.github.fluxdesk.Fluxdesk"
APP_NAME = "fluxdesk"
DISTRIBUTION = "fluxdesk"
LICENSE = "MIT"
#: placeholder until the project's public home is settled (packaging/README.md)
HOMEPAGE = "https://github.com/fluxdesk/fluxdesk"
#: (version, date), newest first: the AppStream releases and the man page's date (a test keeps them one)
RELEASES = (("0.2.0", "2026-12-01"), ("0.1.0", "2026-11-23"))
#: the images "Open with fluxdesk" takes (the desktop file's MimeType=): the window reads their settings
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
#: the PNG sizes rendered from the SVG (packaging/render_icons.py)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: the package's folder on disk (importlib.resources would cost ~20 ms of imports at every start)
PACKAGE_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path | None:
    """A file shipped in the package, on disk; None when it is missing (or the package is zipped: Qt
    and the notification service need real files)."""
    path = PACKAGE_DIR.joinpath("resources", *parts)
    return path if path.is_file() else None


def icon_path(size: int | None = None) -> Path | None:
    """The icon as a PNG of `size` pixels, or the SVG when `size` is None."""
    if size is None:
        return resource_path("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")
    return resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")


def icon_paths() -> dict[int, Path]:
    """Every PNG size that is there."""
    found = {size: icon_path(size) for size in ICON_SIZES}
    return {size: path for size, path in found.items() if path is not None}


def licence_text() -> str | None:
    """fluxdesk's own licence, from its installed metadata (a wheel, an editable install, a bundle)."""
    import importlib.metadata  # ~50 ms to import: only the About box needs it, not every command

    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    names = dist.metadata.get_all("License-File") or ["LICENSE"]
    for name in names:
        # PEP 639 keeps it under licenses/ in the .dist-info; older tools put it beside METADATA
        for candidate in (f"licenses/{name}", name):
            text = dist.read_text(candidate)
            if text:
                return text
        # an .egg-info beside the sources (running from a checkout): the file is in the project root
        beside = Path(str(dist.locate_file(name)))
        if beside.is_file():
            return beside.read_text(encoding="utf-8")
    return None
