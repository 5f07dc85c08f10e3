"""Reading WARC crawls (Common Crawl News style): pages in, damage reported by offset, the rest kept.

Every WARC here is written at test time with warcio from invented pages: the
outlets, people and places do not exist.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspun.cli import main
from unspun.errors import InputError
from unspun.ingest.corpus import corpus_files, read_documents
from unspun.ingest.warc import read_warc

EXAMPLES = int(
    os.environ.get("UNSPUN_FUZZ_EXAMPLES", "60")
)  # as in tests/test_fuzz.py: raise it for a longer run
PARAGRAPHS = {
    "pier": [
        "The harbour master of Kestle Bay, Ona Firth, said on Friday that the north pier would reopen "
        "to fishing boats once the county engineers had replaced its timber decking.",
        "Repairs to the pier began in March after a winter storm tore away eleven of its supporting "
        "piles, leaving the lifeboat crew to launch from the shingle beach at Marrow Point.",
        "Firth said the ferry to the Quillan Isles would resume its crossings next month, weather "
        "permitting, and that the harbour office would publish a new timetable beforehand.",
    ],
    "quarry": [
        "The limestone quarry at Hollin Steep will close in August, its owners Brack and Daughters "
        "said, ending almost a century of blasting on the ridge above the village of Corve.",
        "Foreman Ulric Tavey said thirty-seven workers would be offered jobs at the company's depot "
        "in Corve, and that the remaining crews would be kept on to landscape the pits.",
        "The parish council of Hollin has asked for the quarry lake to be opened to swimmers once "
        "the fencing is taken down and the water has been tested by the county.",
    ],
    "marsh": [
        "The boardwalk across Fenwick marsh reopened on Tuesday after storm repairs costing "
        "eighty-two thousand crowns, the wardens of the Fenwick reserve said.",
        "Warden Odile Massary said fourteen new rails had been fitted along the heron hide and that "
        "the path to the old decoy pond would stay closed until the autumn.",
        "Visitors may bring dogs on short leads, Massary added, but the reserve asks them to keep to "
        "the boardwalk while the bitterns are nesting in the reed beds.",
    ],
}


def page(title: str, paragraphs: list[str], date: str = "", charset: str = "utf-8") -> str:
    meta = f"<meta name='date' content='{date}'>" if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='{charset}'><title>{title}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a> <a href='/weather'>Weather</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright the Kestle Gazette. All rights reserved.</footer></body></html>"
    )


PIER = page("North pier to reopen", PARAGRAPHS["pier"], date="2024-03-05")
QUARRY = page("Hollin quarry to close", PARAGRAPHS["quarry"])
MARSH = page("Fenwick boardwalk reopens", PARAGRAPHS["marsh"], date="2024-03-07")


@dataclass
class Rec:
    """One record to write: a response by default."""

    uri: str
    body: bytes = b""
    kind: str = "response"
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"
    date: str = "2024-03-09T06:30:00Z"
    number: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def record_id(self) -> str:
        return f"urn:uuid:00000000-0000-4000-8000-{self.number:012d}"


def html(uri: str, text: str, number: int, **kw: Any) -> Rec:
    return Rec(uri, text.encode("utf-8"), number=number, **kw)


def write_warc(path: Path, records: list[Rec], compress: bool = True) -> list[int]:
    """Write the records and give the byte offset at which each one starts."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    starts = []
    for rec in records:
        starts.append(out.tell())
        headers = {"WARC-Date": rec.date, "WARC-Record-ID": f"<{rec.record_id}>", **rec.extra}
        http = None
        if rec.kind in ("response", "request", "revisit"):
            fields = [("Content-Type", rec.content_type)] if rec.content_type else []
            if rec.kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", fields, is_http_request=True)
            else:
                http = StatusAndHeaders(rec.status, fields, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            rec.uri,
            rec.kind,
            payload=io.BytesIO(rec.body),
            http_headers=http,
            warc_headers_dict=headers,
            warc_content_type="application/json" if rec.kind == "metadata" else None,
        )
        writer.write_record(record)
    path.write_bytes(out.getvalue())
    return starts


