"""Boilerplate is found by two rules over the corpus itself; the counting must be exactly those rules."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.scan.boilerplate import find_boilerplate, sentence_key
from unspun.settings import ScanSettings, default_settings
from unspun.text.tokens import words

SENTENCES = [
    "Follow the Varnholt Courier on every channel.",
    "All rights reserved by the Quillmere Ledger.",
    "Mayor Odile Brankov opened the new tram depot in Eskerby on Tuesday after a long wait for funds.",
    "Read more.",
    "The harbour council of Tolland met again to discuss the ferry timetable and the fishing quota.",
    "Subscribe.",
]
OUTLETS = ["varnholt.example", "quillmere.example", "eskerby.example", "tolland.example", "brankov.example"]


def _by_definition(documents: list[tuple[str, list[str]]], scan: ScanSettings) -> frozenset[int]:
    """The two rules as written in docs/scan.md, counted the slow, obvious way."""
    found = set()
    for text in {t for _, sentences in documents for t in sentences}:
        key = sentence_key(text)
        carriers = {outlet for outlet, sentences in documents if text in sentences}
        if len(words(text)) <= scan.boilerplate_words and len(carriers) > scan.boilerplate_outlets:
            found.add(key)
        for outlet in carriers:
            own = [sentences for o, sentences in documents if o == outlet]
            if len(own) >= max(scan.boilerplate_min_docs, 2):
                holding = sum(1 for sentences in own if text in sentences)
                if holding > scan.boilerplate_share * len(own):
                    found.add(key)
    return frozenset(found)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(OUTLETS), st.lists(st.sampled_from(SENTENCES), max_size=5)),
        max_size=30,
    ),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=1, max_value=4),
)
def test_boilerplate_is_what_the_two_rules_say(
    documents: list[tuple[str, list[str]]], outlets: int, min_docs: int
) -> None:
    scan = replace(default_settings().scan, boilerplate_outlets=outlets, boilerplate_min_docs=min_docs)
    assert find_boilerplate(iter(documents), scan) == _by_definition(documents, scan)


def test_an_empty_corpus_has_no_boilerplate() -> None:
    assert find_boilerplate(iter([]), default_settings().scan) == frozenset()
