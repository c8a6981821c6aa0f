"""The Python producer client: submit pages to a running newsflow deployment.

>>> async with Producer.connect("redis://localhost:6379") as producer:
...     await producer.submit(Page(uri="https://example.org/a", body=text))
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

from redis.asyncio import Redis

from newsflow.shared.broker import ensure_groups, redis_client
from newsflow.shared.contracts import Page
from newsflow.shared.streams import Streams
from newsflow.shared.wire import encode


class Producer:
    """Publishes pages to the pages stream (XADD), creating the groups first."""

    def __init__(self, redis: Redis, streams: Streams) -> None:
        self.redis = redis
        self.streams = streams
        self._ready = False

    @classmethod
    def connect(cls, url: str, prefix: str = "newsflow") -> Producer:
        return cls(redis_client(url), Streams(prefix))

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
            await ensure_groups(self.redis, self.streams)
            self._ready = True

    async def submit(self, page: Page) -> str:
        """Publish one page; returns its stream entry id."""
        await self._prepare()
        entry_id = await self.redis.xadd(self.streams.pages, encode(page))  # type: ignore[arg-type]
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
        async with self.redis.pipeline(transaction=False) as pipe:
            for page in pages:
                pipe.xadd(self.streams.pages, encode(page))  # type: ignore[arg-type]
            await pipe.execute()
        return len(pages)
