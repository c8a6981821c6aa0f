"""The per-line memo: what it remembers, and what it drops when full."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsflow.extraction import memo
from newsflow.extraction.memo import forget, memo_short, uncached


def _counting() -> tuple[list[str], Callable[[str], int]]:
    seen: list[str] = []

    def judge(line: str) -> int:
        seen.append(line)
        return len(line)

    return seen, memo_short(judge)


def test_memo_judges_a_short_line_once() -> None:
    seen, judge = _counting()
    assert judge("Harbour ferry runs late") == judge("Harbour ferry runs late") == 23
    assert seen == ["Harbour ferry runs late"]


def test_memo_drops_only_its_paragraphs_when_they_are_over_their_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(memo, "MEMO_LONG_LINES", 2)
    seen, judge = _counting()
    short = "Ferry timetable"
    paragraphs = [f"{n} " + "the ferry left the quay an hour late that morning " * 10 for n in range(3)]
    judge(short)
    for text in paragraphs:
        judge(text)
    judge(short)
    judge(paragraphs[2])
    assert seen == [short, *paragraphs]  # the short line and the newest paragraph stay remembered
    judge(paragraphs[0])
    assert seen[-1] == paragraphs[0]  # an older paragraph was dropped


def test_memo_never_keeps_a_line_longer_than_a_paragraph() -> None:
    seen, judge = _counting()
    huge = "word " * (memo.MEMO_LONG_CHARS // 4)
    judge(huge)
    judge(huge)
    assert seen == [huge, huge]


def test_memo_forgets_and_gives_back_the_plain_judgement() -> None:
    seen, judge = _counting()
    judge("Quay closed")
    forget(judge)
    judge("Quay closed")
    assert seen == ["Quay closed", "Quay closed"]
    assert uncached(judge)("Quay") == 4
