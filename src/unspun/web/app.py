"""The web app and JSON API behind ``unspun serve``.

Design choices, and why:
- A thin shell: every trace goes through :meth:`unspun.Index.trace` and every
  report through :func:`report_to_json`, returned as raw bytes, so the API
  answers byte for byte what ``unspun trace --format json`` prints.
- One index connection per worker thread (:class:`_Readers`): traces run in
  the thread pool, SQLite's WAL lets them read while an add commits, and a
  generation counter makes each thread reopen after an add so no thread keeps
  a stale view of the corpus size.
- Adding documents changes what every later trace says, so it needs a token;
  without one configured the server refuses writes (403) and says how to turn
  them on. Traces need none: they only read.
- Reports are stored under a content hash (the SHA-256 of the JSON), so a
  shareable URL is stable, needs no database, and the same trace against the
  same index state gives the same link.
- Nothing remote: pages, CSS, JS and the API reference are served by the app
  (FastAPI's Swagger UI loads from a CDN, so it is switched off; the OpenAPI
  document stays at ``/openapi.json`` and ``/api`` renders it locally).
- Hardening: bodies over ``max_body_bytes`` get 413 before they are read; URLs
  are fetched only through :func:`unspun.ingest.fetch.fetch_article` and its
  guards; every error is ``{"error", "message", "hint"}`` JSON, never a trace.
- A page on another site can make a browser talk to this loopback server by
  rebinding its own DNS name to 127.0.0.1; the browser then sends that name as
  ``Host``. Only the loopback names and ``allowed_hosts`` are answered, so such
  a page gets 400 and never reads a report or the index.
- A trace takes time in proportion to the article (about 10-20 s per MB of
  text here), and a thread cannot be stopped once it runs, so the article a
  trace accepts is capped (``max_article_chars``): that bounds each trace's
  time. Reading the request itself is bounded by :mod:`unspun.web.server`.
- Tracing is CPU-bound (about 8 a second per process), so one client looping
  on ``/api/trace`` would starve everyone: a token bucket per client address
  lets bursts through and refuses a sustained flood with 429.
- Adding a corpus takes minutes, longer than proxies and browsers wait for one
  answer, so an add is a background job: 202 at once, then ``/api/jobs/{id}``
  reports the documents and bytes indexed so far and, at the end, the result.
- Stored reports would otherwise grow without bound on a public server: on
  each new report, those past ``report_days`` and beyond the newest
  ``max_reports`` are deleted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unspun import __version__
from unspun.api import Index
from unspun.errors import InputError, UnspunError
from unspun.ingest.article import MAX_ARTICLE_BYTES, article_from_record, decode, parse_article_text
from unspun.ingest.corpus import make_document, read_documents
from unspun.ingest.fetch import fetch_article
from unspun.report.html import REPORT_CSS, REPORT_JS, environment, render_html, report_view
from unspun.report.serialize import report_to_json
from unspun.types import Article, Document

log = logging.getLogger("unspun.web")

HERE = Path(__file__).resolve().parent
MAX_BODY_BYTES = 10_000_000
MAX_ARTICLE_CHARS = 200_000  # a long feature is 60,000; a trace of this many takes 2-4 s here
REPORTS_FOLDER = "web-reports"
MEMORY_REPORTS = 500
MAX_REPORTS = 1_000
REPORT_DAYS = 30.0
TRACES_PER_MINUTE = 30.0
TRACE_BURST = 10
KEPT_JOBS = 100
RATE_CLIENTS = 10_000
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
TOKEN_ENV = "UNSPUN_TOKEN"
_REPORT_ID = re.compile(r"^[0-9a-f]{24}$")
_JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "text/plain"}
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")
_PAGE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STATUS = {"bad_input": 400, "fetch": 422, "index": 503}
_ENABLE_WRITES = (
    f"start the server with 'unspun serve --index DIR --token TOKEN' (or set {TOKEN_ENV}), "
    "then send the token as 'Authorization: Bearer TOKEN'"
)


# ---- errors -------------------------------------------------------------------


class ApiError(Exception):
    """An HTTP-level refusal with the same JSON shape as a library error."""

    def __init__(
        self, status: int, code: str, message: str, hint: str = "", headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        self.headers = headers or {}


class BodyTooLarge(StarletteHTTPException):
    """Raised while reading a streamed body past the limit; an HTTPException so FastAPI passes it on."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit // 1_000_000} MB")


