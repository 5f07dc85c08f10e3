"""Words and quotations of one sentence, with offsets into the article text.

The claims rules read a sentence as a list of words (a name, a number, a
punctuation mark) that each know where they stand and whether they are inside
a quotation: a reporting verb inside quotes is somebody's words, not an
attribution, and a loaded word inside quotes is the speaker's, not the
article's.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from unspun.types import Span

# Abbreviations keep their full stop so that "Dr. Mira Solenne" reads as one name.
_TOKEN = re.compile(
    r"(?P<abbr>\b(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Capt|Sgt|Sen|Rep|St|Maj|Adm|Gov|Rev|Brig|Cmdr|Gens)\.)"
    r"|(?P<init>\b(?:[A-Za-z]\.){2,})"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    r"|(?P<sym>[$€£¥₽₹%])"
    r"|(?P<punct>[^\s\w])"
)
# Day and month names (and "today"): never a speaker, a name to respell, or a count's noun.
CALENDAR = frozenset(
    name.lower()
    for name in (
        *calendar.day_name,
        *calendar.month_name,
        *calendar.month_abbr,
        "Sept",
        "today",
        "yesterday",
        "tomorrow",
    )
    if name
)
_OPENERS = "“«"
_CLOSERS = "”»"
# A quotation shorter than this is a scare quote ("called the demands “absurd”"), not a direct quote.
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Word:
    """One token: ``low`` is its lower case (without an abbreviation's full stop)."""

    text: str
    low: str
    start: int
    end: int
    kind: str
    quoted: bool

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "abbr", "init")


@dataclass(frozen=True, slots=True)
class Quotes:
    """The quotations of a sentence (absolute spans) and whether one runs in from before or on after it."""

    spans: tuple[Span, ...]
    open_at_start: bool
    open_at_end: bool

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)

    def longest(self, text: str) -> Span | None:
        """The longest quotation of at least MIN_QUOTE_WORDS words: what a direct quote quotes."""
        best = max(self.spans, key=lambda sp: sp[1] - sp[0], default=None)
        if best is None or len(text[best[0] : best[1]].split()) < MIN_QUOTE_WORDS:
            return None
        return best


def find_quotes(text: str, start: int, end: int) -> Quotes:
    """Quotations in ``text[start:end]``: curly, guillemet and straight double quotes, and ‘single’ ones.

    A straight quote opens when it follows a space (or starts the sentence) and
    closes otherwise. A closing mark with no opening one means the quotation
    began in an earlier sentence; an opening mark left open, that it goes on.
    """
    spans: list[Span] = []
    opened: int | None = None
    single = False
    open_at_start = False

    def run_in(i: int) -> None:
        nonlocal open_at_start
        if not spans and not open_at_start:
            spans.append((start, i + 1))
            open_at_start = True

    for i in range(start, end):
        ch = text[i]
        after = text[i + 1] if i + 1 < end else " "
        if ch in _OPENERS or ch == "‘":
            if opened is None:
                opened, single = i, ch == "‘"
        elif ch in _CLOSERS:
            if opened is not None and not single:
                spans.append((opened, i + 1))
                opened = None
            elif opened is None:
                run_in(i)
        elif ch == '"':
            if opened is not None and not single:
                spans.append((opened, i + 1))
                opened = None
            elif (
                opened is None
                and (i == start or text[i - 1].isspace() or text[i - 1] in "([")
                and not after.isspace()
            ):
                opened, single = i, False
            elif opened is None:
                run_in(i)
        elif ch == "’" and opened is not None and single and not after.isalpha():
            spans.append((opened, i + 1))
            opened, single = None, False
    if opened is not None:
        spans.append((opened, end))
    return Quotes(tuple(spans), open_at_start, opened is not None)


def tokenize(text: str, start: int, end: int, quotes: Quotes) -> list[Word]:
    """The words of ``text[start:end]`` with absolute offsets."""
    words = []
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        token = m.group()
        low = token.lower().rstrip(".") if kind == "abbr" else token.lower()
        words.append(Word(token, low, m.start(), m.end(), kind, quotes.inside(m.start(), m.end())))
    return words


def singular(noun: str) -> str:
    """A plural count noun's singular, good enough for units: "lorries" -> "lorry", "buses" -> "bus"."""
    low = noun.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes")) or low in ("buses", "gases"):
        return low[:-2]
    if low.endswith("men"):
        return low[:-3] + "man"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low
