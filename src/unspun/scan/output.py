"""The scan's files: links, clusters, the outlet graph, outlet features (each as JSONL/CSV and Parquet), a JSON summary and an HTML page.

Only stable facts are written (no timings, no temporary paths), in a fixed
order, so two scans of the same corpus with the same settings give identical
files; the Parquet files carry the same rows as their JSONL/CSV twins. The HTML
page is self-contained: inline CSS and SVG, every text escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import itertools
import json
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from unspun import __version__
from unspun.errors import InputError
from unspun.scan.model import Cluster, ClusterMember, Edge, Link, OutletStats, ScanSummary

_GRAPH_OUTLETS = 40
_TABLE_OUTLETS = 30


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def link_record(x: Link) -> dict[str, Any]:
    return {
        "source": {
            "doc": x.source_doc,
            "sentence": x.source_sentence,
            "outlet": x.source_outlet,
            "published": _date(x.source_published),
        },
        "target": {
            "doc": x.target_doc,
            "sentence": x.target_sentence,
            "outlet": x.target_outlet,
            "published": _date(x.target_published),
        },
        "relation": x.relation,
        "score": x.score,
        "origin": x.origin,
        "order": x.order,
        "changes": list(x.changes),
        "compared_with": x.compared_with,
        "source_text": x.source_text,
        "target_text": x.target_text,
    }


def _member(m: ClusterMember) -> dict[str, Any]:
    return {"doc": m.doc, "sentence": m.sentence, "outlet": m.outlet, "published": _date(m.published)}


def cluster_record(c: Cluster) -> dict[str, Any]:
    return {
        "id": c.id,
        "size": len(c.members),
        "outlets": c.outlets,
        "earliest": {**_member(c.members[0]), "text": c.text},
        "members": [_member(m) for m in c.members],
    }


def outlet_record(s: OutletStats) -> dict[str, Any]:
    return {
        "outlet": s.outlet,
        "farm_score": s.farm_score,
        "documents": s.documents,
        "sentences": s.sentences,
        "taken": s.taken,
        "taken_share": s.taken_share,
        "derived_share": s.derived_share,
        "spin_rate": s.spin_rate,
        "stitched": s.stitched,
        "lag_days": s.lag_days,
        "spinner_cues": s.spinner_cues,
        "shown_marks": s.shown_marks,
        "cue_rate": s.cue_rate,
        "sources": s.sources,
        "spins": [{"kind": p.kind, "before": p.before, "after": p.after, "count": p.count} for p in s.spins],
        "evidence": list(s.evidence),
    }


_OUTLET_COLUMNS = [
    "rank",
    "outlet",
    "farm_score",
    "documents",
    "sentences",
    "taken",
    "taken_share",
    "derived_share",
    "spin_rate",
    "stitched",
    "lag_days",
    "spinner_cues",
    "shown_marks",
    "cue_rate",
    "sources",
    "spins",
    "evidence",
]


def _pyarrow() -> Any:
    """pyarrow, or a clear error: the Parquet files are part of every scan's output."""
    try:
        import pyarrow as pa
        import pyarrow.parquet  # loads pa.parquet
    except ImportError as err:
        raise InputError(
            "unspun scan writes Parquet files and needs pyarrow, which is not installed",
            "pip install 'unspun[scan]'",
        ) from err
    return pa


_LINK_BATCH = 20_000
_CLUSTER_BATCH = 10_000


def _link_schema(pa: Any) -> Any:
    return pa.schema(
        [
            ("source_doc", pa.string()),
            ("source_sentence", pa.int32()),
            ("source_outlet", pa.string()),
            ("source_published", pa.date32()),
            ("target_doc", pa.string()),
            ("target_sentence", pa.int32()),
            ("target_outlet", pa.string()),
            ("target_published", pa.date32()),
            ("relation", pa.string()),
            ("score", pa.float64()),
            ("origin", pa.bool_()),
            ("order", pa.string()),
            ("changes", pa.list_(pa.string())),
            ("compared_with", pa.string()),
            ("source_text", pa.string()),
            ("target_text", pa.string()),
        ]
    )


