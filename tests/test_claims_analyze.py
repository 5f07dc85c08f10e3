"""``analyze_article``: sentence by sentence, a status, what is claimed with no source, and a summary.

The invented article below is a small content-farm piece about the Veldt valley:
a vague money claim, an official toll, a stitched-in paragraph and a date that
contradicts its tense. Property tests check what must hold for any text: no
exception, and every span cuts its own text out of the article.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun.claims import analyze_article
from unspun.claims.analyze import sentence_spans
from unspun.pipeline import article_sentences
from unspun.types import Analysis, Article, Status

FRI_14 = dt.date(2031, 3, 14)
TITLE = "Valley fighters paid huge sums"
BODY = (
    "The militants are being paid $1,800 a month by foreign backers, sources say. "
    "Fighters of the Free Valley Front attacked an army post near Dovren on Wednesday, killing four soldiers, "
    "the Defence Ministry said. "
    "The terrorists fled into the hills after the raid. "
    "The council will vote on the repair plan on 10 March.\n\n"
    "Meanwhile, the Kessmoor Chamber of Commerce will hold its spring fair on 20 March."
)


def analysis() -> Analysis:
    return analyze_article(Article(TITLE, BODY, FRI_14))


def test_sentences_are_numbered_and_placed_exactly_as_in_a_trace() -> None:
    article = Article(TITLE, BODY, FRI_14)
    assert sentence_spans(article) == [s.span for s in article_sentences(article)]
    assert [s.text for s in analysis().sentences] == [s.text for s in article_sentences(article)]


def test_each_sentence_gets_a_status() -> None:
    assert [s.status for s in analysis().sentences] == [
        Status.UNATTRIBUTED,  # the title
        Status.VAGUE,
        Status.ATTRIBUTED,
        Status.UNATTRIBUTED,
        Status.UNATTRIBUTED,
        Status.UNATTRIBUTED,
    ]


def test_an_unattributed_sentence_lists_the_numbers_and_events_it_asserts() -> None:
    raid = analysis().sentences[3]
    assert [(c.kind, c.text) for c in raid.claims] == [("event", "fled")]
    assert analysis().sentences[2].claims == ()  # attributed: the ministry stands behind it


def test_the_summary_counts_what_a_reader_can_check() -> None:
    s = analysis().summary
    assert (s.sentences, s.attributed, s.vague, s.unattributed) == (6, 1, 1, 4)
    assert (s.attributed_share, s.vague_share, s.unattributed_share) == (0.1667, 0.1667, 0.6667)
    assert dict(s.speaker_kinds) == {"official_body": 1, "vague": 1}
    assert s.date_conflicts == 1
    assert dict(s.cues)["loaded"] == 1


def test_the_checks_put_contradictions_before_unsourced_numbers_before_style() -> None:
    kinds = [c.kind for c in analysis().summary.checks]
    assert kinds.index("date_conflict") < kinds.index("topic_jump") < kinds.index("unattributed_event")
    assert kinds.index("unattributed_event") < kinds.index("vague_attribution") < kinds.index("loaded")


def test_a_word_the_article_repeats_is_one_check_at_its_first_use() -> None:
    body = (
        "The Veldan Federation massed troops. The Veldan Federation denied it. The Veldan Federation is calm."
    )
    checks = [c for c in analyze_article(Article("", body)).summary.checks if c.kind == "long_form_name"]
    assert [(c.sentence, c.reason.endswith("(3 times)")) for c in checks] == [(0, True)]


def test_an_empty_article_is_an_empty_analysis() -> None:
    result = analyze_article(Article("", ""))
    assert result.sentences == ()
    assert result.summary.sentences == 0
    assert result.summary.attributed_share == 0.0
    assert result.summary.checks == ()


def test_the_rules_used_are_named_in_every_analysis() -> None:
    result = analysis()
    assert result.method == "rules"
    assert len(result.rules_digest) == 16


# ---- for any text ------------------------------------------------------------------------------

NEWSY = [
    "said",
    "told",
    "according",
    "to",
    "the",
    "ministry",
    "Varga",
    "Mayor",
    "sources",
    "say",
    "“",
    "”",
    '"',
    ",",
    ".",
    "‘",
    "’",
    "$",
    "1,800",
    "a",
    "month",
    "eight",
    "dozens",
    "of",
    "killed",
    "almost",
    "200",
    "fighters",
    "on",
    "Tuesday",
    "3",
    "October",
    "2030",
    "Oct.",
    "last",
    "week",
    "yesterday",
    "will",
    "was",
    "It",
    "is",
    "believed",
    "reportedly",
    "he",
    "she",
    "and",
    "who",
    "between",
    "20",
    "30",
    "-",
    "%",
    "per",
    "cent",
    "terrorists",
    "Veldan",
    "Federation",
    "I",
    "Meanwhile",
    "\n",
    "\n\n",
    "Dr.",
    "U.S.",
    "aged",
    "46",
    "10:30",
    "Route",
    "9",
    "two",
    "hundred",
    "and",
    "fifty",
    "tens",
    "thousands",
    "by",
    "Radio",
    "Veldt",
]
texts = st.one_of(
    st.lists(st.sampled_from(NEWSY), max_size=50).map(" ".join),
    st.lists(st.sampled_from(NEWSY), max_size=30).map("".join),
    st.text(max_size=200),
)
datelines = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=40).map(lambda t: t.replace("\n", " ").strip()), body=texts, dateline=datelines)
def test_any_text_analyzes_without_error_and_every_span_cuts_out_its_text(
    title: str, body: str, dateline: dt.date | None
) -> None:
    article = Article(title, body.strip(), dateline)
    text = article.text
    result = analyze_article(article)
    for s in result.sentences:
        start, end = s.span
        assert text[start:end] == s.text

        def inside(span: tuple[int, int], start: int = start, end: int = end) -> bool:
            return start <= span[0] <= span[1] <= end

        for a in s.attributions:
            assert inside(a.speaker_span) and text[a.speaker_span[0] : a.speaker_span[1]] == a.speaker
            assert inside(a.verb_span) and text[a.verb_span[0] : a.verb_span[1]] == a.verb
        for item in (*s.quantities, *s.dates, *s.claims, *s.cues):
            assert inside(item.span) and text[item.span[0] : item.span[1]] == item.text
    shares = result.summary.attributed_share + result.summary.vague_share + result.summary.unattributed_share
    assert not result.sentences or abs(shares - 1) < 1e-3
