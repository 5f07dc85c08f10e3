"""Who says so: speakers as written, their kind, the reporting verb, direct or indirect.

All sentences are invented: the town of Brennick, the Veldt valley, the Free
Valley Front, the Harbour Gazette and their people do not exist.
"""

from __future__ import annotations

import pytest

from unspun.claims.attribution import SentenceAttributions, attribute
from unspun.text.segment import segment
from unspun.types import Attribution, QuoteKind, SpeakerKind


def read(text: str) -> list[SentenceAttributions]:
    return attribute(text, segment(text))


def only(sentence: str) -> Attribution:
    (result,) = read(sentence)
    assert len(result.attributions) == 1, result.attributions
    return result.attributions[0]


# ---- the shapes of attribution ------------------------------------------------------------


def test_a_speaker_before_its_verb() -> None:
    a = only("The pier will stay closed until May, the regional water authority said.")
    assert (a.speaker, a.kind, a.verb, a.quote) == (
        "the regional water authority",
        SpeakerKind.OFFICIAL,
        "said",
        QuoteKind.INDIRECT,
    )


def test_an_appositive_between_speaker_and_verb_is_skipped() -> None:
    a = only("Ilse Varga, the mayor of Brennick, said the pier would reopen.")
    assert (a.speaker, a.kind) == ("Ilse Varga", SpeakerKind.NAMED)


def test_an_inverted_attribution_after_a_quotation_is_direct() -> None:
    a = only("“The ferries are not for sale,” said Tomas Brell, a spokesman for the Transport Ministry.")
    assert (a.speaker, a.kind, a.quote) == ("Tomas Brell", SpeakerKind.NAMED, QuoteKind.DIRECT)
    assert a.quote_span is not None


def test_according_to_takes_the_speaker_after_it() -> None:
    a = only("According to the Kestrel News Agency, a second blast was heard an hour later.")
    assert (a.speaker, a.kind, a.verb) == ("the Kestrel News Agency", SpeakerKind.MEDIA, "According to")


def test_a_passive_verb_takes_the_speaker_after_by() -> None:
    a = only("The offer was first reported by Radio Veldt.")
    assert (a.speaker, a.kind, a.verb) == ("Radio Veldt", SpeakerKind.MEDIA, "reported")


def test_quoted_as_saying_names_two_speakers() -> None:
    (result,) = read(
        "The Morrow Tribune quoted an unnamed ministry official as saying the fleet would be sold."
    )
    assert [(a.speaker, a.kind, a.verb) for a in result.attributions] == [
        ("The Morrow Tribune", SpeakerKind.MEDIA, "quoted"),
        ("an unnamed ministry official", SpeakerKind.ANONYMOUS, "as saying"),
    ]


def test_a_coordinated_verb_takes_the_subject_of_the_sentence() -> None:
    a = only("Mayor Ilse Varga visited the quay and said repairs would start soon.")
    assert (a.speaker, a.verb) == ("Mayor Ilse Varga", "said")


def test_a_verb_inside_a_quotation_is_not_an_attribution() -> None:
    (result,) = read("“Nobody told us anything,” a fisherman said.")
    assert [a.verb for a in result.attributions] == ["said"]


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("It is believed the depot stored fuel for the army.", "is believed"),
        ("Rebel leaders are said to be divided over the offer.", "are said"),
        ("Recruits reportedly receive a bonus for every drone.", "reportedly"),
        ("Everyone knows the rebels are paid from abroad.", "Everyone knows"),
    ],
)
def test_nobody_named_is_a_vague_attribution_with_an_empty_speaker(sentence: str, verb: str) -> None:
    a = only(sentence)
    assert (a.speaker, a.kind, a.verb) == ("", SpeakerKind.VAGUE, verb)
    assert a.speaker_span[0] == a.speaker_span[1]


def test_a_sentence_with_nobody_behind_it_has_no_attribution() -> None:
    (result,) = read("The terrorists fled into the hills after the raid.")
    assert result.attributions == ()


