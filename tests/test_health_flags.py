"""shared/health.py: reported problems and stalled read loops make a process unhealthy."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from newsflow.shared import health


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    health.reset()
    yield
    health.reset()
    for name in ("test-loop",):
        health.forget_loop(name)


def test_a_reported_problem_stays_until_cleared_under_its_key() -> None:
    health.mark_unhealthy("enricher entities failed on 30 of the last 100 articles", key="enricher:entities")
    health.mark_unhealthy("enricher entities failed on 35 of the last 100 articles", key="enricher:entities")
    assert health.problems() == ["enricher entities failed on 35 of the last 100 articles"]
    health.mark_healthy("enricher:entities")
    assert health.problems() == []


def test_a_loop_is_stalled_only_past_its_bound() -> None:
    watch = health.watch_loop("test-loop", bound_s=60)
    assert health.stalled_loops() == []
    watch.last = time.monotonic() - 61
    [line] = health.stalled_loops()
    assert "test-loop" in line and "bound 60.0s" in line
    watch.tick()
    assert health.unhealthy_reasons() == []


def test_cycle_bound_is_a_read_plus_a_batch_time_limit() -> None:
    # the default worker: 100 entries of at most 10 s (twice: in a group, then alone) and a claim idle time
    assert health.cycle_bound_s(500, 100, 10.0, 30_000) == pytest.approx(0.5 + 2000 + 30)
    # the sink has no per-entry limit: ten claim idle times
    assert health.cycle_bound_s(500, 100, None, 30_000) == pytest.approx(300.5)
