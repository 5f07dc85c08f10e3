"""Trace articles for the latency benchmark: stitched from indexed documents, lightly spun.

A latency figure is only meaningful if the traces do the work real ones do.
An article made of random words would find no candidates and return at once;
one copied whole would hit the exact-copy path only. So each article here is
what a content farm publishes: about ten sentences taken in runs from two or
three indexed documents (half of them with a word or two swapped), two
sentences that exist nowhere in the corpus, and an invented headline. The truth
(which document each sentence came from) is kept, so the run also reports how
many planted sentences were traced back to their document, a sanity check that
the timed traces really retrieved and aligned candidates.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from synth import make_lexicon, novel_sentences, novel_title, swap_words

from unspun.ingest.corpus import record_to_document
from unspun.text.segment import segment

_LETTERS = re.compile(r"[A-Za-z]")
_TERMINAL = (".", "!", "?")


@dataclass(frozen=True, slots=True)
class Planted:
    """One body sentence of a trace article; ``source`` is the document id it was taken from, or None."""

    text: str
    source: str | None
    swapped: bool


@dataclass(frozen=True, slots=True)
class TraceArticle:
    text: str
    planted: list[Planted]


def _lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        yield from fh


def _eligible(text: str) -> list[str]:
    """Sentences a farm would lift: 8-60 words, mostly letters (not OCR debris), starting with a capital."""
    out = []
    for s, e in segment(text):
        sentence = " ".join(text[s:e].split())
        words = sentence.split(" ")
        if not 8 <= len(words) <= 60 or not sentence[0].isupper():
            continue
        compact = sentence.replace(" ", "")
        if len(_LETTERS.findall(compact)) < 0.85 * len(compact):
            continue
        if not sentence.endswith(_TERMINAL):
            sentence += "."
        out.append(sentence)
    return out


def make_articles(corpus: Path, documents: int, count: int, seed: int, published: str) -> list[TraceArticle]:
    """``count`` articles from the ``documents``-line JSONL corpus at ``corpus``, deterministic for ``seed``.

    Source documents are drawn uniformly from the whole corpus, so the traces
    touch old and new batches alike; documents with too few usable sentences
    (OCR debris, very short notices) are passed over.
    """
    rng = random.Random(seed)
    lex = make_lexicon(seed)
    wanted = sorted(set(rng.sample(range(documents), min(documents, count * 12))))
    pool: list[tuple[str, list[str]]] = []
    want = iter(wanted)
    target = next(want, None)
    for lineno, raw in enumerate(_lines(corpus)):
        if target is None:
            break
        if lineno != target:
            continue
        target = next(want, None)
        doc = record_to_document(json.loads(raw), f"{corpus}:{lineno + 1}")
        sentences = _eligible(doc.text)
        if len(sentences) >= 4:
            pool.append((doc.id, sentences))
    rng.shuffle(pool)
    if len(pool) < 3:
        raise SystemExit(f"{corpus}: too few documents with usable sentences to build trace articles")
    articles = []
    for _ in range(count):
        planted: list[Planted] = []
        for doc_id, sentences in rng.sample(pool, rng.choice((2, 3, 3))):
            take = min(len(sentences), 10 // 3 + rng.randint(0, 2))
            start = rng.randrange(len(sentences) - take + 1)
            for sentence in sentences[start : start + take]:
                spun = rng.random() < 0.5
                changed = swap_words(rng, sentence, rng.randint(1, 2)) if spun else sentence
                planted.append(Planted(changed, doc_id, changed != sentence))
        planted = planted[:10]
        for sentence in novel_sentences(rng, lex, 2):
            planted.insert(rng.randrange(len(planted) + 1), Planted(sentence, None, False))
        body = "\n\n".join(" ".join(p.text for p in planted[j : j + 2]) for j in range(0, len(planted), 2))
        articles.append(TraceArticle(f"{novel_title(rng, lex)}\n{published}\n\n{body}\n", planted))
    return articles


def save(articles: list[TraceArticle], path: Path) -> None:
    path.write_text("\n".join(json.dumps(asdict(a), ensure_ascii=False) for a in articles) + "\n")


def load(path: Path) -> list[TraceArticle]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        out.append(TraceArticle(raw["text"], [Planted(**p) for p in raw["planted"]]))
    return out
