"""Cost of aligning one article sentence with one source sentence, and of typing its changes.

Pairs are made at run time from sentences of the chronam pages (public domain,
read from ../shared, never stored here): every seventh word swapped for another
word of the corpus, one word dropped, one added, as a spinner would. Reports
p50/p95 per pair in microseconds for tokenizing, aligning, and finding changes.

    .venv/bin/python bench/align_speed.py [--pairs 5000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import time
from pathlib import Path

from unspun.align.wordalign import align_tokens
from unspun.explain.changes import find_changes
from unspun.text.normalize import normalize
from unspun.text.segment import segment
from unspun.text.tokens import tokenize

CHRONAM = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "chronam-1916-01.jsonl.gz"


def sentences(limit: int) -> list[str]:
    """News-length sentences (10 to 40 words) from the first pages of the corpus."""
    found: list[str] = []
    with gzip.open(CHRONAM, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = normalize(json.loads(line)["text"])
            for s, e in segment(text):
                words = text[s:e].split()
                if 10 <= len(words) <= 40 and sum(w.isalpha() for w in words) > 0.8 * len(words):
                    found.append(" ".join(words))
            if len(found) >= limit:
                return found[:limit]
    return found


def spin(sentence: str, vocabulary: list[str], rng: random.Random) -> str:
    words = sentence.split()
    for i in range(3, len(words), 7):
        words[i] = rng.choice(vocabulary)
    del words[rng.randrange(len(words))]
    words.insert(rng.randrange(len(words)), rng.choice(vocabulary))
    return " ".join(words)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(7)
    sources = sentences(args.pairs)
    vocabulary = [w for s in sources[:500] for w in s.split() if w.isalpha()]
    pairs = [(spin(s, vocabulary, rng), s) for s in sources]
    timings: dict[str, list[float]] = {"tokenize": [], "align": [], "changes": []}
    for article, source in pairs[:50]:  # warm-up
        find_changes(
            article,
            tokenize(article),
            source,
            tokenize(source),
            align_tokens(tokenize(article), tokenize(source)).blocks,
        )
    for article, source in pairs:
        t0 = time.perf_counter()
        a, s = tokenize(article), tokenize(source)
        t1 = time.perf_counter()
        alignment = align_tokens(a, s)
        t2 = time.perf_counter()
        find_changes(article, a, source, s, alignment.blocks)
        t3 = time.perf_counter()
        timings["tokenize"].append((t1 - t0) * 1e6)
        timings["align"].append((t2 - t1) * 1e6)
        timings["changes"].append((t3 - t2) * 1e6)
    print(f"{len(pairs)} sentence pairs, mean {statistics.mean(len(s.split()) for s in sources):.1f} words")
    print("| step | p50 µs | p95 µs |\n|---|---:|---:|")
    for step, samples in timings.items():
        p50, p95 = percentiles(samples)
        print(f"| {step} | {p50:.0f} | {p95:.0f} |")
    total = [sum(parts) for parts in zip(*timings.values(), strict=True)]
    p50, p95 = percentiles(total)
    print(f"| all three | {p50:.0f} | {p95:.0f} |")


if __name__ == "__main__":
    main()
