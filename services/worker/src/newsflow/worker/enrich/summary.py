"""A short extractive summary: the best-scoring sentences, in body order.

A sentence scores the mean document frequency of its content words, plus a
bonus for the lead (news puts the point first) and for sharing words with
the title. Sentences that are too short or too long to stand alone, and
quoted or first-person ones (a witness's words, not the story), are skipped.
"""

from __future__ import annotations

import re
from collections import Counter

from newsflow.shared.enrichment import Summary, SummarySentence
from newsflow.worker.enrich.context import Context
from newsflow.worker.enrich.keywords import stop_words
from newsflow.worker.enrich.text import Sentence

_WORD = re.compile(r"[a-z][a-z'’-]+")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|me|us)\b|[“\"]")
_MIN_WORDS, _MAX_WORDS = 8, 60
SENTENCES = 3


def summarize(
    sentences: list[Sentence], title: str | None, stops: frozenset[str], size: int = SENTENCES
) -> Summary:
    words = [[w for w in _WORD.findall(s.text.lower()) if w not in stops] for s in sentences]
    freq = Counter(w for ws in words for w in ws)
    title_words = {w for w in _WORD.findall((title or "").lower()) if w not in stops}
    scored: list[tuple[float, int]] = []
    for i, (sent, ws) in enumerate(zip(sentences, words, strict=True)):
        n = len(sent.text.split())
        if not ws or n < _MIN_WORDS or n > _MAX_WORDS or _FIRST_PERSON.search(sent.text):
            continue
        score = sum(freq[w] for w in ws) / len(ws)
        score *= 1 + 0.5 / (1 + i)  # the lead
        score *= 1 + 0.5 * len(title_words.intersection(ws)) / (len(title_words) or 1)
        scored.append((score, i))
    chosen = sorted(i for _, i in sorted(scored, key=lambda si: (-si[0], si[1]))[:size])
    picked = [
        SummarySentence(text=sentences[i].text, start=sentences[i].start, end=sentences[i].end)
        for i in chosen
    ]
    return Summary(text=" ".join(p.text for p in picked), sentences=picked)


class SummaryEnricher:
    name = "summary"
    version = "1"
    requires: tuple[str, ...] = ()
    english_only = False

    def __init__(self) -> None:
        self._stops = stop_words()

    def run(self, ctx: Context) -> Summary:
        return summarize(ctx.sentences, ctx.article.title, self._stops)
