"""The command line, driven through ``unspun.cli.main`` as a user would type it."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from unspun.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO_CORPUS = ROOT / "demo" / "corpus.jsonl"
DEMO_ARTICLE = ROOT / "demo" / "farm-article.txt"
DEMO_TITLE = DEMO_ARTICLE.read_text(encoding="utf-8").splitlines()[0]
DEMO_DATELINE = DEMO_ARTICLE.read_text(encoding="utf-8").splitlines()[1]

SCORED_KINDS = {
    "entity_renamed",
    "abbreviation_expanded",
    "number_changed",
    "attribution_removed",
    "hedge_removed",
    "word_substituted",
    "inserted",
    "deleted",
    "time_reference_changed",
}


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo-index"
    assert main(["index", "build", "--index", str(path), str(DEMO_CORPUS)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def trace_json(capsys: pytest.CaptureFixture[str], article: str, index: Path) -> dict[str, Any]:
    code, out, err = run(capsys, "trace", article, "--index", str(index), "--format", "json")
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def assert_user_error(code: int, err: str) -> None:
    """A non-zero exit, one 'unspun: error:' line, a hint, and no traceback."""
    assert code != 0
    lines = err.strip().splitlines()
    assert lines[0].startswith("unspun: error: ")
    assert sum("unspun: error:" in line for line in lines) == 1
    assert any(line.strip().startswith("hint: ") for line in lines[1:])
    assert "Traceback" not in err


# ---- the JSON contract ------------------------------------------------------


def test_trace_json_is_one_json_object_on_stdout(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    assert isinstance(report, dict)
    assert isinstance(report["sentences"], list)


def test_the_title_is_sentence_zero(capsys: pytest.CaptureFixture[str], demo_index: Path) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    assert report["sentences"][0]["index"] == 0
    assert report["sentences"][0]["text"] == DEMO_TITLE


def test_sentences_are_numbered_in_order(capsys: pytest.CaptureFixture[str], demo_index: Path) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    assert [s["index"] for s in report["sentences"]] == list(range(len(report["sentences"])))


def test_the_dateline_is_not_a_sentence(capsys: pytest.CaptureFixture[str], demo_index: Path) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    assert all(DEMO_DATELINE not in s["text"] for s in report["sentences"])


def test_the_sentences_cover_the_whole_article_in_order(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    original = re.sub(r"\s+", "", DEMO_ARTICLE.read_text(encoding="utf-8").replace(DEMO_DATELINE, "", 1))
    joined = re.sub(r"\s+", "", "".join(s["text"] for s in report["sentences"]))
    assert joined == original


def test_every_source_names_its_document_url_sentence_and_score(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    corpus = {json.loads(line)["id"]: json.loads(line) for line in DEMO_CORPUS.read_text().splitlines()}
    sources = [src for s in report["sentences"] for src in s["sources"]]
    assert sources
    for src in sources:
        assert src["doc_id"] in corpus
        assert src["url"] == corpus[src["doc_id"]]["url"]
        assert isinstance(src["text"], str) and src["text"]
        assert isinstance(src["score"], int | float) and 0 <= src["score"] <= 1


def test_every_change_has_a_kind_and_from_and_to_text(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    changes = [c for s in report["sentences"] for c in s["changes"]]
    assert changes
    for change in changes:
        assert isinstance(change["kind"], str) and change["kind"]
        assert isinstance(change["from"], str)
        assert isinstance(change["to"], str)
    assert {c["kind"] for c in changes} & SCORED_KINDS


def test_the_demo_farm_article_traces_to_the_wire_and_keeps_its_own_insertion_unsourced(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    report = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    by_text = {s["text"]: s for s in report["sentences"]}
    inserted = next(t for t in by_text if t.startswith("Everyone knows these so-called rebels"))
    assert by_text[inserted]["sources"] == []
    assert by_text[DEMO_TITLE]["sources"][0]["doc_id"] == "mpa-ceasefire-talks"
    assert sum(1 for s in report["sentences"] if s["sources"]) >= len(report["sentences"]) - 2


def test_the_article_can_be_read_from_stdin(
    capsys: pytest.CaptureFixture[str], demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_ARTICLE.read_text(encoding="utf-8")))
    from_stdin = trace_json(capsys, "-", demo_index)
    from_file = trace_json(capsys, str(DEMO_ARTICLE), demo_index)
    assert from_stdin["sentences"][0]["text"] == DEMO_TITLE
    assert [s["text"] for s in from_stdin["sentences"]] == [s["text"] for s in from_file["sentences"]]
    assert [[x["doc_id"] for x in s["sources"]] for s in from_stdin["sentences"]] == [
        [x["doc_id"] for x in s["sources"]] for s in from_file["sentences"]
    ]


# ---- the terminal report ----------------------------------------------------


def test_the_terminal_report_prints_the_summary_line(
    capsys: pytest.CaptureFixture[str], demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = run(capsys, "trace", str(DEMO_ARTICLE), "--index", str(demo_index))
    assert code == 0
    assert re.search(r"\d+ of \d+ sentences traced to \d+ outlets? across \d+ stor(y|ies)", out)
    assert "has no source in the index" in out
    assert DEMO_TITLE in out


# ---- user errors ------------------------------------------------------------


def test_tracing_a_missing_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], demo_index: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "trace", str(tmp_path / "nowhere.txt"), "--index", str(demo_index))
    assert_user_error(code, err)
    assert "nowhere.txt" in err
    assert out == ""


def test_tracing_against_a_missing_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "trace", str(DEMO_ARTICLE), "--index", str(tmp_path / "no-index"))
    assert_user_error(code, err)
    assert "unspun index build" in err


def test_tracing_an_empty_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], demo_index: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    code, _, err = run(capsys, "trace", str(empty), "--index", str(demo_index))
    assert_user_error(code, err)
    assert "empty" in err


def test_tracing_a_binary_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], demo_index: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    code, _, err = run(capsys, "trace", str(binary), "--index", str(demo_index))
    assert_user_error(code, err)
    assert "binary" in err


def test_tracing_a_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], demo_index: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "trace", str(tmp_path), "--index", str(demo_index))
    assert_user_error(code, err)


def test_tracing_empty_stdin_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "trace", "-", "--index", str(demo_index))
    assert_user_error(code, err)


def test_tracing_stdin_from_a_terminal_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(""))
    code, _, err = run(capsys, "trace", "-", "--index", str(demo_index))
    assert_user_error(code, err)


# ---- index build / add / stats ----------------------------------------------


def test_building_into_an_existing_index_is_refused_without_replace(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    code, _, err = run(capsys, "index", "build", "--index", str(demo_index), str(DEMO_CORPUS))
    assert_user_error(code, err)
    assert "--replace" in err


def test_build_with_replace_rebuilds_an_existing_index(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "idx"
    assert run(capsys, "index", "build", "--index", str(path), str(DEMO_CORPUS))[0] == 0
    assert run(capsys, "index", "build", "--index", str(path), "--replace", str(DEMO_CORPUS))[0] == 0
    code, out, _ = run(capsys, "index", "stats", "--index", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["documents"] == len(DEMO_CORPUS.read_text().splitlines())


def test_build_reports_what_it_indexed_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(DEMO_CORPUS))
    assert code == 0
    assert out == ""
    assert re.search(r"indexed \d+ documents", err)


def test_a_failed_build_does_not_block_the_retry(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "idx"
    code, _, err = run(capsys, "index", "build", "--index", str(path), str(tmp_path / "typo.jsonl"))
    assert_user_error(code, err)
    code, _, err = run(capsys, "index", "build", "--index", str(path), str(DEMO_CORPUS))
    assert code == 0, err


def test_building_from_a_file_of_unknown_type_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pdf = tmp_path / "corpus.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    code, _, err = run(capsys, "index", "build", "--index", str(tmp_path / "idx"), str(pdf))
    assert_user_error(code, err)
    assert "unknown file type" in err


def test_index_stats_json_describes_the_index(capsys: pytest.CaptureFixture[str], demo_index: Path) -> None:
    code, out, _ = run(capsys, "index", "stats", "--index", str(demo_index), "--format", "json")
    assert code == 0
    stats = json.loads(out)
    assert stats["documents"] == len(DEMO_CORPUS.read_text().splitlines())
    assert stats["sentences"] > stats["documents"]
    assert stats["terms"] > 0
    assert stats["batches"] >= 1
    assert stats["earliest"] <= stats["latest"]


def test_index_stats_terminal_lists_the_figures(capsys: pytest.CaptureFixture[str], demo_index: Path) -> None:
    code, out, _ = run(capsys, "index", "stats", "--index", str(demo_index))
    assert code == 0
    assert re.search(r"^documents\s+\d+", out, re.M)


def test_index_stats_of_a_missing_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "index", "stats", "--index", str(tmp_path / "none"))
    assert_user_error(code, err)


def test_index_add_grows_the_index_and_skips_bad_lines_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "idx"
    assert run(capsys, "index", "build", "--index", str(path), str(DEMO_CORPUS))[0] == 0
    more = tmp_path / "more.jsonl"
    good = {"id": "vell-bridge", "url": "https://vell-courier.example/b", "outlet": "vell-courier.example"}
    good |= {"published": "2031-03-20", "title": "Port Vell bridge reopens", "text": "The bridge reopened."}
    more.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    code, _, err = run(capsys, "index", "add", "--index", str(path), str(more))
    assert code == 0
    assert f"{more}:2" in err
    assert "Traceback" not in err
    code, out, _ = run(capsys, "index", "stats", "--index", str(path), "--format", "json")
    assert json.loads(out)["documents"] == len(DEMO_CORPUS.read_text().splitlines()) + 1


def test_index_add_strict_stops_at_a_bad_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "idx"
    assert run(capsys, "index", "build", "--index", str(path), str(DEMO_CORPUS))[0] == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    code, _, err = run(capsys, "index", "add", "--index", str(path), "--strict", str(bad))
    assert_user_error(code, err)
    assert f"{bad}:1" in err


def test_index_add_to_a_missing_index_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "index", "add", "--index", str(tmp_path / "none"), str(DEMO_CORPUS))
    assert_user_error(code, err)


# ---- help -------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [[], ["index"], ["index", "build"], ["index", "add"], ["index", "stats"], ["trace"], ["analyze"]],
    ids=lambda argv: " ".join(argv) or "unspun",
)
def test_help_of_every_command_exits_zero(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_version_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("unspun ")


# ---- analyze --------------------------------------------------------------------------------


def test_analyze_needs_no_index_and_says_where_to_look_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(DEMO_ARTICLE))
    assert code == 0
    assert "Look first:" in out


def test_analyze_json_is_one_object_of_the_analysis_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(DEMO_ARTICLE), "--format", "json")
    assert code == 0
    analysis = json.loads(out)
    assert analysis["schema"] == "unspun.analysis/1"
    assert analysis["sentences"][0]["index"] == 0


def test_analyze_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_ARTICLE.read_text(encoding="utf-8")))
    code, out, _ = run(capsys, "analyze", "-", "--format", "json")
    assert code == 0
    assert json.loads(out)["article"]["origin"] == "<stdin>"


def test_analyzing_a_missing_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "analyze", str(tmp_path / "nowhere.txt"))
    assert code == 2
    assert "no such file" in err


def test_a_trace_report_carries_the_analysis_without_a_second_article(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    code, out, _ = run(capsys, "trace", str(DEMO_ARTICLE), "--index", str(demo_index), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["analysis"]["schema"] == "unspun.analysis/1"
    assert "article" not in report["analysis"]
    assert len(report["analysis"]["sentences"]) == len(report["sentences"])


def test_trace_as_html_is_one_self_contained_page(
    capsys: pytest.CaptureFixture[str], demo_index: Path
) -> None:
    code, out, _ = run(capsys, "trace", str(DEMO_ARTICLE), "--index", str(demo_index), "--format", "html")
    assert code == 0
    assert out.lstrip().lower().startswith("<!doctype html")
    assert DEMO_TITLE in out
    assert not re.search(r"""src=["']https?://|<link[^>]+href=["']https?://""", out), "no remote asset"


@pytest.mark.parametrize(
    ("given", "limit"), [([], 30.0), (["--trace-rate", "120"], 120.0), (["--trace-rate", "0"], None)]
)
def test_serve_trace_rate_sets_the_per_client_limit_and_zero_turns_it_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, given: list[str], limit: float | None
) -> None:
    from unspun.web import app, server

    seen: dict[str, Any] = {}
    monkeypatch.setattr(app, "create_app", lambda index, **kwargs: seen.update(kwargs) or "app")
    monkeypatch.setattr(server, "serve", lambda app, host, port: seen.update(served=app))
    assert main(["serve", "--index", str(tmp_path), *given]) == 0
    assert seen["traces_per_minute"] == limit and seen["served"] == "app"


def test_serve_refuses_a_negative_trace_rate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--index", str(tmp_path), "--trace-rate", "-1"]) != 0
    assert "--trace-rate" in capsys.readouterr().err
