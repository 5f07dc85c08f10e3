"""Parquet corpora: the columns of a JSONL record (id, url, outlet, published, title, text, lang).

A Parquet export of a crawl can run to many gigabytes, so rows are read a batch
at a time, one row group after another, and never the whole file at once. Each
row goes through the same checks as a JSONL line; a bad row is reported with
its file and row number. A row group that cannot be decoded costs its own rows
only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from unspun.errors import InputError
from unspun.ingest.article import decode
from unspun.ingest.corpus import Warn, ignore, record_to_document
from unspun.types import Document

COLUMNS = ("id", "url", "outlet", "published", "title", "text", "lang")
REQUIRED = ("text",)
BATCH_ROWS = 1024
_READ_BUFFER = 1 << 20


def read_parquet(
    path: Path, warn: Warn = ignore, strict: bool = False, seen: set[str] | None = None
) -> Iterator[Document]:
    """The documents of a Parquet file, in order; warnings number the rows from 1.

    Only the known columns are read (others, such as a raw HTML column, are
    never loaded). ``published`` may be a string, a date or a timestamp column.
    """
    pq, arrow_error = _pyarrow()
    seen = set() if seen is None else seen
    if path.stat().st_size == 0:
        warn(f"skipped {path}: the file is empty")
        return
    try:
        table = pq.ParquetFile(path, pre_buffer=False, buffer_size=_READ_BUFFER)
    except (arrow_error, OSError) as err:
        raise InputError(
            f"cannot read {path} as Parquet: {err}", "check that the file is a complete Parquet file"
        ) from err
    names = list(table.schema_arrow.names)
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError(
            f"{path} has no {', '.join(repr(c) for c in missing)} column (its columns: {', '.join(names) or 'none'})",
            f"a Parquet corpus needs a 'text' column; unspun also reads {', '.join(c for c in COLUMNS if c != 'text')}",
        )
    columns = [c for c in COLUMNS if c in names]
    row = 0
    for group in range(table.num_row_groups):
        last = row + table.metadata.row_group(group).num_rows
        try:
            for batch in table.iter_batches(batch_size=BATCH_ROWS, row_groups=[group], columns=columns):
                for values in batch.to_pylist():
                    row += 1
                    doc = _document(values, f"{path} row {row}", warn, strict)
                    if doc is None:
                        continue
                    if doc.id in seen:
                        warn(
                            f"skipped {path} row {row}: id {doc.id!r} appears earlier in the input; ids must be unique"
                        )
                        continue
                    seen.add(doc.id)
                    yield doc
        except (arrow_error, OSError, OverflowError) as err:
            message = f"{path} rows {row + 1}-{last} (row group {group + 1}) cannot be decoded: {err}"
            if strict:
                raise InputError(message, "drop --strict to skip them, or export the file again") from err
            warn(f"skipped {message}")
        row = last


def _document(values: dict[str, Any], where: str, warn: Warn, strict: bool) -> Document | None:
    try:
        return record_to_document({k: _plain(v) for k, v in values.items()}, where, warn)
    except (ValueError, InputError) as err:
        if strict:
            raise InputError(f"{where}: {err}", "fix the row, or drop --strict to skip bad rows") from err
        warn(f"skipped {where}: {err}")
        return None


def _plain(value: object) -> object:
    """A Parquet value as the JSON record would hold it: dates as ISO text, binary as decoded text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return decode(value)
    return value


def _pyarrow() -> tuple[Any, type[Exception]]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as err:
        raise InputError(
            "reading Parquet files needs pyarrow, which is not installed", "pip install 'unspun[scan]'"
        ) from err
    return pyarrow.parquet, pyarrow.ArrowException