def error_body(code: str, message: str, hint: str = "") -> dict[str, str]:
    return {"error": code, "message": message, "hint": hint}


def _error(status: int, code: str, message: str, hint: str = "", **headers: str) -> JSONResponse:
    return JSONResponse(error_body(code, message, hint), status_code=status, headers=headers or None)


def status_of(err: UnspunError) -> int:
    """Input the user can fix is 400, a URL that cannot be used is 422, an unusable index is 503."""
    return _STATUS.get(err.code, 400)


class ErrorBody(BaseModel):
    """Every error the API returns, whatever went wrong."""

    error: str = Field(description="a stable code: bad_input, fetch, index, unauthorized, forbidden, ...")
    message: str = Field(description="what went wrong, for a person")
    hint: str = Field(description="what to do about it (may be empty)")


class TraceRequest(BaseModel):
    """Exactly one of ``text``, ``url`` or ``record``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        default=None, description="the article: a title line, an optional dateline, then the body"
    )
    url: str | None = Field(
        default=None, description="an http(s) link to the article; fetched with unspun's guards"
    )
    record: dict[str, Any] | None = Field(
        default=None, description="one corpus-style record: id, url, outlet, published, title, text"
    )
    outlet: str | None = Field(
        default=None, description="the site that published the article (shows its spin fingerprint)"
    )


class AddResponse(BaseModel):
    added: int
    duplicates: int
    sentences: int
    text_bytes: int
    batches: int
    seconds: float
    warnings: list[str] = Field(description="skipped records, first 100")
    warnings_total: int


class JobResponse(BaseModel):
    """A background add, as ``POST /api/documents`` starts it and ``GET /api/jobs/{id}`` reports it."""

    id: str = Field(description="the job's id; unguessable, so only whoever started the add can watch it")
    state: Literal["queued", "running", "done", "failed"]
    documents: int = Field(description="documents indexed so far (duplicates not counted)")
    bytes: int = Field(description="text bytes indexed so far")
    result: AddResponse | None = Field(default=None, description="the counts, once the job is done")
    error: ErrorBody | None = Field(default=None, description="what went wrong, once the job has failed")


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the input cannot be read (bad_input)"},
    413: {"model": ErrorBody, "description": "the body is larger than the server's limit"},
    422: {
        "model": ErrorBody,
        "description": "the request does not match the schema, or a URL cannot be used",
    },
}
_REPORT_JSON: dict[str, Any] = {
    "application/json": {
        "schema": {"type": "object", "description": "an unspun.report/1 report; see docs/report.md"}
    }
}


# ---- the body size limit ------------------------------------------------------


class BodyLimit:
    """Refuse bodies over ``max_bytes``: at once when Content-Length says so, else while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and not declared.isdigit():
            response = _error(
                400,
                "bad_request",
                "the Content-Length header is not a number",
                "send the body's length in bytes",
            )
            await response(scope, receive, send)
            return
        if declared is not None and int(declared) > self.max_bytes:
            response = _error(
                413,
                "too_large",
                f"the request body is larger than {self.max_bytes // 1_000_000} MB",
                "send a smaller article, or split a corpus into several uploads",
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited, send)


def host_name(host: str) -> str:
    """The name part of a ``Host`` header or a configured host: no port, no IPv6 brackets, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") > 1:  # a bare IPv6 address, as someone may configure it
        return host
    return host.partition(":")[0].rstrip(".")


class HostAllowlist:
    """Answer only requests addressed to this server by one of its own names (see the module notes)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        if host_name(given) not in self.allowed:
            response = _error(
                400,
                "bad_host",
                f"this server does not answer to the host name {given[:100]!r}",
                "open it as http://127.0.0.1:PORT/ or http://localhost:PORT/, or start it with "
                "'unspun serve --allow-host NAME' for the name you use",
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class RateLimit:
    """A token bucket per client address: ``burst`` traces at once, then ``per_minute`` on average.

    Buckets live in memory, at most ``RATE_CLIENTS`` of them (the least recently
    seen are forgotten, which only ever gives a client a full bucket back).
    """

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float]) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("a trace rate needs per_minute > 0 and burst >= 1 (pass None to turn it off)")
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Take a token for ``client`` and return 0, or return the seconds until one is free."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + max(0.0, now - last) * self.rate)
            waiting = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                waiting = (1 - tokens) / self.rate
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > RATE_CLIENTS:
                self._buckets.popitem(last=False)
        return waiting


