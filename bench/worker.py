"""The measured phases, each run by ``bench/run.py`` in a fresh child process.

``build``    unspun index build from a JSONL corpus, as ``unspun index build`` does it.
``trace``    open the index once, warm up, then time traces one by one in-process.
``baseline`` the same corpus and articles through datasketch MinHashLSH
             (word 5-gram shingles per sentence, 128 permutations, threshold 0.5).

Each phase writes a JSON of what it measured to ``--result``; the driver adds
what it watched from outside (wall time, peak memory of the process tree).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import re
import resource
import sys
import time
from array import array
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from measure import dir_bytes, percentile
from queries import TraceArticle, load

import unspun
from unspun.ingest.article import parse_article_text
from unspun.ingest.corpus import read_documents
from unspun.pipeline import article_sentences
from unspun.text.segment import segment

_WORD = re.compile(r"\w+")


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _rusage() -> dict[str, float]:
    """CPU seconds and peak RSS of this process and of its reaped children (the index workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_seconds": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "cpu_seconds_main": me.ru_utime + me.ru_stime,
        "cpu_seconds_workers": kids.ru_utime + kids.ru_stime,
        "maxrss_main_mb": me.ru_maxrss / 1024,
        "maxrss_worker_mb": kids.ru_maxrss / 1024,
    }


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _every(seconds: float) -> Callable[[], bool]:
    """A rate limiter for progress lines: true at most once per ``seconds``."""
    last = [time.perf_counter()]

    def due() -> bool:
        now = time.perf_counter()
        if now - last[0] >= seconds:
            last[0] = now
            return True
        return False

    return due


# ---- unspun ----------------------------------------------------------------


def build(args: argparse.Namespace) -> dict[str, Any]:
    warnings: list[str] = []
    due = _every(15)
    started = time.perf_counter()

    def progress(docs: int, chars: int) -> None:
        if due():
            elapsed = time.perf_counter() - started
            _log(f"unspun build: {docs:,} documents, {chars / 1e6:,.0f} M chars, {elapsed:.0f} s")

    before = _rusage()["cpu_seconds"]
    index = unspun.Index.create(args.index)
    added = index.add_files([args.corpus], warn=warnings.append, progress=progress)
    seconds = time.perf_counter() - started
    usage = _rusage()
    # Interpreter start-up and imports are not indexing work: count CPU from here on.
    usage["cpu_seconds"] -= before
    usage["cpu_seconds_main"] -= before
    t = time.perf_counter()
    stats = index.stats()
    stats_seconds = time.perf_counter() - t
    index.close()
    return {
        "seconds": seconds,
        "added": added.added,
        "duplicates": added.duplicates,
        "sentences": added.sentences,
        "text_chars": added.text_bytes,
        "batches": added.batches,
        "warnings": len(warnings),
        "terms": stats.terms,
        "stats_disk_bytes": stats.disk_bytes,
        "stats_seconds": stats_seconds,
        "disk_bytes": dir_bytes(Path(args.index)),
        **usage,
    }


def _found(report: unspun.Report, article: TraceArticle, counts: dict[str, int]) -> None:
    """Tally how the planted sentences fared; the title is alignment 0, the body follows in order."""
    body = report.alignments[1:]
    if len(body) != len(article.planted):
        counts["segmentation_mismatch"] += 1
        return
    for alignment, planted in zip(body, article.planted, strict=True):
        ids = {m.doc_id for m in (*alignment.sources, *alignment.later_copies)}
        if planted.source is None:
            counts["novel"] += 1
            counts["novel_given_source"] += bool(alignment.sources)
        else:
            counts["planted"] += 1
            counts["planted_found"] += planted.source in ids
            counts["planted_sourced"] += bool(alignment.sources)


def trace(args: argparse.Namespace) -> dict[str, Any]:
    articles = load(Path(args.queries))
    t = time.perf_counter()
    index = unspun.Index(args.index)
    open_ms = (time.perf_counter() - t) * 1000
    warm, timed = articles[: args.warmup], articles[args.warmup :]
    warm_ms = []
    for article in warm:
        t = time.perf_counter()
        index.trace(article.text)
        warm_ms.append((time.perf_counter() - t) * 1000)
    counts = dict.fromkeys(
        [
            "planted",
            "planted_found",
            "planted_sourced",
            "novel",
            "novel_given_source",
            "segmentation_mismatch",
        ],
        0,
    )
    times = []
    sentences = 0
    for article in timed:
        t = time.perf_counter()
        report = index.trace(article.text)
        times.append((time.perf_counter() - t) * 1000)
        sentences += len(report.alignments)
        _found(report, article, counts)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for article in timed:
            index.trace(article.text)
        profiler.disable()
        profiler.dump_stats(args.profile)
    settings = asdict(index.settings)
    index.close()
    return {
        "settings_digest": index.settings.digest,
        "settings": settings,
        "open_ms": open_ms,
        "first_trace_ms": warm_ms[0] if warm_ms else None,
        "warmup_ms": warm_ms,
        "articles": len(timed),
        "sentences_per_article": sentences / max(len(timed), 1),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "mean_ms": sum(times) / max(len(times), 1),
        "max_ms": max(times, default=0.0),
        "times_ms": times,
        **counts,
        **_rusage(),
    }


# ---- datasketch baseline ---------------------------------------------------


def _shingles(lowered: str, start: int, end: int) -> list[bytes]:
    """Word 5-grams of one sentence; a sentence of fewer words is one shingle of all of them."""
    w = _WORD.findall(lowered, start, end)
    if len(w) < 5:
        return [" ".join(w).encode()] if w else []
    return [" ".join(w[i : i + 5]).encode() for i in range(len(w) - 4)]


