"""Consumers that die, are stopped or freeze mid-run: nothing lost, nothing stored twice."""

from __future__ import annotations

import asyncio
import json
import signal
import time

import pytest
from redis.asyncio import Redis

from newsflow.client import Producer
from newsflow.shared.streams import SINK_GROUP, SPLITTER_GROUP, WORKER_GROUP
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    expected_ids,
    held_by,
    pages,
    record,
    signal_while_holding,
    stored_ids,
    time_to_progress,
    wait_drained,
    wait_released,
    wait_until_stored,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

PAGES = 2_000  # the kill -9 run, as the issue asks
SHORT = 1_000  # the other runs: enough batches in flight to hit one mid-way


async def test_worker_killed_mid_run_every_article_stored_once(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(PAGES, "kill9")
    expected = expected_ids(batch)
    dep = deployment(workers=2, NEWSFLOW_TRIM_EVERY_S="0.5").start()  # streams trimmed as they go
    await dep.submit(batch)
    await wait_until_stored(dep, PAGES // 5)
    victim = next(s for s in dep.services if s.consumer == "worker-0")
    redis = Redis.from_url(redis_server.url)
    try:
        await signal_while_holding(redis, victim, dep.streams.documents, WORKER_GROUP, signal.SIGKILL)
        victim.process.wait(10)
        killed = time.monotonic()
        orphaned = await held_by(redis, dep.streams.documents, WORKER_GROUP, "worker-0")
        assert orphaned > 0  # it died holding a batch
        await wait_released(redis, dep.streams.documents, WORKER_GROUP, "worker-0")
        reclaimed_after = time.monotonic() - killed  # claim idle is 1 s
    finally:
        await redis.aclose()
    await wait_drained(dep, redis_server.url, expected=len(expected), stopped=[victim])
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    assert any("stream.trimmed" in x.log_path.read_text() for x in dep.services)  # trimming lost nothing
    record("kill -9 worker mid-run", verdict, pages=PAGES, faults=1, resume_s=[reclaimed_after])


async def test_worker_stopped_with_sigterm_leaves_nothing_to_redeliver(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(SHORT, "sigterm")
    expected = expected_ids(batch)
    dep = deployment(workers=1).start()
    await dep.submit(batch)
    await wait_until_stored(dep, SHORT // 5)
    worker = next(s for s in dep.services if s.consumer == "worker-0")
    redis = Redis.from_url(redis_server.url)
    try:
        await signal_while_holding(redis, worker, dep.streams.documents, WORKER_GROUP, signal.SIGTERM)
        assert worker.process.wait(30) == 0
        held = await redis.xpending_range(
            dep.streams.documents, WORKER_GROUP, min="-", max="+", count=10, consumername="worker-0"
        )
    finally:
        await redis.aclose()
    assert held == []  # everything it read was finished and acknowledged: zero redeliveries
    dep.start_service("worker", "worker-1")
    await wait_drained(dep, redis_server.url, expected=len(expected), stopped=[worker])
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record("SIGTERM worker under load", verdict, pages=SHORT, faults=1)


async def test_sink_killed_mid_batch_acknowledged_nothing_it_had_not_committed(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(SHORT, "killsink")
    expected = expected_ids(batch)
    # A long claim idle time: only the restarted sink's own-pending pass can finish its entries.
    dep = deployment(workers=1, NEWSFLOW_CLAIM_IDLE_MS="600000").start()
    await dep.submit(batch)
    await wait_until_stored(dep, SHORT // 4)
    sink = next(s for s in dep.services if s.consumer == "sink-0")
    redis = Redis.from_url(redis_server.url)
    try:
        await signal_while_holding(redis, sink, dep.streams.articles, SINK_GROUP, signal.SIGKILL)
        sink.process.wait(10)
        assert await held_by(redis, dep.streams.articles, SINK_GROUP, "sink-0") > 0
        info = next(
            g for g in await redis.xinfo_groups(dep.streams.articles) if g["name"] == SINK_GROUP.encode()
        )
        delivered = await redis.xrange(dep.streams.articles, "-", info["last-delivered-id"])
        pending = {
            r["message_id"]
            for r in await redis.xpending_range(dep.streams.articles, SINK_GROUP, "-", "+", count=100_000)
        }
    finally:
        await redis.aclose()
    acknowledged = [fields for entry_id, fields in delivered if entry_id not in pending]
    stored = set(await stored_ids(dep))
    acked_ids = {_article_id(fields) for fields in acknowledged}
    assert acked_ids <= stored  # every acknowledged article had been committed

    restarted = dep.start_service("sink", "sink-0")  # same name: finishes its own pending entries first
    await wait_drained(dep, redis_server.url, expected=len(expected), stopped=[sink])
    assert "consumer.own_pending_done" in restarted.log_path.read_text()
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record("SIGKILL sink mid-batch, restarted under its name", verdict, pages=SHORT, faults=1)


async def test_frozen_sink_catches_up_after_it_is_resumed(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(SHORT, "sigstop")
    expected = expected_ids(batch)
    dep = deployment(workers=1, NEWSFLOW_CLAIM_IDLE_MS="600000").start()
    await dep.submit(batch)
    await wait_until_stored(dep, SHORT // 10)
    sink = next(s for s in dep.services if s.consumer == "sink-0")
    sink.signal(signal.SIGSTOP)
    await asyncio.sleep(3)
    redis = Redis.from_url(redis_server.url)
    try:
        length_while_frozen = int(await redis.xlen(dep.streams.articles))
        sink.signal(signal.SIGCONT)
        resumed = await time_to_progress(dep, redis_server.url, time.monotonic())
        await wait_drained(dep, redis_server.url, expected=len(expected))
        # Nothing trimmed: every article entry is still in the stream.
        assert int(await redis.xlen(dep.streams.articles)) >= length_while_frozen
    finally:
        await redis.aclose()
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record("SIGSTOP sink 3 s", verdict, pages=SHORT, faults=1, resume_s=[resumed])


async def test_pages_published_before_any_service_are_not_skipped(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(500, "early")
    expected = expected_ids(batch)
    dep = deployment(workers=1)
    await dep.submit(batch)  # no group exists yet when the producer starts
    dep.start()
    await wait_drained(dep, redis_server.url, expected=len(expected))
    verdict = await assert_exactly_once(dep, redis_server.url, expected)
    record("producer before any service", verdict, pages=500, faults=0)


def _article_id(fields: dict[bytes, bytes]) -> str:
    return str(json.loads(fields[b"payload"])["id"])


async def test_an_entry_that_killed_its_consumers_too_often_is_dead_lettered(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    batch = pages(200, "poison")
    expected = expected_ids(batch[1:])
    dep = deployment(workers=1, NEWSFLOW_MAX_DELIVERIES="3")
    redis = Redis.from_url(redis_server.url)
    try:
        async with Producer.connect(redis_server.url, dep.prefix) as producer:
            poison_id = await producer.submit(batch[0])
        # Three consumers took it and died without acknowledging (each delivery counted by Redis).
        await redis.xreadgroup(SPLITTER_GROUP, "crashed-1", {dep.streams.pages: ">"}, count=1)
        for ghost in ("crashed-2", "crashed-3"):
            await redis.xclaim(dep.streams.pages, SPLITTER_GROUP, ghost, 0, [poison_id])
        dep.start()
        await dep.submit(batch[1:])
        await wait_drained(dep, redis_server.url, expected=len(expected))
        letters = [json.loads(f[b"payload"]) for _i, f in await redis.xrange(dep.streams.dead)]
    finally:
        await redis.aclose()
    assert [(d["error_type"], d["attempts"], d["message_id"]) for d in letters] == [
        ("DeliveriesExhausted", 4, poison_id)
    ]
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=1, exhausted=1)
    record("entry delivered past max_deliveries (3 crashed consumers)", verdict, pages=200, faults=3)
