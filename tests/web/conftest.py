"""Fixtures for the web app: demo indexes, an in-process client, a live server and a browser.

The browser is Debian's chromium driven by Playwright (never ``playwright
install``): when it is missing the browser tests skip, unless
``UNSPUN_REQUIRE_BROWSER=1`` (set in CI) turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from unspun.api import Index
from unspun.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO_CORPUS = ROOT / "demo" / "corpus.jsonl"
DEMO_ARTICLE = ROOT / "demo" / "farm-article.txt"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TOKEN = "test-token-d41d8cd9"
LOCAL = "http://localhost"  # TestClient's default Host, "testserver", is not one the app answers to


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real headless chromium through Playwright")


def build_demo_index(path: Path) -> Path:
    Index.build(path, [DEMO_CORPUS]).close()
    return path


@pytest.fixture(scope="session")
def demo_article() -> str:
    return DEMO_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo index nobody writes to: the API tests that add documents use their own."""
    return build_demo_index(tmp_path_factory.mktemp("web") / "demo-index")


@pytest.fixture
def fresh_index(tmp_path: Path) -> Path:
    return build_demo_index(tmp_path / "index")


@pytest.fixture(scope="module")
def client(demo_index: Path) -> Iterator[TestClient]:
    with TestClient(base_url=LOCAL, app=create_app(demo_index, traces_per_minute=None)) as c:
        yield c


def _artifact(name: str) -> str:
    """Where a screenshot goes; the folder ignores itself so artifacts never reach git."""
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return str(ARTIFACTS / name)


def wait_for_job(client: TestClient, started: Any, timeout: float = 20.0) -> dict[str, Any]:
    """Poll the job a ``POST /api/documents`` answer (202) started until it is done or failed."""
    assert started.status_code == 202, started.text
    url = started.headers["location"]
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(url).json()
        if job["state"] in {"done", "failed"}:
            return job
        assert time.monotonic() < deadline, f"job still {job['state']} after {timeout} s"
        time.sleep(0.01)


@pytest.fixture(scope="session")
def finished() -> Callable[[TestClient, Any], dict[str, Any]]:
    """``finished(client, response)``: the job the add started, once it has ended."""
    return wait_for_job


@pytest.fixture(scope="session")
def artifact() -> Callable[[str], str]:
    """``artifact("name.png")``: the path to save a screenshot to."""
    return _artifact


@pytest.fixture(scope="session")
def live_token() -> str:
    """The token the live server accepts for writes."""
    return TOKEN


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on 127.0.0.1 with a free port, in a thread, over its own copy of the demo index."""
    index = build_demo_index(tmp_path_factory.mktemp("live") / "demo-index")
    app = create_app(index, token=TOKEN, traces_per_minute=None)  # the browser tests trace a lot
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    required = os.environ.get("UNSPUN_REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        if required:
            raise
        pytest.skip("playwright is not installed (pip install '.[web]')")
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        if required:
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    # Playwright gives chromium a fresh temporary profile itself (it refuses --user-data-dir here).
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
