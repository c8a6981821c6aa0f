"""The producer pauses while a consumer group lags past the bound, and resumes as it catches up."""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis

from newsflow.client import Producer
from newsflow.shared.contracts import Page
from newsflow.shared.streams import SPLITTER_GROUP, Streams


def _pages(count: int) -> list[Page]:
    return [Page(uri=f"https://bp.example/{i}", body=f"page {i}") for i in range(count)]


async def test_producer_pauses_past_the_lag_bound_and_resumes_when_consumers_catch_up(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    producer = Producer(redis, streams, max_backlog=10, poll_s=0.01)
    sending = asyncio.create_task(producer.submit_many(_pages(25), chunk=5))
    while True:
        if producer.paused:
            break
        await asyncio.sleep(0.01)
    assert int(await redis.xlen(streams.pages)) == 10  # two chunks in, the third waits
    assert not sending.done()

    async def consume(count: int) -> None:
        response = await redis.xreadgroup(SPLITTER_GROUP, "c", {streams.pages: ">"}, count=count)
        ids = [i for _s, entries in response for i, _f in entries]
        await redis.xack(streams.pages, SPLITTER_GROUP, *ids)

    while not sending.done():
        await consume(5)
        await asyncio.sleep(0.02)
    assert await sending == 25
    assert int(await redis.xlen(streams.pages)) == 25
    assert producer.pauses >= 1


async def test_producer_without_a_bound_never_pauses(redis: Redis, prefix: str) -> None:
    producer = Producer(redis, Streams(prefix), max_backlog=None)
    assert await producer.submit_many(_pages(30), chunk=5) == 30
    assert producer.pauses == 0
