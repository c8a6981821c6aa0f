"""Whether this process is healthy: named problems any part of a service can raise and clear.

A plain module with no framework in it, so that a health endpoint (``/healthz``)
or a test can ask :func:`status` without knowing who reported what. The
worker reports an enricher that started failing (:class:`FailureWatch`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsflow.shared.logging import get_logger

log = get_logger(__name__)

_lock = threading.Lock()
_problems: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Health:
    """A snapshot: healthy when no problem is reported; ``problems`` maps component to reason."""

    problems: dict[str, str]

    @property
    def healthy(self) -> bool:
        return not self.problems


def status() -> Health:
    """This process's health now."""
    with _lock:
        return Health(dict(_problems))


def report_problem(component: str, reason: str) -> None:
    """Mark ``component`` unhealthy for ``reason`` (replacing an earlier reason)."""
    with _lock:
        _problems[component] = reason


def clear_problem(component: str) -> None:
    """``component`` is healthy again."""
    with _lock:
        _problems.pop(component, None)


@dataclass
class FailureWatch:
    """Per name (an enricher, say): unhealthy when more than ``threshold`` of the last ``window`` outcomes
    failed, having succeeded before (a step that never worked is a configuration, not a breakage).

    Turning unhealthy logs at ERROR once and reports the problem as ``<prefix>.<name>``; it is
    cleared when the share falls back under the threshold.
    """

    prefix: str
    window: int = 100
    threshold: float = 0.2
    _seen: dict[str, deque[bool]] = field(default_factory=dict)
    _worked: set[str] = field(default_factory=set)
    _flagged: set[str] = field(default_factory=set)

    def observe(self, outcomes: Iterable[tuple[str, bool]]) -> None:
        """Record ``(name, failed)`` outcomes, in order."""
        touched: set[str] = set()
        for name, failed in outcomes:
            seen = self._seen.setdefault(name, deque(maxlen=self.window))
            seen.append(failed)
            if not failed:
                self._worked.add(name)
            touched.add(name)
        for name in touched:
            self._judge(name)

    def _judge(self, name: str) -> None:
        seen = self._seen[name]
        share = sum(seen) / len(seen)
        component = f"{self.prefix}.{name}"
        if share > self.threshold and name in self._worked and len(seen) >= min(self.window, 20):
            if name not in self._flagged:
                self._flagged.add(name)
                reason = f"{name} failed on {share:.0%} of the last {len(seen)} (over {self.threshold:.0%})"
                report_problem(component, reason)
                log.error("health.unhealthy", component=component, reason=reason)
        elif name in self._flagged and share <= self.threshold:
            self._flagged.discard(name)
            clear_problem(component)
            log.warning("health.recovered", component=component, failed_share=round(share, 3))
