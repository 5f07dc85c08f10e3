"""Sentence segmentation built for news text, returning spans, never copies.

News breaks generic splitters in known ways: honorifics and military ranks
("Gen. Ilyas"), initialisms that may or may not end a sentence ("the U.S. The
next day"), times ("7 a.m. Officials"), decimals and thousands, quotes that
close after the full stop, headlines and captions with no full stop, and OCR
text hard-wrapped at every line. Each rule below exists for one of these.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from importlib import resources

from unspun.types import Span

_WORDS = tomllib.loads(resources.files("unspun").joinpath("data/segment.toml").read_text(encoding="utf-8"))
_NEVER_FINAL = frozenset(_WORDS["never_final"])
_MAYBE_FINAL = frozenset(_WORDS["maybe_final"])
_OPENERS = frozenset(_WORDS["openers"])
_CANDIDATE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)([\"'“‘«(\[]*)(\S)")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"[\w']+")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_MAX_SENTENCE = 1000


def segment(text: str) -> list[Span]:
    """Spans of the sentences of ``text``, in order, trimmed of surrounding space."""
    spans: list[Span] = []
    for start, end in _blocks(text):
        for s, e in _split_block(text, start, end):
            spans.extend(_cap_length(text, s, e))
    return spans


def _blocks(text: str) -> list[Span]:
    """Paragraphs, with short unpunctuated lines (headlines, captions) cut off as their own block."""
    blocks: list[Span] = []
    for para in re.finditer(r"(?:[^\n]|\n(?!\n))+", text):
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", para.group())]
        if not lines:
            continue
        longest = max(e - s for s, e in lines)
        base = para.start()
        start = base + lines[0][0]
        for (s, e), nxt in itertools.pairwise(lines):
            line = para.group()[s:e].rstrip()
            heading = len(lines) > 1 and (e - s) < 0.5 * longest and not _TERMINAL.search(line)
            if heading or para.group()[nxt[0] : nxt[0] + 1] in "•*-–—":
                blocks.append((start, base + e))
                start = base + nxt[0]
        blocks.append((start, base + lines[-1][1]))
    return blocks


def _split_block(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cut = start
    for m in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, cut, m):
            spans.append((cut, m.end(2)))
            cut = m.start(4)
    spans.append((cut, end))
    return [t for s, e in spans if (t := _trim(text, s, e))]


def _is_boundary(text: str, cut: int, m: re.Match[str]) -> bool:
    first = m.group(5)
    if not (first.isupper() or first.isdigit()):
        return False
    if m.group(1) != ".":
        return True
    before = _WORD_BEFORE.search(text, cut, m.start(1))
    word = before.group(1).lstrip("\"'“‘«([") if before else ""
    bare = word.replace(".", "").lower()
    if bare in _NEVER_FINAL or (len(word) == 1 and word.isupper()):
        return False
    if bare in _MAYBE_FINAL or _INITIALISM.match(word) or (bare in {"am", "pm"} and "." in word):
        nxt = _NEXT_WORD.match(text, m.start(5))
        return nxt is not None and nxt.group().lower() in _OPENERS and not first.isdigit()
    return True


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None
    return (start, end)


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
