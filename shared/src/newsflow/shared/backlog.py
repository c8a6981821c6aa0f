"""How much work is waiting: consumer-group lag and pending entries per stage."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from newsflow.shared.streams import Streams


@dataclass(frozen=True, slots=True)
class GroupBacklog:
    """One consumer group's view of its stream."""

    stream: str
    group: str
    length: int
    lag: int
    pending: int
    entries_read: int

    @property
    def idle(self) -> bool:
        return self.lag == 0 and self.pending == 0


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | str | bytes) and str(value).isdigit() else 0


async def backlog(redis: Redis, streams: Streams) -> list[GroupBacklog]:
    """Lag and pending entries of every stage's group, in pipeline order.

    One round trip for all the streams: producers waiting out backpressure and
    progress displays call this several times a second.
    """
    pipe = redis.pipeline(transaction=False)
    for stream, _group in streams.groups():
        pipe.xinfo_groups(stream)
        pipe.xlen(stream)
    replies = await pipe.execute(raise_on_error=False)
    out: list[GroupBacklog] = []
    for index, (stream, group) in enumerate(streams.groups()):
        infos, length = replies[2 * index], replies[2 * index + 1]
        for reply in (infos, length):
            if isinstance(reply, Exception) and not isinstance(reply, ResponseError):
                raise reply
        if isinstance(infos, ResponseError) or isinstance(length, ResponseError):  # stream not created yet
            out.append(GroupBacklog(stream, group, 0, 0, 0, 0))
            continue
        info = next((i for i in infos if _name(i) == group), None)
        if info is None:
            out.append(GroupBacklog(stream, group, int(length), int(length), 0, 0))
            continue
        read = _int(info.get("entries-read"))
        lag_value = info.get("lag")
        lag = _int(lag_value) if lag_value is not None else await _unread(redis, stream, info)
        out.append(GroupBacklog(stream, group, int(length), lag, _int(info.get("pending")), read))
    return out


_MAX_COUNTED = 100_000  # a lag past this reads as this: enough for backpressure and progress


async def _unread(redis: Redis, stream: str, info: dict[str, object]) -> int:
    """Entries after the group's last delivered one, counted, when Redis cannot give the lag.

    Redis returns no lag once entries were deleted inside the stream (XDEL);
    the stream's length is no help then, since trimming shortened it too.
    """
    last = info.get("last-delivered-id")
    after = last.decode() if isinstance(last, bytes) else str(last or "0-0")
    return len(await redis.xrange(stream, f"({after}", "+", count=_MAX_COUNTED) or ())


def _name(info: dict[str, object]) -> str:
    name = info.get("name")
    return name.decode() if isinstance(name, bytes) else str(name)


@dataclass(frozen=True, slots=True)
class ConsumerState:
    """One consumer of a group: what it holds and how long since it was seen."""

    name: str
    pending: int
    idle_ms: int
    oldest_pending_idle_ms: int


@dataclass(frozen=True, slots=True)
class GroupStatus:
    """A group's backlog with its consumers, for ``newsflow status``."""

    backlog: GroupBacklog
    consumers: list[ConsumerState]


async def status(redis: Redis, streams: Streams) -> tuple[list[GroupStatus], int]:
    """Every stage's group with its consumers, and the dead-letter depth."""
    groups: list[GroupStatus] = []
    for item in await backlog(redis, streams):
        consumers: list[ConsumerState] = []
        try:
            rows = await redis.xinfo_consumers(item.stream, item.group)
        except ResponseError:  # stream or group missing
            rows = []
        for row in rows:
            name = _name(row)
            oldest = 0
            if _int(row.get("pending")):
                first = await redis.xpending_range(
                    item.stream, item.group, min="-", max="+", count=1, consumername=name
                )
                oldest = int(first[0]["time_since_delivered"]) if first else 0
            consumers.append(ConsumerState(name, _int(row.get("pending")), _int(row.get("idle")), oldest))
        groups.append(GroupStatus(item, consumers))
    dead = int(await redis.xlen(streams.dead))
    return groups, dead


def status_document(groups: list[GroupStatus], dead: int) -> dict[str, object]:
    """:func:`status` as the JSON document ``newsflow status --json`` prints and ``GET /status`` serves."""
    return {
        "streams": [
            {
                "stream": g.backlog.stream,
                "length": g.backlog.length,
                "group": g.backlog.group,
                "lag": g.backlog.lag,
                "pending": g.backlog.pending,
                "consumers": [
                    {
                        "name": c.name,
                        "pending": c.pending,
                        "idle_ms": c.idle_ms,
                        "oldest_pending_idle_ms": c.oldest_pending_idle_ms,
                    }
                    for c in g.consumers
                ],
            }
            for g in groups
        ],
        "dead_letters": dead,
    }
