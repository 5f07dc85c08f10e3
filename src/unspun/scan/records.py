"""Kernel records as plain rows, and back: what the Spark engine writes to its Parquet checkpoints.

A checkpoint must give back exactly the ``Document`` and ``DocTrace`` values
that were written, or a resumed scan would not match an uninterrupted one. So
every field is stored as itself (dates as dates, scores as doubles, tuples as
lists), and the schemas below name each column in the order the row tuples use.
Sentence keys are unsigned 64-bit, Parquet's integers are signed: they are
stored shifted into the signed range and shifted back on reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from unspun.scan.model import DocTrace, Link
from unspun.types import Document, Spin

_TWO_64 = 1 << 64
_TWO_63 = 1 << 63

DOCUMENT_SCHEMA = (
    "order BIGINT, kind STRING, message STRING, id STRING, text STRING, url STRING, outlet STRING, "
    "published DATE, title STRING, lang STRING"
)
"""One row per document read, or per warning/error met while reading (``kind`` doc, warning or error)."""

_LINK_FIELDS = (
    "source_doc STRING, source_sentence INT, source_outlet STRING, source_published DATE, "
    "target_doc STRING, target_sentence INT, target_outlet STRING, target_published DATE, "
    "relation STRING, score DOUBLE, origin BOOLEAN, order STRING, changes ARRAY<STRING>, "
    "compared_with STRING, source_text STRING, target_text STRING"
)
_SPIN_FIELDS = "kind STRING, before STRING, after STRING, count INT, examples ARRAY<STRING>"
TRACE_SCHEMA = (
    "order BIGINT, doc_id STRING, outlet STRING, published DATE, sentences INT, "
    f"links ARRAY<STRUCT<{_LINK_FIELDS}>>, spins ARRAY<STRUCT<{_SPIN_FIELDS}>>, spinner_cues ARRAY<STRING>"
)
"""One row per traced document, ``order`` being its place in the corpus as read."""

KEY_SCHEMA = "key BIGINT"

DocumentRow = tuple[
    int,
    str,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    dt.date | None,
    str | None,
    str | None,
]


def signed_key(key: int) -> int:
    """An unsigned 64-bit sentence key in the signed range Parquet stores."""
    return key - _TWO_64 if key >= _TWO_63 else key


def unsigned_key(key: int) -> int:
    return key + _TWO_64 if key < 0 else key


def document_row(order: int, doc: Document) -> DocumentRow:
    return (order, "doc", None, doc.id, doc.text, doc.url, doc.outlet, doc.published, doc.title, doc.lang)


def message_row(order: int, kind: str, message: str) -> DocumentRow:
    return (order, kind, message, None, None, None, None, None, None, None)


def document_from_row(row: Mapping[str, Any]) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        title=row["title"],
        lang=row["lang"],
    )


def trace_row(order: int, t: DocTrace) -> tuple[Any, ...]:
    links = [
        (
            x.source_doc,
            x.source_sentence,
            x.source_outlet,
            x.source_published,
            x.target_doc,
            x.target_sentence,
            x.target_outlet,
            x.target_published,
            x.relation,
            x.score,
            x.origin,
            x.order,
            list(x.changes),
            x.compared_with,
            x.source_text,
            x.target_text,
        )
        for x in t.links
    ]
    spins = [(p.kind, p.before, p.after, p.count, list(p.examples)) for p in t.spins]
    return (order, t.doc_id, t.outlet, t.published, t.sentences, links, spins, list(t.spinner_cues))


def _link(x: Mapping[str, Any]) -> Link:
    return Link(
        source_doc=x["source_doc"],
        source_sentence=x["source_sentence"],
        source_outlet=x["source_outlet"],
        source_published=x["source_published"],
        target_doc=x["target_doc"],
        target_sentence=x["target_sentence"],
        target_outlet=x["target_outlet"],
        target_published=x["target_published"],
        relation=x["relation"],
        score=x["score"],
        origin=x["origin"],
        order=x["order"],
        changes=tuple(x["changes"]),
        compared_with=x["compared_with"],
        source_text=x["source_text"],
        target_text=x["target_text"],
    )


def trace_from_row(row: Mapping[str, Any]) -> DocTrace:
    spins: Sequence[Mapping[str, Any]] = row["spins"]
    return DocTrace(
        doc_id=row["doc_id"],
        outlet=row["outlet"],
        published=row["published"],
        sentences=row["sentences"],
        links=tuple(_link(x) for x in row["links"]),
        spins=tuple(
            Spin(p["kind"], p["before"], p["after"], p["count"], tuple(p["examples"])) for p in spins
        ),
        spinner_cues=tuple(row["spinner_cues"]),
    )