class SecurityHeaders:
    """No sniffing, no framing, and pages may load only what this server serves."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                headers.append((b"content-security-policy", _CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---- index access and report storage --------------------------------------------


class _Readers:
    """One :class:`Index` per worker thread, reopened after every add (see the module notes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.generation = 0
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Index] = []

    def get(self) -> Index:
        held: tuple[int, Index] | None = getattr(self._local, "held", None)
        if held is not None and held[0] == self.generation:
            return held[1]
        if held is not None:
            self._forget(held[1])
        index = Index(self.path)
        with self._lock:
            self._open.append(index)
        self._local.held = (self.generation, index)
        return index

    def _forget(self, index: Index) -> None:
        with self._lock:
            if index in self._open:
                self._open.remove(index)
        index.close()

    def bump(self) -> None:
        self.generation += 1

    def close(self) -> None:
        with self._lock:
            for index in self._open:
                index.close()
            self._open.clear()


class _Reports:
    """Reports by content hash: files under the index folder, or a bounded memory store if unwritable.

    A report's age is its file's modification time, which storing the same
    report again refreshes: a link someone keeps re-tracing stays alive.
    """

    def __init__(
        self,
        folder: Path | None,
        max_reports: int | None,
        max_days: float | None,
        clock: Callable[[], float],
    ) -> None:
        self.folder = folder
        self.max_reports = max_reports
        self.max_age = None if max_days is None else max_days * 86_400
        self.clock = clock
        self._memory: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / ".probe"
                probe.write_text("", encoding="utf-8")
                probe.unlink()
            except OSError:
                log.warning("cannot write reports to %s; keeping them in memory", folder)
                self.folder = None

    @staticmethod
    def key(body: str) -> str:
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:24]

    def _expired(self, stored_at: float) -> bool:
        return self.max_age is not None and self.clock() - stored_at > self.max_age

    def put(self, body: str) -> str:
        key = self.key(body)
        now = self.clock()
        if self.folder is not None:
            target = self.folder / f"{key}.json"
            if target.exists():
                os.utime(target, (now, now))
                return key
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
            os.utime(tmp, (now, now))
            os.replace(tmp, target)
            self._prune_files()
            return key
        limit = MEMORY_REPORTS if self.max_reports is None else min(self.max_reports, MEMORY_REPORTS)
        with self._lock:
            self._memory[key] = (now, body)
            self._memory.move_to_end(key)
            while self._memory and (
                len(self._memory) > limit or self._expired(next(iter(self._memory.values()))[0])
            ):
                self._memory.popitem(last=False)
        return key

    def _prune_files(self) -> None:
        """Delete reports past the age limit and all but the newest ``max_reports``.

        Run when a report is stored, so a server nobody uses does no work; a
        thousand ``stat`` calls cost about a millisecond next to a trace's 100.
        """
        assert self.folder is not None
        dated: list[tuple[float, Path]] = []
        for path in self.folder.glob("*.json"):
            try:
                dated.append((path.stat().st_mtime, path))
            except OSError:  # deleted by a concurrent prune
                continue
        dated.sort(reverse=True)
        for rank, (stored_at, path) in enumerate(dated):
            if (self.max_reports is not None and rank >= self.max_reports) or self._expired(stored_at):
                path.unlink(missing_ok=True)

    def get(self, key: str) -> str | None:
        """The report, or None if there is none or it has expired (an expired one is deleted now)."""
        if not _REPORT_ID.match(key):
            return None
        if self.folder is not None:
            path = self.folder / f"{key}.json"
            try:
                stored_at = path.stat().st_mtime
                if self._expired(stored_at):
                    path.unlink(missing_ok=True)
                    return None
                return path.read_text(encoding="utf-8")
            except OSError:
                return None
        with self._lock:
            held = self._memory.get(key)
            if held is None or self._expired(held[0]):
                return None
            return held[1]

    def retention(self) -> str:
        """How long reports are kept, for the 404 that an expired link gets."""
        rules = []
        if self.max_age is not None:
            rules.append(f"for {self.max_age / 86_400:g} days")
        if self.max_reports is not None:
            rules.append(f"at most the newest {self.max_reports:,}")
        return "this server keeps reports " + " and ".join(rules) if rules else ""


