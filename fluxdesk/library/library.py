"""`Library`: the async face of the library. Every SQLite call runs on one dedicated DB thread and every
image read, write and fsync on a small file pool, so the caller's (GUI) thread never waits on a disk.

Views learn of new and changed rows from the library itself (`subscribe`), whoever made the change:
the engine saving a result, the gallery trashing an image, a favorite set from the details panel.
"""

from __future__ import annotations

import asyncio
import functools
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from fluxdesk.api.catalog import Catalog
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.library.changes import Listeners, RecordChange
from fluxdesk.library.errors import LibraryWriteError
from fluxdesk.library.files import image_relpath, remove_quietly, verified_image, write_atomic
from fluxdesk.library.owners import NotOwner, Owner
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import TAKEN_OVER, LibraryStore, TakeOver
from fluxdesk.library.thumbs import ThumbnailCache

T = TypeVar("T")

DB_FILENAME = "library.sqlite3"
IMAGES_DIRNAME = "images"


@dataclass(frozen=True)
class LibraryCheck:
    """The library's health: SQLite's own check, rows whose file is gone, files no row names."""

    integrity: str
    missing_files: list[str]
    stray_files: list[str]

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.missing_files and not self.stray_files


def library_paths(home: Path) -> tuple[Path, Path]:
    """(database file, images dir) of the library in `home`."""
    return home / DB_FILENAME, home / IMAGES_DIRNAME


