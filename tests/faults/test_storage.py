"""The database is unavailable for a while: the sink stops acknowledging, then writes everything."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest
from redis.asyncio import Redis

from newsflow.shared.backlog import backlog
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
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
        async with asyncio.timeout(120):
            while True:
                if "stage.waiting" in sink.log_path.read_text():
                    break
                await asyncio.sleep(0.2)
        await asyncio.sleep(1)
        redis = Redis.from_url(redis_server.url)
        try:
            articles = (await backlog(redis, dep.streams))[2]
        finally:
            await redis.aclose()
        assert articles.lag + articles.pending > 0  # the articles wait in Redis, unacknowledged
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
