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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path

from unspun.errors import InputError
from unspun.index.store import DB_NAME, IndexStore, StoredDoc
from unspun.ingest.corpus import read_documents
from unspun.scan import aggregate
from unspun.scan.boilerplate import find_boilerplate
from unspun.scan.links import document_links, outlet_of
from unspun.scan.model import DocTrace, ScanSummary
from unspun.scan.output import write_outputs
from unspun.settings import ScanSettings, Settings, default_settings
from unspun.types import Document

Progress = Callable[[int, int], None]
Warn = Callable[[str], None]

_STATE: dict[str, object] = {}


def _quiet(_: str) -> None:
    return None


def scan_corpus(
    paths: Sequence[str | Path],
    out: str | Path,
    index: str | Path | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    warn: Warn = _quiet,
) -> ScanSummary:
    """Scan the documents of ``paths`` for reuse and write the results to the folder ``out``.

    With ``index`` the unspun index there is reused (and the corpus added to it,
    known documents skipped) or created and kept; without it a temporary index
    is built and removed afterwards. ``progress(done, total)`` is called as
    documents are traced.
    """
    start = time.perf_counter()
    settings = settings or default_settings()
    scan = settings.scan
    if not paths:
        raise InputError("nothing to scan", "give one or more corpus files (.jsonl, .jsonl.gz) or folders")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder", "give a folder for the scan results")
    docs = list(read_documents([Path(p) for p in paths], warn=warn))
    if not docs:
        raise InputError("the corpus holds no readable documents", "check the files: see the warnings above")
    with tempfile.TemporaryDirectory(prefix="unspun-scan-") as tmp:
        where = Path(index) if index is not None else Path(tmp) / "index"
        store = IndexStore.open(where) if (where / DB_NAME).exists() else IndexStore.create(where, settings)
        try:
            store.add(docs, workers=workers)
            ids = {d.id for d in docs}
            del docs
            traces, boilerplate = _trace_all(store, where, ids, settings, scan, progress, workers)
        finally:
            store.close()
    summary = finish(traces, boilerplate, out, str(index or ""), settings, "local")
    return replace(summary, seconds=round(time.perf_counter() - start, 3))


def _selected(store: IndexStore, ids: set[str]) -> Iterator[StoredDoc]:
    return (s for s in store.documents() if s.doc.id in ids)


def _trace_all(
    store: IndexStore,
    where: Path,
    ids: set[str],
    settings: Settings,
    scan: ScanSettings,
    progress: Progress | None,
    workers: int | None,
) -> tuple[list[DocTrace], int]:
    """Boilerplate first (it needs the whole corpus), then every document through the kernel, in order."""
    boilerplate = find_boilerplate(
        (
            (outlet_of(s.doc.outlet, s.doc.url, s.doc.id), [s.doc.text[a:b] for a, b in s.spans])
            for s in _selected(store, ids)
        ),
        scan,
    )
    total = len(ids)
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    docs = (s.doc for s in _selected(store, ids))
    traces: list[DocTrace] = []
    if count <= 1:
        _open_worker(where, settings, boilerplate)
        results: Iterator[DocTrace] = map(_kernel, docs)
        traces = _collect(results, total, progress)
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(count, initializer=_open_worker, initargs=(where, settings, boilerplate)) as pool:
            traces = _collect(pool.imap(_kernel, docs, chunksize=4), total, progress)
    opened = _STATE.pop("store", None)
    if isinstance(opened, IndexStore):
        opened.close()
    _STATE.clear()
    return traces, len(boilerplate)


def _collect(results: Iterator[DocTrace], total: int, progress: Progress | None) -> list[DocTrace]:
    traces = []
    for done, trace in enumerate(results, 1):
        traces.append(trace)
        if progress:
            progress(done, total)
    return traces


def _open_worker(where: Path, settings: Settings, boilerplate: frozenset[int]) -> None:
    """Each worker opens its own read-only view of the index (a connection never crosses a fork)."""
    _STATE.update(store=IndexStore.open(where), settings=settings, boilerplate=boilerplate)


def _kernel(doc: Document) -> DocTrace:
    store, settings, boilerplate = _STATE["store"], _STATE["settings"], _STATE["boilerplate"]
    assert (
        isinstance(store, IndexStore)
        and isinstance(settings, Settings)
        and isinstance(boilerplate, frozenset)
    )
    return document_links(doc, store, settings, boilerplate)


def finish(
    traces: Sequence[DocTrace], boilerplate: int, out: Path, index: str, settings: Settings, engine: str
) -> ScanSummary:
    """The corpus view from every document's kernel output, written to ``out``: shared by every engine."""
    scan = settings.scan
    links = [x for t in traces for x in t.links]
    clusters = aggregate.clusters(links)
    edges = aggregate.graph(links)
    stats = aggregate.outlet_stats(traces, scan)
    summary = ScanSummary(
        out=str(out),
        index=index,
        engine=engine,
        documents=len(traces),
        outlets=len(stats),
        sentences=sum(t.sentences for t in traces),
        links=len(links),
        taken=sum(1 for x in links if x.origin),
        clusters=len(clusters),
        edges=len(edges),
        boilerplate=boilerplate,
        seconds=0.0,
        top=tuple((s.outlet, s.farm_score) for s in stats[:10]),
        settings={k: float(v) for k, v in asdict(scan).items()},
    )
    write_outputs(out, links, clusters, edges, stats, summary, settings.digest)
    return summary
