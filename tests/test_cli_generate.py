"""`fluxdesk generate` in-process against a simulator over real sockets."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.cli import build_parser, main
from fluxdesk.sim.server import SimConfig, SimServer

KEY = "sk-cli-canary-0123456789"


@pytest.fixture
def sim_env(monkeypatch: pytest.MonkeyPatch):
    with SimServer(SimConfig(latency=0.2)) as server:
        monkeypatch.setenv("COMETAPI_KEY", KEY)
        monkeypatch.setenv("FLUXDESK_API_BASE", server.base_url)
        yield server


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_count_gives_consecutive_seeds_and_files(sim_env: SimServer, capsys, _isolated_home: Path) -> None:
    code = main(["generate", "a red kite", "--count", "3", "--seed", "41", "--json", "--width", "512"])
    out = _json_lines(capsys.readouterr().out)
    assert code == 0
    assert sorted(d["seed"] for d in out) == [41, 42, 43]
    for d in out:
        assert d["status"] == "done" and d["error"] is None
        path = Path(d["path"])
        assert path.is_file() and path.is_relative_to(_isolated_home / "images")
        with Image.open(path) as im:
            assert im.size == (512, 768)


def test_out_folder_gets_copies(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    out_dir = tmp_path / "out"
    assert main(["generate", "kite", "--out", str(out_dir), "--json", "--format", "png"]) == 0
    (d,) = _json_lines(capsys.readouterr().out)
    assert Path(d["path"]).parent == out_dir and d["path"].endswith(".png")


def test_invalid_flags_are_refused_before_sending(sim_env: SimServer, capsys) -> None:
    assert main(["generate", "kite", "--steps", "20", "--width", "1000"]) == 2
    err = capsys.readouterr().err
    assert "error: flux-pro-1.1 does not take 'steps'." in err
    assert "multiple of 32" in err
    assert not [r for r in sim_env.received if r.route == "submit"]


def test_failure_exits_non_zero_with_a_plain_line(sim_env: SimServer, capsys) -> None:
    code = main(["generate", "kite [moderate-request]"])
    captured = capsys.readouterr()
    assert code == 1
    assert "failed:" in captured.err and "moderation" in captured.err


def test_key_goes_only_to_the_api_host_and_never_to_output(sim_env: SimServer, capsys) -> None:
    assert main(["generate", "kite", "--json"]) == 0
    captured = capsys.readouterr()
    assert KEY not in captured.out + captured.err
    for request in sim_env.received:
        auth = request.headers.get("authorization", "")
        assert (KEY in auth) == (request.route in {"submit", "poll"})


def test_image_prompt_from_a_file(sim_env: SimServer, tmp_path: Path, capsys) -> None:
    ref = tmp_path / "ref.png"
    Image.new("RGB", (32, 32), "blue").save(ref)
    assert main(["generate", "kite", "--image-prompt", str(ref), "--json"]) == 0
    (submit,) = [r for r in sim_env.received if r.route == "submit"]
    body = json.loads(submit.body)
    assert base64.b64decode(body["image_prompt"]) == ref.read_bytes()
    Image.open(io.BytesIO(base64.b64decode(body["image_prompt"]))).verify()


def test_unreadable_image_prompt_is_one_sentence(sim_env: SimServer, capsys) -> None:
    assert main(["generate", "kite", "--image-prompt", "/nonexistent/ref.png"]) == 2
    assert "Image prompt: cannot read /nonexistent/ref.png" in capsys.readouterr().err


def test_flags_come_from_the_catalogue() -> None:
    help_text = build_parser()._subparsers._group_actions[0].choices["generate"].format_help()  # type: ignore[union-attr]
    for flag in (
        "--steps",
        "--guidance",
        "--safety",
        "--interval",
        "--upsample",
        "--raw",
        "--format",
        "--aspect-ratio",
        "--image-prompt",
        "--width",
        "--height",
        "--seed",
        "--count",
        "--out",
    ):
        assert flag in help_text


def test_a_closed_pipe_ends_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """`fluxdesk inspect X | head -0`: the reader is gone before the first line is written."""
    import os
    import sys

    image = tmp_path / "plain.png"
    Image.new("RGB", (8, 8)).save(image)
    read_end, write_end = os.pipe()
    os.close(read_end)
    with capsys.disabled(), os.fdopen(write_end, "w", buffering=1) as broken:
        monkeypatch.setattr(sys, "stdout", broken)
        assert main(["inspect", str(image)]) == 141


def test_the_batch_limit_is_the_windows(sim_env: SimServer, capsys) -> None:
    from fluxdesk.draft import MAX_BATCH

    assert main(["generate", "kite", "--count", str(MAX_BATCH + 1)]) == 2
    err = capsys.readouterr().err
    assert f"error: Batch count must be between 1 and {MAX_BATCH}, not {MAX_BATCH + 1}." in err
    assert not [r for r in sim_env.received if r.route == "submit"]


def test_an_unknown_model_is_one_sentence(sim_env: SimServer, capsys) -> None:
    assert main(["generate", "kite", "--model", "flux-9"]) == 2
    assert "error: Unknown model 'flux-9'." in capsys.readouterr().err
