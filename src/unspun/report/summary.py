"""The one-sentence summary of a trace, shared by the terminal, the HTML page and the web app."""

from __future__ import annotations

from typing import Any


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def summary_line(s: dict[str, Any]) -> str:
    """One sentence a reader can check: how much came from where, and how much from nowhere."""
    if not s.get("sentences"):
        return "The article has no sentences."
    parts = [
        f"{s['sourced']} of {s['sentences']} sentences traced to {_plural(len(s.get('outlets', [])), 'outlet', 'outlets')}"
        f" across {_plural(s.get('stories', 0), 'story', 'stories')}"
    ]
    if s.get("earliest_source"):
        span = str(s["earliest_source"])
        if s.get("latest_source") and s["latest_source"] != s["earliest_source"]:
            span += f" to {s['latest_source']}"
        parts.append(f"sources dated {span}")
    if s.get("undated_sources"):
        parts.append(_plural(s["undated_sources"], "undated source", "undated sources"))
    parts.append(f"{s.get('unsourced_share', 0.0):.0%} has no source in the index")
    return "; ".join(parts) + "."
