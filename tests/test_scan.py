"""`unspun scan` on the project's own data: the demo world plus its farm article, and a synthetic world.

Everything scanned here is invented (demo/ and tests/synth/); the real-corpus
ranking check lives in test_scan_real.py.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest.article import parse_article_text, read_article
from unspun.scan import ScanSummary, scan_corpus

sys.path.insert(0, str(Path(__file__).parent))
from synth.generator import SynthDoc, make_world, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
FARM = "dailytruthpulse.example"
SYNTH_FARM = "quickwire-digest.example"
SHORT_BOILERPLATE = "All rights reserved."
LONG_BOILERPLATE = (
    "Follow our newsroom on Quillnet and Brightbook for the latest updates from across the region every day."
)
FILES = (
    "links.jsonl",
    "links.parquet",
    "clusters.jsonl",
    "clusters.parquet",
    "graph.csv",
    "graph.parquet",
    "outlets.csv",
    "outlets.parquet",
    "summary.json",
    "summary.html",
)


def _farm_record(path: Path) -> dict[str, object]:
    article = read_article(str(path))
    return {
        "id": "dtp-truce-talks",
        "url": f"https://{FARM}/2031/03/20/truce-talks",
        "outlet": FARM,
        "published": "2031-03-20",
        "title": article.title,
        "text": article.body,
    }


def _read(out: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, object]]]:
    with (out / "outlets.csv").open(encoding="utf-8") as fh:
        outlets = list(csv.DictReader(fh))
    with (out / "graph.csv").open(encoding="utf-8") as fh:
        graph = list(csv.DictReader(fh))
    links = [json.loads(line) for line in (out / "links.jsonl").read_text(encoding="utf-8").splitlines()]
    return outlets, graph, links


@pytest.fixture(scope="module")
def demo_scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, ScanSummary]]:
    tmp = tmp_path_factory.mktemp("demo")
    farm = tmp / "farm.jsonl"
    farm.write_text(json.dumps(_farm_record(DEMO / "farm-article.txt")) + "\n", encoding="utf-8")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for src in (DEMO / "corpus.jsonl", farm):
        (corpus / src.name).write_bytes(src.read_bytes())
    summary = scan_corpus([corpus], tmp / "out", workers=1)
    yield corpus, tmp / "out", summary


def test_the_demo_farm_ranks_first_with_evidence(demo_scan: tuple[Path, Path, ScanSummary]) -> None:
    _, out, summary = demo_scan
    outlets, _, _ = _read(out)
    assert outlets[0]["outlet"] == FARM
    assert summary.top[0][0] == FARM
    scores = [float(r["farm_score"]) for r in outlets]
    assert scores == sorted(scores, reverse=True)
    assert float(outlets[0]["spin_rate"]) > 0.5 and "spun" in outlets[0]["evidence"]


def test_wire_edges_point_from_earlier_to_later(demo_scan: tuple[Path, Path, ScanSummary]) -> None:
    _, out, _ = demo_scan
    _, graph, links = _read(out)
    pairs = {(e["source_outlet"], e["target_outlet"]) for e in graph}
    assert ("mpa-wire.example", FARM) in pairs
    assert ("mpa-wire.example", "valdoran-herald.example") in pairs
    assert not any(t == "mpa-wire.example" for _, t in pairs)
    for link in links:
        src, dst = link["source"], link["target"]
        assert isinstance(src, dict) and isinstance(dst, dict)
        if src["published"] and dst["published"]:
            assert src["published"] <= dst["published"]
        assert src["outlet"] != dst["outlet"]


def test_output_files_exist_and_parse(demo_scan: tuple[Path, Path, ScanSummary]) -> None:
    _, out, summary = demo_scan
    assert all((out / name).is_file() for name in FILES)
    clusters = [
        json.loads(line) for line in (out / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(clusters) == summary.clusters > 0
    for c in clusters:
        dates = [m["published"] for m in c["members"] if m["published"]]
        assert dates == sorted(dates)
        assert c["earliest"]["doc"] == c["members"][0]["doc"]
        if c["earliest"]["published"] and dates:
            assert c["earliest"]["published"] == dates[0]
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["farm_ranking"][0]["outlet"] == FARM
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_two_runs_write_identical_files(demo_scan: tuple[Path, Path, ScanSummary], tmp_path: Path) -> None:
    corpus, out, _ = demo_scan
    scan_corpus([corpus], tmp_path / "again", workers=2)
    for name in FILES:
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def _with_boilerplate(doc: SynthDoc) -> SynthDoc:
    text = f"{doc.text}\n\n{LONG_BOILERPLATE}\n\n{SHORT_BOILERPLATE}"
    return SynthDoc(doc.id, doc.url, doc.outlet, doc.published, doc.title, text)


def test_a_synthetic_farm_ranks_first_and_boilerplate_links_nothing(tmp_path: Path) -> None:
    world = make_world(3)
    docs = [_with_boilerplate(d) for d in world.docs]
    for k, case in enumerate(world.cases):
        article = parse_article_text(case.article_text, f"case {k}")
        url = f"https://{SYNTH_FARM}/story-{k}"
        docs.append(
            _with_boilerplate(
                SynthDoc(f"farm-{k}", url, SYNTH_FARM, case.article_published, article.title, article.body)
            )
        )
    write_jsonl(docs, tmp_path / "world.jsonl")
    summary = scan_corpus([tmp_path / "world.jsonl"], tmp_path / "out")
    outlets, graph, links = _read(tmp_path / "out")
    assert outlets[0]["outlet"] == SYNTH_FARM
    assert summary.boilerplate >= 2
    texts = {str(x[k]) for x in links for k in ("source_text", "target_text")}
    assert not any("Quillnet" in t or t.startswith("All rights reserved") for t in texts)
    farm_sources = {e["source_outlet"] for e in graph if e["target_outlet"] == SYNTH_FARM}
    assert any(o.endswith("-wire.example") for o in farm_sources)


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        scan_corpus([tmp_path / "missing.jsonl"], tmp_path / "out")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no readable documents"):
        scan_corpus([empty], tmp_path / "out")
    with pytest.raises(InputError):
        scan_corpus([], tmp_path / "out")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        scan_corpus([DEMO / "corpus.jsonl"], blocker)