def _safe_name(name: str) -> str:
    """An uploaded file's base name, reduced to characters that are safe in a temporary path."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")
    return cleaned[:120] or "upload"


def article_from_upload(name: str, data: bytes) -> Article:
    """An uploaded article file, read like ``unspun trace FILE`` reads one."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name} is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB", "an article is a page of text"
        )
    if b"\x00" in data[:4096]:
        raise InputError(f"{name} looks binary, not text", "give the article as UTF-8 text, HTML or JSON")
    text = decode(data)
    if name.lower().endswith((".html", ".htm")):
        from unspun.ingest.html import article_from_html

        return article_from_html(text, url="", origin=name)
    return parse_article_text(text, name)


def article_from_fields(
    text: str | None, url: str | None, record: dict[str, Any] | None, outlet: str | None
) -> Article:
    """The article a request names: exactly one of text, url or record."""
    given = [name for name, value in (("text", text), ("url", url), ("record", record)) if value]
    if len(given) != 1:
        raise InputError(
            "give exactly one of text, url or record" + (f" (got {', '.join(given)})" if given else ""),
            'for example {"text": "Title\\n\\nBody..."} or {"url": "https://..."}',
        )
    if text:
        article = parse_article_text(text, "<text>")
    elif url:
        article = fetch_article(url.strip())
    else:
        assert record is not None
        article = article_from_record(record, "<record>")
    return dataclasses.replace(article, outlet=outlet) if outlet else article


@dataclasses.dataclass
class Job:
    """One background add. The adding thread writes the fields; readers take :meth:`view` snapshots."""

    id: str
    state: str = "queued"
    documents: int = 0
    bytes: int = 0
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None

    def view(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "documents": self.documents,
            "bytes": self.bytes,
            "result": self.result,
            "error": self.error,
        }


@dataclasses.dataclass
class _Upload:
    """An add's input, checked and on disk before the 202, so unusable files are a plain 400."""

    folder: tempfile.TemporaryDirectory[str]
    pages: list[Document]
    jsonl: list[Path]

    def documents(self, warn: Callable[[str], None]) -> Iterable[Document]:
        yield from self.pages
        if self.jsonl:
            yield from read_documents(self.jsonl, warn=warn)


