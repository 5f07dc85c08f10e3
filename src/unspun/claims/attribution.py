"""Who says so: the speaker, their kind, the reporting verb and whether they are quoted.

News attributes in a handful of shapes, and each rule below reads one of them:

* ``SPEAKER [has] VERB`` -- "the regional water authority said", with an
  appositive ("Ilse Varga, the mayor, said") or a relative clause ("a
  passenger who asked not to be named said") skipped between them;
* ``..., VERB SPEAKER`` -- the inverted form after a quotation: "said Tomas Brell";
* ``according to SPEAKER`` and its spun forms ("in keeping with");
* ``VERB by SPEAKER`` -- "first reported by Radio Veldt";
* ``SPEAKER quoted SPEAKER as saying``;
* ``SPEAKER did this and VERB`` -- the verb takes the sentence's subject;
* nobody at all: "it is believed", "are said to", "reportedly", "everyone knows".

A speaker phrase is read word by word (determiners, modifiers, capitalized
names, linking words such as "for" or "close to"), and its kind comes from its
head word and the organisation named in it, using the lists of
``data/claims.toml``. Pronouns take the kind of the last speaker they can
stand for. A sentence that only continues a quotation ("“We will keep all six
vessels.” / “Nobody will lose their job,” he added.") is linked to the
sentence that names its speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from unspun.claims.lexicon import Lexicon, lexicon
from unspun.claims.words import CALENDAR, Quotes, Word, find_quotes, tokenize
from unspun.types import Attribution, QuoteKind, Span, SpeakerKind

# A forward speaker phrase stops before these: "said the ministry in a statement".
_NOT_FORWARD = frozenset({"in", "with", "by", "on"})


@dataclass(frozen=True, slots=True)
class SentenceAttributions:
    """The attributions of one sentence, and the sentence whose quotation it continues, if any."""

    attributions: tuple[Attribution, ...]
    quote_of: int | None
    quotes: Quotes


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A speaker phrase: ``words[:core]`` is its core, the rest a qualifier ("for the ministry")."""

    words: tuple[Word, ...]
    at: int  # the index of its first word in the sentence
    core: int
    context: str
    first: bool

    @property
    def head(self) -> Word:
        return self.words[self.core - 1]

    @property
    def span(self) -> Span:
        return (self.words[0].start, self.words[-1].end)


@dataclass(frozen=True, slots=True)
class _Found:
    phrase: _Phrase | None  # None: nobody is named ("it is believed")
    verb: Span


@dataclass(frozen=True, slots=True)
class _Said:
    speaker: str
    kind: SpeakerKind
    personal: bool


def attribute(text: str, spans: Sequence[Span]) -> list[SentenceAttributions]:
    """The attributions of each sentence of ``text`` (sentences given by their spans), in order.

    Sentences are read in order because a pronoun ("he said") takes its kind
    from a speaker named earlier in the article.
    """
    lex = lexicon()
    history: list[_Said] = []
    found: list[tuple[tuple[Attribution, ...], Quotes]] = []
    for start, end in spans:
        quotes = find_quotes(text, start, end)
        words = tokenize(text, start, end, quotes)
        direct = quotes.longest(text)
        out = []
        for f in _Reader(words, lex).find(text, start, end, quotes):
            out.append(_attribution(text, f, direct, lex, history))
        found.append((tuple(sorted(out, key=lambda a: a.verb_span)), quotes))
    links = _quote_links([q for _, q in found], [bool(a) for a, _ in found])
    return [SentenceAttributions(a, link, q) for (a, q), link in zip(found, links, strict=True)]


def _attribution(
    text: str, f: _Found, direct: Span | None, lex: Lexicon, history: list[_Said]
) -> Attribution:
    verb = text[f.verb[0] : f.verb[1]]
    if f.phrase is None:
        return Attribution("", (f.verb[0], f.verb[0]), SpeakerKind.VAGUE, verb, f.verb, QuoteKind.INDIRECT)
    refers = ""
    head = f.phrase.head.low
    if len(f.phrase.words) == 1 and head in lex.attribution.pronouns:
        said = _antecedent(head, history)
        kind = said.kind if said else (SpeakerKind.VAGUE if head == "it" else SpeakerKind.ANONYMOUS)
        refers = said.speaker if said else ""
        if said is not None:
            history.append(said)  # the speaker it stands for is again the most recent
    else:
        kind, personal = _kind(f.phrase, lex)
        history.append(_Said(text[f.phrase.span[0] : f.phrase.span[1]], kind, personal))
    quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
    s, e = f.phrase.span
    return Attribution(text[s:e], (s, e), kind, verb, f.verb, quote, direct, refers)


