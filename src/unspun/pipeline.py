"""The only place that knows the order of the stages of a trace."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from unspun import __version__
from unspun.align.verdict import (
    Scored,
    facts_kept,
    is_verbatim,
    merged_coverage,
    names_kept,
    names_share,
    relation_of,
)
from unspun.align.wordalign import WordAlignment, align_tokens, edits
from unspun.claims import analyze_article
from unspun.explain.changes import find_changes
from unspun.explain.spins import tally_spins
from unspun.explain.timerefs import time_changes
from unspun.index.retrieve import retrieve
from unspun.index.store import IndexStore, StoredDoc
from unspun.settings import Settings
from unspun.text.segment import article_spans
from unspun.text.tokens import index_terms, tokenize
from unspun.types import (
    Alignment,
    Article,
    Document,
    Relation,
    Report,
    Sentence,
    SourceMatch,
    Spin,
    Summary,
    Token,
)

_WHOLE_DOCUMENT = 200
_RANK = {Relation.COPIED: 0, Relation.SPUN: 1, Relation.PARAPHRASED: 2}


def article_sentences(article: Article) -> list[Sentence]:
    """The title is sentence 0 (headlines are copied and spun too); the body follows."""
    text = article.text
    spans = article_spans(article.title, article.body)
    return [Sentence("article", i, (s, e), text[s:e]) for i, (s, e) in enumerate(spans)]


@dataclass(frozen=True, slots=True)
class _Candidate:
    stored: StoredDoc
    index: int
    scored: Scored

    @property
    def text(self) -> str:
        s, e = self.stored.spans[self.index]
        return self.stored.doc.text[s:e]


class _Docs:
    """What one trace reads from the index, each once however often it comes back: documents, and
    the words of each source text with their alignment against each article sentence."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self.by_rowid: dict[int, StoredDoc] = {}
        self._tokens: dict[str, tuple[Token, ...]] = {}
        self._aligned: dict[tuple[int, str], WordAlignment] = {}

    def aligned(
        self, i: int, toks: tuple[Token, ...], stored: StoredDoc, index: int
    ) -> tuple[tuple[Token, ...], WordAlignment]:
        """Article sentence ``i`` (its words ``toks``) against one stored sentence: that sentence's words and the alignment.

        Each source text is tokenized once per trace, and aligned once against
        each article sentence: a sentence carried word for word by several
        documents (wire copy, reprints) costs no more than one.
        """
        s, e = stored.spans[index]
        text = stored.doc.text[s:e]
        source = self._tokens.get(text)
        if source is None:
            source = self._tokens[text] = tokenize(text)
        key = (i, text)
        alignment = self._aligned.get(key)
        if alignment is None:
            alignment = self._aligned[key] = align_tokens(toks, source)
        return source, alignment

    def later_than(self, sid: int, article: Article) -> bool:
        """Whether the sentence's document was published after the article (its date alone is read)."""
        return article.published is not None and self.store.published_after(sid, article.published)

    def sentence(self, sid: int) -> tuple[StoredDoc, int]:
        rowid, index = self.store.locate(sid)
        if rowid not in self.by_rowid:
            self.by_rowid[rowid] = self.store.document(rowid)
        return self.by_rowid[rowid], index


