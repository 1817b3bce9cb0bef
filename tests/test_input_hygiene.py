"""What comes in and what goes out: input images verified before anything is sent, terminal-safe text
from the library and from files, inspect that never waits on a FIFO, symbol-only searches."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import saved_library
from library_helpers import image_bytes, make_record
from PIL import Image, PngImagePlugin

from fluxdesk.cli import main
from fluxdesk.cli.export import report
from fluxdesk.cli.terminal import dumps, printable
from fluxdesk.draft.inputs import ImageSource
from fluxdesk.draft.loader import ImageLoadError, load_image
from fluxdesk.library.export import ExportFailure, ExportResult
from fluxdesk.library.library import Library
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import JobState

HOSTILE_PROMPT = "a fox \x1b]52;c;ZXZpbA==\x07 in \x1b[2J snow \x9b31m \u202eevil\u202c end"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` (the pixels never follow)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


# ---- input images --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: Path("/etc/passwd"), "not an image"),
        (lambda p: (p / "fake.png").write_text("not a picture at all") and p / "fake.png", "not an image"),
        (lambda p: _save(p / "anim.gif", "GIF"), "not an image fluxdesk can send"),
        (lambda p: _save(p / "old.bmp", "BMP"), "not an image fluxdesk can send"),
        (lambda p: _write(p / "truncated.png", image_bytes(256, 256)[:300]), "may be damaged"),
        (lambda p: _write(p / "huge.png", _png_header_only(9000, 9000)), "megapixels"),
        (lambda p: _write(p / "bomb.png", _png_header_only(40_000, 40_000)), "too many pixels"),
        (lambda p: p, "folder"),
    ],
    ids=["etc-passwd", "text", "gif", "bmp", "truncated", "81-megapixels", "bomb", "folder"],
)
def test_anything_but_an_image_the_providers_take_is_refused_in_one_sentence(
    tmp_path: Path, make, words: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(ImageLoadError) as caught:
        load_image(ImageSource.file(path))
    assert words in str(caught.value) and "\n" not in str(caught.value)


def _save(path: Path, fmt: str) -> Path:
    Image.new("RGB", (32, 32), (1, 2, 3)).save(path, fmt)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "ref.png"
    os.mkfifo(fifo)
    with pytest.raises(ImageLoadError, match="pipe"):
        load_image(ImageSource.file(fifo))


def test_a_file_over_20_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with open(big, "wb") as fh:
        fh.truncate(21 << 20)  # sparse: nothing to read, only its size
    with pytest.raises(ImageLoadError, match="too big"):
        load_image(ImageSource.file(big))


def test_inline_data_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError):
        load_image(ImageSource.inline("this is %% not base64"))
    with pytest.raises(ImageLoadError):
        load_image(ImageSource.inline(base64.b64encode(b"root:x:0:0:root:/root:/bin/sh").decode()))
    good = load_image(ImageSource.inline(base64.b64encode(image_bytes(30, 20)).decode()))
    assert good.size == (30, 20)


def test_a_real_image_loads(tmp_path: Path) -> None:
    loaded = load_image(ImageSource.file(_write(tmp_path / "ok.jpg", image_bytes(80, 60, "JPEG"))))
    assert loaded.size == (80, 60) and loaded.preview


def test_generate_with_etc_passwd_sends_and_stores_nothing(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sim: Any
) -> None:
    monkeypatch.setenv("COMETAPI_KEY", "sk-inputs-0123456789abcdef")
    monkeypatch.setenv("FLUXDESK_API_BASE", sim.base_url)
    for flag, model in (("--image-prompt", "flux-pro-1.1"), ("--input-image", "flux-kontext-pro")):
        assert main(["generate", "a fox", "--model", model, flag, "/etc/passwd"]) == 2
        err = capsys.readouterr().err
        assert "passwd is not an image" in err and "Traceback" not in err
    assert sim.received == [], "nothing reached the provider"
    db = _isolated_home / "library.sqlite3"
    assert not db.exists() or b"root:" not in db.read_bytes()


# ---- text on its way to a terminal --------------------------------------------------------------------


def test_printable_shows_every_control_as_an_escape() -> None:
    text = printable(HOSTILE_PROMPT)
    assert not any(ch in text for ch in RAW)
    assert "\\x1b]52;c;ZXZpbA==\\x07" in text and "\\x9b" in text and "\\u202e" in text
    assert printable("line one\nline two\ttab", multiline=True) == "line one\nline two\ttab"
    assert printable("a\nb") == "a\\nb"
    assert printable("émoji 🦊 and 東京 stay") == "émoji 🦊 and 東京 stay"
    assert json.loads(dumps({"p": HOSTILE_PROMPT})) == {"p": HOSTILE_PROMPT}
    assert not any(ch in dumps({"p": HOSTILE_PROMPT}) for ch in RAW)


def _hostile_library(home: Path) -> str:
    async def build() -> str:
        async with await Library.open(home) as lib:
            record = make_record(HOSTILE_PROMPT, width=64, height=48, status=JobState.DOWNLOADING)
            await lib.add_job(record)
            await lib.save_result(record.id, image_bytes(), width=64, height=48, fmt="png")
            await lib.update_job(record.id, error="failed \x1b[31mred\x1b[0m")
            return record.id

    return asyncio.run(build())


@pytest.mark.parametrize(
    "argv",
    [["history"], ["history", "--json"], ["history", "--all"], ["history", "show", "{id}"],
     ["history", "show", "{id}", "--json"]],
)
def test_history_never_sends_a_prompts_escape_sequences_raw(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    job_id = _hostile_library(_isolated_home)
    assert main([a.replace("{id}", job_id[:8]) for a in argv]) == 0
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "fox" in out
    assert not any(ch in out for ch in RAW), repr(out)


def test_inspect_never_sends_a_files_escape_sequences_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", f"{HOSTILE_PROMPT}\nSteps: 20, Sampler: flux, Seed: 5, Model: flux-dev")
    path = tmp_path / "hostile.png"
    Image.new("RGB", (16, 16)).save(path, "PNG", pnginfo=info)
    for argv in (["inspect", str(path)], ["inspect", str(path), "--json"]):
        assert main(argv) == 0
        captured = capsys.readouterr()
        assert "fox" in captured.out
        assert not any(ch in captured.out + captured.err for ch in RAW)


def test_export_summaries_are_terminal_safe(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    result = ExportResult(total=1, errors=[ExportFailure("x" * 32, f"Could not write {HOSTILE_PROMPT}.png")])
    report(result, sys.stdout, sys.stderr, as_json=False)
    report(result, sys.stdout, sys.stderr, as_json=True)
    captured = capsys.readouterr()
    assert "fox" in captured.err and not any(ch in captured.out + captured.err for ch in RAW)


@pytest.mark.parametrize(
    "make", [lambda p: os.mkfifo(p / "x.png") or p / "x.png", lambda p: p, lambda p: Path("/dev/zero")],
    ids=["fifo", "folder", "device"],
)
def test_inspect_refuses_anything_but_a_regular_file_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make
) -> None:
    path = make(tmp_path)
    assert main(["inspect", str(path)]) == 1
    err = capsys.readouterr().err
    assert "fluxdesk reads settings only from files" in err and "Traceback" not in err


# ---- an original of the library recalled ---------------------------------------------------------------


def test_inspect_finds_an_original_by_its_bytes_then_by_its_sidecar(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (saved,) = asyncio.run(saved_library(_isolated_home, 1))
    image = _isolated_home / "images" / (saved.file or "")
    assert main(["inspect", str(image), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["source"] == "library" and found["prompt"] == saved.prompt and found["model"] == saved.model
    assert found["params"]["seed"] == saved.seed
    copy = _isolated_home.parent / "elsewhere"
    copy.mkdir()
    (copy / image.name).write_bytes(image.read_bytes())
    for name in ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"):
        (_isolated_home / name).unlink(missing_ok=True)
    assert main(["inspect", str(image)]) == 0
    assert "the sidecar saved beside the image" in capsys.readouterr().out
    assert main(["inspect", str(copy / image.name)]) == 1, "a copy without library or sidecar carries nothing"
    assert "carries no generation settings" in capsys.readouterr().out


# ---- searching for symbols --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_emoji_alone_finds_the_prompts_that_hold_it_and_places_them_alike(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "home") as lib:
        prompts = ["a fox 🦊 in snow", "a cat 🐱", "a plain dog", "two foxes 🦊🦊", "arrows → left"]
        records = []
        for i, prompt in enumerate(prompts):
            records.append(await lib.add_job(make_record(prompt, status=JobState.DONE, created_at=1e3 + i)))
        foxes = ["two foxes 🦊🦊", "a fox 🦊 in snow"]
        # "fox" is inside "foxes": a word is found inside longer ones
        cases = (("🦊", foxes), ("→", ["arrows → left"]), ("🦊*", foxes), ("fox 🦊", foxes),
                 ("🦊🦊", ["two foxes 🦊🦊"]), ("🐢", []))
        for text, expected in cases:
            q = HistoryQuery(text=text)
            found = [r.prompt for r in await lib.query(q)]
            assert found == expected, text
            assert await lib.count(q) == len(expected)
            places = await lib.placements(q, [r.id for r in records])
            assert sorted(p for p in places.values() if p is not None) == list(range(len(expected)))