class LinkWriter:
    """links.jsonl and links.parquet, written as traces stream in, so no link text stays in memory.

    Both are written under temporary names and renamed when closed cleanly: a
    scan that fails part-way leaves no file that looks complete.
    """

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.pa = _pyarrow()
        self.schema = _link_schema(self.pa)
        self.paths = [out / "links.jsonl", out / "links.parquet"]
        self.partial = [p.with_name(f".{p.name}.partial") for p in self.paths]
        self.jsonl = self.partial[0].open("w", encoding="utf-8")
        self.parquet = self.pa.parquet.ParquetWriter(self.partial[1], self.schema, compression="zstd")
        self.pending: list[Link] = []
        self.count = 0

    def write(self, links: Sequence[Link]) -> None:
        self.jsonl.writelines(json.dumps(link_record(x), ensure_ascii=False) + "\n" for x in links)
        self.pending.extend(links)
        self.count += len(links)
        if len(self.pending) >= _LINK_BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        columns = {name: [getattr(x, name) for x in self.pending] for name in self.schema.names}
        columns["changes"] = [list(c) for c in columns["changes"]]
        self.parquet.write_table(self.pa.table(columns, schema=self.schema))
        self.pending = []

    def __enter__(self) -> LinkWriter:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self._flush()
        self.jsonl.close()
        self.parquet.close()
        for partial, final in zip(self.partial, self.paths, strict=True):
            if kind is None:
                os.replace(partial, final)
            else:
                partial.unlink(missing_ok=True)


