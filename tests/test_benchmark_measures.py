"""The benchmark's measures: shingle F1 and trafilatura's snippet rules."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from scoring import Snippets, prf, shingle_match, snippet_match


def test_identical_bodies_score_one_and_disjoint_bodies_zero() -> None:
    text = "the quick brown fox jumps over the lazy dog again"
    assert prf([shingle_match(text, text)]) == (1.0, 1.0, 1.0)
    assert prf([shingle_match(text, "entirely different words make up this other text")])[2] == 0.0


def test_snippets_match_across_line_breaks_and_repeated_spaces() -> None:
    counts, missed, found = snippet_match(
        "The council met\non Monday.\n\nShare   this", ["council met on Monday"], ["Share this", "Menu"]
    )
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 0, 1, 1)
    assert missed == []
    assert found == ["Share this"]


def test_a_page_without_articles_misses_all_its_with_snippets() -> None:
    counts, missed, _found = snippet_match(None, ["a", "b"], ["c"])
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (0, 2, 0, 1)
    assert missed == ["a", "b"]


def test_snippet_figures_follow_trafilaturas_formulas() -> None:
    counts = Snippets(tp=8, fp=2, fn=2, tn=8)
    assert counts.precision == 0.8
    assert counts.recall == 0.8
    assert counts.f1 == 0.8
    assert counts.accuracy == 0.8
