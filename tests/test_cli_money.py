"""The command line and money: per-model help, --dry-run, --max-cost, the daily budget, --out checked
first, `fluxdesk credits`, webhooks. In-process, against a simulator over real sockets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sim_helpers import hook_receiver, wait_until

from fluxdesk.cli import build_parser, main
from fluxdesk.settings import Settings
from fluxdesk.sim.server import SimConfig, SimServer

KEY = "sk-cli-money-canary-0123456789"
SECRET = "whsec-cli-canary-9876543210"


@pytest.fixture
def bfl(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.2, credits=500.0)) as server:
        monkeypatch.setenv("BFL_API_KEY", KEY)
        monkeypatch.setenv("FLUXDESK_PROVIDER", "bfl")
        monkeypatch.setenv("FLUXDESK_API_BASE", server.base_url)
        yield server


@pytest.fixture
def comet(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.2)) as server:
        monkeypatch.setenv("COMETAPI_KEY", KEY)
        monkeypatch.setenv("FLUXDESK_API_BASE", server.base_url)
        yield server


def submits(sim: SimServer) -> list:
    return [r for r in sim.received if r.route == "submit"]


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def generate_help() -> str:
    sub = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    return " ".join(sub.choices["generate"].format_help().split())


def test_help_gives_each_models_own_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "2000")  # no wrapping inside model names
    text = generate_help()
    assert "256..1440, a multiple of 32, default 1024 (flux-pro-1.1, flux-dev, flux-pro)" in text
    assert "64..4096, a multiple of 16, default 1024; open to match the input image (flux-2-pro," in text
    assert "0..6, default 2 (flux-pro-1.1," in text and "0..5, default 2 (flux-2-pro," in text
    assert "--webhook-url URL" in text and "--webhook-secret SECRET" in text
    assert "shell's history: prefer $FLUXDESK_WEBHOOK_SECRET" in text


def test_dry_run_prints_requests_and_estimate_and_sends_nothing(
    bfl: SimServer, tmp_path: Path, capsys
) -> None:
    ref = tmp_path / "ref.png"
    Image.new("RGB", (64, 64), "red").save(ref)
    code = main(["generate", "a kite", "-n", "2", "--image-prompt", str(ref), "--dry-run",
                 "--webhook-url", "https://example.com/hook", "--webhook-secret", SECRET])
    captured = capsys.readouterr()
    assert code == 0
    document = json.loads(captured.out)
    assert document["provider"] == "bfl" and len(document["requests"]) == 2
    params = document["requests"][0]["params"]
    assert params["image_prompt"].startswith("<image data, ") and params["webhook_secret"] == "<hidden>"
    assert params["webhook_url"] == "https://example.com/hook"
    assert document["estimate"]["credits"] == 8.0 and document["estimate"]["per_request"] == [4.0, 4.0]
    assert SECRET not in captured.out + captured.err
    assert "About 8 credits ($0.08) for 2 images, an estimate. Dry run: nothing was sent." in captured.err
    assert bfl.received == []  # not a submit, not even a balance query


def test_max_cost_refuses_before_anything_is_sent(bfl: SimServer, capsys) -> None:
    assert main(["generate", "a kite", "-n", "3", "--max-cost", "10"]) == 2
    err = capsys.readouterr().err
    assert "error: This batch would cost about 12 credits, over the 10 credits of --max-cost; nothing was " \
           "sent." in err
    assert submits(bfl) == []
    assert main(["generate", "a kite", "-n", "3", "--max-cost", "12", "--json"]) == 0
    assert len(submits(bfl)) == 3


def test_the_daily_budget_applies_to_the_command_line(bfl: SimServer, capsys) -> None:
    settings = Settings.load()
    settings.prefs.daily_budget_credits = 10.0
    settings.save()
    assert main(["generate", "a kite", "--json"]) == 0  # 4 credits, recorded as the provider reported
    (first,) = lines(capsys.readouterr().out)
    assert first["cost"] == 4.0
    assert main(["generate", "a kite", "-n", "2"]) == 2  # 4 + 8 > 10
    assert ("error: This batch (about 8 credits) would take today's spend from 4 to 12 credits, over the "
            "daily budget of 10; nothing was sent.") in capsys.readouterr().err
    assert len(submits(bfl)) == 1


@pytest.mark.parametrize("kind", ["a file", "under a file"])
def test_out_is_checked_before_anything_is_sent(bfl: SimServer, tmp_path: Path, capsys, kind: str) -> None:
    blocker = tmp_path / "taken.txt"
    blocker.write_text("not a folder")
    out = blocker if kind == "a file" else blocker / "images"
    assert main(["generate", "a kite", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    expected = "is a file, not a folder" if kind == "a file" else "cannot be created"
    assert f"error: --out {out} {expected}" in err and err.rstrip().endswith("nothing was sent.")
    assert submits(bfl) == []


def test_an_unwritable_out_folder_is_refused_first(bfl: SimServer, tmp_path: Path, capsys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    out = tmp_path / "readonly"
    out.mkdir()

    def refuse(*_a: object, **_k: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    # the tests run as root here, where permission bits do not refuse: refuse the probe itself
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["generate", "a kite", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"error: --out {out} is not writable (Permission denied); nothing was sent." in err
    assert submits(bfl) == []


def test_credits_shows_the_bfl_balance_going_down(bfl: SimServer, capsys) -> None:
    assert main(["credits", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before == {"provider": "bfl", "credits": 500.0, "usd": 5.0, "message": before["message"]}
    assert main(["generate", "a kite", "-n", "2", "--json"]) == 0
    capsys.readouterr()
    assert main(["credits"]) == 0
    assert capsys.readouterr().out.strip() == "492 credits ($4.92) at Black Forest Labs."


def test_credits_at_cometapi_is_its_plain_sentence(comet: SimServer, capsys) -> None:
    assert main(["credits"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("CometAPI gives its balance only through a separate query service")
    assert KEY not in err
    assert main(["credits", "--json"]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["provider"] == "cometapi" and answer["credits"] is None and "CometAPI" in answer["message"]
    assert [r for r in comet.received if KEY in str(r.path)] == []


def test_credits_without_a_key_says_demo(capsys) -> None:
    assert main(["credits"]) == 1
    assert "no API key is set" in capsys.readouterr().err


def test_webhook_flags_reach_the_provider_and_the_image_is_still_saved_by_polling(
    bfl: SimServer, monkeypatch: pytest.MonkeyPatch, capsys, _isolated_home: Path
) -> None:
    monkeypatch.setenv("FLUXDESK_WEBHOOK_SECRET", SECRET)  # not on the command line
    with hook_receiver() as hooks:
        code = main(["generate", "a kite", "--webhook-url", f"{hooks.url}/done", "--json"])
        (result,) = lines(capsys.readouterr().out)
        (call,) = wait_until(hooks.received)
    assert code == 0 and result["status"] == "done" and Path(result["path"]).is_file()
    (submit,) = submits(bfl)
    body = json.loads(submit.body)
    assert body["webhook_url"] == f"{hooks.url}/done" and body["webhook_secret"] == SECRET
    assert call.path == "/done" and call.headers["x-webhook-secret"] == SECRET
    assert json.loads(call.body)["status"] == "Ready"
    assert any(r.route == "poll" for r in bfl.received)  # saved by polling, not by the hook
    database = (_isolated_home / "library.sqlite3").read_bytes()
    assert SECRET.encode() not in database and b"/done" not in database  # never recorded