def trace_article(
    article: Article,
    store: IndexStore,
    settings: Settings,
    analyze: bool = True,
    same_text_is_self: bool = True,
    origins_only: bool = False,
) -> Report:
    """Every sentence of ``article`` against the index; with ``analyze``, the single-article analysis too.

    The article itself is never its own source: a document under its URL, and by default a
    document with the same whole text (a trace of a saved copy). A corpus scan, which traces
    documents already indexed under their own URLs and is looking for verbatim reprints, passes
    ``same_text_is_self=False`` so that a reprint under another URL is reported, not hidden.

    A scan also wants only origins: with ``origins_only`` a retrieved sentence of a document
    published after the article is set aside before it is aligned (it could only ever be a
    later copy, which a report lists and a scan ignores). Every corpus document is traced, so
    this skips the half of all pairs that the later document's own trace finds (the scan's
    store keeps its sentence map, so this costs no read of the candidate at all).
    """
    sentences = article_sentences(article)
    tokens = [tokenize(s.text) for s in sentences]
    hits = retrieve(store, [index_terms([t.norm for t in toks]) for toks in tokens], settings.retrieve)
    docs = _Docs(store)
    candidates: list[list[_Candidate]] = []
    for i, (toks, sentence_hits) in enumerate(zip(tokens, hits, strict=True)):
        row = []
        for hit in sentence_hits:
            if origins_only and docs.later_than(hit.sid, article):
                continue
            stored, index = docs.sentence(hit.sid)
            scored = Scored(*docs.aligned(i, toks, stored, index), index == len(stored.spans) - 1)
            row.append(_Candidate(stored, index, scored))
        candidates.append(row)
    selves = _self_documents(article, tokens, candidates, docs, same_text_is_self)
    kept = [[c for c in row if c.stored.rowid not in selves] for row in candidates]
    alignments = [
        _decide(article, sentence, toks, row, settings)
        for sentence, toks, row in zip(sentences, tokens, kept, strict=True)
    ]
    alignments = _rescue_by_context(article, tokens, alignments, kept, docs, settings)
    spins = tuple(store.spins(article.outlet)) if article.outlet else ()
    warnings = []
    if article.published is None:
        warnings.append("the article has no date: sources published after it cannot be ruled out as origins")
    return Report(
        article=article,
        alignments=tuple(alignments),
        summary=summarize(alignments),
        settings_digest=settings.digest,
        index_digest=store.digest,
        version=__version__,
        warnings=tuple(warnings),
        spins=spins,
        analysis=analyze_article(article) if analyze else None,
    )


def _self_documents(
    article: Article,
    tokens: list[tuple[Token, ...]],
    candidates: list[list[_Candidate]],
    docs: _Docs,
    same_text: bool = True,
) -> set[int]:
    """The article itself in the index: same URL, or (with ``same_text``) the same text as the whole article.

    A document with the same whole text that was published before the article
    under another URL is not the article but the story it reprints: its origin.
    """
    selves = {d.rowid for d in docs.store.documents_by_url(article.url)} if article.url else set()
    if not same_text:
        return selves
    hits = Counter(c.stored.rowid for row in candidates for c in {c.stored.rowid: c for c in row}.values())
    whole = [t.norm for toks in tokens for t in toks]
    for rowid, count in hits.items():
        if count * 3 < len(candidates):
            continue
        stored = docs.by_rowid[rowid]
        if (
            _earlier_elsewhere(stored.doc, article)
            or not 0.7 <= len(stored.doc.text) / max(len(article.text), 1) <= 1.43
        ):
            continue  # a text of quite another length cannot be the same whole text
        theirs = [t.norm for t in tokenize(stored.doc.text)]
        if Indel.normalized_similarity(whole, theirs) >= 0.9:
            selves.add(rowid)
    return selves


def _earlier_elsewhere(doc: Document, article: Article) -> bool:
    dated = doc.published is not None and article.published is not None and doc.published < article.published
    return dated and bool(article.url) and doc.url != article.url


def _decide(
    article: Article, sentence: Sentence, toks: tuple[Token, ...], row: list[_Candidate], settings: Settings
) -> Alignment:
    judged = [(c, relation_of(c.scored, toks, settings.align)) for c in row]
    accepted: list[tuple[_Candidate, Relation]] = [(c, r) for c, r in judged if r is not Relation.UNSOURCED]
    # Both halves of a merge are named as sources, and a document published after the article is
    # never one: it completes no merge, and a later rewrite of the whole anchors none (tracing with
    # ``origins_only``, which never aligns later documents, then finds exactly these sources).
    earlier = [c for c in row if not _later_than(c.stored.doc, article)]
    origins = [c for c, _ in accepted if not _later_than(c.stored.doc, article)]
    note = ""
    if origins:
        top = max(origins, key=lambda c: c.scored.alignment.article_coverage)
        if top.scored.alignment.article_coverage < settings.align.merge_below:
            pair, note = _merge(toks, earlier, settings, anchor=top)
            accepted += _copies_of(pair[1][0], row, Relation.SPUN) if pair else []
    elif earlier:
        pair, note = _merge(toks, earlier, settings)
        accepted += [cr for c, _ in pair for cr in _copies_of(c, row, Relation.SPUN)]
    if not accepted:
        return Alignment(sentence, Relation.UNSOURCED, max((c.scored.score for c in row), default=0.0))
    return _attribute(article, sentence, toks, accepted, note)


