"""From per-document links to the corpus view: clusters, the outlet graph, outlet features, farm scores.

Pure functions of the kernel's output, so any engine that gathers the
``DocTrace`` records gets the same figures; everything is sorted on explicit
keys so the output never depends on the order work finished in.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from unspun.scan.model import Cluster, ClusterMember, DocTrace, Edge, Link, OutletStats
from unspun.settings import ScanSettings
from unspun.types import Spin

_EXAMPLES = 3
_FINGERPRINT_MIN = 2


def _when(published: dt.date | None) -> tuple[bool, dt.date]:
    """Earliest first, undated last."""
    return (published is None, published or dt.date.max)


def clusters(links: Iterable[Link]) -> list[Cluster]:
    """Sentences joined by any link form one passage; its members are listed earliest appearance first."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[tuple[str, int], ClusterMember] = {}
    texts: dict[tuple[str, int], str] = {}
    for link in links:
        src, dst = (link.source_doc, link.source_sentence), (link.target_doc, link.target_sentence)
        members[src] = ClusterMember(
            link.source_doc, link.source_sentence, link.source_outlet, link.source_published
        )
        members[dst] = ClusterMember(
            link.target_doc, link.target_sentence, link.target_outlet, link.target_published
        )
        texts[src], texts[dst] = link.source_text, link.target_text
        a, b = find(src), find(dst)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: defaultdict[tuple[str, int], list[ClusterMember]] = defaultdict(list)
    for key, member in members.items():
        groups[find(key)].append(member)
    ordered = sorted(
        (sorted(g, key=lambda m: (*_when(m.published), m.doc, m.sentence)) for g in groups.values()),
        key=lambda g: (*_when(g[0].published), g[0].doc, g[0].sentence),
    )
    return [
        Cluster(f"c{i:06d}", tuple(g), texts[(g[0].doc, g[0].sentence)], len({m.outlet for m in g}))
        for i, g in enumerate(ordered, 1)
    ]


def counted(links: Iterable[Link]) -> list[Link]:
    """The links that say a sentence was taken: for each taken sentence, its likeliest origin, once.

    Two documents that each find the other's sentences with no date order
    between them are a pair whose direction must be decided. As in the trace's
    own ordering, an undated document counts as later than a dated one (it
    cannot prove it came first). Two of the same day, or both undated (sibling
    farms carrying one spun text, a wire and its same-day copy), cannot be
    told apart: such a link is passed over for the sentence's next source, and
    when none is left the sentence counts as taken by nobody. Every link stays
    in links.jsonl, flagged by ``order``.
    """
    links = list(links)
    ambiguous = {(x.source_doc, x.target_doc) for x in links if x.order != "before"}

    def blocked(x: Link) -> bool:
        dated_first = x.source_published is not None and x.target_published is None
        return x.order != "before" and not dated_first and (x.target_doc, x.source_doc) in ambiguous

    chosen: dict[tuple[str, int], Link] = {}
    for x in links:
        key = (x.target_doc, x.target_sentence)
        if key in chosen or blocked(x):
            continue
        chosen[key] = x
    return list(chosen.values())


def graph(links: Iterable[Link]) -> list[Edge]:
    """Outlet to outlet, weighted by sentences taken: each taken sentence counts once, for its likely origin."""
    counts = Counter((x.source_outlet, x.target_outlet) for x in counted(links))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Edge(s, t, n) for (s, t), n in ranked]


