"""Property-based fuzzing of the readers, segmentation, datelines, alignment and the JSON round trips.

The CI budget is fixed and small (the whole file runs in well under 40 s). For a
longer run raise the number of examples per test:

    UNSPUN_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py -q

(see docs/reliability.md for the longer run that was done and what it found).
At the end, the coverage-guided atheris harnesses of tests/fuzz/harness.py run
the same entry points with a fixed, seeded number of runs each.
Existing property tests of the aligner on small vocabularies live in
tests/test_align.py; these feed arbitrary text instead.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import unspun
from unspun.align.wordalign import align_tokens
from unspun.claims.serialize import analysis_from_dict, analysis_to_dict
from unspun.errors import InputError
from unspun.ingest.article import decode, parse_article_text
from unspun.ingest.corpus import read_jsonl
from unspun.ingest.dateline import parse_dateline, parse_published
from unspun.ingest.html import article_from_html
from unspun.report.serialize import report_from_dict, report_to_dict
from unspun.text.normalize import normalize
from unspun.text.segment import segment
from unspun.text.tokens import tokenize

EXAMPLES = int(os.environ.get("UNSPUN_FUZZ_EXAMPLES", "100"))
F = TypeVar("F", bound=Callable[..., Any])


def budget(share: float = 1.0) -> Callable[[F], F]:
    """The per-test example budget: ``share`` of UNSPUN_FUZZ_EXAMPLES (slow targets get less)."""
    return settings(
        max_examples=max(5, int(EXAMPLES * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


# text that looks like news: invented words, names, numbers, punctuation, quotes, other scripts
_WORDS = st.sampled_from(
    [
        "Quillby",
        "harbour",
        "Dr.",
        "Mrs",
        "U.S.",
        "3.5",
        "1,200",
        "said",
        "“Yes,”",
        "'no'",
        "e.g.",
        "Ferrand",
        "Tuesday",
        "yesterday",
        "next",
        "week",
        "—",
        "...",
        "?",
        "!",
        ".",
        "\n",
        "\n\n",
        "• ",
        "Мост",
        "東京",
        "نهر",
        "café",
        "ﬁne",
        "\u200b",
        "\t",
        "2031-06-04",
        "Oct.",
        "3,",
    ]
)
NEWSY = st.lists(_WORDS, max_size=60).map(" ".join)
TEXT = st.one_of(NEWSY, st.text(max_size=400), st.text(alphabet=string.printable, max_size=400))


# ---- readers ----------------------------------------------------------------------------------


_RECORD = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=8), "text": NEWSY.filter(lambda t: bool(normalize(t)))},
    optional={
        "title": st.one_of(st.text(max_size=30), st.integers(), st.none()),
        "published": st.one_of(
            st.none(), st.text(max_size=12), st.integers(), st.dates().map(dt.date.isoformat)
        ),
        "url": st.one_of(st.text(max_size=20), st.integers()),
        "outlet": st.text(max_size=10),
    },
)


def _is_record(raw: bytes) -> bool:
    try:
        value = json.loads(decode(raw))
    except ValueError:
        return False
    return isinstance(value, dict)


_GARBAGE = st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))


@budget()
@given(st.lists(st.tuples(st.booleans(), _RECORD, _GARBAGE), max_size=12))
def test_jsonl_keeps_every_good_line_and_names_every_bad_one(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[bool, dict[str, Any], bytes]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "c.jsonl"
    raw, good, bad = [], [], []
    for n, (is_good, record, garbage) in enumerate(lines, 1):
        if is_good:
            record = {**record, "id": f"{record['id']}-{n}"}  # ids are unique: a repeat is skipped by design
            raw.append(json.dumps(record).encode())
            good.append(record)
        else:
            assume(garbage.strip() and not _is_record(garbage))
            raw.append(garbage)
            bad.append(n)
    path.write_bytes(b"\n".join(raw) + b"\n")
    warned: list[str] = []
    docs = list(read_jsonl(path, warned.append))
    assert len(docs) == len(good)
    for doc, record in zip(docs, good, strict=True):
        assert doc.id == str(record["id"])
    skipped = [w for w in warned if w.startswith("skipped")]
    assert [int(w.split("c.jsonl:")[1].split(":")[0]) for w in skipped] == bad
    if bad:
        with pytest.raises(InputError, match=f"c.jsonl:{bad[0]}"):
            list(read_jsonl(path, strict=True))


@budget()
@given(st.one_of(TEXT, st.binary(max_size=300).map(decode)))
@example("{")
@example('{"text": "x", "published": "9999-01-01"}')
@example('{"text": 5}')
@example("Headline\n\n2031-02-30\n\nBody.")
def test_article_text_parses_or_is_an_input_error(raw: str) -> None:
    try:
        article = parse_article_text(raw, "fuzz.txt")
    except InputError as err:
        assert err.message
        return
    assert isinstance(article.title, str) and isinstance(article.body, str)
    if article.published is not None:
        assert 1 <= article.published.year <= 9999


_TAGS = st.sampled_from(["div", "p", "span", "article", "script", "style", "section", "h1", "table", "td"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(_TAGS)
        depth = draw(st.integers(0, 40))
        inner = draw(NEWSY).replace("<", "&lt;")
        parts.append(f"<{tag}>" * depth + inner + f"</{tag}>" * draw(st.integers(0, depth)))
    if draw(st.booleans()):
        parts.append(draw(st.text(max_size=100)))
    return "<html><head><title>" + draw(NEWSY) + "</title></head><body>" + "".join(parts) + "</body></html>"


@budget(0.5)
@given(st.one_of(html_pages(), st.text(max_size=300)))
def test_html_extraction_gives_an_article_or_an_input_error(html: str) -> None:
    try:
        article = article_from_html(html, origin="fuzz.html")
    except InputError as err:
        assert "no article text" in err.message
        return
    assert (article.title + article.body).strip()
    assert "<script" not in article.body


def test_a_page_whose_only_text_is_its_headline_has_no_article_text() -> None:
    with pytest.raises(InputError, match="no article text"):
        article_from_html(
            "<html><head><title></title></head><body><h1>Quillby</body></html>", origin="f.html"
        )


# ---- segmentation, datelines, alignment -------------------------------------------------------------


@budget(2)
@given(TEXT)
def test_segments_are_ordered_disjoint_trimmed_and_cover_every_word(text: str) -> None:
    spans = segment(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        last = end
    inside = {i for s, e in spans for i in range(s, e)}
    for token in tokenize(text):
        if any(c.isalnum() for c in token.norm):  # a lone "_" token is not a word
            assert set(range(*token.span)) & inside, f"word {token.norm!r} fell between sentences"


_DATE = st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2199, 12, 31))
_FORMS = [
    "%Y-%m-%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%A, %d %b, %Y",
    "%b. %d, %Y",
    "Published: %d %B %Y",
    "%Y-%m-%dT10:00:00Z",
]


@budget(2)
@given(_DATE, st.sampled_from(_FORMS))
def test_a_printed_dateline_parses_back_to_its_date(date: dt.date, form: str) -> None:
    line = date.strftime(form).replace("May.", "May")
    assert parse_dateline(line) == date
    assert parse_published(line) == date


@budget(2)
@given(TEXT)
def test_any_line_is_a_dateline_or_none_and_published_raises_only_value_error(line: str) -> None:
    date = parse_dateline(line)
    assert date is None or isinstance(date, dt.date)
    try:
        published = parse_published(line)
    except ValueError:
        return
    assert published is None or 1600 <= published.year <= 2199


@budget(2)
@given(TEXT, TEXT)
@example("Russian Federation", "Russia")
def test_alignment_of_any_two_texts_is_well_formed(article: str, source: str) -> None:
    a, s = tokenize(article), tokenize(source)
    result = align_tokens(a, s)
    assert 0.0 <= result.article_coverage <= 1.0 + 1e-9
    assert 0.0 <= result.source_coverage <= 1.0 + 1e-9
    # matched article words may outnumber source words: "Russian Federation" matches "Russia"
    assert 0 <= result.longest_run <= min(result.matched_words, len(s))
    assert result.matched_words <= len(a)
    assert all(0 <= i < len(a) for i in result.matched_article)
    self_aligned = align_tokens(a, a)
    assert self_aligned.matched_words == len(a)


# ---- the JSON report round trip ------------------------------------------------------------------


CORPUS = [
    {
        "id": "tern-1",
        "url": "https://saltmarsh-crier.example/terns",
        "outlet": "saltmarsh-crier.example",
        "published": "2031-05-02",
        "title": "Terns return to Quillby spit",
        "text": "Little terns nested on Quillby spit on Tuesday for the first time in 12 years. "
        "Ranger Anselm Whitlock said 40 pairs had been counted, officials said. "
        "The spit will be closed to walkers until 1 August.",
    },
    {
        "id": "tern-2",
        "url": "https://content-mill.example/terns",
        "outlet": "content-mill.example",
        "published": "2031-05-09",
        "title": "Rare birds come back",
        "text": "Little terns nested on Quillby Spit last Tuesday for the first time in twelve years. "
        "Ranger Anselm Whitlok counted 45 pairs.",
    },
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> unspun.Index:
    folder = tmp_path_factory.mktemp("fuzz-index")
    corpus = folder / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    return unspun.Index.build(folder / "idx", [corpus])


_SENTENCES = st.sampled_from(
    [s + "." for r in CORPUS for s in str(r["text"]).rstrip(".").split(". ")]
    + ["Officials said nothing on Friday.", "“We are delighted,” Whitlock said."]
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    title = draw(st.one_of(NEWSY, st.sampled_from([str(r["title"]) for r in CORPUS])))
    dateline = draw(st.one_of(st.just(""), _DATE.map(lambda d: d.strftime("%d %B %Y"))))
    body = [draw(st.one_of(_SENTENCES, NEWSY)) for _ in range(draw(st.integers(1, 5)))]
    return f"{title.strip() or 'Headline'}\n{dateline}\n\n" + " ".join(body)


@budget()
@given(articles())
@example("Terns\n\n\nLittle terns nested on Quillby spit on Tuesday for the first time in 12 years.")
def test_a_trace_report_survives_the_json_round_trip(index: unspun.Index, text: str) -> None:
    try:
        report = index.trace(text)
    except InputError:
        return
    first = report_to_dict(report)
    second = report_to_dict(report_from_dict(json.loads(json.dumps(first))))
    assert second == first


@budget()
@given(articles())
def test_an_analysis_survives_the_json_round_trip(text: str) -> None:
    try:
        analysis = unspun.analyze(text)
    except InputError:
        return
    first = analysis_to_dict(analysis)
    second = analysis_to_dict(analysis_from_dict(json.loads(json.dumps(first))))
    assert second == first


def test_the_budget_is_documented() -> None:
    doc = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
    assert "UNSPUN_FUZZ_EXAMPLES" in doc.read_text(encoding="utf-8")


# ---- atheris: coverage-guided fuzzing of the same entry points ----------------------------------

HARNESS = Path(__file__).resolve().parent / "fuzz" / "harness.py"
# libFuzzer runs per target: about 25 s for all of them here, scaled like the hypothesis budget
ATHERIS_RUNS = {
    "jsonl": 800,
    "article": 1000,
    "dateline": 3000,
    "html": 300,
    "segment": 3000,
    "align": 3000,
    "report": 400,
}


@pytest.mark.parametrize("target", sorted(ATHERIS_RUNS))
def test_atheris_finds_no_crash(tmp_path: Path, target: str) -> None:
    """The harness in a subprocess (libFuzzer exits the process on a crash), seeded, so a failure replays."""
    runs = max(50, ATHERIS_RUNS[target] * EXAMPLES // 100)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    command = [
        sys.executable,
        str(HARNESS),
        target,
        f"-runs={runs}",
        "-seed=1",
        "-max_len=4096",
        "-timeout=60",
        f"-artifact_prefix={tmp_path}/",
        str(corpus),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    log = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("INFO: Instrumenting"))
    assert done.returncode == 0 and not crashes, (
        f"{crashes}; replay: python {HARNESS} {target} FILE\n{log[-4000:]}"
    )
    done_runs = re.search(r"Done (\d+) runs", done.stderr)  # libFuzzer may count one run more than asked
    assert done_runs is not None and int(done_runs.group(1)) >= runs, log[-4000:]
