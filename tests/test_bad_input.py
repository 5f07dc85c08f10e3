"""Bad input at every entry point: a clear error or warning that says what to do, never a traceback.

Each test drives ``unspun.cli.main`` as a user would. An error is a non-zero exit
with one ``unspun: error:`` line and a hint; a skippable problem is exit 0 with
``unspun: warning:`` lines. Anything else escaping ``main`` (a traceback) fails
the test. All text is invented. Cases already covered in tests/test_cli.py
(empty/binary/folder/missing trace files, empty stdin) are not repeated here.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from unspun.cli import main

GOOD = {
    "id": "marsh-1",
    "url": "https://fenwick-tribune.example/marsh",
    "outlet": "fenwick-tribune.example",
    "published": "2031-06-04",
    "title": "Fenwick marsh boardwalk reopens",
    "text": "The boardwalk across Fenwick marsh reopened on Tuesday after storm repairs costing 82,000 crowns. "
    "Warden Odile Massary said 14 new rails had been fitted along the heron hide.",
}
OTHER = {
    "id": "quarry-2",
    "url": "https://hollin-echo.example/quarry",
    "outlet": "hollin-echo.example",
    "published": "2031-06-05",
    "title": "Hollin quarry to close",
    "text": "The limestone quarry at Hollin Steep will close in August, its owners Brack & Daughters said. "
    "Foreman Ulric Tavey said 37 workers would be offered jobs at the Corve depot.",
}
CYRILLIC = {
    "id": "zarechye-3",
    "url": "https://vestnik-zarechya.example/most",
    "outlet": "vestnik-zarechya.example",
    "published": "2031-06-06",
    "title": "Мост в Заречье открыт",
    "text": "Новый пешеходный мост через реку Ольшанку открылся в Заречье в субботу. "
    "Инженер Мирослава Телегина сказала, что мост выдержит паводок 2031 года.",
}
# a farm rewrite: GOOD's first sentence copied, its own second one (the whole text would be the document itself)
SPUN = GOOD["text"].split(". ")[0] + ". Visitors may bring dogs on short leads, the parish clerk added."
COPY = "Marsh news\n2031-06-09\n\n" + SPUN


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def assert_user_error(code: int, err: str) -> None:
    """A non-zero exit, one 'unspun: error:' line (after any warnings), and a hint saying what to do."""
    assert code != 0
    lines = [line for line in err.strip().splitlines() if not line.startswith("unspun: warning: ")]
    assert lines[0].startswith("unspun: error: "), err
    assert sum("unspun: error:" in line for line in lines) == 1
    assert any(line.strip().startswith("hint: ") for line in lines[1:]), err


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("unspun: warning: ")]


def jsonl(path: Path, *lines: dict[str, Any] | str | bytes) -> Path:
    data = b""
    for line in lines:
        if isinstance(line, dict):
            data += json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n"
        elif isinstance(line, str):
            data += line.encode("utf-8") + b"\n"
        else:
            data += line + b"\n"
    path.write_bytes(data)
    return path


def stats(capsys: pytest.CaptureFixture[str], index: Path) -> dict[str, Any]:
    code, out, _ = run(capsys, "index", "stats", "--index", str(index), "--format", "json")
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


def trace_json(capsys: pytest.CaptureFixture[str], article: str, index: Path) -> dict[str, Any]:
    code, out, err = run(capsys, "trace", article, "--index", str(index), "--format", "json")
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    corpus = jsonl(folder / "corpus.jsonl", GOOD, OTHER, CYRILLIC)
    path = folder / "idx"
    assert main(["index", "build", "--index", str(path), str(corpus)]) == 0
    return path


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Pipe bytes into stdin the way a UTF-8 terminal session decodes them (strict)."""

    def pipe(data: bytes) -> None:
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
        )

    return pipe


# ==== index build / add ======================================================================


def test_build_from_an_empty_file_makes_an_empty_index(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(empty))
    assert code == 0
    assert "indexed 0 documents" in err
    assert stats(capsys, tmp_path / "idx")["documents"] == 0


def test_build_from_a_binary_file_named_jsonl_skips_every_line_with_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "scan.jsonl"
    binary.write_bytes(bytes(range(256)) * 40 + b"\n\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(binary))
    assert code == 0
    assert warnings(err)
    assert all("scan.jsonl:" in w for w in warnings(err))
    assert stats(capsys, tmp_path / "idx")["documents"] == 0


def test_build_from_a_binary_file_in_strict_mode_stops_with_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = jsonl(tmp_path / "scan.jsonl", GOOD, b"\x00\x01\x02\xff\xfe")
    code, _, err = run(capsys, "index", "build", "--strict", "--index", str(tmp_path / "idx"), str(binary))
    assert_user_error(code, err)
    assert "scan.jsonl:2" in err


def test_build_from_a_file_that_is_not_gzip_despite_its_name_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fake = tmp_path / "corpus.jsonl.gz"
    fake.write_bytes(json.dumps(GOOD).encode())
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(fake))
    assert_user_error(code, err)
    assert not (tmp_path / "idx").exists(), "a failed build leaves no half-built index behind"


