"""The layering rules of docs/interfaces.md, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "fluxdesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def test_only_ui_imports_qt() -> None:
    offenders = [
        str(p.relative_to(PKG))
        for p in _modules()
        if "ui" not in p.relative_to(PKG).parts[:1]
        and any(n.split(".")[0] in {"PySide6", "qasync"} for n in _imports(p))
    ]
    assert offenders == []


def test_httpx_lives_in_one_module() -> None:
    users = [
        str(p.relative_to(PKG)) for p in _modules() if any(n.split(".")[0] == "httpx" for n in _imports(p))
    ]
    assert users == ["api/client.py"] or users == []


def test_library_knows_no_http() -> None:
    for p in (PKG / "library").rglob("*.py"):
        names = _imports(p)
        assert not any(n.split(".")[0] in {"httpx", "urllib3", "requests"} for n in names), p
        assert "fluxdesk.api.client" not in names, p


def test_import_linter_contracts_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run([str(exe)], capture_output=True, text=True, cwd=PKG.parent, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
