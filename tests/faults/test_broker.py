"""The broker goes away (restart with or without its data, every connection killed): services carry on."""

from __future__ import annotations

import asyncio
import time

import pytest
from redis.asyncio import Redis

from newsflow.client import Producer
from newsflow.testing import Deployment
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    expected_ids,
    pages,
    progress,
    reconnect_delays,
    record,
    stored_ids,
    time_to_progress,
    wait_drained,
    wait_until_stored,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

PAGES = 1_000
LOAD = 2_000  # CLIENT KILL runs three times: enough work to be under load throughout


def _all_running(dep: Deployment) -> None:
    exited = {s.consumer: s.process.returncode for s in dep.services if s.process.poll() is not None}
    assert not exited, f"services exited: {exited}\n{dep.logs()[-3000:]}"


@pytest.mark.parametrize("keep_data", [True, False], ids=["keeping-data", "losing-data"])
async def test_services_survive_a_redis_restart(
    deployment: DeploymentFactory, redis_server: RedisServer, keep_data: bool
) -> None:
    batch = pages(PAGES, f"restart-{keep_data}")
    expected = expected_ids(batch)
    article_of = {page.id: next(iter(expected_ids([page]))) for page in batch}
    dep = deployment(workers=1).start()
    await dep.submit(batch)
    await wait_until_stored(dep, PAGES // 5)
    down = time.time()
    redis_server.stop(keep_data=keep_data)
    await asyncio.sleep(2)  # services see the outage, retry with backoff, do not exit
    _all_running(dep)
    # Pages to resubmit if the data is lost: those whose article is not stored yet.
    done = set(await stored_ids(dep))
    missing = [page for page in batch if article_of[page.id] not in done]
    redis_server.start()
    back = time.time()
    if not keep_data:
        await asyncio.sleep(1)  # let the services find their groups gone before the producer recreates them
        async with Producer.connect(redis_server.url, dep.prefix) as producer:
            await producer.submit_many(missing)
    await wait_drained(dep, redis_server.url, expected=len(expected))
    _all_running(dep)
    resumed = reconnect_delays(dep, back, down)
    assert len(resumed) == len(dep.services)  # every service logged its reconnection
    if not keep_data:
        assert "consumer.group_missing" in dep.logs()
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    name = "Redis restart keeping data" if keep_data else "Redis restart losing all data (pages resubmitted)"
    record(name, verdict, pages=PAGES, faults=1, resume_s=resumed)


async def test_every_connection_killed_under_load_all_reconnect(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(LOAD, "clientkill")
    expected = expected_ids(batch)
    dep = deployment(workers=2).start()
    await dep.submit(batch)
    await wait_until_stored(dep, LOAD // 10)
    admin = Redis.from_url(redis_server.url)
    resumes: list[float] = []
    try:
        for _ in range(3):
            before = await progress(dep)
            killed = await admin.client_kill_filter(_type="normal", skipme=True)
            assert killed >= 4  # at least one connection per service
            resumes.append(await time_to_progress(dep, redis_server.url, time.monotonic()))
            assert await progress(dep) > before
            await asyncio.sleep(0.3)
    finally:
        await admin.aclose()
    await wait_drained(dep, redis_server.url, expected=len(expected))
    _all_running(dep)
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record("CLIENT KILL of every connection x3", verdict, pages=LOAD, faults=3, resume_s=resumes)
