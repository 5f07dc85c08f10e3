"""Typed changes read off a word alignment.

Consecutive non-equal alignment blocks form one hunk (source words -> article
words); each hunk gets the most specific kind that explains it, checked from
the most harmful (a dropped attribution, a changed number) down to a plain
synonym swap. Lexicons live in ``data/lexicon.toml`` so they can be reviewed.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz.fuzz import ratio

from unspun.align.wordalign import token_span
from unspun.text.tokens import STOPWORDS
from unspun.types import Change, Span, Token

_NUMBER = re.compile(r"^\d[\d.,:]*$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$|^[A-Z][a-z]?[A-Z]{1,5}$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    attribution: frozenset[str]
    hedges: frozenset[str]
    negations: frozenset[str]
    time_words: frozenset[str]
    number_words: frozenset[str]
    minor: frozenset[str]
    pronouns: frozenset[str]
    time_modifiers: frozenset[str]
    counting: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    raw = tomllib.loads(resources.files("unspun").joinpath("data/lexicon.toml").read_text(encoding="utf-8"))
    counting = tuple(raw.pop("counting"))
    return Lexicon(counting=counting, **{key: frozenset(value) for key, value in raw.items()})


@dataclass(frozen=True, slots=True)
class _Hunk:
    a0: int
    a1: int
    s0: int
    s1: int


def find_changes(
    article_text: str,
    article: tuple[Token, ...],
    source_text: str,
    source: tuple[Token, ...],
    blocks: tuple[tuple[str, int, int, int, int], ...],
) -> tuple[Change, ...]:
    """Every typed change from ``source`` to ``article``; spans are offsets into each sentence text."""
    changes: list[Change] = []
    hunks = _hunks(blocks)
    for hunk in hunks:
        a_tok, s_tok = article[hunk.a0 : hunk.a1], source[hunk.s0 : hunk.s1]
        a_span, s_span = token_span(article, hunk.a0, hunk.a1), token_span(source, hunk.s0, hunk.s1)
        after, before = article_text[a_span[0] : a_span[1]], source_text[s_span[0] : s_span[1]]
        following = article[hunk.a1].norm if hunk.a1 < len(article) else ""
        for kind, confidence in _classify(s_tok, a_tok, before, after, following):
            changes.append(
                Change(kind, a_span, s_span, before, after, confidence, "aligned against the source")
            )
        if a_tok and s_tok and _inside_quotes(article_text, a_span) and _inside_quotes(source_text, s_span):
            changes.append(
                Change(
                    "quote_altered", a_span, s_span, before, after, 0.8, "words changed inside a quotation"
                )
            )
    changes.extend(_renames_inside(article_text, article, source_text, source, hunks, changes))
    return tuple(changes)


def _renames_inside(
    article_text: str,
    article: tuple[Token, ...],
    source_text: str,
    source: tuple[Token, ...],
    hunks: list[_Hunk],
    found: list[Change],
) -> list[Change]:
    """Names respelled or written out in full inside a larger rewrite ("closure in Russia" ->
    "in Russian Federation, which ..."), which the hunk as a whole does not show."""
    named = {c.source_span for c in found if c.kind in {"entity_renamed", "abbreviation_expanded"}}
    targets = [i for h in hunks for i in range(h.a0, h.a1) if article[i].capital]
    out: list[Change] = []
    for h in hunks:
        for j in range(h.s0, h.s1):
            name = source[j]
            if not name.capital or name.norm in STOPWORDS or len(name.norm) < 4 or name.span in named:
                continue
            for i in targets:
                run = [article[i]]
                if i + 1 < len(article) and article[i + 1].capital:
                    run.append(article[i + 1])
                if run[0].norm == name.norm:
                    continue
                grown = len(run) == 2 and run[0].norm.startswith(name.norm)
                if grown or ratio(run[0].norm, name.norm) >= 80:
                    run = run if grown else run[:1]
                    a_span = (run[0].span[0], run[-1].span[1])
                    before, after = (
                        source_text[name.span[0] : name.span[1]],
                        article_text[a_span[0] : a_span[1]],
                    )
                    out.append(
                        Change("entity_renamed", a_span, name.span, before, after, 0.75, "a name respelled")
                    )
                    break
    return out


def _hunks(blocks: tuple[tuple[str, int, int, int, int], ...]) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    current: _Hunk | None = None
    for tag, a0, a1, s0, s1 in blocks:
        if tag == "equal":
            if current:
                hunks.append(current)
            current = None
        elif current is None:
            current = _Hunk(a0, a1, s0, s1)
        else:
            current = _Hunk(current.a0, a1, current.s0, s1)
    if current:
        hunks.append(current)
    return hunks


def _classify(
    source: tuple[Token, ...], article: tuple[Token, ...], before: str, after: str, following: str = ""
) -> list[tuple[str, float]]:
    lex = lexicon()
    s_words = [t.norm for t in source]
    a_words = [t.norm for t in article]
    kinds: list[tuple[str, float]] = []
    s_passive, a_passive = _passive_reports(s_words), _passive_reports(a_words)
    s_attr = _has(s_words, lex.attribution) - s_passive
    a_attr = _has(a_words, lex.attribution) - a_passive
    if s_attr and (not a_attr or _speaker_dropped(source, article, lex)):
        kinds.append(("attribution_removed", 0.85))
    elif (
        s_attr
        and a_attr
        and s_attr != a_attr
        and not _only_words(s_words + a_words, lex.attribution | lex.minor)
    ):
        # who is said to have said it changed, not just the verb ("said" -> "stated" is a plain swap)
        kinds.append(("attribution_changed", 0.7))
    # "reported", "claimed" hedge only when they are not the attribution verb of a removed clause
    hedges = lex.hedges - lex.attribution if s_attr and not a_attr else lex.hedges
    s_hedge, a_hedge = _has(s_words, hedges) | s_passive, _has(a_words, hedges) | a_passive
    if s_hedge and not a_hedge:
        kinds.append(("hedge_removed", 0.8))
    elif a_hedge and not s_hedge:
        kinds.append(("hedge_added", 0.8))
    if _has(s_words, lex.negations) != _has(a_words, lex.negations):
        kinds.append(("negation_flipped", 0.8))
    s_num, a_num = _numbers(s_words, lex), _numbers(a_words, lex)
    if s_num and a_num and s_num != a_num:
        kinds.append(("number_changed", 0.9))
    s_time, a_time = _has(s_words, lex.time_words), _has(a_words, lex.time_words)
    reworded_when = following in lex.time_words and _has(s_words + a_words, lex.time_modifiers)
    if (s_time and s_time != a_time) or reworded_when:
        kinds.append(("time_reference_changed", 0.7))
    elif a_time and not s_time and source and len(article) <= 4:
        kinds.append(("inserted", 0.6))  # a "when" the source did not give ("made" -> "on Thursday")
    if not source or not article:
        if not kinds:
            # a lone function word ("has", "that", "Mr") is shown, but with low confidence
            confidence = 0.4 if _only_minor(s_words, a_words, lex) else 0.9
            kinds.append(("inserted" if article else "deleted", confidence))
        return kinds
    if _is_expansion(before, after):
        kinds.append(("abbreviation_expanded", 0.9))
    elif _is_expansion(after, before):
        kinds.append(("abbreviation_contracted", 0.9))
    elif _is_rename(before, after):
        kinds.append(("entity_renamed", 0.8))
    elif len(article) >= 4 and len(article) >= 3 * len(source):
        kinds.append(("inserted", 0.7))  # a clause added where a word or two was
    elif len(source) >= 4 and len(source) >= 3 * len(article):
        kinds.append(("deleted", 0.7))  # a clause dropped, a word or two left in its place
    elif not kinds and not _only_minor(s_words, a_words, lex):
        kinds.append(("word_substituted", 0.75))
    return kinds


_BE = frozenset({"be", "been", "is", "are", "was", "were", "being"})


def _passive_reports(words: list[str]) -> frozenset[str]:
    """ "have been reported killed", "is believed": a report with no one reporting is a hedge, not a source."""
    return frozenset(w for prev, w in itertools.pairwise(words) if prev in _BE and w in _PASSIVE_HEDGES)


_PASSIVE_HEDGES = frozenset(
    {"reported", "said", "claimed", "alleged", "believed", "thought", "understood", "feared"}
)


def _speaker_dropped(source: tuple[Token, ...], article: tuple[Token, ...], lex: Lexicon) -> bool:
    """A named speaker replaced by a pronoun ("the ambassador told reporters" -> "he said"): who said it is lost."""
    speaker = [t for t in source if t.norm not in lex.attribution and t.norm not in lex.minor]
    pronoun_only = all(
        t.norm in lex.attribution or t.norm in lex.pronouns or t.norm in lex.minor for t in article
    )
    return bool(speaker) and pronoun_only and any(t.norm in lex.pronouns for t in article)


def _has(words: list[str], lexicon_words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if w in lexicon_words)


def _numbers(words: list[str], lex: Lexicon) -> tuple[str, ...]:
    """Numbers as values, so "twelve" and "12" are the same number."""
    return tuple(
        str(lex.counting.index(w)) if w in lex.counting else w
        for w in words
        if _NUMBER.match(w) or w in lex.number_words
    )


def _only_minor(source: list[str], article: list[str], lex: Lexicon) -> bool:
    """Articles, auxiliaries and punctuation-level edits are not spin."""
    return _only_words(source + article, lex.minor)


def _only_words(words: list[str], allowed: frozenset[str]) -> bool:
    return all(w in allowed for w in words)


def _capital_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w’'.]+", text) if w[:1].isupper()]


def _is_expansion(short: str, long: str) -> bool:
    """``short`` is an acronym whose letters start the capitalized words of ``long``."""
    short = short.strip()
    if not _ACRONYM.match(short):
        return False
    letters = short.replace(".", "").upper()
    long = long.strip()
    if _ACRONYM.match(long) and long.replace(".", "").upper().startswith(letters) and len(long) > len(short):
        return True  # "US" -> "USA"
    words = [
        w for w in re.findall(r"[\w’']+", long) if w.lower() not in {"of", "the", "and", "for", "de", "on"}
    ]
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return len(words) >= 2 and (
        initials == letters or initials.startswith(letters) or letters.startswith(initials)
    )


def _is_rename(before: str, after: str) -> bool:
    """Both sides are names (capitalized) and one reads as a respelling or extension of the other."""
    b, a = _capital_words(before), _capital_words(after)
    if not b or not a:
        return False
    b_text, a_text = " ".join(b).lower(), " ".join(a).lower()
    if b_text in STOPWORDS or a_text in STOPWORDS:
        return False
    return ratio(b_text, a_text) >= 55 or a_text.startswith(b_text[:4]) or b_text.startswith(a_text[:4])


def _inside_quotes(text: str, span: Span) -> bool:
    """An odd number of quotation marks before the span means it sits inside a quotation."""
    head = text[: span[0]]
    return (head.count('"') % 2 == 1) or head.count("“") > head.count("”")
