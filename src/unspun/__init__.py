"""unspun: where a news article came from, sentence by sentence, and what was changed on the way."""

from __future__ import annotations

__version__ = "0.1.0"

from unspun.api import Index, analyze
from unspun.report.serialize import analysis_to_dict, analysis_to_json, report_to_dict, report_to_json
from unspun.types import Analysis, Article, Document, Relation, Report

__all__ = [
    "Analysis",
    "Article",
    "Document",
    "Index",
    "Relation",
    "Report",
    "__version__",
    "analysis_to_dict",
    "analysis_to_json",
    "analyze",
    "report_to_dict",
    "report_to_json",
]
