"""The analysis on a terminal: a checkable summary, where to look first, then each sentence marked up.

Rendered from the dict of :func:`unspun.claims.serialize.analysis_to_dict`, so
the screen and ``--format json`` cannot disagree. :func:`render_analysis_summary`
is the compact form a trace report shows under its own summary.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

_STATUS = {
    "attributed": ("ATTRIBUTED", "green"),
    "vague": ("VAGUE", "yellow"),
    "unattributed": ("UNATTRIBUTED", "bold red"),
}
_HIGHLIGHT = {
    "speaker": "cyan",
    "verb": "bold cyan",
    "quantity": "yellow",
    "date": "blue",
    "cue": "red underline",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_lines(s: dict[str, Any]) -> list[str]:
    """The summary as sentences a reader can check against the sentences below it."""
    if not s["sentences"]:
        return ["The article has no sentences."]
    lines = [
        f"{_plural(s['sentences'], 'sentence')}: {s['attributed']} attributed ({s['attributed_share']:.0%}), "
        f"{s['vague']} vaguely attributed ({s['vague_share']:.0%}), "
        f"{s['unattributed']} with no attribution ({s['unattributed_share']:.0%}); "
        f"{s['unattributed_claims']} of them state{'s' if s['unattributed_claims'] == 1 else ''} "
        "a number or an event with no source."
    ]
    kinds = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in s["speaker_kinds"].items())
    lines.append(f"Speakers: {kinds}." if kinds else "Speakers: nobody is quoted or cited.")
    dates = _plural(s["dates"], "date")
    if s["date_conflicts"]:
        dates += f" ({s['date_conflicts']} at odds with tense or weekday)"
    cues = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in s["cues"].items()) or "none"
    lines.append(f"Found {_plural(s['quantities'], 'number')}, {dates}; cues: {cues}.")
    return lines


def render_analysis_summary(analysis: dict[str, Any], console: Console) -> None:
    """The summary and the checks to make first: what a trace report shows of the analysis."""
    s = analysis["summary"]
    body: list[Text] = [Text(line) for line in summary_lines(s)]
    if s["checks"]:
        body.append(Text("Look first:", style="bold"))
        for check in s["checks"]:
            line = Text(f"  {check['sentence']:>3}  ", style="dim")
            line.append(check["reason"])
            body.append(line)
    console.print(Panel(Group(*body), title="what the article says", title_align="left", expand=True))


def render_analysis(analysis: dict[str, Any], console: Console) -> None:
    """The whole analysis: header, summary with checks, then every sentence with its findings."""
    art = analysis.get("article")
    if art is not None:
        head = Text(art["title"] or "(untitled)", style="bold")
        head.append(f"   {art['published'] or 'no dateline: relative dates are not resolved'}", style="dim")
        console.print(head)
    render_analysis_summary(analysis, console)
    for sentence in analysis["sentences"]:
        console.print(_sentence(sentence))


def _sentence(s: dict[str, Any]) -> Group:
    label, style = _STATUS[s["status"]]
    line = Text(f"{s['index']:>3} ", style="dim")
    line.append(f"{label:<11}", style=style)
    line.append(" ")
    line.append_text(_marked(s))
    rows = [line]
    pad = " " * 6
    if s["quote_of"] is not None:
        rows.append(Text(f"{pad}continues the quotation attributed in sentence {s['quote_of']}", style="dim"))
    for a in s["attributions"]:
        who = a["speaker"] or "(nobody named)"
        refers = f" = {a['refers_to']}" if a["refers_to"] else ""
        rows.append(
            Text(
                f"{pad}who: {who}{refers} [{a['kind'].replace('_', ' ')}] {a['verb']}, {a['quote']}",
                style="cyan",
            )
        )
    for q in s["quantities"]:
        high = f"-{q['high']}" if q["high"] is not None else ""
        per = f" a {q['per']}" if q["per"] else ""
        unit = f" {q['unit']}" if q["unit"] else ""
        what = f"{q['bound']} {q['value']}{high}{unit}{per}, counts {q['counts']}"
        rows.append(Text(f"{pad}number: “{q['text']}” → {what}", style="yellow"))
    for d in s["dates"]:
        when = d["date"] or "unresolved (no dateline)"
        tense = f", {d['tense']} tense" if d["tense"] else ""
        rows.append(Text(f"{pad}date: “{d['text']}” → {when} ({d['precision']}{tense})", style="blue"))
        if d["conflict"]:
            rows.append(Text(f"{pad}  at odds: {d['conflict']}", style="bold yellow"))
    if s["claims"]:
        what = "; ".join(f"{c['kind']} “{c['text']}”" for c in s["claims"])
        rows.append(Text(f"{pad}no source for: {what}", style="red"))
    for c in s["cues"]:
        rows.append(
            Text(
                f"{pad}{c['kind'].replace('_', ' ')} ({c['voice']}): “{c['text']}”, {c['note']}",
                style="magenta",
            )
        )
    return Group(*rows)


def _marked(s: dict[str, Any]) -> Text:
    """The sentence with speakers, verbs, numbers, dates and cue words highlighted."""
    start = s["span"][0]
    text = Text(s["text"])
    marks: list[tuple[list[int], str]] = []
    for a in s["attributions"]:
        marks += [(a["speaker_span"], _HIGHLIGHT["speaker"]), (a["verb_span"], _HIGHLIGHT["verb"])]
    marks += [(q["span"], _HIGHLIGHT["quantity"]) for q in s["quantities"]]
    marks += [(d["span"], _HIGHLIGHT["date"]) for d in s["dates"]]
    marks += [(c["span"], _HIGHLIGHT["cue"]) for c in s["cues"] if c["kind"] != "topic_jump"]
    for (a, b), style in marks:
        if b > a:
            text.stylize(style, a - start, b - start)
    return text
