"""Bad input at every route of ``unspun serve``: a clear JSON error (or the page with its error), never a 500.

Each answer to bad input must be a 4xx whose JSON body is exactly
``{error, message, hint}`` with a hint saying what to do, and must not echo
a traceback. Pages answer with the form and its error instead of JSON.
All text is invented; no test resolves a host name (every URL is an address
literal or refused before a lookup).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.web.app import create_app

TOKEN = "serve-bad-input-token"
LOCAL = "http://localhost"
JSON = {"content-type": "application/json"}
ARTICLE = "Invented headline\n\nThe Orrin canal lock was repainted on Tuesday, the lock keeper said."


@pytest.fixture(scope="module")
def api(demo_index: Path) -> Iterator[TestClient]:
    app = create_app(demo_index, token=TOKEN, traces_per_minute=None, max_article_chars=5_000)
    with TestClient(base_url=LOCAL, app=app, raise_server_exceptions=False) as c:
        yield c


def assert_refused(response: Any, *statuses: int) -> dict[str, str]:
    """A refusal with one of ``statuses``, as ``{error, message, hint}`` JSON with a hint."""
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body: dict[str, str] = response.json()
    assert set(body) == {"error", "message", "hint"}, body
    assert body["message"] and body["hint"], body
    assert "Traceback" not in response.text
    return body


def assert_page_error(response: Any, status: int) -> None:
    """The trace form again, with its error in an alert, not a JSON body or a crash."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert "text/html" in response.headers["content-type"]
    assert 'role="alert"' in response.text and "Traceback" not in response.text


# ---- malformed JSON bodies and wrong content types ---------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{oops",
        b"null",
        b"[]",
        b'"a string"',
        b"42",
        b'{"text": NaN}',
        b'{"text": "a\\nb"} trailing',
        b'{"text": "T\xff\xfe\\n\\nBody."}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"record": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
        b'{"text": 5, "url": [], "record": "x"}',
    ],
    ids=[
        "empty",
        "cut-off",
        "null",
        "array",
        "string",
        "number",
        "nan",
        "trailing",
        "bad-utf8",
        "deep-array",
        "deep-object",
        "wrong-types",
    ],
)
def test_malformed_json_to_trace_is_a_clear_4xx(api: TestClient, body: bytes) -> None:
    assert_refused(api.post("/api/trace", content=body, headers=JSON), 400, 422)


@pytest.mark.parametrize(
    "ctype", ["text/plain", "application/xml", "application/x-www-form-urlencoded", "image/png", None]
)
def test_a_trace_that_is_not_json_is_422(api: TestClient, ctype: str | None) -> None:
    headers = {"content-type": ctype} if ctype else {}
    body = assert_refused(api.post("/api/trace", content=json.dumps({"text": ARTICLE}), headers=headers), 422)
    assert body["error"] == "invalid_request"


@pytest.mark.parametrize("ctype", ["application/json", "application/xml", "image/png", None])
def test_documents_that_are_neither_jsonl_nor_multipart_are_415(api: TestClient, ctype: str | None) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", **({"content-type": ctype} if ctype else {})}
    body = assert_refused(
        api.post("/api/documents", content=b'{"id": "a", "text": "x"}', headers=headers), 415
    )
    assert "application/x-ndjson" in body["hint"]


@pytest.mark.parametrize(
    ("content", "ctype"),
    [
        (b"abc", "multipart/form-data"),
        (b"--x\r\nzzz", "multipart/form-data; boundary=x"),
        (b'{"text": "Title\\n\\nBody."}', "application/json"),
    ],
    ids=["no-boundary", "garbage-parts", "json"],
)
def test_the_form_given_something_else_is_a_clear_400(api: TestClient, content: bytes, ctype: str) -> None:
    response = api.post("/trace", content=content, headers={"content-type": ctype})
    assert response.status_code == 400 and "Traceback" not in response.text
    if "json" in response.headers["content-type"]:
        assert_refused(response, 400)
    else:
        assert_page_error(response, 400)


# ---- sizes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "status"), [("-1", 400), ("ten", 400), ("1e3", 400), ("99999999999999999999", 413)]
)
def test_a_content_length_that_is_not_a_size_is_refused_before_reading(
    api: TestClient, length: str, status: int
) -> None:
    response = api.post("/api/trace", content=b"{}", headers={**JSON, "content-length": length})
    assert_refused(response, status)


def test_an_article_over_the_trace_cap_is_refused_whichever_way_it_comes(api: TestClient) -> None:
    long_text = "Invented headline\n\n" + "The lock keeper repainted the gate. " * 200
    for request in ({"text": long_text}, {"record": {"title": "T", "text": long_text}}):
        body = assert_refused(api.post("/api/trace", json=request), 400)
        assert "traces at most 5,000" in body["message"]
    upload = api.post("/trace", files={"file": ("long.txt", long_text.encode(), "text/plain")})
    assert_page_error(upload, 400)
    assert "traces at most 5,000" in upload.text
    assert api.post("/api/trace", json={"text": ARTICLE}).status_code == 200