THREE = [
    html("https://www.kestle-gazette.example/2024/pier", PIER, 1),
    html("https://hollin-echo.example/quarry", QUARRY, 2),
    html("https://fenwick-tribune.example/marsh", MARSH, 3),
]


def read(path: Path, strict: bool = False) -> tuple[list[str], list[str]]:
    warned: list[str] = []
    ids = [d.id for d in read_warc(path, warned.append, strict=strict)]
    return ids, warned


def ids_of(*numbers: int) -> list[str]:
    return [Rec("", number=n).record_id for n in numbers]


# ---- pages become documents ------------------------------------------------------------------


def test_each_html_response_becomes_a_document_with_its_fields(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", THREE)
    docs = list(read_warc(tmp_path / "crawl.warc.gz"))
    assert [d.id for d in docs] == ids_of(1, 2, 3)
    pier = docs[0]
    assert pier.url == "https://www.kestle-gazette.example/2024/pier"
    assert pier.outlet == "kestle-gazette.example"
    assert pier.title == "North pier to reopen"
    assert pier.text.startswith("North pier to reopen\n\nThe harbour master of Kestle Bay")
    assert "Marrow Point" in pier.text
    assert "All rights reserved" not in pier.text
    assert "Sport" not in pier.text


def test_the_page_s_own_date_is_preferred_to_the_crawl_date(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", THREE)
    published = {d.title: d.published for d in read_warc(tmp_path / "crawl.warc.gz")}
    assert published["North pier to reopen"] == dt.date(2024, 3, 5)
    assert published["Fenwick boardwalk reopens"] == dt.date(2024, 3, 7)


def test_a_page_without_a_date_takes_the_crawl_date(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", THREE)
    published = {d.title: d.published for d in read_warc(tmp_path / "crawl.warc.gz")}
    assert published["Hollin quarry to close"] == dt.date(2024, 3, 9)


def test_an_absurd_crawl_date_leaves_a_dateless_page_undated_with_a_warning(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc", [html("https://hollin-echo.example/q", QUARRY, 1, date="1066-10-14")])
    warned: list[str] = []
    [doc] = read_warc(tmp_path / "crawl.warc", warned.append)
    assert doc.published is None
    [warning] = warned
    assert "crawl.warc record at byte 0" in warning and "undated" in warning


def test_gzipped_and_plain_warcs_give_the_same_documents(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", THREE, compress=True)
    write_warc(tmp_path / "crawl.warc", THREE, compress=False)
    assert list(read_warc(tmp_path / "crawl.warc.gz")) == list(read_warc(tmp_path / "crawl.warc"))


def test_a_warc_gzipped_whole_rather_than_record_by_record_is_read(tmp_path: Path) -> None:
    write_warc(tmp_path / "plain.warc", THREE, compress=False)
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress((tmp_path / "plain.warc").read_bytes()))
    assert read(tmp_path / "whole.warc.gz") == (ids_of(1, 2, 3), [])


def test_a_truncated_warc_gzipped_whole_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    write_warc(tmp_path / "plain.warc", THREE, compress=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress((tmp_path / "plain.warc").read_bytes())[:-20])
    ids, warned = read(path)
    assert ids == ids_of(1, 2)
    [warning] = warned
    assert "of the gzip member at byte 0" in warning and "is the file complete?" in warning
    with pytest.raises(InputError, match="gzip member at byte 0"):
        read(path, strict=True)


def test_the_charset_a_page_declares_is_used(tmp_path: Path) -> None:
    title = "Мост в Заречье открыт"
    text = [
        "Новый пешеходный мост через реку Ольшанку открылся в Заречье в субботу после двух лет работ.",
        "Инженер Мирослава Телегина сказала, что мост выдержит весенний паводок и сильный ветер с озера.",
        "Жители Заречья смогут перейти на другой берег к рынку за пять минут вместо получаса на пароме.",
    ]
    body = page(title, text, charset="windows-1251").encode("cp1251")
    write_warc(
        tmp_path / "crawl.warc.gz",
        [Rec("https://vestnik-zarechya.example/most", body, content_type="text/html; charset=windows-1251")],
    )
    [doc] = read_warc(tmp_path / "crawl.warc.gz")
    assert doc.title == title
    assert "Мирослава Телегина" in doc.text


@pytest.mark.parametrize(
    ("label", "encoding"),
    [("iso-8859-1", "cp1252"), ("windows-1252", "cp1252"), ("utf-8", "utf-8"), ("no-such-charset", "utf-8")],
)
def test_latin1_labels_read_as_cp1252_and_unknown_labels_as_utf8(
    tmp_path: Path, label: str, encoding: str
) -> None:
    quoted = [
        f"\u201cWe will miss the blasting,\u201d said Corve\u2019s oldest resident. {PARAGRAPHS['quarry'][0]}"
    ]
    body = page("Hollin quarry to close", quoted + PARAGRAPHS["quarry"][1:]).encode(encoding)
    write_warc(
        tmp_path / "crawl.warc.gz",
        [Rec("https://hollin-echo.example/q", body, content_type=f"text/html; charset={label}")],
    )
    [doc] = read_warc(tmp_path / "crawl.warc.gz")
    assert "\u201cWe will miss the blasting,\u201d said Corve\u2019s oldest resident." in doc.text


def test_a_response_without_a_content_type_is_read_when_it_is_html(tmp_path: Path) -> None:
    write_warc(
        tmp_path / "crawl.warc.gz", [html("https://hollin-echo.example/q", QUARRY, 1, content_type=None)]
    )
    assert read(tmp_path / "crawl.warc.gz") == (ids_of(1), [])


# ---- records that are not article pages ----------------------------------------------------------


def test_records_that_are_not_pages_are_passed_over_and_counted_in_one_line(tmp_path: Path) -> None:
    records = [
        Rec("https://kestle-gazette.example/", kind="request", number=10),
        html("https://www.kestle-gazette.example/2024/pier", PIER, 1),
        Rec("https://kestle-gazette.example/pier", b'{"links": []}', kind="metadata", number=11),
        Rec(
            "https://kestle-gazette.example/logo.png",
            b"\x89PNG\r\n\x1a\n",
            content_type="image/png",
            number=12,
        ),
        Rec("https://kestle-gazette.example/old", b"", status="301 Moved Permanently", number=13),
        Rec(
            "https://kestle-gazette.example/gone",
            b"<html>Not found</html>",
            status="404 Not Found",
            number=14,
        ),
        Rec(
            "https://kestle-gazette.example/robots.txt",
            b"User-agent: *",
            content_type="text/plain",
            number=15,
        ),
        Rec("https://kestle-gazette.example/pier", kind="revisit", number=16),
        html(
            "https://hollin-echo.example/app",
            "<html><body><script>var quarry = 1;</script></body></html>",
            17,
        ),
        html("https://fenwick-tribune.example/marsh", MARSH, 3),
    ]
    write_warc(tmp_path / "crawl.warc.gz", records)
    ids, warned = read(tmp_path / "crawl.warc.gz")
    assert ids == ids_of(1, 3)
    [summary] = warned
    assert "crawl.warc.gz: read 2 pages" in summary
    for counted in (
        "2 responses that are not HTML",
        "2 responses other than 200 OK",
        "1 revisit records",
        "1 pages with no article text",
    ):
        assert counted in summary
    assert "skipped" not in summary


def test_a_repeated_record_id_is_skipped_with_a_warning_naming_where(tmp_path: Path) -> None:
    starts = write_warc(
        tmp_path / "crawl.warc.gz", [*THREE, html("https://hollin-echo.example/again", QUARRY, 2)]
    )
    ids, warned = read(tmp_path / "crawl.warc.gz")
    assert ids == ids_of(1, 2, 3)
    [warning] = warned
    assert f"crawl.warc.gz record at byte {starts[3]}" in warning
    assert "appears earlier" in warning


def test_an_id_already_read_from_another_file_is_a_repeat(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", THREE[:2])
    write_warc(tmp_path / "b.warc.gz", THREE[1:])
    warned: list[str] = []
    ids = [d.id for d in read_documents([tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"], warned.append)]
    assert ids == ids_of(1, 2, 3)
    assert len(warned) == 1 and "b.warc.gz" in warned[0]


# ---- damage costs only the damaged record --------------------------------------------------------


def test_a_truncated_gzip_warc_keeps_every_complete_record_and_names_the_cut_one(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    starts = write_warc(path, THREE)
    path.write_bytes(path.read_bytes()[:-60])
    ids, warned = read(path)
    assert ids == ids_of(1, 2)
    [warning] = warned
    assert warning.startswith(f"skipped {path} record at byte {starts[2]}: ")
    assert "cut short" in warning


def test_a_truncated_plain_warc_keeps_every_complete_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    starts = write_warc(path, THREE, compress=False)
    path.write_bytes(path.read_bytes()[:-60])
    ids, warned = read(path)
    assert ids == ids_of(1, 2)
    assert [f"record at byte {starts[2]}" in w for w in warned] == [True]


def test_a_corrupt_gzip_member_costs_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    starts = write_warc(path, THREE)
    data = bytearray(path.read_bytes())
    data[starts[1] + 20 : starts[1] + 40] = b"\x00" * 20
    path.write_bytes(bytes(data))
    ids, warned = read(path)
    assert ids == ids_of(1, 3)
    [warning] = warned
    assert f"{path} record at byte {starts[1]}" in warning


def test_a_garbled_record_header_in_a_plain_warc_costs_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    starts = write_warc(path, THREE, compress=False)
    data = path.read_bytes()
    path.write_bytes(data[: starts[1]] + b"WARC/1.0\r\nContent-Length: many\r\n" + data[starts[1] + 30 :])
    ids, warned = read(path)
    assert ids == ids_of(1, 3)
    assert len(warned) == 1 and f"record at byte {starts[1]}" in warned[0]


def test_a_record_whose_content_length_is_wrong_costs_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    starts = write_warc(path, THREE, compress=False)
    data = path.read_bytes()
    head_end = data.index(b"\r\n\r\n", starts[0])
    declared = int(data[starts[0] : head_end].split(b"Content-Length: ")[1].split(b"\r\n")[0])
    path.write_bytes(
        data.replace(f"Content-Length: {declared}".encode(), f"Content-Length: {declared - 90}".encode(), 1)
    )
    ids, warned = read(path)
    assert ids == ids_of(2, 3)
    assert len(warned) == 1 and "record at byte 0" in warned[0]


def test_a_target_uri_that_is_not_a_url_leaves_the_outlet_empty(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", [html("https://[kestle-gazette/pier", PIER, 1)])
    [doc] = read_warc(tmp_path / "crawl.warc.gz")
    assert doc.outlet == ""
    assert doc.title == "North pier to reopen"


def test_strict_mode_stops_at_the_damaged_record_with_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    starts = write_warc(path, THREE)
    path.write_bytes(path.read_bytes()[:-60])
    kept: list[str] = []
    with pytest.raises(InputError) as err:
        kept.extend(d.id for d in read_warc(path, strict=True))
    assert f"record at byte {starts[2]}" in err.value.message
    assert "--strict" in err.value.hint
    assert kept == ids_of(1, 2)


def test_a_file_that_is_not_a_warc_gives_one_warning_and_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("Minutes of the Hollin parish council, 4 June.\n" * 20, encoding="utf-8")
    ids, warned = read(path)
    assert ids == []
    assert len(warned) == 1 and "record at byte 0" in warned[0]
    with pytest.raises(InputError, match="record at byte 0"):
        read(path, strict=True)


def test_an_empty_warc_gives_a_warning_and_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    assert read(path) == ([], [f"skipped {path}: the file is empty"])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([b"", b"\x1f\x8b\x08\x00", b"WARC/1.0\r\n"]), st.binary(max_size=2000), st.booleans())
def test_random_bytes_give_warnings_or_an_input_error_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, head: bytes, data: bytes, strict: bool
) -> None:
    """Random bytes, bare or behind the first bytes of a gzip member or of a WARC record."""
    path = tmp_path_factory.mktemp("fuzz") / "random.warc.gz"
    path.write_bytes(head + data)
    try:
        ids, warned = read(path, strict)
    except InputError as err:
        assert strict and err.hint
    else:
        assert ids == [] and len(warned) <= 1


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(0, 2), st.lists(st.tuples(st.integers(12, 400), st.integers(1, 255)), min_size=1, max_size=8)
)
def test_damage_inside_one_gzip_member_never_loses_the_other_records(
    tmp_path_factory: pytest.TempPathFactory, member: int, flips: list[tuple[int, int]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "crawl.warc.gz"
    starts = write_warc(path, THREE)
    data = bytearray(path.read_bytes())
    ends = [*starts[1:], len(data)]
    for offset, mask in flips:
        data[min(starts[member] + offset, ends[member] - 1)] ^= mask
    path.write_bytes(bytes(data))
    ids, _ = read(path)
    others = [i for n, i in enumerate(ids_of(1, 2, 3)) if n != member]
    assert [i for i in ids if i in others] == others


# ---- entry points ------------------------------------------------------------------------------


def test_folders_pick_up_warc_files(tmp_path: Path) -> None:
    write_warc(tmp_path / "CC-NEWS-20240309063000-00001.warc.gz", THREE[:1])
    write_warc(tmp_path / "more.warc", THREE[1:], compress=False)
    assert [p.name for p in corpus_files([tmp_path])] == ["CC-NEWS-20240309063000-00001.warc.gz", "more.warc"]
    assert [d.id for d in read_documents([tmp_path])] == ids_of(1, 2, 3)


def test_without_warcio_a_warc_is_a_clear_error_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_warc(tmp_path / "crawl.warc.gz", THREE)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    with pytest.raises(InputError) as err:
        list(read_documents([tmp_path / "crawl.warc.gz"]))
    assert "warcio" in err.value.message
    assert err.value.hint == "pip install 'unspun[scan]'"


def _world(folder: Path) -> Path:
    """Three outlets; a fourth, a farm, copies the pier story's sentences from the Kestle Gazette."""
    copied = page("Pier news", [*PARAGRAPHS["pier"][:2], "Readers can send their pier photographs to us."])
    records = [
        *THREE,
        html("https://quickwire-digest.example/pier-news", copied, 4, date="2024-03-08"),
    ]
    write_warc(folder / "crawl.warc.gz", records)
    return folder / "crawl.warc.gz"


def test_index_build_accepts_a_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crawl = _world(tmp_path)
    assert main(["index", "build", "--index", str(tmp_path / "idx"), str(crawl)]) == 0
    assert "indexed 4 documents" in capsys.readouterr().err
    assert main(["index", "stats", "--index", str(tmp_path / "idx"), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert {o["outlet"] for o in stats["top_outlets"]} == {
        "kestle-gazette.example",
        "hollin-echo.example",
        "fenwick-tribune.example",
        "quickwire-digest.example",
    }


def test_scan_accepts_a_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crawl = _world(tmp_path)
    assert main(["scan", str(crawl), "--out", str(tmp_path / "out")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    with (tmp_path / "out" / "graph.csv").open(encoding="utf-8") as fh:
        edges = {(e["source_outlet"], e["target_outlet"]) for e in csv.DictReader(fh)}
    assert ("kestle-gazette.example", "quickwire-digest.example") in edges
