"""Sentence segmentation built for news text, returning spans, never copies.

News breaks generic splitters in known ways: honorifics and military ranks
("Gen. Ilyas"), initialisms that may or may not end a sentence ("the U.S. The
next day"), times ("7 a.m. Officials"), decimals and thousands, quotes that
close after the full stop, headlines and captions with no full stop, and OCR
text hard-wrapped at every line. Each rule below exists for one of these.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from unspun.types import Span

_WORDS = tomllib.loads(resources.files("unspun").joinpath("data/segment.toml").read_text(encoding="utf-8"))
_NEVER_FINAL = frozenset(_WORDS["never_final"])
_MAYBE_FINAL = frozenset(_WORDS["maybe_final"])
_OPENERS = frozenset(_WORDS["openers"])
_CANDIDATE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)([\"'“‘«(\[]*)([A-ZÀ-ÖØ-Þ0-9])")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_WINDOW = 64
_NEXT_WORD = re.compile(r"[\w']+")
_TERMINALS = frozenset(".!?…:;")
_CLOSERS = "\"'”’»)]"
# A line break that _ends_block may call the end of a block: one before a bullet, or one after a
# character that is no terminal and before one that is no ASCII lowercase letter (the others say no).
_MAY_END_BLOCK = re.compile(r"\n(?:(?<=[^.!?…:;]\n)(?![a-z])|(?=[•*\-–—]))")
_ALNUM = re.compile(r"[^\W_]")
_BULLETS = "•*-–—"
_MAX_SENTENCE = 1000


def segment(text: str) -> list[Span]:
    """Spans of the sentences of ``text``, in order, trimmed of surrounding space.

    Candidate ends are found in one scan of the whole text, not one per
    block (OCR pages have thousands of blocks); a candidate that spans the
    line break between two blocks is no end, as if each block were scanned alone.
    """
    spans: list[Span] = []
    candidates = _CANDIDATE.finditer(text)
    m = next(candidates, None)
    for start, end in _blocks(text):
        cut = start
        while m is not None and m.start() < end:
            if m.end() <= end and (m.group(1) != "." or _full_stop_ends(text, cut, m)):
                _add(text, cut, m.end(2), spans)
                cut = m.start(4)
            m = next(candidates, None)
        _add(text, cut, end, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append the sentence between ``start`` and ``end``, trimmed, if it holds a letter or digit."""
    if trimmed := _trim(text, start, end):
        s, e = trimmed
        if e - s > _MAX_SENTENCE:
            spans.extend(_cap_length(text, s, e))
        else:
            spans.append(trimmed)


def article_spans(title: str, body: str) -> list[Span]:
    """Sentences of an article's one text (title, blank line, body): the title is sentence 0, whole."""
    spans: list[Span] = [(0, len(title))] if title else []
    offset = len(title) + 2 if title else 0
    spans.extend((s + offset, e + offset) for s, e in segment(body))
    return spans


def _blocks(text: str) -> list[Span]:
    """Paragraphs, with headline-like lines (short or all capitals, unpunctuated) as blocks of their own.

    Hard-wrapped OCR has a line break every few words: only the breaks that
    can end a block (see ``_MAY_END_BLOCK``) are judged in Python.
    """
    blocks: list[Span] = []
    for start, end in _paragraphs(text):
        if text.find("\n", start, end) < 0:
            blocks.append((start, end))
            continue
        longest = max(map(len, text[start:end].split("\n")))
        # a paragraph ends with a newline only at the end of a text that does
        last = end - 1 if text[end - 1] == "\n" else end
        block = start
        for m in _MAY_END_BLOCK.finditer(text, start, last):
            brk = m.start()
            line = text[max(start, text.rfind("\n", start, brk) + 1) : brk]
            if _ends_block(line.strip(), text[brk + 1], longest):
                blocks.append((block, brk))
                block = brk + 1
        blocks.append((block, last))
    return blocks


def _paragraphs(text: str) -> list[Span]:
    """Runs of text between blank lines (two or more newlines), leading newlines left out.

    Split in C rather than matched by a regex that tries an alternation at every character.
    """
    spans: list[Span] = []
    pos = 0
    for piece in text.split("\n\n"):
        end = pos + len(piece)
        start = end - len(piece.lstrip("\n"))
        if start < end:
            spans.append((start, end))
        pos = end + 2
    return spans


def _ends_block(line: str, next_char: str, longest: int) -> bool:
    if next_char in _BULLETS:
        return True
    if not line or line.rstrip(_CLOSERS)[-1:] in _TERMINALS or next_char.islower():
        return False
    headline = line.isupper() and sum(map(str.isalpha, line)) >= 8
    return headline or len(line) < 0.5 * longest


def _full_stop_ends(text: str, cut: int, m: re.Match[str]) -> bool:
    """Whether a full stop followed by a capital ends the sentence, judged by the word it closes."""
    word = _word_before(text, cut, m.start(1)).lstrip("\"'“‘«([")
    bare = word.replace(".", "").lower()
    if bare in _NEVER_FINAL or (len(word) == 1 and word.isupper()):
        return False
    if bare in _MAYBE_FINAL or _INITIALISM.match(word) or (bare in {"am", "pm"} and "." in word):
        nxt = _NEXT_WORD.match(text, m.start(5))
        return nxt is not None and nxt.group().lower() in _OPENERS and not m.group(5).isdigit()
    return True


def _word_before(text: str, start: int, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (or at one newline just before it), else "".

    Read backwards from a short window: a regex anchored at the end would be
    tried at every position of the sentence so far. The newline rule keeps a
    word hard-wrapped away from its full stop ("St." then a line break) whole.
    """
    if end > start and text[end - 1] == "\n":
        end -= 1
    if end <= start or text[end - 1].isspace():
        return ""
    window = text[max(start, end - _WINDOW) : end]
    parts = window.rsplit(None, 1)
    if len(parts) == 1 and end - _WINDOW > start:
        parts = text[start:end].rsplit(None, 1)
    return parts[-1]


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding space, or None when it holds no letter or digit.

    Most spans have no surrounding space, and then nothing is copied.
    """
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return (start, end) if _ALNUM.search(text, start, end) else None
    piece = text[start:end]
    core = piece.strip()
    if not core or not _ALNUM.search(core):
        return None
    start += len(piece) - len(piece.lstrip())
    return (start, start + len(core))


def _cap_length(text: str, start: int, end: int) -> list[Span]:
    """Split runaway 'sentences' (OCR pages with no punctuation) at whitespace."""
    out: list[Span] = []
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        cut = text.rfind("\n", start, start + _MAX_SENTENCE) if cut <= start else cut
        if cut <= start:
            cut = start + _MAX_SENTENCE
        if (piece := _trim(text, start, cut)) is not None:
            out.append(piece)
        start = cut
    if (piece := _trim(text, start, end)) is not None:
        out.append(piece)
    return out
