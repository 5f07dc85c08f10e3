"""Reports to and from plain dicts: the only place the JSON shape is written down.

The schema is versioned (``SCHEMA``); every renderer and the web API start from
:func:`report_to_dict`, so the CLI and the API print the same bytes, and
:func:`report_from_dict` reads a saved report back into the data model.
Derived fields (``source_age_days``, ``stale``) are written for readers and
recomputed, not read back.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

# The analysis has its own serializer; the CLI and the package root take it from here.
from unspun.claims.serialize import analysis_from_dict
from unspun.claims.serialize import analysis_to_dict as analysis_to_dict
from unspun.claims.serialize import analysis_to_json as analysis_to_json
from unspun.types import (
    Alignment,
    Article,
    Change,
    Edit,
    EditOp,
    Relation,
    Report,
    Sentence,
    SourceMatch,
    Span,
    Spin,
    Summary,
)

SCHEMA = "unspun.report/1"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _undate(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _span(value: Any) -> Span:
    start, end = value
    return (int(start), int(end))


def _source(m: SourceMatch) -> dict[str, Any]:
    return {
        "doc_id": m.doc_id,
        "url": m.url,
        "outlet": m.outlet,
        "published": _date(m.published),
        "title": m.title,
        "text": m.text,
        "sentence_index": m.sentence_index,
        "span": list(m.span),
        "score": m.score,
        "coverage": m.coverage,
        "relation": m.relation.value,
        "later_than_article": m.later_than_article,
    }


def _source_back(d: dict[str, Any]) -> SourceMatch:
    return SourceMatch(
        doc_id=d["doc_id"],
        url=d["url"],
        outlet=d["outlet"],
        published=_undate(d["published"]),
        title=d["title"],
        sentence_index=d["sentence_index"],
        span=_span(d["span"]),
        text=d["text"],
        score=d["score"],
        coverage=d["coverage"],
        relation=Relation(d["relation"]),
        later_than_article=d["later_than_article"],
    )


def _change(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "from": c.before,
        "to": c.after,
        "article_span": list(c.article_span),
        "source_span": list(c.source_span),
        "confidence": c.confidence,
        "evidence": c.evidence,
    }


def _change_back(d: dict[str, Any]) -> Change:
    return Change(
        kind=d["kind"],
        article_span=_span(d["article_span"]),
        source_span=_span(d["source_span"]),
        before=d["from"],
        after=d["to"],
        confidence=d["confidence"],
        evidence=d["evidence"],
    )


def _sentence(a: Alignment, article_published: dt.date | None, stale_days: int) -> dict[str, Any]:
    origin = a.sources[0] if a.sources else None
    age = (
        (article_published - origin.published).days
        if origin and origin.published and article_published
        else None
    )
    return {
        "index": a.sentence.index,
        "text": a.sentence.text,
        "span": list(a.sentence.span),
        "relation": a.relation.value,
        "score": a.score,
        "sources": [_source(m) for m in a.sources],
        "later_copies": [_source(m) for m in a.later_copies],
        "changes": [_change(c) for c in a.changes],
        "changes_against": a.compared_with,
        "edits": [
            {"op": e.op.value, "article_span": list(e.article_span), "source_span": list(e.source_span)}
            for e in a.edits
        ],
        "source_age_days": age,
        "stale": age is not None and age > stale_days,
        "note": a.note,
    }


def _sentence_back(d: dict[str, Any], doc_id: str) -> Alignment:
    return Alignment(
        sentence=Sentence(doc_id, d["index"], _span(d["span"]), d["text"]),
        relation=Relation(d["relation"]),
        score=d["score"],
        sources=tuple(_source_back(m) for m in d["sources"]),
        later_copies=tuple(_source_back(m) for m in d["later_copies"]),
        edits=tuple(
            Edit(EditOp(e["op"]), _span(e["article_span"]), _span(e["source_span"])) for e in d["edits"]
        ),
        changes=tuple(_change_back(c) for c in d["changes"]),
        note=d["note"],
        compared_with=d["changes_against"],
    )


def _summary(s: Summary) -> dict[str, Any]:
    return {
        "sentences": s.sentences,
        "sourced": s.sourced,
        "unsourced": s.unsourced,
        "by_relation": dict(s.by_relation),
        "outlets": list(s.outlets),
        "stories": s.stories,
        "earliest_source": _date(s.earliest_source),
        "latest_source": _date(s.latest_source),
        "unsourced_share": s.unsourced_share,
        "undated_sources": s.undated_sources,
    }


def _summary_back(d: dict[str, Any]) -> Summary:
    return Summary(
        sentences=d["sentences"],
        sourced=d["sourced"],
        unsourced=d["unsourced"],
        by_relation=tuple(sorted(d["by_relation"].items())),
        outlets=tuple(d["outlets"]),
        stories=d["stories"],
        earliest_source=_undate(d["earliest_source"]),
        latest_source=_undate(d["latest_source"]),
        unsourced_share=d["unsourced_share"],
        undated_sources=d["undated_sources"],
    )


def report_to_dict(report: Report, stale_days: int = 7) -> dict[str, Any]:
    art = report.article
    return {
        "schema": SCHEMA,
        "tool": {"name": "unspun", "version": report.version},
        "settings_digest": report.settings_digest,
        "index_digest": report.index_digest,
        "article": {
            "title": art.title,
            "published": _date(art.published),
            "url": art.url,
            "outlet": art.outlet,
            "origin": art.origin,
            "text": art.text,
            "body_start": len(art.text) - len(art.body),
        },
        "summary": _summary(report.summary),
        "sentences": [_sentence(a, art.published, stale_days) for a in report.alignments],
        "warnings": list(report.warnings),
        "spin_fingerprint": [spin_to_dict(p) for p in report.spins],
        "analysis": analysis_to_dict(report.analysis, with_article=False) if report.analysis else None,
    }


def spin_to_dict(p: Spin) -> dict[str, Any]:
    return {"kind": p.kind, "from": p.before, "to": p.after, "count": p.count, "examples": list(p.examples)}


def report_from_dict(d: dict[str, Any]) -> Report:
    """A report as :func:`report_to_dict` wrote it; raises ValueError on another schema."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not an unspun report of schema {SCHEMA} (got {d.get('schema')!r})")
    art = d["article"]
    article = Article(
        title=art["title"],
        body=art["text"][art["body_start"] :],
        published=_undate(art["published"]),
        url=art["url"],
        outlet=art["outlet"],
        origin=art["origin"],
    )
    return Report(
        article=article,
        alignments=tuple(_sentence_back(s, "article") for s in d["sentences"]),
        summary=_summary_back(d["summary"]),
        settings_digest=d["settings_digest"],
        index_digest=d["index_digest"],
        version=d["tool"]["version"],
        warnings=tuple(d["warnings"]),
        spins=tuple(
            Spin(p["kind"], p["from"], p["to"], p["count"], tuple(p["examples"]))
            for p in d["spin_fingerprint"]
        ),
        analysis=analysis_from_dict(d["analysis"], article) if d.get("analysis") else None,
    )


def report_to_json(report: Report, stale_days: int = 7) -> str:
    return json.dumps(report_to_dict(report, stale_days), ensure_ascii=False, indent=2) + "\n"
