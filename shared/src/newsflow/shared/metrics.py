"""Prometheus metrics of the read loop, the stage cycle, the enrichers and the sink.

The project's own read loop (:mod:`newsflow.shared.consumer`) and stage cycle
(:mod:`newsflow.shared.stage`) call the few functions here; everything a
metric needs to know lives in this module. Labels are bounded: the stage,
the enricher, an error class name, a stream's consumer group. Never an id.

Metrics live in prometheus-client's default registry, with its process
metrics (CPU, memory, file descriptors); ``/metrics`` serves it
(:mod:`newsflow.shared.endpoints`) after sampling the streams
(:func:`sample_streams`): lag and pending entries per group and the
dead-letter depth are read from Redis when scraped, not counted.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from prometheus_client import Counter, Gauge, Histogram

from newsflow.shared import liveness, tracing
from newsflow.shared.wire import ORIGIN

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from newsflow.shared.pending import DeliveryPolicy
    from newsflow.shared.stage import BatchOutcome, Entry, StageSpec
    from newsflow.shared.streams import Streams

# Work per article runs from ~1 ms (splitting) to seconds (a long page under NER).
_WORK_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_BATCH_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)

ENTRIES_READ = Counter(
    "newsflow_entries_read", "Stream entries a stage read (new, own pending or claimed).", ["stage"]
)
ENTRIES_SUCCEEDED = Counter(
    "newsflow_entries_succeeded", "Entries a stage processed and acknowledged with their outputs.", ["stage"]
)
ENTRIES_DEAD = Counter(
    "newsflow_entries_dead_lettered", "Entries dead-lettered, by error class.", ["stage", "reason"]
)
ENTRIES_RETRIED = Counter(
    "newsflow_entries_retried", "Entries left pending after a failure, to be delivered again.", ["stage"]
)
ENTRIES_CLAIMED = Counter(
    "newsflow_entries_claimed", "Entries claimed from an idle consumer (crashed, hung or failed).", ["stage"]
)
BATCH_RETRIES = Counter(
    "newsflow_batch_retries",
    "Batches retried in place after a transient failure (broker, storage).",
    ["stage"],
)
BATCH_SECONDS = Histogram(
    "newsflow_batch_duration_seconds",
    "One batch: work, publish and acknowledge.",
    ["stage"],
    buckets=_BATCH_BUCKETS,
)
WORK_SECONDS = Histogram(
    "newsflow_work_duration_seconds",
    "Work per entry (a group's time shared by its entries; the sink's commit shared by its rows).",
    ["stage"],
    buckets=_WORK_BUCKETS,
)
LOOP_CYCLES = Counter(
    "newsflow_read_loop_cycles", "Read loop cycles completed (a read and its batch).", ["stage"]
)
ENRICHER_SECONDS = Histogram(
    "newsflow_enricher_duration_seconds",
    "One enricher on one article (a group's time shared by its articles).",
    ["enricher"],
    buckets=_WORK_BUCKETS,
)
ENRICHER_ERRORS = Counter("newsflow_enricher_errors", "Articles an enricher failed on.", ["enricher"])
SINK_ROWS = Counter(
    "newsflow_sink_articles_written",
    "Articles the sink committed, by what the upsert did.",
    ["result"],
)
SINK_COMMIT_SECONDS = Histogram(
    "newsflow_sink_commit_duration_seconds", "One batch upsert, to its commit.", buckets=_BATCH_BUCKETS
)
END_TO_END_SECONDS = Histogram(
    "newsflow_end_to_end_seconds",
    "From a page's acceptance by Redis (its stream entry id) to the commit of each of its articles.",
    buckets=_LATENCY_BUCKETS,
)
GROUP_LAG = Gauge(
    "newsflow_group_lag", "Entries of its stream a consumer group has not read (sampled).", ["group"]
)
GROUP_PENDING = Gauge(
    "newsflow_group_pending", "Entries a consumer group read but has not acknowledged (sampled).", ["group"]
)
STREAM_LENGTH = Gauge("newsflow_stream_length", "Entries in a stage's source stream (sampled).", ["group"])
DEAD_LETTERS = Gauge("newsflow_dead_letters", "Entries in the dead-letter stream (sampled).")


class ReadLoop:
    """A stage's read loop seen from outside: cycles counted, and watched for stalls by ``/healthz``."""

    def __init__(self, spec: StageSpec[Any], policy: DeliveryPolicy, consumer: str) -> None:
        self.stage = spec.stage.value
        self.name = f"{self.stage}/{consumer}"
        bound = liveness.cycle_bound_s(
            policy.block_ms, policy.batch_size, spec.max_seconds, policy.claim_idle_ms
        )
        self._watch = liveness.watch_loop(self.name, bound)
        self._cycles = LOOP_CYCLES.labels(self.stage)

    def tick(self) -> None:
        """One more cycle (a read, and the batch it returned) completed."""
        self._watch.tick()
        self._cycles.inc()

    def stop(self) -> None:
        liveness.forget_loop(self.name)


