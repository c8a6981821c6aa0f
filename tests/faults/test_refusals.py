"""Redis at maxmemory (noeviction) is an outage, not a message failure (issue #15, break 3).

Before: every refused MULTI/EXEC counted a delivery, so good pages were
dead-lettered unprocessed once memory came back, and articles enriched during
the outage were stored with a near-duplicates OOM error, never re-enriched.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from redis.asyncio import Redis

from newsflow.client import Producer, PublishRefused
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    expected_ids,
    pages,
    record,
    time_to_progress,
    wait_drained,
    wait_until_stored,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

PAGES = 600
OUTAGE_S = 5.0


async def test_redis_out_of_memory_holds_every_stage_and_refuses_producers_then_all_is_stored(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(PAGES, "oom")
    expected = expected_ids(batch)
    dep = deployment(workers=1).start()
    await dep.submit(batch[: PAGES - 50])
    await wait_until_stored(dep, 60)

    redis = Redis.from_url(redis_server.url)
    try:
        used = int((await redis.info("memory"))["used_memory"])
        await redis.config_set("maxmemory-policy", "noeviction")
        await redis.config_set("maxmemory", str(used // 2))  # every write that needs memory is refused
        length = await redis.xlen(dep.streams.pages)
        with pytest.raises(PublishRefused, match="nothing was published"):
            await Producer(redis, dep.streams).submit_many(batch[PAGES - 50 :])
        assert await redis.xlen(dep.streams.pages) == length  # nothing half-published
        await asyncio.sleep(OUTAGE_S)
        await redis.config_set("maxmemory", "0")
        back = time.monotonic()
        resume = await time_to_progress(dep, redis_server.url, back)
    finally:
        await redis.aclose()
    await dep.submit(batch[PAGES - 50 :])
    await wait_drained(dep, redis_server.url, expected=len(expected))

    verdict = await assert_exactly_once(dep, redis_server.url, expected)  # no dead letter, none given up
    degraded = [a.id for a in await dep.stored() if a.enrichment_errors]
    assert degraded == []  # nothing stored with an enrichment that failed for the outage
    held: list[str] = []
    for service in dep.services:
        warnings = [
            json.loads(line)["event"]
            for line in service.log_path.read_text(errors="replace").splitlines()
            if '"level": "warning"' in line or '"level":"warning"' in line
        ]
        assert len(warnings) <= 3, (service.name, warnings)  # once per outage, not once per attempt
        held += [event for event in warnings if event in {"stage.waiting", "broker.refusing"}]
    assert held  # the services did meet the refusals, and held
    record("Redis out of memory (noeviction) 5 s", verdict, pages=PAGES, faults=1, resume_s=[resume])
