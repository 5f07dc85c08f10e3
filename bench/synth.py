"""A fast generator of invented, news-like short documents for the scale benchmark.

Why it looks like this:

* Every word is made up here (syllable-built names, places, organisations and
  outlets, plus hand-written templates), so nothing real is ever copied into the
  repository, and the corpus is generated at run time, never committed.
* Retrieval cost depends on term statistics, not on prose quality: news has a
  small shared vocabulary (template words, far above unspun's document-frequency
  cap) and a long tail of rare anchors (names, places, numbers) drawn with a
  skew, so a few names are common and most are rare. Each document keeps one
  cast of people and places across its sentences, as a news story does.
* News corpora are full of re-publications: about 15% of documents reprint a
  recent document on another outlet, sometimes cut short or lightly edited, so
  a traced sentence has several carriers, as it does in the real world.
* It must make a million documents in a minute or two on one core: all
  randomness is drawn per document, sentences are ``str.format`` on templates,
  and the output is plain JSONL written in large blocks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1

_ONSETS: tuple[str, ...] = ("b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "r")
_ONSETS += ("s", "st", "t", "tr", "v", "z", "sh", "th", "w", "c", "pl", "sl", "fr")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ea")
_CODAS = ("", "n", "r", "l", "s", "th", "m", "k", "nd", "rt", "sk", "v")
# Novel-only names use onsets the corpus never uses, so a sentence built from
# them has no source anywhere in the generated corpus (or in 1916 newspapers).
_NOVEL_ONSETS = ("xh", "qv", "jz", "yq", "zx", "kq")
_SURNAME_ENDS = ("", "sen", "ova", "ard", "ini", "ez", "ek", "ley", "ton", "berg", "uli", "ado")
_PLACE_ENDS = ("", "ford", "vale", "mouth", "holm", "bury", "port", "stad", "wick", "ora")

_ORG_KINDS = (
    "City Council", "Port Authority", "Water Board", "Teachers' Union", "Chamber of Commerce",
    "Transit Agency", "Health Trust", "Farmers' Cooperative", "Housing Association", "Fire Service",
    "District Court", "University Hospital", "Regional Assembly", "Police Department", "Energy Company",
)  # fmt: skip
_PAPERS = ("Courier", "Ledger", "Herald", "Tribune", "Dispatch", "Gazette", "Chronicle", "Sentinel", "Post")
_ROLES = (
    "the mayor of {place}", "a spokeswoman for the {org}", "the head of the {org}", "a councillor in {place}",
    "the chief executive of the {org}", "a lawyer representing residents of {place}",
    "the director of the {org}", "a senior engineer at the {org}", "the regional health minister",
    "a spokesman for the {org}", "the chair of the {org}", "a union organiser in {place}",
)  # fmt: skip
_TOPICS = (
    "the harbour expansion", "the new bridge over the river", "water rates", "the school budget",
    "the bus network", "the hospital merger", "a plan to close the old mill", "the flood defences",
    "rents in the old town", "the wind farm proposal", "the airport runway", "the teachers' pay offer",
    "the stadium lease", "a shortage of nurses", "the ferry timetable", "the new waste plant",
    "the library closures", "a rise in burglaries", "the tram extension", "the fishing quota",
    "the power station refit", "road tolls", "the market square redesign", "the summer festival",
)  # fmt: skip
_DAYS = tuple(calendar.day_name)
_MONTHS = tuple(calendar.month_name)[1:]

# Slots: p1/p2 full names, s1/s2 surnames, r1/r2 roles, place/place2, org, topic,
# n1..n3 integers, amt money, pct percent, day, month, year.
_TEMPLATES = (
    "{p1}, {r1}, said on {day} that {topic} would cost about {amt} million.",
    "The {org} voted {n1} to {n2} on {day} to approve {topic}.",
    "{s1} told reporters in {place} that the decision had been made without proper consultation.",
    "Residents of {place} have complained about {topic} for more than {n1} years.",
    "According to figures released by the {org}, {pct} percent of households in {place} were affected.",
    "{p2}, {r2}, described the plan as a serious mistake that would hurt families in {place2}.",
    "Work on {topic} is expected to begin in {month} {year} and to take {n1} months.",
    "The {org} said it had received {n3} objections since the consultation opened in {month}.",
    "{s1} said the council would publish a full report before the end of {month}.",
    "Police in {place} said {n1} people had been detained after protests near the town hall on {day}.",
    "A survey by the {org} found that {pct} percent of people in {place2} supported {topic}.",
    "{s2} said the money would come from a loan of {amt} million agreed with the national treasury.",
    "Opposition members in {place} accused {s1} of hiding the true cost of {topic}.",
    "The last similar project in {place2} ran {n1} months late and cost {amt} million more than planned.",
    "Shops along the main road in {place} reported a drop in trade of {pct} percent during the works.",
    "{p1} first proposed {topic} in {year}, when the {org} was facing a deficit.",
    "In a statement, the {org} said it would appeal the ruling issued in {place} on {day}.",
    "Nearly {n3} people signed a petition calling on {s2} to reconsider {topic}.",
    "The {org} employs {n3} people in {place} and the surrounding villages.",
    "Engineers from {place2} warned that the site could flood during heavy rain.",
    "{s1} declined to say whether the {org} would seek further funding from {place2}.",
    "The plan includes {n1} new homes, a health centre and a car park with {n2} spaces.",
    "Local businesses in {place} said they had not been told about {topic} until {day}.",
    "The committee will meet again on {day} {n2} {month} to hear evidence from {p2}.",
    "{p2} said that {pct} percent of the budget had already been spent on planning.",
    "Critics say {topic} will mostly benefit landowners in {place2} rather than residents of {place}.",
    "The {org} rejected the claims, saying every contract had been awarded after an open tender.",
    "Traffic on the coast road near {place} was diverted for {n1} hours on {day}.",
    "The ministry said it was aware of the concerns raised by {s1} and would respond in writing.",
    "Last {month}, a court in {place2} ordered the {org} to pay {amt} million in compensation.",
    "Supporters of {topic} gathered outside the offices of the {org} in {place} on {day} evening.",
    "{s2} has led the {org} since {year} and is expected to stand for re-election.",
    "Officials said the first phase would be finished by {month}, weather permitting.",
    "The number of complaints received by the {org} rose from {n1} to {n3} in a single year.",
    "Farmers near {place2} said the plan would cut off access to {n2} hectares of grazing land.",
    "A spokesman for {p1} said the figures quoted by the {org} were out of date.",
    "The first public meeting on {topic} drew {n3} people to a school hall in {place}.",
    "Auditors found that {amt} million had been paid to contractors in {place2} without receipts.",
    "{p1} will travel to {place2} on {day} to meet representatives of the {org}.",
    "The {org} said {n1} staff members had been suspended pending an investigation.",
)
_TITLES = (
    "{place} {org_short} backs {topic}",
    "Row over {topic} deepens in {place}",
    "{s1} defends {topic} as costs rise",
    "{org} faces questions over {topic}",
    "{place} residents divided over {topic}",
    "Delays hit {topic} in {place2}",
)
# Sentences that exist only in trace articles: wording the corpus templates never use.
_NOVEL = (
    "Columnist {p1} believes the whole affair shows how little anyone in {place} listens to ordinary voters.",
    "Our own reporter counted {n1} empty storefronts while walking through {place} last weekend.",
    "Readers have written in to share memories of growing up near {place} before all this began.",
    "{p1} runs a bakery by the station and says the fuss rarely comes up with her customers.",
    "It remains to be seen whether anything will change once the cameras leave {place}.",
    "This newsletter will keep following the story, so subscribe for updates every {day}.",
    "Several readers asked us to explain the background, which we summarise in a box below.",
    "A neighbour, {p1}, keeps bees in her garden and worries about the dust from the lorries.",
)
_NOVEL_TITLES = (
    "What the {place} row tells us about local politics",
    "Five things to know this week about {place}",
    "A reader's guide to the latest fuss in {place}",
)


def _syllable(rng: random.Random, onsets: Sequence[str]) -> str:
    return rng.choice(onsets) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def _names(
    rng: random.Random, count: int, syllables: int, ends: Sequence[str], onsets: Sequence[str]
) -> list[str]:
    """``count`` distinct invented names, capitalised; deterministic for one rng state."""
    out: dict[str, None] = {}
    while len(out) < count:
        word = "".join(_syllable(rng, onsets) for _ in range(rng.randint(1, syllables))) + rng.choice(ends)
        if len(word) >= 4:
            out[word.capitalize()] = None
    return list(out)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The invented vocabulary one corpus and its trace articles draw from."""

    first: list[str]
    last: list[str]
    places: list[str]
    orgs: list[str]
    outlets: list[str]
    novel_first: list[str]
    novel_last: list[str]
    novel_places: list[str]


