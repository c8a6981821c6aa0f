"""One page is one trace: submit → splitter → worker per document (→ enrichers) → sink, parents linked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from redis.asyncio import Redis

from newsflow.pipeline import run_pipeline
from newsflow.shared import tracing
from newsflow.shared.contracts import Page
from newsflow.shared.settings import Settings
from newsflow.shared.wire import ORIGIN, TRACEPARENT, decode


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    tracing.install(exporter)
    yield exporter
    tracing.shutdown()


def _by_name(spans: list[ReadableSpan], name: str) -> list[ReadableSpan]:
    return [s for s in spans if s.name == name]


def _parent_id(span: ReadableSpan) -> int | None:
    return span.parent.span_id if span.parent is not None else None


async def test_one_page_is_one_trace_across_splitter_worker_and_sink(
    spans: InMemorySpanExporter, redis_url: str, redis: Redis, prefix: str, sqlite_url: str, seed_text: str
) -> None:
    settings = Settings(
        redis_url=redis_url,
        database_url=sqlite_url,
        stream_prefix=prefix,
        block_ms=50,
        enrichers_disabled=["entities", "places", "near_duplicates"],
    )
    page = Page(uri="https://example.org/traced", body=seed_text)
    summary = await run_pipeline([page], settings, redis_url)
    assert summary.articles >= 2  # the seed page holds several articles

    finished = list(spans.get_finished_spans())
    assert len({s.context.trace_id for s in finished}) == 1  # one page, one trace
    [submit] = _by_name(finished, "newsflow.submit")
    assert submit.parent is None
    assert submit.attributes is not None and submit.attributes["newsflow.page_id"] == page.id

    [splitter] = _by_name(finished, "newsflow.splitter")
    assert _parent_id(splitter) == submit.context.span_id

    workers = _by_name(finished, "newsflow.worker")
    assert len(workers) == summary.articles
    assert {_parent_id(w) for w in workers} == {splitter.context.span_id}
    worker_by_article = {w.attributes["newsflow.id"]: w for w in workers if w.attributes}

    enrichers = [s for s in finished if s.name.startswith("newsflow.enrich.")]
    for worker in workers:
        names = {s.name for s in enrichers if _parent_id(s) == worker.context.span_id}
        assert {"newsflow.enrich.language", "newsflow.enrich.summary"} <= names
        assert "newsflow.enrich.entities" not in names  # disabled: no span

    sinks = _by_name(finished, "newsflow.sink")
    assert len(sinks) == summary.articles
    for sink in sinks:
        assert sink.attributes is not None
        assert _parent_id(sink) == worker_by_article[sink.attributes["newsflow.id"]].context.span_id


async def test_entries_carry_trace_and_origin_beside_the_payload(
    spans: InMemorySpanExporter, redis_url: str, redis: Redis, prefix: str, sqlite_url: str, seed_text: str
) -> None:
    settings = Settings(
        redis_url=redis_url,
        database_url=sqlite_url,
        stream_prefix=prefix,
        block_ms=50,
        enrichers_disabled=["entities", "places", "near_duplicates"],
    )
    await run_pipeline([Page(uri="https://example.org/carried", body=seed_text)], settings, redis_url)
    [(page_id, page_fields)] = await redis.xrange(settings.streams.pages)
    assert TRACEPARENT in page_fields and ORIGIN not in page_fields
    for stream in (settings.streams.documents, settings.streams.articles):
        for _id, fields in await redis.xrange(stream):
            assert fields[ORIGIN] == page_id  # the page's acceptance travels to the sink
            assert fields[TRACEPARENT].startswith(b"00-")


def test_a_flat_entry_may_carry_a_traceparent_that_is_not_a_page_field() -> None:
    fields = {
        b"uri": b"https://example.org/flat",
        b"body": b"Some text.",
        TRACEPARENT: b"00-" + b"1" * 32 + b"-" + b"2" * 16 + b"-01",
    }
    assert decode(fields, Page).uri == "https://example.org/flat"


async def test_tracing_off_adds_only_the_origin(
    redis_url: str, redis: Redis, prefix: str, sqlite_url: str, seed_text: str
) -> None:
    assert not tracing.enabled()
    settings = Settings(
        redis_url=redis_url,
        database_url=sqlite_url,
        stream_prefix=prefix,
        block_ms=50,
        enrichers_disabled=["entities", "places", "near_duplicates"],
    )
    await run_pipeline([Page(uri="https://example.org/untraced", body=seed_text)], settings, redis_url)
    [(_id, page_fields)] = await redis.xrange(settings.streams.pages)
    assert set(page_fields) == {b"payload"}
    for _id, fields in await redis.xrange(settings.streams.documents):
        assert set(fields) == {b"payload", ORIGIN}


def test_a_page_published_inside_another_trace_starts_its_own_and_links_it() -> None:
    exporter = InMemorySpanExporter()
    request_tracer = tracing.install(exporter).get_tracer("test")
    try:
        with (
            request_tracer.start_as_current_span("http.request") as request,
            tracing.producing("https://example.org/a", "page-a") as beside,
        ):
            assert beside[TRACEPARENT.decode()].startswith(b"00-")
        submit = next(s for s in exporter.get_finished_spans() if s.name == "newsflow.submit")
    finally:
        tracing.shutdown()
    assert submit.parent is None
    assert submit.context.trace_id != request.get_span_context().trace_id
    assert [link.context.span_id for link in submit.links] == [request.get_span_context().span_id]
