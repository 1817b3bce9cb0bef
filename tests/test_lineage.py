"""Lineage in the library: parents and children both ways, imports, library references in the rows and
their resolution at send time, the family walk, sidecars and rebuild carrying parents.

The engine tests run over real sockets against the simulator (which renders edits from their inputs).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import socket
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from engine_sim import fast_client
from library_helpers import image_bytes, make_record

from fluxdesk.api.catalog import Catalog, default_catalog
from fluxdesk.api.refs import library_ref, referenced_ids
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.draft import Draft, ImageSource, load_all, load_pending
from fluxdesk.draft.edit import draft_parents
from fluxdesk.engine import Engine
from fluxdesk.library.errors import ImageRefused
from fluxdesk.library.files import sidecar_path
from fluxdesk.library.imports import IMPORTED_MODEL, LOCAL_PROVIDER
from fluxdesk.library.library import Library
from fluxdesk.library.lineage import FAMILY_DEPTH
from fluxdesk.library.query import HistoryQuery
from fluxdesk.library.rebuild import rebuild_library
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.schema import MIGRATIONS, migrate
from fluxdesk.library.store import LibraryStore
from fluxdesk.sim.server import SimConfig, SimServer


@pytest.fixture
def cat() -> Catalog:
    return default_catalog()


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib")
    yield lib
    await lib.close()


@pytest_asyncio.fixture
async def server() -> AsyncIterator[SimServer]:
    sim = SimServer(SimConfig(latency=0.2))
    sim.start()
    yield sim
    sim.stop()


def _file(folder: Path, name: str, size: tuple[int, int], color: tuple[int, int, int]) -> Path:
    path = folder / name
    path.write_bytes(image_bytes(*size, color=color))
    return path


async def _imported(library: Library, tmp_path: Path, name: str, color: tuple[int, int, int],
                    size: tuple[int, int] = (96, 64)) -> GenerationRecord:
    return await library.import_file(_file(tmp_path, name, size, color))


def _b64(library: Library, record: GenerationRecord) -> str:
    path = library.path_of(record)
    assert path is not None
    return base64.b64encode(path.read_bytes()).decode("ascii")


def _submits(sim: SimServer) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in sim.received if r.route == "submit"]


# -- imports -----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_imported_file_is_a_done_item_kept_byte_for_byte(library: Library, tmp_path: Path) -> None:
    source = _file(tmp_path, "holiday photo.png", (120, 80), (10, 200, 90))
    record = await library.import_file(source)
    assert record.status is JobState.DONE and record.model == IMPORTED_MODEL
    assert record.provider == LOCAL_PROVIDER and (record.width, record.height) == (120, 80)
    path = library.path_of(record)
    assert path is not None and path.read_bytes() == source.read_bytes()
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert record.extra["imported_from"] == "holiday photo.png"
    assert str(tmp_path) not in sidecar_path(path).read_text()  # the name, never the path
    assert await library.get(record.id) == record
    assert [r.id for r in await library.query(HistoryQuery())] == [record.id]


@pytest.mark.asyncio
async def test_the_same_bytes_imported_twice_are_one_item(library: Library, tmp_path: Path) -> None:
    first = await library.import_file(_file(tmp_path, "a.png", (50, 40), (1, 2, 3)))
    copy = tmp_path / "elsewhere.png"
    copy.write_bytes((tmp_path / "a.png").read_bytes())
    again = await library.import_file(copy)
    assert again.id == first.id
    both = await asyncio.gather(library.import_file(copy), library.import_file(tmp_path / "a.png"))
    assert {r.id for r in both} == {first.id}
    assert await library.count(HistoryQuery()) == 1
    await library.trash(first.id)
    back = await library.import_file(copy)  # chosen again: out of the trash
    assert back.id == first.id and not back.is_trashed


@pytest.mark.asyncio
async def test_an_image_the_library_made_is_found_not_imported(library: Library, tmp_path: Path) -> None:
    made = make_record()
    await library.add_job(made)
    data = image_bytes(64, 48)
    saved = await library.save_result(made.id, data, width=64, height=48, fmt="png")
    export = tmp_path / "exported.png"
    export.write_bytes(data)
    assert (await library.import_file(export)).id == saved.id


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("notes.png", b"these are words, not pixels\n" * 20, "is not a whole PNG, JPEG or WebP image"),
        ("cut.png", image_bytes(200, 200)[:300], "is not a whole PNG, JPEG or WebP image"),
        ("anim.gif", b"GIF89a" + b"\x00" * 200, "is not a whole PNG, JPEG or WebP image"),
    ],
)
async def test_a_bad_file_is_refused_in_one_sentence(
    library: Library, tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImageRefused) as caught:
        await library.import_file(path)
    text = str(caught.value)
    assert said in text and text.startswith(name) and text.count(". ") == 0 and "\n" not in text
    assert await library.count(HistoryQuery(include_trashed=True, only_done=False)) == 0
    assert not [p for p in library.images_dir.rglob("*") if p.is_file()]


@pytest.mark.asyncio
async def test_a_folder_or_a_missing_file_is_refused_plainly(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ImageRefused, match="is a folder, not a regular file; it was not imported"):
        await library.import_file(tmp_path)
    with pytest.raises(ImageRefused, match="cannot be read"):
        await library.import_file(tmp_path / "gone.png")


# -- parents and children, both ways --------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_flux2_edit_through_the_engine_records_its_parents_both_ways(
    library: Library, server: SimServer, tmp_path: Path, cat: Catalog
) -> None:
    """A FLUX.2 edit of one image with two references, made through the engine against the simulator."""
    source = await _imported(library, tmp_path, "in.png", (200, 30, 30), (160, 96))
    ref1 = await _imported(library, tmp_path, "ref1.png", (30, 200, 30))
    ref2 = await _imported(library, tmp_path, "ref2.png", (30, 30, 200))
    draft = Draft(cat, "flux-2-pro")
    draft.set_prompt("make it evening")
    for i, record in enumerate((source, ref1, ref2)):
        draft.set_input(i, ImageSource.library(record.id))
    await _load(library, draft)
    requests = draft.requests()
    engine = Engine(fast_client(server.base_url), library, catalog=cat)
    try:
        (job,) = engine.enqueue_many(requests, parents=draft.parents())
        done = await engine.wait(job.id)
    finally:
        await engine.aclose()
    assert done.state is JobState.DONE, done.error
    child = done.current
    assert child.parents == (source.id, ref1.id, ref2.id)
    assert (child.width, child.height) == (160, 96)  # no size sent: the input's own
    (body,) = _submits(server)
    assert "width" not in body and "height" not in body
    assert body["input_image"] == _b64(library, source) and body["input_image_2"] == _b64(library, ref1)
    assert body["input_image_3"] == _b64(library, ref2)
    # both ways, from a fresh read of the library
    assert (await library.get(child.id)).parents == (source.id, ref1.id, ref2.id)  # type: ignore[union-attr]
    assert [r.id for r in await library.parents_of(child.id)] == [source.id, ref1.id, ref2.id]
    assert [r.id for r in await library.children(source.id)] == [child.id]
    assert [r.id for r in await library.children(ref2.id)] == [child.id]
    assert await library.children(child.id) == []
    # the row keeps references, not the images
    assert child.request.params["input_image"] == library_ref(source.id)
    assert referenced_ids(child.request.params) == [source.id, ref1.id, ref2.id]


async def _load(library: Library, draft: Draft) -> None:
    """The window's loader, with the library's files for its library images."""

    async def file_of(record_id: str) -> Path | None:
        record = await library.get(record_id)
        return library.path_of(record) if record is not None else None

    await load_pending(draft, file_of)


@pytest.mark.asyncio
async def test_file_inputs_are_imported_when_the_job_is_made(
    library: Library, tmp_path: Path, cat: Catalog
) -> None:
    draft = Draft(cat, "flux-kontext-pro")
    draft.set_prompt("add a hat")
    draft.set_input(0, ImageSource.file(_file(tmp_path, "cat.png", (80, 80), (120, 120, 0))))
    draft.set_input(1, ImageSource.url("https://example.com/ref.png"))
    load_all(draft)
    before = draft.requests()[0]
    parents = await draft_parents(draft, library)
    (imported,) = await library.query(HistoryQuery())
    assert parents == [imported.id] and imported.model == IMPORTED_MODEL
    assert draft.inputs[0] is not None and draft.inputs[0].source == ImageSource.library(imported.id)
    assert draft.requests()[0].params["input_image"] == before.params["input_image"]  # nothing read again
    assert draft.pending_loads() == []
    assert await draft_parents(draft, library) == parents  # once imported, it stays that item


@pytest.mark.asyncio
async def test_the_mask_is_no_parent(library: Library, tmp_path: Path, cat: Catalog) -> None:
    image = await _imported(library, tmp_path, "in.png", (8, 8, 8), (64, 48))
    mask = await _imported(library, tmp_path, "mask.png", (255, 255, 255), (64, 48))
    draft = Draft(cat, "flux-pro-1.0-fill")
    draft.set_input(0, ImageSource.library(image.id))
    draft.set_mask(ImageSource.library(mask.id))
    assert draft.parents() == [image.id]


# -- the rows: references, not megabytes ---------------------------------------------------------------


def _row_request_bytes(library: Library, record_id: str) -> int:
    conn = sqlite3.connect(library.db_path)
    try:
        sql = "SELECT length(request) FROM generations WHERE id = ?"
        return int(conn.execute(sql, (record_id,)).fetchone()[0])
    finally:
        conn.close()


@pytest.mark.asyncio
async def test_an_eight_reference_edit_row_keeps_references_not_base64(
    library: Library, tmp_path: Path, cat: Catalog
) -> None:
    refs = [await _imported(library, tmp_path, f"r{i}.png", (i * 30, 90, 200 - i * 20), (256, 256))
            for i in range(8)]
    params: dict[str, Any] = {"seed": 7}
    for i, ref in enumerate(refs):
        params["input_image" if i == 0 else f"input_image_{i + 1}"] = _b64(library, ref)
    request = build_request(cat, "flux-2-pro", "all of them together", params)
    inline = await library.add_job(make_record(model="flux-2-pro").evolve(request=request))
    with_parents = await library.add_job(
        make_record(model="flux-2-pro").evolve(request=request, parents=tuple(r.id for r in refs))
    )
    before, after = _row_request_bytes(library, inline.id), _row_request_bytes(library, with_parents.id)
    total_b64 = sum(len(v) for k, v in request.params.items() if k.startswith("input_image"))
    assert before > total_b64 and after < 1000, (before, after)
    assert with_parents.request.params["input_image_8"] == library_ref(refs[7].id)
    # and it is the same request once resolved for sending
    assert await library.resolve_inputs(with_parents.request) == request


@pytest.mark.asyncio
async def test_only_the_very_bytes_of_a_parent_become_a_reference(
    library: Library, tmp_path: Path, cat: Catalog
) -> None:
    parent = await _imported(library, tmp_path, "p.png", (1, 100, 1))
    other = base64.b64encode(image_bytes(96, 64, color=(9, 9, 9))).decode()
    request = build_request(cat, "flux-kontext-pro", "x", {"input_image": other, "seed": 1})
    row = await library.add_job(make_record(model="flux-kontext-pro").evolve(request=request,
                                                                             parents=(parent.id,)))
    assert row.request.params["input_image"] == other  # not the parent's bytes: kept as they are
    assert row.parents == (parent.id,)


@pytest.mark.asyncio
async def test_a_queued_edit_survives_a_restart_and_is_sent_with_the_parents_bytes(
    tmp_path: Path, server: SimServer, cat: Catalog
) -> None:
    home = tmp_path / "lib"
    library = await Library.open(home)
    parent = await _imported(library, tmp_path, "in.png", (250, 120, 0), (128, 96))
    request = build_request(cat, "flux-kontext-pro", "paint it", {"input_image": _b64(library, parent),
                                                                 "seed": 5})
    with socket.socket() as probe:  # a port nothing listens on: the submit surely never leaves
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    first = Engine(fast_client(dead, attempts=1), library, catalog=cat)
    job = first.enqueue(request, parents=[parent.id])
    stopped = await first.wait(job.id)
    assert stopped.state is JobState.UNSENT
    await first.aclose()
    await library.close()  # the process ends ("a crash"): the row is all that is left

    library = await Library.open(home)
    try:
        row = await library.get(job.id)
        assert row is not None and row.request.params["input_image"] == library_ref(parent.id)
        second = Engine(fast_client(server.base_url), library, catalog=cat)
        try:
            (resumed,) = await second.resume()
            done = await second.wait(resumed.id)
        finally:
            await second.aclose()
        assert done.state is JobState.DONE, done.error
        (body,) = _submits(server)
        assert body["input_image"] == _b64(library, parent)
        assert done.current.parents == (parent.id,)
        assert [c.id for c in await library.children(parent.id)] == [job.id]
    finally:
        await library.close()


@pytest.mark.asyncio
async def test_a_job_whose_parent_is_gone_fails_plainly_and_sends_nothing(
    library: Library, tmp_path: Path, server: SimServer, cat: Catalog
) -> None:
    parent = await _imported(library, tmp_path, "in.png", (0, 0, 0))
    stored = GenerationRequest("flux-kontext-pro", "x", {"input_image": library_ref(parent.id), "seed": 3,
                                                          "output_format": "png"})
    queued = make_record(model="flux-kontext-pro").evolve(request=stored, status=JobState.UNSENT)
    await library.add_job(queued)
    await library.trash(parent.id)
    await library.empty_trash()
    engine = Engine(fast_client(server.base_url), library, catalog=cat)
    try:
        (job,) = await engine.resume()
        done = await engine.wait(job.id)
    finally:
        await engine.aclose()
    assert done.state is JobState.FAILED and done.error_code == "input_missing"
    said = f"The input image {parent.id[:8]} is no longer in the library, so the job was not sent."
    assert done.error == said
    assert _submits(server) == []


@pytest.mark.asyncio
async def test_variations_of_an_edit_keep_its_parents(
    library: Library, tmp_path: Path, server: SimServer, cat: Catalog
) -> None:
    parent = await _imported(library, tmp_path, "in.png", (40, 40, 160), (96, 64))
    stored = GenerationRequest("flux-kontext-pro", "x", {"input_image": library_ref(parent.id), "seed": 3,
                                                          "output_format": "png"})
    edit = await library.add_job(make_record(model="flux-kontext-pro").evolve(request=stored))
    requests = Draft(cat).variations(edit, count=2)
    assert all(r.params["input_image"] == library_ref(parent.id) for r in requests)
    engine = Engine(fast_client(server.base_url), library, catalog=cat)
    try:
        jobs = engine.enqueue_many(requests)  # no parents given: the references name them
        done = [await engine.wait(j.id) for j in jobs]
    finally:
        await engine.aclose()
    assert [d.state for d in done] == [JobState.DONE, JobState.DONE]
    assert all(d.current.parents == (parent.id,) for d in done)
    assert all(b["input_image"] == _b64(library, parent) for b in _submits(server))


@pytest.mark.asyncio
async def test_use_these_settings_puts_the_parents_back_as_library_images(
    library: Library, tmp_path: Path, cat: Catalog
) -> None:
    a = await _imported(library, tmp_path, "a.png", (1, 1, 1))
    b = await _imported(library, tmp_path, "b.png", (2, 2, 2))
    stored = GenerationRequest("flux-2-pro", "both", {"input_image": library_ref(a.id),
                                                       "input_image_2": library_ref(b.id), "seed": 3})
    draft = Draft(cat)
    assert draft.use_request(stored)
    assert [i.source for i in draft.inputs if i is not None] == [ImageSource.library(a.id),
                                                                   ImageSource.library(b.id)]
    assert draft.parents() == [a.id, b.id]


# -- the family ------------------------------------------------------------------------------------------


async def _child(library: Library, parents: tuple[str, ...], at: float) -> GenerationRecord:
    record = make_record(status=JobState.DONE, created_at=at).evolve(parents=parents)
    return await library.add_job(record)


@pytest.mark.asyncio
async def test_the_family_is_ancestors_and_descendants(library: Library, tmp_path: Path) -> None:
    root = await library.add_job(make_record(status=JobState.DONE, created_at=1.0))
    ref = await library.add_job(make_record(status=JobState.DONE, created_at=2.0))
    edit = await _child(library, (root.id, ref.id), 3.0)
    sibling = await _child(library, (root.id,), 4.0)
    grandchild = await _child(library, (edit.id,), 5.0)
    stranger = await library.add_job(make_record(status=JobState.DONE, created_at=6.0))
    family = [r.id for r in await library.family(edit.id)]
    assert family == [root.id, ref.id, edit.id, grandchild.id]  # oldest first; no siblings, no strangers
    assert [r.id for r in await library.family(root.id)] == [root.id, edit.id, sibling.id, grandchild.id]
    q = HistoryQuery(family=edit.id, sort="oldest")
    assert [r.id for r in await library.query(q)] == family
    assert await library.count(q) == 4
    assert await library.placements(q, [grandchild.id, stranger.id]) == {grandchild.id: 3, stranger.id: None}
    assert await library.family("0" * 32) == []


@pytest.mark.asyncio
async def test_a_loop_in_a_damaged_database_cannot_hang_the_family(library: Library) -> None:
    a = await library.add_job(make_record(status=JobState.DONE, created_at=1.0))
    b = await _child(library, (a.id,), 2.0)
    conn = sqlite3.connect(library.db_path)
    conn.execute("INSERT INTO lineage (child, position, parent) VALUES (?, 0, ?)", (a.id, b.id))
    conn.commit()
    conn.close()
    assert {r.id for r in await asyncio.wait_for(library.family(a.id), 10)} == {a.id, b.id}


@pytest.mark.asyncio
async def test_a_chain_longer_than_the_bound_stops_there(library: Library) -> None:
    chain = [await library.add_job(make_record(status=JobState.DONE, created_at=1.0))]
    for i in range(FAMILY_DEPTH + 3):
        chain.append(await _child(library, (chain[-1].id,), 2.0 + i))
    assert len(await library.family(chain[0].id)) == FAMILY_DEPTH + 1


@pytest.mark.asyncio
async def test_a_child_deleted_for_good_takes_its_lineage_rows_with_it(library: Library) -> None:
    parent = await library.add_job(make_record(status=JobState.DONE, created_at=1.0))
    child = await _child(library, (parent.id,), 2.0)
    await library.trash(child.id)
    assert [c.id for c in await library.children(parent.id)] == [child.id]  # trashed: still its child
    await library.empty_trash()
    assert await library.children(parent.id) == []
    conn = sqlite3.connect(library.db_path)
    assert conn.execute("SELECT count(*) FROM lineage").fetchone()[0] == 0
    conn.close()


# -- migration, sidecars, rebuild -------------------------------------------------------------------


def test_the_migration_gives_existing_rows_no_parents(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:5])
    conn.execute(
        "INSERT INTO generations (id, provider, model, request, prompt, status, created_at) "
        "VALUES ('aaaaaaaabbbbbbbb', 'cometapi', 'flux-dev', ?, 'old', 'done', 1.0)",
        (GenerationRequest("flux-dev", "old", {"seed": 1}).to_json(),),
    )
    conn.close()
    store = LibraryStore(path)
    try:
        (row,) = store.query(HistoryQuery())
        assert row.parents == () and store.children(row.id) == []
        plan = " ".join(str(r[3]) for r in store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT child FROM lineage WHERE parent = ?", ("x",)))
        assert "idx_lineage_parent" in plan
    finally:
        store.close()


async def _saved_edit(library: Library, tmp_path: Path) -> tuple[GenerationRecord, GenerationRecord]:
    parent = await _imported(library, tmp_path, "in.png", (100, 0, 100), (64, 48))
    stored = GenerationRequest("flux-kontext-pro", "x", {"input_image": library_ref(parent.id), "seed": 3,
                                                          "output_format": "png"})
    child = await library.add_job(make_record(model="flux-kontext-pro").evolve(request=stored,
                                                                              parents=(parent.id,)))
    saved = await library.save_result(child.id, image_bytes(64, 48, color=(5, 5, 5)), width=64, height=48,
                                      fmt="png")
    return parent, saved


@pytest.mark.asyncio
async def test_the_sidecar_carries_the_parents_and_the_references(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "lib") as library:
        parent, child = await _saved_edit(library, tmp_path)
        path = library.path_of(child)
    assert path is not None
    doc = json.loads(sidecar_path(path).read_text())
    assert doc["record"]["parents"] == [parent.id]
    assert doc["request"]["params"]["input_image"] == library_ref(parent.id)


@pytest.mark.asyncio
@pytest.mark.parametrize("database", ["kept", "lost"])
async def test_rebuild_restores_the_parents(tmp_path: Path, database: str) -> None:
    home = tmp_path / "lib"
    async with await Library.open(home) as library:
        parent, child = await _saved_edit(library, tmp_path)
    if database == "lost":
        for name in ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"):
            (home / name).unlink(missing_ok=True)
    report = await asyncio.to_thread(rebuild_library, home)
    assert report.records == 2
    async with await Library.open(home) as library:
        back = await library.get(child.id)
        assert back is not None and back.parents == (parent.id,)
        assert back.request.params["input_image"] == library_ref(parent.id)
        assert [c.id for c in await library.children(parent.id)] == [child.id]
        imported = await library.get(parent.id)
        assert imported is not None and imported.model == IMPORTED_MODEL
        assert await library.resolve_inputs(back.request) != back.request  # its image is found again


@pytest.mark.asyncio
async def test_library_references_are_valid_inputs_and_never_base64(cat: Catalog) -> None:
    ref = library_ref("0123456789abcdef0123456789abcdef")
    request = build_request(cat, "flux-kontext-pro", "x", {"input_image": ref})
    assert request.params["input_image"] == ref
    with pytest.raises(Exception, match="must be an image"):
        build_request(cat, "flux-kontext-pro", "x", {"input_image": "library:NOT-AN-ID!"})


@pytest.mark.asyncio
async def test_jobs_without_inputs_are_untouched(library: Library) -> None:
    record = await library.add_job(make_record())
    assert record.parents == () and (await library.get(record.id)) == record


@pytest.mark.asyncio
async def test_an_imported_image_is_exported_without_any_claim_of_being_made(
    library: Library, tmp_path: Path
) -> None:
    from fluxdesk.library.export import ExportOptions, export_records
    from fluxdesk.library.recall import read_metadata

    record = await _imported(library, tmp_path, "photo.png", (30, 60, 90), (64, 48))
    result = await asyncio.to_thread(
        export_records, [record], library.images_dir, ExportOptions(to=tmp_path / "out", format="png")
    )
    assert result.ok, result.errors
    (written,) = result.written
    data = written.path.read_bytes()
    assert b"AlgorithmicMedia" not in data and b"fluxdesk" not in data
    assert read_metadata(written.path).source == "none"
