"""The OpenAPI contract, checked by hand: every documented route, valid and invalid inputs.

For each operation in ``/openapi.json`` the cases below must include a success
and a refusal; every answer must carry a status code the document lists for
that operation, with a documented content type, and a JSON body with the
documented required fields. A route added without cases here fails the test.
(schemathesis 4.32.5 installs here, but a hand-written table is deterministic,
runs in a second and pulls in no extra dependencies.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.api import Index
from unspun.web.app import create_app

DEMO_CORPUS = Path(__file__).resolve().parents[2] / "demo" / "corpus.jsonl"

TOKEN = "contract-token"
LOCAL = "http://localhost"
LIMIT = 50_000
RECORD = {
    "id": "c1",
    "outlet": "contract.example",
    "title": "A test",
    "text": "A sentence made up for a test.",
}
BIG = "Big\n\n" + "All words here are invented. " * 2_000


@dataclass
class Case:
    name: str
    status: int
    kwargs: dict[str, Any] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


ND = {"content-type": "application/x-ndjson"}

CASES: dict[tuple[str, str], list[Case]] = {
    ("post", "/api/trace"): [
        Case(
            "text", 200, {"json": {"text": "Invented title\n\nThe Sarn Valley has been disputed since 1994."}}
        ),
        Case("record", 200, {"json": {"record": RECORD}}),
        Case("record with outlet", 200, {"json": {"record": RECORD, "outlet": "other.example"}}),
        Case("nothing", 400, {"json": {}}),
        Case("two inputs", 400, {"json": {"text": "a\nb", "record": RECORD}}),
        Case("record without text", 400, {"json": {"record": {"title": "x"}}}),
        Case("unknown field", 422, {"json": {"text": "a\nb", "colour": "red"}}),
        Case("wrong type", 422, {"json": {"url": 7}}),
        Case("not json", 422, {"content": b"text=hello", "headers": {"content-type": "application/json"}}),
        Case("private url", 422, {"json": {"url": "http://10.0.0.1/story"}}),
        Case("too large", 413, {"json": {"text": BIG}}),
    ],
    ("get", "/api/reports/{report_id}"): [
        Case("stored", 200, params={"report_id": "<stored>"}),
        Case("unknown", 404, params={"report_id": "0" * 24}),
        Case("malformed", 404, params={"report_id": "zz"}),
    ],
    ("post", "/api/documents"): [
        Case(
            "jsonl body", 202, {"content": json.dumps(RECORD).encode() + b"\n", "headers": {**ND, **_auth()}}
        ),
        Case(
            "multipart",
            202,
            {
                "files": [("files", ("c.jsonl", json.dumps(RECORD).encode(), "application/jsonl"))],
                "headers": _auth(),
            },
        ),
        Case("empty body", 202, {"content": b"", "headers": {**ND, **_auth()}}),
        Case("no token", 401, {"content": b"{}\n", "headers": ND}),
        Case("wrong token", 401, {"content": b"{}\n", "headers": {**ND, **_auth("wrong")}}),
        Case("json array", 415, {"json": [RECORD], "headers": _auth()}),
        Case(
            "unknown file type",
            400,
            {"files": [("files", ("c.exe", b"MZ", "application/octet-stream"))], "headers": _auth()},
        ),
        Case(
            "multipart without files",
            400,
            {"files": [("other", ("a.txt", b"x", "text/plain"))], "headers": _auth()},
        ),
        Case("too large", 413, {"content": b"x" * (LIMIT + 1), "headers": {**ND, **_auth()}}),
    ],
    ("get", "/api/jobs/{job_id}"): [
        Case("started", 200, params={"job_id": "<job>"}),
        Case("unknown", 404, params={"job_id": "no-such-job"}),
    ],
    ("get", "/api/stats"): [Case("stats", 200)],
}
# Refusals that need a differently configured server: (server kwargs, method, path, case)
OTHER_SERVERS: list[tuple[dict[str, Any], str, str, Case]] = [
    ({"token": None}, "post", "/api/documents", Case("writes off", 403, {"content": b"{}\n", "headers": ND})),
    # a bucket of one that never refills: the first trace (another case's) empties it
    (
        {"traces_per_minute": 1e-9, "trace_burst": 1},
        "post",
        "/api/trace",
        Case("rate limited", 429, {"json": {"record": RECORD}}),
    ),
]


BUSY = Case("busy", 409, {"content": b"{}\n", "headers": {**ND, **_auth()}})


@pytest.fixture(scope="module")
def contract_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("contract") / "index"
    Index.build(path, [DEMO_CORPUS]).close()
    return path


@pytest.fixture(scope="module")
def api(contract_index: Path) -> Iterator[TestClient]:
    with TestClient(
        base_url=LOCAL,
        app=create_app(contract_index, token=TOKEN, max_body_bytes=LIMIT, traces_per_minute=None),
    ) as c:
        yield c


def _required(schema: dict[str, Any], components: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return list(schema.get("required", []))


def _check(
    client: TestClient, spec: dict[str, Any], method: str, path: str, case: Case, known: dict[str, str]
) -> None:
    """Make the case's request (``<stored>``-style params name an existing report or job) and check it."""
    op = spec["paths"][path][method]
    url = path
    for key, value in case.params.items():
        url = url.replace("{" + key + "}", known.get(value, value))
    response = client.request(method.upper(), url, **case.kwargs)
    where = f"{method.upper()} {path} [{case.name}]"
    assert response.status_code == case.status, f"{where}: {response.status_code} {response.text[:300]}"
    documented = op["responses"]
    assert str(response.status_code) in documented, f"{where}: {response.status_code} is not documented"
    content = documented[str(response.status_code)].get("content", {})
    ctype = response.headers.get("content-type", "").split(";")[0]
    assert content, f"{where}: no content type documented for {response.status_code}"
    assert ctype in content, f"{where}: answered {ctype}, documented {sorted(content)}"
    body = response.json()
    assert isinstance(body, dict)
    schema = content[ctype].get("schema", {})
    for name in _required(schema, spec["components"]["schemas"]):
        assert name in body, f"{where}: required field {name!r} missing"
    if response.status_code >= 400:
        assert set(body) == {"error", "message", "hint"}, where
        assert "Traceback" not in response.text


