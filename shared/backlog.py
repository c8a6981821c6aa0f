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
    """Lag and pending entries of every stage's group, in pipeline order."""
    out: list[GroupBacklog] = []
    for stream, group in streams.groups():
        try:
            infos = await redis.xinfo_groups(stream)
            length = int(await redis.xlen(stream))
        except ResponseError:  # stream not created yet
            out.append(GroupBacklog(stream, group, 0, 0, 0, 0))
            continue
        info = next((i for i in infos if _name(i) == group), None)
        if info is None:
            out.append(GroupBacklog(stream, group, length, length, 0, 0))
            continue
        read = _int(info.get("entries-read"))
        lag_value = info.get("lag")
        lag = _int(lag_value) if lag_value is not None else max(length - read, 0)
        out.append(GroupBacklog(stream, group, length, lag, _int(info.get("pending")), read))
    return out


def _name(info: dict[str, object]) -> str:
    name = info.get("name")
    return name.decode() if isinstance(name, bytes) else str(name)
