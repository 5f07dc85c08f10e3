"""Corpus scan: every reuse link between documents, passages, the outlet graph and farm scores.

The kernels (``links.document_links`` per document, ``aggregate`` over the
links) are pure functions of their inputs; ``engine`` maps them locally.
"""

from __future__ import annotations

from unspun.scan.engine import scan_corpus
from unspun.scan.model import Cluster, Link, OutletStats, ScanSummary
from unspun.settings import ScanSettings

__all__ = ["Cluster", "Link", "OutletStats", "ScanSettings", "ScanSummary", "scan_corpus"]
