"""Words, their folded forms, and the terms the index is built from.

Folding removes what spinning and typography change without changing meaning:
case, accents, curly apostrophes, possessive endings, thousands separators.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from unspun.types import Token

_WORD = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:['’]\w+)*")
PIECE_BREAK = "\x00"
_WORD_OR_BREAK = re.compile(f"{PIECE_BREAK}|{_WORD.pattern}")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The comparison form of one word."""
    word = word.lower().replace("’", "'")
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    word = _POSSESSIVE.sub("", word)
    if word[:1].isdigit():
        word = word.replace(",", "")
    return word


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Every word of ``text`` with its span (shifted by ``offset``)."""
    return tuple(
        Token(fold(m.group()), (m.start() + offset, m.end() + offset), m.group()[0].isupper())
        for m in _WORD.finditer(text)
    )


def words(text: str) -> list[str]:
    """Folded words only: the fast path for indexing."""
    return [fold(w) for w in _WORD.findall(text)]


def _load_stopwords() -> frozenset[str]:
    text = resources.files("unspun").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.strip()) and not w.startswith("#"))


STOPWORDS = _load_stopwords()


def _is_term(folded: str) -> bool:
    """Worth an index posting: not a stopword, not a single letter (a single digit is)."""
    return folded not in STOPWORDS and (len(folded) > 1 or folded.isdigit())


def index_terms(folded: list[str]) -> set[str]:
    """The distinct words of a sentence worth an index posting (the query side)."""
    return {w for w in folded if _is_term(w)}


@lru_cache(maxsize=200_000)
def term_of(word: str) -> str | None:
    """The index term a raw word stands for, or None (the indexing side: the same rule as ``index_terms``)."""
    folded = fold(word)
    return folded if _is_term(folded) else None


def words_of_pieces(pieces: list[str]) -> list[str]:
    """The raw words of many texts from one regex call: each text's words follow one ``PIECE_BREAK``.

    The indexing kernel reads a whole chunk of sentences this way instead of
    calling the regex once per sentence; joining on a character no word can
    hold keeps every word inside its own text.
    """
    if not pieces:
        return []
    joined = PIECE_BREAK.join(pieces)
    if joined.count(PIECE_BREAK) != len(pieces) - 1:  # a text held the break character itself
        joined = PIECE_BREAK.join(p.replace(PIECE_BREAK, " ") for p in pieces)
    return _WORD_OR_BREAK.findall(PIECE_BREAK + joined)