def baseline(args: argparse.Namespace) -> dict[str, Any]:
    """Index every sentence as its own LSH key, as unspun indexes sentences, then query per sentence.

    The LSH lives in memory only (datasketch's default storage), so it is built
    and queried in this one process. ``--max-sentences`` bounds it: past that,
    the rest of the corpus is left out and the result says how much was indexed.
    """
    from datasketch import MinHash, MinHashLSH

    perm = args.num_perm
    cpu_before = _rusage()["cpu_seconds"]
    rss_before = _rss_mb()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=perm)
    doc_ids: list[str] = []
    sentence_doc = array("I")
    timers = {"read_segment_shingle": 0.0, "minhash": 0.0, "insert": 0.0}
    raw_bytes = 0
    truncated = False
    due = _every(15)
    started = time.perf_counter()

    def flush(block: list[list[bytes]], keys: list[int], session: Any) -> None:
        t = time.perf_counter()
        hashes = MinHash.bulk(block, num_perm=perm)
        timers["minhash"] += time.perf_counter() - t
        t = time.perf_counter()
        for key, mh in zip(keys, hashes, strict=True):
            session.insert(key, mh, check_duplication=False)
        timers["insert"] += time.perf_counter() - t

    docs = read_documents([Path(args.corpus)])
    with lsh.insertion_session() as session:
        block: list[list[bytes]] = []
        keys: list[int] = []
        t = time.perf_counter()
        for doc in docs:
            if len(sentence_doc) >= args.max_sentences:
                truncated = True
                break
            lowered = doc.text.lower()
            number = len(doc_ids)
            doc_ids.append(doc.id)
            raw_bytes += len(doc.text.encode())
            for s, e in segment(doc.text):
                shingles = _shingles(lowered, s, e)
                if shingles:
                    keys.append(len(sentence_doc))
                    sentence_doc.append(number)
                    block.append(shingles)
            if len(block) >= 20_000:
                timers["read_segment_shingle"] += time.perf_counter() - t
                flush(block, keys, session)
                block, keys = [], []
                if due():
                    elapsed = time.perf_counter() - started
                    _log(
                        f"datasketch build: {len(doc_ids):,} documents, {len(sentence_doc):,} sentences, {elapsed:.0f} s"
                    )
                t = time.perf_counter()
        timers["read_segment_shingle"] += time.perf_counter() - t
        if block:
            flush(block, keys, session)
    seconds = time.perf_counter() - started
    gc.collect()
    rss_after = _rss_mb()
    build_usage = _rusage()

    articles = load(Path(args.queries))
    in_prefix = {d: i for i, d in enumerate(doc_ids)}
    counts = dict.fromkeys(["planted", "planted_found", "novel", "novel_given_source"], 0)
    times: list[float] = []
    for n, article in enumerate(articles):
        t = time.perf_counter()
        parsed = parse_article_text(article.text, "<bench>")
        sentences = article_sentences(parsed)
        lowered = parsed.text.lower()
        shingled = [_shingles(lowered, *s.span) for s in sentences]
        usable = [sh for sh in shingled if sh]
        hits = [lsh.query(mh) for mh in MinHash.bulk(usable, num_perm=perm)]
        elapsed = (time.perf_counter() - t) * 1000
        if n >= args.warmup:
            times.append(elapsed)
            if len(sentences) == len(article.planted) + 1 and len(usable) == len(sentences):
                for planted, keys_hit in zip(article.planted, hits[1:], strict=True):
                    docs_hit = {sentence_doc[k] for k in keys_hit}
                    if planted.source is None:
                        counts["novel"] += 1
                        counts["novel_given_source"] += bool(docs_hit)
                    elif planted.source in in_prefix:
                        counts["planted"] += 1
                        counts["planted_found"] += in_prefix[planted.source] in docs_hit
    return {
        "seconds": seconds,
        "documents": len(doc_ids),
        "sentences": len(sentence_doc),
        "raw_bytes": raw_bytes,
        "truncated": truncated,
        "timers": timers,
        "lsh_bands": lsh.b,
        "lsh_rows": lsh.r,
        "rss_growth_mb": rss_after - rss_before,
        "bytes_per_sentence": (rss_after - rss_before) * 1024 * 1024 / max(len(sentence_doc), 1),
        "build_cpu_seconds": build_usage["cpu_seconds"] - cpu_before,
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "mean_ms": sum(times) / max(len(times), 1),
        "articles": len(times),
        **counts,
        **_rusage(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="phase", required=True)
    b = sub.add_parser("build")
    b.add_argument("--corpus", required=True)
    b.add_argument("--index", required=True)
    t = sub.add_parser("trace")
    t.add_argument("--index", required=True)
    t.add_argument("--queries", required=True)
    t.add_argument("--warmup", type=int, default=5)
    t.add_argument("--profile", default="")
    d = sub.add_parser("baseline")
    d.add_argument("--corpus", required=True)
    d.add_argument("--queries", required=True)
    d.add_argument("--warmup", type=int, default=5)
    d.add_argument("--max-sentences", type=int, default=1_500_000)
    d.add_argument("--num-perm", type=int, default=128)
    d.add_argument("--threshold", type=float, default=0.5)
    for p in (b, t, d):
        p.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    phases: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
        "build": build,
        "trace": trace,
        "baseline": baseline,
    }
    result = phases[args.phase](args)
    Path(args.result).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
