"""Words, their folded forms, and the terms the index is built from.

Folding removes what spinning and typography change without changing meaning:
case, accents, curly apostrophes, possessive endings, thousands separators.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import numpy as np

from unspun.types import Token

_WORD = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:['’]\w+)*")
PIECE_BREAK = "\x00"
_WORD_OR_BREAK = re.compile(f"{PIECE_BREAK}|{_WORD.pattern}")
_POSSESSIVE = re.compile(r"['’]s$")
_new_token = tuple.__new__
_NO_TERM, _BREAK, _ODD = -1, -2, -3  # word numbers in term_pairs: no term, a text break, odd tokens


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
    """Every word of ``text`` with its span (shifted by ``offset``).

    Built with ``tuple.__new__`` from a list: a scan tokenizes every candidate
    sentence it aligns, and through the named tuple's own constructor (a
    Python-level call per word) this took 1.25 times as long.
    """
    return tuple(
        [
            _new_token(
                Token, (fold(word := m.group()), (m.start() + offset, m.end() + offset), word[0].isupper())
            )
            for m in _WORD.finditer(text)
        ]
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


def term_pairs(pieces: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every (term, text) pair of many texts, as ``(terms, term numbers, text numbers)``; pairs may repeat.

    The indexing kernel's word reader: what ``term_of`` gives for each word of
    each text, read with C-level passes over the whole chunk so that Python
    works per distinct word, never per word. ASCII texts (most news, and most
    others once their non-ASCII punctuation is blanked) take a byte path; the
    others keep the regex and ``term_of``, because lowercasing non-ASCII text
    can change its length and split words ("İ").
    """
    terms: dict[str, int] = {}
    if not pieces:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64)
    plain = [p.isascii() for p in pieces]
    if not all(plain):
        # most non-ASCII is punctuation (dashes, quotes, bullets): blanked, such a text is ASCII
        pieces = [p if a else p.translate(_WORDLESS) for p, a in zip(pieces, plain, strict=True)]
        plain = [p.isascii() for p in pieces]
    if all(plain):
        parts = [_ascii_pairs(pieces, terms)]
    else:
        parts = [
            _ascii_pairs([p if a else "" for p, a in zip(pieces, plain, strict=True)], terms),
            _unicode_pairs(["" if a else p for p, a in zip(pieces, plain, strict=True)], terms),
        ]
    return list(terms), np.concatenate([t for t, _ in parts]), np.concatenate([s for _, s in parts])


class _Wordless(dict[int, int]):
    """A ``str.translate`` table: non-ASCII characters no word holds become spaces, and ``’`` becomes ``'``.

    Neither changes a text's terms: the word pattern reads such a character as
    a space, and ``fold`` makes the curly apostrophe straight. Characters are
    looked up once and remembered (a bounded number of them).
    """

    def __missing__(self, code: int) -> int:
        if len(self) >= 65_536:
            self.clear()
        char = chr(code)
        self[code] = code if code < 128 or char.isalnum() else (ord("'") if char == "’" else ord(" "))
        return self[code]


_WORDLESS = _Wordless()


def _joined(pieces: list[str], separator: str) -> str:
    """The texts joined by a separator holding ``PIECE_BREAK``; a break inside a text becomes a space."""
    joined = separator.join(pieces)
    if joined.count(PIECE_BREAK) != len(pieces) - 1:
        joined = separator.join(p.replace(PIECE_BREAK, " ") for p in pieces)
    return joined


def _byte_table() -> bytes:
    """Lowercases ASCII letters and blanks every byte no word holds (byte 128+c is separator c kept)."""
    table = bytearray(b" " * 256)
    for c in b"abcdefghijklmnopqrstuvwxyz0123456789_'\x00":
        table[c] = c
    for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[c] = c + 32
    for c in b".,:":
        table[c | 0x80] = c
    return bytes(table)


_BYTE_TABLE = _byte_table()
_BYTE_BREAK = PIECE_BREAK.encode("ascii")
# Tokens whose fold is themselves and that are no term: ASCII stopwords made only of letters and
# digits, and single letters. Anything holding an apostrophe or a separator is folded in Python.
_SIMPLE_NON_TERMS = frozenset(
    {
        w.encode("ascii")
        for w in STOPWORDS
        if w.isascii() and w.isalnum() and (w.isdigit() or not w[:1].isdigit())
    }
    | {bytes([c]) for c in b"abcdefghijklmnopqrstuvwxyz"}
    | {_BYTE_BREAK}
)


