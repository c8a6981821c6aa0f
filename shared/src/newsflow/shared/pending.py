"""Reads of a consumer group that carry real delivery counts: new, own pending, claimed.

Redis counts deliveries itself (XPENDING's ``times_delivered``): every
XREADGROUP and every XCLAIM of an entry adds one, so the count survives the
crash of the consumer that held the entry. These helpers return
:class:`~newsflow.shared.stage.Entry` objects with that count filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.backoff import ExponentialBackoff

from newsflow.shared.stage import Entry


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """How a stage reads and when it claims entries again (the give-up limit is on the StageSpec)."""

    batch_size: int = 100
    block_ms: int = 500
    claim_idle_ms: int = 30_000
    retry_max_ms: int = 300_000
    trim_every_s: float = 0.0  # 0: the consumer never trims its source stream

    def retry_after_ms(self, deliveries: int) -> int:
        """Idle time after which an entry delivered ``deliveries`` times is due again (doubling)."""
        doublings = min(max(deliveries - 1, 0), 30)
        return int(ExponentialBackoff(cap=self.retry_max_ms, base=self.claim_idle_ms).compute(doublings))

    @property
    def claim_every_s(self) -> float:
        """How often to look for claimable entries: often enough to claim within the idle bound + 1 s."""
        return min(self.claim_idle_ms / 2000, 1.0)


def _entries(response: Any) -> list[tuple[bytes, dict[bytes, bytes]]]:
    out: list[tuple[bytes, dict[bytes, bytes]]] = []
    for _stream, messages in response or ():
        for message_id, fields in messages:
            out.append((message_id, fields or {}))
    return out


async def read_new(
    redis: Redis, stream: str, group: str, consumer: str, policy: DeliveryPolicy
) -> list[Entry]:
    """Entries never delivered to the group before (``>``): first delivery each."""
    response = await redis.xreadgroup(
        group, consumer, {stream: ">"}, count=policy.batch_size, block=policy.block_ms
    )
    return [Entry(id=i, fields=f, deliveries=1) for i, f in _entries(response)]


async def delivery_counts(
    redis: Redis, stream: str, group: str, ids: Sequence[bytes], consumer: str | None = None
) -> dict[bytes, int]:
    """``times_delivered`` of each of ``ids`` that is still pending."""
    if not ids:
        return {}
    rows = await redis.xpending_range(
        stream, group, min=ids[0], max=ids[-1], count=len(ids) + 1000, consumername=consumer
    )
    wanted = set(ids)
    return {r["message_id"]: int(r["times_delivered"]) for r in rows if r["message_id"] in wanted}


async def read_own(
    redis: Redis, stream: str, group: str, consumer: str, *, after: bytes, policy: DeliveryPolicy
) -> list[Entry]:
    """This consumer's own pending entries after ``after`` (start with ``b"0"``).

    A consumer restarted under its old name finishes these first: they were
    delivered to it before it stopped and nobody else will read them until
    they pass the claim idle time.
    """
    response = await redis.xreadgroup(group, consumer, {stream: after}, count=policy.batch_size)
    raw = _entries(response)
    counts = await delivery_counts(redis, stream, group, [i for i, _ in raw], consumer)
    return [Entry(id=i, fields=f, deliveries=counts.get(i, 1)) for i, f in raw]


async def claim_due(
    redis: Redis, stream: str, group: str, consumer: str, *, policy: DeliveryPolicy, max_pages: int = 10
) -> list[Entry]:
    """Claim entries idle longer than their retry delay, from any consumer (this one included).

    XCLAIM re-checks the idle time atomically, so two consumers racing for an
    entry cannot both get it. Entries deleted from the stream meanwhile are
    dropped from the pending list by Redis and not returned.
    """
    start: bytes | str = "-"
    claimed: list[Entry] = []
    for _ in range(max_pages):
        rows = await redis.xpending_range(
            stream, group, min=start, max="+", count=policy.batch_size, idle=policy.claim_idle_ms
        )
        if not rows:
            break
        due = {
            r["message_id"]: int(r["times_delivered"])
            for r in rows
            if int(r["time_since_delivered"]) >= policy.retry_after_ms(int(r["times_delivered"]))
        }
        if due:
            got: list[tuple[bytes, dict[bytes, bytes] | None]] = await redis.xclaim(  # type: ignore[assignment]
                stream, group, consumer, policy.claim_idle_ms, list(due)
            )
            claimed.extend(Entry(id=i, fields=f or {}, deliveries=due[i] + 1) for i, f in got if i in due)
        if len(claimed) >= policy.batch_size or len(rows) < policy.batch_size:
            break
        last: Any = rows[-1]["message_id"]
        start = b"(" + last
    return claimed


async def refresh(redis: Redis, stream: str, group: str, consumer: str, ids: Sequence[bytes]) -> None:
    """Reset the idle time of entries still being worked on, without counting a delivery."""
    if ids:
        await redis.xclaim(stream, group, consumer, 0, list(ids), justid=True)
