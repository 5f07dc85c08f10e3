"""Guarded HTTP fetch of an article page.

Fact-checkers paste links from the open web, so a fetch must never become a
way to reach the machine's own network: only http(s), only public addresses
(checked for every redirect hop), bounded in size, time and hops.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from unspun import __version__
from unspun.errors import FetchError
from unspun.ingest.article import decode, parse_article_text
from unspun.types import Article

USER_AGENT = f"unspun/{__version__} (news provenance tracer)"
MAX_BYTES = 5_000_000
TIMEOUT_S = 15.0
MAX_REDIRECTS = 5
_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


_CHECK_LINK = "check the link: it should look like https://example.com/news/story"


def check_url(url: str) -> str | None:
    """Refuse anything but http(s) to a public address; return the address to connect to.

    The fetch connects to exactly this address (the host name still goes in
    the Host header and TLS), so a DNS answer that changes between the check
    and the connection cannot redirect it to the local network.
    """
    shown = url if len(url) <= 200 else url[:200] + "..."
    try:
        parts = urllib.parse.urlsplit(url)
        scheme, host, port = parts.scheme, parts.hostname, parts.port
    except ValueError as err:  # an unclosed [IPv6] bracket, a port out of range
        raise FetchError(f"cannot read the link {shown!r}: {err}", _CHECK_LINK) from err
    if scheme not in {"http", "https"}:
        raise FetchError(f"refusing to fetch {shown!r}: only http and https URLs", "give an http(s) link")
    if not host:
        raise FetchError(f"refusing to fetch {shown!r}: the link names no host", _CHECK_LINK)
    try:
        infos = socket.getaddrinfo(host, port or (443 if scheme == "https" else 80))
    except socket.gaierror as err:
        raise FetchError(
            f"cannot resolve {host}: {err.strerror}", "check the link and your connection"
        ) from err
    except (UnicodeError, ValueError) as err:  # a host name too long or not encodable for DNS
        raise FetchError(f"cannot read the host name of {shown!r}: {err}", _CHECK_LINK) from err
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refusing to fetch {url!r}: {host} resolves to a non-public address ({address})",
                "unspun only fetches pages on the public internet; save the page and trace the file",
            )
    return str(infos[0][4][0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, pinned: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.pinned = pinned

    def connect(self) -> None:
        self.sock = socket.create_connection((self.pinned, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, pinned: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.pinned = pinned
        self.tls = kwargs.get("context") or ssl.create_default_context()

    def connect(self) -> None:
        sock = socket.create_connection((self.pinned, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


class _Pinned(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """Connects to the vetted address, whatever the host name resolves to by then."""

    def __init__(self, address: str) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self, context=ssl.create_default_context())
        self.address = address

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_PinnedHTTPConnection, pinned=self.address), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_PinnedHTTPSConnection, pinned=self.address)
        return self.do_open(factory, req, context=ssl.create_default_context())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str) -> tuple[str, str, str]:
    """(final url, content type, text) of a page, following redirects one checked hop at a time."""
    for _ in range(MAX_REDIRECTS + 1):
        address = check_url(url)
        handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({}), _NoRedirect()]
        if address is not None:
            handlers.append(_Pinned(address))
        opener = urllib.request.build_opener(*handlers)
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain"}
        )
        try:
            with opener.open(request, timeout=TIMEOUT_S) as response:
                ctype = response.headers.get_content_type()
                if ctype not in _TYPES:
                    raise FetchError(
                        f"{url} is {ctype}, not an HTML or text page", "link to the article's page"
                    )
                data = response.read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    raise FetchError(
                        f"{url} is larger than {MAX_BYTES // 1_000_000} MB", "save the article text"
                    )
                return url, ctype, decode(data)
        except urllib.error.HTTPError as err:
            location = err.headers.get("Location") if 300 <= err.code < 400 else None
            if not location:
                raise FetchError(f"{url} answered HTTP {err.code}", "check the link") from err
            url = urllib.parse.urljoin(url, location)
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise FetchError(f"cannot fetch {url}: {err}", "check the link and your connection") from err
    raise FetchError(f"too many redirects from {url}", f"unspun follows at most {MAX_REDIRECTS}")


def fetch_article(url: str) -> Article:
    final, ctype, text = fetch(url)
    if ctype == "text/plain":
        article = parse_article_text(text, final)
        return Article(article.title, article.body, article.published, url=final, origin=url)
    from unspun.ingest.html import article_from_html

    return article_from_html(text, url=final, origin=url)
