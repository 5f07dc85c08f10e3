"""The frozen data model every layer speaks.

Spans are ``(start, end)`` character offsets into the normalized text of the
document they belong to, so any piece of evidence can be cut back out of its
text and checked. Standard library only: this module sits below everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

Span = tuple[int, int]
# told (done, total) as a long job goes: documents indexed or traced, and bytes or documents in all
Progress = Callable[[int, int], None]


class Relation(StrEnum):
    """How an article sentence relates to its best source."""

    COPIED = "copied"
    SPUN = "spun"
    PARAPHRASED = "paraphrased"
    UNSOURCED = "unsourced"


class EditOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class Document:
    """One text with its provenance; ``text`` is already normalized."""

    id: str
    text: str
    url: str = ""
    outlet: str = ""
    published: dt.date | None = None
    title: str = ""
    lang: str = ""


class Token(NamedTuple):
    """A word of a normalized text: its folded form, where it stands, and whether it is capitalized.

    A named tuple rather than a frozen dataclass like the rest of the model: a scan makes one for
    every word of every candidate sentence it aligns, and a tuple is built in half the time.
    """

    norm: str
    span: Span
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Edit:
    """One step of a word-level alignment; spans are in each side's sentence text."""

    op: EditOp
    article_span: Span
    source_span: Span


@dataclass(frozen=True, slots=True)
class Change:
    """A typed difference between an article sentence and its source.

    ``before`` is the source's wording and ``after`` the article's; spans are
    offsets into the respective sentence texts.
    """

    kind: str
    article_span: Span
    source_span: Span
    before: str
    after: str
    confidence: float
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """One corpus sentence that carries (part of) an article sentence."""

    doc_id: str
    url: str
    outlet: str
    published: dt.date | None
    title: str
    sentence_index: int
    span: Span
    text: str
    score: float
    coverage: float
    relation: Relation
    later_than_article: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    """The verdict for one article sentence, with its evidence."""

    sentence: Sentence
    relation: Relation
    score: float
    sources: tuple[SourceMatch, ...] = ()
    later_copies: tuple[SourceMatch, ...] = ()
    edits: tuple[Edit, ...] = ()
    changes: tuple[Change, ...] = ()
    note: str = ""
    compared_with: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """An article to trace: title and dateline parsed out, body normalized."""

    title: str
    body: str
    published: dt.date | None = None
    url: str = ""
    outlet: str = ""
    origin: str = ""

    @property
    def text(self) -> str:
        """The one text every article offset points into: the title, a blank line, the body."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body


@dataclass(frozen=True, slots=True)
class Summary:
    sentences: int
    sourced: int
    unsourced: int
    by_relation: tuple[tuple[str, int], ...]
    outlets: tuple[str, ...]
    stories: int
    earliest_source: dt.date | None
    latest_source: dt.date | None
    unsourced_share: float
    undated_sources: int


@dataclass(frozen=True, slots=True)
class Spin:
    """A substitution an outlet makes again and again: its spinner's habit, with evidence."""

    kind: str
    before: str
    after: str
    count: int
    examples: tuple[str, ...] = ()


# ---- what `analyze` finds in one article (unspun.claims); spans point into Article.text ----


class SpeakerKind(StrEnum):
    """Who stands behind a claim, from the most to the least checkable."""

    NAMED = "named_person"
    OFFICIAL = "official_body"
    MEDIA = "media_outlet"
    PARTY = "party"
    ANONYMOUS = "anonymous"
    VAGUE = "vague"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


class Status(StrEnum):
    """A sentence's attribution: someone identifiable, only a vague "reports say", or nobody."""

    ATTRIBUTED = "attributed"
    VAGUE = "vague"
    UNATTRIBUTED = "unattributed"


class Bound(StrEnum):
    """How exact a number is as written: "almost 200" is under 200, "dozens" over 24."""

    EXACT = "exact"
    ABOUT = "about"
    OVER = "over"
    UNDER = "under"
    RANGE = "range"


class Voice(StrEnum):
    """Whose words a cue is in: a quotation, speech reported from a source, or the article's own voice.

    A sentence resting only on a vague source ("sources say") speaks in the article's own voice.
    """

    QUOTED = "quoted"
    ATTRIBUTED = "attributed"
    NARRATOR = "narrator"


