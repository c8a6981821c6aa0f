"""Garbage that looks like text (issue #15, break 5).

Before: 4 KB of random bytes, decoded leniently by its producer, was stored as
an article (a mojibake title, language "gcf"), and a NUL byte in a good page
reached the store (PostgreSQL refuses it; SQLite kept it).
"""

from __future__ import annotations

import json
import random

import pytest
from redis.asyncio import Redis

from newsflow.shared.contracts import Page
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    dead_letters,
    expected_ids,
    pages,
    record,
    synthetic_page,
    wait_drained,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]


def _random_text(seed: int, encoding: str, *, high: bool = False) -> Page:
    raw = random.Random(seed).randbytes(4096)
    if high:  # no ASCII controls: what is left of it is mostly U+FFFD
        raw = bytes(b | 0x80 for b in raw)
    return Page(uri=f"https://garbage.example/{seed}", body=raw.decode(encoding, errors="replace"))


async def test_binary_pages_are_dead_lettered_with_a_reason_and_control_characters_never_stored(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    good = pages(60, "garbage")
    garbage = [_random_text(1, "latin-1"), _random_text(2, "cp1252"), _random_text(3, "utf-8", high=True)]
    base = synthetic_page(1000, "garbage")
    item = json.loads(base.body)
    item["text"] = item["text"].replace("long debate", "long\x00 debate\x07") + "\x1b[0m"
    with_nul = base.model_copy(update={"body": json.dumps(item)})
    encoded = "\n\n".join(f"Headline number {i}\n\n" + "plain words in a row " * 30 for i in range(2))
    base64ish = Page(uri="https://garbage.example/b64", body=encoded.replace(" ", "") * 3)
    expected = expected_ids([*good, with_nul])
    dep = deployment(workers=1).start()
    await dep.submit([*good[:30], *garbage, with_nul, base64ish, *good[30:]])
    await wait_drained(dep, redis_server.url, expected=len(expected))

    redis = Redis.from_url(redis_server.url)
    try:
        letters = await dead_letters(redis, dep)
    finally:
        await redis.aclose()
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=4)
    assert {letter["stage"] for letter in letters} == {"splitter"}
    assert {letter["error_type"] for letter in letters} == {"BinaryContent"}
    reasons = " | ".join(letter["reason"] for letter in letters)
    assert "control characters" in reasons
    assert "replacement characters" in reasons
    assert "no prose" in reasons
    (article,) = [a for a in await dep.stored() if a.page_id == with_nul.id]
    assert "long debate" in article.body
    assert not any(ch in article.body for ch in "\x00\x07\x1b")
    record("binary pages (random bytes, no prose) and control characters", verdict, pages=65, faults=5)
