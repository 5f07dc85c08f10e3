"""`unspun scan` files: Parquet beside JSONL/CSV with the same content, the cap on sources, identical reruns.

The corpus is invented: one wire story reprinted word for word by many
outlets (a templated corpus in miniature), plus a few unrelated stories.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from unspun.scan import scan_corpus
from unspun.settings import default_settings

STORY = [
    "The Brannock harbour board approved a plan on Tuesday to dredge the northern channel for larger ferries.",
    "Board chair Ilse Varnholt said the work would begin in the spring and last about fourteen months.",
    "Fishing crews in Teskby have warned that the dredging could disturb the cod grounds near the breakwater.",
    "The plan, costed at 41 million crowns, still needs the approval of the regional assembly in Ossmark.",
]
OTHER = [
    "A late frost damaged the apple orchards of the Quellen valley, growers in Dernholm said on Friday.",
    "The Lindqvar county library will open on Sundays from next month after a vote by the town council.",
    "Volunteers counted 212 grey seals on the sandbanks off Heldorp, the highest number in a decade.",
]
CARRIERS = 9


def _corpus(folder: Path) -> Path:
    day = dt.date(2031, 5, 1)
    docs = [
        {
            "id": "wire-0",
            "url": "https://wire.example/0",
            "outlet": "wire.example",
            "published": day.isoformat(),
            "title": "Harbour board backs dredging plan",
            "text": "\n\n".join(STORY),
        }
    ]
    for k in range(1, CARRIERS):
        docs.append(
            {
                "id": f"reprint-{k}",
                "url": f"https://paper{k}.example/harbour",
                "outlet": f"paper{k}.example",
                "published": (day + dt.timedelta(days=k)).isoformat(),
                "title": "",
                "text": "\n\n".join(STORY),
            }
        )
    for k, text in enumerate(OTHER):
        docs.append(
            {
                "id": f"other-{k}",
                "url": f"https://local{k}.example/story",
                "outlet": f"local{k}.example",
                "published": day.isoformat(),
                "title": f"Local news {k}",
                "text": text,
            }
        )
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("outputs")
    corpus = _corpus(tmp)
    scan_corpus([corpus], tmp / "out", workers=1)
    return corpus, tmp / "out"


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_links_parquet_holds_the_links_of_links_jsonl(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    rows = pq.read_table(out / "links.parquet").to_pylist()
    lines = _jsonl(out / "links.jsonl")
    assert len(rows) == len(lines) > 0
    for row, line in zip(rows, lines, strict=True):
        flat = {k: _iso(v) for k, v in row.items()}
        for side in ("source", "target"):
            part = line[side]
            assert isinstance(part, dict)
            assert {k: flat[f"{side}_{k}"] for k in part} == part
        rest = {k: v for k, v in line.items() if k not in ("source", "target")}
        assert {k: flat[k] for k in rest} == rest


def test_clusters_parquet_matches_clusters_jsonl(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    rows = pq.read_table(out / "clusters.parquet").to_pylist()
    lines = _jsonl(out / "clusters.jsonl")
    assert len(rows) == len(lines) > 0
    for row, line in zip(rows, lines, strict=True):
        members = [{k: _iso(v) for k, v in m.items()} for m in row["members"]]
        earliest = line["earliest"]
        assert isinstance(earliest, dict)
        assert (row["id"], row["size"], row["outlets"], members) == (
            line["id"],
            line["size"],
            line["outlets"],
            line["members"],
        )
        assert row["text"] == earliest["text"]


def test_graph_and_outlets_parquet_match_their_csv(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    graph = pq.read_table(out / "graph.parquet").to_pylist()
    assert [{k: str(v) for k, v in r.items()} for r in graph] == _csv(out / "graph.csv")
    outlets = pq.read_table(out / "outlets.parquet").to_pylist()
    rows = _csv(out / "outlets.csv")
    assert [r["outlet"] for r in outlets] == [r["outlet"] for r in rows]
    assert len({r["outlet"] for r in rows}) == len(rows)
    for parquet_row, csv_row in zip(outlets, rows, strict=True):
        assert str(parquet_row["rank"]) == csv_row["rank"]
        assert parquet_row["farm_score"] == float(csv_row["farm_score"])
        assert " | ".join(parquet_row["evidence"]) == csv_row["evidence"]
        lag = parquet_row["lag_days"]
        assert ("" if lag is None else str(lag)) == csv_row["lag_days"]


def test_a_much_copied_sentence_keeps_at_most_the_capped_sources(
    scanned: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, out = scanned
    links = _jsonl(out / "links.jsonl")
    per_sentence: dict[tuple[object, object], int] = {}
    for x in links:
        target = x["target"]
        assert isinstance(target, dict)
        key = (target["doc"], target["sentence"])
        per_sentence[key] = per_sentence.get(key, 0) + 1
    cap = default_settings().scan.max_sources
    assert max(per_sentence.values()) == cap < CARRIERS - 1
    settings = default_settings()
    tight = replace(settings, scan=replace(settings.scan, max_sources=1))
    scan_corpus([corpus], tmp_path / "tight", settings=tight, workers=1)
    few = _jsonl(tmp_path / "tight" / "links.jsonl")
    assert len(few) < len(links)
    assert all(x["origin"] for x in few)
    # every carrier of a story sentence is still in one passage, through the links each keeps
    clusters = _jsonl(tmp_path / "tight" / "clusters.jsonl")
    story = [c for c in clusters if c["size"] == CARRIERS]
    assert len(story) == len(STORY)
    assert all(c["members"][0]["doc"] == "wire-0" for c in story)  # type: ignore[index]


def test_the_wire_is_the_origin_and_nobody_takes_from_later_reprints(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    graph = _csv(out / "graph.csv")
    assert {r["source_outlet"] for r in graph} == {"wire.example"}
    outlets = {r["outlet"]: r for r in _csv(out / "outlets.csv")}
    assert outlets["wire.example"]["taken"] == "0"
    assert all(outlets[f"paper{k}.example"]["taken"] == str(len(STORY)) for k in range(1, CARRIERS))


def test_files_are_identical_whatever_the_worker_count(scanned: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, out = scanned
    scan_corpus([corpus], tmp_path / "two", workers=2)
    names = sorted(p.name for p in out.iterdir())
    assert "links.parquet" in names and "outlets.parquet" in names
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "two" / name).read_bytes() == (out / name).read_bytes(), name
