"""The HTML report: one self-contained file, and the templates the web app shares.

Why it looks like this:
- It renders the report *dict* (the one serializer's output), like the terminal
  renderer, so the page, the download and ``--format json`` cannot disagree.
- Every piece of article or corpus text goes through Jinja2 autoescaping: an
  article that holds ``<script>`` shows it as text. Links are only written for
  http(s) URLs, so a corpus record cannot smuggle in ``javascript:``.
- The CSS and JS live here as constants and the templates as strings, so the
  report layer needs no package data and the downloaded file needs nothing
  else: no CDN, no remote font, no second request. The web app serves the same
  constants as ``/assets/report.css`` and ``/assets/report.js`` and includes the
  same macros, so its report view is this view.
- The diff is computed here, not in the browser: each sentence's ``edits``
  (against the source named by ``changes_against``) become marked runs of the
  article sentence and of the compared source sentence, and every panel is
  rendered up front. The script only shows and hides panels.
"""

from __future__ import annotations

from typing import Any

import jinja2

from unspun.report.summary import summary_line

RELATION_LABELS = {
    "copied": "Copied",
    "spun": "Spun",
    "paraphrased": "Paraphrased",
    "unsourced": "No source",
}
RELATION_HELP = {
    "copied": "the same words in the same order as a source",
    "spun": "a source's sentence with words swapped, added or dropped",
    "paraphrased": "a rewrite of a source's sentence",
    "unsourced": "nothing in the index carries it",
}

REPORT_CSS = """
.u-report{--u-copied:#fbd5d3;--u-copied-line:#b3261e;--u-spun:#eed9f5;--u-spun-line:#7b1fa2;
--u-para:#fdebc3;--u-para-line:#8a5a00;--u-none:#d7efd9;--u-none-line:#1b6e2a;
--u-ins:#c8f0cf;--u-del:#f9c9c6;--u-rep:#fde7a6;--u-ink:#1b1b1f;--u-dim:#5b5b66;--u-rule:#d6d6de;
color:var(--u-ink);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.u-report *{box-sizing:border-box}
.u-summary{border:1px solid var(--u-rule);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.u-summary h1{font-size:1.25rem;margin:0 0 .25rem;line-height:1.3}
.u-summary .u-meta{color:var(--u-dim);font-size:.9rem;margin:0 0 .5rem}
.u-facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:.5rem 0 0;padding:0}
.u-facts div{margin:0}.u-facts dt{font-size:.8rem;color:var(--u-dim)}.u-facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.u-legend{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:0;margin:.75rem 0 0;font-size:.9rem}
.u-legend li{display:flex;align-items:center;gap:.35rem}
.u-swatch{display:inline-block;width:1rem;height:1rem;border-radius:3px;border-bottom:3px solid}
.u-layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,34rem);gap:1.5rem;align-items:start}
.u-article h2{font-size:1.2rem;line-height:1.4;margin:0 0 .75rem}
.u-article p{margin:0 0 1rem}
.u-s{cursor:pointer;border-radius:3px;padding:.05em .1em;border-bottom:2px solid;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.u-s:focus{outline:3px solid #1a57d6;outline-offset:1px}
.u-s:hover{filter:brightness(.95)}
.u-s[aria-expanded=true]{outline:2px solid var(--u-ink);outline-offset:1px}
.u-copied{background:var(--u-copied);border-color:var(--u-copied-line)}
.u-spun{background:var(--u-spun);border-color:var(--u-spun-line)}
.u-paraphrased{background:var(--u-para);border-color:var(--u-para-line)}
.u-unsourced{background:var(--u-none);border-color:var(--u-none-line);border-bottom-style:dashed}
.u-stale-mark{font-size:.75em;vertical-align:super;color:var(--u-para-line);margin-left:.1em}
.u-panels{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto;border:1px solid var(--u-rule);
border-radius:8px;padding:.75rem 1rem;min-height:12rem;background:#fff}
.u-panel h3{font-size:1rem;margin:0 0 .5rem}
.u-panel h4{font-size:.9rem;margin:1rem 0 .35rem;color:var(--u-dim);text-transform:uppercase;letter-spacing:.03em}
.u-hint{color:var(--u-dim);margin:0}
.u-close{display:none;float:right;font:inherit;border:1px solid var(--u-rule);background:#fff;border-radius:6px;
padding:.1rem .6rem;cursor:pointer}
.u-badge{display:inline-block;font-size:.8rem;font-weight:700;padding:0 .4rem;border-radius:4px;border-bottom:2px solid}
.u-diff{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin:.5rem 0}
.u-diff figure{margin:0;border:1px solid var(--u-rule);border-radius:6px;padding:.5rem}
.u-diff figcaption{font-size:.8rem;color:var(--u-dim);margin:0 0 .25rem;overflow-wrap:anywhere}
.u-diff blockquote{margin:0;overflow-wrap:anywhere}
.u-op-insert{background:var(--u-ins);text-decoration:underline;text-decoration-color:#1b6e2a}
.u-op-delete{background:var(--u-del);text-decoration:line-through}
.u-op-replace{background:var(--u-rep)}
.u-diff-key{font-size:.8rem;color:var(--u-dim);margin:0}
.u-changes,.u-sources{margin:0;padding-left:1.1rem}
.u-changes li,.u-sources li{margin:0 0 .35rem;overflow-wrap:anywhere}
.u-kind{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.u-src-meta{color:var(--u-dim);font-size:.85rem}
.u-claims{border:1px dashed var(--u-rule);border-radius:8px;padding:.75rem 1rem;margin:1.5rem 0 0}
.u-claims h2{font-size:1.05rem;margin:0 0 .25rem}
.u-warnings{color:var(--u-para-line)}
@media (max-width:800px){
.u-layout{grid-template-columns:1fr}
.u-panels{position:fixed;left:0;right:0;bottom:0;top:auto;max-height:65vh;min-height:0;border-radius:12px 12px 0 0;
box-shadow:0 -4px 24px rgba(0,0,0,.25);z-index:10;display:none}
.u-report.u-open .u-panels{display:block}
.u-close{display:inline-block}
.u-diff{grid-template-columns:1fr}
}
"""

