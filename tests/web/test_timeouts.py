"""Slow and oversized requests against a real uvicorn on 127.0.0.1: cut off, while normal clients are served.

The server runs :class:`unspun.web.server.ServeConfig` with short limits (a
second for headers, two for a body), so a trickling client must be gone
within a few seconds; each check waits at most ``PATIENCE`` seconds, far
above the limits, so a loaded machine does not fail them. Raw sockets, not an
HTTP client: the point is to misbehave at the byte level.

``UNSPUN_SLOW_CLIENTS=N`` raises the number of trickling connections in the
crowd test (default 20); with ``-s`` it prints the normal clients' latencies,
the figures quoted in docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from unspun.web.app import create_app
from unspun.web.server import ServeConfig

HEADER_SECONDS = 1.0
BODY_SECONDS = 2.0
KEEP_ALIVE = 1
MAX_HEADER_BYTES = 8192
PATIENCE = 20.0
TOKEN = "timeout-token"
STATS = b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n\r\n"


def start(
    config: uvicorn.Config, send_buffer: int = 0
) -> tuple[uvicorn.Server, threading.Thread, socket.socket]:
    """uvicorn on a free loopback port; ``send_buffer`` shrinks the kernel buffer its connections inherit."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if send_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + PATIENCE
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    return server, thread, sock


@pytest.fixture(scope="module")
def address(demo_index: Path) -> Iterator[tuple[str, int]]:
    app = create_app(demo_index, token=TOKEN, traces_per_minute=None)
    config = ServeConfig(
        app,
        header_seconds=HEADER_SECONDS,
        body_seconds=BODY_SECONDS,
        max_header_bytes=MAX_HEADER_BYTES,
        timeout_keep_alive=KEEP_ALIVE,
        log_level="warning",
    )
    server, thread, sock = start(config)
    yield sock.getsockname()
    server.should_exit = True
    thread.join(timeout=PATIENCE)
    sock.close()


