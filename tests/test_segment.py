"""Sentence segmentation of news text: what ``segment`` must and must not split.

``segment`` returns spans into the text it was given; the helpers below cut
them back out so each spec reads as "this text is these sentences".
"""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun.text.normalize import normalize
from unspun.text.segment import segment


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text)]


def flat(text: str) -> str:
    """A sentence with its hard line breaks read as spaces."""
    return re.sub(r"\s+", " ", text)


# ---- honorifics, ranks and titles -------------------------------------------


@pytest.mark.parametrize(
    "title", ["Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.", "Gov.", "Sen.", "Prof."]
)
def test_an_honorific_or_rank_before_a_name_does_not_end_the_sentence(title: str) -> None:
    text = f"The council invited {title} Tolland Vey to the opening. He declined."
    assert sentences(text) == [f"The council invited {title} Tolland Vey to the opening.", "He declined."]


def test_several_titles_in_one_sentence_keep_it_whole() -> None:
    text = "She joined Gov. Tarrow, Sen. Ilves and Lt. Col. Mavet at the harbour on Friday."
    assert sentences(text) == [text]


def test_a_sentence_ending_in_a_name_after_a_title_still_ends() -> None:
    text = "The prize went to Dr. Odile Serrat. She thanked her students."
    assert sentences(text) == ["The prize went to Dr. Odile Serrat.", "She thanked her students."]


# ---- initialisms ------------------------------------------------------------


def test_an_initialism_mid_sentence_does_not_end_it() -> None:
    text = "Officials in the U.S. said the Kessle line would reopen. The mayor agreed."
    assert sentences(text) == [
        "Officials in the U.S. said the Kessle line would reopen.",
        "The mayor agreed.",
    ]


def test_an_initialism_before_a_proper_noun_does_not_end_the_sentence() -> None:
    text = "The U.K. Coast Guard sent a cutter to Brellmouth."
    assert sentences(text) == [text]


@pytest.mark.parametrize("initialism", ["U.S.", "U.K.", "E.U."])
def test_an_initialism_ending_a_sentence_before_the_ends_it(initialism: str) -> None:
    text = f"The grain was shipped from the {initialism} The first cargo reached Port Vell on Monday."
    assert sentences(text) == [
        f"The grain was shipped from the {initialism}",
        "The first cargo reached Port Vell on Monday.",
    ]


# ---- times and numbers ------------------------------------------------------


def test_a_m_mid_sentence_does_not_end_it() -> None:
    text = "The ferry leaves at 9 a.m. on Fridays from Kestle Bay. Tickets are free."
    assert sentences(text) == ["The ferry leaves at 9 a.m. on Fridays from Kestle Bay.", "Tickets are free."]


@pytest.mark.parametrize("opener", ["The", "Officials", "Police"])
def test_p_m_at_the_end_of_a_sentence_ends_it_before_an_opener(opener: str) -> None:
    text = f"The vote closed at 10 p.m. {opener} counted the ballots overnight."
    assert sentences(text) == ["The vote closed at 10 p.m.", f"{opener} counted the ballots overnight."]


def test_decimals_and_thousands_are_not_sentence_ends() -> None:
    text = (
        "Prices rose 3.5 percent in Merrowfield. About 1,250 people marched. The count was 12,400.5 in all."
    )
    assert sentences(text) == [
        "Prices rose 3.5 percent in Merrowfield.",
        "About 1,250 people marched.",
        "The count was 12,400.5 in all.",
    ]


def test_a_sentence_may_start_with_a_number() -> None:
    text = "The ferry was full. 212 passengers were turned away."
    assert sentences(text) == ["The ferry was full.", "212 passengers were turned away."]


def test_a_numbered_reference_does_not_end_the_sentence() -> None:
    text = "The shop at No. 5 Canal Street closed. Its owner retired."
    assert sentences(text) == ["The shop at No. 5 Canal Street closed.", "Its owner retired."]


# ---- quotes -----------------------------------------------------------------


def test_a_quote_then_attribution_is_one_sentence() -> None:
    text = '"We will rebuild the pier," he said. The crowd cheered.'
    assert sentences(text) == ['"We will rebuild the pier," he said.', "The crowd cheered."]


def test_a_closing_quote_after_the_full_stop_stays_with_its_sentence() -> None:
    text = "The mayor called it “the end of an era.” Next, the band played."
    assert sentences(text) == ["The mayor called it “the end of an era.”", "Next, the band played."]


def test_an_opening_quote_starts_the_next_sentence() -> None:
    text = "“We will rebuild,” Ona Firth said. “It will take years.” The mayor left."
    assert sentences(text) == [
        "“We will rebuild,” Ona Firth said.",
        "“It will take years.”",
        "The mayor left.",
    ]


def test_straight_quotes_close_after_the_full_stop_too() -> None:
    text = 'She said: "It is over." Then she left the hall.'
    assert sentences(text) == ['She said: "It is over."', "Then she left the hall."]


