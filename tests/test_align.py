"""Word alignment and the verdict read off it: what counts as kept, and when a sentence has a source.

``align_tokens`` aligns an article sentence (first) against a source sentence
(second); ``relation_of`` turns one such alignment into copied / spun /
paraphrased / unsourced. Every sentence here is invented.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.align.verdict import Scored, merged_coverage, names_share, relation_of
from unspun.align.wordalign import WordAlignment, align_tokens, edits, lcs_blocks, weights
from unspun.settings import AlignSettings, default_settings
from unspun.text.tokens import tokenize
from unspun.types import EditOp, Relation, Token

ALIGN: AlignSettings = default_settings().align

PIER = (
    "The harbour authority in Brellmouth closed the northern pier after a storm "
    "damaged its wooden supports overnight."
)


def align(article: str, source: str) -> WordAlignment:
    return align_tokens(tokenize(article), tokenize(source))


def scored(article: str, source: str, last_of_doc: bool = False) -> tuple[Scored, tuple[Token, ...]]:
    """The candidate as the pipeline builds it, and the article sentence's tokens."""
    a, s = tokenize(article), tokenize(source)
    return Scored(s, align_tokens(a, s), last_of_doc), a


def relation(article: str, source: str, last_of_doc: bool = False) -> Relation:
    candidate, tokens = scored(article, source, last_of_doc)
    return relation_of(candidate, tokens, ALIGN)


def lcs_length(a: list[str], s: list[str]) -> int:
    """Textbook dynamic programme, the reference the blocks are checked against."""
    row = [0] * (len(s) + 1)
    for x in a:
        prev_diag = 0
        for j, y in enumerate(s, 1):
            keep = row[j]
            row[j] = prev_diag + 1 if x == y else max(row[j], row[j - 1])
            prev_diag = keep
    return row[-1]


def weight_of(tokens: tuple[Token, ...], indexes: set[int]) -> float:
    w = weights(tokens)
    return sum(w[i] for i in indexes) / sum(w)


# ---- blocks: an exact, gap-free account of both sentences --------------------

_WORDS = st.lists(st.sampled_from(["pier", "storm", "the", "Brellmouth", "closed", "42", "of", "quay"]))


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS)
def test_blocks_rebuild_the_article_words_and_the_source_words_in_order(a: list[str], s: list[str]) -> None:
    blocks = lcs_blocks(a, s)
    article_side = [w for _, a0, a1, _, _ in blocks for w in a[a0:a1]]
    source_side = [w for _, _, _, s0, s1 in blocks for w in s[s0:s1]]
    assert article_side == a
    assert source_side == s


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS)
def test_blocks_cover_both_sentences_without_gaps_or_overlaps(a: list[str], s: list[str]) -> None:
    blocks = lcs_blocks(a, s)
    i = j = 0
    for _, a0, a1, s0, s1 in blocks:
        assert (a0, s0) == (i, j)
        assert a0 <= a1 and s0 <= s1
        assert (a1 - a0) + (s1 - s0) > 0, "an empty block"
        i, j = a1, s1
    assert (i, j) == (len(a), len(s))


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS)
def test_equal_runs_alternate_with_single_gap_blocks(a: list[str], s: list[str]) -> None:
    blocks = lcs_blocks(a, s)
    tags = [b[0] for b in blocks]
    for first, second in itertools.pairwise(tags):
        assert (first == "equal") != (second == "equal"), tags
    for tag, a0, a1, s0, s1 in blocks:
        if tag == "equal":
            assert a[a0:a1] == s[s0:s1] and a1 > a0
        elif tag == "replace":
            assert a1 > a0 and s1 > s0
        elif tag == "delete":
            assert a1 > a0 and s1 == s0, "'delete': article words the source does not have"
        else:
            assert tag == "insert" and a1 == a0 and s1 > s0, "'insert': source words the article lacks"


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS)
def test_the_equal_runs_are_a_longest_common_subsequence(a: list[str], s: list[str]) -> None:
    shared = sum(a1 - a0 for tag, a0, a1, _, _ in lcs_blocks(a, s) if tag == "equal")
    assert shared == lcs_length(a, s)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Tolland", "pier", "the", "of", "42", "Vey", "quay"]), min_size=1))
def test_edit_spans_cut_back_to_words_of_each_sentence(words: list[str]) -> None:
    article = " ".join(words)
    source = " ".join(reversed(words)) + " overnight"
    a, s = tokenize(article), tokenize(source)
    result = align_tokens(a, s)
    spans = edits(a, s, result.blocks)
    assert len(spans) == len(result.blocks)
    for edit, (_, a0, a1, s0, s1) in zip(spans, result.blocks, strict=True):
        if a1 > a0:
            assert article[edit.article_span[0] : edit.article_span[1]].split() == words[a0:a1]
        else:
            assert edit.article_span[0] == edit.article_span[1]
        if s1 > s0:
            assert source[edit.source_span[0] : edit.source_span[1]].split() == source.split()[s0:s1]
        else:
            assert edit.source_span[0] == edit.source_span[1]


