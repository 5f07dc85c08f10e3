"""The frozen data model every layer speaks.

Spans are ``(start, end)`` character offsets into the normalized text of the
document they belong to, so any piece of evidence can be cut back out of its
text and checked. Standard library only: this module sits below everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

Span = tuple[int, int]


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


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a normalized text: its folded form, where it stands, and whether it is capitalized."""

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
