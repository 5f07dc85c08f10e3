"""Boilerplate and banality: sentences that say nothing about who copied whom.

"All rights reserved", "Follow us on Twitter", bylines and datelines recur across
many outlets or in most of one outlet's pages; they would join every outlet to
every other. Two rules recognise them from the corpus itself, with no word
list: a short sentence carried by many distinct outlets, or a sentence found in
most documents of one outlet. Sentences are compared by a hash of their folded
words so the counts stay small on large corpora.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from unspun.settings import ScanSettings
from unspun.text.tokens import words


def sentence_key(text: str) -> int:
    """A stable 64-bit key of a sentence's folded words (the same in every process and engine)."""
    folded = " ".join(words(text))
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "little")


def find_boilerplate(documents: Iterable[tuple[str, list[str]]], scan: ScanSettings) -> frozenset[int]:
    """Keys of the boilerplate sentences among ``(outlet, sentence texts)`` pairs, one pair a document."""
    short_outlets: defaultdict[int, set[str]] = defaultdict(set)
    per_outlet: defaultdict[str, Counter[int]] = defaultdict(Counter)
    docs_of: Counter[str] = Counter()
    for outlet, sentences in documents:
        docs_of[outlet] += 1
        keys = set()
        for text in sentences:
            key = sentence_key(text)
            keys.add(key)
            if len(words(text)) <= scan.boilerplate_words:
                seen = short_outlets[key]
                if len(seen) <= scan.boilerplate_outlets:
                    seen.add(outlet)
        per_outlet[outlet].update(keys)
    found = {k for k, outlets in short_outlets.items() if len(outlets) > scan.boilerplate_outlets}
    for outlet, counts in per_outlet.items():
        n = docs_of[outlet]
        if n < max(scan.boilerplate_min_docs, 2):
            continue
        found.update(k for k, c in counts.items() if c > scan.boilerplate_share * n)
    return frozenset(found)
