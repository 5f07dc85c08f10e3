"""`unspun scan --engine spark`: the same files as the local engine, stage checkpoints, resuming, clear errors.

One local[2] SparkSession serves the whole module (it takes ~10 s to start).
The corpus is invented: the demo world, its farm article, a small synthetic
world with boilerplate added, a repeated id and a bad line.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from unspun.cli import main
from unspun.errors import InputError, UnspunError
from unspun.index.store import IndexStore
from unspun.ingest.article import parse_article_text, read_article
from unspun.scan import scan_corpus
from unspun.scan.boilerplate import find_boilerplate
from unspun.scan.links import document_links, outlet_of
from unspun.scan.model import DocTrace
from unspun.settings import Settings, default_settings
from unspun.types import Document

pyspark = pytest.importorskip("pyspark")
from pyspark import cloudpickle  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

from unspun.scan.spark import STAGES, scan_spark  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from synth.generator import SynthDoc, make_world, write_jsonl  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
FARM = "dailytruthpulse.example"
BOILERPLATE = "Follow our newsroom on Quillnet and Brightbook for the latest updates from across the region."
FAIL_ON = "dtp-truce-talks"
SUMMARIES = ("summary.json", "summary.html")


def _corpus(folder: Path) -> Path:
    """Two files: the demo world plus a synthetic one with a boilerplate line, and extras with a repeat and a bad line."""
    folder.mkdir()
    article = read_article(str(DEMO / "farm-article.txt"))
    farm = {
        "id": FAIL_ON,
        "url": f"https://{FARM}/2031/03/20/truce-talks",
        "outlet": FARM,
        "published": "2031-03-20",
        "title": article.title,
        "text": article.body,
    }
    world = make_world(5, stories=8, cases=3, noise_docs=10)
    docs = [
        SynthDoc(d.id, d.url, d.outlet, d.published, d.title, f"{d.text}\n\n{BOILERPLATE}")
        for d in world.docs
    ]
    for k, case in enumerate(world.cases):
        parsed = parse_article_text(case.article_text, f"case {k}")
        url = f"https://quickwire-digest.example/story-{k}"
        docs.append(
            SynthDoc(
                f"farm-{k}",
                url,
                "quickwire-digest.example",
                case.article_published,
                parsed.title,
                parsed.body,
            )
        )
    write_jsonl(docs, folder / "a-world.jsonl")
    demo = (DEMO / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    repeated = json.loads(demo[0])
    extras = [
        *demo,
        json.dumps(farm),
        "{not json",
        json.dumps({**repeated, "text": "A later copy under a known id."}),
    ]
    with gzip.open(folder / "b-demo.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(extras) + "\n")
    return folder


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("unspun tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


class Scans:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.corpus = root / "corpus"
        self.local = root / "local"
        self.spark = root / "spark"
        self.checkpoint = root / "checkpoint"
        self.warnings: list[str] = []
        self.stages: list[tuple[str, str]] = []


@pytest.fixture(scope="module")
def scans(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> Scans:
    s = Scans(tmp_path_factory.mktemp("spark"))
    _corpus(s.corpus)
    scan_corpus([s.corpus], s.local, workers=1)
    scan_spark(
        [s.corpus],
        s.spark,
        checkpoint=s.checkpoint,
        spark=spark,
        warn=s.warnings.append,
        log=lambda name, how: s.stages.append((name, how)),
    )
    return s


def _same_files(a: Path, b: Path) -> None:
    """Every result file byte for byte; the summaries differ only in the engine they name."""
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        left, right = (a / name).read_bytes(), (b / name).read_bytes()
        if name in SUMMARIES:
            left = left.replace(b"local", b"ENGINE").replace(b"spark", b"ENGINE")
            right = right.replace(b"local", b"ENGINE").replace(b"spark", b"ENGINE")
        assert left == right, name


def test_spark_and_local_engines_write_identical_files(scans: Scans) -> None:
    _same_files(scans.local, scans.spark)
    summary = json.loads((scans.spark / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"] == "spark"
    assert summary["boilerplate_sentences"] > 0 and summary["links"] > 0
    assert scans.stages == [(name, "computed") for name in STAGES]


def test_reading_warns_about_bad_lines_and_repeated_ids(scans: Scans) -> None:
    assert any("b-demo.jsonl.gz" in w and "skipped" in w for w in scans.warnings)
    assert any(
        repr(json.loads((DEMO / "corpus.jsonl").read_text().splitlines()[0])["id"]) in w
        for w in scans.warnings
    )


def _stored(store: IndexStore) -> Iterator[tuple[str, list[str]]]:
    for s in store.documents():
        yield outlet_of(s.doc.outlet, s.doc.url, s.doc.id), [s.doc.text[a:b] for a, b in s.spans]


def test_the_boilerplate_map_reduce_finds_what_find_boilerplate_finds(scans: Scans) -> None:
    import pyarrow.parquet as pq

    from unspun.scan.records import unsigned_key

    keys = {
        unsigned_key(k) for k in pq.read_table(scans.checkpoint / "boilerplate").column("key").to_pylist()
    }
    store = IndexStore.open(scans.checkpoint / "index")
    try:
        expected = find_boilerplate(_stored(store), default_settings().scan)
    finally:
        store.close()
    assert keys == expected and expected


def _failing_kernel(
    doc: Document, store: IndexStore, settings: Settings, boilerplate: frozenset[int]
) -> DocTrace:
    if doc.id == FAIL_ON:
        raise RuntimeError("injected fault")
    return document_links(doc, store, settings, boilerplate)


def _state(folder: Path) -> dict[str, int]:
    """Modification times of every file of the finished stages: unchanged means not recomputed."""
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for name in STAGES[:3]
        for p in [folder / f"{name}.json", *sorted((folder / name).rglob("*"))]
        if p.is_file() and not p.name.startswith("unspun.sqlite")
    }


def test_a_failed_stage_is_resumed_without_redoing_the_finished_ones(
    scans: Scans, spark: SparkSession, tmp_path: Path
) -> None:
    checkpoint = tmp_path / "checkpoint"
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with pytest.raises(UnspunError, match="injected fault") as failed:
            scan_spark(
                [scans.corpus], tmp_path / "out", checkpoint=checkpoint, spark=spark, kernel=_failing_kernel
            )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert "rerun the same command" in failed.value.hint
    assert [p.name for p in sorted(checkpoint.glob("*.json"))] == [
        "boilerplate.json",
        "documents.json",
        "index.json",
    ]
    before = _state(checkpoint)
    stages: list[tuple[str, str]] = []
    scan_spark(
        [scans.corpus], tmp_path / "out", checkpoint=checkpoint, spark=spark, log=lambda *s: stages.append(s)
    )
    assert stages == [
        ("documents", "reused"),
        ("index", "reused"),
        ("boilerplate", "reused"),
        ("traces", "computed"),
    ]
    assert _state(checkpoint) == before
    _same_files(scans.local, tmp_path / "out")


def test_changed_settings_recompute_only_the_stages_they_affect(
    scans: Scans, spark: SparkSession, tmp_path: Path
) -> None:
    settings = default_settings()
    looser = replace(settings, scan=replace(settings.scan, boilerplate_share=0.9))
    stages: list[tuple[str, str]] = []
    out = tmp_path / "out"
    scan_spark(
        [scans.corpus],
        out,
        settings=looser,
        checkpoint=scans.checkpoint,
        spark=spark,
        log=lambda *s: stages.append(s),
    )
    assert stages == [
        ("documents", "reused"),
        ("index", "reused"),
        ("boilerplate", "computed"),
        ("traces", "computed"),
    ]
    scan_corpus([scans.corpus], tmp_path / "local", settings=looser, workers=1)
    _same_files(tmp_path / "local", out)


def test_the_cli_resumes_from_a_checkpoint(
    scans: Scans, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run after the settings test: the boilerplate and traces stages come back to the default settings."""
    out = tmp_path / "out"
    argv = [
        "scan",
        str(scans.corpus),
        "--out",
        str(out),
        "--engine",
        "spark",
        "--checkpoint",
        str(scans.checkpoint),
    ]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "spark stage documents: reused" in err and "spark stage index: reused" in err
    _same_files(scans.local, out)


