"""The web app in a real headless chromium: what a fact-checker does, click by click.

Screenshots go to tests/web/artifacts/ (ignored by git); docs/img/trace-page.png
is a copy of trace-panel.png.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

REPORT_URL = re.compile(r"/r/[0-9a-f]{24}$")


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page that fails the test if anything is fetched from anywhere but the app."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith((live_server, "data:")) else elsewhere.append(r.url)
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert elsewhere == [], f"remote requests: {elsewhere}"
    assert dialogs == [], f"a script ran: {dialogs}"


def layout_box(page: Any, selector: str) -> list[float]:
    """Where an element sits in the document (not the viewport), so scrolling does not count as moving."""
    return list(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect();"
            " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }",
        )
    )


def traced(page: Any, live_server: str, text: str) -> str:
    """Submit ``text`` through the trace form like a user; return the report page's URL."""
    page.goto(live_server + "/")
    page.fill("#text", text)
    page.click("#trace-button")
    page.wait_for_url(REPORT_URL)
    return str(page.url)


def test_trace_color_click_and_diff(
    page: Any, live_server: str, demo_article: str, artifact: Callable[[str], str]
) -> None:
    traced(page, live_server, demo_article)
    relations = page.eval_on_selector_all(".u-s", "els => els.map(e => e.dataset.relation)")
    assert len(relations) >= 10
    assert {"copied", "spun", "unsourced"} <= set(relations)
    colours = {
        rel: page.eval_on_selector(f".u-s.u-{rel}", "e => getComputedStyle(e).backgroundColor")
        for rel in ("copied", "spun", "unsourced")
    }
    assert len(set(colours.values())) == 3 and "rgba(0, 0, 0, 0)" not in colours.values()
    assert "sentences traced to" in page.inner_text(".u-summary")
    page.screenshot(path=(artifact("trace-page.png")), full_page=True)

    article_box = layout_box(page, ".u-article")
    spun = page.locator(".u-s.u-spun").first
    spun.click()
    panel = page.locator(f"#u-panel-{spun.get_attribute('data-sentence')}")
    panel.wait_for(state="visible")
    assert spun.get_attribute("aria-expanded") == "true"
    assert panel.locator(".u-diff-article").is_visible() and panel.locator(".u-diff-source").is_visible()
    assert panel.locator(".u-op-replace, .u-op-insert, .u-op-delete").count() > 0
    assert "mpa-wire.example" in panel.inner_text()
    assert layout_box(page, ".u-article") == article_box, "the article moved when the panel opened"
    page.screenshot(path=(artifact("trace-panel.png")))

    # another sentence replaces the panel; only one is ever shown
    page.locator(".u-s.u-unsourced").first.click()
    assert page.locator(".u-panel:visible").count() == 1
    assert "No document in the index carries this sentence" in page.locator(".u-panel:visible").inner_text()


def test_keyboard_only(page: Any, live_server: str, demo_article: str) -> None:
    traced(page, live_server, demo_article)
    page.locator(".u-s").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.sentence")
    assert focused == "1", "sentences are reachable with Tab, in reading order"
    page.keyboard.press("Enter")
    panel = page.locator("#u-panel-1")
    panel.wait_for(state="visible")
    assert page.evaluate("document.activeElement.tagName") == "H3", "Enter moves focus into the panel"
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.sentence") == "1", "Escape returns to the sentence"


def test_narrow_screen(
    browser: Any, live_server: str, demo_article: str, artifact: Callable[[str], str]
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        traced(page, live_server, demo_article)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
            "no sideways scroll"
        )
        article_box = layout_box(page, ".u-article")
        sentence = page.locator(".u-s.u-spun").nth(1)
        sentence.click()
        panel = page.locator(f"#u-panel-{sentence.get_attribute('data-sentence')}")
        panel.wait_for(state="visible")
        assert page.eval_on_selector(".u-panels", "e => getComputedStyle(e).position") == "fixed"
        assert layout_box(page, ".u-article") == article_box, "the overlay must not move the article"
        page.screenshot(path=(artifact("trace-narrow.png")))
        panel.locator(".u-close").click()
        panel.wait_for(state="hidden")
    finally:
        context.close()


def test_article_markup_shows_as_text(page: Any, live_server: str) -> None:
    text = (
        "Council <script>alert('title')</script> meets\n\n"
        "The <img src=x onerror=\"alert('img')\"> council met on Monday. "
        'It voted on <b onmouseover="alert(1)">bold</b> plans.'
    )
    traced(page, live_server, text)
    shown = page.inner_text(".u-article")
    assert "<script>alert('title')</script>" in shown
    assert "<img src=x" in shown
    assert page.locator(".u-article img, .u-article b, .u-article script").count() == 0


def test_download_is_a_working_offline_page(page: Any, live_server: str, demo_article: str) -> None:
    traced(page, live_server, demo_article)
    with page.expect_download() as info:
        page.click("text=Download HTML")
    html = Path(info.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as info:
        page.click("text=Download JSON")
    report = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert report["schema"] == "unspun.report/1"
    offline = page.context.new_page()
    offline.route("**/*", lambda route: route.abort())  # nothing may load from anywhere
    offline.set_content(html)
    offline.locator(".u-s.u-spun").first.click()
    assert offline.locator(".u-panel:visible .u-diff-source").count() == 1
    offline.close()


def test_add_documents_from_the_index_page(
    page: Any, live_server: str, tmp_path: Path, artifact: Callable[[str], str], live_token: str
) -> None:
    corpus = tmp_path / "invented.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "browser-1",
                "outlet": "kettle-gazette.example",
                "published": "2031-05-01",
                "title": "Kettle Lane market moves",
                "text": "The Kettle Lane market will move to the old tram depot in June, stallholders said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    page.goto(live_server + "/index")
    before = int(page.inner_text("[data-stat=documents]").replace(",", ""))
    page.set_input_files("#files", str(corpus))
    page.click("#add-form button[type=submit]")
    expect(page.locator("#add-status")).to_have_text(re.compile(r"^Not added"))
    assert "token" in page.inner_text("#add-status")

    page.fill("#token", live_token)
    page.click("#add-form button[type=submit]")
    expect(page.locator("#add-status")).to_have_text(re.compile(r"^Added 1 documents"), timeout=15_000)
    assert page.eval_on_selector("#add-progress", "e => e.value") == 100
    # (no wait_for_function: the page's CSP forbids the eval it relies on)
    expect(page.locator("[data-stat=documents]")).to_have_text(f"{before + 1:,}")
    page.screenshot(path=(artifact("index-page.png")), full_page=True)
    page.reload()
    assert "kettle-gazette.example" in page.inner_text(".outlets")
