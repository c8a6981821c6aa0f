"""Tone: word valences from the VADER lexicon (MIT, shipped in ``vaderSentiment``), scored here.

VADER's own scorer costs milliseconds per article; this keeps its lexicon,
its negation rule (a negator in the three words before flips and damps a
valence) and its normalisation (x / sqrt(x² + 15)) per sentence, in one
pass over lower-cased words. The overall score is the mean sentence score;
the spread is their standard deviation.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

from newsflow.shared.enrichment import SentenceTone, Tone
from newsflow.worker.enrich.context import Context
from newsflow.worker.enrich.text import Sentence, word_set

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NEGATORS = word_set(
    """not no never none nobody nothing neither nor without cannot can't don't doesn't didn't isn't
    aren't wasn't weren't won't wouldn't shouldn't couldn't hasn't haven't hadn't"""
)
_NEGATION_SCALAR = -0.74
_ALPHA = 15.0
_NEUTRAL = 0.05


@cache
def lexicon() -> dict[str, float]:
    """VADER word → valence (-4..4), single words only."""
    path = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0]] = float(parts[1])
    return out


def score_sentences(body: str, sentences: list[Sentence], valences: dict[str, float]) -> Tone:
    scores: list[SentenceTone] = []
    words = positive = negative = 0
    total = 0.0
    for sent in sentences:
        tokens = _WORD.findall(sent.text.lower())
        words += len(tokens)
        raw = 0.0
        for i, tok in enumerate(tokens):
            v = valences.get(tok)
            if v is None:
                continue
            if any(t in _NEGATORS for t in tokens[max(0, i - 3) : i]):
                v *= _NEGATION_SCALAR
            raw += v
            if v > 0:
                positive += 1
            else:
                negative += 1
        s = raw / math.sqrt(raw * raw + _ALPHA) if raw else 0.0
        total += s
        scores.append(SentenceTone(start=sent.start, end=sent.end, score=round(s, 4)))
    n = len(scores) or 1
    mean = total / n
    spread = math.sqrt(sum((s.score - mean) ** 2 for s in scores) / n)
    label = "positive" if mean > _NEUTRAL else "negative" if mean < -_NEUTRAL else "neutral"
    toned = [s for s in scores if s.score]
    top = max(toned, key=lambda s: s.score, default=None)
    bottom = min(toned, key=lambda s: s.score, default=None)
    return Tone(
        label=label,
        score=round(mean, 4),
        positive=round(positive / words, 4) if words else 0.0,
        negative=round(negative / words, 4) if words else 0.0,
        spread=round(spread, 4),
        most_positive=top if top is not None and top.score > 0 else None,
        most_negative=bottom if bottom is not None and bottom.score < 0 else None,
        sentences=toned,
    )


class ToneEnricher:
    name = "tone"
    version = "1"
    requires: tuple[str, ...] = ()
    english_only = True

    def __init__(self) -> None:
        self._lexicon = lexicon()

    def run(self, ctx: Context) -> Tone:
        return score_sentences(ctx.body, ctx.sentences, self._lexicon)
