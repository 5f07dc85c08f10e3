"""Word-level alignment of an article sentence against a source sentence.

A Levenshtein alignment over folded words keeps substitutions as substitutions
(the signature of a spinner), where a plain diff would see a delete and an
insert. Scores weigh function words at half a content word, so a sentence that
only shares "the", "of" and "said" with another is not a copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from unspun.text.tokens import STOPWORDS
from unspun.types import Edit, EditOp, Span, Token

_STOP_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class WordAlignment:
    """Edits between two token sequences, with the coverage each side gets."""

    edits: tuple[Edit, ...]
    blocks: tuple[tuple[str, int, int, int, int], ...]
    article_coverage: float
    source_coverage: float
    matched_words: int
    longest_run: int
    matched_article: frozenset[int]


def weight(token: Token) -> float:
    return _STOP_WEIGHT if token.norm in STOPWORDS else 1.0


def align_tokens(article: tuple[Token, ...], source: tuple[Token, ...]) -> WordAlignment:
    a = [t.norm for t in article]
    s = [t.norm for t in source]
    blocks = tuple(
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Levenshtein.opcodes(a, s)
    )
    edits: list[Edit] = []
    matched_a: set[int] = set()
    matched_s_weight = 0.0
    longest = 0
    for tag, a0, a1, s0, s1 in blocks:
        op = {
            "equal": EditOp.EQUAL,
            "insert": EditOp.DELETE,
            "delete": EditOp.INSERT,
            "replace": EditOp.REPLACE,
        }[tag]
        edits.append(Edit(op, _span(article, a0, a1), _span(source, s0, s1)))
        if tag == "equal":
            matched_a.update(range(a0, a1))
            matched_s_weight += sum(weight(t) for t in source[s0:s1])
            longest = max(longest, a1 - a0)
    total_a = sum(weight(t) for t in article) or 1.0
    total_s = sum(weight(t) for t in source) or 1.0
    return WordAlignment(
        edits=tuple(edits),
        blocks=blocks,
        article_coverage=sum(weight(article[i]) for i in matched_a) / total_a,
        source_coverage=matched_s_weight / total_s,
        matched_words=len(matched_a),
        longest_run=longest,
        matched_article=frozenset(matched_a),
    )


def _span(tokens: tuple[Token, ...], start: int, end: int) -> Span:
    """Character span of tokens[start:end]; an empty range sits where it would be inserted."""
    if start < end:
        return (tokens[start].span[0], tokens[end - 1].span[1])
    if start < len(tokens):
        return (tokens[start].span[0], tokens[start].span[0])
    return (tokens[-1].span[1], tokens[-1].span[1]) if tokens else (0, 0)
