"""The corpus view from kernel output: who took what when dates cannot say, passages, farm evidence.

Traces are built by hand (invented outlets and sentences), so each rule is
checked on its own, with no index and no trace.
"""

from __future__ import annotations

import datetime as dt

from unspun.scan.aggregate import Aggregate
from unspun.scan.links import outlet_of
from unspun.scan.model import DocTrace, Link
from unspun.settings import default_settings

SCAN = default_settings().scan
DAY = dt.date(2031, 3, 20)
PLAIN = "Veldan said the talks with Ostrevia would resume on Monday in the capital."
SPUN = "Veldan Federation said the talks with Ostrevia would resume on Monday in the capital."


def _link(
    source: tuple[str, int, dt.date | None], target: tuple[str, int, dt.date | None], **kw: object
) -> Link:
    (s, si, sd), (t, ti, td) = source, target
    order = "undated" if sd is None or td is None else "same_day" if sd == td else "before"
    values: dict[str, object] = {
        "source_doc": s,
        "source_sentence": si,
        "source_outlet": f"{s}.example",
        "source_published": sd,
        "target_doc": t,
        "target_sentence": ti,
        "target_outlet": f"{t}.example",
        "target_published": td,
        "relation": "spun",
        "score": 0.9,
        "origin": True,
        "order": order,
        "changes": (),
        "compared_with": s,
        "source_text": PLAIN,
        "target_text": PLAIN,
    }
    values.update(kw)
    return Link(**values)  # type: ignore[arg-type]


def _trace(
    doc: str, published: dt.date | None, links: list[Link], sentences: int = 4, cues: int = 0
) -> DocTrace:
    return DocTrace(
        doc_id=doc,
        outlet=f"{doc}.example",
        published=published,
        sentences=sentences,
        links=tuple(links),
        spins=(),
        spinner_cues=("long_form_name: Veldan Federation",) * cues,
    )


def _takers(*traces: DocTrace) -> set[tuple[str, str]]:
    view = Aggregate(SCAN)
    for t in traces:
        view.add(t)
    return {(view.doc_ids[view.src[i]], view.doc_ids[view.dst[i]]) for i in view.counted()}


def test_an_earlier_dated_source_counts() -> None:
    a = _trace("wire", DAY - dt.timedelta(days=1), [])
    b = _trace("paper", DAY, [_link(("wire", 0, DAY - dt.timedelta(days=1)), ("paper", 0, DAY))])
    assert _takers(a, b) == {("wire", "paper")}


def test_without_a_date_the_dated_one_counts_as_earlier_when_nothing_else_tells() -> None:
    dated = _trace("dated", DAY, [_link(("undated", 0, None), ("dated", 0, DAY))])
    undated = _trace("undated", None, [_link(("dated", 0, DAY), ("undated", 0, None))])
    assert _takers(dated, undated) == {("dated", "undated")}


def test_the_side_that_added_spinner_marks_is_the_copy_whatever_the_dates() -> None:
    """A dated farm that respun an undated original: the undated original did not take from the farm."""
    farm = _trace(
        "farm",
        DAY,
        [_link(("original", 0, None), ("farm", 0, DAY), source_text=PLAIN, target_text=SPUN)],
        cues=1,
    )
    original = _trace(
        "original",
        None,
        [_link(("farm", 0, DAY), ("original", 0, None), source_text=SPUN, target_text=PLAIN)],
    )
    assert _takers(farm, original) == {("original", "farm")}


def test_same_day_pairs_with_nothing_to_tell_them_apart_pass_to_the_next_source() -> None:
    a = _trace(
        "a",
        DAY,
        [
            _link(("b", 0, DAY), ("a", 0, DAY)),
            _link(("wire", 0, DAY - dt.timedelta(days=2)), ("a", 0, DAY)),
        ],
    )
    b = _trace("b", DAY, [_link(("a", 0, DAY), ("b", 0, DAY))])
    assert _takers(a, b) == {("wire", "a")}


def test_a_one_way_find_keeps_its_direction() -> None:
    a = _trace("a", DAY, [_link(("b", 0, DAY), ("a", 0, DAY))])
    b = _trace("b", DAY, [])
    assert _takers(a, b) == {("b", "a")}


def test_each_taken_sentence_counts_once() -> None:
    early = DAY - dt.timedelta(days=3)
    a = _trace(
        "a",
        DAY,
        [_link(("w1", 2, early), ("a", 1, DAY)), _link(("w2", 5, early), ("a", 1, DAY))],
    )
    assert _takers(a) == {("w1", "a")}


def test_passages_join_transitively_and_list_the_earliest_first() -> None:
    early = DAY - dt.timedelta(days=3)
    a = _trace("a", DAY, [_link(("w", 2, early), ("a", 1, DAY))])
    b = _trace("b", None, [_link(("a", 1, DAY), ("b", 7, None))])
    view = Aggregate(SCAN)
    view.add(a)
    view.add(b)
    found, _, _, _ = view.result(lambda wanted: {k: f"text of {k[0]}" for k in wanted})
    clusters = list(found)
    assert len(clusters) == 1
    assert [(m.doc, m.sentence) for m in clusters[0].members] == [("w", 2), ("a", 1), ("b", 7)]
    assert clusters[0].text == "text of w" and clusters[0].outlets == 3


def test_spinner_marks_shown_on_taken_sentences_extend_to_the_unsourced_ones() -> None:
    """Seen adding "Veldan Federation" to a sentence it took, a farm's other such sentences count as derived."""
    early = DAY - dt.timedelta(days=2)
    farm = _trace(
        "farm",
        DAY,
        [_link(("wire", 0, early), ("farm", 0, DAY), target_text=SPUN)],
        sentences=10,
        cues=4,
    )
    styled = _trace("house", DAY, [_link(("wire", 1, early), ("house", 0, DAY))], sentences=10, cues=4)
    view = Aggregate(SCAN)
    view.add(_trace("wire", early, []))
    view.add(farm)
    view.add(styled)
    _, _, stats, taken = view.result(dict.fromkeys)
    by = {s.outlet: s for s in stats}
    assert taken == 2
    assert by["farm.example"].shown_marks == 1 and by["farm.example"].derived_share == 0.4
    assert by["house.example"].shown_marks == 0 and by["house.example"].derived_share == 0.1
    assert by["farm.example"].farm_score > by["house.example"].farm_score
    assert any("more sentences carry spinner marks" in e for e in by["farm.example"].evidence)


def test_a_document_with_an_unreadable_link_and_no_outlet_is_counted_under_its_id() -> None:
    assert outlet_of("", "http://[::1", "doc-7") == "doc-7"
    assert outlet_of("", "https://www.harbor-gazette.example/a", "doc-8") == "harbor-gazette.example"
