"""Counting over flat columns: the scan's corpus-wide tallies sort integer columns instead of holding a Python object per sentence."""

from __future__ import annotations

import numpy as np


def run_starts(*columns: np.ndarray) -> np.ndarray:
    """Where each run of equal rows starts, in rows sorted by ``columns`` (all of one length)."""
    change = np.zeros(len(columns[0]), dtype=bool)
    if len(change):
        change[0] = True
    for c in columns:
        change[1:] |= c[1:] != c[:-1]
    return np.flatnonzero(change)


def components(count: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of ``count`` nodes joined by the edges ``a[i]``-``b[i]``: each node's smallest member.

    Every root hooks under the smallest root across its edges, then every node
    jumps to its root, until no edge joins two roots: a few vectorized rounds,
    where a union-find in a dict kept about a hundred bytes per node for the
    whole scan.
    """
    label = np.arange(count, dtype=np.int64)
    while True:
        left, right = label[a], label[b]
        apart = left != right
        if not apart.any():
            return label
        low = np.minimum(left[apart], right[apart])
        np.minimum.at(label, left[apart], low)
        np.minimum.at(label, right[apart], low)
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