def test_latin1_and_mixed_encoding_lines_are_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    latin1 = (
        json.dumps({**OTHER, "id": "latin"}, ensure_ascii=False).replace("Steep", "Stéep").encode("cp1252")
    )
    mixed = json.dumps({**GOOD, "id": "mixed"}, ensure_ascii=False).replace("Massary", "Massaré").encode(
        "utf-8"
    )[:-2] + ' café"}'.encode("cp1252")
    corpus = jsonl(tmp_path / "c.jsonl", latin1, b"\xef\xbb\xbf" + json.dumps(CYRILLIC).encode(), mixed)
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))
    assert code == 0, err
    assert stats(capsys, tmp_path / "idx")["documents"] == 3


def test_a_utf16_corpus_is_skipped_line_by_line_with_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes((json.dumps(GOOD) + "\n").encode("utf-16"))
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))
    assert code == 0
    assert warnings(err)
    assert "c.jsonl:1" in warnings(err)[0]


def test_malformed_lines_are_skipped_naming_file_and_line_and_the_good_lines_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = jsonl(
        tmp_path / "c.jsonl",
        GOOD,
        '{"id": "cut-off", "text": "The boardwalk',
        "[1, 2, 3]",
        '{"id": "no-text", "title": "Only a title"}',
        '{"id": "wrong-text", "text": 42}',
        OTHER,
        '"just a string"',
        CYRILLIC,
    )
    code, _, err = run(capsys, "index", "add", "--index", str(_fresh(capsys, tmp_path)), str(corpus))
    assert code == 0
    skipped = [w for w in warnings(err) if "skipped" in w]
    assert [w.split("c.jsonl:")[1].split(":")[0] for w in skipped] == ["2", "3", "4", "5", "7"]
    assert stats(capsys, tmp_path / "idx")["documents"] == 3


def test_strict_mode_stops_at_a_malformed_line_and_keeps_what_was_indexed_before(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    index = _fresh(capsys, tmp_path)
    first = jsonl(tmp_path / "first.jsonl", GOOD)
    assert run(capsys, "index", "add", "--index", str(index), str(first))[0] == 0
    corpus = jsonl(tmp_path / "c.jsonl", OTHER, "{oops", CYRILLIC)
    code, _, err = run(capsys, "index", "add", "--strict", "--index", str(index), str(corpus))
    assert_user_error(code, err)
    assert "c.jsonl:2" in err
    ids = {"marsh-1"}
    assert stats(capsys, index)["documents"] >= len(ids)
    # rerunning without --strict completes the add: nothing is lost, nothing doubled
    code, _, err = run(capsys, "index", "add", "--index", str(index), str(corpus))
    assert code == 0
    assert stats(capsys, index)["documents"] == 3


def test_ids_already_in_the_index_are_skipped_and_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    index = _fresh(capsys, tmp_path)
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, OTHER)
    assert run(capsys, "index", "add", "--index", str(index), str(corpus))[0] == 0
    code, _, err = run(capsys, "index", "add", "--index", str(index), str(corpus))
    assert code == 0
    assert "skipped 2 already indexed" in err
    assert stats(capsys, index)["documents"] == 2


def test_a_duplicate_id_within_the_input_is_warned_about_with_its_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, OTHER, {**OTHER, "text": "A different story, same id."})
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))
    assert code == 0
    assert any("quarry-2" in w and "c.jsonl:3" in w for w in warnings(err)), err


@pytest.mark.parametrize(
    "published", ["9999-99-99", "2031-02-30", "0042-01-01", "2999-01-01", "next Tuesday", 20310604, ["2031"]]
)
def test_an_absurd_date_keeps_the_document_undated_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, published: object
) -> None:
    corpus = jsonl(tmp_path / "c.jsonl", {**GOOD, "published": published})
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))
    assert code == 0
    [warning] = warnings(err)
    assert "c.jsonl:1" in warning and "undated" in warning
    assert stats(capsys, tmp_path / "idx")["undated"] == 1