def connect(address: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(address, timeout=PATIENCE)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (a socket timeout fails the test)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def trickle(sock: socket.socket, data: bytes, every: float = 0.1) -> int:
    """Send ``data`` a few bytes at a time until it is all sent or the server hangs up; bytes sent."""
    sent = 0
    try:
        for start in range(0, len(data), 4):
            sock.sendall(data[start : start + 4])
            sent += 4
            time.sleep(every)
    except OSError:  # reset or broken pipe: the server hung up
        pass
    return min(sent, len(data))


def status_of(response: bytes) -> int:
    assert response.startswith(b"HTTP/1.1 "), response[:200]
    return int(response.split(b" ", 2)[1])


def test_a_client_that_sends_nothing_gets_408_and_is_dropped(address: tuple[str, int]) -> None:
    with connect(address) as sock:
        response = read_until_closed(sock)
    assert status_of(response) == 408
    assert b"headers took longer than 1 s" in response


def test_headers_trickled_a_few_bytes_at_a_time_are_cut_off(address: tuple[str, int]) -> None:
    endless = b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n" + b"X-Padding: slowly\r\n" * 10_000
    with connect(address) as sock:
        sent = trickle(sock, endless)
        response = read_until_closed(sock)
    assert status_of(response) == 408
    assert sent < len(endless)


def test_a_body_trickled_a_few_bytes_at_a_time_is_cut_off_and_the_app_sees_a_disconnect(
    address: tuple[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    body = b'{"text": "Title\\n\\n' + b"word " * 2_000 + b'"}'
    head = (
        b"POST /api/trace HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    with caplog.at_level(logging.ERROR), connect(address) as sock:
        sock.sendall(head)
        sent = trickle(sock, body)
        response = read_until_closed(sock)
    assert status_of(response) == 408
    assert b"body took longer than 2 s" in response
    assert sent < len(body)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], (
        "the cut-off request crashed the app"
    )


def test_a_body_still_arriving_after_the_app_answered_gets_no_second_answer(address: tuple[str, int]) -> None:
    """A write without a token is refused before its body is read; the slow rest of it must not add a 408."""
    head = (
        b"POST /api/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    with connect(address) as sock:
        sock.sendall(head + b'{"id": "a", ')
        trickle(sock, b"x" * 400)
        response = read_until_closed(sock)
    assert status_of(response) == 401
    assert response.count(b"HTTP/1.1 ") == 1


def test_oversized_headers_get_431(address: tuple[str, int]) -> None:
    big = (
        b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * (4 * MAX_HEADER_BYTES) + b"\r\n\r\n"
    )
    with connect(address) as sock:
        with contextlib.suppress(OSError):  # the server may hang up before reading it all
            sock.sendall(big)
        response = read_until_closed(sock)
    assert status_of(response) == 431


def test_a_kept_alive_connection_is_closed_when_idle_and_its_next_request_is_timed_too(
    address: tuple[str, int],
) -> None:
    with connect(address) as sock:
        sock.sendall(STATS)
        assert status_of(read_response(sock)) == 200
        assert read_until_closed(sock) == b""  # idle past the keep-alive: closed without a word
    with connect(address) as sock:
        sock.sendall(STATS)
        assert status_of(read_response(sock)) == 200
        trickle(sock, b"GET /api/stats HTTP/1.1\r\n" + b"X-Padding: slowly\r\n" * 10_000, every=0.05)
        assert status_of(read_until_closed(sock)) == 408


def test_normal_clients_are_served_while_slow_clients_trickle(address: tuple[str, int]) -> None:
    slow = int(os.environ.get("UNSPUN_SLOW_CLIENTS", "20"))
    stop = threading.Event()
    cut_off: list[int] = []

    def slowloris(n: int) -> None:
        with connect(address) as sock:
            endless = b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n" + b"X-Slow: 1\r\n" * 100_000
            if n % 2:  # half trickle a body instead
                endless = b"POST /api/trace HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999\r\n\r\n{"
                endless += b" " * 99_998
            trickle(sock, endless, every=0.2)
            if not stop.is_set():
                cut_off.append(status_of(read_until_closed(sock)))

    crowd = [threading.Thread(target=slowloris, args=(n,), daemon=True) for n in range(slow)]
    for thread in crowd:
        thread.start()
    latencies: list[float] = []
    statuses: list[int] = []
    article = b'{"text": "Invented headline\\n\\nThe Orrin canal lock was repainted on Tuesday."}'
    trace = (
        b"POST /api/trace HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(article)).encode() + b"\r\n\r\n" + article
    )
    deadline = time.monotonic() + 3 * BODY_SECONDS
    while time.monotonic() < deadline:
        for request in (STATS, trace):
            began = time.perf_counter()
            with connect(address) as sock:
                sock.sendall(request)
                statuses.append(status_of(read_response(sock)))
            latencies.append(time.perf_counter() - began)
    for thread in crowd:
        thread.join(timeout=PATIENCE)
    stop.set()
    assert set(statuses) == {200}, statuses
    assert sorted(set(cut_off)) == [408] and len(cut_off) == slow
    ms = sorted(1000 * x for x in latencies)
    print(
        f"\n{slow} slow clients; {len(ms)} normal requests, errors {sum(s != 200 for s in statuses)}, "
        f"p50 {statistics.median(ms):.0f} ms, p99 {ms[int(0.99 * (len(ms) - 1))]:.0f} ms, max {ms[-1]:.0f} ms"
    )


def test_a_client_that_stops_reading_its_answer_is_dropped(demo_index: Path) -> None:
    app = create_app(demo_index, traces_per_minute=None)
    server, thread, listening = start(
        ServeConfig(app, write_seconds=1.0, log_level="warning"), send_buffer=4096
    )
    address = listening.getsockname()
    try:
        # a report of about 300 KB: far beyond the small socket buffers and the transport's 64 KB mark
        text = "Headline\\n\\n" + " ".join(
            f"The lock keeper number {i} repainted gate {i}." for i in range(300)
        )
        article = ('{"text": "' + text + '"}').encode()
        with connect(address) as sock:
            sock.sendall(
                b"POST /api/trace HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b"Content-Length: " + str(len(article)).encode() + b"\r\n\r\n" + article
            )
            traced = read_response(sock)
        assert status_of(traced) == 200 and len(traced) > 200_000
        key = next(
            line.split(b": ")[1] for line in traced.split(b"\r\n") if line.startswith(b"x-unspun-report:")
        )
        with socket.socket() as reader:
            reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            reader.settimeout(PATIENCE)
            reader.connect(address)
            reader.sendall(b"GET /api/reports/" + key + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
            deadline = time.monotonic() + PATIENCE
            while server.server_state.connections:  # reading nothing, and holding its connection open
                assert time.monotonic() < deadline, "the server still holds a connection nobody reads"
                time.sleep(0.1)
            with contextlib.suppress(ConnectionResetError):
                assert len(read_until_closed(reader)) < len(traced)
    finally:
        server.should_exit = True
        thread.join(timeout=PATIENCE)
        listening.close()


def read_response(sock: socket.socket) -> bytes:
    """One response with a Content-Length body, leaving the connection open."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk
        body += chunk
    return head + b"\r\n\r\n" + body


@pytest.mark.slow
def test_unspun_serve_drops_an_idle_connection_with_its_default_limits(demo_index: Path) -> None:
    """The CLI runs the guarded server: a connection that sends nothing is gone after the 10 s default."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "unspun.cli", "serve", "--index", str(demo_index), "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != "UNSPUN_TOKEN"}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=PATIENCE + 10)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "unspun serve did not start"
                time.sleep(0.1)
        with sock:
            sock.sendall(STATS)
            response = read_response(sock)
            assert status_of(response) == 200 and b"server:" not in response.lower()
        with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE + 10) as idle:
            assert status_of(read_until_closed(idle)) == 408
    finally:
        server.terminate()
        server.wait(timeout=30)
