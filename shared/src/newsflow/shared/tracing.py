"""OpenTelemetry tracing: one trace per page, a span per stage and per enricher.

The producer starts the trace (:func:`producing`); its context travels in
each stream entry as a W3C ``traceparent`` field beside ``payload`` (the wire
layer's business, never a contract field: :mod:`newsflow.shared.wire`).
Each stage continues it with one span per entry (:class:`BatchSpans`) whose
context goes on with the entry's outputs, and the worker's enrichers add one
child span each per article (:func:`enricher_span`). So a page is one trace:
submit → splitter → worker (one per document) → enrichers, sink.

Off unless ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set (:func:`configure_from_env`,
OTLP over HTTP/protobuf with the standard ``OTEL_*`` variables) or an
exporter is installed (:func:`install`: tests, benchmarks). Off, every hook
is a check of one module variable, and nothing is added to stream entries
but the page's origin id.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from newsflow.shared.logging import get_logger
from newsflow.shared.wire import ORIGIN, TRACEPARENT

if TYPE_CHECKING:
    from newsflow.shared.stage import BatchOutcome, Entry

log = get_logger(__name__)

_propagator = TraceContextTextMapPropagator()
_provider: TracerProvider | None = None
_tracer: trace.Tracer | None = None


def enabled() -> bool:
    return _tracer is not None


def install(exporter: SpanExporter, service: str = "newsflow", *, batch: bool = False) -> TracerProvider:
    """Trace from now on into ``exporter`` (replacing any earlier set-up); returns the provider.

    ``batch=False`` exports each span as it ends (tests read them at once).
    """
    global _provider, _tracer
    shutdown()
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(BatchSpanProcessor(exporter) if batch else SimpleSpanProcessor(exporter))
    _provider, _tracer = provider, provider.get_tracer("newsflow")
    return provider


def configure_from_env(service: str) -> bool:
    """Export spans with OTLP when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set; returns whether tracing is on."""
    if not os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        return False
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    install(OTLPSpanExporter(), os.environ.get("OTEL_SERVICE_NAME") or f"newsflow-{service}", batch=True)
    log.info("tracing.enabled", exporter="otlp", endpoint=os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"])
    return True


@contextlib.contextmanager
def from_env(service: str) -> Iterator[None]:
    """Tracing as the environment asks (:func:`configure_from_env`) for the block; flushed at its end."""
    on = configure_from_env(service)
    try:
        yield
    finally:
        if on:
            shutdown()


def shutdown() -> None:
    """Flush and stop tracing (off afterwards)."""
    global _provider, _tracer
    provider, _provider, _tracer = _provider, None, None
    if provider is not None:
        provider.shutdown()


def _traceparent(span: Span) -> dict[str, str]:
    carrier: dict[str, str] = {}
    _propagator.inject(carrier, context=trace.set_span_in_context(span))
    return carrier


def _parent(fields: dict[bytes, bytes]) -> otel_context.Context | None:
    raw = fields.get(TRACEPARENT)
    if not raw:
        return None
    return _propagator.extract({"traceparent": raw.decode("ascii", "replace")})


@contextlib.contextmanager
def producing(uri: str, page_id: str) -> Iterator[dict[str, bytes]]:
    """A page being published: its trace's root span, and the fields that carry it (empty when off).

    Each page is a trace of its own, even when published inside another
    trace (an HTTP request ingesting a batch): that one is linked, not the parent.
    """
    if _tracer is None:
        yield {}
        return
    attributes = {"newsflow.page_id": page_id, "newsflow.uri": uri}
    current = trace.get_current_span().get_span_context()
    links = [trace.Link(current)] if current.is_valid else None
    with _tracer.start_as_current_span(
        "newsflow.submit",
        context=otel_context.Context(),
        kind=SpanKind.PRODUCER,
        attributes=attributes,
        links=links,
    ) as span:
        yield {k: v.encode() for k, v in _traceparent(span).items()}


_batch: contextvars.ContextVar[BatchSpans | None] = contextvars.ContextVar(
    "newsflow_batch_spans", default=None
)


class BatchSpans:
    """The spans of one batch of a stage: one per entry, child of the span that produced the entry.

    :meth:`begin` starts an entry's span when work on it starts; :meth:`end`
    ends them all once the batch is committed, marking the dead-lettered and
    the retried ones. :meth:`carry` gives the wire fields an entry's outputs
    take along: the span's ``traceparent`` and the page's ``origin`` entry id.
    """

    __slots__ = ("_by_model", "_spans", "stage")

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self._spans: dict[bytes, Span] = {}
        self._by_model: dict[str, Span] = {}
        if _tracer is not None:
            _batch.set(self)

    def begin(self, entries: Sequence[Entry], models: Sequence[Any] = ()) -> None:
        """Start the spans of ``entries`` (their models' ``id`` find them for enricher spans)."""
        if _tracer is None:
            return
        for index, entry in enumerate(entries):
            span = self._spans.get(entry.id)
            if span is None:
                span = _tracer.start_span(
                    f"newsflow.{self.stage}",
                    context=_parent(entry.fields),
                    kind=SpanKind.CONSUMER,
                    attributes={
                        "newsflow.entry_id": entry.id.decode(),
                        "newsflow.deliveries": entry.deliveries,
                    },
                )
                self._spans[entry.id] = span
            model_id = getattr(models[index], "id", None) if index < len(models) else None
            if isinstance(model_id, str):
                self._by_model[model_id] = span
                span.set_attribute("newsflow.id", model_id)

    def span_of(self, model_id: str) -> Span | None:
        return self._by_model.get(model_id)

    def carry(self, entry: Entry) -> dict[str, bytes]:
        """Fields the outputs of ``entry`` carry: where the page entered (``origin``) and the trace."""
        fields = {ORIGIN.decode(): entry.fields.get(ORIGIN) or entry.id}
        span = self._spans.get(entry.id)
        if span is not None:
            fields.update((k, v.encode()) for k, v in _traceparent(span).items())
        return fields

    def end(self, outcome: BatchOutcome) -> None:
        """End every span, each with its entry's fate."""
        if not self._spans:
            return
        dead = {letter.message_id.encode(): letter for letter in outcome.dead}
        retry = set(outcome.retry)
        for entry_id, span in self._spans.items():
            letter = dead.get(entry_id)
            if letter is not None:
                span.set_status(Status(StatusCode.ERROR, f"dead-lettered: {letter.error_type}"))
                span.set_attribute("newsflow.dead_letter.reason", letter.reason[:300])
            elif entry_id in retry:
                span.set_status(Status(StatusCode.ERROR, "left pending for another delivery"))
            span.end()
        self._spans.clear()
        self._by_model.clear()
        if _batch.get() is self:
            _batch.set(None)


def enricher_spans(
    name: str, model_ids: Sequence[str], start_ns: int, end_ns: int, error: str | None = None
) -> None:
    """One span per article for enricher ``name``, from ``start_ns`` to ``end_ns``, under its worker span."""
    batch = _batch.get()
    if _tracer is None or batch is None:
        return
    for model_id in model_ids:
        parent = batch.span_of(model_id)
        if parent is None:
            continue
        span = _tracer.start_span(
            f"newsflow.enrich.{name}",
            context=trace.set_span_in_context(parent),
            start_time=start_ns,
            attributes={"newsflow.enricher": name},
        )
        if error is not None:
            span.set_status(Status(StatusCode.ERROR, error))
        span.end(end_time=end_ns)
