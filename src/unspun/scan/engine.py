"""The local engine: index the corpus, map the per-document kernel over it with a process pool, aggregate.

Work is handed out in input order and gathered in the same order
(``Pool.imap``), and every aggregate sorts on explicit keys, so the files are
identical however many workers ran. A Spark engine maps the same kernels
(``find_boilerplate``, ``document_links``, then ``finish``) over partitions.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, replace
from functools import partial
from pathlib import Path

from unspun.errors import InputError
from unspun.index.store import DB_NAME, IndexStore, StoredDoc
from unspun.ingest.corpus import Warn, ignore, read_documents
from unspun.scan import aggregate
from unspun.scan.boilerplate import find_boilerplate
from unspun.scan.links import document_links, outlet_of
from unspun.scan.model import DocTrace, ScanSummary
from unspun.scan.output import LinkWriter, read_texts, write_clusters, write_tables
from unspun.settings import Settings, default_settings
from unspun.types import Document, Progress

_STATE: dict[str, object] = {}
# posting ids each worker keeps in memory across documents (4 bytes each: 256 MB)
CACHED_POSTING_IDS = 64_000_000
# characters of source documents each worker keeps (about 2.5 bytes each with their spans: 80 MB)
CACHED_DOCUMENT_CHARS = 32_000_000


def scan_corpus(
    paths: Sequence[str | Path],
    out: str | Path,
    index: str | Path | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    warn: Warn = ignore,
) -> ScanSummary:
    """Scan the documents of ``paths`` for reuse and write the results to the folder ``out``.

    With ``index`` the unspun index there is reused (and the corpus added to it,
    known documents skipped) or created and kept; without it a temporary index
    is built and removed afterwards. ``progress(done, total)`` is called as
    documents are traced. Documents stream from the files into the index and
    traces stream from the workers into ``finish``: only their ids and the
    aggregates' integer facts stay in memory.
    """
    start = time.perf_counter()
    settings = settings or default_settings()
    if not paths:
        raise InputError(
            "nothing to scan",
            "give one or more corpus files (.jsonl, .jsonl.gz, .parquet, .warc, .warc.gz) or folders",
        )
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder", "give a folder for the scan results")
    ids: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="unspun-scan-") as tmp:
        where = Path(index) if index is not None else Path(tmp) / "index"
        store = IndexStore.open(where) if (where / DB_NAME).exists() else IndexStore.create(where, settings)
        try:
            store.add(_noting(read_documents([Path(p) for p in paths], warn=warn), ids), workers=workers)
            if not ids:
                raise InputError(
                    "the corpus holds no readable documents", "check the files: see the warnings above"
                )
            boilerplate = find_boilerplate(
                (
                    (outlet_of(s.doc.outlet, s.doc.url, s.doc.id), [s.doc.text[a:b] for a, b in s.spans])
                    for s in _selected(store, ids)
                ),
                settings.scan,
            )
            traces = _traces(store, where, ids, settings, boilerplate, progress, workers)
            summary = finish(traces, len(boilerplate), out, str(index or ""), settings, "local")
        finally:
            store.close()
    return replace(summary, seconds=round(time.perf_counter() - start, 3))


def _noting(docs: Iterable[Document], ids: set[str]) -> Iterator[Document]:
    for doc in docs:
        ids.add(doc.id)
        yield doc


def _selected(store: IndexStore, ids: set[str]) -> Iterator[StoredDoc]:
    """The corpus's documents in index order: read whole, unless they are a small part of a reused index."""
    if 4 * len(ids) < store.document_count():
        return store.documents_with_ids(ids)
    return (s for s in store.documents() if s.doc.id in ids)


def _traces(
    store: IndexStore,
    where: Path,
    ids: set[str],
    settings: Settings,
    boilerplate: frozenset[int],
    progress: Progress | None,
    workers: int | None,
) -> Iterator[DocTrace]:
    """Every document of the corpus through the kernel, yielded in index order as each is done.

    Work is handed out in that order and gathered in the same order
    (``Pool.imap``), so the traces come out the same whatever the number of
    workers.
    """
    total = len(ids)
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    docs = (s.doc for s in _selected(store, ids))
    try:
        if count <= 1:
            _open_worker(where, settings, boilerplate)
            yield from _counted(map(_kernel, docs), total, progress)
        else:
            context = multiprocessing.get_context("fork")
            with context.Pool(
                count, initializer=_open_worker, initargs=(where, settings, boilerplate)
            ) as pool:
                yield from _counted(pool.imap(_kernel, docs, chunksize=4), total, progress)
    finally:
        opened = _STATE.pop("store", None)
        if isinstance(opened, IndexStore):
            opened.close()
        _STATE.clear()


def _counted(results: Iterator[DocTrace], total: int, progress: Progress | None) -> Iterator[DocTrace]:
    for done, trace in enumerate(results, 1):
        yield trace
        if progress:
            progress(done, total)


def _open_worker(where: Path, settings: Settings, boilerplate: frozenset[int]) -> None:
    """Each worker opens its own read-only view of the index (a connection never crosses a fork)."""
    store = open_for_traces(where)
    _STATE.update(store=store, settings=settings, boilerplate=boilerplate)


def open_for_traces(where: Path) -> IndexStore:
    """The index as a scan's worker reads it: every document traced in turn, with where sentences lie,
    posting lists and source documents kept in memory."""
    store = IndexStore.open(where)
    store.keep_sentence_map()
    store.keep_postings(CACHED_POSTING_IDS)
    store.keep_documents(CACHED_DOCUMENT_CHARS)
    return store


def _kernel(doc: Document) -> DocTrace:
    store, settings, boilerplate = _STATE["store"], _STATE["settings"], _STATE["boilerplate"]
    assert (
        isinstance(store, IndexStore)
        and isinstance(settings, Settings)
        and isinstance(boilerplate, frozenset)
    )
    return document_links(doc, store, settings, boilerplate)


def finish(
    traces: Iterable[DocTrace], boilerplate: int, out: Path, index: str, settings: Settings, engine: str
) -> ScanSummary:
    """The corpus view from every document's kernel output, written to ``out``: shared by every engine.

    Traces are consumed one at a time, in the order given (the files follow
    it): each one's links go straight to links.jsonl/links.parquet and only
    integer facts stay in the aggregate; passage texts are read back from
    links.parquet at the end.
    """
    scan = settings.scan
    out = Path(out)
    view = aggregate.Aggregate(scan)
    with LinkWriter(out) as writer:
        for trace in traces:
            view.add(trace)
            writer.write(trace.links)
    clusters, edges, stats, taken = view.result(partial(read_texts, out / "links.parquet"))
    passages = write_clusters(out, clusters)
    summary = ScanSummary(
        out=str(out),
        index=index,
        engine=engine,
        documents=view.documents,
        outlets=len(stats),
        sentences=view.sentences,
        links=writer.count,
        taken=taken,
        clusters=passages,
        edges=len(edges),
        boilerplate=boilerplate,
        seconds=0.0,
        top=tuple((s.outlet, s.farm_score) for s in stats[:10]),
        settings={k: float(v) for k, v in asdict(scan).items()},
    )
    write_tables(out, edges, stats, summary, settings.digest)
    return summary