def _copies_of(
    part: _Candidate, row: list[_Candidate], relation: Relation
) -> list[tuple[_Candidate, Relation]]:
    """Every candidate carrying the same words as ``part``: the other documents that printed it."""
    words = [t.norm for t in part.scored.tokens]
    return [(c, relation) for c in row if [t.norm for t in c.scored.tokens] == words]


def _attribute(
    article: Article,
    sentence: Sentence,
    toks: tuple[Token, ...],
    accepted: list[tuple[_Candidate, Relation]],
    note: str,
) -> Alignment:
    """Order the accepted sources, likely origin first, and explain what changed.

    Sources are ranked by evidence first (verbatim copies, then spun copies,
    then rewrites) and by publication date within each rank, since dates in
    corpora lie and an "earlier" rewrite is weaker evidence than a verbatim
    copy; a later version whose changes the article shares goes before the
    earlier one it descends from (``_descendant_first``). Changes are read
    against the closest source (the text the article was most likely made
    from), or, when that is a verbatim copy (a sibling farm, say), against an
    earlier spun version with the same facts: that is where the changes were
    made.
    """
    merged = note.startswith("merged")
    best: dict[tuple[str, int], tuple[_Candidate, Relation]] = {}
    for c, r in accepted:
        key = (c.stored.doc.id, c.index if merged else -1)  # a merge keeps both sentences of one document
        known = best.get(key)
        if known is None or c.scored.score > known[0].scored.score:
            best[key] = (c, r)
    ranked = sorted(
        ((_match(c, r, article), c) for c, r in best.values()), key=lambda mc: _origin_order(mc[0])
    )
    earlier = _descendant_first([(m, c) for m, c in ranked if not m.later_than_article])
    later = [(m, c) for m, c in ranked if m.later_than_article]
    if not earlier:
        note = "every document carrying this sentence was published after the article"
    listed = earlier or _descendant_first(later)
    origin_match, origin = listed[0]
    closest = max((c for _, c in listed), key=lambda c: c.scored.score)
    base = closest
    if is_verbatim(closest.scored):
        base = next((c for _, c in listed if _upstream_of(c, closest, toks)), closest)
    changes = find_changes(sentence.text, toks, base.text, base.scored.tokens, base.scored.alignment.blocks)
    changes += time_changes(sentence.text, article.published, base.text, base.stored.doc.published)
    return Alignment(
        sentence=sentence,
        relation=origin_match.relation,
        score=origin.scored.score,
        sources=tuple(m for m, _ in earlier),
        later_copies=tuple(m for m, _ in later),
        edits=edits(toks, base.scored.tokens, base.scored.alignment.blocks),
        changes=changes,
        note=note,
        compared_with=base.stored.doc.id,
    )


def _descendant_first(ranked: list[tuple[SourceMatch, _Candidate]]) -> list[tuple[SourceMatch, _Candidate]]:
    """The version the article was taken from before the earlier version it descends from.

    Wire copy is respun on its way: an outlet changes "said" to "stated", a farm then takes that
    version and renames a person. When a later source of the same kind agrees with the article
    at every word where the earliest one does, and at more, the article shares the changes that
    later version made (a shared change is the mark of descent: two writers rarely make the same
    one independently), so the article was taken from it, and it comes first. Partial agreements
    (each source closer somewhere) prove nothing and leave the order by date.
    """
    if len(ranked) < 2:
        return ranked
    head, first = ranked[0]
    kept = first.scored.alignment.matched_article
    closer = [
        k
        for k, (m, c) in enumerate(ranked)
        if m.relation is head.relation and kept < c.scored.alignment.matched_article
    ]
    if not closer:
        return ranked
    pick = max(closer, key=lambda k: len(ranked[k][1].scored.alignment.matched_article))
    return [ranked[pick], *ranked[:pick], *ranked[pick + 1 :]]


def _upstream_of(spun: _Candidate, copy: _Candidate, toks: tuple[Token, ...]) -> bool:
    """A spun version the verbatim copy was taken from: published before it, with the same facts."""
    earlier = copy.stored.doc.published is None or (
        spun.stored.doc.published is not None and spun.stored.doc.published < copy.stored.doc.published
    )
    return not is_verbatim(spun.scored) and earlier and facts_kept(toks, spun.scored.alignment)


