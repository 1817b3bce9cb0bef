"""`fluxdesk IMAGE` (the desktop file's Exec=fluxdesk %F, "Open with fluxdesk") opens the window on the
image's settings; FLUXDESK_SMOKE_TEST checks a build's window, icon and decoding worker, then quits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fluxdesk.main import image_files


def test_only_existing_image_files_open_the_window(tmp_path: Path) -> None:
    png = tmp_path / "a.PNG"
    webp = tmp_path / "b.webp"
    png.touch()
    webp.touch()
    (tmp_path / "history").touch()
    assert image_files([str(png), str(webp)]) == [png, webp]
    assert image_files([]) is None
    assert image_files([str(tmp_path / "missing.png")]) is None  # a typo: the command line says so
    assert image_files(["history"]) is None  # a command, even beside a file of that name
    assert image_files([str(png), "--json"]) is None
    assert image_files([str(tmp_path / "history")]) is None  # not an image


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS",)}
    return {**env, "FLUXDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


@pytest.mark.slow
def test_open_with_reads_the_images_settings_and_the_smoke_test_passes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = subprocess.run([sys.executable, "-m", "fluxdesk", "generate", "a heron in the reeds", "--json",
                           "--seed", "4242"], env=_env(home), capture_output=True, text=True, timeout=120,
                          check=True)
    image = Path(json.loads(made.stdout.splitlines()[-1])["path"])
    assert image.is_file()
    # another folder: the window must read the file's own metadata, not recognise it from the library
    other = tmp_path / "other"
    opened = subprocess.run([sys.executable, "-m", "fluxdesk", str(image)],
                            env={**_env(other), "FLUXDESK_SMOKE_TEST": "1"}, capture_output=True, text=True,
                            timeout=120, check=False)
    assert opened.returncode == 0, opened.stdout + opened.stderr
    lines = [line for line in opened.stdout.splitlines() if line.startswith("fluxdesk smoke test")]
    assert len(lines) == 1 and lines[0].startswith("fluxdesk smoke test: ok"), opened.stdout + opened.stderr
    assert "io.github.fluxdesk.Fluxdesk" in lines[0] and "decoded a 64x64 png" in lines[0]
    draft = json.loads((other / "config" / "draft.json").read_text(encoding="utf-8"))
    assert "a heron in the reeds" in json.dumps(draft)
