"""Export records' images to a folder: format, quality, size, names, metadata. No Qt, no HTTP.

`export_records` is synchronous (run it in a worker thread); `export_records_async` wraps it for asyncio.
Guarantees:

- the library's originals are only ever read;
- ``original`` copies the delivered bytes unchanged (C2PA credentials stay valid), so neither
  ``max_size`` nor the metadata mode applies to it (convert to png/jpeg/webp to strip or resize);
- an existing file is never overwritten: each file is written to a temporary name, flushed, then
  hard-linked to a free name (which fails if the name is taken, so a race cannot clobber), falling back
  to an O_EXCL-reserved name where the file system has no hard links; taken names get " (2)", " (3)"...;
- one bad file (missing original, disk full, undecodable) is reported in `ExportResult.errors` with a
  plain sentence and the export goes on; cancel and progress are checked/reported between files.
"""

from __future__ import annotations

import asyncio
import errno
import io
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageOps

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.i18n import _, ngettext
from fluxdesk.library.imports import is_imported
from fluxdesk.library.metadata import (
    MetadataMode,
    Redactor,
    build_metadata,
    pillow_save_args,
    sidecar_text,
)
from fluxdesk.library.naming import (
    DEFAULT_TEMPLATE,
    NameContext,
    check_template,
    numbered,
    render_stem,
    safe_name,
)
from fluxdesk.library.records import GenerationRecord

MAX_COLLISIONS = 10_000
DEFAULT_QUALITY = 92
EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}
PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}


class ExportFormat(StrEnum):
    ORIGINAL = "original"
    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"


class ExportOptionsError(ValueError):
    """Options that cannot be used; str() is one plain sentence."""


@dataclass(frozen=True)
class ExportOptions:
    to: Path
    format: ExportFormat | str = ExportFormat.ORIGINAL
    quality: int = DEFAULT_QUALITY  # jpeg/webp, 1..100
    lossless: bool = False  # webp
    max_size: int | None = None  # longest side in px; never upscales
    name: str = DEFAULT_TEMPLATE
    metadata: MetadataMode | str = MetadataMode.FULL
    sidecar: bool = False
    secrets: tuple[str, ...] = ()  # extra values to keep out of every written byte (the key in use)

    def checked(self) -> ExportOptions:
        """A normalised copy, or ExportOptionsError."""
        try:
            fmt = ExportFormat(str(self.format).lower().replace("jpg", "jpeg"))
        except ValueError:
            raise ExportOptionsError(
                _("Unknown format '{format}'; use original, png, jpeg or webp.").format(format=self.format)
            ) from None
        try:
            mode = MetadataMode(str(self.metadata).lower())
        except ValueError:
            raise ExportOptionsError(
                _("Unknown metadata mode '{metadata}'; use full, minimal or "
                  "none.").format(metadata=self.metadata)
            ) from None
        if not 1 <= int(self.quality) <= 100:
            raise ExportOptionsError(_("Quality must be between 1 and 100, not "
                                       "{quality}.").format(quality=self.quality))
        if self.max_size is not None and int(self.max_size) < 1:
            raise ExportOptionsError(_("The maximum size must be at least 1 px, not "
                                       "{max_size}.").format(max_size=self.max_size))
        check_template(self.name)
        return ExportOptions(
            to=Path(self.to),
            format=fmt,
            quality=int(self.quality),
            lossless=bool(self.lossless),
            max_size=int(self.max_size) if self.max_size else None,
            name=self.name,
            metadata=mode,
            sidecar=bool(self.sidecar),
            secrets=tuple(self.secrets),
        )


@dataclass(frozen=True)
class ExportedFile:
    record_id: str
    path: Path
    sidecar: Path | None = None


@dataclass(frozen=True)
class ExportFailure:
    record_id: str
    message: str  # one plain sentence