def test_a_lower_case_word_after_a_full_stop_does_not_start_a_sentence() -> None:
    text = "The vote was close, i.e. within ten ballots, and the council adjourned."
    assert sentences(text) == [text]


# ---- other terminal punctuation --------------------------------------------


def test_question_and_exclamation_marks_end_sentences() -> None:
    text = "Is the pier safe? Nobody knows! The inspectors return on Monday."
    assert sentences(text) == ["Is the pier safe?", "Nobody knows!", "The inspectors return on Monday."]


def test_an_ellipsis_before_a_capital_ends_the_sentence() -> None:
    text = "He paused… Then he walked out of the council chamber."
    assert sentences(text) == ["He paused…", "Then he walked out of the council chamber."]


# ---- layout: headlines, captions, bullets, hard wraps -----------------------


def test_a_headline_without_a_full_stop_on_its_own_line_is_its_own_sentence() -> None:
    text = (
        "Storm hits Brellmouth\n"
        "The storm hit the coast of Brellmouth on Monday night and cut power to the harbour district. "
        "Roads were closed."
    )
    assert sentences(text) == [
        "Storm hits Brellmouth",
        "The storm hit the coast of Brellmouth on Monday night and cut power to the harbour district.",
        "Roads were closed.",
    ]


def test_a_headline_in_its_own_paragraph_is_its_own_sentence() -> None:
    text = "Storm hits Brellmouth\n\nThe storm hit the coast on Monday. Roads were closed."
    assert sentences(text) == [
        "Storm hits Brellmouth",
        "The storm hit the coast on Monday.",
        "Roads were closed.",
    ]


def test_a_caption_between_paragraphs_is_its_own_sentence() -> None:
    text = (
        "The storm hit the coast on Monday.\n\n"
        "Photo: Hanna Ovel / Brell Daily\n\n"
        "Roads were closed for two days."
    )
    assert sentences(text) == [
        "The storm hit the coast on Monday.",
        "Photo: Hanna Ovel / Brell Daily",
        "Roads were closed for two days.",
    ]


def test_a_short_headline_above_a_hard_wrapped_body_is_its_own_sentence() -> None:
    text = (
        "STORM WRECKS BRELLMOUTH PIER\n"
        "The storm that struck the coastal town of Brellmouth late on\n"
        "Monday night destroyed at least forty homes and cut power to\n"
        "thousands of residents, the county fire service said.\n"
    )
    got = sentences(text)
    assert got[0] == "STORM WRECKS BRELLMOUTH PIER"
    assert [flat(s) for s in got[1:]] == [
        "The storm that struck the coastal town of Brellmouth late on Monday night destroyed at least "
        "forty homes and cut power to thousands of residents, the county fire service said."
    ]


def test_a_headline_as_long_as_the_wrapped_body_lines_is_still_its_own_sentence() -> None:
    # An all-capitals line with no full stop, followed by a line opening with "The", is a headline
    # even when it is about as long as the body's wrapped lines.
    text = (
        "HARBOUR BOARD VOTES TO REBUILD THE BRELLMOUTH PIER\n"
        "The harbour board of Brellmouth voted on Tuesday to rebuild\n"
        "the pier that the storm destroyed, its chairman Ilse Darrow\n"
        "told reporters after the meeting.\n"
    )
    got = sentences(text)
    assert got[0] == "HARBOUR BOARD VOTES TO REBUILD THE BRELLMOUTH PIER"
    assert len(got) == 2


def test_bullets_are_separate_sentences() -> None:
    text = "Key points:\n• Roads closed in the north\n• Schools shut on Tuesday\n• Power is back"
    assert sentences(text) == [
        "Key points:",
        "• Roads closed in the north",
        "• Schools shut on Tuesday",
        "• Power is back",
    ]


@pytest.mark.parametrize("mark", ["-", "*", "–"])
def test_dash_and_star_bullets_are_separate_sentences(mark: str) -> None:
    text = f"Closed roads:\n{mark} Harbour Road\n{mark} Mill Lane"
    assert sentences(text) == ["Closed roads:", f"{mark} Harbour Road", f"{mark} Mill Lane"]


def test_a_hard_wrapped_sentence_is_one_span_across_its_line_breaks() -> None:
    text = (
        "The storm that struck the coastal town of Brellmouth late on\n"
        "Monday night destroyed at least forty homes and cut power to\n"
        "thousands of residents, the county fire service said on Tuesday.\n"
        "Mayor Ilse Darrow said repairs would take weeks."
    )
    got = sentences(text)
    assert [flat(s) for s in got] == [
        "The storm that struck the coastal town of Brellmouth late on Monday night destroyed at least "
        "forty homes and cut power to thousands of residents, the county fire service said on Tuesday.",
        "Mayor Ilse Darrow said repairs would take weeks.",
    ]