class Service:
    """What the routes call: trace, store, add. Plain methods, run in the thread pool."""

    def __init__(
        self,
        index_path: Path,
        token: str | None,
        max_reports: int | None = MAX_REPORTS,
        report_days: float | None = REPORT_DAYS,
        clock: Callable[[], float] = time.time,
        max_article_chars: int = MAX_ARTICLE_CHARS,
    ) -> None:
        self.index_path = index_path
        self.token = token
        self.max_article_chars = max_article_chars
        self.writer = Index(index_path)  # opens (and so checks) the index before the server starts
        self.stale_days = self.writer.settings.trace.stale_days
        self.readers = _Readers(index_path)
        self.reports = _Reports(index_path / REPORTS_FOLDER, max_reports, report_days, clock)
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._write_lock = threading.Lock()
        self._adder: threading.Thread | None = None

    def trace(self, article: Article) -> tuple[str, str]:
        """(report JSON, report id): the JSON is exactly what the CLI prints."""
        if len(article.text) > self.max_article_chars:
            raise InputError(
                f"the article is {len(article.text):,} characters long; this server traces at most "
                f"{self.max_article_chars:,}",
                "an article is a page of text: trace one at a time (the command line takes up to 5 MB)",
            )
        report = self.readers.get().trace(article)
        body = report_to_json(report, self.stale_days)
        return body, self.reports.put(body)

    def stats_json(self) -> str:
        """The same JSON as ``unspun index stats --format json``: both come from ``Index.describe``."""
        return json.dumps(self.readers.get().describe(), indent=2) + "\n"

    def outlets(self) -> list[tuple[str, int]]:
        return self.readers.get().outlets()

    def start_add(self, uploads: list[tuple[str, bytes]]) -> Job:
        """Check the uploads, then index them in a background thread; one add at a time (else 409)."""
        if not uploads:
            raise InputError(
                "no documents were sent", "send a JSONL body or upload files in the 'files' field"
            )
        if not self._write_lock.acquire(blocking=False):
            raise ApiError(
                409, "busy", "another upload is being indexed", "wait for it to finish, then retry"
            )
        try:
            upload = self._stage(uploads)
        except BaseException:
            self._write_lock.release()
            raise
        job = Job(secrets.token_urlsafe(12))
        self.jobs[job.id] = job
        while len(self.jobs) > KEPT_JOBS:
            self.jobs.popitem(last=False)
        self._adder = threading.Thread(target=self._add, args=(job, upload), name="unspun-add", daemon=True)
        self._adder.start()
        return job

    def _stage(self, uploads: list[tuple[str, bytes]]) -> _Upload:
        folder = tempfile.TemporaryDirectory(prefix="unspun-upload-")
        upload = _Upload(folder, [], [])
        try:
            for i, (name, data) in enumerate(uploads):
                safe = _safe_name(name)
                lower = safe.lower()
                if lower.endswith(_JSONL_SUFFIXES):
                    sub = Path(folder.name) / str(i)
                    sub.mkdir()
                    (sub / safe).write_bytes(data)
                    upload.jsonl.append(sub / safe)
                elif lower.endswith(_PAGE_SUFFIXES):
                    upload.pages.append(self._page_document(safe, data))
                else:
                    raise InputError(
                        f"cannot add {safe}: unknown file type",
                        "upload .jsonl, .jsonl.gz, .txt or .html files",
                    )
        except BaseException:
            folder.cleanup()
            raise
        return upload

    def _add(self, job: Job, upload: _Upload) -> None:
        """The job's thread. The outcome is published last, after the lock is free and readers reopen,
        so a client that sees ``done`` can trace against the new documents or start the next add."""
        job.state = "running"
        warnings: list[str] = []
        prefix = upload.folder.name + os.sep
        result: dict[str, Any] | None = None
        error: dict[str, str] | None = None

        def warn(message: str) -> None:
            warnings.append(re.sub(re.escape(prefix) + r"\d+" + re.escape(os.sep), "", message))

        def progress(documents: int, text_bytes: int) -> None:
            job.documents, job.bytes = documents, text_bytes

        try:
            added = self.writer.add_documents(upload.documents(warn), progress=progress, workers=1)
            result = dataclasses.asdict(added)
            result["warnings"] = warnings[:100]
            result["warnings_total"] = len(warnings)
            job.documents, job.bytes = added.added, added.text_bytes
        except UnspunError as err:
            error = error_body(err.code, err.message, err.hint)
        except Exception:
            log.exception("adding documents failed")
            error = error_body(
                "internal",
                "unspun hit an unexpected error",
                "the server log has the details; please report it",
            )
        finally:
            upload.folder.cleanup()
            self.readers.bump()
            self._write_lock.release()
        job.result, job.error = result, error
        job.state = "done" if error is None else "failed"

    @staticmethod
    def _page_document(name: str, data: bytes) -> Document:
        article = article_from_upload(name, data)
        digest = hashlib.sha1(article.text.encode("utf-8")).hexdigest()[:16]
        return make_document(
            f"sha1:{digest}", article.body, article.title, article.url, article.outlet, article.published
        )

    def authorize(self, request: Request) -> None:
        if not self.token:
            raise ApiError(403, "forbidden", "adding documents is turned off on this server", _ENABLE_WRITES)
        given = request.headers.get("x-unspun-token", "")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise ApiError(
                401,
                "unauthorized",
                "a valid token is needed to add documents",
                "send 'Authorization: Bearer TOKEN' with the token the server was started with",
                {"WWW-Authenticate": "Bearer"},
            )

    def close(self) -> None:
        """Wait for a running add to commit or fail first: its thread writes through ``writer``."""
        if self._adder is not None:
            self._adder.join()
        self.readers.close()
        self.writer.close()


# ---- the app --------------------------------------------------------------------


