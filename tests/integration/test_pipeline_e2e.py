"""End to end through newsflow's own pytest plugin: real service processes and in-process services."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from redis.asyncio import Redis

from newsflow.pytest_plugin import Harness
from newsflow.shared.contracts import Article, DeadLetter, Page
from newsflow.testing import Deployment, Pipeline

pytestmark = pytest.mark.integration

SEED_URI = "https://news.example/hangzhou-and-iran"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TITLES = [
    "China's Hangzhou drives vitality in sci-tech sector via innovations",
    "Iranian president says government focusing on ensuring supplies amid protests",
]


def test_seed_page_is_stored_as_its_two_articles_once(newsflow_deployment: Harness, seed_text: str) -> None:
    page = Page(uri=SEED_URI, body=seed_text)
    page_id = newsflow_deployment.submit_page(page)
    outcome = newsflow_deployment.wait_for_articles(page_id)
    assert all(isinstance(a, Article) for a in outcome.articles)
    assert [a.title for a in outcome.articles] == TITLES
    assert outcome.dead_letters == []

    newsflow_deployment.submit_page(page)  # the same page again
    again = newsflow_deployment.wait_for_articles(page_id)
    assert [a.id for a in again.articles] == [a.id for a in outcome.articles]


def test_submit_page_takes_a_path_and_wait_names_a_page_never_submitted(newsflow_pipeline: Harness) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    page_id = newsflow_pipeline.submit_page(seed)
    assert len(newsflow_pipeline.wait_for_articles(page_id, timeout=120).articles) >= 1
    with pytest.raises(LookupError, match="never-sent"):
        newsflow_pipeline.wait_for_articles("never-sent", timeout=5)


def test_bad_page_is_dead_lettered_with_a_typed_letter(newsflow_pipeline: Harness) -> None:
    page_id = newsflow_pipeline.submit_page(Page(uri="https://news.example/empty", body="Menu\n\nHome\n"))
    outcome = newsflow_pipeline.wait_for_articles(page_id)
    assert outcome.articles == []
    (letter,) = outcome.dead_letters
    assert isinstance(letter, DeadLetter)
    assert (letter.stage, letter.error_type, letter.page_id) == ("splitter", "NoArticles", page_id)


async def test_deployment_waits_until_ready_and_drains_an_empty_prefix_at_once(
    redis_url: str, sqlite_url: str, seed_text: str
) -> None:
    async with Deployment(redis_url, sqlite_url) as dep:
        assert dep.prefix.startswith("nftest-")
        await dep.wait_drained(seconds=1)  # nothing submitted: idle, not a timeout
        fetched = datetime(2025, 2, 18, tzinfo=UTC)
        first = Page(uri=SEED_URI, body=seed_text, fetched_at=fetched)
        edited = seed_text.replace("over 280 new businesses", "over 290 new businesses")
        second = Page(uri=SEED_URI, body=edited, fetched_at=fetched + timedelta(hours=1))
        await dep.submit_page(first)
        await dep.wait_for_articles(first.id)
        await dep.submit_page(second)
        await dep.wait_for_articles(first.id)
        stored = await dep.stored()
        assert {a.segment: a.revision for a in stored} == {0: 2, 1: 1}
        assert "over 290 new businesses" in stored[0].body
        prefix, log_dir = dep.prefix, dep.log_dir
    codes = {s.consumer: s.process.returncode for s in dep.services}
    assert codes == {"splitter-0": 0, "worker-0": 0, "sink-0": 0}
    assert not log_dir.exists()
    client = Redis.from_url(redis_url)
    try:
        assert [k async for k in client.scan_iter(match=f"{prefix}:*")] == []
    finally:
        await client.aclose()


async def test_raw_entries_a_producer_writes_are_dead_lettered_and_good_pages_still_stored(
    redis_url: str, sqlite_url: str, seed_text: str
) -> None:
    async with Pipeline(redis_url, sqlite_url, env={"NEWSFLOW_ENRICHERS_DISABLED": "entities,places"}) as run:
        await run.redis.xadd(run.streams.pages, {"payload": b"{broken json"})
        await run.redis.xadd(run.streams.pages, {"payload": json.dumps({"uri": "x", "body": "tiny"})})
        page_id = await run.submit_page(Page(uri=SEED_URI, body=seed_text))
        outcome = await run.wait_for_articles(page_id)
        assert len(outcome.articles) == 2
        letters = await run.dead_letters()
        assert sorted(d.error_type for d in letters) == ["JSONDecodeError", "NoArticles"]


def test_newsflow_run_ingests_seeds_on_an_embedded_broker(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from newsflow.cli import main

    for var in ("NEWSFLOW_REDIS_URL", "NEWSFLOW_LOG_LEVEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{tmp_path / 'run.db'}")
    seeds = SEEDS
    files = sorted(str(p) for p in seeds.iterdir())
    parsed = CliRunner().invoke(main, ["parse", "--jsonl", *files])
    assert parsed.exit_code == 0, parsed.output
    expected = {json.loads(line)["id"]: json.loads(line)["title"] for line in parsed.stdout.splitlines()}
    assert len(expected) >= 2

    result = CliRunner().invoke(main, ["run", str(seeds)])
    assert result.exit_code == 0, result.output
    assert f"{len(files)} pages, {len(expected)} articles stored, 0 dead letters" in " ".join(
        result.output.split()
    )
    listed = CliRunner().invoke(main, ["articles", "--jsonl"])
    assert listed.exit_code == 0, listed.output
    stored = {json.loads(line)["id"]: json.loads(line)["title"] for line in listed.stdout.splitlines()}
    assert stored == expected


def test_newsflow_ingest_publishes_pages_for_a_running_deployment(
    redis_url: str,
    prefix: str,
    redis: Redis,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from click.testing import CliRunner
    from redis import Redis as SyncRedis

    from newsflow.cli import main

    monkeypatch.setenv("NEWSFLOW_REDIS_URL", redis_url)
    monkeypatch.setenv("NEWSFLOW_STREAM_PREFIX", prefix)
    result = CliRunner().invoke(main, ["ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    client = SyncRedis.from_url(redis_url)
    try:
        entries = client.xrange(f"{prefix}:pages")
        groups = {g["name"] for g in client.xinfo_groups(f"{prefix}:pages")}
    finally:
        client.close()
    uris = sorted(json.loads(fields[b"payload"])["uri"] for _id, fields in entries)
    assert uris == sorted(str(p) for p in SEEDS.iterdir())
    assert groups == {b"splitter"}  # created at 0 by the producer, before any service