def test_a_short_ocr_line_that_continues_in_lower_case_is_joined_not_taken_for_a_headline() -> None:
    # OCR columns are ragged: a short line mid-sentence is not a headline when the next line
    # carries on in lower case.
    text = (
        "The county fire service said the storm that struck Brellmouth\n"
        "late on Monday night\n"
        "destroyed at least forty homes and cut power to thousands.\n"
    )
    assert [flat(s) for s in sentences(text)] == [flat(text.strip())]


_PARTS = [
    "The storm hit Brellmouth on Monday.",
    "Mayor Ilse Darrow said repairs would take weeks.",
    "Gen. Orsk Tolland sent 2,300 soldiers to the valley at 7 a.m. on Tuesday.",
    "“Nobody can afford another winter of war,” Dr. Quelling told reporters.",
    "Is the pier safe?",
    "Aid came from the U.S. The first cargo reached Port Vell.",
    "Prices rose 3.5 percent in the Kessmoor region last month.",
    "About 1,250 families have now left the valley, according to the county office.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=8), st.integers(min_value=40, max_value=90))
def test_hard_wrapping_a_paragraph_does_not_change_its_sentences(parts: list[str], width: int) -> None:
    paragraph = " ".join(parts)
    wrapped = textwrap.fill(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
    assert [flat(s) for s in sentences(wrapped)] == sentences(paragraph)


def test_a_full_stop_before_a_paragraph_break_ends_the_paragraph_not_the_next_one() -> None:
    """A candidate end running across a blank line is no end: each paragraph is read on its own."""
    text = "The pier was shut by Mr.\n\nTolland Vey reopened it. Crowds came."
    assert sentences(text) == ["The pier was shut by Mr.", "Tolland Vey reopened it.", "Crowds came."]


def test_a_headline_line_ending_before_a_capital_stays_its_own_sentence() -> None:
    text = "STORM WRECKS BRELLMOUTH PIER\nThe county fire service said the pier was lost. Gen. Orsk Tolland came."
    assert sentences(text) == [
        "STORM WRECKS BRELLMOUTH PIER",
        "The county fire service said the pier was lost.",
        "Gen. Orsk Tolland came.",
    ]


_PARAGRAPH_PIECES = [*_PARTS, "Mr.", "HEADLINE OF A STORY", "Short line", "• a bullet", "\n", " "]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PARAGRAPH_PIECES), min_size=1, max_size=6).map("".join), max_size=5)
)
def test_a_text_s_sentences_are_its_paragraphs_sentences(paragraphs: list[str]) -> None:
    """Sentences never cross a blank line: segmenting paragraphs one by one gives the same spans."""
    paragraphs = [q for p in paragraphs if (q := p.strip("\n"))]
    text = "\n\n".join(paragraphs)
    expected, offset = [], 0
    for paragraph in paragraphs:
        expected += [(s + offset, e + offset) for s, e in segment(paragraph)]
        offset += len(paragraph) + 2
    assert segment(text) == expected


# ---- empty input ------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \t \n ", "...", "— • —"])
def test_text_without_words_has_no_sentences(text: str) -> None:
    assert segment(text) == []


def test_a_single_sentence_without_a_full_stop_is_one_span() -> None:
    assert sentences("  Ferry returns to Kestle Bay  ") == ["Ferry returns to Kestle Bay"]


# ---- invariants -------------------------------------------------------------

_PIECES = [
    *"abcXYZ019 .,!?…\"'“”‘’()\n•-:;\u00a0\t",
    "Mr. ",
    "U.S. ",
    "a.m. ",
    "The ",
    " he said. ",
    "3.5",
    "1,250",
]
_NEWSY = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)
_ANY = st.text(max_size=300)


def _check_invariants(text: str) -> None:
    spans = segment(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end, "spans must be ordered and must not overlap"
        piece = text[start:end]
        assert piece == piece.strip(), "spans are trimmed of surrounding space"
        assert any(c.isalnum() for c in piece), "every span holds a word"
        previous_end = end
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(start, end):
            covered[i] = True
    lost = [(i, c) for i, c in enumerate(text) if c.isalnum() and not covered[i]]
    assert not lost, f"alphanumeric characters outside every span: {lost[:5]}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_NEWSY, _ANY))
def test_spans_are_in_bounds_ordered_disjoint_trimmed_non_empty_and_cover_every_word(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_NEWSY, _ANY))
def test_the_invariants_hold_on_normalized_text(text: str) -> None:
    _check_invariants(normalize(text))


def test_a_runaway_sentence_is_cut_into_bounded_pieces_without_losing_words() -> None:
    text = " ".join(f"word{i}" for i in range(800))
    spans = segment(text)
    assert len(spans) > 1
    assert all(e - s <= 1000 for s, e in spans)
    _check_invariants(text)
