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