# ---- uploads ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.txt", b"\x00\x01PK\x03\x04" * 100),
        ("empty.txt", b""),
        ("blank.txt", b"\n  \n\t\n"),
        ("utf16.txt", "Headline\n\nThe lock was repainted.".encode("utf-16")),
        ("big.txt", b"Headline\n\n" + b"word " * 1_100_000),
        ("deep.html", b"<html><body>" + b"<div>" * 5_000 + b"text" + b"</div>" * 5_000 + b"</body></html>"),
        (
            "scripts.html",
            b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
        ),
    ],
    ids=["binary", "empty", "blank", "utf16", "over-5mb", "deep-html", "script-only"],
)
def test_a_bad_article_upload_shows_the_form_with_its_error(api: TestClient, name: str, data: bytes) -> None:
    assert_page_error(api.post("/trace", files={"file": (name, data, "application/octet-stream")}), 400)


def test_an_upload_over_the_body_limit_is_413_before_it_is_read(api: TestClient) -> None:
    huge = b"Headline\n\n" + b"word " * 2_100_000  # 10.5 MB
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for path, field, headers in (("/trace", "file", {}), ("/api/documents", "files", auth)):
        response = api.post(path, files={field: ("huge.txt", huge, "text/plain")}, headers=headers)
        assert assert_refused(response, 413)["error"] == "too_large"


def test_a_bad_corpus_upload_is_refused_or_its_lines_are_skipped(api: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    unknown = api.post(
        "/api/documents",
        files={"files": ("tool.exe", b"MZ\x90\x00", "application/x-msdownload")},
        headers=auth,
    )
    assert_refused(unknown, 400)
    nothing = api.post("/api/documents", files={"other": ("a.txt", b"x", "text/plain")}, headers=auth)
    assert_refused(nothing, 400)
    binary = api.post(
        "/api/documents",
        files={"files": ("blob.jsonl", b"\x00\xff\n" * 50, "application/jsonl")},
        headers=auth,
    )
    assert binary.status_code == 202
    job = wait(api, binary.headers["location"])
    assert job["state"] == "done" and job["result"]["added"] == 0
    assert job["result"]["warnings_total"] == 50 and job["result"]["warnings"][0].startswith(
        "skipped blob.jsonl:1"
    )


def wait(api: TestClient, url: str) -> dict[str, Any]:
    for _ in range(2_000):
        job: dict[str, Any] = api.get(url).json()
        if job["state"] in {"done", "failed"}:
            return job
    raise AssertionError(f"job at {url} did not finish")


# ---- URLs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,hello",
        "file:///etc/passwd",
        "ftp://192.0.2.1/x",
        "http://[::1",
        "https://192.0.2.1:99999/",
        "http://" + "a" * 300 + ".example/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://127.1/",
        "http://0/",
        "http://0.0.0.0:8080/",
        "https://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://[fd00::1]/",
        "http://user:password@127.0.0.1/",
        "http://192.0.2.1:80@127.0.0.1/",
    ],
)
def test_a_bad_or_private_url_is_refused_with_422(api: TestClient, url: str) -> None:
    assert assert_refused(api.post("/api/trace", json={"url": url}), 422)["error"] == "fetch"


def test_a_url_without_a_host_is_refused_with_a_hint(api: TestClient) -> None:
    assert assert_refused(api.post("/api/trace", json={"url": "http://"}), 422)["error"] == "fetch"


def test_a_bad_url_in_the_form_shows_the_form_with_its_error(api: TestClient) -> None:
    assert_page_error(api.post("/trace", data={"url": "http://[::1"}), 422)


# ---- report ids, job ids and path traversal ------------------------------------------------------------

TRAVERSALS = [
    "..%2F..%2Fpyproject.toml",
    "%2e%2e%2f%2e%2e%2fpyproject.toml",
    "..%5C..%5Cpyproject.toml",
    "....%2F%2F....%2F%2Fpyproject.toml",
    "%252e%252e%252fpyproject.toml",
    "web-reports%2F..%2Funspun.sqlite",
    "abc%00def",
    "0" * 23 + "%2F",
    "x" * 5_000,
]
ROUTES = [
    "/api/reports/{}",
    "/api/jobs/{}",
    "/r/{}",
    "/r/{}/report.json",
    "/r/{}/report.html",
    "/static/{}",
    "/assets/{}",
]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("attempt", TRAVERSALS, ids=range(len(TRAVERSALS)))
def test_path_traversal_in_any_path_parameter_is_a_plain_404(
    api: TestClient, route: str, attempt: str
) -> None:
    response = api.get(route.format(attempt))
    assert response.status_code == 404, response.text[:200]
    assert "[project]" not in response.text and "SQLite format" not in response.text
    assert "x" * 41 not in response.text  # an id is echoed cut short, not in full
    if "json" in response.headers["content-type"]:
        assert set(response.json()) == {"error", "message", "hint"}


# ---- tokens ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": b"Bearer t\xf6ken"},
        {"Authorization": "Bearer " + "t" * 10_000},
        {"X-Unspun-Token": "wrong"},
    ],
    ids=range(9),
)
def test_a_write_with_a_missing_or_wrong_token_is_401_and_adds_nothing(
    api: TestClient, headers: dict[str, Any]
) -> None:
    before = api.get("/api/stats").json()["documents"]
    for kwargs in (
        {
            "content": b'{"id": "t1", "text": "An invented line."}\n',
            "headers": {"content-type": "application/x-ndjson", **headers},
        },
        {
            "files": {
                "files": ("a.jsonl", b'{"id": "t2", "text": "An invented line."}\n', "application/jsonl")
            },
            "headers": headers,
        },
    ):
        response = api.post("/api/documents", **kwargs)
        assert assert_refused(response, 401)["error"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"
    assert api.get("/api/stats").json()["documents"] == before
