"""What packagers ship: licence, desktop entry, AppStream metainfo, icons, the wheel's contents and the
PyInstaller spec, checked with the desktop's own validators where they are installed."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import sys
import tomllib
import types
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from fluxdesk import __version__
from fluxdesk.identity import APP_ID, HOMEPAGE, ICON_SIZES, IMAGE_SUFFIXES, RELEASES, icon_path

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


def _load(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tool(name: str, package: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; `make test` installs it as root)")
    return exe


def test_the_licence_is_mit_and_declared() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Copyright (c) 2026 the fluxdesk authors" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert project["version"] == __version__
    runtime = " ".join(project["dependencies"]).lower()
    assert "pyinstaller" not in runtime
    assert any(d.startswith("pyinstaller") for d in project["optional-dependencies"]["bundle"])


def test_the_desktop_entry_names_the_app_its_icon_and_the_images_it_opens() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Icon"] == APP_ID and d["Exec"] == "fluxdesk %F" and d["Terminal"] == "false"
    assert set(filter(None, d["MimeType"].split(";"))) == set(MIME.values())
    assert set(IMAGE_SUFFIXES) == set(MIME)  # what main.py opens is what the entry offers
    assert "Graphics" in d["Categories"] and d["Keywords"]
    assert d["StartupWMClass"] == "fluxdesk"  # the X11 class: QApplication's application name


def test_desktop_file_validate_accepts_the_entry() -> None:
    exe = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([exe, str(DESKTOP)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_the_metainfo_agrees_with_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("project_license") == "MIT" and root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert root.findtext("developer/name") and root.findtext("summary")
    assert root.find("description") is not None
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    assert root.findtext("provides/binary") == "fluxdesk"
    assert {m.text for m in root.findall("provides/mediatype")} == set(MIME.values())
    releases = [(r.get("version"), r.get("date")) for r in root.findall("releases/release")]
    assert tuple(releases) == RELEASES and releases[0][0] == __version__
    assert root.find("url[@type='homepage']").text == HOMEPAGE  # type: ignore[union-attr]
    for image in root.findall("screenshots/screenshot/image"):
        assert image.text is not None and image.text.startswith("https://")
        # the placeholder URL points at a file the repository really has
        assert (ROOT / image.text.split("/main/", 1)[1]).is_file()


def test_appstreamcli_validates_the_metainfo() -> None:
    exe = _tool("appstreamcli", "appstream")
    result = subprocess.run([exe, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # nothing above "info" (appstream before 1.0 does not know <developer> yet: that is an info)
    assert not [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))], result.stdout


def test_the_installed_tree_validates_and_holds_every_file(tmp_path) -> None:
    install_data = _load("install_data", ROOT / "packaging" / "install_data.py")
    assert install_data.APP_ID == APP_ID
    written = install_data.install("/usr", tmp_path)
    share = tmp_path / "usr" / "share"
    for relative in (f"applications/{APP_ID}.desktop", f"metainfo/{APP_ID}.metainfo.xml",
                     f"icons/hicolor/scalable/apps/{APP_ID}.svg", "bash-completion/completions/fluxdesk",
                     "zsh/site-functions/_fluxdesk", "fish/vendor_completions.d/fluxdesk.fish",
                     "man/man1/fluxdesk.1",
                     *(f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES)):
        assert share / relative in written and (share / relative).is_file(), relative
    exe = _tool("appstreamcli", "appstream")
    result = subprocess.run([exe, "validate-tree", "--no-net", str(tmp_path)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_icon_size_is_the_svg_rendered_now(qapp) -> None:
    from PySide6.QtGui import QImage

    render_icons = _load("render_icons", ROOT / "packaging" / "render_icons.py")
    for size in ICON_SIZES:
        path = icon_path(size)
        assert path is not None, size
        shipped = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
        assert (shipped.width(), shipped.height()) == (size, size) and shipped.hasAlphaChannel()
        fresh = render_icons.render(icon_path(None), size)
        # the committed PNG is what the SVG gives today (a changed SVG needs render_icons.py again)
        pairs = zip(bytes(shipped.constBits()), bytes(fresh.constBits()), strict=True)
        diff = sum(abs(a - b) for a, b in pairs)
        assert diff / (size * size * 4) < 2.0, f"{size}px differs from the SVG: run packaging/render_icons.py"


def test_the_app_icon_has_every_size(qapp) -> None:
    from fluxdesk.ui.platform.appicon import packaged_icon

    sizes = {s.width() for s in packaged_icon().availableSizes()}
    assert sizes == set(ICON_SIZES)


class _Recorder:
    """Stands for PyInstaller's build classes: records what the spec asks for."""

    made: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        _Recorder.made.append((kind, args, kwargs))
        self.binaries = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x", "BINARY"),
                         ("libgtk-3.so.0", "/x", "BINARY"), ("libQt6Gui.so.6", "/x", "BINARY"),
                         ("PySide6/Qt/plugins/imageformats/libqwebp.so", "/x", "BINARY")]
        self.pure, self.scripts, self.datas = [], [], []


