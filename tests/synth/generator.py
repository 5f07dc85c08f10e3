"""A deterministic generator of invented news worlds and content-farm articles with known truth.

Everything here is made up: countries, places, people, outlets, organisations and events
come from small combinatorial grammars, never from real news. ``make_world(seed)`` builds

* stories: a wire original (earliest date) plus up to three re-publications on other
  outlets (later dates, verbatim or lightly edited, sometimes cut off mid-sentence, one in
  about eight undated);
* related reports: the same facts (names, numbers, places) written with different
  templates by outlets that do their own reporting. They are never sources;
* noise: unrelated local stories and blog posts;
* cases: content-farm articles stitched from two or three stories, each sentence copied,
  spun (synonyms, expanded acronyms, respelled names, changed numbers, removed
  attributions and hedges, deleted leading clauses, inserted openers, merged sentences)
  or invented, with the truth for every sentence.

Only the standard library is used, and all randomness comes from ``random.Random(seed)``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "SynthCase",
    "SynthDoc",
    "SynthWorld",
    "TruthSentence",
    "covers",
    "make_world",
    "norm",
    "shingles",
    "words",
    "write_jsonl",
]

Alteration = tuple[str, str, str]


@dataclass(frozen=True)
class SynthDoc:
    """One corpus document; ``text`` is the body paragraphs joined by blank lines, without the title."""

    id: str
    url: str
    outlet: str
    published: str | None
    title: str
    text: str


@dataclass(frozen=True)
class TruthSentence:
    """What is known about one sentence of a farm article (``i == 0`` is the title)."""

    i: int
    text: str
    origin: str  # "copied" | "spun" | "no_source_found"
    sources: tuple[str, ...]
    source_sentences: tuple[str, ...]
    alterations: tuple[Alteration, ...]


@dataclass(frozen=True)
class SynthCase:
    """A content-farm article (title line, dateline line, blank line, body) and its truth."""

    article_text: str
    article_published: str
    truth: tuple[TruthSentence, ...]


@dataclass(frozen=True)
class SynthWorld:
    docs: tuple[SynthDoc, ...]
    cases: tuple[SynthCase, ...]


# ---------------------------------------------------------------------------------------------
# text helpers (the same normalisation as the shared scorer)

_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-", "\xa0": " "}
)


def norm(text: str) -> str:
    """Lower case, straight quotes, single spaces."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text))


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """All runs of ``n`` consecutive words of ``text``."""
    ws = words(text)
    return {tuple(ws[k : k + n]) for k in range(len(ws) - n + 1)}


def covers(label_text: str, out_text: str) -> bool:
    """The scorer's rule: the output sentence lies mostly inside the labelled one, or holds most of it."""
    lw, ow = words(label_text), words(out_text)
    if not lw or not ow:
        return False
    blocks = difflib.SequenceMatcher(None, lw, ow, autojunk=False).get_matching_blocks()
    same = sum(b.size for b in blocks)
    return same / len(ow) >= 0.6 or same / len(lw) >= 0.6


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text and text[0].islower() else text


# ---------------------------------------------------------------------------------------------
# invented vocabulary

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NUM_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
}
_WORD_NUMS = {w: n for n, w in _NUM_WORDS.items()}

_COUNTRIES = (
    ("Valdoria", "Valdorian"),
    ("Ostrevia", "Ostrevian"),
    ("Calvenna", "Calvennan"),
    ("Quorvia", "Quorvian"),
    ("Selmarra", "Selmarran"),
    ("Tessavin", "Tessavine"),
    ("Brisvaal", "Brisvaali"),
    ("Karvenia", "Karvenian"),
    ("Orlesk", "Orleskan"),
    ("Vintaro", "Vintaran"),
    ("Marrowen", "Marrowene"),
    ("Dessaly", "Dessalian"),
)
_FIRST_F = (
    "Petra", "Helena", "Ilsa", "Amara", "Mirela", "Odile", "Tamsin", "Jorunn", "Vesna", "Ilka",
    "Saskia", "Lidvina", "Orsolya", "Kaija", "Brenna", "Ysolde", "Marit", "Zofka", "Nadira", "Elsabet",
    "Kristel", "Tova", "Aurelie", "Signe", "Carola", "Livia", "Rhosyn", "Dagny", "Veronika", "Halina",
)  # fmt: skip
_FIRST_M = (
    "Aldo", "Teodor", "Casimir", "Lorcan", "Mattis", "Oskar", "Vilem", "Tarek", "Jonas", "Emeric",
    "Radek", "Anselm", "Bertil", "Corvin", "Dusan", "Evert", "Gideon", "Hakon", "Ivo", "Kasper",
    "Leopold", "Milos", "Nikolai", "Ottokar", "Piet", "Ruben", "Stellan", "Tobiah", "Valter", "Wendel",
)  # fmt: skip
_SURNAME_HEADS = (
    "Vas", "Brand", "Quel", "Fenn", "Var", "Hal", "Mor", "Kest", "Dral", "Sel", "Thorn", "Bel",
    "Cal", "Grev", "Lind", "Pell", "Ruv", "Task", "Wen", "Yar", "Zel", "Kov", "Nik", "Lor", "Orv",
    "Tam", "Dusk", "Ferr", "Gald", "Hask", "Ilv", "Jov", "Kal", "Mek", "Nor", "Pav", "Rask", "Strel",
    "Tov", "Ulm", "Vey", "Zar", "Brek", "Cors", "Dovr", "Kamen", "Olsk", "Vask",
)  # fmt: skip
_SURNAME_TAILS = (
    "quel", "lund", "ling", "ro", "ov", "ei", "ack", "enko", "by", "ard", "ett", "ander", "ic",
    "elli", "arov", "holm", "ey", "in", "as", "orn", "evic", "ask", "ani", "ecki",
)  # fmt: skip
_PLACE_HEADS = (
    "Kess", "Harrow", "Less", "Brack", "Colb", "Sarn", "Aldin", "Merrow", "Quill", "Vant", "Orm",
    "Tarr", "Wend", "Skarr", "Rav", "Eld", "Brisk", "Morr", "Cald", "Hes", "Yarl", "Zenn", "Lurr",
    "Pell", "Tov", "Gald", "Vir", "Drass", "Gorm", "Hollin", "Ivar", "Jessel", "Kern", "Lomm",
    "Nesh", "Ossel", "Prenn", "Rood", "Thorv", "Ull", "Vesk", "Wrax", "Ambel", "Corr", "Frith",
)  # fmt: skip
_PLACE_TAILS = (
    "moor", "ford", "water", "mere", "bridge", "holt", "wick", "stead", "vale", "haven", "dene",
    "garth", "reach", "field", "ness", "by", "stow", "crag", "fell", "wold",
)  # fmt: skip

_HEDGES = ("reportedly", "allegedly", "apparently")
_GENERIC_ATTRIBS = (
    "officials said",
    "officials told the {wire_long}",
    "state media reported",
    "according to local media",
    "a government spokesperson said",
    "the {org1_acr} said",
    "according to the {org1_acr}",
    "according to the {org1}",
    "a spokesperson for the {org1_acr} said",
)
_LEADS = (
    "On {weekday}, ",
    "Late on {weekday}, ",
    "Earlier on {weekday}, ",
    "By {weekday} evening, ",
    "Meanwhile, ",
    "Separately, ",
    "At the same time, ",
    "In {city}, ",
)
_INSERTS = (
    "Shockingly, ",
    "Incredibly, ",
    "Tellingly, ",
    "Predictably, ",
    "Astonishingly, ",
    "Unsurprisingly, ",
)
_TITLE_INSERTS = ("SHOCKING: ", "REVEALED: ", "MUST READ: ", "EXPOSED: ")
_BANNED_ACRONYMS = frozenset(
    {"BBC", "CNN", "NATO", "UN", "EU", "WHO", "FBI", "CIA", "IMF", "NBA", "NFL", "NHS", "CPU"}
)

# single-word swaps a spinner (or a lightly editing sub-editor) makes
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "said": ("stated", "noted"),
    "troops": ("soldiers",),
    "soldiers": ("troops",),
    "villages": ("hamlets",),
    "rain": ("rainfall",),
    "people": ("individuals", "persons"),
    "residents": ("inhabitants", "locals"),
    "damage": ("destruction",),
    "warned": ("cautioned",),
    "confirmed": ("verified",),
    "closed": ("shut",),
    "shelters": ("refuges",),
    "homes": ("houses", "dwellings"),
    "families": ("households",),
    "sharply": ("steeply",),
    "voters": ("electors",),
    "ballots": ("votes",),
    "supporters": ("backers",),
    "rally": ("gathering",),
    "victory": ("triumph", "win"),
    "clashes": ("skirmishes",),
    "fighters": ("militants",),
    "rebels": ("insurgents",),
    "shelled": ("bombarded",),
    "border": ("frontier",),
    "fighting": ("combat",),
    "wounded": ("injured",),
    "talks": ("negotiations",),
    "dispute": ("row", "quarrel"),
    "deal": ("pact",),
    "agreement": ("accord",),
    "levy": ("tax", "charge"),
    "jobs": ("positions",),
    "court": ("tribunal",),
    "ruling": ("verdict", "judgment"),
    "verdict": ("ruling",),
    "judges": ("justices",),
    "seizure": ("confiscation",),
    "match": ("game",),
    "fans": ("supporters",),
    "coach": ("manager",),
    "season": ("campaign",),
    "defeat": ("loss",),
    "researchers": ("scientists",),
    "scientists": ("researchers",),
    "discovered": ("uncovered", "found"),
    "findings": ("results",),
    "study": ("research",),
    "specimens": ("samples",),
    "previously": ("formerly",),
    "outbreak": ("epidemic",),
    "patients": ("sufferers",),
    "doctors": ("physicians",),
    "symptoms": ("signs",),
    "disease": ("illness",),
    "began": ("started",),
    "begin": ("start",),
    "announced": ("declared",),
    "expected": ("anticipated",),
    "estimate": ("reckon",),
    "urged": ("pressed",),
    "crowd": ("throng",),
    "postponed": ("delayed",),
    "repairs": ("fixes",),
    "precaution": ("safeguard",),
    "contested": ("disputed",),
    "collapsed": ("crumbled",),
    "emergency": ("crisis",),
    "officials": ("authorities",),
    "police": ("officers",),
    "attack": ("assault",),
    "warning": ("alert",),
    "warnings": ("alerts",),
    "prices": ("costs",),
    "protest": ("demonstration",),
    "government": ("administration",),
    "opened": ("launched",),
    "built": ("constructed",),
    "help": ("assist",),
    "rose": ("climbed",),
    "reached": ("hit",),
    "evidence": ("proof",),
    "concede": ("yield",),
    "detained": ("arrested",),
    "floods": ("swamps", "deluges"),
    "collapse": ("failure",),
    "beat": ("defeat",),
    "stuns": ("shocks",),
    "jails": ("imprisons",),
    "hits": ("reaches",),
    "strain": ("pressure",),
    "quickly": ("rapidly",),
    "huge": ("massive",),
    "furious": ("angry",),
    "cases": ("infections",),
    "hospital": ("clinic",),
}
_SYNONYM_RE = re.compile(r"\b(" + "|".join(sorted(_SYNONYMS, key=len, reverse=True)) + r")\b")
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\w)(?![.,]\d)")
_WORD_NUMBER_RE = re.compile(r"\b(" + "|".join(_WORD_NUMS) + r")\b")
_HEDGE_RE = re.compile(r"\b(" + "|".join(_HEDGES) + r") ")
_DATELINE_RE = re.compile(r"^[A-Z][A-Z'\- ]+, [A-Z][a-z]+ \([A-Z]+\) — ")
_END_RE = re.compile(r"[.!?][\"'”’]?$")


# ---------------------------------------------------------------------------------------------
# topics: a fact schema plus wire, related (other wording) and farm-paraphrase templates.
# ``[a|b]`` picks one alternative, ``{slot}`` is a fact. ``{lead}``, ``{attrib}`` and ``{hedge}``
# are optional leading clauses, trailing attributions and hedges. A template starts in lower case
# where its first word is an ordinary word (it is capitalised when rendered).

