"""Is the read loop alive, and is what the service needs loaded? What ``/healthz`` and ``/readyz`` add.

A read loop that has not completed a cycle within its bound is hung, not
busy: one cycle is at most one blocking read plus one batch's time limit
(:func:`cycle_bound_s`). Components a service needs before it can work (the
worker's models) are marked loaded (:func:`mark_loaded`). Reported problems
(an enricher failing on most articles) live in :mod:`newsflow.shared.health`.

Plain module state, no framework, as :mod:`newsflow.shared.health`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

_lock = threading.Lock()


@dataclass(slots=True)
class LoopWatch:
    """When a read loop last completed a cycle, and how long one may take at most.

    ``bound_s`` is the loop's documented bound (see :func:`cycle_bound_s`);
    before its first cycle the loop is given the same bound from the watch's creation.
    """

    name: str
    bound_s: float
    last: float = field(default_factory=time.monotonic)
    cycles: int = 0

    def tick(self) -> None:
        """One cycle completed (a read, and the batch it returned, done)."""
        self.last = time.monotonic()
        self.cycles += 1

    def stalled_for(self, now: float | None = None) -> float | None:
        """Seconds past the bound since the last cycle, or None while within it."""
        late = (time.monotonic() if now is None else now) - self.last - self.bound_s
        return late if late > 0 else None


_watches: dict[str, LoopWatch] = {}
_loaded: dict[str, str] = {}


def watch_loop(name: str, bound_s: float) -> LoopWatch:
    """A new watch of read loop ``name`` (replacing an earlier one of that name), its clock started now."""
    with _lock:
        watch = _watches[name] = LoopWatch(name, bound_s)
        return watch


def loop_alive(name: str) -> None:
    """Loop ``name`` is alive though its batch goes on (retrying through an outage): not hung."""
    with _lock:
        watch = _watches.get(name)
    if watch is not None:
        watch.last = time.monotonic()


def forget_loop(name: str) -> None:
    """Stop watching loop ``name`` (it stopped on purpose)."""
    with _lock:
        _watches.pop(name, None)


def loops() -> list[LoopWatch]:
    """The read loops watched now."""
    with _lock:
        return list(_watches.values())


def stalled_loops() -> list[str]:
    """A line for each watched read loop that is past its bound."""
    now = time.monotonic()
    out = []
    for watch in loops():
        if watch.stalled_for(now) is not None:
            out.append(
                f"read loop {watch.name} completed no cycle for {now - watch.last:.1f}s "
                f"(bound {watch.bound_s:.1f}s)"
            )
    return out


def cycle_bound_s(block_ms: int, batch_size: int, max_seconds: float | None, claim_idle_ms: int) -> float:
    """Longest a healthy read loop takes for one cycle: a blocking read plus one batch's time limit.

    A batch's time limit is the one after which the loop stops vouching for
    it (its lease, :mod:`newsflow.shared.consumer`): each entry's own limit
    (``max_seconds``, plus the group it was first tried in) and one claim
    idle time, at least ten claim idle times (no limit: the sink's commit).
    """
    idle_s = claim_idle_ms / 1000
    work_s = 2 * batch_size * (max_seconds or 0)
    return block_ms / 1000 + max(10 * idle_s, work_s + idle_s)


def mark_loaded(component: str, detail: str = "") -> None:
    """Record that ``component`` (e.g. "models") is loaded: ``/readyz`` waits for the ones a service needs."""
    with _lock:
        _loaded[component] = detail


def loaded() -> dict[str, str]:
    """Loaded components and what they hold."""
    with _lock:
        return dict(_loaded)


def reset() -> None:
    """Forget every watch and loaded component (tests)."""
    with _lock:
        _watches.clear()
        _loaded.clear()
