"""`Library`: the async face of the library. Every SQLite call runs on one dedicated DB thread and every
image read, write and fsync on a small file pool, so the caller's (GUI) thread never waits on a disk.

Views learn of new and changed rows from the library itself (`subscribe`), whoever made the change:
the engine saving a result, the gallery trashing an image, a favorite set from the details panel.

Every failure of SQLite or of the disk reaches the caller as a typed `LibraryError` with one sentence
(`library.errors`); its traceback goes to the log. Listeners of `subscribe_problems` hear of those that
need a rebuild (a damaged database), so the window can offer one.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from fluxdesk.api.catalog import Catalog
from fluxdesk.api.keys import redact
from fluxdesk.api.refs import library_ref_id
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.i18n import N_, _
from fluxdesk.library.changes import Listeners, RecordChange
from fluxdesk.library.check import LibraryCheck, compare_files, integrity_of
from fluxdesk.library.errors import InputMissing, LibraryError, library_error_from
from fluxdesk.library.files import (
    image_relpath,
    remove_quietly,
    sidecar_path,
    verified_image,
    write_atomic,
)
from fluxdesk.library.imports import imported_record, read_import, read_input
from fluxdesk.library.lineage import parents_of_request, stored_request
from fluxdesk.library.opening import DB_FILENAME, IMAGES_DIRNAME, LOCK_TIMEOUT, library_paths, open_store
from fluxdesk.library.owners import NotOwner, Owner
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import TAKEN_OVER, LibraryStore, TakeOver
from fluxdesk.library.thumbs import ThumbnailCache

if TYPE_CHECKING:
    from fluxdesk.library.rebuild import RebuildReport

# rebuild, sidecars (and the metadata writers under them) are imported when used: the window opens the
# library before it shows, and they were a tenth of a second of its start


def _sidecar(record: GenerationRecord) -> bytes:
    from fluxdesk.library.sidecars import sidecar_bytes

    return sidecar_bytes(record)


def _load_file_writers() -> None:
    """What the first save loads on the files thread: the image check and Pillow's common plugins,
    the sidecar and metadata writers, file naming (its patterns compile at their first use)."""
    from PIL import Image

    import fluxdesk.api.imagecheck
    import fluxdesk.library.sidecars  # noqa: F401

    Image.preinit()
    image_relpath("warm up", None, "0" * 8, "png")


def _load_search_folding() -> None:
    """What the first record written loads on the database thread: search folding's Unicode tables."""
    from fluxdesk.library.folding import fold

    fold("é")


T = TypeVar("T")
log = logging.getLogger(__name__)

__all__ = [
    "DB_FILENAME",
    "IMAGES_DIRNAME",
    "Library",
    "LibraryCheck",
    "library_paths",
    "remove_library_files",
    "request_from_record",
]