def test_a_record_whose_text_is_only_control_characters_is_skipped_as_having_no_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Found by atheris: such a text passes the check, then normalizes to nothing and is indexed empty."""
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, {"id": "blank", "text": "\u007f\u200b\u0007"})
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))
    assert code == 0
    assert any("c.jsonl:2" in w and "no 'text'" in w for w in warnings(err)), err
    assert stats(capsys, tmp_path / "idx")["documents"] == 1


def test_a_missing_date_keeps_the_document_undated_silently(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record = {k: v for k, v in GOOD.items() if k != "published"}
    corpus = jsonl(tmp_path / "c.jsonl", record, {**OTHER, "published": None})
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))
    assert code == 0
    assert not warnings(err)
    assert stats(capsys, tmp_path / "idx")["undated"] == 2


def test_a_folder_of_pages_skips_script_only_deeply_nested_binary_and_empty_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.html").write_text(_page(GOOD["title"], GOOD["text"], depth=3), encoding="utf-8")
    (pages / "scripts.html").write_text(
        "<html><head><script>document.write('Quarry closes')</script></head>"
        "<body><script>var boardwalk = 1;</script><noscript></noscript></body></html>",
        encoding="utf-8",
    )
    (pages / "deep.html").write_text(_page(OTHER["title"], OTHER["text"], depth=5000), encoding="utf-8")
    (pages / "scan.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (pages / "blank.txt").write_text("\n \n", encoding="utf-8")
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(pages))
    assert code == 0
    skipped = sorted(w.split(": ")[2].split("/")[-1] for w in warnings(err))
    assert skipped == ["blank.txt", "deep.html", "scan.txt", "scripts.html"]
    assert stats(capsys, tmp_path / "idx")["documents"] == 1


def test_adding_to_a_damaged_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "idx"
    damaged.mkdir()
    (damaged / "unspun.sqlite").write_bytes(b"not a database, just the Fenwick parish newsletter\n" * 50)
    corpus = jsonl(tmp_path / "c.jsonl", GOOD)
    code, _, err = run(capsys, "index", "add", "--index", str(damaged), str(corpus))
    assert_user_error(code, err)


def test_non_english_documents_are_indexed_and_traced(
    capsys: pytest.CaptureFixture[str], index: Path
) -> None:
    article = "Новости\n\n" + CYRILLIC["text"].split(". ")[0] + "."
    report = trace_json(capsys, _write(index.parent / "ru.txt", article), index)
    assert [s["doc_id"] for s in report["sentences"][1]["sources"]][:1] == ["zarechye-3"]


def test_text_without_spaces_between_words_indexes_and_traces_without_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record = {
        "id": "cjk",
        "title": "渡し船",
        "text": "霧ヶ浜の渡し船は火曜日に再開した。船長の沖田ミサキによると乗客は四十人だった。",
    }
    corpus = jsonl(tmp_path / "c.jsonl", record)
    assert run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))[0] == 0
    article = _write(tmp_path / "a.txt", "見出し\n\n霧ヶ浜の渡し船は火曜日に再開した。")
    trace_json(capsys, article, tmp_path / "idx")


@pytest.mark.slow
def test_a_100_mb_jsonl_of_small_records_is_indexed_streaming(tmp_path: Path) -> None:
    """100 MB on disk; each record carries a large raw-page field unspun ignores, so indexing stays fast."""
    corpus = tmp_path / "big.jsonl"
    n = 0
    with corpus.open("w", encoding="utf-8") as fh:
        while fh.tell() < 100_000_000:
            record = {
                "id": f"big-{n}",
                "outlet": "fenwick-tribune.example",
                "published": "2031-06-04",
                "text": f"Warden Odile Massary counted {n} herons at Fenwick marsh on Tuesday.",
                "raw_html": "<div class='ad'>Fenwick Tribune — subscribe today</div>" * 60,
            }
            fh.write(json.dumps(record) + "\n")
            n += 1
        fh.write('{"id": "broken", "text": \n')
    log = tmp_path / "stderr.txt"
    with log.open("w") as fh:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "unspun.cli",
                "index",
                "build",
                "--index",
                str(tmp_path / "idx"),
                str(corpus),
            ],
            stdout=subprocess.DEVNULL,
            stderr=fh,
        )
        peak = _peak_rss_until_exit(proc)
    err = log.read_text(encoding="utf-8")
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert f"indexed {n:,} documents" in err
    assert [w for w in warnings(err)] == [w for w in warnings(err) if "big.jsonl:" in w and "skipped" in w]
    assert len(warnings(err)) == 1
    # read line by line: the peak is far below the file's size plus its decoded copy
    assert 0 < peak < 250_000_000


def _peak_rss_until_exit(proc: subprocess.Popen[bytes]) -> int:
    """The process's own high-water RSS (VmHWM), polled until it exits.

    Not ``wait4``'s ru_maxrss: Linux carries the forking process's peak across
    exec into it, so under a large pytest process it reports pytest's memory.
    """
    peak = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            lines = status.read_text().splitlines()
        except OSError:
            break
        peak = max([peak, *(int(x.split()[1]) * 1024 for x in lines if x.startswith("VmHWM:"))])
        time.sleep(0.05)
    proc.wait()
    return peak


# ==== trace: file, stdin, JSON record ====================================================


def test_a_latin1_article_file_is_read_as_cp1252(capsys: pytest.CaptureFixture[str], index: Path) -> None:
    path = index.parent / "latin1.txt"
    path.write_bytes("Café news\n\nThe café at Fenwick marsh reopened.\n".encode("cp1252"))
    report = trace_json(capsys, str(path), index)
    assert report["sentences"][0]["text"] == "Café news"


def test_an_article_with_mixed_encodings_is_traced(capsys: pytest.CaptureFixture[str], index: Path) -> None:
    path = index.parent / "mixed.txt"
    path.write_bytes(
        "Naïve headline\n\n".encode() + "Le café près du marais.\n".encode("cp1252") + COPY.encode()
    )
    report = trace_json(capsys, str(path), index)
    assert len(report["sentences"]) >= 3


def test_a_utf16_article_is_refused_as_not_text(capsys: pytest.CaptureFixture[str], index: Path) -> None:
    path = index.parent / "utf16.txt"
    path.write_bytes(COPY.encode("utf-16"))
    code, _, err = run(capsys, "trace", str(path), "--index", str(index))
    assert_user_error(code, err)
    assert "UTF-8" in err


def test_an_html_article_with_scripts_is_traced_without_the_script_text(
    capsys: pytest.CaptureFixture[str], index: Path
) -> None:
    html = _page("Marsh news", SPUN, depth=4).replace(
        "<body>", "<body><script>var tracker = 'Hollin quarry closes';</script>"
    )
    report = trace_json(capsys, _write(index.parent / "s.html", html), index)
    text = " ".join(s["text"] for s in report["sentences"])
    assert "tracker" not in text
    assert any(s["sources"] for s in report["sentences"])


def test_a_deeply_nested_html_article_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], index: Path
) -> None:
    path = _write(index.parent / "deep.html", _page(GOOD["title"], GOOD["text"], depth=5000))
    code, _, err = run(capsys, "trace", path, "--index", str(index))
    assert_user_error(code, err)
    assert "no article text" in err


@pytest.mark.slow
def test_a_100_mb_article_file_is_refused_up_front_without_reading_it(
    capsys: pytest.CaptureFixture[str], index: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write(COPY.encode())
        fh.truncate(100_000_000)  # sparse: 100 MB by size, nothing to read
    tracemalloc.start()
    code, _, err = run(capsys, "trace", str(huge), "--index", str(index))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert_user_error(code, err)
    assert "larger than" in err
    assert peak < 10_000_000


def test_a_json_record_article_is_traced(capsys: pytest.CaptureFixture[str], index: Path) -> None:
    record = {"title": "Marsh news", "published": "2031-06-09", "text": SPUN}
    report = trace_json(capsys, _write(index.parent / "r.json", json.dumps(record)), index)
    assert report["article"]["published"] == "2031-06-09"
    assert report["sentences"][1]["sources"][0]["doc_id"] == "marsh-1"


@pytest.mark.parametrize("text", ['""', "42", '["a"]', "null"])
def test_a_json_record_without_usable_text_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], index: Path, text: str
) -> None:
    path = _write(index.parent / "r.json", '{"title": "Marsh", "text": ' + text + "}")
    code, _, err = run(capsys, "trace", path, "--index", str(index))
    assert_user_error(code, err)


@pytest.mark.parametrize("published", ["2031-13-45", "0001-01-01", 20310609])
def test_a_json_record_with_an_absurd_date_is_a_clear_error_with_a_hint(
    capsys: pytest.CaptureFixture[str], index: Path, published: object
) -> None:
    record = {"title": "Marsh", "published": published, "text": GOOD["text"]}
    code, _, err = run(
        capsys, "trace", _write(index.parent / "r.json", json.dumps(record)), "--index", str(index)
    )
    assert_user_error(code, err)


def test_an_impossible_dateline_leaves_the_article_undated_with_a_warning(
    capsys: pytest.CaptureFixture[str], index: Path
) -> None:
    article = _write(index.parent / "feb.txt", "Marsh news\nSaturday, 31 Feb, 2031\n\n" + GOOD["text"])
    report = trace_json(capsys, article, index)
    assert report["article"]["published"] is None
    assert any("no date" in w for w in report["warnings"])


@pytest.mark.parametrize(
    "dateline,body",
    [
        ("9999-12-31", "The boardwalk will reopen next Tuesday, Warden Odile Massary said."),
        ("0001-01-01", "The boardwalk reopened yesterday, Warden Odile Massary said."),
    ],
)
def test_a_dateline_at_the_edge_of_the_calendar_is_not_a_traceback_in_trace(
    capsys: pytest.CaptureFixture[str], index: Path, dateline: str, body: str
) -> None:
    article = _write(index.parent / "edge.txt", f"Marsh news\n{dateline}\n\n{body}")
    code = main(["trace", article, "--index", str(index), "--format", "json"])
    assert "Traceback" not in capsys.readouterr().err
    assert code in (0, 2)


def test_an_article_on_stdin_as_a_json_record_is_traced(
    capsys: pytest.CaptureFixture[str], index: Path, stdin: Any
) -> None:
    stdin(json.dumps({"title": "Marsh news", "text": SPUN}).encode())
    report = trace_json(capsys, "-", index)
    assert report["sentences"][1]["sources"][0]["doc_id"] == "marsh-1"


def test_latin1_bytes_on_stdin_are_read_like_a_latin1_file(
    capsys: pytest.CaptureFixture[str], index: Path, stdin: Any
) -> None:
    stdin("Café news\n\nThe café at Fenwick marsh reopened.\n".encode("cp1252"))
    report = trace_json(capsys, "-", index)
    assert report["sentences"][0]["text"] == "Café news"


def test_binary_on_stdin_is_refused_like_a_binary_file(
    capsys: pytest.CaptureFixture[str], index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("PK\x03\x04\x00\x00\x08\x00 Marsh\x00\x00 news\x00"))
    code, _, err = run(capsys, "trace", "-", "--index", str(index))
    assert_user_error(code, err)


class _EndlessStdin:
    """100 MB of article text that refuses to be read whole in one go."""

    def __init__(self) -> None:
        self.left = 100_000_000
        self.buffer = _EndlessBytes(self)

    def isatty(self) -> bool:
        return False

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            raise MemoryError("stdin was read whole")
        size = min(size, self.left)
        self.left -= size
        return ("Fenwick marsh news. " * (size // 20 + 1))[:size]

    def readline(self, size: int | None = -1) -> str:
        return self.read(80 if size is None or size < 0 else size)


class _EndlessBytes:
    def __init__(self, text: _EndlessStdin) -> None:
        self.text = text

    def read(self, size: int | None = -1) -> bytes:
        return self.text.read(size).encode()

    def readline(self, size: int | None = -1) -> bytes:
        return self.text.readline(size).encode()


def test_a_huge_stdin_is_refused_over_the_size_cap_without_reading_it_whole(
    capsys: pytest.CaptureFixture[str], index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _EndlessStdin())
    code, _, err = run(capsys, "trace", "-", "--index", str(index))
    assert_user_error(code, err)
    assert "larger than" in err


@pytest.mark.parametrize(
    "url", ["http://[::1", "https://192.0.2.1:99999/", "http://" + "a" * 300 + ".example/"]
)
def test_a_malformed_url_is_a_clear_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str], index: Path, url: str
) -> None:
    code, _, err = run(capsys, "trace", url, "--index", str(index))
    assert_user_error(code, err)


def test_tracing_against_a_damaged_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "idx"
    damaged.mkdir()
    (damaged / "unspun.sqlite").write_bytes(b"\x00" * 4096)
    code, _, err = run(capsys, "trace", _write(tmp_path / "a.txt", COPY), "--index", str(damaged))
    assert_user_error(code, err)


# ==== analyze ===============================================================================


def test_analyze_an_empty_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "analyze", _write(tmp_path / "e.txt", "\n\t \n"))
    assert_user_error(code, err)
    assert "empty" in err


def test_analyze_a_binary_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    code, _, err = run(capsys, "analyze", str(path))
    assert_user_error(code, err)


def test_analyze_a_latin1_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "l.txt"
    path.write_bytes("Café news\n\nThe café reopened, Warden Odile Massary said.\n".encode("cp1252"))
    code, out, _ = run(capsys, "analyze", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["article"]["title"] == "Café news"


def test_analyze_a_deeply_nested_html_page_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "analyze", _write(tmp_path / "d.html", _page("T", GOOD["text"], depth=5000)))
    assert_user_error(code, err)


def test_analyze_html_with_scripts_keeps_the_article_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    html = _page(GOOD["title"], GOOD["text"], depth=2).replace(
        "<body>", "<body><script>var leak = 1;</script>"
    )
    code, out, _ = run(capsys, "analyze", _write(tmp_path / "s.html", html), "--format", "json")
    assert code == 0
    assert "leak" not in out


def test_analyze_non_english_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = f"{CYRILLIC['title']}\n2031-06-06\n\n{CYRILLIC['text']}"
    code, out, _ = run(capsys, "analyze", _write(tmp_path / "ru.txt", article), "--format", "json")
    assert code == 0
    assert json.loads(out)["article"]["published"] == "2031-06-06"


def test_analyze_a_json_record_with_no_text_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "analyze", _write(tmp_path / "r.json", '{"title": "Marsh", "text": "   "}'))
    assert_user_error(code, err)


@pytest.mark.parametrize(
    "dateline,body",
    [
        ("9999-12-31", "The boardwalk will reopen next Tuesday, Warden Odile Massary said."),
        ("Monday, 1 January 0001", "The boardwalk reopened yesterday, Warden Odile Massary said."),
    ],
)
def test_analyze_a_dateline_at_the_edge_of_the_calendar_is_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dateline: str, body: str
) -> None:
    code = main(
        ["analyze", _write(tmp_path / "edge.txt", f"Marsh news\n{dateline}\n\n{body}"), "--format", "json"]
    )
    assert "Traceback" not in capsys.readouterr().err
    assert code in (0, 2)


# ==== spins =================================================================================


def test_spins_on_a_missing_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "spins", "--index", str(tmp_path / "nowhere"))
    assert_user_error(code, err)


def test_spins_of_an_unknown_outlet_is_a_clear_error(capsys: pytest.CaptureFixture[str], index: Path) -> None:
    code, _, err = run(capsys, "spins", "--index", str(index), "--outlet", "no-such-paper.example")
    assert_user_error(code, err)


def test_spins_on_a_damaged_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "idx"
    damaged.mkdir()
    (damaged / "unspun.sqlite").write_text("Fenwick parish newsletter", encoding="utf-8")
    code, _, err = run(capsys, "spins", "--index", str(damaged))
    assert_user_error(code, err)


def test_spins_with_a_min_count_below_one_is_a_clear_error_with_a_hint(
    capsys: pytest.CaptureFixture[str], index: Path
) -> None:
    code, _, err = run(capsys, "spins", "--index", str(index), "--min-count", "0")
    assert_user_error(code, err)


def test_spins_on_an_empty_index_lists_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    index = _fresh(capsys, tmp_path)
    code, out, _ = run(capsys, "spins", "--index", str(index), "--format", "json")
    assert code == 0
    assert json.loads(out) == {}


def test_spins_over_undated_non_english_and_copied_documents(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    farm = {
        **GOOD,
        "id": "farm-1",
        "outlet": "content-mill.example",
        "url": "https://content-mill.example/1",
        "published": None,
        "text": GOOD["text"].replace("reopened", "re-opened").replace("Warden", "Ranger"),
    }
    corpus = jsonl(
        tmp_path / "c.jsonl", GOOD, OTHER, CYRILLIC, farm, {**CYRILLIC, "id": "ru-copy", "outlet": "x"}
    )
    assert run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(corpus))[0] == 0
    code, out, _ = run(
        capsys, "spins", "--index", str(tmp_path / "idx"), "--min-count", "1", "--format", "json"
    )
    assert code == 0
    assert set(json.loads(out)) == {
        "fenwick-tribune.example",
        "hollin-echo.example",
        "vestnik-zarechya.example",
        "content-mill.example",
        "x",
    }


# ==== scan =====================================================================================

# a copy of GOOD's first sentence on another site: every scan that keeps both finds one reuse link
FARM = {**GOOD, "id": "farm-9", "url": "https://mill.example/m", "outlet": "mill.example", "text": SPUN}
RESULTS = {"links.jsonl", "clusters.jsonl", "graph.csv", "outlets.csv", "summary.json", "summary.html"}


def scan(capsys: pytest.CaptureFixture[str], out: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    """``unspun scan ARGS --out OUT --format json``: (exit code, the summary or {}, stderr)."""
    code, printed, err = run(capsys, "scan", *args, "--out", str(out), "--format", "json")
    return code, json.loads(printed) if code == 0 else {}, err


def linked(out: Path) -> set[frozenset[str]]:
    """The pairs of documents the scan found reuse between (links go both ways: earlier and later)."""
    lines = (out / "links.jsonl").read_text(encoding="utf-8").splitlines()
    return {frozenset((x["source"]["doc"], x["target"]["doc"])) for x in map(json.loads, lines)}


def test_scan_of_an_empty_file_is_a_clear_error_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = jsonl(tmp_path / "empty.jsonl")
    code, _, err = scan(capsys, tmp_path / "out", str(empty))
    assert_user_error(code, err)
    assert "no readable documents" in err
    assert not (tmp_path / "out").exists()


def test_scan_of_a_binary_file_names_its_lines_and_scans_the_good_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(bytes(range(256)) * 8)
    code, _, err = scan(capsys, tmp_path / "out", str(binary))
    assert_user_error(code, err)
    assert warnings(err) and all("blob.jsonl:" in w for w in warnings(err))
    good = jsonl(tmp_path / "good.jsonl", GOOD, FARM)
    code, summary, err = scan(capsys, tmp_path / "out", str(binary), str(good))
    assert code == 0, err
    assert summary["documents"] == 2 and linked(tmp_path / "out") == {frozenset({"marsh-1", "farm-9"})}


@pytest.mark.parametrize("name", ["missing.jsonl", "missing-folder/"])
def test_scan_of_a_path_that_does_not_exist_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    code, _, err = scan(capsys, tmp_path / "out", str(tmp_path / name))
    assert_user_error(code, err)
    assert "missing" in err


def test_scan_reads_latin1_bom_and_mixed_lines_and_warns_about_utf16_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    latin1 = json.dumps({**GOOD, "title": "Fenwick café"}, ensure_ascii=False).encode("cp1252")
    bom = b"\xef\xbb\xbf" + json.dumps(OTHER).encode()
    corpus = jsonl(tmp_path / "c.jsonl", latin1, bom, json.dumps(FARM).encode("utf-16"))
    code, summary, err = scan(capsys, tmp_path / "out", str(corpus))
    assert code == 0, err
    assert summary["documents"] == 2
    assert [w for w in warnings(err) if "c.jsonl:3" in w]


def test_scan_skips_malformed_lines_naming_file_and_line_and_keeps_the_good_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = jsonl(
        tmp_path / "c.jsonl", GOOD, '{"id": "cut", "text": "The board', "[1]", '{"id": "x"}', '"s"', FARM
    )
    code, summary, err = scan(capsys, tmp_path / "out", str(corpus))
    assert code == 0, err
    skipped = [w.split("c.jsonl:")[1].split(":")[0] for w in warnings(err) if "skipped" in w]
    assert skipped == ["2", "3", "4", "5"]
    assert summary["documents"] == 2
    assert linked(tmp_path / "out") == {frozenset({"marsh-1", "farm-9"})}


def test_scan_warns_about_a_repeated_id_with_its_file_and_line_and_keeps_the_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = jsonl(tmp_path / "a.jsonl", GOOD, OTHER)
    second = jsonl(tmp_path / "b.jsonl", FARM, {**OTHER, "text": "Another story under the same id."})
    code, summary, err = scan(capsys, tmp_path / "out", str(first), str(second))
    assert code == 0, err
    assert any("quarry-2" in w and "b.jsonl:2" in w for w in warnings(err)), err
    assert summary["documents"] == 3


def test_scan_keeps_documents_with_absurd_or_missing_dates_undated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    undated = {k: v for k, v in GOOD.items() if k != "published"}
    corpus = jsonl(
        tmp_path / "c.jsonl", undated, {**FARM, "published": "9999-99-99"}, {**OTHER, "published": 7}
    )
    code, summary, err = scan(capsys, tmp_path / "out", str(corpus))
    assert code == 0, err
    assert sorted(w.split("c.jsonl:")[1][0] for w in warnings(err)) == ["2", "3"]
    assert summary["documents"] == 3
    assert linked(tmp_path / "out") == {frozenset({"marsh-1", "farm-9"})}
    assert '"published": "' not in (tmp_path / "out" / "links.jsonl").read_text(encoding="utf-8")


def test_scan_links_non_english_copies(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    copy = {**CYRILLIC, "id": "copy-ru", "outlet": "kopiya.example", "url": "https://kopiya.example/1"}
    copy["text"] = CYRILLIC["text"].split(". ")[0] + ". Движение по мосту открыто круглосуточно."
    corpus = jsonl(tmp_path / "c.jsonl", CYRILLIC, copy, GOOD)
    code, summary, err = scan(capsys, tmp_path / "out", str(corpus))
    assert code == 0, err
    assert summary["documents"] == 3
    assert linked(tmp_path / "out") == {frozenset({"zarechye-3", "copy-ru"})}


def test_scan_into_a_file_is_a_clear_error_and_leaves_the_file_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "results"
    taken.write_text("my notes\n", encoding="utf-8")
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, FARM)
    for out in (taken, taken / "sub"):
        code, _, err = scan(capsys, out, str(corpus))
        assert_user_error(code, err)
        assert "is a file" in err
    assert taken.read_text(encoding="utf-8") == "my notes\n"


def test_scan_whose_result_file_name_is_taken_by_a_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Writing fails only at the end of the scan: an OSError there is still a message, not a traceback."""
    (tmp_path / "out" / "links.jsonl").mkdir(parents=True)
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, FARM)
    code, _, err = scan(capsys, tmp_path / "out", str(corpus))
    assert_user_error(code, err)
    assert "links.jsonl" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through any folder's permissions")
