"""Generated bad input interleaved with good pages: every bad page dead-lettered, every good one stored."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis.asyncio import Redis

from newsflow.shared.contracts import Page
from newsflow.shared.wire import decode, encode, printable
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

MAX_PAGE_BYTES = 20_000
Fields = dict[bytes, bytes]

_text = st.text(min_size=1, max_size=40)
_not_a_string = st.one_of(
    st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(), st.lists(_text)
)


def _payload(value: object) -> Fields:
    return {b"payload": json.dumps(value).encode()}


random_bytes = st.binary(max_size=300).map(lambda raw: {b"payload": raw})
invalid_utf8 = st.binary(min_size=1, max_size=50).map(
    lambda raw: {b"payload": b'{"uri": "https://bad.example/u", "body": "' + b"\xff" + raw + b'"}'}
)
undecodable_flat = st.dictionaries(
    st.binary(min_size=1, max_size=10).map(lambda k: b"\xfe" + k), st.binary(max_size=20), min_size=1
)
wrong_top_level = st.one_of(st.integers(), st.lists(_text), _text, st.none()).map(_payload)
wrong_field_types = st.fixed_dictionaries(
    {"uri": _not_a_string, "body": st.one_of(_not_a_string, _text)}
).map(_payload)
unknown_fields = st.fixed_dictionaries({"uri": _text, "body": _text, "surprise": _text}).map(_payload)
huge_page = st.integers(MAX_PAGE_BYTES + 1, 5 * MAX_PAGE_BYTES).map(
    lambda size: _payload({"uri": "https://bad.example/huge", "body": "word " * (size // 5 + 1)})
)


def _bomb(tag: str, repeat: int) -> Fields:
    body = (tag * repeat)[:MAX_PAGE_BYTES]
    return _payload({"uri": "https://bad.example/bomb", "content_type": "text/html", "body": body})


html_bomb = st.builds(
    _bomb,
    st.sampled_from(["<div>", "<b><i>", "<table><tr><td>", "<!--", "<p><span>", "&amp;"]),
    st.integers(200, 3_000),
)
no_article = _text.map(lambda body: _payload({"uri": "https://bad.example/empty", "body": body[:3]}))

bad_entry = st.one_of(
    random_bytes,
    invalid_utf8,
    undecodable_flat,
    wrong_top_level,
    wrong_field_types,
    unknown_fields,
    huge_page,
    html_bomb,
    no_article,
)


def generated_bad_entries(count: int) -> list[Fields]:
    """``count`` distinct bad stream entries, drawn by hypothesis (reproducibly)."""
    found: list[Fields] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(bad_entry)
    def collect(entry: Fields) -> None:
        found.append(entry)

    collect()
    return found


async def test_fuzzed_bad_pages_are_dead_lettered_and_good_pages_stored(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    bad = generated_bad_entries(150)
    good = pages(300, "fuzz")
    expected = expected_ids(good)
    items: list[tuple[bool, Fields]] = [(False, _fields(p)) for p in good] + [(True, f) for f in bad]
    random.Random(5).shuffle(items)
    dep = deployment(workers=2, NEWSFLOW_MAX_PAGE_BYTES=str(MAX_PAGE_BYTES)).start()
    redis = Redis.from_url(redis_server.url)
    bad_ids: dict[str, Fields] = {}
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for _, fields in items:
                pipe.xadd(dep.streams.pages, fields)  # type: ignore[arg-type]
            ids = await pipe.execute()
        bad_ids = {i.decode(): f for i, (is_bad, f) in zip(ids, items, strict=True) if is_bad}
        await wait_drained(dep, redis_server.url, expected=len(expected))
        letters = await dead_letters(redis, dep)
    finally:
        await redis.aclose()

    # A bad page is dead-lettered by the splitter (its entry id) or, when it splits
    # but holds no article, by the worker (its page id); nothing else is.
    page_of = {message_id: _page_id(fields) for message_id, fields in bad_ids.items()}
    split_letters = {d["message_id"]: d for d in letters if d["stage"] == "splitter"}
    later_pages: set[str | None] = {d["page_id"] for d in letters if d["stage"] != "splitter"}
    covered = set(split_letters) | {m for m, page in page_of.items() if page in later_pages}
    assert covered == set(bad_ids)
    assert set(split_letters) <= set(bad_ids)
    assert None not in later_pages
    assert later_pages <= set(page_of.values())
    for letter in letters:
        assert letter["reason"] and letter["error_type"]
        assert letter["attempts"] == 1, {k: str(v)[:300] for k, v in letter.items()}
    for message_id, letter in split_letters.items():
        assert letter["original"] == printable(bad_ids[message_id])
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=len(letters))
    record("hypothesis bad input interleaved", verdict, pages=len(items), faults=len(bad_ids))


def _page_id(fields: Fields) -> str | None:
    try:
        return decode(fields, Page).id
    except Exception:  # undecodable: only the splitter can reject it
        return None


def _fields(page: Page) -> Fields:
    return {k.encode(): v for k, v in encode(page).items()}
