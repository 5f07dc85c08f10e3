"""Candidate retrieval: corpus sentences that share the rare words of an article sentence.

Spinning swaps common words for synonyms but leaves names, numbers and places
alone, so rare terms are the anchors. Each query term is weighted by its
inverse sentence frequency. Candidates are the sentences holding one of the
rarest terms of the query (short posting lists); each is then scored against
every query term by binary search in the sorted posting lists. Terms carried
by more than a small share of the corpus are never read (they still count in
the query's total weight), so latency stays flat as the corpus grows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from unspun.index.store import IndexStore
from unspun.settings import RetrieveSettings


@dataclass(frozen=True, slots=True)
class Hit:
    sid: int
    share: float


def retrieve(store: IndexStore, queries: list[set[str]], settings: RetrieveSettings) -> list[list[Hit]]:
    """For each query (a sentence's index terms), the best candidate sentences, best first."""
    n = max(store.n_sentences, 1)
    df = store.document_frequencies(t for q in queries for t in q)
    cap = max(1000, int(settings.max_df_share * n))
    idf = {t: math.log(1.0 + n / (df.get(t, 0) + 1.0)) for q in queries for t in q}
    chosen = [sorted(q, key=lambda t: (-idf[t], t))[: settings.max_terms] for q in queries]
    posting = store.postings({t for ranked in chosen for t in ranked if 0 < df.get(t, 0) <= cap})
    anchor_cap = max(1000, int(settings.anchor_df_share * n))
    found = [_best(ranked, posting, idf, anchor_cap, settings) for ranked in chosen]
    # A query with too few rare terms ties more candidates than it may keep; its common
    # terms (read only for such queries, and only up to a hard limit) break the tie.
    tied = [i for i, hits in enumerate(found) if _tied(hits, settings.candidates)]
    common = {t for i in tied for t in chosen[i] if cap < df.get(t, 0) <= settings.tie_df_share * n}
    if common:
        posting |= store.postings(common)
        for i in tied:
            found[i] = _best(chosen[i], posting, idf, anchor_cap, settings, common)
    return found


def _tied(hits: list[Hit], keep: int) -> bool:
    return len(hits) == keep and hits[-1].share >= hits[0].share


def _best(
    ranked: list[str],
    posting: dict[str, np.ndarray],
    idf: dict[str, float],
    anchor_cap: int,
    settings: RetrieveSettings,
    not_anchors: set[str] | frozenset[str] = frozenset(),
) -> list[Hit]:
    """Candidates holding a rare term, scored by the share of the query's weight they hold.

    Every rare-enough term is an anchor (so each half of a sentence merged from
    two sources brings its own candidates), and the rarest few always are.
    """
    total = sum(idf[t] for t in ranked)
    present = [t for t in ranked if t in posting]
    if not present or total <= 0:
        return []
    rare = [t for t in present if t not in not_anchors]
    anchors = rare[: settings.anchor_terms] + [
        t for t in rare[settings.anchor_terms :] if len(posting[t]) <= anchor_cap
    ]
    candidates = _union([posting[t] for t in anchors])
    scores = np.zeros(len(candidates))
    for term in present:
        ids = posting[term]
        at = np.minimum(np.searchsorted(ids, candidates), len(ids) - 1)
        scores += idf[term] * (ids[at] == candidates)
    scores /= total
    keep = np.nonzero(scores >= settings.min_weight_share)[0]
    keep = keep[np.argsort(-scores[keep], kind="stable")[: settings.candidates]]
    return [Hit(int(candidates[i]), float(scores[i])) for i in keep]


def _union(lists: list[np.ndarray]) -> np.ndarray:
    """The sorted union of sorted posting lists, each without repeats.

    One sort and a mask: ``np.unique`` takes about four times as long on these
    arrays (numpy 2.4), and retrieval runs it for every sentence traced.
    """
    if len(lists) == 1:
        return lists[0]
    merged = np.sort(np.concatenate(lists))
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))] if len(merged) else merged
