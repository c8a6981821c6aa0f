"""Broker set-up shared by the services: FastStream broker, consumer groups, raw batches.

FastStream 0.7 creates a consumer group at ``$`` when its subscriber starts,
which silently skips everything published before; :func:`ensure_groups`
creates every group at ``0`` first. Subscribers get the raw batch through
:func:`raw_batch_parser` so that one undecodable entry reaches the stage's
dead-letter path instead of failing the whole batch inside the framework.
"""

from __future__ import annotations

import logging
from typing import Any

from faststream.message import StreamMessage
from faststream.redis import RedisBroker, StreamSub
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ResponseError

from newsflow.shared.stage import Entry
from newsflow.shared.streams import Streams


def make_broker(url: str) -> RedisBroker:
    """A FastStream Redis broker for ``url`` (redis://, rediss:// or unix://)."""
    # Per-batch framework logs go through structlog (root handler) at DEBUG.
    # No client-side retries: the stage read loop and batch guard retry with
    # their own short backoff (see newsflow.shared.consumer). A socket timeout
    # well above the read block keeps a silently dead connection from hanging.
    return RedisBroker(
        url,
        graceful_timeout=30.0,
        logger=logging.getLogger("newsflow.faststream"),
        log_level=logging.DEBUG,
        retry=Retry(NoBackoff(), 0),
        socket_connect_timeout=5.0,
        socket_timeout=30.0,
        health_check_interval=10,
    )


def redis_client(url: str) -> Redis:
    """A plain redis-py asyncio client, for set-up and operator commands."""
    return Redis.from_url(url)


async def ensure_groups(redis: Redis, streams: Streams) -> None:
    """Create every stream and consumer group, reading from the first entry."""
    for stream, group in streams.groups():
        try:
            await redis.xgroup_create(stream, group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise


def batch_sub(stream: str, group: str, consumer: str, batch_size: int, block_ms: int) -> StreamSub:
    """A bounded batch read of ``stream`` in ``group`` as ``consumer``."""
    return StreamSub(
        stream,
        group=group,
        consumer=consumer,
        batch=True,
        max_records=batch_size,
        polling_interval=block_ms,
    )


async def raw_batch_parser(msg: dict[str, Any]) -> StreamMessage[dict[str, Any]]:
    """Hand the raw XREADGROUP batch to the handler undecoded."""
    return StreamMessage(raw_message=msg, body=b"")


async def no_decoder(_msg: StreamMessage[Any]) -> None:
    """Bodies are decoded by the stage itself, entry by entry."""
    return None


def entries_of(message: StreamMessage[Any]) -> list[Entry]:
    """The entries of a raw batch message."""
    raw = message.raw_message
    ids, data = raw["message_ids"], raw["data"]
    deliveries = raw.get("deliveries") or [1] * len(ids)
    return [Entry(id=i, fields=f, deliveries=d) for i, f, d in zip(ids, data, deliveries, strict=True)]
