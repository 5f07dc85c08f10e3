"""From scored candidates to a verdict: which corpus sentences carry this sentence, and how.

The rule of thumb that keeps accusations honest: a source must account for most
of the article sentence's words *in order* (a word-level alignment, not a bag
of words), so a document that reports the same fact in its own words does not
qualify, while a spun copy with a handful of swapped words does.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.align.wordalign import WordAlignment, weight
from unspun.settings import AlignSettings
from unspun.types import Relation, Token


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate source sentence, aligned against the article sentence."""

    key: int
    tokens: tuple[Token, ...]
    alignment: WordAlignment
    is_last_of_doc: bool

    @property
    def score(self) -> float:
        a = self.alignment
        return round(0.8 * a.article_coverage + 0.2 * a.source_coverage, 4)


def relation_of(scored: Scored, settings: AlignSettings) -> Relation:
    """How a single candidate relates to the article sentence."""
    a = scored.alignment
    if a.article_coverage >= settings.copied and a.source_coverage >= settings.copied:
        return Relation.COPIED
    if a.article_coverage >= settings.spun and a.longest_run >= 3:
        return Relation.SPUN
    if _is_fragment(scored, settings):
        return Relation.SPUN
    if a.article_coverage >= settings.paraphrased and a.longest_run >= 5:
        return Relation.PARAPHRASED
    return Relation.UNSOURCED


def _is_fragment(scored: Scored, settings: AlignSettings) -> bool:
    """A source excerpt cut mid-sentence: short, but nearly all of it reappears in the article."""
    a = scored.alignment
    return (
        scored.is_last_of_doc
        and a.source_coverage >= settings.copied
        and a.matched_words >= 6
        and a.article_coverage >= settings.min_coverage * 0.6
    )


def merged_coverage(article: tuple[Token, ...], first: Scored, second: Scored) -> tuple[float, float]:
    """Coverage of the article sentence by two sources together, and what the second adds alone."""
    total = sum(weight(t) for t in article) or 1.0
    both = first.alignment.matched_article | second.alignment.matched_article
    added = second.alignment.matched_article - first.alignment.matched_article
    return sum(weight(article[i]) for i in both) / total, sum(weight(article[i]) for i in added) / total
