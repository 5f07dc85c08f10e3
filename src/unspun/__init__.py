"""unspun: where a news article came from, sentence by sentence, and what was changed on the way."""

from __future__ import annotations

__version__ = "0.1.0"

from unspun.api import Index
from unspun.report.serialize import report_to_dict, report_to_json
from unspun.types import Article, Document, Relation, Report

__all__ = [
    "Article",
    "Document",
    "Index",
    "Relation",
    "Report",
    "__version__",
    "report_to_dict",
    "report_to_json",
]
