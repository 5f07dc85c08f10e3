"""The scan's per-document kernel takes shortcuts a single trace does not; each must change nothing.

A scan traces every document of a finished index, so it reads where sentences
lie from memory (``SentenceMap``), never aligns a sentence of a document
published after the one traced (``origins_only``), and reads only the spinner
cues of the article analysis (``spinner_marks``). Every test here compares a
shortcut with the full path on invented text.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import unspun
from unspun.claims import analyze_article, spinner_marks
from unspun.errors import StoreError
from unspun.index.store import IndexStore, _Lru
from unspun.ingest.corpus import read_documents
from unspun.pipeline import trace_article
from unspun.scan import scan_corpus
from unspun.scan.engine import open_for_traces
from unspun.settings import default_settings
from unspun.types import Article, CueKind, Document

sys.path.insert(0, str(Path(__file__).parent))
from synth.generator import make_world, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "tests" / "claims_annotated.jsonl"


def _article(doc: Document) -> Article:
    body = doc.text[len(doc.title) :].lstrip() if doc.title and doc.text.startswith(doc.title) else doc.text
    return Article(doc.title, body, doc.published, url=doc.url, outlet=doc.outlet, origin=doc.id)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[IndexStore, list[Document]]]:
    folder = tmp_path_factory.mktemp("kernel")
    synth = make_world(seed=3).docs
    reprint = replace(
        synth[0], id="undated-reprint", url="https://undated.example/a", outlet="undated.example"
    )
    write_jsonl([*synth, replace(reprint, published=None)], folder / "corpus.jsonl")
    docs = list(read_documents([folder / "corpus.jsonl"]))
    store = IndexStore.create(folder / "index", default_settings())
    store.add(docs, workers=1)
    yield store, docs
    store.close()


def test_the_sentence_map_locates_every_sentence_as_the_database_does(
    world: tuple[IndexStore, list[Document]],
) -> None:
    store, _ = world
    sentences = store.sentence_map()
    assert all(sentences.locate(sid) == store.locate(sid) for sid in range(store.n_sentences))


def test_the_sentence_map_knows_which_documents_came_later(world: tuple[IndexStore, list[Document]]) -> None:
    store, _ = world
    sentences = store.sentence_map()
    for sid in range(0, store.n_sentences, 7):
        stored = store.document(store.locate(sid)[0])
        day = dt.date(2031, 3, 15)
        assert sentences.published_after(sid, day) == bool(
            stored.doc.published and stored.doc.published > day
        )


def test_a_store_keeping_its_sentence_map_answers_as_the_database_does(
    world: tuple[IndexStore, list[Document]],
) -> None:
    store, _ = world
    kept = IndexStore.open(store.path)
    try:
        kept.keep_sentence_map()
        days = [dt.date(2031, 3, 15), dt.date(1990, 1, 1), dt.date(2100, 1, 1)]
        for sid in range(store.n_sentences):
            assert kept.locate(sid) == store.locate(sid)
            assert [kept.published_after(sid, d) for d in days] == [
                store.published_after(sid, d) for d in days
            ]
    finally:
        kept.close()


def test_tracing_origins_only_finds_the_same_sources(world: tuple[IndexStore, list[Document]]) -> None:
    store, docs = world
    settings = default_settings()
    quick_store = open_for_traces(store.path)  # the scan worker's view: every cache kept
    compared = 0
    try:
        for doc in docs:
            article = _article(doc)
            full = trace_article(article, store, settings, analyze=False, same_text_is_self=False)
            quick = trace_article(
                article, quick_store, settings, analyze=False, same_text_is_self=False, origins_only=True
            )
            assert [a.sources for a in quick.alignments] == [a.sources for a in full.alignments], doc.id
            compared += sum(bool(a.sources) for a in full.alignments)
    finally:
        quick_store.close()
    assert compared > 20  # the world reprints enough for the comparison to mean something


def test_origins_only_never_aligns_a_later_document(world: tuple[IndexStore, list[Document]]) -> None:
    store, docs = world
    first = min((d for d in docs if d.published), key=lambda d: d.published or dt.date.max)
    full = trace_article(_article(first), store, default_settings(), analyze=False, same_text_is_self=False)
    assert any(a.later_copies for a in full.alignments)  # its story was reprinted after it
    report = trace_article(
        _article(first), store, default_settings(), analyze=False, same_text_is_self=False, origins_only=True
    )
    assert all(not a.later_copies for a in report.alignments)


def _spinner_cues(article: Article) -> list[tuple[CueKind, str]]:
    analysis = analyze_article(article)
    return [(c.kind, c.text) for s in analysis.sentences for c in s.cues if c.kind.family == "spinner"]


SPUN = [
    Article(
        "Veldan Federation signs port deal",
        "The Veldan Federation signed the deal in keeping with officials. "
        "Minister Ilse Varga met Orlan Petrov in Brennick. "
        "Later, Ilse Vargo said the Northern Coastal Treaty Organisation would watch the port.",
        dt.date(2031, 3, 13),
    ),
    Article(
        "",
        "“The Veldan Federation will not sign,” the envoy said. The safety council met on Tuesday.",
        dt.date(2031, 3, 13),
    ),
    Article("", "Orlan Petrov arrived. Then Orlan Petrow left the Republic of Maren.", None),
]


@pytest.mark.parametrize("article", SPUN, ids=["long-forms-and-respelling", "quoted-long-form", "undated"])
def test_spinner_marks_are_the_spinner_cues_of_the_full_analysis(article: Article) -> None:
    marks = spinner_marks(article)
    assert marks == _spinner_cues(article)
    assert marks  # each case raises at least one spinner cue


def test_spinner_marks_agree_with_the_analysis_on_every_annotated_article() -> None:
    raised = 0
    for line in CLAIMS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        body = " ".join(s["text"] for s in record["sentences"])
        article = Article(record["title"], body, dt.date.fromisoformat(record["dateline"]))
        assert spinner_marks(article) == _spinner_cues(article), record["id"]
        raised += len(spinner_marks(article))
    assert raised > 0


def test_a_few_documents_of_a_large_index_are_found_by_id_in_index_order(
    world: tuple[IndexStore, list[Document]],
) -> None:
    store, docs = world
    wanted = {d.id for d in docs[::9]} | {"not-in-the-index"}
    found = [s.doc.id for s in store.documents_with_ids(wanted)]
    assert found == [s.doc.id for s in store.documents() if s.doc.id in wanted]
    assert len(found) == len(wanted) - 1


def test_a_small_corpus_scanned_against_a_reused_index_links_to_the_documents_already_there(
    tmp_path: Path,
) -> None:
    synth = make_world(seed=3).docs
    write_jsonl(synth, tmp_path / "archive.jsonl")
    with unspun.Index.create(tmp_path / "index") as index:
        index.add_files([tmp_path / "archive.jsonl"], workers=1)
    latest = sorted(synth, key=lambda d: (d.published or "", d.id))[-10:]
    write_jsonl(latest, tmp_path / "new.jsonl")
    summary = scan_corpus([tmp_path / "new.jsonl"], tmp_path / "out", index=tmp_path / "index", workers=1)
    links = [json.loads(line) for line in (tmp_path / "out" / "links.jsonl").read_text().splitlines()]
    new = {d.id for d in latest}
    assert summary.documents == len(new)
    assert links and all(x["target"]["doc"] in new for x in links)
    assert any(x["source"]["doc"] not in new for x in links)  # found in the archive, not the new corpus


def test_kept_postings_are_the_postings_read_from_disk(tmp_path: Path) -> None:
    synth = make_world(seed=3).docs
    write_jsonl(synth, tmp_path / "corpus.jsonl")
    docs = list(read_documents([tmp_path / "corpus.jsonl"]))
    store = IndexStore.create(tmp_path / "index", default_settings())
    try:
        store.add(docs[:-20], workers=1)
        terms = {"council", "tariff", "the", "no-such-term"} | {
            t for d in docs[:5] for t in d.title.lower().split()
        }
        plain = store.postings(terms)
        store.keep_postings(300)  # small enough that long lists are read each time and others evicted
        for _ in range(3):
            kept = store.postings(terms)
            assert kept.keys() == plain.keys()
            assert all(np.array_equal(kept[t], plain[t]) for t in plain)
        store.add(docs[-20:], workers=1)  # an add empties the cache: the new sentences are found
        after = store.postings(terms)
        fresh = IndexStore.open(tmp_path / "index")
        try:
            assert {t: a.tolist() for t, a in after.items()} == {
                t: a.tolist() for t, a in fresh.postings(terms).items()
            }
        finally:
            fresh.close()
        assert any(len(after[t]) > len(plain.get(t, ())) for t in after)
    finally:
        store.close()


def test_kept_documents_are_the_documents_read_from_disk(tmp_path: Path) -> None:
    synth = make_world(seed=3).docs
    write_jsonl(synth, tmp_path / "corpus.jsonl")
    store = IndexStore.create(tmp_path / "index", default_settings())
    try:
        store.add(read_documents([tmp_path / "corpus.jsonl"]), workers=1)
        rowids = [s.rowid for s in store.documents()]
        plain = [store.document(r) for r in rowids]
        store.keep_documents(3 * max(len(s.doc.text) for s in plain))  # room for three: most are evicted
        for _ in range(2):
            assert [store.document(r) for r in reversed(rowids)] == plain[::-1]
        with pytest.raises(StoreError):
            store.document(max(rowids) + 1)
    finally:
        store.close()


def test_a_bounded_cache_drops_the_least_recently_used_and_never_holds_more_than_its_budget() -> None:
    cache: _Lru[str, str] = _Lru(10, len)
    cache.put("a", "aaaa")
    cache.put("b", "bbbb")
    assert cache.get("a") == "aaaa"  # now b is the least recently used
    cache.put("c", "cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("aaaa", None, "cccc")
    cache.put("a", "aaaa")  # a second put of a kept key is not counted twice
    cache.put("d", "dd")
    assert (cache.get("a"), cache.get("c"), cache.get("d")) == ("aaaa", "cccc", "dd")
    cache.put("huge", "x" * 11)  # heavier than the whole budget: not kept, nothing evicted
    assert cache.get("huge") is None and cache.get("a") == "aaaa"
