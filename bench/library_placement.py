"""What it costs to place one live result in the gallery's view: `LibraryStore.placements` at 10,000 rows.

    .venv/bin/python bench/library_placement.py [--count 10000] [--repeats 200]

Builds `--count` done generations in a temp dir (rows only: placement never reads an image; bench/
big_library.py's prompts), then times one placement (is the row in the query's results, and at which
index) for a row at the top, the middle and the end of each sort, with and without a search, and for a
row the filter leaves out. It runs on the library's DB thread once per saved or changed record, never on
the GUI thread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import big_library

from fluxdesk.api.request import GenerationRequest
from fluxdesk.library.query import SORTS, HistoryQuery
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.store import LibraryStore, record_to_row


def build(path: Path, count: int) -> list[str]:
    store = LibraryStore(path)
    ids = []
    texts = [prompt for _language, prompt in big_library.prompts(count)]
    columns = list(record_to_row(_record(texts[0], 0)))
    sql = f"INSERT INTO generations ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    with store.transaction():
        for i in range(count):
            record = _record(texts[i], i)
            store.connection.execute(sql, record_to_row(record))
            ids.append(record.id)
    store.close()
    return ids


def _record(prompt: str, i: int) -> GenerationRecord:
    return GenerationRecord(
        id=uuid.uuid4().hex, provider="cometapi", model="flux-dev",
        request=GenerationRequest("flux-dev", prompt, {"seed": i}), status=JobState.DONE,
        created_at=1_700_000_000.0 + i // 3,  # ties on purpose: seq breaks them
        file=f"2024/01/{i}.png", width=1024, height=768, format="png", bytes=1000, sha256=f"{i:064x}",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fluxdesk-placement-") as tmp:
        path = Path(tmp) / "library.sqlite3"
        ids = build(path, args.count)
        store = LibraryStore(path)
        rows = {"newest row": ids[-1], "middle row": ids[len(ids) // 2], "oldest row": ids[0]}
        print(f"placement of one row among {args.count} generations, {args.repeats} repeats each:")
        worst = 0.0
        # a word of the trigram index (few rows: its candidates), one too short for it, one in most rows
        for text in ("", "kite*", "개", "a"):
            for sort in SORTS:
                q = HistoryQuery(text=text, sort=sort)
                for label, row_id in rows.items():
                    times = []
                    for _ in range(args.repeats):
                        t = time.perf_counter()
                        where = store.placements(q, [row_id])[row_id]
                        times.append(time.perf_counter() - t)
                    p99 = sorted(times)[int(0.99 * (len(times) - 1))]
                    worst = max(worst, p99)
                    what = f"search {text!r}, " if text else ""
                    print(f"  {what}{sort:7} {label:11} -> {where!s:>5}   "
                          f"p50 {statistics.median(times) * 1000:6.2f} ms   p99 {p99 * 1000:6.2f} ms")
        q = HistoryQuery(favorites=True)
        times = []
        for _ in range(args.repeats):
            t = time.perf_counter()
            store.placements(q, [ids[-1]])
            times.append(time.perf_counter() - t)
        print(f"  not in the results (favorites only)   p50 {statistics.median(times) * 1000:6.2f} ms")
        print(f"worst p99: {worst * 1000:.2f} ms (per live result, on the DB thread)")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