Fixer = Callable[[random.Random, dict[str, str]], None]


@dataclass(frozen=True)
class _Topic:
    name: str
    persons: Mapping[str, str]  # slot -> honorific: "" (Mr./Ms.), "-" (bare surname), "Dr.", "Gen.", ...
    orgs: Mapping[str, tuple[str, ...]]
    places: Mapping[str, str]  # slot -> pattern with {P} for a fresh place name
    numbers: Mapping[str, tuple[str, int, int]]
    titles: tuple[str, ...]
    wire: tuple[str, ...]
    related: tuple[str, ...] = ()
    paraphrase: tuple[str, ...] = ()
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    attribs: tuple[str, ...] = ()
    fix: Fixer | None = None


def _fix_election(rng: random.Random, f: dict[str, str]) -> None:
    total = int(f["total_seats"])
    f["n_seats"] = str(total // 2 + rng.randint(1, 18))


def _fix_court(rng: random.Random, f: dict[str, str]) -> None:
    bench = rng.choice((7, 9, 11))
    maj = rng.randint(bench // 2 + 1, bench - 1)
    spelled = {1: "one", **_NUM_WORDS}
    f["n_bench"], f["n_maj"], f["n_min"] = spelled[bench], spelled[maj], spelled[bench - maj]
    a = rng.randint(2019, 2024)
    f["year_a"], f["year_b"] = str(a), str(a + rng.randint(2, 5))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fix_sports(rng: random.Random, f: dict[str, str]) -> None:
    s1 = rng.randint(1, 4)
    f["score1"], f["score2"] = str(s1), str(rng.randint(0, s1 - 1))
    minute = rng.randint(55, 89)
    f["minute_ord"], f["n_left"] = _ordinal(minute), str(90 - minute)


def _fix_years(rng: random.Random, f: dict[str, str]) -> None:
    a = rng.randint(2021, 2025)
    f["year_a"], f["year_b"] = str(a), str(a + rng.randint(1, 4))


_FLOOD = _Topic(
    name="flood",
    persons={"minister": "", "witness": "", "witness2": "", "engineer": "", "forecaster": "Dr."},
    orgs={
        "org1": ("{region} Civil Protection Office", "{region} Flood Rescue Service", "{region} Disaster Relief Board"),
        "org2": ("{country_adj} Meteorological Service", "{country_adj} Weather Bureau", "{P} Hydrology Institute"),
    },
    places={"dam": "{P} Dam", "village": "{P}"},
    numbers={
        "n_villages": ("word", 3, 9),
        "n_rescued": ("int", 80, 900),
        "n_dead": ("int", 4, 60),
        "n_troops": ("k", 600, 4000),
        "n_boats": ("int", 12, 90),
        "volume": ("dec", 12, 98),
        "rain_mm": ("int", 40, 220),
        "n_homes": ("k", 2000, 40000),
        "n_shelters": ("int", 6, 40),
        "damage": ("int", 20, 400),
    },
    choices={"dam_decade": ("1950s", "1960s", "1970s", "1980s")},
    attribs=("rescue workers said", "police said", "according to the {org2_acr}"),
    titles=(
        "Dam [collapse|failure] floods {region} villages, thousands evacuated",
        "{dam} gives way as floods sweep {region} Province",
        "{n_dead} dead after {dam} bursts in {region}, {org1_acr} says",
        "Floods cut off {n_villages} villages as [dam fails|reservoir bursts] in {country}",
    ),
    wire=(
        "the {dam} in {region} Province [gave way|collapsed|burst|failed] [early|before dawn on] {weekday} after "
        "[days|a week|ten days] of [torrential|relentless|unusually fierce] [rain|downpours], [sending|unleashing] "
        "a [wall|surge|torrent] of water [through|into|across] at least {n_villages} villages{attrib}.",
        "{lead}[rescue crews|rescue teams|emergency crews] from the {org1} had [pulled|lifted|plucked] "
        "{n_rescued} people from [rooftops|roofs|attics] and [trees|barns|church towers] by "
        "[mid-afternoon|nightfall|late evening|the end of the day].",
        "at least {n_dead} people were confirmed dead and [dozens|scores|many] more were {hedge}"
        "[missing|unaccounted for|still being sought] [in the flooded valleys|along the river|in the worst-hit "
        "areas]{attrib}.",
        "“The water came [faster|quicker|higher] than anyone [believed|thought|imagined] possible,” said "
        "{witness}, who [escaped|fled|got out] with [a grandson|two neighbours|an elderly uncle] from the "
        "village of {village}.",
        "the {dam_decade} [earthwork|earth-fill|concrete] dam held back [about|roughly|nearly] {volume} million "
        "cubic metres of water and had [long|repeatedly|for years] been [listed|flagged] as "
        "[a concern|a risk|a priority] by [inspectors|safety inspectors|the national dam authority]{attrib}.",
        "water engineer {engineer}, who [inspected|surveyed|examined] the dam in {year_past}, told the "
        "{wire_long} that [repairs to its spillway|work on its spillway|spillway repairs] had been "
        "[postponed|put off|delayed] [twice|three times|repeatedly].",
        '"We [flagged|reported|raised] it [twice|again and again|in writing], and [nothing was done|nobody '
        'listened|nothing happened]," {engineer_ref} [said|added].',
        "Interior Minister {minister} said the army would [send|deploy|dispatch] {n_troops} troops and "
        "{n_boats} [boats|rescue boats|inflatable boats] to the province [by {weekday2}|within hours|overnight].",
        "schools in {city} and [nearby|neighbouring] {town} will [stay|remain] closed until at least {weekday2}, "
        "and [several|most|many] [main|major|trunk] roads [remain|are still] under water{attrib}.",
        "{lead}the [regional|provincial] power grid was {hedge}[knocked out|cut|disabled] for more than "
        "{n_homes} homes, leaving [families|residents|households] without [heating|power|light] "
        "[overnight|through the night]{attrib}.",
        "forecasters at the {org2} [warned|said] that another {rain_mm} millimetres of rain could fall on the "
        "[hills|uplands|slopes] above {town} [before {weekday2}|over the next two days|by the weekend].",
        "{lead}engineers from the {org1_acr} were [assessing|inspecting|checking] [two|three] smaller "
        "[reservoirs|dams] [downstream|further down the valley], which [residents|officials|local people] fear "
        "could also [fail|give way]{attrib}.",
        "the {org1_acr} said it had [opened|set up] {n_shelters} emergency shelters in [sports halls|gyms|"
        "community centres] and schools across the [province|region], [most of them|many of them] already "
        "[full|overcrowded].",
        "“How many more warnings did they need?” asked {witness2}, a [farmer|baker|teacher|retired nurse] from "
        "{village}, [standing|speaking] [beside|outside|in front of] a ruined [barn|bakery|house|workshop].",
        "{lead}insurers [put|estimated] the damage at {damage} million crowns, though [analysts|brokers|"
        "underwriters] [cautioned|warned] that the [figure|total|bill] could rise sharply [in the coming weeks|"
        "as the water recedes].",
        "{forecaster_t} of the {org2_acr} {hedge}described the [rainfall|downpour|deluge] as the "
        "[heaviest|most intense|worst] recorded in {region} since {year_old}.",
    ),
    related=(
        "Floodwater from the ruptured {dam} [swamped|inundated] {n_villages} villages across {region} "
        "Province on {weekday}.",
        "The confirmed death toll reached {n_dead} by {weekday} evening, while {n_rescued} survivors were "
        "[lifted|winched] to safety from roofs.",
        "{minister}, who heads the interior ministry, pledged {n_troops} soldiers and {n_boats} boats for the "
        "relief operation.",
        "Survivors in {village} spoke of a torrent that arrived with almost no warning and swept away cars.",
        "{engineer} said the dam’s spillway had needed urgent work since at least {year_past}.",
        "The reservoir’s {volume} million cubic metres drained in under an hour, according to engineers.",
        "Classes in {city} and {town} are suspended until {weekday2} at the earliest, the education office said.",
        "Up to {rain_mm} millimetres of further rainfall is forecast for the uplands by the {org2_acr}.",
        "Roughly {n_homes} households lost electricity as substations flooded across the province.",
    ),
    paraphrase=(
        "Authorities admit {n_dead} lives were lost once the {dam} gave out in {region}.",
        "Some {n_rescued} survivors had to be hauled off rooftops after the dam in {region} failed.",
        "{minister_ref} has promised {n_troops} soldiers plus {n_boats} boats to the stricken province.",
        "As far back as {year_past}, {engineer_ref} flagged that spillway as unsafe.",
    ),
)

_ELECTION = _Topic(
    name="election",
    persons={"leader": "", "challenger": "", "official": "Dr.", "analyst": "Prof.", "voter": ""},
    orgs={
        "org1": ("{country_adj} Electoral Commission", "Central Election Board of {country}"),
        "party1": (
            "People's Lantern Party",
            "Civic Beacon Alliance",
            "United Meadow Movement",
            "Free Harbour League",
            "Democratic Compass Party",
        ),
        "party2": (
            "Progressive Granary Front",
            "Kestrel Reform Alliance",
            "Civic Anchor Movement",
            "People's Heritage Union",
            "New Orchard Party",
        ),
        "org2": ("{region} Observer Mission", "{region} Ballot Monitoring Network"),
    },
    places={"univ": "the University of {P}"},
    numbers={
        "turnout": ("dec", 480, 790),
        "pct_counted": ("int", 62, 97),
        "pct_leader": ("dec", 380, 550),
        "pct_rival": ("dec", 250, 370),
        "n_complaints": ("int", 40, 600),
        "n_stations": ("int", 30, 400),
        "n_detained": ("int", 4, 40),
        "leader_age": ("int", 48, 74),
    },
    choices={"total_seats": ("151", "175", "201", "225")},
    attribs=("election officials said", "observers said"),
    fix=_fix_election,
    titles=(
        "{party1_acr} claims victory in {country} election as turnout hits {turnout} per cent",
        "{country} votes in tight election as {leader} seeks [second|third] term",
        "Opposition cries foul after {party1} wins {country} poll",
        "{org1_acr} delays final results in disputed {country} election",
    ),
    wire=(
        "voters in {country} [turned out in large numbers|queued for hours|went to the polls] on {weekday} in a "
        "[parliamentary|general] election [seen as|widely viewed as] a referendum on Prime Minister {leader} and "
        "the ruling {party1}{attrib}.",
        "with [ballots|votes] from {pct_counted} per cent of polling stations [counted|tallied], the "
        "{party1_acr} [had|held|was on] {pct_leader} per cent [of the vote|] against {pct_rival} per cent for "
        "the {party2}.",
        "turnout [reached|stood at|climbed to] {turnout} per cent, the highest in [two decades|a generation|"
        "more than 20 years]{attrib}.",
        "“Tonight the people of {country} have chosen [stability over chaos|hope over fear|work over words],” "
        "{leader} told [cheering|jubilant|flag-waving] supporters at a [rally|victory party] in {city}.",
        "{challenger}, who leads the {party2_acr}, [refused|declined] to concede and said {challenger_pos} party "
        "had [documented|recorded|logged] {n_complaints} cases of [ballot stuffing|vote buying] and intimidation.",
        '"We will not accept a result [written|decided|cooked up] in the back rooms of {capital}," '
        "{challenger_ref} [said|told reporters|declared].",
        "{official_t}, who chairs the {org1}, said [final|certified|official] results would be "
        "[published|announced|released] by {weekday2} [at the latest|evening|morning].",
        "{lead}observers from the {org2} said voting had been [largely orderly|mostly calm|generally peaceful], "
        "though they {hedge}[noted|reported|recorded] [long queues|delays|shortages of ballot papers] at "
        "{n_stations} polling stations in [rural districts|the countryside|remote areas].",
        "the {party1_acr} is [projected|expected|on course] to win {n_seats} of the {total_seats} seats in "
        "[parliament|the assembly], enough to govern [without a coalition partner|alone|without allies]{attrib}.",
        "police in {town} {hedge}detained {n_detained} people after [scuffles|fights|a brawl] broke out "
        "[outside|near] a polling station shortly after 7 a.m. on {weekday}{attrib}.",
        "{analyst_t} of {univ} said the result [reflected|showed|revealed] [deep|widespread|growing] unease "
        "about [rising food prices|the cost of living] and unemployment in the [north|south|east].",
        "{lead}the {party2_acr} has called supporters to a [protest|march|rally] in central {capital} on "
        "{weekday2}, raising fears of [unrest|confrontation|clashes] with police{attrib}.",
        "“I waited three hours in the [rain|cold], but I would wait six if I had to,” said {voter}, a "
        "[nurse|mechanic|pensioner|student] voting in {town}.",
        "{leader}, {leader_age}, first came to power in {year_past} promising to [tackle|end|root out] "
        "corruption, but [critics|opponents|rivals] say [little|not much|almost nothing] has changed "
        "[since|in practice].",
        "the {org1_acr} said it had received {n_complaints} formal complaints and would "
        "[investigate|examine|review] each [one|of them] before [certifying|approving|confirming] the count.",
    ),
    related=(
        "Polls closed across {country} on {weekday} after a day of heavy voting, with turnout put at "
        "{turnout} per cent.",
        "Early counts gave the {party1} {pct_leader} per cent, with the {party2} trailing on {pct_rival} "
        "per cent.",
        "{challenger} told supporters there was evidence of {n_complaints} separate irregularities at "
        "polling places.",
        "The {org1} expects to certify the count by {weekday2}, a spokeswoman for the body said.",
        "International monitors described the vote as broadly calm despite delays at {n_stations} rural "
        "stations.",
        "{leader} hailed the outcome as a vote for stability during a late-night speech in {city}.",
        "A projected {n_seats} seats would hand the {party1_acr} an outright majority in the chamber.",
    ),
    paraphrase=(
        "Turnout climbed to {turnout} per cent, and the ruling camp treats that as a mandate.",
        "{challenger_ref} insists there were {n_complaints} irregularities and is refusing to back down.",
        "The governing party now looks set for {n_seats} seats and a majority all of its own.",
        "Nobody disputes that {leader_ref} took {pct_leader} per cent, yet questions linger.",
    ),
)

_CLASH = _Topic(
    name="clash",
    persons={"general": "Gen.", "fm": "", "witness": "", "medic": "Dr.", "spokes": "Col."},
    orgs={
        "org1": ("{valley} Liberation Front", "{valley} Independence Army", "{valley} People's Militia"),
        "org2": (
            "Northern Coastal Treaty Organisation",
            "Southern Lakeland Treaty Organisation",
            "Inner Steppe Security Council",
            "Boreal Highland Defence Pact",
        ),
    },
    places={"valley": "{P}"},
    numbers={
        "n_posts": ("word", 2, 6),
        "hour": ("int", 9, 11),
        "n_killed": ("int", 3, 30),
        "n_wounded": ("int", 10, 90),
        "n_troops": ("k", 800, 5000),
        "n_displaced": ("k", 1500, 20000),
        "km": ("int", 5, 25),
        "n_shells": ("int", 40, 300),
        "year_truce": ("int", 2012, 2026),
    },
    attribs=("the defence ministry said", "military sources said", "diplomats said"),
    titles=(
        "Rebels shell {country} border posts in {valley} Valley",
        "{org1_acr} fighters attack border posts as tensions rise with {country2}",
        "{country} accuses {country2} of arming {valley} rebels after deadly clash",
        "Clashes in disputed {valley} Valley leave {n_killed} dead",
    ),
    wire=(
        "fighters of the {org1}, a separatist group {country} says is [armed|backed|supplied] by {country2}, "
        "[shelled|attacked|fired on] {n_posts} border posts near {town} shortly after {hour} p.m. on "
        "{weekday}{attrib}.",
        "at least {n_killed} [soldiers and civilians|people, among them civilians,] were killed and {n_wounded} "
        "others wounded in the [fighting|exchange of fire|overnight battle]{attrib}.",
        "“We have never [supplied|sent|given] a single rifle to these groups,” {country2_adj} Foreign Minister "
        "{fm} told the {wire_long} [by telephone|in an interview|from {capital}].",
        "Gen. {general}, commander of {country}'s [Northern|Eastern|Western] District, said [about|some|roughly] "
        "{n_troops} troops had been {hedge}[moved|sent|deployed] into the valley as a precaution.",
        "the valley has been [contested|disputed|fought over] since the two states [separated|split|parted ways] "
        "in {year_old}, and a [truce|ceasefire] [brokered|agreed|signed] in {year_truce} [collapsed|broke down] "
        "last year.",
        "{lead}residents of {town} [spent the night|sheltered|hid] in [basements|cellars] as [shells|mortar "
        "rounds|rockets] [landed|fell|exploded] near the [main square|market|railway station]{attrib}.",
        "“The children were [screaming|crying], and we could not get them out,” said {witness}, whose house on "
        "the [edge|outskirts] of {town} was [hit|struck] [twice|three times].",
        "{medic_t}, who runs the only hospital in {town}, said [staff|doctors] had treated {n_wounded} "
        "[patients|wounded] overnight and were running [short of|low on] [blood|bandages|painkillers].",
        "the {org1_acr} said in a statement that its fighters had {hedge}[destroyed|hit|captured] an army "
        "[depot|checkpoint|supply post] and would [continue|press on|keep fighting] until {country} withdrew its "
        "forces.",
        "{lead}aid agencies estimate that some {n_displaced} people have [fled|left|escaped] the valley since "
        "the [start|beginning] of the month{attrib}.",
        "the {org2} urged both governments to [exercise|show] restraint and offered to [send|deploy] monitors "
        "to the {km}-kilometre border strip{attrib}.",
        "{country}'s defence ministry said its artillery had fired {n_shells} rounds in [response|return], "
        "[targeting|hitting] positions it said were used by the [rebels|separatists|militia].",
        '"This is an act of war dressed up as a local [dispute|quarrel|squabble]," {general_ref} told reporters '
        "at a [briefing|news conference] in {city}.",
        "{country2_adj} state television {hedge}showed [footage|images|video] of burning [vehicles|trucks|buses] "
        "on a road outside {town}, but the [images|pictures] could not be [independently verified|verified|"
        "confirmed].",
        "{spokes_t}, a spokesman for the army, said an ‘unknown number’ of fighters had crossed the river "
        "[before dawn|overnight|under cover of fog].",
    ),
    related=(
        "Separatists from the {org1_acr} opened fire on {n_posts} frontier posts around {town} late on "
        "{weekday}.",
        "The army put the number of dead at {n_killed}, with {n_wounded} more being treated in hospital.",
        "{fm}, {country2}'s top diplomat, rejected claims that {fm_pos} country arms the rebels.",
        "Around {n_troops} extra soldiers have been sent to the valley, according to Gen. {general}.",
        "Relief groups say {n_displaced} residents have abandoned their homes since fighting flared.",
        "The {org2_acr} has offered to deploy observers along the frontier if both sides agree.",
        "The quarrel over the valley dates back to {year_old}, when the two countries split apart.",
    ),
    paraphrase=(
        "{general_ref} has now rushed about {n_troops} soldiers into the area.",
        "Some {n_displaced} people are said to have abandoned the valley since the shooting began.",
        "{fm_ref} flatly denies that {country2} has ever handed weapons to the separatists.",
        "The shelling killed {n_killed} and left {n_wounded} needing treatment.",
    ),
)

_TRADE = _Topic(
    name="trade",
    persons={"tm": "", "cm": "", "negotiator": "Dr.", "exporter": "", "economist": "Prof."},
    orgs={
        "org1": ("Western Amber Trade Council", "Boreal Commerce Forum", "Inner Sea Trade Council", "{region} Customs Union"),
        "org2": ("{country_adj} Chamber of Commerce", "{country_adj} Export Council"),
    },
    places={"univ": "the University of {P}"},
    numbers={
        "tariff": ("int", 8, 40),
        "trade_value": ("dec", 11, 99),
        "n_jobs": ("k", 2000, 30000),
        "quota": ("k", 10000, 200000),
        "n_years": ("word", 3, 9),
        "gdp": ("dec", 3, 24),
        "stock": ("dec", 12, 89),
    },
    choices={
        "goods": ("timber", "barley", "copper wire", "salted fish", "wool", "potash"),
        "goods2": ("glassware", "machine parts", "fertiliser", "dried fruit", "cement", "leather"),
    },
    attribs=("diplomats said", "people close to the talks said", "according to the {org2}"),
    titles=(
        "{country} and {country2} resume trade talks over {goods} tariffs",
        "Trade talks stall as {country2} rejects {goods} quota",
        "{org1_acr} hosts last-ditch talks to avert tariff war",
        "Breakthrough hopes fade in {country}-{country2} trade negotiations",
    ),
    wire=(
        "negotiators from {country} and {country2} [resumed|reopened|restarted] talks in {city} on {weekday} "
        "aimed at [ending|settling|resolving] a [months-long|year-long|bitter] dispute over [tariffs|duties] on "
        "{goods} and {goods2}{attrib}.",
        "{country2} imposed a {tariff} per cent levy on {country_adj} {goods} in {month_past}, [prompting|"
        "triggering|provoking] [retaliatory|matching|tit-for-tat] duties on {goods2} within [weeks|days|a month].",
        "[bilateral|cross-border|two-way] trade between the [two neighbours|countries|two states] was worth "
        "[about|around|roughly] {trade_value} billion crowns [last year|in {year_past}]{attrib}.",
        "Trade Minister {tm} said {tm_pos} government was [cautiously optimistic|hopeful|quietly confident] that "
        "a deal could be [reached|struck|agreed] before the {org1_acr} summit on {weekday2}.",
        "“Nobody wins a tariff war, least of all the [farmers|fishermen] and dock workers who pay for it,” "
        "{tm_ref} told reporters [outside the talks|on the way in|during a break].",
        "{country2_adj} Economy Minister {cm} {hedge}insisted that any agreement must [include|guarantee|contain] "
        "an annual quota of {quota} tonnes for {country2_adj} [exporters|producers|firms].",
        "{lead}the {org1}, which is [mediating|chairing the talks|acting as broker], has [proposed|suggested] "
        "phasing out the levies over {n_years} years in exchange for joint [customs|border] inspections.",
        "exporters say the dispute has already cost [about|some|nearly] {n_jobs} jobs in [port towns|harbour "
        "districts|coastal communities] [along the coast|in the north|in the west]{attrib}.",
        '"Our [warehouses|sheds|stores] are full and our buyers have gone [elsewhere|abroad]," said {exporter}, '
        "who runs a {goods} [business|firm|company] in {town}.",
        "{economist_t} of {univ} [estimated|calculated] that [lifting|scrapping] the tariffs would add {gdp} "
        "per cent to [economic growth|output] [next year|within two years].",
        "{lead}talks broke down in {month_past2} after the two delegations [failed to|could not] agree on how "
        "to [verify|check|certify] the origin of [goods|shipments|cargo] passing through {country3}.",
        "the {org1_acr} secretariat said a draft text had been [circulated|shared|sent] to both delegations, "
        "but [key|several|crucial] clauses remained in square brackets{attrib}.",
        "“We are closer than we were a week ago, but not close enough,” {negotiator_t}, the {org1_acr}’s chief "
        "[mediator|negotiator], said on {weekday}.",
        "shares in [shipping|freight|logistics] firms listed in {capital} rose by {stock} per cent on hopes of "
        "a [deal|breakthrough|settlement]{attrib}.",
    ),
    related=(
        "Delegations from the two countries met again in {city} to try to settle the row over {goods} duties.",
        "Since {month_past}, {country_adj} {goods} has faced a {tariff} per cent charge at the "
        "{country2_adj} border.",
        "{tm} struck an upbeat note, saying a settlement before {weekday2} was within reach.",
        "Trade across the border is valued at roughly {trade_value} billion crowns a year by customs "
        "statisticians.",
        "{cm} is pressing for a yearly quota of {quota} tonnes for {country2_adj} firms.",
        "Industry groups blame the standoff for some {n_jobs} lost jobs in coastal towns.",
    ),
    paraphrase=(
        "{tm_ref} claims a deal could be signed before {weekday2}, which frankly seems unlikely.",
        "The charge on {goods} stands at {tariff} per cent and {country2} shows no sign of lifting it.",
        "{cm_ref} wants {quota} tonnes a year guaranteed for sellers from {country2}.",
        "Roughly {n_jobs} coastal jobs have already vanished because of this standoff.",
    ),
)

_COURT = _Topic(
    name="court",
    persons={"judge": "Justice", "defendant": "", "lawyer": "", "prosecutor": "", "campaigner": "Dr."},
    orgs={
        "org1": ("{country_adj} Constitutional Court", "Supreme Tribunal of {country}", "{country_adj} High Court"),
        "org2": ("{region} Transparency Forum", "Open Ledger Foundation", "{region} Anti-Graft Network"),
        "intl": ("Boreal Court of Human Rights", "Inner Sea Court of Justice"),
    },
    places={},
    numbers={
        "n_years": ("word", 3, 12),
        "sum": ("dec", 12, 98),
        "n_pages": ("int", 120, 600),
        "n_witnesses": ("int", 20, 90),
        "defendant_age": ("int", 52, 77),
        "n_cars": ("word", 3, 9),
        "n_arrests": ("int", 5, 40),
        "n_other": ("word", 2, 8),
    },
    attribs=("court officials said", "the prosecutor’s office said"),
    fix=_fix_court,
    titles=(
        "Court jails former minister {defendant} for {n_years} years",
        "{org1_acr} upholds corruption verdict against {defendant}",
        "Judges reject appeal in {country} bribery case",
        "Former {country_adj} minister sentenced over {sum} million crown contract",
    ),
    wire=(
        "the {org1} on {weekday} [upheld|confirmed] the conviction of former Transport Minister {defendant} for "
        "[accepting|taking] bribes in exchange for [road-building|bridge-building|rail] contracts{attrib}.",
        "{defendant_ref} was sentenced to {n_years} years in prison and ordered to [repay|return|hand back] "
        "{sum} million crowns to the [state treasury|public purse|state].",
        "in a {n_pages}-page ruling, {n_maj} of the court's {n_bench} judges found that the lower court had "
        "[weighed|assessed|examined] the evidence [correctly|properly|fairly].",
        "“No office in this republic places a [person|citizen|minister] above the law,” Justice {judge} wrote "
        "for the majority [in the ruling|in a sharply worded opinion|].",
        "{lawyer}, who represents {defendant_ref}, said {lawyer_pos} client was innocent and would "
        "[take the case|appeal] to the {intl}.",
        "prosecutors said {defendant_ref} had {hedge}[received|collected|pocketed] payments through a network of "
        "shell companies [registered|based] in {country2} between {year_a} and {year_b}.",
        '"This is a political verdict from start to finish," {lawyer_ref} told reporters on the steps of the '
        "[courthouse|court building] in {capital}.",
        "{lead}the trial heard [testimony|evidence] from {n_witnesses} witnesses, including two former deputy "
        "ministers and a [senior|retired|former] customs official{attrib}.",
        "campaigners from the {org2} [welcomed|praised|hailed] the ruling as a turning point in the "
        "[fight|struggle|battle] against corruption in public [procurement|tenders|contracts].",
        "{campaigner_t} of the {org2_acr} said the verdict sent [a clear|an unmistakable|a strong] message to "
        "officials who treat state contracts as [private income|a personal bank|their own property].",
        "{lead}{defendant_ref}, {defendant_age}, served as transport minister until {defendant_pos} dismissal "
        "in {year_b}, when the scandal [first surfaced|came to light|broke].",
        "the court also {hedge}ordered the seizure of a villa near {town} and {n_cars} luxury cars "
        "[registered to|owned by] relatives of the former minister{attrib}.",
        "[dozens|scores|hundreds] of supporters [gathered|rallied] outside the courthouse chanting slogans, and "
        "police said {n_arrests} people had been briefly detained.",
        "Prosecutor {prosecutor} said the state would also pursue {n_other} other officials named during the "
        "trial, though no new charges have been [filed|lodged|brought].",
    ),
    related=(
        "Judges in {capital} refused {defendant}'s appeal against a bribery conviction on {weekday}.",
        "The former minister must now serve {n_years} years and return {sum} million crowns.",
        "The decision was reached by {n_maj} votes to {n_min}, court records show.",
        "{lawyer} called the judgment political and said it would be challenged abroad.",
        "Anti-graft campaigners at the {org2_acr} hailed the decision as long overdue.",
        "Investigators traced the money through companies based in {country2}, the trial heard.",
    ),
    paraphrase=(
        "{defendant_ref} now faces {n_years} years behind bars and must hand back {sum} million crowns.",
        "The bench split {n_maj} to {n_min}, hardly a ringing endorsement.",
        "{lawyer_ref} vows to carry this fight to a tribunal abroad.",
        "The cash was routed through firms in {country2}, investigators believe.",
    ),
)

_SPORTS = _Topic(
    name="sports",
    persons={"player": "-", "coach": "-", "captain": "-", "keeper": "-"},
    orgs={"org1": ("{country_adj} Football Federation", "{country_adj} Football Association")},
    places={
        "club1": "{P} Rovers",
        "club2": "{P} Athletic",
        "club3": "{P} Wanderers",
        "club4": "{P} Harriers",
        "stadium": "{P} Arena",
        "cup": "{P} Cup",
    },
    numbers={
        "crowd": ("k", 8000, 60000),
        "n_goals": ("int", 14, 31),
        "fee": ("dec", 12, 98),
        "n_years": ("int", 5, 40),
        "n_saves": ("word", 4, 9),
        "n_added": ("word", 4, 8),
        "price": ("int", 15, 60),
    },
    attribs=("the club said", "local media reported"),
    fix=_fix_sports,
    titles=(
        "{club1} beat {club2} {score1}-{score2} to reach {cup} final",
        "Late {player_last} goal sends {club1} into {cup} final",
        "{club2} crash out of {cup} as {club1} celebrate",
        "{club1} end {n_years}-year wait with win over {club2}",
    ),
    wire=(
        "{club1} [beat|defeated|overcame] {club2} {score1}-{score2} [in front of|before] a crowd of {crowd} at "
        "the {stadium} on {weekday} to reach the final of the {cup}.",
        "striker {player} scored the winner in the {minute_ord} minute, [curling|driving|firing] a [shot|low "
        "shot|volley] past {keeper} from the edge of the [penalty area|box].",
        "“I saw the gap and just [hit|struck] it, and when it went in I could not [hear|see] anything,” "
        "{player_last} said after the [match|game].",
        "the goal took {player_last}’s [tally|total] to {n_goals} for the season, a club record that had "
        "[stood|lasted] since {year_old}.",
        "coach {coach} said the [victory|win] was dedicated to [fans|supporters] who had waited {n_years} years "
        "for a [major|cup] final.",
        '"We suffered for long spells, but this [group|squad] never stops [running|fighting]," {coach_last} '
        "told the {wire_long}.",
        "{club2} had [dominated|controlled] the first half and [struck|hit] the [crossbar|post|woodwork] twice "
        "before {captain} was sent off for a second yellow card.",
        "{lead}the {org1_acr} said it would review [crowd trouble|disorder|scuffles] near the away end, where "
        "police {hedge}used pepper spray to separate rival [groups|supporters]{attrib}.",
        "{club1} will meet the winner of {weekday2}'s semi-final between {club3} and {club4} in {city} "
        "[next month|in May|in early summer].",
        "goalkeeper {keeper_last} made {n_saves} [saves|stops] as {club2} [pushed|pressed|poured forward] for "
        "an equaliser during {n_added} minutes of added time.",
        "the {org1} confirmed that tickets for the final would go on sale at 9 a.m. on {weekday2}, with prices "
        "[starting|beginning] at {price} crowns{attrib}.",
        "{lead}{club1} signed {player_last} from a [second-division|lower-league] side only last summer for a "
        "fee {hedge}worth {fee} million crowns{attrib}.",
        "“It hurts, but we will come back stronger next season,” said {captain_last}, who [apologised|said "
        "sorry] to supporters for the red card.",
        "the visiting fans [sang|chanted] throughout the second half despite the defeat, and many stayed long "
        "after the final whistle to [applaud|cheer] their team.",
    ),
    related=(
        "A winner from {player} with {n_left} minutes left sent {club1} through to the final.",
        "{club1} are into the {cup} final after edging past {club2} by {score1} goals to {score2}.",
        "Some {crowd} spectators watched the semi-final at the {stadium} under floodlights.",
        "{club2} finished with ten players after {captain} was dismissed for a second booking.",
        "Police broke up scuffles between rival fans, the {org1_acr} confirmed later.",
        "{coach}'s side now face {club3} or {club4} for the trophy next month.",
    ),
    paraphrase=(
        "{player_last} settled it late on and {club1} are through to the {cup} final.",
        "That red card for {captain_last} effectively handed {club1} the tie.",
        "Some {crowd} people packed into the {stadium} to watch it happen.",
        "{coach_last} has ended a {n_years}-year drought and deserves the credit.",
    ),
)

_SCIENCE = _Topic(
    name="science",
    persons={"chief": "Dr.", "coauthor": "Prof.", "critic": "Dr.", "minister": ""},
    orgs={
        "org1": ("{P} Institute of Marine Sciences", "{country_adj} Polar Research Institute", "{P} Ocean Laboratory"),
        "org2": ("{country_adj} Science Foundation", "{country_adj} Research Council"),
    },
    places={"site": "{P} Trench", "univ": "the University of {P}", "journal": "{P} Letters in Zoology"},
    numbers={
        "depth": ("k", 1200, 6000),
        "n_specimens": ("int", 4, 60),
        "n_expeditions": ("word", 2, 6),
        "n_expeditions2": ("word", 2, 5),
        "length": ("dec", 11, 99),
        "budget": ("dec", 12, 99),
        "n_samples": ("int", 120, 900),
        "pct": ("int", 12, 68),
        "n_years": ("word", 3, 9),
    },
    choices={"species": ("glass squid", "cave shrimp", "deep-sea sponge", "lantern eel", "sea spider")},
    attribs=("the institute said", "the team said"),
    fix=_fix_years,
    titles=(
        "Scientists discover new {species} in {site}",
        "{org1_acr} team finds unknown {species} at depth of {depth} metres",
        "Deep-sea discovery stuns researchers in {country}",
        "New {species} named after {town} fishermen",
    ),
    wire=(
        "researchers from the {org1} have [discovered|identified|described] a previously unknown {species} "
        "[living|thriving] at a depth of {depth} metres in the {site}{attrib}.",
        "the [findings|results], published in the journal {journal}, are based on {n_specimens} specimens "
        "[collected|gathered] during {n_expeditions} expeditions between {year_a} and {year_b}.",
        "“We had to look twice, because nothing in the reference collections looked [remotely|even slightly] "
        "like it,” said {chief_t}, who led the study.",
        "the animal measures [about|roughly] {length} centimetres and {hedge}produces a faint [blue|green] "
        "light that may [help|serve] it to attract prey in total darkness{attrib}.",
        "{coauthor_t} of {univ} said the discovery suggested the {site} was [far|much] richer in life than "
        "previously [assumed|believed|thought].",
        "{lead}the team used a remotely operated [submarine|submersible] built by engineers at the {org1_acr} "
        "with a grant of {budget} million crowns from the {org2}.",
        '"Every dive turned up something we could not name," {chief_ref} said, adding that [several|three|a '
        "dozen] more specimens were awaiting analysis.",
        "the new species has been named in honour of fishermen from {town}, whose nets first brought up "
        "[fragments|remains] of the animal in {year_a}{attrib}.",
        "{lead}{critic_t}, a marine biologist who was not involved in the research, called the study "
        "[careful|rigorous] but said genetic tests would be needed to confirm it.",
        "the {org2_acr} said it would fund {n_expeditions2} further expeditions to the trench over the next "
        "{n_years} years.",
        "researchers {hedge}found traces of plastic fibres in {pct} of the {n_samples} sediment samples "
        "[taken|gathered] near the site{attrib}.",
        "“It is a reminder of how little we know about our own coastline,” said {minister}, {country_adj} "
        "minister for research, who visited the institute on {weekday}.",
        "{lead}samples from the expedition will be stored in a [freezer vault|cold archive] at {city} and made "
        "available to scientists from other countries.",
    ),
    related=(
        "A team at the {org1_acr} says it has found a new {species} in the {site}.",
        "The creature was found some {depth} metres below the surface, deeper than any relative.",
        "{chief_t} told reporters the specimens matched nothing in existing museum collections.",
        "The {n_specimens} animals studied were gathered over {n_expeditions} separate voyages.",
        "Funding for the submarine, {budget} million crowns, came from the {org2}.",
        "Independent experts want DNA evidence before accepting that it is a new species.",
    ),
    paraphrase=(
        "A new creature was pulled from {depth} metres down in the {site}, we are told.",
        "{chief_ref} and colleagues claim {n_specimens} specimens prove the find.",
        "The {org2_acr} paid {budget} million crowns for the submarine behind the discovery.",
        "Fishermen from {town} found it first, long before any scientist did.",
    ),
)

_HEALTH = _Topic(
    name="health",
    persons={"hm": "", "doctor": "Dr.", "epi": "Prof.", "parent": ""},
    orgs={
        "org1": ("{country_adj} Public Health Agency", "{country_adj} Centre for Disease Control"),
        "org2": ("{region} Regional Health Board", "{region} Hospitals Trust"),
    },
    places={"disease": "{P} fever", "hospital": "St. {P}'s Hospital", "univ": "the University of {P}"},
    numbers={
        "n_cases": ("int", 120, 900),
        "n_hosp": ("int", 20, 110),
        "n_deaths": ("word", 2, 9),
        "age": ("word", 5, 12),
        "n_clinics": ("int", 10, 60),
        "n_vacc": ("k", 20000, 400000),
        "n_days": ("word", 5, 12),
        "n_days2": ("word", 2, 5),
        "n_gather": ("int", 50, 300),
        "pct": ("int", 86, 118),
    },
    attribs=("the health ministry said", "hospital officials said"),
    titles=(
        "{disease} outbreak spreads across {region}",
        "{org1_acr} orders vaccination drive as {disease} cases rise",
        "Hospitals in {region} under strain as {disease} outbreak grows",
        "{country} confirms {n_deaths} deaths from {disease}",
    ),
    wire=(
        "health officials in {country} on {weekday} confirmed {n_cases} cases of {disease} in {region} "
        "Province, [more than double|nearly triple] the number reported a week ago{attrib}.",
        "in all, {n_hosp} patients were being treated in [hospital|hospitals] and {n_deaths} people had died "
        "since the outbreak began in {month_past}, according to the {org1}.",
        "Health Minister {hm} said the government would [begin|start] vaccinating children under {age} and "
        "adults over 60 at {n_clinics} [temporary|mobile] clinics from {weekday2}.",
        "“We are seeing whole families arrive at once, sometimes three generations in one car,” said "
        "{doctor_t}, who heads the emergency ward at {hospital}.",
        "the {org1_acr} has ordered {n_vacc} doses of vaccine, the first of which are {hedge}due to arrive by "
        "[air|plane] at {city} on {weekday2}.",
        "{epi_t}, an epidemiologist at {univ}, said the disease appeared to be spreading through "
        "[contaminated|shared] water supplies in [villages|farming districts] near {town}.",
        '"Boil your water, wash your hands and stay [home|indoors] if you have a fever," {doctor_ref} urged '
        "[residents|parents].",
        "{lead}schools in {town} and {town2} were closed for {n_days} days as a precaution, and public "
        "gatherings of more than {n_gather} people were banned{attrib}.",
        "the {org2} said its hospitals were running at {pct} per cent of capacity and that [planned|routine] "
        "operations had been postponed.",
        "symptoms include a high fever, a persistent cough and a rash on the [arms|chest], and usually "
        "[appear|develop] within {n_days2} days of infection{attrib}.",
        "{lead}{parent}, whose [son|daughter] spent a week in hospital, said families had waited hours for "
        "tests at an overcrowded clinic in {town}.",
        "{hm_ref} denied that warnings from local doctors had been ignored, telling parliament that the "
        "{org1_acr} had acted [within hours|without delay].",
        "neighbouring {country2} has {hedge}tightened checks at border crossings and asked travellers from "
        "{region} to report any symptoms{attrib}.",
    ),
    related=(
        "The number of confirmed {disease} infections in {region} has reached {n_cases}, figures show.",
        "At least {n_deaths} deaths have now been linked to the {region} outbreak.",
        "Vaccinations will be offered at {n_clinics} pop-up clinics from {weekday2}, {hm} announced.",
        "{doctor} described families arriving at the hospital together in a single car.",
        "Contaminated wells near {town} are the suspected source, experts say.",
        "Hospitals in the province say they are at {pct} per cent of capacity this week.",
    ),
    paraphrase=(
        "So far {n_cases} people in {region} have caught {disease}, and the count keeps rising.",
        "{hm_ref} promises shots at {n_clinics} clinics starting {weekday2}.",
        "Dirty wells around {town} are believed to be spreading the illness.",
        "By now {n_deaths} families are already mourning because of this outbreak.",
    ),
)

_TOPICS = (_FLOOD, _ELECTION, _CLASH, _TRADE, _COURT, _SPORTS, _SCIENCE, _HEALTH)

_NOISE = (
    _Topic(
        name="tram",
        persons={"mayor": "", "rider": ""},
        orgs={},
        places={"hospital": "St. {P}'s Hospital", "stop": "{P} Square", "street": "{P} Street"},
        numbers={
            "line_no": ("int", 2, 9),
            "minutes": ("word", 4, 12),
            "fare": ("dec", 15, 45),
            "n_min2": ("int", 14, 35),
            "months": ("word", 5, 11),
            "cost": ("dec", 12, 98),
        },
        titles=(
            "10 things to know about the new {city} tram line",
            "{city} tram Line {line_no} opens to passengers on {weekday}",
            "Is the new {city} tram worth the wait",
        ),
        wire=(
            "the long-awaited Line {line_no} tram in {city} opens to passengers on {weekday}, and here is what "
            "riders need to know.",
            "trams will run every {minutes} minutes between 5.30 a.m. and midnight on weekdays, with a reduced "
            "service on Sundays.",
            "a single fare costs {fare} crowns, and children under 12 travel free with a paying adult.",
            "the line links the central station with the university and {hospital} in under {n_min2} minutes.",
            "Is it worth the six-year wait and the endless roadworks along {street}?",
            "We honestly think so, and the shiny blue carriages are a joy to ride!",
            "Mayor {mayor} cut the ribbon at the {stop} stop alongside dozens of schoolchildren who had painted "
            "the shelters.",
            "construction ran {months} months late and cost {cost} million crowns more than planned, the city "
            "auditor found.",
            "cyclists have complained that the new rails make {street} treacherous in wet weather, and the "
            "council has promised warning signs.",
        ),
    ),
    _Topic(
        name="chess",
        persons={"player": "-", "coach": ""},
        orgs={},
        places={},
        numbers={
            "age": ("int", 14, 19),
            "moves": ("int", 31, 88),
            "n_players": ("int", 120, 480),
            "n_countries": ("int", 9, 31),
            "prize": ("k", 2000, 15000),
        },
        titles=(
            "{player} wins {city} chess open with a round to spare",
            "Teenager {player} stuns grandmasters in {city}",
        ),
        wire=(
            "the {age}-year-old from {town} clinched the title with a round to spare after beating the top seed "
            "in {moves} moves.",
            "“I did not sleep the night before, and I think my opponent could tell,” {player_last} said with a "
            "laugh.",
            "the tournament drew {n_players} players from {n_countries} countries to the old corn exchange in "
            "{city}.",
            "{player_last} collects a prize of {prize} crowns and an invitation to the national championship in "
            "the autumn.",
            "spectators followed the final games on a giant screen in the market square, where a café served "
            "free hot chocolate.",
            "{coach}, who has coached {player_last} since the age of seven, called the win the result of "
            "patient, unglamorous work.",
            "Who in the country can stop a player this young and this fearless from winning everything next "
            "season?",
        ),
    ),
    _Topic(
        name="grain",
        persons={"farmer": "", "miller": ""},
        orgs={},
        places={},
        numbers={
            "pct": ("dec", 31, 129),
            "price": ("int", 210, 390),
            "price2": ("int", 150, 205),
            "hectares": ("int", 40, 900),
        },
        choices={"crop": ("barley", "rye", "oat", "millet")},
        titles=(
            "{crop} prices climb as dry spring hits {region} farms",
            "Farmers in {region} count cost of dry spring",
        ),
        wire=(
            "wholesale {crop} prices rose {pct} per cent over the past week at the {city} grain exchange, the "
            "sharpest weekly gain since {year_past}.",
            "traders blamed a dry spring across {region}, where yields are expected to fall by as much as a "
            "fifth.",
            "“We have not had proper rain since the first week of {month_past}, and the young crop is "
            "suffering,” said {farmer}, who farms {hectares} hectares near {town}.",
            "a tonne of feed {crop} fetched {price} crowns on {weekday}, up from {price2} crowns a month earlier.",
            "millers warned that the price of bread and beer could rise before the summer if the weather does "
            "not break soon.",
            "the agriculture ministry said it was monitoring the situation and had no plans to release grain "
            "from state reserves.",
            "some livestock farmers have begun selling animals early because they cannot afford winter feed at "
            "current prices.",
        ),
    ),
    _Topic(
        name="cold",
        persons={"resident": ""},
        orgs={},
        places={"pass": "the {P} Pass"},
        numbers={"deg": ("int", 14, 31), "n_centres": ("word", 3, 12)},
        titles=(
            "Cold snap grips {region} as temperatures plunge",
            "Snow and ice close roads across {region}",
        ),
        wire=(
            "temperatures in {region} fell to minus {deg} degrees overnight, the coldest night recorded at {town} "
            "since {year_old}.",
            "drivers were urged to avoid {pass} after fresh snow and black ice caused a string of minor "
            "accidents.",
            "“My water pipes froze solid, and the plumber says he cannot come until next week,” said "
            "{resident}, a retired teacher in {town}.",
            "the city opened {n_centres} warming centres for homeless people and extended the opening hours of "
            "public libraries.",
            "forecasters expect milder air to arrive from the south by {weekday2}, bringing rain that could "
            "freeze on contact with roads.",
            "energy companies reported record demand on {weekday} evening, though the grid coped without major "
            "outages.",
            "schools in the hill villages opened two hours late so that buses could be gritted and checked.",
        ),
    ),
    _Topic(
        name="festival",
        persons={"director": ""},
        orgs={},
        places={"school": "the {P} School of Art"},
        numbers={
            "n_shows": ("int", 40, 160),
            "n_countries": ("int", 8, 26),
            "price": ("int", 8, 30),
            "visitors": ("k", 12000, 90000),
        },
        titles=(
            "{city} puppetry festival returns with {n_shows} shows",
            "Giant puppets parade through {city}",
        ),
        wire=(
            "the {city} Puppetry Festival opens on {weekday} with {n_shows} performances by companies from "
            "{n_countries} countries.",
            "the highlight is a five-metre wooden dragon built by students at {school} over two winters.",
            "“Puppets let children see that anything can come alive, even an old sock,” said festival director "
            "{director}.",
            "tickets cost {price} crowns for adults, and all street performances in the old town are free.",
            "organisers expect more than {visitors} visitors over the festival's ten days, a record for the "
            "event.",
            "a workshop for families on {weekday} afternoons teaches visitors how to carve simple marionettes "
            "from lime wood.",
            "Will the weather hold for the opening parade along the riverside promenade on {weekday} evening?",
            "Last year's parade was cancelled because of a storm, so fingers are crossed for clear skies this "
            "time!",
        ),
    ),
    _Topic(
        name="cheese",
        persons={"maker": ""},
        orgs={},
        places={},
        numbers={
            "n_cheeses": ("int", 80, 400),
            "n_dairies": ("int", 20, 90),
            "n_weeks": ("int", 8, 30),
            "price": ("int", 18, 60),
            "visitors": ("k", 3000, 20000),
        },
        titles=("Blue cheese from {town} takes top prize at {region} fair", "Cheesemakers gather in {city}"),
        wire=(
            "a creamy blue cheese made by a family dairy in {town} was named best in show at the {region} Cheese "
            "Fair on {weekday}.",
            "judges tasted {n_cheeses} cheeses from {n_dairies} dairies before awarding the gold medal to "
            "{maker}, a third-generation cheesemaker.",
            "“My grandmother would have cried with joy, and to be honest, so did I,” {maker_ref} told the "
            "crowd.",
            "the winning cheese is aged for {n_weeks} weeks in limestone caves above the village and sells for "
            "{price} crowns a kilo.",
            "more than {visitors} visitors attended the two-day fair, which also featured a bread market and a "
            "cider tent.",
            "Why does cheese from the hills taste so different from the supermarket kind?",
            "Local farmers credit the wild herbs that their cows graze on all summer long.",
        ),
    ),
)

# farm's own opinion lines, from vocabulary the corpus templates do not use
_OPINION = (
    "[Frankly|Honestly|Let us be blunt], [the whole affair|this circus|the entire saga] [stinks of|reeks of] "
    "[cowardice|arrogance|incompetence] [at the very top|in high places|among the elites].",
    "[Everyone knows|Anyone with eyes can see|Ordinary families understand] that [these so-called experts|"
    "the usual suspects|the bureaucrats] [never pay|will never pay|always escape paying] for their "
    "[blunders|mistakes|failures].",
    "Why does nobody in {capital} [ask|dare to ask] the obvious question about {target}?",
    "[Wake up|Open your eyes], people: [the truth|the real story] is being [buried|hidden|swept under the rug] "
    "[again|once more]!",
    "[Shame|Disgrace] on {target} and [everyone|all those] who [enabled|cheered on|excused] this "
    "[fiasco|mess|farce].",
    "[Our readers|Decent folk] [deserve|demand] [answers|honesty], not [more spin|excuses|press releases] from "
    "[comfortable|well-paid|unelected] [insiders|mandarins].",
    "[Mark our words|Remember this]: [this|the scandal] [will|is going to] [come back to bite|haunt] "
    "[them|everyone involved] [before long|soon enough].",
    "[Nobody|Not one person] [believes|swallows] the official [story|line] [any more|anymore], and who "
    "[on earth|exactly] could blame them?",
    "It is [time|high time] for [real|proper] [accountability|consequences] instead of [hollow|empty] "
    "[promises|apologies] from {target}.",
    "[Once again|Yet again], {country} is [paying the price|footing the bill] for [decades|years] of "
    "[neglect|greed|cronyism] that everybody [saw coming|predicted].",
)


@dataclass(frozen=True)
class _Outlet:
    domain: str
    code: str
    long: str = ""
    acr: str = ""


_WIRES = (
    _Outlet("mpa-wire.example", "mpa", "Meridian Press Agency", "MPA"),
    _Outlet("kpa-wire.example", "kpa", "Kestrel Press Agency", "KPA"),
)
# republishers and their usual habit
_REPUBLISHERS = (
    (_Outlet("valdoran-herald.example", "herald"), "verbatim"),
    (_Outlet("pebbleposts.example", "pebble"), "verbatim"),
    (_Outlet("saltreach-post.example", "saltreach"), "verbatim"),
    (_Outlet("greywater-ledger.example", "greywater"), "edited"),
    (_Outlet("lowmere-chronicle.example", "lowmere"), "edited"),
    (_Outlet("vantorra-daily.example", "vantorra"), "edited"),
    (_Outlet("krb-news.example", "krb"), "excerpt"),
    (_Outlet("quillmoor-courier.example", "quillmoor"), "excerpt"),
)
_REPORTERS = (
    _Outlet("bns-wire.example", "bns"),
    _Outlet("eastmarch-times.example", "eastmarch"),
    _Outlet("orlesk-observer.example", "orlesk"),
)
_NOISE_OUTLETS = (
    _Outlet("pebbleposts.example", "pebble"),
    _Outlet("eastmarch-times.example", "eastmarch"),
    _Outlet("brightkettle.example", "brightkettle"),
    _Outlet("townsquare-notes.example", "townsquare"),
    _Outlet("lowmere-chronicle.example", "lowmere"),
)

_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_SLOT_RE = re.compile(r"\{(\w+)\}")


def _expand(template: str, facts: Mapping[str, str], rng: random.Random) -> str:
    text = _CHOICE_RE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _SLOT_RE.sub(lambda m: facts[m.group(1)], text)
    return re.sub(r" +([ ,.])", r"\1", text)


def _first_words(template: str) -> list[str]:
    t = template.removeprefix("{lead}")
    m = re.match(r"\[([^\]]*)\]", t)
    heads = m.group(1).split("|") if m else [t]
    return [h.split(" ", 1)[0] for h in heads]


# ordinary words that open a template: written in lower case after an inserted opener or in a merge
_LOWER_STARTS = frozenset(
    w
    for topic in (*_TOPICS, *_NOISE)
    for tpl in (*topic.wire, *topic.related, *topic.paraphrase)
    for w in _first_words(tpl)
    if w[:1].islower() and w.isalpha()
) | frozenset(p.split(" ", 1)[0].rstrip(",").lower() for p in (*_LEADS, *_INSERTS))


def _decap(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in _LOWER_STARTS:
        return text[0].lower() + text[1:]
    return text


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


# ---------------------------------------------------------------------------------------------
# the world's internal state


class _Namer:
    """Fresh, never repeated place names and surnames."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _fresh(self, heads: Sequence[str], tails: Sequence[str]) -> str:
        for _ in range(5000):
            name = self.rng.choice(heads) + self.rng.choice(tails)
            if re.search(r"(.)\1\1", name.lower()) or name in self.used:
                continue
            self.used.add(name)
            return name
        raise RuntimeError("ran out of invented names")

    def place(self) -> str:
        return self._fresh(_PLACE_HEADS, _PLACE_TAILS)

    def surname(self) -> str:
        return self._fresh(_SURNAME_HEADS, _SURNAME_TAILS)


@dataclass
class _Draft:
    id: str
    url: str
    outlet: str
    published: dt.date | None
    title: str
    paras: list[list[tuple[int, str]]]  # (index of the wire sentence it derives from, or -1 for a fragment)
    story: int
    kind: str  # wire | repub | related | noise
    order: int = 0

    def text(self) -> str:
        return "\n\n".join(" ".join(s for _, s in para) for para in self.paras)

    def sentences(self) -> list[tuple[int, str]]:
        return [s for para in self.paras for s in para if s[0] >= 0]


@dataclass
class _Story:
    idx: int
    topic: _Topic
    slug: str
    facts: dict[str, str]
    date: dt.date
    wire: _Outlet
    title: str
    alt_titles: list[str]
    sents: list[str]
    leads: list[str]
    attribs: list[str]
    persons: list[tuple[str, str]]  # (full name, surname)
    acronyms: dict[str, str]
    docs: list[_Draft] = field(default_factory=list)  # wire first, then re-publications
    related: list[_Draft] = field(default_factory=list)


def _number(rng: random.Random, kind: str, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    if kind == "word":
        return _NUM_WORDS[n]
    if kind == "dec":
        return f"{n / 10:.1f}"
    if kind == "k":
        step = 10 if n < 10000 else 100
        return f"{round(n / step) * step:,}"
    return str(n)


def _facts(
    rng: random.Random, namer: _Namer, topic: _Topic, date: dt.date, acronyms_used: set[str]
) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str]]:
    f: dict[str, str] = {}
    (c1, a1), (c2, a2), (c3, _) = rng.sample(_COUNTRIES, 3)
    f.update(country=c1, country_adj=a1, country2=c2, country2_adj=a2, country3=c3)
    for slot in ("city", "capital", "town", "town2", "region"):
        f[slot] = namer.place()
    wd = date.weekday()
    f["weekday"], f["weekday0"], f["weekday2"] = (
        _WEEKDAYS[wd],
        _WEEKDAYS[(wd - 1) % 7],
        _WEEKDAYS[(wd + 2) % 7],
    )
    f["month_past"] = _MONTHS[(date.month - 1 - rng.randint(2, 4)) % 12]
    f["month_past2"] = _MONTHS[(date.month - 1 - rng.randint(5, 8)) % 12]
    f["year_past"] = str(rng.randint(2014, 2027))
    f["year_old"] = str(rng.randint(1986, 2006))
    for slot, pattern in topic.places.items():
        f[slot] = pattern.replace("{P}", namer.place())
    persons: list[tuple[str, str]] = []
    for slot, hon in topic.persons.items():
        female = rng.random() < 0.5
        first = rng.choice(_FIRST_F if female else _FIRST_M)
        last = namer.surname()
        full = f"{first} {last}"
        honorific = hon or ("Ms." if female else "Mr.")
        f[slot], f[f"{slot}_last"], f[f"{slot}_pos"] = full, last, "her" if female else "his"
        f[f"{slot}_ref"] = last if hon == "-" else f"{honorific} {last}"
        f[f"{slot}_t"] = f"{hon} {full}" if hon not in ("", "-") else full
        persons.append((full, last))
    for slot, (kind, lo, hi) in topic.numbers.items():
        f[slot] = _number(rng, kind, lo, hi)
    for slot, options in topic.choices.items():
        f[slot] = rng.choice(options)
    if topic.fix is not None:
        topic.fix(rng, f)
    acronyms: dict[str, str] = {}
    for slot, patterns in topic.orgs.items():
        long, acr = "", ""
        for _ in range(30):
            long = _expand(rng.choice(patterns).replace("{P}", namer.place()), f, rng)
            acr = _acronym(long)
            if acr not in acronyms_used and acr not in _BANNED_ACRONYMS and len(acr) >= 3:
                break
        acronyms_used.add(acr)
        f[slot], f[f"{slot}_acr"] = long, acr
        acronyms[acr] = long
    return f, persons, acronyms


def _render(template: str, story: _Story, rng: random.Random) -> str:
    local = dict(story.facts)
    local["lead"] = rng.choice(story.leads) if "{lead}" in template and rng.random() < 0.35 else ""
    local["attrib"] = (
        ", " + rng.choice(story.attribs) if "{attrib}" in template and rng.random() < 0.5 else ""
    )
    local["hedge"] = rng.choice(_HEDGES) + " " if "{hedge}" in template and rng.random() < 0.5 else ""
    return _cap(_expand(template, local, rng))


def _paragraphs(
    items: list[tuple[int, str]], rng: random.Random, sizes: Sequence[int] = (1, 2, 2, 3)
) -> list[list[tuple[int, str]]]:
    paras: list[list[tuple[int, str]]] = []
    k = 0
    while k < len(items):
        n = rng.choice(sizes)
        paras.append(items[k : k + n])
        k += n
    return paras


def _slugify(text: str, n: int = 7) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:n])


def _url(outlet: _Outlet, date: dt.date | None, title: str, key: str) -> str:
    path = f"{date:%Y/%m/%d}" if date else "stories"
    return f"https://{outlet.domain}/{path}/{_slugify(title)}-{key}"


def _make_story(
    rng: random.Random, namer: _Namer, idx: int, topic: _Topic, date: dt.date, acronyms_used: set[str]
) -> _Story:
    wire = rng.choice(_WIRES)
    facts, persons, acronyms = _facts(rng, namer, topic, date, acronyms_used)
    facts["wire_long"], facts["wire_acr"] = wire.long, wire.acr
    titles = [_cap(_expand(t, facts, rng)) for t in topic.titles]
    t = rng.randrange(len(titles))
    leads = [_expand(lead, facts, rng) for lead in _LEADS]
    attribs = [_expand(a, facts, rng) for a in (*_GENERIC_ATTRIBS, *topic.attribs)]
    story = _Story(
        idx=idx,
        topic=topic,
        slug=f"s{idx:02d}-{topic.name}-{_slugify(facts['region'], 1)}",
        facts=facts,
        date=date,
        wire=wire,
        title=titles[t],
        alt_titles=titles[:t] + titles[t + 1 :],
        sents=[],
        leads=leads,
        attribs=attribs,
        persons=persons,
        acronyms=acronyms,
    )
    rest = list(range(1, len(topic.wire)))
    chosen = sorted(rng.sample(rest, rng.randint(min(9, len(rest)), min(13, len(rest)))))
    sents = [_render(topic.wire[k], story, rng) for k in [0, *chosen]]
    sents[0] = f"{facts['city'].upper()}, {facts['country']} ({wire.acr}) — {sents[0]}"
    story.sents = sents
    return story


def _swap_synonym(text: str, rng: random.Random) -> tuple[str, Alteration] | None:
    hits = list(_SYNONYM_RE.finditer(text))
    if not hits:
        return None
    m = rng.choice(hits)
    new = rng.choice(_SYNONYMS[m.group(1)])
    return text[: m.start()] + new + text[m.end() :], ("word_substitution", m.group(1), new)


def _republish(
    story: _Story, outlet: _Outlet, style: str, rng: random.Random, date: dt.date | None
) -> _Draft:
    wire = story.docs[0]
    paras = [list(p) for p in wire.paras]
    title = story.title
    roll = rng.random()
    if roll < 0.2:
        title = "BREAKING: " + title
    elif roll < 0.35:
        swapped = _swap_synonym(title, rng)
        title = swapped[0] if swapped else title
    elif roll < 0.5:
        title = rng.choice(story.alt_titles)
    if style == "edited":
        if rng.random() < 0.6:
            k, first = paras[0][0]
            paras[0][0] = (k, _DATELINE_RE.sub("", first))
        flat = [(p, s) for p in range(len(paras)) for s in range(len(paras[p]))]
        for p, s in rng.sample(flat, rng.randint(1, 3)):
            k, text = paras[p][s]
            swapped = _swap_synonym(text, rng)
            if swapped:
                paras[p][s] = (k, swapped[0])
        if len(paras) >= 4 and rng.random() < 0.4:
            paras = paras[:-1]
    elif style == "excerpt":
        flat_items = [s for p in paras for s in p]
        keep = rng.randint(3, max(3, len(flat_items) - 3))
        k, cut = flat_items[keep]
        ws = cut.split()
        frag = " ".join(ws[: max(4, int(len(ws) * rng.uniform(0.35, 0.7)))]).rstrip(",;:—")
        items = [*flat_items[:keep], (-1, frag)]
        paras = _paragraphs(items, rng, (1, 2, 2, 3))
    return _Draft(
        id=f"{outlet.code}-{story.slug}",
        url=_url(outlet, date, title, story.slug),
        outlet=outlet.domain,
        published=date,
        title=title,
        paras=paras,
        story=story.idx,
        kind="repub",
    )


def _related(story: _Story, outlet: _Outlet, rng: random.Random) -> _Draft:
    tpls = story.topic.related
    chosen = sorted(rng.sample(range(len(tpls)), rng.randint(min(5, len(tpls)), len(tpls))))
    items = [(-2, _cap(_expand(tpls[k], story.facts, rng))) for k in chosen]
    date = story.date + dt.timedelta(days=rng.randint(0, 2))
    title = rng.choice(story.alt_titles)
    return _Draft(
        id=f"{outlet.code}-{story.slug}",
        url=_url(outlet, date, title, story.slug),
        outlet=outlet.domain,
        published=date,
        title=title,
        paras=_paragraphs(items, rng, (1, 2, 2)),
        story=story.idx,
        kind="related",
    )


def _noise(rng: random.Random, namer: _Namer, j: int, start: dt.date, acronyms_used: set[str]) -> _Draft:
    topic = rng.choice(_NOISE)
    date: dt.date | None = start + dt.timedelta(days=rng.randint(0, 80))
    assert date is not None
    facts, _, _ = _facts(rng, namer, topic, date, acronyms_used)
    k = rng.randint(max(4, len(topic.wire) - 3), len(topic.wire))
    items = [(-3, _cap(_expand(t, facts, rng))) for t in topic.wire[:k]]
    title = _cap(_expand(rng.choice(topic.titles), facts, rng))
    outlet = rng.choice(_NOISE_OUTLETS)
    if rng.random() < 0.1:
        date = None
    key = f"n{j:02d}-{topic.name}"
    return _Draft(
        id=f"{outlet.code}-{key}",
        url=_url(outlet, date, title, key),
        outlet=outlet.domain,
        published=date,
        title=title,
        paras=_paragraphs(items, rng, (1, 2, 3)),
        story=-1,
        kind="noise",
    )


# ---------------------------------------------------------------------------------------------
# spinning


def _respell(name: str, rng: random.Random) -> str:
    """A transliteration-style respelling: k/c, ov/off, -ei/-ey, doubled letters, T/Th, f/ph, i/y."""
    options: list[str] = []
    low = name.lower()
    m = re.search(r"k(?!k)", name[1:])
    if m and "ck" not in low:
        p = m.start() + 1
        options.append(name[:p] + "c" + name[p + 1 :])
    if name[0] == "K":
        options.append("C" + name[1:])
    m = re.search(r"c(?=[aou])", name)
    if m:
        options.append(name[: m.start()] + "k" + name[m.end() :])
    if name[0] == "C" and low[1:2] in ("a", "o", "u"):
        options.append("K" + name[1:])
    for old, new in (("ov", "off"), ("ev", "eff"), ("ei", "ey"), ("ey", "ei")):
        if low.endswith(old):
            options.append(name[: -len(old)] + new)
    if name[-1] in "lnrst" and name[-2] != name[-1]:
        options.append(name + name[-1])
    m = re.search(r"([lnrst])\1", name)
    if m:
        options.append(name[: m.start()] + m.group(1) + name[m.end() :])
    if name[0] == "T" and name[1:2] != "h":
        options.append("Th" + name[1:])
    if "f" in name[1:] and "ff" not in name:
        options.append(name[0] + name[1:].replace("f", "ph", 1))
    if "ph" in name:
        options.append(name.replace("ph", "f", 1))
    m = re.search(r"(?<=[a-z])i(?=[a-z])", name)
    if m:
        options.append(name[: m.start()] + "y" + name[m.end() :])
    options = [o for o in options if o != name]
    return rng.choice(options) if options else name + "e"


def _change_number(tok: str, rng: random.Random) -> str:
    if tok in _WORD_NUMS:
        n = _WORD_NUMS[tok]
        return rng.choice([w for k, w in _NUM_WORDS.items() if k != n and abs(k - n) <= 4])
    if "." in tok:
        places = len(tok.split(".")[1])
        val = float(tok.replace(",", ""))
        for _ in range(20):
            new = f"{val * rng.choice((rng.uniform(0.5, 0.85), rng.uniform(1.2, 1.8))):,.{places}f}"
            if new != tok:
                return new if "," in tok else new.replace(",", "")
        return f"{val + 1:.{places}f}"
    val = int(tok.replace(",", ""))
    if val < 13:
        return str(rng.choice([k for k in range(1, 15) if k != val]))
    zeros = len(str(val)) - len(str(val).rstrip("0"))
    step = 10 ** min(zeros, len(str(val)) - 1)
    new_val = val
    while new_val == val or new_val <= 0:
        new_val = round(val * rng.choice((rng.uniform(0.5, 0.85), rng.uniform(1.2, 1.8))) / step) * step
    return f"{new_val:,}" if "," in tok else str(new_val)


def _number_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _NUMBER_RE.finditer(text):
        tok = m.group(1)
        if re.fullmatch(r"(19|20)\d\d", tok) or re.match(r"\s?[ap]\.m\.", text[m.end() :]):
            continue
        spans.append(m.span(1))
    spans.extend(m.span(1) for m in _WORD_NUMBER_RE.finditer(text))
    return sorted(spans)


_OP_ORDER = (
    "deletion",
    "insertion",
    "attribution_removed",
    "hedge_removed",
    "abbreviation_expanded",
    "entity_rename",
    "number_changed",
    "word_substitution",
)


def _leading_clause(text: str, story: _Story) -> str | None:
    m = _DATELINE_RE.match(text)
    if m:
        return m.group(0)
    return next((lead for lead in sorted(story.leads, key=len, reverse=True) if text.startswith(lead)), None)


def _attribution(text: str, story: _Story) -> str | None:
    for a in sorted(story.attribs, key=len, reverse=True):
        if text.endswith(f", {a}."):
            return f", {a}."
    return None


def _names_in(text: str, story: _Story) -> list[str]:
    found: list[str] = []
    for full, last in story.persons:
        if full in text:
            found.append(full)
        elif re.search(rf"\b{re.escape(last)}\b", text):
            found.append(last)
    return found


def _acronyms_in(text: str, story: _Story) -> list[str]:
    return [a for a in story.acronyms if re.search(rf"\b{re.escape(a)}\b", text)]


def _available(text: str, story: _Story, title: bool) -> list[str]:
    ops: list[str] = []
    if not title and _leading_clause(text, story):
        ops.append("deletion")
    if not _DATELINE_RE.match(text) and text[:1].isalpha():
        ops.append("insertion")
    if not title and _attribution(text, story):
        ops.append("attribution_removed")
    if _HEDGE_RE.search(text):
        ops.append("hedge_removed")
    if _acronyms_in(text, story):
        ops.append("abbreviation_expanded")
    if _names_in(text, story):
        ops.append("entity_rename")
    if _number_spans(text):
        ops.append("number_changed")
    if _SYNONYM_RE.search(text):
        ops.append("word_substitution")
    return ops


def _apply(
    op: str, text: str, story: _Story, rng: random.Random, title: bool
) -> tuple[str, Alteration] | None:
    if op == "deletion":
        clause = _leading_clause(text, story)
        return (_cap(text[len(clause) :]), ("deletion", clause, "")) if clause else None
    if op == "insertion":
        prefix = rng.choice(_TITLE_INSERTS if title else _INSERTS)
        return prefix + (text if title else _decap(text)), ("insertion", "", prefix.strip())
    if op == "attribution_removed":
        tail = _attribution(text, story)
        return (text[: -len(tail)] + ".", ("attribution_removed", tail, ".")) if tail else None
    if op == "hedge_removed":
        m = _HEDGE_RE.search(text)
        return (text[: m.start()] + text[m.end() :], ("hedge_removed", m.group(1), "")) if m else None
    if op == "abbreviation_expanded":
        acrs = _acronyms_in(text, story)
        if not acrs:
            return None
        acr = rng.choice(acrs)
        long = story.acronyms[acr]
        return re.sub(rf"\b{re.escape(acr)}\b", long, text, count=1), ("abbreviation_expanded", acr, long)
    if op == "entity_rename":
        names = _names_in(text, story)
        if not names:
            return None
        name = rng.choice(names)
        parts = name.split(" ")
        parts[-1] = _respell(parts[-1], rng)
        if len(parts) > 1 and rng.random() < 0.35:
            parts[0] = _respell(parts[0], rng)
        new = " ".join(parts)
        return re.sub(rf"\b{re.escape(name)}\b", new, text, count=1), ("entity_rename", name, new)
    if op == "number_changed":
        spans = _number_spans(text)
        if not spans:
            return None
        a, b = rng.choice(spans)
        new = _change_number(text[a:b], rng)
        return text[:a] + new + text[b:], ("number_changed", text[a:b], new)
    if op == "word_substitution":
        return _swap_synonym(text, rng)
    raise ValueError(op)


def _spin(
    text: str, story: _Story, rng: random.Random, n_ops: int, *, title: bool = False, force: str | None = None
) -> tuple[str, list[Alteration]] | None:
    pool = [op for op in _available(text, story, title) if op != "insertion" or rng.random() < 0.4]
    rng.shuffle(pool)
    chosen: list[str] = [force] if force else []
    for op in pool:
        if len(chosen) >= n_ops:
            break
        if op in chosen or {op, *chosen} >= {"deletion", "insertion"}:
            continue
        chosen.append(op)
    cur, alts = text, []
    for op in _OP_ORDER:
        if op in chosen:
            done = _apply(op, cur, story, rng, title)
            if done is not None:
                cur, alt = done
                alts.append(alt)
    if not alts or cur == text:
        return None
    return cur, alts


# ---------------------------------------------------------------------------------------------
# content-farm articles


@dataclass
class _Line:
    text: str
    origin: str
    source_sentences: tuple[str, ...] = ()
    alterations: tuple[Alteration, ...] = ()


class _Builder:
    def __init__(self, rng: random.Random, stories: list[_Story], drafts: list[_Draft]) -> None:
        self.rng = rng
        self.stories = stories
        self.drafts = drafts
        self.texts = [d.text() for d in drafts]
        self.titles = [d.title for d in drafts]
        self.grams: set[tuple[str, ...]] = set()
        for d, text in zip(drafts, self.texts, strict=True):
            self.grams |= shingles(d.title) | shingles(text)

    def in_corpus(self, sentence: str) -> bool:
        return any(sentence in t for t in self.texts) or any(sentence in t for t in self.titles)

    def carriers(self, sentence: str, title: bool = False) -> list[_Draft]:
        found = [
            d
            for d, text in zip(self.drafts, self.texts, strict=True)
            if sentence in text or (title and sentence in d.title)
        ]
        return sorted(found, key=lambda d: (d.published is None, d.published or dt.date.min, d.order))

    # -- one sourced sentence -------------------------------------------------------------------

    def variants(self, story: _Story, k: int) -> list[str]:
        seen: list[str] = []
        for d in story.docs:
            for j, s in d.sentences():
                if j == k and s not in seen:
                    seen.append(s)
        return seen

    def sourced(self, story: _Story, k: int) -> _Line:
        rng = self.rng
        variants = self.variants(story, k)
        for _ in range(8):
            src = variants[0] if len(variants) == 1 or rng.random() < 0.6 else rng.choice(variants[1:])
            dateline = bool(_DATELINE_RE.match(src))
            if not dateline and rng.random() < 0.3:
                return _Line(src, "copied", (src,))
            spun = _spin(src, story, rng, rng.choice((1, 1, 2, 2, 3)), force="deletion" if dateline else None)
            if spun is None:
                continue
            text, alts = spun
            if self.in_corpus(text) or not _END_RE.search(text):
                continue
            near = _similarity(text, src)
            if all(_similarity(text, v) < near for v in variants if v != src):
                return _Line(text, "spun", (src,), tuple(alts))
        plain = [v for v in variants if not _DATELINE_RE.match(v)]
        src = plain[0] if plain else variants[0]
        return _Line(src, "copied", (src,))

    def merged(self, story: _Story, k: int) -> _Line | None:
        a, b = story.sents[k], story.sents[k + 1]
        if _DATELINE_RE.match(a) or not a.endswith(".") or a.endswith(".m.") or not b[:1].isalpha():
            return None
        b2 = _decap(b)
        text = f"{a[:-1]}, and {b2}"
        last = a[:-1].split(" ")[-1]
        first, first2 = " ".join(b.split(" ")[:2]), " ".join(b2.split(" ")[:2])
        alt = ("insertion", f"{last}. {first}", f"{last}, and {first2}")
        return _Line(text, "spun", (a, b), (alt,))

    def story_lines(self, story: _Story, n: int) -> list[_Line]:
        rng = self.rng
        picks = sorted(rng.sample(range(len(story.sents)), min(n, len(story.sents))))
        lines: list[_Line] = []
        used: set[int] = set()
        for k in picks:
            if k in used:
                continue
            used.add(k)
            if k + 1 < len(story.sents) and k + 1 not in picks and rng.random() < 0.15:
                line = self.merged(story, k)
                if line is not None:
                    used.add(k + 1)
                    lines.append(line)
                    continue
            lines.append(self.sourced(story, k))
        return lines

    # -- unsourced sentences -------------------------------------------------------------------

    def invented(self, story: _Story, others: list[str]) -> _Line:
        facts = dict(story.facts)
        for _ in range(200):
            _, last = self.rng.choice(story.persons)
            facts["target"] = last
            text = _cap(_expand(self.rng.choice(_OPINION), facts, self.rng))
            if self.clean(text, others):
                return _Line(text, "no_source_found", (), (("insertion", "", text),))
        raise RuntimeError("could not invent a clean sentence")

    def paraphrase(self, story: _Story, others: list[str]) -> _Line | None:
        tpls = list(story.topic.paraphrase)
        self.rng.shuffle(tpls)
        for tpl in tpls:
            text = _cap(_expand(tpl, story.facts, self.rng))
            if self.clean(text, others):
                return _Line(text, "no_source_found", (), (("insertion", "", text),))
        return None

    def clean(self, text: str, others: list[str]) -> bool:
        """No four-word run shared with the corpus, and not confusable with the article's other sentences."""
        if shingles(text) & self.grams:
            return False
        return not any(covers(text, o) or covers(o, text) for o in others)

    # -- the article ---------------------------------------------------------------------------

    def title(self, story: _Story) -> _Line:
        src = story.title
        if self.rng.random() < 0.8:
            for _ in range(6):
                spun = _spin(src, story, self.rng, self.rng.choice((1, 1, 2)), title=True)
                if spun and not self.in_corpus(spun[0]):
                    return _Line(spun[0], "spun", (src,), tuple(spun[1]))
        return _Line(src, "copied", (src,))

    def attempt(self, primary: _Story) -> tuple[list[_Line], _Line, list[_Story]] | None:
        rng = self.rng
        pool = [s for s in self.stories if s.topic.name != primary.topic.name]
        extras = rng.sample(pool, rng.choice((1, 1, 2)))
        chosen = [primary, *extras]
        n_body = rng.randint(8, 14)
        n_inv = rng.randint(1, 2)
        with_related = [s for s in chosen if s.related]
        para_story = rng.choice(with_related) if with_related and rng.random() < 0.6 else None
        n_src = n_body - n_inv - (1 if para_story else 0)
        first = max(3, round(n_src * rng.uniform(0.45, 0.65)))
        shares = [first]
        left = n_src - first
        for j in range(len(extras)):
            share = left if j == len(extras) - 1 else max(2, left // 2)
            shares.append(share)
            left -= share
        blocks = [self.story_lines(s, n) for s, n in zip(chosen, shares, strict=True)]
        body = [line for block in blocks for line in block]
        title = self.title(primary)
        texts = [title.text, *(line.text for line in body)]
        if para_story is not None:
            para = self.paraphrase(para_story, texts)
            if para is not None:
                block = blocks[chosen.index(para_story)]
                pos = body.index(block[0]) + rng.randint(1, len(block)) if block else len(body)
                body.insert(pos, para)
                texts.append(para.text)
        for _ in range(n_inv):
            line = self.invented(rng.choice(chosen), texts)
            body.insert(rng.randint(1, len(body)), line)
            texts.append(line.text)
        every = [title, *body]
        for x in range(len(every)):
            for y in range(x + 1, len(every)):
                a, b = every[x].text, every[y].text
                if a == b or covers(a, b) or covers(b, a):
                    return None
        return body, title, chosen

    def case(self, primary: _Story) -> SynthCase:
        rng = self.rng
        for _ in range(60):
            got = self.attempt(primary)
            if got is not None:
                break
        else:
            raise RuntimeError("could not build a farm article")
        body, title, chosen = got
        latest = max(d.published for s in chosen for d in (*s.docs, *s.related) if d.published is not None)
        published = latest + dt.timedelta(days=rng.randint(1, 3))
        dateline = (
            f"{_WEEKDAYS[published.weekday()]}, {published.day} {_MON[published.month - 1]}, {published.year}"
        )
        paras: list[list[str]] = []
        k = 0
        while k < len(body):
            n = rng.choice((2, 3, 3, 4))
            paras.append([line.text for line in body[k : k + n]])
            k += n
        article = f"{title.text}\n{dateline}\n\n" + "\n\n".join(" ".join(p) for p in paras) + "\n"
        truth: list[TruthSentence] = []
        for i, line in enumerate([title, *body]):
            ids: list[str] = []
            for src in line.source_sentences:
                for d in self.carriers(src, title=i == 0):
                    if d.id not in ids:
                        ids.append(d.id)
            if len(line.source_sentences) > 1:
                order = {d.id: d for d in self.drafts}
                ids.sort(
                    key=lambda x: (
                        order[x].published is None,
                        order[x].published or dt.date.min,
                        order[x].order,
                    )
                )
            truth.append(
                TruthSentence(
                    i=i,
                    text=line.text,
                    origin=line.origin,
                    sources=tuple(ids),
                    source_sentences=line.source_sentences,
                    alterations=line.alterations,
                )
            )
        return SynthCase(article_text=article, article_published=published.isoformat(), truth=tuple(truth))


# ---------------------------------------------------------------------------------------------
# the public entry points


def make_world(seed: int = 0, stories: int = 30, cases: int = 10, noise_docs: int = 40) -> SynthWorld:
    """A reference corpus and ``cases`` content-farm articles traced against it, all from ``seed``."""
    rng = random.Random(seed)
    namer = _Namer(rng)
    acronyms_used: set[str] = set()
    start = dt.date(2031, 2, 1)
    topics = [_TOPICS[k % len(_TOPICS)] for k in range(stories)]
    rng.shuffle(topics)
    made: list[_Story] = []
    drafts: list[_Draft] = []
    for idx, topic in enumerate(topics):
        date = start + dt.timedelta(days=rng.randint(0, 70))
        story = _make_story(rng, namer, idx, topic, date, acronyms_used)
        items = list(enumerate(story.sents))
        wire = _Draft(
            id=f"{story.wire.code}-{story.slug}",
            url=_url(story.wire, date, story.title, story.slug),
            outlet=story.wire.domain,
            published=date,
            title=story.title,
            paras=_paragraphs(items, rng),
            story=idx,
            kind="wire",
        )
        story.docs.append(wire)
        n_repubs = rng.choices((0, 1, 2, 3), weights=(15, 35, 30, 20))[0]
        for outlet, habit in rng.sample(_REPUBLISHERS, n_repubs):
            style = habit if rng.random() < 0.7 else rng.choice(("verbatim", "edited", "excerpt"))
            when = None if rng.random() < 0.125 else date + dt.timedelta(days=rng.randint(1, 3))
            story.docs.append(_republish(story, outlet, style, rng, when))
        if rng.random() < 0.6:
            story.related.append(_related(story, rng.choice(_REPORTERS), rng))
        made.append(story)
        drafts.extend(story.docs)
        drafts.extend(story.related)
    for j in range(noise_docs):
        drafts.append(_noise(rng, namer, j, start, acronyms_used))
    for n, d in enumerate(drafts):
        d.order = n
    builder = _Builder(rng, made, drafts)
    primaries = rng.sample(made, len(made))
    out_cases = [builder.case(primaries[c % len(primaries)]) for c in range(cases)]
    docs = tuple(
        SynthDoc(
            id=d.id,
            url=d.url,
            outlet=d.outlet,
            published=d.published.isoformat() if d.published else None,
            title=d.title,
            text=text,
        )
        for d, text in zip(drafts, builder.texts, strict=True)
    )
    return SynthWorld(docs=docs, cases=tuple(out_cases))


def write_jsonl(docs: Iterable[SynthDoc], path: str | Path) -> None:
    """Write documents in the corpus format: one JSON object a line with id, url, outlet, published, title, text."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for d in docs:
            row = {"id": d.id, "url": d.url, "outlet": d.outlet, "published": d.published, "title": d.title}
            row["text"] = d.text
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
