"""What ``analyze`` finds in one article, as frozen data.

The classes live in :mod:`unspun.types` with the rest of the data model, so a
trace ``Report`` can carry an ``Analysis``; this module names them for the
claims package. Every span is a ``(start, end)`` offset into ``Article.text``.
"""

from __future__ import annotations

from unspun.types import (
    Analysis,
    AnalysisSummary,
    Attribution,
    Bound,
    Check,
    Claim,
    Cue,
    CueKind,
    DateRef,
    Quantity,
    QuoteKind,
    SentenceAnalysis,
    SpeakerKind,
    Status,
    Voice,
)

__all__ = [
    "Analysis",
    "AnalysisSummary",
    "Attribution",
    "Bound",
    "Check",
    "Claim",
    "Cue",
    "CueKind",
    "DateRef",
    "Quantity",
    "QuoteKind",
    "SentenceAnalysis",
    "SpeakerKind",
    "Status",
    "Voice",
]
