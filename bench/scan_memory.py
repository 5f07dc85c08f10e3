"""Peak memory and CPU of the scan's two corpus-wide steps in the main process: boilerplate and passages.

Run: .venv/bin/python bench/scan_memory.py boilerplate INDEX
     .venv/bin/python bench/scan_memory.py passages [--documents 200000]

``boilerplate``: ``find_boilerplate`` over every document of an index (as
``scan_corpus`` feeds it), in this process; prints CPU seconds, the number of
keys (and a digest of them, to compare versions) and the peak RSS.

``passages``: an ``Aggregate`` fed ``--documents`` invented traces (five links
each to random earlier documents within 50,000, 400 outlets, 3,000 documents a
day), then its passages built and written with the scan's own writer; prints
the peak RSS before and after that result phase, its CPU seconds and a digest
of clusters.jsonl (the same for the same ``--documents`` whatever the
version: compare it across commits).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from unspun.index.store import IndexStore
from unspun.scan.aggregate import Aggregate
from unspun.scan.boilerplate import find_boilerplate
from unspun.scan.links import outlet_of
from unspun.scan.model import DocTrace, Link
from unspun.scan.output import write_clusters
from unspun.settings import default_settings

TEXT = "An invented sentence of about eighty characters, as a news sentence might hold."


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def boilerplate(index: Path) -> dict[str, object]:
    store = IndexStore.open(index)
    try:
        cpu = time.process_time()
        found = find_boilerplate(
            (
                (outlet_of(s.doc.outlet, s.doc.url, s.doc.id), [s.doc.text[a:b] for a, b in s.spans])
                for s in store.documents()
            ),
            default_settings().scan,
        )
        cpu = time.process_time() - cpu
    finally:
        store.close()
    digest = hashlib.sha256(str(sorted(found)).encode()).hexdigest()[:12]
    return {
        "step": "boilerplate",
        "cpu_seconds": round(cpu, 1),
        "keys": len(found),
        "digest": digest,
        "peak_mb": _peak_mb(),
    }


def passages(documents: int) -> dict[str, object]:
    rng = random.Random(5)
    first_day = dt.date(2024, 1, 1)
    view = Aggregate(default_settings().scan)
    links = 0
    for d in range(documents):
        day = first_day + dt.timedelta(days=d // 3000)
        made = []
        for k in range(5 if d >= 10 else 0):
            s = rng.randrange(max(0, d - 50_000), d)
            made.append(
                Link(
                    f"doc{s:07d}", rng.randrange(8), f"o{s % 400}", first_day + dt.timedelta(days=s // 3000),
                    f"doc{d:07d}", k, f"o{d % 400}", day,
                    "copied", 1.0, True, "before", (), "", TEXT, TEXT,
                )
            )  # fmt: skip
        links += len(made)
        view.add(DocTrace(f"doc{d:07d}", f"o{d % 400}", day, 8, tuple(made), (), ()))
    before = _peak_mb()
    cpu = time.process_time()
    clusters, _, _, _ = view.result(lambda wanted: dict.fromkeys(wanted, TEXT))
    with tempfile.TemporaryDirectory() as tmp:
        count = write_clusters(Path(tmp), clusters)
        cpu = time.process_time() - cpu
        after = _peak_mb()
        digest, members = hashlib.sha256(), 0
        with (Path(tmp) / "clusters.jsonl").open("rb") as fh:
            for line in fh:
                digest.update(line)
                members += json.loads(line)["size"]
    return {
        "step": "passages",
        "links": links,
        "linked_sentences": members,
        "clusters": count,
        "peak_mb_before": before,
        "peak_mb_after": after,
        "cpu_seconds": round(cpu, 1),
        "digest": digest.hexdigest()[:12],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("boilerplate").add_argument("index", type=Path)
    steps.add_parser("passages").add_argument("--documents", type=int, default=200_000)
    args = parser.parse_args()
    row = boilerplate(args.index) if args.step == "boilerplate" else passages(args.documents)
    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