# ---- kinds ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        ("Mayor Ilse Varga said the water was falling.", "Mayor Ilse Varga", SpeakerKind.NAMED),
        (
            "Ministry spokesman Tomas Brell said no offer was made.",
            "Ministry spokesman Tomas Brell",
            SpeakerKind.NAMED,
        ),
        ("Police said the road was closed.", "Police", SpeakerKind.OFFICIAL),
        ("The Defence Ministry said four soldiers died.", "The Defence Ministry", SpeakerKind.OFFICIAL),
        (
            "A spokesman for the Interior Ministry said it was calm.",
            "A spokesman for the Interior Ministry",
            SpeakerKind.OFFICIAL,
        ),
        ("The Harbour Gazette reported that the pier was shut.", "The Harbour Gazette", SpeakerKind.MEDIA),
        ("Local media reported a second blast.", "Local media", SpeakerKind.MEDIA),
        ("The group claimed it had taken the bridge.", "The group", SpeakerKind.PARTY),
        (
            "A Free Valley Front spokesman denied any role.",
            "A Free Valley Front spokesman",
            SpeakerKind.PARTY,
        ),
        ("Witnesses said the blast shook the town.", "Witnesses", SpeakerKind.ANONYMOUS),
        ("A military source said the column had turned back.", "A military source", SpeakerKind.ANONYMOUS),
        (
            "Sources close to the ministry said a buyer had been found.",
            "Sources close to the ministry",
            SpeakerKind.ANONYMOUS,
        ),
        (
            "A passenger who asked not to be named said the bus was late.",
            "A passenger",
            SpeakerKind.ANONYMOUS,
        ),
        ("Sources say the militants are paid monthly.", "Sources", SpeakerKind.VAGUE),
        ("A report stated that the ferries lost money.", "A report", SpeakerKind.VAGUE),
        ("Some reports say dozens have died.", "Some reports", SpeakerKind.VAGUE),
        ("Five people died, according to a UN estimate.", "a UN estimate", SpeakerKind.OFFICIAL),
        ("Aid agencies estimate that 6,500 people have left.", "Aid agencies", SpeakerKind.OFFICIAL),
    ],
)
def test_the_kind_of_a_speaker(sentence: str, speaker: str, kind: SpeakerKind) -> None:
    a = only(sentence)
    assert (a.speaker, a.kind) == (speaker, kind)


def test_he_takes_the_kind_of_the_last_person_named_and_says_who() -> None:
    first, second = read(
        "A Free Valley Front spokesman denied any role. He also said the group had no fighters there."
    )
    (he,) = second.attributions
    assert (he.speaker, he.kind, he.refers_to) == ("He", SpeakerKind.PARTY, "A Free Valley Front spokesman")
    assert first.attributions[0].kind is SpeakerKind.PARTY


def test_it_stands_for_an_organisation_not_a_person() -> None:
    _, _, third = read(
        "Mayor Ilse Varga spoke first. The Harbour Authority said the pier was unsafe. It added that repairs would wait."
    )
    assert third.attributions[0].refers_to == "The Harbour Authority"
    assert third.attributions[0].kind is SpeakerKind.OFFICIAL


def test_a_pronoun_with_nobody_before_it_is_anonymous() -> None:
    assert only("She said the road was open.").kind is SpeakerKind.ANONYMOUS


# ---- quotations across sentences ----------------------------------------------------------------------


def test_a_quotation_over_two_sentences_takes_the_speaker_named_in_the_second() -> None:
    first, second = read("“We will keep all six vessels in service. Nobody will lose their job,” he added.")
    assert first.attributions == ()
    assert first.quote_of == 1
    assert second.attributions[0].quote is QuoteKind.DIRECT


def test_a_two_word_scare_quote_is_not_a_direct_quote() -> None:
    a = only("The mayor said the plan was “utter nonsense” and left.")
    assert a.quote is QuoteKind.INDIRECT


def test_every_speaker_and_verb_span_cuts_its_text_out_of_the_article() -> None:
    text = "Brennick is calm. “It is over,” said Ilse Varga, the mayor. Officials in Brennick said the roads were open."
    for result in attribute(text, segment(text)):
        for a in result.attributions:
            assert text[a.speaker_span[0] : a.speaker_span[1]] == a.speaker
            assert text[a.verb_span[0] : a.verb_span[1]] == a.verb
