"""The index on disk: one SQLite database in WAL mode inside a directory.

Why this shape:
- Documents are stored once, zlib-compressed, with their sentence spans packed
  as integers; a sentence is addressed by a global id (``first_sid`` of its
  document plus its position), so no row per sentence is needed.
- Postings are one row per (term, batch): a packed array of sentence ids.
  Adding documents writes a new batch and never rewrites old rows, so an add
  is one transaction: a crash loses at most the batch in flight, readers keep
  reading the last committed state, and no rebuild is ever needed.
- A lock file serializes writers; SQLite's WAL lets readers work meanwhile.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import sqlite3
import time
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from unspun import __version__
from unspun.errors import StoreError
from unspun.settings import Settings
from unspun.text.segment import segment
from unspun.text.tokens import index_terms, words
from unspun.types import Document, Span

FORMAT = 1
DB_NAME = "unspun.sqlite"
LOCK_NAME = "write.lock"

_SCHEMA = """
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
    term TEXT NOT NULL,
    batch INTEGER NOT NULL,
    ids BLOB NOT NULL,
    PRIMARY KEY (term, batch)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    docs INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    text_bytes INTEGER NOT NULL,
    added TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """A document as the index keeps it: the text plus where its sentences lie."""

    rowid: int
    doc: Document
    spans: tuple[Span, ...]
    first_sid: int


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


def analyze_text(text: str) -> tuple[list[Span], list[set[str]]]:
    """The indexing kernel: sentence spans and each sentence's index terms."""
    spans = segment(text)
    return spans, [index_terms(words(text[s:e])) for s, e in spans]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class IndexStore:
    """Open with :meth:`create` or :meth:`open`; every method is safe while another process adds."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._n_sentences: int | None = None

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
            raise StoreError(f"{path} is an index of format {meta.get('format')}, this unspun reads {FORMAT}")
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
        progress: Callable[[int, int], None] | None = None,
    ) -> AddResult:
        """Add documents in committed batches; ids already present are skipped and counted."""
        start = time.perf_counter()
        added = duplicates = sentences = text_bytes = batches = 0
        with self._writer():
            pending: list[Document] = []
            size = 0
            seen: set[str] = set()
            for doc in documents:
                if doc.id in seen:
                    duplicates += 1
                    continue
                seen.add(doc.id)
                pending.append(doc)
                size += len(doc.text)
                if progress and len(seen) % 256 == 0:
                    progress(len(seen), text_bytes + size)
                if size >= batch_bytes:
                    a, d, s = self._commit_batch(pending)
                    added, duplicates, sentences, text_bytes = (
                        added + a,
                        duplicates + d,
                        sentences + s,
                        text_bytes + size,
                    )
                    batches += 1
                    pending, size = [], 0
            if pending:
                a, d, s = self._commit_batch(pending)
                added, duplicates, sentences, text_bytes = (
                    added + a,
                    duplicates + d,
                    sentences + s,
                    text_bytes + size,
                )
                batches += 1
            if progress:
                progress(len(seen), text_bytes)
        self._n_sentences = None
        return AddResult(added, duplicates, sentences, text_bytes, batches, time.perf_counter() - start)

    def _commit_batch(self, docs: list[Document]) -> tuple[int, int, int]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            known = self._known_ids([d.id for d in docs])
            fresh = [d for d in docs if d.id not in known]
            batch = (conn.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone())[0]
            sid = conn.execute("SELECT coalesce(max(first_sid + n_sents), 0) FROM docs").fetchone()[0]
            postings: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
            rows = []
            n_sents = 0
            for doc in fresh:
                spans, terms = analyze_text(doc.text)
                for offset, sentence_terms in enumerate(terms):
                    for term in sentence_terms:
                        postings[term].append(sid + offset)
                packed = array("I", [x for span in spans for x in span]).tobytes()
                rows.append(
                    (
                        doc.id,
                        doc.url,
                        doc.outlet,
                        doc.published.isoformat() if doc.published else None,
                        doc.title,
                        doc.lang,
                        zlib.compress(doc.text.encode("utf-8"), 3),
                        zlib.compress(packed, 3),
                        sid,
                        len(spans),
                        batch,
                    )
                )
                sid += len(spans)
                n_sents += len(spans)
            conn.executemany(
                "INSERT INTO docs(ext_id, url, outlet, published, title, lang, body, spans, first_sid, n_sents, batch)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            conn.executemany(
                "INSERT INTO postings(term, batch, ids) VALUES (?, ?, ?)",
                ((term, batch, ids.tobytes()) for term, ids in postings.items()),
            )
            conn.execute(
                "INSERT INTO batches(id, docs, sentences, text_bytes, added) VALUES (?, ?, ?, ?, ?)",
                (
                    batch,
                    len(fresh),
                    n_sents,
                    sum(len(d.text) for d in fresh),
                    dt.datetime.now(dt.UTC).isoformat(),
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return len(fresh), len(docs) - len(fresh), n_sents

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
        unique = list(set(terms))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT term, sum(length(ids)) / 4 FROM postings WHERE term IN ({marks}) GROUP BY term"
            out.update(self._conn.execute(sql, chunk).fetchall())
        return out

    def postings(self, terms: Iterable[str]) -> dict[str, np.ndarray]:
        found: defaultdict[str, list[bytes]] = defaultdict(list)
        unique = list(set(terms))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for term, blob in self._conn.execute(
                f"SELECT term, ids FROM postings WHERE term IN ({marks})", chunk
            ):
                found[term].append(blob)
        return {t: np.frombuffer(b"".join(blobs), dtype="<u4") for t, blobs in found.items()}

    def locate(self, sid: int) -> tuple[int, int]:
        """(document rowid, sentence index) of a global sentence id."""
        row = self._conn.execute(
            "SELECT rowid, first_sid FROM docs WHERE first_sid <= ? ORDER BY first_sid DESC LIMIT 1", (sid,)
        ).fetchone()
        if row is None:
            raise StoreError(
                f"sentence {sid} is not in the index {self.path}", "the index may be damaged: rebuild it"
            )
        return row[0], sid - row[1]

    def document(self, rowid: int) -> StoredDoc:
        row = self._conn.execute(
            "SELECT rowid, ext_id, url, outlet, published, title, lang, body, spans, first_sid FROM docs WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        if row is None:
            raise StoreError(f"document {rowid} is not in the index {self.path}")
        return self._stored(row)

    def documents_by_url(self, url: str) -> list[StoredDoc]:
        rows = self._conn.execute(
            "SELECT rowid, ext_id, url, outlet, published, title, lang, body, spans, first_sid FROM docs WHERE url = ?",
            (url,),
        ).fetchall()
        return [self._stored(r) for r in rows]

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
        pairs = tuple((flat[i], flat[i + 1]) for i in range(0, len(flat), 2))
        return StoredDoc(int(str(rowid)), doc, pairs, int(str(first_sid)))

    def stats(self) -> IndexStats:
        c = self._conn
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
