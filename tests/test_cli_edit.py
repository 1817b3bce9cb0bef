"""`fluxdesk edit` and `history --family` / `history show --json` in-process, against a simulator over
real sockets: the simulator renders each edit from its input, so the output's size and pixels show
which image went where."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from fluxdesk.cli import main
from fluxdesk.settings import Settings
from fluxdesk.sim.server import SimConfig, SimServer
from fluxdesk.sim.sizes import kontext_size

KEY = "sk-cli-edit-0123456789"


@pytest.fixture
def sim_env(monkeypatch: pytest.MonkeyPatch):
    with SimServer(SimConfig(latency=0.2)) as server:
        monkeypatch.setenv("COMETAPI_KEY", KEY)
        monkeypatch.setenv("FLUXDESK_API_BASE", server.base_url)
        yield server


def _png(path: Path, size: tuple[int, int], color: tuple[int, int, int] | str) -> Path:
    Image.new("RGB", size, color).save(path)
    return path


def _rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _submits(sim: SimServer) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in sim.received if r.route == "submit"]


def _b64(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode("ascii")


def _show(capsys: pytest.CaptureFixture[str], record_id: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["history", "show", record_id, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _size(path: str) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def test_flux2_edit_of_a_file_with_references(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    source = _png(tmp_path / "in.png", (640, 480), (200, 40, 40))
    ref1 = _png(tmp_path / "r1.png", (128, 128), (40, 200, 40))
    ref2 = _png(tmp_path / "r2.png", (128, 128), (40, 40, 200))
    code = main(["edit", str(source), "make it dusk", "--reference", str(ref1), "-r", str(ref2), "--json"])
    (row,) = _rows(capsys.readouterr().out)
    assert code == 0 and row["status"] == "done" and row["model"] == "flux-2-pro"
    (body,) = _submits(sim_env)
    assert "width" not in body and "height" not in body  # FLUX.2 matches its input
    assert body["input_image"] == _b64(source) and body["input_image_2"] == _b64(ref1)
    assert body["input_image_3"] == _b64(ref2) and body["prompt"] == "make it dusk"
    assert _size(row["path"]) == (640, 480)
    shown = _show(capsys, row["id"])
    assert shown["parents"] == row["parents"] and len(row["parents"]) == 3
    parent = _show(capsys, row["parents"][0])
    assert parent["model"] == "imported" and parent["children"] == [row["id"]]
    assert Path(parent["path"]).read_bytes() == source.read_bytes()


def test_kontext_edit_of_a_library_image_by_prefix(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    assert main(["generate", "a lighthouse", "--width", "768", "--height", "512", "--json"]) == 0
    (made,) = _rows(capsys.readouterr().out)
    sim_env.clear_received()
    code = main(["edit", made["id"][:10], "add a storm", "--model", "flux-kontext-pro", "--json",
                 "--seed", "77"])
    (row,) = _rows(capsys.readouterr().out)
    assert code == 0 and row["model"] == "flux-kontext-pro" and row["seed"] == 77
    assert row["parents"] == [made["id"]]
    (body,) = _submits(sim_env)
    assert body["input_image"] == _b64(Path(made["path"]))
    assert _size(row["path"]) == kontext_size(768 / 512)
    # the library image made it: no import, and it has its child
    assert _show(capsys, made["id"])["children"] == [row["id"]]


def test_fill_with_a_mask_repaints_only_the_masked_part(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    source = _png(tmp_path / "in.png", (256, 192), (250, 250, 250))
    mask = Image.new("L", (256, 192), 0)
    mask.paste(255, (0, 0, 128, 192))  # the left half is repainted
    mask.save(tmp_path / "mask.png")
    code = main(["edit", str(source), "a forest", "--mask", str(tmp_path / "mask.png"), "--json",
                 "--format", "png"])
    (row,) = _rows(capsys.readouterr().out)
    assert code == 0 and row["model"] == "flux-pro-1.0-fill"
    (body,) = _submits(sim_env)
    assert body["image"] == _b64(source) and body["mask"] == _b64(tmp_path / "mask.png")
    with Image.open(row["path"]) as out:
        assert out.size == (256, 192)
        rgb = out.convert("RGB")
        assert rgb.getpixel((200, 100)) == (250, 250, 250)  # kept
        assert rgb.getpixel((60, 100)) != (250, 250, 250)  # repainted
    assert len(row["parents"]) == 1  # the mask is no parent


def test_expand_adds_the_sides(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    source = _png(tmp_path / "in.png", (320, 240), (10, 120, 200))
    code = main(["edit", str(source), "more sky", "--expand", "64,0,32,128", "--json",
                 "--format", "png"])
    (row,) = _rows(capsys.readouterr().out)
    assert code == 0 and row["model"] == "flux-pro-1.0-expand"
    (body,) = _submits(sim_env)
    assert (body["top"], body["right"], body["bottom"], body["left"]) == (64, 0, 32, 128)
    with Image.open(row["path"]) as out:
        assert out.size == (320 + 128, 240 + 64 + 32)
        assert out.convert("RGB").getpixel((128 + 160, 64 + 120)) == (10, 120, 200)  # the input, in place


def test_the_last_edit_model_is_the_next_default(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    source = _png(tmp_path / "in.png", (256, 256), "white")
    assert main(["edit", str(source), "one", "--model", "flux-kontext-max", "--json"]) == 0
    assert Settings.load().prefs.edit_model == "flux-kontext-max"
    mask = _png(tmp_path / "mask.png", (256, 256), "white")
    assert main(["edit", str(source), "two", "--mask", str(mask), "--json"]) == 0
    assert Settings.load().prefs.edit_model == "flux-kontext-max"  # Fill is implied, never remembered
    assert main(["edit", str(source), "three", "--json"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert [r["model"] for r in rows] == ["flux-kontext-max", "flux-pro-1.0-fill", "flux-kontext-max"]
    assert len({r["parents"][0] for r in rows}) == 1  # the same file is one library item


def test_dry_run_imports_nothing_and_sends_nothing(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    source = _png(tmp_path / "in.png", (64, 64), "red")
    assert main(["edit", str(source), "x", "--dry-run"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["requests"][0]["model"] == "flux-2-pro"
    assert doc["requests"][0]["params"]["input_image"].startswith("<image data")
    assert _submits(sim_env) == []
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["nosuchthing", "x"], "'nosuchthing' is neither an image file nor the id of an image"),
        (["{src}", "x", "--model", "flux-pro-1.1"], "does not edit images"),
        (["{src}", "x", "--expand", "1,2,3"], "--expand takes four whole numbers"),
        (["{src}", "x", "--mask", "{small}"], "The mask is 32 × 32 but the image is 64 × 48; give a mask"),
        (["{bad}", "x"], "is not an image fluxdesk can send"),
        (["{src}", "x", "--model", "flux-kontext-pro"] + ["-r", "{src}"] * 4, "takes 4 images at most"),
        (["{src}", "x", "--model", "flux-pro-1.0-expand", "--mask", "{small}"], "takes no mask"),
    ],
)
def test_bad_edits_are_refused_in_one_line_before_sending(
    sim_env: SimServer, tmp_path: Path, capsys, args: list[str], said: str
) -> None:
    files = {"src": _png(tmp_path / "in.png", (64, 48), "red"),
             "small": _png(tmp_path / "m.png", (32, 32), "white")}
    (tmp_path / "bad.png").write_bytes(b"not an image at all" * 10)
    files["bad"] = tmp_path / "bad.png"
    code = main(["edit", *(a.format(**files) for a in args)])
    err = capsys.readouterr().err
    assert code == 2 and said in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _submits(sim_env) == []


def test_history_family_lists_ancestors_and_descendants(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    source = _png(tmp_path / "in.png", (128, 96), (90, 90, 200))
    assert main(["edit", str(source), "first", "--json", "--model", "flux-kontext-pro"]) == 0
    (first,) = _rows(capsys.readouterr().out)
    assert main(["edit", first["id"], "second", "--json"]) == 0
    (second,) = _rows(capsys.readouterr().out)
    assert main(["generate", "unrelated", "--json"]) == 0
    capsys.readouterr()
    assert main(["history", "--family", first["id"][:8], "--json", "--sort", "oldest"]) == 0
    listed = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert listed == [first["parents"][0], first["id"], second["id"]]
    assert main(["history", "--family", second["id"]]) == 0
    table = capsys.readouterr().out
    assert second["id"][:8] in table and "imported" in table and "unrelated" not in table
    assert main(["history", "--family", "ffffffff"]) == 1
    assert "No generation has an id starting with 'ffffffff'." in capsys.readouterr().err


def test_generate_records_its_image_prompt_file_as_a_parent(
    sim_env: SimServer, tmp_path: Path, capsys
) -> None:
    ref = _png(tmp_path / "ref.png", (48, 48), "blue")
    assert main(["generate", "kite", "--image-prompt", str(ref), "--json"]) == 0
    (row,) = _rows(capsys.readouterr().out)
    (parent,) = row["parents"]
    shown = _show(capsys, row["id"])
    assert shown["params"]["image_prompt"] == f"library:{parent}"
    assert _show(capsys, parent)["children"] == [row["id"]]
    data = io.BytesIO(base64.b64decode(_submits(sim_env)[0]["image_prompt"]))
    assert data.getvalue() == ref.read_bytes()