def make_lexicon(seed: int) -> Lexicon:
    rng = random.Random(seed)
    places = _names(rng, 9_000, 2, _PLACE_ENDS, _ONSETS)
    orgs = [f"{rng.choice(places)} {kind}" for kind in _ORG_KINDS for _ in range(150)]
    outlets = [f"The {p} {rng.choice(_PAPERS)}" for p in rng.sample(places, 400)]
    return Lexicon(
        first=_names(rng, 3_000, 2, ("",), _ONSETS),
        last=_names(rng, 80_000, 2, _SURNAME_ENDS, _ONSETS),
        places=places,
        orgs=list(dict.fromkeys(orgs)),
        outlets=outlets,
        novel_first=_names(rng, 300, 2, ("",), _NOVEL_ONSETS),
        novel_last=_names(rng, 3_000, 2, _SURNAME_ENDS, _NOVEL_ONSETS),
        novel_places=_names(rng, 1_000, 2, _PLACE_ENDS, _NOVEL_ONSETS),
    )


def _skewed(rng: random.Random, items: Sequence[str]) -> str:
    """A Zipf-like pick: a few items are frequent, most are rare (as names are in news)."""
    return items[int(len(items) * rng.random() ** 2.2)]


def _slots(rng: random.Random, lex: Lexicon, novel: bool = False) -> dict[str, str]:
    if novel:
        first, last, places = lex.novel_first, lex.novel_last, lex.novel_places
    else:
        first, last, places = lex.first, lex.last, lex.places
    s1, s2 = _skewed(rng, last), _skewed(rng, last)
    place, place2 = _skewed(rng, places), _skewed(rng, places)
    org = rng.choice(lex.orgs)
    slots = {
        "p1": f"{rng.choice(first)} {s1}",
        "p2": f"{rng.choice(first)} {s2}",
        "s1": s1,
        "s2": s2,
        "place": place,
        "place2": place2,
        "org": org,
        "org_short": org.split(" ", 1)[1],
        "topic": rng.choice(_TOPICS),
        "n1": str(rng.randint(2, 60)),
        "n2": str(rng.randint(2, 400)),
        "n3": f"{rng.randint(120, 48_000):,}",
        "amt": f"{rng.randint(1, 900)}.{rng.randint(1, 9)}",
        "pct": str(rng.randint(3, 97)),
        "day": rng.choice(_DAYS),
        "month": rng.choice(_MONTHS),
        "year": str(rng.randint(1998, 2023)),
    }
    slots["r1"] = rng.choice(_ROLES).format(place=place, org=org)
    slots["r2"] = rng.choice(_ROLES).format(place=place2, org=org)
    return slots


