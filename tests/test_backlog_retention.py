"""`newsflow trim` removes only what every consumer group has acknowledged."""

from __future__ import annotations

from redis.asyncio import Redis

from newsflow.shared.broker import ensure_groups
from newsflow.shared.retention import trim_acknowledged
from newsflow.shared.streams import SPLITTER_GROUP, Streams


async def _ids(redis: Redis, stream: str) -> list[bytes]:
    return [i for i, _ in await redis.xrange(stream)]


async def test_trim_keeps_pending_and_unread_entries_and_respects_every_group(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await ensure_groups(redis, streams)
    ids = [await redis.xadd(streams.pages, {"n": str(i)}) for i in range(6)]
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
