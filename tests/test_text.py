"""Normalization, tokens and index terms: the text every offset and every comparison rests on."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.text.normalize import normalize
from unspun.text.tokens import (
    STOPWORDS,
    fold,
    index_terms,
    term_pairs,
    tokenize,
    words,
)

# Text built from the characters normalization is about, mixed with arbitrary Unicode.
_TRICKY = [
    *"ae Z1.,\n",
    "\r\n",
    "\r",
    "\t",
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u2009",  # thin space
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u0301",  # combining acute accent
    "\u0308",  # combining diaeresis
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\u2028",
    "Brellmouth",
    "café",
]
_TEXT = st.one_of(st.lists(st.sampled_from(_TRICKY), max_size=60).map("".join), st.text(max_size=200))


# ---- normalize --------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_normalized_text_is_nfc(text: str) -> None:
    once = normalize(text)
    assert unicodedata.is_normalized("NFC", once)


def test_a_zero_width_space_between_a_letter_and_its_accent_leaves_nfc_text() -> None:
    # The smallest case behind the two properties above: removing the invisible character
    # brings the letter and its combining accent together, and they must then be composed.
    assert normalize("Caf" + "e\u200b\u0301") == "Café"


@pytest.mark.parametrize(
    "raw", ["Storm hits\r\nBrellmouth", "Storm hits\rBrellmouth", "Storm hits\nBrellmouth"]
)
def test_every_newline_convention_becomes_a_single_newline(raw: str) -> None:
    assert normalize(raw) == "Storm hits\nBrellmouth"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\t", "   ", " \u00a0 "])
def test_runs_of_any_horizontal_space_become_one_space(space: str) -> None:
    assert normalize(f"Port{space}Vell") == "Port Vell"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_are_removed(invisible: str) -> None:
    assert normalize(f"Brell{invisible}mouth") == "Brellmouth"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x0b", "\x0c"])
def test_control_characters_become_a_space(control: str) -> None:
    assert normalize(f"Port{control}Vell") == "Port Vell"


def test_a_byte_order_mark_at_the_start_is_dropped() -> None:
    assert normalize("\ufeffStorm hits Brellmouth") == "Storm hits Brellmouth"


def test_spaces_around_line_breaks_are_dropped_and_blank_runs_collapse_to_one_blank_line() -> None:
    assert (
        normalize("  Title  \n\n\n\n  First line.  \n Second line.  ") == "Title\n\nFirst line.\nSecond line."
    )


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2009 ", "\t", " \u3000 "])
@pytest.mark.parametrize("plain", ["Kestle", "Kestlé"])
def test_any_space_next_to_a_line_break_is_dropped_in_ascii_and_other_text(space: str, plain: str) -> None:
    """Spaces are made lone plain spaces first; the line-break rule then relies on that, on both text paths."""
    assert (
        normalize(f"{plain} Bay{space}\n{space}ferry{space}\n\n{space}pier") == f"{plain} Bay\nferry\n\npier"
    )


def test_decomposed_accents_are_composed() -> None:
    assert normalize("Zu\u0308rich") == "Zürich"


def test_quotes_and_case_are_left_alone() -> None:
    text = "“Nobody,” said O’Neill. 'MAYBE' he said."
    assert normalize(text) == text


@pytest.mark.parametrize("blank", ["", " ", "\n\n", "\u200b\u00a0\r\n\t"])
def test_blank_text_normalizes_to_empty(blank: str) -> None:
    assert normalize(blank) == ""


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_normalized_text_has_no_carriage_returns_invisibles_or_edge_space(text: str) -> None:
    once = normalize(text)
    assert "\r" not in once
    assert not any(c in once for c in "\u200b\u200d\ufeff\u00ad\u00a0\t\x00\x07")
    assert once == once.strip()
    assert "\n\n\n" not in once


# ---- tokenize ---------------------------------------------------------------


def test_token_spans_cut_back_to_the_word_as_written() -> None:
    text = "“The mayor’s office,” said Ilse Darrow (Brellmouth)."
    tokens = tokenize(text)
    assert [text[s:e] for s, e in (t.span for t in tokens)] == [
        "The",
        "mayor’s",
        "office",
        "said",
        "Ilse",
        "Darrow",
        "Brellmouth",
    ]


def test_token_spans_are_shifted_by_the_offset() -> None:
    text = "Port Vell"
    assert [t.span for t in tokenize(text, offset=100)] == [(100, 104), (105, 109)]


def test_numbers_with_separators_are_one_token() -> None:
    text = "About 1,250 people paid 3.5 crowns at 10:30."
    tokens = tokenize(text)
    assert [text[s:e] for s, e in (t.span for t in tokens)] == [
        "About",
        "1,250",
        "people",
        "paid",
        "3.5",
        "crowns",
        "at",
        "10:30",
    ]


def test_tokens_are_in_order_and_do_not_overlap() -> None:
    tokens = tokenize("Gen. Ilsa Brandt moved 2,300 soldiers into the Sarnholt valley.")
    spans = [t.span for t in tokens]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_every_token_span_is_in_bounds_and_its_fold_matches_the_text(text: str) -> None:
    for token in tokenize(text):
        start, end = token.span
        assert 0 <= start < end <= len(text)
        assert token.norm == fold(text[start:end])


def test_text_without_words_has_no_tokens() -> None:
    assert tokenize(" — … !? ") == ()


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Brellmouth", "brellmouth"),
        ("BRELLMOUTH", "brellmouth"),
        ("Zürich", "zurich"),
        ("ÉCOLE", "ecole"),
        ("Ostrevia’s", "ostrevia"),
        ("Ostrevia's", "ostrevia"),
        ("don’t", "don't"),
        ("O’Neill", "o'neill"),
        ("1,250", "1250"),
        ("12,400,000", "12400000"),
        ("3.5", "3.5"),
    ],
)
def test_fold_removes_what_spinning_and_typography_change(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_curly_and_straight_apostrophes_fold_alike() -> None:
    assert fold("Vasquell’s") == fold("Vasquell's") == fold("vasquell")


def test_a_comma_between_words_is_not_a_thousands_separator() -> None:
    assert words("Valdoria,Ostrevia") == ["valdoria", "ostrevia"]


def test_words_are_the_folded_forms_of_the_tokens() -> None:
    text = "The mayor’s 1,250 Zürich votes."
    assert words(text) == [t.norm for t in tokenize(text)]


# ---- index_terms ------------------------------------------------------------


def test_index_terms_drop_stopwords() -> None:
    terms = index_terms(words("The mayor of Brellmouth said that 1,250 people had left in a day"))
    assert terms == {"mayor", "brellmouth", "said", "1250", "people", "left", "day"} - STOPWORDS
    assert not terms & {"the", "of", "that", "had", "in", "a"}


def test_index_terms_keep_single_digits_but_drop_single_letters() -> None:
    assert index_terms(["5", "x", "brellmouth"]) == {"5", "brellmouth"}


def test_a_sentence_of_stopwords_has_no_index_terms() -> None:
    assert index_terms(words("It was in the and of a")) == set()


def test_common_stopwords_are_in_the_list() -> None:
    assert {"the", "a", "of", "and", "in", "to"} <= STOPWORDS


def _pairs(pieces: list[str]) -> set[tuple[str, int]]:
    terms, term_ids, text_ids = term_pairs(pieces)
    return {(terms[t], i) for t, i in zip(term_ids.tolist(), text_ids.tolist(), strict=True)}


def _query_side_pairs(pieces: list[str]) -> set[tuple[str, int]]:
    return {(term, i) for i, piece in enumerate(pieces) for term in index_terms(words(piece))}


# Words the indexing byte path must read exactly as the word pattern does: separators inside and
# around numbers, apostrophes, underscores, digits leading letters, case, stopwords, single letters.
_WORDY = [
    *"aZ1_.,:'’ \n\x00",
    "3rd",
    "1,250",
    "7:30",
    "2.5",
    "U.S.",
    "The",
    "Obama's",
    "don't",
    "rock'n'roll",
    "dogs'",
    "Brellmouth",
    "İzmirova",
    "Straße",
    "café",
    "Köln",
    "ﬁre",
]
_PIECES = st.lists(
    st.one_of(st.lists(st.sampled_from(_WORDY), max_size=30).map("".join), st.text(max_size=80)), max_size=6
)


@settings(max_examples=500, deadline=None)
@given(_PIECES)
def test_the_chunk_word_reader_gives_each_text_exactly_its_query_terms(pieces: list[str]) -> None:
    """term_pairs reads many texts at once, by a byte path for ASCII ones; the terms must be the query side's."""
    assert _pairs(pieces) == _query_side_pairs(pieces)