class Library:
    """The history of every generation, its image files and (optionally) their thumbnails."""

    def __init__(
        self,
        home: Path,
        store: LibraryStore,
        db_executor: ThreadPoolExecutor,
        io_executor: ThreadPoolExecutor,
        thumbs: ThumbnailCache | None = None,
    ) -> None:
        self.home = home
        self.db_path, self.images_dir = library_paths(home)
        self.thumbs = thumbs
        self._store = store
        self._db_executor = db_executor
        self._io_executor = io_executor
        self._changes: Listeners[RecordChange] = Listeners("library change")
        self._closed = False

    @classmethod
    async def open(cls, home: Path, *, thumbs: ThumbnailCache | None = None) -> Library:
        """Open (creating and migrating as needed) the library in `home`."""
        home = Path(home)
        db_path, images_dir = library_paths(home)
        db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fluxdesk-db")
        io_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fluxdesk-files")
        loop = asyncio.get_running_loop()
        try:
            mkdir = functools.partial(images_dir.mkdir, parents=True, exist_ok=True)
            await loop.run_in_executor(io_executor, mkdir)
            store = await loop.run_in_executor(db_executor, LibraryStore, db_path)
        except BaseException:
            db_executor.shutdown(wait=False)
            io_executor.shutdown(wait=False)
            raise
        return cls(home, store, db_executor, io_executor, thumbs)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await asyncio.get_running_loop().run_in_executor(self._db_executor, self._store.close)
        finally:
            self._db_executor.shutdown(wait=False)
            self._io_executor.shutdown(wait=False)

    async def __aenter__(self) -> Library:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _db(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        if self._closed:
            raise RuntimeError("the library is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_executor, functools.partial(fn, *args, **kwargs))

    async def _db_write(
        self,
        changed: Callable[[T], Sequence[GenerationRecord]],
        fn: Callable[..., T],
        /,
        *args: Any,
        removed: bool = False,
        **kwargs: Any,
    ) -> T:
        """`_db` for a write, announced to the listeners once it is done: `changed(result)` are its rows.

        Shielded, and announced from the write's own future: a caller cancelled meanwhile does not
        stop a write already queued on the DB thread, so the views must hear of it all the same.
        """
        if self._closed:
            raise RuntimeError("the library is closed")
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._db_executor, functools.partial(fn, *args, **kwargs))

        def announce(done: asyncio.Future[T]) -> None:
            if done.cancelled() or done.exception() is not None:
                return
            records = tuple(changed(done.result()))
            if records:
                self._changes.notify(RecordChange(records, removed))

        # added before the caller awaits: listeners run before the caller goes on
        future.add_done_callback(announce)
        return await asyncio.shield(future)

    def subscribe(self, listener: Callable[[RecordChange], None]) -> Callable[[], None]:
        """`listener(change)` runs on the loop after rows were added, saved or changed (status, favorite,
        trash) or deleted for good, before the call that made the change returns. Returns an unsubscribe.
        """
        return self._changes.subscribe(listener)

    async def _io(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._io_executor, functools.partial(fn, *args, **kwargs))

    def path_of(self, record: GenerationRecord) -> Path | None:
        """The absolute path of a record's image, if it has one."""
        return self.images_dir / record.file if record.file else None

    # -- jobs (the engine) --------------------------------------------------------------------------

    async def add_job(self, record: GenerationRecord) -> GenerationRecord:
        """Record a new job; returns the row as written."""
        if not record.created_at:
            record = record.evolve(created_at=time.time())
        await self._db_write(lambda _: (record,), self._store.add, record)
        return record

    async def update_job(
        self, job_id: str, *, as_owner: str | None = None, **fields: Any
    ) -> GenerationRecord:
        """Record a change of state (status, task_id, polling_url, submitted_at, ready_at, error...);
        returns the new row. `as_owner`: only if the row is still this owner's, else `NotOwner`."""
        return await self._db_write(_one, self._store.update, job_id, as_owner=as_owner, **fields)

    async def get(self, job_id: str) -> GenerationRecord | None:
        return await self._db(self._store.get, job_id)

    async def unfinished_jobs(self) -> list[GenerationRecord]:
        """Jobs left to finish (`JobState.is_resumable`), whoever owns them, oldest first."""
        return await self._db(self._store.unfinished)

    async def jobs_with_status(self, states: Iterable[JobState]) -> list[GenerationRecord]:
        """Rows in any of these states, oldest first."""
        return await self._db(self._store.with_status, list(states))

    # -- owners (the engine; library/owners.py) -----------------------------------------------------

    async def register_owner(self, owner: Owner, *, lease: float) -> None:
        """Record this process as an owner of jobs, its lease running `lease` seconds from now."""
        now = time.time()
        await self._db(self._store.register_owner, owner, now=now, lease_until=now + lease)

    async def renew_owner(self, token: str, *, lease: float) -> bool:
        """Extend the lease; False when the owner's row is gone (register again)."""
        return await self._db(self._store.renew_owner, token, lease_until=time.time() + lease)

    async def release_owner(self, token: str) -> int:
        """The owner stops: its jobs become nobody's, for the next resume; returns how many."""
        return await self._db(self._store.release_owner, token)

    async def take_over(self, token: str, *, ids: Iterable[str] | None = None) -> TakeOver:
        """Own the resumable jobs (or the rows `ids`) whose owner is gone; see `LibraryStore.take_over`."""
        wanted = None if ids is None else list(ids)
        return await self._db(self._store.take_over, token, now=time.time(), ids=wanted)

    async def left_behind(self) -> list[GenerationRecord]:
        """Jobs left to finish whose owner is gone (what a resume would pick up), oldest first."""
        return await self._db(self._store.left_behind, now=time.time())

    async def save_result(
        self,
        job_id: str,
        data: bytes,
        *,
        width: int | None,
        height: int | None,
        fmt: str | None = None,
        ready_at: float | None = None,
        decoded: bool = False,
        as_owner: str | None = None,
    ) -> GenerationRecord:
        """Verify the delivered bytes, write them unchanged, then mark the job done, all or nothing.

        `as_owner`: the row is recorded only if it is still this owner's (else `NotOwner`, no file kept).

        `decoded=True`: the caller has already decoded every pixel (the API client does), so only the
        header, format and size are checked again here.

        Raises `CorruptImage` if the bytes do not decode or are not `width` x `height` (the row is left
        as it was), `LibraryWriteError` if the file or the row cannot be written (no file is left
        without a row, no row points nowhere). The recorded format is what the bytes are; `fmt` is
        what was asked for and only kept when it differs.
        """
        record = await self._db(self._store.require, job_id)
        if as_owner is not None and record.owner != as_owner:
            raise NotOwner(TAKEN_OVER)  # before any file is written: the other owner may be saving it
        expected = (width, height) if width and height else None
        verified = await self._io(verified_image, data, expected, decode=not decoded)
        rel = image_relpath(record.prompt, record.seed, record.id, verified.extension)
        changes: dict[str, Any] = {
            "status": JobState.DONE,
            "file": rel,
            "width": verified.width,
            "height": verified.height,
            "format": verified.format,
            "bytes": verified.bytes,
            "sha256": verified.sha256,
            "progress": 1.0,
            "error": None,
            "error_code": None,
        }
        if ready_at is not None:
            changes["ready_at"] = ready_at
        asked = (fmt or "").lower().replace("jpg", "jpeg")
        if asked and asked != verified.format:
            changes["extra"] = {**record.extra, "asked_format": asked}
        # shielded: once the file is being written, a cancel must not split the file from its row
        saved = await asyncio.shield(self._write_and_record(job_id, data, rel, changes, as_owner))
        if record.file and record.file != rel:
            await self._io(remove_quietly, self.images_dir / record.file)
        return saved

    async def _write_and_record(
        self, job_id: str, data: bytes, rel: str, changes: dict[str, Any], as_owner: str | None = None
    ) -> GenerationRecord:
        target = self.images_dir / rel
        await self._io(write_atomic, target, data)
        changes["saved_at"] = time.time()
        try:
            return await self._db_write(
                _one, self._store.update, job_id, durable=True, as_owner=as_owner, **changes
            )
        except BaseException as exc:
            await self._io(remove_quietly, target)
            if isinstance(exc, sqlite3.Error):
                raise LibraryWriteError(
                    "The image could not be recorded in the library database, so it was not kept "
                    f"({exc}).", details=repr(exc),
                ) from exc
            raise

    # -- history (the window and the CLI) -----------------------------------------------------------

    async def query(self, q: HistoryQuery, *, offset: int = 0, limit: int = 200) -> list[GenerationRecord]:
        return await self._db(self._store.query, q, offset=offset, limit=limit)

    async def count(self, q: HistoryQuery) -> int:
        return await self._db(self._store.count, q)

    async def placement(self, q: HistoryQuery, record_id: str) -> int | None:
        """The row's index in q's results (as `query` orders them), or None when it is not in them."""
        return await self._db(self._store.placement, q, record_id)

    async def placements(self, q: HistoryQuery, ids: Iterable[str]) -> dict[str, int | None]:
        """`placement` of several rows, all seen in one state of the database."""
        return await self._db(self._store.placements, q, list(ids))

    async def resolve(self, prefix: str) -> list[str]:
        """Ids starting with `prefix`."""
        return await self._db(self._store.resolve, prefix)

    async def set_favorite(self, ids: str | Iterable[str], value: bool) -> int:
        return await self._changed_rows(self._store.set_favorite, _id_list(ids), value)

    async def trash(self, ids: str | Iterable[str]) -> int:
        """Move to the trash (files stay until `empty_trash`); `restore` undoes it."""
        return await self._changed_rows(self._store.trash, _id_list(ids))

    async def restore(self, ids: str | Iterable[str]) -> int:
        return await self._changed_rows(self._store.restore, _id_list(ids))

    async def _changed_rows(self, change: Callable[..., int], ids: list[str], *args: Any) -> int:
        """Run a change of some rows; announce them as they are afterwards; returns how many changed."""

        def run() -> tuple[int, list[GenerationRecord]]:
            with self._store.transaction():
                return change(ids, *args), self._store.records(ids)

        count, _records = await self._db_write(lambda result: result[1], run)
        return count

    async def empty_trash(self) -> int:
        """Delete the trashed generations for good, their files and their thumbnails; returns how many."""

        def take() -> tuple[list[GenerationRecord], tuple[int, list[str], list[str]]]:
            with self._store.transaction():
                return self._store.trashed(), self._store.take_trash()

        _gone, taken = await self._db_write(lambda result: result[0], take, removed=True)
        count, files, unused_shas = taken
        await self._io(remove_library_files, self.images_dir, files)
        if self.thumbs is not None:
            await self._io(_remove_thumbs, self.thumbs, unused_shas)
        return count

    async def recent_prompts(self, text: str = "", *, limit: int = 20) -> list[str]:
        """Distinct prompts, most recent first (for the prompt editor's history and completion)."""
        return await self._db(self._store.recent_prompts, text, limit=limit)

    search_prompts = recent_prompts

    async def reuse(self, job_id: str, catalog: Catalog) -> GenerationRequest:
        """A stored generation's settings as a fresh, valid request (same seed)."""
        record = await self._db(self._store.require, job_id)
        return request_from_record(record, catalog)

    async def rerun_request(
        self, job_id: str, catalog: Catalog, *, new_seed: bool, rng: random.Random | None = None
    ) -> GenerationRequest:
        """The request to run a stored generation again, with its own seed or a new random one."""
        record = await self._db(self._store.require, job_id)
        return request_from_record(record, catalog, new_seed=new_seed, rng=rng)

    # -- health -------------------------------------------------------------------------------------

    async def integrity_check(self) -> str:
        return await self._db(self._store.integrity_check)

    async def check(self) -> LibraryCheck:
        """SQLite's integrity check plus rows without files and files without rows."""
        integrity = await self._db(self._store.integrity_check)
        names = await self._db(self._store.files)
        missing, stray = await self._io(compare_files, self.images_dir, names)
        return LibraryCheck(integrity, missing, stray)


def _one(record: GenerationRecord) -> tuple[GenerationRecord]:
    return (record,)


def _id_list(ids: str | Iterable[str]) -> list[str]:
    return [ids] if isinstance(ids, str) else list(ids)


def request_from_record(
    record: GenerationRecord, catalog: Catalog, *, new_seed: bool = False, rng: random.Random | None = None
) -> GenerationRequest:
    """Rebuild a validated request from a row (raises `InvalidRequest` if the model changed incompatibly)."""
    spec = catalog.get(record.request.model)
    params = {k: v for k, v in record.request.params.items() if spec.takes(k)}
    if new_seed:
        params.pop("seed", None)
    return build_request(catalog, spec.id, record.request.prompt, params, rng=rng)


def remove_library_files(images_dir: Path, files: Iterable[str]) -> int:
    """Remove image files (relative names) and the month folders they leave empty."""
    removed = 0
    for name in files:
        path = images_dir / name
        removed += remove_quietly(path)
        for folder in (path.parent, path.parent.parent):
            if folder == images_dir or images_dir not in folder.parents:
                break
            try:
                os.rmdir(folder)
            except OSError:
                break
    return removed


def _remove_thumbs(thumbs: ThumbnailCache, shas: Iterable[str]) -> None:
    for sha in shas:
        thumbs.remove(sha)


def compare_files(images_dir: Path, names: set[str]) -> tuple[list[str], list[str]]:
    """(names with no file, files under images_dir that no name covers)."""
    on_disk = {
        p.relative_to(images_dir).as_posix() for p in images_dir.rglob("*") if p.is_file()
    } if images_dir.exists() else set()
    return sorted(names - on_disk), sorted(on_disk - names)
