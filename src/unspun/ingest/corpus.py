"""Corpus readers: JSONL (optionally gzipped), Parquet, WARC and folders of .txt/.html files.

A bad record never loses the good ones: it is reported with its file and line
and skipped, or, with ``strict``, stops the read before anything is stored.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from isal import igzip

from unspun.errors import InputError
from unspun.ingest.article import decode, parse_article_text
from unspun.ingest.dateline import parse_published
from unspun.text.normalize import normalize
from unspun.types import Document

Warn = Callable[[str], None]
"""Told each warning about the input (a skipped line, a repeated id) as one sentence."""
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_HTML_SUFFIXES = {".html", ".htm"}
_FORMATS = ".jsonl, .jsonl.gz, .parquet, .warc, .warc.gz, .txt or .html"


def ignore(_: str) -> None:
    """The ``Warn`` of callers that do not want warnings."""


def corpus_files(paths: list[Path]) -> list[Path]:
    """Expand the paths a user gave into readable files, refusing what cannot be read."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"no such file or folder: {path}", f"give corpus files ({_FORMATS}) or folders")
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p))
            if not inside:
                raise InputError(f"{path} holds no corpus files", f"unspun reads {_FORMATS}")
            files.extend(inside)
        elif _kind(path):
            files.append(path)
        else:
            raise InputError(f"unspun cannot read {path}: unknown file type", f"use {_FORMATS} files")
    return files


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json.gz", ".ndjson.gz")):
        return "jsonl"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".parquet"):
        return "parquet"
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return "text"
    if path.suffix.lower() in _HTML_SUFFIXES:
        return "html"
    return ""


def read_documents(paths: list[Path], warn: Warn = ignore, strict: bool = False) -> Iterator[Document]:
    """Every document of every file, in order; a repeated id is reported where it repeats, and skipped.

    The WARC and Parquet readers are imported where they are used because
    they build on this module's record helpers (and their libraries, the
    ``scan`` extra, are loaded only when such a file is read).
    """
    seen: set[str] = set()
    for path in corpus_files(paths):
        kind = _kind(path)
        if kind == "jsonl":
            yield from read_jsonl(path, warn, strict, seen)
        elif kind == "warc":
            from unspun.ingest.warc import read_warc

            yield from read_warc(path, warn, strict, seen)
        elif kind == "parquet":
            from unspun.ingest.parquet import read_parquet

            yield from read_parquet(path, warn, strict, seen)
        else:
            doc = _read_page(path, kind, warn)
            if doc is not None:
                yield doc


def read_jsonl(
    path: Path, warn: Warn = ignore, strict: bool = False, seen: set[str] | None = None
) -> Iterator[Document]:
    seen = set() if seen is None else seen
    # ISA-L's gzip reader: the same format and errors as gzip's, at about three times the speed
    opener = igzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    doc = record_to_document(json.loads(decode(raw)), f"{path}:{lineno}", warn)
                    if doc.id in seen:
                        warn(
                            f"skipped {path}:{lineno}: id {doc.id!r} appears earlier in the input; ids must be unique"
                        )
                        continue
                    seen.add(doc.id)
                    yield doc
                except (ValueError, InputError) as err:
                    message = f"{path}:{lineno}: {err}"
                    if strict:
                        raise InputError(message, "fix the line, or drop --strict to skip bad lines") from err
                    warn(f"skipped {message}")
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise InputError(
            f"cannot read {path}: {err}", "check that the file is complete JSONL (or gzip)"
        ) from err


def record_to_document(record: object, where: str, warn: Warn = ignore) -> Document:
    """One JSON record to a Document; the title becomes the first paragraph of the indexed text.

    A date that cannot be right is dropped with a warning rather than losing the document.
    """
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    text = record.get("text")
    body = normalize(text) if isinstance(text, str) else ""
    if not body:  # also a text of only invisible or control characters, which normalizes to nothing
        raise ValueError("the record has no 'text'")
    title = record.get("title") if isinstance(record.get("title"), str) else ""
    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        doc_id = record.get("url") or "sha1:" + hashlib.sha1(str(text).encode()).hexdigest()[:16]
    lang = record.get("lang")
    try:
        published = parse_published(record.get("published"))
    except ValueError as err:
        warn(f"{where}: {err}; kept the document as undated")
        published = None
    return _assemble(
        doc_id=str(doc_id),
        body=body,
        head=normalize(str(title or "")),
        url=str(record.get("url") or ""),
        outlet=str(record.get("outlet") or ""),
        published=published,
        lang=str(lang) if isinstance(lang, str) else "",
    )


def host_of(url: str) -> str:
    """The host an http(s) link names, without "www.", or "" when it names none (or cannot be read).

    Corpora without an outlet field are counted by host, so one bad link must not stop a scan.
    """
    if not url.startswith(("http://", "https://")):
        return ""
    try:
        host = urlsplit(url).hostname
    except ValueError:  # an unclosed [IPv6] bracket, say
        return ""
    return (host or "").removeprefix("www.")


def make_document(
    doc_id: str,
    text: str,
    title: str = "",
    url: str = "",
    outlet: str = "",
    published: dt.date | None = None,
    lang: str = "",
) -> Document:
    """Normalize and assemble: the headline is indexed like any sentence, so it leads the text."""
    return _assemble(doc_id, normalize(text), normalize(title), url, outlet, published, lang)


def _assemble(
    doc_id: str, body: str, head: str, url: str, outlet: str, published: dt.date | None, lang: str
) -> Document:
    if head and not body.startswith(head):
        body = f"{head}\n\n{body}"
    return Document(
        id=doc_id,
        text=body,
        url=url,
        outlet=outlet,
        published=published,
        title=head,
        lang=lang,
    )


def _read_page(path: Path, kind: str, warn: Warn) -> Document | None:
    try:
        data = path.read_bytes()
    except OSError as err:
        warn(f"skipped {path}: {err.strerror}")
        return None
    if b"\x00" in data[:4096]:
        warn(f"skipped {path}: binary file")
        return None
    text = decode(data)
    try:
        if kind == "html":
            from unspun.ingest.html import article_from_html

            article = article_from_html(text, origin=str(path))
        else:
            article = parse_article_text(text, str(path))
    except InputError as err:
        warn(f"skipped {path}: {err.message}")
        return None
    return make_document(
        str(path), article.body, article.title, article.url, article.outlet, article.published
    )
