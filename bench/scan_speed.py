"""Throughput and peak memory of `unspun scan` (local engine) on chronam and on synthetic corpora.

Run: .venv/bin/python bench/scan_speed.py [--sizes 10000 30000 100000] [--chronam [PATH]] [--workers 2]
Each run is a fresh process (so peak RSS is its own); synthetic corpora come
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
import resource
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


def _one(corpus: Path, out: Path, workers: int) -> None:
    from unspun.scan import scan_corpus

    start, cpu = time.perf_counter(), _cpu()
    summary = scan_corpus([corpus], out, workers=workers)
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
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(Path(args.one[0]), Path(args.one[1]), args.workers)
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
        command = [sys.executable, __file__, "--workers", str(args.workers)]
        command += ["--one", str(corpus), str(OUT / f"result-{corpus.name}")]
        line = (
            subprocess.run(command, check=True, capture_output=True, text=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        print(line, flush=True)
        row = json.loads(line)
        if corpus != chronam:
            wall.append((row["documents"], row["seconds"]))
            cpu.append((row["documents"], row["cpu_seconds"]))
    if len(wall) >= 2:
        print(
            json.dumps({"exponent_wall": round(_exponent(wall), 3), "exponent_cpu": round(_exponent(cpu), 3)})
        )


if __name__ == "__main__":
    main()
