"""Fetching an article by URL: what is refused, and a page traced end to end.

The only network used is an HTTP server these tests start on 127.0.0.1. The
real ``check_url`` refuses loopback, so specs that need that server to answer
replace ``unspun.ingest.fetch.check_url`` with a guard that lets through
exactly the URLs the spec names and hands everything else to the real check.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import unspun
from unspun.cli import main
from unspun.errors import FetchError
from unspun.ingest import fetch as fetch_module
from unspun.ingest.fetch import check_url, fetch, fetch_article

REAL_CHECK = check_url

PARAGRAPHS = [
    "The harbour authority in Brellmouth closed the northern pier on Monday after a storm "
    "damaged its wooden supports overnight, leaving the town's anglers without their favourite spot.",
    "Engineers from the Kessle Bay yard counted 42 broken beams beneath the deck and said the "
    "repairs could take most of the spring, depending on how quickly new timber arrives.",
    "Mayor Odile Serrat said the ferry service to the outer islands would run from the southern "
    "quay until the work was finished, and thanked the lifeboat crews for their help.",
    "Local fishermen have started a collection to help the families of the crew who lost their "
    "boats in the gale, and a choir from Tamsley Green sang on the promenade to raise money.",
]
TITLE = "Storm closes Brellmouth pier for the spring"
STORY_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    f"<title>{TITLE}</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/coast'>Coast</a></nav>"
    f"<article><h1>{TITLE}</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright Brellmouth Tidings</footer></body></html>"
).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}
    served: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.served.append(self.path)
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"no"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


class Server:
    def __init__(self, port: int, served: list[str]) -> None:
        self.port = port
        self.served = served

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    served: list[str] = []
    handler = type("Handler", (_Handler,), {"routes": {}, "served": served})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = httpd.server_address[1]
    html = {"Content-Type": "text/html; charset=utf-8"}
    handler.routes.update(
        {
            "/story.html": (200, html, STORY_HTML),
            "/story.txt": (
                200,
                {"Content-Type": "text/plain; charset=utf-8"},
                (TITLE + "\n2031-03-13\n\n" + "\n\n".join(PARAGRAPHS)).encode(),
            ),
            "/pier.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "/big.html": (200, html, b"<html><body>" + b"<p>pier</p>" * 500 + b"</body></html>"),
            "/moved": (302, {"Location": "/story.html"}, b""),
            "/to-file": (302, {"Location": "file:///etc/hostname"}, b""),
            "/to-ftp": (301, {"Location": "ftp://files.brellmouth.example/story.html"}, b""),
            "/to-private": (302, {"Location": "http://10.20.30.40/story.html"}, b""),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/to-localhost": (302, {"Location": f"http://localhost:{port}/story.html"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/gone": (404, {"Content-Type": "text/html"}, b"<p>gone</p>"),
        }
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(port, served)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib would send even 127.0.0.1 through a proxy named in the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def allow(monkeypatch: pytest.MonkeyPatch, permitted: Callable[[str], bool]) -> list[str]:
    """Let ``permitted`` URLs through; every other URL meets the real check. Returns the URLs checked."""
    checked: list[str] = []

    def guard(url: str) -> None:
        checked.append(url)
        if not permitted(url):
            REAL_CHECK(url)

    monkeypatch.setattr(fetch_module, "check_url", guard)
    return checked


def allow_server(monkeypatch: pytest.MonkeyPatch, server: Server) -> list[str]:
    return allow(monkeypatch, lambda url: url.startswith(server.url("/")))


def allow_only(monkeypatch: pytest.MonkeyPatch, url: str) -> list[str]:
    return allow(monkeypatch, lambda checked: checked == url)


# ---- check_url ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["file:///etc/hostname", "ftp://files.brellmouth.example/story.html", "gopher://tidings.example/"]
)
def test_check_url_refuses_schemes_other_than_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/story.html",
        "http://127.8.9.10:8080/",
        "http://localhost/story.html",
        "https://[::1]/story.html",
        "http://0.0.0.0/",
        "http://2130706433/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_check_url_refuses_loopback_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://10.20.30.40:8080/story.html",
        "http://192.168.1.20/",
        "https://172.16.4.4/",
        "http://100.64.0.1/",
        "http://[fd12:3456::1]/",
    ],
)
def test_check_url_refuses_private_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url(url)


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://169.254.1.1/", "http://[fe80::1]/"]
)
def test_check_url_refuses_link_local_and_metadata_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url(url)


def test_check_url_refuses_a_url_without_a_host() -> None:
    with pytest.raises(FetchError, match="no host"):
        check_url("http:///story.html")


def test_a_refusal_names_the_address_and_hints_at_saving_the_page() -> None:
    with pytest.raises(FetchError) as caught:
        check_url("http://192.168.1.20/story.html")
    assert "192.168.1.20" in caught.value.message
    assert "save the page" in caught.value.hint
    assert caught.value.exit_code == 4


# ---- fetch --------------------------------------------------------------------------


def test_the_real_check_guards_fetch_itself(server: Server) -> None:
    before = len(server.served)
    with pytest.raises(FetchError, match="non-public address"):
        fetch(server.url("/story.html"))
    assert len(server.served) == before, "the refused server must not be contacted"


def test_fetch_returns_the_page_its_type_and_its_text(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    allow_server(monkeypatch, server)
    final, ctype, text = fetch(server.url("/story.html"))
    assert final == server.url("/story.html")
    assert ctype == "text/html"
    assert PARAGRAPHS[1] in text


def test_fetch_follows_a_redirect_and_checks_every_hop(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    checked = allow_server(monkeypatch, server)
    final, _, text = fetch(server.url("/moved"))
    assert final == server.url("/story.html")
    assert PARAGRAPHS[0] in text
    assert checked == [server.url("/moved"), server.url("/story.html")]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-file", "only http and https"),
        ("/to-ftp", "only http and https"),
        ("/to-private", "non-public address"),
        ("/to-metadata", "non-public address"),
        ("/to-localhost", "non-public address"),
    ],
)
def test_a_redirect_to_a_disallowed_scheme_or_host_is_refused(
    monkeypatch: pytest.MonkeyPatch, server: Server, path: str, reason: str
) -> None:
    allow_only(monkeypatch, server.url(path))
    before = len(server.served)
    with pytest.raises(FetchError, match=reason):
        fetch(server.url(path))
    assert server.served[before:] == [path], "nothing past the refused hop is requested"


def test_a_redirect_loop_stops_after_the_hop_limit(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    checked = allow_server(monkeypatch, server)
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(server.url("/loop"))
    assert len(checked) == fetch_module.MAX_REDIRECTS + 1


def test_an_http_error_is_a_fetch_error(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    allow_server(monkeypatch, server)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/gone"))


def test_a_page_larger_than_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    allow_server(monkeypatch, server)
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 1000)
    with pytest.raises(FetchError, match="larger than"):
        fetch(server.url("/big.html"))


def test_a_page_under_the_cap_is_fetched(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    allow_server(monkeypatch, server)
    monkeypatch.setattr(fetch_module, "MAX_BYTES", len(STORY_HTML))
    assert PARAGRAPHS[2] in fetch(server.url("/story.html"))[2]


def test_an_image_is_refused_by_its_content_type(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    allow_server(monkeypatch, server)
    with pytest.raises(FetchError, match="image/png"):
        fetch(server.url("/pier.png"))


def test_a_name_that_resolves_to_a_public_address_only_at_check_time_is_still_refused(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    """DNS rebinding: the address checked must be the address connected to.

    The fake resolver answers a public address once (for the check) and loopback after;
    every connection to anything but 127.0.0.1 is blocked, so nothing leaves the host.
    """
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    calls = {"n": 0}

    def fake_getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.brellmouth.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        calls["n"] += 1
        address = "9.9.9.9" if calls["n"] == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]

    def loopback_only(sock: socket.socket, address: Any) -> None:
        if address[0] != "127.0.0.1":
            raise OSError(f"the test blocks connections to {address[0]}")
        real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    before = len(server.served)
    with pytest.raises(FetchError):
        fetch(f"http://rebind.brellmouth.example:{server.port}/story.html")
    assert server.served[before:] == [], "the loopback server was reached through a rebound name"


# ---- from page to article to report -----------------------------------------------


def test_fetch_article_reads_an_html_page_into_title_and_body(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    allow_server(monkeypatch, server)
    article = fetch_article(server.url("/story.html"))
    assert article.title == TITLE
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert "Copyright" not in article.body
    assert article.url == server.url("/story.html")


def test_fetch_article_reads_a_text_page_with_its_dateline(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    allow_server(monkeypatch, server)
    article = fetch_article(server.url("/story.txt"))
    assert article.title == TITLE
    assert article.published is not None and article.published.isoformat() == "2031-03-13"
    assert PARAGRAPHS[3] in article.body


def test_a_served_page_is_traced_end_to_end_through_the_cli(
    monkeypatch: pytest.MonkeyPatch,
    server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    wire = {
        "id": "wire-pier",
        "url": "https://coastline-wire.example/pier",
        "outlet": "coastline-wire.example",
        "published": "2031-03-10",
        "title": "Brellmouth pier damaged",
        "text": PARAGRAPHS[1] + " Repair crews from three towns are waiting for the weather to turn.",
    }
    corpus.write_text(json.dumps(wire) + "\n", encoding="utf-8")
    unspun.Index.build(tmp_path / "index", [corpus]).close()
    allow_server(monkeypatch, server)
    code = main(["trace", server.url("/story.html"), "--index", str(tmp_path / "index"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    for paragraph in PARAGRAPHS:
        assert paragraph in report["article"]["text"]
    assert report["article"]["url"] == server.url("/story.html")
    sourced = {s["text"]: [m["doc_id"] for m in s["sources"]] for s in report["sentences"]}
    assert sourced[PARAGRAPHS[1]] == ["wire-pier"]


def test_the_cli_refuses_a_loopback_url_with_a_clear_error(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": PARAGRAPHS[0]}) + "\n", encoding="utf-8")
    unspun.Index.build(tmp_path / "index", [corpus]).close()
    before = len(server.served)
    code = main(["trace", server.url("/story.html"), "--index", str(tmp_path / "index"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == FetchError.exit_code
    assert out == ""
    assert "non-public address" in err
    assert "Traceback" not in err
    assert len(server.served) == before