class Library:
    """The history of every generation, its image files and (optionally) their thumbnails."""

    def __init__(
        self,
        home: Path,
        store: LibraryStore,
        db_executor: ThreadPoolExecutor,
        io_executor: ThreadPoolExecutor,
        thumbs: ThumbnailCache | None = None,
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        secret: str | None = None,
    ) -> None:
        self.home = home
        self.db_path, self.images_dir = library_paths(home)
        self.thumbs = thumbs
        #: the API key, kept out of every text the library stores (error sentences); set it on a new key
        self.secret = secret
        self._store = store
        self._db_executor = db_executor
        self._io_executor = io_executor
        self._lock_timeout = lock_timeout
        self._changes: Listeners[RecordChange] = Listeners("library change")
        self._problems: Listeners[LibraryError] = Listeners("library problem")
        self._closed = False

    @classmethod
    async def open(
        cls,
        home: Path,
        *,
        thumbs: ThumbnailCache | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        secret: str | None = None,
    ) -> Library:
        """Open (creating and migrating as needed) the library in `home`.

        Raises a typed `LibraryError`: `LibraryUnavailable` when the database cannot be opened (a
        damaged one is kept aside first; `fluxdesk library rebuild` recreates it), `LibraryLocked`,
        `LibraryNotWritable`... `lock_timeout`: how long a write waits for another program's lock.
        """
        home = Path(home)
        db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fluxdesk-db")
        io_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fluxdesk-files")
        loop = asyncio.get_running_loop()
        try:
            opener = functools.partial(open_store, home, lock_timeout=lock_timeout)
            store = await loop.run_in_executor(db_executor, opener)
        except BaseException:
            db_executor.shutdown(wait=False)
            io_executor.shutdown(wait=False)
            raise
        return cls(home, store, db_executor, io_executor, thumbs, lock_timeout=lock_timeout, secret=secret)

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

    def _typed(
        self, fn: Callable[..., T], /, *args: Any, failing: str = "the change", **kwargs: Any
    ) -> Callable[[], T]:
        """`fn(*args)` for the DB thread, its SQLite and disk failures turned into `LibraryError`s there
        (their tracebacks logged); `failing` names what failed, in the sentence."""

        def run() -> T:
            try:
                return fn(*args, **kwargs)
            except (sqlite3.Error, OSError) as exc:
                error = library_error_from(exc, self.home, what=failing)
                log.warning("library: %s", error, exc_info=exc)
                raise error from exc

        return run

    def _heard(self, exc: BaseException) -> None:
        if isinstance(exc, LibraryError) and exc.needs_rebuild:
            self._problems.notify(exc)

    async def _db(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        if self._closed:
            raise RuntimeError("the library is closed")
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._db_executor, self._typed(fn, *args, **kwargs))
        except LibraryError as exc:
            self._heard(exc)
            raise

    async def _db_write(
        self,
        changed: Callable[[T], Sequence[GenerationRecord]],
        fn: Callable[..., T],
        /,
        *args: Any,
        removed: bool = False,
        failing: str = "the change",
        **kwargs: Any,
    ) -> T:
        """`_db` for a write, announced to the listeners once it is done: `changed(result)` are its rows.

        Shielded, and announced from the write's own future: a caller cancelled meanwhile does not
        stop a write already queued on the DB thread, so the views must hear of it all the same.
        """
        if self._closed:
            raise RuntimeError("the library is closed")
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._db_executor, self._typed(fn, *args, failing=failing, **kwargs))

        def announce(done: asyncio.Future[T]) -> None:
            if done.cancelled() or done.exception() is not None:
                return
            records = tuple(changed(done.result()))
            if records:
                self._changes.notify(RecordChange(records, removed))

        # added before the caller awaits: listeners run before the caller goes on
        future.add_done_callback(announce)
        try:
            return await asyncio.shield(future)
        except LibraryError as exc:
            self._heard(exc)
            raise

    def subscribe(self, listener: Callable[[RecordChange], None]) -> Callable[[], None]:
        """`listener(change)` runs on the loop after rows were added, saved or changed (status, favorite,
        trash) or deleted for good, before the call that made the change returns. Returns an unsubscribe.
        """
        return self._changes.subscribe(listener)

    def subscribe_problems(self, listener: Callable[[LibraryError], None]) -> Callable[[], None]:
        """`listener(error)` runs on the loop when the database turns out to need a rebuild (damaged)."""
        return self._problems.subscribe(listener)

    async def _io(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._io_executor, self._typed(fn, *args, **kwargs))

    def path_of(self, record: GenerationRecord) -> Path | None:
        """The absolute path of a record's image, if it has one."""
        return self.images_dir / record.file if record.file else None

    # -- jobs (the engine) --------------------------------------------------------------------------

    def _kept_clean(self, text: str | None) -> str | None:
        """An error sentence as the library stores it: never with the key in it."""
        return redact(text, self.secret) if text else text

    async def add_job(self, record: GenerationRecord) -> GenerationRecord:
        """Record a new job; returns the row as written.

        Its parents are `record.parents`, else the library images its request refers to. An input whose
        bytes are a parent's image is kept in the row as a reference to it (`library:<id>`), not as its
        base64: `resolve_inputs` reads it back when the job is sent.
        """
        if not record.created_at:
            record = record.evolve(created_at=time.time())
        if record.error:
            record = record.evolve(error=self._kept_clean(record.error))
        parents = record.parents or parents_of_request(record.request)
        if parents:
            shas = await self._db(self._store.sha256s, parents)
            request = await self._io(stored_request, record.request, parents, shas)
            record = record.evolve(parents=tuple(parents), request=request)
        await self._db_write(lambda _: (record,), self._store.add, record)
        return record

    async def resolve_inputs(self, request: GenerationRequest) -> GenerationRequest:
        """`request` as it is sent: each library image it refers to (`library:<id>`) replaced by the
        base64 of its file, read off the loop. Raises `InputMissing` (one sentence) for an image that is
        gone or whose file is not the bytes saved; a request without references comes back as it is."""
        refs = {name: ref for name, value in request.params.items() if (ref := library_ref_id(value))}
        if not refs:
            return request
        found = {r.id: r for r in await self._db(self._store.records, list(dict.fromkeys(refs.values())))}
        data: dict[str, str] = {}
        for ref in dict.fromkeys(refs.values()):
            record = found.get(ref)
            path = self.path_of(record) if record is not None else None
            if record is None or path is None:
                raise InputMissing(_("The input image {value} is no longer in the library, so the job was "
                                     "not sent.").format(value=ref[:8]))
            data[ref] = await self._io(read_input, path, record)
        return request.replace(**{name: data[ref] for name, ref in refs.items()})

    async def import_file(self, path: Path | str) -> GenerationRecord:
        """A file from disk as a library image (see `library.imports`): verified, copied byte for byte
        with its sidecar, recorded as done. The same bytes imported again (or an image the library has)
        give the existing item; one in the trash comes back out of it. Raises `ImageRefused` (one
        sentence) for a file that is not a whole PNG, JPEG or WebP, or a typed write error."""
        source = Path(path)
        data, verified = await self._io(read_import, source)
        existing = await self._db(self._store.by_sha256, verified.sha256)
        if existing is not None:
            return await self._kept(existing)
        record = imported_record(verified, source.name)
        assert record.file is not None
        target = self.images_dir / record.file

        def add_unless_known() -> tuple[GenerationRecord, bool]:
            # in one write transaction: of two imports of the same bytes at once, one row is made
            with self._store.transaction(durable=True):
                known = self._store.by_sha256(verified.sha256)
                if known is not None:
                    return known, False
                self._store.add(record)
                return record, True

        def added(result: tuple[GenerationRecord, bool]) -> tuple[GenerationRecord, ...]:
            return (result[0],) if result[1] else ()

        try:
            sidecar = await self._io(_sidecar, record)
            await self._io(write_atomic, sidecar_path(target), sidecar, what=N_("a sidecar"))
            await self._io(write_atomic, target, data)
            row, created = await asyncio.shield(
                self._db_write(added, add_unless_known, failing=_("the imported image"))
            )
        except BaseException:
            await self._io(_remove_image, target)
            raise
        if not created:
            await self._io(_remove_image, target)
            return await self._kept(row)
        log.info("imported %s as %s", source.name, record.id)
        return row

    async def _kept(self, record: GenerationRecord) -> GenerationRecord:
        """An image chosen again: out of the trash, if it was there (its file is still kept)."""
        if record.is_trashed:
            await self.restore([record.id])
            return (await self.get(record.id)) or record
        return record

    async def parents_of(self, job_id: str) -> list[GenerationRecord]:
        """The images a generation was made from, in input order, each once (deleted ones left out)."""
        return await self._db(self._store.parents_of, job_id)

    async def children(self, job_id: str) -> list[GenerationRecord]:
        """The generations made from this image (any state, trashed included), oldest first."""
        return await self._db(self._store.children, job_id)

    async def family(self, job_id: str) -> list[GenerationRecord]:
        """The image itself, its ancestors and its descendants (up to `FAMILY_DEPTH` generations each
        way), oldest first."""
        return await self._db(self._store.family, job_id)

    async def update_job(
        self, job_id: str, *, as_owner: str | None = None, **fields: Any
    ) -> GenerationRecord:
        """Record a change of state (status, task_id, polling_url, submitted_at, ready_at, error...);
        returns the new row. `as_owner`: only if the row is still this owner's, else `NotOwner`. Raises a
        typed `LibraryError` (`LibraryLocked`, `LibraryDiskFull`...)."""
        if fields.get("error"):
            fields["error"] = self._kept_clean(fields["error"])
        return await self._db_write(_one, self._store.update, job_id, as_owner=as_owner, **fields)

    async def find_by_sha256(self, sha256: str) -> GenerationRecord | None:
        """The saved generation whose image has exactly these bytes (recall of an original)."""
        return await self._db(self._store.by_sha256, sha256)

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
        """Verify the delivered bytes, write them unchanged with their sidecar, then mark the job done,
        all or nothing.

        `as_owner`: the row is recorded only if it is still this owner's (else `NotOwner`, no file kept).

        `decoded=True`: the caller has already decoded every pixel (the API client does), so only the
        header, format and size are checked again here.

        Raises `CorruptImage` if the bytes do not decode or are not `width` x `height` (the row is left
        as it was); a `LibraryWriteError` (`LibraryDiskFull`, `LibraryNotWritable`), `LibraryLocked` or
        `LibraryDamaged` if the files or the row cannot be written: then no file is left without a row
        and no row points nowhere, and the same call (same job, same bytes) may be made again later.
        A call for a job already saved with these very bytes returns its row and writes nothing.
        The recorded format is what the bytes are; `fmt` is what was asked for, kept when it differs.
        """
        record = await self._db(self._store.require, job_id)
        if as_owner is not None and record.owner != as_owner:
            raise NotOwner(_(TAKEN_OVER))  # before any file is written: the other owner may be saving it
        expected = (width, height) if width and height else None
        verified = await self._io(verified_image, data, expected, decode=not decoded)
        saved_before = record.status is JobState.DONE and record.sha256 == verified.sha256
        if saved_before and record.file and await self._io(_is_file, self.images_dir / record.file):
            return record  # saved already: a second call for the same bytes changes nothing
        # named in the worker: the naming rule's patterns (the regex module) load and compile there, not
        # on the loop, which is the GUI thread in the window
        rel = await self._io(image_relpath, record.prompt, record.seed, record.id, verified.extension)
        if record.file == rel and record.sha256 != verified.sha256:
            # other bytes under the name a saved row uses: a failure must not take its file with it
            rel = rel.rsplit(".", 1)[0] + f"-{verified.sha256[:6]}.{verified.extension}"
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
            "saved_at": time.time(),
        }
        if ready_at is not None:
            changes["ready_at"] = ready_at
        asked = (fmt or "").lower().replace("jpg", "jpeg")
        if asked and asked != verified.format:
            changes["extra"] = {**record.extra, "asked_format": asked}
        sidecar = await self._io(_sidecar, record.evolve(**changes))  # its writers load in the worker too
        # shielded: once the file is being written, a cancel must not split the file from its row
        saved = await asyncio.shield(self._write_and_record(job_id, data, rel, sidecar, changes, as_owner))
        if record.file and record.file != rel:
            await self._io(_remove_image, self.images_dir / record.file)
        return saved

    async def _write_and_record(
        self, job_id: str, data: bytes, rel: str, sidecar: bytes, changes: dict[str, Any],
        as_owner: str | None = None,
    ) -> GenerationRecord:
        target = self.images_dir / rel
        side = sidecar_path(target)
        try:
            # the sidecar first: an image never exists without its record beside it
            await self._io(write_atomic, side, sidecar)
            await self._io(write_atomic, target, data)
            return await self._db_write(
                _one, self._store.update, job_id, durable=True, failing=_("the image"), as_owner=as_owner,
                **changes
            )
        except BaseException as exc:
            await self._io(_remove_image, target)
            if isinstance(exc, LibraryError):
                log.warning("job %s: the image could not be saved: %s", job_id, exc)
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

    async def warm_up(self) -> None:
        """Load, on the library's own threads, what the first save would otherwise load then (about 40 ms
        holding Python's lock, measured on 2 cores): the window calls it once it is up and idle, so that
        the first results of a batch do not take that lock from the GUI thread while they arrive."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(loop.run_in_executor(self._io_executor, _load_file_writers),
                             loop.run_in_executor(self._db_executor, _load_search_folding))

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

    async def spend(self, since: float) -> float:
        """Credits the provider reported charging for jobs created since `since` (trashed ones too;
        moderated ones are not charged). Jobs whose provider reports no cost count nothing."""

        def total() -> float:
            row = self._store.connection.execute(
                "SELECT COALESCE(SUM(cost), 0) FROM generations "
                "WHERE cost IS NOT NULL AND created_at >= ? AND status != ?",
                (since, JobState.MODERATED.value),
            ).fetchone()
            return float(row[0])

        return await self._db(total)

    # -- health -------------------------------------------------------------------------------------

    async def integrity_check(self) -> str:
        return await self._db(self._store.integrity_check)

    async def check(self, *, hashes: bool = True) -> LibraryCheck:
        """SQLite's integrity check, rows without files, files without rows, files whose bytes are not
        the ones saved (`hashes`: reads every image, on the file pool, not the DB thread)."""
        store = self._store

        def rows() -> tuple[str, list[tuple[str, str | None]]]:
            integrity = integrity_of(store.connection)
            recorded = store.connection.execute(
                "SELECT file, sha256 FROM generations WHERE file IS NOT NULL"
            ).fetchall()
            return integrity, [(str(r[0]), r[1]) for r in recorded]

        integrity, recorded = await self._db(rows)
        missing, stray, mismatched, no_sidecar, files = await self._io(
            compare_files, self.images_dir, recorded, hashes=hashes
        )
        return LibraryCheck(
            integrity, missing, stray, mismatched, no_sidecar, rows=len(recorded), files=files
        )

    async def rebuild(self) -> RebuildReport:
        """Recreate the database from what can be read of it and from the images folder (its sidecars),
        keeping the old one aside; in place, on the DB thread, while this library stays open.

        Views should reload afterwards (no change is announced row by row). Raises `LibraryLocked` when
        another program has the library open (the old database is then used again as it was).
        """
        from fluxdesk.library.rebuild import rebuild_library

        def run() -> RebuildReport:
            self._store.close()
            try:
                return rebuild_library(self.home, lock_timeout=min(self._lock_timeout, 2.0))
            finally:
                self._store = open_store(self.home, lock_timeout=self._lock_timeout)

        return await self._db(run)


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
    """Remove image files (relative names), their sidecars and the month folders they leave empty."""
    removed = 0
    for name in files:
        path = images_dir / name
        removed += _remove_image(path)
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


def _is_file(path: Path) -> bool:
    return path.is_file()


def _remove_image(path: Path) -> bool:
    """Remove an image file and its sidecar; True if the image was there."""
    remove_quietly(sidecar_path(path))
    return remove_quietly(path)
