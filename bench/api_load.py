"""Load test of `unspun serve`: 20 concurrent local clients posting traces for a bounded time.

    .venv/bin/python bench/api_load.py                     # 20 clients, 30 s, at most 3,000 requests
    .venv/bin/python bench/api_load.py --clients 5 --seconds 10

It builds (once) an index of the 1916 Chronicling America pages under
bench/out/web-index, stitches trace articles from sentences of that corpus at
run time (bench/queries.py, the same generator as bench/run.py: nothing is
written to the repository), starts the server on 127.0.0.1 with a free port
(``unspun serve --trace-rate 0``: every client is 127.0.0.1, so the per-client
trace limit is turned off to measure the server itself), and
drives it with httpx2 from one asyncio loop: first one client alone (the
latency of a trace over HTTP with no queueing), then ``--clients`` at once.
It reports p50/p90/p99/max latency, throughput and errors, as markdown on
stdout and JSON under bench/out/. Everything stays on the loopback interface,
and the run is bounded in both time and request count.

Why these numbers: one server process runs traces in a thread pool, and a
trace is CPU-bound Python, so under load latency is roughly concurrency x
service time. The single-client figure is the service time; the 20-client
figures show the queueing a shared deployment would see.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx2

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from queries import make_articles  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "chronam-1916-01.jsonl.gz"
OUT = HERE / "out"


def log(message: str) -> None:
    print(f"[api_load] {message}", file=sys.stderr, flush=True)


def ensure_index(corpus: Path, index: Path) -> dict[str, Any]:
    from unspun.api import Index
    from unspun.index.store import DB_NAME

    if (index / DB_NAME).exists():
        with Index(index) as opened:
            stats = opened.stats()
        return {"built_seconds": None, "documents": stats.documents, "sentences": stats.sentences}
    log(f"building {index} from {corpus} (once)")
    if index.exists():
        shutil.rmtree(index)
    start = time.perf_counter()
    with Index.build(index, [corpus]) as built:
        stats = built.stats()
    return {
        "built_seconds": round(time.perf_counter() - start, 1),
        "documents": stats.documents,
        "sentences": stats.sentences,
    }


def count_lines(corpus: Path) -> int:
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(index: Path, port: int) -> tuple[subprocess.Popen[bytes], str]:
    unspun = Path(sys.executable).with_name("unspun")
    command = [
        str(unspun),
        "serve",
        "--index",
        str(index),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--trace-rate",
        "0",
    ]
    how = "unspun serve --trace-rate 0"
    env = {k: v for k, v in os.environ.items() if k != "UNSPUN_TOKEN"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return process, how


async def wait_ready(base: str, process: subprocess.Popen[bytes], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    async with httpx2.AsyncClient(base_url=base, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"the server exited with {process.returncode}")
            try:
                if (await client.get("/api/stats")).status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer within the limit")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[rank]


async def drive(
    base: str, articles: list[str], clients: int, seconds: float, max_requests: int
) -> dict[str, Any]:
    """``clients`` loops posting traces until the time or the request budget runs out."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    stop_at = time.monotonic() + seconds
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one_client(number: int, client: httpx2.AsyncClient) -> None:
        nonlocal issued
        turn = number
        while time.monotonic() < stop_at and issued < max_requests:
            issued += 1
            article = articles[turn % len(articles)]
            turn += clients
            start = time.perf_counter()
            try:
                response = await client.post("/api/trace", json={"text": article})
                elapsed = time.perf_counter() - start
                if response.status_code == 200 and response.content.startswith(b"{"):
                    latencies.append(elapsed)
                else:
                    key = f"HTTP {response.status_code}"
                    errors[key] = errors.get(key, 0) + 1
            except httpx2.HTTPError as err:
                key = type(err).__name__
                errors[key] = errors.get(key, 0) + 1

    started = time.perf_counter()
    async with httpx2.AsyncClient(base_url=base, timeout=120.0, limits=limits) as client:
        await asyncio.gather(*(one_client(i, client) for i in range(clients)))
    wall = time.perf_counter() - started
    ms = [x * 1000 for x in latencies]
    return {
        "clients": clients,
        "wall_seconds": round(wall, 1),
        "requests": len(latencies) + sum(errors.values()),
        "ok": len(latencies),
        "errors": errors,
        "throughput_rps": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(ms, 50), 1),
        "p90_ms": round(percentile(ms, 90), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1) if ms else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--index", type=Path, default=OUT / "web-index")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the concurrent phase")
    parser.add_argument(
        "--max-requests", type=int, default=3000, help="cap on requests of the concurrent phase"
    )
    parser.add_argument(
        "--articles", type=int, default=60, help="distinct stitched articles to cycle through"
    )
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 600 or args.max_requests < 1:
        raise SystemExit("keep it bounded: 1-200 clients, at most 600 s")
    if not args.corpus.exists():
        raise SystemExit(f"no corpus at {args.corpus}")
    OUT.mkdir(parents=True, exist_ok=True)

    index_info = ensure_index(args.corpus, args.index)
    log(f"index: {index_info}")
    documents = count_lines(args.corpus)
    articles = [a.text for a in make_articles(args.corpus, documents, args.articles, args.seed, "1916-02-15")]
    log(f"{len(articles)} stitched articles")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process, how = start_server(args.index, port)
    try:
        asyncio.run(wait_ready(base, process))
        log(f"server up ({how}) at {base}; warming up")
        asyncio.run(drive(base, articles, 1, 5.0, 10))
        log("one client, 10 s")
        single = asyncio.run(drive(base, articles, 1, 10.0, 200))
        log(f"{args.clients} clients, {args.seconds:.0f} s")
        loaded = asyncio.run(drive(base, articles, args.clients, args.seconds, args.max_requests))
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    tracebacks = stderr.count("Traceback")

    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "server": how,
        "corpus": args.corpus.name,
        "index": index_info,
        "articles": len(articles),
        "single_client": single,
        "concurrent": loaded,
        "server_tracebacks": tracebacks,
    }
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (OUT / f"api-load-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("| clients | requests | errors | p50 ms | p90 ms | p99 ms | max ms | req/s |")
    print("|---|---|---|---|---|---|---|---|")
    for row in (single, loaded):
        errs = sum(row["errors"].values())
        print(
            f"| {row['clients']} | {row['requests']} | {errs} | {row['p50_ms']} | {row['p90_ms']} "
            f"| {row['p99_ms']} | {row['max_ms']} | {row['throughput_rps']} |"
        )
    print(f"\nserver: {how}; index {index_info}; server tracebacks: {tracebacks}")
    return 0 if not loaded["errors"] and not tracebacks else 1


if __name__ == "__main__":
    sys.exit(main())
