"""From per-document traces to the corpus view: who took what, passages, the outlet graph, farm scores.

``Aggregate.add`` takes the kernel's ``DocTrace`` records one at a time, in the
order the engine gathers them, and keeps only small integer facts: documents
and outlets as numbers, one row of codes per link (its two ends are
``(document, sentence)`` keys, from which passages are found at the end).
Texts are never held (the engine streams them to ``links.jsonl``/``links.parquet``),
so memory grows with the links, not their words. Every result is sorted on explicit keys, so it never depends on the
order work finished in.
"""

from __future__ import annotations

import datetime as dt
import statistics
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from unspun.scan.columns import components, run_starts
from unspun.scan.model import Cluster, ClusterMember, DocTrace, Edge, OutletStats
from unspun.settings import ScanSettings
from unspun.types import CueKind, Spin

_EXAMPLES = 3
_FINGERPRINT_MIN = 2
_RELATIONS = ("copied", "spun", "paraphrased")
_ORDERS = ("before", "same_day", "undated")
_BEFORE = 0
_SENTENCE_BITS = 24
_UNDATED = dt.date.max.toordinal()
_MARKS = (f"{CueKind.LONG_FORM_NAME.value}: ", f"{CueKind.ODD_SYNONYM.value}: ")
"""Spinner cues that are substitutions, so a source sentence shows whether the copy made them.

A respelled name is flagged by comparing two spellings inside one article:
its source sentence may simply lack the word, which would prove nothing.
"""

NodeText = Callable[[set[tuple[str, int]]], dict[tuple[str, int], str]]
"""Looks up the texts of ``(document, sentence)`` pairs (the engine reads them back from links.parquet)."""


def merge_spins(groups: Iterable[Sequence[Spin]], min_count: int = _FINGERPRINT_MIN) -> list[Spin]:
    """Per-document spin tallies summed into one fingerprint, most frequent first."""
    tally = _SpinTally()
    for spins in groups:
        tally.add(spins)
    return tally.result(min_count)


def farm_score(
    derived_share: float,
    spin_rate: float,
    stitched: float,
    cue_rate: float,
    sentences: int,
    scan: ScanSettings,
) -> float:
    """derived share x (weighted evidence of spinning, stitching and spinner cues) x size confidence.

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
    return round(derived_share * evidence * confidence, 4)


class _SpinTally:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.examples: defaultdict[tuple[str, str, str], list[str]] = defaultdict(list)

    def add(self, spins: Iterable[Spin]) -> None:
        for spin in spins:
            key = (spin.kind, spin.before, spin.after)
            self.counts[key] += spin.count
            seen = self.examples[key]
            seen.extend(e for e in spin.examples[: _EXAMPLES - len(seen)])

    def result(self, min_count: int = _FINGERPRINT_MIN) -> list[Spin]:
        ranked = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            Spin(k, b, a, n, tuple(self.examples[(k, b, a)])) for (k, b, a), n in ranked if n >= min_count
        ]


@dataclass
class _Outlet:
    """An outlet's running totals while traces stream in."""

    documents: int = 0
    sentences: int = 0
    cues: int = 0
    cue_examples: set[str] = field(default_factory=set)
    spins: _SpinTally = field(default_factory=_SpinTally)
    taken: int = 0
    spun: int = 0
    shown: int = 0
    unsourced_marked: int = 0
    taking_docs: int = 0
    stitched_sum: int = 0
    lags: Counter[int] = field(default_factory=Counter)
    sources: Counter[int] = field(default_factory=Counter)

    def add_cues(self, cues: Iterable[str]) -> None:
        """Counted all; only the first few distinct kept, as the evidence shows no more."""
        for cue in cues:
            self.cues += 1
            if len(self.cue_examples) < _EXAMPLES or cue < max(self.cue_examples):
                self.cue_examples.add(cue)
                if len(self.cue_examples) > _EXAMPLES:
                    self.cue_examples.remove(max(self.cue_examples))


