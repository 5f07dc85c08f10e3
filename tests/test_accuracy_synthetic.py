"""Accuracy gate on the project's own synthetic farm articles, where the truth is known exactly.

`tests/synth/generator.py` writes invented wire stories, their republications,
independent reports of the same facts (never sources), noise, and farm
articles stitched and spun from them with labelled alterations. Five worlds
are traced and scored together; the floors sit just under the figures measured
when they were pinned (docs/accuracy.md has the table). Raise them as the tool
improves; never lower them to let a change through.
"""

from __future__ import annotations

from typing import Any

import pytest
from synth.generator import make_world, write_jsonl
from synth.scoring import combine, score

import unspun

SEEDS = (0, 1, 2, 3, 4)
FLOORS = {
    "source_f1": 0.98,
    "source_top1": 0.97,
    "unsourced_f1": 0.95,
    "change_recall": 0.90,
    "change_precision": 0.95,
}
KIND_RECALL_FLOOR = 0.75
KIND_PRECISION_FLOOR = 0.85


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    scores = []
    for seed in SEEDS:
        world = make_world(seed=seed)
        folder = tmp_path_factory.mktemp(f"world{seed}")
        write_jsonl(world.docs, folder / "corpus.jsonl")
        with unspun.Index.build(folder / "index", [folder / "corpus.jsonl"]) as index:
            for case in world.cases:
                report = unspun.report_to_dict(index.trace(case.article_text))
                scores.append(score(report, case, world.docs))
    return combine(scores)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_overall_figures_stay_above_their_floors(figures: dict[str, Any], figure: str) -> None:
    assert figures[figure] >= FLOORS[figure], f"{figure} = {figures[figure]:.3f}"


def test_no_sentence_is_given_a_source_it_does_not_have(figures: dict[str, Any]) -> None:
    assert figures["false_source"] == 0
    assert figures["wrong_source"] == 0


def test_every_kind_of_change_is_found(figures: dict[str, Any]) -> None:
    low = {k: v for k, v in figures.items() if k.startswith("change_recall:") and v < KIND_RECALL_FLOOR}
    assert not low, f"kinds found too rarely: {low}"


def test_every_kind_of_change_reported_is_mostly_right(figures: dict[str, Any]) -> None:
    low = {k: v for k, v in figures.items() if k.startswith("change_precision:") and v < KIND_PRECISION_FLOOR}
    assert not low, f"kinds reported wrongly too often: {low}"


def test_the_gate_measures_enough_to_mean_something(figures: dict[str, Any]) -> None:
    assert figures["sentences"] >= 500
    assert figures["change_kinds_labelled"] >= 400
