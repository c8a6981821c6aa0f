"""Near-duplicates against a real Redis: flagged across processes, by id and similarity."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

from newsflow.worker.enrich.duplicates import NearDuplicateIndex, shingles

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d6a69832709aa93b.txt"
STORY = " ".join(
    [
        "The city council approved a new budget on Tuesday after a long debate over school funding,",
        "road repairs and the cost of the new library, which opened last spring to large crowds.",
        "Council members said the plan would raise spending on schools by four million dollars",
        "while cutting the parks budget, a move that drew protests from residents of the east side.",
        "The mayor called the vote a fair compromise and promised a review of the parks cuts next year.",
    ]
)
OTHER = " ".join(
    [
        "A storm swept across the northern coast overnight, bringing heavy rain and strong winds",
        "that brought down power lines and closed several roads near the harbour for hours.",
        "Emergency crews worked through the night and most homes had power again by the morning,",
        "officials said, adding that no injuries had been reported in the affected villages.",
    ]
)


@pytest.fixture
def sync_redis(redis_url: str, prefix: str) -> Iterator[Redis]:
    client = Redis.from_url(redis_url)
    try:
        yield client
    finally:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
        if keys:
            client.delete(*keys)
        client.close()


def test_the_first_copy_is_original_and_a_lightly_edited_copy_is_its_duplicate(
    sync_redis: Redis, prefix: str
) -> None:
    index = NearDuplicateIndex(sync_redis, prefix, threshold=0.7)
    assert index.check_and_add("first", STORY).duplicate_of is None
    edited = "Advertisement. " + STORY.replace("Tuesday", "Wednesday") + " Share this story. Related news."
    found = index.check_and_add("second", edited)
    assert found.duplicate_of == "first"
    assert found.similarity is not None and 0.7 <= found.similarity < 1.0


def test_a_different_story_is_no_duplicate(sync_redis: Redis, prefix: str) -> None:
    index = NearDuplicateIndex(sync_redis, prefix, threshold=0.7)
    index.check_and_add("first", STORY)
    assert index.check_and_add("storm", OTHER).duplicate_of is None


def test_the_index_is_shared_by_every_worker_process(sync_redis: Redis, redis_url: str, prefix: str) -> None:
    NearDuplicateIndex(sync_redis, prefix, threshold=0.7).check_and_add("from-worker-1", STORY)
    other_client = Redis.from_url(redis_url)  # another process: its own connection and index object
    try:
        found = NearDuplicateIndex(other_client, prefix, threshold=0.7).check_and_add("from-worker-2", STORY)
    finally:
        other_client.close()
    assert found.duplicate_of == "from-worker-1"
    assert found.similarity == 1.0


def test_an_article_seen_again_is_not_a_duplicate_of_its_own_later_copies(
    sync_redis: Redis, prefix: str
) -> None:
    index = NearDuplicateIndex(sync_redis, prefix, threshold=0.7)
    index.check_and_add("original", STORY)
    assert index.check_and_add("copy", STORY).duplicate_of == "original"
    again = index.check_and_add("original", STORY)  # redelivered
    assert again.duplicate_of is None
    assert index.check_and_add("copy", STORY).duplicate_of == "original"


def test_prefixes_keep_indexes_apart(sync_redis: Redis, prefix: str) -> None:
    NearDuplicateIndex(sync_redis, f"{prefix}:a", threshold=0.7).check_and_add("x", STORY)
    assert (
        NearDuplicateIndex(sync_redis, f"{prefix}:b", threshold=0.7).check_and_add("y", STORY).duplicate_of
        is None
    )


def test_shingles_are_word_four_grams() -> None:
    assert shingles("One two three four five") == {b"one two three four", b"two three four five"}
    assert shingles("Too short") == {b"too short"}
    assert shingles("") == set()


def test_the_enricher_flags_the_same_story_from_another_source(sync_redis: Redis, prefix: str) -> None:
    from datetime import UTC, datetime

    from newsflow.shared.contracts import Article
    from newsflow.worker.enrich import build_enrichment

    enrichment = build_enrichment(disabled=["entities"], redis=sync_redis, key_prefix=prefix)

    def article(id_: str, uri: str) -> Article:
        return Article(
            id=id_,
            page_id=id_,
            source_uri=uri,
            segment=0,
            segment_count=1,
            body=STORY,
            content_hash=id_,
            fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
            parser="test",
        )

    first = enrichment.enrich(article("a", "https://one.example/story"))
    second = enrichment.enrich(article("b", "https://two.example/copy"))
    assert first.enrichment["near_duplicates"] == {"duplicate_of": None, "similarity": None}
    assert second.enrichment["near_duplicates"] == {"duplicate_of": "a", "similarity": 1.0}
    assert second.enrichers["near_duplicates"] == "2"


def test_a_story_copied_many_times_is_still_flagged_through_sampled_buckets(
    sync_redis: Redis, prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsflow.worker.enrich import duplicates

    monkeypatch.setattr(duplicates, "MAX_CANDIDATES", 4)  # buckets far larger than the sample
    index = NearDuplicateIndex(sync_redis, prefix, threshold=0.7)
    index.check_and_add("storm", OTHER)
    for n in range(30):
        index.check_and_add(f"copy-{n}", STORY.replace("Tuesday", f"Tuesday {n}"))
    found = index.check_and_add("late", STORY + " Read more.")
    assert found.duplicate_of is not None and found.duplicate_of.startswith("copy-")
    assert index.check_and_add("storm-again", OTHER + " Updated.").duplicate_of == "storm"


class Clock:
    """A settable unix time, so generations can be crossed without waiting days."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


