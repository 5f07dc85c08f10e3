"""Every date expression of a sentence, resolved against the dateline, with its tense checked.

Relative references ("on Tuesday", "yesterday", "last week") are found and
resolved by :func:`unspun.explain.timerefs.find_time_refs`, the same rules a
trace uses, so ``analyze`` and ``trace`` never disagree about which Tuesday an
article means. This module adds what a single article needs on top: absolute
dates ("3 October 2030", "Oct. 3", "2031-03-14", "in June", "since 1987"),
month- and year-relative references ("last month", "two weeks ago"), and a
flag when the tense of the clause and the resolved date disagree ("will vote on
10 March" in an article dated 13 March, "was held on 15 March" in one dated 13
March) or a weekday does not fall on its date. Those disagreements are where
a copied paragraph shows its age.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from unspun.claims.lexicon import DateWords, lexicon
from unspun.explain.timerefs import find_time_refs
from unspun.types import DateRef, Span

_MONTH_NAMES = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9}
_MONTH_ABBR.update({"Oct": 10, "Nov": 11, "Dec": 12})
_MONTHS = {**_MONTH_NAMES, **_MONTH_ABBR}
_WEEKDAYS = list(calendar.day_name)
# An abbreviation may carry its full stop ("Oct. 3"); a full name never does ("on 20 March.").
_ABBR = "|".join(sorted(_MONTH_ABBR, key=len, reverse=True))
_M = rf"(?P<month>(?:{'|'.join(_MONTH_NAMES)})\b|(?:{_ABBR})(?:\.(?=\s*\d)|\b))"
_FULL_M = r"(?P<month>" + "|".join(_MONTH_NAMES) + r")\b"
_WD = r"(?:(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_PREP = r"(?:in|since|until|till|by|during|from|through|before|after|of|between|and|to|early|late|mid-?|last|next|this)"
# Absolute forms, most specific first; month names are capitalized as written ("may" is a verb).
_ABSOLUTE = [
    ("day", re.compile(rf"\b{_WD}{_DAY}\s+(?:of\s+)?{_M}(?:,?\s+{_YEAR}\b)?")),
    ("day", re.compile(rf"\b{_WD}{_M}\s+{_DAY}\b(?!:)(?:,?\s+{_YEAR}\b)?")),
    ("day", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("month", re.compile(rf"\b{_M}\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b(?P<mod>(?i:{_PREP}))\s+{_FULL_M}(?!\s+\d)")),
    ("year", re.compile(rf"\b{_PREP}\s+{_YEAR}\b(?![.,]\d|\s*%|\s+per\s*cent)", re.IGNORECASE)),
]
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBER_WORDS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12})
_RELATIVE = [
    re.compile(
        r"\b(?P<dir>last|this|next|coming|earlier\s+this|later\s+this)\s+(?P<unit>month|year)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b",
        re.IGNORECASE,
    ),
]
# Any date will do for finding relative references when there is no dateline to resolve them against.
_ANY_DAY = dt.date(2001, 1, 1)
_BOUNDARY = re.compile(r"[,;:()—–]|\bthat\b")
_WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True, slots=True)
class _Found:
    span: Span
    date: dt.date | None
    precision: str
    relative: bool
    bare_weekday: bool = False
    conflict: str = ""


def find_dates(text: str, start: int, end: int, dateline: dt.date | None) -> list[DateRef]:
    """The date references of the sentence ``text[start:end]``, in order, each resolved and tense-checked."""
    words = lexicon().dates
    kept: list[_Found] = []
    for found in (*_absolute(text, start, end, dateline), *_relative(text, start, end, dateline)):
        if not any(k.span[0] < found.span[1] and found.span[0] < k.span[1] for k in kept):
            kept.append(found)
    refs = []
    for f in sorted(kept, key=lambda f: f.span):
        tense = _tense(text, start, end, f.span, words)
        conflict = f.conflict or ("" if f.bare_weekday else _disagreement(f, tense, dateline))
        refs.append(
            DateRef(text[f.span[0] : f.span[1]], f.span, f.date, f.precision, f.relative, tense, conflict)
        )
    return refs


def _absolute(text: str, start: int, end: int, dateline: dt.date | None) -> list[_Found]:
    found = []
    for precision, pattern in _ABSOLUTE:
        for m in pattern.finditer(text, start, end):
            named, date = _calendar_date(m, precision, dateline)
            if not named:
                continue
            span = m.span("month") if "mod" in m.groupdict() else m.span()
            if precision == "year":
                span = m.span("year")
            found.append(_Found(span, date, precision, False, conflict=_weekday_conflict(m, date)))
    return found


def _calendar_date(m: re.Match[str], precision: str, dateline: dt.date | None) -> tuple[bool, dt.date | None]:
    """Whether a match names a real date, and which: None when its year must come from a missing dateline."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if precision == "year":
        return (True, dt.date(year, 1, 1)) if year else (False, None)
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[m.group("month").rstrip(".").capitalize()]
    day = int(groups["day"]) if precision == "day" else 1
    if year is not None:
        try:
            return True, dt.date(year, month, day)
        except ValueError:
            return False, None
    if dateline is None:
        return (1 <= day <= 31), None
    modifier = (groups.get("mod") or "").lower()
    candidates = []
    for y in (dateline.year - 1, dateline.year, dateline.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return False, None
    if modifier == "last":
        return True, max([c for c in candidates if c < dateline.replace(day=1)] or candidates)
    if modifier == "next":
        return True, min([c for c in candidates if c > dateline] or candidates)
    return True, min(candidates, key=lambda c: abs((c - dateline).days))


def _weekday_conflict(m: re.Match[str], date: dt.date | None) -> str:
    named = m.groupdict().get("weekday")
    if not named or date is None or _WEEKDAYS[date.weekday()] == named:
        return ""
    return f"{named} does not fall on {date.isoformat()}, a {_WEEKDAYS[date.weekday()]}"


def _relative(text: str, start: int, end: int, dateline: dt.date | None) -> list[_Found]:
    base = dateline or _ANY_DAY
    found = []
    for m in _RELATIVE[0].finditer(text, start, end):
        direction = m.group("dir").split()[0].lower()
        shift = {"last": -1, "next": 1, "coming": 1}.get(direction, 0)
        if m.group("unit").lower() == "month":
            month_index = base.year * 12 + base.month - 1 + shift
            date = dt.date(month_index // 12, month_index % 12 + 1, 1)
            found.append(_Found(m.span(), date if dateline else None, "month", True))
        else:
            found.append(
                _Found(m.span(), dt.date(base.year + shift, 1, 1) if dateline else None, "year", True)
            )
    for m in _RELATIVE[1].finditer(text, start, end):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = m.group("unit").lower()
        date, precision = _ago(base, n, unit)
        found.append(_Found(m.span(), date if dateline else None, precision, True))
    sentence = text[start:end]
    for ref in find_time_refs(sentence, base):
        span = (ref.span[0] + start, ref.span[1] + start)
        bare = not ref.text.lower().startswith(("last", "next", "this", "coming")) and any(
            d.lower() in ref.text.lower() for d in _WEEKDAYS
        )
        found.append(_Found(span, ref.day if dateline else None, ref.precision, True, bare_weekday=bare))
    return found


def _ago(base: dt.date, n: int, unit: str) -> tuple[dt.date, str]:
    if unit == "day":
        return base - dt.timedelta(days=n), "day"
    if unit == "week":
        day = base - dt.timedelta(weeks=n)
        return day - dt.timedelta(days=day.weekday()), "week"
    if unit == "month":
        month_index = base.year * 12 + base.month - 1 - n
        return dt.date(month_index // 12, month_index % 12 + 1, 1), "month"
    return dt.date(base.year - n, 1, 1), "year"


def _tense(text: str, start: int, end: int, span: Span, words: DateWords) -> str:
    """The tense of the clause around a date: the nearest future or past marker wins.

    The clause runs from the last comma, semicolon or "that" before the date to
    the next one after it, so in "said on Tuesday that talks will resume on
    Friday" Tuesday is past and Friday future.
    """
    left_start = start
    for m in _BOUNDARY.finditer(text, start, span[0]):
        left_start = m.end()
    right = _BOUNDARY.search(text, span[1], end)
    right_end = right.start() if right else end
    best: tuple[int, str] = (10**6, "")
    for piece_start, piece_end, before in ((left_start, span[0], True), (span[1], right_end, False)):
        piece = text[piece_start:piece_end].lower()
        for m in words.future.finditer(piece):
            distance = len(piece) - m.end() if before else m.start()
            best = min(best, (distance, "future"))
        for m in _WORD.finditer(piece):
            w = m.group()
            if w in words.past or (w.endswith("ed") and len(w) > 4 and w not in words.not_past):
                distance = len(piece) - m.end() if before else m.start()
                best = min(best, (distance, "past"))
    return best[1]


def _disagreement(found: _Found, tense: str, dateline: dt.date | None) -> str:
    """Why a date cannot be right in its tense: a past event after the dateline, a future one before it."""
    if found.date is None or dateline is None or not tense:
        return ""
    first, last = _range(found.date, found.precision)
    if tense == "past" and first > dateline:
        return f"past tense, but {found.date.isoformat()} is after the dateline {dateline.isoformat()}"
    if tense == "future" and last < dateline:
        return f"future tense, but {found.date.isoformat()} is before the dateline {dateline.isoformat()}"
    return ""


def _range(date: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "week":
        return date, date + dt.timedelta(days=6)
    if precision == "month":
        return date, date.replace(day=calendar.monthrange(date.year, date.month)[1])
    if precision == "year":
        return date, date.replace(month=12, day=31)
    return date, date