REPORT_JS = """
(function () {
  "use strict";
  function init(root) {
    var current = null;
    var area = root.querySelector(".u-panels");
    var hint = root.querySelector(".u-panel-hint");
    function close() {
      if (!current) { return; }
      var panel = root.querySelector("#u-panel-" + current.getAttribute("data-sentence"));
      if (panel) { panel.hidden = true; }
      current.setAttribute("aria-expanded", "false");
      if (hint) { hint.hidden = false; }
      root.classList.remove("u-open");
      var was = current;
      current = null;
      return was;
    }
    function open(el, focusPanel) {
      close();
      var panel = root.querySelector("#u-panel-" + el.getAttribute("data-sentence"));
      if (!panel) { return; }
      if (hint) { hint.hidden = true; }
      panel.hidden = false;
      el.setAttribute("aria-expanded", "true");
      root.classList.add("u-open");
      current = el;
      if (area) { area.scrollTop = 0; }
      if (focusPanel) {
        var heading = panel.querySelector("h3");
        if (heading) { heading.focus(); }
      }
    }
    root.addEventListener("click", function (ev) {
      var target = ev.target;
      if (!(target instanceof Element)) { return; }
      if (target.closest(".u-close")) {
        var was = close();
        if (was) { was.focus(); }
        return;
      }
      var el = target.closest("[data-sentence]");
      if (el && root.contains(el)) { open(el, false); }
    });
    root.addEventListener("keydown", function (ev) {
      var target = ev.target;
      if (!(target instanceof Element)) { return; }
      if (ev.key === "Escape" && current) {
        var was = close();
        if (was) { was.focus(); }
        ev.preventDefault();
        return;
      }
      if ((ev.key === "Enter" || ev.key === " ") && target.hasAttribute("data-sentence")) {
        open(target, true);
        ev.preventDefault();
      }
    });
  }
  function start() {
    var roots = document.querySelectorAll(".u-report");
    for (var i = 0; i < roots.length; i++) { init(roots[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
"""

