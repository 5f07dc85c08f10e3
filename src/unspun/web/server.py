"""uvicorn for ``unspun serve``, with the time and size limits on reading a request that uvicorn lacks.

Why: uvicorn bounds only the idle time between requests on a kept-alive
connection. A client that opens a connection and sends nothing, or sends
its headers or body a byte at a time (slowloris), holds the connection, its
buffers and, once the app is reading the body, a request task for as long as
it likes; a few hundred of them exhaust the server. httptools also buffers a
header of any length. So each request gets two deadlines, enforced on the
event loop where the bytes arrive (an ASGI middleware never sees a request
whose headers are incomplete):

- ``header_seconds`` from the connection being opened (or the first byte of a
  kept-alive connection's next request) to the end of the headers;
- ``body_seconds`` from the end of the headers to the end of the body
  (10 MB, the body limit, at about 1.4 Mbit/s in the default minute).

A request that misses either gets ``408 Request Timeout`` (if the app has not
answered yet) and the connection is closed; headers over ``max_header_bytes``
get ``431``. The mirror image, a client that stops reading its answer, would
hold the response task forever once the socket buffers fill: after
``write_seconds`` with writing paused, the connection is dropped. The app's own work is bounded elsewhere: traces by the article
size cap (see :mod:`unspun.web.app`), fetches by the fetcher's timeouts.
Connections beyond ``max_connections`` get uvicorn's 503.
"""

from __future__ import annotations

import asyncio
import http
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

HEADER_SECONDS = 10.0
BODY_SECONDS = 60.0
WRITE_SECONDS = 30.0
KEEP_ALIVE_SECONDS = 5
MAX_HEADER_BYTES = 64 * 1024
MAX_CONNECTIONS = 256


class ServeConfig(uvicorn.Config):
    """uvicorn's Config plus the request read limits that :class:`GuardedProtocol` enforces."""

    def __init__(
        self,
        app: Any,
        *,
        header_seconds: float = HEADER_SECONDS,
        body_seconds: float = BODY_SECONDS,
        write_seconds: float = WRITE_SECONDS,
        max_header_bytes: int = MAX_HEADER_BYTES,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("timeout_keep_alive", KEEP_ALIVE_SECONDS)
        kwargs.setdefault("limit_concurrency", MAX_CONNECTIONS)
        kwargs.setdefault("server_header", False)
        kwargs.setdefault(
            "ws", "none"
        )  # the app has no websockets, and an upgrade would escape the deadlines
        super().__init__(app, http=GuardedProtocol, **kwargs)
        self.header_seconds = header_seconds
        self.body_seconds = body_seconds
        self.write_seconds = write_seconds
        self.max_header_bytes = max_header_bytes


def _refusal(status: int, message: str) -> bytes:
    phrase = http.HTTPStatus(status).phrase
    body = f'{{"error": "{phrase.lower().replace(" ", "_")}", "message": "{message}", "hint": ""}}'.encode()
    return (
        f"HTTP/1.1 {status} {phrase}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode() + body


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline on reading each request and a cap on header bytes."""

    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_seconds, self.body_seconds, self.write_seconds, self.max_header_bytes = (
            (config.header_seconds, config.body_seconds, config.write_seconds, config.max_header_bytes)
            if isinstance(config, ServeConfig)
            else (HEADER_SECONDS, BODY_SECONDS, WRITE_SECONDS, MAX_HEADER_BYTES)
        )
        self._deadline: asyncio.TimerHandle | None = None
        self._stalled: asyncio.TimerHandle | None = None
        self._reading_headers = True
        self._header_bytes = 0  # bytes received while reading headers: bounds what httptools buffers
        self._header_size = 0  # the URL and headers parsed so far: bounds headers that arrive at once
        self._oversized = False

    def _arm(self, seconds: float, what: str) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow, what)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.header_seconds, "headers")

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._unstall()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._stalled is None:
            self._stalled = self.loop.call_later(self.write_seconds, self._not_reading)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._unstall()

    def _unstall(self) -> None:
        if self._stalled is not None:
            self._stalled.cancel()
            self._stalled = None

    def _not_reading(self) -> None:
        """The client has read nothing for ``write_seconds``: drop the connection and what it had queued."""
        self._stalled = None
        self.transport.abort()  # close() would wait for the buffer to drain, which is the problem

    def data_received(self, data: bytes) -> None:
        if self._oversized:
            return
        if self._reading_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if self._oversized or (self._reading_headers and self._header_bytes > self.max_header_bytes):
            self._oversized = True
            self._refuse(431, f"the request headers are larger than {self.max_header_bytes // 1024} KB")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_size = 0
        if self._deadline is None:  # the next request on a kept-alive connection
            self._arm(self.header_seconds, "headers")

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._header_size += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._header_size += len(name) + len(value) + 4

    def on_headers_complete(self) -> None:
        if self._header_size > self.max_header_bytes:
            self._oversized = True  # refused once the parser returns; the app never sees the request
            return
        self._reading_headers = False
        super().on_headers_complete()
        self._arm(self.body_seconds, "body")

    def on_body(self, body: bytes) -> None:
        if not self._oversized:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._oversized:
            return
        super().on_message_complete()
        self._disarm()
        self._reading_headers = True
        self._header_bytes = 0

    def _too_slow(self, what: str) -> None:
        self._deadline = None
        seconds = self.header_seconds if what == "headers" else self.body_seconds
        self._refuse(408, f"the request {what} took longer than {seconds:g} s to arrive")

    def _refuse(self, status: int, message: str) -> None:
        """Answer ``status`` unless the app has begun an answer to this request, and close the connection.

        While headers are read, ``self.cycle`` is the previous request's (or None), so the refusal
        is always written; while a body is read, the app may have answered already (a 401 does not
        wait for the body), and a second answer would corrupt the connection.
        """
        if self.transport.is_closing():
            return
        cycle: Any = self.cycle
        if self._reading_headers or cycle is None or not cycle.response_started:
            self.transport.write(_refusal(status, message))
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True  # the app's receive() now says http.disconnect, its send() is dropped
            cycle.message_event.set()
        self.transport.close()


def serve(app: Any, host: str, port: int, **limits: Any) -> None:
    """Run ``app`` in the foreground until Ctrl-C, with the limits above (overridable by keyword)."""
    uvicorn.Server(ServeConfig(app, host=host, port=port, log_level="info", **limits)).run()