def create_app(
    index_path: str | Path,
    token: str | None = None,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    allowed_hosts: Iterable[str] = (),
    traces_per_minute: float | None = TRACES_PER_MINUTE,
    trace_burst: int = TRACE_BURST,
    max_reports: int | None = MAX_REPORTS,
    report_days: float | None = REPORT_DAYS,
    clock: Callable[[], float] = time.time,
    max_article_chars: int = MAX_ARTICLE_CHARS,
) -> FastAPI:
    """The app for ``unspun serve``; raises :class:`StoreError` at once if there is no index at ``index_path``.

    ``token`` (or the ``UNSPUN_TOKEN`` environment variable) enables adding
    documents; without one, writes are refused with 403. ``allowed_hosts``
    are names besides 127.0.0.1, localhost and [::1] that the ``Host`` header
    may carry. Each client address may trace ``trace_burst`` articles at once
    and ``traces_per_minute`` on average (None: no limit). Stored reports older
    than ``report_days`` or beyond the newest ``max_reports`` are deleted (None:
    no such limit). A trace takes at most ``max_article_chars`` of article
    text, which bounds its time. ``clock`` (seconds, like :func:`time.time`) is for tests.
    """
    service = Service(
        Path(index_path),
        token or os.environ.get(TOKEN_ENV) or None,
        max_reports,
        report_days,
        clock,
        max_article_chars,
    )
    limiter = None if traces_per_minute is None else RateLimit(traces_per_minute, trace_burst, clock)
    hosts = frozenset(host_name(h) for h in (*LOOPBACK_NAMES, *allowed_hosts))
    templates = environment(jinja2.FileSystemLoader(HERE / "templates"))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        title="unspun",
        version=__version__,
        description="Trace a news article sentence by sentence to the corpus documents it was copied or "
        "spun from. Reports follow the `unspun.report/1` schema (docs/report.md).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(HostAllowlist, allowed=hosts)  # outside the body limit: refuse before reading
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(
        name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
    ) -> HTMLResponse:
        html = templates.get_template(name).render(version=__version__, **context)
        return HTMLResponse(html, status_code=status, headers=headers)

    def rate_limit(request: Request) -> None:
        """Take one trace from the client's bucket, or refuse with 429 and when to retry."""
        if limiter is None:
            return
        waiting = limiter.wait(request.client.host if request.client else "")
        if waiting:
            raise ApiError(
                429,
                "rate_limited",
                f"too many traces from this address: at most {traces_per_minute:g} a minute "
                f"after a burst of {trace_burst}",
                f"retry in {math.ceil(waiting)} s",
                {"Retry-After": str(math.ceil(waiting))},
            )

    def missing_report(report_id: str) -> ApiError:
        retention = service.reports.retention()
        return ApiError(
            404,
            "not_found",
            f"no report {report_id[:40]!r} on this server",
            (f"it may have expired ({retention}); " if retention else "") + "trace the article again",
        )

    # -- error handlers: JSON with a code, a message and a hint; never a traceback --

    @app.exception_handler(UnspunError)
    async def unspun_error(_: Request, err: UnspunError) -> JSONResponse:
        return _error(status_of(err), err.code, err.message, err.hint)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, err: ApiError) -> JSONResponse:
        return _error(err.status, err.code, err.message, err.hint, **err.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, err: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg', '')}"
            for e in err.errors()
        ]
        return _error(422, "invalid_request", "; ".join(problems[:5]), "see the API reference at /api")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, err: StarletteHTTPException) -> JSONResponse:
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            err.status_code, f"http_{err.status_code}"
        )
        hint = {
            400: "send well-formed UTF-8 JSON as application/json, or files as multipart/form-data; "
            "see the API reference at /api",
            404: "see the API reference at /api",
            405: "see the API reference at /api",
        }.get(err.status_code, "")
        return _error(err.status_code, code, str(err.detail), hint)

    @app.exception_handler(Exception)
    async def crashed(_: Request, err: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=err)
        return _error(
            500,
            "internal",
            "unspun hit an unexpected error",
            "the server log has the details; please report it",
        )

    # -- the JSON API --

    @app.post(
        "/api/trace",
        summary="Trace an article",
        description="Trace an article given as text, an http(s) URL, or one JSON record. The body of the "
        "answer is exactly what `unspun trace --format json` prints; the report's id is in the "
        "`X-Unspun-Report` header and its permanent URL in `Location`.",
        response_class=Response,
        responses={
            200: {"description": "the report", "content": _REPORT_JSON},
            **_ERRORS,
            429: {
                "model": ErrorBody,
                "description": "too many traces from this address; `Retry-After` says when to retry",
            },
        },
        tags=["trace"],
    )
    def api_trace(payload: TraceRequest, request: Request) -> Response:
        rate_limit(request)
        article = article_from_fields(payload.text, payload.url, payload.record, payload.outlet)
        body, key = service.trace(article)
        return Response(
            body,
            media_type="application/json",
            headers={"X-Unspun-Report": key, "Location": f"/api/reports/{key}"},
        )

    @app.get(
        "/api/reports/{report_id}",
        summary="A stored report",
        description="A report traced earlier on this server, by its id (a content hash).",
        response_class=Response,
        responses={
            200: {"description": "the report", "content": _REPORT_JSON},
            404: {"model": ErrorBody, "description": "no report with this id, or it has expired"},
        },
        tags=["trace"],
    )
    def api_report(report_id: str) -> Response:
        body = service.reports.get(report_id)
        if body is None:
            raise missing_report(report_id)
        return Response(body, media_type="application/json")

    @app.post(
        "/api/documents",
        summary="Add documents to the index",
        description="Send a JSONL corpus as the body (`application/x-ndjson`), or upload files "
        "(`multipart/form-data`, field `files`: .jsonl, .jsonl.gz, .txt, .html). Needs the server's token "
        "as `Authorization: Bearer TOKEN`. The files are checked, then indexed in the background: the "
        "answer is 202 with the job, whose URL is in `Location`; poll it for progress and the result. "
        "Bad records are skipped and listed in the result's `warnings`.",
        status_code=202,
        response_model=JobResponse,
        responses={
            202: {"description": "the add has started; poll `Location` (`GET /api/jobs/{job_id}`)"},
            400: _ERRORS[400],
            413: _ERRORS[413],
            401: {"model": ErrorBody, "description": "missing or wrong token"},
            403: {"model": ErrorBody, "description": "writes are turned off: no token is configured"},
            409: {"model": ErrorBody, "description": "another add is queued or running"},
            415: {"model": ErrorBody, "description": "the body is neither JSONL nor multipart"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string", "description": "JSONL records"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                            },
                            "required": ["files"],
                        }
                    },
                },
            }
        },
        tags=["index"],
    )
    async def api_documents(request: Request) -> JSONResponse:
        service.authorize(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        uploads: list[tuple[str, bytes]] = []
        if ctype == "multipart/form-data":
            async with request.form(max_files=100, max_fields=100, max_part_size=max_body_bytes) as form:
                for field in ("files", "file"):
                    for item in form.getlist(field):
                        if isinstance(item, UploadFile):
                            uploads.append((item.filename or "upload.jsonl", await item.read()))
        elif ctype in _JSONL_TYPES:
            uploads.append(("body.jsonl", await request.body()))
        else:
            raise ApiError(
                415,
                "unsupported_media_type",
                f"cannot add documents from a {ctype or 'untyped'} body",
                "send JSONL as application/x-ndjson, or files as multipart/form-data in the 'files' field",
            )
        job = await run_in_threadpool(service.start_add, uploads)
        return JSONResponse(job.view(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})

    @app.get(
        "/api/jobs/{job_id}",
        summary="An add's progress",
        description="The state of an add started by `POST /api/documents` (queued, running, done or "
        "failed), the documents and text bytes indexed so far, and at the end the `result` (done) or "
        "the `error` (failed). The server keeps the last 100 jobs, in memory.",
        response_model=JobResponse,
        responses={404: {"model": ErrorBody, "description": "no such job (or the server restarted)"}},
        tags=["index"],
    )
    def api_job(job_id: str) -> JSONResponse:
        job = service.jobs.get(job_id)
        if job is None:
            raise ApiError(
                404,
                "not_found",
                f"no job {job_id[:40]!r} on this server",
                "jobs are kept in memory, the last 100; check /api/stats to see whether the add happened",
            )
        return JSONResponse(job.view())

    @app.get(
        "/api/stats",
        summary="Describe the index",
        description="The same JSON as `unspun index stats --format json`.",
        response_class=Response,
        responses={200: {"description": "index statistics", "content": {"application/json": {}}}},
        tags=["index"],
    )
    def api_stats() -> Response:
        return Response(service.stats_json(), media_type="application/json")

    # -- pages --

    @app.get("/", include_in_schema=False)
    def trace_page() -> HTMLResponse:
        return page("trace.html", form={}, error=None)

    @app.post("/trace", include_in_schema=False)
    async def trace_form(request: Request) -> Response:
        async with request.form(max_files=1, max_fields=10, max_part_size=max_body_bytes) as form:
            fields = {k: str(form.get(k) or "") for k in ("text", "url", "outlet")}
            upload = form.get("file")
            file_part = (
                (upload.filename or "article.txt", await upload.read())
                if isinstance(upload, UploadFile) and upload.filename
                else None
            )
        try:
            rate_limit(request)
        except ApiError as err:  # the page again, with what was typed, rather than JSON
            return page("trace.html", err.status, err.headers, form=fields, error=err)

        def run() -> str:
            if file_part is not None:
                if fields["text"].strip() or fields["url"].strip():
                    raise InputError("give one of: pasted text, a file or a URL", "clear the other fields")
                article = article_from_upload(*file_part)
                if fields["outlet"].strip():
                    article = dataclasses.replace(article, outlet=fields["outlet"].strip())
            else:
                article = article_from_fields(
                    fields["text"].strip() or None,
                    fields["url"].strip() or None,
                    None,
                    fields["outlet"].strip() or None,
                )
            return service.trace(article)[1]

        try:
            key = await run_in_threadpool(run)
        except UnspunError as err:
            return page("trace.html", status_of(err), form=fields, error=err)
        return RedirectResponse(f"/r/{key}", status_code=303)

    def stored(key: str) -> str:
        body = service.reports.get(key)
        if body is None:
            raise _PageMissing(key)
        return body

    @app.exception_handler(_PageMissing)
    async def page_missing(_: Request, err: _PageMissing) -> HTMLResponse:
        return page("missing.html", 404, key=err.key[:40], retention=service.reports.retention())

    @app.get("/r/{report_id}", include_in_schema=False)
    def report_page(report_id: str) -> HTMLResponse:
        report = json.loads(stored(report_id))
        return page("report.html", v=report_view(report), report_id=report_id)

    @app.get("/r/{report_id}/report.json", include_in_schema=False)
    def report_download_json(report_id: str) -> Response:
        return Response(
            stored(report_id),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="unspun-{report_id}.json"'},
        )

    @app.get("/r/{report_id}/report.html", include_in_schema=False)
    def report_download_html(report_id: str) -> HTMLResponse:
        html = render_html(json.loads(stored(report_id)))
        return HTMLResponse(
            html, headers={"Content-Disposition": f'attachment; filename="unspun-{report_id}.html"'}
        )

    @app.get("/index", include_in_schema=False)
    def index_page() -> HTMLResponse:
        stats = json.loads(service.stats_json())
        return page(
            "index.html",
            stats=stats,
            outlets=service.outlets(),
            writable=bool(service.token),
            hint=_ENABLE_WRITES,
        )

    @app.get("/api", include_in_schema=False)
    def api_page() -> HTMLResponse:
        return page("api.html", routes=_routes(app.openapi()))

    @app.get("/assets/report.css", include_in_schema=False)
    def report_css() -> Response:
        return Response(REPORT_CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/assets/report.js", include_in_schema=False)
    def report_js() -> Response:
        return Response(REPORT_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=3600"})

    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, less the default 422 it adds to routes that cannot answer it."""
        schema = plain_openapi()
        for ops in schema.get("paths", {}).values():
            for op in ops.values():
                if op.get("responses", {}).get("422", {}).get("description") == "Validation Error":
                    del op["responses"]["422"]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


class _PageMissing(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _routes(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI document flattened for the local API reference page."""
    out = []
    for path, ops in openapi.get("paths", {}).items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {})
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "request": sorted(body),
                    "responses": [
                        (code, r.get("description", ""), sorted(r.get("content", {})))
                        for code, r in sorted(op.get("responses", {}).items())
                    ],
                }
            )
    return out
