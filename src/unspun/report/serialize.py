"""Reports to and from plain dicts: the only place the JSON shape is written down.

The schema is versioned (``SCHEMA``); every renderer and the web API start from
:func:`report_to_dict`, so the CLI and the API print the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from unspun.types import Alignment, Change, Report, SourceMatch, Summary

SCHEMA = "unspun.report/1"


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


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
        "source_age_days": age,
        "stale": age is not None and age > stale_days,
        "note": a.note,
    }


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
        },
        "summary": _summary(report.summary),
        "sentences": [_sentence(a, art.published, stale_days) for a in report.alignments],
        "warnings": list(report.warnings),
    }


def report_to_json(report: Report, stale_days: int = 7) -> str:
    return json.dumps(report_to_dict(report, stale_days), ensure_ascii=False, indent=2) + "\n"
