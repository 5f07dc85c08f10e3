"""Throughput and peak memory of `unspun scan` (local engine) on chronam and on synthetic corpora.

Run: .venv/bin/python bench/scan_speed.py [--sizes 10000 30000 100000] [--chronam [PATH]] [--workers 2]
     .venv/bin/python bench/scan_speed.py --sizes --sampled 100000 1000000 [--sample 10000]
Each run is a fresh process (so peak RSS is its own), which reports every
10,000 documents traced on stderr; synthetic corpora come
from bench/synth.py at run time into bench/out/scan/ (git-ignored). Prints one
JSON line per run and the fitted exponent of time (wall and CPU) against corpus
size. CPU seconds (this process and its workers) are the steadier figure on a
shared machine; wall seconds are what a user waits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "scan"
CHRONAM = HERE.parents[1] / "shared" / "corpus" / "chronam-1916-01.jsonl.gz"


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _one(corpus: Path, out: Path, workers: int, index: Path | None = None) -> None:
    from unspun.scan import scan_corpus

    start, cpu = time.perf_counter(), _cpu()

    def report(done: int, total: int) -> None:
        if done % 10_000 == 0 or done == total:
            print(f"{dt.datetime.now():%H:%M:%S} traced {done:,} of {total:,}", file=sys.stderr, flush=True)

    summary = scan_corpus([corpus], out, index=index, workers=workers, progress=report)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row = {
        "corpus": corpus.name,
        "documents": summary.documents,
        "sentences": summary.sentences,
        "links": summary.links,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "docs_per_s": round(summary.documents / seconds, 1),
        "main_rss_mb": round(main, 1),
        "worker_rss_mb": round(worker, 1),
    }
    print(json.dumps(row), flush=True)


def _build(corpus: Path, index: Path, workers: int) -> None:
    """The index a sampled scan traces against, built as ``unspun index build`` does."""
    from unspun.index.store import IndexStore
    from unspun.ingest.corpus import read_documents
    from unspun.settings import default_settings

    start, cpu = time.perf_counter(), _cpu()
    store = IndexStore.create(index, default_settings())
    result = store.add(read_documents(sorted(corpus.glob("*.jsonl"))), workers=workers)
    store.close()
    row = {
        "documents": result.added,
        "sentences": result.sentences,
        "build_seconds": round(time.perf_counter() - start, 1),
        "build_cpu_seconds": round(_cpu() - cpu, 1),
        "build_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(row), flush=True)


def _sample(corpus: Path, out: Path, count: int) -> None:
    """A uniform sample of the corpus's lines (seeded), in corpus order.

    Streamed in two passes: the scanning child inherits this process's peak
    memory in its own ``ru_maxrss`` (Linux keeps it across exec), so holding a
    million lines here would be reported as the scan's.
    """
    paths = sorted(corpus.glob("*.jsonl"))
    total = sum(1 for path in paths for _ in path.open(encoding="utf-8"))
    chosen = set(random.Random(7).sample(range(total), min(count, total)))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "sample.jsonl").open("w", encoding="utf-8") as fh:
        lines = (line for path in paths for line in path.open(encoding="utf-8"))
        fh.writelines(line for i, line in enumerate(lines) if i in chosen)


def _child(*args: str) -> dict[str, object]:
    command = [sys.executable, __file__, *args]
    # stderr is passed through: a long scan's progress shows in the run's log as it goes
    lines = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()
    row: dict[str, object] = json.loads(lines[-1])
    return row


def _sampled(size: int, count: int, workers: int) -> dict[str, object]:
    """Scan cost at ``size`` documents from a sample: build the whole index, trace ``count`` of its documents.

    Every document's trace is independent (the kernel is a function of the
    document and the finished index), so the CPU a sample's traces take per
    document, against the index of the whole corpus, is the per-document cost a
    full scan of that corpus pays. Boilerplate is found among the sample only.
    """
    folder = OUT / f"synth-{size}"
    index = OUT / f"index-{size}"
    shutil.rmtree(index, ignore_errors=True)
    built = _child("--workers", str(workers), "--build", str(folder), str(index))
    sample = OUT / f"sample-{size}"
    _sample(folder, sample, count)
    traced = _child(
        "--workers",
        str(workers),
        "--index",
        str(index),
        "--one",
        str(sample),
        str(OUT / f"result-sample-{size}"),
    )
    shutil.rmtree(index, ignore_errors=True)
    per_doc = float(str(traced["cpu_seconds"])) / float(str(traced["documents"]))
    build_cpu = float(str(built["build_cpu_seconds"]))
    return {
        "corpus": folder.name,
        **built,
        "sampled": traced["documents"],
        "sample_links": traced["links"],
        "sample_seconds": traced["seconds"],
        "sample_cpu_seconds": traced["cpu_seconds"],
        "trace_cpu_ms_per_doc": round(1000 * per_doc, 2),
        "sample_main_rss_mb": traced["main_rss_mb"],
        "sample_worker_rss_mb": traced["worker_rss_mb"],
        "estimated_scan_cpu_seconds": round(build_cpu + per_doc * int(str(built["documents"]))),
    }


def _exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(cost) against log(size): 1 is linear, 2 quadratic."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    parser.add_argument(
        "--chronam", nargs="?", const=str(CHRONAM), help="scan chronam too (default path: %(const)s)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--sampled",
        type=int,
        nargs="*",
        default=[],
        help="synthetic sizes measured from a sample: the whole index built, --sample documents traced",
    )
    parser.add_argument("--sample", type=int, default=10_000)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        _build(Path(args.build[0]), Path(args.build[1]), args.workers)
        return
    if args.one:
        _one(Path(args.one[0]), Path(args.one[1]), args.workers, Path(args.index) if args.index else None)
        return
    sys.path.insert(0, str(HERE))
    from synth import generate

    print(
        json.dumps(
            {
                "date": dt.date.today().isoformat(),
                "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
                "python": platform.python_version(),
                "workers": args.workers,
            }
        ),
        flush=True,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    chronam = Path(args.chronam) if args.chronam else None
    corpora = [chronam] if chronam is not None and chronam.exists() else []
    for size in args.sizes:
        folder = OUT / f"synth-{size}"
        if not folder.exists():
            generate(folder, size, seed=7)
        corpora.append(folder)
    wall, cpu = [], []
    for corpus in corpora:
        row = _child("--workers", str(args.workers), "--one", str(corpus), str(OUT / f"result-{corpus.name}"))
        print(json.dumps(row), flush=True)
        if corpus != chronam:
            wall.append((row["documents"], row["seconds"]))
            cpu.append((row["documents"], row["cpu_seconds"]))
    if len(wall) >= 2:
        print(
            json.dumps({"exponent_wall": round(_exponent(wall), 3), "exponent_cpu": round(_exponent(cpu), 3)})
        )
    per_doc = []
    for size in args.sampled:
        folder = OUT / f"synth-{size}"
        if not folder.exists():
            generate(folder, size, seed=7)
        row = _sampled(size, args.sample, args.workers)
        print(json.dumps(row), flush=True)
        per_doc.append((size, float(str(row["trace_cpu_ms_per_doc"]))))
    if len(per_doc) >= 2:
        print(json.dumps({"per_document_cost_exponent": round(_exponent(per_doc), 3)}))


if __name__ == "__main__":
    main()
