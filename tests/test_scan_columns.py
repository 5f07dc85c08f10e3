"""The scan's corpus-wide counting over flat columns: runs of equal rows, and connected passages."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.scan.columns import components, run_starts


def _smallest_member_by_search(count: int, edges: list[tuple[int, int]]) -> list[int]:
    """Each node's component, found by walking the graph: the smallest node it can reach."""
    near: dict[int, set[int]] = {n: set() for n in range(count)}
    for x, y in edges:
        near[x].add(y)
        near[y].add(x)
    out = []
    for start in range(count):
        seen, todo = {start}, [start]
        while todo:
            for y in near[todo.pop()] - seen:
                seen.add(y)
                todo.append(y)
        out.append(min(seen))
    return out


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=40).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
))  # fmt: skip
def test_each_node_is_labelled_with_the_smallest_node_it_is_joined_to(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    count, edges = graph
    a = np.array([x for x, _ in edges], dtype=np.int64)
    b = np.array([y for _, y in edges], dtype=np.int64)
    assert components(count, a, b).tolist() == _smallest_member_by_search(count, edges)


def test_a_long_chain_is_one_component() -> None:
    count = 10_000
    order = np.random.default_rng(3).permutation(count)
    assert set(components(count, order[:-1], order[1:]).tolist()) == {0}


def test_runs_start_where_any_column_changes() -> None:
    keys = np.array([1, 1, 2, 2, 2, 3])
    outlets = np.array([0, 1, 1, 1, 2, 2])
    assert run_starts(keys).tolist() == [0, 2, 5]
    assert run_starts(keys, outlets).tolist() == [0, 1, 2, 4, 5]
    assert run_starts(np.array([], dtype=np.int64)).tolist() == []
