"""Trimming streams without losing anything: only below every group's acknowledged position.

Nothing is published with MAXLEN: a length cap would cut away entries no
consumer has acknowledged yet. Instead each consumer trims its own source
stream every ``NEWSFLOW_TRIM_EVERY_S`` (:mod:`newsflow.shared.consumer`), and
``newsflow trim`` does all stage streams by hand; both remove only entries
that every consumer group of the stream has read and acknowledged:
everything below the oldest pending entry, or below the last delivered one
when nothing is pending. A stream without any group is left alone (its
consumers will start from its first entry), and so is the dead-letter stream.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from newsflow.shared.streams import Streams

StreamId = tuple[int, int]


def _parse(value: object) -> StreamId:
    text = value.decode() if isinstance(value, bytes) else str(value)
    ms, _, seq = text.partition("-")
    return int(ms), int(seq or 0)


@dataclass(frozen=True, slots=True)
class Trim:
    """What trimming one stream did (or would do)."""

    stream: str
    length: int
    floor: str | None
    removed: int


async def acknowledged_floor(redis: Redis, stream: str) -> str | None:
    """The lowest id any group of ``stream`` still needs; entries below it are safe to delete."""
    try:
        groups = await redis.xinfo_groups(stream)
    except ResponseError:  # no such stream
        return None
    if not groups:
        return None
    floors: list[StreamId] = []
    for group in groups:
        name = group["name"]
        summary = await redis.xpending(stream, name)
        if int(summary["pending"]):
            floors.append(_parse(summary["min"]))
        else:
            floors.append(_parse(group["last-delivered-id"]))
    ms, seq = min(floors)
    return f"{ms}-{seq}"


async def trim_stream(redis: Redis, stream: str, *, dry_run: bool = False) -> Trim:
    """Delete the entries of ``stream`` that every group has acknowledged (or count them)."""
    floor = await acknowledged_floor(redis, stream)
    length = int(await redis.xlen(stream))
    removed = 0
    if floor is not None:
        if dry_run:
            below = [i for i, _ in await redis.xrange(stream, "-", floor) or ()]
            removed = sum(1 for i in below if _parse(i) < _parse(floor))
        else:
            removed = int(await redis.xtrim(stream, minid=floor, approximate=False))
    return Trim(stream, length, floor, removed)


async def trim_acknowledged(redis: Redis, streams: Streams, *, dry_run: bool = False) -> list[Trim]:
    """Delete, in each stage stream, the entries every group has acknowledged."""
    return [await trim_stream(redis, stream, dry_run=dry_run) for stream, _group in streams.groups()]
