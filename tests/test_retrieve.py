"""Candidate retrieval against a stand-in index whose posting lists the test chooses.

The stand-in records which terms' posting lists were read, so the limits on
what a query may read can be checked directly, not through their timing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from unspun.index.retrieve import _union, retrieve
from unspun.index.store import IndexStore
from unspun.settings import RetrieveSettings, default_settings

SENTENCES = 2_000_000  # a large index: a common word is read only to break a tie


class _Index:
    def __init__(self, lists: dict[str, np.ndarray]) -> None:
        self.lists = {t: np.asarray(ids, dtype="<u4") for t, ids in lists.items()}
        self.n_sentences = SENTENCES
        self.read: set[str] = set()

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return {t: len(self.lists[t]) for t in set(terms) if t in self.lists}

    def postings(self, terms: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = set(terms)
        self.read |= wanted
        return {t: self.lists[t] for t in wanted if t in self.lists}


# 100 sentences hold the query's one rare word, so all 100 tie on it; the first 60 of them also hold
# a common word (20,000 sentences in all)
LISTS = {"varnhold": np.arange(0, 100), "harbour": np.r_[0:60, 100:20_040]}


def _settings() -> RetrieveSettings:
    return default_settings().retrieve


def test_a_tie_among_more_candidates_than_are_kept_is_broken_by_a_common_word() -> None:
    index = _Index(LISTS)
    (hits,) = retrieve(cast(IndexStore, index), [{"varnhold", "harbour"}], _settings())
    assert len(hits) == _settings().candidates
    assert "harbour" in index.read
    assert all(h.sid < 60 for h in hits)  # the sentences holding the common word too come first


def test_a_query_with_rare_words_enough_reads_no_common_word() -> None:
    index = _Index({"varnhold": np.arange(0, 30), "harbour": np.r_[0:20, 100:20_080]})
    (hits,) = retrieve(cast(IndexStore, index), [{"varnhold", "harbour"}], _settings())
    assert len(hits) == 30
    assert index.read == {"varnhold"}  # 30 candidates fit in the 40 kept: nothing to break


@given(st.lists(st.sets(st.integers(0, 5_000), max_size=200), min_size=1, max_size=8))
def test_the_candidate_union_is_the_sorted_set_of_every_listed_sentence(lists: list[set[int]]) -> None:
    arrays = [np.array(sorted(ids), dtype="<u4") for ids in lists]
    union = _union(arrays)
    assert union.tolist() == sorted(set().union(*lists))
    assert union.dtype == np.dtype("<u4")
