"""`newsflow trim` and each consumer's own trimming remove only what every group has acknowledged."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from redis.asyncio import Redis

from newsflow.shared.backlog import backlog
from newsflow.shared.broker import ensure_groups
from newsflow.shared.consumer import StageConsumer
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.pending import DeliveryPolicy
from newsflow.shared.retention import trim_acknowledged
from newsflow.shared.stage import Entry, StageSpec
from newsflow.shared.streams import SPLITTER_GROUP, Streams


async def _ids(redis: Redis, stream: str) -> list[bytes]:
    return [i for i, _ in await redis.xrange(stream)]


async def _pages(redis: Redis, prefix: str, count: int) -> tuple[Streams, list[bytes]]:
    """The pages stream with its groups and ``count`` entries."""
    streams = Streams(prefix)
    await ensure_groups(redis, streams)
    return streams, [await redis.xadd(streams.pages, {"n": str(i)}) for i in range(count)]


async def test_trim_keeps_pending_and_unread_entries_and_respects_every_group(
    redis: Redis, prefix: str
) -> None:
    streams, ids = await _pages(redis, prefix, 6)
    await redis.xreadgroup(SPLITTER_GROUP, "c", {streams.pages: ">"}, count=4)
    await redis.xack(streams.pages, SPLITTER_GROUP, ids[0], ids[1])  # 2 and 3 stay pending, 4 and 5 unread

    dry = await trim_acknowledged(redis, streams, dry_run=True)
    assert dry[0].removed == 2 and await _ids(redis, streams.pages) == ids
    await trim_acknowledged(redis, streams)
    assert await _ids(redis, streams.pages) == ids[2:]

    await redis.xack(streams.pages, SPLITTER_GROUP, ids[2], ids[3])
    await redis.xgroup_create(streams.pages, "analytics", id="0")  # another group that read nothing
    await trim_acknowledged(redis, streams)
    assert await _ids(redis, streams.pages) == ids[2:]

    await redis.xgroup_destroy(streams.pages, "analytics")
    await trim_acknowledged(redis, streams)
    assert await _ids(redis, streams.pages) == ids[3:]  # below the last delivered entry only


async def test_a_stream_without_consumer_groups_is_not_trimmed(redis: Redis, prefix: str) -> None:
    streams = Streams(prefix)
    ids = [await redis.xadd(streams.pages, {"n": str(i)}) for i in range(3)]
    (result, *_) = await trim_acknowledged(redis, streams)
    assert result.floor is None and result.removed == 0
    assert await _ids(redis, streams.pages) == ids


async def test_a_consumer_trims_its_source_stream_to_what_is_still_needed(redis: Redis, prefix: str) -> None:
    streams, ids = await _pages(redis, prefix, 5)
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page)
    policy = DeliveryPolicy(batch_size=2, block_ms=10, claim_idle_ms=60_000, trim_every_s=0.05)
    consumer = StageConsumer(spec, streams, "w", policy)
    seen: list[bytes] = []

    async def dispatch(entries: Sequence[Entry]) -> None:
        seen.extend(e.id for e in entries)
        acked = [e.id for e in entries if e.id != ids[4]]  # entry 4 is read but never acknowledged
        if acked:
            await redis.xack(streams.pages, SPLITTER_GROUP, *acked)

    loop = asyncio.create_task(consumer.run(redis, dispatch))
    try:
        for _ in range(200):
            if await _ids(redis, streams.pages) == ids[4:]:
                break
            await asyncio.sleep(0.02)
    finally:
        consumer.request_stop()
        await loop
    assert seen == ids
    assert await _ids(redis, streams.pages) == ids[4:]  # the pending entry stays; the acknowledged are gone


async def test_a_consumer_with_trimming_off_leaves_its_stream_whole(redis: Redis, prefix: str) -> None:
    streams, ids = await _pages(redis, prefix, 3)
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page)
    consumer = StageConsumer(spec, streams, "w", DeliveryPolicy(block_ms=10, trim_every_s=0))
    done = asyncio.Event()

    async def dispatch(entries: Sequence[Entry]) -> None:
        await redis.xack(streams.pages, SPLITTER_GROUP, *(e.id for e in entries))
        done.set()

    loop = asyncio.create_task(consumer.run(redis, dispatch))
    try:
        await asyncio.wait_for(done.wait(), 10)
        await asyncio.sleep(0.2)
    finally:
        consumer.request_stop()
        await loop
    assert await _ids(redis, streams.pages) == ids


async def test_backlog_counts_unread_entries_when_redis_gives_no_lag_after_a_trim(
    redis: Redis, prefix: str
) -> None:
    streams, ids = await _pages(redis, prefix, 8)
    await redis.xreadgroup(SPLITTER_GROUP, "c", {streams.pages: ">"}, count=3)
    await redis.xack(streams.pages, SPLITTER_GROUP, *ids[:3])
    await trim_acknowledged(redis, streams)  # the stream is now shorter than what was ever added
    await redis.xdel(streams.pages, ids[5])  # a deletion inside the unread range: Redis gives no lag
    (group, *_) = [g for g in await redis.xinfo_groups(streams.pages)]
    assert group["lag"] is None
    (pages, *_) = await backlog(redis, streams)
    assert pages.lag == 4  # ids 3, 4, 6 and 7