def _rescue_by_context(
    article: Article,
    tokens: list[tuple[Token, ...]],
    alignments: list[Alignment],
    candidates: list[list[_Candidate]],
    docs: _Docs,
    settings: Settings,
) -> list[Alignment]:
    """Farms copy stories paragraph by paragraph: a sentence between sentences taken from a document
    is checked against every sentence of that document with a lower bar, which catches heavy
    rewrites of one sentence inside a copied passage without lowering the bar anywhere else.
    Once the context shows the sentence was reused, a retrieved sentence that carries a longer
    verbatim run of it is the closer source (see ``_partial_copy``)."""
    by_id = {d.doc.id: d for d in docs.by_rowid.values()}
    window = settings.align.context_window
    out = list(alignments)
    seen: dict[tuple[int, str], _Candidate | None] = {}
    rescued = True
    while rescued:
        rescued = False
        for i, toks in enumerate(tokens):
            if out[i].sources or len(toks) < settings.align.min_words:
                continue
            near = out[max(0, i - window) : i] + out[i + 1 : i + 1 + window]
            places: dict[str, set[int]] = {}
            for m in (m for a in near for m in a.sources[:3]):
                places.setdefault(m.doc_id, set()).add(m.sentence_index)
            options = []
            for doc_id, at in sorted(places.items()):
                if (i, doc_id) not in seen:
                    seen[(i, doc_id)] = _best_in_document(i, toks, by_id[doc_id], at, window, docs)
                options.append(seen[(i, doc_id)])
            found = max((c for c in options if c is not None), key=lambda c: c.scored.score, default=None)
            if found is None:
                continue
            a = found.scored.alignment
            short = len(toks) < settings.align.short_words
            run = settings.align.context_run + short
            if (
                a.article_coverage >= settings.align.context_coverage
                and a.longest_run >= run
                and (not short or names_kept(toks, a))
            ):
                note = "a rewrite of a sentence from the document its neighbours were taken from"
                partial = _partial_copy(article, toks, candidates[i], found, settings)
                if partial is not None:
                    found, note = (
                        partial,
                        "partly copied: a long verbatim run, in a passage of reused sentences",
                    )
                out[i] = _attribute(article, out[i].sentence, toks, [(found, Relation.PARAPHRASED)], note)
                rescued = rescued or bool(out[i].sources)
    return out


def _partial_copy(
    article: Article, toks: tuple[Token, ...], row: list[_Candidate], rewrite: _Candidate, settings: Settings
) -> _Candidate | None:
    """A retrieved sentence with stronger evidence of reuse than the rewrite the context found.

    Farms stitch an article from several wires, and join part of one wire's sentence to a clause
    from elsewhere: such a sentence sits among sentences taken from another document, whose
    closest sentence then shares a few of its words. A long verbatim run (the mark of reuse that
    a close paraphrase needs) is stronger evidence than a few short ones: when a retrieved
    sentence keeps one, longer than the rewrite's, keeps as many of the sentence's names (who it
    is about) and meets the same bar as the rewrite, it is the closer source. It only names
    another source for a sentence the context already showed was reused, never a source for a
    sentence that has none, and never a document published after the article (not an origin).
    """
    floor = max(settings.align.paraphrase_run, rewrite.scored.alignment.longest_run + 1)
    names = names_share(toks, rewrite.scored.alignment)
    stronger = [
        c
        for c in row
        if c.stored.rowid != rewrite.stored.rowid
        and not _later_than(c.stored.doc, article)
        and c.scored.alignment.longest_run >= floor
        and c.scored.alignment.article_coverage >= settings.align.context_coverage
        and names_share(toks, c.scored.alignment) >= max(names, settings.align.min_names_kept)
    ]
    return max(stronger, key=lambda c: (c.scored.alignment.longest_run, c.scored.score), default=None)


def _best_in_document(
    i: int, toks: tuple[Token, ...], stored: StoredDoc, near: set[int], window: int, docs: _Docs
) -> _Candidate | None:
    """The closest sentence of a document: all of a news-length document, and in a long one (an OCR
    page of a whole newspaper) the stretch around the places the neighbours were taken from."""
    reach = 2 * window + 1
    count = len(stored.spans)
    places = (
        range(count)
        if count <= _WHOLE_DOCUMENT
        else sorted({k for p in near for k in range(p - reach, p + reach + 1) if 0 <= k < count})
    )
    best: _Candidate | None = None
    for k in places:
        scored = Scored(*docs.aligned(i, toks, stored, k), False)
        if best is None or scored.score > best.scored.score:
            best = _Candidate(stored, k, scored)
    return best


