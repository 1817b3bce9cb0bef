"""`fluxdesk history`, run in-process against the test's own FLUXDESK_HOME."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from library_helpers import image_bytes, make_record

from fluxdesk.cli import main
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState


def _home() -> Path:
    return Path(os.environ["FLUXDESK_HOME"])


def _populate() -> list[GenerationRecord]:
    async def build() -> list[GenerationRecord]:
        lib = await Library.open(_home())
        saved = []
        try:
            for i, (prompt, model) in enumerate([
                ("a red kite over the sea", "flux-pro-1.1"),
                ("kites at dusk", "flux-dev"),
                ("portrait of a cat", "flux-dev"),
            ]):
                rec = make_record(prompt, model=model, seed=100 + i, width=64, height=48,
                                  created_at=1000.0 + i, cost=4.0, extra={"api_key": "never-shown"})
                await lib.add_job(rec)
                saved.append(await lib.save_result(rec.id, image_bytes(64, 48, color=(i * 50, 9, 9)),
                                                   width=64, height=48, fmt="png"))
            await lib.add_job(make_record("a kite still pending", status=JobState.PENDING))
        finally:
            await lib.close()
        return saved

    return asyncio.run(build())


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_search_json_finds_what_was_made(capsys: pytest.CaptureFixture[str]) -> None:
    saved = _populate()
    found = _json(capsys, ["history", "--search", "kite sea", "--json"])
    assert isinstance(found, list) and [r["id"] for r in found] == [saved[0].id]
    item = found[0]
    assert item["prompt"] == "a red kite over the sea" and item["seed"] == 100
    assert Path(item["path"]).read_bytes() == image_bytes(64, 48, color=(0, 9, 9))
    assert item["cost"] == 4.0 and item["extra"] == {}
    assert "never-shown" not in json.dumps(found)
    assert len(_json(capsys, ["history", "--search", "kite", "--json"])) == 2  # kite, kites
    assert len(_json(capsys, ["history", "--search", "kit*", "--json"])) == 2
    assert len(_json(capsys, ["history", "--model", "flux-dev", "--json"])) == 2
    assert len(_json(capsys, ["history", "--limit", "1", "--json"])) == 1
    assert len(_json(capsys, ["history", "--all", "--json"])) == 4
    assert _json(capsys, ["history", "--favorites", "--json"]) == []
    assert _json(capsys, ["history", "--search", '"; DROP TABLE generations; --', "--json"]) == []


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    saved = _populate()
    assert main(["history"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:6] == ["ID", "DATE", "MODEL", "SEED", "SIZE", "PROMPT"]
    assert len(out) == 4
    assert out[1].startswith(saved[2].id[:8]) and "64x48" in out[1] and "portrait of a cat" in out[1]
    assert str(_home() / "images") in out[1]


def test_empty_library_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "empty" in captured.err
    assert _json(capsys, ["history", "--json"]) == []


def test_show_by_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    saved = _populate()
    shown = _json(capsys, ["history", "show", saved[1].id[:6], "--json"])
    assert isinstance(shown, dict) and shown["id"] == saved[1].id and shown["params"]["seed"] == 101
    assert main(["history", "show", saved[1].id]) == 0
    text = capsys.readouterr().out
    assert "kites at dusk" in text and "seed=101" in text
    assert main(["history", "show", "zzzz"]) == 1
    assert "No generation" in capsys.readouterr().err


def test_ambiguous_prefix_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    async def build() -> None:
        lib = await Library.open(_home())
        for suffix in ("1", "2"):
            await lib.add_job(make_record("twin", id="abcdef" + suffix * 26, status=JobState.DONE))
        await lib.close()

    asyncio.run(build())
    assert main(["history", "show", "abcd"]) == 1
    assert "matches 2 generations" in capsys.readouterr().err
    assert _json(capsys, ["history", "show", "abcdef1", "--json"])["prompt"] == "twin"


def test_delete_restore_empty_trash(capsys: pytest.CaptureFixture[str]) -> None:
    saved = _populate()
    path = _home() / "images" / saved[0].file
    assert main(["history", "delete", saved[0].id[:8], saved[1].id]) == 0
    assert "2 generation(s) moved to the trash" in capsys.readouterr().err
    assert [r["id"] for r in _json(capsys, ["history", "--json"])] == [saved[2].id]
    assert len(_json(capsys, ["history", "--trash", "--json"])) == 2
    assert path.exists()
    assert main(["history", "restore", saved[1].id[:10]]) == 0
    capsys.readouterr()
    assert main(["history", "empty-trash"]) == 0
    assert "1 generation(s) deleted" in capsys.readouterr().err
    assert not path.exists()
    assert {r["id"] for r in _json(capsys, ["history", "--json"])} == {saved[1].id, saved[2].id}
    assert main(["history", "delete", "nothing-like-this"]) == 1
    capsys.readouterr()


def test_date_range(capsys: pytest.CaptureFixture[str]) -> None:
    _populate()  # made at 1000, 1001, 1002 seconds past the epoch
    since = _json(capsys, ["history", "--since", "1970-01-01T00:16:41+00:00", "--json"])
    assert sorted(r["seed"] for r in since) == [101, 102]
    until = _json(capsys, ["history", "--until", "1970-01-01T00:16:41+00:00", "--json"])
    assert [r["seed"] for r in until] == [100]
    assert _json(capsys, ["history", "--since", "7d", "--json"]) == []  # all made long ago
    assert main(["history", "--since", "last tuesday"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_parse_when_reads_what_people_write() -> None:
    import datetime

    from fluxdesk.library.query import parse_when

    now = datetime.datetime(2026, 11, 23, 15, 30).astimezone()
    midnight = datetime.datetime(2026, 11, 23).astimezone().timestamp()
    assert parse_when("today", now=now) == midnight
    assert parse_when("yesterday", now=now) == midnight - 86400
    assert parse_when("2026-11-23", now=now) == midnight
    assert parse_when("2026-11-23", now=now, end_of_day=True) == midnight + 86400  # "until" a day: all of it
    assert parse_when("7d", now=now) == now.timestamp() - 7 * 86400
    assert parse_when("12h", now=now) == now.timestamp() - 12 * 3600
    assert parse_when("2026-11-23T14:30", now=now, end_of_day=True) == midnight + 14.5 * 3600
    with pytest.raises(ValueError, match="is not a date"):
        parse_when("soon", now=now)


def test_the_table_lines_up_korean_prompts_by_terminal_columns(capsys: pytest.CaptureFixture[str]) -> None:
    from fluxdesk.cli.terminal import display_width

    _populate()

    async def add_korean() -> None:
        lib = await Library.open(_home())
        try:
            rec = make_record("해 질 녘 절벽 위의 등대", model="flux-dev", seed=7, width=64, height=48)
            await lib.add_job(rec)
            await lib.save_result(rec.id, image_bytes(64, 48), width=64, height=48, fmt="png")
        finally:
            await lib.close()

    asyncio.run(add_korean())
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the PATH column starts at the same terminal column on every line, Hangul (two columns each) or not
    starts = {display_width(line[: line.index(str(_home()))]) for line in lines[1:] if str(_home()) in line}
    assert len(starts) == 1
    assert display_width("해 질") == 5 and display_width("é") == 1 and display_width("e\u0301") == 1
