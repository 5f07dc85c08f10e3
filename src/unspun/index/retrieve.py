"""Candidate retrieval: corpus sentences that share the rare words of an article sentence.

Spinning swaps common words for synonyms but leaves names, numbers and places
alone, so rare terms are the anchors. Each query term is weighted by its
inverse sentence frequency; very common terms are never looked up, which keeps
latency flat as the corpus grows.
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
    chosen: list[list[str]] = []
    for q in queries:
        ranked = sorted(q, key=lambda t: (-idf[t], t))[: settings.max_terms]
        chosen.append(ranked)
    lookup = {t for ranked in chosen for t in ranked if 0 < df.get(t, 0) <= cap}
    posting = store.postings(lookup)
    out: list[list[Hit]] = []
    for ranked in chosen:
        total = sum(idf[t] for t in ranked)
        present = [t for t in ranked if t in posting]
        if not present or total <= 0:
            out.append([])
            continue
        ids = np.concatenate([posting[t] for t in present])
        weights = np.concatenate([np.full(len(posting[t]), idf[t]) for t in present])
        unique, inverse = np.unique(ids, return_inverse=True)
        scores = np.bincount(inverse, weights=weights) / total
        keep = np.nonzero(scores >= settings.min_weight_share)[0]
        if len(keep) > settings.candidates:
            keep = keep[np.argsort(-scores[keep], kind="stable")[: settings.candidates]]
        order = keep[np.argsort(-scores[keep], kind="stable")]
        out.append([Hit(int(unique[i]), float(scores[i])) for i in order])
    return out
