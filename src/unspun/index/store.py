"""The index on disk: one SQLite database in WAL mode inside a directory.

Why this shape:
- Documents are stored once, zlib-compressed, with their sentence spans packed
  as integers; a sentence is addressed by a global id (``first_sid`` of its
  document plus its position), so no row per sentence is needed.
- Postings are one row per (term, batch): a packed array of sentence ids,
  found through an index on (term, batch, n) that also answers "how many
  sentences hold this term" without reading a blob (a WITHOUT ROWID table
  would drag the large blobs through every comparison).
  Adding documents writes a new batch and never rewrites old rows, so an add
  is one transaction: a crash loses at most the batch in flight, readers keep
  reading the last committed state, and no rebuild is ever needed.
- A term is stored as its 64-bit key (``term_key``), not its text: workers
  compute keys, so merging chunks is integer sorting with no vocabulary in
  the writing process, and the index compares integers. Two terms share a key
  with probability 2**-64 per pair (about 3e-6 over ten million distinct
  terms); if they ever did, a query would fetch both terms' sentences as
  candidates, which alignment then judges like any other.
- A lock file serializes writers; SQLite's WAL lets readers work meanwhile.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import hashlib
import itertools
import json
import multiprocessing
import operator
import os
import sqlite3
import time
import zlib
from array import array
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np
from isal import isal_zlib

from unspun import __version__
from unspun.errors import StoreError
from unspun.settings import Settings
from unspun.text.segment import segment
from unspun.text.tokens import term_pairs
from unspun.types import Document, Progress, Span, Spin

FORMAT = 4  # 4: postings keyed by term_key, not the term's text
DB_NAME = "unspun.sqlite"
LOCK_NAME = "write.lock"
_NO_IDS = np.empty(0, dtype="<u4")
K = TypeVar("K")
V = TypeVar("V")

_SPINS_TABLE = """
CREATE TABLE IF NOT EXISTS spins (
    outlet TEXT NOT NULL,
    kind TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    count INTEGER NOT NULL,
    examples TEXT NOT NULL,
    PRIMARY KEY (outlet, before, after)
) WITHOUT ROWID
"""
_SCHEMA = (
    _SPINS_TABLE
    + ";\n"
    + """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY,
    ext_id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    outlet TEXT NOT NULL,
    published TEXT,
    title TEXT NOT NULL,
    lang TEXT NOT NULL,
    body BLOB NOT NULL,
    spans BLOB NOT NULL,
    first_sid INTEGER NOT NULL,
    n_sents INTEGER NOT NULL,
    batch INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_first_sid ON docs(first_sid);
CREATE INDEX IF NOT EXISTS docs_url ON docs(url);
CREATE TABLE IF NOT EXISTS postings (
    term INTEGER NOT NULL,
    batch INTEGER NOT NULL,
    n INTEGER NOT NULL,
    ids BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS postings_term ON postings(term, batch, n);
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    docs INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    text_bytes INTEGER NOT NULL,
    added TEXT NOT NULL
);
"""
)


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """A document as the index keeps it: the text plus where its sentences lie."""

    rowid: int
    doc: Document
    spans: tuple[Span, ...]
    first_sid: int


@dataclass(frozen=True, slots=True)
class SentenceMap:
    """Which document holds each global sentence id, and its publication day, held in memory.

    A corpus scan traces every document against an index that no longer
    changes: one read of the document table per worker replaces an SQL lookup
    per candidate sentence, and lets candidates published after the traced
    document be set aside before their text is even read.
    """

    first_sids: np.ndarray
    rowids: np.ndarray
    days: np.ndarray  # datetime64[D], NaT when undated

    def _document_at(self, sid: int) -> int:
        """Position of the document holding global sentence ``sid`` in these arrays."""
        at = int(np.searchsorted(self.first_sids, sid, side="right")) - 1
        if at < 0:
            raise StoreError(f"sentence {sid} is not in the index", "the index may be damaged: rebuild it")
        return at

    def locate(self, sid: int) -> tuple[int, int]:
        """(document rowid, sentence index) of a global sentence id."""
        at = self._document_at(sid)
        return int(self.rowids[at]), sid - int(self.first_sids[at])

    def published_after(self, sid: int, day: dt.date) -> bool:
        """Whether the sentence's document is dated, and dated after ``day``."""
        return bool(self.days[self._document_at(sid)] > np.datetime64(day, "D"))


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    duplicates: int
    sentences: int
    text_bytes: int
    batches: int
    seconds: float


