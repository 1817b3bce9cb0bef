"""The committed fluxdesk/locale/fluxdesk.pot holds exactly what `make pot` extracts now."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "fluxdesk" / "locale" / "fluxdesk.pot"


def _msgids(text: str) -> set[str]:
    # the catalogue's entries without the header (whose dates change on every run)
    return {m for m in re.findall(r'^msgid "(.*)"$', text, re.MULTILINE) if m}


@pytest.mark.skipif(shutil.which("pybabel", path=str(Path(sys.executable).parent)) is None,
                    reason="babel is a test extra")
def test_the_template_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "--no-default-keywords",
         "-k", "_", "-k", "ngettext:1,2", "-k", "N_", "-k", "_counted:1,2",
         "--ignore-dirs=sim", "--no-wrap", "-o", str(fresh), "fluxdesk"],
        cwd=ROOT, check=True,
    )
    assert _msgids(POT.read_text(encoding="utf-8")) == _msgids(fresh.read_text(encoding="utf-8")), (
        "run `make pot`")


def test_argparse_words_are_in_the_template() -> None:
    text = POT.read_text(encoding="utf-8")
    for msgid in ("usage: ", "the following arguments are required: %s", "expected %s argument"):
        assert f'msgid "{msgid}"' in text
