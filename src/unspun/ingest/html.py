"""Article text out of an HTML page, boilerplate dropped (trafilatura)."""

from __future__ import annotations

from unspun.errors import InputError
from unspun.ingest.dateline import parse_published
from unspun.text.normalize import normalize
from unspun.types import Article


def extract(html: str, url: str = "") -> tuple[str, str, str, str]:
    """(title, body, date, sitename) of the main article of a page; empty strings when absent."""
    import trafilatura

    body = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    title = (meta.title if meta else "") or ""
    date = (meta.date if meta else "") or ""
    site = (meta.sitename if meta else "") or ""
    return title, body, date, site


def article_from_html(html: str, url: str = "", origin: str = "") -> Article:
    title, body, date, site = extract(html, url)
    title, body = normalize(title), normalize(body)
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    if not body:
        raise InputError(
            f"found no article text in {origin or url}", "give the article's own page, or its text"
        )
    try:
        published = parse_published(date) if date else None
    except ValueError:
        published = None
    return Article(title=title, body=body, published=published, url=url, outlet=site, origin=origin or url)