_MACROS = r"""
{%- macro summary(v) -%}
<section class="u-summary" aria-labelledby="u-title">
  <h1 id="u-title">{{ v.title or "(untitled)" }}</h1>
  <p class="u-meta">
    {%- if v.published %}dated {{ v.published }}{% else %}no dateline{% endif -%}
    {%- if v.outlet %} · {{ v.outlet }}{% endif -%}
    {%- if v.origin %} · read from {{ v.origin }}{% endif -%}
  </p>
  <p class="u-line">{{ v.summary_line }}</p>
  <dl class="u-facts">
    <div><dt>Outlets</dt><dd>{{ v.outlets|join(", ") if v.outlets else "none" }}</dd></div>
    <div><dt>Stories</dt><dd>{{ v.stories }}</dd></div>
    <div><dt>Earliest source</dt><dd>{{ v.earliest or "none dated" }}</dd></div>
    <div><dt>Unsourced</dt><dd>{{ v.unsourced_share }}</dd></div>
    <div><dt>Stale sentences</dt><dd>{{ v.stale }}</dd></div>
  </dl>
  <ul class="u-legend" aria-label="colour key">
    {%- for rel in v.legend %}
    <li><span class="u-swatch u-{{ rel.key }}" aria-hidden="true"></span>{{ rel.label }}: {{ rel.count }}</li>
    {%- endfor %}
  </ul>
  {%- if v.warnings %}
  <ul class="u-warnings">{% for w in v.warnings %}<li>{{ w }}</li>{% endfor %}</ul>
  {%- endif %}
</section>
{%- endmacro %}

{%- macro sentence(s) -%}
<span class="u-s u-{{ s.relation }}" role="button" tabindex="0" data-sentence="{{ s.index }}"
 data-relation="{{ s.relation }}" aria-expanded="false" aria-controls="u-panel-{{ s.index }}"
 aria-label="{{ s.label }}: {{ s.text }}">{{ s.text }}
{%- if s.stale %}<span class="u-stale-mark" title="stale: its source is {{ s.age }} days older">stale</span>{% endif -%}
</span>
{%- endmacro %}

{%- macro article(v) -%}
<article class="u-article" aria-label="the article, sentence by sentence">
  {%- if v.heading %}<h2>{{ sentence(v.heading) }}</h2>{% endif %}
  {%- for para in v.paragraphs %}
  <p>{% for s in para %}{{ sentence(s) }}{% if not loop.last %} {% endif %}{% endfor %}</p>
  {%- endfor %}
</article>
{%- endmacro %}

{%- macro marked(runs) -%}
{%- for op, text in runs -%}
{%- if op -%}<span class="u-op-{{ op }}">{{ text }}</span>{%- else -%}{{ text }}{%- endif -%}
{%- endfor -%}
{%- endmacro %}

{%- macro source_meta(m) -%}
<span class="u-src-meta">{{ m.outlet or m.doc_id }} · {{ m.published or "undated" }}
{%- if m.href %} · <a href="{{ m.href }}" rel="noopener noreferrer nofollow">{{ m.url }}</a>{% elif m.url %} · {{ m.url }}{% endif -%}
</span>
{%- endmacro %}

{%- macro panels(v) -%}
<aside class="u-panels" aria-label="sources of the selected sentence">
  <p class="u-hint u-panel-hint">Click a sentence (or focus it and press Enter) to see its sources and what was changed.</p>
  {%- for s in v.sentences %}
  <section class="u-panel" id="u-panel-{{ s.index }}" hidden>
    <button type="button" class="u-close" aria-label="close the panel">Close</button>
    <h3 tabindex="-1">Sentence {{ s.index }} <span class="u-badge u-{{ s.relation }}">{{ s.label }}</span></h3>
    <p class="u-hint">{{ s.help }}{% if s.score is not none and s.relation != "unsourced" %}; score {{ s.score }}{% endif %}.
    {%- if s.stale %} Stale: its source is {{ s.age }} days older than the article.{% endif %}</p>
    {%- if s.note %}<p class="u-hint">{{ s.note }}</p>{% endif %}
    {%- if s.compared %}
    <h4>Side by side</h4>
    <div class="u-diff">
      <figure><figcaption>This article</figcaption><blockquote class="u-diff-article">{{ marked(s.article_runs) }}</blockquote></figure>
      <figure><figcaption>{{ source_meta(s.compared) }}</figcaption><blockquote class="u-diff-source">{{ marked(s.source_runs) }}</blockquote></figure>
    </div>
    <p class="u-diff-key"><span class="u-op-replace">replaced</span> · <span class="u-op-insert">added by the article</span> · <span class="u-op-delete">dropped from the source</span></p>
    {%- endif %}
    {%- if s.changes %}
    <h4>Changes</h4>
    <ul class="u-changes">
      {%- for c in s.changes %}
      <li><span class="u-kind">{{ c.kind }}</span>{% if c.evidence and c.kind == "time_reference_changed" %}: {{ c.evidence }}{% else %}: “{{ c.from }}” → “{{ c.to }}”{% endif %}</li>
      {%- endfor %}
    </ul>
    {%- endif %}
    {%- if s.sources %}
    <h4>Sources, likely origin first</h4>
    <ol class="u-sources">
      {%- for m in s.sources %}
      <li>{{ source_meta(m) }} <span class="u-kind">{{ m.relation }} {{ m.score }}</span><br>“{{ m.text }}”</li>
      {%- endfor %}
    </ol>
    {%- elif s.relation == "unsourced" %}
    <p>No document in the index carries this sentence.</p>
    {%- endif %}
    {%- if s.later %}
    <h4>Later copies (published after the article)</h4>
    <ul class="u-sources">
      {%- for m in s.later %}<li>{{ source_meta(m) }}<br>“{{ m.text }}”</li>{%- endfor %}
    </ul>
    {%- endif %}
  </section>
  {%- endfor %}
</aside>
{%- endmacro %}

{%- macro claims(v) -%}
{%- if v.analysis %}
<section class="u-claims" aria-labelledby="u-claims-title" data-panel="claims">
  <h2 id="u-claims-title">Claims and attribution <small>(preview)</small></h2>
  <p class="u-hint">What the article itself says, from the report's <code>analysis</code>; this panel is a first cut.</p>
  {%- if v.analysis.facts %}
  <dl class="u-facts">{% for k, val in v.analysis.facts %}<div><dt>{{ k }}</dt><dd>{{ val }}</dd></div>{% endfor %}</dl>
  {%- endif %}
  {%- if v.analysis.checks %}
  <h4>Look first</h4>
  <ul>{% for c in v.analysis.checks %}<li>sentence {{ c.sentence }}: {{ c.reason }}</li>{% endfor %}</ul>
  {%- endif %}
  {%- if v.analysis.claims %}
  <h4>Claims</h4>
  <ul>{% for c in v.analysis.claims %}<li>sentence {{ c.sentence }}{% if c.kind %} ({{ c.kind }}){% endif %}: {{ c.text }}</li>{% endfor %}</ul>
  {%- endif %}
</section>
{%- endif %}
{%- endmacro %}

{%- macro report(v) -%}
<div class="u-report">
  {{ summary(v) }}
  <div class="u-layout">
    {{ article(v) }}
    {{ panels(v) }}
  </div>
  {{ claims(v) }}
</div>
{%- endmacro %}
"""