def test_scan_into_a_read_only_folder_is_a_clear_error_before_scanning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, FARM)
    code, _, err = scan(capsys, locked / "out", str(corpus))
    assert_user_error(code, err)
    assert "not writable" in err


def test_scan_of_a_folder_of_pages_skips_script_only_deeply_nested_binary_and_empty_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.html").write_text(_page(GOOD["title"], GOOD["text"], depth=3), encoding="utf-8")
    (pages / "copy.txt").write_text(COPY, encoding="utf-8")
    (pages / "scripts.html").write_text(
        "<html><head><script>document.write('Quarry')</script></head><body><script>1</script></body></html>",
        encoding="utf-8",
    )
    (pages / "deep.html").write_text(_page(OTHER["title"], OTHER["text"], depth=5000), encoding="utf-8")
    (pages / "scan.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (pages / "blank.txt").write_text("\n \n", encoding="utf-8")
    code, summary, err = scan(capsys, tmp_path / "out", str(pages))
    assert code == 0, err
    skipped = sorted(w.split(": ")[2].split("/")[-1] for w in warnings(err))
    assert skipped == ["blank.txt", "deep.html", "scan.txt", "scripts.html"]
    assert summary["documents"] == 2 and summary["links"] > 0


def test_a_failed_scan_leaves_an_existing_index_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    index = tmp_path / "idx"
    kept = jsonl(tmp_path / "kept.jsonl", GOOD, OTHER)
    assert run(capsys, "index", "build", "--index", str(index), str(kept))[0] == 0
    before = stats(capsys, index)
    file_out = tmp_path / "a-file"
    file_out.write_text("", encoding="utf-8")
    empty = jsonl(tmp_path / "empty.jsonl")
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b"\x00\xff" * 100)
    farm = jsonl(tmp_path / "farm.jsonl", FARM)
    for corpus, out in (
        (empty, tmp_path / "o1"),
        (binary, tmp_path / "o2"),
        (farm, file_out),
        (farm, file_out / "x"),
    ):
        code, _, err = scan(capsys, out, str(corpus), "--index", str(index))
        assert_user_error(code, err)
        assert stats(capsys, index) == before
    # a scan that fails only when writing its results has added the corpus, as a scan with --index does
    (tmp_path / "o3" / "graph.csv").mkdir(parents=True)
    code, _, err = scan(capsys, tmp_path / "o3", str(farm), "--index", str(index))
    assert_user_error(code, err)
    assert stats(capsys, index)["documents"] == before["documents"] + 1
    code, summary, _ = scan(capsys, tmp_path / "o4", str(kept), str(farm), "--index", str(index))
    assert code == 0 and summary["documents"] == 3
    assert linked(tmp_path / "o4") == {frozenset({"marsh-1", "farm-9"})}
    assert report_sources(capsys, index) == ["marsh-1"]


