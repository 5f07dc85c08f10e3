"""The word lists of ``data/claims.toml``, loaded once and typed.

Every rule of the analysis reads its vocabulary from here, so a reviewer can
change what counts as a reporting verb or a loaded word without reading code,
and the digest of the file travels with every analysis: two analyses made with
different lists say so.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def phrase_pattern(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex for a list of phrases: longest first, words apart by any space, whole words only.

    A phrase that starts or ends with a symbol ("%") gets no word boundary on that side.
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        left = r"\b" if phrase[:1].isalnum() else ""
        right = r"\b" if phrase[-1:].isalnum() else ""
        parts.append(f"{left}{body}{right}")
    return re.compile("|".join(parts) if parts else r"(?!)", flags)


def _words(raw: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w) for w in raw[key])


def _phrases(raw: Mapping[str, Any], key: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries as word tuples, longest first, for matching against tokens."""
    return tuple(sorted((tuple(str(p).split()) for p in raw[key]), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class AttributionWords:
    verbs: frozenset[str]
    inverted: frozenset[str]
    passive_by: frozenset[str]
    prefixes: tuple[tuple[str, ...], ...]
    quoted_as: tuple[tuple[str, ...], ...]
    between: frozenset[str]
    stop: frozenset[str]
    connectors: tuple[tuple[str, ...], ...]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    relatives: frozenset[str]
    appositive_openers: frozenset[str]
    vague_passive: re.Pattern[str]
    vague_phrases: re.Pattern[str]
    anonymity: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    source: frozenset[str]
    vague: frozenset[str]
    person: frozenset[str]
    official: frozenset[str]
    media: frozenset[str]
    party: frozenset[str]
    affiliated: frozenset[str]
    titles: frozenset[str]
    media_names: frozenset[str]
    party_names: frozenset[str]
    official_names: frozenset[str]

    @property
    def heads(self) -> frozenset[str]:
        """Every word that can head a speaker phrase."""
        return self.source | self.vague | self.person | self.official | self.media | self.party


@dataclass(frozen=True, slots=True)
class QuantityWords:
    dozen: int
    about: re.Pattern[str]
    over: re.Pattern[str]
    under: re.Pattern[str]
    percent: tuple[tuple[str, ...], ...]
    not_counts: frozenset[str]
    identifiers: frozenset[str]
    state_window: int
    noun_window: int
    units: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[str, int]
    symbols: Mapping[str, str]
    currencies: Mapping[str, str]
    periods: Mapping[str, str]
    duration: Mapping[str, str]
    distance: Mapping[str, str]
    weight: Mapping[str, str]
    states: tuple[tuple[str, frozenset[str]], ...]
    nouns: tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True, slots=True)
class DateWords:
    future: re.Pattern[str]
    past: frozenset[str]
    not_past: frozenset[str]
    time_jump_days: int


@dataclass(frozen=True, slots=True)
class CueWords:
    loaded: re.Pattern[str]
    dehumanizing: re.Pattern[str]
    identity: frozenset[str]
    sides: frozenset[str]
    identity_alone: re.Pattern[str]
    superlatives: re.Pattern[str]
    long_forms: Mapping[str, str]
    long_form_table: re.Pattern[str]
    long_form_exceptions: frozenset[str]
    odd_synonyms: Mapping[str, str]
    odd_synonym_table: re.Pattern[str]
    first_person: re.Pattern[str]
    bylines: re.Pattern[str]
    topic_min_words: int
    topic_novelty: float
    topic_shift: re.Pattern[str]
    contradiction_counts: frozenset[str]
    revisions: re.Pattern[str]
    mangled_min_length: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    attribution: AttributionWords
    speakers: SpeakerWords
    quantities: QuantityWords
    events: re.Pattern[str]
    dates: DateWords
    cues: CueWords
    digest: str


@cache
def lexicon() -> Lexicon:
    """The shipped word lists; read once per process."""
    data = resources.files("unspun").joinpath("data/claims.toml").read_bytes()
    return _build(tomllib.loads(data.decode("utf-8")), hashlib.sha256(data).hexdigest()[:16])


def _build(raw: Mapping[str, Any], digest: str) -> Lexicon:
    a, s, q, d, c = raw["attribution"], raw["speakers"], raw["quantities"], raw["dates"], raw["cues"]
    passive = "|".join(sorted(a["vague_passive_verbs"]))
    seams = c["seams"]
    return Lexicon(
        attribution=AttributionWords(
            verbs=_words(a, "verbs"),
            inverted=_words(a, "inverted"),
            passive_by=_words(a, "passive_by"),
            prefixes=_phrases(a, "prefixes"),
            quoted_as=_phrases(a, "quoted_as"),
            between=_words(a, "between"),
            stop=_words(a, "stop"),
            connectors=_phrases(a, "connectors"),
            determiners=_words(a, "determiners"),
            pronouns=_words(a, "pronouns"),
            relatives=_words(a, "relatives"),
            appositive_openers=_words(a, "appositive_openers"),
            # "it is believed that", "is said to have": a claim with nobody behind it
            vague_passive=re.compile(
                rf"\b(?:it\s+)?(?P<verb>(?:is|are|was|were|has\s+been|have\s+been|had\s+been|is\s+being)"
                rf"\s+(?:widely\s+|now\s+|also\s+|generally\s+|commonly\s+|further\s+)?(?:{passive}))\b"
                rf"(?P<to>\s+to\b)?",
                re.IGNORECASE,
            ),
            vague_phrases=phrase_pattern(a["vague_phrases"]),
            anonymity=phrase_pattern(a["anonymity"]),
        ),
        speakers=SpeakerWords(
            **{key: _words(s, key) for key in SpeakerWords.__dataclass_fields__},
        ),
        quantities=QuantityWords(
            dozen=int(q["dozen"]),
            about=phrase_pattern(q["about"]),
            over=phrase_pattern(q["over"]),
            under=phrase_pattern(q["under"]),
            percent=_phrases(q, "percent"),
            not_counts=_words(q, "not_counts"),
            identifiers=_words(q, "identifiers"),
            state_window=int(q["state_window"]),
            noun_window=int(q["noun_window"]),
            units={k: int(v) for k, v in q["units"].items()},
            scales={k: int(v) for k, v in q["scales"].items()},
            vague={k: int(v) for k, v in q["vague"].items()},
            symbols=dict(q["symbols"]),
            currencies=dict(q["currencies"]),
            periods=dict(q["periods"]),
            duration=dict(q["duration"]),
            distance=dict(q["distance"]),
            weight=dict(q["weight"]),
            states=tuple((k, frozenset(v)) for k, v in q["states"].items()),
            nouns=tuple((k, frozenset(v)) for k, v in q["nouns"].items()),
        ),
        events=phrase_pattern(raw["claims"]["events"]),
        dates=DateWords(
            future=phrase_pattern(d["future"]),
            past=_words(d, "past"),
            not_past=_words(d, "not_past"),
            time_jump_days=int(d["time_jump_days"]),
        ),
        cues=CueWords(
            loaded=phrase_pattern(c["loaded"]),
            dehumanizing=phrase_pattern(c["dehumanizing"]),
            identity=_words(c, "identity"),
            sides=_words(c, "sides"),
            identity_alone=phrase_pattern(c["identity_alone"]),
            superlatives=phrase_pattern(c["superlatives"]),
            long_forms=dict(c["long_forms"]),
            long_form_table=phrase_pattern(c["long_forms"]),
            long_form_exceptions=frozenset(c["long_form_patterns"]["exceptions"]),
            odd_synonyms=dict(c["odd_synonyms"]),
            odd_synonym_table=phrase_pattern(c["odd_synonyms"]),
            first_person=phrase_pattern(seams["first_person"]),
            # the keyword in any case, the name after it capitalized: "By Anna Roe", not "by the river"
            bylines=re.compile(
                r"^\s*(?i:" + "|".join(re.escape(b.strip()) for b in seams["bylines"]) + r")\s+[A-Z]",
                re.MULTILINE,
            ),
            topic_min_words=int(seams["topic_min_words"]),
            topic_novelty=float(seams["topic_novelty"]),
            topic_shift=phrase_pattern(seams["topic_shift"]),
            contradiction_counts=frozenset(seams["contradiction_counts"]),
            revisions=phrase_pattern(seams["revisions"]),
            mangled_min_length=int(seams["mangled_min_length"]),
        ),
        digest=digest,
    )
