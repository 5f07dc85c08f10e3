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

import calendar
import datetime as dt
import difflib
import itertools
import json
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "RELATED_OUTLETS",
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

_WEEKDAYS = tuple(calendar.day_name)
_MONTHS = tuple(calendar.month_name)[1:]
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
    wire: tuple[str | tuple[str, ...], ...]  # one entry a sentence; a tuple offers alternative structures
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
        "org1": (
            "{region} Civil Protection Office",
            "{region} Flood Rescue Service",
            "{region} Disaster Relief Board",
        ),
        "org2": (
            "{country_adj} Meteorological Service",
            "{country_adj} Weather Bureau",
            "{P} Hydrology Institute",
        ),
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
    attribs=("rescue workers said", "police said", "according to the {org2_acr}", "according to the {org2}"),
    titles=(
        "Dam [collapse|failure] floods {region} villages, thousands evacuated",
        "{dam} gives way as floods [sweep|engulf] {region} Province",
        "{n_dead} [dead|killed] after {dam} bursts in {region}, {org1_acr} says",
        "Floods cut off {n_villages} villages as [dam fails|reservoir bursts] in {country}",
    ),
    wire=(
        (
            "the {dam} in {region} Province [gave way|collapsed|burst|failed] [early|before dawn on|late on] "
            "{weekday} after [days|a week|ten days] of [torrential|relentless|unusually fierce] [rain|downpours], "
            "[sending|unleashing] a [wall|surge|torrent] of water [through|into|across] at least {n_villages} "
            "villages{attrib}.",
            "[a wall of|a torrent of|surging] floodwater [tore|swept|poured] through {n_villages} villages [in|across] "
            "{region} Province on {weekday} when the [ageing|old|neglected] {dam} [burst|gave way|failed] "
            "[after|following] [days|a week] of [heavy|torrential] rain{attrib}.",
        ),
        (
            "{lead}[rescue crews|rescue teams|emergency crews] from the {org1} had [pulled|lifted|plucked] "
            "{n_rescued} people from [rooftops|roofs|attics] and [trees|barns|church towers] by "
            "[mid-afternoon|nightfall|late evening|the end of the day].",
            "{lead}[by|before] [nightfall|dusk|late afternoon], [helicopters|army boats|volunteers in fishing boats] "
            "[coordinated by|working with] the {org1} had [rescued|brought to safety|evacuated] {n_rescued} "
            "[people|residents|villagers] [stranded|trapped|marooned] on [roofs|upper floors|hillsides].",
        ),
        (
            "at least {n_dead} people were confirmed dead and [dozens|scores|many] more were {hedge}"
            "[missing|unaccounted for|still being sought] [in the flooded valleys|along the river|in the "
            "worst-hit areas]{attrib}.",
            "the [death toll|number of dead] [rose|climbed] to {n_dead} by {weekday} [evening|night|afternoon], "
            "[and|while] [rescuers|search teams|divers] [warned|feared] [it|the figure] [was likely to|could|would "
            "probably] rise{attrib}.",
        ),
        (
            "“The water came [faster|quicker|higher] than anyone [believed|thought|imagined] possible,” said "
            "{witness}, who [escaped|fled|got out] with [a grandson|two neighbours|an elderly uncle] from the "
            "village of {village}.",
            "“[We heard a roar like thunder|It sounded like a train|The ground shook], and [then|a minute later|"
            "seconds later] the [street|kitchen|yard] was [a river|under water|gone],” said {witness}, "
            "[a mother of three|a shopkeeper|a retired postman] from {village}.",
        ),
        (
            "the {dam_decade} [earthwork|earth-fill|concrete] dam held back [about|roughly|nearly] {volume} million "
            "cubic metres of water and had [long|repeatedly|for years] been [listed|flagged] as "
            "[a concern|a risk|a priority] by [inspectors|safety inspectors|the national dam authority]{attrib}.",
            "[built|completed|finished] in the {dam_decade}, the {dam} [held|stored|contained] [about|some|nearly] "
            "{volume} million cubic metres of water [and|but] [had not been|was never] [properly|thoroughly] "
            "[inspected|surveyed|upgraded] [in|for] [at least a decade|many years|years]{attrib}.",
        ),
        (
            "water engineer {engineer}, who [inspected|surveyed|examined] the dam in {year_past}, told the "
            "{wire_long} that [repairs to its spillway|work on its spillway|spillway repairs] had been "
            "[postponed|put off|delayed] [twice|three times|repeatedly].",
            "{engineer}, [an engineer|a hydrologist|a dam specialist] who [surveyed|checked|examined] the "
            "[structure|embankment] in {year_past}, [said|told the {wire_long}] that [cracks|seepage|erosion] in "
            "the spillway had been [reported|documented|noted] [but never repaired|and then ignored|without any "
            "response].",
        ),
        (
            '"We [flagged|reported|raised] it [twice|again and again|in writing], and [nothing was done|nobody '
            'listened|nothing happened]," {engineer_ref} [said|added].',
            '"[Every report|Each inspection|Every letter] [we wrote|I signed|we sent] [said|warned|stated] the same '
            'thing: [fix the spillway|repair it now|this dam is tired]," {engineer_ref} [said|recalled|added].',
        ),
        (
            "Interior Minister {minister} said the army would [send|deploy|dispatch] {n_troops} troops and "
            "{n_boats} [boats|rescue boats|inflatable boats] to the province [by {weekday2}|within hours|overnight].",
            "{minister}, the [interior minister|minister of the interior], [promised|announced|pledged] {n_troops} "
            "[troops|soldiers|army personnel] and {n_boats} [boats|rescue boats|inflatable boats] [for the "
            "province|to help the rescue effort|for the relief effort] [on {weekday}|late on {weekday}|within hours].",
        ),
        (
            "schools in {city} and [nearby|neighbouring] {town} will [stay|remain] closed until at least "
            "{weekday2}, and [several|most|many] [main|major|trunk] roads [remain|are still] under water{attrib}.",
            "[classes|lessons] [in|across] {city} and {town} [were cancelled|have been suspended|were called off] "
            "[until|through] {weekday2} [at least|at the earliest], [while|and] [dozens of|many|several] "
            "[roads|bridges|rail lines] [were|remained] [closed|impassable|under water]{attrib}.",
        ),
        (
            "{lead}the [regional|provincial] power grid was {hedge}[knocked out|cut|disabled] for more than "
            "{n_homes} homes, leaving [families|residents|households] without [heating|power|light] "
            "[overnight|through the night]{attrib}.",
            "{lead}[about|more than|nearly] {n_homes} [homes|households|properties] [lost|were left without] "
            "[power|electricity] [after|when] [floodwater|water] [reached|swamped|knocked out] [two|three|several] "
            "[substations|transformer stations]{attrib}.",
        ),
        (
            "forecasters at the {org2} [warned|said] that another {rain_mm} millimetres of rain could fall on the "
            "[hills|uplands|slopes] above {town} [before {weekday2}|over the next two days|by the weekend].",
            "{lead}[more|further] rain [is expected|is forecast|could arrive] [over|on] the [weekend|coming days|next "
            "two days], with up to {rain_mm} millimetres [possible|expected|predicted] [in|on] the "
            "[hills|uplands|slopes] above {town}{attrib}.",
        ),
        (
            "{lead}engineers from the {org1_acr} were [assessing|inspecting|checking] [two|three] smaller "
            "[reservoirs|dams] [downstream|further down the valley], which [residents|officials|local people] fear "
            "could also [fail|give way]{attrib}.",
            "{lead}[inspectors|teams] from the {org1_acr} [were checking|began checking|rushed to inspect] "
            "[two|three] [older|smaller] [embankments|dams] [lower down the valley|on tributaries], [amid fears|"
            "fearing] that they [could|might] also [collapse|give way]{attrib}.",
        ),
        (
            "the {org1_acr} said it had [opened|set up] {n_shelters} emergency shelters in [sports halls|gyms|"
            "community centres] and schools across the [province|region], [most of them|many of them] already "
            "[full|overcrowded].",
            "{org1_acr} [staff|volunteers|workers] [opened|set up|ran] {n_shelters} [emergency|temporary] shelters "
            "in [schools|churches|sports halls] [across|throughout] the [province|region], [and|but] [most|many] "
            "were already [full|overcrowded] by [evening|nightfall|{weekday} night].",
        ),
        (
            "“How many more warnings did they need?” asked {witness2}, a [farmer|baker|teacher|retired nurse] "
            "from {village}, [standing|speaking] [beside|outside|in front of] a ruined [barn|bakery|house|workshop].",
            "“[They knew|Everyone knew|We all knew] [this|the dam] [was|had become] [dangerous|a time bomb|a risk], "
            "[and|yet|but] [nobody|no one] [did anything|lifted a finger|acted],” said {witness2}, whose "
            "[farm|shop|home] in {village} was [destroyed|wrecked|washed away].",
        ),
        (
            "{lead}insurers [put|estimated] the damage at {damage} million crowns, though [analysts|brokers|"
            "underwriters] [cautioned|warned] that the [figure|total|bill] could rise sharply [in the coming "
            "weeks|as the water recedes].",
            "{lead}[early|initial|preliminary] [estimates|calculations|figures] [from insurers|by the insurance "
            "industry|from underwriters] [put|place] the [cost|damage|bill] at {damage} million crowns, [a "
            "figure|a sum|an amount] [expected|likely|set] to [rise|grow|climb] [sharply|considerably|steeply]{attrib}.",
        ),
        (
            "{forecaster_t} of the {org2_acr} {hedge}described the [rainfall|downpour|deluge] as the "
            "[heaviest|most intense|worst] recorded in {region} since {year_old}.",
            "{forecaster_t}, [a climatologist|a senior forecaster|a hydrologist] at the {org2_acr}, [said|noted] "
            "the [rain|downpour|storm] {hedge}[was|had been] the [heaviest|worst|most intense] [since records "
            "began|in {region} since {year_old}|in living memory].",
        ),
    ),
    related=(
        "Floodwater from the [ruptured|broken|failed] {dam} [swamped|inundated|submerged] {n_villages} [villages|settlements] [across|throughout] {region} Province on {weekday}.",
        "[The confirmed|The official] death toll [reached|hit|stood at] {n_dead} by {weekday} [evening|night], while {n_rescued} [survivors|residents] were [lifted|winched|ferried] to safety [from roofs|by boat|by helicopter].",
        "{minister}, who [heads|runs|leads] the interior ministry, [pledged|committed] {n_troops} [soldiers|servicemen] and {n_boats} [craft|vessels] [for|to] the [relief|rescue] [operation|effort].",
        "[Survivors|Residents|Villagers] in {village} [spoke of|described|recalled] a [torrent|flood|surge] that [arrived|came] with [almost no|barely any|hardly any] warning and [swept away|carried off|overturned] [cars|sheds|fences].",
        "{engineer} [maintained|argued|insisted] the [dam’s|reservoir’s] spillway had [needed|required|been due for] [urgent|major|serious] work since at least {year_past}.",
        "The [reservoir’s|lake’s] {volume} million cubic metres [drained|emptied|poured out] in [under|less than] an hour, according to [engineers|hydrologists|experts].",
        "[Classes|Lessons] in {city} and {town} are [suspended|cancelled|off] until {weekday2} at the earliest, the [education office|school board|local council] said.",
        "Up to {rain_mm} millimetres of [further|extra] [rainfall|rain] [is forecast|is predicted|may fall] [for|over] the [uplands|high ground] [by|according to] the {org2_acr}.",
        "[Roughly|Around] {n_homes} households [lost|were left without] [electricity|power] as [substations|transformers] [flooded|failed|went under] [across|around] the [province|region].",
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
        "{party1_acr} claims [victory|win] in {country} [election|vote] as turnout hits {turnout} per cent",
        "{country} votes in tight election as {leader} seeks [second|third] term",
        "[Opposition cries|Rivals cry] foul after {party1} wins {country} poll",
        "{org1_acr} delays [final|official] results in [disputed|contested] {country} election",
    ),
    wire=(
        (
            "voters in {country} [turned out in large numbers|queued for hours|went to the polls] on {weekday} in "
            "a [parliamentary|general] election [seen as|widely viewed as] a referendum on Prime Minister {leader} "
            "and the ruling {party1}{attrib}.",
            "[millions of|hundreds of thousands of] {country_adj} [voters|citizens] [cast ballots|voted] on "
            "{weekday} in [an|a closely fought|a bitter] election [that|which] [will decide|could decide] whether "
            "Prime Minister {leader} and the {party1} [stay in power|keep their majority|remain in office]{attrib}.",
        ),
        (
            "with [ballots|votes] from {pct_counted} per cent of polling stations [counted|tallied], the "
            "{party1_acr} [had|held|was on] {pct_leader} per cent [of the vote|] against {pct_rival} per cent for "
            "the {party2}.",
            "[partial|early|preliminary] [results|returns|figures] [showed|gave|put] the {party1_acr} [on|at] "
            "{pct_leader} per cent [and|while] the {party2} [trailed|lagged] [on|at|with] {pct_rival} per cent, "
            "with {pct_counted} per cent of [stations|precincts|districts] [reporting|counted|in].",
        ),
        (
            "turnout [reached|stood at|climbed to] {turnout} per cent, the highest in [two decades|a generation|"
            "more than 20 years]{attrib}.",
            "[the|official] turnout [figure|estimate|rate] of {turnout} per cent [was|marked] [the highest|a "
            "record|the strongest] [since {year_old}|in two decades|in a generation]{attrib}.",
        ),
        (
            "“Tonight the people of {country} have chosen [stability over chaos|hope over fear|work over words],” "
            "{leader} told [cheering|jubilant|flag-waving] supporters at a [rally|victory party] in {city}.",
            "“[This is|Tonight is] a [victory|win|triumph] for [every|each] [family|worker|citizen] who "
            "[wants|believes in|asked for] [a calmer|a safer|a fairer] {country},” {leader} [told|said to] "
            "[a crowd of|hundreds of|thousands of] supporters in {city}.",
        ),
        (
            "{challenger}, who leads the {party2_acr}, [refused|declined] to concede and said {challenger_pos} "
            "party had [documented|recorded|logged] {n_complaints} cases of [ballot stuffing|vote buying] and "
            "intimidation.",
            "[opposition leader|the opposition's] {challenger} [rejected|refused to accept|dismissed] the "
            "[figures|early results|count] and [claimed|alleged] that {n_complaints} [irregularities|violations|"
            "cases of fraud] had been [reported|logged|filed] by {challenger_pos} party's [lawyers|observers|"
            "volunteers].",
        ),
        (
            '"We will not accept a result [written|decided|cooked up] in the back rooms of {capital}," '
            "{challenger_ref} [said|told reporters|declared].",
            '"[The count|This election|The result] [was|has been] [stolen|rigged|fixed] [in plain sight|before a '
            'single vote was cast|from the start]," {challenger_ref} [said|told reporters|insisted] [in {capital}|'
            "outside party headquarters|late on {weekday}].",
        ),
        (
            "{official_t}, who chairs the {org1}, said [final|certified|official] results would be "
            "[published|announced|released] by {weekday2} [at the latest|evening|morning].",
            "[the|a spokesman for the] {org1} [said|announced|confirmed] that [final|certified|official] "
            "[results|figures] [would|should] be [released|published|announced] [no later than|by|before] "
            "{weekday2}, [after|once] all [recounts|disputed ballots|complaints] had been "
            "[resolved|checked|reviewed].",
        ),
        (
            "{lead}observers from the {org2} said voting had been [largely orderly|mostly calm|generally "
            "peaceful], though they {hedge}[noted|reported|recorded] [long queues|delays|shortages of ballot "
            "papers] at {n_stations} polling stations in [rural districts|the countryside|remote areas].",
            "{lead}[international|foreign|independent] [observers|monitors] from the {org2} [called|judged] the "
            "[vote|poll|election] [broadly|largely|generally] [fair|free|orderly] [but|though they] {hedge}"
            "[reported|noted|flagged] [problems|delays|irregularities] at {n_stations} [polling stations|voting "
            "centres|stations].",
        ),
        (
            "the {party1_acr} is [projected|expected|on course] to win {n_seats} of the {total_seats} seats in "
            "[parliament|the assembly], enough to govern [without a coalition partner|alone|without allies]{attrib}.",
            "[projections|forecasts|analysts] [give|gave|put] the {party1_acr} [on|at|with] {n_seats} [seats|"
            "places] in the {total_seats}-seat [parliament|chamber|assembly], [a comfortable|an outright|a narrow] "
            "majority{attrib}.",
        ),
        (
            "police in {town} {hedge}[detained|held|picked up] {n_detained} [people|voters|youths] after [scuffles|fights|a brawl] broke out [outside|near] a polling station [shortly after|just after|before] 7 a.m. on {weekday}{attrib}.",
            "{lead}[police|officers] {hedge}[arrested|detained|held] {n_detained} [people|men|supporters] [after|"
            "when] [fighting|a scuffle|a brawl] [erupted|broke out|started] [outside|near|at] a [school|town hall|"
            "community centre] [used as|serving as] a polling station in {town}{attrib}.",
        ),
        (
            "{analyst_t} of {univ} said the result [reflected|showed|revealed] [deep|widespread|growing] unease "
            "about [rising food prices|the cost of living] and unemployment in the [north|south|east].",
            "[political scientist|analyst] {analyst_t} [said|argued|noted] that [voters|many voters|rural voters] "
            "[had|appeared to have] [punished|rewarded|forgiven] the [government|ruling party] [over|for|despite] "
            "[rising prices|unemployment|corruption scandals] [in the|across the] [north|south|east].",
        ),
        (
            "{lead}the {party2_acr} has called supporters to a [protest|march|rally] in central {capital} on "
            "{weekday2}, raising fears of [unrest|confrontation|clashes] with police{attrib}.",
            "{lead}the {party2_acr} [urged|called on|asked] its supporters to [gather|march|rally] in {capital} on "
            "{weekday2}, [a move|a call|an appeal] [that|which] [police|the government|officials] [warned|said] "
            "could [lead to|spark|trigger] [violence|unrest|clashes].",
        ),
        (
            "“I waited [three|two|four] hours in the [rain|cold], but I would [wait|have waited] [six|all day] if I "
            "had to,” said {voter}, a [nurse|mechanic|pensioner|student] [voting|casting a ballot] in {town}.",
            "“[I voted for|My vote went to|I chose] [change|the future|my children], [because|since] "
            "[nothing|little] has [improved|got better|changed] [in years|since {year_past}|for us],” said {voter}, "
            "[a nurse|a bus driver|a shop owner] in {town}.",
        ),
        (
            "{leader}, {leader_age}, first came to power in {year_past} promising to [tackle|end|root out] "
            "corruption, but [critics|opponents|rivals] say [little|not much|almost nothing] has changed "
            "[since|in practice].",
            "{leader}, {leader_age}, [has led|has governed|has run] the [country|government] since {year_past} "
            "[and|but] [faces|has faced] [growing|mounting|repeated] [criticism|questions|protests] over "
            "[corruption|cronyism|favouritism].",
        ),
        (
            "the {org1_acr} said it had received {n_complaints} formal complaints and would "
            "[investigate|examine|review] each [one|of them] before [certifying|approving|confirming] the count.",
            "[a|one] {org1_acr} [spokesman|spokeswoman|official] [said|confirmed|told reporters] that "
            "{n_complaints} [complaints|objections|appeals] had been [filed|received|lodged] and would be "
            "[examined|reviewed|investigated] [before|ahead of] [certification|the final count].",
        ),
    ),
    related=(
        "Polls [closed|shut] across {country} on {weekday} after a day of [heavy|brisk|steady] voting, with turnout [put|estimated|reported] at {turnout} per cent.",
        "[Early|Initial|First] counts [gave|handed|showed] the {party1} {pct_leader} per cent, with the {party2} [trailing|behind|lagging] on {pct_rival} per cent.",
        "{challenger} told [supporters|a crowd|activists] there was [evidence|proof] of {n_complaints} [separate|distinct|documented] irregularities at [polling places|voting sites].",
        "The {org1} [expects|hopes|plans] to certify the [count|tally|vote] by {weekday2}, a [spokeswoman|spokesman|press officer] for the body said.",
        "[International|Foreign|Visiting] monitors [described|characterised|judged] the vote as [broadly|largely] [calm|peaceful] despite [delays|hold-ups|queues] at {n_stations} rural stations.",
        "{leader} [hailed|welcomed|greeted] the outcome as a [vote|mandate] for stability [during|in] a [late-night|midnight|brief] speech in {city}.",
        "A [projected|forecast|likely] {n_seats} seats would [hand|give] the {party1_acr} an [outright|absolute] majority in the [chamber|legislature].",
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
        "[Rebels|Separatists] shell {country} border posts in {valley} Valley",
        "{org1_acr} [fighters|gunmen] [attack|raid] border posts as [tensions rise|tempers fray] with {country2}",
        "{country} accuses {country2} of [arming|backing] {valley} rebels after [deadly|bloody] clash",
        "[Clashes in disputed {valley} Valley leave|Fighting in contested {valley} Valley leaves] {n_killed} dead",
    ),
    wire=(
        (
            "fighters of the {org1}, a [separatist|breakaway] group {country} says is [armed|backed|supplied] by {country2}, [shelled|attacked|fired on] {n_posts} [border|frontier] posts [near|close to] {town} [shortly|just|soon] after {hour} p.m. on {weekday}{attrib}.",
            "[separatist|rebel] fighters [from|of] the {org1} [attacked|shelled|struck] {n_posts} {country_adj} "
            "border posts [around|near|outside] {town} [late|after dark] on {weekday}, in the [worst|deadliest|"
            "heaviest] [fighting|violence] [for|in] [months|years|a decade]{attrib}.",
        ),
        (
            "at least {n_killed} [soldiers and civilians|people, among them civilians,] were killed and "
            "{n_wounded} others wounded in the [fighting|exchange of fire|overnight battle]{attrib}.",
            "[the army|hospital staff|local officials] [reported|confirmed] that {n_killed} [people|soldiers and "
            "civilians] [died|had been killed] and {n_wounded} [were|had been] [wounded|injured|hurt] [in|during] "
            "the [attack|assault|overnight fighting].",
        ),
        (
            "“We have never [supplied|sent|given] a single rifle to these groups,” {country2_adj} Foreign Minister "
            "{fm} told the {wire_long} [by telephone|in an interview|from {capital}].",
            "“[These accusations|Such claims|These allegations] are [absurd|baseless|a fantasy], and {country} "
            "[knows|knows full well] it,” {fm}, {country2_adj} foreign minister, [said|told reporters|said in a "
            "statement].",
        ),
        (
            "Gen. {general}, commander of {country}'s [Northern|Eastern|Western] District, said [about|some|roughly] "
            "{n_troops} troops had been {hedge}[moved|sent|deployed] into the valley as a precaution.",
            "[about|some|roughly] {n_troops} [troops|soldiers|reinforcements] had been {hedge}[sent|deployed|rushed] "
            "to the [valley|border area] on the orders of Gen. {general}, who [commands|leads] {country}'s "
            "[Northern|Eastern|Western] District{attrib}.",
        ),
        (
            "the valley has been [contested|disputed|fought over] since the two states [separated|split|parted "
            "ways] in {year_old}, and a [truce|ceasefire] [brokered|agreed|signed] in {year_truce} "
            "[collapsed|broke down] last year.",
            "[control of|the status of|sovereignty over] the [valley|region] has been [disputed|in dispute] "
            "[since|ever since] {year_old}, [and|while] a [{year_truce}|] [truce|ceasefire|peace deal] [fell apart|"
            "collapsed] [last year|in the autumn|within months].",
        ),
        (
            "{lead}residents of {town} [spent the night|sheltered|hid] in [basements|cellars] as [shells|mortar "
            "rounds|rockets] [landed|fell|exploded] near the [main square|market|railway station]{attrib}.",
            "{lead}[families|people] in {town} [hid|spent hours|sheltered] in [cellars|basements|the church crypt] "
            "[while|as] [shells|rockets|mortar bombs] [hit|struck|landed on] [homes|the market|the school]{attrib}.",
        ),
        (
            "“The children were [screaming|crying], and we could not get them out,” said {witness}, whose house "
            "on the [edge|outskirts] of {town} was [hit|struck] [twice|three times].",
            "“[I have lived here|My family has lived here|We have farmed here] [all my life|for forty years|for "
            "generations], and I have never [seen|known] [anything like it|such fear|nights like this],” said "
            "{witness}, [a resident|a farmer|a teacher] [of|from] {town}.",
        ),
        (
            "{medic_t}, who runs the only hospital in {town}, said [staff|doctors] had treated {n_wounded} "
            "[patients|wounded] overnight and were running [short of|low on] [blood|bandages|painkillers].",
            "[staff|doctors|surgeons] at the [only|small|main] hospital in {town} [treated|operated on|cared for] "
            "{n_wounded} [casualties|wounded] [overnight|through the night], {medic_t} [said|told reporters], "
            "[warning|adding] that [supplies|blood stocks|medicines] were [running low|nearly exhausted].",
        ),
        (
            "the {org1_acr} said in a statement that its fighters had {hedge}[destroyed|hit|captured] an army "
            "[depot|checkpoint|supply post] and would [continue|press on|keep fighting] until {country} withdrew "
            "its forces.",
            "[in|via] a [statement|message] [posted online|sent to journalists], the {org1_acr} [claimed|asserted] "
            "it had {hedge}[destroyed|overrun|captured] a military [depot|outpost|checkpoint] and [vowed|threatened] "
            "to [keep fighting|fight on] [until|unless] {country} [withdraws|pulls out] its [troops|forces].",
        ),
        (
            "{lead}aid agencies estimate that some {n_displaced} people have [fled|left|escaped] the valley since "
            "the [start|beginning] of the month{attrib}.",
            "{lead}[about|an estimated] {n_displaced} [residents|villagers] have [fled|abandoned] their homes "
            "[since|as] the [fighting|violence|clashes] [began|escalated|flared]{attrib}.",
        ),
        (
            "the {org2} urged [both governments|the two capitals] to [exercise|show] restraint and [offered|volunteered] to [send|deploy] [monitors|inspectors] to the {km}-kilometre [border strip|buffer zone]{attrib}.",
            "[the|in a statement, the] {org2} [called for|appealed for] [calm|an immediate ceasefire] and said it "
            "was [ready|prepared|willing] to [deploy|send] [observers|a mission] [along|to] the {km}-kilometre "
            "[frontier|border] zone{attrib}.",
        ),
        (
            "{country}'s defence ministry said its artillery had fired {n_shells} rounds in [response|return], "
            "[targeting|hitting] positions it said were used by the [rebels|separatists|militia].",
            "[army|government] [gunners|batteries] [returned fire|hit back], [firing|launching] {n_shells} "
            "[shells|rounds] at [bases|camps] [belonging to|held by] the [separatists|militia], {country}'s "
            "[defence ministry|army] [reported|said].",
        ),
        (
            '"This is [an act of war|open aggression] [dressed up|disguised] as a [local|village] [dispute|quarrel|squabble]," {general_ref} told [reporters|journalists] at a [briefing|news conference] in {city}.',
            '"[We will|Our forces will|The army will] [defend|protect|hold] every [metre|inch|village] of this '
            '[valley|land|border]," {general_ref} [said|declared] [in {city}|on {weekday}|at a briefing].',
        ),
        (
            "{country2_adj} state television {hedge}showed [footage|images|video] of burning [vehicles|trucks|buses] "
            "on a road outside {town}, but the [images|pictures] could not be [independently verified|verified|"
            "confirmed].",
            "[footage|video] {hedge}[broadcast|aired] by {country2_adj} state television [showed|appeared to show] "
            "[burnt-out|smouldering] [trucks|cars] [near|on the road to] {town}; [its|the] [authenticity|origin|"
            "date] could not be [checked|confirmed].",
        ),
        (
            "{spokes_t}, a [spokesman|spokesperson] for the army, said an ‘unknown number’ of [fighters|gunmen] had [crossed|waded across] the [river|stream] [before dawn|overnight|under cover of fog].",
            "{spokes_t}, [who speaks for|speaking for] the [armed forces|general staff], [said|claimed] [dozens of|"
            "several groups of] [rebels|militants] had [forded|slipped across] the river [before dawn|overnight|"
            "under cover of fog].",
        ),
    ),
    related=(
        "[Separatists|Insurgents|Gunmen] from the {org1_acr} opened fire on {n_posts} [frontier|boundary] posts [around|close to] {town} late on {weekday}.",
        "The army put the [number of dead|toll] at {n_killed}, with {n_wounded} [more|others] being [treated|cared for] in [hospital|field clinics].",
        "{fm}, {country2}'s [top diplomat|chief diplomat], [rejected|denied|brushed off] [claims|charges|suggestions] that {fm_pos} country [arms|funds|equips] the [rebels|insurgents].",
        "[Around|Some] {n_troops} [extra|additional] soldiers have been [sent|ordered] to the [valley|area], according to Gen. {general}.",
        "[Relief groups|Charities|Humanitarian workers] say {n_displaced} [residents|civilians] have [abandoned|left] their homes since [fighting|hostilities] [flared|resumed].",
        "The {org2_acr} has offered to [deploy|post] [observers|monitors] along the frontier if both [sides|governments] [agree|consent].",
        "The [quarrel|feud] over the [valley|territory] [dates back to|goes back to] {year_old}, when the two [countries|republics] [split apart|went separate ways].",
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
        "org1": (
            "Western Amber Trade Council",
            "Boreal Commerce Forum",
            "Inner Sea Trade Council",
            "{region} Customs Union",
        ),
        "org2": ("{country_adj} Chamber of Commerce", "{country_adj} Export Council"),
    },
    places={"univ": "the University of {P}"},
    numbers={
        "tariff": ("int", 20, 40),
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
        "{country} and {country2} [resume|restart] trade talks over {goods} [tariffs|duties]",
        "Trade talks [stall|falter] as {country2} rejects {goods} quota",
        "{org1_acr} hosts [last-ditch|emergency] talks to [avert|head off] tariff war",
        "Breakthrough hopes fade in {country}-{country2} trade negotiations",
    ),
    wire=(
        (
            "negotiators from {country} and {country2} [resumed|reopened|restarted] talks in {city} on {weekday} "
            "aimed at [ending|settling|resolving] a [months-long|year-long|bitter] dispute over [tariffs|duties] on "
            "{goods} and {goods2}{attrib}.",
            "[trade|senior] [officials|delegations] [from|representing] {country} and {country2} [met|sat down|"
            "gathered] in {city} on {weekday} [for a new round of|to restart|for fresh] talks [on|over|about] "
            "[tariffs|duties|levies] [on|covering] {goods} and {goods2}{attrib}.",
        ),
        (
            "{country2} imposed a {tariff} per cent levy on {country_adj} {goods} in {month_past}, [prompting|"
            "triggering|provoking] [retaliatory|matching|tit-for-tat] duties on {goods2} within [weeks|days|a month].",
            "the [row|quarrel] [began|started|erupted] [when|after] {country2} [slapped|placed] a {tariff} per cent "
            "[duty|charge] on [imports of|shipments of] {country_adj} {goods} in {month_past}, [drawing|prompting] "
            "[swift|immediate|angry] [retaliation|countermeasures] on {goods2}.",
        ),
        (
            "[bilateral|cross-border|two-way] trade between the [two neighbours|countries|two states] was worth "
            "[about|around|roughly] {trade_value} billion crowns [last year|in {year_past}]{attrib}.",
            "[customs|official|government] [figures|data|statistics] [show|suggest|indicate] that [commerce|trade] "
            "[across the border|between the pair] [reached|totalled] {trade_value} billion crowns [last year|in "
            "{year_past}]{attrib}.",
        ),
        (
            "Trade Minister {tm} said {tm_pos} government was [cautiously optimistic|hopeful|quietly confident] "
            "that a deal could be [reached|struck|agreed] before the {org1_acr} summit on {weekday2}.",
            "{tm}, {country}'s [trade minister|minister for trade], [told|assured] [reporters|parliament|business "
            "leaders] that a [settlement|compromise] [was|remained] [possible|within reach|achievable] "
            "[before|ahead of] the {org1_acr} [summit|meeting|gathering] on {weekday2}.",
        ),
        (
            "“Nobody wins a tariff war, [least of all|and certainly not] the [farmers|fishermen] and [dock workers|hauliers] who pay for it,” {tm_ref} told [reporters|journalists] [outside the talks|on the way in|during a break].",
            "“[Every week|Each day|Every month] [this goes on|without a deal|of delay], [another|one more] "
            "[factory|sawmill|harbour] [closes|shuts|goes quiet],” {tm_ref} [said|warned] [on {weekday}|in {city}|"
            "at the talks].",
        ),
        (
            "{country2_adj} Economy Minister {cm} {hedge}insisted that any agreement must [include|guarantee|"
            "contain] an annual quota of {quota} tonnes for {country2_adj} [exporters|producers|firms].",
            "{cm}, {country2}'s [economy minister|minister of economy], {hedge}[demanded|called for] [a guaranteed|"
            "a yearly] quota of {quota} tonnes [for|reserved for] {country2_adj} [producers|firms] [as part of|in] "
            "any [settlement|pact].",
        ),
        (
            "{lead}the {org1}, which is [mediating|chairing the talks|acting as broker], has [proposed|suggested] "
            "phasing out the levies over {n_years} years in exchange for joint [customs|border] inspections.",
            "{lead}[under|in] a [plan|proposal|compromise] [put forward|tabled|drafted] by the {org1}, [both sets "
            "of tariffs|the duties] would be [removed|cut] [over|across|within] {n_years} years, [in return "
            "for|alongside] [shared|common] [customs|border] [checks|controls].",
        ),
        (
            "exporters say the dispute has already cost [about|some|nearly] {n_jobs} jobs in [port towns|harbour "
            "districts|coastal communities] [along the coast|in the north|in the west]{attrib}.",
            "[business groups|industry leaders|trade unions] [estimate|claim] that [around|some] {n_jobs} "
            "[positions|workers] have [been cut|been laid off] [in|across] [ports|coastal towns] since "
            "the [row|standoff] [began|started]{attrib}.",
        ),
        (
            '"Our [warehouses|sheds|stores] are full and our buyers have gone [elsewhere|abroad]," said {exporter}, '
            "who runs a {goods} [business|firm|company] in {town}.",
            '"[We used to|Last year we could] [ship|send|export] [ten|twenty|forty] [containers|lorries|cargoes] a '
            '[week|month]; now we [send|export] [none|nothing|one]," said {exporter}, [a {goods} trader|the owner '
            "of a {goods} business] [from|in|based in] {town}.",
        ),
        (
            "{economist_t} of {univ} [estimated|calculated] that [lifting|scrapping] the tariffs would add {gdp} "
            "per cent to [economic growth|output] [next year|within two years].",
            "[ending|dropping] the [duties|levies] [could|would] [boost|raise|lift] [growth|economic output] by "
            "{gdp} per cent [next year|within two years], [according to|said] {economist_t} of {univ}.",
        ),
        (
            "{lead}talks broke down in {month_past2} after the two delegations [failed to|could not] agree on how "
            "to [verify|check|certify] the origin of [goods|shipments|cargo] passing through {country3}.",
            "{lead}[a previous|an earlier|the last] round of negotiations [collapsed|ended without agreement|broke "
            "up] in {month_past2} [over|amid] [disagreements|arguments|a row] [about|over] [rules of origin|origin "
            "checks] for [cargo|shipments] [routed|transiting] through {country3}.",
        ),
        (
            "the {org1_acr} secretariat said a [draft text|draft accord] had been [circulated|shared|sent] to [both delegations|the two teams], but [key|several|crucial] clauses [remained|were still] in square brackets{attrib}.",
            "[a draft|a working] [agreement|document] [has been|was] [circulated|sent] [to|among] the delegations "
            "[by|from] {org1_acr} [staff|mediators], [though|but] [many|several] [sections|articles] [remain|are "
            "still] [unresolved|in dispute]{attrib}.",
        ),
        (
            "“We are [closer|nearer] than we were a [week|month] ago, but not [close|near] enough [yet|],” "
            "{negotiator_t}, the {org1_acr}’s chief [mediator|negotiator], said on {weekday}.",
            "“[We have|We've] [narrowed|closed|bridged] [the gaps|many gaps|most of the gap], [but|though] the "
            "[last|final|remaining] [mile|steps|issues] [are|is] always the [hardest|toughest|slowest],” "
            "{negotiator_t}, [chief mediator for the|who leads mediation for the] {org1_acr}, [said|told reporters].",
        ),
        (
            "shares in [shipping|freight|logistics] firms listed in {capital} rose by {stock} per cent on hopes of "
            "a [deal|breakthrough|settlement]{attrib}.",
            "[investors|markets|traders] [welcomed|cheered|greeted] the [talks|news|resumption], [with|and] "
            "[stocks|shares] [of|in] [shipping|freight|logistics] [companies|groups] in {capital} [climbing|gaining] "
            "{stock} per cent{attrib}.",
        ),
    ),
    related=(
        "Delegations from the two [countries|capitals] met again in {city} to try to [settle|end|defuse] the [row|feud|spat] over {goods} duties.",
        "Since {month_past}, {country_adj} {goods} has [faced|carried|attracted] a {tariff} per cent [charge|surcharge] at the {country2_adj} border.",
        "{tm} struck [an upbeat|an optimistic|a hopeful] note, saying a [settlement|pact] before {weekday2} was [within reach|not impossible|in sight].",
        "Trade across the border is [valued|put|estimated] at [roughly|approximately] {trade_value} billion crowns a year by [customs statisticians|the statistics office|economists].",
        "{cm} is [pressing|pushing|holding out] for a [yearly|guaranteed] quota of {quota} tonnes for {country2_adj} [firms|suppliers|growers].",
        "[Industry groups|Employers|Unions] [blame|fault] the [standoff|stalemate] for [some|roughly] {n_jobs} [lost jobs|redundancies] in [coastal towns|the ports|dock areas].",
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
        "org1": (
            "{country_adj} Constitutional Court",
            "Supreme Tribunal of {country}",
            "{country_adj} High Court",
        ),
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
        "Court [jails|imprisons] former minister {defendant} for {n_years} years",
        "{org1_acr} upholds [corruption|bribery] verdict against {defendant}",
        "Judges [reject|throw out] appeal in {country} [bribery|graft] case",
        "Former {country_adj} minister sentenced over {sum} million crown contract",
    ),
    wire=(
        (
            "the {org1} on {weekday} [upheld|confirmed] the conviction of former Transport Minister {defendant} for "
            "[accepting|taking] bribes in exchange for [road-building|bridge-building|rail] contracts{attrib}.",
            "former Transport Minister {defendant} [lost|failed in] {defendant_pos} [final|last] appeal against a "
            "[bribery|corruption] conviction on {weekday}, [when|after] the {org1} [ruled|found] that the "
            "[original|first] verdict [stood|was sound]{attrib}.",
        ),
        (
            "{defendant_ref} was sentenced to {n_years} years in prison and ordered to [repay|return|hand back] "
            "{sum} million crowns to the [state treasury|public purse|state].",
            "[the sentence|the penalty] of {n_years} years in [jail|prison], [together with|along with] an order "
            "to [repay|return] {sum} million crowns, [is now|has become] [final|binding]{attrib}.",
        ),
        (
            "in a {n_pages}-page [ruling|judgment], {n_maj} of the court's {n_bench} judges [found|held] that the [lower|trial] court had [weighed|assessed|examined] the evidence [correctly|properly|fairly].",
            "the [bench|court] [split|divided] {n_maj} to {n_min}, [with|and] the majority [judgment|opinion] "
            "[running to|filling] {n_pages} pages of [detailed|dense|careful] [reasoning|argument|analysis].",
        ),
        (
            "“No [office|post] in this republic places a [person|citizen|minister] above the law,” Justice {judge} wrote [for the majority|on behalf of the court] [in the ruling|in a sharply worded opinion|].",
            "“[Public office|High office|A ministry] is a [trust|duty|service], not a [business|marketplace|private "
            "bank],” Justice {judge} [wrote|declared] [in|in the opening lines of] the [judgment|decision].",
        ),
        (
            "{lawyer}, who [represents|acts for] {defendant_ref}, [said|insisted] {lawyer_pos} client was [innocent|blameless] and would [take the case|appeal] to the {intl}.",
            "[defence lawyer {lawyer}|the defence, led by {lawyer},] [argued|insisted] that the [case|prosecution] had "
            "been [politically motivated|a vendetta|unfair] and [that|said] a [complaint|petition] would be "
            "[lodged|filed] with the {intl}.",
        ),
        (
            "prosecutors said {defendant_ref} had {hedge}[received|collected|pocketed] payments through a network "
            "of shell companies [registered|based] in {country2} between {year_a} and {year_b}.",
            "[according to|in the words of] [the indictment|the charge sheet], {defendant_ref} {hedge}"
            "[channelled|funnelled|moved] [the money|the bribes|kickbacks] through [front firms|a web of companies] "
            "[registered in|based in] {country2} from {year_a} to {year_b}.",
        ),
        (
            '"This is a [political|politically driven] verdict from [start|beginning] to [finish|end]," {lawyer_ref} '
            "told [reporters|journalists] on the steps of the [courthouse|court building] in {capital}.",
            '"[We|My client and I] will [fight|take] this [all the way|to every court|to the end]," {lawyer_ref} '
            "[said|declared] [outside|in front of] the [court|building] in {capital}.",
        ),
        (
            "{lead}the trial heard [testimony|evidence] from {n_witnesses} witnesses, including two former deputy "
            "ministers and a [senior|retired|former] customs official{attrib}.",
            "{lead}[over|across|during] the [trial|months-long trial|hearing], [judges|the court] [heard|listened "
            "to] {n_witnesses} [witnesses|people], [among them|including] [senior|former] [ministry officials|civil "
            "servants]{attrib}.",
        ),
        (
            "campaigners from the {org2} [welcomed|praised|hailed] the ruling as a turning point in the "
            "[fight|struggle|battle] against corruption in public [procurement|tenders|contracts].",
            "[anti-corruption campaigners at the|activists from the] {org2} [called|labelled] the [decision|"
            "verdict] [a landmark|a historic|a long-awaited] [moment|victory|step] [for|in] [public "
            "accountability|clean government].",
        ),
        (
            "{campaigner_t} of the {org2_acr} said the verdict sent [a clear|an unmistakable|a strong] message to "
            "officials who treat state contracts as [private income|a personal bank|their own property].",
            "“[Today|This ruling|This decision] [shows|tells] [every|each] [official|minister|civil servant] "
            "that [the law|justice] [reaches|applies to|can find] [everyone|them too|the powerful],” said "
            "{campaigner_t} of the {org2_acr}.",
        ),
        (
            "{lead}{defendant_ref}, {defendant_age}, [served as|was] transport minister until {defendant_pos} [dismissal|sacking] in {year_b}, when the [scandal|affair] [first surfaced|came to light|broke].",
            "{lead}{defendant_ref}, [who is|now] {defendant_age}, [was|had been] [dismissed|sacked|removed] "
            "[as transport minister|from office] in {year_b} [after|when] [journalists|auditors|investigators] "
            "[exposed|uncovered|revealed] the [payments|scheme|kickbacks].",
        ),
        (
            "the court also {hedge}ordered the [seizure|confiscation] of a [villa|lakeside villa] near {town} and {n_cars} [luxury|sports] cars [registered to|owned by] [relatives|in-laws] of the former minister{attrib}.",
            "[judges|the bench] {hedge}[also|additionally] [approved|ordered] the [confiscation|seizure] of [a "
            "country house|an estate] [outside|near] {town} [and|plus] {n_cars} [expensive|imported] cars "
            "[belonging to|held by] [relatives|family members] of {defendant_ref}{attrib}.",
        ),
        (
            "[dozens|scores|hundreds] of [supporters|loyalists] [gathered|rallied] outside the [courthouse|court] [chanting slogans|waving flags], and police said {n_arrests} people had been [briefly|temporarily] detained.",
            "[outside|in front of] the [court|courthouse|building], [police|officers] [briefly|temporarily] "
            "[detained|held|arrested] {n_arrests} [protesters|supporters] [after|as] [scuffles|shoving|arguments] "
            "[broke out|erupted] [between|among] [rival groups|protesters]{attrib}.",
        ),
        (
            "Prosecutor {prosecutor} said the state would [also|now] pursue {n_other} other [officials|figures] named "
            "[during|at] the trial, though no new charges have [yet|so far] been [filed|lodged|brought].",
            "[state prosecutor|the chief prosecutor] {prosecutor} [indicated|signalled] that {n_other} [more|"
            "further] [civil servants|former ministers] [could|may|might] [face|be hit with] [charges|prosecution] "
            "[in|over] [connection with|links to] the [scheme|affair].",
        ),
    ),
    related=(
        "Judges in {capital} [refused|threw out|dismissed] {defendant}'s appeal against a [bribery|graft] conviction on {weekday}.",
        "The former minister must now [serve|spend] {n_years} years [behind bars|in jail] and [return|pay back] {sum} million crowns.",
        "The [decision|judgment] was [reached|taken] by {n_maj} votes to {n_min}, [court records show|according to court papers|the court's website shows].",
        "{lawyer} [called|labelled|denounced] the judgment [political|a travesty] and said it would be [challenged|contested] [abroad|in an international court].",
        "[Anti-graft|Anti-corruption] [campaigners|activists] at the {org2_acr} [hailed|applauded|cheered] the [decision|outcome] as [long overdue|a breakthrough].",
        "Investigators [traced|followed] the money through [companies|firms] [based|incorporated] in {country2}, the [trial|hearing] [heard|was told].",
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
    persons={"player": "-", "coach": "-", "captain": "-", "keeper": "-", "keeper2": "-"},
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
        "n_years": ("int", 20, 47),
        "n_saves": ("word", 4, 9),
        "n_added": ("word", 4, 8),
        "price": ("int", 15, 60),
    },
    attribs=("the club said", "local media reported"),
    fix=_fix_sports,
    titles=(
        "{club1} beat {club2} {score1}-{score2} to reach {cup} final",
        "[Late|Dramatic] {player_last} goal sends {club1} into {cup} final",
        "{club2} [crash|tumble] out of {cup} as {club1} celebrate",
        "{club1} end {n_years}-year wait with win over {club2}",
    ),
    wire=(
        (
            "{club1} [beat|defeated|overcame] {club2} {score1}-{score2} [in front of|before] a crowd of {crowd} at "
            "the {stadium} on {weekday} to reach the final of the {cup}.",
            "[some|more than] {crowd} [fans|spectators] [watched|saw] {club1} [overcome|defeat] {club2} "
            "{score1}-{score2} [at|in] the {stadium} on {weekday}, [sending|taking] [them|the team] [into|to] the "
            "{cup} final.",
        ),
        (
            "striker {player} scored the winner in the {minute_ord} minute, [curling|driving|firing] a [shot|low "
            "shot|volley] past {keeper} from the edge of the [penalty area|box].",
            "the [decisive|winning] goal [came|arrived] in the {minute_ord} minute, [when|as] {player} [met|latched "
            "onto] a [cross|corner|through ball] [at the far post|from the left] [and|to] [beat|sweep past] {keeper}.",
        ),
        (
            "“I saw the [gap|space] and just [hit|struck] it, and when it went in I could not [hear|see] "
            "[anything|a thing],” {player_last} said after the [match|game].",
            "“[Honestly|To be honest|Truthfully], I [just|only] [closed my eyes|followed the ball|trusted my "
            "instinct] [and|then] [swung|shot],” {player_last} [laughed|told reporters] [afterwards|after the final "
            "whistle|in the tunnel].",
        ),
        (
            "the goal took {player_last}’s [tally|total] to {n_goals} for the season, a club record that had "
            "[stood|lasted] since {year_old}.",
            "{player_last} has now [scored|netted|found the net] {n_goals} times this season, [breaking|beating|"
            "surpassing] a [club|scoring] record [set|established] in {year_old}.",
        ),
        (
            "coach {coach} said the [victory|win] was dedicated to [fans|supporters] who had waited {n_years} years "
            "for a [major|cup] final.",
            "{coach}, [the|{club1}'s] [manager|head coach], [dedicated|devoted|offered] the [result|triumph] to "
            "the [city|town], which [had|has] [waited|gone] {n_years} years [without|for] a [big|cup] final.",
        ),
        (
            '"We suffered for long spells, but this [group|squad] never stops [running|fighting]," {coach_last} '
            "told the {wire_long}.",
            '"[We were|The boys were|This team was] [not|far from] [brilliant|beautiful|perfect] [tonight|today], '
            'but [they|we] [never gave up|did not give up|kept going]," {coach_last} [said|told reporters].',
        ),
        (
            "{club2} had [dominated|controlled] the first half and [struck|hit] the [crossbar|post|woodwork] twice "
            "before {captain} was sent off for a second yellow card.",
            "[before|until] the [dismissal|sending-off] of {captain} [early in|midway through] the second half, "
            "{club2} had [looked|been] [the better side|in control|dangerous] and [rattled|struck] the [bar|post] "
            "[twice|two times].",
        ),
        (
            "{lead}the {org1_acr} said it would [review|examine] [crowd trouble|disorder|scuffles] near the away [end|terrace], where police {hedge}used pepper spray to [separate|split up] rival [groups|supporters]{attrib}.",
            "{lead}[trouble|violence] [flared|erupted] [at|outside] the away [stand|section], and the {org1_acr} "
            "[confirmed|announced] it [would|will] [investigate|look into] [reports|claims] that officers {hedge}"
            "[used|fired] pepper spray{attrib}.",
        ),
        (
            "{club1} will [meet|play] the winner of {weekday2}'s [semi-final|last-four tie] between {club3} and {club4} [in {city}|at a neutral venue] [next month|in May|in early summer].",
            "[in the final|for the trophy], {club1} will [face|play] either {club3} or {club4}, who [meet|face each "
            "other] on {weekday2} in the [other|second] semi-final{attrib}.",
        ),
        (
            "goalkeeper {keeper2_last} made {n_saves} [saves|stops] as {club2} [pushed|pressed|poured forward] for "
            "an equaliser during {n_added} minutes of added time.",
            "{keeper2_last}, [the|{club1}'s] goalkeeper, [kept|held] [out|off] a [late|frantic] [siege|onslaught] "
            "with {n_saves} [saves|stops], [as|while] {club2} [threw|sent] [everyone|bodies] forward in {n_added} "
            "minutes of [stoppage|injury] time.",
        ),
        (
            "the {org1} [confirmed|said] that tickets for the final would go on sale at 9 a.m. on {weekday2}, with [prices|seats] [starting|beginning] at {price} crowns{attrib}.",
            "[tickets|seats] for the final will [go on sale|be released] [from|at] 9 a.m. on {weekday2}, "
            "[costing|priced] from {price} crowns, according to the {org1}.",
        ),
        (
            "{lead}{club1} [signed|bought] {player_last} from a [second-division|lower-league] side only last [summer|season] for a fee {hedge}worth {fee} million crowns{attrib}.",
            "{lead}[bought|recruited] [last summer|only a year ago] from a [smaller|lower-league] club for "
            "{fee} million crowns, {player_last} [has|had] [repaid|justified] the [fee|outlay|investment] [many "
            "times over|already]{attrib}.",
        ),
        (
            "“It [hurts|stings], but we will [come back|return] [stronger|better] next season,” said {captain_last}, "
            "who [apologised|said sorry] to [supporters|the fans] for the red card.",
            "“[I let|I have let] the [team|lads|squad] down, and I [am|feel] [sorry|terrible|ashamed],” said "
            "{captain_last}, who was [dismissed|shown a red card] [early in|during] the second half.",
        ),
        (
            "the [visiting|away] fans [sang|chanted] [throughout|for all of] the second half despite the [defeat|loss], "
            "and [many|hundreds] stayed [long|well] after the final whistle to [applaud|cheer] their team.",
            "[in spite of|whatever] the [result|scoreline], the [travelling|away] [supporters|contingent] "
            "[clapped|sang] [until|long after] the [end|last minute] and [saluted|cheered] [their|the] "
            "[players|side] [off the pitch|as they left].",
        ),
    ),
    related=(
        "A winner from {player} with {n_left} minutes [left|remaining|to play] [sent|put|carried] {club1} through to the [final|showpiece].",
        "{club1} are into the {cup} final after [edging past|squeezing past|seeing off] {club2} by {score1} goals to {score2}.",
        "[Some|Around|Roughly] {crowd} [spectators|people] [watched|attended] the semi-final at the {stadium} [under floodlights|in driving rain|on a cold night].",
        "{club2} [finished|ended] with ten [players|men] after {captain} was [dismissed|sent off] for a second [booking|caution].",
        "[Police|Stewards|Officers] [broke up|separated|stopped] [scuffles|fights] between rival [fans|groups], the {org1_acr} [confirmed|said] [later|afterwards].",
        "{coach}'s [side|team|players] now [face|meet] {club3} or {club4} for the [trophy|cup] [next month|in the spring].",
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
        "org1": (
            "{P} Institute of Marine Sciences",
            "{country_adj} Polar Research Institute",
            "{P} Ocean Laboratory",
        ),
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
        "[Scientists|Researchers] discover new {species} in {site}",
        "{org1_acr} team finds unknown {species} at depth of {depth} metres",
        "Deep-sea [discovery|find] stuns [researchers|scientists] in {country}",
        "New {species} named after {town} fishermen",
    ),
    wire=(
        (
            "researchers from the {org1} have [discovered|identified|described] a previously unknown {species} "
            "[living|thriving] at a depth of {depth} metres in the {site}{attrib}.",
            "a [new|never-before-seen] {species} has been [found|discovered] {depth} metres [below|beneath] the "
            "[surface|waves] in the {site} by [a team from|scientists at] the {org1}{attrib}.",
        ),
        (
            "the [findings|results], published in the journal {journal}, are based on {n_specimens} specimens "
            "[collected|gathered] during {n_expeditions} expeditions between {year_a} and {year_b}.",
            "the [team|scientists] [examined|analysed] {n_specimens} [animals|individuals] [brought up|recovered] "
            "[on|across] {n_expeditions} [voyages|dives] from {year_a} to {year_b}, [according to|as described in] "
            "[a paper|an article] in {journal}.",
        ),
        (
            "“We had to [look twice|check again], because nothing in the [reference collections|museum drawers] looked [remotely|even slightly] like it,” said {chief_t}, who [led|headed] the study.",
            "“[At first|Initially] we [thought|assumed] it was [damaged|an artefact], [but|and then] [every|each] "
            "[new|further] [specimen|sample] [looked|was] [exactly|just] the same,” said {chief_t}, [the lead "
            "author|the expedition leader].",
        ),
        (
            "the animal measures [about|roughly] {length} centimetres and {hedge}produces a faint [blue|green] "
            "light that may [help|serve] it to attract prey in total darkness{attrib}.",
            "[measuring|growing to] [just|barely] {length} centimetres, the [creature|species] {hedge}[glows|emits "
            "light] [softly|dimly], [possibly|perhaps] to [lure|draw in] [small fish|shrimp]{attrib}.",
        ),
        (
            "{coauthor_t} of {univ} said the discovery suggested the {site} was [far|much] richer in life than "
            "previously [assumed|believed|thought].",
            "[the find|this species] [indicates|hints] that the {site} [holds|hosts] [a wealth of|many more] "
            "[undescribed|unnamed] [animals|organisms], [argued|noted] {coauthor_t} of {univ}.",
        ),
        (
            "{lead}the [team|expedition] used a remotely operated [submarine|submersible] [built|assembled] by engineers at the {org1_acr} with a grant of {budget} million crowns from the {org2}.",
            "{lead}[the|a] [robotic submarine|remotely operated vehicle] [deployed|used] on the [dives|survey] was "
            "[developed|designed] at the {org1_acr} [using|thanks to] {budget} million crowns [provided|granted] by "
            "the {org2}.",
        ),
        (
            '"Every [dive|descent] turned up something we could not [name|identify]," {chief_ref} said, adding that [several|three|a dozen] more specimens were [awaiting|waiting for] analysis.',
            "\"[There is|There's] [so much|far more] [down there|in the deep] [that|which] we [have never "
            'seen|cannot yet explain]," {chief_ref} [added|told reporters], [noting|adding] that [further|other] '
            "[samples|specimens] [are|were] [under study|awaiting tests].",
        ),
        (
            "the new species has been named in honour of [fishermen|trawler crews] from {town}, whose nets [first|originally] brought up [fragments|remains] of the [animal|creature] in {year_a}{attrib}.",
            "[its|the] [scientific|formal] name [honours|pays tribute to] the [trawlermen|fishing crews] of {town}, "
            "[who|whose nets] [originally|first] [hauled up|caught] [pieces|parts] of [it|the creature] in "
            "{year_a}{attrib}.",
        ),
        (
            "{lead}{critic_t}, a [marine biologist|zoologist] who was not involved in the [research|study], called the [study|paper] [careful|rigorous] but said genetic tests would be [needed|required] to confirm it.",
            "{lead}[not everyone is|some experts are] [convinced|persuaded]: {critic_t}, [an independent marine "
            "biologist|a biologist not involved in the work], [argued|cautioned] that [DNA|genetic] [sequencing|"
            "analysis] was [needed|essential] [to confirm|before confirming] the [claim|finding].",
        ),
        (
            "the {org2_acr} said it would [fund|pay for] {n_expeditions2} [further|more] expeditions to the [trench|site] over the [next|coming] {n_years} years.",
            "[more|additional] [money|support] [covering|for] {n_expeditions2} [new|extra] voyages over {n_years} "
            "years [has been|was] [pledged|approved] by the {org2_acr}{attrib}.",
        ),
        (
            "[researchers|the scientists] {hedge}found traces of [plastic fibres|microplastics] in {pct} of the {n_samples} [sediment|seabed] samples [taken|gathered] near the site{attrib}.",
            "[in|among] {pct} of {n_samples} [seabed|mud] [cores|samples] [from|around] the [trench|dive area], "
            "the scientists {hedge}[detected|recorded] [microplastics|tiny plastic fragments]{attrib}.",
        ),
        (
            "“It is a reminder of how little we know about our own [coastline|seas],” said {minister}, {country_adj} minister for research, who [visited|toured] the [institute|laboratory] on {weekday}.",
            "“[Discoveries|Finds|Moments] like this [remind|show] us [why|that] [science|basic research] "
            "[deserves|merits] [public money|investment],” said {minister}, {country_adj} minister for research, "
            "[on a visit to|while touring] the institute on {weekday}.",
        ),
        (
            "{lead}samples from the [expedition|voyage] will be [stored|kept] in a [freezer vault|cold archive] at {city} and made available to [scientists|researchers] from other countries.",
            "{lead}[all|the] [material|specimens] [will|are to] be [kept|archived] in [a|the institute's] "
            "[deep-freeze|frozen] [store|vault] in {city} and [shared|opened] [with|to] [laboratories|researchers] "
            "[worldwide|abroad].",
        ),
    ),
    related=(
        "A team at the {org1_acr} [says|reports|claims] it has found a new {species} in the {site}.",
        "The [creature|animal] was [found|spotted|collected] some {depth} metres below the [surface|waterline], [deeper than any relative|far below its cousins|in near-freezing water].",
        "{chief_t} told [reporters|journalists|a news conference] the [specimens|animals] [matched|resembled] nothing in [existing|known] [museum|reference] collections.",
        "The {n_specimens} [animals|specimens] [studied|examined] were [gathered|caught] over {n_expeditions} [separate|distinct] [voyages|cruises].",
        "[Funding|Money] for the [submarine|submersible], {budget} million crowns, [came from|was provided by] the {org2}.",
        "[Independent|Outside|Other] [experts|zoologists] [want|are waiting for] DNA [evidence|results] before [accepting|agreeing] that {chief_ref} has found a new species.",
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
        "{disease} outbreak [spreads across|grips] {region} Province",
        "{org1_acr} orders vaccination drive as {disease} cases rise",
        "Hospitals in {region} under strain as {disease} outbreak [grows|spreads]",
        "{country} confirms {n_deaths} deaths from {disease}",
    ),
    wire=(
        (
            "health [officials|authorities] in {country} on {weekday} [confirmed|recorded] {n_cases} cases of {disease} in {region} Province, [more than double|nearly triple] the number [reported|logged] a week [ago|earlier]{attrib}.",
            "[recorded|confirmed] infections of {disease} in {region} Province have [risen|jumped] to {n_cases}, "
            "[almost twice|close to three times] [last week's|the previous] [total|count]{attrib}.",
        ),
        (
            "in all, {n_hosp} patients were being treated in [hospital|hospitals] and {n_deaths} people had died since the [outbreak|epidemic] began in {month_past}, according to the {org1}.",
            "{n_deaths} people have [died|lost their lives] and {n_hosp} [remain|are still] in hospital [since|"
            "after] the [illness|epidemic] was first [detected|identified] in {month_past}, the {org1} [reported|"
            "said].",
        ),
        (
            "Health Minister {hm} said the government would [begin|start] [vaccinating|immunising] children under {age} and adults over 60 at {n_clinics} [temporary|mobile] clinics from {weekday2}.",
            "[jabs|a vaccination campaign] [for|covering] children under {age} and [the over-60s|people over 60] "
            "will [be offered|start] from {weekday2} at {n_clinics} [temporary|mobile] clinics, {hm}, the health "
            "minister, [announced|told reporters].",
        ),
        (
            "“We are seeing whole [families|households] arrive at once, [sometimes|often] [three|two] generations in "
            "one [car|taxi|van],” said {doctor_t}, who [heads|runs] the [emergency|accident] ward at {hospital}.",
            "“[Some nights|On the worst nights] we [have|see] [more patients than beds|children sleeping on "
            "chairs],” said {doctor_t}, [who runs|in charge of] the [casualty department|infectious diseases unit] "
            "at {hospital}.",
        ),
        (
            "the {org1_acr} has [ordered|bought] {n_vacc} doses of vaccine, the first of which are {hedge}due to arrive by [air|plane] at {city} on {weekday2}.",
            "[an initial|a first] [batch|consignment] of the {n_vacc} [vaccine doses|doses] [bought|purchased] by "
            "the {org1_acr} [is|was] {hedge}[scheduled|expected] to [land|arrive] in {city} [on|by] {weekday2}{attrib}.",
        ),
        (
            "{epi_t}, an epidemiologist at {univ}, said the [disease|infection] appeared to be spreading through [contaminated|shared] water supplies in [villages|farming districts] [near|around] {town}.",
            "[polluted|contaminated] [wells|water pipes] [around|near] {town} [are|may be] the [likely|probable] "
            "[source|route] of [infection|transmission], [according to|said] {epi_t}, who studies infectious "
            "diseases at {univ}.",
        ),
        (
            '"Boil your water, wash your hands and stay [home|indoors] if you [have|develop] a [fever|temperature]," '
            "{doctor_ref} [urged|told] [residents|parents].",
            '"[Please|We urge everyone to] [boil|filter] [all|your] [drinking water|water] and [keep|stay] '
            '[away from|clear of] [crowds|busy places]," {doctor_ref} [said|told residents].',
        ),
        (
            "{lead}schools in {town} and {town2} were [closed|shut] for {n_days} days as a precaution, and public gatherings of more than {n_gather} people were [banned|forbidden]{attrib}.",
            "{lead}[authorities|the province] [shut|closed down] [classrooms|schools] [across|in] {town} and "
            "{town2} for {n_days} days and [prohibited|outlawed] [meetings|public events] of [over|more than] "
            "{n_gather} [people|participants]{attrib}.",
        ),
        (
            "the {org2} said its hospitals were [running|operating] at {pct} per cent of capacity and that [planned|routine] operations had been [postponed|put off].",
            "[wards|hospitals] [run by|managed by] the {org2} [are|were] [operating|working] at {pct} per cent of "
            "[capacity|their capacity], [forcing|obliging] [surgeons|managers] to [cancel|delay] [non-urgent|"
            "elective] [surgery|procedures].",
        ),
        (
            "symptoms include a [high|raging] fever, a persistent cough and a rash on the [arms|chest], and usually [appear|develop] within {n_days2} days of infection{attrib}.",
            "[those infected|people who catch it] [typically|often] [develop|suffer] a [sudden|severe] fever, a "
            "[dry|hacking] cough and a [red|skin] rash [within|after] {n_days2} days{attrib}.",
        ),
        (
            "{lead}{parent}, whose [son|daughter] spent a week in hospital, said families had waited [hours|all afternoon] for tests at an overcrowded clinic in {town}.",
            "{lead}{parent}, [a parent|one parent] of a [child|boy|girl] who [was kept|stayed] a week "
            "on a ward, [complained|described how] [parents|people] had [queued|stood] [all day|half a day] [to be "
            "seen|for a test] in {town}.",
        ),
        (
            "{hm_ref} [denied|rejected suggestions] that warnings from [local|rural] doctors had been ignored, telling parliament that the {org1_acr} had acted [within hours|without delay].",
            "[in|addressing] parliament, {hm_ref} [rejected|dismissed] [claims|accusations|suggestions] that "
            "[the government|officials] had [brushed aside|ignored] [early|repeated|urgent] [alerts|reports] from "
            "[clinics|local doctors] in {region}.",
        ),
        (
            "neighbouring {country2} has {hedge}[tightened|reinforced] checks at border crossings and asked travellers from {region} to report any symptoms{attrib}.",
            "[travellers|visitors] [arriving|coming] from {region} [must|will have to] [declare|disclose] [any "
            "symptoms|symptoms] at the {country2_adj} border, [where|and] [screening has|controls have] been "
            "{hedge}[stepped up|increased]{attrib}.",
        ),
    ),
    related=(
        "The number of [confirmed|recorded] {disease} infections in {region} has [reached|hit] {n_cases}, [figures show|data show|officials say].",
        "At least {n_deaths} deaths have now been [linked|attributed] to the {region} [outbreak|epidemic].",
        "[Vaccinations|Jabs] will be [offered|given] at {n_clinics} pop-up clinics from {weekday2}, {hm} [announced|said].",
        "{doctor} [described|recalled] [families|relatives] arriving at the [hospital|ward] together in a single car.",
        "[Contaminated|Tainted] wells near {town} are the [suspected|likely] source, [experts|epidemiologists] [say|believe].",
        "[Hospitals|Wards] in the province say they are at {pct} per cent of capacity [this week|at present|for now].",
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
            "[10|Seven|Five] things to know about the new {city} tram line",
            "{city} tram Line {line_no} [opens|launches] on {weekday}",
            "Is the new {city} tram worth the wait",
        ),
        wire=(
            "the [long-awaited|much-delayed|eagerly awaited] Line {line_no} tram in {city} [opens|starts running] "
            "[to passengers|for riders] on {weekday}, and here is what [riders|commuters] [need|ought] to know.",
            "trams will run every {minutes} minutes between [5.30|6] a.m. and [midnight|11 p.m. on weekdays], "
            "with a [reduced|thinner|Sunday] service [on Sundays|at weekends].",
            "a single [fare|ticket] costs {fare} crowns, and [children under 12|under-twelves|pensioners] travel "
            "free [with a paying adult|at all times|outside rush hour].",
            "the [line|route] links the central station with the [university|old harbour] and {hospital} in "
            "[under|less than] {n_min2} minutes.",
            "Is it [worth|really worth] the [six-year|long] wait and the [endless|noisy] roadworks along {street}?",
            "We [honestly|genuinely] think so, and the [shiny blue|bright green] carriages are a [joy|treat] to "
            "ride!",
            "Mayor {mayor} cut the ribbon at the {stop} stop [alongside|with] [dozens of|a class of] "
            "schoolchildren who had [painted|decorated] the shelters.",
            "construction ran {months} months late and cost {cost} million crowns more than [planned|budgeted], "
            "the city auditor [found|reported].",
            "cyclists have [complained|warned] that the new rails make {street} [treacherous|slippery] in wet "
            "weather, and the council has promised [warning signs|new markings].",
        ),
    ),
    _Topic(
        name="chess",
        persons={"player": "-", "coach": ""},
        orgs={},
        places={"hall": "the old corn exchange in {P}"},
        numbers={
            "age": ("int", 14, 19),
            "moves": ("int", 31, 88),
            "n_players": ("int", 120, 480),
            "n_countries": ("int", 9, 31),
            "prize": ("k", 2000, 15000),
        },
        titles=(
            "{player} wins {city} chess open [with a round to spare|in style]",
            "Teenager {player} [stuns|outplays] grandmasters in {city}",
        ),
        wire=(
            "the {age}-year-old from {town} [clinched|secured|sealed] the title with a round to spare after "
            "[beating|outplaying] the top seed in {moves} moves.",
            "“I did not sleep the night before, and I think my [opponent|rival] could [tell|see it],” "
            "{player_last} said with a [laugh|grin].",
            "the [tournament|open] drew {n_players} players from {n_countries} countries to {hall}.",
            "{player_last} [collects|takes home] a prize of {prize} crowns and an invitation to the national "
            "[championship|finals] in the [autumn|spring].",
            "spectators followed the final games on a giant screen in the [market square|town hall], where a "
            "[café|bakery] served free hot chocolate.",
            "{coach}, who has coached {player_last} since the age of [seven|eight|six], called the win the result "
            "of [patient|steady], unglamorous work.",
            "Who in the country can [stop|beat] a player this young and this [fearless|calm] [from winning "
            "everything|at the board] next season?",
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
            "{crop} prices [climb|jump] as dry spring hits {region} farms",
            "Farmers in {region} count cost of [dry|rainless] spring",
        ),
        wire=(
            "wholesale {crop} prices rose {pct} per cent over the past [week|fortnight] at the {city} grain "
            "exchange, the [sharpest|biggest] weekly gain since {year_past}.",
            "traders blamed a dry spring across {region}, where yields are expected to fall by as much as a "
            "[fifth|quarter].",
            "“We have not had proper rain since the first week of {month_past}, and the young crop is "
            "[suffering|wilting],” said {farmer}, who farms {hectares} hectares near {town}.",
            "a tonne of feed {crop} fetched {price} crowns on {weekday}, up from {price2} crowns a month "
            "[earlier|before].",
            "millers warned that the price of [bread|flour] and beer could rise before the summer if the weather "
            "does not break soon.",
            "the agriculture ministry said it was [monitoring|watching] the situation and had no plans to release "
            "grain from state reserves.",
            "some [livestock|dairy] farmers have begun selling animals early because they cannot afford winter "
            "feed at current prices.",
        ),
    ),
    _Topic(
        name="cold",
        persons={"resident": ""},
        orgs={},
        places={"pass": "the {P} Pass"},
        numbers={"deg": ("int", 14, 31), "n_centres": ("word", 3, 12)},
        titles=(
            "Cold snap grips {region} as temperatures [plunge|tumble]",
            "Snow and ice close roads across {region}",
        ),
        wire=(
            "temperatures in {region} fell to minus {deg} degrees overnight, the coldest night recorded at "
            "{town} since {year_old}.",
            "drivers were urged to avoid {pass} after [fresh snow|heavy snowfall] and black ice caused a string of "
            "minor accidents.",
            "“My water pipes froze solid, and the plumber says he cannot come until next [week|month],” said "
            "{resident}, a retired [teacher|librarian] in {town}.",
            "the city opened {n_centres} warming centres for homeless people and extended the opening hours of "
            "public [libraries|swimming pools].",
            "forecasters expect milder air to arrive from the [south|west] by {weekday2}, bringing rain that could "
            "freeze on contact with roads.",
            "energy companies reported record demand on {weekday} evening, though the grid coped without major "
            "outages.",
            "schools in the hill villages opened [two|three] hours late so that buses could be gritted and "
            "checked.",
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
            "the highlight is a [five-metre|six-metre] wooden [dragon|heron] built by students at {school} over "
            "two winters.",
            "“Puppets let children see that anything can come alive, even an old [sock|spoon],” said festival "
            "director {director}.",
            "tickets cost {price} crowns for adults, and all street performances in the old town are free.",
            "organisers expect more than {visitors} visitors over the festival's ten days, a record for the "
            "event.",
            "a workshop for families on {weekday} afternoons teaches visitors how to carve simple marionettes "
            "from [lime|pine] wood.",
            "Will the weather hold for the opening parade along the [riverside|harbour] promenade on {weekday} "
            "evening?",
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
        titles=(
            "[Blue|Goat's] cheese from {town} takes top prize at {region} fair",
            "Cheesemakers gather in {city}",
        ),
        wire=(
            "a creamy [blue|goat's] cheese made by a family dairy in {town} was named best in show at the "
            "{region} Cheese Fair on {weekday}.",
            "judges tasted {n_cheeses} cheeses from {n_dairies} dairies before awarding the gold medal to "
            "{maker}, a [third-generation|fourth-generation] cheesemaker.",
            "“My grandmother would have cried with joy, and to be honest, so did I,” {maker_ref} told the "
            "[crowd|judges].",
            "the winning cheese is aged for {n_weeks} weeks in [limestone caves|a stone cellar] above the village "
            "and sells for {price} crowns a kilo.",
            "more than {visitors} visitors attended the two-day fair, which also featured a bread market and a "
            "cider tent.",
            "Why does cheese from the hills taste so different from the supermarket kind?",
            "Local farmers credit the wild herbs that their cows graze on all summer long.",
        ),
    ),
    _Topic(
        name="library",
        persons={"librarian": "", "architect": ""},
        orgs={},
        places={"library": "the {P} Public Library"},
        numbers={"n_books": ("k", 40000, 400000), "n_years": ("int", 3, 9), "cost": ("dec", 12, 95)},
        titles=(
            "{library} reopens after {n_years}-year restoration",
            "Inside the new reading rooms of {city}",
        ),
        wire=(
            "{library} [reopened|reopens] its doors on {weekday} after {n_years} years of restoration work costing "
            "{cost} million crowns.",
            "the [glass|copper] roof of the main reading room has been rebuilt using [drawings|plans] found in the "
            "city archive.",
            "“People kept asking when they could come back, so we left the lights on every evening,” said head "
            "librarian {librarian}.",
            "the collection of {n_books} volumes was [stored|kept] in a former tobacco warehouse during the work.",
            "architect {architect} said the hardest part was repairing the [spiral|oak] staircase without "
            "replacing a single step.",
            "a new children's wing has [beanbags|window seats], a puppet theatre and a room for homework clubs.",
            "Have you been yet, and what did you borrow first?",
        ),
    ),
    _Topic(
        name="ferry",
        persons={"captain": "", "passenger": ""},
        orgs={},
        places={"island": "{P} Island"},
        numbers={"n_sailings": ("word", 3, 9), "fare": ("dec", 30, 95), "n_cars": ("int", 24, 90)},
        titles=(
            "New ferry links {city} with {island}",
            "{island} ferry timetable: what changes on {weekday}",
        ),
        wire=(
            "a new car ferry between {city} and {island} will make {n_sailings} crossings a day from {weekday}, "
            "the operator announced.",
            "the vessel carries up to {n_cars} cars and [runs|operates] on batteries charged at the harbour "
            "overnight.",
            "“The old boat was older than me, and it felt like it on a windy day,” said captain {captain}, who "
            "has worked the route for two decades.",
            "a return ticket for a foot passenger costs {fare} crowns, and bicycles travel free in the "
            "[off-season|winter months].",
            "islanders have [campaigned|lobbied] for a reliable service since a [storm|gale] stranded dozens of "
            "them on the mainland last winter.",
            "the last sailing of the day now leaves at 9.45 p.m., an hour later than before.",
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
# outlets that do their own reporting: their documents are "related" (same facts, other words), never sources
_REPORTERS = (
    _Outlet("bns-wire.example", "bns"),
    _Outlet("eastmarch-times.example", "eastmarch"),
    _Outlet("orlesk-observer.example", "orlesk"),
)
RELATED_OUTLETS = tuple(o.domain for o in _REPORTERS)
_NOISE_OUTLETS = (
    _Outlet("pebbleposts.example", "pebble"),
    _Outlet("eastmarch-times.example", "eastmarch"),
    _Outlet("brightkettle.example", "brightkettle"),
    _Outlet("townsquare-notes.example", "townsquare"),
    _Outlet("lowmere-chronicle.example", "lowmere"),
)

_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_SLOT_RE = re.compile(r"\{(\w+)\}")


def _expand(template: str, facts: Mapping[str, str], rng: random.Random, rotate: int | None = None) -> str:
    """Fill a template. With ``rotate``, each ``[a|b|c]`` takes an option fixed by ``rotate`` and its position
    instead of a random one, so that stories of one topic, given different ranks, word things differently."""
    groups = itertools.count()

    def choose(m: re.Match[str]) -> str:
        options = str(m.group(1)).split("|")
        if rotate is None:
            return rng.choice(options)
        g, size = next(groups), len(options)
        # odd groups also shift by rotate // size, so that no two ranks agree on every group
        return options[(rotate + g + (rotate // size) * (g % 2)) % size]

    text = _CHOICE_RE.sub(choose, template)
    text = _SLOT_RE.sub(lambda m: facts[m.group(1)], text)
    return re.sub(r" +([ ,.])", r"\1", text)


def _alternatives(entries: Iterable[str | tuple[str, ...]]) -> list[str]:
    return [t for e in entries for t in ((e,) if isinstance(e, str) else e)]


def _pick(entry: str | tuple[str, ...], rng: random.Random) -> str:
    return entry if isinstance(entry, str) else rng.choice(entry)


def _first_words(template: str) -> list[str]:
    t = template.removeprefix("{lead}")
    m = re.match(r"\[([^\]]*)\]", t)
    heads = m.group(1).split("|") if m else [t]
    return [h.split(" ", 1)[0] for h in heads]


# ordinary words that open a template: written in lower case after an inserted opener or in a merge
_LOWER_STARTS = frozenset(
    w
    for topic in (*_TOPICS, *_NOISE)
    for tpl in (*_alternatives(topic.wire), *topic.related, *topic.paraphrase)
    for w in _first_words(tpl)
    if w[:1].islower() and w.replace("-", "").isalpha()
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
        for attempt in range(5000):
            # plain head + tail first; once those run short, a linking vowel widens the space
            link = "" if attempt < 300 else self.rng.choice(("a", "e", "i", "o", "en", "er"))
            name = self.rng.choice(heads) + link + self.rng.choice(tails)
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
    rank: int
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
            pattern = rng.choice(patterns)
            long = _expand(pattern.replace("{P}", namer.place()) if "{P}" in pattern else pattern, f, rng)
            acr = _acronym(long)
            if acr not in acronyms_used and acr not in _BANNED_ACRONYMS and len(acr) >= 3:
                break
        acronyms_used.add(acr)
        f[slot], f[f"{slot}_acr"] = long, acr
        acronyms[acr] = long
    return f, persons, acronyms


def _render(template: str, story: _Story, rng: random.Random, rotate: int) -> str:
    local = dict(story.facts)
    local["lead"] = rng.choice(story.leads) if "{lead}" in template and rng.random() < 0.35 else ""
    local["attrib"] = (
        ", " + rng.choice(story.attribs) if "{attrib}" in template and rng.random() < 0.55 else ""
    )
    local["hedge"] = rng.choice(_HEDGES) + " " if "{hedge}" in template and rng.random() < 0.6 else ""
    return _cap(_expand(template, local, rng, rotate))


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
    rng: random.Random,
    namer: _Namer,
    idx: int,
    topic: _Topic,
    date: dt.date,
    acronyms_used: set[str],
    rank: int,
    used_titles: set[str],
) -> _Story:
    """One story. ``rank`` counts the earlier stories of the same topic (plus a per-world rotation): it picks
    the sentence structures and wordings, so that stories of a topic do not read alike."""
    wire = rng.choice(_WIRES)
    facts, persons, acronyms = _facts(rng, namer, topic, date, acronyms_used)
    facts["wire_long"], facts["wire_acr"] = wire.long, wire.acr
    titles = [_cap(_expand(tpl, facts, rng, rank)) for tpl in topic.titles]
    for _ in range(20):  # headlines must not repeat across stories
        if not used_titles & set(titles):
            break
        titles = [_cap(_expand(tpl, facts, rng)) for tpl in topic.titles]
    else:
        titles = [f"{title} ({facts['region']})" for title in titles]
    used_titles.update(titles)
    t = rank % len(titles)
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
        rank=rank,
    )
    rest = list(range(1, len(topic.wire)))
    chosen = sorted(rng.sample(rest, rng.randint(min(9, len(rest)), min(13, len(rest)))))
    sents = []
    for k in [0, *chosen]:
        entry = topic.wire[k]
        alts = (entry,) if isinstance(entry, str) else entry
        template = alts[rank % len(alts)]
        sents.append(_render(template, story, rng, rank // len(alts) + k))
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
    items = [(-2, _cap(_expand(tpls[k], story.facts, rng, story.rank + k))) for k in chosen]
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


def _noise(
    rng: random.Random, namer: _Namer, j: int, start: dt.date, acronyms_used: set[str], rot: int
) -> _Draft:
    topic = _NOISE[(j + rot) % len(_NOISE)]
    rank = rot + j // len(_NOISE)
    date: dt.date | None = start + dt.timedelta(days=rng.randint(0, 80))
    assert date is not None
    facts, _, _ = _facts(rng, namer, topic, date, acronyms_used)
    k = rng.randint(max(4, len(topic.wire) - 3), len(topic.wire))
    chosen = sorted(rng.sample(range(len(topic.wire)), k))
    items = [(-3, _cap(_expand(_pick(topic.wire[n], rng), facts, rng, rank + n))) for n in chosen]
    title = _cap(_expand(topic.titles[rank % len(topic.titles)], facts, rng, rank))
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
    m = re.search(r"(?<=[A-Za-z])i(?=[a-z])", name)
    if m:
        options.append(name[: m.start()] + "y" + name[m.end() :])
    if name.endswith("a"):
        options.append(name + "h")
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


_OP_ORDER = (  # insertion last: it lowers the first letter, which the other operations must not see
    "deletion",
    "attribution_removed",
    "hedge_removed",
    "abbreviation_expanded",
    "entity_rename",
    "number_changed",
    "word_substitution",
    "insertion",
)


_OP_WEIGHT = {
    "deletion": 2.0,
    "insertion": 0.5,
    "attribution_removed": 5.0,
    "hedge_removed": 5.0,
    "abbreviation_expanded": 3.0,
    "entity_rename": 2.0,
    "number_changed": 2.0,
    "word_substitution": 2.0,
}


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
    # a weighted random order (Efraimidis-Spirakis keys), so that rarer operations get their share
    keyed = [(rng.random() ** (1 / _OP_WEIGHT[op]), op) for op in _available(text, story, title)]
    pool = [op for _, op in sorted(keyed, reverse=True)]
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


# a spun sentence must be at least this much closer (difflib ratio on words) to its source than to any
# other corpus sentence, so that the labelled source is unambiguous
_MARGIN = 0.12


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
        # every corpus sentence and title, to check that a spun sentence stays closest to its own source
        self.pool: dict[str, tuple[int, int]] = {}  # text -> (story, origin index; -1 fragment, -9 title)
        for d in drafts:
            self.pool.setdefault(d.title, (d.story, -9))
            for para in d.paras:
                for k, sent in para:
                    self.pool.setdefault(sent, (d.story, k))
        self.pool_index: dict[tuple[str, ...], list[str]] = {}
        for sent in self.pool:
            for g in shingles(sent, 3):
                self.pool_index.setdefault(g, []).append(sent)

    def nearest_rival(self, text: str, own: Callable[[int, int], bool]) -> float:
        """The highest similarity of ``text`` to a corpus sentence or title that is not its own source."""
        seen: set[str] = set()
        best = 0.0
        for g in shingles(text, 3):
            for sent in self.pool_index.get(g, ()):
                if sent in seen:
                    continue
                seen.add(sent)
                if not own(*self.pool[sent]):
                    best = max(best, _similarity(text, sent))
        return best

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

    def foreign(self, sentence: str, story: _Story, title: bool = False) -> bool:
        """Whether a document of another story also carries ``sentence`` (a chance collision of wordings)."""
        return any(d.story != story.idx for d in self.carriers(sentence, title))

    def sourced(self, story: _Story, k: int) -> _Line | None:
        rng = self.rng
        variants = [v for v in self.variants(story, k) if not self.foreign(v, story)]
        if not variants:
            return None
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
            if any(_similarity(text, v) >= near for v in variants if v != src):
                continue
            rival = self.nearest_rival(text, lambda st, j: st == story.idx and j in (k, -1))
            if rival <= near - _MARGIN:
                return _Line(text, "spun", (src,), tuple(alts))
        plain = [v for v in variants if not _DATELINE_RE.match(v)]
        src = plain[0] if plain else variants[0]
        return _Line(src, "copied", (src,))

    def merged(self, story: _Story, k: int) -> _Line | None:
        a, b = story.sents[k], story.sents[k + 1]
        if _DATELINE_RE.match(a) or not a.endswith(".") or a.endswith(".m.") or not b[:1].isalpha():
            return None
        if self.foreign(a, story) or self.foreign(b, story):
            return None
        b2 = _decap(b)
        text = f"{a[:-1]}, and {b2}"
        last = a[:-1].split(" ")[-1]
        first, first2 = " ".join(b.split(" ")[:2]), " ".join(b2.split(" ")[:2])
        alt = ("insertion", f"{last}. {first}", f"{last}, and {first2}")
        return _Line(text, "spun", (a, b), (alt,))

    def story_lines(self, story: _Story, n: int) -> list[_Line]:
        """``n`` farm sentences from ``story``, in the story's order."""
        rng = self.rng
        order = rng.sample(range(len(story.sents)), len(story.sents))
        picks, spare = sorted(order[:n]), order[n:]
        lines: list[tuple[int, _Line]] = []
        used: set[int] = set()
        while picks and len(lines) < n:
            k = picks.pop(0)
            if k in used:
                continue
            used.add(k)
            if k + 1 < len(story.sents) and k + 1 not in picks and k + 1 not in used and rng.random() < 0.15:
                merged = self.merged(story, k)
                if merged is not None:
                    used.add(k + 1)
                    lines.append((k, merged))
                    continue
            line = self.sourced(story, k)
            if line is not None:
                lines.append((k, line))
            elif spare:
                picks.append(spare.pop())
        return [line for _, line in sorted(lines, key=lambda x: x[0])]

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
                if not spun or self.in_corpus(spun[0]):
                    continue
                rival = self.nearest_rival(spun[0], lambda st, j: st == story.idx and j == -9)
                if rival <= _similarity(spun[0], src) - _MARGIN:
                    return _Line(spun[0], "spun", (src,), tuple(spun[1]))
        return _Line(src, "copied", (src,))

    def attempt(self, primary: _Story) -> tuple[list[_Line], _Line, list[_Story]] | None:
        rng = self.rng
        pool = [s for s in self.stories if s.topic.name != primary.topic.name]
        pool = pool or [s for s in self.stories if s is not primary]
        extras = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2))))
        chosen = [primary, *extras]
        n_body = rng.randint(8, 14)
        n_inv = rng.randint(1, 2)
        with_related = [s for s in chosen if s.related]
        para_story = rng.choice(with_related) if with_related and rng.random() < 0.6 else None
        n_src = n_body - n_inv - (1 if para_story else 0)
        first = max(3, round(n_src * rng.uniform(0.45, 0.65))) if extras else n_src
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
    ranks: dict[str, int] = {}
    used_titles: set[str] = set()
    for idx, topic in enumerate(topics):
        date = start + dt.timedelta(days=rng.randint(0, 70))
        rank = ranks.setdefault(topic.name, rng.randrange(12))
        ranks[topic.name] += 1
        story = _make_story(rng, namer, idx, topic, date, acronyms_used, rank, used_titles)
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
    noise_rot = rng.randrange(len(_NOISE))
    for j in range(noise_docs):
        drafts.append(_noise(rng, namer, j, start, acronyms_used, noise_rot))
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
