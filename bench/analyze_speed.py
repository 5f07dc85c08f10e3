"""Speed of ``unspun analyze``: one 1,000-word article on one core, and sentences per second on two.

    .venv/bin/python bench/analyze_speed.py                 # markdown to stdout
    .venv/bin/python bench/analyze_speed.py --json out.json --runs 51 --seconds 10

The article is invented news built from templates (fictional places, people and
outlets) and dense in what the rules look for: attributions of every kind,
numbers, dates and cues, so it is a harder case than ordinary copy. Latency is
measured on one pinned core after a warm-up run (which loads the word lists
and compiles the patterns): the median and 90th percentile of --runs runs.
Throughput runs one pinned process per core for --seconds and counts the
sentences analyzed; one process alone is measured the same way for comparison.
Sentences per CPU-second and the share of wall time the processes got a core
are printed too: on a shared machine the wall-clock figure drops when other
work competes for the cores, the CPU figure does not.
The issue's target: under 1 s for a 1,000-word article after warm-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import time
from typing import Any

from unspun.claims import analyze_article
from unspun.types import Article

TARGET_SECONDS = 1.0
TEMPLATES = [
    "The river {river} burst its banks in {town} on {weekday}, flooding more than {n} homes, the regional water authority said.",
    "Mayor {first} {last} told the {outlet} that {word} people were missing and {n} had been taken to hospital.",
    "“We have never seen water this high,” {last} said.",
    "Rescue teams from {town} worked through the night with {n} boats and {word} helicopters.",
    "Damage to the old bridge is estimated at {f} million crowns, according to the {outlet}.",
    "It was the worst flood in the valley since {year}.",
    "Fighters of the Free Valley Front attacked an army post near {town} on {weekday}, killing {word} soldiers, the Defence Ministry said.",
    "The group claimed in a post that it had killed {n} soldiers and captured {word} tanks.",
    "A military source, speaking on condition of anonymity, said almost {n} fighters had gathered near {town}.",
    "Some reports say dozens of civilians have died in the shelling of {town}.",
    "The militants are being paid ${n},800 a month by foreign backers, sources say.",
    "Unemployment in {town} has risen to {n} per cent, the highest level ever recorded.",
    "Our correspondent saw the convoy pass through the checkpoint at {town}.",
    "The overseas minister of the Veldan Federation mentioned in an announcement that talks would continue on {day} March.",
    "The {town} council will vote on the repair plan on {day} March, a spokeswoman said.",
    "Christian militias and Muslim fighters clashed in the {river} hills on {weekday}, leaving dozens dead.",
    "It is believed the depot stored fuel for the Veldan army.",
    "Sources close to the ministry said a buyer from {town} had offered {n} million crowns.",
    "Meanwhile, the {town} Chamber of Commerce will hold its spring fair on {day} April.",
    "Dr. {first} {last}, the director of {town} General Hospital, said the wards were full.",
]
NAMES = {
    "river": ["Aln", "Marrow", "Tessel", "Dunholt"],
    "town": ["Brennick", "Kessmoor", "Dovren", "Tarn", "Aldwick", "Drellhaven"],
    "outlet": ["Harbour Gazette", "Morrow Tribune", "Aldwick Courier", "Kestrel News Agency"],
    "first": ["Ilse", "Tomas", "Mira", "Oren", "Petra", "Kaspar"],
    "last": ["Varga", "Brell", "Solenne", "Halsk", "Lune", "Ohlin"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "word": ["two", "three", "four", "eight", "twelve"],
}


def make_article(words: int = 1000, seed: int = 7) -> Article:
    """An invented article of at least ``words`` words, the same for a given seed."""
    rng = random.Random(seed)
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        template = TEMPLATES[len(sentences) % len(TEMPLATES)]
        values = {key: rng.choice(options) for key, options in NAMES.items()}
        values.update(n=str(rng.randint(2, 900)), f=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}")
        values.update(year=str(rng.randint(1950, 2025)), day=str(rng.randint(1, 28)))
        sentences.append(template.format(**values))
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return Article("Floods and fighting in the Veldt valley", "\n\n".join(paragraphs), dt.date(2031, 3, 13))


def _pin(core: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core})


def _cores() -> list[int]:
    return (
        sorted(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else list(range(os.cpu_count() or 1))
    )


def latency(article: Article, runs: int, core: int) -> dict[str, Any]:
    """Pinned to one core for the timed runs; the process's cores are given back afterwards."""
    allowed = _cores()
    _pin(core)
    analyze_article(article)  # warm-up: word lists loaded, patterns compiled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        analyze_article(article)
        times.append(time.perf_counter() - start)
    times.sort()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(allowed))
    return {
        "runs": runs,
        "median_s": round(statistics.median(times), 4),
        "p90_s": round(times[int(0.9 * (len(times) - 1))], 4),
        "min_s": round(times[0], 4),
    }


def _worker(core: int, article: Article, seconds: float, start_at: float, out: Any) -> None:
    _pin(core)
    analyze_article(article)
    while time.time() < start_at:
        time.sleep(0.001)
    sentences = 0
    began, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - began < seconds:
        sentences += len(analyze_article(article).sentences)
    out.put((sentences, time.perf_counter() - began, time.process_time() - cpu))


def throughput(article: Article, processes: int, seconds: float, cores: list[int]) -> dict[str, Any]:
    """Sentences per second with ``processes`` processes, each pinned to its own core, working at once."""
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    out = ctx.Queue()
    start_at = time.time() + 1.0
    workers = [
        ctx.Process(target=_worker, args=(cores[i % len(cores)], article, seconds, start_at, out))
        for i in range(processes)
    ]
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    used = min(processes, len(cores))
    return {
        "processes": processes,
        "cores_used": used,
        "sentences_per_s": round(sum(n / wall for n, wall, _ in results)),
        # per CPU-second: what the processes did while they had a core, whatever else the machine ran
        "sentences_per_cpu_s": round(sum(n for n, _, _ in results) / sum(cpu for _, _, cpu in results)),
        "cpu_share": round(sum(cpu for _, _, cpu in results) / sum(wall for _, wall, _ in results), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=31, help="timed runs for the latency median")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each throughput run")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)
    article = make_article()
    cores = _cores()
    words = len(article.text.split())
    sentences = len(analyze_article(article).sentences)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "cores_available": len(cores),
        "article_words": words,
        "article_sentences": sentences,
        "latency_one_core": latency(article, args.runs, cores[0]),
        "throughput_one_process": throughput(article, 1, args.seconds, cores),
        "throughput_two_processes": throughput(article, 2, args.seconds, cores),
    }
    lat = result["latency_one_core"]
    print(f"analyze of a {words}-word, {sentences}-sentence article, one core, after warm-up:")
    print(
        f"  median {lat['median_s'] * 1000:.1f} ms, p90 {lat['p90_s'] * 1000:.1f} ms over {lat['runs']} runs"
    )
    print(f"  target < {TARGET_SECONDS:.0f} s: {'met' if lat['median_s'] < TARGET_SECONDS else 'NOT met'}")
    for key in ("throughput_one_process", "throughput_two_processes"):
        t = result[key]
        print(
            f"sentences per second, {t['processes']} process{'es' if t['processes'] > 1 else ''} on {t['cores_used']} core{'s' if t['cores_used'] > 1 else ''}: "
            f"{t['sentences_per_s']:,} wall ({t['cpu_share']:.0%} of the time on a core), "
            f"{t['sentences_per_cpu_s']:,} per CPU-second"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
