"""The terminal report: the article as it reads, each sentence marked with where it came from.

Rendered from the report dict (the one serializer), so what a user reads on
screen and what a script reads from ``--format json`` cannot disagree.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from unspun.claims.terminal import render_analysis as render_analysis
from unspun.claims.terminal import render_analysis_summary
from unspun.report.summary import summary_line

_STYLE = {
    "copied": "bold red",
    "spun": "bold magenta",
    "paraphrased": "bold yellow",
    "unsourced": "bold green",
}
_LABEL = {"copied": "COPIED", "spun": "SPUN", "paraphrased": "PARAPHRASED", "unsourced": "NO SOURCE"}


def render_spins(outlet: str, spins: list[dict[str, Any]], console: Console) -> None:
    """An outlet's fingerprint as a table: the swap, how often, and one sentence that shows it."""
    from rich.table import Table

    table = Table(title=f"Spin fingerprint: {outlet}", title_justify="left")
    table.add_column("count", justify="right")
    table.add_column("source word → article word")
    table.add_column("kind", style="dim")
    table.add_column("example", overflow="fold")
    for spin in spins:
        example = spin["examples"][0] if spin["examples"] else ""
        table.add_row(str(spin["count"]), f"{spin['from']} → {spin['to']}", spin["kind"], example)
    console.print(table if spins else f"{outlet}: no substitution recurs often enough to call it a habit.")


def render_terminal(report: dict[str, Any], console: Console) -> None:
    art = report["article"]
    head = Text(art["title"] or "(untitled)", style="bold")
    if art["published"]:
        head.append(f"   {art['published']}", style="dim")
    console.print(
        Panel(Group(head, Text(summary_line(report["summary"]))), title="unspun trace", expand=True)
    )
    if report.get("analysis"):
        render_analysis_summary(report["analysis"], console)
    for sentence in report["sentences"]:
        console.print(_sentence(sentence))
    if report["spin_fingerprint"]:
        console.print(
            Text(
                f"Spin fingerprint of {art['outlet']}: the swaps this site makes again and again",
                style="bold",
            )
        )
        for spin in report["spin_fingerprint"][:10]:
            console.print(
                f"  {spin['count']:>4}×  {escape(spin['from'])} → {escape(spin['to'])}  [dim]({spin['kind']})[/]"
            )
    for warning in report["warnings"]:
        console.print(f"[yellow]warning:[/] {escape(warning)}")


def _sentence(sentence: dict[str, Any]) -> Group:
    relation = sentence["relation"] if sentence["sources"] else "unsourced"
    line = Text()
    line.append(f"{sentence['index']:>3} ", style="dim")
    line.append(f"{_LABEL[relation]:<11}", style=_STYLE[relation])
    line.append(" ")
    if sentence["sources"]:
        line.append_text(inline_diff(sentence))
    else:
        line.append(sentence["text"])
    rows: list[Text] = [line]
    if sentence["sources"]:
        origin = sentence["sources"][0]
        where = Text("      from ", style="dim")
        where.append(origin["outlet"] or origin["doc_id"], style="cyan")
        where.append(f"  {origin['published'] or 'undated'}  ", style="dim")
        where.append(origin["url"], style="dim underline")
        rows.append(where)
        rows.append(Text(f"      “{origin['text']}”", style="dim italic"))
        others = sentence["sources"][1:]
        if others:
            names = ", ".join(
                f"{m['outlet'] or m['doc_id']} {m['published'] or 'undated'}" for m in others[:4]
            )
            more = f" and {len(others) - 4} more" if len(others) > 4 else ""
            rows.append(Text(f"      also in: {names}{more}", style="dim"))
        if sentence["stale"]:
            rows.append(
                Text(f"      stale: its source is {sentence['source_age_days']} days older", style="yellow")
            )
        for change in sentence["changes"]:
            if change["kind"] == "time_reference_changed" and change["evidence"]:
                rows.append(Text(f"      {change['kind']}: {change['evidence']}", style="yellow"))
            else:
                rows.append(
                    Text(f"      {change['kind']}: “{change['from']}” → “{change['to']}”", style="blue")
                )
    if sentence["note"]:
        rows.append(Text(f"      {sentence['note']}", style="dim"))
    return Group(*rows)


def inline_diff(sentence: dict[str, Any]) -> Text:
    """The article sentence with the alignment marked: words the article added in green, the
    source's words it dropped or replaced struck through in red, just before the spot."""
    text = sentence["text"]
    compared = next(
        (
            m
            for m in sentence["sources"] + sentence["later_copies"]
            if m["doc_id"] == sentence["changes_against"]
        ),
        None,
    )
    if compared is None or not sentence["edits"]:
        return Text(text)
    out = Text()
    cursor = 0
    for edit in sentence["edits"]:
        start, end = edit["article_span"]
        out.append(text[cursor:start])
        cursor = max(cursor, start)
        if edit["op"] in {"delete", "replace"}:
            s0, s1 = edit["source_span"]
            out.append(f"[{compared['text'][s0:s1]}]", style="strike red")
            out.append(" ")
        style = "" if edit["op"] == "equal" else "bold green"
        out.append(text[start:end], style=style)
        cursor = max(cursor, end)
    out.append(text[cursor:])
    return out