def test_an_unreadable_file_is_a_clear_error(spark: SparkSession, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"id": "a", "text": "Some words here."}\n')[:-12])
    with pytest.raises(InputError, match="cannot read") as failed:
        scan_spark([broken], tmp_path / "out", checkpoint=tmp_path / "ck", spark=spark)
    assert "gzip" in failed.value.hint
    assert not (tmp_path / "ck" / "documents.json").exists()


def _no_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SparkSession, "getActiveSession", staticmethod(lambda: None))


def test_without_pyspark_the_cli_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("pyspark", "pyspark.sql", "pyspark.errors"):
        monkeypatch.setitem(sys.modules, name, None)
    code = main(["scan", str(DEMO / "corpus.jsonl"), "--out", str(tmp_path / "out"), "--engine", "spark"])
    err = capsys.readouterr().err
    assert code == 2 and "pip install 'unspun[spark]'" in err and "Traceback" not in err


def test_without_java_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_session(monkeypatch)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="Java 17") as failed:
        scan_spark([DEMO / "corpus.jsonl"], tmp_path / "out")
    assert "JAVA_HOME" in failed.value.hint


def test_spark_options_need_the_spark_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["scan", str(DEMO / "corpus.jsonl"), "--out", str(tmp_path / "out"), "--checkpoint", str(tmp_path)]
    )
    assert code == 2 and "--engine spark" in capsys.readouterr().err
