"""The report: what a trace lists as sources, and its JSON form (schema ``unspun.report/1``).

A small invented world: a wire story about a storm-damaged pier in Brellmouth,
two outlets that copied its first sentence, one that copied a sentence after
the farm article appeared, and the farm article itself (one earlier version
under its own URL, one identical mirror). Every span a report gives must cut
its text back out of the document it points into.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unspun
from unspun.index.store import IndexStore
from unspun.report.serialize import SCHEMA, report_from_dict, report_to_dict, report_to_json
from unspun.types import Alignment, Article, Relation, Report, SourceMatch

WIRE = [
    "The harbour authority in Brellmouth closed the northern pier on Monday after a storm "
    "damaged its wooden supports overnight.",
    "Engineers from the Kessle Bay yard counted 42 broken beams beneath the deck, according to "
    "a statement from the authority.",
    "Mayor Odile Serrat said the ferry service to the outer islands would run from the southern "
    "quay until repairs were finished.",
    "Ministers of the Northern Coastal Treaty Organisation are expected to discuss emergency funds "
    "for coastal towns at their meeting in Drellhaven.",
    "The last major repair of the pier, in 2019, took eleven weeks and cost 3.4 million crowns, "
    "officials said.",
]
TITLE = "Storm closes Brellmouth pier as coastal ministers gather"
FARM_BODY = [
    "The harbour authority in Brellmouth shut the northern pier on Monday after a storm damaged "
    "its wooden supports overnight.",
    "Engineers from the Kessle Bay yard counted 42 broken beams beneath the deck.",
    WIRE[2],
    "Ministers of the NCTO are expected to discuss emergency funds for coastal towns at their "
    "meeting in Drellhaven.",
    "Local fishermen have started a collection to help the families of the crew who lost their "
    "boats in the gale.",
]
FARM_URL = "https://newsfarm.example/brellmouth-pier"
FARM_DATE = dt.date(2031, 3, 15)
UNSOURCED = [
    "A choir from Tamsley Green sang sea shanties on the promenade to raise money for the repairs.",
    "The Kessle Bay lighthouse keeper, Arvid Pellin, said he had never seen waves so high in March.",
    "Read more below.",
]

RECORDS: list[dict[str, Any]] = [
    # written latest first, so listing order cannot come from insertion order
    {
        "id": "echo-pier",
        "url": "https://brellmouth-echo.example/pier",
        "outlet": "brellmouth-echo.example",
        "published": "2031-03-12",
        "title": "Pier shut after storm",
        "text": WIRE[0] + " A council spokesman declined to say when the pier would reopen to anglers.",
    },
    {
        "id": "gazette-pier",
        "url": "https://harbour-gazette.example/pier",
        "outlet": "harbour-gazette.example",
        "published": "2031-03-11",
        "title": "Brellmouth pier closed",
        "text": f"{WIRE[0]} {WIRE[1]} Repair crews from three towns are waiting for the weather to turn.",
    },
    {
        "id": "undated-pier",
        "url": "https://undated-harbour-notes.example/pier",
        "outlet": "undated-harbour-notes.example",
        "published": None,
        "title": "Notes from the harbour",
        "text": WIRE[0] + " The notes were written by volunteers from the sailing club.",
    },
    {
        "id": "wire-pier",
        "url": "https://coastline-wire.example/2031/03/10/pier",
        "outlet": "coastline-wire.example",
        "published": "2031-03-10",
        "title": TITLE,
        "text": " ".join(WIRE),
    },
    {
        "id": "tidewatch-pier",
        "url": "https://tidewatch.example/pier",
        "outlet": "tidewatch.example",
        "published": "2031-03-20",
        "title": "Ferries move to southern quay",
        "text": WIRE[2] + " The timetable for the spring season will be published later.",
    },
    {
        # the farm's own page, indexed before it was updated: same URL, other text
        "id": "farm-page",
        "url": FARM_URL,
        "outlet": "newsfarm.example",
        "published": "2031-03-15",
        "title": TITLE,
        "text": " ".join(FARM_BODY[:3])
        + " Check back later for updates on the pier. Subscribe to our coastal newsletter for more.",
    },
    {
        # a mirror of the farm article: another URL, the very same text
        "id": "farm-mirror",
        "url": "https://mirror-of-news.example/brellmouth-pier",
        "outlet": "mirror-of-news.example",
        "published": "2031-03-15",
        "title": TITLE,
        "text": " ".join(FARM_BODY),
    },
]
SELVES = {"farm-page", "farm-mirror"}


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    unspun.Index.build(folder / "index", [corpus]).close()
    return folder / "index"


@pytest.fixture(scope="module")
def index(index_path: Path) -> Iterator[unspun.Index]:
    with unspun.Index(index_path) as opened:
        yield opened


@pytest.fixture(scope="module")
def farm_report(index: unspun.Index) -> Report:
    return index.trace(
        Article(TITLE, " ".join(FARM_BODY), FARM_DATE, url=FARM_URL, outlet="newsfarm.example")
    )


def every_match(report: Report) -> Iterator[tuple[Alignment, SourceMatch]]:
    for a in report.alignments:
        for m in (*a.sources, *a.later_copies):
            yield a, m


def sentence_with(report: Report, text: str) -> Alignment:
    return next(a for a in report.alignments if a.sentence.text == text)


# ---- round trip ------------------------------------------------------------------


def test_a_report_read_back_from_its_dict_is_the_same_report(farm_report: Report) -> None:
    assert report_from_dict(report_to_dict(farm_report)) == farm_report


def test_a_report_read_back_from_its_json_text_is_the_same_report(farm_report: Report) -> None:
    assert report_from_dict(json.loads(report_to_json(farm_report))) == farm_report


def test_the_world_is_rich_enough_to_exercise_every_part_of_the_report(farm_report: Report) -> None:
    relations = {a.relation for a in farm_report.alignments}
    assert {Relation.COPIED, Relation.SPUN, Relation.UNSOURCED} <= relations
    assert any(a.changes for a in farm_report.alignments)
    assert any(a.later_copies for a in farm_report.alignments)
    assert any(len(a.sources) > 1 for a in farm_report.alignments)


@pytest.mark.parametrize("schema", ["unspun.report/2", "someone.else/1", None])
def test_report_from_dict_rejects_another_schema(farm_report: Report, schema: str | None) -> None:
    d = report_to_dict(farm_report)
    if schema is None:
        del d["schema"]
    else:
        d["schema"] = schema
    with pytest.raises(ValueError, match="schema"):
        report_from_dict(d)


def test_the_report_carries_the_articles_analysis_sentence_for_sentence(farm_report: Report) -> None:
    analysis = farm_report.analysis
    assert analysis is not None
    assert [s.span for s in analysis.sentences] == [a.sentence.span for a in farm_report.alignments]
    d = report_to_dict(farm_report)
    assert d["analysis"]["schema"] == "unspun.analysis/1"
    assert "article" not in d["analysis"]


def test_report_from_dict_rejects_an_empty_dict() -> None:
    with pytest.raises(ValueError):
        report_from_dict({})


# ---- the JSON text and its spans -----------------------------------------------------


def test_the_json_text_is_one_valid_object_of_the_schema(farm_report: Report) -> None:
    text = report_to_json(farm_report)
    d = json.loads(text)
    assert d["schema"] == SCHEMA
    assert d["article"]["text"] == farm_report.article.text
    assert len(d["sentences"]) == len(farm_report.alignments)


def test_sentence_spans_cut_back_to_their_text_in_the_article(farm_report: Report) -> None:
    d = json.loads(report_to_json(farm_report))
    text = d["article"]["text"]
    for s in d["sentences"]:
        start, end = s["span"]
        assert text[start:end] == s["text"]
    assert d["sentences"][0]["text"] == TITLE
    assert text[d["article"]["body_start"] :] == farm_report.article.body


def test_source_spans_cut_back_to_their_text_in_the_indexed_document(
    farm_report: Report, index_path: Path
) -> None:
    store = IndexStore.open(index_path)
    try:
        checked = 0
        for _, m in every_match(farm_report):
            doc = next(s.doc for s in store.documents_by_url(m.url) if s.doc.id == m.doc_id)
            assert doc.text[m.span[0] : m.span[1]] == m.text
            checked += 1
        assert checked >= 5
    finally:
        store.close()


def test_change_spans_cut_back_to_their_text_in_the_sentence_and_its_first_listed_source(
    farm_report: Report,
) -> None:
    checked = 0
    for a in farm_report.alignments:
        if not a.changes:
            continue
        origin = (a.sources or a.later_copies)[0]
        for c in a.changes:
            assert a.sentence.text[c.article_span[0] : c.article_span[1]] == c.after
            assert origin.text[c.source_span[0] : c.source_span[1]] == c.before, c
            checked += 1
    assert checked >= 2


def test_the_verdict_is_that_of_the_first_listed_source(farm_report: Report) -> None:
    for a in farm_report.alignments:
        if a.sources:
            assert (a.relation, a.score) == (a.sources[0].relation, a.sources[0].score)
        else:
            assert a.relation is Relation.UNSOURCED or a.later_copies


# ---- what is listed as a source --------------------------------------------------------


def test_the_article_under_its_own_url_is_never_its_own_source(index: unspun.Index, tmp_path: Path) -> None:
    record = {
        "id": "farm",
        "url": FARM_URL,
        "outlet": "newsfarm.example",
        "published": FARM_DATE.isoformat(),
        "title": TITLE,
        "text": " ".join(FARM_BODY),
    }
    path = tmp_path / "farm-article.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    report = index.trace(str(path))
    assert report.article.url == FARM_URL
    listed = {m.doc_id for _, m in every_match(report)}
    assert "farm-page" not in listed
    assert "wire-pier" in listed


def test_the_same_whole_text_is_never_its_own_source(index: unspun.Index) -> None:
    report = index.trace(Article(TITLE, " ".join(FARM_BODY), FARM_DATE))
    assert report.article.url == ""
    listed = {m.doc_id for _, m in every_match(report)}
    assert "farm-mirror" not in listed
    assert "wire-pier" in listed


def test_a_document_dated_after_the_article_is_a_later_copy_never_a_source(farm_report: Report) -> None:
    ferry = sentence_with(farm_report, WIRE[2])
    assert [m.doc_id for m in ferry.later_copies] == ["tidewatch-pier"]
    assert all(m.later_than_article for m in ferry.later_copies)
    for a in farm_report.alignments:
        assert all(not m.later_than_article for m in a.sources)
        assert all(m.published is None or m.published <= FARM_DATE for m in a.sources)
        assert "tidewatch-pier" not in {m.doc_id for m in a.sources}


def test_equally_close_copies_are_listed_earliest_first(farm_report: Report) -> None:
    pier = sentence_with(farm_report, FARM_BODY[0])
    assert [m.doc_id for m in pier.sources][:3] == ["wire-pier", "gazette-pier", "echo-pier"]
    dates = [m.published for m in pier.sources if m.published]
    assert dates == sorted(dates)


def test_an_undated_copy_is_listed_after_the_dated_ones(farm_report: Report) -> None:
    pier = sentence_with(farm_report, FARM_BODY[0])
    assert [m.doc_id for m in pier.sources] == ["wire-pier", "gazette-pier", "echo-pier", "undated-pier"]
    assert pier.sources[-1].published is None


def test_a_closer_later_copy_does_not_decide_how_the_sentence_was_taken(index_path: Path) -> None:
    """The verdict and the changes explain the sentence against its sources, not against a
    document that copied the article afterwards."""
    source = WIRE[0]
    article = source.replace("closed", "shut").replace("storm", "gale")
    folder = index_path.parent / "later-copy"
    corpus = folder.with_suffix(".jsonl")
    records = [
        {"id": "wire", "url": "https://coastline-wire.example/p", "published": "2031-03-10", "text": source},
        {"id": "copycat", "url": "https://copycat.example/p", "published": "2031-03-20", "text": article},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with unspun.Index.build(folder, [corpus]) as later_index:
        report = later_index.trace(Article("", article + " " + UNSOURCED[0], FARM_DATE))
    first = report.alignments[0]
    assert [m.doc_id for m in first.sources] == ["wire"]
    assert [m.doc_id for m in first.later_copies] == ["copycat"]
    assert first.relation is first.sources[0].relation is Relation.SPUN
    assert first.score == first.sources[0].score
    assert sorted((c.before, c.after) for c in first.changes if c.kind == "word_substituted") == [
        ("closed", "shut"),
        ("storm", "gale"),
    ]


def test_an_undated_article_warns_that_later_documents_cannot_be_ruled_out(index: unspun.Index) -> None:
    report = index.trace(Article(TITLE, " ".join(FARM_BODY[:3])))
    assert report.warnings
    assert all(not a.later_copies for a in report.alignments)


# ---- round trip over many small articles ------------------------------------------------

_POOL = [
    *WIRE,
    *FARM_BODY,
    *UNSOURCED,
    "The harbour authority in Brellmouth closed the northern jetty on Monday after a gale damaged its "
    "timber supports overnight, officials reportedly said.",
    "Engineers from the Kessle Bay yard counted 24 broken beams beneath the deck.",
    "Mayor Odile Serrat said on Tuesday that the ferry would not run from the southern quay.",
    "“We will rebuild the pier by spring,” Mayor Odile Serrat told the Brellmouth Echo.",
]
_DATES = st.one_of(st.none(), st.dates(min_value=dt.date(2031, 3, 1), max_value=dt.date(2031, 3, 31)))


@settings(max_examples=25, deadline=None)
@given(
    title=st.sampled_from(["", TITLE, "Brellmouth counts the cost of the storm"]),
    body=st.lists(st.sampled_from(_POOL), min_size=1, max_size=6),
    published=_DATES,
    url=st.sampled_from(["", FARM_URL, "https://elsewhere.example/story"]),
)
def test_any_traced_report_survives_the_json_round_trip(
    index: unspun.Index, title: str, body: list[str], published: dt.date | None, url: str
) -> None:
    report = index.trace(Article(title, " ".join(body), published, url=url))
    back = report_from_dict(json.loads(report_to_json(report)))
    assert back == report
    for field in dataclasses.fields(Report):
        assert getattr(back, field.name) == getattr(report, field.name), field.name


def test_a_verbatim_reprint_names_the_earlier_story_it_reprints(tmp_path: Path) -> None:
    """Same whole text is the article itself only when it is not an earlier story under another URL."""
    wire = {
        "id": "wire-ferry",
        "url": "https://wire.example/ferry",
        "outlet": "wire.example",
        "published": "2031-05-02",
        "title": "Kestle Bay ferry returns to service after storm repairs",
        "text": "The Kestle Bay ferry returned to service on Friday after three weeks of storm repairs, "
        "the harbour board said. Captain Ilsa Morrow said bookings for the summer were already "
        "ahead of last year. The board spent 1.2 million crowns on the new ramp and hull plates.",
    }
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(json.dumps(wire) + "\n", encoding="utf-8")
    reprint = Article(
        title=wire["title"],
        body=wire["text"],
        published=dt.date(2031, 5, 4),
        url="https://copier.example/ferry-back",
    )
    with unspun.Index.build(tmp_path / "idx", [corpus]) as index:
        report = index.trace(reprint, analyze=False)
    assert all(a.sources and a.sources[0].doc_id == "wire-ferry" for a in report.alignments)
