"""The Python API; the CLI and the web are thin shells over it.

index = unspun.Index.build("my-index", ["corpus.jsonl"])
report = index.trace("article.txt")          # a path, an Article, or text
print(unspun.report_to_json(report))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

from unspun.claims import analyze_article
from unspun.index.store import AddResult, IndexStats, IndexStore
from unspun.ingest.article import parse_article_text, read_article
from unspun.ingest.corpus import Warn, ignore, read_documents
from unspun.pipeline import learn_spins, trace_article
from unspun.settings import Settings, default_settings
from unspun.types import Analysis, Article, Document, Progress, Report, Spin


def _parsed(article: str | Path | Article) -> Article:
    """An Article as given, a file path (or URL), or, for a string with a line break, the article text itself."""
    if isinstance(article, Article):
        return article
    if isinstance(article, str) and "\n" in article:
        return parse_article_text(article, "<text>")
    return read_article(str(article))


def analyze(article: str | Path | Article) -> Analysis:
    """What one article says, with no index: who is quoted and how, numbers, dates, and cues."""
    return analyze_article(_parsed(article))


class Index:
    """A reference index on disk: build it once, add to it any time, trace against it."""

    def __init__(self, path: str | Path, settings: Settings | None = None) -> None:
        self.path = Path(path)
        self.settings = settings or default_settings()
        self._store = IndexStore.open(self.path)

    @classmethod
    def create(cls, path: str | Path, settings: Settings | None = None) -> Index:
        settings = settings or default_settings()
        IndexStore.create(Path(path), settings).close()
        return cls(path, settings)

    @classmethod
    def build(
        cls,
        path: str | Path,
        files: Iterable[str | Path],
        settings: Settings | None = None,
        warn: Warn = ignore,
        progress: Progress | None = None,
        strict: bool = False,
    ) -> Index:
        index = cls.create(path, settings)
        index.add_files(files, warn=warn, progress=progress, strict=strict)
        return index

    def add_files(
        self,
        files: Iterable[str | Path],
        warn: Warn = ignore,
        progress: Progress | None = None,
        strict: bool = False,
        workers: int | None = None,
    ) -> AddResult:
        """Add corpora (JSONL, Parquet, WARC) and folders of .txt/.html; documents already present are skipped.

        ``workers`` analysis processes (default: one per core, at most 2); a
        threaded host such as the web server passes 1 rather than fork.
        """
        docs = read_documents([Path(f) for f in files], warn=warn, strict=strict)
        return self._store.add(docs, progress=progress, workers=workers)

    def add_documents(
        self, documents: Iterable[Document], progress: Progress | None = None, workers: int | None = None
    ) -> AddResult:
        return self._store.add(documents, progress=progress, workers=workers)

    def stats(self) -> IndexStats:
        return self._store.stats()

    def describe(self) -> dict[str, Any]:
        """The index in plain data, as ``unspun index stats --format json`` and ``GET /api/stats`` give it."""
        stats = self._store.stats()
        data: dict[str, Any] = asdict(stats)
        data["earliest"] = stats.earliest.isoformat() if stats.earliest else None
        data["latest"] = stats.latest.isoformat() if stats.latest else None
        data["disk_per_text_byte"] = (
            round(stats.disk_bytes / stats.text_bytes, 2) if stats.text_bytes else None
        )
        data["top_outlets"] = [
            {"outlet": o or "(none)", "documents": n} for o, n in self._store.outlets()[:10]
        ]
        return data

    def trace(self, article: str | Path | Article, analyze: bool = True) -> Report:
        """Trace an Article, a file path (or URL), or, for a string with a line break, the article text itself.

        With ``analyze`` the report carries the single-article analysis too (``Report.analysis``).
        """
        return trace_article(_parsed(article), self._store, self.settings, analyze)

    def spins(
        self, outlet: str, min_count: int = 2, progress: Callable[[int], None] | None = None
    ) -> list[Spin]:
        """Learn an outlet's spin fingerprint from the index, store it, and return it.

        Later traces of articles from that outlet carry the fingerprint.
        """
        learnt = learn_spins(self._store, self.settings, outlet, min_count, progress)
        self._store.save_spins(outlet, learnt)
        return learnt

    def outlets(self) -> list[tuple[str, int]]:
        return self._store.outlets()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()