def read_texts(path: Path, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The texts of ``(document, sentence)`` pairs, read back from links.parquet a batch at a time."""
    pa = _pyarrow()
    found: dict[tuple[str, int], str] = {}
    columns = ["source_doc", "source_sentence", "source_text", "target_doc", "target_sentence", "target_text"]
    for batch in pa.parquet.ParquetFile(path).iter_batches(batch_size=_LINK_BATCH, columns=columns):
        data = batch.to_pydict()
        for side in ("source", "target"):
            for doc, sentence, text in zip(
                data[f"{side}_doc"], data[f"{side}_sentence"], data[f"{side}_text"], strict=True
            ):
                key = (doc, sentence)
                if key in wanted and key not in found:
                    found[key] = text
        if len(found) == len(wanted):
            break
    return found


def write_clusters(out: Path, clusters: Iterable[Cluster]) -> int:
    """clusters.jsonl and clusters.parquet, a batch of passages at a time (they may be millions); how many."""
    pa = _pyarrow()
    out.mkdir(parents=True, exist_ok=True)
    schema = _clusters_schema(pa)
    count = 0
    stream = iter(clusters)
    with (
        (out / "clusters.jsonl").open("w", encoding="utf-8") as fh,
        pa.parquet.ParquetWriter(out / "clusters.parquet", schema, compression="zstd") as parquet,
    ):
        while batch := list(itertools.islice(stream, _CLUSTER_BATCH)):
            fh.writelines(json.dumps(cluster_record(c), ensure_ascii=False) + "\n" for c in batch)
            parquet.write_table(_clusters_table(pa, batch, schema))
            count += len(batch)
    return count


def write_tables(
    out: Path,
    edges: Sequence[Edge],
    stats: Sequence[OutletStats],
    summary: ScanSummary,
    settings_digest: str,
) -> None:
    """Everything but the links and passages: the graph, the outlets, each as CSV and Parquet; the summary."""
    pa = _pyarrow()
    out.mkdir(parents=True, exist_ok=True)
    with (out / "graph.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source_outlet", "target_outlet", "sentences"])
        writer.writerows((e.source_outlet, e.target_outlet, e.sentences) for e in edges)
    graph = {
        "source_outlet": [e.source_outlet for e in edges],
        "target_outlet": [e.target_outlet for e in edges],
        "sentences": [e.sentences for e in edges],
    }
    graph_schema = pa.schema(
        [("source_outlet", pa.string()), ("target_outlet", pa.string()), ("sentences", pa.int64())]
    )
    _write_parquet(pa, out / "graph.parquet", pa.table(graph, schema=graph_schema))
    with (out / "outlets.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_OUTLET_COLUMNS)
        for rank, s in enumerate(stats, 1):
            writer.writerow(_outlet_csv_row(rank, s))
    _write_parquet(pa, out / "outlets.parquet", _outlets_table(pa, stats))
    data = summary_record(summary, stats, settings_digest)
    (out / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "summary.html").write_text(summary_html(data, edges), encoding="utf-8")


def _write_parquet(pa: Any, path: Path, table: Any) -> None:
    pa.parquet.write_table(table, path, compression="zstd")


def _outlet_csv_row(rank: int, s: OutletStats) -> list[object]:
    row = outlet_record(s)
    row["rank"] = rank
    row["lag_days"] = "" if s.lag_days is None else s.lag_days
    row["spins"] = "; ".join(f"{p.before} -> {p.after} x{p.count}" for p in s.spins[:5])
    row["evidence"] = " | ".join(s.evidence)
    return [row[c] for c in _OUTLET_COLUMNS]


def _clusters_schema(pa: Any) -> Any:
    member = pa.struct(
        [("doc", pa.string()), ("sentence", pa.int32()), ("outlet", pa.string()), ("published", pa.date32())]
    )
    return pa.schema(
        [
            ("id", pa.string()),
            ("size", pa.int32()),
            ("outlets", pa.int32()),
            ("text", pa.string()),
            ("members", pa.list_(member)),
        ]
    )


def _clusters_table(pa: Any, clusters: Sequence[Cluster], schema: Any) -> Any:
    return pa.table(
        {
            "id": [c.id for c in clusters],
            "size": [len(c.members) for c in clusters],
            "outlets": [c.outlets for c in clusters],
            "text": [c.text for c in clusters],
            "members": [
                [
                    {"doc": m.doc, "sentence": m.sentence, "outlet": m.outlet, "published": m.published}
                    for m in c.members
                ]
                for c in clusters
            ],
        },
        schema=schema,
    )


def _outlets_table(pa: Any, stats: Sequence[OutletStats]) -> Any:
    spin = pa.struct(
        [("kind", pa.string()), ("before", pa.string()), ("after", pa.string()), ("count", pa.int64())]
    )
    types = {
        "rank": pa.int32(),
        "outlet": pa.string(),
        "farm_score": pa.float64(),
        "documents": pa.int64(),
        "sentences": pa.int64(),
        "taken": pa.int64(),
        "taken_share": pa.float64(),
        "derived_share": pa.float64(),
        "spin_rate": pa.float64(),
        "stitched": pa.float64(),
        "lag_days": pa.float64(),
        "spinner_cues": pa.int64(),
        "shown_marks": pa.int64(),
        "cue_rate": pa.float64(),
        "sources": pa.int64(),
        "spins": pa.list_(spin),
        "evidence": pa.list_(pa.string()),
    }
    rows = [{"rank": rank, **outlet_record(s)} for rank, s in enumerate(stats, 1)]
    schema = pa.schema([(c, types[c]) for c in _OUTLET_COLUMNS])
    return pa.table({c: [r[c] for r in rows] for c in _OUTLET_COLUMNS}, schema=schema)


def summary_record(
    summary: ScanSummary, stats: Sequence[OutletStats], settings_digest: str
) -> dict[str, Any]:
    """The summary as written: counts, settings, and the top of the farm ranking with its evidence."""
    return {
        "version": __version__,
        "engine": summary.engine,
        "settings_digest": settings_digest,
        "scan_settings": summary.settings,
        "documents": summary.documents,
        "outlets": summary.outlets,
        "sentences": summary.sentences,
        "links": summary.links,
        "taken_sentences": summary.taken,
        "clusters": summary.clusters,
        "edges": summary.edges,
        "boilerplate_sentences": summary.boilerplate,
        "farm_ranking": [{"rank": i, **outlet_record(s)} for i, s in enumerate(stats[:_TABLE_OUTLETS], 1)],
    }


def _svg(edges: Sequence[Edge]) -> str:
    """The busiest outlets on a circle; an arrow per edge from the earlier outlet to the later one."""
    weight: dict[str, int] = {}
    for e in edges:
        weight[e.source_outlet] = weight.get(e.source_outlet, 0) + e.sentences
        weight[e.target_outlet] = weight.get(e.target_outlet, 0) + e.sentences
    nodes = sorted(weight, key=lambda o: (-weight[o], o))[:_GRAPH_OUTLETS]
    if not nodes:
        return "<p>No outlet takes sentences from another.</p>"
    size, radius = 760, 260
    where = {
        o: (
            size / 2 + radius * math.cos(2 * math.pi * i / len(nodes)),
            size / 2 + radius * math.sin(2 * math.pi * i / len(nodes)),
        )
        for i, o in enumerate(sorted(nodes))
    }
    top = max(e.sentences for e in edges)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img" aria-label="outlet graph">',
        '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#b33"/></marker></defs>',
    ]
    for e in edges:
        if e.source_outlet not in where or e.target_outlet not in where:
            continue
        (x1, y1), (x2, y2) = where[e.source_outlet], where[e.target_outlet]
        width = 0.5 + 4 * e.sentences / top
        title = html.escape(f"{e.source_outlet} -> {e.target_outlet}: {e.sentences} sentences")
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#b33" stroke-opacity="0.5" '
            f'stroke-width="{width:.2f}" marker-end="url(#a)"><title>{title}</title></line>'
        )
    for o, (x, y) in where.items():
        anchor = "start" if x >= size / 2 else "end"
        dx = 8 if x >= size / 2 else -8
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#234"/>')
        parts.append(
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" font-size="11" text-anchor="{anchor}">{html.escape(o)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def summary_html(data: dict[str, Any], edges: Sequence[Edge]) -> str:
    """One self-contained page: the counts, the farm ranking with its evidence, and the outlet graph."""
    esc = html.escape
    counts = "".join(
        f"<li>{esc(k.replace('_', ' '))}: {esc(str(data[k]))}</li>"
        for k in (
            "documents",
            "outlets",
            "sentences",
            "links",
            "taken_sentences",
            "clusters",
            "edges",
            "boilerplate_sentences",
        )
    )
    rows = "".join(
        "<tr>"
        f"<td>{r['rank']}</td><td>{esc(r['outlet'])}</td><td>{r['farm_score']:.3f}</td>"
        f"<td>{r['taken_share']:.2f}</td><td>{r['spin_rate']:.2f}</td><td>{r['stitched']:.1f}</td>"
        f"<td>{esc('' if r['lag_days'] is None else str(r['lag_days']))}</td><td>{r['spinner_cues']}</td>"
        f"<td><ul>{''.join(f'<li>{esc(e)}</li>' for e in r['evidence'])}</ul></td>"
        "</tr>"
        for r in data["farm_ranking"]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>unspun scan</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}}
table{{border-collapse:collapse;font-size:13px}}td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}
ul{{margin:0;padding-left:1.2em}}
</style></head><body>
<h1>unspun scan</h1>
<p>unspun {esc(data["version"])}, engine {esc(data["engine"])}, settings {esc(data["settings_digest"])}</p>
<ul>{counts}</ul>
<h2>Farm ranking</h2>
<table><tr><th>#</th><th>outlet</th><th>farm score</th><th>taken share</th><th>spin rate</th>
<th>sources per article</th><th>lag (days)</th><th>spinner cues</th><th>evidence</th></tr>
{rows}</table>
<h2>Who takes from whom</h2>
<p>Arrows point from the earlier outlet to the later one; width is the number of sentences taken.</p>
{_svg(edges)}
</body></html>
"""
