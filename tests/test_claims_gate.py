"""Accuracy gate for ``unspun analyze``: precision and recall per field over an annotated set.

``tests/claims_annotated.jsonl`` holds invented news articles (fictional places,
people and outlets), one per line, each sentence annotated with what the
analysis should find. Sentences marked ``dev`` were used while writing the
rules; sentences marked ``held_out`` were written with them but never used to
tune anything; sentences marked ``fresh`` were written after the rules were
finished. The fresh figures are the most honest: one person wrote the rules and
all the sentences, so every figure here flatters real news text. Every field is scored as
sets of keys per sentence (a speaker, a speaker with its kind, a number with
what it counts, ...): precision is the share of found keys that are right,
recall the share of annotated keys that were found. Floors sit a little under
the figures measured when the set was written; a change that lowers a figure
below its floor fails here.

Run ``python tests/test_claims_gate.py`` to print the table published in
``docs/analyze.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from unspun.claims import analyze_article
from unspun.types import Analysis, Article, CueKind, SentenceAnalysis, SpeakerKind

ANNOTATED = Path(__file__).with_name("claims_annotated.jsonl")
SEAMS_WITHOUT_WORDS = {"topic_jump", "time_jump"}

Key = tuple[Any, ...]


def _speaker(text: str) -> str:
    low = text.lower().strip()
    for det in ("the ", "a ", "an "):
        if low.startswith(det):
            return low[len(det) :]
    return low


def _date_text(text: str) -> str:
    low = text.lower().strip()
    for prep in ("on ", "in ", "since ", "by ", "until "):
        if low.startswith(prep):
            return low[len(prep) :]
    return low


def _value(v: float) -> float:
    return round(float(v), 6)


def gold_keys(sid: Key, s: dict[str, Any]) -> dict[str, set[Key]]:
    """What an annotated sentence says the analysis should find, as keys per field."""
    keys: dict[str, set[Key]] = {}

    def add(field: str, *key: Any) -> None:
        keys.setdefault(field, set()).add((*sid, *key))

    for speaker, kind, verb, quote in s.get("attr", []):
        add("attribution.speaker", _speaker(speaker))
        add("attribution.kind", _speaker(speaker), kind)
        add("attribution.verb", _speaker(speaker), verb.lower())
        add("attribution.quote", _speaker(speaker), quote)
    add(f"status.{s['status']}")
    for kind, what in s.get("claims", []):
        add(f"claim.{kind}", _value(what) if kind == "number" else what.lower())
    for value, counts, unit, bound, per in s.get("qty", []):
        add("quantity.value", _value(value))
        add("quantity.counts", _value(value), counts)
        add("quantity.unit", _value(value), unit)
        add("quantity.bound", _value(value), bound)
        if per:
            add("quantity.per", _value(value), per)
    for text, day, conflict in s.get("dates", []):
        add("date.found", _date_text(text))
        add("date.resolved", _date_text(text), day)
        if conflict:
            add("date.conflict", _date_text(text))
    for kind, text in s.get("cues", []):
        add(f"cue.{kind}", *(() if kind in SEAMS_WITHOUT_WORDS else (text.lower(),)))
    return keys


def found_keys(sid: Key, s: SentenceAnalysis) -> dict[str, set[Key]]:
    """What the analysis found in a sentence, as the same keys."""
    keys: dict[str, set[Key]] = {}

    def add(field: str, *key: Any) -> None:
        keys.setdefault(field, set()).add((*sid, *key))

    for a in s.attributions:
        add("attribution.speaker", _speaker(a.speaker))
        add("attribution.kind", _speaker(a.speaker), a.kind.value)
        add("attribution.verb", _speaker(a.speaker), a.verb.lower())
        add("attribution.quote", _speaker(a.speaker), a.quote.value)
    add(f"status.{s.status.value}")
    quantities = {q.span: q for q in s.quantities}
    for c in s.claims:
        add(f"claim.{c.kind}", _value(quantities[c.span].value) if c.kind == "number" else c.text.lower())
    for q in s.quantities:
        add("quantity.value", _value(q.value))
        add("quantity.counts", _value(q.value), q.counts)
        add("quantity.unit", _value(q.value), q.unit)
        add("quantity.bound", _value(q.value), q.bound.value)
        if q.per:
            add("quantity.per", _value(q.value), q.per)
    for d in s.dates:
        add("date.found", _date_text(d.text))
        add("date.resolved", _date_text(d.text), d.date.isoformat() if d.date else None)
        if d.conflict:
            add("date.conflict", _date_text(d.text))
    for c in s.cues:
        add(f"cue.{c.kind.value}", *(() if c.kind.value in SEAMS_WITHOUT_WORDS else (c.text.lower(),)))
    return keys


@cache
def records() -> tuple[dict[str, Any], ...]:
    with ANNOTATED.open(encoding="utf-8") as f:
        return tuple(json.loads(line) for line in f if line.strip())


def article_of(record: dict[str, Any]) -> Article:
    body = " ".join(s["text"] for s in record["sentences"])
    return Article(record["title"], body, dt.date.fromisoformat(record["dateline"]))


@cache
def analyses() -> tuple[Analysis, ...]:
    return tuple(analyze_article(article_of(r)) for r in records())


@dataclass(frozen=True)
class Score:
    field: str
    gold: int
    found: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0


def scores(split: str | None = None) -> dict[str, Score]:
    """Precision and recall per field over the body sentences of the set (or of one split)."""
    gold: dict[str, set[Key]] = {}
    found: dict[str, set[Key]] = {}
    for record, analysis in zip(records(), analyses(), strict=True):
        if split is not None and record["split"] != split:
            continue
        body = analysis.sentences[1:]  # sentence 0 is the title, which is not annotated
        for n, (s, result) in enumerate(zip(record["sentences"], body, strict=True)):
            sid = (record["id"], n)
            for field, keys in gold_keys(sid, s).items():
                gold.setdefault(field, set()).update(keys)
            for field, keys in found_keys(sid, result).items():
                found.setdefault(field, set()).update(keys)
    return {
        field: Score(
            field,
            len(gold.get(field, set())),
            len(found.get(field, set())),
            len(gold.get(field, set()) & found.get(field, set())),
        )
        for field in sorted(set(gold) | set(found))
    }


# (precision, recall) floors over the whole set: the measured figure less 0.02, rounded down to 0.05.
FLOORS: dict[str, tuple[float, float]] = {
    "attribution.speaker": (0.95, 0.90),
    "attribution.kind": (0.95, 0.85),
    "attribution.verb": (0.95, 0.90),
    "attribution.quote": (0.95, 0.90),
    "status.attributed": (0.95, 0.90),
    "status.vague": (0.95, 0.95),
    "status.unattributed": (0.80, 0.95),
    "claim.number": (0.80, 0.95),
    "claim.event": (0.75, 0.75),
    "quantity.value": (0.95, 0.95),
    "quantity.counts": (0.90, 0.90),
    "quantity.unit": (0.95, 0.95),
    "quantity.bound": (0.95, 0.95),
    "quantity.per": (0.95, 0.95),
    "date.found": (0.95, 0.95),
    "date.resolved": (0.95, 0.95),
    "date.conflict": (0.95, 0.95),
    "cue.loaded": (0.95, 0.85),
    "cue.dehumanizing": (0.60, 0.95),
    "cue.identity_framing": (0.95, 0.95),
    "cue.superlative": (0.95, 0.95),
    "cue.long_form_name": (0.95, 0.95),
    "cue.odd_synonym": (0.95, 0.85),
    "cue.mangled_name": (0.95, 0.95),
    "cue.first_person": (0.95, 0.95),
    "cue.topic_jump": (0.20, 0.20),
    "cue.time_jump": (0.95, 0.95),
    "cue.numbers_disagree": (0.95, 0.95),
}


# ---- the set itself ------------------------------------------------------------------------


def test_the_annotated_set_has_at_least_sixty_sentences_and_parts_never_tuned_on() -> None:
    sentences = [s for r in records() for s in r["sentences"]]
    assert len(sentences) >= 60
    for split, least in (("held_out", 30), ("fresh", 20)):
        assert sum(len(r["sentences"]) for r in records() if r["split"] == split) >= least


def test_the_segmenter_splits_the_annotated_articles_into_the_annotated_sentences() -> None:
    for record, analysis in zip(records(), analyses(), strict=True):
        assert [s.text for s in analysis.sentences[1:]] == [s["text"] for s in record["sentences"]], record[
            "id"
        ]


def _annotated(pick: Callable[[dict[str, Any]], list[Any]]) -> set[Any]:
    return {item for r in records() for s in r["sentences"] for item in pick(s)}


def test_the_annotated_set_covers_every_kind_the_issue_names() -> None:
    kinds = _annotated(lambda s: [a[1] for a in s.get("attr", [])])
    assert kinds == {k.value for k in SpeakerKind}
    assert _annotated(lambda s: [a[3] for a in s.get("attr", [])]) == {"direct", "indirect"}
    assert _annotated(lambda s: [c[0] for c in s.get("cues", [])]) == {k.value for k in CueKind}
    counts = _annotated(lambda s: [q[1] for q in s.get("qty", [])])
    assert {"killed", "wounded", "missing", "fighters", "money", "equipment", "percent"} <= counts
    assert _annotated(lambda s: [q[4] for q in s.get("qty", [])]) >= {"month", "week", "day"}
    assert {"over", "under", "about", "exact"} <= _annotated(lambda s: [q[3] for q in s.get("qty", [])])
    assert True in _annotated(lambda s: [d[2] for d in s.get("dates", [])])
    assert {"number", "event"} == _annotated(lambda s: [c[0] for c in s.get("claims", [])])
    assert {"attributed", "vague", "unattributed"} == _annotated(lambda s: [s["status"]])


# ---- the gate -------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", list(FLOORS))
def test_precision_and_recall_stay_above_their_floors(field: str) -> None:
    score = scores()[field]
    p_floor, r_floor = FLOORS[field]
    assert score.precision >= p_floor, f"{field}: precision {score.precision:.3f} < floor {p_floor}"
    assert score.recall >= r_floor, f"{field}: recall {score.recall:.3f} < floor {r_floor}"


def test_every_scored_field_has_a_floor() -> None:
    assert set(scores()) <= set(FLOORS), sorted(set(scores()) - set(FLOORS))


def table() -> str:
    """The markdown table for docs/analyze.md: per field, precision and recall on each split.

    "n/a" marks a precision with nothing found or a recall with nothing annotated.
    """
    splits = {"dev": scores("dev"), "held out": scores("held_out"), "fresh": scores("fresh"), "all": scores()}
    lines = [
        "| field | annotated | dev P | dev R | held-out P | held-out R | fresh P | fresh R | all P | all R |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for field in splits["all"]:
        cells = []
        for part in splits.values():
            s = part.get(field)
            precision = f"{s.precision:.2f}" if s and s.found else "n/a"
            recall = f"{s.recall:.2f}" if s and s.gold else "n/a"
            cells += [precision, recall]
        lines.append(f"| {field} | {splits['all'][field].gold} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