def _ascii_pairs(pieces: list[str], terms: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of ASCII texts from one ``bytes.translate`` and one ``split``.

    Translation lowercases and blanks every byte no word holds; a ``.``, ``,``
    or ``:`` between two digits (inside a number, where the word pattern keeps
    it) is marked first so that it survives. A token is then a run the word
    pattern would read as one word if it is letters and digits not led by a
    digit (or digits alone): its term is itself unless it is a stopword or a
    single letter, found with set operations. Other tokens ("don't", "3rd",
    "1,250", "u.s") are rare and read with the word pattern and ``term_of``.
    """
    data = (PIECE_BREAK + " " + _joined(pieces, f" {PIECE_BREAK} ")).encode("ascii")
    codes = np.frombuffer(data, np.uint8)
    digit = (codes >= 48) & (codes <= 57)
    middle = codes[1:-1]
    inside = digit[:-2] & digit[2:] & ((middle == 46) | (middle == 44) | (middle == 58))
    if inside.any():
        marked = codes.copy()
        marked[1:-1][inside] |= 0x80
        data = marked.tobytes()
    tokens = data.translate(_BYTE_TABLE).split()
    first: dict[bytes, int] = {}
    occurrence = np.fromiter(
        map(first.setdefault, tokens, itertools.count()), dtype=np.int64, count=len(tokens)
    )
    sentence = np.cumsum(occurrence == first[_BYTE_BREAK]) - 1
    candidates = first.keys() - _SIMPLE_NON_TERMS
    odd = [t for t in candidates if not t.isalnum() or (t[:1].isdigit() and not t.isdigit())]
    simple = list(candidates.difference(odd))
    names = b"\n".join(simple).decode("ascii").split("\n") if simple else []
    number = np.full(len(tokens), _NO_TERM, np.int64)
    number[np.fromiter(map(first.__getitem__, simple), np.int64, len(simple))] = np.fromiter(
        map(terms.setdefault, names, itertools.count(len(terms))), np.int64, len(names)
    )
    # an odd token k is numbered _ODD - k and stands for a run of terms in `expansion`
    number[np.fromiter(map(first.__getitem__, odd), np.int64, len(odd))] = _ODD - np.arange(len(odd))
    numbers = number[occurrence]
    keep = numbers >= 0
    term_ids, sentence_ids = numbers[keep], sentence[keep]
    if not odd:
        return term_ids, sentence_ids
    # the odd tokens' words, read like texts of their own: each token's terms follow one break
    words = _numbered_words(
        _WORD_OR_BREAK.findall(PIECE_BREAK + _joined([t.decode("ascii") for t in odd], PIECE_BREAK)), terms
    )
    keep = words >= 0
    expansion = words[keep]
    sizes = np.bincount((np.cumsum(words == _BREAK) - 1)[keep], minlength=len(odd))
    which = numbers <= _ODD
    token_of = _ODD - numbers[which]
    count = sizes[token_of]
    # the position in `expansion` of each term of each odd occurrence
    at = np.repeat((np.cumsum(sizes) - sizes)[token_of] - (np.cumsum(count) - count), count) + np.arange(
        int(count.sum())
    )
    return (
        np.concatenate((term_ids, expansion[at])),
        np.concatenate((sentence_ids, np.repeat(sentence[which], count))),
    )


def _unicode_pairs(pieces: list[str], terms: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of texts with non-ASCII characters: the word pattern, and ``term_of`` per distinct word."""
    numbers = _numbered_words(_WORD_OR_BREAK.findall(PIECE_BREAK + _joined(pieces, PIECE_BREAK)), terms)
    sentence = np.cumsum(numbers == _BREAK) - 1
    keep = numbers >= 0
    return numbers[keep], sentence[keep]


def _numbered_words(found: list[str], terms: dict[str, int]) -> np.ndarray:
    """The term number of each word (``_NO_TERM`` for none, ``_BREAK`` for a break), ``term_of`` once per distinct word."""
    number_of = {
        w: _NO_TERM if (t := term_of(w)) is None else terms.setdefault(t, len(terms))
        for w in dict.fromkeys(found)
    }
    number_of[PIECE_BREAK] = _BREAK
    return np.fromiter(map(number_of.__getitem__, found), dtype=np.int64, count=len(found))
