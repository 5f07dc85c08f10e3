"""The Spark engine: the local engine's kernels mapped with pyspark, every stage checkpointed and resumable.

Stages, in order (docs/spark.md has the full story):

1. ``documents``: executors read the corpus files (``read_documents``, one file
   per task at a time) into Parquet rows numbered in input order, with the
   warnings met while reading;
2. ``index``: the driver adds the documents, in input order, to an unspun index
   (SQLite) on a path every executor can read;
3. ``boilerplate``: sentence keys per document (map), counted across outlets and
   within each outlet (reduce), by the rules of ``find_boilerplate``;
4. ``traces``: the kernel ``document_links`` per document through
   ``mapPartitions``, each partition opening its own read-only ``IndexStore``.

The driver then streams the traces in input order into the shared ``finish``,
so both engines write the same files. A stage counts as done only when its
marker (``<stage>.json`` in the checkpoint folder, written last and atomically)
holds the fingerprint of its inputs, settings and earlier stages; a rerun
skips every stage whose marker matches and recomputes the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unspun import __version__
from unspun.errors import InputError, UnspunError
from unspun.index.store import DB_NAME, IndexStore
from unspun.ingest.corpus import Warn, corpus_files, ignore, read_documents
from unspun.scan import records
from unspun.scan.boilerplate import sentence_key
from unspun.scan.engine import finish, open_for_traces
from unspun.scan.links import document_links, outlet_of
from unspun.scan.model import DocTrace, ScanSummary
from unspun.settings import ScanSettings, Settings, default_settings
from unspun.text.segment import segment
from unspun.text.tokens import words
from unspun.types import Document

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, Row, SparkSession

Kernel = Callable[[Document, IndexStore, Settings, frozenset[int]], DocTrace]
StageLog = Callable[[str, str], None]
"""Told ``(stage, "computed" | "reused")`` as each stage ends."""

STAGES = ("documents", "index", "boilerplate", "traces")
_DOCS_PER_TASK = 100
_MAX_TASKS = 10_000
_FILE_BITS = 32


def _silent(_: str, __: str) -> None:
    return None


def scan_spark(
    paths: Sequence[str | Path],
    out: str | Path,
    index: str | Path | None = None,
    settings: Settings | None = None,
    checkpoint: str | Path | None = None,
    master: str | None = None,
    spark: SparkSession | None = None,
    warn: Warn = ignore,
    log: StageLog = _silent,
    kernel: Kernel = document_links,
    workers: int | None = None,
) -> ScanSummary:
    """``scan_corpus`` with pyspark: the same files in ``out``, each stage checkpointed to ``checkpoint``.

    Without ``spark`` a session is started (``master``, else spark-submit's or
    local[*]) and stopped at the end. Without ``checkpoint`` the stages go to a
    temporary folder (local masters only). The index is ``index`` if given,
    else ``checkpoint/index``; executors open it at the same path, so on a
    cluster both must be on a filesystem every node mounts at that path.
    ``kernel`` is the per-document function (``document_links``); ``workers``
    are the driver's processes for the index build.
    """
    start = time.perf_counter()
    settings = settings or default_settings()
    if not paths:
        raise InputError("nothing to scan", "give one or more corpus files (.jsonl, .jsonl.gz) or folders")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder", "give a folder for the scan results")
    files = [p.resolve() for p in corpus_files([Path(p) for p in paths])]
    session, owned = (spark, False) if spark is not None else _session(master)
    try:
        where_master = session.sparkContext.master or ""
        if checkpoint is None and not where_master.startswith("local"):
            raise InputError(
                f"a scan on the Spark master {where_master} needs --checkpoint",
                "give --checkpoint DIR (and --index DIR) on a filesystem every node mounts at the same path",
            )
        with _folder(checkpoint) as folder:
            run = _Run(session, folder, settings, log, checkpoint is not None)
            where = Path(index).resolve() if index is not None else folder / "index"
            documents = run.documents(files, warn)
            indexed = run.index(documents, where, workers)
            boilerplate = run.boilerplate(indexed)
            traced = run.traces(boilerplate, where, kernel)
            summary = finish(
                run.read_traces(traced),
                len(boilerplate.keys),
                out,
                str(index or ""),
                settings,
                "spark",
            )
    finally:
        if owned:
            session.stop()
    return replace(summary, seconds=round(time.perf_counter() - start, 3))


def _session(master: str | None) -> tuple[SparkSession, bool]:
    """The running session, else a new one; say plainly what is missing rather than show a Java trace."""
    try:
        from pyspark.errors import PySparkException
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise InputError(
            f"--engine spark needs pyspark ({err.name or 'pyspark'} is not installed)",
            "pip install 'unspun[spark]' (it also needs Java 17 or newer)",
        ) from err
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise InputError(
            "--engine spark needs Java 17 or newer, and no java is on PATH nor JAVA_HOME set",
            "install a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME",
        )
    # Executors run Python too: in local mode they must use this interpreter, which has unspun.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("unspun scan").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    try:
        session = builder.getOrCreate()
    except PySparkException as err:
        raise UnspunError(
            f"Spark did not start: {_cause(err)}",
            "check `java -version` (17 or newer) and JAVA_HOME; Spark also needs the loopback interface up",
        ) from err
    session.sparkContext.setLogLevel("ERROR")
    return session, True


@contextlib.contextmanager
def _folder(checkpoint: str | Path | None) -> Iterator[Path]:
    if checkpoint is not None:
        path = Path(checkpoint).resolve()
        if path.exists() and not path.is_dir():
            raise InputError(f"{path} exists and is not a folder", "give a folder for --checkpoint")
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="unspun-spark-") as tmp:
        yield Path(tmp)


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def _cause(err: BaseException) -> str:
    """The line of a Spark error that names what went wrong (the Python exception when there is one)."""
    text = str(err)
    lines = [line.rstrip() for line in text.splitlines()]
    python = [
        i
        for i, line in enumerate(lines)
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\b: ", line)
        and not line.startswith(("org.", "java."))
    ]
    if python:
        i = python[-1]
        hint = (
            lines[i + 1].strip() if i + 1 < len(lines) and lines[i + 1].lstrip().startswith("hint:") else ""
        )
        return f"{lines[i]} ({hint})" if hint else lines[i]
    return next((line for line in lines if line.strip()), type(err).__name__)[:500]


class _Stage:
    """A stage's marker: written last and atomically, naming the fingerprint it was computed for."""

    def __init__(self, folder: Path, name: str, fingerprint: str) -> None:
        self.marker = folder / f"{name}.json"
        self.data = folder / name
        self.name = name
        self.fingerprint = fingerprint

    def done(self) -> dict[str, Any] | None:
        try:
            facts = json.loads(self.marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return facts if isinstance(facts, dict) and facts.get("fingerprint") == self.fingerprint else None

    def begin(self) -> None:
        self.marker.unlink(missing_ok=True)

    def mark(self, **facts: object) -> None:
        record = {"stage": self.name, "fingerprint": self.fingerprint, "version": __version__, **facts}
        tmp = self.marker.with_name(self.marker.name + ".tmp")
        tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.marker)