@settings(max_examples=300, deadline=None)
@given(_PIECES)
def test_a_text_s_terms_do_not_depend_on_the_other_texts_of_its_chunk(pieces: list[str]) -> None:
    """An ASCII text next to a non-ASCII one (two different paths) keeps the terms it has alone."""
    together = _pairs(pieces)
    for i, piece in enumerate(pieces):
        assert {t for t, at in together if at == i} == {t for t, _ in _pairs([piece])}


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("The 3rd report", {"3", "rd", "report"}),
        ("Route a1.5 and 1.2.3 and 1..2", {"a1", "5", "route", "1.2.3", "1", "2"}),
        ("It cost 1,250 crowns at 7:30.", {"1250", "cost", "crowns", "7:30"}),
        ("The U.S. envoy", {"envoy"}),
        ("Brellmouth's mayor, the mayors' pier", {"brellmouth", "mayor", "mayors", "pier"}),
        ("snake_case words_", {"snake_case", "words_"}),
        ("A sentence, then: harbour", {"sentence", "harbour"}),
    ],
)
def test_ascii_and_non_ascii_texts_give_the_same_terms(text: str, terms: set[str]) -> None:
    """The same words read by the ASCII byte path and, with a non-ASCII word added, by the regex path."""
    assert {t for t, _ in _pairs([text])} == terms
    assert {t for t, _ in _pairs([text + " café"])} == terms | {"cafe"}


@pytest.mark.parametrize(
    "text",
    [
        "“Brellmouth’s pier” — the harbour’s «new» wing • 1,250 crowns",
        "Kestle\u2028Bay\u00a0ferry ■ don’t",
        "Zu\u0308rich ½ x² ٣ rock’n’roll",
    ],
)
def test_non_ascii_punctuation_is_blanked_without_changing_terms(text: str) -> None:
    """Blanking punctuation (and straightening ’) sends most non-ASCII texts down the ASCII path."""
    assert _pairs([text, "harbour"]) == _query_side_pairs([text, "harbour"])


def test_a_capital_i_with_a_dot_stays_inside_its_word() -> None:
    """'İ' lowercases to two characters, the second no word character: lowercasing first would split the word."""
    assert {t for t, _ in _pairs(["İzmirova", "Izmirova"])} == {"izmirova"}


def test_a_break_character_inside_a_text_does_not_start_a_new_text() -> None:
    assert _pairs(["Brellmouth\x00pier", "harbour"]) == {("brellmouth", 0), ("pier", 0), ("harbour", 1)}


def test_no_texts_have_no_pairs() -> None:
    assert _pairs([]) == set()
