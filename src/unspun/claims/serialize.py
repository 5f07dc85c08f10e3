"""Analyses to and from plain dicts: the one place the ``unspun.analysis/1`` JSON shape is written down.

The terminal renderer and any API start from :func:`analysis_to_dict`, so what
a user reads and what a script reads cannot disagree. Inside a trace report the
same dict is embedded without its ``article`` block (the report carries the
article already); :func:`analysis_from_dict` then takes the article as an
argument. Spans are ``[start, end]`` offsets into ``article.text``. Numbers
that are whole are written as integers.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from unspun.types import (
    Analysis,
    AnalysisSummary,
    Article,
    Attribution,
    Bound,
    Check,
    Claim,
    Cue,
    CueKind,
    DateRef,
    Quantity,
    QuoteKind,
    SentenceAnalysis,
    Span,
    SpeakerKind,
    Status,
    Voice,
)

SCHEMA = "unspun.analysis/1"


def _span(value: Any) -> Span:
    start, end = value
    return (int(start), int(end))


def _maybe_span(value: Any) -> Span | None:
    return None if value is None else _span(value)


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _attribution(a: Attribution) -> dict[str, Any]:
    return {
        "speaker": a.speaker,
        "speaker_span": list(a.speaker_span),
        "kind": a.kind.value,
        "verb": a.verb,
        "verb_span": list(a.verb_span),
        "quote": a.quote.value,
        "quote_span": list(a.quote_span) if a.quote_span else None,
        "refers_to": a.refers_to,
    }


def _attribution_back(d: dict[str, Any]) -> Attribution:
    return Attribution(
        speaker=d["speaker"],
        speaker_span=_span(d["speaker_span"]),
        kind=SpeakerKind(d["kind"]),
        verb=d["verb"],
        verb_span=_span(d["verb_span"]),
        quote=QuoteKind(d["quote"]),
        quote_span=_maybe_span(d["quote_span"]),
        refers_to=d["refers_to"],
    )


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text,
        "span": list(q.span),
        "value": _number(q.value),
        "high": None if q.high is None else _number(q.high),
        "bound": q.bound.value,
        "counts": q.counts,
        "unit": q.unit,
        "noun": q.noun,
        "per": q.per,
    }


def _quantity_back(d: dict[str, Any]) -> Quantity:
    return Quantity(
        text=d["text"],
        span=_span(d["span"]),
        value=float(d["value"]),
        bound=Bound(d["bound"]),
        counts=d["counts"],
        unit=d["unit"],
        noun=d["noun"],
        high=None if d["high"] is None else float(d["high"]),
        per=d["per"],
    )


def _date(r: DateRef) -> dict[str, Any]:
    return {
        "text": r.text,
        "span": list(r.span),
        "date": r.date.isoformat() if r.date else None,
        "precision": r.precision,
        "relative": r.relative,
        "tense": r.tense,
        "conflict": r.conflict,
    }


def _date_back(d: dict[str, Any]) -> DateRef:
    return DateRef(
        text=d["text"],
        span=_span(d["span"]),
        date=dt.date.fromisoformat(d["date"]) if d["date"] else None,
        precision=d["precision"],
        relative=d["relative"],
        tense=d["tense"],
        conflict=d["conflict"],
    )


def _cue(c: Cue) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "family": c.kind.family,
        "text": c.text,
        "span": list(c.span),
        "voice": c.voice.value,
        "note": c.note,
        "other_span": list(c.other_span) if c.other_span else None,
    }


def _cue_back(d: dict[str, Any]) -> Cue:
    return Cue(
        kind=CueKind(d["kind"]),
        text=d["text"],
        span=_span(d["span"]),
        voice=Voice(d["voice"]),
        note=d["note"],
        other_span=_maybe_span(d["other_span"]),
    )


def _sentence(s: SentenceAnalysis) -> dict[str, Any]:
    return {
        "index": s.index,
        "span": list(s.span),
        "text": s.text,
        "status": s.status.value,
        "quote_of": s.quote_of,
        "attributions": [_attribution(a) for a in s.attributions],
        "quantities": [_quantity(q) for q in s.quantities],
        "dates": [_date(r) for r in s.dates],
        "claims": [{"kind": c.kind, "text": c.text, "span": list(c.span)} for c in s.claims],
        "cues": [_cue(c) for c in s.cues],
    }


def _sentence_back(d: dict[str, Any]) -> SentenceAnalysis:
    return SentenceAnalysis(
        index=d["index"],
        span=_span(d["span"]),
        text=d["text"],
        status=Status(d["status"]),
        attributions=tuple(_attribution_back(a) for a in d["attributions"]),
        quantities=tuple(_quantity_back(q) for q in d["quantities"]),
        dates=tuple(_date_back(r) for r in d["dates"]),
        claims=tuple(Claim(c["kind"], c["text"], _span(c["span"])) for c in d["claims"]),
        cues=tuple(_cue_back(c) for c in d["cues"]),
        quote_of=d["quote_of"],
    )


def _summary(s: AnalysisSummary) -> dict[str, Any]:
    return {
        "sentences": s.sentences,
        "attributed": s.attributed,
        "vague": s.vague,
        "unattributed": s.unattributed,
        "attributed_share": s.attributed_share,
        "vague_share": s.vague_share,
        "unattributed_share": s.unattributed_share,
        "unattributed_claims": s.unattributed_claims,
        "speaker_kinds": dict(s.speaker_kinds),
        "quantities": s.quantities,
        "dates": s.dates,
        "date_conflicts": s.date_conflicts,
        "cues": dict(s.cues),
        "checks": [
            {"sentence": c.sentence, "span": list(c.span), "kind": c.kind, "reason": c.reason}
            for c in s.checks
        ],
    }


def _summary_back(d: dict[str, Any]) -> AnalysisSummary:
    return AnalysisSummary(
        sentences=d["sentences"],
        attributed=d["attributed"],
        vague=d["vague"],
        unattributed=d["unattributed"],
        attributed_share=d["attributed_share"],
        vague_share=d["vague_share"],
        unattributed_share=d["unattributed_share"],
        unattributed_claims=d["unattributed_claims"],
        speaker_kinds=tuple(d["speaker_kinds"].items()),
        quantities=d["quantities"],
        dates=d["dates"],
        date_conflicts=d["date_conflicts"],
        cues=tuple(d["cues"].items()),
        checks=tuple(Check(c["sentence"], _span(c["span"]), c["kind"], c["reason"]) for c in d["checks"]),
    )


def analysis_to_dict(analysis: Analysis, *, with_article: bool = True) -> dict[str, Any]:
    """The JSON form; ``with_article=False`` leaves out the article, for embedding in a trace report."""
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "unspun", "version": analysis.version},
        "method": analysis.method,
        "rules_digest": analysis.rules_digest,
    }
    if with_article:
        art = analysis.article
        out["article"] = {
            "title": art.title,
            "published": art.published.isoformat() if art.published else None,
            "url": art.url,
            "outlet": art.outlet,
            "origin": art.origin,
            "text": art.text,
            "body_start": len(art.text) - len(art.body),
        }
    out["summary"] = _summary(analysis.summary)
    out["sentences"] = [_sentence(s) for s in analysis.sentences]
    return out


def analysis_from_dict(d: dict[str, Any], article: Article | None = None) -> Analysis:
    """An analysis as :func:`analysis_to_dict` wrote it.

    ``article`` is required when the dict was embedded without one. Raises
    ValueError on another schema or a missing article.
    """
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not an unspun analysis of schema {SCHEMA} (got {d.get('schema')!r})")
    if article is None:
        if "article" not in d:
            raise ValueError("this analysis was embedded without its article: pass the article")
        art = d["article"]
        article = Article(
            title=art["title"],
            body=art["text"][art["body_start"] :],
            published=dt.date.fromisoformat(art["published"]) if art["published"] else None,
            url=art["url"],
            outlet=art["outlet"],
            origin=art["origin"],
        )
    return Analysis(
        article=article,
        sentences=tuple(_sentence_back(s) for s in d["sentences"]),
        summary=_summary_back(d["summary"]),
        method=d["method"],
        rules_digest=d["rules_digest"],
        version=d["tool"]["version"],
    )


def analysis_to_json(analysis: Analysis) -> str:
    return json.dumps(analysis_to_dict(analysis), ensure_ascii=False, indent=2) + "\n"
