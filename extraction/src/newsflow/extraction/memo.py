"""Per-line judgements memoised: a page asks the same few questions of the same lines many times.

Bounded so that no page can pin much memory: short lines (chrome and headlines repeat across pages)
in a large cache, paragraphs in a small one, longer lines not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Protocol, TypeVar, cast

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)

MEMO_MAX_CHARS = 400
"""Lines up to this long have their judgements memoised (chrome and headlines repeat across pages)."""
MEMO_LONG_CHARS = 20_000
"""Longer lines, up to this long (a paragraph), are memoised too, in a small cache of their own..."""
MEMO_LONG_LINES = 256
"""...of this many lines: one page's paragraphs are judged many times over while it is split, and a
few hundred of them (a few MB at most, shared by every judgement) is all that stays pinned."""


class Memo(Protocol[_T_co]):
    """A per-line judgement memoised: many short lines, a few long ones, so long lines never pin
    much memory."""

    def __call__(self, line: str, /) -> _T_co: ...

    def cache_clear(self) -> None: ...


def memo_short(fn: Callable[[str], _T]) -> Memo[_T]:
    """Memoise ``fn`` (a pure judgement of one line): short lines in a large cache, paragraphs in a
    small one, lines longer than a paragraph not at all. A plain closure, not an object with
    ``__call__``: these run for every line of every page, and the call is cheaper."""
    cached = lru_cache(maxsize=8192)(fn)
    cached_long = lru_cache(maxsize=MEMO_LONG_LINES)(fn)

    def call(line: str) -> _T:
        size = len(line)
        if size <= MEMO_MAX_CHARS:
            return cached(line)
        return cached_long(line) if size <= MEMO_LONG_CHARS else fn(line)

    def cache_clear() -> None:
        cached.cache_clear()
        cached_long.cache_clear()

    update_wrapper(call, fn)
    call.cache_clear = cache_clear  # type: ignore[attr-defined]
    return cast(Memo[_T], call)
