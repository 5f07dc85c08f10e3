"""Single-article analysis: who is quoted and how, numbers, dates, and cues, with no corpus needed.

``analyze_article(article)`` is the entry point; ``analysis_to_dict`` and
``analysis_from_dict`` are the ``unspun.analysis/1`` JSON form. The rules and
their word lists (``data/claims.toml``) are described in ``docs/analyze.md``;
the data classes live with the rest of the data model in :mod:`unspun.types`.
"""

from __future__ import annotations

from unspun.claims.analyze import analyze_article, spinner_marks
from unspun.claims.serialize import SCHEMA, analysis_from_dict, analysis_to_dict, analysis_to_json

__all__ = [
    "SCHEMA",
    "analysis_from_dict",
    "analysis_to_dict",
    "analysis_to_json",
    "analyze_article",
    "spinner_marks",
]