@dataclass(frozen=True, slots=True)
class IndexStats:
    path: str
    documents: int
    sentences: int
    terms: int
    batches: int
    outlets: int
    text_bytes: int
    disk_bytes: int
    earliest: dt.date | None
    latest: dt.date | None
    undated: int
    settings_digest: str
    created_with: str


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_COLUMNS = "rowid, ext_id, url, outlet, published, title, lang, body, spans, first_sid"
_CHUNK_BYTES = 1_000_000
_CHUNK_DOCS = 2_000
_ROWS_PER_INSERT = 200  # of at most 11 columns: well under SQLite's 32,766 parameters
DocRow = tuple[str, str, str, str | None, str, str, bytes, bytes, int, int]


@dataclass(frozen=True, slots=True)
class ChunkAnalysis:
    """What a worker returns for a chunk of documents.

    Per document: the compressed body and spans, and its sentence count. For
    the chunk: postings as parallel arrays (term keys ascending, how many ids each, the ids),
    with ids numbered locally; the writer shifts them by the chunk's first
    global sentence id and merges chunks with vector operations, never a
    Python loop per posting.
    """

    bodies: list[bytes]
    spans: list[bytes]
    counts: list[int]
    keys: bytes
    lengths: bytes
    ids: bytes


def _compress(data: bytes) -> bytes:
    """zlib's format (read back with the standard ``zlib``), written by ISA-L at about twice zlib's speed."""
    return bytes(isal_zlib.compress(data, 1))


def term_key(term: str) -> int:
    """The 64-bit key a term is stored under: the first 8 bytes of its BLAKE2b digest, as a signed integer.

    A cryptographic hash, so no corpus of ordinary or odd words makes keys
    collide more often than chance; signed because SQLite integers are.
    """
    return int.from_bytes(_blake2b_64(term.encode("utf-8")).digest(), "little", signed=True)


_blake2b_64 = functools.partial(hashlib.blake2b, digest_size=8)


def _term_keys(terms: list[str]) -> np.ndarray:
    """``term_key`` of many terms by C-level maps (hashing anew beats a cache of OCR's huge vocabulary)."""
    return np.frombuffer(
        b"".join(map(operator.methodcaller("digest"), map(_blake2b_64, map(str.encode, terms)))), dtype="<i8"
    )


def analyze_chunk(texts: list[str]) -> ChunkAnalysis:
    """The indexing kernel over a chunk of documents; runs in worker processes.

    Sentences are found document by document; their words are then read in
    one pass over the whole chunk (sentences joined by a character no word
    holds, so no word crosses a sentence boundary), each distinct word is
    folded once, and the (term, sentence) postings are deduplicated and grouped
    by one sort: Python does work per distinct word, never per word.
    """
    bodies, spans_out, counts = [], [], []
    pieces: list[str] = []
    for text in texts:
        spans = segment(text)
        pieces.extend(map(text.__getitem__, itertools.starmap(slice, spans)))
        bodies.append(_compress(text.encode("utf-8")))
        spans_out.append(_compress(array("I", itertools.chain.from_iterable(spans)).tobytes()))
        counts.append(len(spans))
    names, term_ids, sentence_ids = term_pairs(pieces)
    keys = _term_keys(names)
    # terms renumbered in key order: the chunk's postings come out sorted by key, and the
    # writer merges the chunks' sorted runs
    order = np.argsort(keys)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    pairs = np.sort(rank[term_ids] * max(len(pieces), 1) + sentence_ids)
    pairs = pairs[np.diff(pairs, prepend=-1) != 0]
    term_ids, ids = np.divmod(pairs, max(len(pieces), 1))
    firsts = np.flatnonzero(np.diff(term_ids, prepend=-1))
    return ChunkAnalysis(
        bodies,
        spans_out,
        counts,
        keys[order][term_ids[firsts]].tobytes(),
        np.diff(np.append(firsts, len(pairs))).astype("<u4").tobytes(),
        ids.astype("<u4").tobytes(),
    )


