"""The measures: the article-extraction benchmark's shingle score and trafilatura's snippet rules."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Score = tuple[float, float, float]


def _shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_match(true: str, pred: str) -> Score:
    """(tp, fp, fn) over 4-token shingle multisets, normalised to sum 1."""
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def prf(scores: list[Score]) -> Score:
    """Precision, recall and F1 as the public benchmark computes them."""
    precisions = [tp / (tp + fp) for tp, fp, _ in scores if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in scores if tp + fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def f1_of(score: Score) -> float:
    tp, fp, fn = score
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def title_key(title: str | None) -> str:
    return " ".join(_TOKEN.findall((title or "").lower()))


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


@dataclass
class Snippets:
    """Snippet counts summed over pages (trafilatura's evaluation rules)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: Snippets) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def snippet_match(
    text: str | None, with_: list[str], without: list[str]
) -> tuple[Snippets, list[str], list[str]]:
    """Counts for one page, the `with` snippets missed and the `without` snippets found.

    ``text`` None means the page yielded no article: every `with` snippet is missed.
    """
    if text is None:
        return Snippets(fn=len(with_), tn=len(without)), list(with_), []
    flat = collapse(text)
    missed = [s for s in with_ if collapse(s) not in flat]
    found = [s for s in without if collapse(s) in flat]
    counts = Snippets(
        tp=len(with_) - len(missed), fn=len(missed), fp=len(found), tn=len(without) - len(found)
    )
    return counts, missed, found
