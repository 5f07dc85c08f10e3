"""Spark local-mode overhead: `unspun scan --engine spark` against the local engine on the same corpora.

Run: .venv/bin/python bench/scan_spark.py [--sizes 300 10000] [--chronam] [--master local[2]]

Each engine runs in a fresh process on each corpus (synthetic ones from
bench/synth.py, generated at run time into bench/out/, git-ignored). The Spark
run reports its session start apart from the scan, and the stage times; both
write the same files (checked here too, apart from the summaries naming the
engine). Prints one JSON line per run and one per corpus with the ratios.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "scan-spark"
CHRONAM = HERE.parents[1] / "shared" / "corpus" / "chronam-1916-01.jsonl.gz"
SUMMARIES = {"summary.json", "summary.html"}


def _local(corpus: Path, out: Path) -> dict[str, float]:
    from unspun.scan import scan_corpus

    start = time.perf_counter()
    summary = scan_corpus([corpus], out)
    return {"documents": summary.documents, "seconds": round(time.perf_counter() - start, 2)}


def _spark(corpus: Path, out: Path, master: str) -> dict[str, float]:
    import os

    from pyspark.sql import SparkSession

    from unspun.scan.spark import scan_spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    start = time.perf_counter()
    session = (
        SparkSession.builder.master(master)
        .appName("unspun bench")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter()
    stages: dict[str, float] = {}

    def log(name: str, how: str) -> None:
        stages[name] = round(time.perf_counter() - started - sum(stages.values()), 2)

    summary = scan_spark([corpus], out, spark=session, log=log)
    done = time.perf_counter()
    session.stop()
    row: dict[str, float] = {"documents": summary.documents, "session_start": round(started - start, 2)}
    row |= {"scan_seconds": round(done - started, 2), "seconds": round(done - start, 2)}
    return (
        row
        | {f"stage_{k}": v for k, v in stages.items()}
        | {"finish": round(summary.seconds - sum(stages.values()), 2)}
    )


def _same(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if p.name not in SUMMARIES)
    return names == sorted(p.name for p in b.iterdir() if p.name not in SUMMARIES) and all(
        filecmp.cmp(a / n, b / n, shallow=False) for n in names
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 10_000])
    parser.add_argument("--chronam", action="store_true")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine, corpus, out = args.one
        row = (
            _local(Path(corpus), Path(out))
            if engine == "local"
            else _spark(Path(corpus), Path(out), args.master)
        )
        print(json.dumps({"engine": engine, "corpus": corpus, **row}), flush=True)
        return
    sys.path.insert(0, str(HERE))
    from synth import generate

    OUT.mkdir(parents=True, exist_ok=True)
    corpora = [generate(OUT / "corpora", size, seed=7).path for size in args.sizes]
    if args.chronam and CHRONAM.exists():
        corpora.append(CHRONAM)
    for corpus in corpora:
        rows = {}
        for engine in ("local", "spark"):
            out = OUT / f"result-{corpus.name}-{engine}"
            command = [
                sys.executable,
                __file__,
                "--one",
                engine,
                str(corpus),
                str(out),
                "--master",
                args.master,
            ]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            rows[engine] = json.loads(done.stdout.strip().splitlines()[-1])
            print(json.dumps(rows[engine]), flush=True)
        local, spark = rows["local"]["seconds"], rows["spark"]
        ratio = {
            "corpus": corpus.name,
            "identical_files": _same(
                OUT / f"result-{corpus.name}-local", OUT / f"result-{corpus.name}-spark"
            ),
            "spark_over_local": round(spark["seconds"] / local, 2),
            "spark_scan_over_local": round(spark["scan_seconds"] / local, 2),
        }
        print(json.dumps(ratio), flush=True)


if __name__ == "__main__":
    main()
