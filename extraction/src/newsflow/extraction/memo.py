"""Per-line judgements memoised: a page asks the same few questions of the same lines many times.

Bounded so that no page can pin much memory: short lines (chrome and headlines repeat across pages)
in a large cache, paragraphs in a small one, longer lines not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

_T = TypeVar("_T")

MEMO_MAX_CHARS = 400
"""Lines up to this long have their judgements memoised (chrome and headlines repeat across pages)..."""
MEMO_SHORT_LINES = 8192
"""...this many of them: when full, the memo starts again (cheaper on every call than tracking which
line was used last, and a page rarely has this many distinct short lines)."""
MEMO_LONG_CHARS = 20_000
"""Longer lines, up to this long (a paragraph), are memoised too, in a small cache of their own..."""
MEMO_LONG_LINES = 256
"""...of this many lines: one page's paragraphs are judged many times over while it is split, and a
few hundred of them (a few MB at most, shared by every judgement) is all that stays pinned."""


class _LineMemo(dict[str, _T]):
    """A pure judgement of one line, remembered in the dict itself, so a line judged before costs
    one dict lookup in C (these run several times for every line of every page): short lines up to
    a large count, paragraphs up to a small one of their own (when full, those alone are dropped),
    longer lines not at all."""

    def __init__(self, fn: Callable[[str], _T]) -> None:
        super().__init__()
        self.fn = fn
        self.paragraphs: list[str] = []
        """The paragraphs remembered, in the order they came."""

    def __missing__(self, line: str) -> _T:
        size = len(line)
        if size > MEMO_MAX_CHARS:
            if size > MEMO_LONG_CHARS:
                return self.fn(line)
            if len(self.paragraphs) >= MEMO_LONG_LINES:
                for old in self.paragraphs:
                    self.pop(old, None)
                self.paragraphs.clear()
            self.paragraphs.append(line)
        elif len(self) >= MEMO_SHORT_LINES:
            self.forget()
        value = self[line] = self.fn(line)
        return value

    def forget(self) -> None:
        self.clear()
        self.paragraphs.clear()


_MEMOS: dict[Callable[[str], object], _LineMemo[Any]] = {}


def memo_short(fn: Callable[[str], _T]) -> Callable[[str], _T]:
    """Memoise ``fn`` (a pure judgement of one line): short lines in a large memo, paragraphs in a
    small one, lines longer than a paragraph not at all. What is returned is the memo's own lookup
    (``dict.__getitem__``), so a remembered line never runs Python code; ``fn``'s docstring stays
    in the source."""
    memo = _LineMemo(fn)
    lookup = memo.__getitem__
    _MEMOS[lookup] = memo
    return lookup


def forget(judgement: Callable[[str], object]) -> None:
    """Forget every line ``judgement`` (made by :func:`memo_short`) remembers."""
    _MEMOS[judgement].forget()


def forget_all() -> None:
    """Forget every line every memo remembers (benchmarks measure cold pages)."""
    for memo in _MEMOS.values():
        memo.forget()


def uncached(judgement: Callable[[str], _T]) -> Callable[[str], _T]:
    """The function ``judgement`` (made by :func:`memo_short`) memoises, itself: for benchmarks and
    checks that must judge every line afresh."""
    memo: _LineMemo[_T] = _MEMOS[judgement]
    return memo.fn
