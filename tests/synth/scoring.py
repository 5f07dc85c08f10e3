"""Score an ``unspun trace --format json`` report against a synthetic case.

This follows the semantics of the shared evaluation scorer (``../shared/eval/score.py``):
labelled sentences are matched to output sentences by word overlap, sourced sentences count as
TP (an acceptable source named), WRONG (only unacceptable sources) or FN (none), unsourced ones
as FP (a source claimed) or TN, and labelled alterations are looked for, with the right kind and
overlapping text, on the sentences whose source was found. On top of the shared figures it
reports ``change_precision``: the share of predicted changes of a scored kind that match some
labelled alteration of that kind.

``score`` returns one case's figures plus its raw counts (keys starting ``n:``); ``combine``
sums the counts of several cases and recomputes the figures from them.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .generator import SynthCase, SynthDoc, TruthSentence, norm, words

# label vocabulary -> the ``kind`` names of the contract
KIND: dict[str, str] = {
    "entity_rename": "entity_renamed",
    "abbreviation_expanded": "abbreviation_expanded",
    "number_changed": "number_changed",
    "attribution_removed": "attribution_removed",
    "hedge_removed": "hedge_removed",
    "word_substitution": "word_substituted",
    "insertion": "inserted",
    "deletion": "deleted",
    "time_reference_shifted": "time_reference_changed",
}
SCORED_KINDS = frozenset(KIND.values())
# The generator does not model publication lags, so a time reference that really moved is never
# labelled: such changes are tested by specs (tests/test_timerefs.py), not counted against precision here.
UNMODELLED_KINDS = frozenset({"time_reference_changed"})
SOURCED = frozenset({"copied", "spun"})

Sentence = Mapping[str, Any]


def covering(label_text: str, outs: Sequence[Sentence]) -> list[Sentence]:
    """Output sentences that lie mostly inside the labelled sentence, or that hold most of it."""
    lw = words(label_text)
    found: list[Sentence] = []
    for out in outs:
        ow = words(str(out.get("text") or ""))
        if not ow or not lw:
            continue
        blocks = difflib.SequenceMatcher(None, lw, ow, autojunk=False).get_matching_blocks()
        same = sum(b.size for b in blocks)
        if same / len(ow) >= 0.6 or same / len(lw) >= 0.6:
            found.append(out)
    return found


def source_ids(out: Sentence) -> list[str]:
    """Ids and urls of the sources claimed for one output sentence, in the order given."""
    ids: list[str] = []
    for src in out.get("sources") or []:
        keys = {src.get("doc_id"), src.get("url")} - {None, ""}
        ids.extend(sorted(str(k) for k in keys))
    return ids


def overlap(a: str, b: str) -> float:
    aw, bw = set(words(a)), set(words(b))
    return len(aw & bw) / max(1, min(len(aw), len(bw)))


def acceptable_sources(
    truth: TruthSentence, docs: Sequence[SynthDoc] | None = None, normed: Mapping[str, str] | None = None
) -> set[str]:
    """The labelled sources; with ``docs``, also every document whose text carries the start of a
    labelled source sentence (the shared scorer's 120-character rule), and the urls of all of them.
    ``normed`` may hold the documents' normalised texts by id, to save recomputing them."""
    ok = set(truth.sources)
    if docs is None:
        return ok
    if normed is None:
        normed = {d.id: norm(d.text) for d in docs}
    for sentence in truth.source_sentences:
        probe = norm(sentence)[:120]
        if len(probe) >= 40:
            ok.update(doc_id for doc_id, text in normed.items() if probe in text)
    return ok | {d.url for d in docs if d.id in ok}


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _matches(change: Mapping[str, Any], alt: tuple[str, str, str]) -> bool:
    kind, frm, to = alt
    return change.get("kind") == KIND.get(kind) and (
        overlap(str(change.get("to") or ""), to) >= 0.5 or overlap(str(change.get("from") or ""), frm) >= 0.5
    )


def _count(report: Mapping[str, Any], case: SynthCase, docs: Sequence[SynthDoc] | None) -> Counter[str]:
    outs: list[Sentence] = list(report.get("sentences") or [])
    normed = {d.id: norm(d.text) for d in docs} if docs is not None else None
    n: Counter[str] = Counter()
    for truth in case.truth:
        if truth.origin not in SOURCED | {"no_source_found"}:
            continue
        hits = covering(truth.text, outs)
        claimed = [i for o in hits for i in source_ids(o)]
        first = next((source_ids(o)[:2] for o in hits if source_ids(o)), [])
        if truth.origin in SOURCED:
            ok = acceptable_sources(truth, docs, normed)
            if not claimed:
                verdict = "FN"
            elif ok & set(claimed):
                verdict = "TP"
                n["top1"] += bool(ok & set(first))
            else:
                verdict = "WRONG"
        else:
            verdict = "FP" if claimed else "TN"
        n[verdict] += 1
        if verdict != "TP":
            continue
        changes = [c for o in hits for c in (o.get("changes") or [])]
        for alt in truth.alterations:
            kind = KIND.get(alt[0])
            if kind is None:
                continue
            n["alt_n"] += 1
            n[f"alt_n:{kind}"] += 1
            if any(_matches(c, alt) for c in changes):
                n["alt_hit"] += 1
                n[f"alt_hit:{kind}"] += 1
        # Changes read against an earlier version than the truth's source (an upstream wire behind a
        # verbatim republication) explain a different hop than the truth labels: not counted here.
        labelled_hop = [
            c for o in hits if o.get("changes_against") in truth.sources for c in o.get("changes") or []
        ]
        for c in labelled_hop:
            kind = str(c.get("kind"))
            if kind in SCORED_KINDS - UNMODELLED_KINDS:
                right = any(_matches(c, alt) for alt in truth.alterations)
                n["chg_out"] += 1
                n["chg_ok"] += right
                n[f"chg_out:{kind}"] += 1
                n[f"chg_ok:{kind}"] += right
    return n


def _figures(n: Mapping[str, float]) -> dict[str, float]:
    tp, wrong, fn, fp, tn = (float(n.get(k, 0)) for k in ("TP", "WRONG", "FN", "FP", "TN"))
    sp = _ratio(tp, tp + wrong + fp)
    sr = _ratio(tp, tp + wrong + fn)
    up = _ratio(tn, tn + fn)
    ur = _ratio(tn, tn + fp)
    fig: dict[str, float] = {
        "sentences": tp + wrong + fn + fp + tn,
        "source_precision": sp,
        "source_recall": sr,
        "source_f1": _ratio(2 * sp * sr, sp + sr),
        "source_top1": _ratio(float(n.get("top1", 0)), tp + wrong + fn),
        "unsourced_precision": up,
        "unsourced_recall": ur,
        "unsourced_f1": _ratio(2 * up * ur, up + ur),
        "false_source": fp,
        "wrong_source": wrong,
        "change_recall": _ratio(float(n.get("alt_hit", 0)), float(n.get("alt_n", 0))),
        "change_precision": _ratio(float(n.get("chg_ok", 0)), float(n.get("chg_out", 0))),
        "change_kinds_labelled": float(n.get("alt_n", 0)),
    }
    for kind in sorted(SCORED_KINDS):
        labelled = float(n.get(f"alt_n:{kind}", 0))
        if labelled:
            fig[f"change_recall:{kind}"] = _ratio(float(n.get(f"alt_hit:{kind}", 0)), labelled)
        predicted = float(n.get(f"chg_out:{kind}", 0))
        if predicted:
            fig[f"change_precision:{kind}"] = _ratio(float(n.get(f"chg_ok:{kind}", 0)), predicted)
    return fig


def score(
    report: Mapping[str, Any], case: SynthCase, docs: Sequence[SynthDoc] | None = None
) -> dict[str, float]:
    """Figures for one traced case, plus its raw counts under keys starting ``n:``.

    Pass the world's ``docs`` to also accept, as the shared scorer does, documents that carry the
    first 120 characters of a labelled source sentence (cut-off copies) and documents' urls.
    """
    counts = _count(report, case, docs)
    out = _figures(counts)
    out.update({f"n:{k}": float(v) for k, v in sorted(counts.items())})
    return out


def combine(scores: list[dict[str, float]]) -> dict[str, float]:
    """Pool the raw counts of several ``score`` results and recompute every figure from them."""
    total: Counter[str] = Counter()
    for s in scores:
        for key, val in s.items():
            if key.startswith("n:"):
                total[key[2:]] += int(val)
    out = _figures(total)
    out["cases"] = float(len(scores))
    out.update({f"n:{k}": float(v) for k, v in sorted(total.items())})
    return out
