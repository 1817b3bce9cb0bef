"""The window at its first start on small screens: 1024x640, and 1600x1000 at QT_SCALE_FACTOR=2 (800x500
logical). It fits, and the prompt, Generate, search, the gallery, Details and Export are on screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent


def _first_start(tmp_path: Path, width: int, height: int, scale: int, resize: str | None = None
                 ) -> dict[str, Any]:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": width,
                                                "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
                                                "dpr": 1}]}))
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(FLUXDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM=f"offscreen:configfile={screens}",
               QT_SCALE_FACTOR=str(scale))
    command = [sys.executable, str(TESTS / "small_screen_probe.py"), *([resize] if resize else [])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(("width", "height", "scale"), [(1024, 640, 1), (1600, 1000, 2)])
def test_the_first_start_fits_a_small_screen_with_everything_at_hand(
    tmp_path: Path, width: int, height: int, scale: int
) -> None:
    found = _first_start(tmp_path, width, height, scale)
    assert found["available"] == [width // scale, height // scale]
    hint_w, hint_h = found["min_hint"]
    assert hint_w <= width // scale and hint_h <= height // scale
    assert found["frame_inside"], found
    assert all(found["visible"].values()), found["visible"]


def test_resized_to_1024_by_640_nothing_is_out_of_reach(tmp_path: Path) -> None:
    found = _first_start(tmp_path, 1920, 1080, 1, resize="1024x640")
    assert found["size"] == [1024, 640]
    assert all(found["visible"].values()), found["visible"]


def test_the_gallery_filters_go_under_the_search_field_when_narrow(window: Any, qtbot: Any) -> None:
    bar = window.gallery.bar
    bar.arrange(bar.one_row_width() - 1)
    assert bar.wrapped and bar.filter_row.indexOf(bar.sort_combo) >= 0
    assert bar.minimumSizeHint().width() < bar.one_row_width()
    bar.arrange(bar.one_row_width() + 20)
    assert not bar.wrapped and bar.top_row.indexOf(bar.model_combo) >= 0