def claimed(stage: str, count: int) -> None:
    ENTRIES_CLAIMED.labels(stage).inc(count)


def cycle_done(stage: str) -> None:
    LOOP_CYCLES.labels(stage).inc()


def batch_retried(stage: str, consumer: str) -> None:
    """A batch is retried in place (storage or broker down): counted; its loop waits, it is not hung."""
    BATCH_RETRIES.labels(stage).inc()
    liveness.loop_alive(f"{stage}/{consumer}")


def batch_done(stage: str, entries: Sequence[Entry], outcome: BatchOutcome, seconds: float) -> None:
    """Count one processed batch: read, succeeded, dead-lettered by reason, retried; its duration.

    The sink's batch also ends the page's journey: each stored article's end-to-end latency.
    """
    ENTRIES_READ.labels(stage).inc(len(entries))
    BATCH_SECONDS.labels(stage).observe(seconds)
    dead_ids = {letter.message_id.encode() for letter in outcome.dead}
    for letter in outcome.dead:
        ENTRIES_DEAD.labels(stage, letter.error_type).inc()
    ENTRIES_SUCCEEDED.labels(stage).inc(len(outcome.done) - len(dead_ids))
    if outcome.retry:
        ENTRIES_RETRIED.labels(stage).inc(len(outcome.retry))
    if stage == "sink":
        stored = set(outcome.done) - dead_ids
        observe_end_to_end(e.fields.get(ORIGIN) for e in entries if e.id in stored)


def accepted_ms(entry_id: bytes | str) -> int | None:
    """When Redis accepted the entry: the millisecond part of its id (None for a malformed id)."""
    text = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    head = text.partition("-")[0]
    return int(head) if head.isdigit() else None


def observe_end_to_end(origins: Iterable[bytes | None], now_ms: float | None = None) -> None:
    """Record, for each page entry id, the time since Redis accepted the page."""
    now = time.time() * 1000 if now_ms is None else now_ms
    for origin in origins:
        accepted = accepted_ms(origin) if origin else None
        if accepted is not None:
            END_TO_END_SECONDS.observe(max(0.0, now - accepted) / 1000)


def work_done(stage: str, seconds: float, entries: int = 1) -> None:
    """``entries`` entries were worked on together in ``seconds``: each gets its share."""
    share = seconds / max(entries, 1)
    histogram = WORK_SECONDS.labels(stage)
    for _ in range(entries):
        histogram.observe(share)


@contextlib.contextmanager
def working(
    spans: tracing.BatchSpans, stage: str, entries: Sequence[Entry], models: Sequence[Any]
) -> Iterator[None]:
    """Work on ``entries`` (decoded as ``models``) together: their spans start, their time is recorded."""
    spans.begin(entries, models)
    started = time.perf_counter()
    yield
    work_done(stage, time.perf_counter() - started, len(entries))


# -- enrichers --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EnricherRun:
    """One enricher's run over some articles: recorded where it ran, counted and traced by the stage.

    Plain and picklable, so that work done in another process (a worker's
    child) can send its runs back with its articles.
    """

    enricher: str
    article_ids: tuple[str, ...]
    start_ns: int
    seconds: float
    error: str | None = None  # error class, when it raised
    counts_as_error: bool = True  # a failed group is redone article by article: counted there


