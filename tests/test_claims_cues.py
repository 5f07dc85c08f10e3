"""Cues: loaded language, spinner fingerprints and stitching seams, each with evidence and a voice.

Invented articles throughout: the Veldan Federation, the Northern Coastal
Treaty Organisation, Brennick and its people are fictional.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unspun.claims import analyze_article
from unspun.types import Article, Cue, CueKind, Voice

THU_13 = dt.date(2031, 3, 13)


def cues(body: str, title: str = "", dateline: dt.date | None = THU_13) -> list[tuple[int, Cue]]:
    analysis = analyze_article(Article(title, body, dateline))
    return [(s.index, c) for s in analysis.sentences for c in s.cues]


def found(body: str, kind: CueKind) -> list[str]:
    return [c.text for _, c in cues(body) if c.kind is kind]


# ---- language ------------------------------------------------------------------------------


def test_a_loaded_word_in_the_articles_own_voice() -> None:
    ((_, cue),) = cues("The terrorists fled into the hills after the raid.")
    assert (cue.kind, cue.text, cue.voice) == (CueKind.LOADED, "terrorists", Voice.NARRATOR)


def test_a_loaded_word_says_whose_words_it_is_in() -> None:
    voices = {
        c.text: c.voice for _, c in cues("“The regime lies,” Varga said. Police said the thugs ran away.")
    }
    assert voices == {"regime": Voice.QUOTED, "lies": Voice.QUOTED, "thugs": Voice.ATTRIBUTED}


def test_dehumanizing_words_are_their_own_kind() -> None:
    assert found("The rebels are vermin who must be wiped out, a newspaper wrote.", CueKind.DEHUMANIZING) == [
        "vermin"
    ]


def test_a_side_framed_by_faith_or_people() -> None:
    body = "Christian militias and Muslim fighters clashed, and ethnic Ostmarker gunmen joined in."
    assert found(body, CueKind.IDENTITY_FRAMING) == [
        "Christian militias",
        "Muslim fighters",
        "ethnic Ostmarker gunmen",
    ]


def test_a_faith_word_that_frames_no_side_is_not_a_cue() -> None:
    assert found("The Christian school reopened on Monday.", CueKind.IDENTITY_FRAMING) == []


def test_a_superlative_counts_only_when_the_article_asserts_it() -> None:
    assert found("It was the deadliest day in the valley.", CueKind.SUPERLATIVE) == ["deadliest"]
    assert found("It was the deadliest day in the valley, police said.", CueKind.SUPERLATIVE) == []


def test_a_capitalized_name_is_not_a_loaded_word() -> None:
    assert found("The ferry sailed from Savage Cove to Brennick.", CueKind.DEHUMANIZING) == []


# ---- spinner fingerprints ----------------------------------------------------------------------------


def test_long_form_names_from_the_table_say_what_news_writes() -> None:
    ((_, cue),) = [
        x
        for x in cues("Ministers spoke about the Union of Soviet Socialist Republics.")
        if x[1].kind is CueKind.LONG_FORM_NAME
    ]
    assert "USSR" in cue.note


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The Northern Coastal Treaty Organisation met in Drellhaven.",
            "Northern Coastal Treaty Organisation",
        ),
        ("Troops of the Veldan Federation crossed the river.", "Veldan Federation"),
        ("Envoys of the Kingdom of Ostmark arrived.", "Kingdom of Ostmark"),
    ],
)
def test_long_forms_the_table_does_not_know_are_caught_by_their_shape(sentence: str, name: str) -> None:
    assert found(sentence, CueKind.LONG_FORM_NAME) == [name]


def test_a_long_form_followed_by_its_acronym_is_a_first_reference_not_a_fingerprint() -> None:
    assert found("The Northern Coastal Treaty Organisation (NCTO) met.", CueKind.LONG_FORM_NAME) == []


def test_an_odd_synonym_says_the_usual_wording() -> None:
    ((_, cue),) = [
        x
        for x in cues("Minister Anneke Solberg told a press convention that talks would go on.")
        if x[1].kind is CueKind.ODD_SYNONYM
    ]
    assert (cue.text, cue.note.endswith("'press conference'")) == ("press convention", True)


def test_a_name_spelled_two_ways_points_at_the_first_spelling() -> None:
    body = "Minister Anneke Solberg spoke on Monday. Anneke Solbergh also said the talks would go on."
    ((index, cue),) = [x for x in cues(body) if x[1].kind is CueKind.MANGLED_NAME]
    assert (index, cue.text) == (1, "Solbergh")
    assert cue.other_span is not None and body[cue.other_span[0] : cue.other_span[1]] == "Solberg"


@pytest.mark.parametrize(
    "body",
    [
        "The Veldan army moved north. Two Veldans were hurt on the road to Tarn.",
        "Talks between Valdoria and Ostrevia resumed. The Ostrevian envoy arrived late.",
    ],
)
def test_a_plural_or_a_peoples_name_is_not_a_respelling(body: str) -> None:
    assert found(body, CueKind.MANGLED_NAME) == []


# ---- stitching seams ------------------------------------------------------------------------------------------


def test_first_person_with_no_reporter_named_is_a_seam() -> None:
    assert found("I spoke to families in the school gym.", CueKind.FIRST_PERSON) == ["I"]


def test_first_person_is_fine_when_the_article_has_a_byline() -> None:
    assert found("By Anna Roe\n\nI spoke to families in the school gym.", CueKind.FIRST_PERSON) == []


def test_first_person_inside_a_quotation_is_the_speakers() -> None:
    assert found("“I saw the convoy,” a driver said.", CueKind.FIRST_PERSON) == []


def test_numbers_that_cannot_both_be_true_are_a_seam() -> None:
    body = "Eight people died in the harbour fire. The fire chief said 11 people were killed in the blaze."
    ((index, cue),) = [x for x in cues(body) if x[1].kind is CueKind.NUMBERS_DISAGREE]
    assert (index, cue.text) == (1, "11 people")
    assert cue.other_span is not None and body[cue.other_span[0] : cue.other_span[1]] == "Eight people"


def test_a_revised_toll_is_not_a_contradiction() -> None:
    body = "Eight people died in the harbour fire. The toll later rose to 11 people killed."
    assert found(body, CueKind.NUMBERS_DISAGREE) == []


def test_counts_of_different_victims_are_not_compared() -> None:
    body = "Four soldiers were killed at the post. Dozens of civilians have died in the shelling."
    assert found(body, CueKind.NUMBERS_DISAGREE) == []


def test_a_jump_in_time_between_neighbouring_sentences() -> None:
    body = "The pier was closed yesterday for repairs. Work on the quay began on 3 October 2030 and stopped."
    ((index, cue),) = [x for x in cues(body) if x[1].kind is CueKind.TIME_JUMP]
    assert (index, cue.text) == (1, "3 October 2030")
    assert "160 days apart" in cue.note


def test_a_jump_in_topic_with_a_new_name_is_a_seam() -> None:
    body = (
        "More than 30 armoured vehicles crossed the border at Dovren. "
        "The column stopped at the border checkpoint near Dovren. "
        "Meanwhile, the Kessmoor Chamber of Commerce will hold its spring fair."
    )
    assert [i for i, c in cues(body) if c.kind is CueKind.TOPIC_JUMP] == [2]


def test_a_new_paragraph_of_the_same_story_is_not_a_jump() -> None:
    body = (
        "The river Aln burst its banks in Brennick, flooding more than 300 homes. "
        "Mayor Ilse Varga said eight people were missing after the flooding. "
        "“We have never seen water this high,” Varga said."
    )
    assert found(body, CueKind.TOPIC_JUMP) == []
