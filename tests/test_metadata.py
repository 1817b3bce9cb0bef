"""Metadata: what is written, A1111 recall, and hostile files refused with a message (never a crash)."""

from __future__ import annotations

import io
import json
import random
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile, PngImagePlugin

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.request import build_request
from fluxdesk.library.metadata import (
    DIGITAL_SOURCE_COMPOSITE,
    JPEG_XMP_LIMIT,
    MetadataError,
    MetadataMode,
    Redactor,
    build_metadata,
    pillow_save_args,
)
from fluxdesk.library.recall import RecalledSettings, read_metadata
from fluxdesk.library.records import GenerationRecord, JobState


def png_chunk(ctype: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data) & 0xFFFFFFFF)
    )


def raw_png(width: int = 2, height: int = 2, extra: bytes = b"", idat: bytes | None = None) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if idat is None:
        idat = zlib.compress(b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + extra
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def save(im: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kwargs)
    return buf.getvalue()


def record(
    catalog: Catalog,
    model: str = "flux-dev",
    prompt: str = "a fox",
    params: dict | None = None,
) -> GenerationRecord:
    req = build_request(catalog, model, prompt, {"seed": 7, **(params or {})}, rng=random.Random(0))
    return GenerationRecord(
        id="ab" * 16, provider="cometapi", model=model, request=req, status=JobState.DONE, width=64, height=64
    )


def exported(catalog: Catalog, fmt: str, mode: str = "full", **kw: object) -> bytes:
    meta = build_metadata(record(catalog, **kw), mode, catalog=catalog)
    return save(
        Image.new("RGB", (8, 8), "white"),
        {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[fmt],
        **pillow_save_args(fmt, meta),
    )


# ---- A1111 -----------------------------------------------------------------------------------------


def a1111_png(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", text)
    return save(Image.new("RGB", (4, 4)), "PNG", pnginfo=info)


def test_a1111_parameters_fill_what_maps_and_list_what_was_skipped(catalog: Catalog) -> None:
    text = (
        "a castle on a hill\nat night\nNegative prompt: blurry, ugly\n"
        "Steps: 20, Sampler: Euler a, CFG scale: 3.5, Seed: 1234, Size: 832x1216, Model hash: abc123, "
        'Model: flux-dev, Denoising strength: 0.4, Lora hashes: "x: 1, y: 2"'
    )
    r = read_metadata(a1111_png(text), catalog=catalog)
    assert r.source == "a1111"
    assert r.model == "flux-dev"
    assert r.prompt == "a castle on a hill\nat night"
    assert r.params == {"steps": 20, "guidance": 3.5, "seed": 1234, "width": 832, "height": 1216}
    joined = " ".join(r.skipped)
    for word in ("Negative prompt", "Sampler", "Model hash", "Denoising strength", "Lora hashes"):
        assert word in joined
    req = r.to_request(catalog, notes=[])
    assert (req.model, req.seed, req.size, req.params["steps"]) == ("flux-dev", 1234, (832, 1216), 20)


def test_a1111_with_unknown_model_keeps_the_prompt(catalog: Catalog) -> None:
    r = read_metadata(
        a1111_png("a cat\nSteps: 30, CFG scale: 7, Seed: 5, Size: 512x512, Model: sdxl_base"), catalog=catalog
    )
    assert r.model is None and r.prompt == "a cat" and r.params["seed"] == 5
    assert any("sdxl_base" in s for s in r.skipped)
    with pytest.raises(Exception) as info:
        r.to_request(catalog)
    assert "no model" in str(info.value)


def test_to_request_drops_invalid_values_with_a_note(catalog: Catalog) -> None:
    r = RecalledSettings(
        model="flux-dev", prompt="x", params={"steps": 500, "guidance": 3.0, "raw": True}, source="a1111"
    )
    notes: list[str] = []
    req = r.to_request(catalog, notes)
    assert req.params["steps"] == 28 and req.params["guidance"] == 3.0
    assert any(n.startswith("steps:") for n in notes) and any(n.startswith("raw:") for n in notes)


def test_a1111_only_text_is_read_from_jpeg_user_comment(catalog: Catalog) -> None:
    data = exported(catalog, "jpeg", prompt="ünïcode ✓ fox")
    im = Image.open(io.BytesIO(data))
    comment = im.getexif().get_ifd(0x8769)[0x9286]
    assert comment.startswith(b"UNICODE\x00")
    # strip the XMP: recall falls back to the EXIF parameters text
    exif = im.getexif()
    plain = save(Image.new("RGB", (8, 8)), "JPEG", exif=exif)
    r = read_metadata(plain, catalog=catalog)
    assert (
        r.source == "a1111"
        and r.prompt == "ünïcode ✓ fox"
        and r.model == "flux-dev"
        and r.params["seed"] == 7
    )


def test_ascii_user_comment_prefix(catalog: Catalog) -> None:
    data = exported(catalog, "webp", prompt="plain ascii")
    comment = Image.open(io.BytesIO(data)).getexif().get_ifd(0x8769)[0x9286]
    assert comment.startswith(b"ASCII\x00\x00\x00")


def test_composite_label_when_an_input_image_was_used(catalog: Catalog) -> None:
    blob = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    data = exported(catalog, "webp", model="flux-kontext-pro", params={"input_image": blob})
    assert read_metadata(data, catalog=catalog).ai_label == DIGITAL_SOURCE_COMPOSITE


def test_jpeg_xmp_fits_one_segment_with_a_huge_prompt(catalog: Catalog) -> None:
    data = exported(catalog, "jpeg", prompt="&<>" * 3000)
    r = read_metadata(data, catalog=catalog)
    assert r.prompt == "&<>" * 3000 and r.model == "flux-dev"
    assert len(Image.open(io.BytesIO(data)).info["xmp"]) <= JPEG_XMP_LIMIT


def test_redactor_catches_env_keys_and_key_shapes() -> None:
    red = Redactor(["given-secret-123"], env={"COMETAPI_KEY": "envkey-abcdefgh", "BFL_API_KEY": "demo"})
    out = red.text("given-secret-123 envkey-abcdefgh demo sk-abcdefghijklmnopqrstuvwxyz Bearer tok.en-12345")
    assert "given-secret" not in out and "envkey" not in out and "sk-abc" not in out and "tok.en" not in out
    assert "demo" in out  # short values are not treated as keys


def test_none_mode_writes_nothing() -> None:
    assert pillow_save_args("png", build_metadata(record(default_catalog()), MetadataMode.NONE)) == {}


# ---- hostile files -----------------------------------------------------------------------------------


def assert_refused(data: bytes, *words: str) -> None:
    with pytest.raises(MetadataError) as info:
        read_metadata(data)
    text = str(info.value)
    assert text.endswith(".") and "\n" not in text
    for w in words:
        assert w in text


def test_huge_text_chunk_is_refused() -> None:
    assert_refused(raw_png(extra=png_chunk(b"tEXt", b"parameters\x00" + b"A" * (2 << 20))), "text chunk")


def test_many_text_chunks_are_refused() -> None:
    chunk = png_chunk(b"tEXt", b"k\x00" + b"A" * (900 << 10))
    assert_refused(raw_png(extra=chunk * 10), "more text")


def test_compressed_text_bomb_is_refused() -> None:
    bomb = b"parameters\x00\x00" + zlib.compress(b"A" * (50 << 20), 9)
    assert_refused(raw_png(extra=png_chunk(b"zTXt", bomb)))


def test_decompression_bombs_are_refused() -> None:
    assert_refused(raw_png(100_000, 100_000, idat=zlib.compress(b"")), "decompression bomb")
    assert_refused(raw_png(10_000, 10_000, idat=zlib.compress(b"")), "decompression bomb")


def test_bad_crc_and_truncated_files_are_refused() -> None:
    good = a1111_png("x\nSteps: 1, Seed: 2")
    assert_refused(good[:40])
    broken = bytearray(good)
    broken[29] ^= 0xFF  # inside IHDR: its CRC no longer matches
    assert_refused(bytes(broken))


def test_random_bytes_and_empty_files_are_refused() -> None:
    assert_refused(b"", "empty")
    assert_refused(b"hello, world", "not a PNG")
    assert_refused(b"{not json", "JSON")
    assert_refused(b'{"format": 1}', "sidecar")


def test_bad_exif_is_skipped_with_a_message() -> None:
    jpeg = save(Image.new("RGB", (4, 4)), "JPEG")
    garbage = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\x00\x01" * 40
    segment = b"\xff\xe1" + struct.pack(">H", len(garbage) + 2) + garbage
    data = jpeg[:2] + segment + jpeg[2:]
    r = read_metadata(data)
    assert r.source == "none"
    assert any("EXIF" in s for s in r.skipped)


def test_entity_expansion_in_xmp_is_skipped() -> None:
    xmp = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">&lol2;</x:xmpmeta>'
    )
    data = save(Image.new("RGB", (4, 4)), "WEBP", xmp=xmp.encode())
    r = read_metadata(data)
    assert any("DOCTYPE" in s for s in r.skipped)


def test_malformed_fluxdesk_json_falls_back_with_a_note() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("fluxdesk", '{"request": {"model": 5}')
    info.add_text("parameters", "a fox\nSteps: 12, Seed: 3, Model: flux-dev")
    r = read_metadata(save(Image.new("RGB", (4, 4)), "PNG", pnginfo=info))
    assert r.source == "a1111" and r.params == {"steps": 12, "seed": 3}
    assert any("malformed" in s for s in r.skipped)


def test_pillow_limits_are_left_alone() -> None:
    before = (PngImagePlugin.MAX_TEXT_CHUNK, PngImagePlugin.MAX_TEXT_MEMORY, Image.MAX_IMAGE_PIXELS)
    read_metadata(raw_png())
    assert before == (PngImagePlugin.MAX_TEXT_CHUNK, PngImagePlugin.MAX_TEXT_MEMORY, Image.MAX_IMAGE_PIXELS)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def _recall_never_crashes(data: bytes) -> None:
    try:
        result = read_metadata(data)
    except MetadataError as exc:
        assert str(exc)
    else:
        assert result.source in ("fluxdesk", "a1111", "none")
        json.dumps(result.to_dict())


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash(data: bytes) -> None:
    _recall_never_crashes(data)


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(["png", "jpeg", "webp"]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(0, 10**6),
)
def test_damaged_exports_never_crash(fmt: str, flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(exported(default_catalog(), fmt, prompt="a damaged fox"))
    for pos, value in flips:
        data[pos % len(data)] = value
    _recall_never_crashes(bytes(data))
    _recall_never_crashes(bytes(data[: cut % len(data)]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_a1111_text_never_crashes(text: str) -> None:
    r = read_metadata(a1111_png(text))
    assert r.source in ("a1111", "none")
    try:
        r.to_request(default_catalog(), notes=[])
    except Exception as exc:
        assert type(exc).__name__ == "InvalidRequest"


@settings(max_examples=50, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
        max_leaves=20,
    )
)
def test_any_fluxdesk_json_never_crashes(doc: object) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("fluxdesk", json.dumps({"request": doc}))
    _recall_never_crashes(save(Image.new("RGB", (2, 2)), "PNG", pnginfo=info))
    _recall_never_crashes(json.dumps({"request": doc}).encode())