def _analyze_parallel(
    chunks: Iterator[list[Document]], workers: int | None
) -> Iterator[tuple[list[Document], ChunkAnalysis]]:
    """Chunks analyzed in worker processes, yielded in input order, with a bounded number in flight."""
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    if count <= 1:
        for docs in chunks:
            yield docs, analyze_chunk([d.text for d in docs])
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(count) as pool:
        pending: deque[tuple[list[Document], AsyncResult[ChunkAnalysis]]] = deque()
        try:
            for docs in chunks:
                pending.append((docs, pool.apply_async(analyze_chunk, ([d.text for d in docs],))))
                if len(pending) > 8 * count:  # enough queued that workers keep busy while a batch commits
                    done, result = pending.popleft()
                    yield done, result.get()
        except Exception:
            # Chunks already read are finished even when reading the next one failed.
            while pending:
                done, result = pending.popleft()
                yield done, result.get()
            raise
        while pending:
            done, result = pending.popleft()
            yield done, result.get()


class _Batch:
    """Documents and postings gathered for one transaction."""

    def __init__(self, first_sid: int) -> None:
        self.next_sid = first_sid
        self.rows: list[DocRow] = []
        self.key_parts: list[np.ndarray] = []
        self.length_parts: list[np.ndarray] = []
        self.id_parts: list[np.ndarray] = []
        self.sentences = 0
        self.text_bytes = 0

    def extend(self, docs: list[Document], analysis: ChunkAnalysis) -> None:
        base = self.next_sid
        sid = base
        for doc, body, spans, count in zip(
            docs, analysis.bodies, analysis.spans, analysis.counts, strict=True
        ):
            published = doc.published.isoformat() if doc.published else None
            self.rows.append(
                (doc.id, doc.url, doc.outlet, published, doc.title, doc.lang, body, spans, sid, count)
            )
            sid += count
            self.text_bytes += len(doc.text)
        self.key_parts.append(np.frombuffer(analysis.keys, dtype="<i8"))
        self.length_parts.append(np.frombuffer(analysis.lengths, dtype="<u4"))
        self.id_parts.append(np.frombuffer(analysis.ids, dtype="<u4") + np.uint32(base))
        self.sentences += sid - base
        self.next_sid = sid

    def posting_rows(self, batch: int) -> Iterator[tuple[int, int, int, bytes]]:
        """One (term key, batch, count, ids) row per term, ids ascending.

        Each chunk holds one block of ids per term, keys ascending; a stable
        sort of the blocks (a merge of sorted runs, not a sort of every posting)
        puts each term's blocks together in chunk order, and rows are built by
        C-level maps with no Python step per row.
        """
        keys = np.concatenate(self.key_parts) if self.key_parts else np.zeros(0, np.int64)
        if not len(keys):
            return iter(())
        lengths = np.concatenate(self.length_parts).astype(np.int64)
        order = np.argsort(keys, kind="stable")
        keys, moved = keys[order], lengths[order]
        # where each block's ids lie in the chunks' ids, in block order
        at = np.repeat((np.cumsum(lengths) - lengths)[order] - (np.cumsum(moved) - moved), moved)
        raw = np.concatenate(self.id_parts)[at + np.arange(len(at))].astype("<u4", copy=False).tobytes()
        firsts = np.concatenate(([0], np.flatnonzero(np.diff(keys)) + 1))
        counts = np.add.reduceat(moved, firsts)
        offsets = (4 * np.concatenate(([0], np.cumsum(counts)))).tolist()
        blobs = map(raw.__getitem__, map(slice, offsets[:-1], offsets[1:]))
        return zip(keys[firsts].tolist(), itertools.repeat(batch), counts.tolist(), blobs)


def _insert(conn: sqlite3.Connection, into: str, width: int, rows: Iterable[tuple[object, ...]]) -> None:
    """Rows inserted a few hundred per statement: a third less time than one statement per row."""
    rows = iter(rows)
    one = f"({','.join('?' * width)})"
    many = f"INSERT INTO {into} VALUES {','.join([one] * _ROWS_PER_INSERT)}"
    while len(group := list(itertools.islice(rows, _ROWS_PER_INSERT))) == _ROWS_PER_INSERT:
        conn.execute(many, tuple(itertools.chain.from_iterable(group)))
    conn.executemany(f"INSERT INTO {into} VALUES {one}", group)


def _by_key(terms: Iterable[str]) -> dict[int, list[str]]:
    """Distinct terms by their keys (a list, so that even two terms sharing a key are both answered)."""
    named: defaultdict[int, list[str]] = defaultdict(list)
    for term in set(terms):
        named[term_key(term)].append(term)
    return named


