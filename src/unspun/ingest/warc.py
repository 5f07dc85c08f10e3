"""WARC files (Common Crawl News and other crawls): each HTML page of a 200 response becomes a Document.

Crawls are large and often damaged at the edges (a download cut short, a bad
block), so a broken record costs that record only: the reader warns with the
file and the record's byte offset, then looks for the next place a record can
start (the next gzip member, or the next ``WARC/1.x`` line of an uncompressed
file), or, with ``strict``, stops there. A file gzipped whole rather than
record by record is read too, as one stream. Records that are not article pages
(requests, metadata, revisits, images, redirects, pages without article text)
are what a crawl is made of, so they are counted in one line per file rather
than reported one by one.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import re
import zlib
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from unspun.errors import InputError
from unspun.ingest.article import MAX_ARTICLE_BYTES, decode
from unspun.ingest.corpus import Warn, host_of, ignore, make_document
from unspun.ingest.dateline import parse_published
from unspun.ingest.html import article_from_html
from unspun.types import Document

_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CHUNK = 1 << 20


class _Broken(Exception):
    """A record that cannot be read whole, and where it starts; the reader skips to the next one."""

    def __init__(self, reason: str, at: int) -> None:
        super().__init__(reason)
        self.at = at


class _WholeFileGzip(Exception):
    """One gzip member holds several records (``gzip file.warc`` rather than a record-by-record WARC)."""

    def __init__(self, at: int) -> None:
        super().__init__(at)
        self.at = at  # where that member starts: the start of the record just read


class _Inflated(io.RawIOBase):
    """A gzip stream decompressed as it is read, member after member.

    Unlike GzipFile, whose read raises EOFError when the data is cut off (which
    warcio takes for a clean end of the archive, losing the records decompressed
    just before), a cut-off end here reads as the end of the data and sets
    ``cut``: every record before the cut is kept and the cut is reported.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self.pending = b""
        self.position = 0
        self.cut = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            if self.inflater.unconsumed_tail:
                data = self.inflater.unconsumed_tail
            elif self.inflater.eof:
                data = self.inflater.unused_data or self.raw.read(_CHUNK)
                if not data:
                    return 0
                self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            else:
                data = self.raw.read(_CHUNK)
                if not data:
                    self.cut = True
                    return 0
            self.pending = self.inflater.decompress(data, _CHUNK)
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        self.position += size
        return size


def read_warc(
    path: Path, warn: Warn = ignore, strict: bool = False, seen: set[str] | None = None
) -> Iterator[Document]:
    """The article pages of a WARC file (``.warc`` or ``.warc.gz``), in file order.

    Each 200 response with an HTML body is run through the same extraction as
    a single HTML page (trafilatura). The document's ``id`` is the record's
    WARC-Record-ID (without its angle brackets), ``url`` its WARC-Target-URI,
    ``outlet`` that URL's host without ``www.``, and ``title`` the extracted
    headline. ``published`` is the date the page states about itself
    (trafilatura's metadata) when it gives a plausible one, and only otherwise
    the WARC-Date: that is when the crawler fetched the page, which can be days
    or years after publication and so would make a late copy look like the
    origin.
    """
    reader = _Reader(path, warn, strict, set() if seen is None else seen)
    try:
        with path.open("rb") as fh:
            yield from reader.read(fh)
    except OSError as err:
        raise InputError(f"cannot read {path}: {err}", "check that the file is readable") from err
    reader.summarize()


def _archive_iterator() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as err:
        raise InputError(
            "reading WARC files needs warcio, which is not installed", "pip install 'unspun[scan]'"
        ) from err
    return ArchiveIterator


@dataclass(frozen=True, slots=True)
class _Page:
    """What a response record holds for the extractor: its HTML and its WARC headers."""

    at: int
    html: str
    uri: str
    record_id: str
    crawled: str


