"""Crash safety of the index: writers killed with SIGKILL at random points, readers during an add, two writers.

Every kill must leave an index that opens, holds exactly the batches that were
committed (each whole, none partial), keeps its counts consistent with its rows,
and completes when the same add is run again. The corpus is invented and
generated here; each document carries a unique made-up name in every sentence
so that presence, retrieval and tracing can be checked per document.

``UNSPUN_CRASH_KILLS`` raises the number of kills (default 24) for a longer run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

import unspun
from unspun.index.store import DB_NAME, IndexStore
from unspun.ingest.corpus import read_documents
from unspun.settings import default_settings

SEED = 20310307
KILLS = int(os.environ.get("UNSPUN_CRASH_KILLS", "24"))
CLI_KILLS = 4
BATCH_BYTES = 4_000
N_DOCS = 240

_ONSETS = ["br", "dr", "gl", "kr", "pl", "sk", "tr", "v", "z", "qu", "th", "m"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["nd", "rk", "lt", "sk", "mb", "rv", "x", "th"]
_PLACES = ["Orrin Vale", "Cask Harbour", "Dunmere", "Pellow Reach", "Stoney Ashby", "Farrowgate"]
_OUTLETS = ["orrin-herald.example", "cask-bulletin.example", "dunmere-post.example"]

HELPER = """
import sys
import time
from pathlib import Path

from unspun.errors import StoreError
from unspun.index.store import IndexStore
from unspun.ingest.corpus import read_documents

index, corpus, batch_bytes = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
pause = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
mode = sys.argv[5] if len(sys.argv) > 5 else ""
wait, hold = mode == "wait", [mode == "hold"]
store = IndexStore.open(index)


def progress(docs: int, size: int) -> None:
    print(f"progress {docs}", flush=True)
    if hold[0]:  # keep the write lock until told to go on
        hold[0] = False
        sys.stdin.readline()
    if pause:
        time.sleep(pause)


print("ready", flush=True)
if wait:
    sys.stdin.readline()
try:
    result = store.add(read_documents([corpus]), batch_bytes=batch_bytes, progress=progress, workers=1)
except StoreError as err:
    print(f"refused {err.message}", flush=True)
    sys.exit(3)
print(f"done {result.added} {result.batches}", flush=True)
"""


def _name(n: int) -> str:
    """A made-up surname unique to document ``n``, far from every other one."""
    a = _ONSETS[n % len(_ONSETS)]
    b = _VOWELS[(n // len(_ONSETS)) % len(_VOWELS)]
    c = _CODAS[(n // (len(_ONSETS) * len(_VOWELS))) % len(_CODAS)]
    return f"{a.capitalize()}{b}{c}ov{n}"


def _record(n: int, prefix: str = "doc") -> dict[str, Any]:
    name = _name(n)
    place = _PLACES[n % len(_PLACES)]
    return {
        "id": f"{prefix}-{n:04d}",
        "url": f"https://{_OUTLETS[n % 3]}/{prefix}/{n}",
        "outlet": _OUTLETS[n % 3],
        "published": f"2031-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "title": f"{name} opens the {place} seed library",
        "text": (
            f"Councillor Imra {name} opened a seed library in {place} on Thursday with {100 + n} jars of beans. "
            f"{name} said the shelves were built from timber salvaged from the old {place} ropeworks. "
            f"Volunteers led by {name} plan to lend {n % 40 + 3} varieties of squash by the spring."
        ),
    }


def write_corpus(path: Path, n_docs: int = N_DOCS, prefix: str = "doc") -> list[dict[str, Any]]:
    records = [_record(n, prefix) for n in range(n_docs)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return records


@dataclass
class Corpus:
    path: Path
    records: list[dict[str, Any]]
    batches: list[list[str]]  # the document ids of each batch of an uninterrupted add, in order


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("crash-corpus")
    records = write_corpus(folder / "corpus.jsonl")
    ref = IndexStore.create(folder / "reference", default_settings())
    ref.add(read_documents([folder / "corpus.jsonl"]), batch_bytes=BATCH_BYTES, workers=1)
    ref.close()
    batches = _batches(folder / "reference")
    assert len(batches) >= 15, "the corpus must be split into many batches for the kills to mean anything"
    assert [i for b in batches for i in b] == [r["id"] for r in records]
    return Corpus(folder / "corpus.jsonl", records, batches)


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash-helper") / "add_helper.py"
    path.write_text(HELPER, encoding="utf-8")
    return path


def _connect(index: Path) -> sqlite3.Connection:
    return sqlite3.connect(index / DB_NAME, timeout=30.0, isolation_level=None)


def _batches(index: Path) -> list[list[str]]:
    conn = _connect(index)
    try:
        out: dict[int, list[str]] = {}
        for ext_id, batch in conn.execute("SELECT ext_id, batch FROM docs ORDER BY rowid"):
            out.setdefault(int(batch), []).append(str(ext_id))
        return [out[b] for b in sorted(out)]
    finally:
        conn.close()


def _start(helper: Path, index: Path, corpus: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(helper), str(index), str(corpus), str(BATCH_BYTES), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _read_until(stream: IO[str] | None, lines: int) -> None:
    """Consume ``lines`` lines of the helper's output (or stop at its end)."""
    assert stream is not None
    for _ in range(lines):
        if not stream.readline():
            return


