"""The per-document kernel: one document traced against the index, as reuse links.

A pure function of the document, the (read-only) index and the settings, so any
engine (this package's process pool, Spark later) can map it over a corpus and
get the same links.
"""

from __future__ import annotations

from unspun.claims import spinner_marks
from unspun.explain.spins import tally_spins
from unspun.index.store import IndexStore
from unspun.ingest.corpus import host_of
from unspun.pipeline import trace_article
from unspun.scan.boilerplate import sentence_key
from unspun.scan.model import DocTrace, Link
from unspun.settings import Settings
from unspun.types import Alignment, Article, Document, SourceMatch


def outlet_of(outlet: str, url: str, doc_id: str) -> str:
    """The outlet a document is counted under: its own field, else its URL's host, else itself."""
    return outlet or host_of(url) or doc_id


def _body(doc: Document) -> str:
    if doc.title and doc.text.startswith(doc.title):
        return doc.text[len(doc.title) :].lstrip()
    return doc.text


def _order(source: SourceMatch, doc: Document) -> str:
    if source.published is None or doc.published is None:
        return "undated"
    return "same_day" if source.published == doc.published else "before"


def document_links(
    doc: Document, store: IndexStore, settings: Settings, boilerplate: frozenset[int]
) -> DocTrace:
    """Every sentence of ``doc`` found in an earlier (or undated) document of another outlet.

    Sources from the document's own outlet and boilerplate sentences (on either
    side) are left out: neither says who took from whom. At most
    ``max_sources`` sources are kept per sentence (0 keeps all), likeliest
    origin first: the later carriers of a much-copied sentence would add links
    quadratically, and the origin counted is almost always among the first. Sentences of
    documents published after ``doc`` are never aligned: a link only ever runs from earlier to
    later, and the later document's own trace finds the pair.
    """
    outlet = outlet_of(doc.outlet, doc.url, doc.id)
    cap = settings.scan.max_sources or None
    body = _body(doc)
    links: list[Link] = []
    used: list[Alignment] = []
    counted = 0
    # The document's own copy in the index is excluded by its URL; a reprint of the same text under
    # another URL is then reported, not taken for the document itself (without a URL the text decides).
    article = Article(doc.title, body, doc.published, url=doc.url, outlet=doc.outlet, origin=doc.id)
    report = trace_article(
        article, store, settings, analyze=False, same_text_is_self=not doc.url, origins_only=True
    )
    for a in report.alignments:
        if sentence_key(a.sentence.text) in boilerplate:
            continue
        counted += 1
        kept = [
            m
            for m in a.sources
            if outlet_of(m.outlet, m.url, m.doc_id) != outlet and sentence_key(m.text) not in boilerplate
        ][:cap]
        if kept:
            used.append(a)
        links.extend(_link(doc, outlet, a.sentence.index, a, m, i == 0) for i, m in enumerate(kept))
    cues: tuple[str, ...] = ()
    if links:
        marks = spinner_marks(article)
        cues = tuple(f"{kind.value}: {words}" for kind, words in marks)
    return DocTrace(
        doc_id=doc.id,
        outlet=outlet,
        published=doc.published,
        sentences=counted,
        links=tuple(links),
        spins=tuple(tally_spins(used, min_count=1)),
        spinner_cues=cues,
    )


def _link(doc: Document, outlet: str, index: int, a: Alignment, m: SourceMatch, origin: bool) -> Link:
    return Link(
        source_doc=m.doc_id,
        source_sentence=m.sentence_index,
        source_outlet=outlet_of(m.outlet, m.url, m.doc_id),
        source_published=m.published,
        target_doc=doc.id,
        target_sentence=index,
        target_outlet=outlet,
        target_published=doc.published,
        relation=m.relation.value,
        score=round(m.score, 4),
        origin=origin,
        order=_order(m, doc),
        changes=tuple(sorted({c.kind for c in a.changes})),
        compared_with=a.compared_with,
        source_text=m.text,
        target_text=a.sentence.text,
    )
