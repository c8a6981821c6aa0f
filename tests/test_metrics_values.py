"""shared/metrics.py: what the stage hooks record, read back from the registry."""

from __future__ import annotations

import pytest
from prometheus_client import REGISTRY

from newsflow.shared import metrics
from newsflow.shared.contracts import DeadLetter, Stage
from newsflow.shared.stage import BatchOutcome, Entry
from newsflow.shared.wire import ORIGIN


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_page_acceptance_time_is_the_first_part_of_its_entry_id() -> None:
    assert metrics.accepted_ms(b"1733000000123-7") == 1733000000123
    assert metrics.accepted_ms("not-an-id") is None


def test_end_to_end_latency_is_measured_from_the_origin_entry_id() -> None:
    before = value("newsflow_end_to_end_seconds_bucket", le="0.1")
    count = value("newsflow_end_to_end_seconds_count")
    metrics.observe_end_to_end([b"1000-0", b"1000-1", None, b"junk"], now_ms=1050)
    assert value("newsflow_end_to_end_seconds_count") == count + 2  # entries without an origin are skipped
    assert value("newsflow_end_to_end_seconds_bucket", le="0.1") == before + 2


def test_a_batch_counts_successes_dead_letters_by_error_class_and_retries() -> None:
    stage = Stage.SINK.value
    entries = [Entry(f"1-{i}".encode(), {b"payload": b"{}", ORIGIN: b"1-0"}) for i in range(4)]
    letter = DeadLetter(
        stage=Stage.SINK,
        reason="too big",
        error_type="PageTooLarge",
        attempts=1,
        source_stream="s",
        message_id="1-3",
        original={},
    )
    outcome = BatchOutcome(done=[b"1-0", b"1-1", b"1-3"], dead=[letter], retry=[b"1-2"])
    read = value("newsflow_entries_read_total", stage=stage)
    ok = value("newsflow_entries_succeeded_total", stage=stage)
    dead = value("newsflow_entries_dead_lettered_total", stage=stage, reason="PageTooLarge")
    retried = value("newsflow_entries_retried_total", stage=stage)
    e2e = value("newsflow_end_to_end_seconds_count")
    metrics.batch_done(stage, entries, outcome, 0.2)
    assert value("newsflow_entries_read_total", stage=stage) == read + 4
    assert value("newsflow_entries_succeeded_total", stage=stage) == ok + 2
    assert value("newsflow_entries_dead_lettered_total", stage=stage, reason="PageTooLarge") == dead + 1
    assert value("newsflow_entries_retried_total", stage=stage) == retried + 1
    assert value("newsflow_end_to_end_seconds_count") == e2e + 2  # stored ones only


class _Broken:
    name, version, requires, english_only = "broken", "1", (), False

    def run(self, ctx: object) -> None:
        raise ValueError("no")


class _Article:
    id = "article-1"


class _Ctx:
    article = _Article()


class _Enrichment:
    def __init__(self) -> None:
        self.enrichers: tuple[object, ...] = (_Broken(),)


def test_enricher_runs_recorded_where_they_ran_are_counted_where_they_are_recorded() -> None:
    import pickle

    enrichment = metrics.instrument_enrichment(_Enrichment())
    [enricher] = enrichment.enrichers
    assert not hasattr(enricher, "run_group")  # not mistaken for a batching enricher
    metrics.take_enricher_runs()
    with pytest.raises(ValueError, match="no"):
        enricher.run(_Ctx())  # type: ignore[attr-defined]
    runs = pickle.loads(pickle.dumps(metrics.take_enricher_runs()))  # as a child process would send them
    assert [(r.enricher, r.article_ids, r.error) for r in runs] == [("broken", ("article-1",), "ValueError")]
    errors = value("newsflow_enricher_errors_total", enricher="broken")
    timed = value("newsflow_enricher_duration_seconds_count", enricher="broken")
    metrics.record_enricher_runs(runs)
    assert value("newsflow_enricher_errors_total", enricher="broken") == errors + 1
    assert value("newsflow_enricher_duration_seconds_count", enricher="broken") == timed + 1
    assert metrics.take_enricher_runs() == []
