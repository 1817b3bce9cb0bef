"""The library's health, as `fluxdesk library check` and the window's Check library report it.

Rows whose file is gone, files no row names (images, temp files a crash left, sidecars whose image is
gone), files whose bytes are not the ones recorded (sha256), saved images without a sidecar (a rebuild
could not recover their settings), and SQLite's own integrity check. Blocking: run it off the GUI
thread; it reads every image once to hash it.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fluxdesk.i18n import _, ngettext
from fluxdesk.library.files import SIDECAR_SUFFIX, image_files, is_image_name, sidecar_path

_CHUNK = 1 << 20


@dataclass(frozen=True)
class LibraryCheck:
    """What `check` found; names are relative to the images dir, with '/'."""

    integrity: str
    missing_files: list[str]
    stray_files: list[str]
    hash_mismatches: list[str] = field(default_factory=list)
    missing_sidecars: list[str] = field(default_factory=list)
    rows: int = 0
    files: int = 0

    @property
    def ok(self) -> bool:
        """Nothing is wrong (an image saved before sidecars existed is not wrong, only less recoverable)."""
        return (
            self.integrity == "ok" and not self.missing_files and not self.stray_files
            and not self.hash_mismatches
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "integrity": self.integrity,
            "rows": self.rows,
            "files": self.files,
            "missing_files": list(self.missing_files),
            "stray_files": list(self.stray_files),
            "hash_mismatches": list(self.hash_mismatches),
            "missing_sidecars": list(self.missing_sidecars),
        }

    def sentences(self) -> list[str]:
        """One plain sentence per kind of problem (the first says whether all is well)."""
        lines = []
        if self.ok:
            lines.append(_("The library is sound: {rows} records, {files} image "
                           "files.").format(rows=self.rows, files=self.files))
        if self.integrity != "ok":
            lines.append(_("The database is damaged ({integrity}): run `fluxdesk library "
                           "rebuild`.").format(integrity=self.integrity))
        if self.missing_files:
            lines.append(ngettext(
                "{n} record(s) name an image file that is gone.",
                "{n} record(s) name an image file that is gone.",
                len(self.missing_files)).format(n=len(self.missing_files)))
        if self.stray_files:
            lines.append(ngettext(
                "{n} file(s) in the images folder belong to no record (`fluxdesk library rebuild` takes the "
                "images in).",
                "{n} file(s) in the images folder belong to no record (`fluxdesk library rebuild` takes the "
                "images in).",
                len(self.stray_files)).format(n=len(self.stray_files)))
        if self.hash_mismatches:
            lines.append(ngettext(
                "{n} image file(s) are not the bytes that were saved.",
                "{n} image file(s) are not the bytes that were saved.",
                len(self.hash_mismatches)).format(n=len(self.hash_mismatches)))
        if self.missing_sidecars:
            lines.append(ngettext(
                "{n} image(s) have no sidecar (saved by an older fluxdesk); a rebuild would recover only "
                "what the file itself says.",
                "{n} image(s) have no sidecar (saved by an older fluxdesk); a rebuild would recover only "
                "what the file itself says.",
                len(self.missing_sidecars)).format(n=len(self.missing_sidecars)))
        return lines


def integrity_of(conn: sqlite3.Connection) -> str:
    """SQLite's integrity check as one line ("ok"), or why it could not run."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"SQLite: {exc}"
    return "; ".join(str(r[0]) for r in rows)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def compare_files(
    images_dir: Path, recorded: Iterable[tuple[str, str | None]], *, hashes: bool = True
) -> tuple[list[str], list[str], list[str], list[str], int]:
    """(missing, stray, hash mismatches, missing sidecars, image files) for rows' (file, sha256)."""
    on_disk: set[str] = set()
    stray: set[str] = set()
    if images_dir.is_dir():
        for path in images_dir.rglob("*"):
            if not path.is_file():
                continue
            # some file systems (macOS HFS+) hand names back decomposed; the rows hold them composed (NFC)
            rel = unicodedata.normalize("NFC", path.relative_to(images_dir).as_posix())
            if is_image_name(path.name):
                on_disk.add(rel)
            elif path.suffix == SIDECAR_SUFFIX and not path.name.startswith("."):
                if not any(path.with_suffix(s).exists() for s in (".png", ".jpg", ".jpeg", ".webp")):
                    stray.add(rel)  # a sidecar whose image is gone
            else:
                stray.add(rel)  # a temp file a crash left, or something that is not the library's
    rows = dict(recorded)
    missing = sorted(set(rows) - on_disk)
    stray.update(on_disk - set(rows))
    mismatched: list[str] = []
    no_sidecar: list[str] = []
    for rel in sorted(on_disk & set(rows)):
        path = images_dir / rel
        if hashes and rows[rel] and file_sha256(path) != rows[rel]:
            mismatched.append(rel)
        if not sidecar_path(path).exists():
            no_sidecar.append(rel)
    return missing, sorted(stray), mismatched, no_sidecar, len(on_disk)


def check_library(conn: sqlite3.Connection, images_dir: Path, *, hashes: bool = True) -> LibraryCheck:
    """Blocking: the whole check over an open connection and the images dir."""
    integrity = integrity_of(conn)
    try:
        recorded = [
            (str(r[0]), r[1]) for r in conn.execute(
                "SELECT file, sha256 FROM generations WHERE file IS NOT NULL"
            ).fetchall()
        ]
    except sqlite3.DatabaseError as exc:
        if integrity == "ok":
            integrity = f"SQLite: {exc}"
        files = sum(1 for _ in image_files(images_dir))
        return LibraryCheck(integrity, [], [], files=files)
    missing, stray, mismatched, no_sidecar, files = compare_files(images_dir, recorded, hashes=hashes)
    return LibraryCheck(integrity, missing, stray, mismatched, no_sidecar, rows=len(recorded), files=files)