DAY = 86_400.0
TODAY = int(time.time() // DAY)  # real days: keys set to expire in the past would vanish at once


def _windowed(redis: Redis, prefix: str) -> tuple[NearDuplicateIndex, Clock]:
    """An index with one-day generations and a clock just past today's start."""
    clock = Clock(TODAY * DAY + 10)
    return NearDuplicateIndex(redis, prefix, threshold=0.7, window_s=DAY, clock=clock), clock


def test_a_windowed_index_finds_copies_from_the_previous_window_and_forgets_older_ones(
    sync_redis: Redis, prefix: str
) -> None:
    index, clock = _windowed(sync_redis, prefix)
    assert index.check_and_add("monday", STORY).duplicate_of is None
    clock.now += DAY  # the next generation: the first copy is still looked at
    assert index.check_and_add("tuesday", STORY + " Updated.").duplicate_of == "monday"
    clock.now += 2 * DAY  # two generations on: neither is looked at any more
    assert index.check_and_add("thursday", STORY).duplicate_of is None


def test_a_windowed_index_keys_expire_once_no_article_can_look_at_them(
    sync_redis: Redis, prefix: str
) -> None:
    index, _clock = _windowed(sync_redis, prefix)
    index.check_and_add("monday", STORY)
    keys = list(sync_redis.scan_iter(match=f"{prefix}:neardup:{TODAY}:*", count=500))
    assert len(keys) > 30  # signatures, datasketch's key table, one bucket and table per band
    expiries = {sync_redis.expiretime(key) for key in keys}
    assert expiries == {int((TODAY + 2) * DAY) + 3600}  # the end of the next generation, plus a margin
    assert sync_redis.ttl(f"{prefix}:neardup:seq") == -1  # the sequence counter is one small key


def test_an_article_redelivered_in_the_next_window_is_carried_into_it_as_first_stored(
    sync_redis: Redis, prefix: str
) -> None:
    index, clock = _windowed(sync_redis, prefix)
    index.check_and_add("first", STORY)
    index.check_and_add("second", STORY)
    clock.now += DAY
    assert index.check_and_add("first", STORY).duplicate_of is None  # not a copy of its own later copies
    then = sync_redis.hget(f"{prefix}:neardup:{TODAY}:sig", "first")
    now = sync_redis.hget(f"{prefix}:neardup:{TODAY + 1}:sig", "first")
    assert then is not None and now == then  # same sequence number, same signature


def test_an_article_seen_in_every_window_is_never_a_copy_of_its_own_copies(
    sync_redis: Redis, prefix: str
) -> None:
    index, clock = _windowed(sync_redis, prefix)
    assert index.check_and_add("original", STORY).duplicate_of is None
    clock.now += DAY
    assert index.check_and_add("copy", STORY + " Updated.").duplicate_of == "original"
    for _ in range(3):  # re-fetched once a window: carried forward as first stored, never a copy
        assert index.check_and_add("original", STORY).duplicate_of is None
        clock.now += DAY
    assert index.check_and_add("later-copy", STORY).duplicate_of == "original"
