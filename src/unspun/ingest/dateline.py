"""Dates as news pages print them: datelines, and the ``published`` field of corpora."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_PREFIX = r"(?:(?:published|updated|posted|date)\s*(?:on)?\s*:?\s*)?"
_FORMS = [
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}$", re.I),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}$", re.I),
    re.compile(rf"^{_PREFIX}{_YEAR}-(?P<mnum>\d{{1,2}})-{_DAY}(?:[T\s].*)?$", re.I),
]


def parse_dateline(line: str) -> dt.date | None:
    """The date a whole line states, or None when the line is not a dateline."""
    line = line.strip().strip("|·-–— ")
    if len(line) > 60:
        return None
    for form in _FORMS:
        m = form.match(line)
        if m:
            month = int(m.group("mnum")) if "mnum" in m.groupdict() else _MONTHS[m.group("month").lower()]
            try:
                date = dt.date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                return None
            return date if _PLAUSIBLE[0] <= date.year <= _PLAUSIBLE[1] else None
    return None


_PLAUSIBLE = (1600, 2199)  # years a news date can have; others are typos or placeholders
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: object) -> dt.date | None:
    """A corpus ``published`` value: ISO date or datetime, or a dateline form; None if absent or absurd."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a date string or null, got {type(value).__name__}")
    m = _ISO.match(value.strip())
    try:
        date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else parse_dateline(value)
    except ValueError as err:
        raise ValueError(f"published {value!r} is not a real date") from err
    if date is None:
        raise ValueError(f"published {value!r} is not a date unspun understands (use YYYY-MM-DD)")
    if not _PLAUSIBLE[0] <= date.year <= _PLAUSIBLE[1]:
        raise ValueError(f"published {value!r} is outside any plausible range")
    return date
