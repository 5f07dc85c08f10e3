"""Why a scan's cost per document grows with the corpus: the work each document asks for, and its unit cost.

Run: .venv/bin/python bench/scan_work.py INDEX [INDEX ...] [--documents 400] [--at 0.7]
     (an index from `unspun index build`, or `bench/scan_speed.py --build CORPUS INDEX`)

One process, the scan worker's view of each index (``open_for_traces``); the
``--documents`` documents that follow the ``--at`` share of the index's order
are traced with the scan's kernel, after 20 warm-up documents. Counted per
document: sentences, candidates retrieved, tied queries, alignments made
(retrieved candidates and the context rescue's), links kept; timed: CPU ms per
document and per alignment. Comparing two corpus sizes at the same relative
position tells growth in the work asked for (more carriers of each sentence)
from growth in what each unit of work costs. Prints one JSON line per index.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import Counter
from pathlib import Path

from unspun import pipeline
from unspun.align.wordalign import WordAlignment
from unspun.index import retrieve
from unspun.index.store import IndexStore
from unspun.scan.engine import open_for_traces
from unspun.scan.links import document_links
from unspun.settings import RetrieveSettings, default_settings
from unspun.types import Token


def _count(index: Path, documents: int, at: float) -> dict[str, object]:
    counts: Counter[str] = Counter()
    align, find = pipeline.align_tokens, pipeline.retrieve

    def counted_align(article: tuple[Token, ...], source: tuple[Token, ...]) -> WordAlignment:
        counts["alignments"] += 1
        return align(article, source)

    def counted_find(
        store: IndexStore, queries: list[set[str]], settings: RetrieveSettings
    ) -> list[list[retrieve.Hit]]:
        found = find(store, queries, settings)
        counts["sentences"] += len(queries)
        counts["candidates"] += sum(len(hits) for hits in found)
        counts["tied"] += sum(retrieve._tied(hits, settings.candidates) for hits in found)
        return found

    settings = default_settings()
    store = open_for_traces(index)
    try:
        start = int(at * store.document_count())
        docs = [s.doc for s in itertools.islice(store.documents(), start, start + 20 + documents)]
        for doc in docs[:20]:
            document_links(doc, store, settings, frozenset())
        pipeline.align_tokens, pipeline.retrieve = counted_align, counted_find
        cpu = time.process_time()
        for doc in docs[20:]:
            counts["links"] += len(document_links(doc, store, settings, frozenset()).links)
        cpu = time.process_time() - cpu
        total = store.document_count()
    finally:
        pipeline.align_tokens, pipeline.retrieve = align, find
        store.close()
    n = len(docs) - 20
    per_doc = {f"{k}_per_doc": round(v / n, 2) for k, v in sorted(counts.items())}
    return {
        "index": str(index),
        "index_documents": total,
        "traced": n,
        "from": start + 20,
        **per_doc,
        "cpu_ms_per_doc": round(1000 * cpu / n, 2),
        "cpu_us_per_alignment": round(1e6 * cpu / max(counts["alignments"], 1), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("indexes", nargs="+", type=Path)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--at", type=float, default=0.7, help="where in the index's order to start (0-1)")
    args = parser.parse_args()
    for index in args.indexes:
        print(json.dumps(_count(index, args.documents, args.at)), flush=True)


if __name__ == "__main__":
    main()