class _Reader:
    def __init__(self, path: Path, warn: Warn, strict: bool, seen: set[str]) -> None:
        self.path = path
        self.warn = warn
        self.strict = strict
        self.seen = seen
        self.archive = _archive_iterator()
        self.kept = 0
        self.skipped: Counter[str] = Counter()

    def read(self, fh: IO[bytes]) -> Iterator[Document]:
        head = fh.read(2)
        if not head:
            self.warn(f"skipped {self.path}: the file is empty")
            return
        marker = _GZIP_MEMBER if head == _GZIP_MEMBER[:2] else _WARC_LINE
        end = fh.seek(0, io.SEEK_END)
        start: int | None = 0
        damaged = False  # failures before the next good record belong to the damage already reported
        while start is not None:
            fh.seek(start)
            records = self._records(fh)
            try:
                for page in self._pages(records, end):
                    damaged = False
                    doc = self._document(page, "") if page is not None else None
                    if doc is not None:
                        yield doc
                return
            except _WholeFileGzip as whole:
                fh.seek(whole.at)
                if (yield from self._read_uncompressed(_Inflated(fh), whole.at)):
                    return
                damaged = True
                start = _next_start(fh, whole.at + 1, marker)
            except _Broken as err:
                if not damaged:
                    self._damaged(f"record at byte {err.at}", str(err))
                damaged = True
                start = _next_start(fh, max(err.at, start) + 1, marker)  # always forward: the loop ends

    def _read_uncompressed(self, stream: _Inflated, member: int) -> Generator[Document, None, bool]:
        """The records of a gzip member that holds several, the first already read; False when it is damaged.

        A damaged member is read up to the damage, and the caller looks for
        the next gzip member after it: a member whose end is garbled looks
        like one that goes on.
        """
        where = f"of the gzip member at byte {member}"
        try:
            for n, page in enumerate(self._pages(self._records(stream), None)):
                doc = self._document(page, where) if page is not None and n else None
                if doc is not None:
                    yield doc
        except _Broken as err:
            reason = "the gzip data ends inside it (is the file complete?)" if stream.cut else str(err)
            self._damaged(f"record at uncompressed byte {err.at} {where}", reason)
            return False
        if stream.cut:
            self._damaged(f"gzip member at byte {member}", "it ends early (is the file complete?)")
            return False
        return True

    def _records(self, fh: IO[bytes] | _Inflated) -> Any:
        records = self.archive(fh)
        records.INC_RECORD = ""  # warcio would print this to stderr; its err_count still counts it
        return records

    def _pages(self, records: Any, end: int | None) -> Iterator[_Page | None]:
        """Each record's page, or None for a record that is not one; a record warcio cannot read raises _Broken.

        warcio fed damaged bytes raises almost anything (AttributeError,
        IndexError, zlib.error, ...), so every failure inside it is taken as a
        broken record; the project's own extraction runs outside this net.
        warcio also takes data that stops short for the end of the archive, so
        the reading must get to ``end`` (the file's size) to count as whole.
        """
        while True:
            try:
                record = next(records)
            except StopIteration:
                if end is not None and records.offset < end:
                    raise _Broken(
                        "what follows is not a whole record (is the file complete?)", records.offset
                    ) from None
                return
            except MemoryError:
                raise
            except Exception as err:
                raise _Broken(_reason(err), records.offset) from err
            at = records.offset
            try:
                page = self._page(records, record, at)
                # a record-by-record member ends with its record; one that goes on (or is cut off) does not
                inflater = records.reader.decompressor
                whole = inflater is not None and (bool(records.next_line) or not inflater.eof)
            except (_Broken, MemoryError):
                raise
            except Exception as err:
                raise _Broken(_reason(err), at) from err
            yield page
            if whole:
                raise _WholeFileGzip(at)

    def _page(self, records: Any, record: Any, at: int) -> _Page | None:
        length = record.rec_headers.get_header("Content-Length") or ""
        if not length.strip().isdigit():
            raise _Broken("it has no valid Content-Length", at)
        html, passed_over = self._html(record)
        while record.raw_stream.read(_CHUNK):
            pass
        if record.raw_stream.limit > 0:
            raise _Broken(f"it is cut short by {record.raw_stream.limit:,} bytes (is the file complete?)", at)
        errors = records.err_count
        records.read_to_end()
        if records.err_count > errors:
            raise _Broken("its Content-Length does not match its content", at)
        if html is None:
            if passed_over:
                self.skipped[passed_over] += 1
            return None
        headers = record.rec_headers
        return _Page(
            at=at,
            html=html,
            uri=headers.get_header("WARC-Target-URI") or "",
            record_id=(headers.get_header("WARC-Record-ID") or "").strip().strip("<>"),
            crawled=headers.get_header("WARC-Date") or "",
        )

    def _html(self, record: Any) -> tuple[str | None, str]:
        """The decoded HTML of a 200 response, or None and what to count it as (nothing for a non-response)."""
        if record.rec_type != "response":
            return None, "revisit records" if record.rec_type == "revisit" else ""
        headers = record.http_headers
        if headers is None:
            return None, "responses that are not HTTP"
        if headers.get_statuscode() != "200":
            return None, "responses other than 200 OK"
        content_type = (headers.get_header("Content-Type") or "").lower()
        if content_type and not content_type.startswith(_HTML_TYPES):
            return None, "responses that are not HTML"
        data = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            return None, f"pages larger than {MAX_ARTICLE_BYTES // 1_000_000} MB"
        if not content_type and not data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            return None, "responses that are not HTML"
        return _html_text(data, content_type), ""

    def _document(self, page: _Page, where: str) -> Document | None:
        origin = f"{self.path} record at byte {page.at}{' ' + where if where else ''}"
        try:
            article = article_from_html(page.html, url=page.uri, origin=origin)
        except InputError:
            self.skipped["pages with no article text"] += 1
            return None
        published = article.published or self._crawl_date(page.crawled, origin)
        doc = make_document(
            page.record_id or _derived_id(page, article.body),
            article.body,
            article.title,
            page.uri,
            host_of(page.uri),
            published,
        )
        if doc.id in self.seen:
            self.warn(f"skipped {origin}: id {doc.id!r} appears earlier in the input; ids must be unique")
            return None
        self.seen.add(doc.id)
        self.kept += 1
        return doc

    def _crawl_date(self, crawled: str, origin: str) -> dt.date | None:
        try:
            return parse_published(crawled)
        except ValueError as err:
            self.warn(
                f"{origin}: WARC-Date {err.args[0].removeprefix('published ')}; kept the page as undated"
            )
            return None

    def _damaged(self, where: str, reason: str) -> None:
        message = f"{self.path} {where}: {reason}"
        if self.strict:
            raise InputError(message, "drop --strict to skip damaged records, or repair the file")
        self.warn(f"skipped {message}")

    def summarize(self) -> None:
        if self.skipped:
            counts = ", ".join(f"{n:,} {what}" for what, n in sorted(self.skipped.items()))
            self.warn(f"{self.path}: read {self.kept:,} pages; passed over {counts}")