def merge_spins(groups: Iterable[Sequence[Spin]], min_count: int = _FINGERPRINT_MIN) -> list[Spin]:
    """Per-document spin tallies summed into one fingerprint, most frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    examples: defaultdict[tuple[str, str, str], list[str]] = defaultdict(list)
    for spins in groups:
        for spin in spins:
            key = (spin.kind, spin.before, spin.after)
            counts[key] += spin.count
            examples[key].extend(e for e in spin.examples if len(examples[key]) < _EXAMPLES)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        Spin(k, b, a, n, tuple(examples[(k, b, a)][:_EXAMPLES])) for (k, b, a), n in ranked if n >= min_count
    ]


def farm_score(
    taken_share: float, spin_rate: float, stitched: float, cue_rate: float, sentences: int, scan: ScanSettings
) -> float:
    """taken_share x (weighted evidence of spinning, stitching and spinner cues) x size confidence.

    Taking sentences is what every syndicating outlet does; a farm takes them
    *and* disguises them (spun rather than copied), stitches several sources
    into one article, and leaves a spinner's traces (long-form names, odd
    synonyms). Each term is scaled to 0..1; an outlet with fewer than
    ``min_sentences`` scanned sentences is scaled down in proportion.
    """
    stitch = min(1.0, max(0.0, (stitched - 1) / max(scan.stitch_full - 1, 1e-9)))
    cues = min(1.0, cue_rate / scan.cue_full) if scan.cue_full else 0.0
    evidence = scan.w_spin * spin_rate + scan.w_stitch * stitch + scan.w_cues * cues
    confidence = min(1.0, sentences / scan.min_sentences) if scan.min_sentences else 1.0
    return round(taken_share * evidence * confidence, 4)


def outlet_stats(traces: Iterable[DocTrace], scan: ScanSettings) -> list[OutletStats]:
    """Every outlet's features and farm score, highest score first."""
    traces = list(traces)
    taken: defaultdict[str, list[Link]] = defaultdict(list)
    for x in counted(x for t in traces for x in t.links):
        taken[x.target_doc].append(x)
    by_outlet: defaultdict[str, list[DocTrace]] = defaultdict(list)
    for t in traces:
        by_outlet[t.outlet].append(t)
    rows = [_outlet(outlet, docs, taken, scan) for outlet, docs in by_outlet.items()]
    return sorted(rows, key=lambda r: (-r.farm_score, -r.taken_share, r.outlet))


def _outlet(
    outlet: str, docs: list[DocTrace], by_doc: dict[str, list[Link]], scan: ScanSettings
) -> OutletStats:
    sentences = sum(d.sentences for d in docs)
    origins = [x for d in docs for x in by_doc.get(d.doc_id, [])]
    taken = len(origins)
    spun = sum(1 for x in origins if x.relation != "copied")
    taking = [d for d in docs if by_doc.get(d.doc_id)]
    stitched = (
        statistics.fmean(len({x.source_doc for x in by_doc[d.doc_id]}) for d in taking) if taking else 0.0
    )
    lags = [
        (x.target_published - x.source_published).days
        for x in origins
        if x.order != "undated" and x.target_published and x.source_published
    ]
    cues = [c for d in docs for c in d.spinner_cues]
    taken_share = taken / sentences if sentences else 0.0
    spin_rate = spun / taken if taken else 0.0
    cue_rate = len(cues) / sentences if sentences else 0.0
    sources = Counter(x.source_outlet for x in origins)
    spins = merge_spins(d.spins for d in docs)
    score = farm_score(taken_share, spin_rate, stitched, cue_rate, sentences, scan)
    evidence = []
    if taken:
        top = ", ".join(f"{o} ({n})" for o, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        evidence.append(f"{taken} of {sentences} sentences taken from {len(sources)} outlets: {top}")
        evidence.append(f"{spun} of {taken} taken sentences spun or rewritten rather than copied")
        evidence.append(
            f"{stitched:.1f} source documents stitched per taking article ({len(taking)} of {len(docs)})"
        )
    if cues:
        shown = "; ".join(sorted(set(cues))[:3])
        evidence.append(f"{len(cues)} spinner cues: {shown}")
    if spins:
        evidence.append(
            "recurring swaps: " + ", ".join(f"{s.before} -> {s.after} x{s.count}" for s in spins[:3])
        )
    return OutletStats(
        outlet=outlet,
        documents=len(docs),
        sentences=sentences,
        taken=taken,
        taken_share=round(taken_share, 4),
        spin_rate=round(spin_rate, 4),
        stitched=round(stitched, 3),
        lag_days=float(statistics.median(lags)) if lags else None,
        spinner_cues=len(cues),
        cue_rate=round(cue_rate, 4),
        sources=len(sources),
        farm_score=score,
        spins=tuple(spins),
        evidence=tuple(evidence),
    )