@dataclass
class ExportResult:
    total: int = 0
    written: list[ExportedFile] = field(default_factory=list)
    errors: list[ExportFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled

    def summary(self) -> str:
        text = ngettext("Exported {n} of {total} image", "Exported {n} of {total} images", self.total).format(
            n=len(self.written), total=self.total)
        if self.errors:
            text += ngettext("; {n} failed", "; {n} failed", len(self.errors)).format(n=len(self.errors))
        if self.cancelled:
            text += _("; cancelled")
        return text + "."


ProgressCallback = Callable[[int, int], None]  # (files done, total)


class _FileProblem(Exception):
    """One file's failure, as a sentence for ExportResult."""


def _describe_os_error(exc: OSError, what: str) -> str:
    if exc.errno == errno.ENOSPC:
        return _("Could not write {what}: the disk is full.").format(what=what)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("Could not write {what}: permission denied.").format(what=what)
    return _("Could not write {what}: {value}.").format(what=what, value=exc.strerror or exc)


def _source_path(images_dir: Path, record: GenerationRecord) -> Path:
    if not record.file:
        raise _FileProblem(_("{value} has no image "
                             "({value2}).").format(value=record.id[:8], value2=record.status.label.lower()))
    root = images_dir.resolve()
    path = (root / record.file).resolve()
    if not path.is_relative_to(root):
        raise _FileProblem(_("{value}: its file lies outside the library; "
                             "skipped.").format(value=record.id[:8]))
    return path


def _read_original(path: Path, record: GenerationRecord) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _FileProblem(_("The original of {value} is missing from the "
                             "library.").format(value=record.id[:8])) from None
    except OSError as exc:
        raise _FileProblem(
            _("The original of {value} could not be read: "
              "{value2}.").format(value=record.id[:8], value2=exc.strerror or exc)
        ) from None


def _original_ext(record: GenerationRecord, data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return ".png"
    if data.startswith(b"\xff\xd8"):
        return ".jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return EXTENSIONS.get(record.format or "", Path(record.file or "").suffix or ".bin")


def _prepare(im: Image.Image, fmt: ExportFormat, max_size: int | None) -> Image.Image:
    im = ImageOps.exif_transpose(im) or im
    if max_size and max(im.size) > max_size:
        scale = max_size / max(im.size)
        size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
        if im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
        im = im.resize(size, Image.Resampling.LANCZOS)
    has_alpha = "A" in im.getbands() or "transparency" in im.info
    if fmt is ExportFormat.JPEG:
        if has_alpha:
            rgba = im.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            im = flat
        elif im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
    elif im.mode not in ("RGB", "RGBA", "L", "LA"):
        im = im.convert("RGBA" if has_alpha else "RGB")
    if fmt is ExportFormat.WEBP and im.mode in ("L", "LA"):
        im = im.convert("RGBA" if im.mode == "LA" else "RGB")
    return im


def encode_image(
    data: bytes, record: GenerationRecord, options: ExportOptions, catalog: Catalog, redactor: Redactor
) -> bytes:
    """The exported file's bytes for a converted format (png/jpeg/webp)."""
    fmt = ExportFormat(options.format)
    try:
        with Image.open(io.BytesIO(data)) as src:
            src.load()
            icc = src.info.get("icc_profile")
            im = _prepare(src, fmt, options.max_size)
            im = im.copy() if im is src else im
    except Image.DecompressionBombError:
        raise _FileProblem(_("The original of {value} is too large to "
                             "convert.").format(value=record.id[:8])) from None
    except Exception as exc:  # a damaged original: report it, go on with the rest
        raise _FileProblem(
            _("The original of {value} could not be decoded "
              "({value2}).").format(value=record.id[:8], value2=type(exc).__name__)
        ) from None
    im.info.clear()  # nothing from the source leaks through Pillow's defaults
    meta = build_metadata(record, MetadataMode(options.metadata), catalog=catalog, redactor=redactor)
    args = pillow_save_args(fmt.value, meta)
    if icc and (meta.mode is not MetadataMode.NONE or is_imported(record)):
        args["icc_profile"] = icc
    if fmt is ExportFormat.JPEG:
        args.update(quality=options.quality, optimize=True)
    elif fmt is ExportFormat.WEBP:
        args.update(quality=options.quality, lossless=options.lossless, method=4)
    out = io.BytesIO()
    im.save(out, PILLOW_FORMATS[fmt.value], **args)
    return out.getvalue()


def _write_temp(folder: Path, data: bytes) -> Path:
    fd = -1
    for attempt in range(100):
        tmp = folder / f".fluxdesk-export-{os.getpid()}-{threading.get_ident()}-{attempt}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            break
        except FileExistsError:
            continue
    else:
        raise OSError(errno.EEXIST, "no free temporary name")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def _publish(tmp: Path, final: Path) -> None:
    """Give `tmp` the name `final`, atomically, never replacing an existing file (FileExistsError)."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise
    except OSError:
        # no hard links here (FAT, some network shares): reserve the name exclusively, then replace our
        # own empty placeholder
        fd = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.close(fd)
        try:
            os.replace(tmp, final)
        except BaseException:
            final.unlink(missing_ok=True)
            raise
        return
    tmp.unlink(missing_ok=True)


def write_exclusive(
    folder: Path,
    stem: str,
    ext: str,
    data: bytes,
    *,
    sidecar: str | None = None,
) -> tuple[Path, Path | None]:
    """Write `data` as `stem+ext` in `folder` (or `stem (k)+ext` for the first free k); with `sidecar`,
    also `<same stem>.json`, choosing k so that both names are free."""
    tmp = _write_temp(folder, data)
    side_tmp = _write_temp(folder, sidecar.encode("utf-8")) if sidecar is not None else None
    try:
        for k in range(1, MAX_COLLISIONS + 1):
            name = numbered(stem, k)
            final = folder / f"{name}{ext}"
            side = folder / f"{name}.json" if side_tmp is not None else None
            if final.exists() or (side is not None and side.exists()):
                continue
            try:
                _publish(tmp, final)
            except FileExistsError:
                continue
            if side_tmp is not None and side is not None:
                try:
                    _publish(side_tmp, side)
                except FileExistsError:
                    # lost a race for the sidecar name: keep the image, put the sidecar beside it anyway
                    side = folder / f"{final.name}.json"
                    _publish(side_tmp, side)
            return final, side
        raise OSError(errno.EEXIST, f"no free name for {stem}{ext}")
    finally:
        tmp.unlink(missing_ok=True)
        if side_tmp is not None:
            side_tmp.unlink(missing_ok=True)


def export_records(
    records: Sequence[GenerationRecord],
    images_dir: Path,
    options: ExportOptions,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    catalog: Catalog | None = None,
) -> ExportResult:
    """Export `records` (their files under `images_dir`) as `options` say. Raises ExportOptionsError or
    NameTemplateError for bad options, or one sentence (ExportOptionsError) when the folder cannot be made;
    failures of single files go into the result."""
    options = options.checked()
    catalog = catalog or default_catalog()
    redactor = Redactor(options.secrets)
    folder = Path(options.to)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportOptionsError(_("The folder {folder} could not be made: "
                                   "{value}.").format(folder=folder, value=exc.strerror or exc)) from None
    result = ExportResult(total=len(records))
    fmt = ExportFormat(options.format)
    for index, record in enumerate(records, start=1):
        if cancel is not None and cancel.is_set():
            result.cancelled = True
            break
        try:
            src = _source_path(images_dir, record)
            data = _read_original(src, record)
            if fmt is ExportFormat.ORIGINAL:
                out, ext = data, _original_ext(record, data)
            else:
                out, ext = encode_image(data, record, options, catalog, redactor), EXTENSIONS[fmt.value]
            # redaction runs on the name too (a prompt may hold a key); its marker is then made safe
            stem = safe_name(
                redactor.text(render_stem(options.name, record, NameContext(index, len(records))))
            )
            side = sidecar_text(record, catalog=catalog, redactor=redactor) if options.sidecar else None
            try:
                path, side_path = write_exclusive(folder, stem, ext, out, sidecar=side)
            except OSError as exc:
                raise _FileProblem(_describe_os_error(exc, f"{stem}{ext}")) from None
            result.written.append(ExportedFile(record.id, path, side_path))
        except _FileProblem as exc:
            result.errors.append(ExportFailure(record.id, str(exc)))
        if on_progress is not None:
            on_progress(index, len(records))
    return result


async def export_records_async(
    records: Sequence[GenerationRecord],
    images_dir: Path,
    options: ExportOptions,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    catalog: Catalog | None = None,
) -> ExportResult:
    """`export_records` in a worker thread; cancelling the awaiting task stops it between files.
    `on_progress` is called from the worker thread."""
    event = cancel or threading.Event()
    try:
        return await asyncio.to_thread(
            export_records,
            records,
            images_dir,
            options,
            on_progress=on_progress,
            cancel=event,
            catalog=catalog,
        )
    except asyncio.CancelledError:
        event.set()
        raise
