"""Tests of the synthetic world generator itself: determinism, and that its truth is consistent."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from synth.generator import (
    RELATED_OUTLETS,
    SynthCase,
    SynthDoc,
    SynthWorld,
    make_world,
    shingles,
    write_jsonl,
)
from synth.scoring import KIND, combine, score

SEEDS = (0, 1, 2, 7)
ALTERATION_TYPES = {
    "word_substitution",
    "abbreviation_expanded",
    "entity_rename",
    "number_changed",
    "attribution_removed",
    "hedge_removed",
    "deletion",
    "insertion",
}
DATELINE = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec), \d{4}$"
)
SENTENCE_END = re.compile(r"[.!?][\"'”’]?$")
NOISE_ID = re.compile(r"-n\d\d-")
STORY_ID = re.compile(r"-s\d\d-")


@pytest.fixture(scope="module", params=SEEDS)
def world(request: pytest.FixtureRequest) -> SynthWorld:
    seed: int = request.param
    return make_world(seed)


def _docs(world: SynthWorld) -> dict[str, SynthDoc]:
    return {d.id: d for d in world.docs}


def _body(case: SynthCase) -> str:
    return case.article_text.split("\n", 3)[3]


def oracle_report(case: SynthCase, docs: dict[str, SynthDoc]) -> dict[str, Any]:
    """What a perfect tracer would print for ``case``."""
    sentences = []
    for t in case.truth:
        sources = [
            {"doc_id": d, "url": docs[d].url, "text": t.source_sentences[0], "score": 1.0} for d in t.sources
        ]
        changes = [{"kind": KIND[kind], "from": a, "to": b} for kind, a, b in t.alterations]
        sentences.append(
            {
                "index": t.i,
                "text": t.text,
                "sources": sources,
                "changes": changes if sources else [],
                "changes_against": t.sources[0] if t.sources else "",
            }
        )
    return {"sentences": sentences}


# -- determinism and shape ------------------------------------------------------------------------


def test_same_seed_same_world() -> None:
    assert make_world(5) == make_world(5)
    small = make_world(11, stories=12, cases=3, noise_docs=6)
    assert small == make_world(11, stories=12, cases=3, noise_docs=6)


def test_different_seeds_differ() -> None:
    a, b = make_world(0), make_world(1)
    assert a.docs != b.docs
    assert [c.article_text for c in a.cases] != [c.article_text for c in b.cases]


def test_default_world_is_fast() -> None:
    start = time.perf_counter()
    make_world(3)
    assert time.perf_counter() - start < 3.0  # about 0.2 s on a laptop; generous for slow CI


def test_sizes_and_unique_ids(world: SynthWorld) -> None:
    assert len(world.cases) == 10
    ids = [d.id for d in world.docs]
    urls = [d.url for d in world.docs]
    assert len(set(ids)) == len(ids)
    assert len(set(urls)) == len(urls)
    assert sum(bool(NOISE_ID.search(d.id)) for d in world.docs) == 40
    assert any(d.published is None for d in world.docs)
    assert any(d.outlet in RELATED_OUTLETS and STORY_ID.search(d.id) for d in world.docs)


def test_docs_are_well_formed(world: SynthWorld) -> None:
    for d in world.docs:
        assert d.text and d.title and not d.title.endswith(".")
        assert d.title not in d.text
        assert d.url.startswith("https://") and d.outlet in d.url
        assert d.published is None or dt.date.fromisoformat(d.published)
        assert "\n\n\n" not in d.text and d.text == d.text.strip()


def test_write_jsonl_round_trip(tmp_path: Path) -> None:
    world = make_world(4, stories=8, cases=2, noise_docs=5)
    path = tmp_path / "corpus.jsonl"
    write_jsonl(world.docs, path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [SynthDoc(**row) for row in rows] == list(world.docs)
    assert list(rows[0]) == ["id", "url", "outlet", "published", "title", "text"]


# -- the truth of each case -----------------------------------------------------------------------


def test_article_layout(world: SynthWorld) -> None:
    for case in world.cases:
        lines = case.article_text.split("\n")
        assert lines[0] == case.truth[0].text
        assert DATELINE.match(lines[1])
        assert lines[2] == ""
        published = dt.date.fromisoformat(case.article_published)
        day, _, _ = lines[1].partition(",")
        assert day == published.strftime("%A")
        assert [t.i for t in case.truth] == list(range(len(case.truth)))
        assert 8 <= len(case.truth) - 1 <= 14
        assert not case.truth[0].text.endswith(".")


def test_every_truth_sentence_is_in_the_article(world: SynthWorld) -> None:
    for case in world.cases:
        body = _body(case)
        for t in case.truth[1:]:
            assert t.text in body
            assert SENTENCE_END.search(t.text), t.text


def test_origins_and_alterations(world: SynthWorld) -> None:
    for case in world.cases:
        origins = Counter(t.origin for t in case.truth)
        assert set(origins) <= {"copied", "spun", "no_source_found"}
        assert origins["no_source_found"] >= 1
        for t in case.truth:
            assert all(kind in ALTERATION_TYPES for kind, _, _ in t.alterations)
            if t.origin == "copied":
                assert t.source_sentences == (t.text,) and t.alterations == () and t.sources
            elif t.origin == "spun":
                assert t.sources and t.alterations
                assert t.text not in t.source_sentences
                assert 1 <= len(t.source_sentences) <= 2
            else:
                assert t.sources == () and t.source_sentences == ()
            for kind, old, new in t.alterations:
                if kind == "insertion" and t.origin == "spun" and old == "":
                    assert new in t.text
                elif kind in {"deletion", "attribution_removed", "hedge_removed"}:
                    assert old.strip(" .") in " ".join(t.source_sentences)
                elif kind in {
                    "word_substitution",
                    "abbreviation_expanded",
                    "entity_rename",
                    "number_changed",
                }:
                    assert old in t.source_sentences[0] and new in t.text and old != new


def test_sources_are_exactly_the_carrying_documents(world: SynthWorld) -> None:
    docs = _docs(world)
    for case in world.cases:
        for t in case.truth:
            if t.origin == "no_source_found":
                continue
            carrying = {
                d.id
                for d in world.docs
                if any(s in d.text or (t.i == 0 and s in d.title) for s in t.source_sentences)
            }
            assert set(t.sources) == carrying
            stories = {m.group(0) for d in t.sources if (m := STORY_ID.search(d))}
            assert len(stories) == 1, t.sources  # one story's wire copy and its re-publications
            assert len(set(t.sources)) == len(t.sources)
            for doc_id in t.sources:
                doc = docs[doc_id]
                where = doc.title + "\n" + doc.text if t.i == 0 else doc.text
                assert any(s in where for s in t.source_sentences)
                assert doc.outlet not in RELATED_OUTLETS


def test_sources_are_earliest_first_and_older_than_the_article(world: SynthWorld) -> None:
    docs = _docs(world)
    for case in world.cases:
        for t in case.truth:
            dates = [docs[d].published for d in t.sources]
            dated = [d for d in dates if d is not None]
            assert dates == dated + [None] * (len(dates) - len(dated))
            assert dated == sorted(dated)
            assert all(d < case.article_published for d in dated)


def test_unsourced_sentences_share_no_four_word_run_with_the_corpus(world: SynthWorld) -> None:
    grams: set[tuple[str, ...]] = set()
    for d in world.docs:
        grams |= shingles(d.title) | shingles(d.text)
    for case in world.cases:
        for t in case.truth:
            if t.origin == "no_source_found":
                assert not shingles(t.text) & grams, t.text


def test_every_kind_of_change_occurs() -> None:
    kinds: Counter[str] = Counter()
    merged = 0
    for seed in SEEDS:
        for case in make_world(seed).cases:
            for t in case.truth:
                kinds.update(kind for kind, _, _ in t.alterations)
                merged += len(t.source_sentences) == 2
    assert set(kinds) == ALTERATION_TYPES
    assert merged >= 1


# -- the scorer ----------------------------------------------------------------------------------


def test_oracle_report_scores_perfectly(world: SynthWorld) -> None:
    docs = _docs(world)
    scores = []
    for case in world.cases:
        s = score(oracle_report(case, docs), case, world.docs)
        scores.append(s)
        for figure in ("source_precision", "source_recall", "source_f1", "source_top1"):
            assert s[figure] == 1.0, figure
        for figure in ("unsourced_precision", "unsourced_recall", "unsourced_f1"):
            assert s[figure] == 1.0, figure
        assert s["false_source"] == 0.0 and s["wrong_source"] == 0.0
        assert s["change_recall"] == 1.0 and s["change_precision"] == 1.0
        assert all(v == 1.0 for k, v in s.items() if k.startswith("change_recall:"))
    total = combine(scores)
    assert total["source_f1"] == total["unsourced_f1"] == total["change_recall"] == 1.0
    assert total["cases"] == len(world.cases)
    assert total["sentences"] == sum(len(c.truth) for c in world.cases)


def test_oracle_without_documents_also_scores_perfectly() -> None:
    world = make_world(2)
    docs = _docs(world)
    for case in world.cases:
        assert score(oracle_report(case, docs), case)["source_f1"] == 1.0


def test_empty_report_has_zero_recall(world: SynthWorld) -> None:
    scores = [score({"sentences": []}, case, world.docs) for case in world.cases]
    for s in scores:
        assert s["source_recall"] == 0.0 and s["source_f1"] == 0.0 and s["change_recall"] == 0.0
        assert s["unsourced_recall"] == 1.0 and s["false_source"] == 0.0
    assert combine(scores)["source_recall"] == 0.0


def test_scorer_penalises_wrong_and_false_sources() -> None:
    world = make_world(0)
    docs = _docs(world)
    case = world.cases[0]
    report = oracle_report(case, docs)
    noise = next(d for d in world.docs if NOISE_ID.search(d.id))
    for sent in report["sentences"]:
        sent["sources"] = [{"doc_id": noise.id, "url": noise.url}]
        sent["changes"] = [{"kind": "number_changed", "from": "1", "to": "2"}]
    s = score(report, case, world.docs)
    sourced = sum(t.origin != "no_source_found" for t in case.truth)
    assert s["wrong_source"] == sourced
    assert s["false_source"] == len(case.truth) - sourced
    assert s["source_precision"] == 0.0 and s["unsourced_recall"] == 0.0
    # a right source listed second still counts, but not as top-1
    report = oracle_report(case, docs)
    for sent in report["sentences"]:
        if sent["sources"]:
            sent["sources"].insert(0, {"doc_id": noise.id, "url": noise.url})
    s = score(report, case, world.docs)
    assert s["source_recall"] == 1.0 and s["source_top1"] == 0.0
