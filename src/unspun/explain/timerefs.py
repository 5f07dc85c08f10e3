"""Relative time references ("on Tuesday", "yesterday", "last week") and what day they point at.

News is written in the past tense against its own dateline: "on Tuesday" in a
story dated Thursday means two days earlier. Copied into an article dated a
week later, the same words point at a different Tuesday, or, once dropped,
make old news read as new. Both are reported as ``time_reference_changed``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from unspun.types import Change, Span

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EXPRESSION = re.compile(
    r"\b(?:(?:on|last|next|this|coming|early|late|earlier|later)\s+)?(?:(?:on|last|next|this)\s+)?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?P<day>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(?P<week>(?:last|this|next|earlier\s+this|later\s+this|earlier\s+in\s+the|later\s+in\s+the)\s+week)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TimeRef:
    """One relative time expression and the day (or the first day of the week) it points at."""

    text: str
    span: Span
    day: dt.date
    precision: str


_FUTURE = re.compile(
    r"\b(?:will|shall|to meet|to hold|to visit|to vote|scheduled|expected to|plans? to|due to|is set to|are set to|upcoming)\b",
    re.IGNORECASE,
)


def find_time_refs(text: str, base: dt.date) -> list[TimeRef]:
    """Every relative time expression in ``text``, resolved against the dateline ``base``.

    A bare weekday looks back in past-tense reporting and forward in a clause
    about what will happen ("agreed to meet on Thursday"); the clause is the
    text since the last comma, so "will host talks, it announced on Tuesday"
    still looks back.
    """
    refs = []
    for m in _EXPRESSION.finditer(text):
        clause_start = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start()), m.start() - 80, 0)
        future = bool(_FUTURE.search(text, clause_start, m.start()))
        resolved = _resolve(m, base, future)
        if resolved is not None:
            refs.append(TimeRef(m.group(0), m.span(), *resolved))
    return refs


def _resolve(m: re.Match[str], base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    if m.group("weekday"):
        target = _WEEKDAYS.index(m.group("weekday").lower())
        ahead = m.group(0).lower().startswith(("next", "coming"))
        if (future or ahead) and not m.group(0).lower().startswith("last"):
            return base + dt.timedelta(days=(target - base.weekday()) % 7), "day"
        back = (base.weekday() - target) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        return base - dt.timedelta(days=back), "day"
    if m.group("day"):
        shift = {"yesterday": -1, "tomorrow": 1}.get(m.group("day").lower(), 0)
        return base + dt.timedelta(days=shift), "day"
    if m.group("week"):
        monday = base - dt.timedelta(days=base.weekday())
        shift = {"last": -7, "next": 7}.get(m.group("week").split()[0].lower(), 0)
        return monday + dt.timedelta(days=shift), "week"
    return None


def time_changes(
    article_text: str,
    article_date: dt.date | None,
    source_text: str,
    source_date: dt.date | None,
) -> tuple[Change, ...]:
    """References kept word for word that now point at another day, and references the article dropped."""
    if article_date is None or source_date is None:
        return ()
    theirs = find_time_refs(source_text, source_date)
    ours = find_time_refs(article_text, article_date)
    changes: list[Change] = []
    for ref in theirs:
        kept = next((r for r in ours if r.text.lower() == ref.text.lower()), None)
        if kept is not None and kept.day != ref.day:
            changes.append(
                Change(
                    "time_reference_changed",
                    kept.span,
                    ref.span,
                    ref.text,
                    kept.text,
                    0.9,
                    f"'{ref.text}' meant {_say(ref)} in the source dated {source_date.isoformat()}; "
                    f"in the article dated {article_date.isoformat()} it reads as {_say(kept)}",
                )
            )
        elif kept is None and not ours and article_date > ref.day:
            changes.append(
                Change(
                    "time_reference_changed",
                    (0, 0),
                    ref.span,
                    ref.text,
                    "",
                    0.7,
                    f"the source says when ('{ref.text}', {_say(ref)}); the article drops it, so the event reads as current",
                )
            )
    return tuple(changes)


def _say(ref: TimeRef) -> str:
    if ref.precision == "week":
        return f"the week of {ref.day.isoformat()}"
    return f"{ref.day.strftime('%A')} {ref.day.isoformat()}"
