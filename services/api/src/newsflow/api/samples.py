"""Throughput over the last minutes, from samples of how many entries each stream has ever taken.

Redis counts every entry a stream was given (``entries-added``, unaffected by
trimming), so two samples a few seconds apart give the rate at which pages,
documents, articles and dead letters arrived, without reading any entry. The
api process keeps the samples in memory: a restart starts a new chart.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from contextlib import suppress
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError

from newsflow.shared.logging import get_logger
from newsflow.shared.streams import Streams

log = get_logger(__name__)

EVERY_S = 2.0
KEEP_S = 600.0


@dataclass(frozen=True, slots=True)
class Sample:
    """Entries ever added to each stream, at ``at`` (Unix seconds)."""

    at: float
    added: dict[str, int]


def stream_names(streams: Streams) -> list[str]:
    return [streams.pages, streams.documents, streams.articles, streams.dead]


async def take(redis: Redis, streams: Streams) -> Sample:
    """One sample: ``entries-added`` per stream (0 for a stream not created yet)."""
    added: dict[str, int] = {}
    for name in stream_names(streams):
        try:
            info = await redis.xinfo_stream(name)
        except ResponseError:
            added[name] = 0
            continue
        value = info.get("entries-added", info.get("length", 0))
        added[name] = int(value) if isinstance(value, int | str | bytes) else 0
    return Sample(time.time(), added)


def rates(samples: list[Sample]) -> list[dict[str, object]]:
    """Entries per second per stream between consecutive samples, stamped with the later one's time."""
    points: list[dict[str, object]] = []
    for before, after in itertools.pairwise(samples):
        span = after.at - before.at
        if span <= 0:
            continue
        per_s = {
            name: round(max(0, count - before.added.get(name, 0)) / span, 3)
            for name, count in after.added.items()
        }
        points.append({"at": round(after.at, 3), "per_s": per_s})
    return points


class Sampler:
    """Keeps the samples of the last ``keep_s`` seconds, one every ``every_s``."""

    def __init__(
        self, redis: Redis, streams: Streams, every_s: float = EVERY_S, keep_s: float = KEEP_S
    ) -> None:
        self.redis = redis
        self.streams = streams
        self.every_s = every_s
        self.samples: deque[Sample] = deque(maxlen=max(2, int(keep_s / every_s) + 1))
        self._stopping = asyncio.Event()

    async def sample_once(self) -> None:
        self.samples.append(await take(self.redis, self.streams))

    async def run(self) -> None:
        """Sample until :meth:`stop`; a Redis error skips one sample (a gap in the chart, nothing stops)."""
        while not self._stopping.is_set():
            try:
                await self.sample_once()
            except RedisError as exc:
                log.warning("api.sample_failed", error=str(exc))
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.every_s)

    async def stop(self, task: asyncio.Task[None]) -> None:
        """End :meth:`run` (running as ``task``) between two samples.

        Not by cancelling it: a cancellation landing inside a redis-py command
        can be swallowed there, and the loop would go on.
        """
        self._stopping.set()
        try:
            await asyncio.wait_for(task, timeout=10)
        except TimeoutError:
            log.warning("api.sampler_stuck")

    def document(self) -> dict[str, object]:
        """The chart's data: streams, and per-second rates between samples, oldest first."""
        return {
            "every_s": self.every_s,
            "streams": stream_names(self.streams),
            "points": rates(list(self.samples)),
        }