def _merge(
    toks: tuple[Token, ...], row: list[_Candidate], settings: Settings, anchor: _Candidate | None = None
) -> tuple[list[tuple[_Candidate, Relation]], str]:
    """One article sentence stitched from two source sentences, each carrying part of it.

    Two adjacent sentences of one document are the common case (a farm joins a
    sentence to the next), so they need only short verbatim runs; two sentences
    from anywhere must each keep a long run. With an ``anchor`` (a source
    already accepted for part of the sentence), only its complement is sought.
    """
    ranked = sorted(
        (c for c in row if c.scored.alignment.longest_run >= 3),
        key=lambda c: -c.scored.alignment.article_coverage,
    )[:10]
    firsts = [anchor] if anchor is not None else ranked
    for first in firsts:
        for second in ranked:
            if second is first or (anchor is None and ranked.index(second) <= ranked.index(first)):
                continue
            together, added = merged_coverage(toks, first.scored, second.scored)
            if together < settings.align.spun or added < 0.2:
                continue
            adjacent = first.stored.rowid == second.stored.rowid and abs(first.index - second.index) == 1
            runs = (first.scored.alignment.longest_run, second.scored.alignment.longest_run)
            if adjacent or (min(runs) >= settings.align.merge_run and sum(runs) >= 0.5 * len(toks)):
                return [(first, Relation.SPUN), (second, Relation.SPUN)], "merged from two source sentences"
    return [], ""


def _match(c: _Candidate, relation: Relation, article: Article) -> SourceMatch:
    doc = c.stored.doc
    return SourceMatch(
        doc_id=doc.id,
        url=doc.url,
        outlet=doc.outlet,
        published=doc.published,
        title=doc.title,
        sentence_index=c.index,
        span=c.stored.spans[c.index],
        text=c.text,
        score=c.scored.score,
        coverage=round(c.scored.alignment.article_coverage, 4),
        relation=relation,
        later_than_article=_later_than(doc, article),
    )


def _later_than(doc: Document, article: Article) -> bool:
    return bool(article.published and doc.published and doc.published > article.published)


def _origin_order(m: SourceMatch) -> tuple[int, bool, dt.date, float]:
    """Stronger evidence first (copied, spun, paraphrased); earliest first within it; undated after dated."""
    return (_RANK[m.relation], m.published is None, m.published or dt.date.max, -m.score)


def summarize(alignments: list[Alignment]) -> Summary:
    sourced = [a for a in alignments if a.sources]
    by_relation = Counter(a.relation.value for a in alignments)
    outlets = sorted({m.outlet or m.doc_id for a in sourced for m in a.sources[:1]})
    dates = [m.published for a in sourced for m in a.sources if m.published]
    undated = len({m.doc_id for a in sourced for m in a.sources if m.published is None})
    n = len(alignments)
    unsourced = n - len(sourced)
    return Summary(
        sentences=n,
        sourced=len(sourced),
        unsourced=unsourced,
        by_relation=tuple(sorted(by_relation.items())),
        outlets=tuple(outlets),
        stories=_stories(sourced),
        earliest_source=min(dates, default=None),
        latest_source=max(dates, default=None),
        unsourced_share=round(unsourced / n, 4) if n else 0.0,
        undated_sources=undated,
    )


def _stories(sourced: list[Alignment]) -> int:
    """Documents that carry the same sentence tell the same story: count the connected groups."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in sourced:
        ids = [m.doc_id for m in a.sources]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
        find(ids[0])
    return len({find(x) for x in parent})


def learn_spins(
    store: IndexStore,
    settings: Settings,
    outlet: str,
    min_count: int = 2,
    progress: Callable[[int], None] | None = None,
) -> list[Spin]:
    """Trace every document of an outlet against the rest of the index and tally its recurring swaps."""
    alignments: list[Alignment] = []
    for done, stored in enumerate(store.documents(outlet), 1):
        doc = stored.doc
        body = (
            doc.text[len(doc.title) :].lstrip() if doc.title and doc.text.startswith(doc.title) else doc.text
        )
        article = Article(doc.title, body, doc.published, url=doc.url, outlet=doc.outlet, origin=doc.id)
        report = trace_article(article, store, settings, analyze=False)
        alignments.extend(a for a in report.alignments if a.sources)
        if progress:
            progress(done)
    return tally_spins(alignments, min_count)