# Light edits a re-publisher or a spinner makes: whole-word swaps that keep the facts.
SWAPS = {
    "said": "stated",
    "about": "roughly",
    "would": "will",
    "people": "residents",
    "reported": "recorded",
    "expected": "likely",
    "warned": "cautioned",
    "complained": "grumbled",
    "begin": "start",
    "rejected": "dismissed",
    "nearly": "almost",
    "plan": "scheme",
    "serious": "grave",
    "found": "showed",
    "received": "got",
    "new": "fresh",
    "the": "this",
}
_SWAP_WORD = re.compile(r"\b(" + "|".join(SWAPS) + r")\b")


def swap_words(rng: random.Random, sentence: str, count: int) -> str:
    """Replace up to ``count`` swappable words, chosen at random, keeping everything else."""
    found = list(_SWAP_WORD.finditer(sentence))
    if not found:
        return sentence
    chosen = sorted(rng.sample(found, min(count, len(found))), key=lambda m: m.start(), reverse=True)
    for m in chosen:
        sentence = sentence[: m.start()] + SWAPS[m.group()] + sentence[m.end() :]
    return sentence


def novel_sentences(rng: random.Random, lex: Lexicon, count: int) -> list[str]:
    """Sentences with wording and names that no generated document (and no 1916 page) carries."""
    slots = _slots(rng, lex, novel=True)
    return [t.format(**slots) for t in rng.sample(_NOVEL, count)]


