"""Cues: words and seams worth a second look, each with the evidence that raised it.

Three families, all driven by the lists in ``data/claims.toml``:

* language -- loaded and dehumanizing words, religious or ethnic framing of the
  sides ("Christian militias"), and superlatives the article asserts in its own
  voice ("the deadliest attack");
* spinner fingerprints -- long-form names in running news text ("Veldan
  Federation", a "Treaty Organisation" spelled out), odd synonyms that article
  spinners produce ("in keeping with" for "according to", "safety council"),
  and a name spelled two ways in one article;
* stitching seams -- a first-person reporter line in an article that names no
  reporter, a jump in topic or in time between neighbouring sentences, and
  numbers in one article that cannot all be true.

A cue is not a verdict: each says whose words it is in (a quotation, reported
speech, or the article's own voice) so a reader can weigh it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from unspun.claims.lexicon import CueWords, lexicon
from unspun.claims.words import CALENDAR, Quotes, Word
from unspun.text.tokens import STOPWORDS
from unspun.types import Bound, Cue, CueKind, DateRef, Quantity, Span, Voice

# A leading "The" is the sentence's article, not part of the name.
_TREATY = re.compile(r"\b(?!The\b)(?:[A-Z][a-z]+\s+){1,4}Treaty\s+Organi[sz]ation\b")
_NATIONAL = re.compile(r"\b[A-Z][a-z]+(?:an|ian|ese|ish|ic|i|ine)(?:\s+Arab)?\s+(?:Federation|Republic)\b")
_STATE_OF = re.compile(
    r"\b(?:(?:Federal|Islamic|Democratic|People's|Socialist|United|Arab|Hashemite|Plurinational|Bolivarian)\s+)*"
    r"(?:Republic|Kingdom|Federation|Principality|Sultanate|Emirate|Grand\s+Duchy)\s+of\s+(?:the\s+)?[A-Z][a-z]+"
)
_EXPANSION = re.compile(r"\s*\(\s*[A-Z]{2,}\s*\)")
_GENERIC_PEOPLE = frozenset({"", "people", "person"})


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What the article-wide cues need to know about one sentence."""

    index: int
    span: Span
    words: Sequence[Word]
    quantities: Sequence[Quantity]
    dates: Sequence[DateRef]
    voice: Voice
    title: bool = False


def sentence_cues(text: str, view: SentenceView, quotes: Quotes, byline: bool) -> list[Cue]:
    """The cues that one sentence raises on its own."""
    c = lexicon().cues
    start, end = view.span
    found: list[Cue] = []

    def add(kind: CueKind, s: int, e: int, note: str) -> None:
        voice = Voice.QUOTED if quotes.inside(s, e) else view.voice
        found.append(Cue(kind, text[s:e], (s, e), voice, note))

    for m in c.loaded.finditer(text, start, end):
        if not _inside_name(text, m, start):
            add(CueKind.LOADED, *m.span(), "a word that judges while it describes")
    for m in c.dehumanizing.finditer(text, start, end):
        if not _inside_name(text, m, start):
            add(CueKind.DEHUMANIZING, *m.span(), "a word that makes people into animals, vermin or disease")
    for s, e in _identity_framing(view.words, c):
        add(CueKind.IDENTITY_FRAMING, s, e, "a side named by its faith or ethnicity")
    for m in c.identity_alone.finditer(text, start, end):
        add(CueKind.IDENTITY_FRAMING, *m.span(), "a side named by its faith")
    if view.voice is Voice.NARRATOR:
        for m in c.superlatives.finditer(text, start, end):
            if not quotes.inside(*m.span()):
                add(CueKind.SUPERLATIVE, *m.span(), "a superlative the article asserts with no source")
    for kind, s, e, note in spinner_fingerprints(text, start, end, quotes):
        add(kind, s, e, note)
    if not byline:
        for m in c.first_person.finditer(text, start, end):
            if m.group().lower() == "i" and m.group() != "I":
                continue
            if not quotes.inside(*m.span()):
                add(
                    CueKind.FIRST_PERSON,
                    *m.span(),
                    "a first-person reporter line, but the article names no reporter",
                )
    return found


def spinner_fingerprints(
    text: str, start: int, end: int, quotes: Quotes
) -> list[tuple[CueKind, int, int, str]]:
    """The spinner cues one sentence raises on its own: long-form names outside quotations, odd synonyms."""
    c = lexicon().cues
    found = [
        (CueKind.LONG_FORM_NAME, s, e, note)
        for s, e, note in _long_forms(text, start, end, c)
        if not quotes.inside(s, e)
    ]
    for m in c.odd_synonym_table.finditer(text, start, end):
        usual = c.odd_synonyms.get(" ".join(m.group().lower().split()), "")
        found.append(
            (CueKind.ODD_SYNONYM, *m.span(), f"an article spinner's wording; news usually writes '{usual}'")
        )
    return found


