"""Is this process healthy? The process-wide record that ``/healthz`` reads.

Two things make a service unhealthy (restart it), as opposed to not ready
(wait for it):

* a problem some part of the process reported and has not cleared, e.g. an
  enricher failing on most articles::

      health.mark_unhealthy("entities failed on 31 of the last 100 articles", key="enricher:entities")
      health.mark_healthy("enricher:entities")      # once it works again

* a read loop that has not completed a cycle within its bound
  (:class:`LoopWatch`): it is hung, not busy, since one cycle is at most one
  blocking read plus one batch's time limit.

Plain module state, no framework: any code may report, and tests reset it with :func:`reset`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

_lock = threading.Lock()
_problems: dict[str, str] = {}


def mark_unhealthy(reason: str, key: str | None = None) -> None:
    """Report a problem that makes this process unhealthy until :func:`mark_healthy` with the same key.

    ``key`` (default: ``reason``) names the problem, so that a changing
    reason (counts in it) replaces the earlier one rather than piling up.
    """
    with _lock:
        _problems[key if key is not None else reason] = reason


def mark_healthy(key: str) -> None:
    """Clear the problem reported under ``key`` (no-op when there is none)."""
    with _lock:
        _problems.pop(key, None)


def problems() -> list[str]:
    """The reasons this process is unhealthy now (empty: healthy, as far as reports go)."""
    with _lock:
        return list(_problems.values())


def reset() -> None:
    """Forget every reported problem and loaded component (tests)."""
    with _lock:
        _problems.clear()
        _loaded.clear()


_loaded: dict[str, str] = {}


def mark_loaded(component: str, detail: str = "") -> None:
    """Record that ``component`` (e.g. "models") is loaded: ``/readyz`` waits for the ones a service needs."""
    with _lock:
        _loaded[component] = detail


def loaded() -> dict[str, str]:
    """Loaded components and what they hold."""
    with _lock:
        return dict(_loaded)


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
    with _lock:
        watches = list(_watches.values())
    out = []
    for watch in watches:
        late = watch.stalled_for(now)
        if late is not None:
            out.append(
                f"read loop {watch.name} completed no cycle for {now - watch.last:.1f}s "
                f"(bound {watch.bound_s:.1f}s)"
            )
    return out


def unhealthy_reasons() -> list[str]:
    """Everything that makes this process unhealthy now: reported problems, then stalled loops."""
    return problems() + stalled_loops()


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
