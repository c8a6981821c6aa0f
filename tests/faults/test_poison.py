"""Poison in a batch, and trust at the producer edge, with real services (issue #15, breaks 1 and 11).

Each poison below once failed the whole batch it came in (in the splitter's
MULTI/EXEC or the sink's store), so that every page in it was dead-lettered
unprocessed as ``DeliveriesExhausted``; a producer-set page id overwrote
another page's articles; a version from the future won over every real update.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis.asyncio import Redis

from newsflow.shared.contracts import Page
from newsflow.shared.ids import page_id_for
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    dead_letters,
    expected_ids,
    pages,
    record,
    stored_ids,
    synthetic_page,
    wait_drained,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]


def _raw(page: Page, **changes: Any) -> dict[bytes, bytes]:
    """``page`` as a producer writing to Redis directly would send it, with ``changes`` made raw."""
    value = page.model_dump(mode="json")
    value.update(changes)
    return {b"payload": json.dumps(value).encode()}  # ensure_ascii: "\ud800" travels as an escape


async def _publish_as_one_batch(redis_url: str, stream: str, entries: list[dict[bytes, bytes]]) -> None:
    redis = Redis.from_url(redis_url)
    try:
        async with redis.pipeline(transaction=True) as pipe:
            for fields in entries:
                pipe.xadd(stream, fields)  # type: ignore[arg-type]
            await pipe.execute()
    finally:
        await redis.aclose()


async def test_forty_good_pages_and_one_poison_in_one_batch_store_forty_and_one_letter_names_the_error(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    good = pages(40, "poison")
    surrogate = synthetic_page(100, "poison")
    naive, aware = synthetic_page(101, "poison"), synthetic_page(101, "poison")
    overflow = synthetic_page(102, "poison")
    entries = [_raw(page) for page in good]
    entries[10:10] = [
        _raw(overflow, fetched_at="9999-12-31T23:59:59-12:00"),  # overflowed the sink's UTC conversion
        _raw(surrogate, body=surrogate.body.replace("long debate", "long \ud800 debate")),
        _raw(naive, fetched_at="2026-01-02T10:00:00"),  # compared with an aware version in the sink
        _raw(aware, fetched_at="2026-01-02T11:00:00+00:00"),
    ]
    expected = expected_ids([*good, surrogate, naive])
    dep = deployment(workers=1, NEWSFLOW_BATCH_SIZE="100").start()
    await _publish_as_one_batch(redis_server.url, dep.streams.pages, entries)
    await wait_drained(dep, redis_server.url, expected=len(expected))

    redis = Redis.from_url(redis_server.url)
    try:
        letters = await dead_letters(redis, dep)
    finally:
        await redis.aclose()
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=1)
    (letter,) = letters
    assert letter["stage"] == "splitter"
    assert letter["error_type"] == "ValidationError"
    assert "fetched_at" in letter["reason"]
    assert "9999-12-31T23:59:59-12:00" in letter["reason"]
    assert letter["page_id"] is None
    record("40 good + poison (date overflow, lone surrogate, naive/aware) in one batch", verdict,
           pages=len(entries), faults=3)  # fmt: skip


async def test_a_producer_set_id_or_a_future_fetch_time_cannot_take_over_another_page(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    victim, attacker, updated = (
        synthetic_page(0, "trust"),
        synthetic_page(1, "trust"),
        synthetic_page(2, "trust"),
    )
    hijack = _raw(attacker, id=victim.id)  # claims the victim's id
    future = _raw(
        updated,
        body=updated.body.replace("Council approves", "Hijacked"),
        fetched_at=(datetime.now(UTC) + timedelta(days=3650)).isoformat(),
    )
    dep = deployment(workers=1).start()
    await _publish_as_one_batch(redis_server.url, dep.streams.pages, [_raw(victim), hijack, future])
    later = updated.model_copy(update={"fetched_at": datetime.now(UTC)})
    await _publish_as_one_batch(redis_server.url, dep.streams.pages, [_raw(later)])
    expected = expected_ids([victim, later])
    await wait_drained(dep, redis_server.url, expected=len(expected))

    stored = {a.id: a for a in await dep.stored()}
    assert set(await stored_ids(dep)) == expected
    (victims,) = [a for a in stored.values() if a.page_id == victim.id]
    assert victims.source_uri == victim.uri  # not overwritten by the attacker's page
    assert page_id_for(attacker.uri) not in {a.page_id for a in stored.values()}
    (updates,) = [a for a in stored.values() if a.page_id == updated.id]
    # the real update, not the future version
    assert updates.title is not None and updates.title.startswith("Council approves")
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=2)
    redis = Redis.from_url(redis_server.url)
    try:
        reasons = sorted(letter["reason"] for letter in await dead_letters(redis, dep))
    finally:
        await redis.aclose()
    assert "in the future" in reasons[0] or "in the future" in reasons[1]
    assert any("not the one derived from uri" in reason for reason in reasons)
    record("producer-set page id, fetched_at in the future", verdict, pages=4, faults=2)
