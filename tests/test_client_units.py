"""Unit tests of the client's pure parts: retry arithmetic, status reading, error bodies, scrubbing, images.

No sockets here; the simulator tests (test_client_sim.py) cover the HTTP paths.
"""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from PIL import Image

from fluxdesk.api.client import field_errors, scrub, verify_image
from fluxdesk.api.errors import (
    ContentModerated,
    CorruptImage,
    GenerationFailed,
    InvalidResponse,
    RequestModerated,
    TaskNotFound,
)
from fluxdesk.api.polling import PollSchedule, normalise_progress, parse_status, terminal_error
from fluxdesk.api.retry import PollPolicy, RetryPolicy, backoff_delay, parse_retry_after, retry_wait
from fluxdesk.api.types import TaskStatus

KEY = "sk-unit-SECRET-0123456789"


class FixedRandom(random.Random):
    def __init__(self, value: float) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


def _image(fmt: str = "PNG", size: tuple[int, int] = (48, 32)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 90)).save(buf, fmt)
    return buf.getvalue()


# ---- retry arithmetic ---------------------------------------------------------------------------------


def test_backoff_grows_exponentially_and_is_capped() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0, jitter=0.5)
    no_jitter = FixedRandom(0.0)
    assert [backoff_delay(policy, n, no_jitter) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


def test_jitter_only_shortens_a_delay() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0, jitter=0.5)
    rng = random.Random(7)
    for n in range(1, 10):
        full = min(8.0, 2.0 ** (n - 1))
        for _ in range(50):
            assert full * 0.5 <= backoff_delay(policy, n, rng) <= full


def test_huge_failure_counts_do_not_overflow() -> None:
    assert backoff_delay(RetryPolicy(max_delay=3.0), 10_000, FixedRandom(0.0)) == 3.0


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("3", 3.0),
        (" 1.5 ", 1.5),
        ("0", 0.0),
        ("-4", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("nan", None),
    ],
)
def test_retry_after_seconds(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    header = format_datetime(datetime.fromtimestamp(now + 7, tz=UTC), usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(7.0, abs=1.0)


def test_retry_after_is_a_floor_and_too_long_means_give_up() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=10.0)
    assert retry_wait(policy, 1, FixedRandom(0.0), 3.0) == 3.0
    assert retry_wait(policy, 4, FixedRandom(0.0), 1.0) == 4.0  # backoff longer than asked: backoff
    assert retry_wait(policy, 1, FixedRandom(0.0), 60.0) is None


# ---- statuses -------------------------------------------------------------------------------------------


def _scrub(text: str) -> str:
    return scrub(text, KEY)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.25, 0.25), (40, 0.4), (100, 1.0), (None, None), ("x", None), (True, None), (-3, 0.0), (250, 1.0)],
)
def test_progress_is_normalised(value: object, expected: float | None) -> None:
    assert normalise_progress(value) == expected


def test_parse_status_ready_needs_a_sample() -> None:
    status = parse_status(
        "t", {"id": "t", "status": "Ready", "result": {"sample": "https://d/x.png", "seed": 4}}
    )
    assert status.is_ready and status.sample_url == "https://d/x.png" and status.result["seed"] == 4
    with pytest.raises(InvalidResponse):
        parse_status("t", {"id": "t", "status": "Ready", "result": {}})


@pytest.mark.parametrize("data", [None, [], "Pending", {"id": "t"}, {"status": 3}, {"status": " "}])
def test_parse_status_rejects_unreadable_replies(data: object) -> None:
    with pytest.raises(InvalidResponse):
        parse_status("t", data)


def test_unknown_status_is_kept_and_is_not_terminal() -> None:
    status = parse_status("t", {"status": "Reasoning", "progress": None})
    assert status.status == "Reasoning" and not status.is_terminal
    assert terminal_error(status, _scrub) is None
    assert parse_status("t", {"status": "ready ", "result": {"sample": "u"}}).is_ready


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        ("Request Moderated", RequestModerated, "refused by moderation"),
        ("Content Moderated", ContentModerated, "withheld by moderation"),
        ("Error", GenerationFailed, "failed to generate"),
        ("Failed", GenerationFailed, "failed to generate"),
        ("Task not found", TaskNotFound, "no longer knows"),
    ],
)
def test_terminal_statuses_map_to_typed_errors(status: str, error: type, words: str) -> None:
    found = terminal_error(TaskStatus("t1", status, details={"reason": f"flagged, key {KEY}"}), _scrub)
    assert isinstance(found, error)
    assert words in str(found)
    assert KEY not in str(found) and KEY not in repr(found) and KEY not in (found.details or "")
    assert str(found).count("\n") == 0


