"""The read loop every stage runs: nothing lost, nothing dropped, no crash on broker loss.

FastStream 0.7's Redis stream subscriber reads only new entries (``>``),
never re-reads its own pending entries after a restart, claims nothing from
dead consumers, waits 5 s after a connection error and stops the whole app
when its consumer group disappears (Redis restarted empty); its
``claim_min_idle_time`` needs Redis 8.4. So each service runs
:meth:`StageConsumer.run` as a task started and stopped by its FastStream
app's lifecycle hooks (:mod:`newsflow.shared.app`), which

1. creates the consumer groups (at id 0, so nothing published earlier is skipped),
2. finishes this consumer's own pending entries first (XREADGROUP from id 0),
3. then reads new entries, and at least once a second claims entries that
   have been pending longer than their retry delay (a crashed or hung
   consumer, or an earlier failure, with the delay doubling per delivery),
4. recreates the groups when they vanish (NOGROUP) and reconnects after a
   broker outage with a short capped backoff, logging both once,
5. every ``trim_every_s``, deletes the source stream's entries that every
   group has acknowledged (:mod:`newsflow.shared.retention`), so streams stay
   bounded without ever losing an entry still pending or unread,
6. on shutdown, finishes and acknowledges the batch in hand, then stops.

:meth:`StageConsumer.process` wraps each batch: entries delivered more than
``max_deliveries`` times are dead-lettered unprocessed, the others' pending
idle time is refreshed while they are worked on, and a transient failure
(storage or broker down) retries the same batch in place with backoff,
without acknowledging anything, until it succeeds or the service stops.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Any

from redis.asyncio import Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import RedisError, ResponseError

from newsflow.shared import metrics
from newsflow.shared.broker import ensure_groups
from newsflow.shared.errors import error_type, is_transient
from newsflow.shared.logging import get_logger
from newsflow.shared.pending import DeliveryPolicy, claim_due, read_new, read_own, refresh
from newsflow.shared.redact import redact_url
from newsflow.shared.retention import trim_stream
from newsflow.shared.stage import BatchOutcome, Entry, StageSpec, give_up
from newsflow.shared.streams import Streams

log = get_logger(__name__)

BatchWork = Callable[[Redis, Sequence[Entry]], Awaitable[BatchOutcome]]
Dispatch = Callable[[list[Entry]], Awaitable[None]]

_MIN_BACKOFF = 0.05
_MAX_BACKOFF = 0.5  # a broker back from an outage is used again within this (+ one read)


def _backoff() -> ExponentialBackoff:
    """Doubling from 50 ms, capped at 0.5 s: short enough that an outage's end is noticed at once."""
    return ExponentialBackoff(cap=_MAX_BACKOFF, base=_MIN_BACKOFF)


def _nogroup(exc: BaseException) -> bool:
    return isinstance(exc, ResponseError) and "NOGROUP" in str(exc)


