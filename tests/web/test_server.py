"""The server's guards and background work: add jobs, report expiry, the Host allowlist, trace rate limits.

Time is an injected clock, so nothing here sleeps longer than a poll.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.errors import StoreError
from unspun.types import Document
from unspun.web.app import RateLimit, _Reports, create_app, host_name

TOKEN = "server-token"
LOCAL = "http://localhost"
ND = {"content-type": "application/x-ndjson", "Authorization": f"Bearer {TOKEN}"}
DAY = 86_400.0
Finished = Callable[[TestClient, Any], dict[str, Any]]


class Clock:
    """Wall-clock seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def records(*ids: str) -> bytes:
    return "".join(
        json.dumps(
            {"id": i, "outlet": "ferry.example", "title": "Ferry", "text": f"The ferry {i} sailed late."}
        )
        + "\n"
        for i in ids
    ).encode()


def article(n: int) -> str:
    return f"Invented headline {n}\n\nThe Orrin canal lock number {n} was repainted on Tuesday."


@pytest.fixture
def clock() -> Clock:
    return Clock()


# ---- adds run as background jobs ------------------------------------------------------


@pytest.fixture
def adder(fresh_index: Path) -> Iterator[TestClient]:
    with TestClient(base_url=LOCAL, app=create_app(fresh_index, token=TOKEN)) as c:
        yield c


def test_an_add_reports_live_progress_and_refuses_a_second_add(adder: TestClient, finished: Finished) -> None:
    service = adder.app.state.service  # type: ignore[attr-defined]
    real = service.writer.add_documents
    release = threading.Event()

    def slow(documents: Iterable[Document], progress: Callable[[int, int], None], workers: int) -> Any:
        progress(1, 123)
        assert release.wait(10)
        return real(documents, progress=progress, workers=workers)

    service.writer.add_documents = slow
    started = adder.post("/api/documents", content=records("a", "b"), headers=ND)
    assert started.status_code == 202
    job = started.json()
    assert started.headers["location"] == f"/api/jobs/{job['id']}"
    assert job["state"] in {"queued", "running"} and job["result"] is None and job["error"] is None
    deadline = time.monotonic() + 5
    while (seen := adder.get(started.headers["location"]).json())["documents"] != 1:
        assert time.monotonic() < deadline, seen
        time.sleep(0.01)
    assert seen["state"] == "running" and seen["bytes"] == 123
    busy = adder.post("/api/documents", content=records("c"), headers=ND)
    assert busy.status_code == 409 and busy.json()["error"] == "busy"
    release.set()
    done = finished(adder, started)
    assert done["state"] == "done" and done["result"]["added"] == 2 and done["documents"] == 2
    assert done["bytes"] == done["result"]["text_bytes"]
    service.writer.add_documents = real
    assert finished(adder, adder.post("/api/documents", content=records("c"), headers=ND))["state"] == "done"


@pytest.mark.parametrize(
    ("raised", "code", "shown"),
    [
        (StoreError("another process is adding to this index", "wait for it"), "index", "another process"),
        (RuntimeError("secret internals"), "internal", "unexpected error"),
    ],
)
def test_a_failed_add_says_why_and_frees_the_lock(
    adder: TestClient, finished: Finished, raised: Exception, code: str, shown: str
) -> None:
    service = adder.app.state.service  # type: ignore[attr-defined]
    real = service.writer.add_documents

    def broken(*_: Any, **__: Any) -> None:
        raise raised

    service.writer.add_documents = broken
    job = finished(adder, adder.post("/api/documents", content=records("x"), headers=ND))
    assert job["state"] == "failed" and job["result"] is None
    assert set(job["error"]) == {"error", "message", "hint"}
    assert job["error"]["error"] == code and shown in job["error"]["message"]
    assert "secret" not in json.dumps(job)
    service.writer.add_documents = real
    assert finished(adder, adder.post("/api/documents", content=records("x"), headers=ND))["state"] == "done"


