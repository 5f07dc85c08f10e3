"""Throughput and peak memory of `unspun scan` (local engine) on chronam and on synthetic corpora.

Run: .venv/bin/python bench/scan_speed.py [--sizes 10000 30000 100000] [--chronam]
Each run is a fresh process (so peak RSS is its own); synthetic corpora come
from bench/synth.py at run time into bench/out/ (git-ignored). Prints one JSON
line per run and the fitted exponent of time against corpus size.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "scan"
CHRONAM = HERE.parents[1] / "shared" / "corpus" / "chronam-1916-01.jsonl.gz"


def _one(corpus: Path, out: Path) -> None:
    from unspun.scan import scan_corpus

    start = time.perf_counter()
    summary = scan_corpus([corpus], out)
    seconds = time.perf_counter() - start
    peak = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    row = {"corpus": str(corpus), "documents": summary.documents, "seconds": round(seconds, 2)}
    row |= {"docs_per_s": round(summary.documents / seconds, 1), "peak_rss_mb": round(peak / 1024, 1)}
    print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    parser.add_argument("--chronam", action="store_true")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(Path(args.one[0]), Path(args.one[1]))
        return
    sys.path.insert(0, str(HERE))
    from synth import generate

    OUT.mkdir(parents=True, exist_ok=True)
    corpora = [CHRONAM] if args.chronam and CHRONAM.exists() else []
    for size in args.sizes:
        folder = OUT / f"synth-{size}"
        if not folder.exists():
            generate(folder, size, seed=7)
        corpora.append(folder)
    timings = []
    for corpus in corpora:
        line = (
            subprocess.run(
                [sys.executable, __file__, "--one", str(corpus), str(OUT / f"result-{corpus.name}")],
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        print(line, flush=True)
        row = json.loads(line)
        if corpus != CHRONAM:
            timings.append((row["documents"], row["seconds"]))
    if len(timings) >= 2:
        xs = [math.log(n) for n, _ in timings]
        ys = [math.log(s) for _, s in timings]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
        print(json.dumps({"exponent": round(slope, 3)}))


if __name__ == "__main__":
    main()