def mangled_names(text: str, views: Sequence[SentenceView]) -> list[tuple[int, Cue]]:
    """One name spelled two ways across the article (see ``_mangled_names``), by sentence index."""
    return _mangled_names(text, views, lexicon().cues)


def has_byline(body: str) -> bool:
    """Whether the body names its reporter ("By Anna Roe"): then first person has an author."""
    return bool(lexicon().cues.bylines.search(body))


def article_cues(text: str, views: Sequence[SentenceView]) -> list[tuple[int, Cue]]:
    """Cues that compare sentences: a name spelled twice, numbers that disagree, jumps in time and topic."""
    c = lexicon().cues
    return [
        *_mangled_names(text, views, c),
        *_numbers_disagree(text, views, c),
        *_time_jumps(views),
        *_topic_jumps(text, views, c),
    ]


# ---- language ------------------------------------------------------------------------


def _inside_name(text: str, m: re.Match[str], sentence_start: int) -> bool:
    """A capitalized match in mid-sentence is part of a name ("Savage Street"), not a judgement."""
    return m.start() > sentence_start and text[m.start()].isupper() and m.group() != m.group().upper()


def _identity_framing(words: Sequence[Word], c: CueWords) -> list[Span]:
    """ "Christian militias", "ethnic Ostmarker gunmen": a faith or people word within two words of a side."""
    spans = []
    for i, w in enumerate(words):
        if not w.is_word or w.low not in c.identity:
            continue
        for k in range(i + 1, min(i + 4, len(words))):
            if not words[k].is_word:
                break
            if words[k].low in c.sides:
                spans.append((w.start, words[k].end))
                break
    return spans


# ---- spinner fingerprints ---------------------------------------------------------------


def _long_forms(text: str, start: int, end: int, c: CueWords) -> list[tuple[int, int, str]]:
    """Long-form state and treaty-body names, unless the article gives the short form right after."""
    found: list[tuple[int, int, str]] = []

    def keep(s: int, e: int, note: str) -> None:
        name = " ".join(text[s:e].lower().split())
        if name in c.long_form_exceptions or _EXPANSION.match(text, e):
            return
        if not any(fs < e and s < fe for fs, fe, _ in found):
            found.append((s, e, note))

    for m in c.long_form_table.finditer(text, start, end):
        short = c.long_forms.get(" ".join(m.group().lower().split()), "")
        keep(*m.span(), f"a long-form name in running news text; news usually writes '{short}'")
    for pattern in (_TREATY, _NATIONAL, _STATE_OF):
        for m in pattern.finditer(text, start, end):
            keep(*m.span(), "a state or treaty body spelled out in full, where news writes the short name")
    return sorted(found)


def _mangled_names(text: str, views: Sequence[SentenceView], c: CueWords) -> list[tuple[int, Cue]]:
    """One name spelled two ways: capitalized words one edit apart, the later one flagged.

    Plurals and possessives ("Front"/"Fronts") are not respellings; short words
    are left out because distinct short names often differ by one letter.
    """
    first_seen: dict[str, tuple[int, Span]] = {}
    found = []
    flagged: set[tuple[str, str]] = set()
    for view in views:
        if view.title:
            continue  # headlines capitalize every word
        body_words = [w for w in view.words if w.is_word]
        for k, w in enumerate(body_words):
            low = w.low
            if not w.cap or len(low) < c.mangled_min_length or low in CALENDAR or low in STOPWORDS:
                continue
            if k == 0 and not (k + 1 < len(body_words) and body_words[k + 1].cap):
                continue  # a capital that only starts the sentence
            if low in first_seen:
                continue
            for other, (_, other_span) in first_seen.items():
                if (
                    other[0] == low[0]
                    and abs(len(other) - len(low)) <= 1
                    and not _inflection(other, low)
                    and (other, low) not in flagged
                    and OSA.distance(other, low) == 1
                ):
                    flagged.add((other, low))
                    note = f"'{w.text}' here, '{text[other_span[0] : other_span[1]]}' earlier: one name spelled two ways?"
                    found.append(
                        (
                            view.index,
                            Cue(CueKind.MANGLED_NAME, w.text, (w.start, w.end), view.voice, note, other_span),
                        )
                    )
                    break
            first_seen[low] = (view.index, (w.start, w.end))
    return found


