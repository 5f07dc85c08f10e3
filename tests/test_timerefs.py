"""Relative time references resolved against a dateline, and what copying them later does.

Dates are chosen by weekday; the calendar of March 2031 used throughout:
Mon 10, Tue 11, Wed 12, Thu 13, Fri 14, Sat 15, Sun 16, Mon 17, Tue 18, Sat 22.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unspun.explain.timerefs import TimeRef, find_time_refs, time_changes

MON_10 = dt.date(2031, 3, 10)
TUE_11 = dt.date(2031, 3, 11)
WED_12 = dt.date(2031, 3, 12)
THU_13 = dt.date(2031, 3, 13)
FRI_14 = dt.date(2031, 3, 14)
MON_17 = dt.date(2031, 3, 17)
TUE_18 = dt.date(2031, 3, 18)
SAT_22 = dt.date(2031, 3, 22)
TUE_04 = dt.date(2031, 3, 4)
MON_03 = dt.date(2031, 3, 3)


def test_the_calendar_in_these_specs_is_right() -> None:
    assert [d.strftime("%a") for d in (MON_10, TUE_11, THU_13, FRI_14, SAT_22, TUE_04)] == [
        "Mon",
        "Tue",
        "Thu",
        "Fri",
        "Sat",
        "Tue",
    ]


def one(text: str, base: dt.date) -> TimeRef:
    refs = find_time_refs(text, base)
    assert len(refs) == 1, refs
    return refs[0]


# ---- weekdays in past-tense reporting ------------------------------------------


def test_a_bare_weekday_looks_back_from_the_dateline() -> None:
    ref = one("The harbour council met on Tuesday to discuss the pier.", THU_13)
    assert ref.day == TUE_11
    assert ref.precision == "day"


def test_a_bare_weekday_is_the_same_day_when_the_dateline_is_that_weekday() -> None:
    assert one("The harbour council met on Thursday to discuss the pier.", THU_13).day == THU_13


def test_last_tuesday_on_a_tuesday_is_a_week_earlier() -> None:
    assert one("The harbour council met last Tuesday to discuss the pier.", TUE_11).day == TUE_04


def test_last_weekday_otherwise_is_the_most_recent_one() -> None:
    assert one("The harbour council met last Tuesday to discuss the pier.", THU_13).day == TUE_11


def test_the_span_and_text_of_a_reference_cut_back_out_of_the_sentence() -> None:
    text = "Fishermen in Kessle Bay protested early Tuesday morning outside the port office."
    ref = one(text, THU_13)
    assert text[ref.span[0] : ref.span[1]] == ref.text == "early Tuesday morning"
    assert ref.day == TUE_11


# ---- weekdays in clauses about what will happen -----------------------------------


def test_agreed_to_meet_on_a_weekday_looks_forward() -> None:
    assert one("The two ministers agreed to meet on Thursday in Drellhaven.", TUE_11).day == THU_13


def test_will_vote_on_a_weekday_looks_forward() -> None:
    assert one("The Brellmouth assembly will vote on Friday on the repair budget.", TUE_11).day == FRI_14


def test_a_future_clause_looks_forward_past_the_weekend() -> None:
    assert one("The assembly will vote on Tuesday on the repair budget.", THU_13).day == TUE_18


def test_a_past_tense_clause_after_a_comma_looks_back_despite_an_earlier_will() -> None:
    text = "Drellhaven will host talks on fishing quotas, the alliance announced on Tuesday."
    assert one(text, THU_13).day == TUE_11


def test_next_weekday_looks_forward_without_a_future_verb() -> None:
    refs = find_time_refs("The vote on the repair budget is next Tuesday.", THU_13)
    assert [r.day for r in refs] == [TUE_18], "'next Tuesday' can never be a day before the dateline"


# ---- days and weeks -----------------------------------------------------------------


def test_yesterday_is_the_day_before_the_dateline() -> None:
    assert one("Mayor Odile Serrat visited the damaged pier yesterday.", THU_13).day == WED_12


def test_today_is_the_dateline() -> None:
    assert one("Mayor Odile Serrat visits the damaged pier today.", THU_13).day == THU_13


def test_tomorrow_is_the_day_after_the_dateline() -> None:
    refs = find_time_refs("Mayor Odile Serrat visits the damaged pier tomorrow.", THU_13)
    assert [r.day for r in refs] == [FRI_14]


def test_last_week_is_the_monday_of_the_week_before() -> None:
    ref = one("The ferry company cancelled its spring timetable last week.", THU_13)
    assert (ref.day, ref.precision) == (MON_03, "week")


def test_this_week_and_next_week_start_on_their_mondays() -> None:
    assert one("The pier repairs begin this week.", THU_13).day == MON_10
    assert one("The pier repairs begin next week.", THU_13).day == MON_17


def test_a_sentence_without_time_words_has_no_references() -> None:
    assert find_time_refs("The harbour authority closed the northern pier after a storm.", THU_13) == []


# ---- what copying a reference later does ---------------------------------------------

PIER = "The harbour authority closed the northern pier on Tuesday after a storm."


def test_a_kept_weekday_copied_nine_days_later_points_at_another_day() -> None:
    article_date = THU_13 + dt.timedelta(days=9)
    assert article_date == SAT_22
    found = time_changes(PIER, article_date, PIER, THU_13)
    assert len(found) == 1
    change = found[0]
    assert change.kind == "time_reference_changed"
    assert change.before == change.after == "on Tuesday"
    assert PIER[change.article_span[0] : change.article_span[1]] == "on Tuesday"
    assert PIER[change.source_span[0] : change.source_span[1]] == "on Tuesday"
    for date in (TUE_11, TUE_18, THU_13, SAT_22):
        assert date.isoformat() in change.evidence


def test_a_kept_reference_to_the_same_day_is_no_change() -> None:
    assert time_changes(PIER, FRI_14, PIER, THU_13) == ()


def test_a_kept_yesterday_copied_a_day_later_is_a_change() -> None:
    text = "Mayor Odile Serrat visited the damaged pier yesterday."
    found = time_changes(text, FRI_14, text, THU_13)
    assert [c.kind for c in found] == ["time_reference_changed"]
    assert WED_12.isoformat() in found[0].evidence
    assert THU_13.isoformat() in found[0].evidence


def test_a_dropped_reference_is_a_change_with_nothing_in_its_place() -> None:
    article = "The harbour authority closed the northern pier after a storm."
    found = time_changes(article, SAT_22, PIER, THU_13)
    assert len(found) == 1
    change = found[0]
    assert change.kind == "time_reference_changed"
    assert change.before == "on Tuesday"
    assert change.after == ""
    assert change.article_span[0] == change.article_span[1]
    assert PIER[change.source_span[0] : change.source_span[1]] == "on Tuesday"
    assert TUE_11.isoformat() in change.evidence


@pytest.mark.parametrize(("article_date", "source_date"), [(None, THU_13), (SAT_22, None), (None, None)])
def test_without_both_dates_there_are_no_time_changes(
    article_date: dt.date | None, source_date: dt.date | None
) -> None:
    article = "The harbour authority closed the northern pier after a storm."
    assert time_changes(PIER, article_date, PIER, source_date) == ()
    assert time_changes(article, article_date, PIER, source_date) == ()