def test_moderation_details_are_shown() -> None:
    found = terminal_error(
        TaskStatus("t1", "Request Moderated", details={"Moderation Reasons": ["Derivative Works"]}), _scrub
    )
    assert "Derivative Works" in str(found)


def test_poll_schedule_is_steady_first_then_grows() -> None:
    schedule = PollSchedule(PollPolicy(), 600.0, lambda: 0.0)  # the defaults: 0.5 s for 2 s, then growing
    waits = [schedule.next_wait() for _ in range(6)]
    assert waits[:4] == [0.5, 0.5, 0.5, 0.5]  # a 2 s task is seen ready at 2.0 s, not 2.5 s
    assert waits[4] == pytest.approx(0.575) and waits[5] == pytest.approx(0.575 * 1.15)


def test_poll_schedule_grows_and_stops_at_the_deadline() -> None:
    schedule = PollSchedule(
        PollPolicy(interval=0.5, max_interval=2.0, backoff=2.0, deadline=5.0, steady=0.0), 5.0, lambda: 0.0
    )
    waits = []
    while (wait := schedule.next_wait()) is not None:
        waits.append(wait)
    assert waits[:3] == [0.5, 1.0, 2.0]
    assert max(waits) <= 2.0
    assert sum(waits) == pytest.approx(5.0)


# ---- error bodies and scrubbing ----------------------------------------------------------------------------


def test_field_errors_cometapi_shape() -> None:
    body = {
        "error": {
            "message": "width must be a multiple of 32",
            "type": "invalid_request_error",
            "param": "width",
            "code": None,
        }
    }
    errors = field_errors(body, _scrub)
    assert [(e.field, e.message) for e in errors] == [("width", "width must be a multiple of 32.")]


def test_field_errors_bfl_shapes() -> None:
    body = {
        "detail": [
            {
                "loc": ["body", "height"],
                "msg": "Input should be less than or equal to 1440",
                "type": "less_than_equal",
            },
            {"loc": ["body"], "msg": "Bad body"},
        ]
    }
    errors = field_errors(body, _scrub)
    assert errors[0].field == "height" and "less than or equal to 1440" in errors[0].message
    assert errors[0].message.startswith("height: ")
    assert errors[1].field == ""
    assert [e.message for e in field_errors({"detail": "Not enough credits"}, _scrub)] == [
        "Not enough credits."
    ]
    assert field_errors("<html>", _scrub) == [] and field_errors({"other": 1}, _scrub) == []


def test_scrub_removes_the_key_in_every_form() -> None:
    text = f"bad key {KEY}; Authorization: Bearer {KEY}x\n x-key: {KEY}"
    out = scrub(text, KEY)
    assert KEY not in out and "\n" not in out and "[redacted]" in out
    assert "Bearer abc.def" not in scrub("Authorization: Bearer abc.def", None)
    assert len(scrub("x" * 5000, KEY)) <= 300


# ---- images ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp")])
def test_verify_accepts_whole_images_and_keeps_the_bytes(fmt: str, name: str) -> None:
    data = _image(fmt)
    image = verify_image(data, (48, 32), "image/x")
    assert image.data is data and image.size == (48, 32) and image.format == name


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_verify_rejects_truncated_images(fmt: str) -> None:
    data = _image(fmt, (256, 256))
    with pytest.raises(CorruptImage):
        verify_image(data[: len(data) // 2])


def test_verify_rejects_garbage_wrong_size_and_other_formats() -> None:
    with pytest.raises(CorruptImage):
        verify_image(b"")
    with pytest.raises(CorruptImage):
        verify_image(b"\x00" * 300)
    with pytest.raises(CorruptImage, match="48x32, not the 64x64"):
        verify_image(_image(), (64, 64))
    with pytest.raises(CorruptImage, match="GIF"):
        verify_image(_image("GIF"))


def test_verify_rejects_decompression_bombs() -> None:
    # a tiny PNG whose header claims 100000 x 100000 pixels
    data = _image("PNG", (8, 8))
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    forged = data[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]
    with pytest.raises(CorruptImage):
        verify_image(forged)


def test_verify_ignores_a_global_load_truncated_images_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = _image("PNG", (256, 256))
    with pytest.raises(CorruptImage):
        verify_image(data[: len(data) // 2])


def test_a_png_with_one_pixel_byte_changed_in_transit_is_refused() -> None:
    # PNGs are checked by their chunks' CRCs rather than decoded: a flipped byte inside the pixel data
    # (IDAT) must still be caught
    data = bytearray(_image("PNG", (64, 64)))
    at = data.index(b"IDAT") + 20
    data[at] ^= 0xFF
    with pytest.raises(CorruptImage):
        verify_image(bytes(data))
