"""Which document a traced sentence is attributed to, first, when several carry part of it.

Small invented worlds (a wire, the outlets that republish it, a farm article
stitched from them) traced end to end through ``trace_article``. Every outlet,
person, place and sentence here is invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import unspun
from unspun.index.store import IndexStore
from unspun.pipeline import trace_article
from unspun.settings import default_settings
from unspun.types import Alignment, Article, Document, Relation

DAY = dt.date(2031, 3, 1)
Trace = Callable[[list[Document], list[str]], list[Alignment]]

FERRY_WIRE = [
    "Drevia will expel four envoys from Vantor and shut two trade missions, the council announced on Saturday.",
    "The council summoned the Vantor envoy, Odile Varnsk, to a meeting in Port Halven on Saturday morning.",
    "It also said it is ordering the closure in Drevia of the ferry office, a council-backed body for trade "
    "and tourism, and is ending a deal to reopen the Vantor terminal in Port Halven.",
    "Vantor said it would consider its next steps in the coming days with its partners across the bay.",
    "The ferry office said it was deeply disappointed at the move and would appeal.",
]
# another wire's version of the third sentence: a long run the farm kept, the rest rewritten
FERRY_OTHER = [
    "Drevia has told four Vantor envoys to leave within a week.",
    "In a statement, the council also said it would close the ferry office in Drevia and withdraw "
    "permission for Vantor to open a second terminal in Port Halven.",
    "Fishing crews on both sides of the bay fear for the summer season.",
]
# the farm's sentence: nine words of FERRY_OTHER in a row, Drevia renamed, a clause of its own
STITCHED = (
    "It also said it would close the ferry office in Drevian Republic, which promotes trade between "
    "the towns, and the Vantor terminal in Port Halven."
)
NOISE = [
    "The Brellmouth choir sang at the harbour festival on Sunday evening.",
    "Farmers near Lowmere expect a late harvest after a wet spring.",
    "Pupils in Kessle Bay moved into their new school after the half-term break.",
]


def doc(doc_id: str, sentences: list[str], published: dt.date | None = DAY) -> Document:
    return Document(
        doc_id, " ".join(sentences), url=f"https://{doc_id}.example/story", outlet=doc_id, published=published
    )


def noise() -> list[Document]:
    return [doc(f"noise-{i}", [text], dt.date(2031, 2, 1)) for i, text in enumerate(NOISE)]


@pytest.fixture
def trace(tmp_path: Path) -> Iterator[Trace]:
    """Trace ``body`` (a list of sentences) against an index of ``docs``; one alignment per body sentence."""
    indexes: list[unspun.Index] = []

    def run(docs: list[Document], body: list[str]) -> list[Alignment]:
        index = unspun.Index.create(tmp_path / f"index{len(indexes)}")
        indexes.append(index)
        index.add_documents(docs + noise(), workers=1)
        article = Article("", " ".join(body), dt.date(2031, 3, 5), url="https://farm.example/story")
        return list(index.trace(article, analyze=False).alignments)

    yield run
    for index in indexes:
        index.close()


def first_source(alignment: Alignment) -> str:
    assert alignment.sources, f"no source for {alignment.sentence.text!r}"
    return alignment.sources[0].doc_id


# ---- a partial copy inside a passage of reused sentences -------------------------


def stitched_body() -> list[str]:
    return [*FERRY_WIRE[:2], STITCHED, *FERRY_WIRE[3:]]


def test_a_rewrite_among_copied_sentences_is_given_the_document_they_come_from(trace: Trace) -> None:
    middle = trace([doc("kessle-wire", FERRY_WIRE)], stitched_body())[2]
    assert first_source(middle) == "kessle-wire"
    assert middle.relation is Relation.PARAPHRASED


def test_a_long_verbatim_run_from_another_document_outranks_the_neighbours_rewrite(trace: Trace) -> None:
    docs = [doc("kessle-wire", FERRY_WIRE), doc("vantor-news", FERRY_OTHER)]
    middle = trace(docs, stitched_body())[2]
    assert first_source(middle) == "vantor-news"
    assert middle.sources[0].sentence_index == 1
    assert "long verbatim run" in middle.note


def test_a_long_verbatim_run_published_after_the_article_does_not_replace_the_neighbours_rewrite(
    trace: Trace,
) -> None:
    """A later document is never an origin (and once made the context rescue loop forever)."""
    docs = [doc("kessle-wire", FERRY_WIRE), doc("vantor-news", FERRY_OTHER, dt.date(2031, 3, 9))]
    middle = trace(docs, stitched_body())[2]
    assert first_source(middle) == "kessle-wire"


def test_a_long_verbatim_run_alone_among_unsourced_sentences_names_no_source(trace: Trace) -> None:
    """The run only picks the source once the context showed reuse; by itself it is not enough."""
    own = [
        "Crowds gathered along the quay in Lowmere to watch the last ferry of the season leave.",
        "Shopkeepers near the terminal said trade had already fallen by half since the winter.",
    ]
    docs = [doc("kessle-wire", FERRY_WIRE), doc("vantor-news", FERRY_OTHER)]
    middle = trace(docs, [own[0], STITCHED, own[1]])[1]
    assert middle.relation is Relation.UNSOURCED
    assert not middle.sources


# ---- the version the article descends from ---------------------------------------

WIRE = (
    "Harbour master Odile Varnsk said the northern pier of Brellmouth would stay shut until the spring tides."
)
RESPUN = "Harbour master Odile Varnsk stated the northern pier of Brellmouth would stay shut until the spring tides."
OTHER_SENTENCES = [
    "A new bridge over the Kessle river opened to traffic on Monday after two years of work.",
    "Fishing crews in Lowmere said the catch had been the smallest in a decade.",
]


def test_a_later_version_whose_change_the_article_shares_comes_before_the_earlier_one(trace: Trace) -> None:
    docs = [
        doc("kessle-wire", [WIRE, "Repairs will cost the town about 40,000 crowns."], dt.date(2031, 3, 1)),
        doc("lowmere-post", [RESPUN, "The mayor will visit the site on Friday."], dt.date(2031, 3, 2)),
        doc("other-news", OTHER_SENTENCES[:1]),
        doc("more-news", OTHER_SENTENCES[1:]),
    ]
    farm = RESPUN.replace("Varnsk", "Varnsck")  # the farm's own respelling, on top of "said" -> "stated"
    sentence = trace(docs, [OTHER_SENTENCES[0], farm, OTHER_SENTENCES[1]])[1]
    assert [m.doc_id for m in sentence.sources] == ["lowmere-post", "kessle-wire"]
    assert sentence.compared_with == "lowmere-post"


def test_versions_each_closer_somewhere_keep_the_earliest_first(trace: Trace) -> None:
    later = RESPUN.replace("northern", "north")  # "stated" as in the article, but "north" unlike it
    docs = [
        doc("kessle-wire", [WIRE, "Repairs will cost the town about 40,000 crowns."], dt.date(2031, 3, 1)),
        doc("lowmere-post", [later, "The mayor will visit the site on Friday."], dt.date(2031, 3, 2)),
        doc("other-news", OTHER_SENTENCES[:1]),
        doc("more-news", OTHER_SENTENCES[1:]),
    ]
    farm = RESPUN.replace("Varnsk", "Varnsck")
    sentence = trace(docs, [OTHER_SENTENCES[0], farm, OTHER_SENTENCES[1]])[1]
    assert [m.doc_id for m in sentence.sources] == ["kessle-wire", "lowmere-post"]


# ---- the article itself ------------------------------------------------------------


def test_a_reprint_of_the_whole_article_is_hidden_unless_the_caller_asks_for_reprints(tmp_path: Path) -> None:
    body = [WIRE, *OTHER_SENTENCES]
    reprint = doc("reprint-news", body, dt.date(2031, 3, 9))  # published after the article: not its origin
    article = Article("", " ".join(body), dt.date(2031, 3, 5), url="https://farm.example/story")
    with unspun.Index.create(tmp_path / "index") as index:
        index.add_documents([reprint, *noise()], workers=1)
        hidden = trace_article(article, index._store, index.settings, analyze=False)
        shown = trace_article(article, index._store, index.settings, analyze=False, same_text_is_self=False)
    assert all(not a.sources and not a.later_copies for a in hidden.alignments)
    assert all(m.doc_id == "reprint-news" for a in shown.alignments for m in a.later_copies)
    assert all(a.later_copies for a in shown.alignments)


# ---- a sentence stitched from two, with a later rewrite of the whole ------------------------

HARBOUR = [
    "The Varnhold council approved the new harbour budget of 40 million crowns on Monday.",
    "The Glassmoor mayor Edda Kostrin promised to reopen the northern ferry line before the spring storms.",
    "Fishermen said the channel had silted up over the winter.",
    "A public hearing on the dredging contract is planned for April in the town hall.",
]
HARBOUR_JOINED = (
    "The Varnhold council approved the new harbour budget of 40 million crowns on Monday, and the "
    "Glassmoor mayor Edda Kostrin promised to reopen the northern ferry line before the spring storms."
)
HARBOUR_LATER = [
    "Residents queued at the quay.",
    "The Varnhold city council passed the new harbour budget of 40 million crowns on Monday while mayor "
    "Edda Kostrin pledged to restart the northern ferry line before the spring storms.",
]


def test_a_later_rewrite_of_the_whole_does_not_hide_the_two_earlier_sentences_it_was_stitched_from(
    trace: Trace,
) -> None:
    """Merge partners that could be origins come first: the later document is a copy, never the anchor."""
    docs = [
        doc("varnhold-post", HARBOUR, dt.date(2031, 3, 2)),
        doc("quay-daily", HARBOUR_LATER, dt.date(2031, 3, 9)),
    ]
    (joined,) = trace(docs, [HARBOUR_JOINED])
    assert [(m.doc_id, m.sentence_index) for m in joined.sources] == [
        ("varnhold-post", 1),
        ("varnhold-post", 0),
    ]
    assert [m.doc_id for m in joined.later_copies] == ["quay-daily"]
    assert joined.note.startswith("merged")


def test_tracing_for_origins_only_gives_the_same_sources_for_a_stitched_sentence(tmp_path: Path) -> None:
    """A scan sets later documents aside before aligning; the sources it finds are the trace's."""
    docs = [
        doc("varnhold-post", HARBOUR, dt.date(2031, 3, 2)),
        doc("quay-daily", HARBOUR_LATER, dt.date(2031, 3, 9)),
    ]
    with unspun.Index.create(tmp_path / "index") as index:
        index.add_documents(docs + noise(), workers=1)
    store = IndexStore.open(tmp_path / "index")
    try:
        article = Article("", HARBOUR_JOINED, dt.date(2031, 3, 5), url="https://farm.example/story")
        settings = default_settings()
        full = trace_article(article, store, settings, analyze=False)
        quick = trace_article(article, store, settings, analyze=False, origins_only=True)
    finally:
        store.close()
    assert [a.sources for a in quick.alignments] == [a.sources for a in full.alignments]
    assert quick.alignments[0].sources and not quick.alignments[0].later_copies
