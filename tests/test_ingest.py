"""Reading what users give: datelines, article files, JSONL corpora and folders of pages."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest.article import parse_article_text
from unspun.ingest.corpus import host_of, read_documents, read_jsonl
from unspun.ingest.dateline import parse_dateline, parse_published

OCT_3 = dt.date(2020, 10, 3)


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---- datelines --------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Saturday, 03 Oct, 2020",
        "Sat, 3 Oct 2020",
        "Oct. 3, 2020",
        "OCT 3, 2020",
        "3 October 2020",
        "2020-10-03",
        "October 3, 2020",
        "October 3rd, 2020",
        "October 3, 2020 at 9:15 a.m.",
        "Updated: 3 October 2020 14:05 GMT",
    ],
)
def test_common_dateline_forms_give_the_date(line: str) -> None:
    assert parse_dateline(line) == OCT_3


@pytest.mark.parametrize(
    "line",
    [
        "Published: October 3, 2020",
        "Published: 2020-10-03",
        "Published on Oct. 3, 2020",
        "published: 3 Oct 2020",
    ],
)
def test_a_published_prefix_is_allowed(line: str) -> None:
    assert parse_dateline(line) == OCT_3


def test_surrounding_space_and_rules_are_ignored() -> None:
    assert parse_dateline("  — Oct. 3, 2020 —  ") == OCT_3


@pytest.mark.parametrize(
    "line",
    [
        "Storm hits Brellmouth",
        "The mayor said on October 3, 2020 that the roads would reopen.",
        "3 October",
        "2020",
        "October 2020",
        "",
    ],
)
def test_a_line_that_is_not_a_dateline_gives_none(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    "line", ["2020-02-30", "31 February 2020", "Feb. 30, 2021", "2020-13-01", "0000-01-01"]
)
def test_an_impossible_date_gives_none(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-03", OCT_3),
        ("2020-10-03T12:00:00Z", OCT_3),
        ("Oct. 3, 2020", OCT_3),
        (None, None),
        ("", None),
    ],
)
def test_published_accepts_iso_dates_datetimes_datelines_and_nothing(value: object, expected: object) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2020-02-30", "1066-10-14", "9999-01-01", "soon", 20201003])
def test_published_refuses_what_cannot_be_a_publication_date(value: object) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


# ---- parse_article_text -----------------------------------------------------


def test_an_article_is_a_title_line_a_dateline_and_a_body() -> None:
    article = parse_article_text(
        "Ferry returns to Kestle Bay\nSaturday, 03 Oct, 2020\n\nThe ferry sailed at dawn.\n\nCrowds cheered."
    )
    assert article.title == "Ferry returns to Kestle Bay"
    assert article.published == OCT_3
    assert article.body == "The ferry sailed at dawn.\n\nCrowds cheered."


def test_the_dateline_is_metadata_not_part_of_the_text() -> None:
    article = parse_article_text("Ferry returns to Kestle Bay\nOct. 3, 2020\nThe ferry sailed at dawn.")
    assert "2020" not in article.text
    assert article.text == "Ferry returns to Kestle Bay\n\nThe ferry sailed at dawn."


def test_the_dateline_may_follow_a_blank_line() -> None:
    article = parse_article_text("Ferry returns to Kestle Bay\n\n2020-10-03\n\nThe ferry sailed at dawn.")
    assert article.published == OCT_3
    assert article.body == "The ferry sailed at dawn."


def test_without_a_dateline_the_first_body_line_stays_in_the_body() -> None:
    article = parse_article_text("Ferry returns to Kestle Bay\n\nThe ferry sailed at dawn. Crowds cheered.")
    assert article.title == "Ferry returns to Kestle Bay"
    assert article.published is None
    assert article.body == "The ferry sailed at dawn. Crowds cheered."


def test_the_article_text_is_normalized() -> None:
    article = parse_article_text("Ferry returns\u00a0to Kestle Bay\r\n\r\nThe ferry\u200b sailed.\r\n")
    assert article.title == "Ferry returns to Kestle Bay"
    assert article.body == "The ferry sailed."


def test_a_single_json_record_is_read_as_an_article() -> None:
    raw = record(
        id="kestle-ferry",
        url="https://kestle-gazette.example/ferry",
        outlet="kestle-gazette.example",
        published="2020-10-03",
        title="Ferry returns to Kestle Bay",
        text="The ferry sailed at dawn. Crowds cheered.",
    )
    article = parse_article_text(raw, "ferry.json")
    assert article.title == "Ferry returns to Kestle Bay"
    assert article.body == "The ferry sailed at dawn. Crowds cheered."
    assert article.published == OCT_3
    assert article.url == "https://kestle-gazette.example/ferry"
    assert article.outlet == "kestle-gazette.example"


def test_text_in_braces_that_is_not_a_record_is_read_as_plain_text() -> None:
    article = parse_article_text("{Ferry returns}\n\nThe ferry sailed at dawn. {sic}")
    assert article.title == "{Ferry returns}"
    assert article.body == "The ferry sailed at dawn. {sic}"


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\n", "\u200b\ufeff"])
def test_an_empty_article_is_an_input_error(raw: str) -> None:
    with pytest.raises(InputError) as err:
        parse_article_text(raw, "empty.txt")
    assert "empty" in err.value.message
    assert err.value.hint


# ---- JSONL corpora ----------------------------------------------------------

GOOD_A = record(
    id="gz-1", url="https://a.example/1", outlet="a.example", published="2020-10-03", text="Alpha."
)
GOOD_B = record(id="gz-2", url="https://b.example/2", outlet="b.example", published=None, text="Beta.")


def test_jsonl_records_become_documents_with_their_fields(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        [
            record(
                id="herald-1",
                url="https://herald.example/1",
                outlet="herald.example",
                published="2020-10-03",
                title="Ferry returns",
                text="The ferry sailed at dawn.",
                lang="en",
            )
        ],
    )
    [doc] = read_jsonl(path)
    assert doc.id == "herald-1"
    assert doc.url == "https://herald.example/1"
    assert doc.outlet == "herald.example"
    assert doc.published == OCT_3
    assert doc.title == "Ferry returns"
    assert doc.lang == "en"


def test_the_title_is_indexed_as_the_first_paragraph(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [record(id="x", title="Ferry returns", text="The ferry sailed.")]
    )
    [doc] = read_jsonl(path)
    assert doc.text == "Ferry returns\n\nThe ferry sailed."


def test_gzipped_jsonl_reads_like_plain_jsonl(tmp_path: Path) -> None:
    plain = write_lines(tmp_path / "c.jsonl", [GOOD_A, GOOD_B])
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert list(read_jsonl(packed)) == list(read_jsonl(plain))
    assert [d.id for d in read_jsonl(packed)] == ["gz-1", "gz-2"]


def test_blank_lines_are_ignored(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", ["", GOOD_A, "   ", "", GOOD_B, ""])
    assert [d.id for d in read_jsonl(path)] == ["gz-1", "gz-2"]


def test_a_malformed_line_is_skipped_with_a_warning_naming_file_and_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [GOOD_A, '{"id": "broken", "text": ', GOOD_B])
    warnings: list[str] = []
    docs = list(read_jsonl(path, warnings.append))
    assert [d.id for d in docs] == ["gz-1", "gz-2"]
    assert len(warnings) == 1
    assert f"{path}:2" in warnings[0]


@pytest.mark.parametrize(
    "bad",
    [
        "[1, 2, 3]",
        '"just a string"',
        record(id="no-text"),
        record(id="blank", text="   "),
        record(id="n", text=7),
    ],
)
def test_a_record_without_usable_text_is_skipped_with_a_warning(tmp_path: Path, bad: str) -> None:
    path = write_lines(tmp_path / "c.jsonl", [bad, GOOD_A])
    warnings: list[str] = []
    assert [d.id for d in read_jsonl(path, warnings.append)] == ["gz-1"]
    assert len(warnings) == 1
    assert f"{path}:1" in warnings[0]


def test_strict_mode_stops_at_the_first_bad_line_with_an_input_error(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [GOOD_A, "{not json", GOOD_B])
    with pytest.raises(InputError) as err:
        list(read_jsonl(path, strict=True))
    assert f"{path}:2" in err.value.message
    assert "--strict" in err.value.hint


def test_an_absurd_date_keeps_the_document_as_undated_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [record(id="old", published="1066-10-14", text="Gamma.")])
    warnings: list[str] = []
    [doc] = read_jsonl(path, warnings.append)
    assert doc.id == "old"
    assert doc.published is None
    assert len(warnings) == 1
    assert f"{path}:1" in warnings[0]
    assert "undated" in warnings[0]


def test_an_impossible_date_keeps_the_document_as_undated(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [record(id="feb", published="2021-02-30", text="Gamma.")])
    warnings: list[str] = []
    [doc] = read_jsonl(path, warnings.append)
    assert doc.published is None
    assert warnings


def test_a_missing_id_gets_a_stable_generated_id(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [record(text="The ferry sailed at dawn.")])
    first = [d.id for d in read_jsonl(path)]
    again = [
        d.id
        for d in read_jsonl(write_lines(tmp_path / "copy.jsonl", [record(text="The ferry sailed at dawn.")]))
    ]
    assert first == again
    assert first[0]


def test_documents_without_ids_but_with_different_texts_get_different_ids(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [record(text="The ferry sailed."), record(text="The ferry sank.")]
    )
    ids = [d.id for d in read_jsonl(path)]
    assert len(set(ids)) == 2


def test_a_missing_id_falls_back_to_the_url(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [record(url="https://herald.example/9", text="The ferry sailed.")]
    )
    [doc] = read_jsonl(path)
    assert doc.id == "https://herald.example/9"


def test_a_truncated_gzip_file_is_an_input_error(tmp_path: Path) -> None:
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(("\n".join([GOOD_A, GOOD_B] * 50) + "\n").encode())[:-20])
    with pytest.raises(InputError):
        list(read_jsonl(packed))


def test_latin1_bytes_in_a_line_do_not_lose_the_record(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "cafe", "text": "Caf\xe9 Brell opened."}\n')
    [doc] = read_jsonl(path)
    assert doc.text == "Café Brell opened."


# ---- folders of pages -------------------------------------------------------

PAGE_TEXT = (
    "Ferry returns to Kestle Bay\nOct. 3, 2020\n\nThe ferry sailed at dawn. Crowds cheered on the pier.\n"
)


def _html_page(title: str) -> str:
    paragraphs = "\n".join(
        f"<p>The harbour master of Kestle Bay, Ona Firth, said on Friday that repairs to pier {i} "
        f"would be finished by the county engineers before the ferry from Marrow Point resumes its "
        f"crossings next month, weather permitting.</p>"
        for i in range(1, 5)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Kestle Gazette. All rights reserved.</footer></body></html>"
    )


def test_a_folder_of_text_files_gives_one_document_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Pier closes\n\nThe pier closed for repairs.", encoding="utf-8")
    docs = list(read_documents([tmp_path]))
    assert len(docs) == 2
    first = next(d for d in docs if d.id.endswith("a.txt"))
    assert first.title == "Ferry returns to Kestle Bay"
    assert first.published == OCT_3
    assert (
        first.text == "Ferry returns to Kestle Bay\n\nThe ferry sailed at dawn. Crowds cheered on the pier."
    )


def test_folders_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "a.txt").write_text(PAGE_TEXT, encoding="utf-8")
    assert len(list(read_documents([tmp_path]))) == 1


def test_an_html_page_gives_its_article_text_without_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "ferry.html").write_text(_html_page("Ferry returns to Kestle Bay"), encoding="utf-8")
    [doc] = read_documents([tmp_path])
    assert doc.title == "Ferry returns to Kestle Bay"
    assert "repairs to pier 1" in doc.text
    assert "repairs to pier 4" in doc.text
    assert "Copyright" not in doc.text
    assert "Sport" not in doc.text


def test_a_binary_file_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE_TEXT, encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary \x00 stuff")
    warnings: list[str] = []
    docs = list(read_documents([tmp_path], warnings.append))
    assert [Path(d.id).name for d in docs] == ["a.txt"]
    assert len(warnings) == 1
    assert "scan.txt" in warnings[0]


def test_an_empty_text_file_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE_TEXT, encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\n", encoding="utf-8")
    warnings: list[str] = []
    docs = list(read_documents([tmp_path], warnings.append))
    assert len(docs) == 1
    assert any("blank.txt" in w for w in warnings)


def test_files_of_other_types_inside_a_folder_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE_TEXT, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert len(list(read_documents([tmp_path]))) == 1


def test_a_file_of_unknown_type_named_directly_is_an_input_error(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError) as err:
        list(read_documents([pdf]))
    assert "unknown file type" in err.value.message
    assert ".jsonl" in err.value.hint


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(read_documents([tmp_path / "nowhere.jsonl"]))


def test_a_folder_with_nothing_readable_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError):
        list(read_documents([tmp_path]))


def test_jsonl_files_and_folders_mix_in_one_read(tmp_path: Path) -> None:
    corpus = write_lines(tmp_path / "c.jsonl", [GOOD_A, GOOD_B])
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(PAGE_TEXT, encoding="utf-8")
    ids = [d.id for d in read_documents([corpus, pages])]
    assert ids[:2] == ["gz-1", "gz-2"]
    assert len(ids) == 3


def test_a_byte_order_mark_on_the_first_line_does_not_lose_the_record(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (GOOD_A + "\n" + GOOD_B + "\n").encode())
    assert [d.id for d in read_jsonl(path)] == ["gz-1", "gz-2"]


def test_a_numeric_id_is_kept_as_text(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [record(id=42, text="The ferry sailed.")])
    [doc] = read_jsonl(path)
    assert doc.id == "42"


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.harbor-gazette.example/2031/story", "harbor-gazette.example"),
        ("http://news.quillon.example", "news.quillon.example"),
        ("http://[::1", ""),  # an unclosed IPv6 bracket: urllib raises, a scan must not
        ("ftp://files.example/x", ""),
        ("", ""),
    ],
)
def test_host_of_names_the_outlet_host_and_never_raises(url: str, host: str) -> None:
    assert host_of(url) == host
