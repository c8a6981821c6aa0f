"""Dead letters stay small whatever the poison weighs (issue #15, break 13).

Before: a letter kept its whole original, so 10 pages of 20 MB over the page
cap added 231 MB to Redis, and `newsflow dlq list --limit 10` read all of it.
"""

from __future__ import annotations

import asyncio
import hashlib

import pytest
from click.testing import CliRunner
from redis.asyncio import Redis

from newsflow.cli import main
from newsflow.shared.contracts import Page
from newsflow.shared.wire import encode
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    dead_letters,
    expected_ids,
    pages,
    record,
    wait_drained,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

HUGE = 10
HUGE_BYTES = 3_000_000


async def test_huge_poison_leaves_letters_of_a_few_kilobytes_with_size_and_hash(
    deployment: DeploymentFactory, redis_server: RedisServer, prefix: str
) -> None:
    good = pages(50, "bigdead")
    huge = [
        Page(uri=f"https://huge.example/{i}", body=f"{i} " + "word " * (HUGE_BYTES // 5)) for i in range(HUGE)
    ]
    expected = expected_ids(good)
    dep = deployment(workers=1, NEWSFLOW_MAX_PAGE_BYTES="1000000").start()
    await dep.submit([*good[:25], *huge, *good[25:]])
    await wait_drained(dep, redis_server.url, expected=len(expected))

    redis = Redis.from_url(redis_server.url)
    try:
        letters = await dead_letters(redis, dep)
        dead_bytes = int(await redis.memory_usage(dep.streams.dead) or 0)  # type: ignore[no-untyped-call]
    finally:
        await redis.aclose()
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=HUGE)
    assert dead_bytes < 200_000, dead_bytes  # was over 30 MB: every original kept whole
    sent = {page.id: encode(page)["payload"] for page in huge}
    for letter in letters:
        assert letter["error_type"] == "LimitExceeded"
        assert letter["truncated"] is True
        payload = sent[_page_id(letter["original"]["payload"], sent)]
        assert letter["original_bytes"] == len(b"payload") + len(payload)
        assert letter["original_sha256"] == hashlib.sha256(b"payload\x1f" + payload + b"\x1e").hexdigest()
        assert len(letter["original"]["payload"]) <= 4_096

    env = {"NEWSFLOW_REDIS_URL": redis_server.url, "NEWSFLOW_STREAM_PREFIX": prefix, "COLUMNS": "200"}
    listed = await asyncio.to_thread(CliRunner().invoke, main, ["dlq", "list", "--limit", "3"], env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.output.count("LimitExceeded") == 3
    replayed = await asyncio.to_thread(CliRunner().invoke, main, ["dlq", "replay", "--all"], env=env)
    assert "skipped 10 letters that keep only the head" in replayed.output
    record("10 pages of 3 MB over the page cap (dead letters bounded)", verdict, pages=60, faults=HUGE)


def _page_id(head: str, sent: dict[str, bytes]) -> str:
    """Which huge page a letter's head belongs to (its uri is near the start of the payload)."""
    for page_id, payload in sent.items():
        if payload.decode()[:200] == head[:200]:
            return page_id
    raise AssertionError(head[:200])