_STANDALONE = r"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="unspun {{ v.version }}">
<title>unspun: {{ v.title or "(untitled)" }}</title>
<style>body{margin:0;padding:1rem}main{max-width:90rem;margin:0 auto}{{ css|safe }}</style>
</head>
<body>
{%- import "unspun/report_macros.html" as r %}
<main>
{{ r.report(v) }}
<p class="u-hint" style="margin-top:2rem;font-size:.8rem">unspun {{ v.version }} · schema {{ v.schema }} · index {{ v.index_digest }} · settings {{ v.settings_digest }}</p>
</main>
<script>{{ js|safe }}</script>
</body>
</html>
"""

TEMPLATES: dict[str, str] = {
    "unspun/report_macros.html": _MACROS,
    "unspun/report_standalone.html": _STANDALONE,
}


def environment(extra: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """A Jinja2 environment with autoescaping on for everything, holding the shared templates.

    The web app passes its own loader as ``extra`` so its pages can import
    ``unspun/report_macros.html`` and render the very same report view.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.DictLoader(TEMPLATES)]
    if extra is not None:
        loaders.insert(0, extra)
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


_ENV = environment()


def render_html(report: dict[str, Any]) -> str:
    """The report as one self-contained HTML page: inline CSS and JS, no remote asset."""
    template = _ENV.get_template("unspun/report_standalone.html")
    return template.render(v=report_view(report), css=REPORT_CSS, js=REPORT_JS)


