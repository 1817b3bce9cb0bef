"""`fluxdesk export` and `fluxdesk inspect` from the command line, against a real library store."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.api.catalog import default_catalog
from fluxdesk.api.request import build_request
from fluxdesk.cli import main
from fluxdesk.library.library import library_paths
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import LibraryStore


@pytest.fixture
def library(_isolated_home: Path) -> list[GenerationRecord]:
    db, images = library_paths(_isolated_home)
    images.mkdir(parents=True, exist_ok=True)
    store = LibraryStore(db)
    records = []
    try:
        for i, rid in enumerate(["aaaa1111" + "0" * 24, "aaaa2222" + "0" * 24, "bbbb3333" + "0" * 24]):
            req = build_request(
                default_catalog(),
                "flux-dev",
                f"a blue fox number {i}",
                {"seed": 100 + i},
                rng=random.Random(0),
            )
            buf = io.BytesIO()
            Image.new("RGB", (32, 32), (0, 0, 200)).save(buf, "JPEG")
            (images / f"{rid}.jpg").write_bytes(buf.getvalue())
            rec = GenerationRecord(
                id=rid,
                provider="cometapi",
                model="flux-dev",
                request=req,
                status=JobState.DONE,
                created_at=1_700_000_000.0 + i,
                file=f"{rid}.jpg",
                width=32,
                height=32,
                format="jpeg",
            )
            store.add(rec)
            records.append(rec)
    finally:
        store.close()
    return records


def test_cli_export_webp_with_parameters_then_inspect(library, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["export", "aaaa1", "bbbb", "--to", str(out), "--format", "webp", "--json", "--sidecar"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [w["id"] for w in doc["written"]] == [library[0].id, library[2].id]
    webp = Path(doc["written"][0]["path"])
    assert webp.suffix == ".webp" and Path(doc["written"][0]["sidecar"]).exists()
    assert main(["inspect", str(webp), "--json"]) == 0
    recalled = json.loads(capsys.readouterr().out)
    assert recalled["source"] == "fluxdesk" and recalled["model"] == "flux-dev"
    assert recalled["prompt"] == "a blue fox number 0" and recalled["params"]["seed"] == 100
    assert main(["inspect", str(webp)]) == 0
    text = capsys.readouterr().out
    assert "Prompt:  a blue fox number 0" in text and "seed = 100" in text


def test_cli_export_jpeg_with_no_metadata(library, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert (
        main(
            [
                "export",
                library[1].id,
                "--to",
                str(out),
                "--format",
                "jpeg",
                "--metadata",
                "none",
                "--name",
                "{n}_{seed}",
            ]
        )
        == 0
    )
    path = Path(capsys.readouterr().out.strip())
    assert path.name == "001_101.jpg"
    data = path.read_bytes()
    assert b"blue fox" not in data and b"flux-dev" not in data
    with Image.open(path) as im:
        im.load()
    assert main(["inspect", str(path)]) == 1
    assert "carries no generation settings" in capsys.readouterr().out


def test_cli_export_refuses_ambiguous_and_unknown_ids(library, tmp_path: Path, capsys) -> None:
    assert main(["export", "aaaa", "--to", str(tmp_path)]) == 2
    assert "ambiguous" in capsys.readouterr().err
    assert main(["export", "zzzz", "--to", str(tmp_path)]) == 2
    assert "No generation" in capsys.readouterr().err
    assert main(["export", "bbbb", "--to", str(tmp_path), "--name", "{bad}"]) == 2
    assert "Unknown field" in capsys.readouterr().err


def test_cli_inspect_refuses_hostile_files(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert main(["inspect", str(bad)]) == 1
    assert "fluxdesk inspect:" in capsys.readouterr().err
    assert main(["inspect", str(tmp_path / "missing.png"), "--json"]) == 1
    assert "error" in json.loads(capsys.readouterr().out)