def test_bad_uploads_are_refused_before_a_job_starts(adder: TestClient) -> None:
    bad = adder.post(
        "/api/documents",
        files=[("files", ("x.exe", b"MZ", "application/octet-stream"))],
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert bad.status_code == 400 and "location" not in bad.headers
    assert adder.app.state.service.jobs == {}  # type: ignore[attr-defined]
    unknown = adder.get("/api/jobs/no-such-job")
    assert unknown.status_code == 404
    assert set(unknown.json()) == {"error", "message", "hint"}


# ---- stored reports expire ------------------------------------------------------------


def test_only_the_newest_reports_are_kept(fresh_index: Path) -> None:
    with TestClient(base_url=LOCAL, app=create_app(fresh_index, max_reports=2)) as c:
        keys = [c.post("/api/trace", json={"text": article(n)}).headers["x-unspun-report"] for n in range(3)]
        assert c.get(f"/api/reports/{keys[0]}").status_code == 404
        assert [c.get(f"/api/reports/{k}").status_code for k in keys[1:]] == [200, 200]
        assert len(list((fresh_index / "web-reports").glob("*.json"))) == 2
        gone = c.get(f"/api/reports/{keys[0]}").json()
        assert "expired" in gone["hint"] and "newest 2" in gone["hint"]
        page = c.get(f"/r/{keys[0]}")
        assert page.status_code == 404 and "text/html" in page.headers["content-type"]
        assert "It may have expired" in page.text and "trace the article again" in page.text


def test_reports_older_than_the_limit_expire(fresh_index: Path, clock: Clock) -> None:
    with TestClient(base_url=LOCAL, app=create_app(fresh_index, report_days=1, clock=clock)) as c:
        old = c.post("/api/trace", json={"text": article(1)}).headers["x-unspun-report"]
        kept = c.post("/api/trace", json={"text": article(2)}).headers["x-unspun-report"]
        clock.now += 0.8 * DAY
        c.post("/api/trace", json={"text": article(2)})  # tracing again refreshes the report
        clock.now += 0.8 * DAY
        assert c.get(f"/api/reports/{kept}").status_code == 200
        # expired on reading, even before a new report prunes the folder
        response = c.get(f"/api/reports/{old}")
        assert response.status_code == 404 and "for 1 days" in response.json()["hint"]
        assert not (fresh_index / "web-reports" / f"{old}.json").exists()
        clock.now += 2 * DAY
        c.post("/api/trace", json={"text": article(3)})
        assert not (fresh_index / "web-reports" / f"{kept}.json").exists()


def test_reports_kept_in_memory_expire_too(clock: Clock) -> None:
    reports = _Reports(None, max_reports=2, max_days=1, clock=clock)
    keys = [reports.put(json.dumps({"n": n})) for n in range(3)]
    assert reports.get(keys[0]) is None and reports.get(keys[2]) is not None
    clock.now += 2 * DAY
    assert reports.get(keys[2]) is None


# ---- the Host allowlist ---------------------------------------------------------------


def test_only_the_servers_own_host_names_are_answered(demo_index: Path) -> None:
    app = create_app(demo_index, allowed_hosts=["unspun.example"])
    with TestClient(base_url=LOCAL, app=app) as c:
        for host in ("localhost", "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "unspun.example:443"):
            assert c.get("/api/stats", headers={"host": host}).status_code == 200, host
        for host in ("rebound.attacker.example", "attacker.example:8080", "127.0.0.1.nip.io", ""):
            for path in ("/api/stats", "/", "/api/reports/" + "0" * 24):
                refused = c.get(path, headers={"host": host})
                assert refused.status_code == 400, (host, path)
                assert refused.json()["error"] == "bad_host" and "--allow-host" in refused.json()["hint"]
        refused = c.post("/api/trace", json={"text": article(1)}, headers={"host": "evil.example"})
        assert refused.status_code == 400


def test_host_names_are_compared_without_port_brackets_or_case() -> None:
    assert host_name("[::1]:8080") == "::1"
    assert host_name("LocalHost.:80") == "localhost"
    assert host_name("::1") == "::1"
    assert host_name("unspun.example") == "unspun.example"


# ---- the trace rate limit ---------------------------------------------------------------


def test_traces_beyond_the_rate_get_429_until_a_token_refills(fresh_index: Path, clock: Clock) -> None:
    app = create_app(fresh_index, traces_per_minute=60, trace_burst=2, clock=clock)
    with TestClient(base_url=LOCAL, app=app) as c:
        assert [c.post("/api/trace", json={"text": article(n)}).status_code for n in range(2)] == [200, 200]
        limited = c.post("/api/trace", json={"text": article(3)})
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "1"
        assert limited.json()["error"] == "rate_limited" and set(limited.json()) == {
            "error",
            "message",
            "hint",
        }
        form = c.post("/trace", data={"text": article(4)})
        assert form.status_code == 429 and form.headers["retry-after"] == "1"
        assert "too many traces" in form.text and "Orrin canal lock number 4" in form.text
        clock.now += 1.0
        assert c.post("/api/trace", json={"text": article(3)}).status_code == 200
        assert c.get("/api/stats").status_code == 200  # only traces are limited


def test_each_client_has_its_own_bucket(clock: Clock) -> None:
    limit = RateLimit(per_minute=30, burst=2, clock=clock)
    assert [limit.wait("10.0.0.1") for _ in range(2)] == [0.0, 0.0]
    assert limit.wait("10.0.0.1") == pytest.approx(2.0)
    assert limit.wait("10.0.0.2") == 0.0
    clock.now += 1.0
    assert limit.wait("10.0.0.1") == pytest.approx(1.0)
    with pytest.raises(ValueError):
        RateLimit(per_minute=0, burst=1, clock=clock)
