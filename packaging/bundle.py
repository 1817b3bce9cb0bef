"""`make bundle`: build the PyInstaller one-folder bundle from packaging/fluxdesk.spec, then check it
as a user would run it, and print its size and build time.

    .venv/bin/python packaging/bundle.py            # build into dist/fluxdesk, then check
    .venv/bin/python packaging/bundle.py --check    # check an existing dist/fluxdesk only

The checks, each in a fresh FLUXDESK_HOME with no API key (demo mode) and no keychain:
- the Qt plugins fluxdesk needs are in it (xcb, wayland, offscreen; jpeg and webp image formats);
- the icons, completions and man page are in it;
- `fluxdesk --version`, and `fluxdesk generate "a test" --json` saves an image that decodes;
- the window starts offscreen (and on X11 under xvfb-run when that is installed), passes its smoke
  test (icon, desktop file name, an image decoded in the spawned worker process) and quits cleanly.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "fluxdesk.spec"
APP_ID = "io.github.fluxdesk.Fluxdesk"
PLUGINS = ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/libqwayland.so",
           "imageformats/libqjpeg.so", "imageformats/libqwebp.so")
RESOURCES = (f"icons/hicolor/512x512/apps/{APP_ID}.png", f"icons/hicolor/16x16/apps/{APP_ID}.png",
             f"icons/hicolor/scalable/apps/{APP_ID}.svg", "completions/fluxdesk.bash", "man/fluxdesk.1")
SMOKE_OK = "fluxdesk smoke test: ok"


class CheckFailed(Exception):
    pass


def build(dist: Path, work: Path) -> float:
    started = time.monotonic()
    work.mkdir(parents=True, exist_ok=True)  # the working folder, outside the sources: see the spec
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)], cwd=work, check=True)
    return time.monotonic() - started


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def clean_env(home: Path) -> dict[str, str]:
    drop = {"COMETAPI_KEY", "BFL_API_KEY", "FLUXDESK_API_BASE", "FLUXDESK_PROVIDER", "FLUXDESK_SMOKE_TEST",
            "DBUS_SESSION_BUS_ADDRESS", "PYTHONPATH", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(FLUXDESK_HOME=str(home / "fluxdesk"), HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def run(command: list[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def check_files(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    missing = [p for p in PLUGINS if not (plugins / p).is_file()]
    missing += [r for r in RESOURCES if not (internal / "fluxdesk" / "resources" / r).is_file()]
    if not any(internal.glob("fluxdesk-*.dist-info/licenses/LICENSE")):
        missing.append("fluxdesk's .dist-info with its licence")
    if missing:
        raise CheckFailed(f"missing from the bundle: {', '.join(missing)}")
    return [f"Qt plugins: {', '.join(Path(p).name for p in PLUGINS)}; icons, completions and man page: there"]


def gtk_only() -> tuple[str, ...]:
    """The spec's GTK_ONLY names (read from the spec, so the two cannot drift apart)."""
    import ast

    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "GTK_ONLY" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise CheckFailed("the spec has no GTK_ONLY")


def check_left_out(bundle: Path) -> list[str]:
    """No bundled library needs one the spec left out (the GTK stack)."""
    readelf = shutil.which("readelf")
    if readelf is None:
        return ["left-out libraries: not checked, readelf is not installed (Debian package binutils)"]
    left_out = gtk_only()
    files = [p for p in bundle.rglob("*") if p.is_file() and (".so" in p.name or p.name == "fluxdesk")]
    needs = []
    for path in files:
        dynamic = subprocess.run([readelf, "-d", str(path)], capture_output=True, text=True,
                                 check=False).stdout
        for line in dynamic.splitlines():
            if "(NEEDED)" in line and line.rsplit("[", 1)[-1].rstrip("]").startswith(left_out):
                needs.append(f"{path.name} -> {line.rsplit('[', 1)[-1].rstrip(']')}")
        if path.name.startswith(left_out):
            needs.append(f"{path.name} is in the bundle")
    if needs:
        raise CheckFailed("the bundle needs what the spec leaves out: " + ", ".join(sorted(set(needs))))
    return [f"left-out GTK stack: nothing of the {len(files)} bundled binaries needs it"]


def check_cli(exe: Path) -> list[str]:
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="fluxdesk-bundle-") as tmp:
        env = clean_env(Path(tmp))
        version = run([str(exe), "--version"], env)
        if version.returncode != 0 or not version.stdout.startswith("fluxdesk "):
            raise CheckFailed(f"--version failed: {version.stdout}{version.stderr}")
        started = time.monotonic()
        made = run([str(exe), "generate", "a test", "--json"], env)
        took = time.monotonic() - started
        if made.returncode != 0:
            raise CheckFailed(f"generate exited {made.returncode}: {made.stdout}{made.stderr}")
        row = json.loads(made.stdout.strip().splitlines()[-1])
        path = Path(row.get("path") or "")
        if row.get("status") != "done" or not path.is_file():
            raise CheckFailed(f"generate saved no image: {made.stdout}")
        with Image.open(path) as image:
            image.load()
            size = image.size
        return [f"CLI: {version.stdout.strip()}; generate --json saved {path.name} "
                f"({size[0]}x{size[1]}, {path.stat().st_size // 1024} KB) in {took:.1f} s (demo mode)"]


def check_window(exe: Path, platform: str, wrapper: list[str]) -> str:
    with tempfile.TemporaryDirectory(prefix="fluxdesk-bundle-") as tmp:
        env = {**clean_env(Path(tmp)), "QT_QPA_PLATFORM": platform, "FLUXDESK_SMOKE_TEST": "1"}
        started = time.monotonic()
        shown = run([*wrapper, str(exe)], env)
        took = time.monotonic() - started
        lines = [line for line in shown.stdout.splitlines() if line.startswith("fluxdesk smoke test")]
        if shown.returncode != 0 or not lines or not lines[0].startswith(SMOKE_OK):
            raise CheckFailed(f"the window ({platform}) failed, exit {shown.returncode}: "
                              f"{shown.stdout}{shown.stderr}")
        found = lines[0][len("fluxdesk smoke test: "):]
        return f"window ({platform}): {found}; quit cleanly after {took:.1f} s"


def check(bundle: Path) -> list[str]:
    exe = bundle / "fluxdesk"
    if not exe.is_file():
        raise CheckFailed(f"{exe} does not exist: build the bundle first")
    report = check_files(bundle) + check_left_out(bundle) + check_cli(exe)
    report.append(check_window(exe, "offscreen", []))
    xvfb = shutil.which("xvfb-run")
    if xvfb:
        report.append(check_window(exe, "xcb", [xvfb, "-a", "-s", "-screen 0 1280x1024x24"]))
    else:
        report.append("window (xcb): not checked, xvfb-run is not installed (Debian package xvfb)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the one-folder bundle.")
    parser.add_argument("--check", action="store_true", help="check dist/fluxdesk without building it")
    args = parser.parse_args(argv)
    dist, work = ROOT / "dist", ROOT / "build" / "pyinstaller"
    bundle = dist / "fluxdesk"
    report = []
    if not args.check:
        seconds = build(dist, work)
        report.append(f"built {bundle.relative_to(ROOT)} in {seconds:.0f} s")
    try:
        report += check(bundle)
    except CheckFailed as exc:
        print(f"bundle check failed: {exc}", file=sys.stderr)
        return 1
    qt = bundle / "_internal" / "PySide6"
    report.append(f"size: {size_mb(bundle):.0f} MB ({size_mb(qt):.0f} MB of it PySide6/Qt)")
    for line in report:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
