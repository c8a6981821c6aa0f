"""Keyphrases, RAKE-style: runs of content words between stop words, scored by word frequency.

A phrase's score is its count times the mean log frequency of its words times
a bonus for length, doubled when its words appear in the title. One pass over
the words; about a tenth of a millisecond per article, where YAKE takes 20 ms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from newsflow.services.worker.enrich.context import Context
from newsflow.services.worker.enrich.text import word_set
from newsflow.shared.enrichment import Keyphrase, Keywords

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|[^\w\s]")
_MAX_WORDS = 4
TOP = 10


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (no model needed) plus reporting chaff."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | word_set(
        "said says say told also including according year years day days time new like just"
    )


@dataclass
class _Phrase:
    words: tuple[str, ...]
    start: int
    end: int
    count: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)


def candidate_phrases(body: str, stops: frozenset[str]) -> list[_Phrase]:
    """Every maximal run (≤ 4 words) of content words, with its offsets."""
    out: list[_Phrase] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        while run and run[-1][0].endswith(("ed", "ly")):  # "Hangzhou developed": no verb tails
            run.pop()
        if run:
            for i in range(0, len(run), _MAX_WORDS):
                part = run[i : i + _MAX_WORDS]
                out.append(_Phrase(tuple(w for w, _, _ in part), part[0][1], part[-1][2]))
        run.clear()

    for m in _TOKEN.finditer(body):
        tok = m.group()
        low = tok.lower().rstrip("'’")
        if not tok[0].isalpha() or low in stops or len(low) < 3 or low.endswith(("'s", "’s")):
            if low.endswith(("'s", "’s")) and low[:-2] not in stops:
                run.append((low[:-2], m.start(), m.end() - 2))
            flush()
            continue
        run.append((low, m.start(), m.end()))
    flush()
    return out


def keyphrases(body: str, title: str | None, stops: frozenset[str], top: int = TOP) -> list[Keyphrase]:
    phrases = candidate_phrases(body, stops)
    freq: Counter[str] = Counter(w for p in phrases for w in p.words)
    title_words = {w.lower() for w in re.findall(r"\w+", title or "")}
    merged: dict[tuple[str, ...], _Phrase] = {}
    for p in phrases:
        kept = merged.setdefault(p.words, p)
        kept.count += 1
    scored = []
    for words, p in merged.items():
        mean = sum(math.log2(1 + freq[w]) for w in words) / len(words)
        score = p.count * mean * (1 + 0.5 * (len(words) - 1))
        if title_words and any(w in title_words for w in words):
            score *= 2
        scored.append((score, p))
    scored.sort(key=lambda sp: (-sp[0], sp[1].start))
    return [
        Keyphrase(text=" ".join(p.words), score=round(s, 3), count=p.count, start=p.start, end=p.end)
        for s, p in scored[:top]
    ]


class KeywordEnricher:
    name = "keywords"
    version = "1"
    requires: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._stops = stop_words()

    def run(self, ctx: Context) -> Keywords:
        return Keywords(items=keyphrases(ctx.body, ctx.article.title, self._stops))