@pytest.mark.parametrize("kind", ["damaged", "a file", "other files"])
def test_scan_with_an_unusable_index_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    index = tmp_path / "idx"
    if kind == "a file":
        index.write_text("notes\n", encoding="utf-8")
    else:
        index.mkdir()
        name = "unspun.sqlite" if kind == "damaged" else "notes.txt"
        (index / name).write_bytes(b"not a database, the parish newsletter\n" * 40)
    corpus = jsonl(tmp_path / "c.jsonl", GOOD, FARM)
    code, _, err = scan(capsys, tmp_path / "out", str(corpus), "--index", str(index))
    assert_user_error(code, err)
    assert not (tmp_path / "out").exists()


def report_sources(capsys: pytest.CaptureFixture[str], index: Path) -> list[str]:
    """The sources the index gives for the farm copy's first sentence."""
    report = trace_json(capsys, _write(index.parent / "copy.txt", COPY), index)
    return [m["doc_id"] for m in report["sentences"][1]["sources"]]


# ---- helpers ------------------------------------------------------------------------------


def _fresh(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    path = tmp_path / "idx"
    assert run(capsys, "index", "build", "--index", str(path), str(empty))[0] == 0
    return path


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _page(title: str, body: str, depth: int) -> str:
    return (
        f"<html><head><title>{title}</title><script>window.dataLayer = [];</script></head><body>"
        + "<div>" * depth
        + f"<article><h1>{title}</h1>"
        + "".join(f"<p>{s}.</p>" for s in body.rstrip(".").split(". "))
        + "</article>"
        + "</div>" * depth
        + "</body></html>"
    )