def _antecedent(pronoun: str, history: list[_Said]) -> _Said | None:
    """The speaker a pronoun stands for: a person for he/she, an organisation for it, anyone for they."""
    for said in reversed(history):
        if said.kind is SpeakerKind.VAGUE or not said.speaker:
            continue
        if pronoun in ("he", "she", "i") and not said.personal:
            continue
        if pronoun == "it" and said.personal:
            continue
        return said
    return None


def _quote_links(quotes: list[Quotes], attributed: list[bool]) -> list[int | None]:
    """Sentences inside a quotation that runs across sentences take the speaker named in one of them."""
    links: list[int | None] = [None] * len(quotes)
    i = 0
    while i < len(quotes):
        j = i
        while j + 1 < len(quotes) and quotes[j].open_at_end and quotes[j + 1].open_at_start:
            j += 1
        if j > i:
            named = next((k for k in range(i, j + 1) if attributed[k]), None)
            if named is not None:
                for k in range(i, j + 1):
                    if not attributed[k]:
                        links[k] = named
        i = j + 1
    return links


class _Reader:
    """The attribution rules over the words of one sentence."""

    def __init__(self, words: list[Word], lex: Lexicon) -> None:
        self.words = words
        self.lex = lex
        self.a = lex.attribution
        self.sp = lex.speakers
        self.used: set[int] = set()
        self.first = next((i for i, w in enumerate(words) if w.is_word), 0)

    # ---- the shapes of attribution ------------------------------------------------

    def find(self, text: str, start: int, end: int, quotes: Quotes) -> list[_Found]:
        found = self._prefixed()
        for v, w in enumerate(self.words):
            if v in self.used or not w.is_word or w.quoted or w.text != w.low or w.low not in self.a.verbs:
                continue
            found.extend(self._around_verb(v))
        found.extend(self._impersonal(text, start, end, quotes))
        seen: set[Span] = set()
        unique = []
        for f in found:
            if f.verb not in seen:
                seen.add(f.verb)
                unique.append(f)
        return unique

    def _prefixed(self) -> list[_Found]:
        """ "according to the ministry", "in keeping with the safety council", "citing officials"."""
        found = []
        for i, w in enumerate(self.words):
            if w.quoted or not w.is_word:
                continue
            n = self._match(i, self.a.prefixes)
            if n and (phrase := self._forward(i + n)) is not None:
                found.append(_Found(phrase, (w.start, self.words[i + n - 1].end)))
                self._use(phrase)
        return found

    def _around_verb(self, v: int) -> list[_Found]:
        words, verb = self.words, self.words[v]
        span = (verb.start, verb.end)
        if self._in_relative_clause(v):
            return []
        if verb.low in self.a.passive_by and v + 1 < len(words) and words[v + 1].low == "by":
            phrase = self._forward(v + 2)
            return [_Found(phrase, span)] if phrase else []
        found = []
        if verb.low == "quoted" and (obj := self._forward(v + 1)) is not None:
            after = obj.at + len(obj.words)
            n = self._match(after, self.a.quoted_as)
            if n:
                found.append(_Found(obj, (words[after].start, words[after + n - 1].end)))
                self._use(obj)
        phrase = self._backward(v)
        if phrase is None and verb.low in self.a.inverted and v > 0 and self._opens_inversion(v - 1):
            phrase = self._forward(v + 1)
        if phrase is None and self._coordinated(v):
            subject = self._forward(self.first)
            if subject is not None and subject.words[-1].end <= verb.start:
                phrase = subject
        if phrase is not None:
            found.append(_Found(phrase, span))
        return found

    def _impersonal(self, text: str, start: int, end: int, quotes: Quotes) -> list[_Found]:
        """ "it is believed that", "are said to", "reportedly", "everyone knows": nobody named behind a claim."""
        found = []
        for m in self.a.vague_passive.finditer(text, start, end):
            impersonal = m.group(0)[:2].lower() == "it" or m.group("to")
            if impersonal and not quotes.inside(m.start(), m.end()):
                found.append(_Found(None, m.span("verb")))
        for m in self.a.vague_phrases.finditer(text, start, end):
            if not quotes.inside(m.start(), m.end()):
                found.append(_Found(None, m.span()))
        return found

    # ---- speaker phrases --------------------------------------------------------------

    def _backward(self, v: int) -> _Phrase | None:
        """The speaker phrase that ends just before the verb at ``v``."""
        words = self.words
        j = v - 1
        while j >= 0 and words[j].is_word and words[j].low in self.a.between:
            j -= 1
        if j < 0:
            return None
        context = ""
        if words[j].text == ",":
            k = j - 1
            while (
                k >= 0
                and words[k].text != ","
                and j - k <= 16
                and (words[k].is_word or words[k].kind == "num")
            ):
                k -= 1
            if k < 1 or words[k].text != "," or k + 1 >= j:
                return None
            opener = words[k + 1]
            if opener.low not in self.a.appositive_openers and opener.kind != "num":
                return None
            context = " ".join(w.low for w in words[k + 1 : j])
            j = k - 1
        elif not self._head_like(words[j]):
            for r in range(j, max(-1, j - 12), -1):
                if not words[r].is_word:
                    break
                if words[r].low in self.a.relatives:
                    context = " ".join(w.low for w in words[r : j + 1])
                    j = r - 1
                    break
        return self._collect_back(j, context)

    def _collect_back(self, j: int, context: str) -> _Phrase | None:
        words = self.words
        if j < 0 or not words[j].is_word or words[j].quoted:
            return None
        end = j + 1
        if words[j].low in self.a.pronouns:
            return _Phrase((words[j],), j, 1, context, j == self.first)
        if not self._head_like(words[j]):
            # "a diplomat familiar with the talks said": a head, a linking word, then its object
            for c in range(j - 1, max(-1, j - 5), -1):
                if not words[c].is_word or words[c].quoted:
                    return None
                n = self._connector_ending(c)
                if n and c - n >= 0 and self._head_like(words[c - n]):
                    j = c - n
                    break
            else:
                return None
        i = self._extend_left(j)
        return self._phrase(i, end, context)

    def _extend_left(self, h: int) -> int:
        """Walk left from a head through modifiers, names, titles and linking words to a determiner."""
        words, i, modifiers = self.words, h, 0
        while i > 0 and h - i < 10:
            p = i - 1
            w = words[p]
            if not w.is_word or w.quoted:
                break
            if w.low in self.a.determiners:
                n = self._connector_ending(p - 1) if p >= 1 else 0
                if n and p - 1 - n >= 0 and self._head_like(words[p - 1 - n]):
                    i = p - n
                    continue
                return p
            n = self._connector_ending(p)
            if n:
                if p - n >= 0 and self._head_like(words[p - n]):
                    i = p - n + 1
                    continue
                break
            if self._head_like(w):
                i = p
            elif self._modifier(w) and modifiers < 3:
                i, modifiers = p, modifiers + 1
            else:
                break
        return i

    def _forward(self, i: int) -> _Phrase | None:
        """The speaker phrase that starts at ``i``: "the ministry", "a spokesman for the Front"."""
        words = self.words
        if i >= len(words) or not words[i].is_word or words[i].quoted:
            return None
        if words[i].low in self.a.pronouns:
            return _Phrase((words[i],), i, 1, "", i == self.first)
        k = i + 1 if words[i].low in self.a.determiners else i
        last, modifiers = -1, 0
        while k < len(words) and k - i < 12:
            w = words[k]
            if not w.is_word or w.quoted:
                break
            n = self._connector_starting(k) if w.low not in _NOT_FORWARD else 0
            if n and last >= 0:
                m = k + n
                if m < len(words) and words[m].low in self.a.determiners:
                    m += 1
                if m < len(words) and (self._head_like(words[m]) or self._modifier(words[m])):
                    k = m
                    continue
                break
            if self._head_like(w):
                last = k
            elif self._modifier(w) and modifiers < 3:
                modifiers += 1
            else:
                break
            k += 1
        return self._phrase(i, last + 1, "") if last >= 0 else None

    def _phrase(self, i: int, end: int, context: str) -> _Phrase:
        core = end - i
        for k in range(i + 1, end):
            if self._connector_starting(k):
                core = k - i
                break
        return _Phrase(tuple(self.words[i:end]), i, core, context, i == self.first)

    # ---- what a word can be --------------------------------------------------------------

    def _head_like(self, w: Word) -> bool:
        low = w.low
        if not w.is_word or w.quoted or low in CALENDAR:
            return False
        if low in self.a.determiners or low in self.a.stop or low in self.a.between:
            return False
        if low in self.sp.heads or low in self.sp.titles:
            return True  # before the verb check: "estimate" heads "a UN estimate" and is a verb in "experts estimate"
        return w.cap and low not in self.a.verbs and not any(c[0] == low for c in self.a.connectors)

    def _modifier(self, w: Word) -> bool:
        low = w.low
        return (
            w.kind == "word"
            and not w.quoted
            and w.text == low
            and low not in self.a.stop
            and low not in self.a.between
            and low not in self.a.determiners
            and low not in self.a.verbs
            and low not in self.a.pronouns
            and low not in CALENDAR
            and not low.endswith("ly")
        )

    def _match(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        words = self.words
        if i >= len(words):
            return 0
        first = words[i].low
        for phrase in phrases:
            n = len(phrase)
            if (
                phrase[0] == first
                and i + n <= len(words)
                and all(words[i + k].low == phrase[k] and not words[i + k].quoted for k in range(n))
            ):
                return n
        return 0

    def _connector_starting(self, i: int) -> int:
        return self._match(i, self.a.connectors)

    def _connector_ending(self, p: int) -> int:
        for phrase in self.a.connectors:
            n = len(phrase)
            if p - n + 1 >= 0 and self._match(p - n + 1, (phrase,)):
                return n
        return 0

    def _opens_inversion(self, p: int) -> bool:
        """A verb right after a comma, a closing quote or a dash can take its speaker after it."""
        return self.words[p].text in {",", "”", '"', "»", "—", "–", "’"}

    def _in_relative_clause(self, v: int) -> bool:
        """ "A passenger who asked not to be named said": "asked" belongs to the passenger, not to a claim."""
        j = v - 1
        while j >= 0 and self.words[j].is_word and self.words[j].low in self.a.between:
            j -= 1
        return j >= 0 and self.words[j].low in self.a.relatives

    def _coordinated(self, v: int) -> bool:
        j = v - 1
        while j >= 0 and self.words[j].is_word and self.words[j].low in self.a.between:
            j -= 1
        return j >= 0 and self.words[j].low in ("and", "but") and not self.words[j].quoted

    def _use(self, phrase: _Phrase) -> None:
        """Words of a speaker found after a phrase ("according to") are not verbs of their own."""
        self.used.update(range(phrase.at, phrase.at + len(phrase.words)))


def _org_kind(words: Sequence[Word], lex: Lexicon, lower: bool) -> SpeakerKind | None:
    """The kind of organisation a phrase names: media before party before official.

    Capitalized words are read as parts of a name ("Kestrel News Agency"); with
    ``lower``, common nouns count too ("a rebel spokesman", "a ministry official").
    """
    sp = lex.speakers
    kinds: set[SpeakerKind] = set()
    for w in words:
        low = w.low
        if w.cap or w.kind == "init":
            kinds.update(
                k
                for k, names in (
                    (SpeakerKind.MEDIA, sp.media_names),
                    (SpeakerKind.PARTY, sp.party_names),
                    (SpeakerKind.OFFICIAL, sp.official_names),
                )
                if low in names
            )
        if lower and not w.cap:
            kinds.update(
                k
                for k, heads in (
                    (SpeakerKind.MEDIA, sp.media),
                    (SpeakerKind.PARTY, sp.party),
                    (SpeakerKind.OFFICIAL, sp.official),
                )
                if low in heads
            )
    for kind in (SpeakerKind.MEDIA, SpeakerKind.PARTY, SpeakerKind.OFFICIAL):
        if kind in kinds:
            return kind
    return None


def _kind(phrase: _Phrase, lex: Lexicon) -> tuple[SpeakerKind, bool]:
    """The kind of a speaker phrase, and whether it is a person (what "he" or "she" can stand for)."""
    sp, a = lex.speakers, lex.attribution
    core = phrase.words[: phrase.core]
    head = phrase.head
    low = head.low
    personal = low in sp.person or low in sp.titles
    described = " ".join(w.low for w in phrase.words) + " " + phrase.context
    if a.anonymity.search(described):
        return SpeakerKind.ANONYMOUS, True
    names = sp.media_names | sp.party_names | sp.official_names
    if head.cap and low not in sp.heads and low not in sp.titles and low not in names:
        orgs = [k for k, w in enumerate(core) if w.cap and w.low in names]
        if orgs and not any(w.low in sp.titles for w in core[orgs[-1] + 1 :]):
            return _org_kind(core, lex, lower=False) or SpeakerKind.OFFICIAL, False
        if phrase.first and len(core) == 1 and low.endswith("s"):
            return SpeakerKind.ANONYMOUS, True  # "Dockworkers said": a capitalized plural, not a name
        return SpeakerKind.NAMED, True
    others = phrase.words[: phrase.core - 1] + phrase.words[phrase.core :]
    if low in sp.source:
        qualified = phrase.core < len(phrase.words) or any(
            w.low not in a.determiners and w.low not in ("many", "multiple", "several") for w in core[:-1]
        )
        return (SpeakerKind.ANONYMOUS if qualified else SpeakerKind.VAGUE), True
    if low in sp.affiliated and (org := _org_kind(others, lex, lower=True)) is not None:
        return org, personal
    if low in sp.vague:
        named = _org_kind(others, lex, lower=False)
        return (named or SpeakerKind.VAGUE), False
    if head.cap and low in names:
        return _org_kind(core, lex, lower=False) or SpeakerKind.OFFICIAL, False
    for kind, heads in (
        (SpeakerKind.MEDIA, sp.media),
        (SpeakerKind.PARTY, sp.party),
        (SpeakerKind.OFFICIAL, sp.official),
        (SpeakerKind.ANONYMOUS, sp.person),
    ):
        if low in heads:
            return kind, personal
    if low in sp.titles:
        return SpeakerKind.OFFICIAL, True
    return _org_kind(phrase.words, lex, lower=True) or SpeakerKind.ANONYMOUS, personal
