"""Numbers with what they count: values normalized, how exact, what and in which unit.

Invented sentences throughout (the Veldt valley, Brennick, Kessmoor).
"""

from __future__ import annotations

import pytest

from unspun.claims.analyze import analyze_article
from unspun.claims.quantities import find_quantities
from unspun.claims.words import find_quotes, tokenize
from unspun.types import Article, Bound, Quantity, Span


def quantities(sentence: str, skip: tuple[Span, ...] = ()) -> list[Quantity]:
    words = tokenize(sentence, 0, len(sentence), find_quotes(sentence, 0, len(sentence)))
    return find_quantities(sentence, words, skip)


def one(sentence: str) -> Quantity:
    found = quantities(sentence)
    assert len(found) == 1, found
    return found[0]


def summary(q: Quantity) -> tuple[float, str, str, str, str]:
    return (q.value, q.counts, q.unit, q.bound.value, q.per)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Eight people were killed in the raid.", (8, "killed", "person", "exact", "")),
        ("The shelling killed at least 17 people in Dovren.", (17, "killed", "person", "over", "")),
        ("Nine passengers died on the pass.", (9, "killed", "person", "exact", "")),
        ("Dozens of civilians have died since spring.", (24, "killed", "person", "over", "")),
        ("The blast injured 40 others.", (40, "wounded", "person", "exact", "")),
        ("Eleven fishermen are still missing.", (11, "missing", "person", "exact", "")),
        ("Police arrested 17 strikers at the gate.", (17, "detained", "person", "exact", "")),
        ("About 1,200 families had fled to Tarn.", (1200, "displaced", "family", "about", "")),
        ("Almost 200 fighters had gathered in the valley.", (200, "fighters", "person", "under", "")),
        ("More than 30 armoured vehicles crossed the border.", (30, "equipment", "vehicle", "over", "")),
        ("The alliance counted 120 rocket launchers.", (120, "equipment", "launcher", "exact", "")),
        ("The militants are paid $1,800 a month.", (1800, "money", "USD", "exact", "month")),
        ("Dockers earn 900 crowns a week.", (900, "money", "crown", "exact", "week")),
        ("Repairs cost 3.4 million crowns.", (3_400_000, "money", "crown", "exact", "")),
        ("The bribes were worth $2m in all.", (2_000_000, "money", "USD", "exact", "")),
        ("Unemployment rose to 38 per cent.", (38, "percent", "percent", "exact", "")),
        ("Turnout was 61% in the north.", (61, "percent", "percent", "exact", "")),
        ("The repair took eleven weeks.", (11, "duration", "week", "exact", "")),
        ("The convoy carried 80 tonnes of flour.", (80, "weight", "tonne", "exact", "")),
        ("Tens of thousands of people marched.", (20_000, "people", "person", "over", "")),
        ("Some twenty-five soldiers deserted.", (25, "fighters", "person", "about", "")),
        ("Two hundred and fifty workers signed.", (250, "people", "person", "exact", "")),
        ("Inspectors found 42 broken beams.", (42, "other", "beam", "exact", "")),
        ("The talks cover a 10-kilometre strip.", (10, "distance", "km", "exact", "")),
        ("A mission of 120 observers will deploy.", (120, "people", "person", "exact", "")),
    ],
)
def test_what_a_number_counts(sentence: str, expected: tuple[float, str, str, str, str]) -> None:
    assert summary(one(sentence)) == expected


def test_a_range_keeps_both_ends() -> None:
    q = one("Between 20 and 30 boats were lost.")
    assert (q.value, q.high, q.bound) == (20, 30, Bound.RANGE)
    assert q.text == "Between 20 and 30 boats"


def test_the_nearest_casualty_word_decides_for_each_count() -> None:
    found = quantities("Eight people were missing and 14 had been taken to hospital.")
    assert [(q.value, q.counts) for q in found] == [(8, "missing"), (14, "wounded")]


def test_a_verb_before_a_count_beats_a_word_after_it() -> None:
    found = quantities("Rebels killed 12 soldiers and wounded 30 others.")
    assert [(q.value, q.counts) for q in found] == [(12, "killed"), (30, "wounded")]


def test_the_text_runs_from_the_qualifier_to_the_counted_noun() -> None:
    q = one("Almost 200 fighters had gathered.")
    assert q.text == "Almost 200 fighters"
    assert q.noun == "fighters"


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks begin at 10:30 in the hall.",
        "The ferry leaves at 7 a.m. from the quay.",
        "The bus took Route 9 to the coast.",
        "The Veldan army fields T-72 tanks.",
        "The pier was built in 1987 and rebuilt later.",
        "One of the guards left early.",
        "No one was hurt.",
        "She finished 2nd in the race.",
    ],
)
def test_numbers_that_count_nothing_are_left_out(sentence: str) -> None:
    assert [q for q in quantities(sentence) if q.counts != "equipment"] == []


def test_numbers_inside_a_date_are_left_to_the_date() -> None:
    sentence = "The council will vote on 10 March on the plan."
    assert quantities(sentence, skip=((sentence.index("10"), sentence.index("10") + 8),)) == []


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("The driver, 46, was arrested.", 46),
        ("A 19-year-old was detained.", 19),
        ("The victim, aged 71, died.", 71),
    ],
)
def test_ages_are_counted_as_ages(sentence: str, age: int) -> None:
    q = next(q for q in quantities(sentence) if q.counts == "age")
    assert (q.value, q.unit) == (age, "year")


def test_every_span_cuts_its_text_out_of_the_sentence() -> None:
    sentence = "Nearly 5,000 people fled, and up to $3 million a year was lost, with 12 tanks."
    found = quantities(sentence)
    assert len(found) == 3
    for q in found:
        assert sentence[q.span[0] : q.span[1]] == q.text


def test_a_qualifier_ending_the_previous_sentence_does_not_bound_the_next_number() -> None:
    analysis = analyze_article(Article("", "The harbour fees rose almost\n\n46 boats left Fenwick."))
    boats = [q for s in analysis.sentences for q in s.quantities if q.value == 46]
    assert boats and boats[0].text == "46 boats"