_SENTENCE = st.lists(
    st.sampled_from(["The", "NCTO", "Northern", "Coastal", "Treaty", "Organisation", "Vasquel", "Vasquell"])
    | st.sampled_from(["pier", "closed", "shut", "42", "of", "the", "Brellmouth", "storm"]),
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(_SENTENCE, _SENTENCE)
def test_coverage_is_a_share_and_matched_words_are_article_positions(a: list[str], s: list[str]) -> None:
    article, source = tokenize(" ".join(a)), tokenize(" ".join(s))
    result = align_tokens(article, source)
    assert 0.0 <= result.article_coverage <= 1.0 + 1e-9
    assert 0.0 <= result.source_coverage <= 1.0 + 1e-9
    assert result.matched_article <= set(range(len(article)))
    assert result.matched_words == len(result.matched_article)
    assert result.longest_run <= result.matched_words


# ---- coverage -----------------------------------------------------------------


def test_identical_sentences_give_full_coverage_and_one_equal_block() -> None:
    result = align(PIER, PIER)
    assert result.blocks == (("equal", 0, 17, 0, 17),)
    assert [e.op for e in edits(tokenize(PIER), tokenize(PIER), result.blocks)] == [EditOp.EQUAL]
    assert result.article_coverage == 1.0
    assert result.source_coverage == 1.0
    assert result.longest_run == result.matched_words == 17


def test_case_and_punctuation_do_not_break_a_verbatim_match() -> None:
    shouted = PIER.upper().replace(" after", ", after")
    result = align(shouted, PIER)
    assert result.article_coverage == 1.0
    assert len(result.blocks) == 1


def test_a_single_swapped_word_inside_a_copied_run_gets_half_credit() -> None:
    article = PIER.replace("closed", "shut")
    a = tokenize(article)
    result = align_tokens(a, tokenize(PIER))
    swapped = next(i for i, t in enumerate(a) if t.norm == "shut")
    assert result.blocks[1] == ("replace", swapped, swapped + 1, swapped, swapped + 1)
    expected = 1.0 - 0.5 * weight_of(a, {swapped})
    assert abs(result.article_coverage - expected) < 1e-9
    assert abs(result.source_coverage - expected) < 1e-9
    assert swapped not in result.matched_article


def test_a_swapped_first_word_outside_any_copied_run_gets_no_credit() -> None:
    article = "Officials in Brellmouth closed the northern pier after the storm."
    source = "Engineers in Brellmouth closed the northern pier after the storm."
    a = tokenize(article)
    result = align_tokens(a, tokenize(source))
    assert abs(result.article_coverage - (1.0 - weight_of(a, {0}))) < 1e-9


def test_an_acronym_written_out_counts_as_kept() -> None:
    article = "The NCTO met in Drellhaven on Monday to discuss fishing quotas for the coming season."
    source = (
        "The Northern Coastal Treaty Organisation met in Drellhaven on Monday to discuss "
        "fishing quotas for the coming season."
    )
    for one, other in ((article, source), (source, article)):
        result = align(one, other)
        assert result.article_coverage == 1.0
        assert result.source_coverage == 1.0
        assert result.matched_words == len(tokenize(one))


def test_a_respelled_name_counts_as_kept() -> None:
    article = "Minister Ilse Vasquel opened the ferry terminal in Drellhaven on Monday morning."
    source = "Minister Ilse Vasquell opened the ferry terminal in Drellhaven on Monday morning."
    result = align(article, source)
    assert result.article_coverage == 1.0
    assert result.source_coverage == 1.0


def test_a_name_grown_into_its_long_form_counts_as_kept() -> None:
    article = "Troops from the Valdorian Republic crossed the river near the old mill at dawn."
    source = "Troops from the Valdoria crossed the river near the old mill at dawn."
    assert align(article, source).article_coverage == 1.0


def test_a_name_renamed_at_the_edge_of_a_rewrite_is_kept_as_a_name_but_not_as_copied_words() -> None:
    """The run reaches the name, the rest is rewritten: who it is about is kept, the words are not."""
    source = (
        "The council also said it would close the ferry office in Drevia and withdraw permission "
        "for Vantor to open a terminal in Port Halven."
    )
    renamed = (
        "It also said it would close the ferry office in Drevian Republic, which promotes trade "
        "between the towns, and the Vantor terminal in Port Halven."
    )
    elsewhere = renamed.replace("Drevian Republic", "Ostmark Province")
    a = tokenize(renamed)
    long_form = {i for i, t in enumerate(a) if t.norm in {"drevian", "republic"}}
    result = align(renamed, source)
    assert long_form <= result.named_article
    assert not long_form & result.matched_article
    assert result.named_article - result.matched_article == long_form, "'which' is not part of the name"
    assert result.article_coverage == align(elsewhere, source).article_coverage
    assert names_share(a, result) > names_share(tokenize(elsewhere), align(elsewhere, source))


def test_an_acronym_written_out_at_the_edge_of_a_rewrite_is_kept_as_a_name() -> None:
    source = "Talks hosted by the NCTO in Drellhaven ended without a deal on fishing quotas."
    article = (
        "Talks hosted by the Northern Coastal Treaty Organisation, a club of harbour towns, "
        "ended without a deal on fishing quotas."
    )
    a = tokenize(article)
    written_out = {i for i, t in enumerate(a) if t.norm in {"northern", "coastal", "treaty", "organisation"}}
    result = align(article, source)
    assert written_out <= result.named_article
    assert names_share(a, result) == 1.0


def test_a_common_word_next_to_a_copied_run_is_not_a_renamed_name() -> None:
    article = "The harbour authority closed the northern pier, announcing repairs that will last all spring."
    source = "The harbour authority closed the northern pier announces a review of its budget for the year."
    result = align(article, source)
    assert result.named_article == result.matched_article


def test_two_different_short_words_are_not_a_respelling() -> None:
    article = "The harbour authority in Brellmouth closed the west pier after a storm."
    source = "The harbour authority in Brellmouth closed the new pier after a storm."
    assert align(article, source).article_coverage < 1.0


def test_a_long_name_shared_with_an_otherwise_different_sentence_does_not_reach_spun() -> None:
    name = "The Northern Coastal Treaty Organisation Maritime Heritage Fund"
    article = f"{name} opened a gallery."
    source = f"{name} has cut its budget for pier repairs sharply this year."
    result = align(article, source)
    shared_share = len(tokenize(name)) / len(tokenize(article))
    assert shared_share >= ALIGN.spun, "counted word by word the name alone would pass"
    assert result.article_coverage < ALIGN.spun
    assert relation(article, source) is Relation.UNSOURCED


# ---- relation_of ---------------------------------------------------------------


def test_a_verbatim_sentence_is_copied() -> None:
    assert relation(PIER, PIER) is Relation.COPIED


def test_a_spun_copy_with_a_few_swapped_words_is_spun() -> None:
    article = (
        "The harbour authority in Brellmouth shut the northern jetty after a gale damaged "
        "its wooden supports overnight."
    )
    assert relation(article, PIER) is Relation.SPUN


def test_the_same_facts_in_other_words_are_unsourced() -> None:
    article = (
        "Brellmouth's northern pier is shut; officials blamed overnight storm damage to "
        "the timber beams holding it up."
    )
    assert relation(article, PIER) is Relation.UNSOURCED


def test_a_short_sentence_needs_near_verbatim_evidence() -> None:
    source = "Mayor Odile Serrat praised the lifeboat crews."
    two_swaps = "Mayor Odile Serrat thanked the lifeboat volunteers."
    candidate, tokens = scored(two_swaps, source)
    assert len(tokens) < ALIGN.short_words
    assert candidate.alignment.article_coverage < ALIGN.short_coverage
    assert relation(two_swaps, source) is Relation.UNSOURCED
    assert relation(source, source) is Relation.COPIED


def test_the_same_share_of_swaps_in_a_long_sentence_is_spun() -> None:
    source = (
        "Mayor Odile Serrat praised the lifeboat crews of Brellmouth and Kessle Bay for "
        "rescuing eleven fishermen from the freezing water on Sunday night."
    )
    article = (
        "Mayor Odile Serrat thanked the lifeboat crews of Brellmouth and Kessle Bay for "
        "rescuing eleven fishermen from the icy water on Sunday night."
    )
    assert len(tokenize(article)) >= ALIGN.short_words
    assert relation(article, source) is Relation.SPUN


def test_a_sentence_under_four_words_is_never_attributed_even_verbatim() -> None:
    for text in ("Read more here.", "Brellmouth pier closed."):
        assert len(tokenize(text)) < ALIGN.min_words
        assert relation(text, text) is Relation.UNSOURCED


def test_a_four_word_verbatim_sentence_can_be_copied() -> None:
    text = "Brellmouth pier closed again."
    assert len(tokenize(text)) == ALIGN.min_words
    assert relation(text, text) is Relation.COPIED


# ---- two sources stitched into one sentence -----------------------------------


def test_merged_coverage_of_two_halves_adds_up() -> None:
    first_half = "The harbour authority in Brellmouth closed the northern pier on Monday"
    second_half = "while engineers from Kessle Bay counted 42 broken beams beneath the deck"
    article = f"{first_half} {second_half}."
    a = tokenize(article)
    one, _ = scored(article, f"{first_half} after a storm.")
    two, _ = scored(article, f"On Tuesday {second_half}.")
    together, added = merged_coverage(a, one, two)
    second_indexes = set(range(len(tokenize(first_half)), len(a)))
    assert abs(together - 1.0) < 1e-9
    assert abs(added - weight_of(a, second_indexes)) < 1e-9
    assert one.alignment.article_coverage < ALIGN.spun
    assert two.alignment.article_coverage < ALIGN.spun


def test_merged_coverage_adds_nothing_for_the_same_half_twice() -> None:
    first_half = "The harbour authority in Brellmouth closed the northern pier on Monday"
    article = f"{first_half} while engineers counted broken beams beneath the deck."
    a = tokenize(article)
    one, _ = scored(article, f"{first_half} after a storm.")
    again, _ = scored(article, f"Yesterday {first_half}.")
    together, added = merged_coverage(a, one, again)
    assert added == 0.0
    assert abs(together - one.alignment.article_coverage) < 0.05
