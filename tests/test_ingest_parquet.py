"""Reading Parquet corpora: the JSONL fields as columns, read a batch at a time, bad rows named by row.

Every file here is written at test time from invented records.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unspun.cli import main
from unspun.errors import InputError
from unspun.ingest.corpus import corpus_files, read_documents, read_jsonl
from unspun.ingest.parquet import read_parquet

MARSH = {
    "id": "marsh-1",
    "url": "https://fenwick-tribune.example/marsh",
    "outlet": "fenwick-tribune.example",
    "published": "2031-06-04",
    "title": "Fenwick marsh boardwalk reopens",
    "text": "The boardwalk across Fenwick marsh reopened on Tuesday after storm repairs costing 82,000 crowns. "
    "Warden Odile Massary said 14 new rails had been fitted along the heron hide.",
    "lang": "en",
}
QUARRY = {
    "id": "quarry-2",
    "url": "https://hollin-echo.example/quarry",
    "outlet": "hollin-echo.example",
    "published": "2031-06-05",
    "title": "Hollin quarry to close",
    "text": "The limestone quarry at Hollin Steep will close in August, its owners Brack & Daughters said. "
    "Foreman Ulric Tavey said 37 workers would be offered jobs at the Corve depot.",
    "lang": "en",
}
PIER = {
    "id": "pier-3",
    "url": "https://kestle-gazette.example/pier",
    "outlet": "kestle-gazette.example",
    "published": None,
    "title": "North pier to reopen",
    "text": "The harbour master of Kestle Bay, Ona Firth, said the north pier would reopen next month.",
    "lang": "en",
}


def write(path: Path, rows: list[dict[str, Any]], **options: Any) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, **options)
    return path


def read(path: Path, strict: bool = False) -> tuple[list[str], list[str]]:
    warned: list[str] = []
    ids = [d.id for d in read_parquet(path, warned.append, strict=strict)]
    return ids, warned


def test_rows_read_like_the_same_records_in_jsonl(tmp_path: Path) -> None:
    rows = [MARSH, QUARRY, PIER]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    from_parquet = list(read_parquet(write(tmp_path / "c.parquet", rows)))
    assert from_parquet == list(read_jsonl(tmp_path / "c.jsonl"))
    assert from_parquet[0].published == dt.date(2031, 6, 4)
    assert from_parquet[0].text.startswith("Fenwick marsh boardwalk reopens\n\nThe boardwalk")


def test_only_text_is_required_and_other_columns_are_ignored(tmp_path: Path) -> None:
    path = write(tmp_path / "c.parquet", [{"text": MARSH["text"], "raw_html": "<div>Fenwick Tribune</div>"}])
    [doc] = read_parquet(path)
    assert doc.id.startswith("sha1:")
    assert "Fenwick Tribune" not in doc.text


def test_a_missing_text_column_is_an_error_naming_the_expected_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "c.parquet", [{k: v for k, v in MARSH.items() if k != "text"}])
    with pytest.raises(InputError) as err:
        list(read_parquet(path))
    assert "no 'text' column" in err.value.message
    assert "its columns: id, url, outlet, published, title, lang" in err.value.message
    for column in ("'text'", "id", "url", "outlet", "published", "title"):
        assert column in err.value.hint


def test_rows_are_numbered_across_row_groups_and_batches(tmp_path: Path) -> None:
    rows = [{**MARSH, "id": f"m-{n}"} for n in range(2500)]
    rows[2100] = {**rows[2100], "text": None}
    path = write(tmp_path / "c.parquet", rows, row_group_size=1000)
    ids, warned = read(path)
    assert len(ids) == 2499
    assert ids[:2] == ["m-0", "m-1"] and ids[-1] == "m-2499"
    assert warned == [f"skipped {path} row 2101: the record has no 'text'"]


@pytest.mark.parametrize("text", [None, "", "   "])
def test_a_row_without_text_is_skipped_with_a_warning_naming_the_row(tmp_path: Path, text: object) -> None:
    path = write(tmp_path / "c.parquet", [MARSH, {**QUARRY, "text": text}, PIER])
    ids, warned = read(path)
    assert ids == ["marsh-1", "pier-3"]
    assert len(warned) == 1 and f"{path} row 2:" in warned[0]


def test_strict_mode_stops_at_the_first_bad_row(tmp_path: Path) -> None:
    path = write(tmp_path / "c.parquet", [MARSH, {**QUARRY, "text": None}, PIER])
    kept: list[str] = []
    with pytest.raises(InputError) as err:
        kept.extend(d.id for d in read_parquet(path, strict=True))
    assert f"{path} row 2" in err.value.message
    assert "--strict" in err.value.hint
    assert kept == ["marsh-1"]


@pytest.mark.parametrize("published", ["2031-02-30", "0042-01-01", "next Tuesday"])
def test_a_bad_date_keeps_the_row_as_undated_with_a_warning(tmp_path: Path, published: str) -> None:
    path = write(tmp_path / "c.parquet", [{**MARSH, "published": published}])
    warned: list[str] = []
    [doc] = read_parquet(path, warned.append)
    assert doc.published is None
    [warning] = warned
    assert f"{path} row 1" in warning and "undated" in warning


def test_date_and_timestamp_columns_are_dates(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "text": [MARSH["text"], QUARRY["text"], PIER["text"]],
            "published": pa.array([dt.date(2031, 6, 4), None, dt.date(1, 1, 1)], pa.date32()),
        }
    )
    pq.write_table(table, tmp_path / "d.parquet")
    stamps = pa.table(
        {
            "text": [MARSH["text"]],
            "published": pa.array(
                [dt.datetime(2031, 6, 4, 23, 15, tzinfo=dt.UTC)], pa.timestamp("ms", tz="UTC")
            ),
        }
    )
    pq.write_table(stamps, tmp_path / "t.parquet")
    warned: list[str] = []
    docs = list(read_documents([tmp_path / "d.parquet", tmp_path / "t.parquet"], warned.append))
    assert [d.published for d in docs] == [dt.date(2031, 6, 4), None, None, dt.date(2031, 6, 4)]
    assert len(warned) == 1 and "d.parquet row 3" in warned[0] and "undated" in warned[0]


def test_numeric_ids_and_binary_text_are_read_as_text(tmp_path: Path) -> None:
    table = pa.table({"id": [7], "text": pa.array(["Café Brell opened.".encode("cp1252")], pa.binary())})
    pq.write_table(table, tmp_path / "c.parquet")
    [doc] = read_parquet(tmp_path / "c.parquet")
    assert doc.id == "7"
    assert doc.text == "Café Brell opened."


def test_a_repeated_id_is_skipped_with_a_warning_naming_the_row(tmp_path: Path) -> None:
    path = write(tmp_path / "c.parquet", [MARSH, QUARRY, {**QUARRY, "text": "Another story, same id."}])
    ids, warned = read(path)
    assert ids == ["marsh-1", "quarry-2"]
    assert warned == [f"skipped {path} row 3: id 'quarry-2' appears earlier in the input; ids must be unique"]


def test_an_id_read_from_a_jsonl_file_earlier_is_a_repeat(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps(MARSH) + "\n", encoding="utf-8")
    write(tmp_path / "b.parquet", [MARSH, QUARRY])
    warned: list[str] = []
    ids = [d.id for d in read_documents([tmp_path / "a.jsonl", tmp_path / "b.parquet"], warned.append)]
    assert ids == ["marsh-1", "quarry-2"]
    assert len(warned) == 1 and "b.parquet row 1" in warned[0]


def test_an_empty_file_gives_a_warning_and_a_file_without_rows_gives_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.parquet").write_bytes(b"")
    assert read(tmp_path / "empty.parquet") == (
        [],
        [f"skipped {tmp_path / 'empty.parquet'}: the file is empty"],
    )
    rowless = write(tmp_path / "rowless.parquet", [MARSH])
    pq.write_table(pq.read_table(rowless).slice(0, 0), rowless)
    assert read(rowless) == ([], [])


@pytest.mark.parametrize("damage", ["truncated", "not parquet"])
def test_a_file_that_cannot_be_opened_as_parquet_is_a_clear_error(tmp_path: Path, damage: str) -> None:
    path = write(tmp_path / "c.parquet", [MARSH, QUARRY])
    data = path.read_bytes()
    path.write_bytes(data[:-40] if damage == "truncated" else b"Hollin parish newsletter, June issue\n" * 9)
    with pytest.raises(InputError) as err:
        list(read_parquet(path))
    assert f"cannot read {path} as Parquet" in err.value.message
    assert err.value.hint


def _with_a_damaged_row_group(path: Path) -> Path:
    rows = [{**MARSH, "id": f"m-{n}", "text": f"Warden Odile Massary counted {n} herons."} for n in range(30)]
    write(path, rows, row_group_size=10, compression="snappy")
    column = pq.ParquetFile(path).metadata.row_group(1).column(5)
    assert column.path_in_schema == "text"
    data = bytearray(path.read_bytes())
    start = column.data_page_offset
    data[start : start + 24] = bytes(b ^ 0x5A for b in data[start : start + 24])
    path.write_bytes(bytes(data))
    return path


def test_a_row_group_that_cannot_be_decoded_costs_its_own_rows_only(tmp_path: Path) -> None:
    path = _with_a_damaged_row_group(tmp_path / "c.parquet")
    ids, warned = read(path)
    assert ids == [f"m-{n}" for n in (*range(10), *range(20, 30))]
    [warning] = warned
    assert warning.startswith(f"skipped {path} rows 11-20 (row group 2) cannot be decoded")


def test_strict_mode_stops_at_a_row_group_that_cannot_be_decoded(tmp_path: Path) -> None:
    path = _with_a_damaged_row_group(tmp_path / "c.parquet")
    with pytest.raises(InputError, match="rows 11-20"):
        read(path, strict=True)


def test_rows_stream_without_loading_the_file_or_unread_columns(tmp_path: Path) -> None:
    """40 MB of a raw-page column and 6 MB of text; Arrow never holds more than a row group of text at once."""
    rows = [
        {
            "id": f"r-{n}",
            "text": f"Warden Odile Massary counted {n} herons at Fenwick marsh. " * 10,
            "raw": "x" * 8000,
        }
        for n in range(5000)
    ]
    path = write(tmp_path / "c.parquet", rows, row_group_size=500, compression="none", use_dictionary=False)
    assert path.stat().st_size > 40_000_000
    del rows
    peak = 0
    for _ in read_parquet(path):
        peak = max(peak, pa.total_allocated_bytes())
    assert peak < 5_000_000


def test_without_pyarrow_a_parquet_file_is_a_clear_error_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "c.parquet", [MARSH])
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(InputError) as err:
        list(read_documents([path]))
    assert "pyarrow" in err.value.message
    assert err.value.hint == "pip install 'unspun[scan]'"


def test_folders_pick_up_parquet_files(tmp_path: Path) -> None:
    write(tmp_path / "part-0000.parquet", [MARSH])
    write(tmp_path / "part-0001.parquet", [QUARRY])
    assert [p.name for p in corpus_files([tmp_path])] == ["part-0000.parquet", "part-0001.parquet"]
    assert [d.id for d in read_documents([tmp_path])] == ["marsh-1", "quarry-2"]


def test_index_build_accepts_parquet_and_reports_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "c.parquet", [MARSH, {**QUARRY, "text": None}, PIER])
    assert main(["index", "build", "--index", str(tmp_path / "idx"), str(path)]) == 0
    err = capsys.readouterr().err
    assert "indexed 2 documents" in err
    assert f"unspun: warning: skipped {path} row 2" in err


def test_index_build_with_a_missing_text_column_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "c.parquet", [{"id": "x", "body": "Wrong column name."}])
    assert main(["index", "build", "--index", str(tmp_path / "idx"), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unspun: error: ") and "no 'text' column" in err and "hint:" in err
    assert not (tmp_path / "idx").exists()


def test_scan_accepts_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    farm = {
        **MARSH,
        "id": "farm-1",
        "url": "https://quickwire-digest.example/marsh",
        "outlet": "quickwire-digest.example",
        "published": "2031-06-06",
        "text": MARSH["text"] + " Visitors may bring dogs on short leads, the parish clerk added.",
    }
    path = write(tmp_path / "c.parquet", [MARSH, QUARRY, PIER, farm])
    assert main(["scan", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    with (tmp_path / "out" / "outlets.csv").open(encoding="utf-8") as fh:
        outlets = {row["outlet"] for row in csv.DictReader(fh)}
    assert "quickwire-digest.example" in outlets
