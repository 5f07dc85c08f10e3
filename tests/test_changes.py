"""Typed changes from a source sentence to the article sentence spun from it.

Each spec aligns an invented source sentence with an invented article sentence
the way the pipeline does (tokenize both, ``align_tokens``, pass the blocks) and
checks the kinds ``find_changes`` reports, the words on each side, and that
every span cuts exactly that wording back out of its sentence.
"""

from __future__ import annotations

import pytest

from unspun.align.wordalign import align_tokens
from unspun.explain.changes import find_changes
from unspun.text.tokens import tokenize
from unspun.types import Change


def changes(source: str, article: str) -> tuple[Change, ...]:
    a, s = tokenize(article), tokenize(source)
    found = find_changes(article, a, source, s, align_tokens(a, s).blocks)
    for c in found:
        assert article[c.article_span[0] : c.article_span[1]] == c.after, c
        assert source[c.source_span[0] : c.source_span[1]] == c.before, c
        assert 0.0 < c.confidence <= 1.0
    return found


def kinds(source: str, article: str) -> list[str]:
    return [c.kind for c in changes(source, article)]


def only(source: str, article: str, kind: str) -> Change:
    """The one change of ``kind``; fails if there is none or more than one."""
    found = [c for c in changes(source, article) if c.kind == kind]
    assert len(found) == 1, [c.kind for c in changes(source, article)]
    return found[0]


# ---- nothing changed -----------------------------------------------------------


def test_a_verbatim_copy_has_no_changes() -> None:
    text = "Minister Ilse Vasquell opened the ferry terminal in Drellhaven on Monday."
    assert changes(text, text) == ()


# ---- names and abbreviations ---------------------------------------------------


def test_a_respelled_name_is_entity_renamed() -> None:
    c = only(
        "Minister Ilse Vasquell opened the ferry terminal in Drellhaven on Monday.",
        "Minister Ilse Vasquel opened the ferry terminal in Drellhaven on Monday.",
        "entity_renamed",
    )
    assert (c.before, c.after) == ("Vasquell", "Vasquel")


def test_a_country_name_grown_into_its_long_form_is_entity_renamed() -> None:
    c = only(
        "Troops from Valdoria crossed the river near the old mill at dawn.",
        "Troops from Valdorian Republic crossed the river near the old mill at dawn.",
        "entity_renamed",
    )
    assert (c.before, c.after) == ("Valdoria", "Valdorian Republic")


def test_an_acronym_written_out_is_abbreviation_expanded() -> None:
    c = only(
        "The NCTO met in Drellhaven to discuss fishing quotas for the season.",
        "The Northern Coastal Treaty Organisation met in Drellhaven to discuss fishing quotas for the season.",
        "abbreviation_expanded",
    )
    assert (c.before, c.after) == ("NCTO", "Northern Coastal Treaty Organisation")


def test_a_name_cut_to_its_acronym_is_abbreviation_contracted() -> None:
    c = only(
        "The Northern Coastal Treaty Organisation met in Drellhaven to discuss fishing quotas for the season.",
        "The NCTO met in Drellhaven to discuss fishing quotas for the season.",
        "abbreviation_contracted",
    )
    assert (c.before, c.after) == ("Northern Coastal Treaty Organisation", "NCTO")


def test_an_expanded_acronym_is_not_also_called_a_rename() -> None:
    found = kinds(
        "The NCTO met in Drellhaven to discuss fishing quotas for the season.",
        "The Northern Coastal Treaty Organisation met in Drellhaven to discuss fishing quotas for the season.",
    )
    assert found == ["abbreviation_expanded"]


# ---- numbers -------------------------------------------------------------------


def test_changed_digits_are_number_changed() -> None:
    c = only(
        "The storm damaged 42 fishing boats in the harbour at Brellmouth overnight.",
        "The storm damaged 24 fishing boats in the harbour at Brellmouth overnight.",
        "number_changed",
    )
    assert (c.before, c.after) == ("42", "24")


def test_a_changed_number_word_is_number_changed() -> None:
    c = only(
        "The storm damaged twelve fishing boats in the harbour at Brellmouth overnight.",
        "The storm damaged twenty fishing boats in the harbour at Brellmouth overnight.",
        "number_changed",
    )
    assert (c.before, c.after) == ("twelve", "twenty")


def test_a_thousands_separator_is_not_a_number_change() -> None:
    assert (
        changes(
            "Some 4,500 people left the coastal villages of Kessle Bay before the storm.",
            "Some 4500 people left the coastal villages of Kessle Bay before the storm.",
        )
        == ()
    )


def test_a_number_word_written_in_digits_is_not_a_number_change() -> None:
    found = kinds(
        "The storm damaged twelve fishing boats in the harbour at Brellmouth overnight.",
        "The storm damaged 12 fishing boats in the harbour at Brellmouth overnight.",
    )
    assert "number_changed" not in found, "twelve and 12 are the same number"


# ---- attribution ---------------------------------------------------------------


def test_a_dropped_officials_said_is_attribution_removed() -> None:
    c = only(
        "The northern pier will stay closed until the end of the month, officials said.",
        "The northern pier will stay closed until the end of the month.",
        "attribution_removed",
    )
    assert c.before == "officials said"
    assert c.after == ""
    assert c.article_span[0] == c.article_span[1]


