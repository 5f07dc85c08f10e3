"""``analyze``: one article read with no corpus, sentence by sentence, and where to look first.

The order is fixed by what each step needs: sentences first (the same split a
trace uses, so sentence numbers agree between the two reports), then who is
speaking in each (pronouns need the speakers before them), then the dates of a
sentence (so their day and year numbers are not read as counts), its
quantities, its unattributed claims and its cues, and last the cues that
compare sentences and the summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from unspun import __version__
from unspun.claims.attribution import SentenceAttributions, attribute
from unspun.claims.cues import (
    SentenceView,
    article_cues,
    has_byline,
    mangled_names,
    sentence_cues,
    spinner_fingerprints,
)
from unspun.claims.dates import find_dates
from unspun.claims.lexicon import lexicon
from unspun.claims.quantities import find_quantities
from unspun.claims.words import find_quotes, tokenize
from unspun.text.segment import article_spans
from unspun.types import (
    Analysis,
    AnalysisSummary,
    Article,
    Check,
    Claim,
    Cue,
    CueKind,
    SentenceAnalysis,
    Span,
    SpeakerKind,
    Status,
    Voice,
)

METHOD = "rules"
MAX_CHECKS = 12


def sentence_spans(article: Article) -> list[Span]:
    """The title is sentence 0 and the body follows, as in a trace, with spans into ``Article.text``."""
    return article_spans(article.title, article.body)


def analyze_article(article: Article) -> Analysis:
    """Attribution, quantities, dates and cues for every sentence of ``article``, and a summary."""
    text = article.text
    spans = sentence_spans(article)
    said = attribute(text, spans)
    byline = has_byline(article.body)
    views: list[SentenceView] = []
    parts: list[tuple[Status, tuple[Claim, ...], list[Cue]]] = []
    for index, (span, attrs) in enumerate(zip(spans, said, strict=True)):
        start, end = span
        words = tokenize(text, start, end, attrs.quotes)
        dates = find_dates(text, start, end, article.published)
        quantities = find_quantities(text, words, [d.span for d in dates])
        status = _status(attrs)
        # with only "sources say" behind it, a sentence's words are the article's own
        voice = Voice.ATTRIBUTED if status is Status.ATTRIBUTED else Voice.NARRATOR
        view = SentenceView(
            index, span, words, quantities, dates, voice, title=bool(article.title) and index == 0
        )
        claims = _claims(text, view, attrs) if status is Status.UNATTRIBUTED else ()
        views.append(view)
        parts.append((status, claims, sentence_cues(text, view, attrs.quotes, byline)))
    for index, cue in article_cues(text, views):
        parts[index][2].append(cue)
    sentences = tuple(
        SentenceAnalysis(
            index=view.index,
            span=view.span,
            text=text[view.span[0] : view.span[1]],
            status=status,
            attributions=attrs.attributions,
            quantities=tuple(view.quantities),
            dates=tuple(view.dates),
            claims=claims,
            cues=tuple(sorted(cues, key=lambda c: (c.span, c.kind))),
            quote_of=attrs.quote_of,
        )
        for view, attrs, (status, claims, cues) in zip(views, said, parts, strict=True)
    )
    return Analysis(article, sentences, summarize(sentences), METHOD, lexicon().digest, __version__)


def spinner_marks(article: Article) -> list[tuple[CueKind, str]]:
    """The spinner-family cues of ``analyze_article``, in its order, as (kind, the words marked).

    A corpus scan counts only these for every document it links. They need
    the sentences, their quotations and words, not who speaks, dates or
    quantities, so reading only those costs a fraction of the whole analysis.
    Their voice, which needs the attribution, is left out rather than guessed.
    """
    text = article.text
    views: list[SentenceView] = []
    found: list[list[tuple[Span, CueKind]]] = []
    for index, (start, end) in enumerate(sentence_spans(article)):
        quotes = find_quotes(text, start, end)
        words = tokenize(text, start, end, quotes)
        title = bool(article.title) and index == 0
        views.append(SentenceView(index, (start, end), words, (), (), Voice.NARRATOR, title=title))
        found.append([((s, e), kind) for kind, s, e, _ in spinner_fingerprints(text, start, end, quotes)])
    for index, cue in mangled_names(text, views):
        found[index].append((cue.span, cue.kind))
    return [(kind, text[s:e]) for marks in found for (s, e), kind in sorted(marks)]


def _status(attrs: SentenceAttributions) -> Status:
    """Attributed when anyone identifiable (or the speaker of a running quotation) stands behind it."""
    if attrs.quote_of is not None or any(a.kind is not SpeakerKind.VAGUE for a in attrs.attributions):
        return Status.ATTRIBUTED
    return Status.VAGUE if attrs.attributions else Status.UNATTRIBUTED


def _claims(text: str, view: SentenceView, attrs: SentenceAttributions) -> tuple[Claim, ...]:
    """What an unattributed sentence asserts that can be checked: its numbers, and the events it reports."""
    claims = [Claim("number", q.text, q.span) for q in view.quantities]
    start, end = view.span
    for m in lexicon().events.finditer(text, start, end):
        if not attrs.quotes.inside(*m.span()):
            claims.append(Claim("event", m.group(), m.span()))
    return tuple(sorted(claims, key=lambda c: c.span))


# ---- the summary ---------------------------------------------------------------------------

_SEAMS = (CueKind.FIRST_PERSON, CueKind.TIME_JUMP, CueKind.TOPIC_JUMP)
_LANGUAGE = (CueKind.LOADED, CueKind.DEHUMANIZING, CueKind.IDENTITY_FRAMING, CueKind.SUPERLATIVE)


def summarize(sentences: Sequence[SentenceAnalysis]) -> AnalysisSummary:
    """Counts a reader can verify against the sentences, and the checks to make first."""
    n = len(sentences)
    status = Counter(s.status for s in sentences)
    kinds = Counter(a.kind.value for s in sentences for a in s.attributions)
    cues = Counter(c.kind.value for s in sentences for c in s.cues)

    def share(k: Status) -> float:
        return round(status[k] / n, 4) if n else 0.0

    return AnalysisSummary(
        sentences=n,
        attributed=status[Status.ATTRIBUTED],
        vague=status[Status.VAGUE],
        unattributed=status[Status.UNATTRIBUTED],
        attributed_share=share(Status.ATTRIBUTED),
        vague_share=share(Status.VAGUE),
        unattributed_share=share(Status.UNATTRIBUTED),
        unattributed_claims=sum(1 for s in sentences if s.claims),
        speaker_kinds=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        quantities=sum(len(s.quantities) for s in sentences),
        dates=sum(len(s.dates) for s in sentences),
        date_conflicts=sum(1 for s in sentences for d in s.dates if d.conflict),
        cues=tuple(sorted(cues.items(), key=lambda kv: (-kv[1], kv[0]))),
        checks=tuple(_checks(sentences)[:MAX_CHECKS]),
    )


def _checks(sentences: Sequence[SentenceAnalysis]) -> list[Check]:
    """Where a fact-checker should look first, most damaging first.

    Numbers that contradict each other and dates that contradict their tense
    come first (something in the article is wrong), then numbers nobody
    vouches for, then stitching seams, unsourced events, vague sources, the
    article's own loaded language, and spinner fingerprints.
    """
    ranked: list[tuple[int, int, Check]] = []

    def add(rank: int, s: SentenceAnalysis, span: Span, kind: str, reason: str) -> None:
        ranked.append((rank, s.index, Check(s.index, span, kind, reason)))

    # a word the article repeats is one check, at its first use, with how often it recurs
    words = Counter((c.kind, c.text.lower()) for s in sentences for c in s.cues)
    listed: set[tuple[CueKind, str]] = set()

    def once(rank: int, s: SentenceAnalysis, cue: Cue, reason: str) -> None:
        key = (cue.kind, cue.text.lower())
        if key not in listed:
            listed.add(key)
            times = f" ({words[key]} times)" if words[key] > 1 else ""
            add(rank, s, cue.span, cue.kind.value, reason + times)

    for s in sentences:
        for cue in s.cues:
            if cue.kind is CueKind.NUMBERS_DISAGREE:
                add(0, s, cue.span, cue.kind.value, cue.note)
            elif cue.kind in _SEAMS:
                add(3, s, cue.span, cue.kind.value, cue.note)
            elif cue.kind in _LANGUAGE and cue.voice is Voice.NARRATOR:
                once(6, s, cue, f"'{cue.text}' in the article's own voice: {cue.note}")
            elif cue.kind.family == "spinner":
                once(7, s, cue, f"'{cue.text}': {cue.note}")
        for d in s.dates:
            if d.conflict:
                add(1, s, d.span, "date_conflict", f"'{d.text}': {d.conflict}")
        for claim in s.claims:
            if claim.kind == "number":
                add(2, s, claim.span, "unattributed_number", f"'{claim.text}' is given with no source")
        events = [c for c in s.claims if c.kind == "event"]
        if events:
            what = ", ".join(f"'{c.text}'" for c in events)
            add(4, s, events[0].span, "unattributed_event", f"{what} reported with no source")
        if s.status is Status.VAGUE:
            a = s.attributions[0]
            who = a.speaker or a.verb
            add(5, s, a.verb_span, "vague_attribution", f"only '{who}' stands behind this sentence")
    return [check for _, _, check in sorted(ranked, key=lambda r: (r[0], r[1]))]