class _Lru(Generic[K, V]):
    """Values by key, the least recently used dropped first, weighing at most ``budget`` in all.

    A value heavier than the whole budget is not kept (it would evict everything
    else and then itself).
    """

    def __init__(self, budget: int, weigh: Callable[[V], int]) -> None:
        self.budget = budget
        self._weigh = weigh
        self._values: OrderedDict[K, V] = OrderedDict()
        self._held = 0

    def get(self, key: K) -> V | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        weight = self._weigh(value)
        if weight > self.budget or key in self._values:
            return
        self._values[key] = value
        self._held += weight
        while self._held > self.budget:
            _, dropped = self._values.popitem(last=False)
            self._held -= self._weigh(dropped)


class IndexStore:
    """Open with :meth:`create` or :meth:`open`; every method is safe while another process adds."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._n_sentences: int | None = None
        self._posting_cache: _Lru[str, np.ndarray] | None = None
        self._document_cache: _Lru[int, StoredDoc] | None = None
        self._sentences: SentenceMap | None = None

    @classmethod
    def create(cls, path: Path, settings: Settings) -> IndexStore:
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} exists and is not a folder", "give a new folder name for the index")
        if path.is_dir() and any(path.iterdir()) and not (path / DB_NAME).exists():
            raise StoreError(
                f"{path} is a folder with other files in it", "give an empty or new folder for the index"
            )
        path.mkdir(parents=True, exist_ok=True)
        store = cls(path, cls._connect(path / DB_NAME))
        with store._conn:
            store._conn.executescript(_SCHEMA)
            existing = dict(store._conn.execute("SELECT key, value FROM meta").fetchall())
            if existing and existing.get("format") != str(FORMAT):
                raise StoreError(f"{path} holds an index of another format ({existing.get('format')})")
            store._conn.executemany(
                "INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)",
                [
                    ("format", str(FORMAT)),
                    ("created_with", __version__),
                    ("settings_digest", settings.digest),
                    ("created", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                ],
            )
        return store

    @classmethod
    def open(cls, path: Path) -> IndexStore:
        db = path / DB_NAME
        if not db.exists():
            raise StoreError(
                f"no unspun index at {path}",
                f"build one first: unspun index build --index {path} CORPUS.jsonl",
            )
        store = cls(path, cls._connect(db))
        try:
            meta = dict(store._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{path} is not a readable unspun index: {err}", "rebuild it with unspun index build"
            ) from err
        if meta.get("format") != str(FORMAT):
            raise StoreError(
                f"{path} is an index of format {meta.get('format')}, this unspun reads {FORMAT}",
                f"rebuild it from your corpus: unspun index build --replace --index {path} CORPUS.jsonl",
            )
        return store

    @staticmethod
    def _connect(db: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(db, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA cache_size=-65536")
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot open the index database {db}: {err}", "check the path and permissions"
            ) from err
        return conn

    def close(self) -> None:
        self._conn.close()

    # ---- writing -------------------------------------------------------

    @contextmanager
    def _writer(self) -> Iterator[None]:
        lock = open(self.path / LOCK_NAME, "w")  # noqa: SIM115 - held for the whole add
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            lock.close()
            raise StoreError(
                f"another process is adding to the index at {self.path}", "wait for it to finish, then retry"
            ) from err
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()

    def add(
        self,
        documents: Iterable[Document],
        batch_bytes: int = 64_000_000,
        progress: Progress | None = None,
        workers: int | None = None,
    ) -> AddResult:
        """Add documents in committed batches; ids already present are skipped and counted.

        Segmentation and term extraction run in worker processes (the CPU-bound
        part); this process only assigns sentence ids and writes, one
        transaction per batch.
        """
        start = time.perf_counter()
        totals = {"added": 0, "duplicates": 0, "sentences": 0, "text_bytes": 0, "batches": 0}
        with self._writer():
            batch = _Batch(self._next_sid())
            seen: set[str] = set()
            chunks = self._fresh_chunks(documents, seen, totals, min(batch_bytes, _CHUNK_BYTES))
            try:
                for docs, analysis in _analyze_parallel(chunks, workers):
                    batch.extend(docs, analysis)
                    if progress:
                        progress(totals["added"] + len(batch.rows), totals["text_bytes"] + batch.text_bytes)
                    if batch.text_bytes >= batch_bytes:
                        self._commit(batch, totals)
                        batch = _Batch(batch.next_sid)
            finally:
                # What was read before an input error is kept: rerunning the add skips it.
                if batch.rows:
                    self._commit(batch, totals)
            if progress:
                progress(totals["added"], totals["text_bytes"])
            # fold the write-ahead log into the database so the index on disk is its true size
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._n_sentences = None
        if self._posting_cache is not None:
            self.keep_postings(self._posting_cache.budget)
        if self._document_cache is not None:
            self.keep_documents(self._document_cache.budget)
        if self._sentences is not None:
            self.keep_sentence_map()
        return AddResult(
            totals["added"],
            totals["duplicates"],
            totals["sentences"],
            totals["text_bytes"],
            totals["batches"],
            time.perf_counter() - start,
        )

    def _fresh_chunks(
        self, documents: Iterable[Document], seen: set[str], totals: dict[str, int], chunk_bytes: int
    ) -> Iterator[list[Document]]:
        """Documents in chunks of about a megabyte, less those already indexed or repeated in the input."""
        chunk: list[Document] = []
        size = 0
        for doc in documents:
            chunk.append(doc)
            size += len(doc.text)
            if size >= chunk_bytes or len(chunk) >= _CHUNK_DOCS:
                yield self._drop_known(chunk, seen, totals)
                chunk, size = [], 0
        if chunk:
            yield self._drop_known(chunk, seen, totals)

    def _drop_known(self, chunk: list[Document], seen: set[str], totals: dict[str, int]) -> list[Document]:
        known = self._known_ids([d.id for d in chunk])
        fresh = []
        for doc in chunk:
            if doc.id in known or doc.id in seen:
                totals["duplicates"] += 1
                continue
            seen.add(doc.id)
            fresh.append(doc)
        return fresh

    def _next_sid(self) -> int:
        return int(self._conn.execute("SELECT coalesce(max(first_sid + n_sents), 0) FROM docs").fetchone()[0])

    def _commit(self, batch: _Batch, totals: dict[str, int]) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            number = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone()[0]
            _insert(
                conn,
                "docs(ext_id, url, outlet, published, title, lang, body, spans, first_sid, n_sents, batch)",
                11,
                ((*row, number) for row in batch.rows),
            )
            _insert(conn, "postings(term, batch, n, ids)", 4, batch.posting_rows(number))
            conn.execute(
                "INSERT INTO batches(id, docs, sentences, text_bytes, added) VALUES (?, ?, ?, ?, ?)",
                (
                    number,
                    len(batch.rows),
                    batch.sentences,
                    batch.text_bytes,
                    dt.datetime.now(dt.UTC).isoformat(),
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        totals["added"] += len(batch.rows)
        totals["sentences"] += batch.sentences
        totals["text_bytes"] += batch.text_bytes
        totals["batches"] += 1

    def _known_ids(self, ids: list[str]) -> set[str]:
        known: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            known.update(
                r[0] for r in self._conn.execute(f"SELECT ext_id FROM docs WHERE ext_id IN ({marks})", chunk)
            )
        return known

    # ---- reading -------------------------------------------------------

    @property
    def n_sentences(self) -> int:
        if self._n_sentences is None:
            self._n_sentences = self._conn.execute(
                "SELECT coalesce(sum(sentences), 0) FROM batches"
            ).fetchone()[0]
        return self._n_sentences

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many sentences carry each term (absent terms are left out); reads no posting data."""
        out: dict[str, int] = {}
        named = _by_key(terms)
        keys = list(named)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            # the (term, batch, n) index covers this query: counting never reads a posting blob
            sql = f"SELECT term, sum(n) FROM postings WHERE term IN ({marks}) GROUP BY term"
            for key, n in self._conn.execute(sql, chunk):
                out.update(dict.fromkeys(named[key], n))
        return out

    def keep_postings(self, max_ids: int) -> None:
        """From now on keep up to ``max_ids`` posting ids in memory, the least recently used dropped first.

        For a scan's workers, which trace every document against an index that
        no longer changes: the posting lists of a corpus's common names and
        words (read whole to break ties) come back document after document and
        grow with the corpus; reading them once keeps the cost per document
        flat. A term no sentence holds is remembered too (as an empty list). An
        add empties the cache.
        """
        self._posting_cache = _Lru(max_ids, len)

    def keep_documents(self, max_chars: int) -> None:
        """From now on keep documents of up to ``max_chars`` characters of text in all, least recently used dropped first.

        For a scan's workers: a long page (an OCR page of a whole newspaper)
        holds sentences of hundreds of others, and the pages of one stretch of
        dates are read again trace after trace; decompressing them once saves
        a fifth of such a scan. An add empties the cache.
        """
        self._document_cache = _Lru(max_chars, lambda stored: len(stored.doc.text))

    def postings(self, terms: Iterable[str]) -> dict[str, np.ndarray]:
        """The sorted sentence ids of each term (absent terms are left out)."""
        cache = self._posting_cache
        if cache is None:
            return self._read_postings(terms)
        wanted = set(terms)
        cached = {t: ids for t in wanted if (ids := cache.get(t)) is not None}
        missing = wanted - cached.keys()
        read = self._read_postings(missing) if missing else {}
        for term in missing:
            cache.put(term, read.get(term, _NO_IDS))
        return {t: ids for t, ids in cached.items() if len(ids)} | read

    def _read_postings(self, terms: Iterable[str]) -> dict[str, np.ndarray]:
        found: defaultdict[int, list[bytes]] = defaultdict(list)
        named = _by_key(terms)
        keys = list(named)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._conn.execute(
                f"SELECT term, ids FROM postings WHERE term IN ({marks})", chunk
            ):
                found[key].append(blob)
        return {
            term: np.frombuffer(b"".join(blobs), dtype="<u4")
            for key, blobs in found.items()
            for term in named[key]
        }

    def keep_sentence_map(self) -> None:
        """From now on locate sentences and their documents' days from memory (see ``SentenceMap``).

        For a scan's workers, which trace every document against an index
        that no longer changes. An add reads the map again.
        """
        self._sentences = self.sentence_map()

    def published_after(self, sid: int, day: dt.date) -> bool:
        """Whether the document holding sentence ``sid`` is dated, and dated after ``day``."""
        if self._sentences is not None:
            return self._sentences.published_after(sid, day)
        rowid, _ = self.locate(sid)
        row = self._conn.execute("SELECT published FROM docs WHERE rowid = ?", (rowid,)).fetchone()
        published = _date(row[0]) if row else None
        return published is not None and published > day

    def locate(self, sid: int) -> tuple[int, int]:
        """(document rowid, sentence index) of a global sentence id."""
        if self._sentences is not None:
            return self._sentences.locate(sid)
        row = self._conn.execute(
            "SELECT rowid, first_sid FROM docs WHERE first_sid <= ? ORDER BY first_sid DESC LIMIT 1", (sid,)
        ).fetchone()
        if row is None:
            raise StoreError(
                f"sentence {sid} is not in the index {self.path}", "the index may be damaged: rebuild it"
            )
        return row[0], sid - row[1]

    def sentence_map(self) -> SentenceMap:
        """Every document's first sentence id, rowid and day, for lookups without SQL (see SentenceMap)."""
        rows = self._conn.execute(
            "SELECT first_sid, rowid, published FROM docs ORDER BY first_sid"
        ).fetchall()
        first_sids, rowids, published = zip(*rows, strict=True) if rows else ((), (), ())
        return SentenceMap(
            np.array(first_sids, dtype=np.int64),
            np.array(rowids, dtype=np.int64),
            np.array([p or "NaT" for p in published], dtype="datetime64[D]"),
        )

    def document(self, rowid: int) -> StoredDoc:
        cache = self._document_cache
        if cache is not None and (kept := cache.get(rowid)) is not None:
            return kept
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM docs WHERE rowid = ?", (rowid,)).fetchone()
        if row is None:
            raise StoreError(f"document {rowid} is not in the index {self.path}")
        stored = self._stored(row)
        if cache is not None:
            cache.put(rowid, stored)
        return stored

    def documents_by_url(self, url: str) -> list[StoredDoc]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM docs WHERE url = ?", (url,)).fetchall()
        return [self._stored(r) for r in rows]

    def documents(self, outlet: str | None = None) -> Iterator[StoredDoc]:
        """Every document (of one outlet), in the order they were added."""
        if outlet is None:
            cursor = self._conn.execute(f"SELECT {_COLUMNS} FROM docs ORDER BY rowid")
        else:
            cursor = self._conn.execute(
                f"SELECT {_COLUMNS} FROM docs WHERE outlet = ? ORDER BY rowid", (outlet,)
            )
        for row in cursor:
            yield self._stored(row)

    def documents_with_ids(self, ext_ids: Iterable[str]) -> Iterator[StoredDoc]:
        """The documents with these ids (unknown ones left out), in the order they were added.

        For a few documents of a large index (a new crawl scanned against an
        archive): they are found through the id index instead of reading every
        document.
        """
        unique = list(set(ext_ids))
        rowids: list[int] = []
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rowids.extend(
                r[0] for r in self._conn.execute(f"SELECT rowid FROM docs WHERE ext_id IN ({marks})", chunk)
            )
        for rowid in sorted(rowids):
            yield self.document(rowid)

    def document_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM docs").fetchone()[0])

    def outlets(self) -> list[tuple[str, int]]:
        """Outlets with their document counts, largest first."""
        sql = "SELECT outlet, count(*) FROM docs GROUP BY outlet ORDER BY count(*) DESC, outlet"
        return [(str(o), int(n)) for o, n in self._conn.execute(sql)]

    def save_spins(self, outlet: str, spins: Iterable[Spin]) -> None:
        """Replace an outlet's learnt spin fingerprint in one transaction."""
        with self._writer():
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(_SPINS_TABLE)
                conn.execute("DELETE FROM spins WHERE outlet = ?", (outlet,))
                conn.executemany(
                    "INSERT INTO spins(outlet, kind, before, after, count, examples) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        (outlet, p.kind, p.before, p.after, p.count, json.dumps(list(p.examples)))
                        for p in spins
                    ),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def spins(self, outlet: str) -> list[Spin]:
        """An outlet's learnt spin fingerprint, most frequent first (empty if never learnt)."""
        try:
            rows = self._conn.execute(
                "SELECT kind, before, after, count, examples FROM spins WHERE outlet = ? ORDER BY count DESC, before",
                (outlet,),
            ).fetchall()
        except sqlite3.OperationalError:
            return []  # an index from before fingerprints were stored: none learnt yet
        return [Spin(k, b, a, int(n), tuple(json.loads(e))) for k, b, a, n, e in rows]

    @staticmethod
    def _stored(row: tuple[object, ...]) -> StoredDoc:
        rowid, ext_id, url, outlet, published, title, lang, body, spans, first_sid = row
        assert isinstance(body, bytes) and isinstance(spans, bytes)
        flat = array("I")
        flat.frombytes(zlib.decompress(spans))
        doc = Document(
            id=str(ext_id),
            text=zlib.decompress(body).decode("utf-8"),
            url=str(url),
            outlet=str(outlet),
            published=_date(published if isinstance(published, str) else None),
            title=str(title),
            lang=str(lang),
        )
        pairs = tuple(zip(flat[::2], flat[1::2], strict=True))
        return StoredDoc(int(str(rowid)), doc, pairs, int(str(first_sid)))

    def stats(self) -> IndexStats:
        """One consistent snapshot: every count comes from the same committed state."""
        c = self._conn
        c.execute("BEGIN")
        try:
            return self._stats(c)
        finally:
            c.execute("COMMIT")

    def _stats(self, c: sqlite3.Connection) -> IndexStats:
        docs, outlets, undated = c.execute(
            "SELECT count(*), count(DISTINCT outlet), sum(published IS NULL) FROM docs"
        ).fetchone()
        earliest, latest = c.execute("SELECT min(published), max(published) FROM docs").fetchone()
        batches, sentences, text_bytes = c.execute(
            "SELECT count(*), coalesce(sum(sentences), 0), coalesce(sum(text_bytes), 0) FROM batches"
        ).fetchone()
        terms = c.execute("SELECT count(*) FROM (SELECT DISTINCT term FROM postings)").fetchone()[0]
        meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
        disk = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        return IndexStats(
            path=str(self.path),
            documents=docs,
            sentences=sentences,
            terms=terms,
            batches=batches,
            outlets=outlets,
            text_bytes=text_bytes,
            disk_bytes=disk,
            earliest=_date(earliest),
            latest=_date(latest),
            undated=undated or 0,
            settings_digest=meta.get("settings_digest", ""),
            created_with=meta.get("created_with", ""),
        )

    @property
    def digest(self) -> str:
        """Changes whenever a batch is added: reports name the index state they were traced against."""
        row = self._conn.execute(
            "SELECT count(*), coalesce(max(id), 0), coalesce(sum(sentences), 0) FROM batches"
        ).fetchone()
        meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        return hashlib.sha256(json.dumps([meta.get("created", ""), *row]).encode()).hexdigest()[:16]