class _Documents:
    """What later stages need of the documents stage."""

    def __init__(self, fingerprint: str, path: Path, count: int, skipped: frozenset[int]) -> None:
        self.fingerprint = fingerprint
        self.path = path
        self.count = count
        self.skipped = skipped


class _Indexed:
    def __init__(self, fingerprint: str, documents: _Documents) -> None:
        self.fingerprint = fingerprint
        self.documents = documents


class _Boilerplate:
    def __init__(self, fingerprint: str, keys: frozenset[int], indexed: _Indexed) -> None:
        self.fingerprint = fingerprint
        self.keys = keys
        self.indexed = indexed


class _Run:
    def __init__(
        self, spark: SparkSession, folder: Path, settings: Settings, log: StageLog, kept: bool
    ) -> None:
        self.spark = spark
        self.folder = folder
        self.settings = settings
        self.log = log
        self.kept = kept

    @contextlib.contextmanager
    def _job(self, stage: str) -> Iterator[None]:
        """A failed Spark job as one clear error saying how to resume, not a JVM stack trace."""
        from py4j.protocol import Py4JError
        from pyspark.errors import PySparkException

        try:
            yield
        except (PySparkException, Py4JError) as err:
            hint = (
                f"completed stages are kept in {self.folder}: fix the cause and rerun the same command to resume"
                if self.kept
                else "rerun with --checkpoint DIR to keep completed stages between runs"
            )
            raise UnspunError(f"Spark stage {stage} failed: {_cause(err)}", hint) from err

    def documents(self, files: list[Path], warn: Warn) -> _Documents:
        stats = [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
        stage = _Stage(self.folder, "documents", _fingerprint("documents", __version__, stats))
        facts = stage.done()
        if facts is None:
            stage.begin()
            sc = self.spark.sparkContext
            numbered = list(enumerate(str(p) for p in files))
            tasks = max(1, min(len(files), sc.defaultParallelism * 4))
            rows = sc.parallelize(numbered, tasks).mapPartitions(_read_files)
            with self._job("documents"):
                frame = self.spark.createDataFrame(rows, records.DOCUMENT_SCHEMA)
                frame.write.mode("overwrite").parquet(str(stage.data))
            facts = _document_facts(stage.data, files)
            if not facts["error"]:
                stage.mark(**facts)
                self.log("documents", "computed")
        else:
            self.log("documents", "reused")
        for message in facts["warnings"]:
            warn(message)
        if facts["error"]:
            message, _, hint = str(facts["error"]).partition("\n")
            raise InputError(message, hint)
        if not facts["documents"]:
            raise InputError(
                "the corpus holds no readable documents", "check the files: see the warnings above"
            )
        return _Documents(stage.fingerprint, stage.data, int(facts["documents"]), frozenset(facts["skipped"]))

    def index(self, documents: _Documents, where: Path, workers: int | None) -> _Indexed:
        # The index holds the documents as read; settings apply when it is queried, so they are not part of it.
        stage = _Stage(self.folder, "index", _fingerprint("index", documents.fingerprint, str(where)))
        facts = stage.done()
        if facts is not None and (where / DB_NAME).exists():
            store = IndexStore.open(where)
            try:
                digest = store.digest
            finally:
                store.close()
            if digest == facts["index_digest"]:
                self.log("index", "reused")
                return _Indexed(_fingerprint(stage.fingerprint, digest), documents)
        stage.begin()
        store = (
            IndexStore.open(where) if (where / DB_NAME).exists() else IndexStore.create(where, self.settings)
        )
        try:
            store.add(_ordered_documents(documents.path), workers=workers)
            digest = store.digest
        finally:
            store.close()
        stage.mark(index=str(where), index_digest=digest)
        self.log("index", "computed")
        return _Indexed(_fingerprint(stage.fingerprint, digest), documents)

    def _selected(self, documents: _Documents) -> DataFrame:
        """The documents to scan: each id once, at its first appearance (as the index keeps it)."""
        from pyspark.sql import functions as F

        frame = self.spark.read.parquet(str(documents.path)).where(F.col("kind") == "doc")
        if documents.skipped:
            frame = frame.where(~F.col("order").isin(sorted(documents.skipped)))
        return frame

    def boilerplate(self, indexed: _Indexed) -> _Boilerplate:
        scan = self.settings.scan
        stage = _Stage(
            self.folder, "boilerplate", _fingerprint("boilerplate", indexed.fingerprint, self.settings.digest)
        )
        if stage.done() is None:
            stage.begin()
            with self._job("boilerplate"):
                self._boilerplate_keys(self._selected(indexed.documents), scan, stage.data)
            found = _read_keys(stage.data)
            stage.mark(keys=len(found))
            self.log("boilerplate", "computed")
        else:
            found = _read_keys(stage.data)
            self.log("boilerplate", "reused")
        return _Boilerplate(stage.fingerprint, found, indexed)

    def _boilerplate_keys(self, documents: DataFrame, scan: ScanSettings, path: Path) -> None:
        """``find_boilerplate`` as map/reduce: the same two rules, counted by Spark instead of in one dict.

        A short sentence carried by more than ``boilerplate_outlets`` outlets,
        or a sentence in more than ``boilerplate_share`` of the documents of an
        outlet with at least ``boilerplate_min_docs`` (and 2) documents.
        """
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        facts = self.spark.createDataFrame(
            documents.rdd.mapPartitions(partial(_sentence_facts, scan.boilerplate_words)),
            "outlet STRING, key BIGINT, short BOOLEAN",
        ).persist(StorageLevel.MEMORY_AND_DISK)
        keyed = facts.where(F.col("key").isNotNull())
        wide = (
            keyed.where(F.col("short"))
            .select("key", "outlet")
            .distinct()
            .groupBy("key")
            .count()
            .where(F.col("count") > scan.boilerplate_outlets)
            .select("key")
        )
        sizes = (
            facts.where(F.col("key").isNull())
            .groupBy("outlet")
            .agg(F.count(F.lit(1)).alias("documents"))
            .where(F.col("documents") >= max(scan.boilerplate_min_docs, 2))
        )
        local = (
            keyed.groupBy("outlet", "key")
            .agg(F.count(F.lit(1)).alias("carriers"))
            .join(sizes, "outlet")
            .where(F.col("carriers") > F.col("documents") * F.lit(float(scan.boilerplate_share)))
            .select("key")
        )
        try:
            wide.union(local).distinct().coalesce(1).write.mode("overwrite").parquet(str(path))
        finally:
            facts.unpersist()

    def traces(self, boilerplate: _Boilerplate, where: Path, kernel: Kernel) -> Path:
        name = f"{getattr(kernel, '__module__', '')}.{getattr(kernel, '__qualname__', repr(kernel))}"
        stage = _Stage(self.folder, "traces", _fingerprint("traces", boilerplate.fingerprint, name))
        if stage.done() is not None:
            self.log("traces", "reused")
            return stage.data
        stage.begin()
        documents = boilerplate.indexed.documents
        sc = self.spark.sparkContext
        tasks = max(sc.defaultParallelism, min(documents.count // _DOCS_PER_TASK, _MAX_TASKS))
        keys = sc.broadcast(boilerplate.keys)
        # Ranges of the input order, sorted within: part-00000 holds the first documents, and so on.
        ordered = self._selected(documents).repartitionByRange(tasks, "order").sortWithinPartitions("order")
        rows = ordered.rdd.mapPartitions(partial(_trace_partition, str(where), self.settings, keys, kernel))
        with self._job("traces"):
            self.spark.createDataFrame(rows, records.TRACE_SCHEMA).write.mode("overwrite").parquet(
                str(stage.data)
            )
        keys.unpersist()
        stage.mark(documents=documents.count)
        self.log("traces", "computed")
        return stage.data

    def read_traces(self, path: Path) -> Iterator[DocTrace]:
        """The traces in input order, streamed from the part files (each a range of that order)."""
        for row in _ordered_rows(path):
            yield records.trace_from_row(row)


def _read_files(numbered: Iterable[tuple[int, str]]) -> Iterator[records.DocumentRow]:
    """Executor side of the documents stage: every document of each file, and what went wrong, in order."""
    for number, name in numbered:
        base = number << _FILE_BITS
        seq = 0
        pending: list[str] = []
        try:
            for doc in read_documents([Path(name)], warn=pending.append):
                for message in pending:
                    yield records.message_row(base + seq, "warning", message)
                    seq += 1
                pending.clear()
                yield records.document_row(base + seq, doc)
                seq += 1
        except UnspunError as err:
            pending.append(f"{err.message}\n{err.hint}")
            kinds = ["warning"] * (len(pending) - 1) + ["error"]
        else:
            kinds = ["warning"] * len(pending)
        for kind, message in zip(kinds, pending, strict=True):
            yield records.message_row(base + seq, kind, message)
            seq += 1


def _document_facts(path: Path, files: list[Path]) -> dict[str, Any]:
    """Counts, warnings, the first reading error, and the repeated ids to skip (their later appearances)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["order", "kind", "message", "id"]).sort_by("order")
    seen: set[str] = set()
    skipped: list[int] = []
    warnings: list[str] = []
    error = ""
    documents = 0
    for order, kind, message, doc_id in zip(
        *(table.column(c).to_pylist() for c in ("order", "kind", "message", "id")), strict=True
    ):
        if kind == "doc":
            if doc_id in seen:
                skipped.append(order)
                warnings.append(
                    f"skipped id {doc_id!r} in {files[order >> _FILE_BITS]}: it appears earlier in the input; "
                    "ids must be unique"
                )
            else:
                seen.add(doc_id)
                documents += 1
        elif kind == "warning":
            warnings.append(message)
        elif not error:
            error = message
    return {"documents": documents, "skipped": skipped, "warnings": warnings, "error": error}


def _ordered_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a stage written in ranges of ``order``, part file by part file, checked to be in order."""
    import pyarrow.parquet as pq

    last = -1
    for part in sorted(path.glob("part-*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                if row["order"] <= last:
                    raise UnspunError(
                        f"the checkpoint {path} is out of order at row {row['order']}",
                        "delete the checkpoint folder and rerun",
                    )
                last = row["order"]
                yield row


def _ordered_documents(path: Path) -> Iterator[Document]:
    for row in _ordered_rows(path):
        if row["kind"] == "doc":
            yield records.document_from_row(row)


def _read_keys(path: Path) -> frozenset[int]:
    import pyarrow.parquet as pq

    return frozenset(records.unsigned_key(k) for k in pq.read_table(path).column("key").to_pylist())


def _sentence_facts(short_words: int, rows: Iterable[Row]) -> Iterator[tuple[str, int | None, bool | None]]:
    """Map side of boilerplate: per document, its outlet once (key None), then each distinct sentence key.

    Sentences are cut with ``segment``, as the index cuts them for the local engine.
    """
    for row in rows:
        outlet = outlet_of(row["outlet"], row["url"], row["id"])
        yield outlet, None, None
        text: str = row["text"]
        keys: dict[int, bool] = {}
        for a, b in segment(text):
            sentence = text[a:b]
            keys.setdefault(sentence_key(sentence), len(words(sentence)) <= short_words)
        for key, short in keys.items():
            yield outlet, records.signed_key(key), short


def _trace_partition(
    where: str, settings: Settings, keys: Broadcast[frozenset[int]], kernel: Kernel, rows: Iterable[Row]
) -> Iterator[tuple[Any, ...]]:
    """Executor side of the traces stage: one read-only view of the index for the whole partition."""
    store = open_for_traces(Path(where))
    try:
        boilerplate = keys.value
        for row in rows:
            doc = records.document_from_row(row.asDict())
            yield records.trace_row(row["order"], kernel(doc, store, settings, boilerplate))
    finally:
        store.close()