# ---- the view model ---------------------------------------------------------


def _href(url: str) -> str:
    """Only http(s) links become links: a corpus record must not be able to inject ``javascript:``."""
    return url if url.startswith(("http://", "https://")) else ""


def _source_view(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": m.get("doc_id", ""),
        "outlet": m.get("outlet", ""),
        "published": m.get("published"),
        "url": m.get("url", ""),
        "href": _href(str(m.get("url", ""))),
        "text": m.get("text", ""),
        "relation": m.get("relation", ""),
        "score": m.get("score"),
    }


def marked_runs(text: str, edits: list[dict[str, Any]], side: str) -> list[tuple[str, str]]:
    """Cut one side's sentence into (op, text) runs from the alignment's edits.

    ``side`` is ``"article_span"`` or ``"source_span"``. Equal runs get the op
    ``""`` (unmarked), text between edit spans (spaces, punctuation the
    alignment skipped) is unmarked too, and overlapping or out-of-order spans
    are clipped so every character of ``text`` appears exactly once.
    """
    runs: list[tuple[str, str]] = []
    cursor = 0
    spans = sorted(
        ((int(e[side][0]), int(e[side][1]), str(e["op"])) for e in edits if e[side][1] > e[side][0]),
        key=lambda t: (t[0], t[1]),
    )
    for start, end, op in spans:
        start = max(start, cursor)
        end = min(end, len(text))
        if end <= start:
            continue
        if start > cursor:
            runs.append(("", text[cursor:start]))
        runs.append(("" if op == "equal" else op, text[start:end]))
        cursor = end
    if cursor < len(text):
        runs.append(("", text[cursor:]))
    return runs


def _sentence_view(s: dict[str, Any]) -> dict[str, Any]:
    sources = s.get("sources") or []
    later = s.get("later_copies") or []
    relation = str(s.get("relation", "unsourced")) if sources else "unsourced"
    if relation not in RELATION_LABELS:
        relation = "unsourced"
    compared = next((m for m in sources + later if m.get("doc_id") == s.get("changes_against")), None)
    edits = s.get("edits") or []
    view: dict[str, Any] = {
        "index": s["index"],
        "text": s["text"],
        "relation": relation,
        "label": RELATION_LABELS[relation],
        "help": RELATION_HELP[relation].capitalize(),
        "score": s.get("score"),
        "stale": bool(s.get("stale")),
        "age": s.get("source_age_days"),
        "note": s.get("note", ""),
        "changes": s.get("changes") or [],
        "sources": [_source_view(m) for m in sources],
        "later": [_source_view(m) for m in later],
        "compared": _source_view(compared) if compared else None,
        "article_runs": [],
        "source_runs": [],
    }
    if compared is not None:
        view["article_runs"] = marked_runs(s["text"], edits, "article_span")
        view["source_runs"] = marked_runs(str(compared.get("text", "")), edits, "source_span")
    return view


