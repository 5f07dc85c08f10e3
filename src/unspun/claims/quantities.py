"""Numbers with what they count: "almost 200 fighters", "$1,800 a month", "dozens dead".

A quantity is read in four steps, each driven by ``data/claims.toml``:

1. the number itself: digits ("1,800", "3.4 million", "$2m"), number words
   ("eight", "twenty-five", "a dozen"), vague plurals ("dozens", "hundreds of
   thousands"), ranges ("20 to 30");
2. how exact it is, from the words before it ("almost", "more than", "some");
3. what it counts: a currency or "per cent" after it, else the counted noun
   within a few words ("200 fighters", "12 armoured vehicles", "dozens of
   civilians");
4. for people, what happened to them: a casualty or detention word next to the
   count decides between killed, wounded, missing, detained and displaced
   ("killed at least 17 people", "eight people were missing").

Numbers that count nothing are left out: dates (their spans are passed in),
years, clock times, ordinals and identifiers ("Route 9", "T-72").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from unspun.claims.lexicon import Lexicon, QuantityWords, lexicon
from unspun.claims.words import CALENDAR, Word, singular
from unspun.text.tokens import STOPWORDS
from unspun.types import Bound, Quantity, Span

_PEOPLE_COUNTS = ("fighters", "people", "households")
_RATE = frozenset({"a", "an", "per", "each", "every"})


@dataclass(frozen=True, slots=True)
class _Number:
    """A number as written: where it stands (word indices) and what it is worth."""

    first: int
    last: int  # exclusive
    value: float
    vague: bool
    words_only: bool
    currency: str = ""
    high: float | None = None


def find_quantities(text: str, words: Sequence[Word], skip: Sequence[Span] = ()) -> list[Quantity]:
    """Every counted quantity among ``words`` (one sentence); numbers inside ``skip`` spans are dates."""
    return _Reader(text, words, lexicon(), skip).read()


class _Reader:
    def __init__(self, text: str, words: Sequence[Word], lex: Lexicon, skip: Sequence[Span]) -> None:
        self.text = text
        self.words = words
        self.lex = lex
        self.q: QuantityWords = lex.quantities
        self.skip = skip
        self.states = {w: state for state, ws in self.q.states for w in ws}
        self.nouns = {w: kind for kind, ws in self.q.nouns for w in ws}
        self.first = next((i for i, w in enumerate(words) if w.is_word), 0)

    def read(self) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        while i < len(self.words):
            number = self._number(i)
            if number is None or self._excluded(number):
                i += 1
                continue
            out.append(self._quantity(number))
            i = max(number.last, i + 1)
        return out

    # ---- 1. the number ----------------------------------------------------------------

    def _number(self, i: int) -> _Number | None:
        words, q = self.words, self.q
        w = words[i]
        currency = ""
        if w.kind == "sym" and w.text in q.symbols and i + 1 < len(words) and words[i + 1].kind == "num":
            currency = q.symbols[w.text]
            number = self._digits(i + 1)
            return _Number(i, number.last, number.value, False, False, currency) if number else None
        if w.kind == "num":
            return self._ranged(self._digits(i))
        if w.kind != "word":
            return None
        if w.low == "a" and i + 1 < len(words):
            nxt = words[i + 1].low
            if nxt == "dozen":
                return _Number(i, i + 2, q.dozen, False, True)
            if nxt in q.scales and nxt.isalpha() and len(nxt) > 2:
                return self._scaled(_Number(i, i + 2, q.scales[nxt], False, True))
            return None
        if w.low in q.vague:
            value = float(q.vague[w.low])
            last = i + 1
            if (
                i + 2 < len(words)
                and words[i + 1].low == "of"
                and words[i + 2].low in ("thousands", "millions")
            ):
                value *= q.scales[words[i + 2].low[:-1]]
                last = i + 3
            return _Number(i, last, value, True, True)
        return self._ranged(self._spelled(i))

    def _digits(self, i: int) -> _Number | None:
        token = self.words[i].text
        if token.count(".") > 1 or (token.count(",") and "." in token.split(",")[0]):
            return None
        try:
            value = float(token.replace(",", ""))
        except ValueError:
            return None
        return self._scaled(_Number(i, i + 1, value, False, False))

    def _scaled(self, n: _Number) -> _Number:
        """ "3.4 million", "$2m", "two thousand": a scale word multiplies the number before it."""
        words, last, value = self.words, n.last, n.value
        while last < len(words) and words[last].low in self.q.scales:
            scale = words[last]
            short = len(scale.low) <= 2
            if short and scale.start != words[last - 1].end:
                break  # "5 m" is five metres; "$5m" is five million
            value *= self.q.scales[scale.low]
            last += 1
        return _Number(n.first, last, value, n.vague, n.words_only, n.currency, n.high)

    def _spelled(self, i: int) -> _Number | None:
        """Number words: "eight", "twenty-five", "two hundred and fifty", "two dozen"."""
        words, q = self.words, self.q
        total = current = 0.0
        k = i
        seen = False
        while k < len(words) and words[k].kind == "word":
            parts = words[k].low.split("-")
            if all(p in q.units for p in parts):
                current += sum(q.units[p] for p in parts)
            elif seen and words[k].low == "dozen":
                current *= q.dozen
            elif seen and words[k].low in q.scales and len(words[k].low) > 2:
                scale = q.scales[words[k].low]
                if scale == 100:
                    current *= 100
                else:
                    total += current * scale
                    current = 0.0
            elif (
                seen
                and words[k].low == "and"
                and words[k - 1].low in q.scales
                and k + 1 < len(words)
                and words[k + 1].low in q.units
            ):
                pass  # "two hundred and fifty"
            else:
                break
            seen = True
            k += 1
        if not seen:
            return None
        return _Number(i, k, total + current, False, True)

    def _ranged(self, n: _Number | None) -> _Number | None:
        """ "20 to 30", "20-30", "between 20 and 30": the second number is the top of a range."""
        if n is None:
            return None
        words, k = self.words, n.last
        between = n.first > 0 and words[n.first - 1].low == "between"
        joiner = words[k].low if k < len(words) else ""
        if joiner in ("to", "-", "–") or (joiner == "and" and between):
            top = self._digits(k + 1) if k + 1 < len(words) and words[k + 1].kind == "num" else None
            top = top or (self._spelled(k + 1) if k + 1 < len(words) and n.words_only else None)
            if top is not None and top.value > n.value:
                first = n.first - 1 if between else n.first
                return _Number(first, top.last, n.value, False, n.words_only, n.currency, top.value)
        return n

    # ---- numbers that count nothing ------------------------------------------------------

    def _excluded(self, n: _Number) -> bool:
        words, q = self.words, self.q
        first, last = words[n.first], words[n.last - 1]
        if any(s < last.end and first.start < e for s, e in self.skip):
            return True
        nxt = words[n.last] if n.last < len(words) else None
        prev = words[n.first - 1] if n.first > 0 else None
        if nxt is not None and nxt.start == last.end and nxt.kind == "word" and nxt.low in q.not_counts:
            return True  # "1st", "7pm"
        if nxt is not None and (nxt.low in q.not_counts or nxt.text == ":"):
            return True  # "7 a.m.", "10:30"
        if prev is not None and prev.text == ":" and prev.end == first.start:
            return True  # the minutes of "10:30"
        if prev is not None and prev.low in q.identifiers and not n.currency:
            return True  # "Route 9", "No. 4"
        if prev is not None and prev.text in "-–" and prev.start == first.start - 1 and n.first > 1:
            return words[n.first - 2].kind == "word"  # "T-72"
        if (
            prev is not None
            and prev.cap
            and n.first - 1 != self.first
            and prev.kind == "word"
            and prev.low not in CALENDAR
            and not n.currency
        ):
            return True  # "Resolution 2231", "Kilo 7"
        if n.words_only and not n.vague:
            return not self._counted_word(n)
        return self._year(n)

    def _year(self, n: _Number) -> bool:
        token = self.words[n.first]
        if n.currency or n.last - n.first != 1 or token.kind != "num" or not token.text.isdigit():
            return False
        if not 1800 <= int(token.text) <= 2100:
            return False
        noun = self._noun(n)[0]
        return not noun or noun.low not in self.nouns

    def _counted_word(self, n: _Number) -> bool:
        """A spelled number counts something only with a noun or a casualty word ("eight were killed").

        "one" needs a known count noun right after it: "one of the", "no one"
        and "one docker told" are not counts.
        """
        noun, _ = self._noun(n)
        if self.words[n.first].low == "one" and n.last - n.first == 1:
            return noun is not None and noun.low in self.nouns and noun.start == self.words[n.last].start
        return noun is not None or self._state(n, n.last) != ""

    # ---- 2. how exact ----------------------------------------------------------------------

    def _qualifier(self, n: _Number) -> tuple[Bound, int]:
        """The bound the words before the number give it, and where those words start."""
        if n.high is not None:
            return Bound.RANGE, self.words[n.first].start
        start = self.words[n.first].start
        offset = max(self.words[0].start, start - 40)  # never reach back into the sentence before
        window = self.text[offset:start].rstrip()
        best: tuple[Bound, int] = (Bound.OVER if n.vague else Bound.EXACT, start)
        longest = 0
        for bound, pattern in (
            (Bound.ABOUT, self.q.about),
            (Bound.OVER, self.q.over),
            (Bound.UNDER, self.q.under),
        ):
            for m in pattern.finditer(window):
                if m.end() == len(window) and m.end() - m.start() > longest:
                    best, longest = (bound, offset + m.start()), m.end() - m.start()
        return best

    # ---- 3. what it counts --------------------------------------------------------------------

    def _noun(self, n: _Number) -> tuple[Word | None, int]:
        """The counted noun after a number, and the index just past it.

        The noun is the last word of the run of words after the number that a
        count list knows ("rocket launchers" counts launchers), else the last
        lower-case plural of the run ("42 broken beams"), else its first
        lower-case word; a hyphenated unit counts too ("10-kilometre").
        """
        words, k = self.words, n.last
        if (
            k + 1 < len(words)
            and words[k].text in "-–"
            and words[k].start == words[k - 1].end
            and words[k + 1].kind == "word"
            and words[k + 1].start == words[k].end
        ):
            return words[k + 1], k + 2  # "a 10-kilometre strip", "the 212-page report"
        if k + 1 < len(words) and words[k].low == "of" and (n.vague or n.words_only):
            k += 1
            if words[k].low in ("the", "them", "those", "these"):
                return None, n.last
        run: list[int] = []
        while k < len(words) and len(run) <= self.q.noun_window:
            w = words[k]
            if (
                w.kind != "word"
                or w.low in STOPWORDS
                or w.low in self.states
                or self.lex.events.fullmatch(w.low)
            ):
                break
            run.append(k)
            k += 1
            if w.low in self.q.currencies or w.low in self.q.duration or w.low in self.q.weight:
                break  # a unit ends the noun: "1.2 million crowns last year"
        known = [j for j in run if self._known(words[j].low)]
        if known:
            return words[known[-1]], known[-1] + 1
        plain = [j for j in run if not words[j].cap]
        plural = [j for j in plain if words[j].low.endswith("s")]
        if plural or plain:
            j = plural[-1] if plural else plain[0]
            return words[j], j + 1
        return None, n.last

    def _known(self, low: str) -> bool:
        q = self.q
        return (
            low in self.nouns
            or low in q.currencies
            or low in q.duration
            or low in q.distance
            or low in q.weight
        )

    def _state(self, n: _Number, after: int) -> str:
        """What happened to the people counted: the casualty word next to the count.

        A verb right before the count comes first ("killed at least 17"), then
        the first such word after it ("eight people were missing"), then the
        nearest before it ("treating burns on 23 children").
        """
        words, window = self.words, self.q.state_window
        _, qualifier_start = self._qualifier(n)
        before = [j for j in range(n.first) if words[j].end <= qualifier_start]
        if before and words[before[-1]].is_word and words[before[-1]].low in self.states:
            return self.states[words[before[-1]].low]
        seen = 0
        for w in words[after:]:
            if w.text in (";", "."):
                break
            if w.is_word:
                seen += 1
                if w.low in self.states:
                    return self.states[w.low]
                if seen >= window:
                    break
        for j in reversed(before[-window:]):
            if words[j].is_word and words[j].low in self.states:
                return self.states[words[j].low]
        return ""

    def _quantity(self, n: _Number) -> Quantity:
        words, q = self.words, self.q
        bound, start = self._qualifier(n)
        end = words[n.last - 1].end
        noun_word, after = self._noun(n)
        noun = noun_word.low if noun_word else ""
        currency, counts, unit, per = n.currency, "", "", ""
        percent = self._percent(n.last)
        if percent:
            counts, unit, end, noun_word = "percent", "percent", words[n.last + percent - 1].end, None
        elif self._age(n):
            counts, unit = "age", "year"
            end = words[n.last + 1].end if self._hyphen_age(n) else end
            noun_word = None
        elif currency or noun in q.currencies:
            currency = currency or q.currencies[noun]
            counts, unit = "money", currency
            if noun in q.currencies and noun_word is not None:
                end = noun_word.end
            per, end = self._per(after if noun_word else n.last, end)
        elif noun in q.duration:
            counts, unit = "duration", q.duration[noun]
        elif noun in q.distance:
            counts, unit = "distance", q.distance[noun]
        elif noun in q.weight:
            counts, unit = "weight", q.weight[noun]
        elif self.nouns.get(noun) == "equipment":
            counts, unit = "equipment", singular(noun)
        elif noun and self.nouns.get(noun) not in _PEOPLE_COUNTS:
            counts, unit = "other", singular(noun)
        else:
            kind = self.nouns.get(noun, "")
            state = self._state(n, after)
            unit = singular(noun) if kind == "households" else ("person" if kind or state else "")
            counts = state or ("people" if kind == "households" else kind or "other")
        if noun_word is not None and counts != "money":
            end = max(end, noun_word.end)
        return Quantity(
            text=self.text[start:end],
            span=(start, end),
            value=n.value,
            bound=bound,
            counts=counts,
            unit=unit,
            noun=noun_word.text if noun_word is not None else "",
            high=n.high,
            per=per,
        )

    def _percent(self, k: int) -> int:
        words = self.words
        for phrase in self.q.percent:
            if k + len(phrase) <= len(words) and all(
                words[k + j].low == part for j, part in enumerate(phrase)
            ):
                return len(phrase)
        return 0

    def _per(self, k: int, end: int) -> tuple[str, int]:
        """ "a month", "per day", "monthly" after an amount of money."""
        words, periods = self.words, self.q.periods
        if k < len(words) and words[k].low in periods and words[k].low.endswith("ly"):
            return periods[words[k].low], words[k].end
        if k + 1 < len(words) and words[k].low in _RATE and words[k + 1].low in periods:
            return periods[words[k + 1].low], words[k + 1].end
        return "", end

    def _age(self, n: _Number) -> bool:
        """ "46-year-old", "aged 46", "The driver, 46, was arrested"."""
        words = self.words
        if self._hyphen_age(n):
            return True
        if n.words_only:
            return False
        prev = words[n.first - 1] if n.first > 0 else None
        nxt = words[n.last] if n.last < len(words) else None
        if prev is not None and prev.low == "aged":
            return True
        return (
            prev is not None
            and nxt is not None
            and prev.text == ","
            and nxt.text == ","
            and n.value < 120
            and n.value.is_integer()
            and n.first > 1
            and words[n.first - 2].is_word
        )

    def _hyphen_age(self, n: _Number) -> bool:
        words = self.words
        return n.last + 1 < len(words) and words[n.last].text == "-" and words[n.last + 1].low == "year-old"