def _kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the process we started and everything it forked (its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)


def check_committed_state(index: Path, corpus: Corpus) -> int:
    """The index opens and holds exactly batches 1..m of the uninterrupted add, each whole; returns m."""
    conn = _connect(index)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("BEGIN")
        batch_rows = conn.execute("SELECT id, docs, sentences FROM batches ORDER BY id").fetchall()
        m = len(batch_rows)
        assert [r[0] for r in batch_rows] == list(range(1, m + 1))
        assert m <= len(corpus.batches)
        stored = _batches(index)
        assert stored == corpus.batches[:m], "a committed batch is incomplete or an uncommitted one leaked"
        for (number, n_docs, n_sents), ids in zip(batch_rows, stored, strict=True):
            assert n_docs == len(ids)
            assert (
                n_sents
                == conn.execute("SELECT sum(n_sents) FROM docs WHERE batch = ?", (number,)).fetchone()[0]
            )
        assert conn.execute("SELECT coalesce(max(batch), 0) FROM postings").fetchone()[0] == m
        conn.execute("COMMIT")
    finally:
        conn.close()
    store = IndexStore.open(index)
    try:
        stats = store.stats()
        ids = [i for b in corpus.batches[:m] for i in b]
        assert stats.documents == len(ids)
        assert stats.batches == m
        rows = {d.doc.id: d for d in store.documents()}
        assert stats.sentences == sum(len(d.spans) for d in rows.values())
        by_id = {r["id"]: r for r in corpus.records}
        # every committed document is retrievable by its own made-up name, from its title sentence on
        markers = {_name(int(i.split("-")[1])).lower(): rows[i] for i in ids}
        postings = store.postings(markers)
        for marker, stored_doc in markers.items():
            sids = set(postings[marker].tolist())
            assert stored_doc.first_sid in sids
            assert store.locate(stored_doc.first_sid) == (stored_doc.rowid, 0)
            assert stored_doc.doc.url == by_id[stored_doc.doc.id]["url"]
    finally:
        store.close()
    if m:
        last = by_id[corpus.batches[m - 1][-1]]
        assert traced_source(index, last) == last["id"]
    return m


def copied_article(record: dict[str, Any]) -> str:
    """A farm copy of the record: a new headline and its first two sentences (not its whole text,
    which unspun would take for the document itself)."""
    first, second, _ = record["text"].split(". ")
    return f"Seed library news\n\n{first}. {second}."


def traced_source(index: Path, record: dict[str, Any]) -> str | None:
    with unspun.Index(index) as idx:
        report = idx.trace(copied_article(record), analyze=False)
    sources = report.alignments[1].sources
    return sources[0].doc_id if sources else None


def check_rerun_completes(index: Path, corpus: Corpus, committed_batches: int) -> None:
    committed = sum(len(b) for b in corpus.batches[:committed_batches])
    store = IndexStore.open(index)
    try:
        result = store.add(read_documents([corpus.path]), batch_bytes=BATCH_BYTES, workers=1)
        assert result.duplicates == committed
        assert result.added == len(corpus.records) - committed
        stats = store.stats()
        assert stats.documents == len(corpus.records)
        assert sorted(d.doc.id for d in store.documents()) == sorted(r["id"] for r in corpus.records)
    finally:
        store.close()


