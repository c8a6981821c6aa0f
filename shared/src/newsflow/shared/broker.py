"""Broker set-up shared by the services: the FastStream broker, Redis clients, consumer groups.

A consumer group created at ``$`` would silently skip everything published before it;
:func:`ensure_groups` creates every group at ``0``, before any stage reads.
"""

from __future__ import annotations

import logging

from faststream.redis import RedisBroker
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ResponseError

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
