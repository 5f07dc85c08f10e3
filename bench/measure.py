"""Running one benchmark phase in a child process and watching its memory from outside.

Why a child process per phase: peak memory is only meaningful for a process
that did nothing else (the driver holds the query set and earlier results), and
a phase that runs away in time or memory can be stopped without losing the
results already measured.

Why sample from outside as well as ``getrusage``: unspun indexes in forked
worker processes. ``ru_maxrss`` gives the peak of the main process and of the
largest single worker, never their sum, and a plain RSS sum counts the pages
the forks share with their parent twice. PSS (proportional set size, from
``/proc/PID/smaps_rollup``) charges each shared page once, so the sampled PSS
sum of the process tree is the machine's real peak footprint.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return out


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(_children(p))
    return found


def _kib(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


@dataclass(slots=True)
class Watched:
    """What the driver saw of one phase; ``result`` is what the phase wrote about itself."""

    returncode: int
    wall_seconds: float
    peak_tree_rss_mb: float
    peak_tree_pss_mb: float
    stopped: str = ""
    result: dict[str, object] = field(default_factory=dict)


def run_phase(args: list[str], result_path: Path, timeout: float, mem_limit_mb: float) -> Watched:
    """Run ``python bench/worker.py ARGS`` and watch it; stop it past ``timeout`` or ``mem_limit_mb``.

    The child runs in its own session, so stopping it stops its pool workers
    too (by its process group id, nothing else).
    """
    result_path.unlink(missing_ok=True)
    worker = Path(__file__).with_name("worker.py")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(worker), *args, "--result", str(result_path)], start_new_session=True
    )
    peak_rss = peak_pss = 0
    stopped = ""
    while proc.poll() is None:
        tree = _tree(proc.pid)
        rss = sum(_kib(f"/proc/{p}/status", "VmRSS:") for p in tree)
        pss = sum(_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in tree)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        elapsed = time.perf_counter() - started
        if elapsed > timeout:
            stopped = f"stopped after {timeout:.0f} s (time limit)"
        elif pss / 1024 > mem_limit_mb:
            stopped = f"stopped at {pss / 1024:,.0f} MB PSS (memory limit {mem_limit_mb:,.0f} MB)"
        if stopped:
            print(f"[bench] {stopped}", file=sys.stderr)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            break
        time.sleep(0.25)
    wall = time.perf_counter() - started
    result: dict[str, object] = {}
    if result_path.exists():
        result = json.loads(result_path.read_text())
    return Watched(proc.returncode, wall, peak_rss / 1024, peak_pss / 1024, stopped, result)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: with 100 samples, p95 is the 95th smallest, an observed value."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def dir_bytes(path: Path) -> int:
    """Apparent size of every file under ``path``: what an index costs on disk at rest."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
