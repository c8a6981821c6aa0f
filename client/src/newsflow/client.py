"""The Python producer client: submit pages to a running newsflow deployment.

>>> async with Producer.connect("redis://localhost:6379") as producer:
...     await producer.submit(Page(uri="https://example.org/a", body=text))

Backpressure: before publishing, the producer looks at how far the slowest
consumer group lags behind its stream; past ``max_backlog`` entries it
pauses until the services have caught up below it. Streams are never trimmed
(plain XADD, no MAXLEN), so nothing unacknowledged can be cut away.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from types import TracebackType

from redis.asyncio import Redis
from redis.exceptions import RedisError

from newsflow.shared import tracing
from newsflow.shared.backlog import backlog
from newsflow.shared.broker import ensure_groups, redis_client
from newsflow.shared.contracts import Page
from newsflow.shared.errors import error_type, server_refusal
from newsflow.shared.logging import get_logger
from newsflow.shared.streams import Streams
from newsflow.shared.wire import encode

log = get_logger(__name__)

DEFAULT_MAX_BACKLOG = 10_000


class PublishRefused(RuntimeError):
    """Redis refused to take the pages (out of memory, read-only): none of them was published."""


@asynccontextmanager
async def _refusals_stop_publishing() -> AsyncIterator[None]:
    try:
        yield
    except RedisError as exc:
        if not server_refusal(exc):
            raise
        msg = (
            f"Redis refused the pages, nothing was published ({error_type(exc)}: {exc}); "
            "free memory on the server (maxmemory is reached and nothing may be evicted) "
            "or point at a writable primary, then publish again"
        )
        raise PublishRefused(msg) from exc


class Producer:
    """Publishes pages to the pages stream (XADD), creating the groups first.

    ``max_backlog`` bounds the lag of every consumer group (entries in a
    stream its group has not read yet); ``None`` turns backpressure off.
    """

    def __init__(
        self,
        redis: Redis,
        streams: Streams,
        max_backlog: int | None = DEFAULT_MAX_BACKLOG,
        poll_s: float = 0.1,
    ) -> None:
        self.redis = redis
        self.streams = streams
        self.max_backlog = max_backlog
        self.poll_s = poll_s
        self.paused = False
        self.pauses = 0
        self._ready = False
        self._next_check = 0.0

    @classmethod
    def connect(
        cls, url: str, prefix: str = "newsflow", max_backlog: int | None = DEFAULT_MAX_BACKLOG
    ) -> Producer:
        return cls(redis_client(url), Streams(prefix), max_backlog)

    async def __aenter__(self) -> Producer:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.redis.aclose()

    async def _prepare(self) -> None:
        # Groups must exist before the first page, or a consumer starting
        # later at "$" would skip it.
        if not self._ready:
            async with _refusals_stop_publishing():
                await ensure_groups(self.redis, self.streams)
            self._ready = True

    async def lag(self) -> int:
        """Entries the slowest consumer group has not read yet."""
        return max((g.lag for g in await backlog(self.redis, self.streams)), default=0)

    async def over_backlog(self) -> int | None:
        """The slowest group's lag when it is at ``max_backlog`` or past it (a submit would pause), else None.

        For callers that must answer now rather than wait (the HTTP api's 429).
        """
        if self.max_backlog is None:
            return None
        lag = await self.lag()
        return lag if lag >= self.max_backlog else None

    async def wait_for_room(self) -> None:
        """Return once every group lags no more than ``max_backlog`` (checked at most every ``poll_s``)."""
        if self.max_backlog is None or time.monotonic() < self._next_check:
            return
        started = time.monotonic()
        while (lag := await self.lag()) >= self.max_backlog:
            if not self.paused:
                self.paused = True
                self.pauses += 1
                log.info("producer.paused", lag=lag, max_backlog=self.max_backlog)
            await asyncio.sleep(self.poll_s)
        if self.paused:
            self.paused = False
            log.info("producer.resumed", lag=lag, paused_s=round(time.monotonic() - started, 3))
        self._next_check = time.monotonic() + self.poll_s

    async def submit(self, page: Page) -> str:
        """Publish one page; returns its stream entry id."""
        await self._prepare()
        await self.wait_for_room()
        with tracing.producing(page.uri, page.id) as beside:
            async with _refusals_stop_publishing():
                entry_id = await self.redis.xadd(self.streams.pages, encode(page) | beside)  # type: ignore[arg-type]
        return entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)

    async def submit_many(self, pages: Iterable[Page], chunk: int = 200) -> int:
        """Publish pages in pipelined chunks; returns how many were sent."""
        await self._prepare()
        sent = 0
        batch: list[Page] = []
        for page in pages:
            batch.append(page)
            if len(batch) >= chunk:
                sent += await self._send(batch)
                batch = []
        if batch:
            sent += await self._send(batch)
        return sent

    async def _send(self, pages: list[Page]) -> int:
        return len(await self.publish(pages))

    async def publish(self, pages: Sequence[Page]) -> list[str]:
        """Publish ``pages`` in one pipelined round trip once there is room; returns their entry ids."""
        await self._prepare()
        self._next_check = 0.0  # one check per chunk
        await self.wait_for_room()
        # One transaction: refused, none of the chunk is published (not some of it).
        async with _refusals_stop_publishing(), self.redis.pipeline(transaction=True) as pipe:
            for page in pages:
                with tracing.producing(page.uri, page.id) as beside:  # a trace per page, started here
                    pipe.xadd(self.streams.pages, encode(page) | beside)  # type: ignore[arg-type]
            ids = await pipe.execute()
        return [i.decode() if isinstance(i, bytes) else str(i) for i in ids]
