"""The JSON API through FastAPI's TestClient: same bytes as the CLI, guarded writes, JSON errors."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.api import Index
from unspun.cli import main
from unspun.errors import StoreError
from unspun.report.html import marked_runs, render_html
from unspun.report.serialize import report_to_json
from unspun.web.app import create_app

TOKEN = "a-test-token"
LOCAL = "http://localhost"
Finished = Callable[[TestClient, Any], dict[str, Any]]

# Invented: a fictional outlet reporting a fictional event, used only to prove adds reach traces.
NEW_DOCS = [
    {
        "id": "lumen-bridge-1",
        "url": "https://lumen-post.example/bridge",
        "outlet": "lumen-post.example",
        "published": "2031-04-02",
        "title": "Quarry Bridge reopens after repairs",
        "text": "The Quarry Bridge over the river Tesk reopened on Wednesday after eleven weeks of repairs, "
        "the Ostmark roads office said. Engineer Pella Voss said the new deck would carry 40-tonne lorries.",
    },
    {
        "id": "lumen-bridge-2",
        "url": "https://lumen-post.example/ferry",
        "outlet": "lumen-post.example",
        "published": "2031-04-03",
        "title": "Tesk ferry to stop",
        "text": "The Tesk ferry will stop running at the end of April, operator Brannow Lines announced.",
    },
]
COPY_OF_NEW = (
    "Bridge open again\n\n"
    "The Quarry Bridge over the river Tesk reopened on Wednesday after eleven weeks of repairs. "
    "Engineer Pella Voss said the new deck would carry 40-tonne trucks."
)


def jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


@pytest.fixture
def writer(fresh_index: Path) -> Iterator[TestClient]:
    with TestClient(base_url=LOCAL, app=create_app(fresh_index, token=TOKEN)) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_trace_is_byte_for_byte_the_library_and_the_cli(
    client: TestClient,
    demo_index: Path,
    demo_article: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    response = client.post("/api/trace", json={"text": demo_article})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with Index(demo_index) as index:
        expected = report_to_json(index.trace(demo_article))
    assert response.content == expected.encode("utf-8")
    # the CLI prints the same bytes for the same article (only where it was read from differs)
    article_file = tmp_path / "farm.txt"
    article_file.write_text(demo_article, encoding="utf-8")
    assert main(["trace", str(article_file), "--index", str(demo_index), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    assert printed.replace(json.dumps(str(article_file)), json.dumps("<text>")) == response.text


def test_a_report_has_a_stable_shareable_id(client: TestClient, demo_article: str) -> None:
    first = client.post("/api/trace", json={"text": demo_article})
    second = client.post("/api/trace", json={"text": demo_article})
    key = first.headers["x-unspun-report"]
    assert key == second.headers["x-unspun-report"]
    assert first.headers["location"] == f"/api/reports/{key}"
    stored = client.get(f"/api/reports/{key}")
    assert stored.status_code == 200
    assert stored.content == first.content
    page = client.get(f"/r/{key}")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    download = client.get(f"/r/{key}/report.json")
    assert download.content == first.content
    assert "attachment" in download.headers["content-disposition"]


def test_reports_survive_a_restart(demo_index: Path, demo_article: str) -> None:
    with TestClient(base_url=LOCAL, app=create_app(demo_index)) as c:
        key = c.post("/api/trace", json={"text": demo_article}).headers["x-unspun-report"]
    with TestClient(base_url=LOCAL, app=create_app(demo_index)) as c:
        assert c.get(f"/api/reports/{key}").status_code == 200


@pytest.mark.parametrize("key", ["0" * 24, "not-a-hash", "..%2F..%2Fetc%2Fpasswd", "A" * 24])
def test_unknown_reports_are_404_json(client: TestClient, key: str) -> None:
    response = client.get(f"/api/reports/{key}")
    assert response.status_code == 404
    assert set(response.json()) == {"error", "message", "hint"}


def test_a_json_record_traces_with_its_metadata(client: TestClient) -> None:
    record = {
        "id": "x",
        "url": "https://farm.example/story",
        "outlet": "farm.example",
        "published": "2031-03-20",
        "title": "Ceasefire talks",
        "text": "Northern Coastal Treaty Organisation Secretary-General Dr. Amara Quelling stated delegations "
        "from both capitals had agreed to meet in Port Aldine on Thursday.",
    }
    report = client.post("/api/trace", json={"record": record}).json()
    assert report["article"]["outlet"] == "farm.example"
    assert report["article"]["published"] == "2031-03-20"
    assert report["sentences"][1]["sources"]


def test_input_errors_are_json_with_a_hint(client: TestClient) -> None:
    for body in ({}, {"text": "a\nb", "url": "https://example.org/"}, {"text": "   \n  "}):
        response = client.post("/api/trace", json=body)
        assert response.status_code == 400, body
        assert response.json()["error"] == "bad_input"
        assert response.json()["hint"]
    wrong_type = client.post("/api/trace", json={"text": 5})
    assert wrong_type.status_code == 422
    assert wrong_type.json()["error"] == "invalid_request"
    not_json = client.post("/api/trace", content=b"{oops", headers={"content-type": "application/json"})
    assert not_json.status_code == 422
    assert "Traceback" not in not_json.text


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/x",
        "http://localhost/",
        "file:///etc/passwd",
        "http://[::1]/",
        "ftp://example.org/x",
    ],
)
def test_urls_go_through_the_fetch_guards(client: TestClient, url: str) -> None:
    response = client.post("/api/trace", json={"url": url})
    assert response.status_code == 422
    assert response.json()["error"] == "fetch"


def test_writes_are_refused_without_a_configured_token(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    response = client.post(
        "/api/documents", content=jsonl(NEW_DOCS), headers={"content-type": "application/x-ndjson", **auth()}
    )
    assert response.status_code == 403
    assert "--token" in response.json()["hint"] and "UNSPUN_TOKEN" in response.json()["hint"]


def test_the_token_can_come_from_the_environment(
    fresh_index: Path, monkeypatch: pytest.MonkeyPatch, finished: Finished
) -> None:
    monkeypatch.setenv("UNSPUN_TOKEN", "from-env")
    with TestClient(base_url=LOCAL, app=create_app(fresh_index)) as c:
        ok = c.post(
            "/api/documents",
            content=jsonl(NEW_DOCS),
            headers={"content-type": "application/x-ndjson", **auth("from-env")},
        )
        assert finished(c, ok)["state"] == "done"


def test_a_wrong_token_is_401(writer: TestClient) -> None:
    for headers in ({}, auth("nope"), {"Authorization": "Basic abc"}):
        response = writer.post(
            "/api/documents",
            content=jsonl(NEW_DOCS),
            headers={"content-type": "application/x-ndjson", **headers},
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_added_documents_reach_the_next_trace(writer: TestClient, finished: Finished) -> None:
    before = writer.post("/api/trace", json={"text": COPY_OF_NEW}).json()
    assert all(not s["sources"] for s in before["sentences"][1:])
    added = writer.post(
        "/api/documents",
        content=jsonl(NEW_DOCS) + b"not json\n",
        headers={"content-type": "application/x-ndjson", **auth()},
    )
    job = finished(writer, added)
    assert job["state"] == "done" and job["documents"] == 2 and job["bytes"] > 0, job
    body = job["result"]
    assert body["added"] == 2 and body["warnings_total"] == 1
    assert body["warnings"][0].startswith("skipped body.jsonl:3")
    after = writer.post("/api/trace", json={"text": COPY_OF_NEW}).json()
    assert after["sentences"][1]["sources"][0]["doc_id"] == "lumen-bridge-1"
    assert after["index_digest"] != before["index_digest"]
    again = writer.post(
        "/api/documents", content=jsonl(NEW_DOCS), headers={"content-type": "application/x-ndjson", **auth()}
    )
    assert finished(writer, again)["result"]["duplicates"] == 2
    stats = writer.get("/api/stats").json()
    assert stats["documents"] == 25


def test_files_upload_as_multipart(writer: TestClient, finished: Finished) -> None:
    files = [
        ("files", ("more.jsonl.gz", gzip.compress(jsonl(NEW_DOCS[:1])), "application/gzip")),
        ("files", ("note.txt", b"A note\n\nThe Tesk ferry timetable changes in May.", "text/plain")),
    ]
    response = writer.post("/api/documents", files=files, headers=auth())
    assert finished(writer, response)["result"]["added"] == 2
    bad = writer.post(
        "/api/documents", files=[("files", ("x.exe", b"MZ", "application/octet-stream"))], headers=auth()
    )
    assert bad.status_code == 400
    assert bad.json()["error"] == "bad_input"


def test_other_bodies_are_415(writer: TestClient) -> None:
    response = writer.post("/api/documents", json=NEW_DOCS, headers=auth())
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_bodies_over_the_limit_are_413(fresh_index: Path) -> None:
    with TestClient(base_url=LOCAL, app=create_app(fresh_index, token=TOKEN, max_body_bytes=2_000)) as c:
        declared = c.post("/api/trace", json={"text": "x\n" + "word " * 1000})
        assert declared.status_code == 413
        assert declared.json()["error"] == "too_large"

        def chunks() -> Iterator[bytes]:
            for _ in range(10):
                yield b'{"id": "a", "text": "' + b"y" * 500 + b'"}\n'

        streamed = c.post(
            "/api/documents", content=chunks(), headers={"content-type": "application/x-ndjson", **auth()}
        )
        assert streamed.status_code == 413
        assert streamed.json()["error"] == "too_large"
        small = c.post("/api/trace", json={"text": "Title\n\nOne short sentence."})
        assert small.status_code == 200


def test_stats_match_the_cli(
    client: TestClient, demo_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client.get("/api/stats")
    assert response.status_code == 200
    assert main(["index", "stats", "--index", str(demo_index), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    api = response.json()
    for on_disk in ("disk_bytes", "disk_per_text_byte"):  # the report folder and WAL may differ by a page
        cli.pop(on_disk, None)
        api.pop(on_disk, None)
    assert api == cli


def test_unexpected_errors_are_json_without_a_traceback(demo_index: Path, demo_article: str) -> None:
    app = create_app(demo_index)

    def boom(*_: object) -> None:
        raise RuntimeError("secret internals")

    app.state.service.trace = boom
    with TestClient(base_url=LOCAL, app=app, raise_server_exceptions=False) as c:
        response = c.post("/api/trace", json={"text": demo_article})
    assert response.status_code == 500
    assert response.json()["error"] == "internal"
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_a_missing_index_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "nothing-here")


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    text = 'Title <script>alert("t")</script>\n\nThe <img src=x onerror=alert(1)> council met on Monday.'
    response = client.post("/trace", data={"text": text}, follow_redirects=True)
    assert response.status_code == 200
    page = response.text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in page
    key = str(response.url).rsplit("/", 1)[1]
    html = client.get(f"/r/{key}/report.html").text
    assert "<script>alert" not in html and "&lt;img src=x" in html


def test_the_form_reports_errors_in_the_page(client: TestClient) -> None:
    response = client.post("/trace", data={"text": "", "url": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    missing = client.get("/r/" + "f" * 24)
    assert missing.status_code == 404 and "No such report" in missing.text


def test_pages_load_nothing_remote(client: TestClient, demo_article: str) -> None:
    key = client.post("/api/trace", json={"text": demo_article}).headers["x-unspun-report"]
    for path in ("/", "/index", "/api", f"/r/{key}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "default-src 'none'" in response.headers["content-security-policy"]
        for marker in ('src="http', "src='http", 'href="//', "url(http", "@import"):
            assert marker not in response.text, (path, marker)
        assert 'rel="stylesheet" href="http' not in response.text
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/assets/report.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_standalone_html_is_self_contained(client: TestClient, demo_article: str) -> None:
    report = client.post("/api/trace", json={"text": demo_article}).json()
    html = render_html(report)
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "<script>" in html
    assert "<link" not in html and "<script src" not in html and "@import" not in html
    assert html.count('data-sentence="') == len(report["sentences"])


def test_claims_panel_only_with_an_analysis(client: TestClient, demo_article: str) -> None:
    report = client.post("/api/trace", json={"text": demo_article}).json()
    report["analysis"] = None
    assert 'data-panel="claims"' not in render_html(report)
    report["analysis"] = {
        "summary": {
            "sentences": 13,
            "unattributed_share": 0.25,
            "checks": [{"sentence": 7, "reason": "no source named"}],
        },
        "sentences": [{"index": 7, "claims": [{"kind": "assertion", "text": "rebels are <hired> guns"}]}],
    }
    html = render_html(report)
    assert 'data-panel="claims"' in html
    assert "no source named" in html and "rebels are &lt;hired&gt; guns" in html


def test_marked_runs_rebuild_both_sentences(client: TestClient, demo_article: str) -> None:
    report = client.post("/api/trace", json={"text": demo_article}).json()
    marked = 0
    for s in report["sentences"]:
        compared = next(
            (m for m in s["sources"] + s["later_copies"] if m["doc_id"] == s["changes_against"]), None
        )
        if compared is None:
            continue
        article_runs = marked_runs(s["text"], s["edits"], "article_span")
        source_runs = marked_runs(compared["text"], s["edits"], "source_span")
        assert "".join(t for _, t in article_runs) == s["text"]
        assert "".join(t for _, t in source_runs) == compared["text"]
        marked += sum(1 for op, _ in article_runs if op)
    assert marked > 0
