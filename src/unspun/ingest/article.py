"""An article to trace, from plain text, a JSONL record, an HTML page or a URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from unspun.errors import InputError
from unspun.ingest.dateline import parse_dateline, parse_published
from unspun.text.normalize import normalize
from unspun.types import Article

MAX_ARTICLE_BYTES = 5_000_000


def parse_article_text(raw: str, origin: str = "") -> Article:
    """Title line, optional dateline, then the body; the dateline is metadata, not a sentence."""
    text = normalize(raw)
    if not text:
        raise InputError(
            f"the article {origin or ''} is empty".replace("  ", " "), "give a file with text in it"
        )
    if text.startswith("{") and text.rstrip().endswith("}"):
        try:
            record = json.loads(text)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict) and "text" in record:
            return article_from_record(record, origin)
    lines = text.split("\n")
    title = lines[0].strip()
    rest = lines[1:]
    while rest and not rest[0].strip():
        rest = rest[1:]
    published = parse_dateline(rest[0]) if rest else None
    if published is not None:
        rest = rest[1:]
    return Article(title=title, body=normalize("\n".join(rest)), published=published, origin=origin)


def article_from_record(record: dict[str, object], origin: str = "") -> Article:
    """One corpus-style JSON record (id, url, outlet, published, title, text)."""
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(
            f"the JSON record {origin} has no 'text'", "give a record with a non-empty 'text' field"
        )
    try:
        published = parse_published(record.get("published"))
    except ValueError as err:
        raise InputError(
            f"the JSON record {origin}: {err}",
            "give 'published' as YYYY-MM-DD, or null when the date is unknown",
        ) from err
    title = record.get("title")
    return Article(
        title=normalize(title) if isinstance(title, str) else "",
        body=normalize(body),
        published=published,
        url=str(record.get("url") or ""),
        outlet=str(record.get("outlet") or ""),
        origin=origin,
    )


def read_article(source: str, stdin_text: str | None = None) -> Article:
    """Resolve what the user named: ``-`` for stdin, an http(s) URL, or a file path."""
    if source == "-":
        return parse_article_text(stdin_text or "", "<stdin>")
    if source.startswith(("http://", "https://")):
        from unspun.ingest.fetch import fetch_article

        return fetch_article(source)
    path = Path(source)
    if not path.exists():
        raise InputError(f"no such file: {source}", "give a text file, '-' for stdin, or an http(s) URL")
    if path.is_dir():
        raise InputError(f"{source} is a folder", "trace one article file at a time")
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise _too_large(source)
    return article_from_bytes(path.read_bytes(), source, html=path.suffix.lower() in {".html", ".htm"})


def read_stream(stream: IO[str], origin: str) -> Article:
    """An article piped in: read as bytes when the stream has them, so it gets the files' checks and decoding."""
    raw = getattr(stream, "buffer", None)
    data = raw.read(MAX_ARTICLE_BYTES + 1) if raw is not None else stream.read(MAX_ARTICLE_BYTES + 1).encode()
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(origin)
    return article_from_bytes(data, origin)


def article_from_bytes(data: bytes, origin: str, html: bool = False) -> Article:
    if b"\x00" in data[:4096]:
        raise InputError(f"{origin} looks binary, not text", "give the article as UTF-8 text, HTML or JSON")
    text = decode(data)
    if html or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        from unspun.ingest.html import article_from_html

        return article_from_html(text, url="", origin=origin)
    return parse_article_text(text, origin)


def _too_large(origin: str) -> InputError:
    return InputError(
        f"{origin} is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB",
        "an article is a page of text: trace one at a time",
    )


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, which maps every byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
