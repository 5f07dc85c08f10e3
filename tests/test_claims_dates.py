"""Date expressions resolved against the dateline, and tense checked against the date.

The calendar of March 2031 used throughout: Mon 10, Tue 11, Wed 12, Thu 13,
Fri 14, Sat 15. Sentences are invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unspun.claims.dates import find_dates
from unspun.types import DateRef

THU_13 = dt.date(2031, 3, 13)


def dates(sentence: str, dateline: dt.date | None = THU_13) -> list[DateRef]:
    return find_dates(sentence, 0, len(sentence), dateline)


def one(sentence: str, dateline: dt.date | None = THU_13) -> DateRef:
    found = dates(sentence, dateline)
    assert len(found) == 1, found
    return found[0]


def test_a_bare_weekday_in_past_tense_reporting_looks_back_like_a_trace_does() -> None:
    ref = one("The council met on Tuesday to discuss the pier.")
    assert (ref.text, ref.date, ref.relative, ref.tense, ref.conflict) == (
        "on Tuesday",
        dt.date(2031, 3, 11),
        True,
        "past",
        "",
    )


@pytest.mark.parametrize(
    ("sentence", "text", "day", "precision"),
    [
        ("Work began on 3 October 2030 in the yard.", "3 October 2030", dt.date(2030, 10, 3), "day"),
        ("It opened on Oct. 3, 2030 with a parade.", "Oct. 3, 2030", dt.date(2030, 10, 3), "day"),
        ("The fair was held on 2031-02-20 in Tarn.", "2031-02-20", dt.date(2031, 2, 20), "day"),
        ("The pass has been closed since January.", "January", dt.date(2031, 1, 1), "month"),
        ("The fleet will be sold by June.", "June", dt.date(2031, 6, 1), "month"),
        ("The last repair was in 2019.", "2019", dt.date(2019, 1, 1), "year"),
        ("The ferries lost money last year.", "last year", dt.date(2030, 1, 1), "year"),
        ("Eight people died in a fire last month.", "last month", dt.date(2031, 2, 1), "month"),
        ("The bridge fell two weeks ago.", "two weeks ago", dt.date(2031, 2, 24), "week"),
        ("Armoured vehicles crossed the border last week.", "last week", dt.date(2031, 3, 3), "week"),
    ],
)
def test_absolute_and_relative_dates_resolve_to_a_calendar_date(
    sentence: str, text: str, day: dt.date, precision: str
) -> None:
    ref = one(sentence)
    assert (ref.text, ref.date, ref.precision, ref.conflict) == (text, day, precision, "")


def test_a_date_without_a_year_takes_the_year_that_puts_it_nearest_the_dateline() -> None:
    assert one("The storm hit on 28 December.").date == dt.date(2030, 12, 28)
    assert one("The vote is due on 20 March.").date == dt.date(2031, 3, 20)


def test_a_future_clause_with_a_past_date_is_flagged() -> None:
    ref = one("The council will vote on the plan on 10 March, a spokeswoman said.")
    assert ref.tense == "future"
    assert "before the dateline" in ref.conflict


def test_a_past_clause_with_a_future_date_is_flagged() -> None:
    ref = one("The protest was held on 15 March with hundreds of people.")
    assert ref.tense == "past"
    assert "after the dateline" in ref.conflict


def test_yesterday_in_a_future_clause_is_flagged() -> None:
    assert one("The ministers will meet yesterday in Tarn.").conflict


def test_a_weekday_that_does_not_fall_on_its_date_is_flagged() -> None:
    ref = one("Work began on Tuesday, 3 October 2030, and stopped.")
    assert ref.text == "Tuesday, 3 October 2030"
    assert ref.conflict == "Tuesday does not fall on 2030-10-03, a Thursday"


def test_each_clause_has_its_own_tense() -> None:
    first, second = dates("The ministry said on Tuesday that talks will resume on Friday.")
    assert (first.tense, first.date) == ("past", dt.date(2031, 3, 11))
    assert (second.tense, second.date) == ("future", dt.date(2031, 3, 14))
    assert not first.conflict and not second.conflict


def test_without_a_dateline_relative_and_year_less_dates_stay_unresolved() -> None:
    found = dates("The pier closed on Tuesday and reopened on 3 October 2030, not on 20 March.", None)
    assert [(r.text, r.date) for r in found] == [
        ("on Tuesday", None),
        ("3 October 2030", dt.date(2030, 10, 3)),
        ("20 March", None),
    ]


@pytest.mark.parametrize(
    "sentence",
    ["Protesters plan to march to the harbour.", "The rebels may return soon.", "The 300 boats left."],
)
def test_month_names_used_as_words_and_plain_numbers_are_not_dates(sentence: str) -> None:
    assert dates(sentence) == []


def test_every_span_cuts_its_text_out_of_the_sentence() -> None:
    sentence = "On Oct. 3, 2030, two weeks ago and yesterday, since 1987, by June, on 3rd of May."
    found = dates(sentence)
    assert len(found) == 6
    for ref in found:
        assert sentence[ref.span[0] : ref.span[1]] == ref.text
