"""Word-level alignment of an article sentence against a source sentence.

The alignment is a longest common subsequence over folded words (the most
words two sentences can share in order), with each gap between shared runs
read as one substitution (the signature of a spinner) rather than a delete and
an insert. A Levenshtein alignment would not do: it prefers substituting word
for word over skipping a dropped clause, and so breaks up the very runs that
prove a copy. Coverage then credits what spinning does to a copied
sentence: an acronym written out in full or a respelled name counts as kept,
and a single word swapped inside a copied run counts half. Function words
weigh half a content word, and the second and later words of a multi-word name
weigh less, so a sentence that shares only a long name and "the" with another
is not taken for a copy of it. A name renamed at the edge of a rewritten
stretch is kept as a name (who the sentence is about) but not as a copied word.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import ratio

from unspun.text.tokens import STOPWORDS
from unspun.types import Edit, EditOp, Span, Token

Block = tuple[str, int, int, int, int]
_STOP_WEIGHT = 0.5
_NAME_TAIL_WEIGHT = 0.4
_SWAP_CREDIT = 0.5
_NAME_WORDS = 6  # the longest name looked for at the edge of a rewrite (an acronym's letters, written out)
_SKIP_IN_ACRONYM = frozenset({"of", "the", "and", "for", "de", "on", "&"})
_OPS = {"equal": EditOp.EQUAL, "insert": EditOp.DELETE, "delete": EditOp.INSERT, "replace": EditOp.REPLACE}


@dataclass(frozen=True, slots=True)
class WordAlignment:
    """The blocks of two token sequences (see ``edits`` for them as spans), with the coverage each side gets."""

    blocks: tuple[Block, ...]
    article_coverage: float
    source_coverage: float
    matched_words: int
    longest_run: int
    matched_article: frozenset[int]
    # matched, plus names renamed at the edge of a rewrite: who the sentence is about, not copied words
    named_article: frozenset[int]


def weights(tokens: tuple[Token, ...]) -> list[float]:
    """How much each word counts toward coverage."""
    out = []
    for i, t in enumerate(tokens):
        if t.norm in STOPWORDS:
            out.append(_STOP_WEIGHT)
        elif t.capital and i > 0 and tokens[i - 1].capital and tokens[i - 1].norm not in STOPWORDS:
            out.append(_NAME_TAIL_WEIGHT)
        else:
            out.append(1.0)
    return out


def align_tokens(article: tuple[Token, ...], source: tuple[Token, ...]) -> WordAlignment:
    a = [t.norm for t in article]
    s = [t.norm for t in source]
    blocks = lcs_blocks(a, s)
    a_credit = [0.0] * len(article)
    s_credit = [0.0] * len(source)
    matched: set[int] = set()
    renamed: set[int] = set()
    longest = 0
    for k, (tag, a0, a1, s0, s1) in enumerate(blocks):
        if tag == "equal":
            credit = 1.0
            matched.update(range(a0, a1))
            longest = max(longest, a1 - a0)
        elif tag == "replace" and _equivalent(a[a0:a1], s[s0:s1]):
            credit = 1.0
            matched.update(range(a0, a1))
        elif tag == "replace" and a1 - a0 == 1 and s1 - s0 == 1 and _between_equals(blocks, k):
            credit = _SWAP_CREDIT
        elif tag == "replace":
            renamed.update(i for b0, b1 in _renamed_edges(article, source, blocks, k) for i in range(b0, b1))
            continue
        else:
            continue
        for i in range(a0, a1):
            a_credit[i] = credit
        for j in range(s0, s1):
            s_credit[j] = credit
    wa, ws = weights(article), weights(source)
    kept = frozenset(matched)
    return WordAlignment(
        blocks=blocks,
        article_coverage=sum(w * c for w, c in zip(wa, a_credit, strict=True)) / (sum(wa) or 1.0),
        source_coverage=sum(w * c for w, c in zip(ws, s_credit, strict=True)) / (sum(ws) or 1.0),
        matched_words=len(matched),
        longest_run=longest,
        matched_article=kept,
        named_article=kept | renamed if renamed else kept,
    )


def edits(
    article: tuple[Token, ...], source: tuple[Token, ...], blocks: tuple[Block, ...]
) -> tuple[Edit, ...]:
    """The blocks of an alignment as character spans of both sentences.

    Made only for the source a report shows: a trace aligns dozens of
    candidates per sentence and keeps a few.
    """
    return tuple(
        Edit(_OPS[tag], token_span(article, a0, a1), token_span(source, s0, s1))
        for tag, a0, a1, s0, s1 in blocks
    )


def lcs_blocks(a: list[str], s: list[str]) -> tuple[Block, ...]:
    """Equal runs of a longest common subsequence, and between them one insert, delete or replace."""
    blocks: list[Block] = []
    i = j = 0
    for op in Indel.opcodes(a, s):
        if op.tag != "equal":
            continue
        if op.src_start > i or op.dest_start > j:
            blocks.append((_gap(op.src_start - i, op.dest_start - j), i, op.src_start, j, op.dest_start))
        blocks.append(("equal", op.src_start, op.src_end, op.dest_start, op.dest_end))
        i, j = op.src_end, op.dest_end
    if i < len(a) or j < len(s):
        blocks.append((_gap(len(a) - i, len(s) - j), i, len(a), j, len(s)))
    return tuple(blocks)


def _gap(article_words: int, source_words: int) -> str:
    if article_words and source_words:
        return "replace"
    return "delete" if article_words else "insert"


def _between_equals(blocks: tuple[Block, ...], k: int) -> bool:
    return 0 < k < len(blocks) - 1 and blocks[k - 1][0] == "equal" and blocks[k + 1][0] == "equal"


def _renamed_edges(
    article: tuple[Token, ...], source: tuple[Token, ...], blocks: tuple[Block, ...], k: int
) -> list[tuple[int, int]]:
    """Names renamed at an edge of a rewrite, next to a copied run: the article words they span.

    A spinner renames a name all through an article, and a rewrite does not stop at it: "...the
    council in Drevia and ..." becomes "...the council in Drevian Republic, which ...". The gap as a
    whole then matches nothing, yet its edge holds the same name (a long form, an acronym written
    out, a respelling), so the sentence is still about the same people and places. This counts for
    the names rules only, not for coverage: next to rewritten words, a shared name shows who the
    sentence is about, not that its words were copied (a rename sandwiched between copied runs
    shows both, and is credited in full). Only whole names count on both sides (the words start
    and end with a capitalized word that is not a function word): "announced" next to a run is not
    a respelling of "announces".
    """
    _, a0, a1, s0, s1 = blocks[k]
    a_sizes = range(min(_NAME_WORDS, a1 - a0), 0, -1)
    s_sizes = range(min(_NAME_WORDS, s1 - s0), 0, -1)
    out: list[tuple[int, int, int, int]] = []
    if k > 0 and blocks[k - 1][0] == "equal" and _is_name(article[a0]) and _is_name(source[s0]):
        out += _first_rename([(a0, a0 + n, s0, s0 + m) for n in a_sizes for m in s_sizes], article, source)
    if (
        k < len(blocks) - 1
        and blocks[k + 1][0] == "equal"
        and _is_name(article[a1 - 1])
        and _is_name(source[s1 - 1])
    ):
        tails = [(a1 - n, a1, s1 - m, s1) for n in a_sizes for m in s_sizes]
        out += _first_rename([r for r in tails if all(_apart(r, o) for o in out)], article, source)
    return [(b0, b1) for b0, b1, _, _ in out]


def _first_rename(
    options: list[tuple[int, int, int, int]], article: tuple[Token, ...], source: tuple[Token, ...]
) -> list[tuple[int, int, int, int]]:
    """The longest of ``options`` (article range, source range) that is one name under two spellings."""
    for b0, b1, t0, t1 in options:
        whole = all(_is_name(t) for t in (article[b0], article[b1 - 1], source[t0], source[t1 - 1]))
        if whole and _equivalent([t.norm for t in article[b0:b1]], [t.norm for t in source[t0:t1]]):
            return [(b0, b1, t0, t1)]
    return []


def _is_name(token: Token) -> bool:
    return token.capital and token.norm not in STOPWORDS


def _apart(one: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    b0, b1, t0, t1 = one
    c0, c1, d0, d1 = other
    return (b1 <= c0 or c1 <= b0) and (t1 <= d0 or d1 <= t0)


def _equivalent(article: list[str], source: list[str]) -> bool:
    """Spelled-out acronyms and respelled names: the same thing under another spelling."""
    if len(source) == 1 and len(article) >= 2 and is_acronym_of(source[0], article):
        return True
    if len(article) == 1 and len(source) >= 2 and is_acronym_of(article[0], source):
        return True
    if _is_long_form(source, article) or _is_long_form(article, source):
        return True
    return len(article) == len(source) and all(
        len(x) >= 4 and len(y) >= 4 and not x.isdigit() and ratio(x, y) >= 80
        for x, y in zip(article, source, strict=True)
    )


def _is_long_form(short: list[str], long: list[str]) -> bool:
    """ "Russia" written "Russian Federation": one name grown into two or three words starting with it."""
    return len(short) == 1 and 2 <= len(long) <= 3 and len(short[0]) >= 4 and long[0].startswith(short[0])


def is_acronym_of(short: str, words: list[str]) -> bool:
    letters = short.replace(".", "")
    initials = "".join(w[0] for w in words if w not in _SKIP_IN_ACRONYM)
    return 2 <= len(letters) <= 6 and letters.isalpha() and initials == letters


def token_span(tokens: tuple[Token, ...], start: int, end: int) -> Span:
    """Character span of tokens[start:end]; an empty range sits where it would be inserted."""
    if start < end:
        return (tokens[start].span[0], tokens[end - 1].span[1])
    if start < len(tokens):
        return (tokens[start].span[0], tokens[start].span[0])
    return (tokens[-1].span[1], tokens[-1].span[1]) if tokens else (0, 0)
