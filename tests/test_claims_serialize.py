"""The ``unspun.analysis/1`` JSON form and the terminal rendering made from it.

The JSON must round-trip to the same data, stand alone (with its article) or
sit inside a trace report (without it), and the terminal shows what the JSON
says. The article is invented.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from unspun.claims import SCHEMA, analysis_from_dict, analysis_to_dict, analysis_to_json, analyze_article
from unspun.claims.terminal import render_analysis, render_analysis_summary
from unspun.types import Article

ARTICLE = Article(
    "Clashes in Ostmark leave dozens dead",
    "Christian militias clashed in the Ostmark hills on Thursday, leaving dozens dead. "
    "“We will not leave,” a priest told reporters. "
    "The militants are paid $1,800 a month, sources say. "
    "The council will vote on 10 March.",
    dt.date(2031, 3, 14),
    url="https://farm.example/ostmark",
    outlet="farm.example",
)


def test_the_json_names_its_schema_tool_and_rules() -> None:
    d = analysis_to_dict(analyze_article(ARTICLE))
    assert d["schema"] == SCHEMA == "unspun.analysis/1"
    assert d["tool"]["name"] == "unspun"
    assert d["method"] == "rules"
    assert list(d) == ["schema", "tool", "method", "rules_digest", "article", "summary", "sentences"]


def test_the_json_round_trips_to_the_same_analysis() -> None:
    analysis = analyze_article(ARTICLE)
    again = analysis_from_dict(json.loads(analysis_to_json(analysis)))
    assert again == analysis


def test_embedded_in_a_trace_report_it_leaves_out_the_article_and_takes_it_back_on_reading() -> None:
    analysis = analyze_article(ARTICLE)
    embedded = analysis_to_dict(analysis, with_article=False)
    assert "article" not in embedded
    assert analysis_from_dict(embedded, ARTICLE) == analysis
    with pytest.raises(ValueError, match="without its article"):
        analysis_from_dict(embedded)


def test_another_schema_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unspun\.analysis/1"):
        analysis_from_dict({"schema": "unspun.report/1"})


def test_whole_numbers_are_written_as_integers() -> None:
    d = analysis_to_dict(analyze_article(ARTICLE))
    values = [q["value"] for s in d["sentences"] for q in s["quantities"]]
    assert values == [24, 24, 1800]  # "dozens dead" in the title and in the body
    assert all(isinstance(v, int) for v in values)


def test_every_span_in_the_json_cuts_its_text_out_of_the_article_text() -> None:
    d = analysis_to_dict(analyze_article(ARTICLE))
    text = d["article"]["text"]
    for s in d["sentences"]:
        for item in (*s["quantities"], *s["dates"], *s["claims"], *s["cues"]):
            assert text[item["span"][0] : item["span"][1]] == item["text"]


@settings(max_examples=60, deadline=None)
@given(
    body=st.lists(
        st.sampled_from(
            ["Police said", "eight", "people", "died", "on Tuesday", "“", "”", ".", "sources say", "$5m"]
        ),
        max_size=30,
    ).map(" ".join),
    dateline=st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1))),
)
def test_any_analysis_round_trips_through_json(body: str, dateline: dt.date | None) -> None:
    analysis = analyze_article(Article("A headline", body, dateline))
    assert analysis_from_dict(json.loads(analysis_to_json(analysis))) == analysis


# ---- terminal ------------------------------------------------------------------------------------


def rendered(render: object) -> str:
    console = Console(record=True, width=140, color_system=None)
    assert callable(render)
    render(analysis_to_dict(analyze_article(ARTICLE)), console)
    return console.export_text()


def test_the_terminal_shows_the_summary_the_checks_and_every_finding() -> None:
    out = rendered(render_analysis)
    assert "5 sentences: 1 attributed (20%), 1 vaguely attributed (20%), 3 with no attribution (60%)" in out
    assert "Look first:" in out and "future tense, but 2031-03-10 is before the dateline" in out
    assert "who: sources [vague] say, indirect" in out
    assert "number: “$1,800 a month” → exact 1800 USD a month, counts money" in out
    assert "identity framing (narrator): “Christian militias”" in out


def test_the_summary_alone_is_what_a_trace_report_shows() -> None:
    out = rendered(render_analysis_summary)
    assert "Look first:" in out
    assert "NO SOURCE" not in out


def test_an_empty_analysis_renders_a_plain_sentence() -> None:
    console = Console(record=True, width=100, color_system=None)
    render_analysis(analysis_to_dict(analyze_article(Article("", ""))), console)
    assert "The article has no sentences." in console.export_text()
