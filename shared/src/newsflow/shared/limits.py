"""Caps that keep one hostile page from hanging or exhausting a worker."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from newsflow.shared.errors import TimeLimitExceeded


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-page caps; a page over one is dead-lettered with the cap it broke."""

    max_page_bytes: int = 5_000_000
    max_articles_per_page: int = 50
    max_paragraphs: int = 2_000
    max_seconds_per_page: float = 10.0


@dataclass(slots=True)
class Deadline:
    """Whether a :func:`deadline` fired, even if what it interrupted swallowed the error."""

    seconds: float | None
    fired: bool = False

    def exceeded(self) -> TimeLimitExceeded:
        return TimeLimitExceeded(f"processing took longer than {self.seconds:g}s (max_seconds_per_page)")


@contextmanager
def deadline(seconds: float | None) -> Iterator[Deadline]:
    """Raise :class:`TimeLimitExceeded` in the block once it has run for ``seconds``.

    Work on one page is synchronous CPU work, so the only way to stop it from
    inside the process is a signal: SIGALRM interrupts it at the next Python
    bytecode. That works in the main thread (where services run their event
    loop); elsewhere, or with ``seconds`` unset, the block runs unbounded. One
    C call that never returns (a pathological regex) is not interrupted. Code
    that catches every exception (a library's fallback, say) can swallow the
    error: the yielded :class:`Deadline` still says it ``fired``, so the
    caller can refuse the result.
    """
    state = Deadline(seconds)
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield state
        return

    def _expire(_signum: int, _frame: FrameType | None) -> None:
        state.fired = True
        raise state.exceeded()

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield state
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