class CueKind(StrEnum):
    LOADED = "loaded"
    DEHUMANIZING = "dehumanizing"
    IDENTITY_FRAMING = "identity_framing"
    SUPERLATIVE = "superlative"
    LONG_FORM_NAME = "long_form_name"
    ODD_SYNONYM = "odd_synonym"
    MANGLED_NAME = "mangled_name"
    FIRST_PERSON = "first_person"
    TOPIC_JUMP = "topic_jump"
    TIME_JUMP = "time_jump"
    NUMBERS_DISAGREE = "numbers_disagree"

    @property
    def family(self) -> str:
        """language (how it judges), spinner (how it was rewritten) or seam (where it was stitched)."""
        if self in (CueKind.LONG_FORM_NAME, CueKind.ODD_SYNONYM, CueKind.MANGLED_NAME):
            return "spinner"
        if self in (CueKind.FIRST_PERSON, CueKind.TOPIC_JUMP, CueKind.TIME_JUMP, CueKind.NUMBERS_DISAGREE):
            return "seam"
        return "language"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One speaker behind (part of) a sentence.

    ``speaker`` is as written ("Mayor Ilse Varga", "sources close to the
    ministry", "he"); it is empty for a passive "it is believed", where nobody
    is named at all. ``refers_to`` names the speaker a pronoun stands for.
    ``quote_span`` is the quotation a direct quote carries.
    """

    speaker: str
    speaker_span: Span
    kind: SpeakerKind
    verb: str
    verb_span: Span
    quote: QuoteKind
    quote_span: Span | None = None
    refers_to: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts.

    ``value`` is normalized ("eight" is 8, "$2 million" 2000000, "dozens" 24
    with bound ``over``); ``high`` is the top of a range. ``counts`` says what
    is counted (killed, wounded, missing, detained, displaced, fighters, people,
    money, equipment, percent, duration, distance, weight, age, other), ``unit``
    in what (person, a currency, an equipment type, percent, week, ...), and
    ``noun`` the counted word as written. ``per`` is the period of a rate.
    """

    text: str
    span: Span
    value: float
    bound: Bound
    counts: str
    unit: str
    noun: str = ""
    high: float | None = None
    per: str = ""


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression and the calendar day it resolves to against the dateline.

    ``date`` is the first day of the ``precision`` (day, week, month, year), or
    None when there is no dateline to resolve a relative or year-less date
    against. ``conflict`` says why the tense of its clause and the date
    disagree ("will vote on 10 March" in an article dated 13 March), or why a
    weekday and its date disagree; empty when they agree.
    """

    text: str
    span: Span
    date: dt.date | None
    precision: str
    relative: bool
    tense: str = ""
    conflict: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """Something a sentence asserts with no source at all: a number, or an event."""

    kind: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Cue:
    """A signal worth a second look, with the evidence that raised it.

    ``other_span`` points at the earlier evidence for cues that compare two
    places (a name spelled two ways, two numbers that cannot both be true, a
    jump in time).
    """

    kind: CueKind
    text: str
    span: Span
    voice: Voice
    note: str
    other_span: Span | None = None


@dataclass(frozen=True, slots=True)
class SentenceAnalysis:
    """Everything found in one sentence. ``quote_of`` is the sentence whose speaker this quotation continues."""

    index: int
    span: Span
    text: str
    status: Status
    attributions: tuple[Attribution, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateRef, ...] = ()
    claims: tuple[Claim, ...] = ()
    cues: tuple[Cue, ...] = ()
    quote_of: int | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One place to look first, and why."""

    sentence: int
    span: Span
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class AnalysisSummary:
    """Facts a user can check, not a score: counts and shares, and where to look first."""

    sentences: int
    attributed: int
    vague: int
    unattributed: int
    attributed_share: float
    vague_share: float
    unattributed_share: float
    unattributed_claims: int
    speaker_kinds: tuple[tuple[str, int], ...]
    quantities: int
    dates: int
    date_conflicts: int
    cues: tuple[tuple[str, int], ...]
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article read with no corpus: per-sentence findings and a summary.

    ``method`` says which path produced it ("rules"); ``rules_digest`` is the
    digest of the word lists it used.
    """

    article: Article
    sentences: tuple[SentenceAnalysis, ...]
    summary: AnalysisSummary
    method: str
    rules_digest: str
    version: str


@dataclass(frozen=True, slots=True)
class Report:
    article: Article
    alignments: tuple[Alignment, ...]
    summary: Summary
    settings_digest: str
    index_digest: str
    version: str
    warnings: tuple[str, ...] = field(default=())
    spins: tuple[Spin, ...] = field(default=())
    analysis: Analysis | None = None