def _reason(err: BaseException) -> str:
    from warcio.bufferedreaders import ChunkedDataException
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    if isinstance(err, zlib.error):
        return "its gzip data is corrupt"
    if isinstance(err, EOFError):
        return "the file ends inside it"
    if isinstance(err, ArchiveLoadFailed | StatusAndHeadersParserException):
        return "no WARC record starts here (damaged, or not a WARC file)"
    if isinstance(err, ChunkedDataException):
        return "its chunked HTTP body is malformed"
    return "it is not a well-formed WARC record"


def _next_start(fh: IO[bytes], offset: int, marker: bytes) -> int | None:
    """Where the next record may begin at or after ``offset``: a gzip member's magic, or a ``WARC/1.`` line."""
    skip = 1 if marker.startswith(b"\n") else 0
    fh.seek(offset)
    carry = b""
    base = offset
    while chunk := fh.read(_CHUNK):
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return base + found + skip
        carry = window[-(len(marker) - 1) :]
        base += len(window) - len(carry)
    return None


def _html_text(data: bytes, content_type: str) -> str:
    """The page's own charset (HTTP header, else <meta>), else UTF-8 falling back to cp1252.

    Latin-1 and ASCII labels are read as cp1252, as browsers do: pages so
    labelled are full of cp1252 quotes and dashes.
    """
    declared = content_type.partition("charset=")[2].split(";")[0].strip(" \"'")
    if not declared and (meta := _META_CHARSET.search(data[:4096])):
        declared = meta.group(1).decode("ascii")
    if declared:
        try:
            codec = codecs.lookup(declared).name
            if codec != "utf-8":
                return data.decode("cp1252" if codec in ("iso8859-1", "ascii") else codec, errors="replace")
        except LookupError:  # an unknown label, or a codec that is not a text encoding
            pass
    return decode(data)


def _derived_id(page: _Page, body: str) -> str:
    """A record without a WARC-Record-ID (the standard requires one) still gets an id that reruns repeat."""
    return "sha1:" + hashlib.sha1(f"{page.uri}\n{page.crawled}\n{body}".encode()).hexdigest()[:16]