def test_the_pyinstaller_spec_takes_the_resources_metadata_and_leaves_gtk_out(monkeypatch) -> None:
    if importlib.util.find_spec("PyInstaller") is None:  # the bundle extra is not installed: stand in
        hooks = types.ModuleType("PyInstaller.utils.hooks")
        hooks.copy_metadata = lambda name: [(f"/site/{name}.dist-info", f"{name}.dist-info")]  # type: ignore
        hooks.collect_submodules = lambda name: [name, f"{name}.generate"]  # type: ignore
        for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                             ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                             ("PyInstaller.utils.hooks", hooks)):
            monkeypatch.setitem(sys.modules, name, module)
    _Recorder.made = []
    names: dict[str, Any] = {"SPECPATH": str(ROOT / "packaging"), "__name__": "spec"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        names[kind] = lambda *a, _k=kind, **kw: _Recorder(_k, *a, **kw)
    spec = ROOT / "packaging" / "fluxdesk.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), names)
    made = {kind: (args, kwargs) for kind, args, kwargs in _Recorder.made}
    args, kwargs = made["Analysis"]
    assert args[0] == [str(ROOT / "fluxdesk" / "__main__.py")]
    datas = kwargs["datas"]
    resources = ROOT / "fluxdesk" / "resources"
    shipped = {Path(src) for src, _dest in datas}
    for path in resources.rglob("*"):
        if path.is_file():
            assert path in shipped, path
            assert (str(path), str(path.parent.relative_to(ROOT))) in datas
    metadata = {dest for _src, dest in datas if dest.endswith((".dist-info", ".egg-info"))}
    assert any(d.lower().startswith("fluxdesk") for d in metadata)
    assert (str(ROOT / "LICENSE"), ".") in datas
    assert any(d.lower().startswith(("pyside6_essentials", "pyside6-essentials")) for d in metadata)
    assert "pytest" in kwargs["excludes"]
    # the commands are imported by name at run time (`fluxdesk.cli.COMMANDS`): the analysis is told
    assert "fluxdesk.cli.generate" in kwargs["hiddenimports"]
    kept = [b[0] for b in names["a"].binaries]
    assert kept == ["libQt6Gui.so.6", "PySide6/Qt/plugins/imageformats/libqwebp.so"]
    assert made["COLLECT"][1]["name"] == "fluxdesk" and made["EXE"][1]["name"] == "fluxdesk"


@pytest.mark.slow
def test_the_wheel_carries_the_licence_icons_completions_and_man_page(tmp_path) -> None:
    import setuptools

    if int(setuptools.__version__.split(".")[0]) < 77:
        pytest.skip(f"setuptools {setuptools.__version__} cannot write licence files (test extras: >=77)")
    # a copy of the sources: a build writes build/ and .egg-info beside them
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "bench", "tests"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "--quiet", "-w", str(tmp_path), str(source)], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = tmp_path.glob("fluxdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"fluxdesk-{__version__}.dist-info/METADATA").decode()
    assert f"fluxdesk-{__version__}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT" in metadata
    for relative in ("completions/fluxdesk.bash", "completions/_fluxdesk", "completions/fluxdesk.fish",
                     "man/fluxdesk.1", f"icons/hicolor/scalable/apps/{APP_ID}.svg",
                     *(f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES)):
        assert f"fluxdesk/resources/{relative}" in names, relative


def test_the_flatpak_manifest_names_the_app_and_installs_its_data() -> None:
    # not built here (packaging/README.md): at least it must agree with the rest
    text = (ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line and not line[0].isspace()
                  and not line.startswith("#"))
    assert fields["id"] == APP_ID and fields["command"] == "fluxdesk"
    assert fields["base"] == "io.qt.PySide.BaseApp"
    assert "--talk-name=org.freedesktop.Notifications" in text
    assert "packaging/install_data.py --prefix=${FLATPAK_DEST}" in text