def novel_title(rng: random.Random, lex: Lexicon) -> str:
    return rng.choice(_NOVEL_TITLES).format(**_slots(rng, lex, novel=True))


@dataclass(frozen=True, slots=True)
class Generated:
    path: Path
    documents: int
    raw_bytes: int
    seconds: float
    reprints: int


def _documents(count: int, seed: int, lex: Lexicon) -> Iterator[tuple[dict[str, object], bool]]:
    """(record, is_reprint) for each document, dated in order across two invented years."""
    rng = random.Random(seed + 1)
    recent: deque[tuple[str, list[str]]] = deque(maxlen=5_000)
    start = dt.date(2024, 1, 1)
    span_days = 730
    for i in range(count):
        published = start + dt.timedelta(days=i * span_days // max(count, 1))
        outlet = rng.choice(lex.outlets)
        reprint = bool(recent) and rng.random() < 0.15
        if reprint:
            title, sentences = recent[rng.randrange(len(recent))]
            sentences = list(sentences)
            if len(sentences) > 5 and rng.random() < 0.5:
                sentences = sentences[: rng.randint(5, len(sentences))]
            if rng.random() < 0.4:
                k = rng.randrange(len(sentences))
                sentences[k] = swap_words(rng, sentences[k], 1)
        else:
            slots = _slots(rng, lex)
            title = rng.choice(_TITLES).format(**slots)
            sentences = [t.format(**slots) for t in rng.sample(_TEMPLATES, rng.randint(5, 10))]
            recent.append((title, sentences))
        paragraphs = [" ".join(sentences[j : j + 2]) for j in range(0, len(sentences), 2)]
        slug = outlet.lower().replace(" ", "-")
        record: dict[str, object] = {
            "id": f"syn-{i:07d}",
            "url": f"https://{slug}.example/{published.year}/{i:07d}",
            "outlet": outlet,
            "published": published.isoformat(),
            "title": title,
            "text": "\n\n".join(paragraphs),
        }
        yield record, reprint


def generate(out_dir: Path, count: int, seed: int, log: Callable[[str], None] | None = None) -> Generated:
    """Write ``count`` documents as JSONL under ``out_dir``, reusing a finished file of the same recipe.

    The file name carries the count, seed and generator version, and a sidecar
    JSON is written last, so a half-written file from an interrupted run is
    never mistaken for a finished one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"synthetic-{count}-s{seed}-v{GENERATOR_VERSION}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return Generated(path, meta["documents"], meta["raw_bytes"], meta["seconds"], meta["reprints"])
    lex = make_lexicon(seed)
    started = time.perf_counter()
    raw = reprints = 0
    block: list[str] = []
    with open(path, "w", encoding="utf-8") as fh:
        for i, (record, reprint) in enumerate(_documents(count, seed, lex), 1):
            raw += len(str(record["text"]).encode()) + len(str(record["title"]).encode())
            reprints += reprint
            block.append(json.dumps(record, ensure_ascii=False))
            if len(block) >= 20_000:
                fh.write("\n".join(block) + "\n")
                block = []
                if log and i % 100_000 == 0:
                    log(f"generated {i:,}/{count:,} documents ({time.perf_counter() - started:.0f}s)")
        if block:
            fh.write("\n".join(block) + "\n")
    seconds = time.perf_counter() - started
    meta_path.write_text(
        json.dumps({"documents": count, "raw_bytes": raw, "seconds": seconds, "reprints": reprints})
    )
    return Generated(path, count, raw, seconds, reprints)
