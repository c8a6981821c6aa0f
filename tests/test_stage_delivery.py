"""Delivery counts, retries and giving up, against a real Redis: what the stage read loop relies on."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from pydantic import BaseModel
from redis.asyncio import Redis

from newsflow.shared.broker import ensure_groups
from newsflow.shared.config import delivery_policy
from newsflow.shared.consumer import StageConsumer
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.errors import LimitExceeded, Transient
from newsflow.shared.limits import deadline
from newsflow.shared.pending import DeliveryPolicy, claim_due, read_new, read_own
from newsflow.shared.settings import Settings
from newsflow.shared.stage import BatchOutcome, Entry, StageSpec, transform_batch
from newsflow.shared.streams import SPLITTER_GROUP, Streams
from newsflow.shared.wire import encode

POLICY = DeliveryPolicy(batch_size=10, block_ms=10, claim_idle_ms=100, retry_max_ms=400)


def _spec(streams: Streams, **overrides: Any) -> StageSpec[Page]:
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page, max_deliveries=3)
    return replace(spec, **overrides)


async def _published_and_read(redis: Redis, prefix: str, count: int) -> tuple[Streams, list[Entry]]:
    streams = Streams(prefix)
    await _publish(redis, streams, count)
    return streams, await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY)


async def _publish(redis: Redis, streams: Streams, count: int) -> None:
    await ensure_groups(redis, streams)
    for i in range(count):
        page = Page(uri=f"https://delivery.example/{i}", body="x")
        await redis.xadd(streams.pages, encode(page))  # type: ignore[arg-type]


async def _claim_until(redis: Redis, streams: Streams, consumer: str) -> list[Entry]:
    while True:
        claimed = await claim_due(redis, streams.pages, SPLITTER_GROUP, consumer, policy=POLICY)
        if claimed:
            return claimed
        await asyncio.sleep(0.05)


async def test_entries_of_a_dead_consumer_are_claimed_with_their_real_delivery_count(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await _publish(redis, streams, 3)
    first = await read_new(redis, streams.pages, SPLITTER_GROUP, "dead", POLICY)
    assert [e.deliveries for e in first] == [1, 1, 1]
    claimed = await _claim_until(redis, streams, "alive")  # "dead" never acknowledges
    assert [e.id for e in claimed] == [e.id for e in first]
    assert [e.deliveries for e in claimed] == [2, 2, 2]
    owners = await redis.xpending_range(streams.pages, SPLITTER_GROUP, "-", "+", 10)
    assert {o["consumer"] for o in owners} == {b"alive"}


async def test_a_restarted_consumer_reads_its_own_pending_entries_from_id_0(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await _publish(redis, streams, 4)
    before = await read_new(redis, streams.pages, SPLITTER_GROUP, "w1", POLICY)
    own = await read_own(redis, streams.pages, SPLITTER_GROUP, "w1", after=b"0", policy=POLICY)
    assert [e.id for e in own] == [e.id for e in before]
    assert all(e.deliveries == 2 for e in own)
    after_last = await read_own(redis, streams.pages, SPLITTER_GROUP, "w1", after=own[-1].id, policy=POLICY)
    assert after_last == []
    assert await read_own(redis, streams.pages, SPLITTER_GROUP, "w2", after=b"0", policy=POLICY) == []


async def test_an_entry_failing_at_its_last_allowed_delivery_is_dead_lettered_with_the_error(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await _publish(redis, streams, 1)
    (entry,) = await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY)

    def broken(_page: Page) -> Sequence[BaseModel]:
        raise KeyError("a bug, not bad input")

    early = await transform_batch(redis, _spec(streams), [entry], broken, streams.documents)
    assert early.retry == [entry.id] and early.dead == []
    last = Entry(entry.id, entry.fields, deliveries=3)
    final = await transform_batch(redis, _spec(streams), [last], broken, streams.documents)
    assert final.dead and final.dead[0].error_type == "KeyError" and final.dead[0].attempts == 3
    assert (await redis.xpending(streams.pages, SPLITTER_GROUP))["pending"] == 0
    assert int(await redis.xlen(streams.dead)) == 1


async def test_entries_delivered_more_than_max_times_are_dead_lettered_unprocessed(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await _publish(redis, streams, 2)
    consumer = StageConsumer(_spec(streams), streams, "w", POLICY)
    entries = await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY)
    calls: list[int] = []

    async def work(_redis: Redis, batch: Sequence[Entry]) -> BatchOutcome:
        calls.append(len(batch))
        return await transform_batch(_redis, _spec(streams), batch, lambda _p: (), streams.documents)

    poisoned = [Entry(entries[0].id, entries[0].fields, deliveries=4), entries[1]]
    outcome = await consumer.process(redis, poisoned, work)
    assert calls == [1]  # only the healthy entry reached the work
    assert [d.error_type for d in outcome.dead] == ["DeliveriesExhausted"]
    (_letter_id, fields), *_ = await redis.xrange(streams.dead)
    letter = json.loads(fields[b"payload"])
    assert letter["attempts"] == 4 and letter["message_id"] == entries[0].id.decode()
    assert (await redis.xpending(streams.pages, SPLITTER_GROUP))["pending"] == 0


async def test_a_transient_failure_is_retried_in_place_without_acknowledging(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await _publish(redis, streams, 1)
    consumer = StageConsumer(_spec(streams), streams, "w", POLICY)
    entries = await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY)
    attempts: list[int] = []

    async def flaky(_redis: Redis, batch: Sequence[Entry]) -> BatchOutcome:
        attempts.append(int((await redis.xpending(streams.pages, SPLITTER_GROUP))["pending"]))
        if len(attempts) < 3:
            raise Transient("database unavailable")
        return await transform_batch(_redis, _spec(streams), batch, lambda _p: (), streams.documents)

    await consumer.process(redis, entries, flaky)
    assert attempts == [1, 1, 1]  # still pending (unacknowledged) on every attempt
    assert (await redis.xpending(streams.pages, SPLITTER_GROUP))["pending"] == 0


def test_work_over_the_time_limit_is_stopped_as_a_limit_violation() -> None:
    give_up_at = time.monotonic() + 5  # without the limit the loop would just end, unraised
    with pytest.raises(LimitExceeded, match="max_seconds_per_page"), deadline(0.05):
        while time.monotonic() < give_up_at:
            pass


def test_the_retry_delay_doubles_per_delivery_up_to_its_cap() -> None:
    assert [POLICY.retry_after_ms(d) for d in (1, 2, 3, 4, 50)] == [100, 200, 400, 400, 400]


def test_a_worker_reads_one_work_group_at_a_time_and_the_other_stages_a_whole_batch() -> None:
    settings = Settings(batch_size=100, work_group_size=8)
    sizes = {stage: delivery_policy(settings, stage).batch_size for stage in Stage}
    assert sizes == {Stage.SPLITTER: 100, Stage.WORKER: 8, Stage.SINK: 100}
    assert delivery_policy(Settings(batch_size=5, work_group_size=8), Stage.WORKER).batch_size == 5


@pytest.mark.parametrize("swallowed", [False, True], ids=["raised", "swallowed_by_the_work"])
@pytest.mark.parametrize("group_size", [1, 2], ids=["one_by_one", "group_redone_page_by_page"])
async def test_a_page_over_the_time_limit_is_dead_lettered_and_the_batch_goes_on(
    redis: Redis, prefix: str, group_size: int, swallowed: bool
) -> None:
    streams, entries = await _published_and_read(redis, prefix, 2)
    slow_uri = "https://delivery.example/0"

    def spin(page: Page) -> None:
        give_up_at = time.monotonic() + 5
        while page.uri == slow_uri and time.monotonic() < give_up_at:
            pass  # a pathological page: would spin for 5 s without the limit

    def work(page: Page) -> Sequence[BaseModel]:
        if swallowed:
            with contextlib.suppress(Exception):  # a library fallback that catches everything
                spin(page)
        else:
            spin(page)
        return (page,)

    def together(pages: Sequence[Page]) -> list[Sequence[BaseModel]]:
        return [work(page) for page in pages]

    spec = _spec(streams, max_seconds=0.05, group_size=group_size)
    outcome = await transform_batch(redis, spec, entries, work, streams.documents, work_group=together)
    assert [d.error_type for d in outcome.dead] == ["TimeLimitExceeded"]
    assert "max_seconds_per_page" in outcome.dead[0].reason
    assert outcome.produced == 1 and len(outcome.done) == 2 and outcome.retry == []
    published = [json.loads(f[b"payload"])["uri"] for _, f in await redis.xrange(streams.documents)]
    assert published == ["https://delivery.example/1"]  # only the page that ran within its limit


async def test_entries_are_worked_in_groups_and_published_in_order(redis: Redis, prefix: str) -> None:
    streams, entries = await _published_and_read(redis, prefix, 5)
    groups: list[int] = []

    def one(page: Page) -> Sequence[BaseModel]:
        raise AssertionError("every group worked as a whole: nothing is redone one by one")

    def together(pages: Sequence[Page]) -> list[Sequence[BaseModel]]:
        groups.append(len(pages))
        return [(page,) for page in pages]

    spec = _spec(streams, group_size=2)
    outcome = await transform_batch(redis, spec, entries[:4], one, streams.documents, work_group=together)
    assert groups == [2, 2]
    assert outcome.produced == 4 and outcome.done == [e.id for e in entries[:4]]
    published = await redis.xrange(streams.documents)
    assert [json.loads(f[b"payload"])["uri"] for _, f in published] == [
        f"https://delivery.example/{i}" for i in range(4)
    ]
    # a group of one is not a group: the last entry of an odd batch is worked on its own
    last = await transform_batch(
        redis, spec, entries[4:], lambda page: (page,), streams.documents, work_group=together
    )
    assert groups == [2, 2] and last.produced == 1


async def test_a_failing_group_is_redone_one_by_one_and_only_the_bad_entry_is_dead_lettered(
    redis: Redis, prefix: str
) -> None:
    streams, entries = await _published_and_read(redis, prefix, 4)
    bad_uri = "https://delivery.example/1"

    def one(page: Page) -> Sequence[BaseModel]:
        if page.uri == bad_uri:
            raise LimitExceeded("page 1 is bad input")
        return (page,)

    def together(pages: Sequence[Page]) -> list[Sequence[BaseModel]]:
        return [one(page) for page in pages]  # raises for the whole group

    spec = _spec(streams, group_size=2)
    outcome = await transform_batch(redis, spec, entries, one, streams.documents, work_group=together)
    assert [d.message_id for d in outcome.dead] == [entries[1].id.decode()]
    assert outcome.produced == 3 and len(outcome.done) == 4 and outcome.retry == []
