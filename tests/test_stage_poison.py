"""One poison entry in a batch: it alone is dead-lettered with its own error, the rest is processed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

import pytest
from pydantic import BaseModel, ValidationError
from redis.asyncio import Redis

from newsflow.shared.broker import ensure_groups
from newsflow.shared.contracts import Page, Stage
from newsflow.shared.deadletters import DeadLetterPolicy, list_letters
from newsflow.shared.ids import page_id_for
from newsflow.shared.pending import DeliveryPolicy, read_new
from newsflow.shared.stage import Entry, StageSpec, store_batch, transform_batch
from newsflow.shared.streams import SINK_GROUP, SPLITTER_GROUP, Streams
from newsflow.shared.wire import decode, encode

POLICY = DeliveryPolicy(batch_size=50, block_ms=10, claim_idle_ms=100, retry_max_ms=400)
POISON = "https://poison.example/0"


async def _read(redis: Redis, streams: Streams, stream: str, group: str, count: int) -> list[Entry]:
    await ensure_groups(redis, streams)
    for i in range(count):
        uri = POISON if i == count // 2 else f"https://good.example/{i}"
        await redis.xadd(stream, encode(Page(uri=uri, body=f"page {i}")))  # type: ignore[arg-type]
    return await read_new(redis, stream, group, "w", POLICY)


async def _letters(redis: Redis, streams: Streams) -> list[dict[str, object]]:
    return [json.loads(fields[b"payload"]) for _, fields in await redis.xrange(streams.dead)]


class _Unserialisable(BaseModel):
    text: str


async def test_an_output_that_cannot_be_serialised_dead_letters_its_entry_alone(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    entries = await _read(redis, streams, streams.pages, SPLITTER_GROUP, 9)
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page)

    def work(page: Page) -> Sequence[BaseModel]:
        text = "lone \ud800 surrogate" if page.uri == POISON else page.body
        return (_Unserialisable(text=text),)

    outcome = await transform_batch(redis, spec, entries, work, streams.documents)

    assert outcome.produced == 8
    assert await redis.xlen(streams.documents) == 8
    (letter,) = await _letters(redis, streams)
    assert letter["error_type"] == "PydanticSerializationError"
    assert "surrogates not allowed" in str(letter["reason"])
    assert letter["page_id"] is None or isinstance(letter["page_id"], str)
    assert decode({b"payload": str(letter["original"]["payload"]).encode()}, Page).uri == POISON  # type: ignore[index]
    assert (await redis.xpending(streams.pages, SPLITTER_GROUP))["pending"] == 0


async def test_a_store_failing_on_one_entry_stores_the_others_and_retries_then_buries_it(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    entries = await _read(redis, streams, streams.articles, SINK_GROUP, 11)
    spec = StageSpec(Stage.SINK, streams.articles, SINK_GROUP, streams.dead, Page, max_deliveries=2)
    stored: list[str] = []

    async def store(pages: Sequence[Page]) -> None:
        if any(p.uri == POISON for p in pages):
            raise RuntimeError("cannot store this one")
        stored.extend(p.uri for p in pages)

    first = await store_batch(redis, spec, entries, store)
    assert len(stored) == 10
    assert POISON not in stored
    assert len(first.retry) == 1  # an unclassified error alone: another delivery first
    assert await _letters(redis, streams) == []

    last = [replace(e, deliveries=2) for e in entries if e.id in first.retry]
    final = await store_batch(redis, spec, last, store)
    assert final.retry == []
    (letter,) = await _letters(redis, streams)
    assert (letter["error_type"], letter["reason"], letter["attempts"]) == (
        "RuntimeError",
        "cannot store this one",
        2,
    )
    assert (await redis.xpending(streams.articles, SINK_GROUP))["pending"] == 0


async def test_a_permanent_store_error_is_dead_lettered_at_once_with_its_own_type(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    entries = await _read(redis, streams, streams.articles, SINK_GROUP, 5)
    spec = StageSpec(Stage.SINK, streams.articles, SINK_GROUP, streams.dead, Page)

    async def store(pages: Sequence[Page]) -> None:
        if any(p.uri == POISON for p in pages):
            raise OverflowError("date value out of range")

    outcome = await store_batch(redis, spec, entries, store)
    assert len(outcome.done) == 5
    (letter,) = await _letters(redis, streams)
    assert (letter["error_type"], letter["reason"]) == ("OverflowError", "date value out of range")


async def test_a_dead_letter_keeps_only_the_head_of_a_huge_original_with_its_size_and_hash(
    redis: Redis, prefix: str
) -> None:
    streams = Streams(prefix)
    await ensure_groups(redis, streams)
    huge = Page(uri=POISON, body="x" * 3_000_000)
    await redis.xadd(streams.pages, encode(huge))  # type: ignore[arg-type]
    entries = await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY)
    policy = DeadLetterPolicy(max_bytes=100_000, head_bytes=1_000, max_letters=10)
    spec = StageSpec(Stage.SPLITTER, streams.pages, SPLITTER_GROUP, streams.dead, Page, dead_letters=policy)

    def work(_page: Page) -> Sequence[BaseModel]:
        raise ValueError("x" * 10)

    await transform_batch(redis, replace(spec, max_deliveries=1), entries, work, streams.documents)

    (item,) = await list_letters(redis, streams.dead)
    letter = item.letter
    assert letter.truncated
    assert letter.original_bytes is not None
    assert letter.original_bytes > 3_000_000
    assert letter.original_sha256 is not None
    assert len(letter.original["payload"]) == 1_000
    assert await redis.memory_usage(streams.dead) < 50_000  # type: ignore[no-untyped-call]


async def test_the_dead_letter_stream_keeps_about_its_maximum_count(redis: Redis, prefix: str) -> None:
    streams = Streams(prefix)
    await ensure_groups(redis, streams)
    for i in range(300):
        await redis.xadd(streams.pages, encode(Page(uri=f"https://bad.example/{i}", body="b")))  # type: ignore[arg-type]
    policy = DeadLetterPolicy(max_letters=100)
    spec = StageSpec(
        Stage.SPLITTER,
        streams.pages,
        SPLITTER_GROUP,
        streams.dead,
        Page,
        max_deliveries=1,
        dead_letters=policy,
    )

    def work(_page: Page) -> Sequence[BaseModel]:
        raise ValueError("never")

    while entries := await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY):
        await transform_batch(redis, spec, entries, work, streams.documents)
    assert 100 <= await redis.xlen(streams.dead) < 300


async def test_dlq_list_by_stage_reads_pages_not_the_whole_stream(redis: Redis, prefix: str) -> None:
    streams = Streams(prefix)
    await ensure_groups(redis, streams)
    for stage, count in ((Stage.SPLITTER, 30), (Stage.WORKER, 5)):
        for i in range(count):
            await redis.xadd(streams.pages, encode(Page(uri=f"https://{stage}.example/{i}", body="b")))  # type: ignore[arg-type]
        entries = await read_new(redis, streams.pages, SPLITTER_GROUP, "w", POLICY)
        spec = StageSpec(stage, streams.pages, SPLITTER_GROUP, streams.dead, Page, max_deliveries=1)
        await transform_batch(redis, spec, entries, _raise, streams.documents)
    shown = await list_letters(redis, streams.dead, count=3, stage="worker")
    assert [item.letter.stage for item in shown] == [Stage.WORKER] * 3
    assert len(await list_letters(redis, streams.dead, count=100, stage="worker")) == 5


def _raise(_page: Page) -> Sequence[BaseModel]:
    raise ValueError("never")


def test_a_lone_surrogate_is_replaced_at_decode_so_the_entry_encodes_again() -> None:
    page = decode({b"payload": b'{"uri": "https://s.example/1", "body": "a \\ud800 b"}'}, Page)
    assert page.body == "a \ufffd b"
    assert encode(page)["payload"]


def test_a_lone_surrogate_in_any_field_of_a_flat_entry_is_replaced_and_escaped_backslashes_are_kept() -> None:
    flat = {b"uri": b"https://s.example/2", b"body": b"a \\ud800 b", b"metadata": b'{"site": "x \\udc00"}'}
    page = decode(flat, Page)
    assert (page.body, page.metadata["site"]) == ("a \\ud800 b", "x \ufffd")  # flat text is not JSON
    written = {b"payload": b'{"uri": "https://s.example/3", "body": "a \\\\ud800 b \\u00e9"}'}
    assert decode(written, Page).body == "a \\ud800 b \u00e9"


def test_fetch_times_are_aware_in_range_and_never_in_the_future() -> None:
    assert Page(uri="u", body="b", fetched_at="2026-01-02T10:00:00").fetched_at.tzinfo is not None  # type: ignore[arg-type]
    for bad in ("9999-12-31T23:59:59-12:00", "9000-01-01T00:00:00Z", "1980-01-01T00:00:00Z"):
        with pytest.raises(ValidationError, match="fetched_at"):
            Page(uri="u", body="b", fetched_at=bad)  # type: ignore[arg-type]


def test_a_page_id_is_derived_never_taken_from_the_producer() -> None:
    assert Page(uri="https://a.example/x", body="b").id == page_id_for("https://a.example/x")
    assert Page(uri="x.txt", key="file:///data/x.txt", body="b").id == page_id_for("file:///data/x.txt")
    same = Page(uri="https://a.example/x", body="b")
    assert Page.model_validate(same.model_dump()).id == same.id  # a derived id survives a round trip
    with pytest.raises(ValidationError, match="not the one derived from uri"):
        Page(id=page_id_for("https://victim.example/"), uri="https://a.example/x", body="b")
