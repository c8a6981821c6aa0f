"""/healthz's inputs: problems reported in shared/health.py and stalled read loops (shared/liveness.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from newsflow.shared import health, liveness
from newsflow.shared.endpoints import unhealthy_reasons


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    liveness.reset()
    yield
    liveness.reset()
    health.clear_problem("enricher.entities")


def test_a_reported_problem_makes_the_process_unhealthy_until_cleared() -> None:
    health.report_problem("enricher.entities", "entities failed on 31% of the last 100 (over 20%)")
    assert unhealthy_reasons() == ["enricher.entities: entities failed on 31% of the last 100 (over 20%)"]
    health.clear_problem("enricher.entities")
    assert unhealthy_reasons() == []


def test_a_loop_is_stalled_only_past_its_bound() -> None:
    watch = liveness.watch_loop("test-loop", bound_s=60)
    assert liveness.stalled_loops() == []
    watch.last = time.monotonic() - 61
    [line] = unhealthy_reasons()
    assert "test-loop" in line and "bound 60.0s" in line
    liveness.loop_alive("test-loop")  # a batch retried through an outage: waiting, not hung
    assert unhealthy_reasons() == []


def test_cycle_bound_is_a_read_plus_a_batch_time_limit() -> None:
    # the default worker: 100 entries of at most 10 s (twice: in a group, then alone) and a claim idle time
    assert liveness.cycle_bound_s(500, 100, 10.0, 30_000) == pytest.approx(0.5 + 2000 + 30)
    # the sink has no per-entry limit: ten claim idle times
    assert liveness.cycle_bound_s(500, 100, None, 30_000) == pytest.approx(300.5)
