"""Export: formats, metadata round trip for every model, names, collisions, errors, cancel, secrets."""

from __future__ import annotations

import asyncio
import base64
import errno
import hashlib
import io
import os
import random
import threading
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.api.catalog import Catalog, Kind, default_catalog
from fluxdesk.api.errors import InvalidRequest
from fluxdesk.api.request import build_request
from fluxdesk.library import export as export_mod
from fluxdesk.library.export import (
    ExportFormat,
    ExportOptions,
    ExportOptionsError,
    export_records,
    export_records_async,
)
from fluxdesk.library.metadata import (
    DIGITAL_SOURCE_COMPOSITE,
    DIGITAL_SOURCE_TRAINED,
)
from fluxdesk.library.naming import NameTemplateError
from fluxdesk.library.recall import read_metadata
from fluxdesk.library.records import GenerationRecord, JobState

CANARY = "sk-canary-0123456789abcdefghijklmnop"


def tiny_png_b64() -> str:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 30)).save(buf, "PNG")
    return base64.b64encode(buf.getvalue()).decode()


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 40, 90) if mode == "RGB" else (200, 40, 90, 128)).save(
        buf, {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[fmt]
    )
    return buf.getvalue()


def make_record(
    images_dir: Path,
    catalog: Catalog,
    model: str = "flux-dev",
    prompt: str = "a lighthouse at dusk, oil on canvas",
    params: dict | None = None,
    *,
    seed: int = 123456,
    name: str | None = None,
    fmt: str | None = None,
    size: tuple[int, int] = (64, 48),
) -> GenerationRecord:
    spec = catalog.get(model)
    given = {"seed": seed, **(params or {})}
    for p in spec.params:
        if p.kind is Kind.IMAGE and p.required and p.name not in given:
            given[p.name] = tiny_png_b64()
    request = build_request(catalog, model, prompt, given, rng=random.Random(0))
    fmt = fmt or request.output_format
    data = image_bytes(fmt, size)
    rid = hashlib.sha256(f"{model}{prompt}{seed}{name}".encode()).hexdigest()[:32]
    file = f"{name or rid}.{'jpg' if fmt == 'jpeg' else fmt}"
    (images_dir / file).write_bytes(data)
    return GenerationRecord(
        id=rid,
        provider="cometapi",
        model=model,
        request=request,
        status=JobState.DONE,
        created_at=1_700_000_000.0,
        file=file,
        width=size[0],
        height=size[1],
        format=fmt,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


@pytest.fixture
def images_dir(tmp_path: Path) -> Path:
    d = tmp_path / "images"
    d.mkdir()
    return d


FORMATS = ["png", "jpeg", "webp", "original"]


def _model_params(catalog: Catalog, model: str) -> dict:
    """Non-default but valid values where a model allows, and every image parameter filled."""
    spec = catalog.get(model)
    params: dict = {}
    for p in spec.params:
        if p.kind is Kind.IMAGE:
            params[p.name] = tiny_png_b64()
        elif p.name == "aspect_ratio":
            params[p.name] = "3:2"
        elif p.name == "safety_tolerance":
            params[p.name] = 3
        elif p.name == "steps":
            params[p.name] = int(p.minimum or 1) + 1
        elif p.name == "left":
            params[p.name] = 64  # expand needs one side
    return params


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("model", default_catalog().ids)
def test_export_then_recall_gives_back_every_parameter(
    images_dir: Path, tmp_path: Path, catalog: Catalog, model: str, fmt: str
) -> None:
    record = make_record(
        images_dir,
        catalog,
        model,
        'a "quoted", colon: prompt\nsecond line ünï ✓',
        _model_params(catalog, model),
    )
    result = export_records(
        [record], images_dir, ExportOptions(to=tmp_path / "out", format=fmt, sidecar=True)
    )
    assert result.ok, result.errors
    (written,) = result.written
    image_names = {p.name for p in catalog.get(model).params if p.kind is Kind.IMAGE}
    expected = {k: v for k, v in record.request.params.items() if k not in image_names}
    sources = [written.sidecar] if fmt == "original" else [written.path, written.sidecar]
    for source in sources:
        recalled = read_metadata(source, catalog=catalog)
        assert recalled.source == "fluxdesk"
        assert recalled.model == model
        assert recalled.prompt == record.prompt
        assert recalled.params == expected
        for name in image_names:
            assert any(f"({name})" in s for s in recalled.skipped), recalled.skipped
        if any(catalog.get(model).param(n).required for n in image_names):
            with pytest.raises(InvalidRequest):  # the file cannot carry the image the model needs
                recalled.to_request(catalog, notes=[])
        else:
            # what the file carries, validated as any request is: without the images, a setting that
            # needs one (image_prompt_strength) is dropped and an edit's open size gets the default
            remade = build_request(catalog, model, record.prompt, expected).params
            assert recalled.to_request(catalog, notes=[]).params == remade
    if fmt != "original":
        recalled = read_metadata(written.path, catalog=catalog)
        assert recalled.ai_label == (DIGITAL_SOURCE_COMPOSITE if image_names else DIGITAL_SOURCE_TRAINED)
        assert recalled.creator and recalled.creator.startswith("fluxdesk ")
        with Image.open(written.path) as im:
            im.load()
            assert im.format == {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[fmt]


def test_input_image_blobs_are_not_embedded(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    blob = tiny_png_b64()
    record = make_record(images_dir, catalog, "flux-kontext-pro", "edit", {"input_image": blob})
    result = export_records(
        [record], images_dir, ExportOptions(to=tmp_path / "o", format="png", sidecar=True)
    )
    data = result.written[0].path.read_bytes() + result.written[0].sidecar.read_bytes()
    assert blob.encode() not in data
    assert blob[:24].encode() not in data
    assert b"<image sha256:" in data


def test_original_copies_bytes_unchanged_and_never_touches_the_library(
    images_dir: Path, tmp_path: Path, catalog: Catalog
) -> None:
    records = [make_record(images_dir, catalog, seed=s, fmt="jpeg") for s in (1, 2)]
    before = {p.name: p.read_bytes() for p in images_dir.iterdir()}
    result = export_records(records, images_dir, ExportOptions(to=tmp_path / "o", format="original"))
    assert result.ok
    for rec, written in zip(records, result.written, strict=True):
        assert written.path.read_bytes() == (images_dir / rec.file).read_bytes()
        assert written.path.suffix == ".jpg"
    for fmt in ("png", "webp", "jpeg"):
        export_records(records, images_dir, ExportOptions(to=tmp_path / fmt, format=fmt, max_size=10))
    assert {p.name: p.read_bytes() for p in images_dir.iterdir()} == before


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp"])
def test_metadata_none_leaves_no_prompt_seed_or_model(
    images_dir: Path, tmp_path: Path, catalog: Catalog, fmt: str
) -> None:
    record = make_record(images_dir, catalog, "flux-dev", "zebracorn prompt", seed=987654321, fmt="png")
    result = export_records(
        [record], images_dir, ExportOptions(to=tmp_path / "o", format=fmt, metadata="none", name="{n}")
    )
    data = result.written[0].path.read_bytes()
    for needle in (b"zebracorn", b"987654321", b"flux-dev", b"flux", b"fluxdesk", b"xmpmeta", b"parameters"):
        assert needle not in data, needle
    assert b"z\x00e\x00b\x00r\x00a" not in data and b"\x00z\x00e\x00b\x00r\x00a" not in data
    if fmt == "jpeg":
        assert b"Exif\x00\x00" not in data
    if fmt == "webp":
        assert b"EXIF" not in data and b"XMP " not in data
    recalled = read_metadata(data)
    assert recalled.source == "none" and recalled.model is None and recalled.prompt == ""


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp"])
def test_metadata_minimal_keeps_only_the_ai_label(
    images_dir: Path, tmp_path: Path, catalog: Catalog, fmt: str
) -> None:
    record = make_record(images_dir, catalog, "flux-dev", "zebracorn prompt", seed=987654321)
    result = export_records(
        [record], images_dir, ExportOptions(to=tmp_path / "o", format=fmt, metadata="minimal", name="{n}")
    )
    data = result.written[0].path.read_bytes()
    for needle in (b"zebracorn", b"987654321", b"flux-dev"):
        assert needle not in data
    recalled = read_metadata(data)
    assert recalled.source == "none"
    assert recalled.ai_label == DIGITAL_SOURCE_TRAINED
    assert recalled.creator and recalled.creator.startswith("fluxdesk")


@pytest.mark.parametrize("fmt", FORMATS)
def test_canary_key_appears_in_no_exported_byte(
    images_dir: Path, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setenv("COMETAPI_KEY", CANARY)
    monkeypatch.setenv("BFL_API_KEY", "bfl-canary-key-5678")
    record = make_record(
        images_dir, catalog, "flux-dev", f"cat {CANARY} bfl-canary-key-5678 Bearer abcdefghijk", fmt="png"
    )
    options = ExportOptions(to=tmp_path / "o", format=fmt, sidecar=True, name="{prompt}_{n}")
    result = export_records([record], images_dir, options)
    assert result.ok
    for w in result.written:
        for path in (w.path, w.sidecar):
            data = path.read_bytes()
            for secret in (CANARY, "bfl-canary-key-5678", "abcdefghijk"):
                for enc in ("utf-8", "utf-16-be", "utf-16-le"):
                    assert secret.encode(enc) not in data
                assert secret not in path.name
            assert str(images_dir).encode() not in data and str(tmp_path).encode() not in data


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_keeps_the_key_it_is_given_out_of_every_byte(
    images_dir: Path, tmp_path: Path, catalog: Catalog, fmt: str
) -> None:
    """The key in use comes from the keychain, not the environment: the export knows it only as given."""
    key = "fdkey-GivenNotInEnv-4Hq9Lx2Vw7Tz"
    assert all(key not in value for value in os.environ.values())
    record = make_record(images_dir, catalog, "flux-dev", f"a kite over the sea {key} at dusk", fmt="png")
    options = ExportOptions(to=tmp_path / "o", format=fmt, sidecar=True, name="{prompt}_{n}", secrets=(key,))
    result = export_records([record], images_dir, options)
    assert result.ok and result.written
    for w in result.written:
        assert key not in w.path.name
        for path in (w.path, w.sidecar):
            data = path.read_bytes()
            for enc in ("utf-8", "utf-16-be", "utf-16-le"):
                assert key.encode(enc) not in data, (path.name, enc)
        assert "a kite over the sea" in w.sidecar.read_text()  # the rest of the prompt is kept


def test_collisions_never_overwrite(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "same.png").write_bytes(b"precious")
    (out / "same (2).png").write_bytes(b"precious 2")
    records = [make_record(images_dir, catalog, seed=s) for s in (1, 2, 3)]
    result = export_records(
        records, images_dir, ExportOptions(to=out, format="png", name="same", sidecar=True)
    )
    assert result.ok
    assert (out / "same.png").read_bytes() == b"precious"
    assert (out / "same (2).png").read_bytes() == b"precious 2"
    names = sorted(w.path.name for w in result.written)
    assert names == ["same (3).png", "same (4).png", "same (5).png"]
    assert all(w.sidecar and w.sidecar.stem == w.path.stem for w in result.written)
    again = export_records(records, images_dir, ExportOptions(to=out, format="png", name="same"))
    assert [w.path.name for w in again.written] == ["same (6).png", "same (7).png", "same (8).png"]
    assert not [p for p in out.iterdir() if p.name.startswith(".fluxdesk-export")]


def test_concurrent_exports_to_one_folder_never_overwrite(
    images_dir: Path, tmp_path: Path, catalog: Catalog
) -> None:
    records = [make_record(images_dir, catalog, seed=s) for s in range(6)]
    out = tmp_path / "o"
    results = []
    threads = [
        threading.Thread(
            target=lambda: results.append(
                export_records(records, images_dir, ExportOptions(to=out, format="original", name="x"))
            )
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    paths = [w.path for r in results for w in r.written]
    assert len(paths) == 24 == len(set(paths)) == len(list(out.iterdir()))


def test_one_bad_file_does_not_stop_the_rest(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    good = make_record(images_dir, catalog, seed=1)
    missing = make_record(images_dir, catalog, seed=2)
    (images_dir / missing.file).unlink()
    broken = make_record(images_dir, catalog, seed=3)
    (images_dir / broken.file).write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    no_file = good.evolve(id="f" * 32, file=None, status=JobState.FAILED)
    escape = good.evolve(id="e" * 32, file="../../etc/passwd")
    result = export_records(
        [missing, good, broken, no_file, escape], images_dir, ExportOptions(to=tmp_path / "o", format="webp")
    )
    assert [w.record_id for w in result.written] == [good.id]
    messages = {e.record_id: e.message for e in result.errors}
    assert "missing" in messages[missing.id]
    assert "could not be decoded" in messages[broken.id]
    assert "has no image" in messages[no_file.id]
    assert "outside the library" in messages[escape.id]
    assert all(m.endswith(".") for m in messages.values())
    assert "4 failed" in result.summary()


def test_disk_full_is_reported_per_file(
    images_dir: Path, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [make_record(images_dir, catalog, seed=s) for s in (1, 2)]
    real = export_mod._write_temp
    calls = {"n": 0}

    def flaky(folder: Path, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(folder, data)

    monkeypatch.setattr(export_mod, "_write_temp", flaky)
    result = export_records(records, images_dir, ExportOptions(to=tmp_path / "o", format="png"))
    assert len(result.written) == 1
    assert result.errors[0].message.endswith("the disk is full.")


def test_progress_and_cancel_between_files(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    records = [make_record(images_dir, catalog, seed=s) for s in range(5)]
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:
            cancel.set()

    result = export_records(
        records, images_dir, ExportOptions(to=tmp_path / "o"), on_progress=progress, cancel=cancel
    )
    assert seen == [(1, 5), (2, 5)]
    assert result.cancelled and len(result.written) == 2 and not result.ok


def test_async_wrapper(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    records = [make_record(images_dir, catalog, seed=s) for s in range(3)]
    result = asyncio.run(
        export_records_async(records, images_dir, ExportOptions(to=tmp_path / "o", format="png"))
    )
    assert result.ok and len(result.written) == 3


def test_max_size_scales_down_never_up(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    big = make_record(images_dir, catalog, seed=1, size=(300, 120))
    small = make_record(images_dir, catalog, seed=2, size=(40, 30))
    result = export_records(
        [big, small], images_dir, ExportOptions(to=tmp_path / "o", format="jpeg", max_size=100)
    )
    sizes = []
    for w in result.written:
        with Image.open(w.path) as im:
            sizes.append(im.size)
    assert sizes == [(100, 40), (40, 30)]


def test_alpha_png_to_jpeg_and_lossless_webp(images_dir: Path, tmp_path: Path, catalog: Catalog) -> None:
    record = make_record(images_dir, catalog, seed=1, fmt="png")
    (images_dir / record.file).write_bytes(image_bytes("png", mode="RGBA"))
    result = export_records([record], images_dir, ExportOptions(to=tmp_path / "j", format="jpeg", quality=50))
    with Image.open(result.written[0].path) as im:
        assert im.mode == "RGB"
    result = export_records(
        [record], images_dir, ExportOptions(to=tmp_path / "w", format="webp", lossless=True)
    )
    with Image.open(result.written[0].path) as im:
        im.load()
        assert im.mode == "RGBA"


def test_bad_options_are_refused_with_a_sentence(images_dir: Path, tmp_path: Path) -> None:
    for options, exc in [
        (ExportOptions(to=tmp_path, format="gif"), ExportOptionsError),
        (ExportOptions(to=tmp_path, quality=0), ExportOptionsError),
        (ExportOptions(to=tmp_path, metadata="some"), ExportOptionsError),
        (ExportOptions(to=tmp_path, max_size=-3), ExportOptionsError),
        (ExportOptions(to=tmp_path, name="{nope}"), NameTemplateError),
        (ExportOptions(to=tmp_path, name="{id.__class__}"), NameTemplateError),
    ]:
        with pytest.raises(exc) as info:
            export_records([], images_dir, options)
        assert str(info.value).endswith(".")
    assert ExportOptions(to=tmp_path, format="JPG").checked().format is ExportFormat.JPEG