class Aggregate:
    """The corpus view built one ``DocTrace`` at a time.

    Documents are numbered as first seen (as a link's source or as a traced
    document); a link is one row of the integer columns below; passages are the
    connected ``document << 24 | sentence`` keys of those rows, found once at the end.
    """

    def __init__(self, scan: ScanSettings) -> None:
        self.scan = scan
        self.doc_ids: list[str] = []
        self.doc_number: dict[str, int] = {}
        self.doc_outlet = array("l")
        self.doc_date = array("l")
        self.outlet_names: list[str] = []
        self.outlet_number: dict[str, int] = {}
        self.outlets: dict[int, _Outlet] = {}
        self.traced = array("l")
        self.src, self.src_sentence = array("q"), array("l")
        self.dst, self.dst_sentence = array("q"), array("l")
        self.codes = array("b")
        """relation code | order code << 2 | introduces a spinner mark << 4."""
        self.marks: dict[int, tuple[int, ...]] = {}
        """Per traced document with spinner cues: the linked sentence holding each cue, or -1."""
        self.documents = 0
        self.sentences = 0

    # ---- pass 1: streaming ---------------------------------------------------------------

    def _doc(self, doc_id: str, outlet: str, published: dt.date | None) -> int:
        number = self.doc_number.get(doc_id)
        if number is None:
            number = self.doc_number[doc_id] = len(self.doc_ids)
            self.doc_ids.append(doc_id)
            self.doc_outlet.append(self._outlet(outlet))
            self.doc_date.append(published.toordinal() if published else _UNDATED)
        return number

    def _outlet(self, name: str) -> int:
        number = self.outlet_number.get(name)
        if number is None:
            number = self.outlet_number[name] = len(self.outlet_names)
            self.outlet_names.append(name)
        return number

    def add(self, trace: DocTrace) -> None:
        """One document's kernel output: its totals, its links as codes, its sentences joined to their sources."""
        d = self._doc(trace.doc_id, trace.outlet, trace.published)
        self.traced.append(d)
        self.documents += 1
        self.sentences += trace.sentences
        acc = self.outlets.setdefault(self.doc_outlet[d], _Outlet())
        acc.documents += 1
        acc.sentences += trace.sentences
        acc.add_cues(trace.spinner_cues)
        acc.spins.add(trace.spins)
        marks = Counter(c.partition(": ")[2] for c in trace.spinner_cues if c.startswith(_MARKS))
        holding: defaultdict[str, list[int]] = defaultdict(list)
        for x in trace.links:
            s = self._doc(x.source_doc, x.source_outlet, x.source_published)
            source_text = x.source_text.casefold()
            introduced = False
            for mark in marks:
                if mark in x.target_text:
                    if x.target_sentence not in holding[mark]:
                        holding[mark].append(x.target_sentence)
                    introduced = introduced or mark.casefold() not in source_text
            self.src.append(s)
            self.src_sentence.append(x.source_sentence)
            self.dst.append(d)
            self.dst_sentence.append(x.target_sentence)
            self.codes.append(_RELATIONS.index(x.relation) | _ORDERS.index(x.order) << 2 | introduced << 4)
        if marks:
            # n cues of one wording: one in each linked sentence holding it, the rest in unlinked ones
            self.marks[d] = tuple(
                p for mark, n in sorted(marks.items()) for p in (holding[mark] + [-1] * n)[:n]
            )

    # ---- pass 2: who took what ---------------------------------------------------------------

    def counted(self) -> list[int]:
        """The links that say a sentence was taken: for each taken sentence, its likeliest origin, once.

        Sources come in the pipeline's order (strongest evidence, then
        earliest). A source dated before the taker counts. Without a date
        order (same day, or a date missing) the direction is read from the
        pair of documents: if only one of them found the other, as traced; if
        each found the other, the one whose shared sentences carry spinner marks
        its partner's do not is the copy (spinning is one-way: nobody turns
        "Russian Federation" back into "Russia"); failing that, a dated
        document counts as earlier than an undated one (which cannot prove it
        came first). Two of the same day, or both undated, with no marks to
        tell them apart, are passed over for the sentence's next source; when
        none is left the sentence counts as taken by nobody. Every link stays
        in links.jsonl, flagged by ``order``.
        """
        marked: dict[int, list[int]] = {}
        for i, code in enumerate(self.codes):
            if code >> 2 & 3 != _BEFORE:
                tally = marked.setdefault(self.src[i] << 32 | self.dst[i], [0, 0])
                tally[0] += 1
                tally[1] += code >> 4

        def usable(i: int) -> bool:
            if self.codes[i] >> 2 & 3 == _BEFORE:
                return True
            s, d = self.src[i], self.dst[i]
            back = marked.get(d << 32 | s)
            if back is None:
                return True
            ours = marked[s << 32 | d][1]
            if ours != back[1]:
                return ours > back[1]
            return self.doc_date[s] != _UNDATED and self.doc_date[d] == _UNDATED

        chosen: list[int] = []
        last = (-1, -1)
        for i in range(len(self.codes)):
            key = (self.dst[i], self.dst_sentence[i])
            if key == last:
                continue
            if usable(i):
                chosen.append(i)
                last = key
        return chosen

    def result(self, texts: NodeText) -> tuple[Iterator[Cluster], list[Edge], list[OutletStats], int]:
        """Passages, the outlet graph, every outlet's figures (best farm score first), and the taken count."""
        chosen = self.counted()
        edges = self._graph(chosen)
        stats = self._outlet_stats(chosen)
        return self._clusters(texts), edges, stats, len(chosen)

    def _graph(self, chosen: list[int]) -> list[Edge]:
        """Outlet to outlet, weighted by sentences taken: each taken sentence counts once, for its likely origin."""
        counts = Counter((self.doc_outlet[self.src[i]], self.doc_outlet[self.dst[i]]) for i in chosen)
        names = self.outlet_names
        ranked = sorted(((names[s], names[t]), n) for (s, t), n in counts.items())
        ranked.sort(key=lambda kv: -kv[1])
        return [Edge(s, t, n) for (s, t), n in ranked]

    def _outlet_stats(self, chosen: list[int]) -> list[OutletStats]:
        by_doc: defaultdict[int, list[int]] = defaultdict(list)
        for i in chosen:
            by_doc[self.dst[i]].append(i)
        for d, links in by_doc.items():
            acc = self.outlets[self.doc_outlet[d]]
            acc.taken += len(links)
            acc.taking_docs += 1
            acc.stitched_sum += len({self.src[i] for i in links})
            for i in links:
                code, s = self.codes[i], self.src[i]
                acc.spun += code & 3 != 0
                acc.shown += code >> 4
                acc.sources[self.doc_outlet[s]] += 1
                if code >> 2 & 3 != 2:
                    acc.lags[self.doc_date[d] - self.doc_date[s]] += 1
        for d, places in self.marks.items():
            taken = {self.dst_sentence[i] for i in by_doc.get(d, ())}
            outside = {p for p in places if p >= 0 and p not in taken}
            self.outlets[self.doc_outlet[d]].unsourced_marked += len(outside) + places.count(-1)
        rows = [self._outlet_row(self.outlet_names[o], acc) for o, acc in self.outlets.items()]
        return sorted(rows, key=lambda r: (-r.farm_score, -r.taken_share, r.outlet))

    def _outlet_row(self, outlet: str, acc: _Outlet) -> OutletStats:
        """One outlet's figures, with the evidence behind its score in words.

        Once an outlet is seen adding a spinner's marks to sentences it took
        (``shown``), its other sentences carrying such marks are counted as
        derived too: their sources are outside the corpus, but the same spinner
        made them. An outlet never seen doing it gets no such credit, so a
        house style ("Republic of ...") alone does not make a farm.
        """
        sentences, taken = acc.sentences, acc.taken
        extra = min(acc.unsourced_marked, sentences - taken) if acc.shown else 0
        taken_share = taken / sentences if sentences else 0.0
        derived_share = (taken + extra) / sentences if sentences else 0.0
        spin_rate = acc.spun / taken if taken else 0.0
        stitched = acc.stitched_sum / acc.taking_docs if acc.taking_docs else 0.0
        cue_rate = acc.cues / sentences if sentences else 0.0
        spins = acc.spins.result()
        score = farm_score(derived_share, spin_rate, stitched, cue_rate, sentences, self.scan)
        evidence = []
        if taken:
            ranked = sorted(
                ((self.outlet_names[o], n) for o, n in acc.sources.items()), key=lambda kv: (-kv[1], kv[0])
            )
            top = ", ".join(f"{o} ({n})" for o, n in ranked[:3])
            evidence.append(f"{taken} of {sentences} sentences taken from {len(acc.sources)} outlets: {top}")
            evidence.append(f"{acc.spun} of {taken} taken sentences spun or rewritten rather than copied")
            evidence.append(
                f"{stitched:.1f} source documents stitched per taking article ({acc.taking_docs} of {acc.documents})"
            )
        if acc.shown:
            evidence.append(f"{acc.shown} taken sentences gained spinner marks their sources lack")
        if extra:
            evidence.append(f"{extra} more sentences carry spinner marks, with no source in the corpus")
        if acc.cues:
            evidence.append(f"{acc.cues} spinner cues: " + "; ".join(sorted(acc.cue_examples)))
        if spins:
            evidence.append(
                "recurring swaps: " + ", ".join(f"{s.before} -> {s.after} x{s.count}" for s in spins[:3])
            )
        return OutletStats(
            outlet=outlet,
            documents=acc.documents,
            sentences=sentences,
            taken=taken,
            taken_share=round(taken_share, 4),
            derived_share=round(derived_share, 4),
            spin_rate=round(spin_rate, 4),
            stitched=round(stitched, 3),
            lag_days=_median(acc.lags),
            spinner_cues=acc.cues,
            shown_marks=acc.shown,
            cue_rate=round(cue_rate, 4),
            sources=len(acc.sources),
            farm_score=score,
            spins=tuple(spins),
            evidence=tuple(evidence),
        )

    # ---- passages ---------------------------------------------------------------

    def _clusters(self, texts: NodeText) -> Iterator[Cluster]:
        """Sentences joined by any link form one passage; its members are listed earliest appearance first.

        Passages come out one at a time, earliest first, from flat columns
        sorted once: building every passage before writing any took about a
        kilobyte per linked sentence (millions of them in a corpus of a million
        documents).
        """
        ends = np.concatenate(
            [
                np.array(documents, dtype=np.int64) << _SENTENCE_BITS | np.array(sentences, dtype=np.int64)
                for documents, sentences in ((self.src, self.src_sentence), (self.dst, self.dst_sentence))
            ]
        )
        nodes, inverse = np.unique(ends, return_inverse=True)
        roots = components(len(nodes), inverse[: len(self.src)], inverse[len(self.src) :])
        docs = nodes >> _SENTENCE_BITS
        sentence = nodes & ((1 << _SENTENCE_BITS) - 1)
        date = np.array(self.doc_date, dtype=np.int64)[docs]
        by_id = np.empty(len(self.doc_ids), dtype=np.int64)
        by_id[sorted(range(len(self.doc_ids)), key=self.doc_ids.__getitem__)] = np.arange(len(self.doc_ids))
        rank = by_id[docs]
        # earliest first, undated last, then by document id and sentence
        order = np.lexsort((sentence, rank, date, roots))
        nodes, docs, sentence, rank, date = (
            nodes[order],
            docs[order],
            sentence[order],
            rank[order],
            date[order],
        )
        starts = run_starts(roots[order])
        stops = np.append(starts[1:], len(nodes))
        # passages by their earliest member; each passage's rows run from its start to its stop
        firsts = starts[np.lexsort((sentence[starts], rank[starts], date[starts]))]
        first = texts({(self.doc_ids[int(docs[i])], int(sentence[i])) for i in firsts})
        outlet = np.array(self.doc_outlet, dtype=np.int64)[docs]
        for number, (i, j) in enumerate(
            zip(firsts.tolist(), stops[np.searchsorted(starts, firsts)].tolist(), strict=True), 1
        ):
            members = tuple(self._member(node) for node in nodes[i:j].tolist())
            text = first.get((members[0].doc, members[0].sentence), "")
            yield Cluster(f"c{number:06d}", members, text, len(set(outlet[i:j].tolist())))

    def _member(self, node: int) -> ClusterMember:
        d = node >> _SENTENCE_BITS
        date = self.doc_date[d]
        published = None if date == _UNDATED else dt.date.fromordinal(date)
        return ClusterMember(
            self.doc_ids[d],
            node & ((1 << _SENTENCE_BITS) - 1),
            self.outlet_names[self.doc_outlet[d]],
            published,
        )


def _median(counts: Counter[int]) -> float | None:
    if not counts:
        return None
    values = sorted(counts.elements())
    return float(statistics.median(values))