def _inflection(a: str, b: str) -> bool:
    """A plural, a possessive or a people's name ("Ostrevia", "Ostrevian"): one word, not two spellings."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "'s", short + "’s", short + "es", short + "n")


# ---- stitching seams ---------------------------------------------------------------------


def _interval(q: Quantity) -> tuple[float, float]:
    """The values a number as written allows: "almost 200" is 0..200, "more than 30" 30 and up."""
    if q.bound is Bound.RANGE and q.high is not None:
        return q.value, q.high
    if q.bound is Bound.ABOUT:
        return 0.75 * q.value, 1.25 * q.value
    if q.bound is Bound.OVER:
        return q.value, float("inf")
    if q.bound is Bound.UNDER:
        return 0.0, q.value
    return q.value, q.value


def _numbers_disagree(text: str, views: Sequence[SentenceView], c: CueWords) -> list[tuple[int, Cue]]:
    """Counts of the same kind of victim that cannot all be true, unless the later sentence says it was revised."""
    seen: list[tuple[int, Quantity]] = []
    found = []
    for view in views:
        revised = bool(c.revisions.search(text, view.span[0], view.span[1]))
        for q in view.quantities:
            if q.counts not in c.contradiction_counts:
                continue
            for index, earlier in seen:
                if index == view.index or earlier.counts != q.counts or earlier.unit != q.unit:
                    continue
                nouns = {earlier.noun.lower(), q.noun.lower()}
                if len(nouns) > 1 and not nouns & _GENERIC_PEOPLE:
                    continue
                (lo1, hi1), (lo2, hi2) = _interval(earlier), _interval(q)
                if (hi1 < lo2 or hi2 < lo1) and not revised:
                    note = (
                        f"'{q.text}' {q.counts} here, '{earlier.text}' in sentence {index}: "
                        "both cannot be right unless they count different events"
                    )
                    found.append(
                        (
                            view.index,
                            Cue(CueKind.NUMBERS_DISAGREE, q.text, q.span, view.voice, note, earlier.span),
                        )
                    )
                    break
            seen.append((view.index, q))
    return found


def _time_jumps(views: Sequence[SentenceView]) -> list[tuple[int, Cue]]:
    """A dated sentence far in time from the dated sentence just before it (within two sentences)."""
    limit = lexicon().dates.time_jump_days
    dated: list[tuple[int, DateRef]] = []
    found = []
    for view in views:
        ref = next((d for d in view.dates if d.date is not None and d.precision in ("day", "week")), None)
        if ref is None or ref.date is None:
            continue
        if dated and view.index - dated[-1][0] <= 2:
            index, before = dated[-1]
            assert before.date is not None
            days = abs((ref.date - before.date).days)
            if days > limit:
                note = f"{ref.date.isoformat()} follows {before.date.isoformat()} in sentence {index}: {days} days apart"
                found.append(
                    (view.index, Cue(CueKind.TIME_JUMP, ref.text, ref.span, view.voice, note, before.span))
                )
        dated.append((view.index, ref))
    return found


def _content(words: Sequence[Word]) -> set[str]:
    """Content-word stems: the first five letters of each word that is not a function word.

    Number words and reporting verbs are left out: "million" or "said" in two
    sentences does not make them one story.
    """
    lex = lexicon()
    q, verbs = lex.quantities, lex.attribution.verbs
    return {
        w.low[:5]
        for w in words
        if w.kind == "word"
        and len(w.low) >= 3
        and w.low not in STOPWORDS
        and w.low not in CALENDAR
        and w.low not in verbs
        and w.low not in q.units
        and w.low not in q.scales
        and w.low not in q.vague
    }


def _topic_jumps(text: str, views: Sequence[SentenceView], c: CueWords) -> list[tuple[int, Cue]]:
    """A body sentence that changes the story: new words, and a new name or a "meanwhile".

    Its content words, read together with the next sentence's, must all be new
    to the article (a new paragraph of the same story usually picks up a word
    the story used before, a name or "water", within two sentences), and it
    must bring in a name the article has not mentioned or open with a shift
    marker ("Meanwhile,", "Elsewhere,"), which is how stitched-in passages
    usually begin.
    """
    stems = [_content(v.words) for v in views]
    seen: set[str] = set()
    names: set[str] = set()
    found = []
    body = 0
    for n, view in enumerate(views):
        body += not view.title
        mine = _names(view.words)
        if body >= 2 and len(stems[n]) >= c.topic_min_words:
            block = stems[n] | (stems[n + 1] if n + 1 < len(views) else set())
            new = len(block - seen) / len(block)
            shift = c.topic_shift.match(text, view.span[0]) is not None
            if new >= c.topic_novelty and (mine - names or shift):
                s, e = view.span
                why = (
                    "opens with a shift of scene" if shift else f"brings in {', '.join(sorted(mine - names))}"
                )
                note = (
                    f"none of its content words (or its neighbour's) appear earlier in the article; it {why}"
                )
                found.append((view.index, Cue(CueKind.TOPIC_JUMP, text[s:e], (s, e), view.voice, note)))
        seen |= stems[n]
        names |= mine | {w.low for w in view.words if w.is_word}
    return found


def _names(words: Sequence[Word]) -> set[str]:
    """Capitalized words after the first word of a sentence: names of people, places, organisations."""
    first = next((i for i, w in enumerate(words) if w.is_word), 0)
    return {w.low for w in words[first + 1 :] if w.is_word and w.cap and w.low not in CALENDAR}