def _layout(report: dict[str, Any], views: list[dict[str, Any]]) -> tuple[Any, list[list[Any]]]:
    """The title sentence as a heading and the rest in the article's own paragraphs.

    Paragraph breaks are read from the article text between sentence spans,
    so the page reads like the article did.
    """
    art = report.get("article", {})
    text = str(art.get("text", ""))
    title = str(art.get("title", ""))
    heading = None
    paragraphs: list[list[Any]] = []
    current: list[Any] = []
    prev_end = 0
    for raw, view in zip(report.get("sentences", []), views, strict=True):
        start, end = raw.get("span", [0, 0])
        if title and heading is None and not paragraphs and not current and end <= len(title):
            heading = view
            prev_end = end
            continue
        gap = text[prev_end:start]
        if current and "\n" in gap:
            paragraphs.append(current)
            current = []
        current.append(view)
        prev_end = end
    if current:
        paragraphs.append(current)
    return heading, paragraphs


def _analysis_view(analysis: Any) -> dict[str, Any] | None:
    """A forgiving read of ``report["analysis"]``: its shape is still settling, so take what is there."""
    if not isinstance(analysis, dict) or not analysis:
        return None
    raw_summary = analysis.get("summary")
    summary: dict[str, Any] = raw_summary if isinstance(raw_summary, dict) else {}
    facts = [
        (
            key.replace("_", " "),
            f"{value:.0%}" if key.endswith("_share") and isinstance(value, float) else value,
        )
        for key, value in summary.items()
        if isinstance(value, int | float | str) and not isinstance(value, bool)
    ]
    checks = [c for c in summary.get("checks", []) if isinstance(c, dict)]
    claims = []
    for s in analysis.get("sentences", []) if isinstance(analysis.get("sentences"), list) else []:
        if not isinstance(s, dict):
            continue
        for c in s.get("claims", []) or []:
            if isinstance(c, dict) and c.get("text"):
                claims.append({"sentence": s.get("index"), "kind": c.get("kind", ""), "text": c["text"]})
    return {
        "facts": facts,
        "checks": [{"sentence": c.get("sentence"), "reason": c.get("reason", "")} for c in checks],
        "claims": claims,
    }


def report_view(report: dict[str, Any]) -> dict[str, Any]:
    """Everything the templates show, computed once from the report dict."""
    art = report.get("article", {})
    summary = report.get("summary", {})
    views = [_sentence_view(s) for s in report.get("sentences", [])]
    heading, paragraphs = _layout(report, views)
    counts: dict[str, int] = {}
    for v in views:
        counts[v["relation"]] = counts.get(v["relation"], 0) + 1
    tool = report.get("tool", {})
    return {
        "title": art.get("title", ""),
        "published": art.get("published"),
        "outlet": art.get("outlet", ""),
        "origin": art.get("origin", ""),
        "summary_line": summary_line(summary),
        "outlets": list(summary.get("outlets", [])),
        "stories": summary.get("stories", 0),
        "earliest": summary.get("earliest_source"),
        "unsourced_share": f"{summary.get('unsourced_share', 0.0):.0%}",
        "stale": sum(1 for v in views if v["stale"]),
        "legend": [
            {"key": key, "label": label, "count": counts.get(key, 0)}
            for key, label in RELATION_LABELS.items()
        ],
        "warnings": list(report.get("warnings", [])),
        "heading": heading,
        "paragraphs": paragraphs,
        "sentences": views,
        "analysis": _analysis_view(report.get("analysis")),
        "version": tool.get("version", "") if isinstance(tool, dict) else "",
        "schema": report.get("schema", ""),
        "index_digest": report.get("index_digest", ""),
        "settings_digest": report.get("settings_digest", ""),
    }
