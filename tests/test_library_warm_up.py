"""`Library.warm_up` loads what the first save needs: after it, adding a job and saving its result
import nothing (on any thread), so the first results of a batch do not take Python's lock from the
window's GUI thread for it. Each case runs in a fresh interpreter, where nothing is loaded yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CODE = r"""
import asyncio, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from library_helpers import image_bytes, make_record
from fluxdesk.library.library import Library


class Imports:
    def __init__(self):
        self.names = []

    def find_spec(self, name, path=None, target=None):
        self.names.append(name)
        return None


async def main(warm):
    library = await Library.open(Path(sys.argv[1]))
    try:
        record = make_record("창가의 고양이, café au lait", seed=7, width=64, height=48)
        data = image_bytes(64, 48, "PNG")
        if warm:
            await library.warm_up()
        imports = Imports()
        sys.meta_path.insert(0, imports)
        await library.add_job(record)
        await library.save_result(record.id, data, width=64, height=48, fmt="png")
        sys.meta_path.remove(imports)
        print(" ".join(imports.names) or "-")
    finally:
        await library.close()

asyncio.run(main(sys.argv[3] == "warm"))
"""


def _first_save_imports(tmp_path: Path, mode: str) -> list[str]:
    tests = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, "-c", CODE, str(tmp_path / mode), str(tests), mode],
                          capture_output=True, text=True, timeout=120, check=True)
    line = done.stdout.strip().splitlines()[-1]
    return [] if line == "-" else line.split()


@pytest.mark.slow
def test_after_warm_up_the_first_save_imports_nothing(tmp_path: Path) -> None:
    cold = _first_save_imports(tmp_path, "cold")
    assert "fluxdesk.library.sidecars" in cold and "regex" in cold  # what warm_up is for
    assert _first_save_imports(tmp_path, "warm") == []
