"""The bundled demo, traced end to end: what `make demo` shows must be right.

`demo/truth.json` records, for every sentence of the demo farm article, where
it came from and what the farm changed. The golden files pin the whole report
(JSON and terminal); regenerate them after a deliberate change with
``UNSPUN_UPDATE_GOLDEN=1 make test`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from synth.scoring import KIND

import unspun
from unspun.report.terminal import render_terminal

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("demo") / "index"
    with unspun.Index.build(path, [DEMO / "corpus.jsonl"]) as index:
        return unspun.report_to_dict(index.trace(DEMO / "farm-article.txt"))


@pytest.fixture(scope="module")
def truth() -> list[dict[str, Any]]:
    return list(json.loads((DEMO / "truth.json").read_text(encoding="utf-8"))["sentences"])


def _ours(report: dict[str, Any], text: str) -> dict[str, Any]:
    found = [s for s in report["sentences"] if s["text"] == text]
    assert found, f"the report has no sentence {text!r}"
    return found[0]


def test_the_report_has_one_entry_per_sentence_with_the_title_first(
    report: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    assert [s["text"] for s in report["sentences"]] == [t["text"] for t in truth]


def test_every_sourced_sentence_names_its_earliest_source_first(
    report: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    for t in truth:
        if t["origin"] == "no_source_found":
            continue
        ours = _ours(report, t["text"])
        assert ours["sources"], f"sentence {t['i']} lost its source"
        assert ours["sources"][0]["doc_id"] == t["sources"][0]["doc_id"], f"sentence {t['i']}"


def test_every_copy_of_a_sentence_is_listed(report: dict[str, Any], truth: list[dict[str, Any]]) -> None:
    for t in truth:
        if t["origin"] == "no_source_found" or t["i"] == 11:
            continue
        listed = {m["doc_id"] for m in _ours(report, t["text"])["sources"]}
        assert {s["doc_id"] for s in t["sources"]} <= listed, f"sentence {t['i']}"


def test_the_merged_sentence_names_both_of_its_sources(
    report: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    merged = next(t for t in truth if len({s["source_sentence"] for s in t["sources"]}) > 1)
    texts = {m["text"] for m in _ours(report, merged["text"])["sources"]}
    assert {s["source_sentence"] for s in merged["sources"]} <= texts


def test_the_farms_own_sentence_has_no_source(report: dict[str, Any], truth: list[dict[str, Any]]) -> None:
    for t in truth:
        if t["origin"] == "no_source_found":
            assert _ours(report, t["text"])["sources"] == []


def test_the_verbatim_sentence_is_marked_copied_and_the_spun_ones_spun(
    report: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    for t in truth:
        ours = _ours(report, t["text"])
        if t["origin"] == "copied":
            assert ours["relation"] == "copied"
        elif t["origin"] == "spun":
            assert ours["relation"] in {"spun", "paraphrased"}, f"sentence {t['i']}"


def test_every_labelled_change_is_found(report: dict[str, Any], truth: list[dict[str, Any]]) -> None:
    for t in truth:
        if t["origin"] == "no_source_found":
            continue
        kinds = {c["kind"] for c in _ours(report, t["text"])["changes"]}
        for alteration in t["alterations"]:
            assert KIND[alteration["type"]] in kinds, f"sentence {t['i']}: {alteration}"


def test_sources_are_a_week_older_than_the_article_so_sentences_are_stale(report: dict[str, Any]) -> None:
    sourced = [s for s in report["sentences"] if s["sources"]]
    assert all(s["stale"] and s["source_age_days"] >= 7 for s in sourced)


def _stable(report: dict[str, Any]) -> dict[str, Any]:
    """The report less what changes with every release, index build or checkout folder."""
    stable = {k: v for k, v in report.items() if k not in {"tool", "settings_digest", "index_digest"}}
    stable["article"] = {**report["article"], "origin": Path(report["article"]["origin"]).name}
    return stable


def _check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UNSPUN_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UNSPUN_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def test_the_json_report_matches_the_golden_file(report: dict[str, Any]) -> None:
    _check_golden("demo-report.json", json.dumps(_stable(report), ensure_ascii=False, indent=2) + "\n")


def test_the_terminal_report_matches_the_golden_file(report: dict[str, Any]) -> None:
    console = Console(record=True, width=100, color_system=None, force_terminal=False)
    render_terminal(report, console)
    _check_golden("demo-terminal.txt", console.export_text())