# Bounded: runs nobody takes (enrichment called outside a worker) must not pile up.
_runs: deque[EnricherRun] = deque(maxlen=10_000)


def take_enricher_runs() -> list[EnricherRun]:
    """The enricher runs recorded in this process since the last call (then forgotten)."""
    runs = list(_runs)
    _runs.clear()
    return runs


def record_enricher_runs(runs: Iterable[EnricherRun]) -> None:
    """Count and time ``runs``, and trace each under its article's worker span (of the batch in hand)."""
    for run in runs:
        share = run.seconds / max(len(run.article_ids), 1)
        histogram = ENRICHER_SECONDS.labels(run.enricher)
        for _ in run.article_ids:
            histogram.observe(share)
        if run.error is not None and run.counts_as_error:
            ENRICHER_ERRORS.labels(run.enricher).inc(len(run.article_ids))
        tracing.enricher_spans(
            run.enricher, run.article_ids, run.start_ns, run.start_ns + int(run.seconds * 1e9), run.error
        )


class _Timed:
    """An enricher whose runs are recorded (:class:`EnricherRun`); outputs unchanged."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name: str = inner.name
        self.version: str = inner.version
        self.requires: tuple[str, ...] = inner.requires
        self.english_only: bool = inner.english_only

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def _observed(self, call: Callable[[], Any], ctxs: Sequence[Any], *, group: bool) -> Any:
        start_ns = time.time_ns()
        started = time.perf_counter()
        error: str | None = None
        try:
            return call()
        except BaseException as exc:
            error = type(exc).__name__
            raise
        finally:
            seconds = time.perf_counter() - started
            ids = tuple(str(ctx.article.id) for ctx in ctxs)
            _runs.append(EnricherRun(self.name, ids, start_ns, seconds, error, counts_as_error=not group))

    def run(self, ctx: Any) -> Any:
        return self._observed(lambda: self._inner.run(ctx), [ctx], group=False)


class _TimedGroup(_Timed):
    def run_group(self, ctxs: Sequence[Any]) -> Any:
        return self._observed(lambda: self._inner.run_group(ctxs), ctxs, group=True)


class _Enrichment(Protocol):
    enrichers: tuple[Any, ...]


E = TypeVar("E", bound=_Enrichment)


def instrument_enrichment(enrichment: E) -> E:
    """``enrichment`` with each enricher's runs recorded (same outputs).

    Whoever calls the enrichment hands the runs to :func:`record_enricher_runs`
    afterwards (:func:`take_enricher_runs`, in the process that ran them).
    """
    enrichment.enrichers = tuple(
        (_TimedGroup if hasattr(e, "run_group") else _Timed)(e) for e in enrichment.enrichers
    )
    return enrichment


# -- the sink ---------------------------------------------------------------------------------


class _Counts(Protocol):
    inserted: int
    updated: int
    unchanged: int
    stale: int


class _Store(Protocol):
    last: Any

    async def upsert(self, batch: Sequence[Any]) -> None: ...


def timed_upsert(store: _Store) -> Callable[[Sequence[Any]], Awaitable[None]]:
    """``store.upsert`` recording commit latency and the rows each commit wrote."""

    async def upsert(batch: Sequence[Any]) -> None:
        started = time.perf_counter()
        await store.upsert(batch)
        SINK_COMMIT_SECONDS.observe(time.perf_counter() - started)
        counts: _Counts = store.last
        for result in ("inserted", "updated", "unchanged", "stale"):
            value = getattr(counts, result, 0)
            if value:
                SINK_ROWS.labels(result).inc(value)

    return upsert


# -- sampled from Redis -----------------------------------------------------------------------


async def sample_streams(redis: Redis, streams: Streams) -> None:
    """Read lag, pending entries and lengths per group and the dead-letter depth into the gauges."""
    from newsflow.shared.backlog import backlog

    for group in await backlog(redis, streams):
        GROUP_LAG.labels(group.group).set(group.lag)
        GROUP_PENDING.labels(group.group).set(group.pending)
        STREAM_LENGTH.labels(group.group).set(group.length)
    DEAD_LETTERS.set(int(await redis.xlen(streams.dead)))