def _fresh_index(path: Path) -> Path:
    IndexStore.create(path, default_settings()).close()
    return path


# ---- SIGKILL during index add ---------------------------------------------------


def test_the_reference_corpus_traces_back_to_each_document(corpus: Corpus, tmp_path: Path) -> None:
    """The check used after every kill is itself sound: whole adds pass it and trace correctly."""
    index = _fresh_index(tmp_path / "idx")
    store = IndexStore.open(index)
    store.add(read_documents([corpus.path]), batch_bytes=BATCH_BYTES, workers=1)
    store.close()
    assert check_committed_state(index, corpus) == len(corpus.batches)
    for record in random.Random(SEED).sample(corpus.records, 5):
        assert traced_source(index, record) == record["id"]


def test_an_add_killed_at_random_points_keeps_exactly_the_committed_batches(
    corpus: Corpus, helper: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    chunks = len(corpus.batches)
    outcomes: list[int] = []
    for run in range(KILLS):
        index = _fresh_index(tmp_path / f"idx-{run}")
        # a short pause per chunk keeps the writer close to the point we chose; the kill then lands
        # anywhere within the next few milliseconds: reading, analyzing, or inside a commit
        proc = _start(helper, index, corpus.path, "0.003")
        _read_until(proc.stdout, 1 + rng.randint(0, chunks))  # "ready", then k chunks analyzed
        time.sleep(rng.uniform(0.0, 0.01))
        _kill(proc)
        committed = check_committed_state(index, corpus)
        outcomes.append(committed)
        check_rerun_completes(index, corpus, committed)
        assert check_committed_state(index, corpus) == len(corpus.batches)
    print(f"\n{KILLS} kills: committed batches at the kill {outcomes} of {len(corpus.batches)}")
    assert len(outcomes) == KILLS
    # not vacuous: most kills land while batches are still being written
    assert any(0 < c < len(corpus.batches) for c in outcomes)


def test_the_cli_index_add_killed_midway_is_all_or_nothing_and_a_rerun_completes(
    corpus: Corpus, tmp_path: Path
) -> None:
    """`unspun index add` writes one batch for a small corpus (worker processes included in the kill)."""
    rng = random.Random(SEED + 1)
    cmd = [sys.executable, "-m", "unspun.cli", "index", "add", "--index"]
    for run in range(CLI_KILLS):
        index = _fresh_index(tmp_path / f"cli-{run}")
        proc = subprocess.Popen(
            [*cmd, str(index), str(corpus.path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.2, 1.5))
        _kill(proc)
        store = IndexStore.open(index)
        assert store.stats().documents in (0, len(corpus.records))
        store.close()
        done = subprocess.run(
            [*cmd, str(index), str(corpus.path)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        with unspun.Index(index) as idx:
            assert idx.stats().documents == len(corpus.records)


# ---- readers during a write ---------------------------------------------------------


def test_readers_keep_tracing_and_see_only_whole_batches_while_a_writer_adds(
    corpus: Corpus, helper: Path, tmp_path: Path
) -> None:
    index = _fresh_index(tmp_path / "idx")
    target = corpus.records[-1]  # lands in the last batch
    errors: list[BaseException] = []
    seen: list[int] = []
    traces = 0
    stop = threading.Event()

    def snapshot_reader() -> None:
        conn = _connect(index)
        try:
            while not stop.is_set():
                conn.execute("BEGIN")
                batches = conn.execute("SELECT id, docs FROM batches ORDER BY id").fetchall()
                per_batch = dict(conn.execute("SELECT batch, count(*) FROM docs GROUP BY batch").fetchall())
                conn.execute("COMMIT")
                assert per_batch == {b: n for b, n in batches}
                seen.append(len(batches))
        except BaseException as err:
            errors.append(err)
        finally:
            conn.close()

    def tracing_reader() -> None:
        nonlocal traces
        try:
            with unspun.Index(index) as long_lived:
                while not stop.is_set():
                    # a fresh open each time; before the target lands, a sibling with another
                    # name is a fair "spun" source, so only the absence of errors is checked here
                    traced_source(index, target)
                    report = long_lived.trace(copied_article(target), analyze=False)
                    assert len(report.alignments) == 3
                    traces += 1
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=snapshot_reader), threading.Thread(target=tracing_reader)]
    for t in threads:
        t.start()
    proc = _start(helper, index, corpus.path, "0.01")
    _out, err = proc.communicate(timeout=120)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert proc.returncode == 0, err
    assert not errors, errors
    assert traces >= 1
    assert seen == sorted(seen), "a reader saw the index go back in time"
    assert traced_source(index, target) == target["id"]
    assert check_committed_state(index, corpus) == len(corpus.batches)


class _CommitBetweenQueries:
    """A connection stand-in that lets another writer commit a batch right after the first query."""

    def __init__(self, conn: sqlite3.Connection, on_first: Iterator[None]) -> None:
        self._conn = conn
        self._on_first = on_first
        self._calls = 0

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        cursor = self._conn.execute(sql, *args)
        self._calls += 1
        if self._calls == 1:
            # the first query's rows are read before the other writer commits
            rows = cursor.fetchall()
            next(self._on_first, None)
            return _Rows(rows)  # type: ignore[return-value]
        return cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _Rows:
    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return self._rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


def test_stats_read_during_an_add_are_one_consistent_snapshot(corpus: Corpus, tmp_path: Path) -> None:
    index = _fresh_index(tmp_path / "idx")
    docs = list(read_documents([corpus.path]))
    first = IndexStore.open(index)
    first.add(docs[:10], workers=1)
    first.close()

    def commit_another_batch() -> Iterator[None]:
        writer = IndexStore.open(index)
        writer.add(docs[10:20], workers=1)
        writer.close()
        yield

    reader = IndexStore.open(index)
    reader._conn = _CommitBetweenQueries(reader._conn, commit_another_batch())  # type: ignore[assignment]
    stats = reader.stats()
    reader.close()
    conn = _connect(index)
    per_batch_docs = [n for (n,) in conn.execute("SELECT docs FROM batches ORDER BY id")]
    conn.close()
    assert stats.documents == sum(per_batch_docs[: stats.batches])


# ---- two writers ----------------------------------------------------------------------


def test_two_writers_are_serialized_or_refused_never_interleaved(helper: Path, tmp_path: Path) -> None:
    index = _fresh_index(tmp_path / "idx")
    left = write_corpus(tmp_path / "left.jsonl", 120, "left")
    right = write_corpus(tmp_path / "right.jsonl", 120, "right")
    procs = [
        _start(helper, index, tmp_path / "left.jsonl", "0.005", "wait"),
        _start(helper, index, tmp_path / "right.jsonl", "0.005", "wait"),
    ]
    for p in procs:
        _read_until(p.stdout, 1)
    for p in procs:  # both start adding at once
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert sorted(codes) in ([0, 0], [0, 3]), results
    for (out, err), code in zip(results, codes, strict=True):
        assert "Traceback" not in err
        if code == 3:
            assert "another process is adding" in out
    batches = _batches(index)
    owners = [{i.split("-")[0] for i in b} for b in batches]
    assert all(len(o) == 1 for o in owners), "a batch mixes documents of two writers"
    sequence = [o.pop() for o in owners]
    # each writer's batches are one contiguous run: no batch of one between two of the other
    runs = [k for i, k in enumerate(sequence) if i == 0 or sequence[i - 1] != k]
    assert len(runs) == len(set(runs))
    stored = {i for b in batches for i in b}
    for records, code in zip((left, right), codes, strict=True):
        ids = {r["id"] for r in records}
        assert ids <= stored if code == 0 else not (ids & stored)


def test_a_second_cli_writer_is_refused_with_a_clear_error(
    corpus: Corpus, helper: Path, tmp_path: Path
) -> None:
    index = _fresh_index(tmp_path / "idx")
    writer = _start(helper, index, corpus.path, "0", "hold")
    _read_until(writer.stdout, 2)  # it holds the lock once it reports progress, and waits
    try:
        done = subprocess.run(
            [sys.executable, "-m", "unspun.cli", "index", "add", "--index", str(index), str(corpus.path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        _out, err = writer.communicate("go\n", timeout=120)
    assert writer.returncode == 0, err
    assert done.returncode == 3
    assert done.stderr.startswith("unspun: error: another process is adding")
    assert "hint:" in done.stderr
    assert "Traceback" not in done.stderr
    assert check_committed_state(index, corpus) == len(corpus.batches)