def test_a_different_speaker_is_attribution_changed() -> None:
    c = only(
        "The pier will stay closed until the end of the month, harbour officials said.",
        "The pier will stay closed until the end of the month, the mayor told reporters.",
        "attribution_changed",
    )
    assert c.before == "harbour officials said"
    assert c.after == "the mayor told reporters"


def test_said_swapped_for_stated_is_a_plain_word_substitution() -> None:
    source = "The northern pier will stay closed until the end of the month, harbour officials said."
    article = "The northern pier will stay closed until the end of the month, harbour officials stated."
    assert kinds(source, article) == ["word_substituted"]
    c = only(source, article, "word_substituted")
    assert (c.before, c.after) == ("said", "stated")


# ---- hedges and negation --------------------------------------------------------


def test_a_dropped_reportedly_is_hedge_removed() -> None:
    c = only(
        "The smugglers reportedly used the northern pier to land their cargo at night.",
        "The smugglers used the northern pier to land their cargo at night.",
        "hedge_removed",
    )
    assert (c.before, c.after) == ("reportedly", "")


def test_an_added_allegedly_is_hedge_added() -> None:
    c = only(
        "The smugglers used the northern pier to land their cargo at night.",
        "The smugglers allegedly used the northern pier to land their cargo at night.",
        "hedge_added",
    )
    assert (c.before, c.after) == ("", "allegedly")


def test_a_dropped_not_is_negation_flipped() -> None:
    c = only(
        "The harbour authority did not close the northern pier after the storm.",
        "The harbour authority did close the northern pier after the storm.",
        "negation_flipped",
    )
    assert (c.before, c.after) == ("not", "")


def test_an_added_never_is_negation_flipped() -> None:
    c = only(
        "The harbour authority said the northern pier had reopened after the storm.",
        "The harbour authority said the northern pier had never reopened after the storm.",
        "negation_flipped",
    )
    assert (c.before, c.after) == ("", "never")


# ---- plain edits -----------------------------------------------------------------


def test_a_synonym_swap_is_word_substituted() -> None:
    source = "The harbour authority closed the northern pier after the storm on Friday."
    article = "The harbour authority shut the northern pier after the storm on Friday."
    assert kinds(source, article) == ["word_substituted"]
    c = only(source, article, "word_substituted")
    assert (c.before, c.after) == ("closed", "shut")


def test_an_article_swap_is_not_a_change() -> None:
    assert (
        changes(
            "The harbour authority closed the northern pier after a storm on Friday.",
            "The harbour authority closed the northern pier after the storm on Friday.",
        )
        == ()
    )


def test_words_only_the_article_has_are_inserted() -> None:
    source = "The harbour authority closed the northern pier after the storm on Friday."
    article = "The harbour authority closed the northern pier and the ferry ramp after the storm on Friday."
    assert kinds(source, article) == ["inserted"]
    c = only(source, article, "inserted")
    assert (c.before, c.after) == ("", "and the ferry ramp")
    assert c.source_span[0] == c.source_span[1]


def test_words_only_the_source_has_are_deleted() -> None:
    source = "The harbour authority closed the northern pier and the ferry ramp after the storm on Friday."
    article = "The harbour authority closed the northern pier after the storm on Friday."
    assert kinds(source, article) == ["deleted"]
    c = only(source, article, "deleted")
    assert (c.before, c.after) == ("and the ferry ramp", "")


def test_a_lone_auxiliary_added_is_shown_with_low_confidence() -> None:
    found = changes(
        "The harbour authority closed the northern pier after the storm on Friday.",
        "The harbour authority has closed the northern pier after the storm on Friday.",
    )
    assert [(c.kind, c.after) for c in found] == [("inserted", "has")]
    assert found[0].confidence < 0.5, "a function word alone is not spin: it must not look like one"


# ---- quotations ------------------------------------------------------------------


@pytest.mark.parametrize(("open_quote", "close_quote"), [('"', '"'), ("“", "”")])
def test_a_word_changed_inside_a_quotation_is_quote_altered(open_quote: str, close_quote: str) -> None:
    source = (
        f"{open_quote}We will rebuild the pier by spring,{close_quote} said Mayor Odile Serrat on the quay."
    )
    article = (
        f"{open_quote}We will repair the pier by spring,{close_quote} said Mayor Odile Serrat on the quay."
    )
    c = only(source, article, "quote_altered")
    assert (c.before, c.after) == ("rebuild", "repair")
    assert "word_substituted" in kinds(source, article)


def test_a_word_changed_after_a_closed_quotation_is_not_quote_altered() -> None:
    found = kinds(
        '"We will rebuild the pier by spring," said Mayor Odile Serrat on the quay.',
        '"We will rebuild the pier by spring," said Mayor Odile Serrat on the dock.',
    )
    assert "quote_altered" not in found
    assert found == ["word_substituted"]


# ---- several changes in one sentence ---------------------------------------------


def test_separate_edits_in_one_sentence_are_reported_separately_in_order() -> None:
    source = (
        "Minister Ilse Vasquell approved 42 new berths for the fishing fleet at Drellhaven, officials said."
    )
    article = "Minister Ilse Vasquel approved 24 new berths for the fishing fleet at Drellhaven."
    found = changes(source, article)
    assert [c.kind for c in found] == ["entity_renamed", "number_changed", "attribution_removed"]
    assert [c.before for c in found] == ["Vasquell", "42", "officials said"]
