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
_NOT_TERMS = STOPWORDS | frozenset("abcdefghijklmnopqrstuvwxyz")


def index_terms(folded: list[str]) -> set[str]:
    """The distinct words of a sentence worth an index posting: not stopwords, not single letters."""
    return {w for w in folded if w not in STOPWORDS and (len(w) > 1 or w.isdigit())}


def index_terms_between(lowered: str, start: int, end: int, ascii_text: bool = False) -> set[str]:
    """``index_terms`` of ``lowered[start:end]``, the hot path of indexing.

    Set operations in C do the filtering; only the rare words that need
    folding (accents, apostrophes, digit groups) go through Python, and in a
    text known to be ASCII (``ascii_text``) the accent check is skipped.
    """
    found = set(_WORD.findall(lowered, start, end))
    found -= _NOT_TERMS
    odd = [w for w in found if not w.isalnum() or not (ascii_text or w.isascii())]
    if odd:
        found.difference_update(odd)
        found.update(f for w in odd if (len(f := fold(w)) > 1 or f.isdigit()) and f not in _NOT_TERMS)
    return found