class StageConsumer:
    """One stage's consumer: its read loop and the guard around each batch."""

    def __init__(self, spec: StageSpec[Any], streams: Streams, consumer: str, policy: DeliveryPolicy):
        self.spec = spec
        self.streams = streams
        self.consumer = consumer
        self.policy = policy
        self._stop: asyncio.Event | None = None
        self._finished: asyncio.Event | None = None

    @property
    def stopping(self) -> bool:
        return self._stop is not None and self._stop.is_set()

    def _fields(self) -> dict[str, str]:
        return {"stage": self.spec.stage.value, "stream": self.spec.source, "consumer": self.consumer}

    async def _pause(self, seconds: float) -> None:
        assert self._stop is not None
        with suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    async def run(self, redis: Redis, dispatch: Dispatch) -> None:
        """Read, claim and dispatch until :meth:`request_stop`; survive broker outages."""
        self._stop = asyncio.Event()
        self._finished = asyncio.Event()
        spec, policy = self.spec, self.policy
        own_after: bytes | None = b"0"
        own_count = 0
        groups_ready = False
        next_claim = 0.0
        next_trim = time.monotonic() + policy.trim_every_s
        outage: float | None = None
        backoff, failures = _backoff(), 0
        loop = metrics.ReadLoop(spec, policy, self.consumer)
        try:
            while not self._stop.is_set():
                loop.tick()
                try:
                    if not groups_ready:
                        await ensure_groups(redis, self.streams)
                        groups_ready = True
                    if own_after is not None:
                        entries = await read_own(
                            redis, spec.source, spec.group, self.consumer, after=own_after, policy=policy
                        )
                        if entries:
                            own_after = entries[-1].id
                            own_count += len(entries)
                        else:
                            own_after = None
                            if own_count:
                                log.info("consumer.own_pending_done", entries=own_count, **self._fields())
                    elif time.monotonic() >= next_claim:
                        next_claim = time.monotonic() + policy.claim_every_s
                        entries = await claim_due(
                            redis, spec.source, spec.group, self.consumer, policy=policy
                        )
                        if entries:
                            metrics.claimed(spec.stage.value, len(entries))
                            log.info(
                                "consumer.claimed",
                                entries=len(entries),
                                max_deliveries_seen=max(e.deliveries for e in entries),
                                **self._fields(),
                            )
                    else:
                        entries = await read_new(redis, spec.source, spec.group, self.consumer, policy)
                    if outage is not None:
                        log.info(
                            "broker.reconnected", down_s=round(time.monotonic() - outage, 3), **self._fields()
                        )
                        outage, failures = None, 0
                    if entries:
                        await dispatch(entries)
                    if policy.trim_every_s and time.monotonic() >= next_trim:
                        next_trim = time.monotonic() + policy.trim_every_s
                        await self._trim(redis)
                except (RedisError, OSError) as exc:
                    refused = isinstance(exc, ResponseError)
                    if refused and not is_transient(exc):
                        if _nogroup(exc):
                            log.warning(
                                "consumer.group_missing", action="recreating groups", **self._fields()
                            )
                            groups_ready, own_after, own_count = False, b"0", 0
                            await self._pause(_MIN_BACKOFF)
                            continue
                        log.error("consumer.read_failed", error=redact_url(str(exc)), **self._fields())
                        await self._pause(_MAX_BACKOFF)
                        continue
                    # down, or refusing for its own state (OOM, READONLY...): an outage either way
                    if outage is None:
                        outage = time.monotonic()
                        log.warning(
                            "broker.refusing" if refused else "broker.unavailable",
                            error_type=error_type(exc),
                            error=redact_url(str(exc)),
                            retry="every <= 0.5s",
                            **self._fields(),
                        )
                    await self._pause(backoff.compute(failures))
                    failures += 1
        finally:
            loop.stop()
            self._finished.set()
            log.info("consumer.stopped", **self._fields())

    async def _trim(self, redis: Redis) -> None:
        """Delete the source stream's entries every group has acknowledged (never a pending one)."""
        trimmed = await trim_stream(redis, self.spec.source)
        if trimmed.removed:
            left = trimmed.length - trimmed.removed
            log.info("stream.trimmed", removed=trimmed.removed, length=left, **self._fields())

    def request_stop(self) -> None:
        """Stop reading; the batch in hand is still finished and acknowledged."""
        if self._stop is not None:
            self._stop.set()

    async def wait_stopped(self, within: float | None) -> None:
        """Wait (at most ``within`` seconds) for the read loop to finish its batch and return."""
        if self._finished is not None:
            with suppress(TimeoutError):
                await asyncio.wait_for(self._finished.wait(), within)

    @asynccontextmanager
    async def _lease(self, redis: Redis, ids: Sequence[bytes]) -> AsyncIterator[None]:
        """Keep ``ids`` from looking abandoned (idle) to other consumers while we work on them.

        Each attempt at a batch gets its own lease, so a batch retried in place
        through a storage outage stays with this consumer, while one attempt
        that hangs loses it after a bound. The heartbeat is stopped with an
        event, not by cancelling it: a cancel that lands inside a redis-py
        call can be turned into a timeout error and swallowed, leaving a task
        nobody can wait for.
        """
        done = asyncio.Event()
        idle_s = self.policy.claim_idle_ms / 1000
        every = idle_s / 3
        # A batch that runs past any sane bound is hung: stop vouching for it,
        # so that another consumer claims its entries.
        # Grouped work can take a group's limit before each entry's own (a failed group is redone).
        attempts = len(ids) + (-(-len(ids) // self.spec.group_size) if self.spec.group_size > 1 else 0)
        until = time.monotonic() + max(10 * idle_s, attempts * (self.spec.max_seconds or 0) + idle_s)

        async def beat() -> None:
            while True:
                with suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), every)
                if done.is_set():
                    return
                if time.monotonic() > until:
                    log.warning("stage.lease_expired", entries=len(ids), **self._fields())
                    return
                with suppress(RedisError, OSError):
                    await refresh(redis, self.spec.source, self.spec.group, self.consumer, ids)

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            done.set()
            await asyncio.wait({task}, timeout=1.0)  # a refresh in flight may finish on its own
            if not task.done():
                task.cancel()

    async def process(self, redis: Redis, entries: Sequence[Entry], work: BatchWork) -> BatchOutcome:
        """Run ``work`` on one batch; give up on over-delivered entries; retry transient failures in place."""
        limit = self.spec.max_deliveries
        exhausted = [e for e in entries if e.deliveries > limit]
        fresh = [e for e in entries if e.deliveries <= limit]
        backoff, failures = _backoff(), 0
        failing_since: float | None = None
        while True:
            try:
                outcome = BatchOutcome()
                if exhausted:
                    outcome = await give_up(redis, self.spec, exhausted)
                    exhausted = []
                if fresh:
                    async with self._lease(redis, [e.id for e in fresh]):
                        done = await work(redis, fresh)
                    done.dead[:0] = outcome.dead
                    done.done[:0] = outcome.done
                    outcome = done
            except Exception as exc:
                if not is_transient(exc) or self.stopping:
                    raise
                metrics.batch_retried(self.spec.stage.value, self.consumer)
                if failing_since is None:
                    failing_since = time.monotonic()
                    log.warning(
                        "stage.waiting",
                        reason="transient failure, batch kept pending and retried",
                        error_type=error_type(exc),
                        error=redact_url(str(exc))[:300],
                        entries=len(fresh),
                        **self._fields(),
                    )
                await asyncio.sleep(backoff.compute(failures))
                failures += 1
                continue
            if failing_since is not None:
                log.info(
                    "stage.resumed", waited_s=round(time.monotonic() - failing_since, 3), **self._fields()
                )
            return outcome
