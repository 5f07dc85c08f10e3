"""From scored candidates to a verdict: which corpus sentences carry this sentence, and how.

The rule of thumb that keeps accusations honest: a source must account for most
of the article sentence's words *in order* (a word-level alignment, not a bag
of words), so a document that reports the same fact in its own words does not
qualify, while a spun copy with a handful of swapped words does.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.align.wordalign import WordAlignment, weights
from unspun.settings import AlignSettings
from unspun.text.tokens import STOPWORDS
from unspun.types import Relation, Token


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate source sentence, aligned against the article sentence."""

    tokens: tuple[Token, ...]
    alignment: WordAlignment
    is_last_of_doc: bool

    @property
    def score(self) -> float:
        a = self.alignment
        return round(0.8 * a.article_coverage + 0.2 * a.source_coverage, 4)


def relation_of(scored: Scored, article: tuple[Token, ...], settings: AlignSettings) -> Relation:
    """How a single candidate relates to the article sentence.

    Short sentences need stronger evidence: two writers can produce the same
    six-word headline independently, but not the same thirty-word sentence.
    """
    a = scored.alignment
    article_words = len(article)
    if article_words < settings.min_words:
        return Relation.UNSOURCED
    if is_verbatim(scored):
        return Relation.COPIED
    if article_words < settings.short_words and (
        a.article_coverage < settings.short_coverage or a.source_coverage < settings.min_coverage
    ):
        return Relation.UNSOURCED
    if names_share(article, a) < settings.min_names_kept:
        return Relation.UNSOURCED  # the same template about other people: another story, not a source
    if a.article_coverage >= settings.spun and a.longest_run >= 3:
        return Relation.SPUN
    if _is_fragment(scored, settings):
        return Relation.SPUN
    if a.article_coverage >= settings.paraphrased and a.longest_run >= settings.paraphrase_run:
        return Relation.PARAPHRASED
    return Relation.UNSOURCED


def is_verbatim(scored: Scored) -> bool:
    """The same words in the same order (case and punctuation aside): nothing was changed."""
    return all(block[0] == "equal" for block in scored.alignment.blocks)


def _is_fragment(scored: Scored, settings: AlignSettings) -> bool:
    """A source excerpt cut mid-sentence: short, but nearly all of it reappears in the article."""
    a = scored.alignment
    return (
        scored.is_last_of_doc
        and a.source_coverage >= settings.copied
        and a.matched_words >= 6
        and a.article_coverage >= settings.min_coverage * 0.6
    )


def _names(article: tuple[Token, ...]) -> list[int]:
    """Positions of the names of a sentence: capitalized words other than the first and function words."""
    return [
        i
        for i, t in enumerate(article)
        if i and t.capital and t.norm not in STOPWORDS and not t.norm.isdigit()
    ]


def names_share(article: tuple[Token, ...], alignment: WordAlignment) -> float:
    """The share of the sentence's names the source carries too (respellings count); 1 with no names.

    A name of several words ("Prennvale Rovers") counts once, and only when
    its first word is kept: "Eldwick Rovers" is another club.
    """
    positions = _names(article)
    heads = [i for i in positions if i - 1 not in positions]
    return sum(i in alignment.named_article for i in heads) / len(heads) if heads else 1.0


def facts_kept(article: tuple[Token, ...], alignment: WordAlignment) -> bool:
    """Every name and number of the sentence is in the source: the same facts, however reworded."""
    return all(i in alignment.named_article for i in _names(article)) and all(
        i in alignment.matched_article for i, t in enumerate(article) if t.norm[:1].isdigit()
    )


def names_kept(article: tuple[Token, ...], alignment: WordAlignment) -> bool:
    """Every name of the article sentence reappears in the source (respellings count).

    A rewrite keeps who did what; a sentence that shares a phrase with the
    source but is about someone else ("Putin reiterated..." against "Macron
    called for...") is another sentence.
    """
    return all(
        i in alignment.named_article
        for i, t in enumerate(article)
        if t.capital and t.norm not in STOPWORDS and not t.norm.isdigit()
    )


def merged_coverage(article: tuple[Token, ...], first: Scored, second: Scored) -> tuple[float, float]:
    """Coverage of the article sentence by two sources together, and what the second adds alone."""
    w = weights(article)
    total = sum(w) or 1.0
    both = first.alignment.matched_article | second.alignment.matched_article
    added = second.alignment.matched_article - first.alignment.matched_article
    return sum(w[i] for i in both) / total, sum(w[i] for i in added) / total