def test_every_documented_route_answers_as_documented(api: TestClient, contract_index: Path) -> None:
    spec = api.get("/openapi.json").json()
    operations = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert operations == set(CASES), "every documented operation needs contract cases, and only those"
    known = {"<stored>": api.post("/api/trace", json={"record": RECORD}).headers["x-unspun-report"]}
    started = api.post(
        "/api/documents", content=json.dumps(RECORD).encode() + b"\n", headers={**ND, **_auth()}
    )
    known["<job>"] = started.json()["id"]
    _wait_for_adds(api)
    for (method, path), cases in CASES.items():
        statuses = {c.status for c in cases}
        assert (any(s < 300 for s in statuses) and any(s >= 400 for s in statuses)) or path == "/api/stats"
        for case in cases:
            _check(api, spec, method, path, case, known)
            _wait_for_adds(api)
        # every request content type the document lists is exercised by a successful case
        declared = spec["paths"][path][method].get("requestBody", {}).get("content", {})
        used = set()
        for case in cases:
            if case.status < 300:
                if "json" in case.kwargs:
                    used.add("application/json")
                elif "files" in case.kwargs:
                    used.add("multipart/form-data")
                elif "headers" in case.kwargs and "content-type" in case.kwargs["headers"]:
                    used.add(case.kwargs["headers"]["content-type"])
        assert set(declared) <= used, f"{method} {path}: request types {set(declared) - used} untested"
    for kwargs, method, path, case in OTHER_SERVERS:
        with TestClient(base_url=LOCAL, app=create_app(contract_index, **kwargs)) as other:
            if case.status == 429:
                other.post("/api/trace", json={"record": RECORD})
            _check(other, spec, method, path, case, known)
    # 409: an add while another is running (the lock the running add would hold)
    lock = api.app.state.service._write_lock  # type: ignore[attr-defined]
    with lock:
        _check(api, spec, "post", "/api/documents", BUSY, known)


def _wait_for_adds(client: TestClient) -> None:
    """Let a started add finish, so the next case that adds is not refused as busy."""
    service = client.app.state.service  # type: ignore[attr-defined]
    if service._adder is not None:
        service._adder.join(timeout=20)


def test_every_documented_status_is_exercised(api: TestClient) -> None:
    """The documentation promises no status that no case produces (FastAPI's default 422 included)."""
    spec = api.get("/openapi.json").json()
    produced: dict[tuple[str, str], set[str]] = {k: {str(c.status) for c in v} for k, v in CASES.items()}
    for _, method, path, case in OTHER_SERVERS:
        produced[(method, path)].add(str(case.status))
    produced[("post", "/api/documents")].add(str(BUSY.status))
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert set(op["responses"]) == produced[(method, path)], f"{method} {path}"
