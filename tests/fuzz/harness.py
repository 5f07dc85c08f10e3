"""Coverage-guided fuzzing of unspun's input-facing code with atheris (libFuzzer).

    python tests/fuzz/harness.py TARGET [libFuzzer flags] [CORPUS_DIR ...]

TARGET is one of the names in ``TARGETS`` or ``all`` (the first byte picks a
target, so one process covers every target). Each target feeds the fuzzer's
bytes to one entry point and fails (exit code non-zero, a ``crash-*`` file) on
anything but the errors a user is meant to see: an :class:`InputError` for
input that cannot be read, a :class:`ValueError` where the API documents one,
and on a broken invariant (spans out of order, a report that does not survive
its JSON round trip). The target's seeds are written to a temporary folder
that is always read, so even a short run starts from realistic input; new
inputs go to the first CORPUS_DIR given (or that temporary folder). Given
files instead of folders, it replays them: ``harness.py align crash-1234``.

tests/test_fuzz.py runs every target with a fixed ``-runs`` budget in CI;
docs/reliability.md has the longer run and its result. Unlike hypothesis,
libFuzzer learns from coverage, so it reaches branches no strategy was written
for; the hypothesis tests check properties on inputs shaped like the real ones.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["unspun"]):
    import unspun
    from unspun.align.wordalign import align_tokens
    from unspun.claims.serialize import analysis_from_dict, analysis_to_dict
    from unspun.errors import InputError
    from unspun.ingest.article import article_from_bytes, decode
    from unspun.ingest.corpus import read_jsonl
    from unspun.ingest.dateline import parse_dateline, parse_published
    from unspun.ingest.html import article_from_html
    from unspun.report.serialize import report_from_dict, report_to_dict
    from unspun.text.segment import article_spans, segment
    from unspun.text.tokens import tokenize
    from unspun.types import Article

# Invented text only (no real news).
CORPUS = [
    {
        "id": "heron-1",
        "url": "https://reedbank-gazette.example/herons",
        "outlet": "reedbank-gazette.example",
        "published": "2031-05-02",
        "title": "Herons nest at Pollard mere",
        "text": "Grey herons nested at Pollard mere on Tuesday for the first time in 12 years. "
        "Warden Isolde Brackett said 40 nests had been counted, officials said. "
        "The east path will be closed to walkers until 1 August.",
    },
    {
        "id": "heron-2",
        "url": "https://rewrite-mill.example/herons",
        "outlet": "rewrite-mill.example",
        "published": "2031-05-09",
        "title": "Rare birds come back",
        "text": "Grey herons nested at Pollard Mere last Tuesday for the first time in twelve years. "
        "Warden Isolde Bracket counted 45 nests.",
    },
]
SEEDS: dict[str, list[bytes]] = {
    "jsonl": [
        b"".join(json.dumps(r).encode() + b"\n" for r in CORPUS),
        b'{"id": "a", "text": "x", "published": "9999-99-99"}\n{"id": "a", "text": "y"}\n[1]\n{oops\n',
        b'{"text": "Caf\xe9 news", "title": 5, "published": 20310609, "url": ["u"], "lang": null}\n',
    ],
    "article": [
        b"Herons return\n2031-05-02\n\nGrey herons nested at Pollard mere yesterday. They left next Tuesday.",
        b'{"title": "T", "published": "2031-02-30", "text": "A body."}',
        b"<html><head><title>T</title></head><body><p>Grey herons nested.</p></body></html>",
        b"Caf\xe9\n\nMonday, 1 January 0001\n\nIt rained.",
    ],
    "dateline": [
        b"2031-06-04",
        b"Saturday, 31 Feb, 2031",
        b"Published: 4 June 2031 at 10:30 a.m. BST",
        b"Oct. 3, 2031",
        b"9999-12-31T10:00:00Z",
    ],
    "html": [
        b"<html><head><title>Herons</title></head><body><article><h1>Herons</h1><p>Grey herons nested at "
        b"Pollard mere on Tuesday.</p><script>alert(1)</script></article></body></html>",
        b"<div>" * 50 + b"deep" + b"</div>" * 50,
    ],
    "segment": [
        b"Dr. Ames said the U.S. rate rose 3.5 per cent. \xe2\x80\x9cYes,\xe2\x80\x9d she said! Next.",
        b"\xe2\x80\xa2 one\n\xe2\x80\xa2 two\n\nA paragraph... And another? Yes.",
    ],
    "align": [
        b"Grey herons nested at Pollard mere on Tuesday.\x00Grey herons nested at Pollard Mere last Tuesday.",
        b"Warden Isolde Brackett counted 40 nests.\x00The NCTO said 45 nests were counted.",
    ],
    "report": [
        b"Herons back\n2031-05-10\n\nGrey herons nested at Pollard mere on Tuesday for the first time in "
        b"12 years. Warden Isolde Brackett said 40 nests had been counted.",
        b"Birds\n\n\xe2\x80\x9cWe are delighted,\xe2\x80\x9d Brackett said on Friday, adding 45 nests were new.",
    ],
}


def _text(data: bytes) -> str:
    return decode(data)


def fuzz_jsonl(data: bytes) -> None:
    """Any bytes as a JSONL file: never raises without --strict; every document kept has text and a new id."""
    path = _workdir() / "fuzz.jsonl"
    path.write_bytes(data)
    warned: list[str] = []
    ids = set()
    for doc in read_jsonl(path, warned.append):
        assert doc.text.strip() and doc.id not in ids, doc
        ids.add(doc.id)
    assert all(isinstance(w, str) and w for w in warned)


def fuzz_article(data: bytes) -> None:
    """Any bytes as an article file (text, a JSON record, or HTML): an Article or an InputError."""
    try:
        article = article_from_bytes(data, "fuzz.txt")
    except InputError as err:
        assert err.message
        return
    assert isinstance(article.title, str) and isinstance(article.body, str)
    assert article.published is None or 1600 <= article.published.year <= 2199


def fuzz_dateline(data: bytes) -> None:
    """Any line: a date or None; ``parse_published`` raises only ValueError and keeps to 1600-2199."""
    line = _text(data)
    date = parse_dateline(line)
    assert date is None or isinstance(date, dt.date)
    try:
        published = parse_published(line)
    except ValueError:
        return
    assert published is None or 1600 <= published.year <= 2199


def fuzz_html(data: bytes) -> None:
    """Any page: an Article with text and no script, or an InputError saying there is no article text."""
    try:
        article = article_from_html(_text(data), origin="fuzz.html")
    except InputError as err:
        assert "no article text" in err.message
        return
    assert article.body.strip()


def fuzz_segment(data: bytes) -> None:
    """Sentences are ordered, disjoint, trimmed, and no word falls between them; a title is sentence 0."""
    text = _text(data)
    title, _, body = text.partition("\n")
    article = Article(title=title.strip(), body=body)  # an Article's title is always stripped
    for source, spans in ((text, segment(text)), (article.text, article_spans(article.title, article.body))):
        last = 0
        for start, end in spans:
            assert last <= start < end <= len(source), (spans, source)
            assert not source[start].isspace() and not source[end - 1].isspace()
            last = end
    inside = {i for s, e in segment(text) for i in range(s, e)}
    for token in tokenize(text):
        if any(c.isalnum() for c in token.norm):
            assert set(range(*token.span)) & inside, f"word {token.norm!r} fell between sentences"


def fuzz_align(data: bytes) -> None:
    """Any two texts (split at the first NUL byte) align with coverages in [0, 1] and sane counts.

    Matched article words may outnumber source words: "Russian Federation" matches "Russia".
    """
    article_raw, _, source_raw = data.partition(b"\x00")
    a, s = tokenize(_text(article_raw)), tokenize(_text(source_raw))
    result = align_tokens(a, s)
    assert 0.0 <= result.article_coverage <= 1.0 + 1e-9
    assert 0.0 <= result.source_coverage <= 1.0 + 1e-9
    assert 0 <= result.longest_run <= min(result.matched_words, len(s))
    assert result.matched_words <= len(a)
    assert align_tokens(a, a).matched_words == len(a)


def fuzz_report(data: bytes) -> None:
    """A trace report and an analysis of any article survive their JSON round trips unchanged."""
    text = _text(data)
    if "\n" not in text:
        text = "Headline\n\n" + text
    try:
        report = _index().trace(text)
    except InputError:
        return
    first = report_to_dict(report)
    assert report_to_dict(report_from_dict(json.loads(json.dumps(first)))) == first
    analysis = unspun.analyze(report.article)
    once = analysis_to_dict(analysis)
    assert analysis_to_dict(analysis_from_dict(json.loads(json.dumps(once)))) == once


TARGETS: dict[str, Callable[[bytes], None]] = {
    "jsonl": fuzz_jsonl,
    "article": fuzz_article,
    "dateline": fuzz_dateline,
    "html": fuzz_html,
    "segment": fuzz_segment,
    "align": fuzz_align,
    "report": fuzz_report,
}
_NAMES = sorted(TARGETS)
_STATE: dict[str, object] = {}


def _workdir() -> Path:
    folder = _STATE.get("workdir")
    if not isinstance(folder, Path):
        folder = Path(tempfile.mkdtemp(prefix="unspun-fuzz-"))
        _STATE["workdir"] = folder
    return folder


def _index() -> unspun.Index:
    """A two-document index built once per process: traces need one, and building it per input would be slow."""
    index = _STATE.get("index")
    if not isinstance(index, unspun.Index):
        corpus = _workdir() / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
        index = unspun.Index.build(_workdir() / "index", [corpus])
        _STATE["index"] = index
    return index


def fuzz_all(data: bytes) -> None:
    """The first byte picks the target, the rest is its input."""
    if data:
        TARGETS[_NAMES[data[0] % len(_NAMES)]](data[1:])


def _seeded(target: str) -> str:
    """A fresh folder holding the seeds of ``target`` (all targets' seeds, prefixed, for ``all``)."""
    folder = _workdir() / f"seeds-{target}"
    folder.mkdir(exist_ok=True)
    names = _NAMES if target == "all" else [target]
    for name in names:
        prefix = bytes([_NAMES.index(name)]) if target == "all" else b""
        for n, seed in enumerate(SEEDS[name]):
            (folder / f"{name}-{n}").write_bytes(prefix + seed)
    return str(folder)


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in {*TARGETS, "all"}:
        sys.exit(f"usage: {argv[0]} {{{','.join([*_NAMES, 'all'])}}} [libFuzzer flags] [CORPUS_DIR ...]")
    target = argv[1]
    flags = [argv[0], *argv[2:]]
    if all(Path(a).is_dir() for a in argv[2:] if not a.startswith("-")):  # not when replaying crash files
        flags.append(_seeded(target))  # new inputs go to the first folder given, else to the seeds'
    atheris.Setup(flags, fuzz_all if target == "all" else TARGETS[target])
    if target == "report":
        _index()  # built before fuzzing starts, so its cost is not charged to the first input
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
