"""The data model of a corpus scan: links, clusters, per-outlet statistics and the settings.

Kept apart from ``unspun.types`` until the scan's shape settles; every record is
frozen and made of plain values so a Spark engine can ship it between workers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unspun.types import Spin


@dataclass(frozen=True, slots=True)
class Link:
    """One sentence of a later document (target) found in an earlier document (source).

    ``order`` says how sure the direction is: ``before`` (the source is dated
    earlier), ``same_day`` or ``undated`` (either date missing): the last two are
    kept but flagged, since the pipeline cannot rule either side out as origin.
    ``origin`` marks the likely origin of the target sentence (one per taken
    sentence); the outlet graph and the per-outlet figures count only those.
    ``changes`` are the kinds of change found against ``compared_with``.
    """

    source_doc: str
    source_sentence: int
    source_outlet: str
    source_published: dt.date | None
    target_doc: str
    target_sentence: int
    target_outlet: str
    target_published: dt.date | None
    relation: str
    score: float
    origin: bool
    order: str
    changes: tuple[str, ...]
    compared_with: str
    source_text: str
    target_text: str


@dataclass(frozen=True, slots=True)
class DocTrace:
    """What the per-document kernel returns: the document's links and the facts the aggregate needs."""

    doc_id: str
    outlet: str
    published: dt.date | None
    sentences: int
    links: tuple[Link, ...]
    spins: tuple[Spin, ...]
    spinner_cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClusterMember:
    doc: str
    sentence: int
    outlet: str
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Sentences joined by reuse links, earliest appearance first (undated members last)."""

    id: str
    members: tuple[ClusterMember, ...]
    text: str
    outlets: int


@dataclass(frozen=True, slots=True)
class OutletStats:
    """One outlet's reuse features, its farm score, and the evidence behind the score.

    ``taken_share`` counts the sentences traced to another outlet;
    ``derived_share`` adds those carrying the spinner marks the outlet was seen
    adding to what it took (``shown_marks``), whose sources are outside the corpus.
    """

    outlet: str
    documents: int
    sentences: int
    taken: int
    taken_share: float
    derived_share: float
    spin_rate: float
    stitched: float
    lag_days: float | None
    spinner_cues: int
    shown_marks: int
    cue_rate: float
    sources: int
    farm_score: float
    spins: tuple[Spin, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Edge:
    source_outlet: str
    target_outlet: str
    sentences: int


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """What a scan found, in brief; the files in ``out`` hold the rest."""

    out: str
    index: str
    engine: str
    documents: int
    outlets: int
    sentences: int
    links: int
    taken: int
    clusters: int
    edges: int
    boilerplate: int
    seconds: float
    top: tuple[tuple[str, float], ...]
    settings: dict[str, float]
