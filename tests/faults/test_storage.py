"""The database is unavailable for a while: the sink stops acknowledging, then writes everything."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest
from redis.asyncio import Redis

from newsflow.shared.backlog import backlog
from newsflow.testing import Deployment, Service
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    FAST_RECLAIM,
    RedisServer,
    assert_exactly_once,
    expected_ids,
    pages,
    progress,
    record,
    time_to_progress,
    wait_drained,
    wait_until_stored,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

PAGES = 1_000


async def articles_held_in_redis(dep: Deployment, sink: Service, server: RedisServer, settle: float) -> None:
    """Wait until the sink reports the database down, then check its articles wait unacknowledged."""
    async with asyncio.timeout(120):
        while True:
            if "stage.waiting" in sink.log_path.read_text():
                break
            await asyncio.sleep(0.2)
    await asyncio.sleep(settle)
    redis = Redis.from_url(server.url)
    try:
        articles = (await backlog(redis, dep.streams))[2]
    finally:
        await redis.aclose()
    assert articles.lag + articles.pending > 0  # the articles wait in Redis, unacknowledged


async def test_database_outage_holds_acknowledgements_then_everything_is_stored(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(PAGES, "dbdown")
    expected = expected_ids(batch)
    dep = deployment(workers=1).start()
    await dep.submit(batch[: PAGES // 2])
    await wait_until_stored(dep, PAGES // 10)

    # Take the database's write lock, as a stuck migration or a full disk would,
    # and keep it until the sink has found the database unavailable (its 10 s
    # busy timeout ran out) and is holding its batch.
    sink = next(s for s in dep.services if s.name == "sink")
    lock = sqlite3.connect(dep.database_url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    locked = time.monotonic()
    try:
        frozen_at = await progress(dep)
        await dep.submit(batch[PAGES // 2 :])
        await articles_held_in_redis(dep, sink, redis_server, settle=1)
        assert await progress(dep) == frozen_at
    finally:
        lock.rollback()
        lock.close()
    outage = time.monotonic() - locked
    released = time.monotonic()
    resumed = await time_to_progress(dep, redis_server.url, released)
    await wait_drained(dep, redis_server.url, expected=len(expected))
    assert "stage.resumed" in sink.log_path.read_text()
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record(f"database locked {outage:.0f} s", verdict, pages=PAGES, faults=1, resume_s=[resumed])


@pytest.mark.postgres
async def test_postgresql_refusing_connections_holds_acknowledgements_then_everything_is_stored(
    redis_server: RedisServer, postgres_server: str, postgres_url: str, prefix: str
) -> None:
    import asyncpg
    from sqlalchemy.engine import make_url

    name = make_url(postgres_url).database
    batch = pages(PAGES, "pgdown")
    expected = expected_ids(batch)
    dep = Deployment(redis_server.url, postgres_url, prefix, env=dict(FAST_RECLAIM))
    admin = await asyncpg.connect(postgres_server, timeout=5)
    try:
        dep.start()
        await dep.submit(batch[: PAGES // 2])
        await wait_until_stored(dep, PAGES // 10)
        sink = next(s for s in dep.services if s.name == "sink")
        # The database goes away: its sessions are killed and new ones refused.
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        down = time.monotonic()
        await dep.submit(batch[PAGES // 2 :])
        await articles_held_in_redis(dep, sink, redis_server, settle=2)
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        outage = time.monotonic() - down
        resumed = await time_to_progress(dep, redis_server.url, time.monotonic())
        await wait_drained(dep, redis_server.url, expected=len(expected))
        assert "stage.resumed" in sink.log_path.read_text()
        verdict = await assert_exactly_once(dep, redis_server.url, expected)
    finally:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        await admin.close()
        dep.stop()
    record(
        f"PostgreSQL refusing connections {outage:.0f} s", verdict, pages=PAGES, faults=1, resume_s=[resumed]
    )
