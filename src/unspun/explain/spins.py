"""Spin fingerprints: the substitutions a site makes again and again.

A spinner rewrites with a fixed thesaurus, so the same swaps ("said" ->
"stated", "Russia" -> "Russian Federation") recur across a farm's articles.
Counting them over every aligned sentence of an outlet gives a fingerprint
that identifies the tool behind the site and explains single changes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from unspun.types import Alignment, Spin

SPIN_KINDS = frozenset(
    {"word_substituted", "entity_renamed", "abbreviation_expanded", "abbreviation_contracted"}
)
_EXAMPLES = 3


def tally_spins(alignments: Iterable[Alignment], min_count: int = 2) -> list[Spin]:
    """The recurring substitutions among the changes of aligned sentences, most frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    examples: defaultdict[tuple[str, str, str], list[str]] = defaultdict(list)
    for alignment in alignments:
        for change in alignment.changes:
            if change.kind not in SPIN_KINDS or not change.before or not change.after:
                continue
            key = (change.kind, change.before.lower(), change.after.lower())
            counts[key] += 1
            if len(examples[key]) < _EXAMPLES:
                examples[key].append(alignment.sentence.text)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Spin(k, b, a, n, tuple(examples[(k, b, a)])) for (k, b, a), n in ranked if n >= min_count]
