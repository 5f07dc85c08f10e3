"""The index on disk: build, add without rebuilding, one writer at a time, nothing lost on failure."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import sqlite3
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unspun
from unspun.errors import StoreError
from unspun.index import store as store_module
from unspun.index.store import DB_NAME, LOCK_NAME, IndexStore, term_key
from unspun.ingest.corpus import make_document
from unspun.ingest.dateline import parse_published
from unspun.settings import default_settings
from unspun.text.segment import segment
from unspun.text.tokens import index_terms, words
from unspun.types import Document

STORIES = {
    "kestle-ferry": (
        "kestle-gazette.example",
        "2031-03-02",
        "Ferry returns to Kestle Bay",
        "The ferry from Marrow Point returned to Kestle Bay on Friday after six weeks of repairs. "
        "Harbour master Ona Firth said 340 passengers made the first crossing.",
    ),
    "brell-storm": (
        "brell-daily.example",
        "2031-03-04",
        "Storm wrecks Brellmouth pier",
        "A storm destroyed the Brellmouth pier on Monday night, the county fire service said. "
        "Mayor Ilse Darrow promised the pier would be rebuilt by the autumn.",
    ),
    "merrow-tram": (
        "merrow-post.example",
        None,
        "Merrow tram line opens",
        "The Line 7 tram in Merrowfield opened to passengers on Saturday. "
        "A single fare costs 2.40 crowns and children under 12 travel free.",
    ),
}
LATER = {
    "vell-bridge": (
        "vell-courier.example",
        "2031-03-09",
        "Port Vell bridge reopens",
        "The Quillon bridge in Port Vell reopened on Sunday after inspectors found no cracks. "
        "Engineer Tomas Rillo said traffic would be limited to 30 km/h.",
    ),
}


def docs(stories: dict[str, tuple[str, str | None, str, str]]) -> list[Document]:
    return [
        make_document(
            doc_id,
            text,
            title=title,
            url=f"https://{outlet}/{doc_id}",
            outlet=outlet,
            published=parse_published(published),
        )
        for doc_id, (outlet, published, title, text) in stories.items()
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[IndexStore]:
    s = IndexStore.create(tmp_path / "idx", default_settings())
    yield s
    s.close()


def first_source(index: unspun.Index, article: str, sentence: int) -> str | None:
    report = index.trace(article)
    sources = report.alignments[sentence].sources
    return sources[0].doc_id if sources else None


# ---- building and adding ----------------------------------------------------


def test_a_new_index_is_empty(store: IndexStore) -> None:
    stats = store.stats()
    assert (stats.documents, stats.sentences, stats.terms, stats.batches) == (0, 0, 0, 0)


def test_adding_documents_stores_every_one(store: IndexStore) -> None:
    result = store.add(docs(STORIES))
    assert result.added == 3
    assert result.duplicates == 0
    assert store.stats().documents == 3


def test_adding_more_later_grows_the_index_without_a_rebuild(store: IndexStore) -> None:
    store.add(docs(STORIES))
    before = store.stats()
    result = store.add(docs(LATER))
    after = store.stats()
    assert result.added == 1
    assert after.documents == before.documents + 1
    assert after.sentences > before.sentences
    assert after.batches == before.batches + 1


def test_documents_from_the_first_batch_stay_retrievable_after_an_add(store: IndexStore) -> None:
    store.add(docs(STORIES))
    store.add(docs(LATER))
    [stored] = store.documents_by_url("https://kestle-gazette.example/kestle-ferry")
    assert stored.doc.id == "kestle-ferry"
    assert stored.doc.published == dt.date(2031, 3, 2)
    assert stored.doc.text.startswith("Ferry returns to Kestle Bay\n\n")
    assert "kestle" in store.postings(["kestle"])


def test_hundreds_of_documents_and_terms_in_one_batch_are_all_stored_in_order(store: IndexStore) -> None:
    """Rows are written a few hundred per statement; the ones after the last full group must not be lost."""
    many = [
        make_document(
            f"d{i}", f"Harbour note {i}. The pier kestle{i} reopened.", url=f"https://x.example/{i}"
        )
        for i in range(457)
    ]
    store.add(many)
    stored = list(store.documents())
    assert [d.doc.id for d in stored] == [f"d{i}" for i in range(457)]
    assert [d.first_sid for d in stored] == list(range(0, 2 * 457, 2))
    found = store.postings([f"kestle{i}" for i in range(457)])
    assert {t: v.tolist() for t, v in found.items()} == {f"kestle{i}": [2 * i + 1] for i in range(457)}


def test_a_stored_document_keeps_its_text_and_sentence_spans(store: IndexStore) -> None:
    [doc] = docs({"brell-storm": STORIES["brell-storm"]})
    store.add([doc])
    [stored] = store.documents_by_url(doc.url)
    assert stored.doc == doc
    assert list(stored.spans) == segment(doc.text)


def test_every_sentence_id_locates_back_to_its_document(store: IndexStore) -> None:
    store.add(docs(STORIES))
    store.add(docs(LATER))
    located = [store.locate(sid) for sid in range(store.n_sentences)]
    texts = []
    for rowid, index in located:
        stored = store.document(rowid)
        s, e = stored.spans[index]
        texts.append(stored.doc.text[s:e])
    assert len(texts) == store.stats().sentences
    assert "Engineer Tomas Rillo said traffic would be limited to 30 km/h." in texts
    assert "Ferry returns to Kestle Bay" in texts


def test_a_trace_finds_sources_from_both_the_build_and_a_later_add(tmp_path: Path) -> None:
    path = tmp_path / "idx"
    with unspun.Index.create(path) as index:
        index.add_documents(docs(STORIES))
    with unspun.Index(path) as index:
        index.add_documents(docs(LATER))
    article = (
        "Roundup\n\n"
        "A storm destroyed the Brellmouth pier on Monday night, the county fire service said. "
        "The Quillon bridge in Port Vell reopened on Sunday after inspectors found no cracks."
    )
    with unspun.Index(path) as index:
        assert first_source(index, article, 1) == "brell-storm"
        assert first_source(index, article, 2) == "vell-bridge"


# ---- duplicates -------------------------------------------------------------


def test_ids_already_in_the_index_are_skipped_and_counted(store: IndexStore) -> None:
    store.add(docs(STORIES))
    result = store.add(docs(STORIES) + docs(LATER))
    assert result.added == 1
    assert result.duplicates == 3
    assert store.stats().documents == 4


def test_a_repeated_id_within_one_add_is_stored_once(store: IndexStore) -> None:
    result = store.add(docs(STORIES) + docs(STORIES))
    assert result.added == 3
    assert result.duplicates == 3
    assert store.stats().documents == 3


def test_a_skipped_duplicate_keeps_the_first_version(store: IndexStore) -> None:
    store.add(docs(STORIES))
    changed = make_document("kestle-ferry", "A different text altogether.", url="https://elsewhere.example/x")
    store.add([changed])
    assert store.documents_by_url("https://elsewhere.example/x") == []


def test_re_adding_only_known_documents_reports_no_text_indexed(store: IndexStore) -> None:
    store.add(docs(STORIES))
    result = store.add(docs(STORIES))
    assert (result.added, result.sentences) == (0, 0)
    assert result.text_bytes == 0


def test_re_adding_only_known_documents_leaves_the_index_unchanged(store: IndexStore) -> None:
    store.add(docs(STORIES))
    before, digest = store.stats(), store.digest
    store.add(docs(STORIES))
    after = store.stats()
    assert (after.documents, after.sentences, after.terms) == (
        before.documents,
        before.sentences,
        before.terms,
    )
    assert after.batches == before.batches
    assert store.digest == digest


# ---- one writer at a time ---------------------------------------------------


def test_a_second_writer_is_refused_while_the_lock_is_held(store: IndexStore) -> None:
    with open(store.path / LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            with pytest.raises(StoreError) as err:
                store.add(docs(STORIES))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert "another process" in err.value.message
    assert err.value.hint
    assert store.stats().documents == 0


def test_a_refused_writer_can_add_once_the_lock_is_released(store: IndexStore) -> None:
    with open(store.path / LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(StoreError):
            store.add(docs(STORIES))
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert store.add(docs(STORIES)).added == 3


def test_readers_are_not_blocked_by_a_held_write_lock(store: IndexStore) -> None:
    store.add(docs(STORIES))
    with open(store.path / LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        reader = IndexStore.open(store.path)
        try:
            assert reader.stats().documents == 3
        finally:
            reader.close()
            fcntl.flock(lock, fcntl.LOCK_UN)


# ---- opening ----------------------------------------------------------------


def test_opening_a_folder_that_is_not_an_index_is_a_store_error_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not an index", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        IndexStore.open(tmp_path)
    assert "no unspun index" in err.value.message
    assert "unspun index build" in err.value.hint


def test_opening_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        IndexStore.open(tmp_path / "nowhere")


def test_opening_a_damaged_database_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not an sqlite database at all" * 100)
    with pytest.raises(StoreError):
        IndexStore.open(tmp_path)


def test_creating_an_index_in_a_folder_with_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(StoreError) as err:
        IndexStore.create(tmp_path, default_settings())
    assert err.value.hint
    assert (tmp_path / "thesis.docx").read_bytes() == b"precious"


def test_creating_an_index_where_a_file_stands_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "idx"
    target.write_text("a file", encoding="utf-8")
    with pytest.raises(StoreError):
        IndexStore.create(target, default_settings())


def test_the_api_refuses_a_missing_index_with_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        unspun.Index(tmp_path / "nowhere")


# ---- stats ------------------------------------------------------------------


def test_stats_describe_what_was_indexed(store: IndexStore) -> None:
    added = docs(STORIES)
    store.add(added)
    stats = store.stats()
    assert stats.path == str(store.path)
    assert stats.documents == 3
    assert stats.sentences == sum(len(segment(d.text)) for d in added)
    assert stats.outlets == 3
    assert stats.batches == 1
    assert stats.text_bytes == sum(len(d.text) for d in added)
    assert stats.terms > 10
    assert stats.disk_bytes > 0
    assert stats.earliest == dt.date(2031, 3, 2)
    assert stats.latest == dt.date(2031, 3, 4)
    assert stats.undated == 1
    assert stats.settings_digest == default_settings().digest
    assert stats.created_with == unspun.__version__


def test_the_index_digest_changes_when_documents_are_added(store: IndexStore) -> None:
    store.add(docs(STORIES))
    before = store.digest
    store.add(docs(LATER))
    assert store.digest != before


def test_progress_is_reported_at_the_end_of_an_add(store: IndexStore) -> None:
    calls: list[tuple[int, int]] = []
    store.add(docs(STORIES), progress=lambda n, size: calls.append((n, size)))
    assert calls
    assert calls[-1][0] == 3


# ---- failures ---------------------------------------------------------------


def _failing_after(documents: list[Document], n: int) -> Iterator[Document]:
    yield from documents[:n]
    raise RuntimeError("the corpus file went away")


def test_a_reader_failing_midway_keeps_the_batches_already_committed(store: IndexStore) -> None:
    everything = docs(STORIES) + docs(LATER)
    # Each document fills a batch on its own, so the first two are committed before the failure.
    with pytest.raises(RuntimeError):
        store.add(_failing_after(everything, 2), batch_bytes=1)
    stats = store.stats()
    assert stats.documents == 2
    assert stats.batches == 2
    assert [store.documents_by_url(d.url)[0].doc.id for d in everything[:2]] == [
        "kestle-ferry",
        "brell-storm",
    ]


def test_a_reader_failing_midway_loses_only_the_uncommitted_batch(store: IndexStore) -> None:
    everything = docs(STORIES) + docs(LATER)
    two_docs = len(everything[0].text) + len(everything[1].text)
    with pytest.raises(RuntimeError):
        store.add(_failing_after(everything, 3), batch_bytes=two_docs)
    assert store.stats().documents == 2
    assert store.documents_by_url(everything[2].url) == []


def test_after_a_failed_add_the_lock_is_released_and_adding_resumes(store: IndexStore) -> None:
    everything = docs(STORIES) + docs(LATER)
    with pytest.raises(RuntimeError):
        store.add(_failing_after(everything, 2), batch_bytes=1)
    result = store.add(everything)
    assert result.added == 2
    assert result.duplicates == 2
    assert store.stats().documents == 4


def test_a_batch_that_fails_while_committing_is_rolled_back_whole(
    store: IndexStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = docs(STORIES) + docs(LATER)
    store.add(everything[:2])
    before = store.stats()
    real = store_module.segment

    def explode_on_bridge(text: str) -> list[tuple[int, int]]:
        if "Quillon" in text:
            raise RuntimeError("disk full")
        return real(text)

    monkeypatch.setattr(store_module, "segment", explode_on_bridge)
    with pytest.raises(RuntimeError):
        store.add(everything[2:])
    after = store.stats()
    assert (after.documents, after.sentences, after.terms, after.batches) == (
        before.documents,
        before.sentences,
        before.terms,
        before.batches,
    )
    assert store.documents_by_url(everything[2].url) == []


def test_the_index_stays_readable_and_traceable_after_a_failed_add(tmp_path: Path) -> None:
    path = tmp_path / "idx"
    everything = docs(STORIES) + docs(LATER)
    writer = IndexStore.create(path, default_settings())
    with pytest.raises(RuntimeError):
        writer.add(_failing_after(everything, 2), batch_bytes=1)
    writer.close()
    with unspun.Index(path) as index:
        article = (
            "Pier\n\nA storm destroyed the Brellmouth pier on Monday night, the county fire service said."
        )
        assert first_source(index, article, 1) == "brell-storm"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200), max_size=6))
def test_the_chunk_kernel_posts_each_sentence_under_exactly_its_query_terms(texts: list[str]) -> None:
    """Postings built for a whole chunk at once must equal the terms a query derives from each sentence."""
    chunk = store_module.analyze_chunk(texts)
    expected: dict[int, list[int]] = {}
    sid = 0
    for text in texts:
        for s, e in segment(text):
            for term in index_terms(words(text[s:e])):
                expected.setdefault(term_key(term), []).append(sid)
            sid += 1
    assert _chunk_postings(chunk) == {t: sorted(v) for t, v in expected.items()}
    assert sum(chunk.counts) == sid


def test_a_word_whose_lowercase_is_longer_is_posted_under_its_query_term() -> None:
    """'İ' lowercases to two characters; indexing the lowercased text once split such names in two."""
    chunk = store_module.analyze_chunk(["Crowds filled the main square of İzmirova on Sunday."])
    terms = index_terms(words("Crowds filled the main square of İzmirova on Sunday."))
    assert "izmirova" in terms
    assert set(_chunk_postings(chunk)) == {term_key(t) for t in terms}


def _chunk_postings(chunk: store_module.ChunkAnalysis) -> dict[int, list[int]]:
    keys = array("q", chunk.keys).tolist()
    lengths = array("I", chunk.lengths).tolist()
    ids = array("I", chunk.ids).tolist()
    got, at = {}, 0
    for key, n in zip(keys, lengths, strict=True):
        got[key] = ids[at : at + n]
        at += n
    return got


def test_a_term_key_is_the_signed_first_eight_bytes_of_its_blake2b_digest() -> None:
    """Pinned: every index ever built stores these keys, so the function must never change within a format."""
    assert term_key("brellmouth") == int.from_bytes(
        hashlib.blake2b(b"brellmouth", digest_size=8).digest(), "little", signed=True
    )
    assert term_key("izmirova") != term_key("izmirová")


def test_an_index_of_the_previous_format_asks_to_be_rebuilt(tmp_path: Path) -> None:
    """Format 3 stored terms as text; reading it with term keys would silently find nothing."""
    path = tmp_path / "idx"
    IndexStore.create(path, default_settings()).close()
    with sqlite3.connect(path / "unspun.sqlite") as conn:
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'format'")
    conn.close()
    with pytest.raises(StoreError, match="format 3") as caught:
        IndexStore.open(path)
    assert "rebuild" in caught.value.hint
